"""Exporting the people list to CSV or Excel (.xlsx), with the columns the People page shows.

Cells that a spreadsheet would run as a formula (starting with =, +, - or @) are written as
plain text, so an exported list cannot run anything when opened.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.model import Person
from app.services import people
from app.services.validation import strip_control


def _safe(value: object) -> object:
    """A cell value a spreadsheet takes as plain text: never a formula, never a control
    character (Excel and openpyxl refuse a whole workbook over one)."""
    if not isinstance(value, str):
        return value
    value = strip_control(value)
    if value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_rows(
    s: Session, programme_id: int, today: date, person_ids: Sequence[int] | None = None
) -> tuple[list[str], list[list[object]]]:
    """The header and rows of the export, in the given order (everyone by name if None)."""
    if person_ids is None:
        index = people.people_index(s, programme_id, today)
        person_ids = [i.id for i in sorted(index, key=lambda i: i.name_key)]
    headers = [
        _("First name"),
        _("Last name"),
        _("Preferred name"),
        _("Role"),
        _("Stage"),
        _("Ready to match, or what is missing"),
        _("Current match"),
        _("Days waiting"),
        _("E-mail"),
        _("Phone"),
        _("Setting"),
        _("Job role"),
        _("Postcode"),
        _("SSSC registration number"),
    ]
    out: list[list[object]] = []
    chunk = 500
    for start in range(0, len(person_ids), chunk):
        ids = list(person_ids[start : start + chunk])
        rows = people.people_rows(s, programme_id, ids, today)
        contact = {
            r.id: r
            for r in s.execute(
                select(
                    Person.id,
                    Person.first_name,
                    Person.last_name,
                    Person.preferred_name,
                    Person.email,
                    Person.phone,
                    Person.setting,
                    Person.job_role,
                    Person.postcode,
                    Person.sssc_number,
                ).where(Person.id.in_(ids))
            )
        }
        for pid in ids:
            row, c = rows.get(pid), contact.get(pid)
            if row is None or c is None:
                continue
            out.append(
                [
                    c.first_name,
                    c.last_name,
                    c.preferred_name,
                    row.roles_text,
                    row.stage_text,
                    row.readiness_text,
                    row.current_match,
                    row.days_waiting if row.days_waiting is not None else "",
                    c.email,
                    c.phone,
                    c.setting,
                    c.job_role,
                    c.postcode,
                    c.sssc_number,
                ]
            )
    return headers, out


def export_people(
    s: Session,
    programme_id: int,
    path: Path,
    today: date,
    person_ids: Sequence[int] | None = None,
) -> int:
    """Write the list to `path` (.csv or .xlsx by its ending); returns how many people."""
    headers, rows = export_rows(s, programme_id, today, person_ids)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        sheet.title = _("People")
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_safe(v) for v in row])
        for column, width in zip(
            "ABCDEFGHIJKLMN", (14, 16, 12, 16, 18, 50, 28, 8, 30, 16, 34, 24, 10, 12), strict=True
        ):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
        book.save(path)
    else:
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows([[_safe(v) for v in row] for row in rows])
    return len(rows)
