"""The quality-award evidence pack: chosen completed records as one PDF, with nobody named.

The coordinator picks agreements, meeting logs, action plans, reviews and closure records; the
pack prints them one after another behind a contents page. Every personal name, e-mail address,
phone number and address is replaced by a code (Mentor A, Mentee B, Coordinator, Referee C)
that stays the same from one document to the next.

The names are replaced in the data, before anything is laid out, never by covering up a finished
PDF: the data file is copied into memory, every person's details and every text field in the
copy are rewritten through one mapping, and the ordinary printouts (`app/printouts/catalogue.py`)
are built from the copy. So a printout can only show what the copy holds, whatever it prints.
Private meeting notes are left out of the copy altogether.
"""

from __future__ import annotations

import io
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.pool import StaticPool

from app.i18n import N_, _
from app.model import (
    Agreement,
    Goal,
    Match,
    MatchClosure,
    MeetingLog,
    Participant,
    Person,
    Programme,
    Review,
    Role,
)

#: The kinds of record a pack can hold, in the order they print for each match.
KINDS = ("agreement", "action-plan", "meeting-log", "review-record", "closure-record")

KIND_LABELS = {
    "agreement": N_("Mentoring agreement"),
    "action-plan": N_("Action plan"),
    "meeting-log": N_("Meeting log"),
    "review-record": N_("Review record"),
    "closure-record": N_("Closure record"),
}

KIND_PLURALS = {
    "agreement": N_("Agreements"),
    "action-plan": N_("Action plans"),
    "meeting-log": N_("Meeting logs"),
    "review-record": N_("Reviews"),
    "closure-record": N_("Closure records"),
}


class PackCancelled(Exception):
    """The coordinator stopped the pack before it was finished."""


@dataclass(frozen=True)
class PackItem:
    """One completed record that can go in the pack."""

    kind: str
    record_id: int
    match_id: int
    on: date | None = None

    @property
    def title(self) -> str:
        from app.formatting import format_date

        name = _(KIND_LABELS[self.kind])
        return f"{name}, {format_date(self.on)}" if self.on is not None else name


@dataclass(frozen=True)
class MatchRecords:
    """A match and its completed records (the pair by their real names: this is for the
    coordinator choosing, never printed)."""

    match_id: int
    pair: str
    status: str
    items: tuple[PackItem, ...]


# ----------------------------------------------------------------------------- choosing


def completed_records(s: Session, programme_id: int) -> list[MatchRecords]:
    """Every completed record of the programme, grouped by match (oldest match first).

    Completed means: an agreement that was agreed on a day, a saved meeting log, an action plan
    with at least one goal, a recorded review, a closure the coordinator confirmed."""
    from app.model.match import MATCH_STATUS_LABELS
    from app.services import meetings
    from app.services.lookups import get_programme

    get_programme(s, programme_id)  # refuses a programme that no longer exists
    matches = list(
        s.scalars(
            select(Match)
            .where(Match.programme_id == programme_id, Match.started_on.is_not(None))
            .order_by(Match.started_on, Match.id)
        )
    )
    ids = [m.id for m in matches]
    if not ids:
        return []
    found: dict[int, list[PackItem]] = {i: [] for i in ids}
    for match_id, on in s.execute(
        select(Agreement.match_id, Agreement.agreed_on).where(
            Agreement.match_id.in_(ids), Agreement.agreed_on.is_not(None)
        )
    ):
        found[match_id].append(PackItem("agreement", match_id, match_id, on))
    for (match_id,) in s.execute(
        select(Goal.match_id).where(Goal.match_id.in_(ids)).group_by(Goal.match_id)
    ):
        found[match_id].append(PackItem("action-plan", match_id, match_id))
    for match_id, record_id, on in s.execute(
        select(MeetingLog.match_id, MeetingLog.id, MeetingLog.held_on)
        .where(MeetingLog.match_id.in_(ids), MeetingLog.removed_on.is_(None))
        .order_by(MeetingLog.held_on, MeetingLog.id)
    ):
        found[match_id].append(PackItem("meeting-log", record_id, match_id, on))
    for match_id, record_id, on in s.execute(
        select(Review.match_id, Review.id, Review.held_on)
        .where(Review.match_id.in_(ids))
        .order_by(Review.held_on, Review.id)
    ):
        found[match_id].append(PackItem("review-record", record_id, match_id, on))
    for match_id, on in s.execute(
        select(MatchClosure.match_id, MatchClosure.confirmed_on).where(
            MatchClosure.match_id.in_(ids), MatchClosure.confirmed_on.is_not(None)
        )
    ):
        found[match_id].append(PackItem("closure-record", match_id, match_id, on))
    names = meetings.pair_names(s, ids)
    out = []
    for m in matches:
        items = sorted(found[m.id], key=lambda i: KINDS.index(i.kind))
        if not items:
            continue
        mentor, mentee = names[m.id]
        out.append(
            MatchRecords(
                match_id=m.id,
                pair=_("{mentor} and {mentee}").format(mentor=mentor, mentee=mentee),
                status=_(MATCH_STATUS_LABELS[m.status]),
                items=tuple(items),
            )
        )
    return out


