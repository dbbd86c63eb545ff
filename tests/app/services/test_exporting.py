"""Exporting the people list to CSV and .xlsx."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.model import Programme
from app.services import exporting
from app.storage import Database


def test_export_csv_and_xlsx_hold_everyone_with_status_columns(
    demo_db: Database, tmp_path: Path, today: date
) -> None:
    from openpyxl import load_workbook

    with demo_db.session() as s:
        programme_id = s.scalars(select(Programme.id).order_by(Programme.id)).first()
        assert programme_id is not None
        n_csv = exporting.export_people(s, programme_id, tmp_path / "people.csv", today)
        n_xlsx = exporting.export_people(s, programme_id, tmp_path / "people.xlsx", today)
    assert n_csv == n_xlsx == 42
    with (tmp_path / "people.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:6] == [
        "First name",
        "Last name",
        "Preferred name",
        "Role",
        "Stage",
        "Ready to match, or what is missing",
    ]
    deborah = next(r for r in rows if r[:2] == ["Deborah", "Clark"])
    assert "PVG membership expired" in deborah[5]
    sheet = load_workbook(tmp_path / "people.xlsx").active
    assert sheet.max_row == 43 and sheet["A1"].value == "First name"


def test_formula_like_cells_are_written_as_text() -> None:
    assert exporting._safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert exporting._safe("Amy") == "Amy" and exporting._safe(3) == 3
