"""The report figures on a small crafted programme (tests/app/reports/crafted.py) whose every
value was worked out by hand (the working is in the comments beside each expected value)."""

from __future__ import annotations

from datetime import date

import pytest

from app.model import GoalStatus, MatchStatus, Programme, Review, ReviewDecision, Role
from app.model.person import Stage
from app.model.support import ContactParty
from app.reports import figures
from app.reports.figures import Figures
from app.services.errors import ValidationError
from app.storage import Database
from tests.app.reports.crafted import (
    AS_AT,
    END,
    START,
    add_contact,
    add_goal,
    add_match,
    add_meeting,
    add_person,
    build,
)


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
            mentor = add_person(
                s, p, f"Mentor{n}", Role.MENTOR, Stage.MATCHED, START, training=(2,)
            )
            mentee = add_person(s, p, f"Mentee{n}", Role.MENTEE, Stage.MATCHED, START)
            match = add_match(s, p, mentor, mentee, MatchStatus.ACTIVE, date(2026, 1, 10))
            add_meeting(s, match, date(2026, 2, 1), 60)
            add_contact(s, match, ContactParty.MENTOR, date(2026, 1, 20))
            add_goal(s, match, GoalStatus.IN_PROGRESS, 2, (date(2026, 3, 1), 4))
            s.add(
                Review(
                    match_id=match.id, held_on=date(2026, 4, 1), decision=ReviewDecision.CONTINUE
                )
            )
    after = _count_selects(db, programme_id)
    assert before == after <= 16, (before, after)
