"""Meeting logs on paper: pre-filled for the next meeting, completed, and the blank pack; the
coordinator's private note on none of them unless asked for by name."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model import (
    Match,
    MatchStatus,
    MeetingLog,
    MeetingPrivateNote,
    Participant,
    PolicyVersion,
    Review,
)
from app.paths import DataPaths
from app.printouts import catalogue
from app.services import meetings
from app.storage import Database

SECRET = "Confided a worry about a family member"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def first_active_match(s: Session) -> Match:
    match = s.scalars(
        select(Match).where(Match.status == MatchStatus.ACTIVE).order_by(Match.id)
    ).first()
    assert match is not None
    return match


@pytest.fixture
def with_secret(demo_db: Database) -> Database:
    """The demo with a private note on every meeting of the first match."""
    with demo_db.session() as s:
        match = first_active_match(s)
        for meeting_id in s.scalars(select(MeetingLog.id).where(MeetingLog.match_id == match.id)):
            note = s.scalar(
                select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting_id)
            )
            if note is None:
                s.add(MeetingPrivateNote(meeting_id=meeting_id, text=SECRET))
            else:
                note.text = SECRET
    return demo_db


def test_private_notes_are_on_no_printout_or_export_unless_asked_for(
    with_secret: Database, today: date
) -> None:
    with with_secret.session() as s:
        match = first_active_match(s)
        meeting_id = s.scalars(
            select(MeetingLog.id).where(MeetingLog.match_id == match.id).order_by(MeetingLog.id)
        ).first()
        policy_version_id = s.scalars(
            select(PolicyVersion.id).where(PolicyVersion.programme_id == match.programme_id)
        ).first()
        assert meeting_id is not None and policy_version_id is not None
        ids = {
            "meeting": meeting_id,
            "match": match.id,
            "programme": match.programme_id,
            "policy version": policy_version_id,
            "person": s.get_one(Participant, match.mentee_id).person_id,
        }
        ids["person, or 0 for a blank form"] = ids["person"]
        ids["review, or 0 for a blank form"] = s.scalar(select(func.min(Review.id))) or 0
        closing = s.scalar(
            select(func.min(Match.id)).where(
                Match.status.in_([MatchStatus.ENDING, MatchStatus.CLOSED])
            )
        )
        assert closing is not None, "the demo has a match that is ending or closed"
        ids["match that is ending or closed"] = closing
        for kind, printout in catalogue.PRINTOUTS.items():
            assert printout.id_meaning in ids, f"add an id for '{printout.id_meaning}' printouts"
            text = _text(catalogue.build(kind, s, ids[printout.id_meaning], today))
            if kind == "meeting-log-with-private-note":
                assert SECRET in text
            else:
                assert SECRET not in text, kind
        assert SECRET not in meetings.meetings_csv(s, match.programme_id)
        assert SECRET in meetings.meetings_csv(s, match.programme_id, include_private_notes=True)


def test_the_log_for_the_next_meeting_lists_what_is_open_from_last_time(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match = first_active_match(s)
        mentor, mentee = meetings.pair_names(s, [match.id])[match.id]
        open_points = meetings.open_action_points(s, match.id)
        next_on = s.scalar(
            select(MeetingLog.next_meeting_on)
            .where(MeetingLog.match_id == match.id)
            .order_by(MeetingLog.held_on.desc())
            .limit(1)
        )
        assert next_on is not None, "the demo's last log agrees a next meeting"
        text = _text(catalogue.build("meeting-log-blank", s, match.id, today))
        the_day_before = next_on - timedelta(days=1)
        printed_before = _text(catalogue.build("meeting-log-blank", s, match.id, the_day_before))
    assert open_points
    assert mentor in text and mentee in text
    # The agreed day is printed as the meeting's date until it has passed; then it is left
    # blank for the pair to write in the real one.
    # The facts sit two to a line: "Date of meeting [date] How long [blank]".
    words, words_before = " ".join(text.split()), " ".join(printed_before.split())
    assert f"Date of meeting {next_on:%d/%m/%Y} How long" in words_before
    if next_on >= today:
        assert f"Date of meeting {next_on:%d/%m/%Y} How long" in words
    else:
        assert "Date of meeting How long" in words
    for point in open_points:
        assert point.text[:30] in text.replace("\n", " ")
    assert "Signed" in text and "Carry on" in text


def test_a_completed_log_shows_what_became_of_each_action_point(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        meeting = s.scalars(
            select(MeetingLog)
            .where(MeetingLog.stage.is_not(None))
            .order_by(MeetingLog.id)
            .offset(3)
        ).first()
        assert meeting is not None
        reviewed, agreed = meetings.action_points_of(s, meeting.id)
        pdf = catalogue.meeting_log(s, meeting.id, printed_on=today)
        text = _text(pdf).replace("\n", " ")
    assert meeting.held_on.strftime("%d/%m/%Y") in text
    assert reviewed and agreed
    assert any(word in text for word in ("Done", "Dropped", "Carried forward"))
    assert agreed[-1].text[:25] in text


def test_the_pack_has_a_log_for_each_meeting_until_the_first_review(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match = s.scalars(select(Match).where(Match.status == MatchStatus.INTRODUCED)).first()
        assert match is not None
        p = match.programme
        pdf = catalogue.build("meeting-log-pack", s, match.id, today)
    pages = PdfReader(io.BytesIO(pdf)).pages
    logs = p.min_meetings_per_month * p.review_interval_months
    assert len(pages) >= 1 + logs
    text = _text(pdf)
    assert text.count("Meeting log to complete and sign") == logs
    assert "Within 7 days" in text  # the programme's rule, from the programme


def test_the_command_line_prints_a_log_without_the_private_note(
    paths: DataPaths, tmp_path: Path
) -> None:
    from app.cli import main
    from app.storage import open_database

    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    db = open_database(paths)
    with db.session() as s:
        meeting_id = s.scalars(select(MeetingLog.id).order_by(MeetingLog.id)).first()
        assert meeting_id is not None
        s.add(MeetingPrivateNote(meeting_id=meeting_id, text=SECRET))
    db.close(backup=False)
    plain, noted = tmp_path / "plain.pdf", tmp_path / "noted.pdf"
    assert main(["--data", data, "print", "meeting-log", str(meeting_id), "-o", str(plain)]) == 0
    assert SECRET not in _text(plain.read_bytes())
    kind = "meeting-log-with-private-note"
    assert main(["--data", data, "print", kind, str(meeting_id), "-o", str(noted)]) == 0
    assert SECRET in _text(noted.read_bytes())
