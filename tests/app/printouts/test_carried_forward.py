"""An action point carried forward past its date still says when it was due, on every log
that lists it: the blank log for the next meeting, the pack, and the completed log."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from app.model import ActionPoint
from app.printouts import catalogue
from app.printouts.meeting_log import ActionLine, due_text
from app.storage import Database


def flat(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def test_a_point_carried_past_its_date_says_when_it_was_due(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        carried = [
            p
            for p in s.scalars(
                select(ActionPoint).where(
                    ActionPoint.carried_from_id.is_not(None), ActionPoint.due_on.is_(None)
                )
            )
        ]
        assert carried, "the demo has a point carried forward past its date"
        point = next(p for p in carried if p.status.value == "open")
        original = s.get(ActionPoint, point.carried_from_id)
        assert original is not None and original.due_on is not None
        when = f"was due {original.due_on:%d/%m/%Y}"
        for kind in ("meeting-log-blank", "meeting-log-pack"):
            assert when in flat(catalogue.build(kind, s, point.match_id, today)), kind
        assert when in flat(catalogue.build("meeting-log", s, point.agreed_at_id, today))


def test_a_dated_point_prints_its_own_date() -> None:
    line = ActionLine("Read the policy", "Mentee", date(2026, 12, 1), was_due_on=date(2026, 11, 1))
    assert due_text(line) == "01/12/2026"
    assert due_text(ActionLine("Read", "Mentee", None)) == ""
    assert due_text(ActionLine("Read", "Mentee", None, was_due_on=date(2026, 11, 1))) == (
        "was due 01/11/2026"
    )
