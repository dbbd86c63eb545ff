"""Each Today rule on a crafted case that fires, and on its near miss that does not."""

from __future__ import annotations

from datetime import date, timedelta

from app.model.ending import MatchClosure
from app.model.person import Role, Stage
from app.model.programme import SupportContactRule
from app.model.screening import TaskKind
from app.model.support import ContactDepth, ContactParty, RaisedBy
from app.today import rules
from app.today.items import Kind, Place
from tests.app.closures import complete_closure

TODAY = date(2026, 11, 23)
T = rules.Thresholds(
    log_to_mentor_within_days=7,
    min_meetings_per_month=1,
    stage_stuck_days=30,
    mentee_wait_days=60,
    support_contact_rule=SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY,
)
DAY = timedelta(days=1)


def test_a_support_contact_overdue_or_due_within_the_week_is_listed() -> None:
    fact = rules.ContactFact(
        1, "Amy Johnstone", "Lee Smith", ContactParty.MENTOR, "", ContactDepth.CHECK_IN, TODAY
    )
    late = rules.support_contact(fact._replace(due_on=date(2026, 11, 9)), T, TODAY)
    assert late is not None and late.overdue and late.kind is Kind.SUPPORT_CONTACT
    assert late.why == (
        "Support contact with Amy Johnstone: overdue since 09/11/2026, the programme asks for "
        "two in the first month, then one a month."
    )
    assert late.subject == "Lee Smith and Amy Johnstone"
    assert late.target.place is Place.SUPPORT_CONTACT and late.target.party == "mentor"
    soon = rules.support_contact(fact._replace(due_on=TODAY + 7 * DAY), T, TODAY)
    assert soon is not None and not soon.overdue and "due 30/11/2026" in soon.why
    # Near miss: eight days away is not yet on the list.
    assert rules.support_contact(fact._replace(due_on=TODAY + 8 * DAY), T, TODAY) is None


def test_the_key_of_a_support_contact_changes_with_the_occasion() -> None:
    fact = rules.ContactFact(
        1, "A", "B", ContactParty.MENTEE, "", ContactDepth.CHECK_IN, date(2026, 11, 9)
    )
    first = rules.support_contact(fact, T, TODAY)
    later = rules.support_contact(fact._replace(due_on=date(2026, 11, 25)), T, TODAY)
    assert first is not None and later is not None and first.key != later.key


def test_a_review_due_within_a_fortnight_is_listed() -> None:
    fact = rules.ReviewFact(3, "Amy Johnstone", "Lee Smith", TODAY + 14 * DAY)
    item = rules.review(fact, T, TODAY)
    assert item is not None and not item.overdue and item.kind is Kind.REVIEW
    assert "07/12/2026" in item.why
    assert rules.review(fact._replace(due_on=TODAY + 15 * DAY), T, TODAY) is None


def test_an_agreement_not_signed_by_everyone_is_listed_with_who_has_not_signed() -> None:
    fact = rules.SignatureFact(
        4, "Amy Johnstone", "Lee Smith", "Seonag Morrison", TODAY - 20 * DAY, TODAY, None, None
    )
    item = rules.signatures(fact, T, TODAY)
    assert item is not None and item.overdue and item.target.place is Place.SIGNATURES
    assert "Lee Smith, Seonag Morrison" in item.why and "Amy Johnstone" not in item.why
    signed = fact._replace(mentee_signed_on=TODAY, coordinator_signed_on=TODAY)
    assert rules.signatures(signed, T, TODAY) is None
    # Drawn up yesterday: expected back within the week, so due, not yet overdue.
    fresh = rules.signatures(fact._replace(agreed_on=TODAY - DAY), T, TODAY)
    assert fresh is not None and not fresh.overdue and "due 29/11/2026" in fresh.why


def test_a_log_not_sent_to_the_mentor_within_the_programmes_days_is_listed() -> None:
    fact = rules.LogCopyFact(5, "Amy Johnstone", "Lee Smith", 50, TODAY - 8 * DAY, None, 3)
    item = rules.log_copy(fact, T, TODAY)
    assert item is not None and item.overdue and item.target.record_id == 50
    assert "within 7 days" in item.why and "2 later logs are waiting too" in item.why
    assert rules.log_copy(fact._replace(copy_to_mentor_on=TODAY - DAY), T, TODAY) is None
    # The programme's days count: within 14 days, a log held 8 days ago is not late yet.
    roomy = rules.Thresholds(log_to_mentor_within_days=14)
    late = rules.log_copy(fact._replace(held_on=TODAY - 15 * DAY), roomy, TODAY)
    assert late is not None and late.overdue
    assert rules.log_copy(fact._replace(held_on=TODAY - 30 * DAY), T, TODAY) is not None
    on_time = rules.log_copy(fact, roomy, TODAY)
    assert on_time is not None and not on_time.overdue


def test_a_next_meeting_that_passed_with_no_log_is_listed() -> None:
    fact = rules.NextMeetingFact(6, "Amy Johnstone", "Lee Smith", TODAY - 30 * DAY, TODAY - DAY)
    item = rules.next_meeting(fact, T, TODAY)
    assert item is not None and item.target.place is Place.NEW_MEETING_LOG
    assert "22/11/2026" in item.why
    assert rules.next_meeting(fact._replace(next_meeting_on=TODAY), T, TODAY) is None
    assert rules.next_meeting(fact._replace(last_held_on=TODAY - DAY), T, TODAY) is None
    assert rules.next_meeting(fact._replace(next_meeting_on=None), T, TODAY) is None


