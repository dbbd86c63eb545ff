"""The tables for a funder's template: a workbook with a sheet a table, or a folder of CSV files;
never a private meeting note, never a formula, never a control character."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from app.cli import main
from app.model import FormDraft, Goal, MeetingLog, MeetingPrivateNote, Programme, Review
from app.paths import DataPaths
from app.reports import exports
from app.storage import Database

SECRET = "Whispered about her brother's court case"

SHEETS = ["People", "Matches", "Meetings", "Support contacts", "Goals", "Reviews", "Endings"]


def _programme_id(s: Session) -> int:
    pid = s.scalar(select(Programme.id).order_by(Programme.id))
    assert pid is not None
    return pid


def _with_traps(s: Session, today: date) -> int:
    """A private note and a half-typed form holding SECRET, a goal that looks like a formula,
    a review note with a control character in it, and one meeting in the restore bin."""
    pid = _programme_id(s)
    meeting_ids = list(s.scalars(select(MeetingLog.id).order_by(MeetingLog.id)))
    for meeting_id in meeting_ids[:3]:
        note = s.scalar(
            select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting_id)
        )
        if note is None:
            s.add(MeetingPrivateNote(meeting_id=meeting_id, text=SECRET))
        else:
            note.text = SECRET
    s.add(FormDraft(key="meeting:new", data={"private_note": SECRET}))
    goal_id = s.scalar(select(Goal.id).order_by(Goal.id))
    s.execute(update(Goal).where(Goal.id == goal_id).values(title='=HYPERLINK("x","click")'))
    s.flush()
    # Past the session's safeguard, as an import's bulk insert would be.
    s.execute(text("UPDATE review SET progress_note = 'Bell\x07 rang' WHERE id = 1"))
    s.execute(update(MeetingLog).where(MeetingLog.id == meeting_ids[-1]).values(removed_on=today))
    return pid


def _xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(name).decode("utf-8") for name in z.namelist())


def test_the_workbook_has_every_table_and_nothing_private(
    demo_db: Database, today: date, tmp_path: Path
) -> None:
    target = tmp_path / "for the funder.xlsx"
    with demo_db.session() as s:
        pid = _with_traps(s, today)
        assert SECRET in (s.scalar(select(MeetingPrivateNote.text)) or "")
        exports.export_tables(s, pid, target)
        meetings = s.scalar(
            select(func.count()).select_from(MeetingLog).where(MeetingLog.removed_on.is_(None))
        )
        reviews = s.scalar(select(func.count()).select_from(Review))
    assert "brother" not in _xlsx_text(target)
    book = load_workbook(target)
    assert book.sheetnames == SHEETS
    assert book["Meetings"].max_row - 1 == meetings
    assert book["Reviews"].max_row - 1 == reviews
    assert [c.value for c in book["Meetings"][1]][:3] == ["Meeting number", "Match number", "Date"]
    # A date is a date in the spreadsheet, shown the British way.
    date_cell = book["Meetings"]["C2"]
    assert date_cell.is_date and date_cell.number_format == "DD/MM/YYYY"
    titles = [row[2] for row in book["Goals"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("x","click")' in titles
    notes = [row[12] for row in book["Reviews"].iter_rows(min_row=2, values_only=True)]
    assert "Bell rang" in notes
    # Every mentor and mentee is in People, once a role.
    people = list(book["People"].iter_rows(min_row=2, values_only=True))
    assert {row[4] for row in people} == {"Mentor", "Mentee"}


def test_the_csv_folder_has_a_file_a_table(demo_db: Database, today: date, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    with demo_db.session() as s:
        pid = _with_traps(s, today)
        tables = exports.export_tables(s, pid, folder)
        binned = s.scalar(select(MeetingLog.id).where(MeetingLog.removed_on.is_not(None)))
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"{t.key}.csv" for t in tables)
    assert len(names) == 7
    everything = "".join(p.read_text(encoding="utf-8-sig") for p in folder.iterdir())
    assert "brother" not in everything
    assert "\x07" not in everything
    with (folder / "goals.csv").open(encoding="utf-8-sig", newline="") as handle:
        goals = list(csv.reader(handle))
    assert goals[0][:3] == ["Goal number", "Match number", "Goal"]
    assert any(row[2] == '\'=HYPERLINK("x","click")' for row in goals[1:])
    with (folder / "meetings.csv").open(encoding="utf-8-sig", newline="") as handle:
        meetings = list(csv.reader(handle))
    assert str(binned) not in {row[0] for row in meetings[1:]}
    assert all(len(row[2].split("/")) == 3 for row in meetings[1:])  # dd/mm/yyyy
    assert all(len(row) == len(meetings[0]) for row in meetings)


def test_progress_and_cancel(demo_db: Database) -> None:
    with demo_db.session() as s:
        pid = _programme_id(s)
        heard: list[tuple[int, int]] = []
        exports.gather(s, pid, on_progress=lambda d, t: heard.append((d, t)))
        assert heard == [(n, 7) for n in range(1, 8)]
        try:
            exports.gather(s, pid, cancelled=lambda: True)
        except exports.ExportCancelled:
            pass
        else:
            raise AssertionError("a cancelled export went on")


def test_an_empty_programme_exports_headers_only(db: Database, tmp_path: Path) -> None:
    from app.services import programmes

    with db.session() as s:
        details = programmes.ProgrammeDetails(name="Empty", organisation="Nobody's nursery")
        programmes.create_programme(s, details)
        s.flush()
        pid = _programme_id(s)
        exports.export_tables(s, pid, tmp_path / "empty.xlsx")
    book = load_workbook(tmp_path / "empty.xlsx")
    assert all(book[name].max_row == 1 for name in SHEETS)


def test_the_command_line_writes_a_workbook_or_a_folder(
    paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    book = tmp_path / "tables.xlsx"
    assert main(["--data", data, "export-tables", "1", "-o", str(book)]) == 0
    assert "7 tables" in capsys.readouterr().out
    assert load_workbook(book).sheetnames == SHEETS
    folder = tmp_path / "csv files"
    assert main(["--data", data, "export-tables", "1", "-o", str(folder)]) == 0
    assert len(list(folder.glob("*.csv"))) == 7
    assert main(["--data", data, "export-tables", "999", "-o", str(book)]) == 1