# ----------------------------------------------------------------------------- the codes


def _letters(n: int) -> str:
    """A, B, … Z, AA, AB, … for 0, 1, 2, …"""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _folded(text: str) -> str:
    """`text` without accents (Seònaid as Seonaid), as someone might type it in a note."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _variants(text: str) -> set[str]:
    out = set()
    for form in {text, _folded(text)}:
        for quoted in {form, form.replace("'", "’"), form.replace("’", "'")}:
            out.update({quoted, quoted.upper()})
    return {v for v in out if v.strip()}


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of `words`, as a trie, so thousands of names cost
    little more than one: each position in a text tries one branch per letter, not each name."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]  # a nested dict of any depth
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]  # as above
        ends = "" in node
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[ -]?\d){8,10}(?!\w)")
_POSTCODE = re.compile(r"(?<!\w)[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}(?!\w)")

#: Fields that hold nothing but someone's name: the whole value becomes a code.
_NAME_FIELDS = {
    ("person", "line_manager_name"): N_("Line manager"),
    ("interview", "interviewer"): N_("Interviewer"),
    ("support_contact", "third_party_name"): N_("Other person"),
    ("policy_version", "approved_by"): N_("Manager"),
    ("review", "recorded_by"): N_("Staff member"),
    ("match_closure", "confirmed_by"): N_("Staff member"),
    ("agreement", "signatures_recorded_by"): N_("Staff member"),
    ("match_status_change", "changed_by"): N_("Staff member"),
    ("risk_assessment", "assessed_by"): N_("Staff member"),
}


@dataclass
class Codes:
    """Who is who in the pack: each person's code, and the mapping that rewrites any text."""

    person: dict[int, str] = field(default_factory=dict)
    #: exact text (a full name, one name, an e-mail, a phone number) → what replaces it
    words: dict[str, str] = field(default_factory=dict)
    _ambiguous: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = None
    _count: int = 0

    def next_code(self, label: str) -> str:
        code = f"{label} {_letters(self._count)}"
        self._count += 1
        return code

    def add(self, text: str, code: str, *, whole_only: bool = False) -> None:
        """Replace `text` (a full name or a value) by `code`; and each of its names of three
        letters or more, unless `whole_only`. A name two people share becomes "(name)"."""
        text = " ".join(text.split())
        if not text:
            return
        parts = [text] if whole_only else [text, *text.split()]
        for n, part in enumerate(parts):
            if n and (len(part) < 3 or not part[:1].isupper()):
                continue
            for form in _variants(part):
                known = self.words.get(form)
                if form in self._ambiguous or (known is not None and known != code):
                    if n == 0 and known is not None and not whole_only:
                        continue  # a full name already taken keeps its first owner
                    self._ambiguous.add(form)
                    self.words[form] = _("(name)")
                else:
                    self.words[form] = code
        self._pattern = None

    def add_exact(self, text: str, replacement: str) -> None:
        for form in _variants(" ".join(text.split())):
            self.words.setdefault(form, replacement)
        self._pattern = None

    def apply(self, text: str) -> str:
        """`text` with every known name, e-mail, phone number and postcode replaced."""
        if not text:
            return text
        if self._pattern is None:
            body = _trie_pattern(sorted(self.words, key=len, reverse=True))
            self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)") if body else None
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: self.words[m.group(0)], text)
        text = _EMAIL.sub(_("(e-mail)"), text)
        text = _PHONE.sub(_("(phone)"), text)
        return _POSTCODE.sub(_("(postcode)"), text)


