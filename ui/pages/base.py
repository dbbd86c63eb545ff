"""What every navigation page offers: a title, a refresh, and a reaction to changes.

A hidden page only marks itself stale when something changes and refreshes when next shown,
so work is not done for pages nobody is looking at.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from app.services.changes import Changes
from ui.context import AppContext


class Page(QWidget):
    #: Name shown in the navigation (already translated by the subclass).
    TITLE = ""
    #: Stable key used to remember the last page.
    KEY = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        context.ops.changes_made.connect(self._changes_made)
        context.programme_changed.connect(self._programme_changed)

    def refresh(self) -> None:
        """Reload everything shown from the services (each page overrides this)."""

    def is_affected_by(self, changes: Changes) -> bool:
        """Whether `changes` alter what this page shows; pages narrow this down."""
        return changes.anything

    def _changes_made(self, changes: Changes) -> None:
        if not self.is_affected_by(changes):
            return
        if self.isVisible():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def _programme_changed(self, _programme_id: object) -> None:
        if self.isVisible():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
