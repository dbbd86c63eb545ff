"""The pure rules about time: support-contact schedules, due checks, meeting frequency and the
copy of the log to the mentor, each with its near misses."""

from __future__ import annotations

from datetime import date

from app.model.programme import SupportContactRule
from app.model.support import ContactDepth
from app.services.schedule import (
    CopyState,
    DueState,
    add_months,
    check_due_dates,
    copy_to_mentor_state,
    meeting_shortfalls,
    support_contact_due_dates,
    support_contact_schedule,
    whole_months_between,
)

RULE_4TH = SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY
RULE_5TH = SupportContactRule.FIFTH_EDITION


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert whole_months_between(date(2010, 1, 25), date(2010, 6, 24)) == 4
    assert whole_months_between(date(2010, 1, 25), date(2010, 6, 25)) == 5


def test_twice_in_the_first_month_then_monthly() -> None:
    dates = support_contact_due_dates(RULE_4TH, date(2026, 1, 5), date(2026, 6, 30))
    assert dates == [
        date(2026, 1, 20),  # half way through the first month
        date(2026, 2, 5),  # end of the first month
        date(2026, 3, 5),
        date(2026, 4, 5),
        date(2026, 5, 5),
        date(2026, 6, 5),
    ]
    # The day before a date falls due, it is not yet in the schedule.
    assert date(2026, 6, 5) not in support_contact_due_dates(
        RULE_4TH, date(2026, 1, 5), date(2026, 6, 4)
    )
    assert support_contact_due_dates(RULE_4TH, date(2026, 1, 5), date(2026, 1, 4)) == []


def test_fifth_edition_monthly_check_ins_for_a_year_in_depth_monthly_then_quarterly() -> None:
    start, until = date(2026, 1, 10), date(2027, 7, 31)
    check_ins = support_contact_due_dates(RULE_5TH, start, until, depth=ContactDepth.CHECK_IN)
    in_depth = support_contact_due_dates(RULE_5TH, start, until, depth=ContactDepth.IN_DEPTH)
    assert check_ins == [add_months(start, n) for n in range(1, 13)]  # the first year only
    assert in_depth == [
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 10),  # monthly in the first quarter
        date(2026, 7, 10),
        date(2026, 10, 10),
        date(2027, 1, 10),
        date(2027, 4, 10),
        date(2027, 7, 10),  # then every three months, beyond the first year too
    ]
    kinds = {c.depth for c in support_contact_schedule(RULE_5TH, start, until)}
    assert kinds == {ContactDepth.CHECK_IN, ContactDepth.IN_DEPTH}


def test_custom_rule_uses_the_programmes_numbers() -> None:
    dates = support_contact_due_dates(
        SupportContactRule.CUSTOM,
        date(2026, 3, 1),
        date(2026, 5, 31),
        custom_contacts_first_month=3,
        custom_interval_weeks=6,
    )
    assert dates[:3] == [date(2026, 3, 11), date(2026, 3, 21), date(2026, 4, 1)]
    assert dates[3:] == [date(2026, 5, 13)]


def test_due_dates_are_met_by_a_contact_in_their_window_even_a_late_one() -> None:
    due = [date(2026, 1, 20), date(2026, 2, 5), date(2026, 3, 5), date(2026, 4, 5)]
    made = [date(2026, 1, 18), date(2026, 2, 20)]  # on time, then late for 05/02
    checks = check_due_dates(due, made, today=date(2026, 4, 1))
    assert [c.state for c in checks] == [
        DueState.MADE,
        DueState.MADE,
        DueState.OVERDUE,  # 05/03 passed with no contact
        DueState.DUE,  # 05/04 not yet passed
    ]
    assert checks[1].made_on == date(2026, 2, 20)
    # One contact never covers two due dates.
    assert [c.state for c in check_due_dates(due[:2], [date(2026, 2, 1)], date(2026, 2, 10))] == [
        DueState.MADE,
        DueState.OVERDUE,
    ]
    # A due date that falls today is due, not yet overdue.
    assert check_due_dates([date(2026, 4, 1)], [], date(2026, 4, 1))[0].state is DueState.DUE


def test_meeting_shortfalls_judge_complete_months_only() -> None:
    meetings = [date(2026, 1, 28), date(2026, 2, 3), date(2026, 4, 30)]
    shortfalls = meeting_shortfalls(meetings, date(2026, 1, 20), date(2026, 5, 15), 1)
    assert [s.month for s in shortfalls] == [date(2026, 3, 1)]  # not January, not May
    two_a_month = meeting_shortfalls(meetings, date(2026, 1, 20), date(2026, 5, 15), 2)
    assert [(s.month.month, s.held) for s in two_a_month] == [(2, 1), (3, 0), (4, 1)]
    assert meeting_shortfalls(meetings, date(2026, 1, 1), date(2026, 1, 31), 1) == []
    assert meeting_shortfalls([], date(2026, 1, 1), date(2026, 1, 30), 1) == []


def test_copy_to_mentor_within_the_programmes_days() -> None:
    held = date(2026, 3, 2)
    assert copy_to_mentor_state(held, date(2026, 3, 9), 7, date(2026, 4, 1)) is CopyState.SENT
    assert copy_to_mentor_state(held, date(2026, 3, 10), 7, date(2026, 4, 1)) is (
        CopyState.SENT_LATE
    )
    assert copy_to_mentor_state(held, None, 7, date(2026, 3, 9)) is CopyState.WAITING
    assert copy_to_mentor_state(held, None, 7, date(2026, 3, 10)) is CopyState.LATE
