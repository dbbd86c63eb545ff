"""Qt models for the matching board over plain rows from `app.services.matching`.

Waiting mentees can be dragged (they carry their participant id); mentors accept a dropped
mentee and report it through `mentee_dropped`, so the page decides what happens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model.match import OPEN_STATUSES
from app.services.matching import MatchRow, MentorRow, WaitingRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
MENTEE_MIME = "application/x-mentordesk-mentee"
_Index = QModelIndex | QPersistentModelIndex


def waiting_text(row: WaitingRow) -> str:
    days = ngettext("waiting {n} day", "waiting {n} days", row.days_waiting).format(
        n=row.days_waiting
    )
    first = _("{name} (priority), {days}") if row.priority else _("{name}, {days}")
    return first.format(name=row.name, days=days) + "\n" + row.reason


def mentor_text(row: MentorRow) -> str:
    places = (
        _("{free} of {places} places free").format(free=row.remaining, places=row.places)
        if row.ready
        else row.reason
    )
    first = _("{name}: {places}").format(name=row.name, places=places)
    second = (
        _("With {names}").format(names=", ".join(row.mentees))
        if row.mentees
        else (row.setting or _("No mentees yet"))
    )
    return first + "\n" + second


class _RowsListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def row_of(self, participant_id: int | None) -> int:
        return next((i for i, r in enumerate(self.rows) if r.participant_id == participant_id), -1)


class WaitingModel(_RowsListModel):
    """Waiting mentees, draggable onto a mentor."""

    rows: list[WaitingRow]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return waiting_text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return waiting_text(row).replace("\n", ". ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.priority_note or row.reason
        if role == ID_ROLE:
            return row.participant_id
        if role == Qt.ItemDataRole.ForegroundRole and not row.ready:
            return Qt.GlobalColor.darkGray
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.rows[index.row()].ready:
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MENTEE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        if indexes:
            participant_id = self.rows[indexes[0].row()].participant_id
            data.setData(MENTEE_MIME, QByteArray(str(participant_id).encode()))
            data.setText(self.rows[indexes[0].row()].name)
        return data


class MentorModel(_RowsListModel):
    """Mentors with their free places; a mentee dropped on one is reported, not inserted."""

    rows: list[MentorRow]
    mentee_dropped = Signal(int, int)  # mentee participant id, mentor participant id

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return mentor_text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return mentor_text(row).replace("\n", ". ")
        if role == ID_ROLE:
            return row.participant_id
        if role == Qt.ItemDataRole.ForegroundRole and (not row.ready or not row.remaining):
            return Qt.GlobalColor.darkGray
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MENTEE_MIME]

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return data.hasFormat(MENTEE_MIME) and parent.isValid()

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        mentee_id = int(bytes(data.data(MENTEE_MIME).data()).decode())
        self.mentee_dropped.emit(mentee_id, self.rows[parent.row()].participant_id)
        return True


class MatchTableModel(QAbstractTableModel):
    MENTEE, MENTOR, STATUS, SINCE, NEXT = range(5)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[MatchRow] = []
        self.headers = (_("Mentee"), _("Mentor"), _("Status"), _("Since"), _("Next step"))

    def set_rows(self, rows: list[MatchRow]) -> None:
        self.beginResetModel()
        self.rows = rows
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
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.mentee_name,
                row.mentor_name,
                row.status_text,
                format_date(row.since),
                row.next_step,
            )[column]
        if role == SORT_ROLE:
            return (
                row.mentee_name.casefold(),
                row.mentor_name.casefold(),
                OPEN_STATUSES.index(row.status),
                row.since.toordinal() if row.since else 0,
                row.next_step,
            )[column]
        if role == ID_ROLE:
            return row.match_id
        return None

    def row_of(self, match_id: int | None) -> int:
        return next((i for i, r in enumerate(self.rows) if r.match_id == match_id), -1)


class WaitingTableModel(QAbstractTableModel):
    """The waiting list: everyone waiting, priority first, then the longest wait."""

    PRIORITY, NAME, SETTING, SINCE, DAYS, READY, REASON = range(7)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[WaitingRow] = []
        self.headers = (
            _("Priority"),
            _("Mentee"),
            _("Setting"),
            _("Waiting since"),
            _("Days waiting"),
            _("Ready"),
            _("Why not matched yet"),
        )

    def set_rows(self, rows: list[WaitingRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def _ready_text(self, row: WaitingRow) -> str:
        return _("Ready") if row.ready else _("Not ready")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                _("★ Priority") if row.priority else "",
                row.name,
                row.setting,
                format_date(row.waiting_since),
                str(row.days_waiting),
                self._ready_text(row),
                row.reason,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRIORITY:
            return row.priority_note or None
        if role == ID_ROLE:
            return row.participant_id
        return None

    def row_of(self, participant_id: int | None) -> int:
        return next((i for i, r in enumerate(self.rows) if r.participant_id == participant_id), -1)
