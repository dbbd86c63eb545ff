"""Pure rules about time: when support contacts fall due, whether a pair meets often enough,
and when the copy of a meeting log should reach the mentor.

Nothing here touches the database; the services feed these functions plain dates and the
programme's rules, so every rule is tested on its own, with its near misses.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.model.programme import SupportContactRule
from app.model.support import ContactDepth

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """How many days the month has (29 for February in a leap year)."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31/01 → 28/02)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, days_in_month(year, month)))


def whole_months_between(start: date, end: date) -> int:
    """Complete months from `start` to `end` (0 when `end` is before a month has passed)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)


# ----------------------------------------------------------------------- support contacts


@dataclass(frozen=True)
class ScheduledContact:
    due_on: date
    depth: ContactDepth


def support_contact_schedule(
    rule: SupportContactRule,
    start: date,
    until: date,
    *,
    custom_contacts_first_month: int = 2,
    custom_interval_weeks: int = 4,
) -> list[ScheduledContact]:
    """Every support contact the rule asks for with one party of a match that started on
    `start`, due on or before `until`, in date order.

    - Twice in the first month, then monthly: two contacts spread over the first month, then
      one a month on the day the match started.
    - 5th edition: a quick check-in every month for the first year; an in-depth support
      meeting every month for the first three months, then every three months.
    - Custom: `custom_contacts_first_month` spread over the first month, then one every
      `custom_interval_weeks` weeks.
    """
    if until < start:
        return []
    due: list[ScheduledContact] = []
    if rule is SupportContactRule.FIFTH_EDITION:
        for n in range(1, 13):
            due.append(ScheduledContact(add_months(start, n), ContactDepth.CHECK_IN))
        n = 1
        while (on := add_months(start, n)) <= until:
            due.append(ScheduledContact(on, ContactDepth.IN_DEPTH))
            n += 1 if n < 3 else 3
    else:
        first_month = add_months(start, 1)
        span = (first_month - start).days
        count = 2 if rule is SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY else None
        count = count or max(1, custom_contacts_first_month)
        for k in range(1, count + 1):
            due.append(ScheduledContact(start + timedelta(days=span * k // count), _CHECK))
        if rule is SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY:
            n = 2
            while (on := add_months(start, n)) <= until:
                due.append(ScheduledContact(on, _CHECK))
                n += 1
        else:
            step = timedelta(weeks=max(1, custom_interval_weeks))
            on = first_month + step
            while on <= until:
                due.append(ScheduledContact(on, _CHECK))
                on += step
    return sorted((c for c in due if c.due_on <= until), key=lambda c: (c.due_on, c.depth.value))


_CHECK = ContactDepth.CHECK_IN


def support_contact_due_dates(
    rule: SupportContactRule,
    start: date,
    until: date,
    *,
    depth: ContactDepth | None = None,
    custom_contacts_first_month: int = 2,
    custom_interval_weeks: int = 4,
) -> list[date]:
    """The dates contacts with one party fall due (of one `depth`, or all of them)."""
    schedule = support_contact_schedule(
        rule,
        start,
        until,
        custom_contacts_first_month=custom_contacts_first_month,
        custom_interval_weeks=custom_interval_weeks,
    )
    return sorted({c.due_on for c in schedule if depth is None or c.depth is depth})


class DueState(enum.StrEnum):
    MADE = "made"
    OVERDUE = "overdue"
    DUE = "due"


@dataclass(frozen=True)
class DueCheck:
    due_on: date
    state: DueState
    made_on: date | None = None


def check_due_dates(
    due_dates: Sequence[date], contacts: Iterable[date], today: date
) -> list[DueCheck]:
    """Match the contacts that happened against the dates they were due.

    A contact counts for the earliest due date still open, if it happened after the previous
    due date and before the next one fell due (so a late contact still counts, but one
    contact never covers two months). A due date with no contact is overdue once it has passed.
    """
    made = sorted(contacts)
    result: list[DueCheck] = []
    used = 0
    for i, due in enumerate(due_dates):
        window_start = due_dates[i - 1] if i else date.min
        window_end = due_dates[i + 1] if i + 1 < len(due_dates) else date.max
        while used < len(made) and made[used] <= window_start:
            used += 1
        if used < len(made) and made[used] < window_end:
            result.append(DueCheck(due, DueState.MADE, made[used]))
            used += 1
        elif due < today:
            result.append(DueCheck(due, DueState.OVERDUE))
        else:
            result.append(DueCheck(due, DueState.DUE))
    return result


# --------------------------------------------------------------------- meeting frequency


@dataclass(frozen=True)
class MonthShortfall:
    """A calendar month in which the pair met fewer times than the programme asks."""

    month: date  # the first of the month
    held: int
    required: int


def meeting_shortfalls(
    meeting_dates: Iterable[date],
    start: date,
    end: date,
    min_per_month: int,
) -> list[MonthShortfall]:
    """Each complete calendar month from `start` to `end` (both inside the relationship) with
    fewer than `min_per_month` meetings. A month the relationship only partly covers (the one
    it started in, the current one) is not judged."""
    if min_per_month <= 0 or end <= start:
        return []
    counts: dict[tuple[int, int], int] = {}
    for d in meeting_dates:
        counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
    month = date(start.year, start.month, 1)
    if month < start:
        month = add_months(month, 1)
    shortfalls = []
    while add_months(month, 1) - timedelta(days=1) <= end:
        held = counts.get((month.year, month.month), 0)
        if held < min_per_month:
            shortfalls.append(MonthShortfall(month, held, min_per_month))
        month = add_months(month, 1)
    return shortfalls


# ----------------------------------------------------------------- copy of the log to mentor


class CopyState(enum.StrEnum):
    SENT = "sent"
    SENT_LATE = "sent_late"
    WAITING = "waiting"
    LATE = "late"


def copy_to_mentor_due(held_on: date, within_days: int) -> date:
    return held_on + timedelta(days=within_days)


def copy_to_mentor_state(
    held_on: date, sent_on: date | None, within_days: int, today: date
) -> CopyState:
    """Whether the copy of the log went to the mentor within the programme's days."""
    due = copy_to_mentor_due(held_on, within_days)
    if sent_on is not None:
        return CopyState.SENT if sent_on <= due else CopyState.SENT_LATE
    return CopyState.LATE if today > due else CopyState.WAITING
