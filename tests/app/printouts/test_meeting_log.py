"""Meeting logs on paper: pre-filled for the next meeting, completed, and the blank pack; the
coordinator's private note on none of them unless asked for by name."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.model import Match, MatchStatus, MeetingLog, MeetingPrivateNote
from app.printouts import catalogue
from app.services import meetings

SECRET = "Confided a worry about a family member"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def with_secret(demo_db):  # type: ignore[no-untyped-def]
    """The demo with a private note on every meeting of the first match."""
    with demo_db.session() as s:
        match = s.scalar(select(Match).where(Match.status == MatchStatus.ACTIVE).order_by(Match.id))
        for meeting_id in s.scalars(select(MeetingLog.id).where(MeetingLog.match_id == match.id)):
            note = s.scalar(
                select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting_id)
            )
            if note is None:
                s.add(MeetingPrivateNote(meeting_id=meeting_id, text=SECRET))
            else:
                note.text = SECRET
    return demo_db


def test_private_notes_are_on_no_printout_or_export_unless_asked_for(with_secret) -> None:  # type: ignore[no-untyped-def]
    with with_secret.session() as s:
        match = s.scalar(select(Match).where(Match.status == MatchStatus.ACTIVE).order_by(Match.id))
        meeting_id = s.scalar(
            select(MeetingLog.id).where(MeetingLog.match_id == match.id).order_by(MeetingLog.id)
        )
        from app.model.person import Participant
        from app.model.policy import PolicyVersion

        ids = {
            "meeting": meeting_id,
            "match": match.id,
            "programme": match.programme_id,
            "policy version": s.scalar(
                select(PolicyVersion.id).where(PolicyVersion.programme_id == match.programme_id)
            ),
            "person": s.scalar(
                select(Participant.person_id).where(Participant.id == match.mentee_id)
            ),
        }
        ids["person, or 0 for a blank form"] = ids["person"]
        for kind, printout in catalogue.PRINTOUTS.items():
            assert printout.id_meaning in ids, f"add an id for '{printout.id_meaning}' printouts"
            text = _text(catalogue.build(kind, s, ids[printout.id_meaning]))
            if kind == "meeting-log-with-private-note":
                assert SECRET in text
            else:
                assert SECRET not in text, kind
        assert SECRET not in meetings.meetings_csv(s, match.programme_id)
        assert SECRET in meetings.meetings_csv(s, match.programme_id, include_private_notes=True)


def test_the_log_for_the_next_meeting_lists_what_is_open_from_last_time(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        match = s.scalar(select(Match).where(Match.status == MatchStatus.ACTIVE).order_by(Match.id))
        mentor, mentee = meetings.pair_names(s, [match.id])[match.id]
        open_points = meetings.open_action_points(s, match.id)
        next_on = s.scalar(
            select(MeetingLog.next_meeting_on)
            .where(MeetingLog.match_id == match.id)
            .order_by(MeetingLog.held_on.desc())
            .limit(1)
        )
        text = _text(catalogue.build("meeting-log-blank", s, match.id))
    assert open_points
    assert mentor in text and mentee in text
    if next_on >= date.today():
        assert next_on.strftime("%d/%m/%Y") in text
    for point in open_points:
        assert point.text[:30] in text.replace("\n", " ")
    assert "Signed" in text and "Carry on" in text


def test_a_completed_log_shows_what_became_of_each_action_point(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        meeting = s.scalar(
            select(MeetingLog)
            .where(MeetingLog.stage.is_not(None))
            .order_by(MeetingLog.id)
            .offset(3)
        )
        reviewed, agreed = meetings.action_points_of(s, meeting.id)
        text = _text(catalogue.meeting_log(s, meeting.id, printed_on=date(2026, 11, 23))).replace(
            "\n", " "
        )
    assert meeting.held_on.strftime("%d/%m/%Y") in text
    assert reviewed and agreed
    assert any(word in text for word in ("Done", "Dropped", "Carried forward"))
    assert agreed[-1].text[:25] in text


def test_the_pack_has_a_log_for_each_meeting_until_the_first_review(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        match = s.scalar(select(Match).where(Match.status == MatchStatus.INTRODUCED))
        p = match.programme
        pdf = catalogue.build("meeting-log-pack", s, match.id)
    pages = PdfReader(io.BytesIO(pdf)).pages
    logs = p.min_meetings_per_month * p.review_interval_months
    assert len(pages) >= 1 + logs
    text = _text(pdf)
    assert text.count("Meeting log to complete and sign") == logs
    assert "Within 7 days" in text  # the programme's rule, from the programme


def test_the_command_line_prints_a_log_without_the_private_note(paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main
    from app.storage import open_database

    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    db = open_database(paths)
    with db.session() as s:
        meeting_id = s.scalar(select(MeetingLog.id).order_by(MeetingLog.id))
        s.add(MeetingPrivateNote(meeting_id=meeting_id, text=SECRET))
    db.close(backup=False)
    plain, noted = tmp_path / "plain.pdf", tmp_path / "noted.pdf"
    assert main(["--data", data, "print", "meeting-log", str(meeting_id), "-o", str(plain)]) == 0
    assert SECRET not in _text(plain.read_bytes())
    kind = "meeting-log-with-private-note"
    assert main(["--data", data, "print", kind, str(meeting_id), "-o", str(noted)]) == 0
    assert SECRET in _text(noted.read_bytes())
