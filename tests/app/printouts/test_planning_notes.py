"""Planning notes print every answer under its section, and blank lines for the rest."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from app.printouts import catalogue
from app.services import framework
from app.services.programmes import ProgrammeDetails
from app.storage import Database


def test_planning_notes_print_answers_by_section(db: Database, today: date) -> None:
    with db.session() as s:
        pid = framework.start_planning(
            s, ProgrammeDetails(name="Little Steps", organisation="Wee Acorns Nursery")
        ).created_id
        assert pid is not None
        framework.save_answer(s, pid, "risk.risks", "Mentors may run out of time.")
    with db.session() as s:
        pdf = catalogue.build("planning", s, pid, today)
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "Planning notes" in text
    assert "Wee Acorns Nursery" in text
    assert "7. Risk (1 of 3 answered)" in text
    assert "What could go wrong? Mentors may run out of time." in text
    assert "1. Purpose and aims (not started)" in text
    assert "Programme rules" in text and "12 months" in text
