"""The evaluation report: what it prints, what it says is missing, and what it never prints."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app import cli
from app.model import MeetingLog, MeetingPrivateNote, Programme
from app.paths import DataPaths
from app.printouts import catalogue, evaluation_report
from app.reports import monitoring
from app.storage import Database
from tests.app.reports.crafted import AS_AT, END, START, build

PRIVATE = "Spoke about her sister's illness, zebra-marmalade-7731"


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _demo_programme(demo_db: Database) -> int:
    with demo_db.session() as s:
        programme_id = s.scalar(select(Programme.id).order_by(Programme.id))
    assert programme_id is not None
    return programme_id


def test_the_report_never_prints_a_private_meeting_note(demo_db: Database, today: date) -> None:
    # GIVEN a distinctive private note on a meeting held in the period
    programme_id = _demo_programme(demo_db)
    with demo_db.session() as s:
        meeting = s.scalars(
            select(MeetingLog)
            .where(MeetingLog.removed_on.is_(None))
            .order_by(MeetingLog.held_on.desc())
        ).first()
        assert meeting is not None
        existing = s.scalar(
            select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting.id)
        )
        if existing is None:
            s.add(MeetingPrivateNote(meeting_id=meeting.id, text=PRIVATE))
        else:
            existing.text = PRIVATE
    # WHEN the report is printed, from the catalogue and with the meeting's whole period
    with demo_db.session() as s:
        pdfs = [
            catalogue.build("evaluation-report", s, programme_id, today),
            evaluation_report.build(s, programme_id, date(2000, 1, 1), today, today),
        ]
        held = s.scalar(select(MeetingLog.held_on).where(MeetingLog.id == meeting.id))
    # THEN the meeting counts, but its note appears nowhere, not even in part
    assert held is not None
    for pdf in pdfs:
        text = _flat(text_of(pdf))
        assert "Meetings held in the period" in text
        assert "zebra-marmalade" not in text and "sister" not in text


def test_the_demo_report_has_every_section_and_never_says_none(
    demo_db: Database, today: date
) -> None:
    programme_id = _demo_programme(demo_db)
    with demo_db.session() as s:
        monitoring.save_answers(
            s, programme_id, {"going_well": "Pairs meet every month without reminders."}
        )
    with demo_db.session() as s:
        pdf = catalogue.build("evaluation-report", s, programme_id, today)
    text = _flat(text_of(pdf))
    for expected in (
        "Evaluation report",
        "Growing Together Mentoring Programme",
        "Purpose and model",
        "Why are you starting this programme?",
        "Shared partnership",
        "The national network's figures",
        "Trained mentors now",
        "Mentees taking part now",
        "Active matches now",
        "Average match length",
        "Average mentoring hours per week, per match",
        "People by stage",
        "Meetings a month",
        "Support contacts made when due",
        "Goals against their baselines",
        "Average change from baseline",
        "Endings",
        "Gaps in the records",
        "Monitoring questions",
        "What is going well?",
        "Pairs meet every month without reminders.",
        "13 questions have not been answered yet",
        "Where do these answers come from?",
        "Page 1 of",
    ):
        assert expected in text, expected
    assert "None" not in text


def test_the_report_names_missing_data_in_words(db: Database) -> None:
    with db.session() as s:
        programme_id = build(s)
    with db.session() as s:
        pdf = evaluation_report.build(s, programme_id, START, END, AS_AT)
    text = _flat(text_of(pdf))
    for sentence in (
        "No review recorded for 1 active or paused match.",
        "No baseline recorded for 1 goal, so its progress cannot be shown.",
        "No length recorded for 1 meeting, so its hours are not counted.",
        "No end date recorded for 1 closed match",
        "Not written down in the planning notes yet.",
        "The mentee decided to end it",
        "01/01/2026 to 30/06/2026",
    ):
        assert sentence in text, sentence
    assert "None" not in text


def test_an_empty_programme_prints_without_failing(db: Database, today: date) -> None:
    with db.session() as s:
        p = Programme(name="Just started", organisation="Wee Acorns")
        s.add(p)
        s.flush()
        pdf = catalogue.build("evaluation-report", s, p.id, today)
    text = _flat(text_of(pdf))
    assert "No match ended in this period." in text
    assert "No support contacts were due in this period." in text
    assert "Nothing the figures need is missing from the records." in text
    assert "None" not in text


def test_answers_typed_on_the_dashboard_are_kept_as_a_draft(db: Database) -> None:
    with db.session() as s:
        programme_id = build(s)
        monitoring.save_answers(s, programme_id, {"aims": " Mostly. ", "nonsense": "dropped"})
    with db.session() as s:
        assert monitoring.answers(s, programme_id) == {"aims": "Mostly."}
        monitoring.save_answers(s, programme_id, {"aims": ""})
    with db.session() as s:
        assert monitoring.answers(s, programme_id) == {}


def test_the_command_line_prints_a_chosen_period(demo_db: Database, tmp_path: Path) -> None:
    programme_id = _demo_programme(demo_db)
    folder = demo_db.paths.folder
    demo_db.close(backup=False)
    out = tmp_path / "report.pdf"
    code = cli.main(
        [
            "--data",
            str(folder),
            "print",
            "evaluation-report",
            str(programme_id),
            "--from",
            "01/04/2026",
            "--to",
            "30/09/2026",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert "01/04/2026 to 30/09/2026" in _flat(text_of(out.read_bytes()))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "31/09/2026"], "There is no such date"),
        (["--from", "01/10/2026", "--to", "01/09/2026"], "ends on or after"),
    ],
)
def test_the_command_line_refuses_a_bad_period(
    db: Database,
    paths: DataPaths,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    db.close(backup=False)
    code = cli.main(["--data", str(paths.folder), "print", "evaluation-report", "1", *extra])
    assert code != 0
    assert message in capsys.readouterr().err


def test_only_the_evaluation_report_takes_a_period(
    db: Database, paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close(backup=False)
    code = cli.main(["--data", str(paths.folder), "print", "planning", "1", "--to", "01/09/2026"])
    assert code != 0
    assert "Only the evaluation report" in capsys.readouterr().err
