"""Importing a messy spreadsheet: blank lines, dates in several formats, a bad e-mail, a
duplicate; every bad row is reported by its row number and only confirmed rows are written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import Person, Programme, Role
from app.services import importing, people
from app.services.errors import ActionRefused
from app.services.people import PersonDetails
from app.storage import Database

MESSY_CSV = """\ufeffForename;Surname;E-mail address;DOB;Mentor or mentee;Mobile
Amy;Johnstone;amy.johnstone@example.org.uk;03/04/1998;mentee;07700 900100

Chloe;Stewart;chloe.stewart@example;1999-07-21;Mentee;
Erin;Thomson;erin.thomson@example.org.uk;21 July 1999;mentee;
Megan;Fraser;megan.fraser@example.org.uk;;mentee;
Amy;Johnstone;AMY.JOHNSTONE@example.org.uk;;mentee;
Niamh;O'Neill;niamh@example.org.uk;31/02/1990;mentee;
;;;;;
Zara;Ahmed;zara@example.org.uk;;volunteer;
Jack;Reid;jack.reid@example.org.uk;3.4.98;both;0131 496 0999
"""


@pytest.fixture
def programme_id(db: Database, today: date) -> int:
    with db.session() as s:
        p = Programme(name="Little Steps", organisation="Wee Acorns Nursery")
        s.add(p)
        s.flush()
        people.create_person(
            s,
            p.id,
            PersonDetails("Megan", "Fraser", email="megan.fraser@example.org.uk"),
            [Role.MENTEE],
            today,
        )
        return p.id


def _plan(
    db: Database, path: Path, today: date
) -> tuple[importing.RawTable, dict[int, str], importing.ImportPlan]:
    table = importing.read_table(path)
    mapping = importing.guess_mapping(table.headers)
    with db.session() as s:
        return table, mapping, importing.plan_import(s, table, mapping, (Role.MENTEE,), today)


def details(row: importing.ImportRow) -> PersonDetails:
    """What a planned row would write (rows that could not be read have none)."""
    assert row.details is not None, row.errors
    return row.details


def test_columns_are_guessed_from_the_headers(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(MESSY_CSV, encoding="utf-8")
    table = importing.read_table(path)
    assert importing.guess_mapping(table.headers) == {
        0: "first_name",
        1: "last_name",
        2: "email",
        3: "date_of_birth",
        4: "role",
        5: "phone",
    }
    assert table.blank_lines == 2


def test_messy_csv_reports_each_bad_row_and_writes_only_confirmed_rows(
    db: Database, programme_id: int, tmp_path: Path, today: date
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(MESSY_CSV, encoding="utf-8")
    _table, _mapping, plan = _plan(db, path, today)
    by_line = {r.line: r for r in plan.rows}
    assert sorted(by_line) == [2, 4, 5, 6, 7, 8, 10, 11]  # blank lines 3 and 9 skipped
    assert by_line[2].errors == () and details(by_line[2]).date_of_birth == date(1998, 4, 3)
    assert "E-mail" in by_line[4].errors[0] and "e-mail address" in by_line[4].errors[0]
    assert details(by_line[5]).date_of_birth == date(1999, 7, 21)
    assert by_line[6].warnings and "already held" in by_line[6].warnings[0]
    assert by_line[6].can_import and not by_line[6].suggested
    assert by_line[7].errors == ("The same person as row 2 of this file.",)
    assert by_line[8].errors == ("Date of birth: “31/02/1990” is not a date.",)
    assert "mentor, mentee or both" in by_line[10].errors[0]
    assert by_line[11].roles == (Role.MENTOR, Role.MENTEE)
    assert details(by_line[11]).date_of_birth == date(1998, 4, 3)
    assert [r.line for r in plan.problems] == [4, 7, 8, 10]

    # Nothing is written by reading and checking.
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1

    # The coordinator unticks Erin and confirms; the rows with errors are never written even
    # if asked for.
    confirmed = {r.line for r in plan.rows if r.suggested} - {5} | {4}
    with db.session() as s:
        changes = importing.apply_import(s, programme_id, plan, confirmed, today)
    assert changes.people
    with db.session() as s:
        names = set(s.scalars(select(Person.first_name + " " + Person.last_name)))
    assert names == {"Megan Fraser", "Amy Johnstone", "Jack Reid"}


def test_xlsx_with_real_date_cells_and_a_full_name_column(
    db: Database, programme_id: int, tmp_path: Path, today: date
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email", "Date of birth", "Setting", "Postcode"])
    sheet.append(
        ["Màiri MacDonald", "mairi@example.org.uk", datetime(1995, 5, 17), "Wee Acorns", "eh6 5ab"]
    )
    sheet.append([None, None, None, None, None])
    sheet.append(["Olivia Grant", "olivia@example.org.uk", "17/05/1996", "Sunflower", "EH99"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    _table, mapping, plan = _plan(db, path, today)
    assert set(mapping.values()) == {"full_name", "email", "date_of_birth", "setting", "postcode"}
    first, second = plan.rows
    assert (first.line, second.line) == (2, 4)
    assert details(first).first_name == "Màiri" and details(first).last_name == "MacDonald"
    assert details(first).date_of_birth == date(1995, 5, 17)
    assert details(first).postcode == "EH6 5AB"
    assert second.errors == ()  # EH99 is a valid district


def test_without_name_columns_nothing_can_be_planned(
    db: Database, programme_id: int, tmp_path: Path, today: date
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Email,Phone\na@example.org.uk,07700 900100\n", encoding="utf-8")
    table = importing.read_table(path)
    with db.session() as s, pytest.raises(ActionRefused):
        importing.plan_import(
            s, table, importing.guess_mapping(table.headers), (Role.MENTEE,), today
        )


def test_other_file_types_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "people.ods"
    path.write_bytes(b"x")
    with pytest.raises(ActionRefused):
        importing.read_table(path)


def test_a_similar_name_with_the_same_birth_date_is_a_warning_not_a_block(
    db: Database, programme_id: int, tmp_path: Path, today: date
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "First name,Last name,Date of birth\nJack,Reid,03/04/1998\nJake,Reid,03/04/1998\n",
        encoding="utf-8",
    )
    _table, _mapping, plan = _plan(db, path, today)
    second = plan.rows[1]
    assert second.errors == ()
    assert second.warnings == ("Perhaps the same person as row 2 of this file.",)
    assert second.can_import and not second.suggested
