"""A small read-only table model over a list of plain rows, with a function per column.

For short lists (a programme's matches, the support contacts due, a match's timeline) where
all rows are loaded at once. Long lists use an id-based model (see meeting_table.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex


class PlainRowsModel(QAbstractTableModel, Generic[R]):
    def __init__(
        self,
        headers: Sequence[str],
        cells: Callable[[R], Sequence[str]],
        *,
        tooltip: Callable[[R], str] | None = None,
    ) -> None:
        super().__init__()
        self.headers = list(headers)
        self._cells = cells
        self._tooltip = tooltip
        self.rows: list[R] = []
        self._texts: list[Sequence[str]] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [self._cells(r) for r in self.rows]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == ROW_ROLE:
            return self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip is not None:
            return self._tooltip(self.rows[index.row()]) or None
        return None
