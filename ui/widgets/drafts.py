"""One draft mechanism for every form with free text.

`FormDrafts` watches a dialog. Once a second, while what is on the form differs from what was
last kept, it keeps a draft (`app.services.drafts`), and again whenever a field loses the
focus; so a crash loses at most a second of typing even while the typing goes on (a steady
tick, not a pause that each key press puts off). Escape, Cancel or the window's close with
unsaved text asks first: keep it as a draft, discard it, or go back to the form. A kept draft
is put back when the same form is opened again, with a note saying when it was typed and a
button to throw it away. Saving the record throws the draft away once the save has gone
through (if the save fails, the draft is still there).

The values are read straight from the dialog's fields (line edits, text boxes, lists, tick
boxes, number boxes, date fields), so a dialog needs two lines: make a `FormDrafts` at the end
of its constructor and ask `may_close()` in its `reject()`. A form with tables (the meeting
log) passes its own `capture` and `restore`.

"The same form" is the same kind of form, opened from the same record (the person or match
the page is showing), in the same programme, with the same title and starting values (so a
draft of one person's edit is never offered on another's). The draft store is found through
the dialog's parents (the page or record view that opened it has the application context); a
dialog opened without one still asks before its text is thrown away.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from app.formatting import format_day_month, format_time
from app.i18n import _
from app.services import drafts as draft_service
from app.services.changes import Changes
from ui.context import AppContext
from ui.widgets.date_field import DateField

log = logging.getLogger(__name__)

#: How often a changed form is kept, in milliseconds.
SAVE_EVERY_MS = 1000

Snapshot = dict[str, Any]

DISCARD, KEEP, BACK = "discard", "keep", "back"


class DraftStore(Protocol):
    def load(self, key: str) -> tuple[Snapshot, datetime] | None: ...
    def save(self, key: str, data: Snapshot) -> None: ...
    def discard(self, key: str) -> None: ...


class ContextStore:
    """Drafts kept in the open data file, each in its own short unit of work. A failure
    (a full disk, a read-only folder) is logged once and never interrupts the typing."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.failed = False

    def load(self, key: str) -> tuple[Snapshot, datetime] | None:
        try:
            return self.context.ops.read(lambda s: draft_service.load_draft(s, key))
        except Exception:
            log.warning("Could not read the draft %s", key, exc_info=True)
            return None

    def _write(self, fn: Callable[[Any], object]) -> None:
        try:
            with self.context.database.session() as s:
                fn(s)
            self.failed = False
        except Exception:
            if not self.failed:
                log.warning("Could not keep a draft", exc_info=True)
            self.failed = True

    def save(self, key: str, data: Snapshot) -> None:
        self._write(lambda s: draft_service.save_draft(s, key, data))

    def discard(self, key: str) -> None:
        self._write(lambda s: draft_service.discard_draft(s, key))


class CallbackStore:
    """Drafts kept through functions the form was given (a form opened without a context)."""

    def __init__(
        self,
        save: Callable[[Snapshot], object] | None,
        discard: Callable[[], object] | None,
    ) -> None:
        self._save = save
        self._discard = discard

    def load(self, key: str) -> tuple[Snapshot, datetime] | None:
        return None

    def save(self, key: str, data: Snapshot) -> None:
        if self._save is not None:
            self._save(data)

    def discard(self, key: str) -> None:
        if self._discard is not None:
            self._discard()


def find_context(widget: QObject | None) -> AppContext | None:
    """The application context of the nearest parent that has one."""
    while widget is not None:
        context = getattr(widget, "context", None)
        if isinstance(context, AppContext):
            return context
        widget = widget.parent()
    return None


def opened_from(widget: QObject | None) -> str:
    """Which record the form was opened from: the person a record view shows, or the match
    a page has chosen ("" when neither)."""
    while widget is not None:
        record = getattr(widget, "record", None)
        record_id = getattr(record, "id", None)
        if isinstance(record_id, int):
            return f"record:{record_id}"
        chosen = getattr(widget, "selected_match_id", None)
        if callable(chosen):
            return f"match:{chosen()}"
        widget = widget.parent()
    return ""


def restored_note(saved_at: datetime) -> str:
    """ "Restored what you were typing on 23/11 at 14:05." (`saved_at` is in UTC.)"""
    local = saved_at.replace(tzinfo=UTC).astimezone()
    return _(
        "ℹ Restored what you were typing on {day} at {time}. It has not been saved yet."
    ).format(day=format_day_month(local), time=format_time(local))


def _inside_another_field(widget: QWidget, dialog: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QCalendarWidget)):
            return True
        parent = parent.parentWidget()
    return False


def fields_of(dialog: QWidget) -> list[QWidget]:
    """The dialog's own input fields, in a stable order (not the line edits inside lists,
    number boxes or calendars, which their owners stand for)."""
    kinds = (
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
        QComboBox,
        QSpinBox,
        QDoubleSpinBox,
        QCheckBox,
        QRadioButton,
    )
    return [
        widget
        for widget in dialog.findChildren(QWidget)
        if isinstance(widget, kinds) and not _inside_another_field(widget, dialog)
    ]


