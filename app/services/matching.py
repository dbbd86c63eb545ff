"""Matching: the board, proposing a pair, the risk assessment, the introduction, the agreement
and its signatures, and every later change of a match's status.

The rules about who may be paired live in `app/services/fit.py` on plain data; this module
gathers that data from the records (`candidates`), and carries out the coordinator's verbs.
Every status change is a dated row saying who made it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Required, TypedDict

from dateutil.relativedelta import relativedelta
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.agreement_template import DEFAULT_MENTEE_ROLE as DEFAULT_MENTEE_ROLE
from app.agreement_template import DEFAULT_MENTOR_ROLE as DEFAULT_MENTOR_ROLE
from app.formatting import format_date
from app.i18n import _, ngettext
from app.model import (
    Agreement,
    EndingKind,
    Introduction,
    IntroductionOutcome,
    Match,
    MatchClosure,
    MatchStatus,
    MatchStatusChange,
    MentoringType,
    Participant,
    Person,
    Programme,
    RiskAssessment,
    Role,
    WaitingPriority,
)
from app.model.match import BAD_ENDINGS, MATCH_STATUS_LABELS, OPEN_STATUSES
from app.model.person import GONE_STAGES, Stage
from app.services import closure_steps, fit, readiness
from app.services.changes import Changes
from app.services.errors import ActionRefused, NotFound, check
from app.services.lookups import get_match as get_match
from app.services.lookups import get_programme
from app.services.validation import text_errors

MATCHES = Changes(matches=True)


# ============================================================================ gathering


def display_name(first: str, last: str, preferred: str = "") -> str:
    return f"{preferred or first} {last}".strip()


@dataclass(frozen=True)
class _Facts:
    """What the gatherer reads about one participant before turning it into a Candidate."""

    participant_id: int
    person_id: int
    role: Role
    name: str
    full_name: str
    setting: str
    joined_on: date | None
    stage: Stage
    gender: str
    place: str
    line_manager_id: int | None
    line_manager_name: str
    availability: str
    interests: str
    areas_to_develop: str
    partner_preferences: str


def _readiness(
    s: Session, programme: Programme, participant_ids: list[int] | None, today: date
) -> dict[int, tuple[str, ...]]:
    """What stops each participant being matched (the people part's readiness gate)."""
    rules = readiness.ScreeningRules.of(programme)
    facts = (
        readiness.facts_for_programme(s, programme.id)
        if participant_ids is None
        else readiness.facts_for(s, participant_ids)
    )
    return {
        pid: tuple(gap.message for gap in readiness.gaps_for(f, rules, today))
        for pid, f in facts.items()
    }


def _facts(
    s: Session, programme_id: int, participant_ids: Iterable[int] | None = None
) -> list[_Facts]:
    query = (
        select(
            Participant.id,
            Person.id,
            Participant.role,
            Person.first_name,
            Person.last_name,
            Person.preferred_name,
            Person.setting,
            Participant.joined_on,
            Participant.stage,
            Person.gender,
            Person.postcode,
            Person.locality,
            Person.line_manager_id,
            Person.line_manager_name,
            Person.availability,
            Person.interests,
            Person.areas_to_develop,
            Person.partner_preferences,
        )
        .join(Person, Person.id == Participant.person_id)
        .where(Participant.programme_id == programme_id, Person.removed_on.is_(None))
        .order_by(Person.last_name, Person.first_name, Participant.id)
    )
    if participant_ids is not None:
        query = query.where(Participant.id.in_(list(participant_ids)))
    else:
        # Those who have withdrawn or left are no longer on the board at all.
        query = query.where(Participant.stage.not_in(GONE_STAGES))
    return [
        _Facts(
            participant_id=r[0],
            person_id=r[1],
            role=r[2],
            name=display_name(r[3], r[4], r[5]),
            full_name=f"{r[3]} {r[4]}".strip(),
            setting=r[6],
            joined_on=r[7],
            stage=r[8],
            gender=r[9],
            place=r[10] or r[11],
            line_manager_id=r[12],
            line_manager_name=r[13],
            availability=r[14],
            interests=r[15],
            areas_to_develop=r[16],
            partner_preferences=r[17],
        )
        for r in s.execute(query)
    ]


def _line_management(s: Session) -> dict[int, tuple[int | None, str]]:
    """Each person's line manager (a person id, or only a name) for walking up the chain."""
    return {
        pid: (manager_id, manager_name)
        for pid, manager_id, manager_name in s.execute(
            select(Person.id, Person.line_manager_id, Person.line_manager_name).where(
                or_(Person.line_manager_id.is_not(None), Person.line_manager_name != "")
            )
        )
    }


def _managers(
    person_id: int, chain: dict[int, tuple[int | None, str]], names: dict[int, frozenset[str]]
) -> tuple[frozenset[int], frozenset[str]]:
    """Everyone above a person in line management: their ids, and names typed in where the
    manager is not on record as a person."""
    ids: set[int] = set()
    written: set[str] = set()
    current = person_id
    while current in chain and len(ids) < 20:
        manager_id, manager_name = chain[current]
        if manager_name.strip():
            written.add(fit.normalise_name(manager_name))
        if manager_id is None or manager_id in ids or manager_id == person_id:
            break
        ids.add(manager_id)
        written |= names.get(manager_id, frozenset())
        current = manager_id
    return frozenset(ids), frozenset(written)


class _CandidateFacts(TypedDict, total=False):
    """What a mentor and a mentee share as `fit.Candidate` fields, gathered once a person."""

    id: Required[int]
    person_id: Required[int]
    name: Required[str]
    names: frozenset[str]
    gaps: tuple[str, ...]
    setting: str
    availability: frozenset[str]
    locality: str
    gender: str
    wants_setting: fit.SettingPreference
    wants_gender: str
    interests: frozenset[str]


@dataclass(frozen=True)
class Gathered:
    mentors: list[fit.Candidate]
    mentees: list[fit.Candidate]
    weights: dict[str, float]
    joined: dict[int, date | None]


def candidates(
    s: Session,
    programme_id: int,
    today: date,
    participant_ids: Iterable[int] | None = None,
    *,
    profiles: bool = True,
) -> Gathered:
    """Every mentor and mentee of the programme (or just `participant_ids`) as the matching
    rules see them: readiness, places, line management and match history, and (with
    `profiles`) what they wrote about availability, locality, interests and preferences."""
    programme = get_programme(s, programme_id)
    facts = _facts(s, programme_id, participant_ids)
    ids = [f.participant_id for f in facts]
    gaps = _readiness(s, programme, None if participant_ids is None else ids, today)
    person_ids = {f.person_id for f in facts}

    # Places taken in this programme, and each pair's history (in any programme).
    taken: dict[int, int] = defaultdict(int)
    for (mentor_id,) in s.execute(
        select(Match.mentor_id).where(
            Match.programme_id == programme_id, Match.status.in_(OPEN_STATUSES)
        )
    ):
        taken[mentor_id] += 1
    mentor_person = Participant.__table__.alias("mentor_p")
    mentee_person = Participant.__table__.alias("mentee_p")
    open_with: dict[int, set[int]] = defaultdict(set)
    ended_badly: dict[int, set[int]] = defaultdict(set)
    experience: dict[int, int] = defaultdict(int)
    history = (
        select(
            mentor_person.c.person_id, mentee_person.c.person_id, Match.status, Match.ending_kind
        )
        .join(mentor_person, mentor_person.c.id == Match.mentor_id)
        .join(mentee_person, mentee_person.c.id == Match.mentee_id)
    )
    if participant_ids is not None:
        history = history.where(
            or_(
                mentor_person.c.person_id.in_(person_ids),
                mentee_person.c.person_id.in_(person_ids),
            )
        )
    for mentor_pid, mentee_pid, status, ending in s.execute(history):
        if status in OPEN_STATUSES:
            open_with[mentee_pid].add(mentor_pid)
        elif ending in BAD_ENDINGS:
            ended_badly[mentee_pid].add(mentor_pid)
        else:
            experience[mentor_pid] += 1

    chain = _line_management(s)
    # Names are compared only where a line manager was typed in by name.
    typed = any(name.strip() for _manager, name in chain.values())
    names = {
        f.person_id: frozenset(fit.normalise_name(n) for n in (f.name, f.full_name))
        if typed
        else frozenset()
        for f in facts
    }
    places, ratio_limited = fit.mentor_places(
        programme.max_mentees_per_mentor,
        programme.mentoring_type in (MentoringType.GROUP, MentoringType.TEAM),
    )
    mentors, mentees = [], []
    for f in facts:
        common: _CandidateFacts = {
            "id": f.participant_id,
            "person_id": f.person_id,
            "name": f.name,
            "names": names[f.person_id],
            "gaps": gaps.get(f.participant_id, ()),
            "setting": f.setting,
        }
        if profiles:
            wants_setting, wants_gender = fit.parse_preferences(f.partner_preferences)
            common |= {
                "availability": fit.parse_availability(f.availability),
                "locality": f.place,
                "gender": fit.normalise_gender(f.gender),
                "wants_setting": wants_setting,
                "wants_gender": wants_gender,
            }
        if f.role is Role.MENTOR:
            if profiles:
                common["interests"] = fit.parse_terms(f.interests)
            mentors.append(
                fit.Candidate(
                    **common,
                    experience=experience[f.person_id],
                    places=places,
                    taken=taken[f.participant_id],
                    ratio_limited=ratio_limited,
                )
            )
        else:
            if profiles:
                common["interests"] = fit.parse_terms(f.interests) | fit.parse_terms(
                    f.areas_to_develop
                )
            managers, manager_names = _managers(f.person_id, chain, names)
            mentees.append(
                fit.Candidate(
                    **common,
                    managers=managers,
                    manager_names=manager_names,
                    open_with=frozenset(open_with[f.person_id]),
                    ended_badly_with=frozenset(ended_badly[f.person_id]),
                )
            )
    return Gathered(
        mentors,
        mentees,
        dict(programme.matching_weights or {}),
        {f.participant_id: f.joined_on for f in facts},
    )


def _pair(
    s: Session, programme_id: int, mentor_id: int, mentee_id: int, today: date
) -> tuple[fit.Candidate, fit.Candidate, Gathered]:
    gathered = candidates(s, programme_id, today, [mentor_id, mentee_id])
    mentor = next((c for c in gathered.mentors if c.id == mentor_id), None)
    mentee = next((c for c in gathered.mentees if c.id == mentee_id), None)
    if mentor is None or mentee is None:
        raise NotFound(_("That mentor or mentee is no longer in this programme."))
    return mentor, mentee, gathered


def explain(s: Session, programme_id: int, mentor_id: int, mentee_id: int, today: date) -> fit.Fit:
    """Why this mentor and mentee would fit, and what rules the pairing out."""
    mentor, mentee, gathered = _pair(s, programme_id, mentor_id, mentee_id, today)
    return fit.explain_fit(mentor, mentee, gathered.weights)


def suggestions(s: Session, programme_id: int, today: date) -> list[fit.Pair]:
    """The best set of pairs for everyone waiting (see `fit.suggest_pairs`)."""
    gathered = candidates(s, programme_id, today)
    waiting = [e for e in gathered.mentees if not e.open_with]
    return fit.suggest_pairs(gathered.mentors, waiting, gathered.weights)


# ============================================================================ the board


@dataclass(frozen=True)
class WaitingRow:
    participant_id: int
    name: str
    setting: str
    waiting_since: date | None
    days_waiting: int
    ready: bool
    reason: str
    priority: bool
    priority_note: str


@dataclass(frozen=True)
class MentorRow:
    participant_id: int
    name: str
    setting: str
    places: int
    taken: int
    ready: bool
    reason: str
    mentees: tuple[str, ...] = ()

    @property
    def remaining(self) -> int:
        return max(0, self.places - self.taken)


@dataclass(frozen=True)
class MatchRow:
    match_id: int
    mentor_id: int
    mentee_id: int
    mentor_name: str
    mentee_name: str
    status: MatchStatus
    since: date | None
    next_step: str
    next_key: str

    @property
    def status_text(self) -> str:
        return _(MATCH_STATUS_LABELS[self.status])


@dataclass(frozen=True)
class Board:
    programme_name: str
    waiting: list[WaitingRow]
    mentors: list[MentorRow]
    matches: list[MatchRow]
    group_ratio: bool
    coordinator: str = ""


#: What to do next with a match, by key: the page opens the right dialog for each.
NEXT_RISK, NEXT_INTRO, NEXT_AGREEMENT, NEXT_SIGNATURES, NEXT_START, NEXT_STATUS, NEXT_ENDING = (
    "risk",
    "introduction",
    "agreement",
    "signatures",
    "start",
    "status",
    "ending",
)


def _next(
    status: MatchStatus, risk: bool, intro: bool, agreement: bool, signed: bool
) -> tuple[str, str]:
    if status is MatchStatus.PROPOSED:
        if not risk:
            return NEXT_RISK, _("Record the risk assessment.")
        return NEXT_INTRO, _("Record the introduction.")
    if status is MatchStatus.INTRODUCED:
        if not agreement:
            return NEXT_AGREEMENT, _("Draw up the agreement.")
        if not signed:
            return NEXT_SIGNATURES, _("Record the signatures.")
        return NEXT_START, _("Start the match.")
    if status is MatchStatus.PAUSED:
        return NEXT_STATUS, _("Paused: agree when to restart.")
    if status is MatchStatus.ENDING:
        return NEXT_ENDING, _("Carry on with the ending, step by step.")
    return NEXT_STATUS, _("Meeting as agreed.")


def open_matches(s: Session, programme_id: int) -> list[MatchRow]:
    mentor_p = Participant.__table__.alias("mp")
    mentee_p = Participant.__table__.alias("ep")
    mentor_person = Person.__table__.alias("mperson")
    mentee_person = Person.__table__.alias("eperson")
    query = (
        select(
            Match.id,
            Match.mentor_id,
            Match.mentee_id,
            mentor_person.c.first_name,
            mentor_person.c.last_name,
            mentor_person.c.preferred_name,
            mentee_person.c.first_name,
            mentee_person.c.last_name,
            mentee_person.c.preferred_name,
            Match.status,
            Match.proposed_on,
            Match.started_on,
            RiskAssessment.id,
            Introduction.id,
            Agreement.id,
            Agreement.mentor_signed_on,
            Agreement.mentee_signed_on,
            Agreement.coordinator_signed_on,
        )
        .join(mentor_p, mentor_p.c.id == Match.mentor_id)
        .join(mentee_p, mentee_p.c.id == Match.mentee_id)
        .join(mentor_person, mentor_person.c.id == mentor_p.c.person_id)
        .join(mentee_person, mentee_person.c.id == mentee_p.c.person_id)
        .outerjoin(RiskAssessment, RiskAssessment.match_id == Match.id)
        .outerjoin(Introduction, Introduction.match_id == Match.id)
        .outerjoin(Agreement, Agreement.match_id == Match.id)
        .where(Match.programme_id == programme_id, Match.status.in_(OPEN_STATUSES))
        .order_by(Match.status, mentee_person.c.last_name, Match.id)
    )
    rows = []
    for r in s.execute(query):
        status = MatchStatus(r[9])
        signed = all(r[15:18])
        key, step = _next(status, r[12] is not None, r[13] is not None, r[14] is not None, signed)
        rows.append(
            MatchRow(
                match_id=r[0],
                mentor_id=r[1],
                mentee_id=r[2],
                mentor_name=display_name(r[3], r[4], r[5]),
                mentee_name=display_name(r[6], r[7], r[8]),
                status=status,
                since=r[11] or r[10],
                next_step=step,
                next_key=key,
            )
        )
    order = {status: i for i, status in enumerate(OPEN_STATUSES)}
    rows.sort(key=lambda m: (order[m.status], m.mentee_name.casefold()))
    return rows


def _waiting_since(s: Session, programme_id: int) -> dict[int, date]:
    """When each mentee's last match in this programme ended (they wait again from then)."""
    ended: dict[int, date] = {}
    for mentee_id, ended_on in s.execute(
        select(Match.mentee_id, Match.ended_on).where(
            Match.programme_id == programme_id, Match.ended_on.is_not(None)
        )
    ):
        if ended_on is not None and (mentee_id not in ended or ended_on > ended[mentee_id]):
            ended[mentee_id] = ended_on
    return ended


def board(s: Session, programme_id: int, today: date) -> Board:
    """Everything the matching board shows: who is waiting (and why), mentors with their free
    places, and the open matches with each one's next step."""
    programme = get_programme(s, programme_id)
    gathered = candidates(s, programme_id, today, profiles=False)
    ended = _waiting_since(s, programme_id)
    priorities = {
        pid: note
        for pid, note in s.execute(
            select(WaitingPriority.participant_id, WaitingPriority.note).where(
                WaitingPriority.participant_id.in_([e.id for e in gathered.mentees])
            )
        )
    }
    free = [m for m in gathered.mentors if m.ready and m.remaining > 0]
    waiting = []
    for e in gathered.mentees:
        if e.open_with:
            continue
        joined = gathered.joined[e.id]
        since = max(d for d in (joined, ended.get(e.id)) if d) if joined or e.id in ended else None
        days = max(0, (today - since).days) if since else 0
        if not e.ready:
            reason = _("Not ready: {gaps}").format(gaps=" ".join(e.gaps))
        elif not free:
            reason = _("Every mentor's places are taken.")
        elif all(fit.pair_blocked(m, e) for m in free):
            reason = _("No mentor with a free place can be matched with them.")
        else:
            reason = _("Not yet proposed.")
        if e.id in ended:
            reason = _("An earlier match ended on {date}. {reason}").format(
                date=format_date(ended[e.id]), reason=reason
            )
        waiting.append(
            WaitingRow(
                participant_id=e.id,
                name=e.name,
                setting=e.setting,
                waiting_since=since,
                days_waiting=days,
                ready=e.ready,
                reason=reason,
                priority=e.id in priorities,
                priority_note=priorities.get(e.id, ""),
            )
        )
    waiting.sort(key=lambda w: (not w.priority, not w.ready, -w.days_waiting, w.name.casefold()))
    matches = open_matches(s, programme_id)
    partners: dict[int, list[str]] = defaultdict(list)
    for match in matches:
        partners[match.mentor_id].append(match.mentee_name)
    mentors = []
    for m in gathered.mentors:
        if not m.ready:
            reason = _("Not ready: {gaps}").format(gaps=" ".join(m.gaps))
        elif m.remaining:
            reason = ngettext("{n} place free", "{n} places free", m.remaining).format(
                n=m.remaining
            )
        else:
            reason = _("No place free")
        mentors.append(
            MentorRow(
                m.id, m.name, m.setting, m.places, m.taken, m.ready, reason, tuple(partners[m.id])
            )
        )
    # Mentors who could take someone now first, then those with no place, then the not ready.
    mentors.sort(key=lambda m: (not m.ready, m.remaining == 0))
    return Board(
        programme_name=programme.name,
        waiting=waiting,
        mentors=mentors,
        matches=matches,
        group_ratio=programme.mentoring_type in (MentoringType.GROUP, MentoringType.TEAM),
        coordinator=programme.coordinator,
    )


def waiting_list(s: Session, programme_id: int, today: date) -> list[WaitingRow]:
    """Everyone waiting for a mentor: priority first, then the longest wait."""
    return board(s, programme_id, today).waiting


# ============================================================================ verbs


def _record_status(
    s: Session, match: Match, to: MatchStatus, on: date, by: str, note: str = ""
) -> None:
    s.add(
        MatchStatusChange(
            match_id=match.id,
            from_status=match.status if match.id else None,
            to_status=to,
            changed_on=on,
            changed_by=by,
            note=note,
        )
    )
    match.status = to


def propose_match(
    s: Session, programme_id: int, mentor_id: int, mentee_id: int, today: date, by: str = ""
) -> Changes:
    """Propose a mentor for a mentee. Refused, with every reason, when a hard block applies."""
    mentor, mentee, _gathered = _pair(s, programme_id, mentor_id, mentee_id, today)
    blocks = fit.pair_blocks(mentor, mentee)
    if blocks:
        raise ActionRefused("\n".join(b.text for b in blocks))
    match = Match(
        programme_id=programme_id,
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        status=MatchStatus.PROPOSED,
        proposed_on=today,
    )
    s.add(match)
    s.flush()
    s.add(
        MatchStatusChange(
            match_id=match.id,
            from_status=None,
            to_status=MatchStatus.PROPOSED,
            changed_on=today,
            changed_by=by,
        )
    )
    s.flush()
    return Changes(matches=True, created_id=match.id)


def withdraw_proposal(s: Session, match_id: int) -> Changes:
    """Take back a proposal made by mistake (undo on the board): only while nothing has been
    recorded for it yet; after that, close the match instead so its history is kept."""
    match = get_match(s, match_id)
    recorded = any(
        s.scalar(select(model.id).where(model.match_id == match_id))
        for model in (RiskAssessment, Introduction, Agreement)
    )
    if match.status is not MatchStatus.PROPOSED or recorded:
        raise ActionRefused(
            _(
                "This match has moved on since it was proposed, so it cannot just be taken "
                "back. Close it instead, and say why."
            )
        )
    s.delete(match)
    s.flush()
    return MATCHES


# --- risk assessment -----------------------------------------------------------------------


@dataclass(frozen=True)
class RiskDetails:
    assessed_on: date | None
    risks: str
    actions: str
    reviewed_on: date | None = None
    assessed_by: str = ""


def risk_details(s: Session, match_id: int, today: date, by: str = "") -> RiskDetails:
    risk = s.scalar(select(RiskAssessment).where(RiskAssessment.match_id == match_id))
    if risk is None:
        return RiskDetails(today, "", "", None, by)
    return RiskDetails(
        risk.assessed_on, risk.risks, risk.actions, risk.reviewed_on, risk.assessed_by
    )


def record_risk_assessment(s: Session, match_id: int, details: RiskDetails) -> Changes:
    match = get_match(s, match_id)
    errors = text_errors(details)
    if details.assessed_on is None:
        errors["assessed_on"] = _("Say when the risks were assessed.")
    if not details.risks.strip():
        errors["risks"] = _("Note the risks considered, or write that none were found.")
    if details.reviewed_on and details.assessed_on and details.reviewed_on < details.assessed_on:
        errors["reviewed_on"] = _("The review cannot be before the assessment.")
    check(errors)
    assert details.assessed_on is not None, "refused above when missing"
    if match.status is MatchStatus.CLOSED:
        raise ActionRefused(_("This match is closed."))
    risk = s.scalar(select(RiskAssessment).where(RiskAssessment.match_id == match_id))
    if risk is None:
        risk = RiskAssessment(match_id=match_id)
        s.add(risk)
    risk.assessed_on = details.assessed_on
    risk.assessed_by = details.assessed_by.strip()
    risk.risks = details.risks.strip()
    risk.actions = details.actions.strip()
    risk.reviewed_on = details.reviewed_on
    return MATCHES


# --- introduction --------------------------------------------------------------------------


@dataclass(frozen=True)
class IntroductionDetails:
    held_on: date | None
    staff_present: str
    outcome: IntroductionOutcome
    notes: str = ""


def introduction_details(s: Session, match_id: int, today: date) -> IntroductionDetails:
    intro = s.scalar(select(Introduction).where(Introduction.match_id == match_id))
    if intro is None:
        return IntroductionDetails(today, "", IntroductionOutcome.GO_AHEAD)
    return IntroductionDetails(intro.held_on, intro.staff_present, intro.outcome, intro.notes)


def record_introduction(
    s: Session, match_id: int, details: IntroductionDetails, today: date, by: str = ""
) -> Changes:
    """The introduction meeting: go ahead (the match is introduced) or not a good fit (the
    match closes, and the two are not proposed to each other again)."""
    match = get_match(s, match_id)
    errors = text_errors(details)
    if details.held_on is None:
        errors["held_on"] = _("Say when the introduction took place.")
    elif details.held_on > today:
        errors["held_on"] = _("Record the introduction after it has taken place.")
    elif match.proposed_on and details.held_on < match.proposed_on:
        errors["held_on"] = _(
            "The introduction cannot be before the match was proposed ({on})."
        ).format(on=format_date(match.proposed_on))
    if not details.staff_present.strip():
        errors["staff_present"] = _("Say which member of staff was there.")
    check(errors)
    held_on = details.held_on
    assert held_on is not None, "refused above when missing"
    if match.status not in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED):
        raise ActionRefused(_("Record the introduction before the match starts."))
    if s.scalar(select(RiskAssessment.id).where(RiskAssessment.match_id == match_id)) is None:
        raise ActionRefused(_("Record the risk assessment before the introduction."))
    intro = s.scalar(select(Introduction).where(Introduction.match_id == match_id))
    if intro is None:
        intro = Introduction(match_id=match_id)
        s.add(intro)
    intro.held_on = held_on
    intro.staff_present = details.staff_present.strip()
    intro.outcome = details.outcome
    intro.notes = details.notes.strip()
    if details.outcome is IntroductionOutcome.GO_AHEAD:
        if match.status is MatchStatus.PROPOSED:
            _record_status(s, match, MatchStatus.INTRODUCED, held_on, by)
    else:
        _record_status(
            s, match, MatchStatus.CLOSED, held_on, by, _("Not a good fit at introduction.")
        )
        match.ended_on = held_on
        match.ending_kind = EndingKind.NOT_A_GOOD_FIT
        match.end_reason = _("Not a good fit at the introduction meeting.")
    return MATCHES


