"""The house layout rules, checked on every kind of printout for the whole demo programme.

Read from each page's text: a signature block is never alone on a page (it keeps with the
section it signs for), no page holds only headings, and no page ends with a heading whose
content went overleaf. The coordinator's copy of a meeting log says so on every page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Match, MeetingLog, Participant, PolicyVersion, Programme
from app.printouts import catalogue, style
from app.storage import Database

#: On a filled-in signature line, the date and the note a reprint prints.
_SIGNED_LINE = re.compile(r"^(Signed|Date|Signed on the original|\d\d/\d\d/\d{4})$")
WRITING_LINES = "[lines to write on]"
#: A page with signatures must carry at least this much of what they sign for.
WORDS_WITH_SIGNATURES = 12
_FOOTER = re.compile(r"^(Printed \d\d/\d\d/\d{4}|Page \d+ of \d+)$")


@dataclass
class Recorded:
    """What the printout asked the house style for: its headings and its signature roles."""

    headings: set[str]
    roles: set[str]
    letterheads: list[style.Letterhead]


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Recorded:
    seen = Recorded(set(), set(), [])
    heading, signature_block, letterhead = style.heading, style.signature_block, style.Letterhead

    def recording_heading(text: str, level: int = 1) -> Any:
        seen.headings.add(" ".join(text.split()))
        return heading(text, level)

    def recording_signatures(roles: Sequence[str], signed_on: Sequence[Any] = ()) -> Any:
        seen.roles.update(" ".join(role.split()) for role in roles)
        return signature_block(roles, signed_on)

    def recording_letterhead(*args: Any, **kwargs: Any) -> style.Letterhead:
        made = letterhead(*args, **kwargs)
        seen.letterheads.append(made)
        return made

    draw_lines = style._WritingLines.draw

    def marked_lines(self: Any) -> None:
        # Ruled lines have no text; mark them (invisibly) so a page of them counts as content.
        draw_lines(self)
        self.canv.setFont(style.FONT, 1)
        self.canv.setFillColorRGB(1, 1, 1)
        self.canv.drawString(0, 0, WRITING_LINES)

    monkeypatch.setattr(style._WritingLines, "draw", marked_lines)
    monkeypatch.setattr(style, "heading", recording_heading)
    monkeypatch.setattr(style, "signature_block", recording_signatures)
    monkeypatch.setattr(style, "Letterhead", recording_letterhead)
    return seen


def _ids(s: Session, meaning: str) -> list[int]:
    """Every record of the demo a printout of this kind can be made for, with 0 for a blank."""
    if meaning == "match":
        return list(s.scalars(select(Match.id).order_by(Match.id)))
    if meaning == "meeting":
        # One meeting per match keeps the run short; every match's log looks different.
        return list(
            s.scalars(
                select(MeetingLog.id)
                .where(MeetingLog.removed_on.is_(None))
                .group_by(MeetingLog.match_id)
                .order_by(MeetingLog.match_id)
            )
        )
    if meaning == "programme":
        return list(s.scalars(select(Programme.id)))
    if meaning == "policy version":
        return list(s.scalars(select(PolicyVersion.id)))
    if meaning.startswith("person"):
        people = s.scalars(select(Participant.person_id).distinct().order_by(Participant.person_id))
        return list(people)[:12]
    return []


def _problems(pdf: bytes, seen: Recorded) -> Iterator[str]:
    furniture = {"", *(h.banner for h in seen.letterheads)}
    for h in seen.letterheads:
        furniture |= {h.organisation, h.programme, h.title}
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        lines = [" ".join(line.split()) for line in page.extract_text().splitlines()]
        body = [line for line in lines if line not in furniture and not _FOOTER.match(line)]
        signing = [line for line in body if line in seen.roles or _SIGNED_LINE.match(line)]
        content = [line for line in body if line not in seen.headings and line not in signing]
        others = [line for line in body if line not in signing]
        words = len(" ".join(others).replace(WRITING_LINES, "").split())
        if not content:
            what = "signatures" if signing else "headings"
            yield f"page {number} holds only {what}: {body}"
        elif signing and number > 1 and words < WORDS_WITH_SIGNATURES:
            # Signatures with a label or two (the policy's "Adopted on") are still alone.
            yield f"page {number} has signatures and only {words} words: {body}"
        elif body and body[-1] in seen.headings and body[-1] not in seen.roles:
            yield f"page {number} ends with the heading {body[-1]!r}"


def _every_printout(s: Session, today: date) -> Iterator[tuple[str, int]]:
    for kind, printout in catalogue.PRINTOUTS.items():
        ids = _ids(s, printout.id_meaning)
        if printout.blank_with_0 or "0 for a blank" in printout.id_meaning:
            ids = [0, *ids]
        for record_id in ids:
            yield kind, record_id


def test_no_page_holds_only_signatures_or_headings(
    demo_db: Database, today: date, recorded: Recorded
) -> None:
    found: list[str] = []
    checked = 0
    with demo_db.session() as s:
        for kind, record_id in list(_every_printout(s, today)):
            recorded.headings.clear()
            recorded.roles.clear()
            recorded.letterheads.clear()
            try:
                pdf = catalogue.build(kind, s, record_id, today)
            except Exception as error:  # a record this kind does not apply to (e.g. no policy)
                if error.__class__.__name__ in ("ActionRefused", "NotFound"):
                    continue
                raise
            checked += 1
            found += [f"{kind} {record_id}: {p}" for p in _problems(pdf, recorded)]
    assert checked > 60
    assert not found, "\n".join(found)


def test_the_coordinators_copy_says_so_on_every_page(demo_db: Database, today: date) -> None:
    from app.printouts.meeting_log import COORDINATORS_COPY

    with demo_db.session() as s:
        meeting_ids = _ids(s, "meeting")[:6]
        for meeting_id in meeting_ids:
            noted = catalogue.build("meeting-log-with-private-note", s, meeting_id, today)
            plain = catalogue.build("meeting-log", s, meeting_id, today)
            for page in PdfReader(io.BytesIO(noted)).pages:
                # In the header band and again in the footer.
                assert page.extract_text().count(COORDINATORS_COPY) == 2
            for page in PdfReader(io.BytesIO(plain)).pages:
                assert "Coordinator's copy" not in page.extract_text()
    assert meeting_ids
