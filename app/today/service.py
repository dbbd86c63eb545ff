"""The Today list as shown, and its verbs: put an item aside until a date (with a reason), and
bring it back early.

Items leave the list only because the record behind them changed (a contact recorded, a log
sent, a concern resolved); the list itself is never ticked off. A snooze holds for the
occasion its key names, and is kept when it runs out so the reason shows when the item comes
back.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model import Snooze
from app.services.changes import Changes
from app.services.errors import check
from app.services.programmes import get_programme
from app.today.items import (
    KIND_ORDER,
    Kind,
    Snoozed,
    TodayGroup,
    TodayItem,
    TodayList,
    kind_label,
)
from app.today.sources import gather

#: The longest an item can be put aside.
MAX_SNOOZE_DAYS = 366


def _snoozes(s: Session, programme_id: int) -> dict[str, Snoozed]:
    return {
        key: Snoozed(snoozed_on, until, reason)
        for key, snoozed_on, until, reason in s.execute(
            select(Snooze.item_key, Snooze.snoozed_on, Snooze.until, Snooze.reason).where(
                Snooze.programme_id == programme_id
            )
        )
    }


def group(items: list[TodayItem], today: date, snoozed: list[TodayItem]) -> TodayList:
    """Group items by kind, each group's items most urgent first (overdue, then by date); the
    groups with something overdue come first, each set in the kinds' order of urgency (concerns
    first, then the support of matches, then paperwork and the pipeline)."""
    by_kind: dict[Kind, list[TodayItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    groups = [
        TodayGroup(kind, kind_label(kind), tuple(sorted(found, key=lambda i: i.urgency)))
        for kind, found in by_kind.items()
    ]
    groups.sort(key=lambda g: (g.overdue == 0, KIND_ORDER[g.kind]))
    return TodayList(today, tuple(groups), tuple(sorted(snoozed, key=lambda i: i.urgency)))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the list is built: it makes tens of thousands of
    small objects and no cycles, and on a large programme the collector would otherwise take
    a third of the time. It runs as usual afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def today_list(s: Session, programme_id: int, today: date) -> TodayList:
    """Everything due or overdue in the programme on `today`, with snoozes applied."""
    with _collector_paused():
        return _today_list(s, programme_id, today)


def _today_list(s: Session, programme_id: int, today: date) -> TodayList:
    programme = get_programme(s, programme_id)
    snoozes = _snoozes(s, programme_id)
    shown, held = [], []
    for item in gather(s, programme, today):
        snooze = snoozes.get(item.key)
        if snooze is None:
            shown.append(item)
        elif snooze.until > today:
            held.append(_with(item, snooze))
        else:
            shown.append(_with(item, snooze))
    return group(shown, today, held)


def _with(item: TodayItem, snooze: Snoozed) -> TodayItem:
    return item._replace(snooze=snooze)


def overdue_count(s: Session, programme_id: int, today: date) -> int:
    return today_list(s, programme_id, today).overdue


def snooze_note(item: TodayItem, today: date) -> str:
    """What the list says about an item's snooze: why it is held, or that it is back."""
    snooze = item.snooze
    if snooze is None:
        return ""
    if snooze.until > today:
        return _("Put aside until {until}: {reason}").format(
            until=format_date(snooze.until), reason=snooze.reason
        )
    return _("Back from {until} (put aside on {on}: {reason})").format(
        until=format_date(snooze.until), on=format_date(snooze.snoozed_on), reason=snooze.reason
    )


def validate_snooze(until: date | None, reason: str, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if until is None:
        errors["until"] = _("Give the day it should come back.")
    elif until <= today:
        errors["until"] = _("Choose a day after today.")
    elif (until - today).days > MAX_SNOOZE_DAYS:
        errors["until"] = _("Put it aside for a year at most.")
    if not reason.strip():
        errors["reason"] = _("Say why, so you know when it comes back.")
    return errors


def snooze(
    s: Session, programme_id: int, key: str, until: date | None, reason: str, today: date
) -> Changes:
    """Put the item with `key` aside until `until`, for `reason` (replacing an earlier one)."""
    check(validate_snooze(until, reason, today))
    assert until is not None
    get_programme(s, programme_id)
    row = s.scalar(
        select(Snooze).where(Snooze.programme_id == programme_id, Snooze.item_key == key)
    )
    if row is None:
        row = Snooze(programme_id=programme_id, item_key=key)
        s.add(row)
    row.snoozed_on = today
    row.until = until
    row.reason = reason.strip()
    return Changes(today=True)


def wake(s: Session, programme_id: int, key: str, today: date) -> Changes:
    """Bring a snoozed item back now; the snooze is kept, so its reason still shows."""
    row = s.scalar(
        select(Snooze).where(Snooze.programme_id == programme_id, Snooze.item_key == key)
    )
    if row is not None and row.until > today:
        row.until = today
    return Changes(today=True)


def as_json(listing: TodayList) -> str:
    """The list for `mentordesk today --json`: groups, items and the snoozed ones."""

    def item(i: TodayItem) -> dict[str, Any]:
        subject, why = i.words()
        target = {k: v for k, v in i.target._asdict().items() if v is not None}
        return {
            "kind": i.kind.value,
            "key": i.key,
            "due_on": i.due_on.isoformat(),
            "overdue": i.overdue,
            "subject": subject,
            "why": why,
            "target": target | {"place": i.target.place.value},
            "snooze": snooze_note(i, listing.today) or None,
        }

    return json.dumps(
        {
            "today": listing.today.isoformat(),
            "overdue": listing.overdue,
            "groups": [
                {
                    "kind": g.kind.value,
                    "label": g.label,
                    "overdue": g.overdue,
                    "items": [item(i) for i in g.items],
                }
                for g in listing.groups
            ],
            "snoozed": [item(i) for i in listing.snoozed],
        },
        indent=2,
        default=lambda v: v.isoformat() if isinstance(v, date) else str(v),
        ensure_ascii=False,
    )


def as_text(listing: TodayList, programme: str) -> str:
    """The list for `mentordesk today`: a heading, then each group with its items, overdue
    ones marked with "!"."""
    lines = [
        _("Today, {date}: {programme}").format(
            date=format_date(listing.today), programme=programme
        ),
        ngettext("{n} overdue", "{n} overdue", listing.overdue).format(n=listing.overdue),
    ]
    if not listing.groups:
        lines += ["", _("Nothing is due or overdue.")]
    for g in listing.groups:
        lines += ["", f"{g.label} ({len(g.items)})"]
        for i in g.items:
            subject, why = i.words()
            lines.append(f"  {'!' if i.overdue else ' '} {format_date(i.due_on)}  {subject}: {why}")
            if i.snooze is not None:
                lines.append(f"      {snooze_note(i, listing.today)}")
    if listing.snoozed:
        lines += ["", _("Put aside ({n})").format(n=len(listing.snoozed))]
        for i in listing.snoozed:
            lines.append(f"    {i.subject}: {snooze_note(i, listing.today)}")
    return "\n".join(lines)