# --- agreement -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementDetails:
    issues: str
    mentor_role: str
    mentee_role: str
    agreed_on: date | None
    review_on: date | None


def agreement_details(s: Session, match_id: int, today: date) -> AgreementDetails:
    """The agreement as drawn up, or pre-filled for a new one."""
    match = get_match(s, match_id)
    agreement = s.scalar(select(Agreement).where(Agreement.match_id == match_id))
    if agreement is not None:
        return AgreementDetails(
            agreement.issues,
            agreement.mentor_role,
            agreement.mentee_role,
            agreement.agreed_on,
            agreement.review_on,
        )
    programme = match.programme
    return AgreementDetails(
        "",
        _(DEFAULT_MENTOR_ROLE),
        _(DEFAULT_MENTEE_ROLE),
        today,
        today + relativedelta(months=programme.review_interval_months),
    )


def agreement_record(s: Session, match_id: int) -> Agreement | None:
    return s.scalar(select(Agreement).where(Agreement.match_id == match_id))


def agreement_policy(s: Session, programme_id: int, on: date) -> tuple[int | None, date | None]:
    """The programme's policy version in force on a day, and when it was approved; (None,
    None) when no version had been approved by then (the agreement leaves it for the pen)."""
    from app.services.policy import policy_reference

    reference = policy_reference(s, programme_id, on)
    return (reference.version, reference.approved_on) if reference else (None, None)


