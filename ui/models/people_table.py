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
BATCH = 100
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
        self._cache: dict[int, PersonRow] = {}

    # --- feeding ---------------------------------------------------------------------------
    def set_index(self, index: Sequence[PersonIndex]) -> None:
        """New data from the database: forget cached rows, keep the sort and the filter."""
        self._index = {i.id: i for i in index}
        self._cache.clear()
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
        source = [self._index[i] for i in self.ids] if narrowing else self._ordered
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
        role = people_filter.role
        stage = people_filter.stage
        ready = people_filter.ready
        wanted_roles = {
            "mentor": frozenset({Role.MENTOR}),
            "mentee": frozenset({Role.MENTEE}),
        }.get(role)
        ids = []
        for item in source:
            if terms and not all(t in item.haystack for t in terms):
                continue
            if role == "both" and len(item.roles) < 2:
                continue
            if wanted_roles is not None and not wanted_roles <= item.roles:
                continue
            if stage is not None and stage not in item.stages:
                continue
            if ready is not None and item.ready is not ready:
                continue
            ids.append(item.id)
        self.beginResetModel()
        self._filter = people_filter
        self.ids = ids
        self.endResetModel()

    def forget(self, person_ids: Sequence[int] | None = None) -> None:
        """Drop cached rows (all, or some) so they are fetched afresh when next shown."""
        if person_ids is None:
            self._cache.clear()
        else:
            for pid in person_ids:
                self._cache.pop(pid, None)
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
            self._cache.update(self._fetch(batch))
            cached = self._cache.get(person_id)
        return cached

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole  # the whole text, for cells too narrow to show it
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == READINESS:
                return READY_COLOUR if row.ready else GAP_COLOUR
            return None
        if column == NAME:
            return row.name
        if column == ROLES:
            return row.roles_text
        if column == STAGE:
            return row.stage_text
        if column == READINESS:
            return row.readiness_text
        if column == MATCH:
            return row.current_match
        if column == WAITING:
            return "" if row.days_waiting is None else str(row.days_waiting)
        return None

    def row_of(self, person_id: int | None) -> int:
        try:
            return self.ids.index(person_id)  # type: ignore[arg-type]
        except ValueError:
            return -1
