"""Small helpers so a screen reader hears what a sighted coordinator sees.

- A label that shows a value (an e-mail address, a reminder, a board message) keeps its text as
  its accessible name: the caption goes in its accessible description (`describe`), never in
  its name, which would hide the value itself.
- Tables and lists leave Tab to move between controls (`leave_tab`); arrow keys move inside.
- A message that appears without moving the focus ("Saved.", a board result) is announced
  (`announce`) as a polite live-region message.
- An editor inside a table cell (a combo box put there, or the line a cell opens for typing) is
  named for its column and row ("By when: Read the induction pack"), and F2 or Enter on a row
  reaches it (`cell_editors`, `put_in_cell`); Tab from the table moves on through its cell
  widgets (the current row follows) and then out, and Escape in one goes back to the table.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QWidget,
)

from app.i18n import _

#: The widget property holding a cell widget's name pattern, so the name follows its row.
NAME_PATTERN = "cell_name_pattern"


def describe(label: QLabel, caption: str) -> QLabel:
    """`caption` says what `label`'s value is; the value stays what a screen reader reads."""
    label.setAccessibleName("")
    label.setAccessibleDescription(caption.replace("&", ""))
    return label


def leave_tab(view: QAbstractItemView) -> QAbstractItemView:
    """Tab and Shift+Tab leave the table for the next control, as everywhere else."""
    view.setTabKeyNavigation(False)
    return view


def plain_text(label: QLabel) -> str:
    """What `label` shows, without markup (what a screen reader reads when no name is set)."""
    text = label.text()
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def hides_text(label: QLabel) -> bool:
    """Whether `label`'s accessible name replaces the text it shows (so the value is lost)."""
    name = label.accessibleName().strip()
    text = plain_text(label)
    return bool(name and text and name != text)


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say `message` without moving the focus (a polite live region)."""
    if not message or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    QAccessible.updateAccessibility(event)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at `width`×`height`, or smaller on a small or magnified screen (its contents
    scroll), leaving room for the title bar."""
    screen = window.screen().availableGeometry()
    window.resize(min(width, screen.width()), min(height, screen.height() - 40))


def _header(view: QAbstractItemView, column: int) -> str:
    model = view.model()
    text = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else None
    return str(text or "").replace("&", "").strip()


def column_count(model: QAbstractItemModel) -> int:
    """How many columns `model` has (a list model's own count is private in Qt for Python)."""
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount()


def row_label(view: QAbstractItemView, row: int, label_column: int = 0) -> str:
    """What a row is called: the text of its label column, or its number when that is empty."""
    model = view.model()
    text = model.index(row, label_column).data() if model is not None else None
    return str(text or "").strip() or _("row {n}").format(n=row + 1)


def cell_name(view: QAbstractItemView, row: int, column: int, pattern: str = "") -> str:
    """The accessible name of the editor in a cell: `pattern` filled with the row's label (and
    the column's heading); by default "By when: Read the induction pack", or "Action point,
    row 2" for the label column itself."""
    label_column = int(view.property("label_column") or 0)
    heading = _header(view, column)
    if pattern:
        return pattern.format(row=row_label(view, row, label_column), column=heading)
    if column == label_column:
        return _("{column}, row {n}").format(column=heading, n=row + 1)
    return _("{column}: {row}").format(column=heading, row=row_label(view, row, label_column))


class _NamingDelegate(QStyledItemDelegate):
    """Opens the usual editors, each named for its column and row; Tab in one keeps what was
    typed and leaves the table (Qt's own would move on to the next cell, round and round)."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        tab = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in tab
            and isinstance(editor, QWidget)
        ):
            view = self.parent()
            assert isinstance(view, QAbstractItemView)
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            view.setFocus(Qt.FocusReason.TabFocusReason)
            # The table passes Tab on, as when it has the focus itself.
            QApplication.sendEvent(view, QKeyEvent(event.type(), event.key(), event.modifiers()))
            return True
        return super().eventFilter(editor, event)

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        view = self.parent()
        assert isinstance(view, QAbstractItemView)
        editor.setAccessibleName(cell_name(view, index.row(), index.column()))
        return editor


class _CellKeys(QObject):
    """F2 or Enter on a row reaches its editor; Escape in a cell widget goes back to the table."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if watched is self.view:
            return self._on_table(event.key())
        if event.key() == Qt.Key.Key_Escape and not _popup_open(watched):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _on_table(self, key: int) -> bool:
        if key not in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        view = self.view
        if view.state() == QAbstractItemView.State.EditingState:
            return False
        index = view.currentIndex()
        if not index.isValid():
            return False
        widget = view.indexWidget(index)
        if widget is None and _editable(view, index):
            if key == Qt.Key.Key_F2:
                return False  # the table's own F2 opens the cell for typing
            view.edit(index)
            return True
        if widget is None:
            widget = next(iter(row_widgets(view, index.row())), None)
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        return True


def _popup_open(widget: QObject) -> bool:
    from PySide6.QtWidgets import QComboBox

    return isinstance(widget, QComboBox) and widget.view().isVisible()


def _editable(view: QAbstractItemView, index: QModelIndex) -> bool:
    editing = view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    return editing and bool(index.flags() & Qt.ItemFlag.ItemIsEditable)


def row_widgets(view: QAbstractItemView, row: int) -> list[QWidget]:
    """The widgets put in `row`'s cells, left to right."""
    model = view.model()
    if model is None:
        return []
    found = (view.indexWidget(model.index(row, c)) for c in range(column_count(model)))
    return [w for w in found if w is not None]


def cell_editors(view: QAbstractItemView, label_column: int = 0) -> QAbstractItemView:
    """`view`'s cell editors are named for their column and row and reached by F2 or Enter;
    Tab never moves from cell to cell, but on to the cell widgets and out."""
    leave_tab(view)
    view.setProperty("label_column", label_column)
    view.setItemDelegate(_NamingDelegate(view))
    keys = _CellKeys(view)
    view.setProperty("cell_keys", keys)
    view.installEventFilter(keys)
    model = view.model()
    if isinstance(model, QAbstractItemModel):
        model.dataChanged.connect(lambda *_args: rename_cells(view))
        model.rowsRemoved.connect(lambda *_args: rename_cells(view))
    return view


def put_in_cell(
    table: QTableWidget, row: int, column: int, widget: QWidget, pattern: str = ""
) -> QWidget:
    """Put `widget` in a cell of a table set up by `cell_editors`, named for its row and
    column (`pattern` may use {row} and {column}); the name follows the row's label."""
    keys = table.property("cell_keys")
    assert isinstance(keys, _CellKeys), "call cell_editors(table) first"
    widget.setProperty(NAME_PATTERN, pattern)
    table.setCellWidget(row, column, widget)
    widget.setAccessibleName(cell_name(table, row, column, pattern))
    widget.installEventFilter(keys)
    return widget


def rename_cells(view: QAbstractItemView) -> None:
    """Name every cell widget again (after a row's label was typed, or a row removed)."""
    model = view.model()
    if model is None:
        return
    for row in range(model.rowCount()):
        for column in range(column_count(model)):
            widget = view.indexWidget(model.index(row, column))
            if widget is not None:
                pattern = str(widget.property(NAME_PATTERN) or "")
                widget.setAccessibleName(cell_name(view, row, column, pattern))
