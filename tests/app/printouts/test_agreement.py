"""The mentoring agreement: both names, the programme's durations and frequencies, the policy
version, and lines for three signatures; blanks for the pen where nothing is known yet."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from app.cli import main
from app.model import Match, MatchStatus
from app.paths import DataPaths
from app.printouts import catalogue
from app.printouts.agreement import AgreementSheet, duration_text, render
from app.storage import Database

SHEET = AgreementSheet(
    organisation="Riverside Early Years Network",
    programme="Growing Together",
    coordinator="Seonag Morrison",
    mentor="Seònaid Nic a' Phì",
    mentee="Ciarán Doherty",
    relationship_months=9,
    review_interval_months=4,
    min_meetings_per_month=2,
    min_meeting_minutes=45,
    max_meeting_minutes=90,
    max_contacts_between_meetings=3,
    cancellation_notice_hours=48,
    issues="Confidence leading a room\nPlanning for the Childhood Practice award",
    mentor_role="Listen and ask good questions.",
    mentee_role="Bring the issues to work on.",
    agreed_on=date(2026, 11, 2),
    review_on=date(2027, 3, 2),
    policy_version=3,
    policy_approved_on=date(2026, 6, 15),
)


def text_of(pdf: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


def test_durations_are_worded_plainly() -> None:
    assert duration_text(45) == "45 minutes"
    assert duration_text(60) == "1 hour"
    assert duration_text(90) == "1 hour 30 minutes"
    assert duration_text(120) == "2 hours"


def test_the_agreement_prints_names_rules_policy_and_signature_lines(today: date) -> None:
    text = text_of(render(SHEET, printed_on=today))
    for expected in (
        "Mentoring agreement",
        "Seònaid Nic a' Phì",
        "Ciarán Doherty",
        "Growing Together",
        "will last 9 months",
        "every 4 months",
        "first review is on 02/03/2027",
        "at least 2 times a month",
        "at least 48 hours beforehand",
        "at least 45 minutes and no more than 1 hour 30 minutes",
        "no more than 3 times",
        "Confidence leading a room",
        "no responsibility or authority over the mentee",
        "policy, version 3, approved on 15/06/2026",
        "Mentor: Seònaid Nic a' Phì",
        "Mentee: Ciarán Doherty",
        "Coordinator: Seonag Morrison",
        "Date of agreement 02/11/2026",
    ):
        assert expected in text, expected
    assert text.count("Signed") >= 3


def test_unknown_values_leave_room_for_the_pen(today: date) -> None:
    blank = replace(
        SHEET,
        issues="",
        agreed_on=None,
        review_on=None,
        policy_version=None,
        policy_approved_on=None,
        coordinator="",
    )
    text = text_of(render(blank, printed_on=today))
    assert "None" not in text
    assert "Policy version" in text and "first review is on ____" in text


def test_printing_a_demo_agreement_by_match_number(
    demo_db: Database, tmp_path: Path, today: date
) -> None:
    with demo_db.session() as s:
        match = s.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE)).first()
        assert match is not None
        pdf = catalogue.build("agreement", s, match.id, today)
        programme = match.programme
        mentor, mentee = match.mentor.person.full_name, match.mentee.person.full_name
    text = text_of(pdf)
    assert mentor in text and mentee in text
    assert f"will last {programme.relationship_months} months" in text
    demo_db.close(backup=False)

    out = tmp_path / "agreement.pdf"
    data = str(DataPaths(demo_db.paths.folder).folder)
    assert main(["--data", data, "print", "agreement", str(match.id), "-o", str(out)]) == 0
    assert mentee in text_of(out.read_bytes())


def test_a_demo_agreement_prints_the_policy_version_in_force(
    demo_db: Database, today: date
) -> None:
    from app.services.policy import policy_reference

    with demo_db.session() as s:
        match = s.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE)).first()
        assert match is not None and match.started_on is not None
        reference = policy_reference(s, match.programme_id, match.started_on)
        assert reference is not None
        text = text_of(catalogue.build("agreement", s, match.id, today))
    approved = reference.approved_on.strftime("%d/%m/%Y")
    assert f"policy, version {reference.version}, approved on {approved}" in text
