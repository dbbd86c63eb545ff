"""People's rights over their data (UK GDPR): a subject access export, erasure on request, and
anonymisation when the programme's retention period is over.

Everything held on a person is found by following the references down from their record: their
roles, screening, checks and tasks, their matches and everything recorded on those. A record
that names someone else by reference (the other person's role) is left out, and in what is
shared with a partner (a match, its meetings) the partner's names are replaced by "your mentor"
or "your mentee". Private meeting notes are included only when the coordinator asks.

Anonymising keeps every row, date, number and choice (so the report figures stay the same) and
empties or rewrites only the words: the person's own details are cleared, free text in records
that are only about them is emptied, and their names are taken out of what they share with a
partner. Erasure on request is the same, except that safeguarding concerns are kept as they are
(and listed for the coordinator first), and the reason is recorded in the audit trail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Enum, String, Table, Text, insert, select, update
from sqlalchemy.orm import Session

from app import clock
from app.formatting import format_date
from app.i18n import N_, _
from app.model import AuditEntry, Base, Match, Participant, Person, Programme, Role
from app.model.audit import who_of
from app.services.changes import EVERYTHING, Changes
from app.services.errors import ActionRefused, NotFound

#: Bookkeeping, not about anyone: never followed or exported.
_SKIP = frozenset({"alembic_version", "form_draft", "audit_entry", "person"})
#: Reached through a match: shared with the partner, so only names are taken out.
_SHARED_ROOT = "match"
#: Kept as they are when a person asks to be erased: records of concern for someone's safety.
SAFEGUARDING = frozenset({"concern"})
#: The person's own details that anonymising clears (everything else on the row is kept).
_PERSON_TEXT = (
    "preferred_name",
    "email",
    "phone",
    "setting",
    "job_role",
    "notes",
    "gender",
    "postcode",
    "locality",
    "line_manager_name",
    "sssc_number",
    "sssc_category",
    "qualifications",
    "availability",
    "interests",
    "areas_to_develop",
    "partner_preferences",
    "preference_reason",
    "languages",
    "access_needs",
)
ANONYMISED_FIRST = N_("Anonymised")
#: The audit trail's action for an anonymised person (app.model.audit.AuditAction has the rest).
ANONYMISED = "anonymised"
_PARTNER = {Role.MENTOR: N_("your mentor"), Role.MENTEE: N_("your mentee")}


@dataclass
class Found:
    """Everything held on one person: rows by table, and which rows are shared with a partner."""

    person: dict[str, Any]
    rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    shared: set[tuple[str, int]] = field(default_factory=set)
    participant_ids: set[int] = field(default_factory=set)
    #: The other person's participant id in each match, and which role they had there.
    partners: dict[int, Role] = field(default_factory=dict)
    partner_people: dict[int, Role] = field(default_factory=dict)


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _pk(table: Table) -> str:
    return next(iter(table.primary_key.columns)).name


def _about_someone_else(table: Table, row: dict[str, Any], found: Found) -> bool:
    """A row that points at another person's role, or a support contact with the partner."""
    for fk in table.foreign_keys:
        target = fk.column.table.name
        value = row.get(fk.parent.name)
        if value is None:
            continue
        if target == "participant" and value not in found.participant_ids:
            return True
        if target == "person" and value != found.person["id"]:
            return True
    if table.name == "support_contact":
        match = found.rows.get("match", {}).get(row.get("match_id", -1))
        if match is not None:
            partner_role = found.partners.get(match["id"])
            if partner_role is not None and row.get("party") == partner_role.value:
                return True
    return False