def test_a_match_that_met_less_than_agreed_last_month_is_listed_until_checked_in() -> None:
    fact = rules.FrequencyFact(7, "Amy Johnstone", "Lee Smith", date(2026, 6, 1), 2, 1, None)
    item = rules.meeting_frequency(fact, T, TODAY)
    assert item is not None and item.kind is Kind.MEETING_FREQUENCY
    assert item.why == (
        "They met once in October 2026; the agreement asks for at least 2 meetings a month. "
        "Check in with them."
    )
    assert rules.meeting_frequency(fact._replace(meetings_last_month=2), T, TODAY) is None
    checked = fact._replace(last_support_on=date(2026, 11, 2))
    assert rules.meeting_frequency(checked, T, TODAY) is None
    # Started part way through October: the month is not judged.
    started = fact._replace(started_on=date(2026, 10, 2))
    assert rules.meeting_frequency(started, T, TODAY) is None
    # No minimum in an agreement: the programme's.
    assert rules.meeting_frequency(fact._replace(min_per_month=None), T, TODAY) is None


def test_an_open_concern_is_listed_and_a_resolved_one_is_not() -> None:
    fact = rules.ConcernFact(
        8, 9, "Amy", "Lee", RaisedBy.MENTEE, TODAY - 2 * DAY, "Hard to get release time.", None
    )
    item = rules.concern(fact, T, TODAY)
    assert item is not None and item.target.record_id == 8
    assert "raised by the mentee on 21/11/2026 (2 days ago)" in item.why
    assert rules.concern(fact._replace(resolved_on=TODAY), T, TODAY) is None


def test_pvg_renewals_within_90_days_and_expired_are_listed() -> None:
    fact = rules.PvgFact(10, "Ruaridh Campbell", date(2022, 2, 20))
    item = rules.pvg(fact, T, TODAY)
    assert item is not None and not item.overdue and "20/02/2027" in item.why
    expired = rules.pvg(fact._replace(issued_on=date(2021, 11, 1)), T, TODAY)
    assert expired is not None and expired.overdue and "ran out on 01/11/2026" in expired.why
    assert rules.pvg(fact._replace(issued_on=date(2022, 2, 23)), T, TODAY) is None


def test_someone_in_a_stage_longer_than_the_programme_allows_is_listed() -> None:
    fact = rules.StageFact(11, 12, "Karen Lindsay", Role.MENTOR, Stage.CHECKS, TODAY - 31 * DAY)
    item = rules.stuck_in_stage(fact, T, TODAY)
    assert item is not None and item.target.person_id == 12
    assert "Mentor, Checks: at this stage since 23/10/2026, 31 days" in item.why
    assert rules.stuck_in_stage(fact._replace(stage_on=TODAY - 30 * DAY), T, TODAY) is None
    assert rules.stuck_in_stage(fact._replace(stage=Stage.READY), T, TODAY) is None
    stricter = rules.Thresholds(stage_stuck_days=14)
    assert rules.stuck_in_stage(fact._replace(stage_on=TODAY - 20 * DAY), stricter, TODAY)


def test_a_mentee_waiting_longer_than_the_threshold_is_listed() -> None:
    fact = rules.WaitingFact(13, 14, "Ellie Morrison", TODAY - 61 * DAY)
    item = rules.mentee_waiting(fact, T, TODAY)
    assert item is not None and item.target.place is Place.WAITING and "61 days" in item.why
    assert rules.mentee_waiting(fact._replace(waiting_since=TODAY - 60 * DAY), T, TODAY) is None
    assert rules.mentee_waiting(fact._replace(waiting_since=None), T, TODAY) is None


def test_the_disclosure_scotland_task_is_listed_until_done() -> None:
    fact = rules.TaskFact(
        15, 16, "Alison Cunningham", TaskKind.NOTIFY_DISCLOSURE_SCOTLAND, TODAY - DAY, None
    )
    item = rules.task(fact, T, TODAY)
    assert item is not None and item.overdue
    assert item.why.startswith("Tell Disclosure Scotland that Alison Cunningham")
    assert rules.task(fact._replace(done_on=TODAY), T, TODAY) is None
    assert rules.task(fact._replace(due_on=TODAY + 30 * DAY), T, TODAY) is not None
    assert rules.task(fact._replace(due_on=TODAY + 31 * DAY), T, TODAY) is None


def test_a_closure_with_steps_missing_is_listed_and_a_complete_one_is_not() -> None:
    fact = rules.ClosureFact(17, "Amy", "Lee", TODAY + 40 * DAY, None)
    item = rules.closure(fact, T, TODAY)
    assert item is not None and "Start the ending" in item.why
    details = complete_closure(TODAY - DAY)
    done = MatchClosure(match_id=17, started_on=TODAY - 10 * DAY)
    for name, value in vars(details).items():
        if hasattr(done, name):
            setattr(done, name, value)
    done.confirmed_on, done.confirmed_by = TODAY, "Seonag Morrison"
    assert rules.closure(fact._replace(closure=done), T, TODAY) is None
    done.mentee_exit_on = None
    half = rules.closure(fact._replace(closure=done), T, TODAY)
    assert half is not None and "1 step still to do" in half.why and half.due_on == TODAY - DAY


def test_an_overdue_goal_action_is_listed_and_one_due_today_is_not() -> None:
    fact = rules.GoalActionFact(
        18, 19, 20, "Lee Smith", "Plan my route", "Compare two providers", TODAY - DAY, None, 2
    )
    item = rules.goal_action(fact, T, TODAY)
    assert item is not None and item.target.goal_id == 19 and item.target.record_id == 18
    assert "1 more action is overdue" in item.why
    assert rules.goal_action(fact._replace(due_on=TODAY), T, TODAY) is None
    assert rules.goal_action(fact._replace(done_on=TODAY - DAY), T, TODAY) is None
