"""Importing the lists coordinators keep: every column mapped (PVG records arrive as PVG
records), a questionable value a warning on its field and not a refusal, duplicates not
created twice, and nothing written until the coordinator confirms."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import (
    Participant,
    Person,
    PersonCheck,
    Programme,
    PvgRecord,
    Reference,
    Role,
    TrainingSession,
)
from app.paths import DataPaths
from app.services import importing, people
from app.services.errors import ActionRefused
from app.services.people import PersonDetails
from app.storage import Database

FIXTURES = Path(__file__).parents[2] / "fixtures" / "import"


@pytest.fixture
def programme_id(db: Database, today: date) -> int:
    with db.session() as s:
        p = Programme(name="Little Steps", organisation="Wee Acorns Nursery")
        s.add(p)
        s.flush()
        people.create_person(
            s,
            p.id,
            PersonDetails(
                "Megan", "Fraser", email="megan.fraser@example.org.uk", notes="Prefers e-mail"
            ),
            [Role.MENTEE],
            today,
        )
        return p.id


def _plan(db: Database, path: Path, today: date) -> importing.ImportPlan:
    source = importing.read_source(path)
    mapping = importing.guess_mapping(source.headers)
    with db.session() as s:
        return importing.plan_import(s, source, mapping, (Role.MENTEE,), today)


def _count(db: Database, model: type[object]) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize(
    "name",
    [
        "people.csv",
        "people_calc.xlsx",
        "people_calc.ods",
        "people_calc.xls",
        "people_utf16.txt",
        "people_semicolon_1252.csv",
        "workbook_renamed.csv",
    ],
)
def test_a_list_written_by_calc_imports_the_same_in_every_format(
    db: Database, programme_id: int, today: date, name: str
) -> None:
    plan = _plan(db, FIXTURES / name, today)
    by_line = {r.line: r for r in plan.rows}
    assert sorted(by_line) == [5, 6, 7, 8, 10, 11, 12, 13, 14]
    assert plan.blank_rows == 1 and plan.totals_rows == (15,)
    assert plan.not_imported == ["Lanyard colour"]
    seonaid = by_line[5]
    assert seonaid.details is not None
    assert (seonaid.details.first_name, seonaid.details.last_name) == ("Seònaid", "Nic a' Phì")
    assert seonaid.details.setting == 'Bairns "R" Us'
    assert seonaid.details.date_of_birth == date(1988, 4, 3)
    assert seonaid.start_date == date(2024, 9, 1)
    assert seonaid.pvg == importing.PvgPlan(
        "1234 5678 9012 3456", date(2024, 8, 15), date(2029, 8, 15)
    )
    assert seonaid.training_hours == 12 and len(seonaid.referees) == 2
    # "2" references: recorded, with a check to add who they came from.
    assert [w.field for w in seonaid.warnings] == ["references"] and seonaid.suggested
    # A questionable e-mail is a warning on that field; the person can still be added.
    eilidh = by_line[6]
    assert eilidh.can_import and eilidh.suggested
    assert eilidh.details is not None and eilidh.details.email == ""
    assert eilidh.details.phone == "07700 900102"  # the leading zero put back
    assert [w.field for w in eilidh.warnings] == ["email"]
    assert "eilidh.macleod@example" in eilidh.warnings[0].message
    anna = by_line[7]
    assert anna.roles == (Role.MENTOR, Role.MENTEE)
    assert {w.field for w in anna.warnings} == {"name", "date_of_birth", "references"}
    assert "February 1990 has no day 31" in " ".join(w.message for w in anna.warnings)
    mairi = by_line[8]
    assert mairi.start_date is None
    assert "no month 25" in next(w.message for w in mairi.warnings if w.field == "start_date")
    # A spreadsheet number cannot hold 16 digits: a warning to check the last ones.
    assert mairi.pvg is not None and mairi.pvg.number.startswith("1234 5678 9012 34")
    if not name.endswith((".csv", ".txt")):
        assert any(w.field == "pvg_number" for w in mairi.warnings)
    assert by_line[11].duplicate == "The same person as row 10 of this file."
    assert by_line[11].new_note == "Second copy of this row" and not by_line[11].can_import
    assert by_line[12].errors == ("There is no name on this row.",)
    # The same name alone is not a duplicate.
    assert by_line[13].suggested and by_line[14].suggested
    assert len(plan.importable) == 7


def test_nothing_is_written_until_confirmed_and_then_everything_arrives(
    db: Database, programme_id: int, today: date
) -> None:
    plan = _plan(db, FIXTURES / "people_calc.xlsx", today)
    assert _count(db, Person) == 1
    lines = {r.line for r in plan.rows if r.suggested}
    with db.session() as s:
        changes = importing.apply_import(s, programme_id, plan, lines, today, add_notes=True)
    assert changes.people
    assert _count(db, Person) == 8
    with db.session() as s:
        seonaid = s.scalars(select(Person).where(Person.first_name == "Seònaid")).one()
        joined = s.scalars(
            select(Participant.joined_on).where(Participant.person_id == seonaid.id)
        ).all()
        assert joined == [date(2024, 9, 1)]
        pvg = s.scalars(select(PvgRecord).where(PvgRecord.person_id == seonaid.id)).one()
        assert (pvg.reference_number, pvg.issued_on) == ("1234 5678 9012 3456", date(2024, 8, 15))
        assert pvg.position == "Room leader"
        hours = s.scalars(
            select(TrainingSession.hours).where(TrainingSession.person_id == seonaid.id)
        ).all()
        assert hours == [12.0]
        refs = s.scalars(select(Reference).where(Reference.person_id == seonaid.id)).all()
        assert len(refs) == 2
        checks = {
            (c.field, c.source)
            for c in s.scalars(
                select(PersonCheck).join(Person).where(Person.first_name == "Eilidh")
            )
        }
        assert ("email", "Import of people_calc.xlsx, row 6") in checks
        jack = s.scalars(select(Person).where(Person.first_name == "Jack")).one()
        assert "Second copy of this row" in jack.notes  # the duplicate's differing note
        # The row with the impossible date of birth arrived without it, with a check.
        anna = s.scalars(select(Person).where(Person.first_name == "Anna")).one()
        assert anna.date_of_birth is None and anna.last_name == "de la Cruz"
        fields = set(s.scalars(select(PersonCheck.field).where(PersonCheck.person_id == anna.id)))
        assert {"name", "date_of_birth"} <= fields


def test_duplicates_of_people_held_are_skipped(
    db: Database, programme_id: int, tmp_path: Path, today: date
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "First name,Last name,Email,Notes\n"
        "MEGAN,fraser,Megan.Fraser@Example.org.uk,Has a car\n"
        "Megan,Frazer,megan.fraser@example.org.uk,\n"
        "Megan,Fraser,another@example.org.uk,\n",
        encoding="utf-8",
    )
    plan = _plan(db, path, today)
    sure, similar, namesake = plan.rows
    assert sure.duplicate and sure.duplicate_of is not None and sure.new_note == "Has a car"
    assert (
        similar.can_import
        and not similar.suggested
        and "Perhaps already held" in (similar.maybe_same)
    )
    assert namesake.suggested  # the same name alone is not a duplicate
    assert "1 duplicate skipped" in plan.summary()
    with db.session() as s:
        importing.apply_import(s, programme_id, plan, {4}, today, add_notes=True)
    with db.session() as s:
        megan = s.get(Person, sure.duplicate_of)
        assert megan is not None and megan.notes == "Prefers e-mail\nHas a car"


def test_an_excel_style_workbook(
    db: Database, programme_id: int, tmp_path: Path, today: date
) -> None:
    """Merged title rows, the headings lower down, number-formatted phone and PVG cells, a
    totals row with a formula, and a second sheet of drop-down lists."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Staff"
    sheet["A1"] = "Wee Acorns staff mentoring 2026"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "Phone numbers without spaces please"
    sheet.merge_cells("A2:F2")
    sheet.append([])
    sheet.append(["Surname", "Forename", "Mobile", "PVG Membership No", "PVG issued", "Hours"])
    sheet.append(["Nic a' Phì", "Seònaid", 7700900101, 1234567890123456, datetime(2024, 8, 15), 3])
    sheet.append(["\u00a0MacLeod ", " Eilidh", 7700900102, "1234 5678 9012 3457", "15/08/2024", 2])
    sheet["C5"].number_format = "00000000000"
    sheet["D5"].number_format = "0"
    sheet.append(["Total", None, None, None, None, "=SUM(F5:F6)"])
    lists = book.create_sheet("Lists")
    lists.append(["Mentor", "Mentee", "Both"])
    rule = DataValidation(type="list", formula1="Lists!$A$1:$C$1")
    sheet.add_data_validation(rule)
    rule.add("G5:G100")
    path = tmp_path / "staff.xlsx"
    book.save(path)
    source = importing.read_source(path)
    assert (source.sheet, source.header_line, source.other_sheets) == ("Staff", 4, ["Lists"])
    plan = _plan(db, path, today)
    assert [r.line for r in plan.rows] == [5, 6] and plan.totals_rows == (7,)
    first, second = plan.rows
    assert first.details is not None and second.details is not None
    assert first.details.phone == "07700 900101" and second.details.last_name == "MacLeod"
    assert first.pvg is not None and first.pvg.number == "1234 5678 9012 3456"
    assert "15 digits" in first.warnings[0].message
    assert second.pvg is not None and second.pvg.issued_on == date(2024, 8, 15)


