"""The People list as a Qt table model over ids: fast filtering and sorting on a small index,
with the shown columns fetched in batches for just the rows on screen.

The page hands in the index (one `PersonIndex` per person) and a `fetch(ids)` function that
returns `PersonRow`s; the model never holds database objects or sessions. Typing in the search
box filters the index in memory (narrowing from the previous result while the text only grows),
so a keystroke costs a few milliseconds even with tens of thousands of people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.i18n import _
from app.model import Role
from app.model.person import Stage
from app.services.people import PersonIndex, PersonRow

ID_ROLE = Qt.ItemDataRole.UserRole + 2
NAME, ROLES, STAGE, READINESS, MATCH, WAITING = range(6)
BATCH = 60
_Index = QModelIndex | QPersistentModelIndex

READY_COLOUR = QColor("#1b5e20")
GAP_COLOUR = QColor("#8a4b00")


@dataclass(frozen=True)
class PeopleFilter:
    text: str = ""
    role: str = ""  # "", "mentor", "mentee" or "both"
    stage: Stage | None = None
    ready: bool | None = None


def _sort_key(column: int) -> Callable[[PersonIndex], Any]:
    return {
        NAME: lambda i: i.name_key,
        ROLES: lambda i: (i.role_key, i.name_key),
        STAGE: lambda i: (i.stage_key, i.name_key),
        READINESS: lambda i: (i.gap_count, i.name_key),
        MATCH: lambda i: (i.match_key == "", i.match_key, i.name_key),
        WAITING: lambda i: (-1 if i.days_waiting is None else i.days_waiting, i.name_key),
    }[column]


class PeopleTableModel(QAbstractTableModel):
    HEADERS = (
        _("Name"),
        _("Role"),
        _("Stage"),
        _("Ready to match, or what is missing"),
        _("Current match"),
        _("Days waiting"),
    )

    def __init__(self, fetch: Callable[[Sequence[int]], dict[int, PersonRow]]) -> None:
        super().__init__()
        self._fetch = fetch
        self._index: dict[int, PersonIndex] = {}
        self._ordered: list[PersonIndex] = []
        self._sort = (NAME, Qt.SortOrder.AscendingOrder)
        self._filter = PeopleFilter()
        self.ids: list[int] = []
        self._items: list[PersonIndex] = []
        self._cache: dict[int, PersonRow] = {}
        self._cells: dict[int, tuple[str, ...]] = {}

    # --- feeding ---------------------------------------------------------------------------
    def set_index(self, index: Sequence[PersonIndex]) -> None:
        """New data from the database: forget cached rows, keep the sort and the filter."""
        self._index = {i.id: i for i in index}
        self._cache.clear()
        self._cells.clear()
        self._order()
        self._apply(self._ordered, self._filter)

    def set_filter(self, people_filter: PeopleFilter) -> None:
        previous = self._filter
        narrowing = (
            people_filter.role == previous.role
            and people_filter.stage == previous.stage
            and people_filter.ready == previous.ready
            and people_filter.text.casefold().startswith(previous.text.casefold())
        )
        source = self._items if narrowing else self._ordered
        self._apply(source, people_filter)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self._order()
        self._apply(self._ordered, self._filter)

    def _order(self) -> None:
        column, order = self._sort
        self._ordered = sorted(
            self._index.values(),
            key=_sort_key(column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _apply(self, source: Sequence[PersonIndex], people_filter: PeopleFilter) -> None:
        terms = people_filter.text.casefold().split()
        items: Sequence[PersonIndex] = source
        # One pass per condition, each a tight comprehension: this runs on every keystroke.
        for term in terms:
            items = [i for i in items if term in i.haystack]
        role = people_filter.role
        if role == "both":
            items = [i for i in items if len(i.roles) > 1]
        elif role:
            wanted = Role(role)
            items = [i for i in items if wanted in i.roles]
        if people_filter.stage is not None:
            stage = people_filter.stage
            items = [i for i in items if stage in i.stages]
        if people_filter.ready is not None:
            ready = people_filter.ready
            items = [i for i in items if i.ready is ready]
        self.beginResetModel()
        self._filter = people_filter
        self._items = list(items)
        self.ids = [i.id for i in items]
        self.endResetModel()

    def forget(self, person_ids: Sequence[int] | None = None) -> None:
        """Drop cached rows (all, or some) so they are fetched afresh when next shown."""
        if person_ids is None:
            self._cache.clear()
            self._cells.clear()
        else:
            for pid in person_ids:
                self._cache.pop(pid, None)
                self._cells.pop(pid, None)
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, WAITING))

    @property
    def total(self) -> int:
        return len(self._index)

    # --- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def row_at(self, row: int) -> PersonRow | None:
        person_id = self.ids[row]
        cached = self._cache.get(person_id)
        if cached is None:
            batch = [i for i in self.ids[row : row + BATCH] if i not in self._cache]
            for pid, fetched in self._fetch(batch).items():
                self._cache[pid] = fetched
                self._cells[pid] = (
                    fetched.name,
                    fetched.roles_text,
                    fetched.stage_text,
                    fetched.readiness_text,
                    fetched.current_match,
                    "" if fetched.days_waiting is None else str(fetched.days_waiting),
                )
            cached = self._cache.get(person_id)
        return cached

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            # The tool tip is the whole text, for cells too narrow to show it.
            cells = self._cells_at(index)
            return None if cells is None else cells[index.column()]
        if role == ID_ROLE:
            return self.ids[index.row()] if index.isValid() else None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == READINESS:
            row_number = index.row()
            if not index.isValid() or row_number >= len(self.ids):
                return None
            row = self.row_at(row_number)
            if row is None:
                return None
            return READY_COLOUR if row.ready else GAP_COLOUR
        return None

    def _cells_at(self, index: _Index) -> tuple[str, ...] | None:
        if not index.isValid():
            return None
        row_number = index.row()
        if row_number >= len(self.ids):
            return None
        cells = self._cells.get(self.ids[row_number])
        if cells is None and self.row_at(row_number) is not None:
            cells = self._cells.get(self.ids[row_number])
        return cells

    def row_of(self, person_id: int | None) -> int:
        if person_id is None:
            return -1
        try:
            return self.ids.index(person_id)
        except ValueError:
            return -1
