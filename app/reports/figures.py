"""The programme's figures for a period: what the dashboard shows and the evaluation report
prints, worked out in one place from a fixed, small number of queries.

Counts of people and of matches by status are as they stand on the day the figures are made
(`today`); meetings, support contacts, reviews held and endings fall inside the period (both
days included). Where records are incomplete the figures leave those records out and say so in
a sentence (`Figures.missing`), so nothing prints as "None" and nothing fails.

Definitions, so anyone can check a number by hand:
- Waiting list: mentees still taking part (not withdrawn or left) with no open match. Each one
  waits from the later of the day they joined and the day their last match ended.
- Meetings: logs of meetings held in the period (an e-mail or message between meetings is not
  a meeting); hours are the lengths recorded.
- Support contacts: each contact the programme's rule asked for with the mentor, the mentee
  (and a third party, once one has been contacted) of each supported match, due in the period
  up to today, and whether it was made (the same rule the Today list uses).
- Goals: the goals of matches running at some time in the period; the change from baseline is
  the latest rating recorded by the end of the period less the baseline.
- Endings: matches closed with an end date in the period; planned against every other kind.
- Match length: from start to end, in months of 30.4 days.
- Mentoring hours per week: the hours of meetings in the period divided by the weeks all the
  matches ran in it, so it is the average for one match.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.formatting import format_number, format_percent
from app.i18n import N_, _, ngettext
from app.model import (
    Goal,
    Match,
    MatchClosure,
    MatchStatus,
    MeetingLog,
    Participant,
    Person,
    ProgressRating,
    Review,
    Role,
    SupportContact,
    TrainingSession,
)
from app.model.ending import EARLY_BY_LABELS, EarlyBy
from app.model.goal import GoalStatus, goal_label
from app.model.match import ENDING_LABELS, MATCH_STATUS_LABELS, OPEN_STATUSES, EndingKind
from app.model.meeting import MEETING_MODES
from app.model.person import GONE_STAGES, STAGE_LABELS, Stage
from app.model.support import ContactDepth, ContactParty
from app.services import reviews
from app.services.errors import check
from app.services.lookups import get_programme
from app.services.schedule import (
    DueState,
    add_months,
    check_due_dates,
    support_contact_schedule,
)
from app.services.support import SUPPORTED_STATUSES

#: Days in an average month, for match lengths.
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a stable key (the enum's value), its label and its value."""

    key: str
    label: str
    value: float


@dataclass(frozen=True)
class Month:
    first: date  # the first day of the month
    meetings: int
    minutes: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class Network:
    """The figures the national network's evaluation framework asks for."""

    trained_mentors: int
    mentees: int
    active_matches: int
    average_match_months: float | None
    hours_per_week: float | None


@dataclass(frozen=True)
class Figures:
    programme_id: int
    programme: str
    organisation: str
    start: date
    end: date
    as_at: date
    # People, now
    mentors_by_stage: tuple[Bar, ...]
    mentees_by_stage: tuple[Bar, ...]
    joined: int
    waiting: int
    average_wait_days: float | None
    wait_bands: tuple[Bar, ...]
    # Matches
    matches_by_status: tuple[Bar, ...]
    matches_started: int
    # Meetings in the period
    months: tuple[Month, ...]
    meetings: int
    meeting_minutes: int
    # Support contacts due in the period
    contacts_due: int
    contacts_made: int
    # Goals
    goals: int
    goals_by_status: tuple[Bar, ...]
    goals_compared: int
    average_baseline: float | None
    average_latest: float | None
    average_change: float | None
    improved: int
    unchanged: int
    fell: int
    # Endings in the period
    endings_planned: int
    endings_early: int
    endings_by_kind: tuple[Bar, ...]
    early_by: tuple[Bar, ...]
    average_match_months: float | None
    length_bands: tuple[Bar, ...]
    # Reviews
    reviews_held: int
    reviews_overdue: int
    network: Network
    #: Sentences naming what the records leave out ("No review recorded for 3 matches.").
    missing: tuple[str, ...]

    @property
    def meeting_hours(self) -> float:
        return self.meeting_minutes / 60

    @property
    def contacts_missed(self) -> int:
        return self.contacts_due - self.contacts_made

    @property
    def compliance(self) -> float | None:
        """The share of support contacts due that were made, as a percentage."""
        return 100 * self.contacts_made / self.contacts_due if self.contacts_due else None

    @property
    def endings(self) -> int:
        return self.endings_planned + self.endings_early

    @property
    def goals_achieved(self) -> int:
        return int(sum(b.value for b in self.goals_by_status if b.key == GoalStatus.ACHIEVED))