def find(s: Session, person_id: int, *, private_notes: bool = False) -> Found:
    """Every row held on `person_id` (binned ones too), following references down from them."""
    conn = s.connection()
    person_t = _table("person")
    person = conn.execute(select(person_t).where(person_t.c.id == person_id)).mappings().first()
    if person is None:
        raise NotFound(_("There is no person with the number {id}.").format(id=person_id))
    found = Found(dict(person))
    participant_t = _table("participant")
    for r in conn.execute(select(participant_t).where(participant_t.c.person_id == person_id)):
        found.participant_ids.add(int(r.id))
    matches = _table("match")
    for m in conn.execute(
        select(matches).where(
            matches.c.mentor_id.in_(found.participant_ids)
            | matches.c.mentee_id.in_(found.participant_ids)
        )
    ).mappings():
        partner_is_mentor = m["mentee_id"] in found.participant_ids
        found.partners[int(m["id"])] = Role.MENTOR if partner_is_mentor else Role.MENTEE
        partner = m["mentor_id"] if partner_is_mentor else m["mentee_id"]
        owner = conn.execute(
            select(participant_t.c.person_id).where(participant_t.c.id == partner)
        ).scalar()
        if owner is not None:
            found.partner_people[int(owner)] = Role.MENTOR if partner_is_mentor else Role.MENTEE
    frontier: list[tuple[str, set[int], bool]] = [("person", {person_id}, False)]
    while frontier:
        parent, ids, shared = frontier.pop()
        for table in Base.metadata.sorted_tables:
            if table.name in _SKIP:
                continue
            if table.name == "meeting_private_note" and not private_notes:
                continue
            for fk in table.foreign_keys:
                if fk.column.table.name != parent or fk.column.name != _pk(fk.column.table):
                    continue
                rows = conn.execute(select(table).where(fk.parent.in_(ids))).mappings()
                new: set[int] = set()
                keyed = found.rows.setdefault(table.name, {})
                in_match = shared or table.name == _SHARED_ROOT
                for hit in rows:
                    row = dict(hit)
                    key = int(row[_pk(table)])
                    if key in keyed:
                        continue
                    if table.name != _SHARED_ROOT and _about_someone_else(table, row, found):
                        continue
                    keyed[key] = row
                    new.add(key)
                    if in_match:
                        found.shared.add((table.name, key))
                if new:
                    frontier.append((table.name, new, in_match))
    found.rows = {t: r for t, r in found.rows.items() if r}
    return found


# --- words: names in, names out --------------------------------------------------------------
def _names_of(person: dict[str, Any]) -> list[str]:
    first, last = person.get("first_name") or "", person.get("last_name") or ""
    preferred = person.get("preferred_name") or ""
    variants = [
        f"{first} {last}",
        f"{preferred} {last}" if preferred else "",
        person.get("email") or "",
        person.get("phone") or "",
        first,
        preferred,
        last,
    ]
    return [v.strip() for v in variants if v and len(v.strip()) > 1]


def _replacer(names: Iterable[tuple[str, str]]) -> Any:
    pairs = sorted({(n, r) for n, r in names if n}, key=lambda p: -len(p[0]))
    if not pairs:
        return lambda text: text
    lookup = {n.casefold(): r for n, r in pairs}
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n, _r in pairs), re.IGNORECASE
    )
    return lambda text: pattern.sub(lambda m: lookup[m.group(0).casefold()], text)


def _is_words(column: Any) -> bool:
    return isinstance(column.type, String | Text) and not isinstance(column.type, Enum)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


# --- subject access ------------------------------------------------------------------------
@dataclass(frozen=True)
class SubjectAccess:
    person_id: int
    data: dict[str, Any]

    def json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=1)