def _role_label(role: Role | None) -> str:
    if role is Role.MENTOR:
        return _("Mentor")
    if role is Role.MENTEE:
        return _("Mentee")
    return _("Person")


def make_codes(s: Session, programme_id: int, items: Sequence[PackItem]) -> Codes:
    """The codes for everyone in the data file: the people of the chosen matches first (so
    the first pair reads Mentor A and Mentee B), then everyone else, then the coordinator,
    referees and the staff named on records."""
    from app.model import Reference

    codes = Codes()
    mentor_p, mentee_p = aliased(Participant), aliased(Participant)
    seen: dict[int, Role] = {}
    match_ids = list(dict.fromkeys(i.match_id for i in items))
    pairs = {
        mid: (mentor, mentee)
        for mid, mentor, mentee in s.execute(
            select(Match.id, mentor_p.person_id, mentee_p.person_id)
            .join(mentor_p, mentor_p.id == Match.mentor_id)
            .join(mentee_p, mentee_p.id == Match.mentee_id)
            .where(Match.id.in_(match_ids))
            .execution_options(include_removed=True)
        )
    }
    for mid in match_ids:
        mentor, mentee = pairs[mid]
        seen.setdefault(mentor, Role.MENTOR)
        seen.setdefault(mentee, Role.MENTEE)
    first_role: dict[int, Role] = {}
    for person_id, role in s.execute(
        select(Participant.person_id, Participant.role)
        .order_by(Participant.id)
        .execution_options(include_removed=True)
    ):
        first_role.setdefault(person_id, role)
    people = list(
        s.scalars(select(Person).order_by(Person.id).execution_options(include_removed=True))
    )
    order = sorted(
        people,
        key=lambda p: (list(seen).index(p.id) if p.id in seen else len(seen), p.id),
    )
    for p in order:
        code = codes.next_code(_role_label(seen.get(p.id) or first_role.get(p.id)))
        codes.person[p.id] = code
    # Full names first, each to its owner; then the single names, which two people may share.
    for p in order:
        code = codes.person[p.id]
        for full in {
            p.full_name,
            f"{p.preferred_name} {p.last_name}",
            f"{p.last_name}, {p.first_name}",
        }:
            codes.add(full, code, whole_only=True)
    for p in order:
        code = codes.person[p.id]
        for name in (p.first_name, p.last_name, p.preferred_name, p.full_name):
            codes.add(name, code)
        if p.email:
            codes.add_exact(p.email, _("(e-mail of {who})").format(who=code))
        if p.phone:
            codes.add_exact(p.phone, _("(phone of {who})").format(who=code))
    coordinators = [
        c
        for c in dict.fromkeys(
            s.scalars(
                select(Programme.coordinator).order_by((Programme.id != programme_id), Programme.id)
            )
        )
        if c.strip()
    ]
    for n, name in enumerate(coordinators):
        known = codes.words.get(" ".join(name.split()))
        codes.add(
            name, known or (_("Coordinator") if n == 0 else codes.next_code(_("Coordinator")))
        )
    for (name,) in s.execute(
        select(Reference.referee)
        .distinct()
        .order_by(Reference.referee)
        .execution_options(include_removed=True)
    ):
        if name.strip() and " ".join(name.split()) not in codes.words:
            codes.add(name, codes.next_code(_("Referee")))
    return codes


# ----------------------------------------------------------------------------- the copy


def _is_text(declared: str) -> bool:
    declared = declared.upper()
    return any(word in declared for word in ("CHAR", "TEXT", "CLOB"))


