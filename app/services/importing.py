"""Importing people from the list a coordinator already keeps (.xlsx, .xls, .ods or .csv).

Three steps, nothing written until the last: `read_source` reads the file by its contents and
finds the row of headings (titles and notes above it reported, never read as people);
`plan_import` turns every row into what would be saved, with a questionable value kept as a
warning on that field rather than a refusal of the person (only a row without a usable name is
refused), and spots the same person twice (name and e-mail, or name and date of birth) within
the file and against the people held; `apply_import` writes the confirmed rows in one unit of
work: the person, their roles from the start date, the PVG record, references received,
training hours, and a `PersonCheck` for each warning.

The heavy parts (`plan_rows`, reading) take no session, so the window can run them off its
thread; `progress(done, total)` is called now and then and may raise to stop the work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault

from app.i18n import _, ngettext
from app.importing import cells
from app.importing.columns import (
    FIELD_LABELS,
    FIELDS,
    HEADER_SEARCH_ROWS,
    find_table,
    guess_mapping,
)
from app.importing.reading import Line, read_book
from app.model import (
    Participant,
    Person,
    PersonCheck,
    PvgRecord,
    Reference,
    Role,
    StageChange,
    TrainingSession,
)
from app.model.base import Base, utc_now
from app.model.person import ConsentBasis, Stage
from app.services import people, readiness
from app.services.changes import Changes
from app.services.errors import ActionRefused
from app.services.people import TEXT_LIMITS, PersonDetails, PersonKey
from app.services.screening import PvgDetails, validate_pvg
from app.services.validation import (
    check_birth_date,
    check_email,
    check_not_future,
    check_phone,
    check_postcode,
    strip_control,
)

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "FieldNote",
    "ImportPlan",
    "ImportRow",
    "PvgPlan",
    "Source",
    "apply_import",
    "guess_mapping",
    "plan_import",
    "plan_rows",
    "read_source",
]

Progress = Callable[[int, int], None]

#: Fields kept as plain text on the person (after trimming).
TEXT_FIELDS = (
    "preferred_name",
    "gender",
    "setting",
    "job_role",
    "locality",
    "qualifications",
    "availability",
    "interests",
    "areas_to_develop",
    "languages",
    "notes",
)
NAME_FIELDS = ("first_name", "last_name", "full_name")
_TOTALS = re.compile(r"^(grand\s+)?(totals?|sum|count|number of (people|staff))\b", re.I)
_FORMULA = re.compile(r"^=\s*[A-Za-z][A-Za-z0-9.]*\(")
_REFEREE_SPLIT = re.compile(r"\s*(?:[;,/&+\n]|\band\b)\s*", re.I)


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Source:
    """The people part of a file: where it was found and the rows under the headings."""

    name: str
    kind: str
    encoding: str
    separator: str
    sheet: str
    header_line: int
    headers: list[str]
    rows: list[Line]
    above: list[tuple[int, str]]
    other_sheets: list[str]

    def describe(self) -> str:
        """How the file was read, in a sentence or two for the coordinator."""
        if self.kind == "csv":
            parts = [
                _("{name} was read as a text list ({encoding}, separated by {separator}).").format(
                    name=self.name, encoding=self.encoding, separator=self.separator
                )
            ]
        else:
            parts = [
                _("{name} was read as a spreadsheet: the sheet “{sheet}”.").format(
                    name=self.name, sheet=self.sheet
                )
            ]
        parts.append(_("The headings are on row {row}.").format(row=self.header_line))
        if self.above:
            parts.append(
                ngettext(
                    "Row {rows} above them (a title or a note) is not imported.",
                    "Rows {rows} above them (titles and notes) are not imported.",
                    len(self.above),
                ).format(rows=", ".join(str(n) for n, _t in self.above))
            )
        if self.other_sheets:
            parts.append(
                _("Other sheets are not read: {sheets}.").format(
                    sheets=", ".join(f"“{s}”" for s in self.other_sheets)
                )
            )
        return " ".join(parts)


def read_source(path: Path) -> Source:
    """Read the file and find its headings, or refuse in one plain sentence."""
    book = read_book(path)
    table = find_table(book)
    if table is None:
        raise ActionRefused(
            _(
                "No row of column headings was found in the first {n} rows of {name}. "
                "Mentor Desk looks for headings such as Name, Surname, E-mail or Date of "
                "birth. Add a row of headings above the list, or check that this is the "
                "right file."
            ).format(n=HEADER_SEARCH_ROWS, name=path.name)
        )
    if not any(not _blank(cells_) for _n, cells_ in table.rows):
        raise ActionRefused(
            _(
                "{name} has headings on row {row} but nothing under them, so there is "
                "nobody to import."
            ).format(name=path.name, row=table.header_line)
        )
    return Source(
        name=path.name,
        kind=book.kind,
        encoding=book.encoding,
        separator=book.separator,
        sheet=table.sheet,
        header_line=table.header_line,
        headers=table.headers,
        rows=table.rows,
        above=table.above,
        other_sheets=table.other_sheets,
    )


def _value(cell: object) -> object:
    """The cell with text trimmed and a formula written out as text (in a CSV) dropped."""
    if isinstance(cell, str):
        text = cells.tidy(cell)
        if not text or _FORMULA.match(text):
            return None
        return text
    return cell


def _blank(row: list[object]) -> bool:
    return all(_value(c) is None for c in row)


def examples(source: Source, column: int, count: int = 3) -> list[str]:
    """The first few filled cells of a column, as the spreadsheet shows them."""
    found: list[str] = []
    for _line, row in source.rows:
        if column < len(row) and (text := cells.text_of(_value(row[column]))):
            found.append(text)
            if len(found) == count:
                break
    return found


# ----------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class FieldNote:
    """A warning about one field of one row: what was done and what to check."""

    field: str
    message: str

    @property
    def label(self) -> str:
        if self.field == "name":
            return _("Name")
        if self.field not in FIELD_LABELS:
            return self.field
        return _(FIELD_LABELS[self.field]).split(" (")[0]  # "Start date", not its explanation


@dataclass(frozen=True)
class PvgPlan:
    number: str
    issued_on: date
    renews_on: date


@dataclass(frozen=True)
class ImportRow:
    line: int
    details: PersonDetails | None
    roles: tuple[Role, ...]
    start_date: date | None = None
    pvg: PvgPlan | None = None
    referees: tuple[str, ...] = ()
    training_hours: float | None = None
    #: Why the row cannot be imported (only a missing name).
    errors: tuple[str, ...] = ()
    warnings: tuple[FieldNote, ...] = ()
    #: The same person as one held or as an earlier row: said here, and not created twice.
    duplicate: str = ""
    duplicate_of: int | None = None
    duplicate_line: int | None = None
    #: A similar name with the same e-mail or date of birth: left unticked for the coordinator.
    maybe_same: str = ""
    #: The duplicate's note, when it says something the person's record does not.
    new_note: str = ""

    @property
    def name(self) -> str:
        if self.details is None:
            return ""
        return f"{self.details.first_name} {self.details.last_name}".strip()

    @property
    def can_import(self) -> bool:
        return self.details is not None and not self.errors and not self.duplicate

    @property
    def suggested(self) -> bool:
        """Ticked in the preview at first: everyone who can be added, except a possible
        duplicate (warnings do not untick a row: they are kept on the record to check)."""
        return self.can_import and not self.maybe_same


@dataclass(frozen=True)
class ImportPlan:
    rows: list[ImportRow]
    source_name: str = ""
    mapping: dict[int, str] = field(default_factory=dict)
    #: Headings of the columns that hold something but are not imported.
    not_imported: list[str] = field(default_factory=list)
    blank_rows: int = 0
    totals_rows: tuple[int, ...] = ()

    @property
    def importable(self) -> list[ImportRow]:
        return [r for r in self.rows if r.can_import]

    @property
    def problems(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    @property
    def duplicates(self) -> list[ImportRow]:
        return [r for r in self.rows if r.duplicate]

    @property
    def with_warnings(self) -> list[ImportRow]:
        return [r for r in self.rows if r.can_import and r.warnings]

    @property
    def skipped_rows(self) -> int:
        return self.blank_rows + len(self.totals_rows)

    def summary(self, chosen: int | None = None) -> str:
        """The plan in plain sentences (the preview's heading and the command line's)."""
        chosen = len(self.importable) if chosen is None else chosen
        parts = [
            ngettext("{n} person will be added", "{n} people will be added", chosen).format(
                n=chosen
            )
        ]
        if self.with_warnings:
            n = len(self.with_warnings)
            parts.append(
                ngettext(
                    "{n} of the people read has something to check",
                    "{n} of the people read have something to check",
                    n,
                ).format(n=n)
            )
        if self.duplicates:
            n = len(self.duplicates)
            parts.append(ngettext("{n} duplicate skipped", "{n} duplicates skipped", n).format(n=n))
        if self.problems:
            n = len(self.problems)
            parts.append(
                ngettext(
                    "{n} row without a name cannot be added",
                    "{n} rows without a name cannot be added",
                    n,
                ).format(n=n)
            )
        if self.blank_rows:
            parts.append(
                ngettext("{n} blank row skipped", "{n} blank rows skipped", self.blank_rows).format(
                    n=self.blank_rows
                )
            )
        if self.totals_rows:
            parts.append(
                ngettext(
                    "the totals row {rows} skipped",
                    "the totals rows {rows} skipped",
                    len(self.totals_rows),
                ).format(rows=", ".join(str(n) for n in self.totals_rows))
            )
        text = _("{facts}.").format(facts="; ".join(parts))
        if self.not_imported:
            text += " " + _("Not imported (no field chosen): {columns}.").format(
                columns=", ".join(f"“{h}”" for h in self.not_imported)
            )
        return text


def _roles(text: str) -> tuple[Role, ...] | None:
    t = re.sub(r"[^a-z]+", " ", text.casefold()).strip()
    words = set(t.split())
    mentor = bool(words & {"mentor", "mentors", "tor"})
    mentee = bool(words & {"mentee", "mentees"})
    if t in {"both", "b"} or (mentor and mentee):
        return (Role.MENTOR, Role.MENTEE)
    if not (mentor or mentee):
        return None
    return (Role.MENTOR,) if mentor else (Role.MENTEE,)


def _referees(value: object) -> tuple[tuple[str, ...], str]:
    """Referees from a "references" cell: a number received, or the referees' names."""
    if value is None:
        return (), ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        count = int(value)
        if count != value or not 0 <= count <= 5:
            return (), _("“{text}” is not a number of references; none were recorded.").format(
                text=cells.text_of(value)
            )
        return tuple(_("Referee {n}").format(n=n) for n in range(1, count + 1)), ""
    text = cells.tidy(str(value))
    if text.isdigit():
        return _referees(int(text))
    if text.casefold() in {"no", "none", "n", "0", "-", "n/a", "na"}:
        return (), ""
    if text.casefold() in {"yes", "y", "received", "both", "ok", "done"}:
        count = 2 if text.casefold() == "both" else 1
        return tuple(_("Referee {n}").format(n=n) for n in range(1, count + 1)), ""
    names = tuple(n for n in _REFEREE_SPLIT.split(text) if n)
    if len(names) > 5 or any(len(n) > 200 for n in names):
        return (), _("“{text}” does not look like referees' names; none were recorded.").format(
            text=text[:80]
        )
    return names, ""