def _name(number: int, widget: QWidget) -> str:
    return f"{number}:{type(widget).__name__}"


def capture_fields(dialog: QWidget) -> Snapshot:
    """What is on the form, as plain values keyed by position and kind."""
    data: Snapshot = {}
    for number, widget in enumerate(fields_of(dialog)):
        key = _name(number, widget)
        if isinstance(widget, QLineEdit):
            data[key] = widget.text()
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            data[key] = widget.toPlainText()
        elif isinstance(widget, QComboBox):
            data[key] = [widget.currentIndex(), widget.currentText()]
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            data[key] = widget.value()
        elif isinstance(widget, QAbstractButton):
            data[key] = widget.isChecked()
    return data


def restore_fields(dialog: QWidget, data: Snapshot) -> None:
    """Put a snapshot back (fields that no longer match by kind are left as they are)."""
    for number, widget in enumerate(fields_of(dialog)):
        key = _name(number, widget)
        if key not in data:
            continue
        value = data[key]
        if isinstance(widget, QLineEdit) and isinstance(value, str):
            if widget.text() != value:
                widget.setText(value)
                widget.textEdited.emit(value)  # as if typed: the form updates its hints
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and isinstance(value, str):
            if widget.toPlainText() != value:
                widget.setPlainText(value)
        elif isinstance(widget, QComboBox) and isinstance(value, list) and len(value) == 2:
            index, text = value
            if widget.isEditable() and widget.findText(str(text)) < 0:
                widget.setEditText(str(text))
            elif isinstance(index, int) and 0 <= index < widget.count():
                widget.setCurrentIndex(index)
        elif isinstance(widget, QSpinBox) and isinstance(value, int):
            widget.setValue(value)
        elif isinstance(widget, QDoubleSpinBox) and isinstance(value, (int, float)):
            widget.setValue(float(value))
        elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
            if widget.isEnabled():
                widget.setChecked(value)


