"""The demo is valid on every day: its dates are drawn so that the services accept them and
everything happens in order, whatever day the demo is built on."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo import (
    DEMO_MATCHES,
    MEETING_GAP_DAYS,
    MENTEE_LEAD_DAYS,
    MENTOR_LEAD_DAYS,
    action_done_date,
    copy_to_mentor_date,
    create_demo,
    goal_start_date,
    goals_until,
    match_dates,
    meetings_until,
    monthly_meeting_dates,
    next_meeting_date,
    programme_start,
    pvg_issued_renewing_in,
    support_contact_date,
)
from app.model import (
    ActionPoint,
    Agreement,
    BaselineChange,
    Concern,
    Goal,
    GoalAction,
    GoalStatusChange,
    Interview,
    Introduction,
    Match,
    MatchClosure,
    MatchStatus,
    MatchStatusChange,
    MeetingLog,
    Participant,
    Person,
    PlanningProgress,
    PolicyVersion,
    Programme,
    ProgrammeStatus,
    ProgressRating,
    PvgRecord,
    Reference,
    Review,
    ReviewDecision,
    RiskAssessment,
    StageChange,
    SupportContact,
    Task,
    TrainingSession,
    WaitingPriority,
)
from app.model.person import Stage
from app.paths import DataPaths
from app.services import closure_steps, endings, goals, meetings, readiness, reviews, support
from app.storage import open_database

#: Statuses of a match whose pair has started working together.
WORKING = (MatchStatus.ACTIVE, MatchStatus.PAUSED, MatchStatus.ENDING, MatchStatus.CLOSED)
LONGEST_AGO = max(days_ago for *_, days_ago in DEMO_MATCHES)


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


#: Three years, one of them a leap year, every day.
THREE_YEARS = list(_days(date(2026, 1, 1), date(2028, 12, 31)))


def _month_ends(year: int) -> list[date]:
    """The first and the last day of every month of `year`."""
    days: list[date] = []
    for month in range(1, 13):
        following = date(year + month // 12, month % 12 + 1, 1)
        days += [date(year, month, 1), following - timedelta(days=1)]
    return days


#: The first and last day of every month of 2027, a leap day, the turn of the year, and the
#: days building the demo used to fail on (02/12/2026 among them).
AWKWARD_DAYS = sorted(
    {
        *_month_ends(2027),
        date(2028, 2, 29),
        date(2028, 3, 1),
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2026, 12, 2),
        date(2026, 12, 30),
        date(2027, 1, 10),
        date(2027, 2, 11),
    }
)


class _Extreme(random.Random):
    """Draws the smallest (or largest) value every time, to try the edges of each range."""

    def __init__(self, *, largest: bool) -> None:
        super().__init__(0)
        self.largest = largest

    def randint(self, a: int, b: int) -> int:
        return b if self.largest else a


# ----------------------------------------------------------------------- the date helpers


def _check_meetings(started: date, until: date, today: date, rng: random.Random) -> None:
    """A pair's meeting dates rise, fall inside the relationship and before today; each next
    meeting and each copy to the mentor comes after its meeting."""
    held = monthly_meeting_dates(started, until, rng, skip_month=5)
    assert held == sorted(set(held)), (started, until, held)
    assert all(started < day < until <= today for day in held), (started, until, held)
    gaps = [(b - a).days for a, b in pairwise(held)]
    assert all(gap >= MEETING_GAP_DAYS for gap in gaps), (started, held)
    for i, day in enumerate(held):
        following = held[i + 1] if i + 1 < len(held) else None
        for ended in (False, True):
            after = next_meeting_date(day, following, ended=ended)
            assert after is None or after > day
            if following is not None:
                assert after == following
        copy = copy_to_mentor_date(day, 9, today)
        assert copy is None or day <= copy <= today


def test_the_date_helpers_are_valid_on_every_day_of_three_years() -> None:
    """Every helper, for every match of the demo, as if the demo were built on each day (the
    next test tries the smallest and largest draws)."""
    for today in THREE_YEARS:
        rng = random.Random(today.toordinal())
        start = programme_start(today, LONGEST_AGO)
        assert start.day == 1 and start <= today
        for _mentor, mentee, status, days_ago in DEMO_MATCHES:
            ended_after = (200 if mentee == 10 else 60) if status is MatchStatus.CLOSED else None
            dates = match_dates(
                today,
                days_ago,
                started=status in WORKING,
                ended_after_days=ended_after,
            )
            # Everyone joined the programme after it started, and matches are in the past.
            assert start <= dates.proposed_on - timedelta(days=MENTOR_LEAD_DAYS)
            assert start <= dates.proposed_on - timedelta(days=MENTEE_LEAD_DAYS)
            assert dates.proposed_on <= today
            if dates.started_on is None:
                assert dates.planned_end_on is None and dates.ended_on is None
                continue
            assert dates.proposed_on <= dates.started_on <= today
            assert dates.planned_end_on is not None and dates.planned_end_on > dates.started_on
            if dates.ended_on is not None:
                assert dates.started_on <= dates.ended_on <= today
            paused = status is MatchStatus.PAUSED
            until = meetings_until(dates.started_on, dates.ended_on, today, paused=paused)
            assert dates.started_on <= until <= today
            _check_meetings(dates.started_on, until, today, rng)
            # Support contacts due just after the start and at the end, held early or late.
            last = min(dates.ended_on or today, today)
            for due in (dates.started_on + timedelta(days=1), until):
                for shift in (-4, 3):
                    held = support_contact_date(due, shift, dates.started_on, dates.ended_on, today)
                    assert held is None or dates.started_on <= held <= last
            worked_until = goals_until(dates.ended_on, today, paused=paused)
            assert worked_until <= today
            for index in range(4):
                goal_start = goal_start_date(dates.started_on, worked_until, index)
                assert dates.started_on <= goal_start
                assert goal_start < worked_until or goal_start == dates.started_on
                for early in (0, 4):
                    due = goal_start + timedelta(days=14 + index * 21)
                    done = action_done_date(goal_start, due, worked_until, early)
                    assert done is None or goal_start <= done <= min(due, worked_until)
        for days, expired in ((40, False), (60, False), (-30, True)):
            status_ = readiness.pvg_status(pvg_issued_renewing_in(today, days), today)
            assert status_.expired is expired
            assert expired or status_.due_soon
            assert abs((status_.renews_on - (today + timedelta(days=days))).days) <= 1


def test_the_meetings_of_a_pair_starting_on_any_day_come_in_order() -> None:
    """Pairs starting on every day of three years, over spans from a month to a year."""
    rng = random.Random(2028)
    extremes = [_Extreme(largest=False), _Extreme(largest=True)]
    for started in THREE_YEARS:
        for span in (8, 26, 35, 100, 365):
            until = started + timedelta(days=span)
            for draw in (rng, *extremes):
                _check_meetings(started, until, until, draw)


# ------------------------------------------------------------------- the demo on awkward days


@pytest.fixture(scope="module")
def empty_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, empty data file, copied for each build (migrating takes longer)."""
    paths = DataPaths(tmp_path_factory.mktemp("empty-data"))
    open_database(paths).close(backup=False)
    return paths.database


