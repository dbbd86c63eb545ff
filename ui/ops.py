"""Running a coordinator's action: one unit of work, plain messages, one app-wide signal.

A page calls `ops.run(parent, lambda s: service(s, ...))`. The runner opens a session, calls
the service, commits or rolls back, shows a plain-English message for a problem the user can
fix, and broadcasts the returned `Changes` so every page can refresh itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.i18n import _
from app.services.changes import Changes
from app.services.errors import ActionRefused, ValidationError
from app.storage import Database
from app.storage.errors import StorageError, translate

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Added to an unexpected error that escaped a unit of work, which was therefore rolled back:
#: the crash message can then say for certain that the last change was not saved.
ROLLED_BACK_NOTE = "Mentor Desk: this action was rolled back; nothing of it was saved."


def rolled_back(error: BaseException) -> bool:
    """Whether `error` escaped from an action whose unit of work was rolled back."""
    return ROLLED_BACK_NOTE in getattr(error, "__notes__", ())


class OpRunner(QObject):
    changes_made = Signal(object)  # Changes

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database

    def read(self, fn: Callable[[Session], T]) -> T:
        """Run a read-only query in its own session."""
        with self.database.session() as s:
            return fn(s)

    def run(
        self,
        parent: QWidget | None,
        fn: Callable[[Session], Any],
        *,
        on_invalid: Callable[[dict[str, str]], object] | None = None,
    ) -> Any:
        """Run a service in one unit of work. Returns its result, or None if it failed (the
        user has been told). A ValidationError goes to `on_invalid` when given, so a dialog can
        put each message next to its field."""
        try:
            with self.database.session() as s:
                result = fn(s)
        except ValidationError as exc:
            if on_invalid is not None:
                on_invalid(exc.errors)
            else:
                QMessageBox.warning(parent, _("Please check"), "\n".join(exc.errors.values()))
            return None
        except ActionRefused as exc:
            QMessageBox.information(parent, _("Not done"), str(exc))
            return None
        except StaleDataError:
            QMessageBox.warning(
                parent,
                _("Changed elsewhere"),
                _(
                    "Someone else changed this record while you were editing it. "
                    "Your change was not saved; open the record again to see the latest version."
                ),
            )
            return None
        except StorageError as exc:
            QMessageBox.warning(parent, _("Could not save"), str(exc))
            return None
        except Exception as exc:
            known = translate(exc)
            if known is None:
                # A bug: the application's exception hook logs it and tells the coordinator
                # that this action was not saved (the session rolled it back) and what to do.
                exc.add_note(ROLLED_BACK_NOTE)
                raise
            QMessageBox.warning(parent, _("Could not save"), str(known))
            return None
        changes = result if isinstance(result, Changes) else None
        if changes is not None and changes.anything:
            self.changes_made.emit(changes)
        return result
