"""Recording screening steps: what each record refuses, and PVG renewal reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.model import Programme, PvgRecord
from app.model.screening import DisclosureType
from app.services import screening
from app.services.errors import ValidationError

TODAY = date(2026, 11, 23)


def test_pvg_record_needs_date_number_and_position_and_no_future_date() -> None:
    errors = screening.validate_pvg(
        screening.PvgDetails(issued_on=None, reference_number="", position=""), TODAY
    )
    assert set(errors) == {"issued_on", "reference_number", "position"}
    errors = screening.validate_pvg(
        screening.PvgDetails(
            issued_on=TODAY + timedelta(days=1), reference_number="12/34", position="Mentor"
        ),
        TODAY,
    )
    assert "future" in errors["issued_on"] and "letters, digits" in errors["reference_number"]


def test_reference_cannot_be_judged_before_it_arrives() -> None:
    errors = screening.validate_reference(
        screening.ReferenceDetails("Anne Brodie", satisfactory=True), TODAY
    )
    assert "date it arrived" in errors["received_on"]
    errors = screening.validate_reference(
        screening.ReferenceDetails(
            "Anne Brodie", requested_on=date(2026, 10, 2), received_on=date(2026, 10, 1)
        ),
        TODAY,
    )
    assert "before it was asked for" in errors["received_on"]


def test_training_needs_a_topic_and_sensible_hours() -> None:
    errors = screening.validate_training(screening.TrainingDetails(TODAY, "", 0), TODAY)
    assert set(errors) == {"topic", "hours"}


def test_renewal_reminders_list_expired_and_due_memberships(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        programme_id = s.scalar(select(Programme.id).order_by(Programme.id))
        rows = screening.pvg_renewals(s, programme_id, TODAY)
    names = {r.name: r for r in rows}
    assert names["Deborah Clark"].expired
    assert not names["Lorna Gibson"].expired
    assert not names["Ruaridh Campbell"].expired  # due within 90 days, still current
    assert "Alison Cunningham" not in names  # she has left


def test_only_code_of_practice_fields_are_kept_for_a_pvg() -> None:
    columns = {c.name for c in PvgRecord.__table__.columns}
    assert columns - {"id", "person_id", "version_id", "created_at", "updated_at"} == {
        "issued_on",
        "disclosure_type",
        "position",
        "reference_number",
        "decision",
        "regulated_role",
    }


def test_saving_an_invalid_pvg_changes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    from app.model import Person

    with db.session() as s:
        person = Person(first_name="Shona", last_name="Baird")
        s.add(person)
        s.flush()
        with pytest.raises(ValidationError):
            screening.add_pvg(
                s, person.id, screening.PvgDetails(None, DisclosureType.LEVEL_2), TODAY
            )
        assert s.scalar(select(PvgRecord.id)) is None