class _Index:
    """People by name with e-mail, and by name with date of birth (the sure duplicates), and
    by e-mail and by date of birth alone (for a similar name)."""

    def __init__(self) -> None:
        self.sure: dict[tuple[str, str], int] = {}
        self.by_email: dict[str, list[PersonKey]] = {}
        self.by_birth: dict[date, list[PersonKey]] = {}

    @staticmethod
    def name_of(key: PersonKey) -> str:
        return cells.tidy(f"{key.first_name} {key.last_name}").casefold()

    def add(self, key: PersonKey, ref: int) -> None:
        name = self.name_of(key)
        if key.email:
            self.sure.setdefault((name, "@" + key.email.casefold()), ref)
            self.by_email.setdefault(key.email.casefold(), []).append(key)
        if key.date_of_birth:
            self.sure.setdefault((name, key.date_of_birth.isoformat()), ref)
            self.by_birth.setdefault(key.date_of_birth, []).append(key)

    def same(self, key: PersonKey) -> int | None:
        name = self.name_of(key)
        if key.email and (found := self.sure.get((name, "@" + key.email.casefold()))):
            return found
        if key.date_of_birth and (found := self.sure.get((name, key.date_of_birth.isoformat()))):
            return found
        return None

    def similar(self, key: PersonKey) -> list[people.Duplicate]:
        candidates = list(self.by_email.get(key.email.casefold(), [])) if key.email else []
        if key.date_of_birth:
            candidates += [
                k for k in self.by_birth.get(key.date_of_birth, []) if k not in candidates
            ]
        return people.find_duplicates(key, candidates) if candidates else []


