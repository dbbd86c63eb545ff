"""Blank forms (ID 0): an agreement, a meeting log and an action plan for any pair, with the
programme's rules printed and every name and date left for the pen."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.printouts import catalogue
from app.services.errors import ActionRefused
from app.storage import Database


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("agreement", "Mentoring agreement"),
        ("meeting-log", "Meeting log to complete and sign"),
        ("action-plan", "Action plan"),
    ],
)
def test_id_0_prints_a_blank_form_from_the_command_line(
    demo_db: Database, tmp_path: Path, kind: str, title: str
) -> None:
    demo_db.close(backup=False)
    out = tmp_path / f"{kind}.pdf"
    data = str(demo_db.paths.folder)
    assert main(["--data", data, "print", kind, "0", "-o", str(out)]) == 0
    text = text_of(out.read_bytes())
    assert title in text
    assert "Riverside Early Years Network" in text  # the programme's letterhead
    assert "None" not in text and "no longer exists" not in text
    # Signature lines without anyone's name: "Mentee" alone, never "Mentee:" and a blank.
    assert "Mentee:" not in text and "Mentor:" not in text


def test_a_blank_agreement_has_the_programmes_rules_and_no_names(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        text = text_of(catalogue.build("agreement", s, 0, today))
        from app.model import Programme

        programme = s.get(Programme, 1)
        assert programme is not None
        months = programme.relationship_months
    assert f"will last {months} months" in text
    assert "review is on ____" in text
    assert "The mentor's role" in text


def test_a_blank_meeting_log_has_rows_for_last_times_action_points(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        text = text_of(catalogue.build("meeting-log", s, 0, today))
    assert "Action points from last time" in text
    assert "Done" in text and "Dropped" in text and "Carry on" in text
    assert "None open" not in text


def test_a_blank_action_plan_has_a_goal_to_fill_in(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        text = text_of(catalogue.build("action-plan", s, 0, today))
    assert "Goal 1" in text and "Where we start" in text
    assert "Action plan for" not in text


def test_the_list_of_printouts_says_which_take_0_for_a_blank(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["print", "list", "0"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    for kind in ("agreement", "meeting-log", "action-plan"):
        assert "or 0 for a blank form" in lines[kind]


def test_with_no_programme_a_blank_form_is_refused_plainly(db: Database, today: date) -> None:
    with db.session() as s, pytest.raises(ActionRefused, match="no programme yet"):
        catalogue.build("agreement", s, 0, today)
