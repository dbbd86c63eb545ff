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


def test_the_pack_lists_open_action_points_and_the_coordinator(
    demo_db: Database, today: date
) -> None:
    from sqlalchemy import select

    from app.model import Match
    from app.services import meetings

    with demo_db.session() as s:
        match_ids = list(s.scalars(select(Match.id).order_by(Match.id)))
        with_open = next(i for i in match_ids if meetings.open_action_points(s, i))
        point = meetings.open_action_points(s, with_open)[0].text
        coordinator = s.get_one(Match, with_open).programme.coordinator
        pages = [
            page.extract_text()
            for page in PdfReader(
                io.BytesIO(catalogue.build("meeting-log-pack", s, with_open, today))
            ).pages
        ]
    text = "\n".join(pages)
    assert coordinator and coordinator in pages[0]
    assert " ".join(point.split()[:4]) in " ".join(text.split())
    assert "None open from an earlier meeting" not in text
    # Every later log has rows (with Done, Dropped, Carry on) for the last meeting's points.
    assert text.count("Carry on") == text.count("Meeting log to complete and sign")


def test_a_reprinted_signed_agreement_says_who_signed_and_when(
    demo_db: Database, today: date
) -> None:
    from sqlalchemy import select

    from app.formatting import format_date
    from app.model import Agreement

    with demo_db.session() as s:
        signed = s.scalars(
            select(Agreement).where(Agreement.coordinator_signed_on.is_not(None))
        ).first()
        # The demo's introduced pair: signed by the mentor only, so far.
        partly = s.scalars(
            select(Agreement).where(Agreement.coordinator_signed_on.is_(None))
        ).first()
        assert signed is not None and signed.mentor_signed_on is not None
        text = " ".join(text_of(catalogue.build("agreement", s, signed.match_id, today)).split())
        assert partly is not None and partly.mentor_signed_on and not partly.mentee_signed_on
        fresh = " ".join(text_of(catalogue.build("agreement", s, partly.match_id, today)).split())
    assert "This is a copy of an agreement already signed" in text
    assert f"the mentor on {format_date(signed.mentor_signed_on)}" in text
    assert text.count("Signed on the original") == 3
    assert f"already signed: by the mentor on {format_date(partly.mentor_signed_on)}" in fresh
    assert fresh.count("Signed on the original") == 1  # the mentee and coordinator by pen


def test_every_blank_log_fits_on_one_page(demo_db: Database, today: date) -> None:
    """Packs promise one log to a page, whatever the match: the welcome sheet, then the logs."""
    from sqlalchemy import select

    from app.model import Match

    with demo_db.session() as s:
        assert len(PdfReader(io.BytesIO(catalogue.build("meeting-log", s, 0, today))).pages) == 1
        for match in s.scalars(select(Match).order_by(Match.id)):
            p = match.programme
            logs = max(1, p.min_meetings_per_month * p.review_interval_months)
            pack = catalogue.build("meeting-log-pack", s, match.id, today)
            assert len(PdfReader(io.BytesIO(pack)).pages) == 1 + logs, match.id
            blank = catalogue.build("meeting-log-blank", s, match.id, today)
            assert len(PdfReader(io.BytesIO(blank)).pages) == 1, match.id
