"""Programmes: create with validation, edit, archive and bring back, list with counts."""

from __future__ import annotations

from datetime import date

import pytest

from app.model.programme import MentoringType, ProgrammeModel
from app.services import programmes
from app.services.errors import NotFound, ValidationError
from app.services.programmes import ProgrammeDetails
from app.storage import Database


def test_create_and_list(db: Database) -> None:
    with db.session() as s:
        changes = programmes.create_programme(
            s, ProgrammeDetails(name="  Growing Together ", organisation="Riverside")
        )
    assert changes.programmes and changes.created_id
    with db.session() as s:
        rows = programmes.list_programmes(s)
    assert [(r.name, r.mentors, r.mentees) for r in rows] == [("Growing Together", 0, 0)]


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        (ProgrammeDetails(name="", organisation="X"), "name", "Give the programme a name."),
        (ProgrammeDetails(name="A", organisation=" "), "organisation", "which organisation"),
        (
            ProgrammeDetails(
                name="A", organisation="X", start_date=date(2026, 9, 1), end_date=date(2026, 8, 1)
            ),
            "end_date",
            "after the start date (01/09/2026)",
        ),
        (
            ProgrammeDetails(
                name="A", organisation="X", programme_model=ProgrammeModel.SHARED_PARTNERSHIP
            ),
            "partner_organisations",
            "partner organisations",
        ),
    ],
)
def test_validation_names_the_field_and_says_why(
    db: Database, details: ProgrammeDetails, field: str, message: str
) -> None:
    with db.session() as s, pytest.raises(ValidationError) as refused:
        programmes.create_programme(s, details)
    assert message in refused.value.errors[field]


def test_edit_keeps_group_ratio_sensible(db: Database) -> None:
    with db.session() as s:
        pid = programmes.create_programme(s, ProgrammeDetails("A", "X")).created_id
        assert pid
        programmes.update_programme(
            s, pid, ProgrammeDetails("A", "X", mentoring_type=MentoringType.GROUP)
        )
        assert programmes.get_programme(s, pid).max_mentees_per_mentor == 4
        programmes.update_programme(s, pid, ProgrammeDetails("A", "X"))
        assert programmes.get_programme(s, pid).max_mentees_per_mentor == 1


def test_archive_hides_and_bring_back_restores(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        first = programmes.list_programmes(s)[0]
        programmes.archive_programme(s, first.id, today)
    with demo_db.session() as s:
        assert first.id not in [r.id for r in programmes.list_programmes(s)]
        archived = [
            r for r in programmes.list_programmes(s, include_archived=True) if r.id == first.id
        ]
        assert archived[0].archived_on == today
        programmes.unarchive_programme(s, first.id)
    with demo_db.session() as s:
        assert first.id in [r.id for r in programmes.list_programmes(s)]


def test_demo_counts(demo_db: Database) -> None:
    with demo_db.session() as s:
        rows = {r.name: r for r in programmes.list_programmes(s)}
    main = rows["Growing Together Mentoring Programme"]
    # 12 matched mentors, 6 at other stages; 24 mentees, and one mentor is also a mentee.
    assert (main.mentors, main.mentees) == (18, 25)


def test_missing_programme_is_a_plain_refusal(db: Database) -> None:
    with db.session() as s, pytest.raises(NotFound):
        programmes.get_programme(s, 42)
