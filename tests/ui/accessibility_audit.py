"""What a screen reader and a keyboard user need from every window, checked in one place.

`audit(root)` lists the problems under `root` (visible widgets only):
- an interactive control without an accessible name (nor a label pointing at it);
- a label whose accessible name replaces the text it shows (the value is never heard);
- a table that keeps Tab inside it (Tab moves between cells and never leaves);
- an editor inside a table cell (a widget put in a cell, or the line a cell opens for typing:
  the editor of each editable column of the first rows is made and thrown away) whose name
  does not say both its row and its column: unnamed, only the column's heading or the row's
  label, or the same name as another cell's editor.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

from ui.widgets.accessible import column_count, hides_text

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


#: How many rows of each table have their editable cells opened by the audit.
ROWS_OPENED = 3


def _cell_problems(view: QAbstractItemView) -> list[str]:
    """Each editor in `view`'s cells must say which row and which column it is for."""
    model = view.model()
    if model is None:
        return []
    problems: list[str] = []
    seen: dict[str, tuple[int, int]] = {}
    for row in range(model.rowCount()):
        for column in range(column_count(model)):
            index = model.index(row, column)
            widget = view.indexWidget(index)
            opened = widget is None and row < ROWS_OPENED and _opens_editor(view, index)
            if opened:
                # The editor the table would open for typing (it asks its delegate the same)
                delegate = view.itemDelegateForIndex(index)
                assert delegate is not None, _where(view)
                widget = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
            if widget is None:
                continue
            name = widget.accessibleName().strip()
            heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            label = str(model.index(row, 0).data() or "")
            where = f"{_where(view)} cell ({row + 1}, {heading!r}): {type(widget).__name__}"
            if not name:
                problems.append(f"{where} has no accessible name")
            elif name in {heading.replace("&", "").strip(), label.strip()}:
                problems.append(f"{where} is named {name!r}, not its row and column")
            elif name in seen:
                problems.append(f"{where} has the same name as cell {seen[name]}: {name!r}")
            seen.setdefault(name, (row + 1, column + 1))
            if opened:
                widget.hide()
                widget.deleteLater()
    return problems


def _opens_editor(view: QAbstractItemView, index: QModelIndex) -> bool:
    if view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
        return False
    return bool(index.flags() & Qt.ItemFlag.ItemIsEditable)


def _in_cell(widget: QWidget) -> bool:
    """A widget put in a table's cell (its parent is the table's viewport)."""
    parent = widget.parentWidget()
    grand = parent.parentWidget() if parent is not None else None
    return isinstance(grand, QAbstractItemView) and grand.viewport() is parent


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
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            if not _internal(widget):
                problems += _cell_problems(widget)
        if not isinstance(widget, INTERACTIVE) or _internal(widget) or _in_cell(widget):
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
