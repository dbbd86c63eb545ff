"""Layouts that reflow: a row of buttons wraps, a title and its picker stack, a splitter's panes
go one above the other, and a wide page no longer widens the pages beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.reflow import (
    FlowLayout,
    ReflowRow,
    ReflowSplitter,
    flow_row,
    labelled,
    size_by_current_page,
)


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(10)


def _buttons(n: int) -> list[QPushButton]:
    return [QPushButton(f"A fairly long button {i}") for i in range(n)]


def test_a_row_of_buttons_is_one_line_when_it_fits_and_wraps_when_not(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    buttons = _buttons(5)
    row = flow_row(*buttons)
    holder.setLayout(row)
    one_line = row.sizeHint().width()
    holder.resize(one_line + 20, 200)
    holder.show()
    _settle(qtbot)
    assert len({b.y() for b in buttons}) == 1
    assert [b.x() for b in buttons] == sorted(b.x() for b in buttons)

    holder.resize(one_line // 2, 400)
    _settle(qtbot)
    lines = sorted({b.y() for b in buttons})
    assert len(lines) >= 2
    for button in buttons:  # none cut, none outside
        assert button.width() == button.sizeHint().width()
        assert button.geometry().right() <= holder.width()
    assert row.heightForWidth(one_line // 2) > row.heightForWidth(one_line + 20)


def test_a_wrapping_row_never_asks_for_more_than_its_widest_button(qtbot: QtBot) -> None:
    buttons = _buttons(4)
    row = flow_row(*buttons)
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setLayout(row)
    widest = max(b.minimumSizeHint().width() for b in buttons)
    assert row.minimumSize().width() == widest
    buttons[0].hide()
    assert isinstance(row, FlowLayout)
    assert row.sizeHint().width() < sum(b.sizeHint().width() for b in buttons)


def test_a_caption_stays_beside_its_field(qtbot: QtBot) -> None:
    label = QLabel("&Search:")
    field = QPushButton("field")
    pair = labelled(label, field)
    qtbot.addWidget(pair)
    pair.show()
    _settle(qtbot)
    assert label.buddy() is field
    assert label.geometry().right() < field.x()
    assert abs(label.geometry().center().y() - field.geometry().center().y()) < 4


def test_a_title_and_its_picker_stack_on_a_narrow_screen(qtbot: QtBot) -> None:
    row = ReflowRow()
    qtbot.addWidget(row)
    title = QLabel("Growing Together Mentoring Programme · Riverside Early Years Network")
    title.setWordWrap(True)
    picker = QPushButton("A programme picker of some width")
    row.add(title, 1)
    row.add(picker)
    row.resize(row.needed_width() + 40, 80)
    row.show()
    _settle(qtbot)
    assert picker.x() > title.geometry().right()

    row.resize(row.needed_width() // 2, 200)
    _settle(qtbot)
    assert picker.y() > title.y()
    assert row.minimumSizeHint().width() < row.needed_width() // 2


def test_a_splitter_puts_its_panes_one_above_the_other_when_narrow(qtbot: QtBot) -> None:
    splitter = ReflowSplitter(side_by_side_from=600)
    qtbot.addWidget(splitter)
    left, right = QLabel("left"), QLabel("right")
    left.setMinimumWidth(250)
    right.setMinimumWidth(300)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.resize(800, 300)
    splitter.show()
    _settle(qtbot)
    assert splitter.orientation() == Qt.Orientation.Horizontal

    splitter.resize(400, 600)
    _settle(qtbot)
    assert splitter.orientation() == Qt.Orientation.Vertical
    assert right.y() > left.y()
    # Narrower than the two side by side (550), as wide as the wider pane.
    assert splitter.minimumSizeHint().width() == 300


def test_only_the_page_on_show_sets_the_stack_width(qtbot: QtBot) -> None:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    narrow, wide = QWidget(), QWidget()
    QVBoxLayout(narrow).addWidget(QLabel("x"))
    wide_label = QLabel("x")
    wide_label.setMinimumWidth(900)
    QVBoxLayout(wide).addWidget(wide_label)
    stack.addWidget(narrow)
    stack.addWidget(wide)
    assert stack.minimumSizeHint().width() >= 900  # Qt's default: every page counts
    size_by_current_page(stack)
    assert stack.minimumSizeHint().width() < 900
    stack.setCurrentIndex(1)
    size_by_current_page(stack)
    assert stack.minimumSizeHint().width() >= 900