def subject_access(
    s: Session,
    person_id: int,
    today: date,
    *,
    partners_by_name: bool = False,
    private_notes: bool = False,
) -> SubjectAccess:
    """Everything held on the person, with other people in their matches as "your mentor" or
    "your mentee" (unless the coordinator chooses to give their names)."""
    found = find(s, person_id, private_notes=private_notes)
    swaps: list[tuple[str, str]] = []
    if not partners_by_name:
        for other_id, role in found.partner_people.items():
            other = s.get(Person, other_id)
            if other is not None:
                label = _(_PARTNER[role])
                swaps += [(n, label) for n in _names_of(_person_dict(other))]
    rewrite = _replacer(swaps)
    person = {k: _plain(v) for k, v in found.person.items()}
    if not partners_by_name and person.get("line_manager_name"):
        person["line_manager_name"] = _("your line manager")
    person.pop("line_manager_id", None)
    records: dict[str, list[dict[str, Any]]] = {}
    for table_name, rows in sorted(found.rows.items()):
        table = _table(table_name)
        out = []
        for key, row in sorted(rows.items()):
            item = {}
            for column in table.columns:
                value = row[column.name]
                if table_name == "match" and column.name in ("mentor_id", "mentee_id"):
                    if value not in found.participant_ids:
                        value = _(_PARTNER[found.partners[key]])
                if isinstance(value, str) and _is_words(column):
                    value = rewrite(value)
                item[column.name] = _plain(value)
            out.append(item)
        records[table_name] = out
    trail = [
        {
            "at": e.at.isoformat(),
            "who": e.who,
            "action": e.action,
            "record": e.record_table,
            "number": e.record_id,
            "fields": e.fields,
        }
        for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        if (e.record_table == "person" and e.record_id == person_id)
        or (e.record_id is not None and e.record_id in found.rows.get(e.record_table, {}))
    ]
    programmes = sorted(
        {
            p.name
            for p in s.scalars(
                select(Programme)
                .join(Participant, Participant.programme_id == Programme.id)
                .where(Participant.id.in_(found.participant_ids))
                .execution_options(include_removed=True)
            )
        }
    )
    data = {
        "about": _(
            "Everything Mentor Desk holds on this person, as at {date}. Other people in their "
            "matches are named by their role."
        ).format(date=format_date(today)),
        "made_on": today.isoformat(),
        "programmes": programmes,
        "person": person,
        "records": records,
        "audit_trail": trail,
    }
    return SubjectAccess(person_id, data)


def _person_dict(person: Person) -> dict[str, Any]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "preferred_name": person.preferred_name,
        "email": person.email,
        "phone": person.phone,
    }


# --- anonymising and erasing -----------------------------------------------------------------
@dataclass(frozen=True)
class ErasurePlan:
    person_id: int
    name: str
    #: What is kept as it is, and why, in the coordinator's words.
    kept: tuple[str, ...]
    rows: int


def erasure_plan(s: Session, person_id: int) -> ErasurePlan:
    """What erasing `person_id` would do, and what must be kept for safeguarding."""
    found = find(s, person_id, private_notes=True)
    kept = []
    for table_name in sorted(SAFEGUARDING & set(found.rows)):
        n = len(found.rows[table_name])
        kept.append(
            _(
                "{n} safeguarding concern(s) on their matches: kept as they are, because a "
                "concern for someone's safety must be kept (a record of what was raised and "
                "done)."
            ).format(n=n)
        )
    name = f"{found.person['first_name']} {found.person['last_name']}".strip()
    rows = sum(len(r) for r in found.rows.values()) + 1
    return ErasurePlan(person_id, name, tuple(kept), rows)


def is_anonymised(s: Session, person_id: int) -> bool:
    return (
        s.scalar(
            select(AuditEntry.id).where(
                AuditEntry.action == ANONYMISED,
                AuditEntry.record_table == "person",
                AuditEntry.record_id == person_id,
            )
        )
        is not None
    )


def anonymise_person(
    s: Session,
    person_id: int,
    *,
    reason: str,
    keep_safeguarding: bool = False,
) -> Changes:
    """Take every name and contact detail of the person out of the data, keeping the rows and
    their dates, numbers and choices, so every count, hour and outcome in the reports stays."""
    if not reason.strip():
        raise ActionRefused(_("Say why their details are being erased. The reason is kept."))
    found = find(s, person_id, private_notes=True)
    conn = s.connection()
    names = _names_of(found.person)
    removed = _("[name removed]")
    rewrite = _replacer((n, removed) for n in names)
    for table_name, rows in found.rows.items():
        if keep_safeguarding and table_name in SAFEGUARDING:
            continue
        table = _table(table_name)
        words = [c for c in table.columns if _is_words(c)]
        for key, row in rows.items():
            changes: dict[str, Any] = {}
            for column in words:
                value = row[column.name]
                if not isinstance(value, str) or not value:
                    continue
                shared = (table_name, key) in found.shared
                new = rewrite(value) if shared else ""
                if new != value:
                    changes[column.name] = new
            if changes:
                pk = table.c[_pk(table)]
                conn.execute(update(table).where(pk == key).values(**changes))
    # Their full name, e-mail or phone in anyone else's records too.
    exact = [n for n in names[:4] if n]
    if exact:
        sweep = _replacer((n, removed) for n in exact)
        for table in Base.metadata.sorted_tables:
            if table.name in ("alembic_version", "audit_entry"):
                continue
            columns = [c for c in table.columns if _is_words(c)]
            pk = table.c[_pk(table)]
            for column in columns:
                like = [column.ilike(f"%{n}%") for n in exact]
                hits = conn.execute(
                    select(pk, column).where(like[0] if len(like) == 1 else _any(like))
                )
                for key, value in list(hits):
                    new = sweep(value)
                    if new != value:
                        conn.execute(update(table).where(pk == key).values({column.name: new}))
    person_t = _table("person")
    cleared: dict[str, Any] = {c: "" for c in _PERSON_TEXT}
    cleared.update(
        first_name=_(ANONYMISED_FIRST),
        last_name=_("person {id}").format(id=person_id),
        date_of_birth=None,
        line_manager_id=None,
    )
    conn.execute(update(person_t).where(person_t.c.id == person_id).values(**cleared))
    conn.execute(
        insert(AuditEntry).values(
            at=clock.utc_now(),
            who=who_of(s),
            action=ANONYMISED,
            record_table="person",
            record_id=person_id,
            fields=reason.strip()[:1000],
        )
    )
    s.expire_all()
    return EVERYTHING