class _Row:
    """One row being read: the values found and the warnings met on the way."""

    def __init__(self, values: dict[str, object]) -> None:
        self.values = values
        self.notes: list[FieldNote] = []

    def warn(self, key: str, message: str) -> None:
        if message:
            self.notes.append(FieldNote(key, message))

    def text(self, key: str) -> str:
        return cells.text_of(self.values.get(key))


_PLAIN_EMAIL = re.compile(
    r"^[A-Za-z0-9_%+-]{1,64}(?:\.[A-Za-z0-9_%+-]+)*@"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})$"
)
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def _email(text: str) -> tuple[str, str]:
    """`check_email`, with the plain addresses most lists hold answered without it (the
    full check costs a tenth of a millisecond, which is a lot for 50,000 rows)."""
    if (m := _PLAIN_EMAIL.match(text)) and len(text) <= 254:
        domain = m.group(1)
        if domain.rsplit(".", 1)[1].casefold() not in _SPECIAL_USE:
            return text[: m.start(1)] + domain.casefold(), ""
    return check_email(text)


def _phone(text: str) -> tuple[str, str]:
    """`check_phone`, with a number valid in the UK answered by the UK's rules alone (the
    full check tries the Channel Islands and the Isle of Man as well)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return check_phone(text)
    if number.country_code == 44:
        national = str(number.national_number)
        # As check_phone: Ofcom's range for drama and examples (07700 900000 to 900999).
        example = len(national) == 10 and national.startswith("7700900")
        if example or phonenumbers.is_valid_number_for_region(number, "GB"):
            style = phonenumbers.PhoneNumberFormat.NATIONAL
            return phonenumbers.format_number(number, style), ""
    return check_phone(text)


def _left_empty(message: str) -> str:
    return _("{problem} It was left empty for you to check.").format(problem=message)


def _plan_row(
    line: int, values: dict[str, object], default_roles: tuple[Role, ...], today: date
) -> ImportRow:
    row = _Row(values)
    first, last = row.text("first_name"), row.text("last_name")
    if "full_name" in values and not (first and last):
        whole_first, whole_last, warning = cells.split_name(row.text("full_name"))
        first, last = first or whole_first, last or whole_last
        row.warn("name", warning)
    elif first and not last and "," in first:
        first, last, warning = cells.split_name(first)
    if not first or not last:
        typed = row.text("full_name") or f"{first} {last}".strip()
        if typed:
            error = _(
                "“{name}” is one name only: write the forename and surname in the "
                "spreadsheet (or “Surname, Forename”)."
            ).format(name=typed)
        else:
            error = _("There is no name on this row.")
        return ImportRow(line=line, details=None, roles=(), errors=(error,))
    given: dict[str, Any] = {"first_name": first, "last_name": last}
    for key in TEXT_FIELDS:
        if key in values:
            given[key] = row.text(key)
    for key, limit in TEXT_LIMITS.items():
        text = given.get(key, "")
        if isinstance(text, str) and len(text) > limit:
            given[key] = text[:limit].rstrip()
            row.warn(
                key,
                _("This was longer than {n} characters; only the first {n} were kept.").format(
                    n=limit
                ),
            )
    roles: tuple[Role, ...] = default_roles
    if role_text := row.text("role"):
        found_roles = _roles(role_text)
        if found_roles is None:
            row.warn(
                "role",
                _(
                    "“{value}” is not mentor, mentee or both; the role for the whole file was used."
                ).format(value=role_text),
            )
        else:
            roles = found_roles
    if email_text := row.text("email"):
        email, message = _email(email_text)
        if message:
            row.warn(
                "email",
                _left_empty(
                    _("“{text}” does not look like an e-mail address.").format(text=email_text)
                ),
            )
        else:
            given["email"] = email
    if "phone" in values and (typed_phone := cells.restore_phone(values["phone"])):
        phone, message = _phone(typed_phone)
        if message:
            row.warn(
                "phone",
                _left_empty(
                    _("“{text}” is not a phone number Mentor Desk knows.").format(text=typed_phone)
                ),
            )
        else:
            given["phone"] = phone
    if postcode_text := row.text("postcode"):
        postcode, message = check_postcode(postcode_text)
        if message:
            row.warn(
                "postcode",
                _left_empty(_("“{text}” is not a UK postcode.").format(text=postcode_text)),
            )
        else:
            given["postcode"] = postcode
    if sssc := row.text("sssc_number"):
        if sssc.replace(" ", "").isalnum() and len(sssc) <= TEXT_LIMITS["sssc_number"]:
            given["sssc_number"] = sssc
        else:
            row.warn(
                "sssc_number",
                _left_empty(_("“{text}” is not an SSSC registration number.").format(text=sssc)),
            )
    if "date_of_birth" in values:
        born, warning = cells.birth_date(values["date_of_birth"], today)
        row.warn("date_of_birth", warning)
        if born and (message := check_birth_date(born, today)):
            row.warn("date_of_birth", _left_empty(message))
            born = None
        given["date_of_birth"] = born
    if "consent_on" in values:
        consent, warning = cells.read_date(values["consent_on"], today)
        row.warn("consent_on", warning)
        if consent and (message := check_not_future(consent, today)):
            row.warn("consent_on", _left_empty(message))
            consent = None
        if consent:
            given["consent_on"] = consent
            given["consent_basis"] = ConsentBasis.CONSENT
    start: date | None = None
    if "start_date" in values:
        start, warning = cells.read_date(values["start_date"], today)
        row.warn("start_date", warning)
    pvg = _pvg(row, given.get("job_role", ""), today)
    referees: tuple[str, ...] = ()
    if "references" in values:
        referees, warning = _referees(values["references"])
        row.warn("references", warning)
        if referees and referees[0] == _("Referee {n}").format(n=1):
            row.warn(
                "references",
                ngettext(
                    "The list says {n} reference was received but not from whom: add the "
                    "referee's name and the date it arrived.",
                    "The list says {n} references were received but not from whom: add the "
                    "referees' names and the dates they arrived.",
                    len(referees),
                ).format(n=len(referees)),
            )
    hours: float | None = None
    if "training_hours" in values:
        hours, warning = cells.hours(values["training_hours"])
        row.warn("training_hours", warning)
    details = PersonDetails(**given)
    return ImportRow(
        line=line,
        details=details,
        roles=roles,
        start_date=start,
        pvg=pvg,
        referees=referees,
        training_hours=hours,
        warnings=tuple(row.notes),
    )


def _pvg(row: _Row, job_role: str, today: date) -> PvgPlan | None:
    number, issued = "", None
    if "pvg_number" in row.values:
        number, warning = cells.pvg_number(row.values["pvg_number"])
        row.warn("pvg_number", warning)
    if "pvg_issued_on" in row.values:
        issued, warning = cells.read_date(row.values["pvg_issued_on"], today)
        row.warn("pvg_issued_on", warning)
        if issued and (message := check_not_future(issued, today)):
            row.warn("pvg_issued_on", message)
            issued = None
    if number and issued:
        details = PvgDetails(issued_on=issued, reference_number=number, position=job_role or "x")
        if errors := validate_pvg(details, today):
            row.warn("pvg_number", " ".join(errors.values()))
            return None
        return PvgPlan(number, issued, readiness.pvg_status(issued, today).renews_on)
    if number:
        row.warn(
            "pvg_issued_on",
            _(
                "The PVG number {number} has no date of issue, so no PVG record was made. "
                "Add the record from the disclosure."
            ).format(number=number),
        )
    elif issued:
        row.warn(
            "pvg_number",
            _(
                "The PVG date of issue ({date}) has no membership number, so no PVG record "
                "was made."
            ).format(date=cells.text_of(issued)),
        )
    return None


def _totals_row(values: dict[str, object], row: list[object]) -> bool:
    for key in NAME_FIELDS:
        if key in values:
            return bool(_TOTALS.match(cells.text_of(values[key])))
    first = next((c for c in row if c is not None), None)
    return isinstance(first, str) and bool(_TOTALS.match(first))


def plan_rows(
    source: Source,
    mapping: dict[int, str],
    default_roles: tuple[Role, ...],
    today: date,
    held: Iterable[PersonKey],
    progress: Progress | None = None,
) -> ImportPlan:
    """Check every row against the people `held`; nothing is written."""
    keys = set(mapping.values())
    if not ({"first_name", "last_name"} <= keys or "full_name" in keys):
        raise ActionRefused(
            _("Choose the columns for the forename and surname, or one column with the whole name.")
        )
    known = _Index()
    for key in held:
        known.add(key, key.id)
    in_file = _Index()
    notes_at: dict[int, str] = {}
    rows: list[ImportRow] = []
    blank = 0
    totals: list[int] = []
    total = len(source.rows)
    for done, (line, cells_) in enumerate(source.rows):
        if progress is not None and done % 250 == 0:
            progress(done, total)
        values = {
            key: v
            for n, key in mapping.items()
            if n < len(cells_) and (v := _value(cells_[n])) is not None
        }
        if not values:
            blank += 1  # blank, or only columns that are not imported filled in
            continue
        if _totals_row(values, cells_):
            totals.append(line)
            continue
        planned = _plan_row(line, values, default_roles, today)
        if planned.details is not None:
            planned = _check_twins(planned, known, in_file, notes_at)
            d = planned.details
            assert d is not None
            if not planned.duplicate:
                in_file.add(
                    PersonKey(-line, d.first_name, d.last_name, d.email, d.date_of_birth), line
                )
                notes_at[line] = d.notes
        rows.append(planned)
    if progress is not None:
        progress(total, total)
    used = set(mapping)
    not_imported = [
        header or _("column {n}").format(n=n + 1)
        for n, header in enumerate(source.headers)
        if n not in used and any(n < len(r) and _value(r[n]) is not None for _l, r in source.rows)
    ]
    return ImportPlan(
        rows=rows,
        source_name=source.name,
        mapping=dict(mapping),
        not_imported=not_imported,
        blank_rows=blank,
        totals_rows=tuple(totals),
    )


def _check_twins(
    row: ImportRow, known: _Index, in_file: _Index, notes_at: dict[int, str]
) -> ImportRow:
    d = row.details
    assert d is not None
    key = PersonKey(0, d.first_name, d.last_name, d.email, d.date_of_birth, d.preferred_name)
    if (held_id := known.same(key)) is not None:
        return replace(
            row,
            duplicate=_("Already held: {name} has the same name and {what}.").format(
                name=row.name,
                what=_("e-mail address") if known_by_email(known, key) else _("date of birth"),
            ),
            duplicate_of=held_id,
            new_note=d.notes,
        )
    if (earlier := in_file.same(key)) is not None:
        note = d.notes if d.notes and d.notes.casefold() != notes_at[earlier].casefold() else ""
        return replace(
            row,
            duplicate=_("The same person as row {row} of this file.").format(row=earlier),
            duplicate_line=earlier,
            new_note=note,
        )
    maybe = ""
    if similar := known.similar(key):
        maybe = _("Perhaps already held: {message}").format(message=similar[0].message)
    elif similar := in_file.similar(key):
        maybe = _("Perhaps the same person as row {row} of this file.").format(
            row=-similar[0].person_id
        )
    return replace(row, maybe_same=maybe) if maybe else row


def known_by_email(index: _Index, key: PersonKey) -> bool:
    return bool(key.email) and (index.name_of(key), "@" + key.email.casefold()) in index.sure


def plan_import(
    s: Session,
    source: Source,
    mapping: dict[int, str],
    default_roles: tuple[Role, ...],
    today: date,
    progress: Progress | None = None,
) -> ImportPlan:
    """`plan_rows` against everyone held, with a held duplicate's note compared to theirs."""
    plan = plan_rows(
        source, mapping, default_roles, today, people.all_person_keys(s), progress=progress
    )
    ids = {r.duplicate_of for r in plan.rows if r.duplicate_of is not None and r.new_note}
    if not ids:
        return plan
    held_notes = dict(s.execute(select(Person.id, Person.notes).where(Person.id.in_(ids))).all())
    rows = [
        replace(r, new_note="")
        if r.duplicate_of in ids and r.new_note.casefold() in held_notes[r.duplicate_of].casefold()
        else r
        for r in plan.rows
    ]
    return replace(plan, rows=rows)


