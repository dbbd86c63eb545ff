"""The audit trail: who did what to which record, and when; field names, never values."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.model import AuditEntry, MeetingLog, Role
from app.paths import DataPaths
from app.services import audit, meetings, people, restore_bin
from app.settings import Preferences, save_preferences
from app.storage import Database


def _programme(db: Database) -> int:
    from app.model import Programme

    with db.session() as s:
        found = s.scalar(select(Programme.id).order_by(Programme.id))
        assert found is not None
        return found


def test_creating_changing_binning_and_bringing_back_a_person_is_in_the_trail(
    demo_db: Database, paths: DataPaths, today: date
) -> None:
    save_preferences(paths.preferences, Preferences(coordinator_name="Morag Coordinator"))
    programme_id = _programme(demo_db)
    details = people.PersonDetails(
        first_name="Eilidh", last_name="Trailtest", email="eilidh.trail@example.org"
    )
    with demo_db.session() as s:
        people.create_person(s, programme_id, details, [Role.MENTEE], today)
    with demo_db.session() as s:
        from app.model import Person

        person_id = s.scalar(select(Person.id).where(Person.last_name == "Trailtest"))
        assert person_id is not None
    with demo_db.session() as s:
        changed = people.PersonDetails(
            first_name="Eilidh", last_name="Trailtest", email="eilidh.new@example.org"
        )
        people.update_person(s, person_id, changed, today)
    with demo_db.session() as s:
        restore_bin.put_in_bin(s, restore_bin.BinKind.PERSON, person_id, today)
    with demo_db.session() as s:
        restore_bin.bring_back(s, restore_bin.BinKind.PERSON, person_id)

    with demo_db.session() as s:
        rows = audit.history(s, "person", person_id)
        raw = s.scalars(select(AuditEntry)).all()
    assert [r.action for r in rows] == [
        "created",
        "changed",
        "put in the restore bin",
        "brought back from the restore bin",
    ]
    assert {r.who for r in rows} == {"Morag Coordinator"}
    assert rows[1].fields == "email"
    assert rows[0].record == "Person" and rows[0].record_id == person_id
    # Never a value: the trail is not a second copy of the personal data.
    for entry in raw:
        assert "Trailtest" not in entry.fields and "example.org" not in entry.fields


def test_reading_a_private_note_is_recorded(demo_db: Database) -> None:
    with demo_db.session() as s:
        meeting_id = s.scalar(select(MeetingLog.id).order_by(MeetingLog.id))
        assert meeting_id is not None
        meetings.private_note(s, meeting_id)
    with demo_db.session() as s:
        rows = audit.history(s, "meeting_private_note", meeting_id)
    assert rows and rows[-1].action == "read"


def test_the_trail_exports_as_csv(demo_db: Database) -> None:
    with demo_db.session() as s:
        rows = audit.entries(s, table="person", limit=5)
    text = audit.to_csv(rows)
    assert text.splitlines()[0] == "When,Who,What happened,Record,Number,Fields"
    assert len(text.splitlines()) == 1 + len(rows)
