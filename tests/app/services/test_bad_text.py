"""Bad text: control characters are refused next to the field, never reach the data file by
any path, and every value the services accept survives every export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from app.model import Participant, Person, Role
from app.services import exporting, people
from app.services.errors import ValidationError
from app.services.people import PersonDetails
from app.storage import Database
from tests.app.services.test_matching import make_programme

#: Values a coordinator may really type or paste: accents, Gaelic, right-to-left, emoji,
#: combining marks, quotes, formula-like text, tabs and line breaks.
AWKWARD = [
    "Seònaid Nic a' Phì",
    "Żaneta Wójcik-Brzęczyszczykiewicz",
    "محمد",
    "Zoë 🌻",
    "e\u0301",  # an e with a combining accent
    '"Bairns ""R"" Us"',
    "=SUM(A1:A9)",
    "+44 131 496 0000",
    "@home",
    "Line one\nline two\tand a tab",
]


def test_a_control_character_in_a_name_is_refused_next_to_the_field(
    db: Database, today: date
) -> None:
    with db.session() as s:
        pid, *_ = make_programme(s, 0, 0)
        details = PersonDetails(first_name="Amy\x00", last_name="John\x1bstone", notes="ok\n")
        with pytest.raises(ValidationError) as invalid:
            people.create_person(s, pid, details, [Role.MENTEE], today)
        assert set(invalid.value.errors) == {"first_name", "last_name"}
        assert "hidden character" in invalid.value.errors["first_name"]


def test_the_safeguard_strips_control_characters_whatever_the_path(db: Database) -> None:
    with db.session() as s:
        person = Person(first_name="Amy\x00\x07", last_name="Johnstone", notes="a\tb\nc\x7f")
        s.add(person)
        s.flush()
        person_id = person.id
    with db.session() as s:
        stored = s.execute(
            text("SELECT first_name, notes FROM person WHERE id = :id"), {"id": person_id}
        ).one()
        assert tuple(stored) == ("Amy", "a\tb\nc")


def test_every_value_the_services_accept_survives_the_exports(
    db: Database, today: date, tmp_path: Path
) -> None:
    with db.session() as s:
        pid, *_ = make_programme(s, 0, 0)
        for value in AWKWARD:
            people.create_person(
                s,
                pid,
                PersonDetails(first_name=value, last_name=value, setting=value, notes=value),
                [Role.MENTOR],
                today,
            )
        # One that got in before this safeguard existed, written straight to the file.
        first = s.scalars(select(Participant.person_id)).first()
        s.execute(
            text("UPDATE person SET job_role = 'x' || char(0) || char(8) WHERE id = :id"),
            {"id": first},
        )
        s.expire_all()
        _headers, rows = exporting.export_rows(s, pid, today)
        assert any("x\x00\x08" in str(v) for row in rows for v in row)
        xlsx, csv_file = tmp_path / "people.xlsx", tmp_path / "people.csv"
        assert exporting.export_people(s, pid, xlsx, today) == len(AWKWARD)
        assert exporting.export_people(s, pid, csv_file, today) == len(AWKWARD)
    cells = {
        str(c.value)
        for row in load_workbook(xlsx).active.iter_rows(min_row=2)
        for c in row
        if c.value is not None
    }
    for value in AWKWARD:
        shown = "'" + value if value[:1] in "=+-@" else value
        assert shown in cells, value
    assert "Seònaid Nic a' Phì" in csv_file.read_text(encoding="utf-8-sig")
