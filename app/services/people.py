"""People in a programme: adding and editing their details, roles, the pipeline, the list and
the record the People page shows.

The list is built for thousands of people: `people_index` returns one small row per person for
filtering and sorting (readiness computed in bulk), and `people_rows` fetches the columns the
table shows for just the people on screen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.formatting import format_date
from app.i18n import _
from app.model import (
    Interview,
    Match,
    Participant,
    Person,
    PersonCheck,
    PvgRecord,
    Reference,
    Role,
    StageChange,
    Task,
    TrainingSession,
)
from app.model.match import MATCH_STATUS_LABELS, OPEN_STATUSES, EndingKind, MatchStatus
from app.model.person import (
    CONSENT_LABELS,
    GONE_STAGES,
    INACTIVE_STAGES,
    ROLE_LABELS,
    STAGE_LABELS,
    ConsentBasis,
    Stage,
)
from app.model.screening import (
    TASK_LABELS,
    DisclosureType,
    InterviewOutcome,
    RecruitmentDecision,
    TaskKind,
)
from app.services import readiness
from app.services.changes import Changes
from app.services.errors import ActionRefused, check
from app.services.lookups import get_or_refuse, get_participant, get_person
from app.services.readiness import Gap, ScreeningRules
from app.services.screening import pvg_renewals
from app.services.validation import (
    check_birth_date,
    check_email,
    check_not_future,
    check_phone,
    check_postcode,
    text_errors,
)

#: Time allowed to tell Disclosure Scotland that someone has left regulated work.
NOTIFY_WITHIN = relativedelta(months=3)

STAGE_ORDER = {stage: n for n, stage in enumerate(Stage)}
ROLE_ORDER = {Role.MENTOR: 0, Role.MENTEE: 1}


# ----------------------------------------------------------------------------- details


@dataclass(frozen=True)
class PersonDetails:
    """What the coordinator types about a person (the same fields the import can fill)."""

    first_name: str
    last_name: str
    preferred_name: str = ""
    email: str = ""
    phone: str = ""
    date_of_birth: date | None = None
    gender: str = ""
    setting: str = ""
    job_role: str = ""
    line_manager_id: int | None = None
    line_manager_name: str = ""
    sssc_number: str = ""
    sssc_category: str = ""
    qualifications: str = ""
    postcode: str = ""
    locality: str = ""
    availability: str = ""
    interests: str = ""
    areas_to_develop: str = ""
    partner_preferences: str = ""
    preference_reason: str = ""
    languages: str = ""
    access_needs: str = ""
    consent_on: date | None = None
    consent_basis: ConsentBasis = ConsentBasis.NOT_RECORDED
    notes: str = ""

    def cleaned(self) -> PersonDetails:
        """Spaces trimmed; phone, e-mail and postcode in their usual form where valid."""
        values = {
            f.name: getattr(self, f.name).strip()
            for f in fields(self)
            if isinstance(getattr(self, f.name), str)
        }
        cleaned = replace(self, **values)
        email, email_error = check_email(cleaned.email)
        phone, phone_error = check_phone(cleaned.phone)
        postcode, postcode_error = check_postcode(cleaned.postcode)
        return replace(
            cleaned,
            email=cleaned.email if email_error else email,
            phone=cleaned.phone if phone_error else phone,
            postcode=cleaned.postcode if postcode_error else postcode,
        )


TEXT_LIMITS = {
    "first_name": 100,
    "last_name": 100,
    "preferred_name": 100,
    "email": 200,
    "phone": 40,
    "gender": 60,
    "setting": 200,
    "job_role": 200,
    "line_manager_name": 200,
    "sssc_number": 20,
    "sssc_category": 200,
    "languages": 200,
    "locality": 100,
}


def validate_details(details: PersonDetails, today: date) -> dict[str, str]:
    """A plain message per field that cannot be saved as it is (empty when all is well)."""
    errors = text_errors(details)
    if not details.first_name:
        errors["first_name"] = _("Write their first name.")
    if not details.last_name:
        errors["last_name"] = _("Write their last name.")
    for name, limit in TEXT_LIMITS.items():
        if name not in errors and len(getattr(details, name)) > limit:
            errors[name] = _("Keep this under {n} characters.").format(n=limit)
    for name, check_fn in (("email", check_email), ("phone", check_phone)):
        message = check_fn(getattr(details, name))[1]
        if message:
            errors[name] = message
    message = check_postcode(details.postcode)[1]
    if message:
        errors["postcode"] = message
    message = check_birth_date(details.date_of_birth, today)
    if message:
        errors["date_of_birth"] = message
    message = check_not_future(details.consent_on, today)
    if message:
        errors["consent_on"] = message
    if details.consent_on and details.consent_basis == ConsentBasis.NOT_RECORDED:
        errors["consent_basis"] = _("Say on what basis the details are held.")
    if details.sssc_number and not details.sssc_number.replace(" ", "").isalnum():
        errors["sssc_number"] = _("An SSSC registration number has only letters and digits.")
    return errors


def details_of(person: Person) -> PersonDetails:
    return PersonDetails(**{f.name: getattr(person, f.name) for f in fields(PersonDetails)})


def _apply(person: Person, details: PersonDetails) -> None:
    for f in fields(PersonDetails):
        setattr(person, f.name, getattr(details, f.name))


# ----------------------------------------------------------------------------- duplicates


@dataclass(frozen=True)
class PersonKey:
    """Just enough about someone to spot a likely duplicate."""

    id: int
    first_name: str
    last_name: str
    email: str = ""
    date_of_birth: date | None = None
    preferred_name: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Duplicate:
    person_id: int
    name: str
    message: str


def _same_name(a: PersonKey, b: PersonKey) -> bool:
    from rapidfuzz import fuzz
    from rapidfuzz.utils import default_process

    def names(k: PersonKey) -> set[str]:
        out = {default_process(k.name)}
        if k.preferred_name:
            out.add(default_process(f"{k.preferred_name} {k.last_name}"))
        return out

    return any(x == y or fuzz.ratio(x, y) >= 88 for x in names(a) for y in names(b) if x and y)


def find_duplicates(candidate: PersonKey, existing: Iterable[PersonKey]) -> list[Duplicate]:
    """People who are probably the same as `candidate`: the same (or a very similar) name and
    the same e-mail address or date of birth. A warning only; two people can share a name."""
    found: list[Duplicate] = []
    email = candidate.email.casefold()
    for other in existing:
        if other.id == candidate.id:
            continue
        same_email = bool(email) and other.email.casefold() == email
        same_birth = (
            candidate.date_of_birth is not None and other.date_of_birth == candidate.date_of_birth
        )
        if not (same_email or same_birth) or not _same_name(candidate, other):
            continue
        if same_email:
            message = _("{name} has the same name and e-mail address.").format(name=other.name)
        else:
            message = _("{name} has the same name and date of birth ({date}).").format(
                name=other.name, date=format_date(other.date_of_birth)
            )
        found.append(Duplicate(other.id, other.name, message))
    return found


def person_keys(
    s: Session, *, email: str = "", date_of_birth: date | None = None
) -> list[PersonKey]:
    """People who share the e-mail address or the date of birth (indexed look-ups)."""
    conditions = []
    if email:
        conditions.append(func.lower(Person.email) == email.lower())
    if date_of_birth:
        conditions.append(Person.date_of_birth == date_of_birth)
    if not conditions:
        return []
    rows = s.execute(
        select(
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.email,
            Person.date_of_birth,
            Person.preferred_name,
        ).where(or_(*conditions), Person.removed_on.is_(None))
    )
    return [PersonKey(*row) for row in rows]


def all_person_keys(s: Session) -> list[PersonKey]:
    rows = s.execute(
        select(
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.email,
            Person.date_of_birth,
            Person.preferred_name,
        ).where(Person.removed_on.is_(None))
    )
    return [PersonKey(*row) for row in rows]


def possible_duplicates(
    s: Session, details: PersonDetails, exclude_id: int | None = None
) -> list[Duplicate]:
    details = details.cleaned()
    key = PersonKey(
        exclude_id or 0,
        details.first_name,
        details.last_name,
        details.email,
        details.date_of_birth,
        details.preferred_name,
    )
    return find_duplicates(
        key, person_keys(s, email=details.email, date_of_birth=details.date_of_birth)
    )


# ----------------------------------------------------------------------------- changes


def create_person(
    s: Session,
    programme_id: int,
    details: PersonDetails,
    roles: Sequence[Role],
    today: date,
    *,
    stage: Stage = Stage.ENQUIRY,
) -> Changes:
    """Add someone to the programme in one or both roles, starting the pipeline today."""
    details = details.cleaned()
    errors = validate_details(details, today)
    if not roles:
        errors["roles"] = _("Choose at least one role: mentor or mentee.")
    check(errors)
    person = Person()
    _apply(person, details)
    s.add(person)
    s.flush()
    for role in roles:
        _join(s, programme_id, person, role, today, stage)
    s.flush()
    return Changes(people=True, created_id=person.id)


def _join(
    s: Session, programme_id: int, person: Person, role: Role, today: date, stage: Stage
) -> Participant:
    participant = Participant(
        programme_id=programme_id,
        role=role,
        joined_on=today,
        stage=stage,
        stage_on=today,
    )
    person.roles.append(participant)
    s.flush()
    s.add(StageChange(participant_id=participant.id, stage=stage, changed_on=today))
    return participant


def update_person(
    s: Session,
    person_id: int,
    details: PersonDetails,
    today: date,
    *,
    programme_id: int | None = None,
    roles: Sequence[Role] | None = None,
) -> Changes:
    """Save edited details; with `roles`, also add a role the person did not have here yet
    (a role is never taken away here: that is withdrawing, with a reason)."""
    details = details.cleaned()
    errors = validate_details(details, today)
    if details.line_manager_id == person_id:
        errors["line_manager_name"] = _("Someone cannot be their own line manager.")
    if roles is not None and not roles:
        errors["roles"] = _("Choose at least one role: mentor or mentee.")
    check(errors)
    person = get_person(s, person_id)
    _apply(person, details)
    if programme_id is not None and roles:
        held = {p.role for p in person.roles if p.programme_id == programme_id}
        for role in roles:
            if role not in held:
                _join(s, programme_id, person, role, today, Stage.ENQUIRY)
    return Changes(people=True)


def set_stage(s: Session, participant_id: int, stage: Stage, on: date, reason: str = "") -> Changes:
    """Move someone along the pipeline (or out of it). Withdrawing needs a reason; leaving a
    regulated role after a PVG check makes a task to tell Disclosure Scotland."""
    reason = reason.strip()
    stage = Stage(stage)
    participant = get_participant(s, participant_id)
    errors: dict[str, str] = {}
    if stage == Stage.WITHDRAWN and not reason:
        errors["reason"] = _("Say why they withdrew (a few words are enough).")
    if participant.stage_on and on < participant.stage_on:
        errors["on"] = _("The date cannot be before their last change of stage ({date}).").format(
            date=format_date(participant.stage_on)
        )
    check(errors)
    if stage is participant.stage and reason == participant.stage_reason:
        raise ActionRefused(
            _("They are already at the stage “{stage}”.").format(stage=_(STAGE_LABELS[stage]))
        )
    participant.stage = stage
    participant.stage_on = on
    participant.stage_reason = reason
    s.add(StageChange(participant_id=participant.id, stage=stage, changed_on=on, reason=reason))
    s.flush()
    changes = Changes(people=True)
    if stage in GONE_STAGES:
        changes = changes | _notify_if_regulated(s, participant, on)
    _start_retention(s, participant.person_id, on)
    return changes


def _start_retention(s: Session, person_id: int, on: date) -> None:
    """Once every role a person had is withdrawn or left, their retention period runs from
    that day; it stops again if they come back."""
    person = s.get(Person, person_id)
    if person is None:
        return
    still_here = s.scalar(
        select(Participant.id).where(
            Participant.person_id == person_id, Participant.stage.not_in(GONE_STAGES)
        )
    )
    person.retention_from = None if still_here is not None else on


def _notify_if_regulated(s: Session, participant: Participant, on: date) -> Changes:
    person_id = participant.person_id
    held_pvg = s.scalar(
        select(PvgRecord.id).where(
            PvgRecord.person_id == person_id,
            PvgRecord.regulated_role.is_(True),
            PvgRecord.decision == RecruitmentDecision.PROCEED,
        )
    )
    if held_pvg is None:
        return Changes()
    still_here = s.scalar(
        select(Participant.id).where(
            Participant.person_id == person_id, Participant.stage.not_in(GONE_STAGES)
        )
    )
    if still_here is not None:
        return Changes()
    open_task = s.scalar(
        select(Task.id).where(
            Task.person_id == person_id,
            Task.kind == TaskKind.NOTIFY_DISCLOSURE_SCOTLAND,
            Task.done_on.is_(None),
        )
    )
    if open_task is not None:
        return Changes()
    s.add(
        Task(
            programme_id=participant.programme_id,
            person_id=person_id,
            kind=TaskKind.NOTIFY_DISCLOSURE_SCOTLAND,
            due_on=on + NOTIFY_WITHIN,
            note=_("They stopped doing regulated work for the programme on {date}.").format(
                date=format_date(on)
            ),
        )
    )
    return Changes(screening=True)


@dataclass(frozen=True)
class Reminder:
    """Something about a person the coordinator should act on soon."""

    person_id: int
    text: str
    urgent: bool


def reminders(s: Session, programme_id: int, today: date) -> list[Reminder]:
    """PVG memberships that have run out or are due for renewal, and open tasks, most urgent
    first (shown at the top of the People page)."""
    found: list[Reminder] = []
    for task in list_tasks(s, programme_id):
        overdue = task.due_on < today
        found.append(
            Reminder(
                task.person_id,
                (
                    _("{task}: overdue since {date}.") if overdue else _("{task}: due by {date}.")
                ).format(task=task.title, date=format_date(task.due_on)),
                overdue,
            )
        )
    for renewal in pvg_renewals(s, programme_id, today):
        text = (
            _("{name}'s PVG membership ran out on {date}.")
            if renewal.expired
            else _("{name}'s PVG membership is due for renewal by {date}.")
        ).format(name=renewal.name, date=format_date(renewal.renews_on))
        found.append(Reminder(renewal.person_id, text, renewal.expired))
    return sorted(found, key=lambda r: not r.urgent)


def complete_task(s: Session, task_id: int, done_on: date, note: str = "") -> Changes:
    task = get_or_refuse(s, Task, task_id, _("That task no longer exists."))
    if task.done_on is not None:
        raise ActionRefused(
            _("That task was already done on {date}.").format(date=format_date(task.done_on))
        )
    task.done_on = done_on
    if note.strip():
        task.note = f"{task.note}\n{note.strip()}".strip()
    return Changes(screening=True)


@dataclass(frozen=True)
class TaskRow:
    id: int
    person_id: int
    person_name: str
    kind: TaskKind
    title: str
    due_on: date
    done_on: date | None
    note: str


def list_tasks(
    s: Session, programme_id: int, *, person_id: int | None = None, open_only: bool = True
) -> list[TaskRow]:
    query = (
        select(Task, Person.first_name, Person.last_name)
        .join(Person, Person.id == Task.person_id)
        .where(Task.programme_id == programme_id)
        .order_by(Task.due_on, Task.id)
    )
    if person_id is not None:
        query = query.where(Task.person_id == person_id)
    if open_only:
        query = query.where(Task.done_on.is_(None))
    rows = []
    for task, first, last in s.execute(query):
        name = f"{first} {last}"
        rows.append(
            TaskRow(
                id=task.id,
                person_id=task.person_id,
                person_name=name,
                kind=task.kind,
                title=_(TASK_LABELS[task.kind]).format(name=name),
                due_on=task.due_on,
                done_on=task.done_on,
                note=task.note,
            )
        )
    return rows


# ----------------------------------------------------------------------------- the list


@dataclass(frozen=True)
class PersonIndex:
    """One person in the programme, reduced to what filtering and sorting need."""

    id: int
    haystack: str
    roles: frozenset[Role]
    stages: frozenset[Stage]
    ready: bool
    name_key: str
    role_key: str
    stage_key: int
    gap_count: int
    match_key: str
    days_waiting: int | None


@dataclass(frozen=True)
class RoleStatus:
    participant_id: int
    role: Role
    stage: Stage
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class PersonRow:
    """One line of the People table: plain values, ready to show."""

    id: int
    name: str
    roles: tuple[RoleStatus, ...]
    current_match: str
    days_waiting: int | None

    @property
    def ready(self) -> bool:
        return all(not r.gaps for r in self.roles)

    @property
    def roles_text(self) -> str:
        return _(" and ").join(_(ROLE_LABELS[r.role]) for r in self.roles)

    @property
    def stage_text(self) -> str:
        if len(self.roles) == 1:
            return _(STAGE_LABELS[self.roles[0].stage])
        return "; ".join(
            _("{role}: {stage}").format(role=_(ROLE_LABELS[r.role]), stage=_(STAGE_LABELS[r.stage]))
            for r in self.roles
        )

    @property
    def readiness_text(self) -> str:
        if self.ready:
            return _("All checks complete") if self.current_match else _("Ready to match")
        parts = []
        for r in self.roles:
            if not r.gaps:
                continue
            text = " · ".join(g.message.rstrip(".") for g in r.gaps)
            if len(self.roles) > 1:
                text = _("{role}: {gaps}").format(role=_(ROLE_LABELS[r.role]), gaps=text)
            parts.append(text)
        return " · ".join(parts)


def display_name(first: str, last: str, preferred: str) -> str:
    if preferred and preferred != first:
        return _("{first} ({preferred}) {last}").format(first=first, preferred=preferred, last=last)
    return f"{first} {last}"


def _open_partners(
    s: Session, programme_id: int, person_ids: Iterable[int] | None = None
) -> dict[int, list[tuple[str, MatchStatus]]]:
    """For each person with an open match: the partner's name and the match status."""
    mentor = aliased(Participant)
    mentee = aliased(Participant)
    mentor_person = aliased(Person)
    mentee_person = aliased(Person)
    query = (
        select(
            mentor.person_id,
            mentee.person_id,
            mentor_person.first_name,
            mentor_person.last_name,
            mentee_person.first_name,
            mentee_person.last_name,
            Match.status,
        )
        .join(mentor, mentor.id == Match.mentor_id)
        .join(mentee, mentee.id == Match.mentee_id)
        .join(mentor_person, mentor_person.id == mentor.person_id)
        .join(mentee_person, mentee_person.id == mentee.person_id)
        .where(Match.programme_id == programme_id, Match.status.in_(OPEN_STATUSES))
        .order_by(Match.id)
    )
    wanted = set(person_ids) if person_ids is not None else None
    if wanted is not None:
        query = query.where(or_(mentor.person_id.in_(wanted), mentee.person_id.in_(wanted)))
    partners: dict[int, list[tuple[str, MatchStatus]]] = defaultdict(list)
    for tor, tee, tor_first, tor_last, tee_first, tee_last, status in s.connection().execute(query):
        if wanted is None or tor in wanted:
            partners[tor].append((f"{tee_first} {tee_last}", status))
        if wanted is None or tee in wanted:
            partners[tee].append((f"{tor_first} {tor_last}", status))
    return partners


