"""Importing people from the coordinator's spreadsheet (CSV or Excel .xlsx).

Three steps, nothing written until the last: `read_table` reads the file (blank lines skipped,
row numbers kept as the spreadsheet shows them); `plan_import` maps columns to fields and checks
every row (names, e-mail, phone, postcode, dates in several formats, duplicates within the file
and against people already held); `apply_import` adds only the rows the coordinator confirmed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.dates import format_date, parse_date
from app.i18n import N_, _
from app.model import Role
from app.services import people
from app.services.changes import Changes
from app.services.errors import ActionRefused
from app.services.people import PersonDetails, PersonKey

#: Fields a column can fill: key, label, and header words that usually mean it.
FIELDS: list[tuple[str, str, tuple[str, ...]]] = [
    ("first_name", N_("First name"), ("first name", "forename", "given name", "first")),
    ("last_name", N_("Last name"), ("last name", "surname", "family name", "last")),
    ("full_name", N_("Full name (first and last)"), ("name", "full name", "person")),
    ("preferred_name", N_("Preferred name"), ("preferred name", "known as", "nickname")),
    ("role", N_("Role (mentor, mentee or both)"), ("role", "mentor or mentee", "type")),
    ("email", N_("E-mail"), ("email", "e-mail", "email address", "e-mail address")),
    ("phone", N_("Phone"), ("phone", "mobile", "telephone", "tel", "phone number")),
    ("date_of_birth", N_("Date of birth"), ("date of birth", "dob", "birthday", "born")),
    ("setting", N_("Setting or workplace"), ("setting", "workplace", "nursery", "employer")),
    ("job_role", N_("Job role"), ("job role", "job title", "position", "job")),
    ("postcode", N_("Postcode"), ("postcode", "post code", "postal code")),
    ("locality", N_("Locality"), ("locality", "area", "town")),
    ("sssc_number", N_("SSSC registration number"), ("sssc", "sssc number", "sssc no")),
    ("qualifications", N_("Qualifications and studies"), ("qualifications", "qualification")),
    ("availability", N_("Availability"), ("availability", "available")),
    ("interests", N_("Interests"), ("interests", "interest")),
    ("languages", N_("Languages"), ("languages", "language")),
    ("consent_on", N_("Consent date"), ("consent date", "consent", "consent given")),
    ("notes", N_("Notes"), ("notes", "comments", "note")),
]
FIELD_LABELS = {key: label for key, label, _words in FIELDS}
DATE_FIELDS = {"date_of_birth", "consent_on"}


@dataclass(frozen=True)
class RawTable:
    headers: list[str]
    #: (row number as the spreadsheet shows it, the cells)
    rows: list[tuple[int, list[object]]]
    blank_lines: int = 0


@dataclass(frozen=True)
class ImportRow:
    line: int
    details: PersonDetails | None
    roles: tuple[Role, ...]
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    duplicate_of: int | None = None

    @property
    def name(self) -> str:
        return f"{self.details.first_name} {self.details.last_name}" if self.details else ""

    @property
    def can_import(self) -> bool:
        return self.details is not None and not self.errors

    @property
    def suggested(self) -> bool:
        """Ticked in the preview at first: fine rows without a duplicate warning."""
        return self.can_import and not self.warnings


@dataclass(frozen=True)
class ImportPlan:
    rows: list[ImportRow]
    blank_lines: int = 0
    mapping: dict[int, str] = field(default_factory=dict)

    @property
    def importable(self) -> list[ImportRow]:
        return [r for r in self.rows if r.can_import]

    @property
    def problems(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]


# ----------------------------------------------------------------------------- reading


def read_table(path: Path) -> RawTable:
    """The first sheet of an .xlsx file, or a CSV file in any common dialect."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    raise ActionRefused(
        _("Mentor Desk can import .csv and .xlsx files; save the spreadsheet as one of those.")
    )