def test_a_file_without_headings_says_why(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Shopping list"])
    sheet.append(["Milk", "Bread"])
    book.save(path)
    with pytest.raises(ActionRefused, match="No row of column headings was found"):
        importing.read_source(path)


def test_headings_with_nothing_under_them(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Forename,Surname,Email\n,,\n", encoding="utf-8")
    with pytest.raises(ActionRefused, match="nothing under them"):
        importing.read_source(path)


def test_without_name_columns_nothing_can_be_planned(
    db: Database, programme_id: int, tmp_path: Path, today: date
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Forename,Email,Phone\nA,a@example.org.uk,07700 900100\n", encoding="utf-8")
    source = importing.read_source(path)
    with db.session() as s, pytest.raises(ActionRefused, match="forename and surname"):
        importing.plan_import(s, source, {1: "email"}, (Role.MENTEE,), today)


def test_a_failure_part_way_writes_nothing(db: Database, programme_id: int, today: date) -> None:
    plan = _plan(db, FIXTURES / "people.csv", today)

    def stop(done: int, total: int) -> None:
        if done:
            raise RuntimeError("stopped")

    rows = [replace(r, line=n) for n, r in enumerate(plan.importable * 100, start=1)]
    big = importing.ImportPlan(rows=rows, source_name="x")
    with pytest.raises(RuntimeError, match="stopped"), db.session() as s:
        importing.apply_import(s, programme_id, big, {r.line for r in rows}, today, progress=stop)
    assert _count(db, Person) == 1


def test_the_command_line_reports_and_imports(
    paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    capsys.readouterr()
    path = str(FIXTURES / "people_calc.xlsx")
    assert main(["--data", data, "import", path, "--dry-run"]) == 1
    assert "Say which programme to import into with --programme: 1 " in capsys.readouterr().err
    path = str(FIXTURES / "people_calc.xlsx")
    assert main(["--data", data, "import", path, "--programme", "1", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "The headings are on row 4." in out
    assert "Nothing was written (--dry-run). 6 people will be added" in out
    assert "Row 6: “eilidh.macleod@example” does not look like an e-mail address." in out
    assert "Row 12: There is no name on this row." in out
    assert main(["--data", data, "import", path, "--programme", "1", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["created"], found["duplicates"], found["skipped_rows"]) == (6, 2, 2)
    assert {"row": 12, "field": "name", "message": "There is no name on this row."} in found[
        "errors"
    ]
    assert any(w["row"] == 8 and w["field"] == "start_date" for w in found["warnings"])
    # The second time everyone is already held.
    assert main(["--data", data, "import", path, "--programme", "1", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["created"], again["duplicates"]) == (0, 8)
    assert main(["--data", data, "import", str(FIXTURES / "empty_calc.xlsx")]) == 1
    assert "has no rows in it" in capsys.readouterr().err
    assert main(["--data", data, "import", path, "--programme", "99"]) == 1
    assert "There is no programme number 99." in capsys.readouterr().err


def test_control_characters_in_a_list_never_reach_the_data_file(
    db: Database, programme_id: int, today: date, tmp_path: Path
) -> None:
    path = tmp_path / "odd.csv"
    others = "".join(f"Person{i},Surname{i},\n" for i in range(30))
    path.write_text(
        "First name,Last name,Notes\nAmy\x08,John\x07stone,Likes\x1b outdoor play\n" + others,
        encoding="utf-8",
    )
    plan = _plan(db, path, today)
    with db.session() as s:
        importing.apply_import(s, programme_id, plan, {r.line for r in plan.rows}, today)
    with db.session() as s:
        amy = s.scalars(select(Person).where(Person.last_name == "Johnstone")).one()
        assert (amy.first_name, amy.notes) == ("Amy", "Likes outdoor play")
