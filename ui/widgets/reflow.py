"""Layouts that reflow on a narrow or magnified screen (issue 26): side by side when there is
room, one under the other when there is not, instead of the window scrolling sideways.

Rows of buttons and filters wrap like words in a paragraph (FlowLayout, the layout Qt's own
documentation shows for this); otherwise Qt's pieces do the work: a QBoxLayout changes its
direction, a QSplitter its orientation, and pages a QStackedWidget is not showing stop
counting towards its minimum size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
)


class FlowLayout(QLayout):
    """Widgets left to right at their preferred sizes, going on to a new line when a line is
    full. Its minimum width is its widest widget's, so it never makes a window scroll sideways.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._gap(Qt.Orientation.Horizontal) * (
            max(0, len(shown) - 1)
        )
        height = max((i.sizeHint().height() for i in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        size = QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _with_margins(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _gap(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is None:
            return 6
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        found = parent.style().pixelMetric(metric, None, parent)
        return found if found >= 0 else 6

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in `rect` (or only measure, when not `move`); the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        across, down = self._gap(Qt.Orientation.Horizontal), self._gap(Qt.Orientation.Vertical)
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            width = min(item.sizeHint().width(), area.width())
            if lines[-1] and used + across + width > area.width():
                lines.append([])
                used = 0
            used += (across if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            sizes = [_size_within(item, area.width()) for item in line]
            height = max((size.height() for size in sizes), default=0)
            x = area.x()
            for item, size in zip(line, sizes, strict=True):
                if move:
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + across
            y += height + down
        return y - down - area.y() + m.top() + m.bottom() if self._shown() else 0


def _size_within(item: QLayoutItem, room: int) -> QSize:
    """The item's preferred size, narrowed to `room` (a wrapping label grows taller)."""
    hint = item.sizeHint()
    width = min(hint.width(), room)
    height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
    return QSize(width, max(height, item.minimumSize().height()))


def flow_row(*widgets: QWidget) -> FlowLayout:
    """A row of buttons or filters that wraps on a narrow screen."""
    row = FlowLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row


def labelled(label: QLabel, field: QWidget) -> QWidget:
    """A caption and its field kept together on one line of a wrapping row."""
    pair = QWidget()
    line = QHBoxLayout(pair)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(label)
    line.addWidget(field, 1)
    label.setBuddy(field)
    return pair


def _needed_side_by_side(layout: QLayout, widths: list[int]) -> int:
    margins = layout.contentsMargins()
    gaps = layout.spacing() * max(0, len(widths) - 1)
    return sum(widths) + gaps + margins.left() + margins.right()


def _preferred_width(widget: QWidget) -> int:
    """A wrapping label prefers its text on one line; anything else its size hint."""
    if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
        margins = widget.contentsMargins()
        line = widget.fontMetrics().horizontalAdvance(widget.text())
        return line + margins.left() + margins.right() + 2 * widget.margin()
    return widget.sizeHint().width()


def _widest_minimum(widgets: list[QWidget]) -> int:
    """The narrowest width in which each of `widgets`, one under the other, still fits."""
    return max((max(w.minimumSizeHint().width(), w.minimumWidth()) for w in widgets), default=0)


class ReflowRow(QWidget):
    """Widgets in a row while they fit at their preferred widths, else in a column.

    Its minimum width is that of the column, so a narrow window shrinks it (and it stacks)
    rather than scrolling sideways.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int | None = None,
        side_by_side_from: int | None = None,
    ) -> None:
        super().__init__(parent)
        #: When given, the width from which the widgets sit side by side (else the width they
        #: need at their preferred sizes).
        self.side_by_side_from = side_by_side_from
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        if spacing is not None:
            self.box.setSpacing(spacing)

    def add(self, widget: QWidget, stretch: int = 0) -> QWidget:
        self.box.addWidget(widget, stretch)
        return widget

    def _shown(self) -> list[QWidget]:
        items = [self.box.itemAt(i) for i in range(self.box.count())]
        widgets = [item.widget() for item in items if item is not None]
        return [w for w in widgets if w is not None and not w.isHidden()]

    def needed_width(self) -> int:
        """The width the row needs with every widget at its preferred size."""
        if self.side_by_side_from is not None:
            return self.side_by_side_from
        return _needed_side_by_side(self.box, [_preferred_width(w) for w in self._shown()])

    def minimumSizeHint(self) -> QSize:
        shown = self._shown()
        if not shown:
            return QSize(0, 0)
        margins = self.box.contentsMargins()
        widest = _widest_minimum(shown)
        height = super().minimumSizeHint().height()
        return QSize(widest + margins.left() + margins.right(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= self.needed_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
            self.updateGeometry()
        super().resizeEvent(event)


class ReflowSplitter(QSplitter):
    """A splitter whose panes sit side by side when it is at least `side_by_side_from` pixels
    wide, and one above the other when it is narrower (then each keeps its usual height)."""

    def __init__(self, side_by_side_from: int, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.side_by_side_from = side_by_side_from
        self.setChildrenCollapsible(False)

    def minimumSizeHint(self) -> QSize:
        panes = [self.widget(i) for i in range(self.count())]
        shown = [p for p in panes if p is not None and not p.isHidden()]
        if not shown:
            return super().minimumSizeHint()
        widest = _widest_minimum(shown)
        height = super().minimumSizeHint().height()
        if self.orientation() == Qt.Orientation.Vertical:
            # One above the other, each pane asks for its usual height; the window scrolls
            # down rather than squeezing a table to two rows.
            handles = self.handleWidth() * (len(shown) - 1)
            height = max(height, sum(p.sizeHint().height() for p in shown) + handles)
        return QSize(widest, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wanted = (
            Qt.Orientation.Horizontal
            if event.size().width() >= self.side_by_side_from
            else Qt.Orientation.Vertical
        )
        if self.orientation() != wanted:
            self.setOrientation(wanted)
            self.updateGeometry()
        super().resizeEvent(event)


def size_by_current_page(stack: QStackedWidget) -> None:
    """Let only the page on show set the stack's minimum size (by default every page in it
    does, so one wide page would make every other page scroll sideways). Call again after
    putting a page in."""
    current = stack.currentIndex()
    for i in range(stack.count()):
        policy = QSizePolicy.Policy.Preferred if i == current else QSizePolicy.Policy.Ignored
        page = stack.widget(i)
        if page is not None:
            page.setSizePolicy(policy, policy)
    stack.updateGeometry()


#: Room left on the screen for a window's title bar.
TITLE_BAR = 40


def _room_on_screen(window: QWidget) -> QSize:
    screen = window.screen().availableGeometry()
    return QSize(screen.width(), screen.height() - TITLE_BAR)


def _own_button_box(dialog: QDialog) -> QDialogButtonBox | None:
    """The row of OK/Save/Cancel buttons laid out directly in the dialog, if any."""
    layout = dialog.layout()
    if layout is None:
        return None
    for box in dialog.findChildren(QDialogButtonBox):
        if layout.indexOf(box) >= 0:
            return box
    return None


def _needed_size(dialog: QDialog) -> QSize:
    """The least room a dialog needs, counting wrapped text at the dialog's width (Qt sizes a
    window by its contents' one-line widths, so a long wrapped label can end up squashed)."""
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        width = max(dialog.width(), needed.width())
        needed.setHeight(max(needed.height(), layout.totalHeightForWidth(width)))
    return needed


def _scroll_contents(dialog: QDialog, layout: QLayout) -> int:
    """Move the dialog's contents into a scroll area, keeping its Save and Cancel below;
    the width its scroll bar and the new margins take."""
    buttons = _own_button_box(dialog)
    if buttons is not None:
        layout.removeWidget(buttons)
    contents = QWidget()
    contents.setLayout(layout)  # Qt moves the layout, and its widgets, off the dialog
    scroller = QScrollArea()
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setWidget(contents)
    column = QVBoxLayout(dialog)
    column.addWidget(scroller, 1)
    if buttons is not None:
        column.addWidget(buttons)
    if dialog.isVisible():  # new children of a window on show wait for a show of their own
        scroller.show()
        contents.show()
    dialog.setProperty("scrolls-to-fit", True)
    margins = column.contentsMargins()
    return scroller.verticalScrollBar().sizeHint().width() + margins.left() + margins.right()


def fit_dialog_to_screen(dialog: QDialog) -> None:
    """Make a dialog fit its screen (small, or magnified to 150 % or 200 %): one too big has
    its contents scroll, with its Save and Cancel buttons in view below them; one whose
    wrapped text was squashed grows to show it. A wizard keeps its own layout (its pages
    scroll themselves where they are long); only a size asked for that is bigger than the
    screen is given up."""
    room = _room_on_screen(dialog)
    for _round in range(3):  # rows that reflow at the new width change what is needed
        layout = dialog.layout()
        if layout is not None:
            layout.activate()
        needed = _needed_size(dialog)
        if needed.width() > room.width() or needed.height() > room.height():
            wizard = isinstance(dialog, QWizard)
            if layout is not None and not wizard and not dialog.property("scrolls-to-fit"):
                extra = _scroll_contents(dialog, layout)
                needed.setWidth(needed.width() + extra)  # so it scrolls down, not sideways
            dialog.setMinimumSize(0, 0)
        size = dialog.size().expandedTo(needed).boundedTo(room)
        if size == dialog.size():
            return
        dialog.resize(size)


class DialogsFitTheScreen(QObject):
    """Installed on the application: every dialog of ours is fitted to its screen as it opens
    (Qt's own message boxes and file dialogs look after themselves)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and (type(watched) is QDialog or not type(watched).__module__.startswith("PySide6"))
        ):
            fit_dialog_to_screen(watched)
        return False