def ask_to_discard(parent: QWidget, can_keep: bool) -> str:
    """Ask what to do with unsaved text: KEEP it as a draft, DISCARD it or go BACK."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Not saved yet"))
    box.setText(_("You have typed into this form but not saved it."))
    buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    if can_keep:
        buttons |= QMessageBox.StandardButton.Save
        box.setInformativeText(
            _(
                "Keep what you typed as a draft and it will be put back the next time you open "
                "this form. Drafts are not records: they appear in no list or printout."
            )
        )
    box.setStandardButtons(buttons)
    for which, text in (
        (QMessageBox.StandardButton.Save, _("&Keep what I typed as a draft")),
        (QMessageBox.StandardButton.Discard, _("&Discard it")),
        (QMessageBox.StandardButton.Cancel, _("&Go back to the form")),
    ):
        button = box.button(which)
        if button is not None:
            button.setText(text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    if can_keep and answer == QMessageBox.StandardButton.Save:
        return KEEP
    return BACK


class FormDrafts(QObject):
    """Keeps `dialog`'s draft and asks before its text is thrown away.

    Make it at the end of the dialog's constructor, once the fields hold their starting
    values, and call `may_close()` from the dialog's `reject()` (close only when it says so).
    Accepting the dialog keeps the last draft until the page's save goes through."""

    def __init__(
        self,
        dialog: QDialog,
        kind: str,
        *,
        scope: str = "",
        key: str | None = None,
        capture: Callable[[], Snapshot] | None = None,
        restore: Callable[[Snapshot], None] | None = None,
        store: DraftStore | None = None,
        offer: bool = True,
        restored: bool = False,
        banner_layout: QBoxLayout | None = None,
    ) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self._capture = capture or (lambda: capture_fields(dialog))
        self._restore = restore or (lambda data: restore_fields(dialog, data))
        self.context = find_context(dialog.parent())
        if store is None and self.context is not None:
            store = ContextStore(self.context)
        self.store = store
        self.baseline = self._capture()
        self.key = key or self._key(kind, scope)
        self.kept = self.baseline
        self.saves = 0
        self.restored_from: datetime | None = None
        #: The form opened on a draft (put back here, or by its owner): unsaved until saved.
        self.restored = restored
        #: While accepted and waiting for the page's save: what removes the draft then.
        self._waiting: Callable[[Changes], None] | None = None

        self.banner = QWidget()
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(0, 0, 0, 0)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setProperty("role", "note")
        self.start_again_button = QPushButton(_("Discard the draft and sta&rt again"))
        self.start_again_button.setAccessibleName(_("Throw away the draft and start again"))
        self.start_again_button.clicked.connect(self.start_again)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.start_again_button)
        self.banner.hide()
        layout = banner_layout or dialog.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.banner)
        elif isinstance(layout, QFormLayout):
            layout.insertRow(0, self.banner)

        if offer and self.store is not None:
            found = self.store.load(self.key)
            if found is not None and found[0] != self.baseline:
                self.offer_back(*found)

        self.timer = QTimer(self)
        self.timer.setInterval(SAVE_EVERY_MS)
        self.timer.timeout.connect(self.keep)
        self.timer.start()
        dialog.finished.connect(self._finished)
        dialog.installEventFilter(self)
        for field in fields_of(dialog):
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A dialog the page has let go of may live on inside its parent: once Python has
        # dropped this helper's side, there is nothing left to keep.
        dialog = self.__dict__.get("dialog")
        if dialog is None or not shiboken6.isValid(dialog):
            return False
        if watched is dialog and event.type() == QEvent.Type.Show:
            # Shown again (the page's save was refused): keep on keeping.
            self._stop_waiting()
            self.timer.start()
        elif event.type() == QEvent.Type.FocusOut and watched is not dialog:
            # Moving to another field keeps the draft at once (not while the form is being
            # taken apart: its fields lose the focus as they go).
            if dialog.isVisible():
                self.keep()
        return False

    def _key(self, kind: str, scope: str) -> str:
        """The same form for the same record gets the same key: a digest of the kind of form,
        where it was opened from, the programme, its title and its starting values (leaving
        out dates, which a new form fills with today's)."""
        dated = {
            _name(number, widget)
            for number, widget in enumerate(fields_of(self.dialog))
            if isinstance(widget.parentWidget(), DateField)
        }
        values = {k: v for k, v in self.baseline.items() if k not in dated}
        programme = self.context.programme_id if self.context is not None else None
        seed = json.dumps(
            [
                self.dialog.windowTitle(),
                scope,
                opened_from(self.dialog.parent()),
                programme,
                values,
            ],
            sort_keys=True,
            default=str,
        )
        return f"{kind}:{hashlib.sha1(seed.encode()).hexdigest()[:24]}"

    # --- state ----------------------------------------------------------------------------
    def current(self) -> Snapshot:
        return self._capture()

    def unsaved(self) -> bool:
        """Whether the form holds anything the coordinator typed and has not saved."""
        return self.restored or self.current() != self.baseline

    def reset(self) -> None:
        """What is on the form now counts as the starting point, and no draft is kept."""
        self.baseline = self.kept = self.current()
        self.restored = False
        self.restored_from = None
        self.banner.hide()
        if self.store is not None:
            self.store.discard(self.key)

    def offer_back(self, data: Snapshot, saved_at: datetime) -> None:
        """Put a kept draft back on the form, saying so."""
        self._restore(data)
        self.kept = data
        self.restored = True
        self.restored_from = saved_at
        self.show_note(saved_at)

    def show_note(self, saved_at: datetime) -> None:
        self.banner_label.setText(restored_note(saved_at))
        self.banner.show()

    # --- keeping --------------------------------------------------------------------------
    def keep(self) -> None:
        """Keep the draft now if the form changed since it was last kept."""
        if self.store is None or self._waiting is not None:
            return
        now = self.current()
        if now == self.kept:
            return
        if now == self.baseline and not self.restored:
            self.store.discard(self.key)
        else:
            self.store.save(self.key, now)
            self.saves += 1
        self.kept = now

    def start_again(self) -> None:
        """Throw the draft away and put the form back as it opened."""
        self._restore(self.baseline)
        self.reset()

    def may_close(self) -> bool:
        """Whether the dialog may close without saving: asks when there is unsaved text."""
        if not self.unsaved():
            self.timer.stop()
            if self.store is not None and self.kept != self.baseline:
                self.store.discard(self.key)
            return True
        answer = ask_to_discard(self.dialog, self.store is not None)
        if answer == BACK:
            return False
        self.timer.stop()
        if answer == KEEP:
            self.keep()
        elif self.store is not None:
            self.store.discard(self.key)
            self.kept = self.baseline
        return True

    def _finished(self, result: int) -> None:
        self.timer.stop()
        if result == QDialog.DialogCode.Accepted.value:
            self.saved()

    def saved(self) -> None:
        """The values passed their checks and go to be saved. The draft stays until the save
        goes through (the next change made in the data file), so a failed save keeps it."""
        self.timer.stop()
        self.keep()
        if self.context is None:
            if self.store is not None:
                self.store.discard(self.key)
            return
        # A plain function holding what it needs, not this helper: the page may let go of
        # the dialog before the change arrives.
        ops, store, key = self.context.ops, self.store, self.key

        def went_through(_changes: Changes) -> None:
            ops.changes_made.disconnect(went_through)
            if store is not None:
                store.discard(key)

        self._waiting = went_through
        ops.changes_made.connect(went_through)

    def _stop_waiting(self) -> None:
        """The save did not go through (the form is back): stop waiting for it."""
        waiting, self._waiting = self._waiting, None
        if waiting is not None and self.context is not None:
            self.context.ops.changes_made.disconnect(waiting)
