"""The list of every meeting log: a Qt model over ids, with rows fetched in batches.

Filtering asks the service for the matching ids only (one indexed query); the rows the view
shows are fetched a batch at a time as they scroll into view and kept until the next change.
So a programme with tens of thousands of logs filters as fast as a small one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.formatting import format_date
from app.i18n import _
from app.services.meetings import MeetingRow, mode_label
from app.services.schedule import CopyState
from app.services.timeline import duration_text

ID_ROLE = Qt.ItemDataRole.UserRole + 2
BATCH = 80

DATE, MENTEE, MENTOR, MODE, LENGTH, PLACE, SIGNED, COPY = range(8)
_Index = QModelIndex | QPersistentModelIndex


class MeetingLogTableModel(QAbstractTableModel):
    HEADERS = (
        _("Date"),
        _("Mentee"),
        _("Mentor"),
        _("How"),
        _("Length"),
        _("Where"),
        _("Signed by both"),
        _("Copy to mentor"),
    )

    def __init__(self, fetch: Callable[[Sequence[int]], list[MeetingRow]]) -> None:
        super().__init__()
        self._fetch = fetch
        self.ids: list[int] = []
        self._rows: dict[int, MeetingRow] = {}

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self.ids = ids
        self._rows = {}
        self.endResetModel()

    def forget_rows(self) -> None:
        """Fetch rows afresh next time they are shown (after an edit)."""
        self._rows = {}
        if self.ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.ids) - 1, len(self.HEADERS) - 1)
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def row(self, number: int) -> MeetingRow | None:
        meeting_id = self.ids[number]
        found = self._rows.get(meeting_id)
        if found is None:
            start = (number // BATCH) * BATCH
            batch = self.ids[start : start + BATCH]
            for row in self._fetch(batch):
                self._rows[row.id] = row
            found = self._rows.get(meeting_id)
        return found

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row(index.row())
        if row is None:
            return None
        column = index.column()
        if column == DATE:
            return format_date(row.held_on)
        if column == MENTEE:
            return row.mentee_name
        if column == MENTOR:
            return row.mentor_name
        if column == MODE:
            return mode_label(row.mode)
        if column == LENGTH:
            return duration_text(row.duration_minutes)
        if column == PLACE:
            return row.place
        if column == SIGNED:
            return _("Yes") if row.signed_by_both else _("Not yet")
        return {
            CopyState.SENT: _("Sent"),
            CopyState.SENT_LATE: _("Sent late"),
            CopyState.WAITING: _("Due by {date}").format(date=format_date(row.copy_due_on)),
            CopyState.LATE: _("⚠ Overdue since {date}").format(date=format_date(row.copy_due_on)),
        }[row.copy_state]