def draw_up_agreement(
    s: Session, match_id: int, details: AgreementDetails, today: date, by: str = ""
) -> Changes:
    """Write the agreement for a match, with the programme's rules copied in. Once anyone has
    signed it, only the signatures can change."""
    match = get_match(s, match_id)
    programme = match.programme
    errors = text_errors(details)
    if details.agreed_on is None:
        errors["agreed_on"] = _("Give the date of the agreement (usually the first meeting).")
    if details.review_on is None:
        errors["review_on"] = _("Give the date the agreement will be reviewed.")
    elif details.agreed_on:
        earliest = details.agreed_on + relativedelta(months=3)
        latest = details.agreed_on + relativedelta(months=6)
        if not earliest <= details.review_on <= latest:
            errors["review_on"] = _(
                "Choose a day from {earliest} to {latest} (three to six months on)."
            ).format(earliest=format_date(earliest), latest=format_date(latest))
    if not details.issues.strip():
        errors["issues"] = _("Write at least one issue the partnership will work on.")
    for name in ("mentor_role", "mentee_role"):
        if not getattr(details, name).strip():
            errors[name] = _("Say what this role involves.")
    check(errors)
    if match.status not in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED):
        raise ActionRefused(_("The agreement is drawn up before the match starts."))
    agreement = s.scalar(select(Agreement).where(Agreement.match_id == match_id))
    if agreement is not None and any(
        (agreement.mentor_signed_on, agreement.mentee_signed_on, agreement.coordinator_signed_on)
    ):
        raise ActionRefused(
            _(
                "Someone has already signed this agreement. To change it, clear the "
                "signatures first."
            )
        )
    if agreement is None:
        agreement = Agreement(match_id=match_id)
        s.add(agreement)
    for rule in (
        "relationship_months",
        "review_interval_months",
        "min_meetings_per_month",
        "min_meeting_minutes",
        "max_meeting_minutes",
        "max_contacts_between_meetings",
        "cancellation_notice_hours",
    ):
        setattr(agreement, rule, getattr(programme, rule))
    agreement.issues = details.issues.strip()
    agreement.mentor_role = details.mentor_role.strip()
    agreement.mentee_role = details.mentee_role.strip()
    agreement.agreed_on = details.agreed_on
    agreement.review_on = details.review_on
    agreement.policy_version, agreement.policy_approved_on = agreement_policy(
        s, programme.id, details.agreed_on or today
    )
    return MATCHES