def _match_text(partners: list[tuple[str, MatchStatus]]) -> str:
    return "; ".join(
        _("{name} ({status})").format(name=name, status=_(MATCH_STATUS_LABELS[status]).lower())
        for name, status in partners
    )


def _days_waiting(
    joined: list[tuple[Stage, date | None]], has_match: bool, today: date
) -> int | None:
    """Days since joining, for someone still waiting for a match (None otherwise)."""
    if has_match:
        return None
    waiting = [j for stage, j in joined if stage not in INACTIVE_STAGES and stage != Stage.MATCHED]
    dates = [j for j in waiting if j is not None]
    if not dates:
        return None
    return max(0, (today - min(dates)).days)


def people_index(s: Session, programme_id: int, today: date) -> list[PersonIndex]:
    """Every person in the programme, reduced for filtering and sorting (a few queries)."""
    rules = readiness.rules_for(s, programme_id)
    facts = readiness.facts_for_programme(s, programme_id)
    partners = _open_partners(s, programme_id)
    rows = (
        s.connection()
        .execute(
            select(
                Participant.id,
                Participant.person_id,
                Participant.role,
                Participant.stage,
                Participant.joined_on,
                Person.first_name,
                Person.last_name,
                Person.preferred_name,
                Person.email,
                Person.phone,
                Person.setting,
                Person.job_role,
                Person.postcode,
            )
            .join(Person, Person.id == Participant.person_id)
            .where(Participant.programme_id == programme_id, Person.removed_on.is_(None))
            .order_by(Participant.person_id, Participant.role)
        )
        .all()
    )
    by_person: dict[int, list[Row[*tuple[Any, ...]]]] = defaultdict(list)
    for row in rows:
        by_person[row.person_id].append(row)
    index: list[PersonIndex] = []
    for person_id, parts in by_person.items():
        first = parts[0]
        gap_count = 0
        for part in parts:
            gap_count += len(readiness.gaps_for(facts[part.id], rules, today))
        roles = frozenset(p.role for p in parts)
        stages = frozenset(p.stage for p in parts)
        matched = partners.get(person_id, [])
        index.append(
            PersonIndex(
                id=person_id,
                haystack=" ".join(
                    (
                        first.first_name,
                        first.last_name,
                        first.preferred_name,
                        first.email,
                        first.phone,
                        first.phone.replace(" ", ""),
                        first.setting,
                        first.job_role,
                        first.postcode,
                    )
                ).casefold(),
                roles=roles,
                stages=stages,
                ready=gap_count == 0,
                name_key=f"{first.last_name} {first.first_name}".casefold(),
                role_key=",".join(sorted(r.value for r in roles)),
                stage_key=min(STAGE_ORDER[st] for st in stages),
                gap_count=gap_count,
                match_key=_match_text(matched).casefold(),
                days_waiting=_days_waiting(
                    [(p.stage, p.joined_on) for p in parts], bool(matched), today
                ),
            )
        )
    return index


