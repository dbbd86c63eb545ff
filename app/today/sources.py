"""The facts each Today rule reads, gathered for a whole programme with a fixed, small number of
queries (about twenty, whatever the number of people, matches or meetings).

Each source takes the session, the programme, `today` and what the sources share (the pair
names and the programme's matches, read once) and returns plain facts for its rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any, NamedTuple, TypeVarTuple

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session, aliased

from app.model import (
    Agreement,
    Concern,
    Goal,
    GoalAction,
    Match,
    MatchClosure,
    MatchStatus,
    MeetingLog,
    Participant,
    Person,
    Programme,
    PvgRecord,
    SupportContact,
    Task,
)
from app.model.goal import OPEN_GOAL_STATUSES
from app.model.match import OPEN_STATUSES
from app.model.meeting import MEETING_MODES
from app.model.person import INACTIVE_STAGES, Role, Stage
from app.model.programme import SupportContactRule
from app.model.screening import DisclosureType
from app.model.support import ContactDepth, ContactParty
from app.services import reviews, support
from app.services.schedule import (
    ScheduledContact,
    add_months,
    check_due_dates,
    support_contact_schedule,
)
from app.today import rules
from app.today.items import TodayItem


class MatchFacts(NamedTuple):
    id: int
    mentor_id: int
    mentee_id: int
    status: MatchStatus
    started_on: date | None
    planned_end_on: date | None
    ended_on: date | None


class RoleFacts(NamedTuple):
    participant_id: int
    person_id: int
    name: str
    role: Role
    stage: Stage
    stage_on: date | None
    joined_on: date | None


@dataclass
class Shared:
    """What several sources need, read once: the programme's matches and everyone taking part
    (whose names give the pairs' names)."""

    programme: Programme
    matches: list[MatchFacts]
    people: dict[int, RoleFacts]

    def pair(self, match_id: int) -> tuple[str, str]:
        return self.names.get(match_id, ("", ""))

    @cached_property
    def names(self) -> dict[int, tuple[str, str]]:
        """{match id: (mentor's name, mentee's name)}, for the matches whose people are both
        on the record (not in the restore bin)."""
        people = self.people
        return {
            m.id: (people[m.mentor_id].name, people[m.mentee_id].name)
            for m in self.matches
            if m.mentor_id in people and m.mentee_id in people
        }

    def ids(self, *statuses: MatchStatus) -> list[int]:
        return [m.id for m in self.matches if m.status in statuses]

    def active_roles(self) -> list[RoleFacts]:
        """The people still taking part (not withdrawn or left)."""
        return [r for r in self.people.values() if r.stage not in INACTIVE_STAGES]


Columns = TypeVarTuple("Columns")


def _read(s: Session, query: Select[*Columns]) -> Sequence[Row[*Columns]]:
    """The rows of a query of plain columns, straight from the session's connection: no ORM
    objects are made, which on a large programme is a good part of the time. The restore bin's
    filter is an ORM one and does not apply here, so every query that reads a kind of record
    that can be put in the bin leaves out the removed ones itself."""
    return s.connection().execute(query).all()


def shared(s: Session, programme: Programme) -> Shared:
    matches = [
        MatchFacts(*row)
        for row in _read(
            s,
            select(
                Match.id,
                Match.mentor_id,
                Match.mentee_id,
                Match.status,
                Match.started_on,
                Match.planned_end_on,
                Match.ended_on,
            ).where(Match.programme_id == programme.id),
        )
    ]
    people = {
        pid: RoleFacts(pid, person_id, _name(first, preferred, last), role, stage, on, joined)
        for pid, person_id, first, preferred, last, role, stage, on, joined in _read(
            s,
            select(
                Participant.id,
                Participant.person_id,
                Person.first_name,
                Person.preferred_name,
                Person.last_name,
                Participant.role,
                Participant.stage,
                Participant.stage_on,
                Participant.joined_on,
            )
            .join(Person, Person.id == Participant.person_id)
            .where(
                Participant.programme_id == programme.id,
                Participant.removed_on.is_(None),
                Person.removed_on.is_(None),
            ),
        )
    }
    return Shared(programme, matches, people)


def _name(first: str, preferred: str, last: str) -> str:
    return f"{preferred or first} {last}".strip()


# ----------------------------------------------------------------------------- sources


def support_contacts(s: Session, sh: Shared, today: date) -> list[rules.ContactFact]:
    """The earliest contact owed to each party of each supported match, worked out as the
    Meetings page does (`app.services.support`), with a short cut for a party nobody has been
    in touch with yet: their first scheduled contact is the one owed."""
    programme = sh.programme
    supported = [m for m in sh.matches if m.status in support.SUPPORTED_STATUSES and m.started_on]
    if not supported:
        return []
    contacts: dict[int, list[tuple[ContactParty, str, ContactDepth, date]]] = {}
    for match_id, party, third_name, depth, held_on in _read(
        s,
        select(
            SupportContact.match_id,
            SupportContact.party,
            SupportContact.third_party_name,
            SupportContact.depth,
            SupportContact.held_on,
        )
        .join(Match, Match.id == SupportContact.match_id)
        .where(Match.programme_id == programme.id, SupportContact.removed_on.is_(None)),
    ):
        contacts.setdefault(match_id, []).append((party, third_name, depth, held_on))
    rule = SupportContactRule(programme.support_contact_rule)
    options = {
        "custom_contacts_first_month": programme.custom_contacts_first_month,
        "custom_interval_weeks": programme.custom_contact_interval_weeks,
    }
    horizon = today + timedelta(days=rules.SOON_DAYS)
    # A short schedule gives the first contact of each depth; many matches share a start day.
    firsts: dict[tuple[date, date], list[ScheduledContact]] = {}
    facts = []
    for m in supported:
        assert m.started_on is not None
        until = min(horizon, m.ended_on) if m.ended_on else horizon
        made = contacts.get(m.id, [])
        mentor, mentee = sh.pair(m.id)
        # The full schedule is needed only for a party with contacts recorded.
        short = (m.started_on, min(until, add_months(m.started_on, 2)))
        if short not in firsts:
            firsts[short] = support_contact_schedule(rule, short[0], short[1], **options)
        first = firsts[short]
        full = None
        depths = sorted({c.depth for c in first}, key=lambda d: d.value)
        third = sorted({name for p, name, _d, _o in made if p is ContactParty.THIRD_PARTY})
        parties = [(ContactParty.MENTOR, ""), (ContactParty.MENTEE, "")]
        parties += [(ContactParty.THIRD_PARTY, name) for name in third[:1]]
        for party, name in parties:
            theirs = [c for c in made if c[0] is party]
            for depth in depths:
                due_on: date | None
                if not theirs:
                    due_on = next(c.due_on for c in first if c.depth is depth)
                else:
                    if full is None:
                        full = support_contact_schedule(rule, m.started_on, until, **options)
                    due = [c.due_on for c in full if c.depth is depth]
                    dates = [
                        on
                        for _p, _n, d, on in theirs
                        if depth is ContactDepth.CHECK_IN or d is depth
                    ]
                    owed = support.PartySchedule(
                        party, name, depth, tuple(check_due_dates(due, dates, today))
                    )
                    due_on = owed.overdue_since or owed.next_due
                if due_on is not None:
                    facts.append(
                        rules.ContactFact(m.id, mentor, mentee, party, name, depth, due_on)
                    )
    return facts


def reviews_due(s: Session, sh: Shared, today: date) -> list[rules.ReviewFact]:
    """Every scheduled review, with the names already gathered; the rule picks those due."""
    return [
        rules.ReviewFact(match_id, *sh.pair(match_id), due_on)
        for match_id, due_on in reviews.review_schedule(s, sh.programme.id).items()
    ]


def signatures(s: Session, sh: Shared, today: date) -> list[rules.SignatureFact]:
    waiting = sh.ids(MatchStatus.PROPOSED, MatchStatus.INTRODUCED)
    if not waiting:
        return []
    rows = _read(
        s,
        select(
            Agreement.match_id,
            Agreement.agreed_on,
            Agreement.mentor_signed_on,
            Agreement.mentee_signed_on,
            Agreement.coordinator_signed_on,
        ).where(Agreement.match_id.in_(waiting), Agreement.agreed_on.is_not(None)),
    )
    facts = []
    for match_id, agreed_on, mentor_on, mentee_on, coordinator_on in rows:
        if agreed_on is None:
            continue
        mentor, mentee = sh.pair(match_id)
        facts.append(
            rules.SignatureFact(
                match_id,
                mentor,
                mentee,
                sh.programme.coordinator,
                agreed_on,
                mentor_on,
                mentee_on,
                coordinator_on,
            )
        )
    return facts


def log_copies(s: Session, sh: Shared, today: date) -> list[rules.LogCopyFact]:
    """Each open match's oldest meeting log not yet copied to the mentor, and how many: the
    database counts them by match (through the index of waiting logs), then the oldest are
    read."""
    waiting = (
        Match.programme_id == sh.programme.id,
        Match.status.in_(OPEN_STATUSES),
        MeetingLog.removed_on.is_(None),
        MeetingLog.copy_to_mentor_on.is_(None),
        MeetingLog.held_on <= today,
    )
    oldest = (
        select(
            MeetingLog.match_id,
            func.min(MeetingLog.held_on).label("held_on"),
            func.count().label("waiting"),
        )
        .join(Match, Match.id == MeetingLog.match_id)
        .where(*waiting)
        .group_by(MeetingLog.match_id)
        .subquery()
    )
    found: dict[int, rules.LogCopyFact] = {}
    for meeting_id, match_id, held_on, count in _read(
        s,
        select(MeetingLog.id, MeetingLog.match_id, MeetingLog.held_on, oldest.c.waiting)
        .select_from(oldest)
        .join(
            MeetingLog,
            (MeetingLog.match_id == oldest.c.match_id) & (MeetingLog.held_on == oldest.c.held_on),
        )
        .where(MeetingLog.removed_on.is_(None), MeetingLog.copy_to_mentor_on.is_(None))
        .order_by(MeetingLog.id.desc()),
    ):
        mentor, mentee = sh.pair(match_id)
        # Two waiting logs on the same day: the first written is the one named.
        found[match_id] = rules.LogCopyFact(
            match_id, mentor, mentee, meeting_id, held_on, None, count
        )
    return list(found.values())


def next_meetings(s: Session, sh: Shared, today: date) -> list[rules.NextMeetingFact]:
    """For each active match, its latest meeting log and the next meeting that log gave (one
    query: the latest log of each match is found through the match and date index)."""
    active = [m.id for m in sh.matches if m.status in (MatchStatus.ACTIVE, MatchStatus.ENDING)]
    if not active:
        return []
    inner = aliased(MeetingLog)
    latest = (
        select(inner.id)
        .where(inner.match_id == Match.id, inner.removed_on.is_(None))
        .order_by(inner.held_on.desc(), inner.id.desc())
        .limit(1)
        .correlate(Match)
        .scalar_subquery()
    )
    facts = []
    for match_id, held_on, next_on in _read(
        s,
        select(MeetingLog.match_id, MeetingLog.held_on, MeetingLog.next_meeting_on).where(
            MeetingLog.id.in_(
                select(latest).where(
                    Match.programme_id == sh.programme.id,
                    Match.status.in_((MatchStatus.ACTIVE, MatchStatus.ENDING)),
                )
            )
        ),
    ):
        mentor, mentee = sh.pair(match_id)
        facts.append(rules.NextMeetingFact(match_id, mentor, mentee, held_on, next_on))
    return facts


def meeting_frequency(s: Session, sh: Shared, today: date) -> list[rules.FrequencyFact]:
    this_month = date(today.year, today.month, 1)
    last_month = add_months(this_month, -1)
    active = [
        m
        for m in sh.matches
        if m.status is MatchStatus.ACTIVE
        and m.started_on is not None
        and m.started_on <= last_month
    ]
    if not active:
        return []
    programme_matches = select(Match.id).where(
        Match.programme_id == sh.programme.id, Match.status == MatchStatus.ACTIVE
    )
    held = dict(
        _read(
            s,
            select(MeetingLog.match_id, func.count())
            .where(
                MeetingLog.match_id.in_(programme_matches),
                MeetingLog.removed_on.is_(None),
                MeetingLog.held_on >= last_month,
                MeetingLog.held_on < this_month,
                MeetingLog.mode.in_(MEETING_MODES),
            )
            .group_by(MeetingLog.match_id),
        )
    )
    minimum = dict(
        _read(
            s,
            select(Agreement.match_id, Agreement.min_meetings_per_month).where(
                Agreement.match_id.in_(programme_matches)
            ),
        )
    )
    checked = dict(
        _read(
            s,
            select(SupportContact.match_id, func.max(SupportContact.held_on))
            .where(
                SupportContact.match_id.in_(programme_matches),
                SupportContact.removed_on.is_(None),
                SupportContact.held_on >= this_month,
            )
            .group_by(SupportContact.match_id),
        )
    )
    facts = []
    for m in active:
        assert m.started_on is not None
        mentor, mentee = sh.pair(m.id)
        facts.append(
            rules.FrequencyFact(
                m.id,
                mentor,
                mentee,
                m.started_on,
                minimum.get(m.id),
                held.get(m.id, 0),
                checked.get(m.id),
            )
        )
    return facts


def concerns(s: Session, sh: Shared, today: date) -> list[rules.ConcernFact]:
    facts = []
    for c in _read(
        s,
        select(
            Concern.id,
            Concern.match_id,
            Concern.raised_by,
            Concern.raised_on,
            Concern.description,
        )
        .join(Match, Match.id == Concern.match_id)
        .where(Match.programme_id == sh.programme.id, Concern.resolved_on.is_(None)),
    ):
        mentor, mentee = sh.pair(c.match_id)
        facts.append(
            rules.ConcernFact(
                c.id, c.match_id, mentor, mentee, c.raised_by, c.raised_on, c.description, None
            )
        )
    return facts


def pvg_records(s: Session, sh: Shared, today: date) -> list[rules.PvgFact]:
    latest: dict[int, rules.PvgFact] = {}
    for person_id, issued_on, first, preferred, last in _read(
        s,
        select(
            PvgRecord.person_id,
            PvgRecord.issued_on,
            Person.first_name,
            Person.preferred_name,
            Person.last_name,
        )
        .join(Person, Person.id == PvgRecord.person_id)
        .where(
            PvgRecord.person_id.in_(
                select(Participant.person_id).where(
                    Participant.programme_id == sh.programme.id,
                    Participant.stage.not_in((Stage.WITHDRAWN, Stage.LEFT)),
                    Participant.removed_on.is_(None),
                )
            ),
            PvgRecord.disclosure_type != DisclosureType.LEVEL_1,
            PvgRecord.removed_on.is_(None),
            Person.removed_on.is_(None),
        )
        .order_by(PvgRecord.issued_on),
    ):
        latest[person_id] = rules.PvgFact(person_id, _name(first, preferred, last), issued_on)
    return list(latest.values())


def stages(roles: Sequence[RoleFacts]) -> list[rules.StageFact]:
    return [
        rules.StageFact(r.participant_id, r.person_id, r.name, r.role, r.stage, r.stage_on)
        for r in roles
        if r.stage in rules.PIPELINE_STAGES
    ]


def waiting(roles: Sequence[RoleFacts], sh: Shared) -> list[rules.WaitingFact]:
    """Mentees ready for a mentor (or matched before) with no open match, waiting since they
    joined or their last match ended, as the Matching page counts it."""
    open_mentees = {m.mentee_id for m in sh.matches if m.status in OPEN_STATUSES}
    ended: dict[int, date] = {}
    for m in sh.matches:
        if m.ended_on is not None and m.ended_on > ended.get(m.mentee_id, date.min):
            ended[m.mentee_id] = m.ended_on
    facts = []
    for r in roles:
        if r.role is not Role.MENTEE or r.participant_id in open_mentees:
            continue
        if r.stage not in (Stage.READY, Stage.MATCHED):
            continue
        known = [d for d in (r.joined_on, ended.get(r.participant_id)) if d is not None]
        facts.append(
            rules.WaitingFact(r.participant_id, r.person_id, r.name, max(known, default=None))
        )
    return facts


def tasks(s: Session, sh: Shared, today: date) -> list[rules.TaskFact]:
    return [
        rules.TaskFact(task_id, person_id, f"{first} {last}", kind, due_on, None)
        for task_id, person_id, first, last, kind, due_on in _read(
            s,
            select(
                Task.id, Task.person_id, Person.first_name, Person.last_name, Task.kind, Task.due_on
            )
            .join(Person, Person.id == Task.person_id)
            .where(
                Task.programme_id == sh.programme.id,
                Task.done_on.is_(None),
                Person.removed_on.is_(None),
            ),
        )
    ]


def closures(s: Session, sh: Shared, today: date) -> list[rules.ClosureFact]:
    ending = [m for m in sh.matches if m.status is MatchStatus.ENDING]
    if not ending:
        return []
    records = {
        c.match_id: c
        for c in s.scalars(
            select(MatchClosure).where(MatchClosure.match_id.in_([m.id for m in ending]))
        )
    }
    facts = []
    for m in ending:
        mentor, mentee = sh.pair(m.id)
        facts.append(rules.ClosureFact(m.id, mentor, mentee, m.planned_end_on, records.get(m.id)))
    return facts


def goal_actions(s: Session, sh: Shared, today: date) -> list[rules.GoalActionFact]:
    """Each match's most overdue goal action (of a goal still open), and how many: one pass
    over the actions still to do, numbered within each match by due date (the first written
    first on the same day) and counted by match."""
    by_match = (Goal.match_id,)
    ranked = (
        select(
            GoalAction.id.label("action_id"),
            GoalAction.goal_id,
            Goal.match_id,
            Goal.title,
            GoalAction.description,
            GoalAction.due_on,
            func.count().over(partition_by=by_match).label("overdue"),
            func.row_number()
            .over(partition_by=by_match, order_by=(GoalAction.due_on, GoalAction.id))
            .label("rank"),
        )
        .join(Goal, Goal.id == GoalAction.goal_id)
        .join(Match, Match.id == Goal.match_id)
        .where(
            Match.programme_id == sh.programme.id,
            Match.status.in_((MatchStatus.ACTIVE, MatchStatus.PAUSED, MatchStatus.ENDING)),
            Goal.status.in_(OPEN_GOAL_STATUSES),
            GoalAction.done_on.is_(None),
            GoalAction.removed_on.is_(None),
            GoalAction.due_on < today,
        )
        .subquery()
    )
    return [
        rules.GoalActionFact(
            row.action_id,
            row.goal_id,
            row.match_id,
            sh.pair(row.match_id)[1],
            row.title,
            row.description,
            row.due_on,
            None,
            row.overdue,
        )
        for row in _read(s, select(ranked).where(ranked.c.rank == 1))
    ]


# ---------------------------------------------------------------------- all together

Rule = Callable[[Any, rules.Thresholds, date], TodayItem | None]


def gather(s: Session, programme: Programme, today: date) -> list[TodayItem]:
    """Every item due or overdue in the programme, before snoozes are applied."""
    sh = shared(s, programme)
    roles = sh.active_roles()
    sources: list[tuple[Sequence[Any], Rule]] = [
        (concerns(s, sh, today), rules.concern),
        (support_contacts(s, sh, today), rules.support_contact),
        (reviews_due(s, sh, today), rules.review),
        (next_meetings(s, sh, today), rules.next_meeting),
        (log_copies(s, sh, today), rules.log_copy),
        (meeting_frequency(s, sh, today), rules.meeting_frequency),
        (signatures(s, sh, today), rules.signatures),
        (pvg_records(s, sh, today), rules.pvg),
        (tasks(s, sh, today), rules.task),
        (closures(s, sh, today), rules.closure),
        (stages(roles), rules.stuck_in_stage),
        (waiting(roles, sh), rules.mentee_waiting),
        (goal_actions(s, sh, today), rules.goal_action),
    ]
    thresholds = rules.Thresholds.of(programme)
    items = []
    for facts, rule in sources:
        for fact in facts:
            item = rule(fact, thresholds, today)
            if item is not None:
                items.append(item)
    return items