def _in_order(*days: date | None) -> bool:
    """True when the dates given (None ones left out) never go backwards."""
    known = [d for d in days if d is not None]
    return known == sorted(known)


def _problems(s: Session, today: date) -> list[str]:
    """Everything in the demo that is out of order, in the future, or that the services would
    refuse, one line each."""
    found: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            found.append(what)

    main = s.scalars(select(Programme).where(Programme.status == ProgrammeStatus.RUNNING)).one()
    start = main.start_date
    assert start is not None
    check(start <= today, f"the programme starts in the future ({start})")

    # People: they joined after the programme started and moved along the pipeline in order.
    participants = {p.id: p for p in s.scalars(select(Participant))}
    for p in participants.values():
        if p.programme_id != main.id:
            continue
        where = f"participant {p.id}"
        check(_in_order(start, p.joined_on, p.stage_on, today), f"{where} joined/stage dates")
        for on in (p.application_on, p.induction_on, p.code_signed_on):
            check(_in_order(p.joined_on, on, today), f"{where} screening date {on}")
    for p_id, changes in _grouped(s, StageChange, "participant_id").items():
        joined = participants[p_id].joined_on
        check(_in_order(joined, *changes, today), f"stage changes of participant {p_id}")
    for person in s.scalars(select(Person)):
        check(_in_order(person.consent_on, today), f"consent of person {person.id}")
        check(_in_order(person.date_of_birth, today), f"birth date of person {person.id}")
    screened: list[tuple[str, date]] = [
        *((f"interview {r.id}", r.held_on) for r in s.scalars(select(Interview))),
        *((f"training {r.id}", r.held_on) for r in s.scalars(select(TrainingSession))),
        *((f"PVG record {r.id}", r.issued_on) for r in s.scalars(select(PvgRecord))),
    ]
    for what, on in screened:
        check(_in_order(on, today), f"{what} is in the future")
    for ref in s.scalars(select(Reference)):
        check(_in_order(ref.requested_on, ref.received_on, today), f"reference {ref.id}")
    # Nobody is trained after they have left.
    left_on = {p.person_id: p.stage_on for p in participants.values() if p.stage is Stage.LEFT}
    for session in s.scalars(select(TrainingSession)):
        if session.person_id in left_on:
            check(
                _in_order(session.held_on, left_on[session.person_id]),
                f"training {session.id} after person {session.person_id} left",
            )
    for task in s.scalars(select(Task)):
        check(_in_order(task.done_on, today), f"task {task.id}")
    for priority in s.scalars(select(WaitingPriority)):
        check(_in_order(priority.set_on, today), f"waiting priority {priority.id}")

    # The plan and the policy come before the programme starts; nothing is approved ahead.
    for progress in s.scalars(select(PlanningProgress)):
        check(_in_order(progress.completed_on, today), "planning finished in the future")
    for version in s.scalars(select(PolicyVersion)):
        check(
            _in_order(version.started_on, version.approved_on, today),
            f"policy version {version.number}",
        )

    # Matches: proposed, started, ended, in that order, none in the future, each change of
    # status in order; introductions, risk assessments and agreements before the start.
    matches = {m.id: m for m in s.scalars(select(Match))}
    for m in matches.values():
        where = f"match {m.id} ({m.status})"
        check(_in_order(start, m.proposed_on, m.started_on, m.ended_on, today), f"{where} dates")
        check((m.started_on is not None) == (m.status in WORKING), f"{where} started")
        check((m.ended_on is not None) == (m.status is MatchStatus.CLOSED), f"{where} ended")
        check(_in_order(m.started_on, m.planned_end_on), f"{where} planned end")
    for m_id, changes in _grouped(s, MatchStatusChange, "match_id").items():
        m = matches[m_id]
        check(_in_order(m.proposed_on, *changes, m.ended_on, today), f"status changes of {m_id}")
    for risk in s.scalars(select(RiskAssessment)):
        m = matches[risk.match_id]
        check(_in_order(m.proposed_on, risk.assessed_on, today), f"risk of match {m.id}")
    for intro in s.scalars(select(Introduction)):
        m = matches[intro.match_id]
        check(_in_order(m.proposed_on, intro.held_on, m.started_on, today), f"intro of {m.id}")
    for agreement in s.scalars(select(Agreement)):
        m = matches[agreement.match_id]
        for signed in (
            agreement.mentor_signed_on,
            agreement.mentee_signed_on,
            agreement.coordinator_signed_on,
        ):
            check(
                _in_order(m.proposed_on, agreement.agreed_on, signed, today),
                f"agreement of match {m.id}",
            )
        check(_in_order(agreement.agreed_on, agreement.review_on), f"review of {m.id}")

    # Meetings: within the relationship, in the past, each next meeting after the meeting,
    # and every log one the meeting service would save.
    logs = list(s.scalars(select(MeetingLog).order_by(MeetingLog.id)))
    held_on = {log.id: log.held_on for log in logs}
    points = list(s.scalars(select(ActionPoint).order_by(ActionPoint.id)))
    held_by_match: dict[int, list[date]] = {}
    for log in logs:
        m = matches[log.match_id]
        where = f"meeting {log.id} of match {m.id} on {log.held_on}"
        check(_in_order(m.started_on, log.held_on, m.ended_on, today), f"{where}: when held")
        check(log.next_meeting_on is None or log.next_meeting_on > log.held_on, f"{where}: next")
        held_by_match.setdefault(m.id, []).append(log.held_on)
        errors = meetings.validate_meeting(_meeting_details(log, points, held_on), today)
        check(not errors, f"{where}: {errors}")
    for m_id, held in held_by_match.items():
        check(held == sorted(set(held)), f"meetings of match {m_id} out of order")
    for point in points:
        check(_in_order(held_on[point.agreed_at_id], point.due_on), f"action point {point.id}")
    for contact in s.scalars(select(SupportContact)):
        m = matches[contact.match_id]
        where = f"support contact {contact.id} of match {m.id}"
        check(_in_order(m.started_on, contact.held_on, m.ended_on, today), where)
        errors = support.validate_contact(support.contact_details(s, contact.id), today)
        check(not errors, f"{where}: {errors}")
    for concern in s.scalars(select(Concern)):
        m = matches[concern.match_id]
        where = f"concern {concern.id} of match {m.id}"
        check(_in_order(m.started_on, concern.raised_on, concern.resolved_on, today), where)
        errors = support.validate_concern(support.concern_details(s, concern.id), today)
        check(not errors, f"{where}: {errors}")

    # Goals: set after the pair started; rated, changed and done between then and today.
    for goal in s.scalars(select(Goal)):
        m = matches[goal.match_id]
        where = f"goal {goal.id} of match {m.id}"
        check(_in_order(m.started_on, goal.start_on, goal.target_on), f"{where}: start/target")
        check(_in_order(goal.start_on, today), f"{where}: starts in the future")
        errors = goals.validate_goal(goals.details_of(goal), main.goal_rating_scale_max)
        check(not errors, f"{where}: {errors}")
        changes = [c.changed_on for c in sorted(goal.status_changes, key=lambda c: c.id)]
        check(_in_order(goal.start_on, *changes, today), f"{where}: status changes")
        for rating in goal.ratings:
            check(_in_order(goal.start_on, rating.rated_on, today), f"{where}: rating")
    for action in s.scalars(select(GoalAction)):
        where = f"goal action {action.id}"
        check(_in_order(action.agreed_on, action.due_on), f"{where}: due before agreed")
        check(_in_order(action.agreed_on, action.done_on, today), f"{where}: done")
        errors = goals.validate_action(goals.action_details(s, action.id))
        check(not errors, f"{where}: {errors}")
    for change in s.scalars(select(BaselineChange)):
        check(_in_order(change.changed_on, today), f"baseline change {change.id}")
    # Reviews and endings: held in order and accepted by the services; every closed match
    # that started has a complete closure; one review is overdue; one ending is in progress.
    for review in s.scalars(select(Review)):
        m = matches[review.match_id]
        where = f"review {review.id} of match {m.id}"
        check(_in_order(m.started_on, review.held_on, today), where)
        errors = reviews.validate_review(reviews.details_of(review), today, m.started_on, None)
        check(not errors, f"{where}: {errors}")
    for closure in s.scalars(select(MatchClosure)):
        m = matches[closure.match_id]
        where = f"closure of match {m.id}"
        check(_in_order(m.started_on, closure.started_on, closure.end_on, today), where)
        errors = endings.validate_closure(endings.details_of(closure), today, m.started_on)
        check(not errors, f"{where}: {errors}")
        missing = closure_steps.missing_steps(closure)
        check((m.status is MatchStatus.CLOSED) == (not missing), f"{where}: {missing}")
    due = reviews.reviews_due(s, main.id, today)
    check(any(r.overdue for r in due), "no review is overdue")
    check(
        s.scalar(select(Review.id).where(Review.decision == ReviewDecision.EXTEND)) is not None,
        "no extension",
    )
    check(s.scalar(select(ProgressRating.id).limit(1)) is not None, "no progress ratings")
    check(s.scalar(select(GoalStatusChange.id).limit(1)) is not None, "no goal history")
    return found


