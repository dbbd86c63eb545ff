"""A table that runs over a page repeats its header row overleaf, under a caption saying it
continues; the caption never ends a page."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from app.printouts import meeting_log, style
from app.printouts.meeting_log import ActionLine, MeetingLogSheet


def pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_long_list_of_action_points_continues_with_its_header(today: date) -> None:
    lines = tuple(
        ActionLine(f"Action point number {n} to look back at", "Mentee", date(2026, 11, 1))
        for n in range(1, 41)
    )
    sheet = MeetingLogSheet(
        organisation="Org", programme="Prog", mentor_name="A", mentee_name="B",
        within_days=7, reviews=lines,
    )  # fmt: skip
    text = pages(meeting_log.render(sheet, printed_on=today))
    assert len(text) >= 2
    caption = "Action points from last time (continued)"
    assert caption not in text[0]
    overleaf = next(page for page in text[1:] if caption in page)
    after = overleaf.split(caption, 1)[1]
    assert after.lstrip().startswith("Action point By whom By when")
    assert "Action point number 40" in " ".join(text)
    # A section taller than a page starts under its heading, not on a page of its own.
    assert "Action points from last time Action point" in text[0]
    assert "Action point number 1 " in text[0]
    assert len(text) == 2


def test_a_table_that_fits_has_no_caption(today: date) -> None:
    table = style.continued_table([["Head"], ["Row"]], [100], title="Steps")
    assert table.continued == "Steps (continued)"
    parts = table.split(style.CONTENT_WIDTH, style.FRAME_HEIGHT)
    assert all(not isinstance(p, type(style.paragraph(""))) for p in parts)
