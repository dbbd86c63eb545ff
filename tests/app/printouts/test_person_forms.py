"""The person record sheet and the application and interview forms, blank and filled in."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Person
from app.printouts import catalogue
from app.storage import Database


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _person(s: Session, last_name: str) -> int:
    return s.scalars(select(Person.id).where(Person.last_name == last_name)).one()


def test_record_sheet_shows_what_is_missing_and_only_code_of_practice_pvg_fields(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        text = _text(catalogue.build("person", s, _person(s, "Clark"), today))
    assert "Deborah Clark" in text
    assert "PVG membership expired on" in text
    assert "no copy of any certificate is" in text
    assert "Reference number" in text and "Renewal due" in text
    assert "Growing Together Mentoring Programme" in text


def test_blank_forms_print_with_id_zero(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        application = _text(catalogue.build("application-form", s, 0, today))
        interview = _text(catalogue.build("interview-form", s, 0, today))
    assert "Application to take part" in application and "Applicant" in application
    assert "Qualities of a good mentor" in interview
    assert "Qualities of a successful mentee" in interview
    assert "Listens more than they talk" in interview


def test_filled_in_forms_carry_what_is_known(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        eilidh = _person(s, "Mackenzie")
        application = _text(catalogue.build("application-form", s, eilidh, today))
        interview = _text(catalogue.build("interview-form", s, _person(s, "Clark"), today))
    assert "eilidh.mackenzie@example.org.uk" in application
    assert "Deborah Clark" in interview and "mentor" in interview
    assert "Qualities of a successful mentee" not in interview


def test_record_of_someone_who_is_gone_is_a_plain_refusal(demo_db: Database, today: date) -> None:
    from app.services.errors import NotFound

    with demo_db.session() as s, pytest.raises(NotFound):
        catalogue.build("person", s, 99999, today)


def test_cli_lists_the_new_printouts(demo_db: Database) -> None:
    assert {"person", "application-form", "interview-form"} <= set(catalogue.PRINTOUTS)
    assert "0 for a blank form" in catalogue.PRINTOUTS["application-form"].id_meaning


def test_the_interview_form_shows_the_interview_already_recorded(
    demo_db: Database, today: date
) -> None:
    from app.model import Interview, Participant
    from app.model.screening import MENTOR_QUALITIES
    from app.printouts.person_forms import FormContext, RecordedInterview
    from app.printouts.person_forms import render_interview as render

    with demo_db.session() as s:
        interview, participant = s.execute(
            select(Interview, Participant)
            .join(Participant, Participant.id == Interview.participant_id)
            .where(Interview.removed_on.is_(None), Interview.notes != "")
            .order_by(Interview.id)
        ).first() or (None, None)
        assert interview is not None and participant is not None
        text = " ".join(
            _text(catalogue.build("interview-form", s, participant.person_id, today)).split()
        )
    assert f"{interview.held_on:%d/%m/%Y}" in text
    assert interview.interviewer in text
    assert " ".join(interview.notes.split()) in text
    assert "Ticked: the qualities recorded at the interview" in text
    # The ticks themselves are drawn, not text: a form with a recorded interview differs.
    seen = frozenset(k for k, _label in MENTOR_QUALITIES[:3])
    recorded = RecordedInterview(
        participant.role, interview.held_on, "A. Interviewer", seen, interview.outcome, "Kind."
    )
    blank = render("X", [participant.role], FormContext("O", "P", "C"), today)
    filled = render("X", [participant.role], FormContext("O", "P", "C"), today, [recorded])
    assert filled != blank
    assert "A. Interviewer" in _text(filled) and "A. Interviewer" not in _text(blank)


def test_the_application_form_has_referees_and_pvg(demo_db: Database, today: date) -> None:
    from app.model import PvgRecord, Reference

    with demo_db.session() as s:
        blank = " ".join(_text(catalogue.build("application-form", s, 0, today)).split())
        reference = s.scalars(select(Reference).order_by(Reference.id)).first()
        assert reference is not None
        pvg = s.scalars(select(PvgRecord).where(PvgRecord.person_id == reference.person_id)).first()
        filled = " ".join(
            _text(catalogue.build("application-form", s, reference.person_id, today)).split()
        )
    for text in (blank, filled):
        assert "Referee 1" in text and "Referee 2" in text
        assert "Protecting Vulnerable Groups (PVG) scheme" in text
        assert "do not write anything about convictions" in text
    assert reference.referee in filled and reference.referee not in blank
    assert pvg is not None and pvg.reference_number in filled
    assert f"{pvg.issued_on:%d/%m/%Y}" in filled