def _meeting_details(
    log: MeetingLog, points: list[ActionPoint], held_on: dict[int, date]
) -> meetings.MeetingDetails:
    """The log as the meeting dialog would send it back to the service (as
    `meetings.meeting_form` builds it, without the names it looks up)."""
    return meetings.MeetingDetails(
        held_on=log.held_on,
        mode=log.mode,
        duration_minutes=log.duration_minutes,
        place=log.place,
        attended=log.attended,
        stage=log.stage,
        next_meeting_on=log.next_meeting_on,
        mentee_signed_on=log.mentee_signed_on,
        mentor_signed_on=log.mentor_signed_on,
        copy_to_mentor_on=log.copy_to_mentor_on,
        reviews=tuple(
            meetings.ActionReview(
                p.id, p.text, p.owner, p.due_on, held_on[p.agreed_at_id], p.status
            )
            for p in points
            if p.reviewed_at_id == log.id
        ),
        actions=tuple(
            meetings.NewAction(p.text, p.owner, p.due_on, p.id)
            for p in points
            if p.agreed_at_id == log.id and p.carried_from_id is None
        ),
    )


def _grouped(
    s: Session, model: type[StageChange] | type[MatchStatusChange], key: str
) -> dict[int, list[date]]:
    """The dates of the changes recorded for each participant or match (`key`), in the order
    they were recorded."""
    grouped: dict[int, list[date]] = {}
    for owner, changed_on in s.execute(
        select(getattr(model, key), model.changed_on).order_by(model.id)
    ):
        grouped.setdefault(owner, []).append(changed_on)
    return grouped


@pytest.mark.parametrize("day", AWKWARD_DAYS, ids=lambda d: d.isoformat())
def test_the_demo_builds_and_is_in_order_on_an_awkward_day(
    day: date, empty_file: Path, tmp_path: Path
) -> None:
    """Built on `day` (not the day the tests live on), the demo goes in through the services
    without a refusal, and everything in it is in order."""
    paths = DataPaths(tmp_path / "demo")
    paths.ensure()
    shutil.copyfile(empty_file, paths.database)
    database = open_database(paths, backup_on_open=False)
    try:
        with database.session() as s:
            create_demo(s, today=day)
        with database.session() as s:
            problems = _problems(s, day)
            working = set(s.scalars(select(Match.id).where(Match.status.in_(WORKING))))
            met = set(s.scalars(select(MeetingLog.match_id)))
    finally:
        database.close(backup=False)
    assert not problems, "\n".join(problems)
    assert met == working, "every pair that started has met"


def test_there_are_at_least_thirty_awkward_days() -> None:
    assert len(AWKWARD_DAYS) >= 30
    assert date(2026, 12, 2) in AWKWARD_DAYS and date(2028, 2, 29) in AWKWARD_DAYS