@dataclass(frozen=True)
class Signatures:
    mentor_on: date | None
    mentee_on: date | None
    coordinator_on: date | None


def record_signatures(
    s: Session, match_id: int, signed: Signatures, today: date, by: str = ""
) -> Changes:
    """Record when each person signed the paper agreement. When all three have, the match
    becomes active from the last signature, with its planned end from the programme's length."""
    match = get_match(s, match_id)
    agreement = s.scalar(select(Agreement).where(Agreement.match_id == match_id))
    if agreement is None:
        raise ActionRefused(_("Draw up the agreement before recording signatures."))
    errors: dict[str, str] = {}
    for name in ("mentor_on", "mentee_on", "coordinator_on"):
        value = getattr(signed, name)
        if value and value > today:
            errors[name] = _("This date has not come yet. Record a signature on the day or later.")
        elif value and match.proposed_on and value < match.proposed_on:
            errors[name] = _("This is before the match was proposed ({on}).").format(
                on=format_date(match.proposed_on)
            )
    check(errors)
    if match.status not in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED):
        if not all((signed.mentor_on, signed.mentee_on, signed.coordinator_on)):
            raise ActionRefused(_("The match has started; its signatures cannot be removed."))
    agreement.mentor_signed_on = signed.mentor_on
    agreement.mentee_signed_on = signed.mentee_on
    agreement.coordinator_signed_on = signed.coordinator_on
    agreement.signatures_recorded_by = by
    if (
        signed.mentor_on
        and signed.mentee_on
        and signed.coordinator_on
        and match.status is MatchStatus.INTRODUCED
    ):
        start = max(signed.mentor_on, signed.mentee_on, signed.coordinator_on)
        _record_status(s, match, MatchStatus.ACTIVE, start, by, _("Agreement signed."))
        match.started_on = start
        match.planned_end_on = start + relativedelta(months=agreement.relationship_months)
    return MATCHES