def validate_period(start: date | None, end: date | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if start is None:
        errors["start"] = _("Give the first day of the period.")
    if end is None:
        errors["end"] = _("Give the last day of the period.")
    if start is not None and end is not None and end < start:
        errors["end"] = _("The period ends on or after the day it starts.")
    return errors


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months up to today."""
    return add_months(today, -12) + timedelta(days=1), today


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


#: Bands of waiting time in days: (upper bound or None, label).
WAIT_BANDS = (
    (28, N_("Under 4 weeks")),
    (91, N_("1 to 3 months")),
    (182, N_("3 to 6 months")),
    (None, N_("Over 6 months")),
)
#: Bands of match length in months: research links 12 months or more with the best outcomes.
LENGTH_BANDS = (
    (3.0, N_("Under 3 months")),
    (6.0, N_("3 to 6 months")),
    (12.0, N_("6 to 12 months")),
    (None, N_("12 months or more")),
)


def _bands(values: list[float], bands: tuple[tuple[float | None, str], ...]) -> tuple[Bar, ...]:
    """How many values fall in each band (each band up to, not including, its bound)."""
    counts = [0] * len(bands)
    for value in values:
        for i, (bound, _label) in enumerate(bands):
            if bound is None or value < bound:
                counts[i] += 1
                break
    return tuple(
        Bar(str(i), _(label), n)
        for i, ((_b, label), n) in enumerate(zip(bands, counts, strict=True))
    )


def _months_in(start: date, end: date) -> list[date]:
    month = date(start.year, start.month, 1)
    months = []
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def figures(s: Session, programme_id: int, start: date, end: date, today: date) -> Figures:
    """Every figure for the programme and period (both days included), as on `today`."""
    check(validate_period(start, end))
    programme = get_programme(s, programme_id)
    upto = min(end, today)
    missing: list[str] = []

    # --- people ---------------------------------------------------------------------
    people = s.execute(
        select(
            Participant.id,
            Participant.person_id,
            Participant.role,
            Participant.stage,
            Participant.joined_on,
        )
        .join(Person, Person.id == Participant.person_id)
        .where(Participant.programme_id == programme_id, Person.removed_on.is_(None))
    ).all()
    by_stage: dict[Role, Counter[Stage]] = {Role.MENTOR: Counter(), Role.MENTEE: Counter()}
    for person in people:
        by_stage[person.role][person.stage] += 1

    def stage_bars(role: Role) -> tuple[Bar, ...]:
        counts = by_stage[role]
        return tuple(Bar(st.value, _(STAGE_LABELS[st]), counts[st]) for st in Stage if counts[st])

    joined = sum(1 for r in people if r.joined_on is not None and start <= r.joined_on <= end)

    # --- matches --------------------------------------------------------------------
    matches = s.execute(
        select(
            Match.id,
            Match.mentee_id,
            Match.status,
            Match.proposed_on,
            Match.started_on,
            Match.ended_on,
            Match.ending_kind,
        ).where(Match.programme_id == programme_id)
    ).all()

    def in_period(begun: date | None, ended: date | None) -> bool:
        return (begun is None or begun <= end) and (ended is None or ended >= start)

    in_range = [m for m in matches if in_period(m.started_on or m.proposed_on, m.ended_on)]
    status_counts = Counter(m.status for m in in_range)
    matches_by_status = tuple(
        Bar(st.value, _(MATCH_STATUS_LABELS[st]), status_counts[st])
        for st in MatchStatus
        if status_counts[st]
    )
    matches_started = sum(
        1 for m in matches if m.started_on is not None and start <= m.started_on <= end
    )

    # --- waiting list ---------------------------------------------------------------
    open_mentees = {m.mentee_id for m in matches if m.status in OPEN_STATUSES}
    last_ended: dict[int, date] = {}
    for m in matches:
        if m.ended_on is not None and m.ended_on > last_ended.get(m.mentee_id, date.min):
            last_ended[m.mentee_id] = m.ended_on
    waits: list[float] = []
    waiting = 0
    unknown_wait = 0
    for person in people:
        if (
            person.role is not Role.MENTEE
            or person.stage in GONE_STAGES
            or person.id in open_mentees
        ):
            continue
        waiting += 1
        since = max((d for d in (person.joined_on, last_ended.get(person.id)) if d), default=None)
        if since is None:
            unknown_wait += 1
        else:
            waits.append(max(0, (today - since).days))
    if unknown_wait:
        missing.append(
            ngettext(
                "No joining date recorded for {n} waiting mentee, so their wait is not counted.",
                "No joining date recorded for {n} waiting mentees, so their waits are not counted.",
                unknown_wait,
            ).format(n=unknown_wait)
        )

    # --- meetings -------------------------------------------------------------------
    meeting_rows = s.execute(
        select(
            MeetingLog.match_id, MeetingLog.held_on, MeetingLog.mode, MeetingLog.duration_minutes
        )
        .join(Match, Match.id == MeetingLog.match_id)
        .where(
            Match.programme_id == programme_id,
            MeetingLog.removed_on.is_(None),
            MeetingLog.held_on >= start,
            MeetingLog.held_on <= end,
        )
    ).all()
    per_month: dict[date, list[int]] = {m: [0, 0] for m in _months_in(start, end)}
    meetings = minutes = no_length = 0
    for meeting in meeting_rows:
        if meeting.mode not in MEETING_MODES:
            continue
        bucket = per_month[date(meeting.held_on.year, meeting.held_on.month, 1)]
        bucket[0] += 1
        meetings += 1
        if meeting.duration_minutes is None:
            no_length += 1
        else:
            bucket[1] += meeting.duration_minutes
            minutes += meeting.duration_minutes
    months = tuple(Month(first, n, mins) for first, (n, mins) in per_month.items())
    if no_length:
        missing.append(
            ngettext(
                "No length recorded for {n} meeting, so its hours are not counted.",
                "No length recorded for {n} meetings, so their hours are not counted.",
                no_length,
            ).format(n=no_length)
        )

    # --- support contacts -----------------------------------------------------------
    contacts: dict[int, list[tuple[ContactParty, str, ContactDepth, date]]] = defaultdict(list)
    for contact in s.execute(
        select(
            SupportContact.match_id,
            SupportContact.party,
            SupportContact.third_party_name,
            SupportContact.depth,
            SupportContact.held_on,
        )
        .join(Match, Match.id == SupportContact.match_id)
        .where(Match.programme_id == programme_id, SupportContact.removed_on.is_(None))
    ):
        contacts[contact.match_id].append(
            (contact.party, contact.third_party_name, contact.depth, contact.held_on)
        )
    due_count = made_count = 0
    supported = (*SUPPORTED_STATUSES, MatchStatus.CLOSED)
    for m in in_range:
        if m.status not in supported or m.started_on is None:
            continue
        if m.status is MatchStatus.CLOSED and m.ended_on is None:
            continue  # named with the endings below
        until = min(upto, m.ended_on) if m.ended_on else upto
        schedule = support_contact_schedule(
            programme.support_contact_rule,
            m.started_on,
            until,
            custom_contacts_first_month=programme.custom_contacts_first_month,
            custom_interval_weeks=programme.custom_contact_interval_weeks,
        )
        made = contacts.get(m.id, [])
        parties = [ContactParty.MENTOR, ContactParty.MENTEE]
        if any(p is ContactParty.THIRD_PARTY for p, *_rest in made):
            parties.append(ContactParty.THIRD_PARTY)
        for party in parties:
            dates_made = [(d, on) for p, _n, d, on in made if p is party]
            for depth in {c.depth for c in schedule}:
                due = [c.due_on for c in schedule if c.depth is depth]
                dates = [on for d, on in dates_made if depth is ContactDepth.CHECK_IN or d is depth]
                for checked in check_due_dates(due, dates, today):
                    if start <= checked.due_on <= upto and checked.state is not DueState.DUE:
                        due_count += 1
                        made_count += checked.state is DueState.MADE

    # --- goals ----------------------------------------------------------------------
    running = {m.id for m in in_range if m.started_on is not None and m.started_on <= end}
    goal_rows = [
        g
        for g in s.execute(
            select(Goal.id, Goal.match_id, Goal.status, Goal.baseline_rating)
            .join(Match, Match.id == Goal.match_id)
            .where(Match.programme_id == programme_id)
        )
        if g.match_id in running
    ]
    latest: dict[int, tuple[date, int, int]] = {}
    for goal_id, rated_on, rating, rating_id in s.execute(
        select(
            ProgressRating.goal_id,
            ProgressRating.rated_on,
            ProgressRating.rating,
            ProgressRating.id,
        )
        .join(Goal, Goal.id == ProgressRating.goal_id)
        .join(Match, Match.id == Goal.match_id)
        .where(Match.programme_id == programme_id, ProgressRating.rated_on <= end)
    ):
        key = (rated_on, rating_id, rating)
        if goal_id not in latest or key[:2] > latest[goal_id][:2]:
            latest[goal_id] = key
    goal_status = Counter(g.status for g in goal_rows)
    baselines: list[float] = []
    latests: list[float] = []
    no_baseline = no_rating = 0
    for g in goal_rows:
        if g.baseline_rating is None:
            no_baseline += 1
        elif g.id not in latest:
            no_rating += 1
        else:
            baselines.append(g.baseline_rating)
            latests.append(latest[g.id][2])
    changes = [b - a for a, b in zip(baselines, latests, strict=True)]
    if no_baseline:
        missing.append(
            ngettext(
                "No baseline recorded for {n} goal, so its progress cannot be shown.",
                "No baseline recorded for {n} goals, so their progress cannot be shown.",
                no_baseline,
            ).format(n=no_baseline)
        )
    if no_rating:
        missing.append(
            ngettext(
                "No progress rating recorded yet for {n} goal with a baseline.",
                "No progress rating recorded yet for {n} goals with a baseline.",
                no_rating,
            ).format(n=no_rating)
        )

    # --- endings --------------------------------------------------------------------
    closures = {
        row.match_id: row
        for row in s.execute(
            select(MatchClosure.match_id, MatchClosure.early_by)
            .join(Match, Match.id == MatchClosure.match_id)
            .where(Match.programme_id == programme_id)
        )
    }
    ended = [
        m
        for m in matches
        if m.status is MatchStatus.CLOSED and m.ended_on and start <= m.ended_on <= end
    ]
    undated = sum(1 for m in matches if m.status is MatchStatus.CLOSED and m.ended_on is None)
    kinds = Counter(m.ending_kind for m in ended)
    untold = kinds.pop(None, 0)
    planned = kinds[EndingKind.PLANNED]
    early = sum(n for kind, n in kinds.items() if kind is not EndingKind.PLANNED)
    endings_by_kind = tuple(
        Bar(kind.value, _(ENDING_LABELS[kind]), kinds[kind]) for kind in EndingKind if kinds[kind]
    )
    early_by_counts: Counter[EarlyBy] = Counter()
    for m in ended:
        closure = closures.get(m.id)
        if m.ending_kind not in (None, EndingKind.PLANNED) and closure and closure.early_by:
            early_by_counts[closure.early_by] += 1
    early_by = tuple(
        Bar(who.value, _(EARLY_BY_LABELS[who]), early_by_counts[who])
        for who in EarlyBy
        if early_by_counts[who]
    )
    lengths = [
        (m.ended_on - m.started_on).days / DAYS_PER_MONTH
        for m in ended
        if m.started_on is not None and m.ended_on is not None
    ]
    no_start = sum(1 for m in ended if m.started_on is None)
    if untold:
        missing.append(
            ngettext(
                "How it ended is not recorded for {n} match that closed in the period.",
                "How they ended is not recorded for {n} matches that closed in the period.",
                untold,
            ).format(n=untold)
        )
    if undated:
        missing.append(
            ngettext(
                "No end date recorded for {n} closed match, so it is left out of the endings "
                "and match lengths.",
                "No end date recorded for {n} closed matches, so they are left out of the "
                "endings and match lengths.",
                undated,
            ).format(n=undated)
        )
    if no_start:
        missing.append(
            ngettext(
                "No start date recorded for {n} match that ended, so its length is not known.",
                "No start date recorded for {n} matches that ended, so their lengths are not "
                "known.",
                no_start,
            ).format(n=no_start)
        )

    # --- reviews --------------------------------------------------------------------
    review_counts: Counter[int] = Counter()
    held = 0
    for match_id, held_on in s.execute(
        select(Review.match_id, Review.held_on)
        .join(Match, Match.id == Review.match_id)
        .where(Match.programme_id == programme_id)
    ):
        review_counts[match_id] += 1
        held += start <= held_on <= end
    overdue = sum(1 for r in reviews.reviews_due(s, programme_id, today, 0) if r.overdue)
    unreviewed = sum(
        1 for m in matches if m.status in reviews.REVIEWED_STATUSES and not review_counts[m.id]
    )
    if unreviewed:
        missing.append(
            ngettext(
                "No review recorded for {n} active or paused match.",
                "No review recorded for {n} active or paused matches.",
                unreviewed,
            ).format(n=unreviewed)
        )

    # --- the national network's figures ---------------------------------------------
    mentor_people = {
        r.person_id for r in people if r.role is Role.MENTOR and r.stage not in GONE_STAGES
    }
    hours: dict[int, float] = {
        person_id: float(total or 0)
        for person_id, total in s.execute(
            select(TrainingSession.person_id, func.sum(TrainingSession.hours))
            .where(TrainingSession.person_id.in_(mentor_people))
            .group_by(TrainingSession.person_id)
        )
    }
    trained = sum(
        1 for pid in mentor_people if hours.get(pid, 0.0) + 1e-9 >= programme.min_training_hours
    )
    match_days = 0
    for m in matches:
        if m.started_on is None or m.status in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED):
            continue
        if m.status is MatchStatus.CLOSED and m.ended_on is None:
            continue
        first = max(m.started_on, start)
        last = min(m.ended_on or upto, upto)
        match_days += max(0, (last - first).days + 1)
    network = Network(
        trained_mentors=trained,
        mentees=sum(1 for r in people if r.role is Role.MENTEE and r.stage not in GONE_STAGES),
        active_matches=sum(1 for m in matches if m.status is MatchStatus.ACTIVE),
        average_match_months=_mean(lengths),
        hours_per_week=(minutes / 60) / (match_days / 7) if match_days else None,
    )

    return Figures(
        programme_id=programme_id,
        programme=programme.name,
        organisation=programme.organisation,
        start=start,
        end=end,
        as_at=today,
        mentors_by_stage=stage_bars(Role.MENTOR),
        mentees_by_stage=stage_bars(Role.MENTEE),
        joined=joined,
        waiting=waiting,
        average_wait_days=_mean(waits),
        wait_bands=_bands(waits, WAIT_BANDS),
        matches_by_status=matches_by_status,
        matches_started=matches_started,
        months=months,
        meetings=meetings,
        meeting_minutes=minutes,
        contacts_due=due_count,
        contacts_made=made_count,
        goals=len(goal_rows),
        goals_by_status=tuple(
            Bar(st.value, goal_label(st), goal_status[st]) for st in GoalStatus if goal_status[st]
        ),
        goals_compared=len(changes),
        average_baseline=_mean(baselines),
        average_latest=_mean(latests),
        average_change=_mean([float(c) for c in changes]),
        improved=sum(1 for c in changes if c > 0),
        unchanged=sum(1 for c in changes if c == 0),
        fell=sum(1 for c in changes if c < 0),
        endings_planned=planned,
        endings_early=early,
        endings_by_kind=endings_by_kind,
        early_by=early_by,
        average_match_months=_mean(lengths),
        length_bands=_bands(lengths, LENGTH_BANDS),
        reviews_held=held,
        reviews_overdue=overdue,
        network=network,
        missing=tuple(missing),
    )


# ------------------------------------------------------------------------ in words


def number_text(value: float | None, unknown: str, digits: int = 1) -> str:
    """A figure for screen and paper, or `unknown` (a sentence) when there is none."""
    if value is None:
        return unknown
    return f"{value:.{digits}f}"


def wait_text(f: Figures) -> str:
    if f.average_wait_days is None:
        return _("No one is waiting.") if not f.waiting else _("Not known")
    days = round(f.average_wait_days)
    return ngettext("{n} day", "{n} days", days).format(n=days)


def compliance_text(f: Figures) -> str:
    if f.compliance is None:
        return _("No support contacts were due in this period.")
    return _("{made} of {due} made ({percent})").format(
        made=format_number(f.contacts_made),
        due=format_number(f.contacts_due),
        percent=format_percent(f.compliance),
    )


def months_text(value: float | None) -> str:
    if value is None:
        return _("No match ended in this period.")
    return _("{n:.1f} months").format(n=value)


def change_text(value: float | None) -> str:
    if value is None:
        return _("No goal has both a baseline and a rating.")
    return _("{change:+.1f} points").format(change=value)


def hours_per_week_text(value: float | None) -> str:
    if value is None:
        return _("No match ran in this period.")
    return _("{hours:.1f} hours").format(hours=value)
