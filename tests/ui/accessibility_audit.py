"""What a screen reader and a keyboard user need from every window, checked in one place.

`audit(root)` lists the problems under `root` (visible widgets only):
- an interactive control without an accessible name (nor a label pointing at it);
- a label whose accessible name replaces the text it shows (the value is never heard);
- a table that keeps Tab inside it (Tab moves between cells and never leaves).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTableView,
    QTabBar,
    QTextEdit,
    QWidget,
)

from ui.widgets.accessible import hides_text

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QAbstractSlider,
)


def _where(widget: QWidget) -> str:
    window = widget.window()
    title = window.windowTitle() or type(window).__name__
    text = ""
    if isinstance(widget, (QAbstractButton, QLabel, QLineEdit)):
        text = widget.text()[:40]
    return f"{title}: {type(widget).__name__} {widget.objectName()!r} {text!r}"


def _internal(widget: QWidget) -> bool:
    """Qt's own parts of other controls (tab scrollers, spin-box line edits, calendar arrows)."""
    if widget.objectName().startswith("qt_") or isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, (QTabBar, QAbstractSpinBox, QComboBox, QCalendarWidget)):
            return True
        parent = parent.parentWidget()
    return False


def _labelled_by(widget: QWidget, labels: list[QLabel]) -> bool:
    return any(label.buddy() is widget and label.text().strip() for label in labels)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return widget.accessibleName()
    return interface.text(QAccessible.Text.Name)


def audit(root: QWidget) -> list[str]:
    problems: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    visible = [w for w in widgets if w.isVisibleTo(root.window()) or w is root]
    labels = [w for w in visible if isinstance(w, QLabel)]
    for widget in visible:
        if isinstance(widget, QLabel):
            if hides_text(widget):
                problems.append(
                    f"{_where(widget)} is read as {widget.accessibleName()!r}, hiding its text"
                )
            continue
        if isinstance(widget, QTableView) and widget.tabKeyNavigation():
            problems.append(f"{_where(widget)} keeps Tab inside the table")
        if not isinstance(widget, INTERACTIVE) or _internal(widget):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget, QComboBox):
            # A combo box is read by its current value; what it is for comes from its label.
            if not (widget.accessibleName() or _labelled_by(widget, labels)):
                problems.append(f"{_where(widget)} has no name and no label")
            continue
        if not (accessible_name(widget).strip() or _labelled_by(widget, labels)):
            problems.append(f"{_where(widget)} has no accessible name")
    return problems


def audit_all_windows() -> list[str]:
    found: list[str] = []
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            found += audit(window)
    return found
