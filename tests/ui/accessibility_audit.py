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
    QTabBar,
    QTableView,
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


def _mnemonic(text: str) -> str:
    """The letter after a single '&' ('' when there is none)."""
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].lower() if 0 <= at < len(cleaned) - 1 else ""


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys in use in `window` as it is shown now, with what each one reaches."""
    from PySide6.QtWidgets import QMainWindow

    found: dict[str, list[str]] = {}

    def add(text: str, what: str) -> None:
        letter = _mnemonic(text)
        if letter:
            found.setdefault(letter, []).append(f"{what} {text.replace('&', '')!r}")

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            add(action.text(), "menu")
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text(), "button")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            if widget.buddy().isVisibleTo(window):
                add(widget.text(), "label")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index), "tab")
    return found


def mnemonic_clashes(window: QWidget) -> list[str]:
    return [
        f"{type(window).__name__} {window.windowTitle()!r}: Alt+{letter.upper()} is "
        + " and ".join(users)
        for letter, users in sorted(mnemonics(window).items())
        # The same control repeated (one "Update stage…" per role): Alt+U moves between them.
        if len({u.split(" ", 1)[1] for u in users}) > 1
    ]
