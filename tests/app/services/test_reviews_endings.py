"""Reviews and endings: when reviews fall due, extensions, and closing a match properly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import (
    Agreement,
    EndingKind,
    Match,
    MatchStatus,
    Participant,
    Person,
    Programme,
    PvgRecord,
    Review,
    ReviewDecision,
    Role,
    Task,
)
from app.model.ending import ClosurePath, EarlyBy, MenteeNext, MentorNext
from app.model.person import Stage
from app.model.screening import RecruitmentDecision, TaskKind
from app.services import closure_steps, endings, reviews
from app.services.errors import ActionRefused, ValidationError
from app.storage import Database
from tests.app.closures import complete_closure
from tests.app.services.test_matching import NO_SCREENING

START = date(2026, 3, 10)


def _active_match(
    s: Session,
    *,
    started_on: date = START,
    review_on: date | None = None,
    agreement_months: int | None = 3,
    programme_months: int = 3,
    planned_months: int = 12,
) -> int:
    programme = Programme(
        name="Bairns Together",
        organisation="Network",
        review_interval_months=programme_months,
        **NO_SCREENING,
    )
    mentor = Person(first_name="Morag", last_name="MacLeod")
    mentee = Person(first_name="Seònaid", last_name="Nic a' Phì")
    mentor.roles.append(Participant(programme=programme, role=Role.MENTOR, stage=Stage.READY))
    mentee.roles.append(Participant(programme=programme, role=Role.MENTEE, stage=Stage.READY))
    s.add_all([programme, mentor, mentee])
    s.flush()
    match = Match(
        programme_id=programme.id,
        mentor_id=mentor.roles[0].id,
        mentee_id=mentee.roles[0].id,
        status=MatchStatus.ACTIVE,
        proposed_on=started_on - timedelta(days=20),
        started_on=started_on,
        planned_end_on=started_on + timedelta(days=30 * planned_months),
    )
    s.add(match)
    s.flush()
    if agreement_months is not None:
        s.add(
            Agreement(
                match_id=match.id,
                relationship_months=planned_months,
                review_interval_months=agreement_months,
                min_meetings_per_month=1,
                min_meeting_minutes=60,
                max_meeting_minutes=120,
                max_contacts_between_meetings=2,
                cancellation_notice_hours=24,
                review_on=review_on,
            )
        )
        s.flush()
    return match.id


def _review(held_on: date, decision: ReviewDecision, **kw: object) -> reviews.ReviewDetails:
    return replace(reviews.ReviewDetails(held_on=held_on, decision=decision), **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ when due


def test_the_interval_is_the_agreement_s_kept_within_three_to_six_months() -> None:
    assert reviews.review_interval(4, 3) == 4
    assert reviews.review_interval(None, 5) == 5
    assert reviews.review_interval(1, 3) == 3  # an old agreement with too short a gap
    assert reviews.review_interval(12, 3) == 6


def test_the_first_review_is_the_agreement_s_day_then_the_interval_after_each() -> None:
    assert reviews.next_review_date(START, date(2026, 6, 1), 3, None, None) == date(2026, 6, 1)
    assert reviews.next_review_date(START, None, 4, None, None) == date(2026, 7, 10)
    assert reviews.next_review_date(START, None, 3, date(2026, 6, 30), None) == date(2026, 9, 30)
    held, chosen = date(2026, 6, 30), date(2026, 8, 31)
    assert reviews.next_review_date(START, None, 3, held, chosen) == chosen
    assert reviews.next_review_date(None, None, 3, None, None) is None
    # Month ends: the 31st three months on is the last day of a shorter month.
    assert reviews.next_review_date(date(2026, 11, 30), None, 3, None, None) == date(2027, 2, 28)


def test_reviews_due_lists_overdue_and_soon_but_not_later(db: Database) -> None:
    with db.session() as s:
        overdue = _active_match(s, review_on=date(2026, 11, 1))
        soon = _active_match(s, review_on=date(2026, 12, 10))
        later = _active_match(s, review_on=date(2027, 1, 20))
        today = date(2026, 11, 23)
        due = {}
        for pid in s.scalars(select(Programme.id)):
            for r in reviews.reviews_due(s, pid, today):
                due[r.match_id] = r
        assert due[overdue].overdue and due[overdue].due_on == date(2026, 11, 1)
        assert not due[soon].overdue
        assert later not in due
        assert due[overdue].mentee_name == "Seònaid Nic a' Phì"


def test_a_recorded_review_moves_the_next_one_on(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s, review_on=date(2026, 11, 1), agreement_months=4)
        reviews.record_review(
            s, match_id, _review(date(2026, 11, 5), ReviewDecision.CONTINUE), today
        )
        assert reviews.next_review_for(s, match_id) == date(2027, 3, 5)
        review = s.scalars(select(Review)).one()
        assert review.due_on == date(2026, 11, 1)


def test_a_programme_without_agreement_uses_its_own_rule(db: Database) -> None:
    with db.session() as s:
        match_id = _active_match(s, agreement_months=None, programme_months=6)
        assert reviews.next_review_for(s, match_id) == date(2026, 9, 10)


# ----------------------------------------------------------------------------- recording


def test_a_review_needs_a_day_someone_present_and_a_decision(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        empty = reviews.ReviewDetails(
            held_on=None, decision=None, mentor_present=False, mentee_present=False
        )
        with pytest.raises(ValidationError) as invalid:
            reviews.record_review(s, match_id, empty, today)
        assert set(invalid.value.errors) == {"held_on", "present", "decision"}
        with pytest.raises(ValidationError) as invalid:
            reviews.record_review(
                s, match_id, _review(today + timedelta(days=1), ReviewDecision.CONTINUE), today
            )
        assert "on the day or later" in invalid.value.errors["held_on"]


def test_an_extension_changes_the_planned_end_and_needs_both_agreements(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        match = s.get_one(Match, match_id)
        old_end = match.planned_end_on
        assert old_end is not None
        new_end = old_end + timedelta(days=90)
        half = _review(today, ReviewDecision.EXTEND, new_end_on=new_end, mentor_agreed_on=today)
        with pytest.raises(ValidationError) as invalid:
            reviews.record_review(s, match_id, half, today)
        assert set(invalid.value.errors) == {"mentee_agreed_on"}
        assert invalid.value.errors["mentee_agreed_on"] == (
            "An extension needs both to agree. Give the day the mentee agreed."
        )
        assert match.planned_end_on == old_end

        too_short = replace(half, new_end_on=old_end, mentee_agreed_on=today)
        with pytest.raises(ValidationError) as invalid:
            reviews.record_review(s, match_id, too_short, today)
        assert "after the current planned end" in invalid.value.errors["new_end_on"]

        reviews.record_review(s, match_id, replace(half, mentee_agreed_on=today), today)
        assert match.planned_end_on == new_end
        review = s.scalars(select(Review)).one()
        assert (review.previous_end_on, review.new_end_on) == (old_end, new_end)
        [row] = reviews.reviews_of(s, match_id)
        assert row.summary.startswith("Extended: planned end")


def test_moving_to_ending_at_a_review_begins_the_ending(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        reviews.record_review(s, match_id, _review(today, ReviewDecision.MOVE_TO_ENDING), today)
        assert s.get_one(Match, match_id).status is MatchStatus.ENDING
        assert reviews.next_review_for(s, match_id) is None


# ------------------------------------------------------------------------------- closing


def test_closing_is_refused_with_each_missing_step_named(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        with pytest.raises(ActionRefused, match="Start the ending"):
            endings.close_match(s, match_id, today)
        endings.begin_ending(s, match_id, today)
        assert s.get_one(Match, match_id).status is MatchStatus.ENDING
        with pytest.raises(ActionRefused) as refused:
            endings.close_match(s, match_id, today)
        text = str(refused.value)
        for words in (
            "planned or an early ending",
            "reasons for the ending",
            "final meeting",
            "exit conversation with the mentor",
            "exit conversation with the mentee",
            "mentor's acknowledgement",
            "mentee's acknowledgement",
            "mentee is re-matched",
            "mentor goes on mentoring",
            "certificates",
            "Confirm, as coordinator",
        ):
            assert words in text
        # Filling every step but one names just that one.
        endings.save_closure(s, match_id, replace(complete_closure(today), confirmed_by=""), today)
        with pytest.raises(ActionRefused) as refused:
            endings.close_match(s, match_id, today)
        assert str(refused.value).count("•") == 1 and "Confirm, as coordinator" in str(
            refused.value
        )


def test_a_planned_ending_closes_and_the_mentor_is_ready_again(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s, started_on=date(2025, 11, 1))
        endings.begin_ending(s, match_id, today)
        view = endings.closure_view(s, match_id)
        assert view.details.path is ClosurePath.PLANNED  # the planned end has come
        assert view.details.contact_rule
        endings.save_closure(s, match_id, complete_closure(today), today)
        endings.close_match(s, match_id, today, "Seonag")
        match = s.get_one(Match, match_id)
        assert match.status is MatchStatus.CLOSED
        assert match.ending_kind is EndingKind.PLANNED and match.ended_on == today
        assert s.get_one(Participant, match.mentor_id).stage is Stage.READY
        assert endings.closure_view(s, match_id).months == 12
        with pytest.raises(ActionRefused, match="already closed"):
            endings.save_closure(s, match_id, complete_closure(today), today)


def test_an_early_ending_needs_who_and_the_caution_read_before_a_rematch(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        endings.begin_ending(s, match_id, today)
        early = replace(complete_closure(today), path=ClosurePath.EARLY)
        endings.save_closure(s, match_id, early, today)
        with pytest.raises(ActionRefused) as refused:
            endings.close_match(s, match_id, today)
        assert "Say who or what brought the early ending about." in str(refused.value)
        assert "caution about re-matching" in str(refused.value)
        early = replace(early, early_by=EarlyBy.MENTOR)
        endings.save_closure(s, match_id, early, today)
        caution = endings.closure_view(s, match_id).caution
        assert caution is not None and "ended early" in caution
        endings.save_closure(s, match_id, replace(early, caution_acknowledged=True), today)
        endings.close_match(s, match_id, today)
        assert s.get_one(Match, match_id).ending_kind is EndingKind.EARLY


def test_no_caution_after_a_planned_ending_and_a_stronger_one_after_safeguarding() -> None:
    from app.model import MatchClosure

    planned = MatchClosure(path=ClosurePath.PLANNED)
    assert closure_steps.rematch_caution(planned) is None
    concern = MatchClosure(path=ClosurePath.EARLY, early_by=EarlyBy.SAFEGUARDING)
    caution = closure_steps.rematch_caution(concern)
    assert caution is not None and "safeguarding" in caution


def test_a_safeguarding_ending_counts_as_a_concern(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        endings.begin_ending(s, match_id, today)
        d = replace(
            complete_closure(today, mentee_next=MenteeNext.WAIT),
            path=ClosurePath.EARLY,
            early_by=EarlyBy.SAFEGUARDING,
        )
        endings.save_closure(s, match_id, d, today)
        endings.close_match(s, match_id, today)
        match = s.get_one(Match, match_id)
        assert match.ending_kind is EndingKind.CONCERN
        assert s.get_one(Participant, match.mentee_id).stage is Stage.ON_HOLD


def test_dates_in_the_future_or_before_the_start_are_refused(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        endings.begin_ending(s, match_id, today)
        bad = replace(
            complete_closure(today),
            end_on=today + timedelta(days=1),
            final_meeting_on=START - timedelta(days=1),
        )
        with pytest.raises(ValidationError) as invalid:
            endings.save_closure(s, match_id, bad, today)
        assert set(invalid.value.errors) == {"end_on", "final_meeting_on"}


def test_a_pvg_holder_who_leaves_at_closing_raises_the_disclosure_scotland_task(
    db: Database,
) -> None:
    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        match = s.get_one(Match, match_id)
        mentor = s.get_one(Participant, match.mentor_id)
        s.add(
            PvgRecord(
                person_id=mentor.person_id,
                issued_on=date(2025, 1, 1),
                regulated_role=True,
                decision=RecruitmentDecision.PROCEED,
            )
        )
        endings.begin_ending(s, match_id, today)
        d = complete_closure(today, mentor_next=MentorNext.LEAVES)
        endings.save_closure(s, match_id, d, today)
        endings.close_match(s, match_id, today)
        assert mentor.stage is Stage.LEFT
        task = s.scalars(select(Task).where(Task.person_id == mentor.person_id)).one()
        assert task.kind is TaskKind.NOTIFY_DISCLOSURE_SCOTLAND
        assert s.get_one(Person, mentor.person_id).retention_from == today
        mentee = s.get_one(Participant, match.mentee_id)
        assert s.get_one(Person, mentee.person_id).retention_from is None


def test_a_match_that_never_started_is_closed_without_the_procedure(db: Database) -> None:
    from app.services import matching

    today = date(2026, 11, 23)
    with db.session() as s:
        match_id = _active_match(s)
        match = s.get_one(Match, match_id)
        match.status, match.started_on = MatchStatus.INTRODUCED, None
        matching.change_status(
            s,
            match_id,
            MatchStatus.CLOSED,
            today,
            today,
            "",
            "Not a fit.",
            EndingKind.NOT_A_GOOD_FIT,
        )
        assert match.status is MatchStatus.CLOSED
        with pytest.raises(ActionRefused, match="active or paused"):
            endings.begin_ending(s, match_id, today)


def test_the_timeline_and_the_person_record_show_reviews_extensions_and_endings(
    demo_db: Database, today: date
) -> None:
    from app.services import people, timeline

    with demo_db.session() as s:
        extended = s.scalars(
            select(Review.match_id).where(Review.decision == ReviewDecision.EXTEND)
        ).one()
        entries = timeline.match_timeline(s, extended, today).entries
        assert any(e.title == "Review" and e.detail.startswith("Extended") for e in entries)
        ending = s.scalars(select(Match).where(Match.status == MatchStatus.ENDING)).one()
        entries = timeline.match_timeline(s, ending.id, today).entries
        [begun] = [e for e in entries if e.title == "Ending begun"]
        assert "steps still to do" in begun.detail
        closed = s.scalars(
            select(Match).where(Match.status == MatchStatus.CLOSED).order_by(Match.id)
        ).first()
        assert closed is not None
        mentee = s.get_one(Participant, closed.mentee_id)
        record = people.person_record(s, closed.programme_id, mentee.person_id, today)
        [row] = [m for m in record.matches if m.id == closed.id]
        assert row.ending is closed.ending_kind is not None
