"""The policy on paper: organisation, answers, version and date, adoption and signatures; a
draft is clearly marked."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from app.printouts import catalogue
from app.printouts.policy import PolicyDocument, _blocks, render
from app.services import framework, policy
from app.services.errors import ActionRefused
from app.services.programmes import ProgrammeDetails
from app.storage import Database


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_passages_split_into_paragraphs_and_bullets() -> None:
    assert _blocks("One line\ncontinues.\n\n- a\n- b\nAfter") == [
        ("p", ["One line continues."]),
        ("ul", ["a", "b"]),
        ("p", ["After"]),
    ]
    assert _blocks("") == []


def test_the_policy_pdf_names_the_organisation_its_answers_and_the_version(
    db: Database, today: date
) -> None:
    with db.session() as s:
        pid = framework.start_planning(
            s,
            ProgrammeDetails(
                name="Little Steps", organisation="Wee Acorns Nursery", coordinator="Ann Reid"
            ),
        ).created_id
        assert pid is not None
        for key, text in {
            "purpose.definition": "a voluntary partnership where both people learn.",
            "purpose.purpose": "Our newly qualified practitioners need a friendly guide.",
            "purpose.goals": "Keep new staff for two years",
            "relationships.boundaries": "No contact on social media.",
            "relationships.problems": "Speak to Ann first.",
            "participants.roles": "Mentors listen; mentees lead.",
        }.items():
            framework.save_answer(s, pid, key, text)
        policy.write_draft(s, pid, today)
        policy.approve(s, pid, date(2026, 9, 10), "Board of trustees", today=today)

    with db.session() as s:
        text = _flat(_text(catalogue.build("policy", s, pid, today)))
    for expected in (
        "Wee Acorns Nursery Mentoring Policy",
        "Wee Acorns Nursery",
        "a voluntary partnership where both people learn.",
        "Our newly qualified practitioners need a friendly guide.",
        "Keep new staff for two years",
        "No contact on social media.",
        "Mentoring policy, version 1",
        "Date approved 10/09/2026",
        "Next review due 10/09/2027",
        "Adopted on 10/09/2026",
        "Policy version 1",
        "Signed",
        "For Wee Acorns Nursery",
        "Coordinator: Ann Reid",
    ):
        assert expected in text, expected
    assert "DRAFT" not in text

    # After an edit, "policy" still prints version 1 (in force); the draft prints marked.
    with db.session() as s:
        policy.edit_passage(s, pid, "about", "A new first passage.", today)
    with db.session() as s:
        assert "Mentoring policy, version 1" in _flat(
            _text(catalogue.build("policy", s, pid, today))
        )
        current = policy.current_draft(s, pid)
        assert current is not None
        draft_id = current.id
        draft = _flat(_text(catalogue.build("policy-version", s, draft_id, today)))
    assert "DRAFT – version 2, not yet approved" in draft
    assert "A new first passage." in draft


def test_a_programme_without_a_policy_cannot_print_one(db: Database, today: date) -> None:
    with db.session() as s:
        pid = framework.start_planning(s, ProgrammeDetails(name="P", organisation="O")).created_id
    assert pid is not None
    with pytest.raises(ActionRefused), db.session() as s:
        catalogue.build("policy", s, pid, today)


def test_a_draft_with_nothing_approved_prints_marked_draft_with_blank_dates(today: date) -> None:
    pdf = render(
        PolicyDocument(
            organisation="Wee Acorns & Co",
            programme="Little Steps",
            coordinator="",
            title="Wee Acorns & Co Mentoring Policy",
            version=1,
            approved_on=None,
            approved_by="",
            passages=(("About this policy", "Text with <angle> & ampersand."), ("Empty", "")),
        ),
        printed_on=today,
    )
    text = _flat(_text(pdf))
    assert "DRAFT mentoring policy, version 1" in text
    assert "Text with <angle> & ampersand." in text
    assert "None" not in text
    assert "2. Empty" in text