def _any(clauses: list[Any]) -> Any:
    from sqlalchemy import or_

    return or_(*clauses)


def erase_person(s: Session, person_id: int, reason: str) -> Changes:
    """Erase a person on their request: anonymised as at the end of retention, except that
    safeguarding concerns are kept (see `erasure_plan`), with the reason in the audit trail."""
    return anonymise_person(s, person_id, reason=reason, keep_safeguarding=True)


# --- retention -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RetentionDue:
    person_id: int
    name: str
    #: The day their retention period started (leaving, or their last match's end).
    since: date
    due_on: date
    binned: bool


def retention_due(s: Session, today: date) -> list[RetentionDue]:
    """People whose programme's retention period is over, for review, oldest first."""
    from dateutil.relativedelta import relativedelta

    due: list[RetentionDue] = []
    people = s.scalars(
        select(Person)
        .where(Person.retention_from.is_not(None))
        .execution_options(include_removed=True)
    )
    for person in people:
        if is_anonymised(s, person.id):
            continue
        roles = list(
            s.scalars(
                select(Participant)
                .where(Participant.person_id == person.id)
                .execution_options(include_removed=True)
            )
        )
        months = max(
            (s.get_one(Programme, r.programme_id).retention_months for r in roles),
            default=36,
        )
        role_ids = [r.id for r in roles]
        last_end = s.scalar(
            select(Match.ended_on)
            .where(Match.mentor_id.in_(role_ids) | Match.mentee_id.in_(role_ids))
            .order_by(Match.ended_on.desc())
            .execution_options(include_removed=True)
        )
        assert person.retention_from is not None
        since = max(d for d in (person.retention_from, last_end) if d is not None)
        due_on = since + relativedelta(months=months)
        if due_on <= today:
            due.append(
                RetentionDue(
                    person.id,
                    f"{person.first_name} {person.last_name}".strip(),
                    since,
                    due_on,
                    getattr(person, "removed_on", None) is not None,
                )
            )
    due.sort(key=lambda d: (d.due_on, d.person_id))
    return due


def apply_retention(s: Session, today: date) -> list[RetentionDue]:
    """Anonymise everyone whose retention period is over; returns who was anonymised."""
    due = retention_due(s, today)
    for item in due:
        anonymise_person(
            s,
            item.person_id,
            reason=_("The retention period ended on {date}.").format(date=format_date(item.due_on)),
        )
    return due


def people_choices(s: Session) -> list[tuple[int, str]]:
    """Everyone held (the restore bin's too), by name, for choosing whose data to export or
    erase; the anonymised are left out."""
    gone = set(
        s.scalars(
            select(AuditEntry.record_id).where(
                AuditEntry.action == ANONYMISED, AuditEntry.record_table == "person"
            )
        )
    )
    people = s.scalars(
        select(Person)
        .order_by(Person.last_name, Person.first_name, Person.id)
        .execution_options(include_removed=True)
    )
    return [(p.id, f"{p.first_name} {p.last_name} ({p.id})") for p in people if p.id not in gone]