# ----------------------------------------------------------------------------- writing


def apply_import(
    s: Session,
    programme_id: int,
    plan: ImportPlan,
    lines: set[int],
    today: date,
    *,
    add_notes: bool = False,
    progress: Progress | None = None,
) -> Changes:
    """Add the people on the confirmed `lines`, all in this unit of work (a failure part way
    leaves nothing written). With `add_notes`, a duplicate's differing note is added to the
    person it duplicates. Rows go in as bulk inserts (thousands of people in a fraction of a
    second); each row was checked when it was planned."""
    chosen = [r for r in plan.rows if r.line in lines and r.can_import]
    if not chosen:
        raise ActionRefused(_("No rows were chosen, so nobody was added."))
    total = len(chosen)
    report = progress or (lambda _done, _total: None)
    stamp = {"version_id": 1, "created_at": utc_now(), "updated_at": utc_now()}
    detail_names = list(PersonDetails.__dataclass_fields__)
    person_rows = []
    for done, row in enumerate(chosen):
        if done % 500 == 0:
            report(done // 2, total)
        assert row.details is not None
        values = {name: getattr(row.details, name) for name in detail_names}
        person_rows.append(_clean(values) | stamp)
    # The first person is added on its own: the data file is then locked for writing, so
    # the next ids are free and every other row can go in with its id in one statement.
    conn = s.connection()
    first_id = conn.execute(insert(Person).returning(Person.id), person_rows[0]).scalar_one()
    ids = list(range(first_id, first_id + total))
    _bulk_insert(
        conn, Person, [row | {"id": pid} for row, pid in zip(person_rows[1:], ids[1:], strict=True)]
    )
    report(total * 3 // 4, total)
    id_of = {row.line: pid for row, pid in zip(chosen, ids, strict=True)}
    next_participant = (
        conn.execute(select(func.coalesce(func.max(Participant.id), 0))).scalar_one() + 1
    )
    roles = [
        {
            "programme_id": programme_id,
            "person_id": id_of[row.line],
            "role": role,
            "joined_on": row.start_date or today,
            "stage": Stage.ENQUIRY,
            "stage_on": today,
        }
        | stamp
        for row in chosen
        for role in row.roles
    ]
    for n, role_row in enumerate(roles):
        role_row["id"] = next_participant + n
    _bulk_insert(conn, Participant, roles)
    _bulk_insert(
        conn,
        StageChange,
        [
            {"participant_id": r["id"], "stage": Stage.ENQUIRY, "changed_on": today, "reason": ""}
            for r in roles
        ],
    )
    pvg, references, training, checks = [], [], [], []
    for row in chosen:
        assert row.details is not None
        pid = id_of[row.line]
        if row.pvg is not None:
            pvg.append(
                {
                    "person_id": pid,
                    "issued_on": row.pvg.issued_on,
                    "reference_number": row.pvg.number,
                    "position": row.details.job_role or _("Mentoring programme"),
                }
                | stamp
            )
        references += [
            {"person_id": pid, "referee": r, "received_on": today} | stamp for r in row.referees
        ]
        if row.training_hours:
            held_on = row.start_date if row.start_date and row.start_date <= today else today
            training.append(
                {
                    "person_id": pid,
                    "held_on": held_on,
                    "topic": _("Training before Mentor Desk (from the imported list)"),
                    "hours": row.training_hours,
                }
                | stamp
            )
        where = _("Import of {file}, row {row}").format(file=plan.source_name, row=row.line)
        notes = row.warnings
        checks += [
            {
                "person_id": pid,
                "field": n.field,
                "message": n.message,
                "source": where,
                "raised_on": today,
            }
            | stamp
            for n in notes
        ]
    for model, rows in (
        (PvgRecord, pvg),
        (Reference, references),
        (TrainingSession, training),
        (PersonCheck, checks),
    ):
        _bulk_insert(conn, model, rows)
    if add_notes:
        _add_notes(s, plan, id_of)
    s.flush()
    report(total, total)
    return Changes(people=True, screening=True, created_id=ids[0])


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """The row with any control character taken out of its text (the bulk inserts go past
    the session's safeguard in `app/model/text.py`)."""
    return {k: strip_control(v) if type(v) is str else v for k, v in row.items()}


def _bulk_insert(conn: Connection, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Many rows in one statement through the driver, each value converted as SQLAlchemy
    would (its column type's own conversion), and the columns not given their defaults.
    SQLAlchemy's own many-row insert spends most of its time preparing each row."""
    if not rows:
        return
    rows = [_clean(row) for row in rows]
    table = model.__table__
    assert isinstance(table, Table)
    given = list(rows[0])
    fixed: dict[str, object] = {}
    for column in table.columns:
        if column.name in given or column.default is None:
            continue
        default = column.default
        if isinstance(default, ScalarElementColumnDefault):
            fixed[column.name] = default.arg
        elif isinstance(default, CallableColumnDefault):
            fixed[column.name] = default.arg(None)  # type: ignore[arg-type]  # utc_now needs none
    names = given + list(fixed)
    dialect = conn.dialect
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    # Converted once per distinct value: the stamps and today's date repeat on every row.
    converters: list[Callable[[object], object]] = []
    for processor in processors:
        if processor is None:
            converters.append(lambda v: v)
            continue
        cache: dict[object, object] = {}

        def convert(
            v: object, f: Callable[[Any], Any] = processor, c: dict[object, object] = cache
        ) -> object:
            if v is None:
                return None
            found = c.get(v, c)
            if found is c:
                found = c[v] = f(v)
            return found

        converters.append(convert)
    fixed_values = list(fixed.values())
    values = [
        tuple(f(v) for v, f in zip([row[n] for n in given] + fixed_values, converters, strict=True))
        for row in rows
    ]
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _name in names)
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', values)


def _add_notes(s: Session, plan: ImportPlan, id_of: dict[int, int]) -> None:
    """A duplicate's differing note, added to the person it duplicates."""
    for row in plan.rows:
        if not (row.duplicate and row.new_note):
            continue
        target_id = row.duplicate_of
        if target_id is None and row.duplicate_line is not None:
            target_id = id_of.get(row.duplicate_line)
        target = s.get(Person, target_id) if target_id is not None else None
        if target is not None and row.new_note.casefold() not in target.notes.casefold():
            target.notes = f"{target.notes}\n{row.new_note}".strip()


# ----------------------------------------------------------------------------- the command line


def choose_programme(s: Session, programme_id: int | None) -> int:
    """The programme to import into: the one asked for, or the only one there is."""
    from app.model import Programme

    found = list(s.execute(select(Programme.id, Programme.name).order_by(Programme.id)))
    if programme_id is not None:
        if any(pid == programme_id for pid, _name in found):
            return programme_id
        raise ActionRefused(_("There is no programme number {id}.").format(id=programme_id))
    if len(found) == 1:
        return int(found[0][0])
    if not found:
        raise ActionRefused(_("There is no programme yet: create one before importing people."))
    raise ActionRefused(
        _("Say which programme to import into with --programme: {choices}.").format(
            choices="; ".join(f"{pid} {name}" for pid, name in found)
        )
    )


def report(plan: ImportPlan, *, created: int) -> dict[str, Any]:
    """The plan as the command line's machine-readable report."""
    warnings: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for row in plan.rows:
        if row.errors:
            errors += [{"row": row.line, "field": "name", "message": e} for e in row.errors]
            continue
        if row.duplicate:
            warnings.append({"row": row.line, "field": "duplicate", "message": row.duplicate})
            continue
        if row.maybe_same:
            warnings.append({"row": row.line, "field": "duplicate", "message": row.maybe_same})
        warnings += [
            {"row": row.line, "field": n.field, "message": n.message} for n in row.warnings
        ]
    return {
        "file": plan.source_name,
        "created": created,
        "duplicates": len(plan.duplicates),
        "skipped_rows": plan.skipped_rows,
        "not_imported": plan.not_imported,
        "warnings": warnings,
        "errors": errors,
    }


def report_lines(plan: ImportPlan, source: Source, *, created: int, dry_run: bool) -> list[str]:
    """The same report in plain lines: how the file was read, the summary, then each row's
    warnings by row number."""
    lines = [source.describe()]
    if dry_run:
        lines.append(
            _("Nothing was written (--dry-run). {summary}").format(
                summary=plan.summary(len([r for r in plan.rows if r.suggested]))
            )
        )
    else:
        lines.append(plan.summary(created))
    found = report(plan, created=created)
    entries = sorted(found["errors"] + found["warnings"], key=lambda e: int(e["row"]))
    lines += [
        _("Row {row}: {message}").format(row=entry["row"], message=entry["message"])
        for entry in entries
    ]
    return lines