def people_rows(
    s: Session, programme_id: int, person_ids: Sequence[int], today: date
) -> dict[int, PersonRow]:
    """The table's columns for just these people (the ones on screen)."""
    if not person_ids:
        return {}
    rules = readiness.rules_for(s, programme_id)
    rows = s.execute(
        select(
            Participant.id,
            Participant.person_id,
            Participant.role,
            Participant.stage,
            Participant.joined_on,
            Person.first_name,
            Person.last_name,
            Person.preferred_name,
        )
        .join(Person, Person.id == Participant.person_id)
        .where(Participant.programme_id == programme_id, Participant.person_id.in_(person_ids))
        .order_by(Participant.role)
    ).all()
    facts = readiness.facts_for(s, [r.id for r in rows])
    partners = _open_partners(s, programme_id, person_ids)
    by_person: dict[int, list[Row[*tuple[Any, ...]]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: ROLE_ORDER[r.role]):
        by_person[row.person_id].append(row)
    result: dict[int, PersonRow] = {}
    for person_id, parts in by_person.items():
        first = parts[0]
        matched = partners.get(person_id, [])
        result[person_id] = PersonRow(
            id=person_id,
            name=display_name(first.first_name, first.last_name, first.preferred_name),
            roles=tuple(
                RoleStatus(
                    participant_id=p.id,
                    role=p.role,
                    stage=p.stage,
                    gaps=tuple(readiness.gaps_for(facts[p.id], rules, today)),
                )
                for p in parts
            ),
            current_match=_match_text(matched),
            days_waiting=_days_waiting(
                [(p.stage, p.joined_on) for p in parts], bool(matched), today
            ),
        )
    return result


# ----------------------------------------------------------------------------- the record


@dataclass(frozen=True)
class StageRow:
    stage: Stage
    changed_on: date
    reason: str
    days: int  # days spent in this stage (to the next change, or to today)


@dataclass(frozen=True)
class InterviewRow:
    id: int
    held_on: date
    interviewer: str
    qualities: tuple[str, ...]
    outcome: str
    outcome_value: InterviewOutcome
    notes: str


@dataclass(frozen=True)
class RoleRecord:
    participant_id: int
    role: Role
    stage: Stage
    stage_on: date | None
    stage_reason: str
    joined_on: date | None
    application_on: date | None
    code_signed_on: date | None
    induction_on: date | None
    interviews: tuple[InterviewRow, ...]
    gaps: tuple[Gap, ...]
    history: tuple[StageRow, ...]


@dataclass(frozen=True)
class ReferenceRow:
    id: int
    referee: str
    relationship: str
    contact: str
    requested_on: date | None
    received_on: date | None
    satisfactory: bool | None
    note: str


@dataclass(frozen=True)
class PvgRow:
    id: int
    issued_on: date
    disclosure_type: DisclosureType
    position: str
    reference_number: str
    decision: RecruitmentDecision
    regulated_role: bool
    renews_on: date
    expired: bool
    due_soon: bool


@dataclass(frozen=True)
class TrainingRow:
    id: int
    held_on: date
    topic: str
    hours: float


@dataclass(frozen=True)
class MatchRow:
    id: int
    role: Role
    partner: str
    status: MatchStatus
    proposed_on: date | None
    started_on: date | None
    ended_on: date | None
    end_reason: str
    ending: EndingKind | None = None


@dataclass(frozen=True)
class PersonRecord:
    """Everything the record view shows about one person in one programme."""

    id: int
    version: int
    details: PersonDetails
    name: str
    line_manager: str
    consent: str
    roles: tuple[RoleRecord, ...]
    references: tuple[ReferenceRow, ...]
    pvg: tuple[PvgRow, ...]
    training: tuple[TrainingRow, ...]
    training_hours: float
    matches: tuple[MatchRow, ...]
    tasks: tuple[TaskRow, ...]
    rules: ScreeningRules = field(default_factory=ScreeningRules)
    checks: tuple[CheckRow, ...] = ()

    @property
    def ready(self) -> bool:
        return bool(self.roles) and all(not r.gaps for r in self.roles)

    def role(self, role: Role) -> RoleRecord | None:
        return next((r for r in self.roles if r.role is role), None)


def _history(changes: list[StageChange], today: date) -> tuple[StageRow, ...]:
    rows = []
    for n, change in enumerate(changes):
        end = changes[n + 1].changed_on if n + 1 < len(changes) else today
        rows.append(
            StageRow(
                stage=change.stage,
                changed_on=change.changed_on,
                reason=change.reason,
                days=max(0, (end - change.changed_on).days),
            )
        )
    return tuple(rows)


def person_record(s: Session, programme_id: int, person_id: int, today: date) -> PersonRecord:
    from app.model.screening import OUTCOME_LABELS

    person = get_person(s, person_id)
    rules = readiness.rules_for(s, programme_id)
    participants = list(
        s.scalars(
            select(Participant).where(
                Participant.person_id == person_id, Participant.programme_id == programme_id
            )
        )
    )
    participants.sort(key=lambda p: ROLE_ORDER[p.role])
    facts = readiness.facts_for(s, [p.id for p in participants])
    roles = []
    for p in participants:
        interviews = s.scalars(
            select(Interview)
            .where(Interview.participant_id == p.id)
            .order_by(Interview.held_on, Interview.id)
        ).all()
        changes = list(
            s.scalars(
                select(StageChange)
                .where(StageChange.participant_id == p.id)
                .order_by(StageChange.changed_on, StageChange.id)
            )
        )
        roles.append(
            RoleRecord(
                participant_id=p.id,
                role=p.role,
                stage=p.stage,
                stage_on=p.stage_on,
                stage_reason=p.stage_reason,
                joined_on=p.joined_on,
                application_on=p.application_on,
                code_signed_on=p.code_signed_on,
                induction_on=p.induction_on,
                interviews=tuple(
                    InterviewRow(
                        id=i.id,
                        held_on=i.held_on,
                        interviewer=i.interviewer,
                        qualities=tuple(i.qualities or ()),
                        outcome=_(OUTCOME_LABELS[i.outcome]),
                        outcome_value=i.outcome,
                        notes=i.notes,
                    )
                    for i in interviews
                ),
                gaps=tuple(readiness.gaps_for(facts[p.id], rules, today)),
                history=_history(changes, today),
            )
        )
    references = tuple(
        ReferenceRow(
            r.id,
            r.referee,
            r.relationship,
            r.contact,
            r.requested_on,
            r.received_on,
            r.satisfactory,
            r.note,
        )
        for r in s.scalars(
            select(Reference).where(Reference.person_id == person_id).order_by(Reference.id)
        )
    )
    pvg_rows = []
    for r in s.scalars(
        select(PvgRecord)
        .where(PvgRecord.person_id == person_id)
        .order_by(PvgRecord.issued_on.desc(), PvgRecord.id.desc())
    ):
        status = readiness.pvg_status(r.issued_on, today)
        pvg_rows.append(
            PvgRow(
                id=r.id,
                issued_on=r.issued_on,
                disclosure_type=r.disclosure_type,
                position=r.position,
                reference_number=r.reference_number,
                decision=r.decision,
                regulated_role=r.regulated_role,
                renews_on=status.renews_on,
                expired=status.expired,
                due_soon=status.due_soon,
            )
        )
    training = tuple(
        TrainingRow(t.id, t.held_on, t.topic, t.hours)
        for t in s.scalars(
            select(TrainingSession)
            .where(TrainingSession.person_id == person_id)
            .order_by(TrainingSession.held_on, TrainingSession.id)
        )
    )
    line_manager = person.line_manager_name
    if person.line_manager_id is not None:
        manager = s.get(Person, person.line_manager_id)
        if manager is not None:
            line_manager = manager.full_name
    consent = _(CONSENT_LABELS[person.consent_basis])
    if person.consent_on:
        consent = _("{basis}, recorded {date}").format(
            basis=consent, date=format_date(person.consent_on)
        )
    return PersonRecord(
        id=person.id,
        version=person.version_id,
        details=details_of(person),
        name=display_name(person.first_name, person.last_name, person.preferred_name),
        line_manager=line_manager,
        consent=consent,
        roles=tuple(roles),
        references=references,
        pvg=tuple(pvg_rows),
        training=training,
        training_hours=sum(t.hours for t in training),
        matches=tuple(_matches_of(s, programme_id, person_id)),
        tasks=tuple(list_tasks(s, programme_id, person_id=person_id, open_only=False)),
        rules=rules,
        checks=tuple(open_checks(s, person_id)),
    )


@dataclass(frozen=True)
class CheckRow:
    """Something to check on a person's record (a questionable value from an import)."""

    id: int
    text: str
    source: str
    raised_on: date


def open_checks(s: Session, person_id: int) -> list[CheckRow]:
    return [
        CheckRow(c.id, c.message, c.source, c.raised_on)
        for c in s.scalars(
            select(PersonCheck)
            .where(PersonCheck.person_id == person_id, PersonCheck.checked_on.is_(None))
            .order_by(PersonCheck.id)
        )
    ]


def mark_checked(s: Session, check_id: int, today: date) -> Changes:
    """The coordinator has looked at it (and corrected the record if need be)."""
    check_row = get_or_refuse(s, PersonCheck, check_id, _("That check no longer exists."))
    check_row.checked_on = today
    return Changes(people=True)


def _matches_of(s: Session, programme_id: int, person_id: int) -> list[MatchRow]:
    me = aliased(Participant)
    other = aliased(Participant)
    other_person = aliased(Person)
    rows: list[MatchRow] = []
    for my_side, their_side, role in (
        (Match.mentor_id, Match.mentee_id, Role.MENTOR),
        (Match.mentee_id, Match.mentor_id, Role.MENTEE),
    ):
        query = (
            select(Match, other_person.first_name, other_person.last_name)
            .join(me, me.id == my_side)
            .join(other, other.id == their_side)
            .join(other_person, other_person.id == other.person_id)
            .where(Match.programme_id == programme_id, me.person_id == person_id)
        )
        for match, first, last in s.execute(query):
            rows.append(
                MatchRow(
                    id=match.id,
                    role=role,
                    partner=f"{first} {last}",
                    status=match.status,
                    proposed_on=match.proposed_on,
                    started_on=match.started_on,
                    ended_on=match.ended_on,
                    end_reason=match.end_reason,
                    ending=match.ending_kind,
                )
            )
    rows.sort(key=lambda m: (m.proposed_on or date.min, m.id), reverse=True)
    return rows


def line_manager_choices(s: Session, programme_id: int) -> list[tuple[int, str]]:
    """People who can be picked as a line manager: everyone in the programme, by name."""
    rows = s.execute(
        select(Person.id, Person.first_name, Person.last_name)
        .join(Participant, Participant.person_id == Person.id)
        .where(Participant.programme_id == programme_id, Person.removed_on.is_(None))
        .distinct()
        .order_by(Person.last_name, Person.first_name)
    )
    return [(pid, f"{first} {last}") for pid, first, last in rows]