def _pseudonymise(conn: sqlite3.Connection, codes: Codes) -> None:
    """Rewrite the copy so it holds no one's details: each person becomes their code, every
    name-only field a code, and every text anywhere goes through the mapping."""
    # Fields that are only a name: the same value is the same code everywhere.
    for (table, column), label in _NAME_FIELDS.items():
        values = [v for (v,) in conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}"') if v]
        for value in values:
            key = " ".join(value.split())
            if not key:
                continue
            code = codes.words.get(key)
            if code is None:
                applied = codes.apply(key)  # someone we know, named another way
                code = applied if applied != key else codes.next_code(_(label))
            codes.add_exact(key, code)
    conn.execute("DELETE FROM meeting_private_note")  # never in a pack, whatever prints
    conn.execute("DELETE FROM form_draft")  # half-typed forms, a private note among them
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        )
    ]
    for table in tables:
        columns = [
            row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if _is_text(row[2])
        ]
        if not columns:
            continue
        listed = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(f'SELECT rowid, {listed} FROM "{table}"').fetchall()
        setter = ", ".join(f'"{c}" = ?' for c in columns)
        changed = []
        for rowid, *values in rows:
            new = [codes.apply(v) if isinstance(v, str) else v for v in values]
            if new != values:
                changed.append((*new, rowid))
        conn.executemany(f'UPDATE "{table}" SET {setter} WHERE rowid = ?', changed)
    # Each person is their code: "Mentor" "A", nothing to reach them by.
    for person_id, code in codes.person.items():
        label, letter = code.rsplit(" ", 1)
        conn.execute(
            "UPDATE person SET first_name = ?, last_name = ?, preferred_name = '', email = ?, "
            "phone = ?, postcode = '', locality = '', sssc_number = '' WHERE id = ?",
            (
                label,
                letter,
                _("(e-mail of {who})").format(who=code),
                _("(phone of {who})").format(who=code),
                person_id,
            ),
        )
    conn.commit()


def _copy_into_memory(source: Any) -> sqlite3.Connection:
    """Every table and index of `source` in a new in-memory database, read through `source`
    itself (so what the session flushed is there too) and never written to disk."""
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    schema = source.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid"
    ).fetchall()
    for kind, name, sql in schema:
        memory.execute(sql)
        if kind == "table":
            rows = source.execute(f'SELECT * FROM "{name}"').fetchall()
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                memory.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    memory.execute(
        f"PRAGMA user_version = {int(source.execute('PRAGMA user_version').fetchone()[0])}"
    )
    memory.commit()
    return memory


def pseudonymised_copy(s: Session, codes: Codes) -> Session:
    """A session on an in-memory copy of the data behind `s`, with no one's details in it.
    Close it (and its engine goes with it) when done."""
    s.flush()
    source = s.connection().connection.driver_connection
    if isinstance(source, sqlite3.Connection):
        # serialize, not the backup API: it reads through this connection, so it sees what the
        # session has flushed but not committed (a backup from it would wait for ever).
        image = bytearray(source.serialize())
        image[18] = image[19] = 1  # a rollback journal: memory has no write-ahead log
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        memory.deserialize(bytes(image))
    else:  # a data file protected with a password (SQLCipher has no serialize)
        memory = _copy_into_memory(source)
    _pseudonymise(memory, codes)
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    return Session(engine, expire_on_commit=False)


# ----------------------------------------------------------------------------- the pack


@dataclass(frozen=True)
class PackEntry:
    """A document in the pack as the contents page lists it."""

    title: str
    pair: str
    first_page: int
    pages: int


def _contents(
    organisation: str,
    programme: str,
    entries: Sequence[PackEntry],
    people: Sequence[str],
    printed_on: date,
) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from app.printouts import style

    story = [
        style.heading(_("Quality-award evidence pack")),
        style.paragraph(
            _(
                "Completed records from the programme, printed as they are kept. To protect "
                "everyone's privacy, each person's name, e-mail address, phone number and "
                "address is replaced by a code, the same in every document: {people}."
            ).format(people=", ".join(people) if people else _("nobody is named"))
        ),
        style.paragraph(_("The page numbers are those at the foot of each page, in the middle.")),
        style.spacer(4),
        style.heading(_("Contents"), 2),
    ]
    rows = [[_("Document"), _("Who"), _("Page")]]
    rows += [[e.title, e.pair, str(e.first_page)] for e in entries]
    table = Table(
        rows,
        colWidths=[
            style.CONTENT_WIDTH * 0.5,
            style.CONTENT_WIDTH * 0.38,
            style.CONTENT_WIDTH * 0.12,
        ],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), style.FONT_BOLD, 10),
                ("FONT", (0, 1), (-1, -1), style.FONT, 10),
                ("TEXTCOLOR", (0, 0), (-1, -1), style.INK),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, style.RULE),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, style.HAIRLINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
            ]
        )
    )
    story.append(table)
    if not entries:
        story.append(style.paragraph(_("No records were chosen.")))
    letterhead = style.Letterhead(organisation, programme, _("Quality-award evidence pack"))
    return style.build_pdf(letterhead, story, printed_on=printed_on)


