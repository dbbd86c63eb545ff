"""A form layout that shows each validation message directly under its field.

Dialogs add rows with a field name; `show_errors({"name": "..."})` puts each message under its
field (with a warning sign, so colour is not the only signal) and moves focus to the first one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import _
from ui.widgets.accessible import describe


class ErrorForm(QFormLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add_field(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        """Add a labelled field; `label` may contain & for a keyboard shortcut."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setWordWrap(True)
            hint_label.setProperty("role", "hint")
            column.addWidget(hint_label)
        error = QLabel()
        error.setWordWrap(True)
        error.setProperty("role", "error")
        error.setStyleSheet("color: #b00020;")
        error.hide()
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        if isinstance(widget, QLabel):
            # A value shown as text: a screen reader reads the value, the caption describes it.
            describe(widget, label)
        else:
            widget.setAccessibleName(label.replace("&", ""))
        self.addRow(caption, holder)
        self._fields[name] = (widget, error)
        return widget

    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        first: QWidget | None = None
        for name, message in errors.items():
            if name not in self._fields:
                continue
            widget, label = self._fields[name]
            label.setText(_("⚠ {message}").format(message=message))
            label.show()
            widget.setAccessibleDescription(message)
            first = first or widget
        if first is not None:
            first.setFocus()

    def clear_errors(self) -> None:
        for widget, label in self._fields.values():
            label.clear()
            label.hide()
            widget.setAccessibleDescription("")

    def error_text(self, name: str) -> str:
        """The message showing under a field ('' when none): for tests and screen readers."""
        label = self._fields[name][1]
        return label.text() if label.isVisible() or label.text() else ""

    def unknown(self, errors: dict[str, str]) -> dict[str, str]:
        """Messages for fields this form does not have (to show in a general place)."""
        return {k: v for k, v in errors.items() if k not in self._fields}