# --- later changes -------------------------------------------------------------------------

#: Where a match may go from each status by `change_status` (activation is by signatures).
TRANSITIONS: dict[MatchStatus, tuple[MatchStatus, ...]] = {
    MatchStatus.PROPOSED: (MatchStatus.CLOSED,),
    MatchStatus.INTRODUCED: (MatchStatus.ACTIVE, MatchStatus.CLOSED),
    MatchStatus.ACTIVE: (MatchStatus.PAUSED, MatchStatus.ENDING, MatchStatus.CLOSED),
    MatchStatus.PAUSED: (MatchStatus.ACTIVE, MatchStatus.ENDING, MatchStatus.CLOSED),
    MatchStatus.ENDING: (MatchStatus.ACTIVE, MatchStatus.CLOSED),
    MatchStatus.CLOSED: (),
}


def _fully_signed(s: Session, match_id: int) -> bool:
    agreement = s.scalar(select(Agreement).where(Agreement.match_id == match_id))
    return agreement is not None and all(
        (agreement.mentor_signed_on, agreement.mentee_signed_on, agreement.coordinator_signed_on)
    )


def change_status(
    s: Session,
    match_id: int,
    to: MatchStatus,
    on: date | None,
    today: date,
    by: str = "",
    note: str = "",
    ending: EndingKind | None = None,
) -> Changes:
    """Pause, restart, begin ending or close a match, recording the day, who and why."""
    match = get_match(s, match_id)
    errors: dict[str, str] = {}
    if on is None:
        errors["on"] = _("Give the date of the change.")
    elif on > today:
        errors["on"] = _("Record the change on or after the day it happens.")
    if to is MatchStatus.CLOSED:
        if ending is None:
            errors["ending"] = _("Say how the match ended.")
        if not note.strip():
            errors["note"] = _("Write a line about why the match ended.")
    check(errors)
    assert on is not None, "refused above when missing"
    if to not in TRANSITIONS[match.status]:
        raise ActionRefused(
            _("A match that is {current} cannot become {new}.").format(
                current=_(MATCH_STATUS_LABELS[match.status]).lower(),
                new=_(MATCH_STATUS_LABELS[to]).lower(),
            )
        )
    if to is MatchStatus.CLOSED and match.started_on is not None:
        # A relationship that started is closed through the ending procedure, step by step.
        closure = s.scalar(select(MatchClosure).where(MatchClosure.match_id == match_id))
        missing = closure_steps.missing_steps(closure)
        if missing:
            raise ActionRefused(closure_steps.refusal_text(missing))
    if to is MatchStatus.ACTIVE and not _fully_signed(s, match_id):
        raise ActionRefused(
            _(
                "A match starts only when the mentor, the mentee and the coordinator have "
                "all signed the agreement. Record their signatures first."
            )
        )
    _record_status(s, match, to, on, by, note.strip())
    if to is MatchStatus.ACTIVE and match.started_on is None:
        match.started_on = on
    if to is MatchStatus.CLOSED:
        match.ended_on = on
        match.ending_kind = ending
        match.end_reason = note.strip()
    return MATCHES