def _stamp(total: int) -> bytes:
    """One page a page of the pack, each saying its number in the middle of the footer."""
    from reportlab.pdfgen.canvas import Canvas

    from app.printouts import style

    style.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(style.PAGE_WIDTH, style.PAGE_HEIGHT))
    for number in range(1, total + 1):
        canvas.setFont(style.FONT_BOLD, 8.5)
        canvas.setFillColor(style.ACCENT)
        canvas.drawCentredString(
            style.PAGE_WIDTH / 2,
            13 * 2.834645669,
            _("Evidence pack: page {page} of {pages}").format(page=number, pages=total),
        )
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def build_pack(
    s: Session,
    programme_id: int,
    items: Sequence[PackItem],
    printed_on: date,
    *,
    on_progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The pack as PDF bytes: the contents page, then each chosen record, nobody named.

    `on_progress(done, total)` hears after each document; `cancelled()` is asked before each
    and stops the work with PackCancelled when it says so."""
    from pypdf import PdfReader, PdfWriter

    from app.printouts import catalogue
    from app.services.lookups import get_programme

    get_programme(s, programme_id)  # refuses a programme that no longer exists
    match_order = {m: n for n, m in enumerate(dict.fromkeys(i.match_id for i in items))}
    items = sorted(
        (i for i in items if i.kind in KINDS),
        key=lambda i: (match_order[i.match_id], KINDS.index(i.kind), i.on or date.min, i.record_id),
    )
    codes = make_codes(s, programme_id, items)
    copy = pseudonymised_copy(s, codes)
    try:
        copy_programme = get_programme(copy, programme_id)
        organisation, programme_name = copy_programme.organisation, copy_programme.name
        pair_codes = _pair_codes(copy, [i.match_id for i in items])
        documents: list[tuple[PackItem, bytes]] = []
        total = len(items)
        for done, item in enumerate(items):
            if cancelled is not None and cancelled():
                raise PackCancelled
            documents.append((item, catalogue.build(item.kind, copy, item.record_id, printed_on)))
            if on_progress is not None:
                on_progress(done + 1, total)
    finally:
        bind = copy.get_bind()
        copy.close()
        bind.dispose()  # type: ignore[union-attr]  # always an Engine here
    people = list(dict.fromkeys(code for i in items for code in pair_codes[i.match_id]))
    readers = [(item, PdfReader(io.BytesIO(pdf))) for item, pdf in documents]
    contents_pages = 1
    while True:
        page = contents_pages + 1
        entries = []
        for item, reader in readers:
            mentor, mentee = pair_codes[item.match_id]
            entries.append(
                PackEntry(
                    item.title,
                    _("{mentor} and {mentee}").format(mentor=mentor, mentee=mentee),
                    page,
                    len(reader.pages),
                )
            )
            page += len(reader.pages)
        contents = _contents(organisation, programme_name, entries, people, printed_on)
        contents_reader = PdfReader(io.BytesIO(contents))
        if len(contents_reader.pages) == contents_pages:
            break
        contents_pages = len(contents_reader.pages)
    writer = PdfWriter()
    writer.append(contents_reader)
    for (_item, reader), entry in zip(readers, entries, strict=True):
        writer.append(reader, import_outline=False)
        writer.add_outline_item(
            title=f"{entry.title} ({entry.pair})", page_number=entry.first_page - 1
        )
    stamp = PdfReader(io.BytesIO(_stamp(len(writer.pages))))
    for target, overlay in zip(writer.pages, stamp.pages, strict=True):
        target.merge_page(overlay)
    writer.add_metadata(
        {
            "/Title": _("Quality-award evidence pack – {programme}").format(
                programme=programme_name
            ),
            "/Author": organisation,
            "/Subject": programme_name,
            "/Creator": "Mentor Desk",
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pair_codes(copy: Session, match_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    from app.services import meetings

    if not match_ids:
        return {}
    return meetings.pair_names(copy, list(dict.fromkeys(match_ids)))


def all_items(s: Session, programme_id: int) -> list[PackItem]:
    """Every completed record of the programme (the command line's --all)."""
    return [item for group in completed_records(s, programme_id) for item in group.items]


__all__ = [
    "KINDS",
    "KIND_LABELS",
    "MatchRecords",
    "PackCancelled",
    "PackItem",
    "all_items",
    "build_pack",
    "completed_records",
    "make_codes",
]
