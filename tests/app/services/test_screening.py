"""Recording screening steps: what each record refuses, and PVG renewal reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.model import Programme, PvgRecord
from app.model.screening import DisclosureType
from app.services import screening
from app.services.errors import ValidationError
from app.storage import Database


def test_pvg_record_needs_date_number_and_position_and_no_future_date(today: date) -> None:
    errors = screening.validate_pvg(
        screening.PvgDetails(issued_on=None, reference_number="", position=""), today
    )
    assert set(errors) == {"issued_on", "reference_number", "position"}
    errors = screening.validate_pvg(
        screening.PvgDetails(
            issued_on=today + timedelta(days=1), reference_number="12/34", position="Mentor"
        ),
        today,
    )
    assert "future" in errors["issued_on"] and "letters, digits" in errors["reference_number"]


def test_reference_cannot_be_judged_before_it_arrives(today: date) -> None:
    errors = screening.validate_reference(
        screening.ReferenceDetails("Anne Brodie", satisfactory=True), today
    )
    assert "date it arrived" in errors["received_on"]
    errors = screening.validate_reference(
        screening.ReferenceDetails(
            "Anne Brodie", requested_on=date(2026, 10, 2), received_on=date(2026, 10, 1)
        ),
        today,
    )
    assert "before it was asked for" in errors["received_on"]


def test_training_needs_a_topic_and_sensible_hours(today: date) -> None:
    errors = screening.validate_training(screening.TrainingDetails(today, "", 0), today)
    assert set(errors) == {"topic", "hours"}


def test_renewal_reminders_list_expired_and_due_memberships(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        programme_id = s.scalars(select(Programme.id).order_by(Programme.id)).first()
        assert programme_id is not None
        rows = screening.pvg_renewals(s, programme_id, today)
    names = {r.name: r for r in rows}
    assert names["Deborah Clark"].expired
    assert not names["Lorna Gibson"].expired
    assert not names["Ruaridh Campbell"].expired  # due within 90 days, still current
    assert "Alison Cunningham" not in names  # she has left


def test_only_code_of_practice_fields_are_kept_for_a_pvg() -> None:
    columns = {c.name for c in PvgRecord.__table__.columns}
    bookkeeping = {"id", "person_id", "version_id", "created_at", "updated_at", "removed_on"}
    assert columns - bookkeeping == {
        "issued_on",
        "disclosure_type",
        "position",
        "reference_number",
        "decision",
        "regulated_role",
    }


def test_saving_an_invalid_pvg_changes_nothing(db: Database, today: date) -> None:
    from app.model import Person

    with db.session() as s:
        person = Person(first_name="Shona", last_name="Baird")
        s.add(person)
        s.flush()
        with pytest.raises(ValidationError):
            screening.add_pvg(
                s, person.id, screening.PvgDetails(None, DisclosureType.LEVEL_2), today
            )
        assert s.scalar(select(PvgRecord.id)) is None
