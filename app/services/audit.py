"""Reading the audit trail: one record's history, everything in a period, and a CSV export.

The trail itself is written by a session event (`app.model.audit`); nothing here writes it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, column, or_, select, table
from sqlalchemy.orm import Session

from app.formatting import format_date_time
from app.i18n import N_, _
from app.model import AuditEntry
from app.model.audit import ACTION_LABELS, AuditAction

#: The records a coordinator knows by name; anything else is shown by its table's name.
RECORD_LABELS = {
    "person": N_("Person"),
    "participant": N_("Role in a programme"),
    "programme": N_("Programme"),
    "match": N_("Match"),
    "meeting_log": N_("Meeting log"),
    "meeting_private_note": N_("Private note on a meeting"),
    "action_point": N_("Action point"),
    "goal": N_("Goal"),
    "agreement": N_("Agreement"),
    "review": N_("Review"),
    "support_contact": N_("Support contact"),
    "concern": N_("Concern"),
    "interview": N_("Interview"),
    "reference": N_("Reference"),
    "pvg_record": N_("PVG record"),
    "training_session": N_("Training"),
    "match_closure": N_("Closure"),
}


@dataclass(frozen=True)
class AuditRow:
    at: datetime  # local time
    who: str
    action: str
    record: str
    record_id: int | None
    fields: str


def record_label(table: str) -> str:
    label = RECORD_LABELS.get(table)
    return _(label) if label else table.replace("_", " ")


def _row(entry: AuditEntry) -> AuditRow:
    try:
        action = _(ACTION_LABELS[AuditAction(entry.action)])
    except ValueError:
        action = entry.action
    return AuditRow(
        at=entry.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None),
        who=entry.who,
        action=action,
        record=record_label(entry.record_table),
        record_id=entry.record_id,
        fields=entry.fields,
    )


def history(s: Session, table: str, record_id: int) -> list[AuditRow]:
    """Everything that happened to one record, oldest first."""
    entries = s.scalars(
        select(AuditEntry)
        .where(AuditEntry.record_table == table, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id)
    )
    return [_row(e) for e in entries]


def entries(
    s: Session, *, table: str | None = None, record_id: int | None = None, limit: int = 2000
) -> list[AuditRow]:
    """The newest entries first, of one kind of record (and one record) if asked."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if table:
        query = query.where(AuditEntry.record_table == table)
    if record_id is not None:
        query = query.where(AuditEntry.record_id == record_id)
    return [_row(e) for e in s.scalars(query.limit(limit))]


#: The records about one person, and the column that ties each to them.
_PERSON_RECORDS = {
    "person_check": "person_id",
    "reference": "person_id",
    "pvg_record": "person_id",
    "training_session": "person_id",
    "task": "person_id",
}
_ROLE_RECORDS = {"stage_change": "participant_id", "interview": "participant_id"}


def person_history(s: Session, person_id: int) -> list[AuditRow]:
    """Everything that happened to one person's details, newest first: the person, their roles
    in programmes, and their checks, references, PVG records, training, tasks, stage changes
    and interviews (those still held; an erased record's own rows stay in the whole trail)."""

    def ids(name: str, tied_by: str, values: list[int]) -> list[int]:
        records = table(name, column("id"), column(tied_by))
        return list(s.scalars(select(records.c.id).where(records.c[tied_by].in_(values))))

    roles = ids("participant", "person_id", [person_id])
    wanted = {"person": [person_id], "participant": roles}
    for name, tied_by in _PERSON_RECORDS.items():
        wanted[name] = ids(name, tied_by, [person_id])
    for name, tied_by in _ROLE_RECORDS.items():
        wanted[name] = ids(name, tied_by, roles) if roles else []
    condition = or_(
        *(
            and_(AuditEntry.record_table == name, AuditEntry.record_id.in_(found))
            for name, found in wanted.items()
            if found
        )
    )
    query = select(AuditEntry).where(condition).order_by(AuditEntry.id.desc())
    return [_row(e) for e in s.scalars(query)]


def tables_in_trail(s: Session) -> list[str]:
    return sorted(s.scalars(select(AuditEntry.record_table).distinct()))


def to_csv(rows: list[AuditRow]) -> str:
    """The rows as CSV (Excel's dialect), dates dd/mm/yyyy, for an inspector or a subject
    access request."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel")
    writer.writerow(
        [_("When"), _("Who"), _("What happened"), _("Record"), _("Number"), _("Fields")]
    )
    for r in rows:
        writer.writerow(
            [
                format_date_time(r.at, seconds=True),
                r.who,
                r.action,
                r.record,
                "" if r.record_id is None else r.record_id,
                r.fields,
            ]
        )
    return out.getvalue()
