"""The audit trail: who created, changed, removed, restored or erased which record, and when,
and who read a private meeting note.

Written by a session event (after every flush, in the same transaction as the change it
describes), so no service has to remember it and none can leave it out. Each entry names the
record (table and number) and, for a change, the fields that changed; never their values, so
the trail is not a second copy of the personal data (and anonymising a person leaves nothing
of them here). "Who" is the coordinator's name set in Settings on this PC (else the computer's
account name), handed in by whoever opens the file through the session's `info`.
"""

from __future__ import annotations

import enum
import getpass
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import BinaryExpression, BindParameter, Index, String, event, insert, inspect
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, UOWTransaction, mapped_column
from sqlalchemy.sql import visitors

from app import clock
from app.i18n import N_
from app.model.base import Base
from app.model.meeting import MeetingPrivateNote


class AuditAction(enum.StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    REMOVED = "removed"  # put in the restore bin
    RESTORED = "restored"  # brought back from the restore bin
    ERASED = "erased"  # deleted for good
    READ = "read"  # a private note was read


ACTION_LABELS = {
    AuditAction.CREATED: N_("created"),
    AuditAction.CHANGED: N_("changed"),
    AuditAction.REMOVED: N_("put in the restore bin"),
    AuditAction.RESTORED: N_("brought back from the restore bin"),
    AuditAction.ERASED: N_("erased"),
    AuditAction.READ: N_("read"),
}


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_record", "record_table", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    who: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    record_table: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int | None]
    #: The names of the fields that changed (never their values).
    fields: Mapped[str] = mapped_column(String(1000), default="")


#: Tables that are bookkeeping, not records: drafts of forms, the trail itself.
NOT_AUDITED = frozenset({"audit_entry", "form_draft", "alembic_version"})
#: `Session.info` key: a callable giving the name of whoever is at the keyboard.
WHO = "audit_who"
#: `Session.info` key: True for a file opened for reading only (nothing can be written).
OFF = "audit_off"
_READS = "audit_reads"


def who_of(session: Session) -> str:
    named: Callable[[], str] | None = session.info.get(WHO)
    name = named() if named is not None else ""
    if name.strip():
        return name.strip()[:200]
    try:
        return getpass.getuser()[:200]
    except (OSError, KeyError):  # pragma: no cover - no account name at all
        return ""


def _record_id(obj: Any) -> int | None:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    if len(key) == 1 and isinstance(key[0], int):
        return key[0]
    return None


def _changed_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    names = []
    for attr in state.mapper.column_attrs:
        if attr.key in ("version_id", "updated_at"):
            continue
        if state.attrs[attr.key].history.has_changes():
            names.append(attr.key)
    return names


def _action_for_change(obj: Any, fields: list[str]) -> AuditAction:
    if "removed_on" in fields:
        history = inspect(obj).attrs["removed_on"].history
        now = history.added[0] if history.added else None
        return AuditAction.RESTORED if now is None else AuditAction.REMOVED
    return AuditAction.CHANGED


@event.listens_for(Session, "after_flush")
def _write_trail(session: Session, _flush: UOWTransaction) -> None:
    rows: list[dict[str, Any]] = []
    at = clock.utc_now()
    who: str | None = None
    for kind, objects in (
        (AuditAction.CREATED, session.new),
        (AuditAction.CHANGED, session.dirty),
        (AuditAction.ERASED, session.deleted),
    ):
        for obj in objects:
            table = getattr(obj, "__tablename__", "")
            if not table or table in NOT_AUDITED:
                continue
            fields: list[str] = []
            action = kind
            if kind is AuditAction.CHANGED:
                fields = _changed_fields(obj)
                if not fields:
                    continue
                action = _action_for_change(obj, fields)
            if who is None:
                who = who_of(session)
            rows.append(
                {
                    "at": at,
                    "who": who,
                    "action": action.value,
                    "record_table": table,
                    "record_id": _record_id(obj),
                    "fields": ", ".join(fields)[:1000],
                }
            )
    for table, record_id in session.info.pop(_READS, []):
        if who is None:
            who = who_of(session)
        rows.append(
            {
                "at": at,
                "who": who,
                "action": AuditAction.READ.value,
                "record_table": table,
                "record_id": record_id,
                "fields": "",
            }
        )
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def note_read(session: Session, table: str, record_id: int | None) -> None:
    """Record that `record_id` in `table` was read (written with the next flush or commit)."""
    if not session.info.get(OFF):
        session.info.setdefault(_READS, []).append((table, record_id))


def _is_column(element: Any, name: str) -> bool:
    """True for `meeting_private_note.<name>` (as the ORM annotates it in a statement, too)."""
    table = getattr(element, "table", None)
    return getattr(element, "name", None) == name and getattr(table, "name", None) == (
        MeetingPrivateNote.__tablename__
    )


def _meeting_asked_for(statement: Any) -> int | None:
    """The meeting in `... WHERE meeting_private_note.meeting_id = N`, if that is the filter."""
    found: list[int] = []

    def visit(binary: BinaryExpression[Any]) -> None:
        if _is_column(binary.left, "meeting_id") and isinstance(binary.right, BindParameter):
            value = binary.right.effective_value
            if isinstance(value, int):
                found.append(value)

    where = getattr(statement, "whereclause", None)
    if where is not None:
        visitors.traverse(where, {}, {"binary": visit})
    return found[0] if len(found) == 1 else None


@event.listens_for(Session, "do_orm_execute")
def _private_note_read(state: ORMExecuteState) -> None:
    """Reading a private note's text (to show, print or export it) goes in the trail."""
    if not state.is_select or state.is_column_load or state.is_relationship_load:
        return
    selected = getattr(state.statement, "selected_columns", ())
    if any(_is_column(c, "text") for c in selected):
        note_read(state.session, "meeting_private_note", _meeting_asked_for(state.statement))


@event.listens_for(Session, "before_commit")
def _flush_reads(session: Session) -> None:
    if session.info.get(_READS):
        session.connection().execute(
            insert(AuditEntry),
            [
                {
                    "at": clock.utc_now(),
                    "who": who_of(session),
                    "action": AuditAction.READ.value,
                    "record_table": table,
                    "record_id": record_id,
                    "fields": "",
                }
                for table, record_id in session.info.pop(_READS)
            ],
        )