def set_priority(
    s: Session, participant_id: int, priority: bool, note: str, today: date
) -> Changes:
    """Mark a waiting mentee to be matched first (with the reason), or take the mark off."""
    if s.get(Participant, participant_id) is None:
        raise NotFound(_("That person is no longer in this programme."))
    existing = s.scalar(
        select(WaitingPriority).where(WaitingPriority.participant_id == participant_id)
    )
    if priority:
        if existing is None:
            existing = WaitingPriority(participant_id=participant_id, set_on=today)
            s.add(existing)
        existing.note = note.strip()
    elif existing is not None:
        s.delete(existing)
    return MATCHES


# ============================================================================ one match


@dataclass(frozen=True)
class HistoryRow:
    on: date
    text: str
    by: str
    note: str


@dataclass(frozen=True)
class MatchDetails:
    match_id: int
    programme_id: int
    mentor_id: int
    mentee_id: int
    mentor_name: str
    mentee_name: str
    status: MatchStatus
    proposed_on: date | None
    started_on: date | None
    planned_end_on: date | None
    ended_on: date | None
    history: list[HistoryRow]
    risk: RiskDetails | None
    introduction: IntroductionDetails | None
    agreement: AgreementDetails | None
    signatures: Signatures | None
    next_step: str
    allowed: tuple[MatchStatus, ...]


