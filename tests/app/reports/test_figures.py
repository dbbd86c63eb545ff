"""The report figures on a small crafted programme whose every value was worked out by hand
(the working is in the comments beside each record and each expected value)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.model import (
    EndingKind,
    Goal,
    GoalStatus,
    Match,
    MatchClosure,
    MatchStatus,
    MeetingLog,
    Participant,
    Person,
    Programme,
    ProgrammeStatus,
    ProgressRating,
    Review,
    ReviewDecision,
    Role,
    SupportContact,
    TrainingSession,
)
from app.model.ending import EarlyBy
from app.model.meeting import MeetingMode
from app.model.person import Stage
from app.model.support import ContactParty
from app.reports import figures
from app.reports.figures import Figures
from app.services.errors import ValidationError
from app.storage import Database

START, END = date(2026, 1, 1), date(2026, 6, 30)
#: The day the figures are made on: after the period, so every contact due in it has passed.
AS_AT = date(2026, 7, 15)


def _person(
    s: Session,
    programme: Programme,
    name: str,
    role: Role,
    stage: Stage,
    joined: date | None,
    *,
    removed: date | None = None,
    training: tuple[float, ...] = (),
) -> Participant:
    person = Person(first_name=name, last_name="Test", removed_on=removed)
    s.add(person)
    s.flush()
    for n, hours in enumerate(training):
        s.add(
            TrainingSession(
                person_id=person.id, held_on=date(2025, 11, 1 + n), topic="Induction", hours=hours
            )
        )
    participant = Participant(
        programme_id=programme.id, person_id=person.id, role=role, stage=stage, joined_on=joined
    )
    s.add(participant)
    s.flush()
    return participant


def _match(
    s: Session,
    programme: Programme,
    mentor: Participant,
    mentee: Participant,
    status: MatchStatus,
    started: date | None,
    ended: date | None = None,
    kind: EndingKind | None = None,
    proposed: date | None = None,
) -> Match:
    match = Match(
        programme_id=programme.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        status=status,
        proposed_on=proposed,
        started_on=started,
        ended_on=ended,
        ending_kind=kind,
    )
    s.add(match)
    s.flush()
    return match


def _meeting(
    s: Session,
    match: Match,
    on: date,
    minutes: int | None,
    mode: MeetingMode = MeetingMode.FACE_TO_FACE,
    removed: date | None = None,
) -> None:
    s.add(
        MeetingLog(
            match_id=match.id, held_on=on, mode=mode, duration_minutes=minutes, removed_on=removed
        )
    )


def _contact(
    s: Session,
    match: Match,
    party: ContactParty,
    on: date,
    removed: date | None = None,
    name: str = "",
) -> None:
    s.add(
        SupportContact(
            match_id=match.id, party=party, held_on=on, removed_on=removed, third_party_name=name
        )
    )


def _goal(
    s: Session,
    match: Match,
    status: GoalStatus,
    baseline: int | None,
    *ratings: tuple[date, int],
) -> None:
    goal = Goal(match_id=match.id, title="A goal", status=status, baseline_rating=baseline)
    s.add(goal)
    s.flush()
    for on, rating in ratings:
        s.add(ProgressRating(goal_id=goal.id, rated_on=on, rating=rating))


def build(s: Session) -> int:
    """The crafted programme; returns its id."""
    p = Programme(
        name="Crafted",
        organisation="Test Nursery",
        status=ProgrammeStatus.RUNNING,
        min_training_hours=2,
        review_interval_months=3,
    )
    s.add(p)
    s.flush()
    mentor, mentee = Role.MENTOR, Role.MENTEE
    # Mentors: two trained (3 h; 1 h + 1 h), one not (no training), one gone (left: not counted).
    ann = _person(s, p, "Ann", mentor, Stage.MATCHED, date(2025, 12, 1), training=(3,))
    bea = _person(s, p, "Bea", mentor, Stage.MATCHED, date(2026, 2, 10), training=(1, 1))
    _person(s, p, "Cal", mentor, Stage.CHECKS, date(2026, 7, 1))
    dee = _person(s, p, "Dee", mentor, Stage.LEFT, date(2025, 6, 1), training=(5,))
    # Mentees
    eve = _person(s, p, "Eve", mentee, Stage.MATCHED, date(2025, 12, 1))
    fay = _person(s, p, "Fay", mentee, Stage.LEFT, date(2026, 1, 15))
    _person(s, p, "Gus", mentee, Stage.READY, date(2026, 3, 1))  # waits 136 days
    hal = _person(s, p, "Hal", mentee, Stage.ON_HOLD, None)  # waits from 20/05: 56 days
    _person(s, p, "Ivy", mentee, Stage.ENQUIRY, None)  # waits, for how long is not known
    jo = _person(s, p, "Jo", mentee, Stage.WITHDRAWN, date(2026, 2, 1))
    kim = _person(s, p, "Kim", mentee, Stage.MATCHED, date(2026, 4, 1))
    lou = _person(s, p, "Lou", mentee, Stage.MATCHED, date(2026, 5, 1))
    # Removed from the records: counted nowhere.
    _person(s, p, "Max", mentee, Stage.READY, date(2026, 3, 1), removed=date(2026, 4, 1))

    a = _match(s, p, ann, eve, MatchStatus.ACTIVE, date(2026, 1, 5), proposed=date(2025, 12, 20))
    b = _match(
        s, p, bea, fay, MatchStatus.CLOSED, date(2026, 2, 15), date(2026, 6, 15), EndingKind.PLANNED
    )  # 120 days
    c = _match(
        s, p, ann, hal, MatchStatus.CLOSED, date(2026, 3, 1), date(2026, 5, 20), EndingKind.EARLY
    )  # 80 days
    s.add(MatchClosure(match_id=c.id, started_on=date(2026, 5, 1), early_by=EarlyBy.MENTEE))
    _match(s, p, bea, kim, MatchStatus.PROPOSED, None, proposed=date(2026, 6, 20))
    e = _match(s, p, bea, jo, MatchStatus.CLOSED, date(2025, 10, 1))  # closed, no end date
    f = _match(
        s, p, dee, eve, MatchStatus.CLOSED, date(2025, 6, 1), date(2025, 11, 30), EndingKind.PLANNED
    )  # ended before the period
    h = _match(s, p, bea, lou, MatchStatus.PAUSED, date(2026, 5, 10))  # never reviewed

    # Meetings: A 60 (Jan), 90 (Feb), unknown length (Mar), a message (not a meeting), 45 (Apr),
    # one in July (after the period); B 60 (Mar) and a removed one; C a group session of 120.
    _meeting(s, a, date(2026, 1, 20), 60)
    _meeting(s, a, date(2026, 2, 18), 90)
    _meeting(s, a, date(2026, 3, 17), None, MeetingMode.TELEPHONE)
    _meeting(s, a, date(2026, 3, 25), 10, MeetingMode.MESSAGE)
    _meeting(s, a, date(2026, 4, 14), 45, MeetingMode.VIDEO)
    _meeting(s, a, date(2026, 7, 10), 60)
    _meeting(s, b, date(2026, 3, 1), 60)
    _meeting(s, b, date(2026, 4, 1), 60, removed=date(2026, 4, 2))
    _meeting(s, c, date(2026, 3, 20), 120, MeetingMode.GROUP)
    _meeting(s, e, date(2025, 12, 1), 60)  # before the period

    # Support contacts (twice in the first month, then monthly):
    # A from 05/01 is due 20/01, 05/02, 05/03, 05/04, 05/05, 05/06 with each party.
    #   Mentor 19/01, 06/02, 10/03, 06/05: 4 of 6. Mentee 21/01, 01/03: 2 of 6 (a removed
    #   contact on 06/04 does not count).
    for on in (date(2026, 1, 19), date(2026, 2, 6), date(2026, 3, 10), date(2026, 5, 6)):
        _contact(s, a, ContactParty.MENTOR, on)
    for on in (date(2026, 1, 21), date(2026, 3, 1)):
        _contact(s, a, ContactParty.MENTEE, on)
    _contact(s, a, ContactParty.MENTEE, date(2026, 4, 6), removed=date(2026, 4, 7))
    # B from 15/02 to its end on 15/06 is due 01/03, 15/03, 15/04, 15/05, 15/06: none with
    #   mentor or mentee; the line manager once on 02/03, so a third party is due too: 1 of 15.
    _contact(s, b, ContactParty.THIRD_PARTY, date(2026, 3, 2), name="Line manager")
    # C from 01/03 to 20/05 is due 16/03, 01/04, 01/05. Mentor 16/03, 02/04: 2 of 3. Mentee
    #   02/05 (counts for 01/05 only): 1 of 3.
    for on in (date(2026, 3, 16), date(2026, 4, 2)):
        _contact(s, c, ContactParty.MENTOR, on)
    _contact(s, c, ContactParty.MENTEE, date(2026, 5, 2))

    # Goals of the matches running in the period (A, B, C, E, H; not F):
    _goal(
        s,
        a,
        GoalStatus.IN_PROGRESS,
        3,
        (date(2026, 3, 1), 5),
        (date(2026, 6, 1), 6),
        (date(2026, 7, 5), 9),
    )  # 3 -> 6 (the July rating is after the period)
    _goal(s, a, GoalStatus.ACHIEVED, 4, (date(2026, 2, 1), 8))  # 4 -> 8
    _goal(s, a, GoalStatus.NOT_STARTED, None)  # no baseline
    _goal(s, b, GoalStatus.ACHIEVED, 5, (date(2026, 4, 1), 5))  # 5 -> 5
    _goal(s, c, GoalStatus.DROPPED, 6, (date(2026, 4, 10), 4))  # 6 -> 4
    _goal(s, c, GoalStatus.IN_PROGRESS, 2)  # no rating yet
    _goal(s, f, GoalStatus.ACHIEVED, 1, (date(2025, 10, 1), 10))  # not in the period

    # Reviews: A on 01/04 (next on 01/07: overdue on 15/07), B on 15/05, F long before.
    review = {"decision": ReviewDecision.CONTINUE}
    s.add(
        Review(match_id=a.id, held_on=date(2026, 4, 1), next_review_on=date(2026, 7, 1), **review)
    )
    s.add(Review(match_id=b.id, held_on=date(2026, 5, 15), **review))
    s.add(Review(match_id=f.id, held_on=date(2025, 9, 1), **review))
    del h
    s.flush()
    return p.id


@pytest.fixture
def crafted(db: Database) -> Figures:
    with db.session() as s:
        programme_id = build(s)
    with db.session() as s:
        return figures.figures(s, programme_id, START, END, AS_AT)


def _bars(bars: tuple[figures.Bar, ...]) -> dict[str, float]:
    return {b.key: b.value for b in bars}


def test_people_and_the_waiting_list(crafted: Figures) -> None:
    f = crafted
    assert _bars(f.mentors_by_stage) == {"checks": 1, "matched": 2, "left": 1}
    assert _bars(f.mentees_by_stage) == {
        "enquiry": 1,
        "ready": 1,
        "matched": 3,
        "on_hold": 1,
        "withdrawn": 1,
        "left": 1,
    }
    # Joined in the period: Bea, Fay, Gus, Jo, Kim, Lou (Max was removed).
    assert f.joined == 6
    # Gus, Hal and Ivy wait; Gus 136 days, Hal 56 days, Ivy's wait is not known.
    assert f.waiting == 3
    assert f.average_wait_days == pytest.approx(96.0)
    assert figures.wait_text(f) == "96 days"
    assert [b.value for b in f.wait_bands] == [0, 1, 1, 0]  # 56 days, 136 days


def test_matches_and_meetings(crafted: Figures) -> None:
    f = crafted
    # Running at some time in the period: A, B, C, D (proposed), E (closed, no end), H.
    assert _bars(f.matches_by_status) == {"proposed": 1, "active": 1, "paused": 1, "closed": 3}
    assert f.matches_started == 4  # A, B, C, H
    assert [(m.first.month, m.meetings, m.minutes) for m in f.months] == [
        (1, 1, 60),
        (2, 1, 90),
        (3, 3, 180),
        (4, 1, 45),
        (5, 0, 0),
        (6, 0, 0),
    ]
    assert (f.meetings, f.meeting_minutes) == (6, 375)
    assert f.meeting_hours == pytest.approx(6.25)


def test_support_contact_compliance(crafted: Figures) -> None:
    # A 6 of 12, B 1 of 15, C 3 of 6.
    assert (crafted.contacts_due, crafted.contacts_made) == (33, 10)
    assert crafted.compliance == pytest.approx(100 * 10 / 33)
    assert figures.compliance_text(crafted) == "10 of 33 made (30%)"


def test_goals_against_their_baselines(crafted: Figures) -> None:
    f = crafted
    assert f.goals == 6
    assert _bars(f.goals_by_status) == {
        "not_started": 1,
        "in_progress": 2,
        "achieved": 2,
        "dropped": 1,
    }
    assert f.goals_achieved == 2
    # Compared: 3 -> 6, 4 -> 8, 5 -> 5, 6 -> 4.
    assert f.goals_compared == 4
    assert f.average_baseline == pytest.approx(4.5)
    assert f.average_latest == pytest.approx(5.75)
    assert f.average_change == pytest.approx(1.25)
    assert (f.improved, f.unchanged, f.fell) == (2, 1, 1)
    assert figures.change_text(f.average_change) == "+1.2 points"


def test_endings_length_and_reviews(crafted: Figures) -> None:
    f = crafted
    assert (f.endings_planned, f.endings_early, f.endings) == (1, 1, 2)
    assert _bars(f.endings_by_kind) == {"planned": 1, "early": 1}
    assert _bars(f.early_by) == {"mentee": 1}
    # (120 + 80) / 2 days = 100 days.
    assert f.average_match_months == pytest.approx(100 / figures.DAYS_PER_MONTH)
    assert figures.months_text(f.average_match_months) == "3.3 months"
    assert [b.value for b in f.length_bands] == [1, 1, 0, 0]  # 80 and 120 days
    assert f.reviews_held == 2  # A and B in the period
    assert f.reviews_overdue == 1  # A's next review was due on 01/07


def test_the_national_network_figures(crafted: Figures) -> None:
    n = crafted.network
    assert n.trained_mentors == 2  # Ann and Bea (Cal has none; Dee left)
    assert n.mentees == 6  # Eve, Gus, Hal, Ivy, Kim, Lou
    assert n.active_matches == 1
    assert n.average_match_months == pytest.approx(100 / figures.DAYS_PER_MONTH)
    # 6.25 hours over the days each match ran in the period up to 30/06: A 177, B 121, C 81,
    # H 52: 431 days.
    assert n.hours_per_week == pytest.approx(6.25 / (431 / 7))


def test_missing_records_are_named_in_words(crafted: Figures) -> None:
    assert crafted.missing == (
        "No joining date recorded for 1 waiting mentee, so their wait is not counted.",
        "No length recorded for 1 meeting, so its hours are not counted.",
        "No baseline recorded for 1 goal, so its progress cannot be shown.",
        "No progress rating recorded yet for 1 goal with a baseline.",
        "No end date recorded for 1 closed match, so it is left out of the endings and "
        "match lengths.",
        "No review recorded for 1 active or paused match.",
    )


def test_an_empty_programme_says_so_and_never_none(db: Database) -> None:
    with db.session() as s:
        p = Programme(name="Empty", organisation="Nowhere")
        s.add(p)
        s.flush()
        f = figures.figures(s, p.id, START, END, AS_AT)
    assert (f.waiting, f.meetings, f.goals, f.endings, f.contacts_due) == (0, 0, 0, 0, 0)
    texts = [
        figures.wait_text(f),
        figures.compliance_text(f),
        figures.months_text(f.average_match_months),
        figures.change_text(f.average_change),
        figures.hours_per_week_text(f.network.hours_per_week),
    ]
    assert all(t and "None" not in t for t in texts), texts
    assert f.missing == ()


def test_a_period_that_ends_before_it_starts_is_refused(db: Database) -> None:
    with db.session() as s:
        p = Programme(name="Empty", organisation="Nowhere")
        s.add(p)
        s.flush()
        with pytest.raises(ValidationError) as refused:
            figures.figures(s, p.id, END, START, AS_AT)
    assert "end" in refused.value.errors


def _count_selects(db: Database, programme_id: int) -> int:
    from sqlalchemy import event

    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    with db.session() as s:
        engine = s.get_bind()
        event.listen(engine, "before_cursor_execute", seen)
        try:
            figures.figures(s, programme_id, START, END, AS_AT)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
    return sum(1 for q in statements if q.lstrip().upper().startswith("SELECT"))


def test_the_figures_take_a_fixed_number_of_queries(db: Database) -> None:
    """However many records there are, the figures cost the same few queries."""
    with db.session() as s:
        programme_id = build(s)
    before = _count_selects(db, programme_id)
    with db.session() as s:
        p = s.get(Programme, programme_id)
        assert p is not None
        for n in range(20):
            mentor = _person(s, p, f"Mentor{n}", Role.MENTOR, Stage.MATCHED, START, training=(2,))
            mentee = _person(s, p, f"Mentee{n}", Role.MENTEE, Stage.MATCHED, START)
            match = _match(s, p, mentor, mentee, MatchStatus.ACTIVE, date(2026, 1, 10))
            _meeting(s, match, date(2026, 2, 1), 60)
            _contact(s, match, ContactParty.MENTOR, date(2026, 1, 20))
            _goal(s, match, GoalStatus.IN_PROGRESS, 2, (date(2026, 3, 1), 4))
            s.add(
                Review(
                    match_id=match.id, held_on=date(2026, 4, 1), decision=ReviewDecision.CONTINUE
                )
            )
    after = _count_selects(db, programme_id)
    assert before == after <= 16, (before, after)
