"""Small typed helpers for the UI tests: Qt hands back optional items and base classes, and
these say plainly (with an assert) what the test expects to find."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QApplication, QListWidget, QTableWidget, QWidget

from ui.main_window import MainWindow
from ui.pages.base import Page

P = TypeVar("P", bound=Page)


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text in a table cell, which must exist."""
    item = table.item(row, column)
    assert item is not None, f"no item at row {row}, column {column}"
    return item.text()


def item_text(items: QListWidget, row: int) -> str:
    """The text of a list entry, which must exist."""
    item = items.item(row)
    assert item is not None, f"no item at row {row}"
    return item.text()


def open_page(window: MainWindow, key: str, kind: type[P]) -> P:
    """Go to the page called `key` and return it, checking it is a `kind`."""
    window.go_to(key)
    page = window.stack.currentWidget()
    assert isinstance(page, kind)
    return page


def programme_id(window: MainWindow) -> int:
    """The current programme's id (the demo always has one)."""
    current = window.context.programme_id
    assert current is not None
    return current


def focused() -> QWidget:
    """The widget with the keyboard focus, which there must be."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget
