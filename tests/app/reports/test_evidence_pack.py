"""The quality-award evidence pack: the chosen records behind a contents page, and nobody in it
can be named, reached or found: no first name, last name, e-mail or phone of anyone in the data
file, the coordinator, the referees or the staff named on records."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.cli import main
from app.model import MeetingLog, MeetingPrivateNote, Person, Programme, Reference, Review
from app.paths import DataPaths
from app.reports import evidence_pack
from app.reports.evidence_pack import PackCancelled, PackItem
from app.storage import Database

SECRET = "Confided a worry about her landlord"

#: Every field that holds a name on its own, besides the person table.
NAME_FIELDS = [
    ("programme", "coordinator"),
    ("reference", "referee"),
    ("reference", "contact"),
    ("person", "line_manager_name"),
    ("interview", "interviewer"),
    ("support_contact", "third_party_name"),
    ("policy_version", "approved_by"),
    ("review", "recorded_by"),
    ("review", "others_present"),
    ("match_closure", "confirmed_by"),
    ("agreement", "signatures_recorded_by"),
    ("match_status_change", "changed_by"),
    ("risk_assessment", "assessed_by"),
]

#: Fields that are always someone's name, so each of their names on its own counts too.
NAMES_OF_PEOPLE = {("programme", "coordinator"), ("reference", "referee")}


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _flat(pdf: bytes) -> str:
    return " ".join(" ".join(_pages(pdf)).split())


def _programme_id(s: Session) -> int:
    pid = s.scalar(select(Programme.id).order_by(Programme.id))
    assert pid is not None
    return pid


def _private_details(s: Session) -> set[str]:
    """Every name, e-mail and phone number anyone could be known by in the data file."""
    found: set[str] = set()
    people = s.execute(
        select(
            Person.first_name, Person.last_name, Person.preferred_name, Person.email, Person.phone
        ).execution_options(include_removed=True)
    )
    for first, last, preferred, email, phone in people:
        found |= {first, last, preferred, f"{first} {last}", email, phone}
    for table, column in NAME_FIELDS:
        for (value,) in s.execute(text(f'SELECT DISTINCT "{column}" FROM "{table}"')):
            found.add(value)
            if (table, column) in NAMES_OF_PEOPLE:
                found |= {part for part in value.split() if len(part) >= 3}
    return {v.strip() for v in found if v and v.strip()}


def _named(flat: str, details: set[str]) -> list[str]:
    """The details that appear in the text as whole words, or a phone number's digits."""
    digits = re.sub(r"\D", "", flat)
    out = []
    for detail in sorted(details):
        if re.search(rf"(?<!\w){re.escape(detail)}(?!\w)", flat):
            out.append(detail)
        elif re.fullmatch(r"[\d +()-]+", detail) and re.sub(r"\D", "", detail) in digits:
            out.append(detail)
    return out


def test_the_whole_demo_pack_names_nobody(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        pid = _programme_id(s)
        items = evidence_pack.all_items(s, pid)
        details = _private_details(s)
        pdf = evidence_pack.build_pack(s, pid, items, today)
    # The check can fail: the demo has names, e-mails, phones, referees and a coordinator.
    assert {"Amy", "Johnstone", "Seonag Morrison", "Margaret Duffy"} <= details
    assert any("@" in d for d in details)
    assert any(re.fullmatch(r"[\d ]{10,}", d) for d in details)
    flat = _flat(pdf)
    assert _named(flat, details) == []
    assert re.search(r"[\w.]+@[\w.]+", flat) is None
    # Every kind of record is in it, and the contents page lists each document.
    kinds = {i.kind for i in items}
    assert kinds == set(evidence_pack.KINDS)
    contents = " ".join(" ".join(_pages(pdf)[:6]).split())
    assert "Contents" in contents
    for label in ("Mentoring agreement", "Action plan", "Meeting log", "Review record"):
        assert label in contents
    assert "Closure record" in contents
    assert "Mentor A and Mentee B" in contents
    assert re.search(r"\bNone\b(?! were open)", flat) is None  # the words, never Python's


def test_names_typed_into_notes_become_the_same_codes(demo_db: Database, today: date) -> None:
    """A name, e-mail or phone number written in a free-text field is replaced too, by the same
    code as on the document's own name lines, in every document of the pack."""
    with demo_db.session() as s:
        pid = _programme_id(s)
        group = evidence_pack.completed_records(s, pid)[0]
        mentor, mentee = (part.strip() for part in group.pair.split(" and "))
        review = s.scalars(select(Review).where(Review.match_id == group.match_id)).first()
        assert review is not None
        review.progress_note = (
            f"{mentee.split()[0]} said {mentor} helped; ring {mentee.split()[0]} on "
            "07700 900 999 or write to someone.else@example.com, EH6 7QX."
        )
        s.flush()
        chosen = [i for i in group.items if i.kind in ("agreement", "review-record")]
        pdf = evidence_pack.build_pack(s, pid, chosen, today)
        details = _private_details(s)
    flat = _flat(pdf)
    assert _named(flat, details) == []
    assert "Mentee B said Mentor A helped; ring Mentee B on (phone) or write to (e-mail)" in flat
    assert "EH6 7QX" not in flat and "(postcode)" in flat
    # The agreement and the reviews call the pair the same.
    pages = _pages(pdf)
    agreement = next(p for p in pages if "Mentoring agreement" in p and "We agree" in p)
    assert "Mentor A" in agreement and "Mentee B" in agreement


def test_the_codes_follow_the_order_chosen_and_stay_put(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        pid = _programme_id(s)
        groups = evidence_pack.completed_records(s, pid)
        first, second = groups[0], groups[1]
        chosen = [
            next(i for i in second.items if i.kind == "agreement"),
            next(i for i in first.items if i.kind == "agreement"),
            next(i for i in second.items if i.kind == "meeting-log"),
        ]
        pdf = evidence_pack.build_pack(s, pid, chosen, today)
        # The real data is untouched: the pack worked on a copy.
        assert s.scalar(select(Person.first_name).order_by(Person.id)) not in ("Mentor", "Mentee")
    pages = _pages(pdf)
    contents = " ".join(pages[0].split())
    # The second match was chosen first, so it is A and B; its meeting log follows its agreement.
    assert re.search(r"Mentoring agreement, [\d/]+ Mentor A and Mentee B \d+", contents)
    assert re.search(r"Meeting log, [\d/]+ Mentor A and Mentee B \d+", contents)
    assert re.search(r"Mentoring agreement, [\d/]+ Mentor C and Mentee D \d+", contents)
    assert contents.index("Mentor A and Mentee B") < contents.index("Mentor C and Mentee D")
    log_page = next(p for p in pages if "Date of meeting" in p)
    assert "Mentee B" in log_page and "Mentor A" in log_page
    # Each page says where it is in the pack, and the contents points at the right page.
    assert all(f"Evidence pack: page {n} of {len(pages)}" in p for n, p in enumerate(pages, 1))
    start = int(re.findall(r"Mentor C and Mentee D (\d+)", contents)[0])
    assert "Mentor C" in pages[start - 1] and "We agree" in pages[start - 1]


def test_private_notes_never_reach_the_pack(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        pid = _programme_id(s)
        items = [i for i in evidence_pack.all_items(s, pid) if i.kind == "meeting-log"][:5]
        for item in items:
            note = s.scalar(
                select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == item.record_id)
            )
            if note is None:
                s.add(MeetingPrivateNote(meeting_id=item.record_id, text=SECRET))
            else:
                note.text = SECRET
        s.flush()
        assert s.scalar(select(MeetingPrivateNote.id).where(MeetingPrivateNote.text == SECRET))
        pdf = evidence_pack.build_pack(s, pid, items, today)
    assert "landlord" not in _flat(pdf)
    assert "Meeting log" in _flat(pdf)


def test_progress_and_cancel(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        pid = _programme_id(s)
        items = evidence_pack.all_items(s, pid)[:3]
        heard: list[tuple[int, int]] = []
        evidence_pack.build_pack(
            s, pid, items, today, on_progress=lambda d, t: heard.append((d, t))
        )
        assert heard == [(1, 3), (2, 3), (3, 3)]
        asked: list[int] = []

        def stop_after_one() -> bool:
            asked.append(1)
            return len(asked) > 1

        with pytest.raises(PackCancelled):
            evidence_pack.build_pack(s, pid, items, today, cancelled=stop_after_one)
        assert len(asked) == 2


def test_an_empty_choice_prints_a_contents_page_saying_so(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        pdf = evidence_pack.build_pack(s, _programme_id(s), [], today)
    assert "No records were chosen." in _flat(pdf)


def test_only_completed_records_are_offered(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        pid = _programme_id(s)
        items = evidence_pack.all_items(s, pid)
        logs = {i.record_id for i in items if i.kind == "meeting-log"}
        binned = s.scalars(select(MeetingLog).order_by(MeetingLog.id)).first()
        assert binned is not None and binned.id in logs
        binned.removed_on = today
        s.flush()
        again = {i.record_id for i in evidence_pack.all_items(s, pid) if i.kind == "meeting-log"}
        assert again == logs - {binned.id}
        assert all(isinstance(i, PackItem) for i in items)
        # A referee is somebody too.
        assert s.scalar(select(Reference.referee)) is not None


def test_the_command_line_writes_the_pack(
    paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    pdf = tmp_path / "pack.pdf"
    # Nothing chosen is a plain refusal.
    assert main(["--data", data, "evidence-pack", "1", "-o", str(pdf)]) == 1
    assert "--all" in capsys.readouterr().err
    args = ["--data", data, "evidence-pack", "1", "-o", str(pdf), "--kind", "review-record"]
    assert main([*args, "--match", "1"]) == 0
    assert "Written" in capsys.readouterr().out
    flat = _flat(pdf.read_bytes())
    assert "Review record" in flat and "Meeting log," not in flat
    assert "Mentor A and Mentee B" in flat
    assert main(["--data", data, "evidence-pack", "999", "-o", str(pdf), "--all"]) == 1
    assert "no longer exists" in capsys.readouterr().err
