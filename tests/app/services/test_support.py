"""Support contacts due and overdue under the programme's rule, and concerns flagging a match."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Match, MatchStatus, Participant, Person, Programme
from app.model.person import Role
from app.model.programme import SupportContactRule
from app.model.support import ContactDepth, ContactParty, RaisedBy
from app.services import meetings, support
from app.services.errors import ValidationError
from app.services.support import ConcernDetails, ContactDetails
from app.storage import Database


def make_match(
    s: Session,
    started: date,
    rule: SupportContactRule = SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY,
) -> int:
    programme = Programme(name="P", organisation="O", support_contact_rule=rule)
    s.add(programme)
    s.flush()
    ids: list[int] = []
    for first, role in (("Morag", Role.MENTOR), ("Erin", Role.MENTEE)):
        person = Person(first_name=first, last_name="Sinclair")
        participant = Participant(programme=programme, role=role)
        person.roles.append(participant)
        s.add(person)
        s.flush()
        ids.append(participant.id)
    match = Match(
        programme_id=programme.id,
        mentor_id=ids[0],
        mentee_id=ids[1],
        status=MatchStatus.ACTIVE,
        started_on=started,
    )
    s.add(match)
    s.flush()
    return match.id


def _due(s: Session, match_id: int, today: date) -> list[support.DueContactRow]:
    programme_id = s.get_one(Match, match_id).programme_id
    return support.support_contacts_due(s, programme_id, today)


def test_overdue_and_due_soon_contacts_per_party(db: Database) -> None:
    with db.session() as s:
        match_id = make_match(s, date(2026, 1, 5))
        # Mentor: both first-month contacts made; mentee: only the first.
        for on in (date(2026, 1, 19), date(2026, 2, 4)):
            support.record_support_contact(
                s, match_id, ContactDetails(ContactParty.MENTOR, on), date(2026, 2, 10)
            )
        support.record_support_contact(
            s, match_id, ContactDetails(ContactParty.MENTEE, date(2026, 1, 20)), date(2026, 2, 10)
        )
        rows = _due(s, match_id, date(2026, 2, 10))
    assert [(r.party, r.overdue, r.due_on, r.who) for r in rows] == [
        (ContactParty.MENTEE, True, date(2026, 2, 5), "Erin Sinclair")
    ]  # the mentor's next contact (05/03) is more than two weeks away

    with db.session() as s:
        rows = _due(s, match_id, date(2026, 2, 25))
    assert [(r.party, r.overdue, r.due_on) for r in rows] == [
        (ContactParty.MENTEE, True, date(2026, 2, 5)),  # overdue first
        (ContactParty.MENTOR, False, date(2026, 3, 5)),  # due within two weeks
    ]


def test_a_contact_after_a_miss_clears_the_overdue_flag_but_the_miss_is_counted(
    db: Database,
) -> None:
    with db.session() as s:
        match_id = make_match(s, date(2026, 1, 5))
        for party in (ContactParty.MENTOR, ContactParty.MENTEE):
            for on in (date(2026, 1, 19), date(2026, 4, 1)):
                support.record_support_contact(
                    s, match_id, ContactDetails(party, on), date(2026, 4, 2)
                )
        match = s.get_one(Match, match_id)
        schedules = support.match_schedules(s, match, match.programme, date(2026, 4, 2))
        mentor = next(x for x in schedules if x.party is ContactParty.MENTOR)
        assert mentor.overdue_since is None
        assert mentor.missed == 1  # 05/02 passed with no contact; 05/03's window took 01/04
        rows = _due(s, match_id, date(2026, 4, 2))
        assert [(r.overdue, r.due_on, r.missed) for r in rows] == [
            (False, date(2026, 4, 5), 1),
            (False, date(2026, 4, 5), 1),
        ]


def test_a_third_party_joins_the_schedule_once_contacted(db: Database) -> None:
    with db.session() as s:
        match_id = make_match(s, date(2026, 1, 5))
        with pytest.raises(ValidationError) as caught:
            support.record_support_contact(
                s,
                match_id,
                ContactDetails(ContactParty.THIRD_PARTY, date(2026, 1, 8)),
                date(2026, 1, 9),
            )
        assert "third_party_name" in caught.value.errors
        assert {r.party for r in _due(s, match_id, date(2026, 3, 1))} == {
            ContactParty.MENTOR,
            ContactParty.MENTEE,
        }
        support.record_support_contact(
            s,
            match_id,
            ContactDetails(
                ContactParty.THIRD_PARTY, date(2026, 1, 8), third_party_name="Line manager"
            ),
            date(2026, 1, 9),
        )
        rows = [
            r for r in _due(s, match_id, date(2026, 3, 1)) if r.party is ContactParty.THIRD_PARTY
        ]
        assert rows and rows[0].who == "Line manager" and rows[0].overdue


def test_fifth_edition_lists_check_ins_and_in_depth_meetings_apart(db: Database) -> None:
    with db.session() as s:
        match_id = make_match(s, date(2026, 1, 5), SupportContactRule.FIFTH_EDITION)
        support.record_support_contact(
            s,
            match_id,
            ContactDetails(ContactParty.MENTOR, date(2026, 2, 4), depth=ContactDepth.IN_DEPTH),
            date(2026, 2, 10),
        )
        support.record_support_contact(
            s, match_id, ContactDetails(ContactParty.MENTEE, date(2026, 2, 4)), date(2026, 2, 10)
        )
        rows = _due(s, match_id, date(2026, 2, 10))
    overdue = {(r.party, r.depth) for r in rows if r.overdue}
    # The in-depth meeting counts as the mentor's check-in too; a check-in is not in-depth.
    assert overdue == {(ContactParty.MENTEE, ContactDepth.IN_DEPTH)}


def test_an_open_concern_flags_the_match_until_resolved(db: Database) -> None:
    with db.session() as s:
        match_id = make_match(s, date(2026, 1, 5))
        today = date(2026, 3, 1)
        with pytest.raises(ValidationError) as caught:
            support.raise_concern(s, match_id, ConcernDetails(RaisedBy.MENTEE, today, ""), today)
        assert "description" in caught.value.errors
        concern_id = support.raise_concern(
            s,
            match_id,
            ConcernDetails(RaisedBy.MENTEE, date(2026, 2, 20), "Meetings keep being cancelled"),
            today,
        ).created_id
        assert concern_id is not None
        programme_id = s.scalars(select(Programme.id)).one()
        assert support.has_open_concern(s, match_id)
        assert meetings.match_summaries(s, programme_id)[0].open_concerns == 1
        with pytest.raises(ValidationError) as caught:
            support.update_concern(
                s,
                concern_id,
                ConcernDetails(RaisedBy.MENTEE, date(2026, 2, 20), "x", resolved_on=today),
                today,
            )
        assert "actions_taken" in caught.value.errors
        support.update_concern(
            s,
            concern_id,
            ConcernDetails(
                RaisedBy.MENTEE,
                date(2026, 2, 20),
                "Meetings keep being cancelled",
                "Spoke to both; agreed a fixed fortnightly slot.",
                today,
            ),
            today,
        )
        assert not support.has_open_concern(s, match_id)
