"""The programmes list as a Qt table model over plain rows from the programmes service."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.formatting import format_date
from app.i18n import _
from app.model.programme import label
from app.services.programmes import ProgrammeRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

NAME, ORGANISATION, TYPE, STATUS, START, PEOPLE = range(6)
_Index = QModelIndex | QPersistentModelIndex


class ProgrammeTableModel(QAbstractTableModel):
    HEADERS = (
        _("Programme"),
        _("Organisation"),
        _("Type"),
        _("Status"),
        _("Started"),
        _("Mentors / mentees"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ProgrammeRow] = []

    def set_rows(self, rows: list[ProgrammeRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                if row.archived_on:
                    return _("{name} (archived)").format(name=row.name)
                return row.name
            return {
                ORGANISATION: row.organisation,
                TYPE: label(row.mentoring_type),
                STATUS: label(row.status),
                START: format_date(row.start_date),
                PEOPLE: f"{row.mentors} / {row.mentees}",
            }[column]
        if role == SORT_ROLE:
            return {
                NAME: row.name.lower(),
                ORGANISATION: row.organisation.lower(),
                TYPE: row.mentoring_type.value,
                STATUS: row.status.value,
                START: row.start_date.toordinal() if row.start_date else 0,
                PEOPLE: row.mentors + row.mentees,
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.archived_on:
            return Qt.GlobalColor.gray
        return None

    def row_id(self, row: int) -> int:
        return self.rows[row].id
