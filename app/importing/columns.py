"""Which row holds the headings, and which column holds what.

The header row is found by its contents within the first rows of each sheet: the row whose
cells most look like the names of fields. Titles and notes above it are reported, not read as
people; a sheet of drop-down lists scores too little to be chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.i18n import N_
from app.importing.cells import text_of
from app.importing.reading import Book, Line

#: How far down a sheet the headings are looked for.
HEADER_SEARCH_ROWS = 30

#: Fields a column can fill: key, label, and header words that usually mean it.
FIELDS: list[tuple[str, str, tuple[str, ...]]] = [
    ("first_name", N_("Forename"), ("first name", "forename", "forenames", "given name", "first")),
    ("last_name", N_("Surname"), ("last name", "surname", "family name", "last")),
    (
        "full_name",
        N_("Full name (forename and surname, or “Surname, Forename”)"),
        ("name", "full name", "person", "staff name", "surname forename", "surname, forename"),
    ),
    ("preferred_name", N_("Preferred name"), ("preferred name", "known as", "nickname")),
    (
        "role",
        N_("Role (mentor, mentee or both)"),
        ("role", "mentor or mentee", "mentor mentee", "programme role", "type"),
    ),
    ("email", N_("E-mail"), ("email", "e-mail", "email address", "e-mail address", "mail")),
    ("phone", N_("Phone"), ("phone", "mobile", "telephone", "tel", "phone number", "contact no")),
    ("date_of_birth", N_("Date of birth"), ("date of birth", "dob", "birthday", "born", "d o b")),
    ("gender", N_("Gender"), ("gender", "sex")),
    (
        "setting",
        N_("Setting or workplace"),
        ("setting", "workplace", "nursery", "employer", "service", "centre"),
    ),
    ("job_role", N_("Job role"), ("job role", "job title", "position", "job", "post")),
    (
        "start_date",
        N_("Start date (joined the programme)"),
        ("start date", "started", "start", "joined", "date joined", "joined on", "join date"),
    ),
    (
        "pvg_number",
        N_("PVG membership number"),
        ("pvg number", "pvg no", "pvg membership number", "pvg", "pvg membership", "pvg ref"),
    ),
    (
        "pvg_issued_on",
        N_("PVG issue date"),
        ("pvg issue date", "pvg issued", "pvg date", "date of issue", "pvg issued on", "issued"),
    ),
    (
        "references",
        N_("References received (a number, or the referees' names)"),
        ("references", "references received", "refs", "referees", "reference"),
    ),
    (
        "training_hours",
        N_("Training hours"),
        ("training hours", "hours of training", "training", "hours", "training hrs"),
    ),
    ("postcode", N_("Postcode"), ("postcode", "post code", "postal code")),
    ("locality", N_("Locality"), ("locality", "area", "town", "region")),
    ("sssc_number", N_("SSSC registration number"), ("sssc", "sssc number", "sssc no")),
    ("qualifications", N_("Qualifications and studies"), ("qualifications", "qualification")),
    ("availability", N_("Availability"), ("availability", "available")),
    ("interests", N_("Interests"), ("interests", "interest")),
    ("areas_to_develop", N_("Areas to develop"), ("areas to develop", "development areas")),
    ("languages", N_("Languages"), ("languages", "language")),
    ("consent_on", N_("Consent date"), ("consent date", "consent", "consent given")),
    ("notes", N_("Notes"), ("notes", "comments", "note", "comment")),
]
FIELD_LABELS = {key: label for key, label, _words in FIELDS}


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


_WORDS = {key: frozenset(norm(w) for w in words) for key, _label, words in FIELDS}


def _field_for(header: str, used: set[str], exact: bool) -> str | None:
    h = norm(header)
    if not h:
        return None
    for key, _label, _w in FIELDS:
        if key in used:
            continue
        words = _WORDS[key]
        if h in words if exact else any(w in h.split() or h.startswith(w) for w in words):
            return key
    return None


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column number to field key from the header words (unknown columns are left out)."""
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for exact in (True, False):
        for n, header in enumerate(headers):
            if n in mapping:
                continue
            key = _field_for(header, used, exact)
            if key:
                mapping[n] = key
                used.add(key)
    if {"first_name", "last_name"} <= used and "full_name" in used:
        mapping = {n: k for n, k in mapping.items() if k != "full_name"}
    return mapping


@dataclass(frozen=True)
class Table:
    """The people part of one sheet: its headings and the rows below them."""

    sheet: str
    header_line: int
    headers: list[str]
    rows: list[Line]
    #: Rows above the headings (titles, notes), as the coordinator sees them.
    above: list[tuple[int, str]]
    #: Other sheets, not read (drop-down lists and the like).
    other_sheets: list[str]


def _score(cells: list[object]) -> int:
    texts = [text_of(c) for c in cells if isinstance(c, str)]
    mapping = guess_mapping(texts)
    keys = set(mapping.values())
    named = bool(keys & {"first_name", "last_name", "full_name"})
    return len(keys) + (3 if named else 0) if len(keys) >= 2 else 0


def find_table(book: Book) -> Table | None:
    """The sheet and row whose cells look most like the headings of a list of people."""
    best: tuple[int, int, int] | None = None  # (score, -sheet index, -line index)
    for s_index, sheet in enumerate(book.sheets):
        for l_index, (_n, cells) in enumerate(sheet.lines[:HEADER_SEARCH_ROWS]):
            score = _score(cells)
            if score and (best is None or (score, -s_index, -l_index) > best):
                best = (score, -s_index, -l_index)
    if best is None:
        return None
    sheet = book.sheets[-best[1]]
    at = -best[2]
    header_line, header_cells = sheet.lines[at]
    headers = [text_of(c) for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    rows: list[Line] = []
    for n, cells in sheet.lines[at + 1 :]:
        row = list(cells[:width])
        if len(row) < width:
            row += [None] * (width - len(row))
        rows.append((n, row))
    above = [
        (n, " ".join(t for t in (text_of(c) for c in cells) if t)) for n, cells in sheet.lines[:at]
    ]
    return Table(
        sheet=sheet.name,
        header_line=header_line,
        headers=headers,
        rows=rows,
        above=[(n, text) for n, text in above if text],
        other_sheets=[s.name for s in book.sheets if s is not sheet],
    )
