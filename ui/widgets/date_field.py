"""A date entry that accepts dd/mm/yyyy or nothing (QDateEdit cannot be left empty)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.dates import parse_date
from app.formatting import format_date
from app.i18n import _


class DateField(QWidget):
    """Line edit plus a calendar button. `value()` raises ValueError with a plain message."""

    edited = Signal()

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(format_date(value))
        self.edit.setPlaceholderText(_("dd/mm/yyyy"))
        # room for a whole date however crowded its row, and at any text size
        digits = self.edit.fontMetrics().horizontalAdvance("00/00/00000")
        self.edit.setMinimumWidth(digits + 12)
        self.edit.setMaximumWidth(max(130, digits + 40))
        self.edit.textEdited.connect(lambda _text: self.edited.emit())
        self.button = QToolButton()
        self.button.setText("…")
        self.button.setToolTip(_("Pick from a calendar"))
        self.button.setAccessibleName(_("Pick a date from a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(self.calendar.firstDayOfWeek().Monday)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def value(self) -> date | None:
        return parse_date(self.edit.text())

    def set_value(self, value: date | None) -> None:
        self.edit.setText(format_date(value))

    def _sync_calendar(self) -> None:
        try:
            current = self.value()
        except ValueError:
            current = None
        if current:
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _picked(self, qdate: QDate) -> None:
        self.set_value(date(qdate.year(), qdate.month(), qdate.day()))
        self.button.menu().hide()
        self.edited.emit()


def read_dates(fields: dict[str, DateField]) -> tuple[dict[str, date | None], dict[str, str]]:
    """Each field's date (None where it cannot be read), and a message for each that cannot be
    read, by field name."""
    values: dict[str, date | None] = {}
    errors: dict[str, str] = {}
    for name, field in fields.items():
        try:
            values[name] = field.value()
        except ValueError as exc:
            errors[name] = str(exc)
            values[name] = None
    return values, errors