def _blank(cells: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _table(lines: list[tuple[int, list[object]]]) -> RawTable:
    blank = sum(1 for _n, cells in lines if _blank(cells))
    filled = [(n, cells) for n, cells in lines if not _blank(cells)]
    if not filled:
        raise ActionRefused(_("The file has no rows to import."))
    _header_line, header = filled[0]
    headers = [str(h).strip() if h is not None else "" for h in header]
    width = len(headers)
    rows = []
    for n, cells in filled[1:]:
        cells = list(cells)[:width] + [None] * (width - len(cells))
        rows.append((n, cells))
    return RawTable(headers=headers, rows=rows, blank_lines=blank)


def _read_csv(path: Path) -> RawTable:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:20000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    lines: list[tuple[int, list[object]]] = [
        (n, list(cells)) for n, cells in enumerate(reader, start=1)
    ]
    return _table(lines)


def _read_xlsx(path: Path) -> RawTable:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a damaged file
        raise ActionRefused(
            _("The spreadsheet could not be read ({problem}).").format(problem=exc)
        ) from exc
    try:
        sheet = book.worksheets[0]
        lines = [
            (n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return _table(lines)


# ----------------------------------------------------------------------------- mapping


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column number to field key, from the header words (unknown columns are left out)."""
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for exact in (True, False):
        for n, header in enumerate(headers):
            if n in mapping:
                continue
            h = _norm(header)
            if not h:
                continue
            for key, _label, words in FIELDS:
                if key in used:
                    continue
                hits = (
                    h in {_norm(w) for w in words}
                    if exact
                    else any(_norm(w) in h.split() or h.startswith(_norm(w)) for w in words)
                )
                if hits:
                    mapping[n] = key
                    used.add(key)
                    break
    if {"first_name", "last_name"} <= used and "full_name" in used:
        mapping = {n: k for n, k in mapping.items() if k != "full_name"}
    return mapping


# ----------------------------------------------------------------------------- checking


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_date(value: object, today: date) -> date | None:
    """A date from a real date cell, or text written dd/mm/yyyy, 3 April 1998, 1998-04-03...

    A two-digit year that would put the date in the future is taken as last century (3.4.98
    is 1998), as a person writing a date of birth means."""
    parsed = _cell_date(value)
    text = str(value).strip() if isinstance(value, str) else ""
    if parsed and re.search(r"(?<!\d)\d{2}$", text) and parsed > today:
        parsed = parsed.replace(year=parsed.year - 100)
    return parsed


def _cell_date(value: object) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return parse_date(text)
    except ValueError:
        pass
    from dateutil import parser

    iso = re.match(r"^\d{4}-\d{1,2}-\d{1,2}", text)
    try:
        parsed: datetime = parser.parse(text, dayfirst=not iso, yearfirst=bool(iso))
    except (ValueError, OverflowError):
        raise ValueError(text) from None
    return parsed.date()


def _roles(text: str, default: tuple[Role, ...]) -> tuple[Role, ...] | None:
    t = _norm(text)
    if not t:
        return default
    mentor = "mentor" in t.split() or t in {"tor", "mentors"}
    mentee = "mentee" in t.split() or t in {"mentees"}
    if t in {"both", "mentor and mentee", "mentor mentee", "mentee and mentor"}:
        mentor = mentee = True
    if not (mentor or mentee):
        return None
    return tuple(r for r, on in ((Role.MENTOR, mentor), (Role.MENTEE, mentee)) if on)


class _KeyIndex:
    """People by e-mail address and by date of birth, so checking a row for duplicates looks
    only at the few people who share one of them (an import of thousands stays quick)."""

    def __init__(self, keys: list[PersonKey]) -> None:
        self._by_email: dict[str, list[PersonKey]] = {}
        self._by_birth: dict[date, list[PersonKey]] = {}
        for key in keys:
            self.add(key)

    def add(self, key: PersonKey) -> None:
        if key.email:
            self._by_email.setdefault(key.email.casefold(), []).append(key)
        if key.date_of_birth:
            self._by_birth.setdefault(key.date_of_birth, []).append(key)

    def candidates(self, key: PersonKey) -> list[PersonKey]:
        found = list(self._by_email.get(key.email.casefold(), [])) if key.email else []
        if key.date_of_birth:
            found += [k for k in self._by_birth.get(key.date_of_birth, []) if k not in found]
        return found


def plan_import(
    s: Session,
    table: RawTable,
    mapping: dict[int, str],
    default_roles: tuple[Role, ...],
    today: date,
) -> ImportPlan:
    """Check every row; nothing is written."""
    keys = {key for key in mapping.values()}
    if not ({"first_name", "last_name"} <= keys or "full_name" in keys):
        raise ActionRefused(
            _("Choose the columns for first and last names (or one column with the full name).")
        )
    held = _KeyIndex(people.all_person_keys(s))
    in_file = _KeyIndex([])
    line_of: dict[int, int] = {}
    rows: list[ImportRow] = []
    for line, cells in table.rows:
        values: dict[str, object] = {key: cells[n] for n, key in mapping.items() if n < len(cells)}
        errors: list[str] = []
        text = {k: cell_text(v) for k, v in values.items() if k not in DATE_FIELDS}
        if "full_name" in text and not (text.get("first_name") or text.get("last_name")):
            parts = text["full_name"].split()
            text["first_name"] = " ".join(parts[:-1]) if len(parts) > 1 else text["full_name"]
            text["last_name"] = parts[-1] if len(parts) > 1 else ""
        dates: dict[str, date | None] = {}
        for date_field in DATE_FIELDS & values.keys():
            try:
                dates[date_field] = cell_date(values[date_field], today)
            except ValueError:
                errors.append(
                    _("{field}: “{value}” is not a date.").format(
                        field=_(FIELD_LABELS[date_field]), value=cell_text(values[date_field])
                    )
                )
                dates[date_field] = None
        roles = _roles(text.get("role", ""), default_roles)
        if roles is None:
            errors.append(
                _("Role: “{value}” should be mentor, mentee or both.").format(value=text["role"])
            )
            roles = ()
        # Each key is one of PersonDetails' text fields or one of its two dates (see FIELDS).
        # A name with no column of its own (a full name beside a first name) is blank, so the
        # row is refused in words instead of the whole import failing.
        given: dict[str, Any] = {"first_name": "", "last_name": ""}
        given.update((k, v) for k, v in text.items() if k in PersonDetails.__dataclass_fields__)
        given.update(dates)
        details = PersonDetails(**given).cleaned()
        field_errors = people.validate_details(details, today)
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "email": _("E-mail"),
            "phone": _("Phone"),
            "postcode": _("Postcode"),
            "date_of_birth": _("Date of birth"),
            "consent_on": _("Consent date"),
        }
        for name, message in field_errors.items():
            errors.append(
                _("{field}: {message}").format(field=labels.get(name, name), message=message)
            )
        warnings: list[str] = []
        duplicate_of = None
        key = PersonKey(
            0,
            details.first_name,
            details.last_name,
            details.email,
            details.date_of_birth,
            details.preferred_name,
        )
        if details.first_name and details.last_name:
            twins = people.find_duplicates(key, in_file.candidates(key))
            if twins:
                row = line_of[twins[0].person_id]
                if twins[0].name.casefold() == key.name.casefold():
                    errors.append(_("The same person as row {row} of this file.").format(row=row))
                else:
                    warnings.append(
                        _("Perhaps the same person as row {row} of this file.").format(row=row)
                    )
            known = people.find_duplicates(key, held.candidates(key))
            if known:
                duplicate_of = known[0].person_id
                warnings.append(
                    _("Probably already held: {message}").format(message=known[0].message)
                )
            in_file.add(replace(key, id=-line))
            line_of[-line] = line
        rows.append(
            ImportRow(
                line=line,
                details=details,
                roles=roles,
                errors=tuple(errors),
                warnings=tuple(warnings),
                duplicate_of=duplicate_of,
            )
        )
    return ImportPlan(rows=rows, blank_lines=table.blank_lines, mapping=dict(mapping))


def apply_import(
    s: Session, programme_id: int, plan: ImportPlan, lines: set[int], today: date
) -> Changes:
    """Add the people on the confirmed `lines` (rows with errors are never added)."""
    added = 0
    for row in plan.rows:
        if row.line not in lines or not row.can_import:
            continue
        assert row.details is not None
        people.create_person(s, programme_id, row.details, list(row.roles), today)
        added += 1
    if not added:
        raise ActionRefused(_("No rows were chosen, so nobody was added."))
    return Changes(people=True, created_id=added)
