"""The Today list put together from the data: every kind gathered with a fixed number of
queries, items leaving when their record changes, and snoozes with their reasons."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.model import Concern, Match, MatchStatus, MeetingLog, Programme, Snooze
from app.model.support import RaisedBy
from app.services import support
from app.services.errors import ValidationError
from app.storage import Database
from app.today import rules, service, sources
from app.today.items import Kind
from tests.app.services.test_support import make_match


def _demo_programme(s: Session) -> Programme:
    programme = s.scalar(select(Programme).order_by(Programme.id).limit(1))
    assert programme is not None
    return programme


@contextmanager
def counted(s: Session) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    engine = s.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_the_demo_shows_at_least_eight_kinds(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        listing = service.today_list(s, _demo_programme(s).id, today)
    assert len(listing.kinds) >= 8, listing.kinds
    assert listing.overdue > 0
    # Groups with something overdue first, concerns leading; each group's most urgent first.
    assert listing.groups[0].kind is Kind.CONCERN
    for g in listing.groups:
        assert list(g.items) == sorted(g.items, key=lambda i: i.urgency)
    assert all(i.why and i.subject for i in listing.items)


def test_the_number_of_queries_does_not_grow_with_the_data(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        programme = _demo_programme(s)
        with counted(s) as before:
            service.today_list(s, programme.id, today)
        match = s.scalars(
            select(Match).where(
                Match.programme_id == programme.id, Match.status == MatchStatus.ACTIVE
            )
        ).first()
        assert match is not None
        for n in range(30):
            s.add(MeetingLog(match_id=match.id, held_on=today - timedelta(days=n + 1)))
            s.add(
                Concern(
                    match_id=match.id,
                    raised_by=RaisedBy.COORDINATOR,
                    raised_on=today - timedelta(days=n),
                    description=f"Concern {n}",
                )
            )
        s.flush()
        with counted(s) as after:
            service.today_list(s, programme.id, today)
    assert len(before) == len(after) <= 25


def test_support_contacts_are_worked_out_as_the_meetings_page_does(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        for programme in s.scalars(select(Programme)):
            sh = sources.shared(s, programme)
            for day in (today, today + timedelta(days=20), today - timedelta(days=90)):
                ours = {
                    (f.match_id, f.party, f.depth, f.due_on)
                    for f in sources.support_contacts(s, sh, day)
                    if f.due_on <= day + timedelta(days=rules.SOON_DAYS)
                }
                theirs = {
                    (r.match_id, r.party, r.depth, r.due_on)
                    for r in support.support_contacts_due(s, programme.id, day, rules.SOON_DAYS)
                }
                assert ours == theirs


def test_an_item_leaves_when_its_record_changes(db: Database, today: date) -> None:
    with db.session() as s:
        match_id = make_match(s, today - timedelta(days=200))
        programme_id = s.get_one(Match, match_id).programme_id
        concern = support.raise_concern(
            s,
            match_id,
            support.ConcernDetails(RaisedBy.MENTEE, today - timedelta(days=3), "Release time"),
            today,
        )
        kinds = service.today_list(s, programme_id, today).kinds
        assert Kind.CONCERN in kinds and Kind.SUPPORT_CONTACT in kinds
        assert concern.created_id is not None
        support.update_concern(
            s,
            concern.created_id,
            support.ConcernDetails(
                RaisedBy.MENTEE,
                today - timedelta(days=3),
                "Release time",
                "Spoke to the manager",
                today,
            ),
            today,
        )
        assert Kind.CONCERN not in service.today_list(s, programme_id, today).kinds


def test_a_snoozed_item_comes_back_with_its_reason(db: Database, today: date) -> None:
    with db.session() as s:
        match_id = make_match(s, today - timedelta(days=200))
        programme_id = s.get_one(Match, match_id).programme_id
        support.raise_concern(
            s, match_id, support.ConcernDetails(RaisedBy.MENTOR, today, "Cancelled twice"), today
        )
        item = next(
            i for i in service.today_list(s, programme_id, today).items if i.kind is Kind.CONCERN
        )
        with pytest.raises(ValidationError) as refused:
            service.snooze(s, programme_id, item.key, today, "", today)
        assert set(refused.value.errors) == {"until", "reason"}
        later = today + timedelta(days=7)
        service.snooze(s, programme_id, item.key, later, "Waiting to hear from HR", today)
        held = service.today_list(s, programme_id, today)
        assert item.key not in {i.key for i in held.items}
        assert [i.key for i in held.snoozed] == [item.key]
        assert service.snooze_note(held.snoozed[0], today) == (
            "Put aside until 30/11/2026: Waiting to hear from HR"
        )
        back = service.today_list(s, programme_id, later)
        returned = next(i for i in back.items if i.key == item.key)
        assert service.snooze_note(returned, later) == (
            "Back from 30/11/2026 (put aside on 23/11/2026: Waiting to hear from HR)"
        )
        # Brought back early: the snooze is kept, so its reason still shows.
        service.snooze(s, programme_id, item.key, later, "Again", today)
        service.wake(s, programme_id, item.key, today)
        woken = next(
            i for i in service.today_list(s, programme_id, today).items if i.key == item.key
        )
        assert woken.snooze is not None and woken.snooze.reason == "Again"
        assert s.scalar(select(Snooze.reason)) == "Again"


def test_the_list_as_json(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        listing = service.today_list(s, _demo_programme(s).id, today)
    data = json.loads(service.as_json(listing))
    assert data["today"] == "2026-11-23" and data["overdue"] == listing.overdue
    first = data["groups"][0]["items"][0]
    assert {"kind", "key", "due_on", "overdue", "subject", "why", "target"} <= set(first)
    assert sum(len(g["items"]) for g in data["groups"]) == len(listing.items)


@pytest.mark.parametrize("day", [date(2027, 3, 1), date(2027, 2, 28), date(2026, 12, 31)])
def test_the_demo_shows_eight_kinds_whatever_the_day(db: Database, day: date) -> None:
    from app.demo import create_demo

    with db.session() as s:
        programme_id = create_demo(s, today=day)
        listing = service.today_list(s, programme_id, day)
    assert len(listing.kinds) >= 8, sorted(listing.kinds)


def test_nothing_in_the_restore_bin_is_listed(demo_db: Database, today: date) -> None:
    """The sources read plain rows past the ORM's restore-bin filter, so each leaves out binned
    people, roles and PVG records itself."""
    from app.model import PvgRecord
    from app.services.restore_bin import BinKind, put_in_bin

    with demo_db.session() as s:
        programme_id = _demo_programme(s).id
        listing = service.today_list(s, programme_id, today)
        by_kind = {k: [i for i in listing.items if i.kind is k] for k in listing.kinds}
        # GIVEN someone stuck in a stage, and someone whose PVG membership is due
        stuck = by_kind[Kind.STUCK_IN_STAGE][0].target.person_id
        pvg_person = next(
            i.target.person_id for i in by_kind[Kind.PVG] if i.target.person_id != stuck
        )
        assert stuck is not None and pvg_person is not None
        # WHEN the first is put in the bin, and the second's PVG records are
        put_in_bin(s, BinKind.PERSON, stuck, today)
        for record_id in s.scalars(select(PvgRecord.id).where(PvgRecord.person_id == pvg_person)):
            put_in_bin(s, BinKind.PVG, record_id, today)
        s.flush()
        after = service.today_list(s, programme_id, today)
    # THEN neither is listed for what was binned
    assert stuck not in {i.target.person_id for i in after.items}
    assert pvg_person not in {i.target.person_id for i in after.items if i.kind is Kind.PVG}
    assert len(after.items) < len(listing.items)