def match_details(s: Session, match_id: int) -> MatchDetails:
    match = get_match(s, match_id)
    mentor, mentee = match.mentor.person, match.mentee.person
    history = [
        HistoryRow(
            c.changed_on,
            _(MATCH_STATUS_LABELS[c.to_status])
            if c.from_status is None
            else _("{old} to {new}").format(
                old=_(MATCH_STATUS_LABELS[c.from_status]), new=_(MATCH_STATUS_LABELS[c.to_status])
            ),
            c.changed_by,
            c.note,
        )
        for c in s.scalars(
            select(MatchStatusChange)
            .where(MatchStatusChange.match_id == match_id)
            .order_by(MatchStatusChange.changed_on, MatchStatusChange.id)
        )
    ]
    risk = s.scalar(select(RiskAssessment).where(RiskAssessment.match_id == match_id))
    intro = s.scalar(select(Introduction).where(Introduction.match_id == match_id))
    agreement = s.scalar(select(Agreement).where(Agreement.match_id == match_id))
    signatures = (
        Signatures(
            agreement.mentor_signed_on,
            agreement.mentee_signed_on,
            agreement.coordinator_signed_on,
        )
        if agreement
        else None
    )
    return MatchDetails(
        match_id=match.id,
        programme_id=match.programme_id,
        mentor_id=match.mentor_id,
        mentee_id=match.mentee_id,
        mentor_name=display_name(mentor.first_name, mentor.last_name, mentor.preferred_name),
        mentee_name=display_name(mentee.first_name, mentee.last_name, mentee.preferred_name),
        status=match.status,
        proposed_on=match.proposed_on,
        started_on=match.started_on,
        planned_end_on=match.planned_end_on,
        ended_on=match.ended_on,
        history=history,
        risk=RiskDetails(
            risk.assessed_on, risk.risks, risk.actions, risk.reviewed_on, risk.assessed_by
        )
        if risk
        else None,
        introduction=IntroductionDetails(
            intro.held_on, intro.staff_present, intro.outcome, intro.notes
        )
        if intro
        else None,
        agreement=AgreementDetails(
            agreement.issues,
            agreement.mentor_role,
            agreement.mentee_role,
            agreement.agreed_on,
            agreement.review_on,
        )
        if agreement
        else None,
        signatures=signatures,
        next_step=_next(
            match.status,
            risk is not None,
            intro is not None,
            agreement is not None,
            bool(
                signatures
                and all((signatures.mentor_on, signatures.mentee_on, signatures.coordinator_on))
            ),
        )[1],
        allowed=tuple(
            t
            for t in TRANSITIONS[match.status]
            if t is not MatchStatus.ACTIVE or _fully_signed(s, match_id)
        ),
    )
