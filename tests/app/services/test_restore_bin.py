"""The restore bin: removed records leave every list and come back as they were."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.model import Participant, Person, PvgRecord, Reference, Role
from app.model.restore_bin import INCLUDE_REMOVED
from app.services import exporting, matching, people, restore_bin, screening
from app.services.errors import ActionRefused
from app.services.people import PersonDetails
from app.services.restore_bin import BinKind
from app.storage import Database
from tests.app.services.test_matching import make_programme


def _count(s: object, cls: type) -> int:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    return int(s.scalar(select(func.count()).select_from(cls)) or 0)


def test_a_person_removed_leaves_every_list_and_comes_back(db: Database, today: date) -> None:
    with db.session() as s:
        pid, (mentor,), _mentees = make_programme(s, 1, 0)
        person_id = s.get_one(Participant, mentor).person_id
        people.create_person(
            s, pid, PersonDetails(first_name="Amy", last_name="Johnstone"), [Role.MENTEE], today
        )
        assert len(people.people_index(s, pid, today)) == 2
        restore_bin.put_in_bin(s, BinKind.PERSON, person_id, today)
    with db.session() as s:
        assert [p.id for p in people.people_index(s, pid, today)] != [person_id]
        assert len(people.people_index(s, pid, today)) == 1
        assert s.get(Person, person_id) is None
        assert _count(s, Participant) == 1
        board = matching.board(s, pid, today)
        assert not board.mentors
        _headers, rows = exporting.export_rows(s, pid, today)
        assert len(rows) == 1
        [item] = restore_bin.bin_items(s, pid)
        assert (item.kind, item.record_id, item.removed_on) == (BinKind.PERSON, person_id, today)
        assert item.person == "P0 Test"
        restore_bin.bring_back(s, BinKind.PERSON, person_id)
    with db.session() as s:
        assert len(people.people_index(s, pid, today)) == 2
        assert len(matching.board(s, pid, today).mentors) == 1
        assert restore_bin.bin_items(s, pid) == []


def test_someone_who_has_been_in_a_match_cannot_be_removed(db: Database, today: date) -> None:
    with db.session() as s:
        pid, (mentor,), (mentee,) = make_programme(s, 1, 1)
        matching.propose_match(s, pid, mentor, mentee, today)
        person_id = s.get_one(Participant, mentee).person_id
        with pytest.raises(ActionRefused, match="Mark them as having left"):
            restore_bin.put_in_bin(s, BinKind.PERSON, person_id, today)


def test_a_screening_record_removed_is_left_out_and_brought_back(db: Database, today: date) -> None:
    with db.session() as s:
        pid, (mentor,), _ = make_programme(s, 1, 0)
        person_id = s.get_one(Participant, mentor).person_id
        screening.add_reference(
            s, person_id, screening.ReferenceDetails("Morag MacLeod", requested_on=today), today
        )
        ref_id = s.scalars(select(Reference.id)).one()
        restore_bin.put_in_bin(s, BinKind.REFERENCE, ref_id, today)
        record = people.person_record(s, pid, person_id, today)
        assert not record.references
        assert _count(s, Reference) == 0
        everything = select(func.count()).select_from(Reference)
        assert s.scalar(everything.execution_options(**{INCLUDE_REMOVED: True})) == 1
        with pytest.raises(ActionRefused, match="already in the bin"):
            restore_bin.put_in_bin(s, BinKind.REFERENCE, ref_id, today)
        [item] = restore_bin.bin_items(s, pid)
        assert item.what == "Reference from Morag MacLeod"
        restore_bin.bring_back(s, BinKind.REFERENCE, ref_id)
        assert len(people.person_record(s, pid, person_id, today).references) == 1
        with pytest.raises(ActionRefused, match="not in the bin"):
            restore_bin.bring_back(s, BinKind.REFERENCE, ref_id)
        assert _count(s, PvgRecord) == 0
