"""The review record, the closure record and the two certificates: the right names and figures
on each (read back from the PDF), a blank review record with no one's name on it, plain words
where an answer is missing (never "None"), and a long Gaelic name kept whole on one line."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cli import main
from app.model import Match, MatchStatus, MeetingLog, MeetingPrivateNote, Person
from app.model.ending import ClosurePath, EarlyBy, MenteeNext
from app.model.review import ReviewDecision, Working
from app.paths import DataPaths
from app.printouts import catalogue, style
from app.printouts.certificates import (
    NAME_SIZE,
    NAME_WIDTH_MM,
    Certificate,
    Kind,
    figures_text,
    name_size,
    render,
)
from app.services import endings, meetings, reviews
from app.services.errors import ActionRefused
from app.storage import Database
from tests.app.closures import complete_closure

SECRET = "Spoke about a worry at home"
GAELIC = "Seònaid Nic a' Phì"


def _text(pdf: bytes) -> str:
    """The PDF's text, with non-breaking spaces read as spaces."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "\n".join(page.extract_text() for page in pages).replace("\u00a0", " ")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _match_of(s: Session, mentor_first_name: str) -> Match:
    """The demo's active match whose mentor has this first name."""
    for match in s.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE)):
        if meetings.pair_names(s, [match.id])[match.id][0].startswith(mentor_first_name):
            return match
    raise AssertionError(f"no active demo match with a mentor called {mentor_first_name}")


def _close(s: Session, match_id: int, today: date) -> None:
    endings.begin_ending(s, match_id, today, "Seonag")
    endings.save_closure(s, match_id, complete_closure(today), today)
    endings.close_match(s, match_id, today, "Seonag")


# ----------------------------------------------------------------------------- certificates


def test_the_certificates_name_both_people_and_give_the_months_and_meetings(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match = _match_of(s, "Seònaid")
        _close(s, match.id, today)
        view = endings.closure_view(s, match.id)
        mentee_pdf = catalogue.build("certificate-mentee", s, match.id, today)
        mentor_pdf = catalogue.build("certificate-mentor", s, match.id, today)
    assert view.months >= 2 and view.meetings >= 2, "the demo match has met for months"
    figures = f"{view.months} months and {view.meetings} meetings"
    mentee, mentor = _text(mentee_pdf), _text(mentor_pdf)
    for text, name in ((mentee, view.mentee_name), (mentor, GAELIC)):
        assert name in text.splitlines(), "the name whole, on a line of its own"
        assert "RIVERSIDE EARLY YEARS NETWORK" in text
        assert "Growing Together Mentoring Programme" in text
        assert "Seonag Morrison" in text and "Coordinator" in text
        assert "23 November 2026" in text  # the day the certificates were given
        assert figures in _flat(text)
    assert "Certificate of Achievement" in mentee and "Well done" in _flat(mentee)
    assert f"of mentoring with {GAELIC}" in _flat(mentee)
    assert "Certificate of Thanks" in mentor and "Thank you" in _flat(mentor)
    assert f"as a mentor to {view.mentee_name}" in _flat(mentor)
    page = PdfReader(io.BytesIO(mentee_pdf)).pages
    assert len(page) == 1
    assert float(page[0].mediabox.width) > float(page[0].mediabox.height), "landscape"


def test_one_month_and_one_meeting_are_singular_and_none_are_left_out() -> None:
    assert figures_text(1, 1) == "1 month and 1 meeting"
    assert figures_text(2, 5) == "2 months and 5 meetings"
    assert figures_text(3, 0) == "3 months"
    assert figures_text(0, 1) == "1 meeting"
    assert figures_text(0, 0) == ""
    base = Certificate(
        kind=Kind.MENTEE,
        name="Amy Johnstone",
        partner="Fiona MacLeod",
        organisation="Wee Acorns Nursery",
        programme="Growing Together",
        coordinator="",
        months=0,
        meetings=0,
        presented_on=date(2026, 3, 5),
    )
    text = _flat(_text(render(base)))
    assert "in recognition of the mentoring with Fiona MacLeod" in text
    assert "0 month" not in text and "0 meeting" not in text
    assert "5 March 2026" in text and "Coordinator" in text and "None" not in text


def test_a_long_gaelic_name_is_set_smaller_on_one_line_never_broken() -> None:
    name = "Seònaid Ealasaid Catrìona Nic a' Phì-MhicGhilleBhràth"
    partner = "Catrìona Mairead Nic an t-Saoir-MhicGillEathain"
    width = NAME_WIDTH_MM * mm
    size = name_size(name, style.FONT_BOLD, width)
    style.register_fonts()
    assert size < NAME_SIZE
    assert pdfmetrics.stringWidth(name, style.FONT_BOLD, size) <= width
    assert name_size("Amy Johnstone", style.FONT_BOLD, width) == NAME_SIZE
    certificate = Certificate(
        kind=Kind.MENTOR,
        name=name,
        partner=partner,
        organisation="Sgoil-àraich Bheag a' Bhaile",
        programme="Prògram Comhairleachaidh",
        coordinator="Màiri NicDhòmhnaill",
        months=7,
        meetings=9,
        presented_on=date(2026, 6, 12),
    )
    lines = [line.strip() for line in _text(render(certificate)).splitlines()]
    assert name in lines
    assert any(partner in line for line in lines), "the other person's name is not broken"
    assert "12 June 2026" in lines


def test_certificates_wait_for_the_ending(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        match = _match_of(s, "Fiona")
        with pytest.raises(ActionRefused, match="begin the match's ending first"):
            catalogue.build("certificate-mentee", s, match.id, today)
        endings.begin_ending(s, match.id, today)
        text = _text(catalogue.build("certificate-mentor", s, match.id, today))
    assert "Fiona MacLeod" in text and "23 November 2026" in text  # not given yet: today


# ----------------------------------------------------------------------------- review record


def test_a_recorded_extension_prints_with_the_progress_and_both_agreements(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match = _match_of(s, "Seònaid")
        old_end = match.planned_end_on
        assert old_end is not None
        held = today - timedelta(days=3)
        review_id = reviews.record_review(
            s,
            match.id,
            reviews.ReviewDetails(
                held_on=held,
                decision=ReviewDecision.EXTEND,
                others_present="Kerry, Amy's room leader",
                working_for_mentor=Working.YES,
                working_for_mentee=Working.PARTLY,
                goals_still_right=True,
                changes_agreed="Meet fortnightly until the spring.",
                new_end_on=old_end + timedelta(days=90),
                mentor_agreed_on=held,
                mentee_agreed_on=today - timedelta(days=2),
                next_review_on=held + timedelta(days=60),
            ),
            today,
            "Seonag Morrison",
        ).created_id
        assert review_id is not None
        progress = reviews.review_context(s, match.id, today).progress
        mentor, mentee = meetings.pair_names(s, [match.id])[match.id]
        text = _text(catalogue.build("review-record", s, review_id, today))
    flat = _flat(text)
    assert mentor in text and mentee in text and "Seonag Morrison" in text
    assert "Mentor, Mentee, Coordinator, Kerry, Amy's room leader" in flat
    assert "Yes, it is working" in text and "Partly" in text
    assert "Yes, they are still right" in text
    assert "Meet fortnightly until the spring." in text
    assert "Extend the relationship" in text
    assert f"Planned end before {style.format_date(old_end)}" in flat
    assert f"New planned end {style.format_date(old_end + timedelta(days=90))}" in flat
    assert f"Mentor agreed on {style.format_date(held)}" in flat
    assert f"Mentee agreed on {style.format_date(today - timedelta(days=2))}" in flat
    assert progress, "the demo match has goals"
    for goal in progress:
        assert goal.latest is not None and goal.baseline is not None and goal.change is not None
        row = f"{goal.baseline} {goal.latest} {goal.target} {goal.change:+d}"
        assert row in flat, goal.title
    assert "Signed" in text and "None" not in text


def test_a_review_with_answers_missing_prints_plain_words(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        match = _match_of(s, "Aileen")
        review_id = reviews.record_review(
            s,
            match.id,
            reviews.ReviewDetails(held_on=today, decision=ReviewDecision.CONTINUE),
            today,
        ).created_id
        assert review_id is not None
        text = _text(catalogue.build("review-record", s, review_id, today))
    assert text.count("Not recorded") >= 3  # working for each, goals still right
    assert "Nothing written." in text and "No changes were agreed." in text
    assert "Carry on as agreed" in text
    assert "None" not in text


def test_the_blank_review_record_has_no_names_and_every_choice_to_tick(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        people = [p.full_name for p in s.scalars(select(Person))]
        text = _text(catalogue.build("review-record", s, 0, today))
        with pytest.raises(ActionRefused, match="no longer exists"):
            catalogue.build("review-record", s, 99999, today)
    assert people
    assert not [name for name in people if name in text]
    assert "Seonag" not in text
    assert "Review record to complete and sign" in text
    for choice in (
        "Yes, it is working",
        "No, not at the moment",
        "Carry on as agreed",
        "Extend the relationship",
        "Move to ending",
        "New planned end",
        "Mentee agreed on",
    ):
        assert choice in text
    assert "Growing Together Mentoring Programme" in text and "None" not in text


# ----------------------------------------------------------------------------- closure record


def test_the_closure_record_of_a_closed_match_holds_every_step_but_no_private_note(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match = _match_of(s, "Seònaid")
        for meeting_id in s.scalars(select(MeetingLog.id).where(MeetingLog.match_id == match.id)):
            note = s.scalar(
                select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting_id)
            )
            if note is None:
                s.add(MeetingPrivateNote(meeting_id=meeting_id, text=SECRET))
            else:
                note.text = SECRET
        _close(s, match.id, today)
        view = endings.closure_view(s, match.id)
        text = _text(catalogue.build("closure-record", s, match.id, today))
    flat = _flat(text)
    day = style.format_date(today)
    assert GAELIC in text and view.mentee_name in text
    assert "Planned ending: the agreed length has been reached" in text
    assert "The agreed twelve months are up and the goals were met." in flat
    assert f"Final meeting {day}" in flat
    assert f"Exit conversation with the mentor: {GAELIC}" in flat
    assert "What went well? Regular meetings." in flat
    assert "What went well? Confidence with parents." in flat
    assert "What changed for you? Not answered" in flat  # held, but left empty
    assert "Would you take part again? Yes" in flat
    assert "not in touch through the programme" in flat
    assert f"Mentor acknowledged on {day}" in flat and f"Mentee acknowledged on {day}" in flat
    assert "Find them a new mentor now" in text
    assert "Goes on mentoring" in text
    assert f"Given on {day}" in flat and "Confirmed by Seonag Mhoireach" in flat
    assert f"{view.months} Months together" in flat and f"{view.meetings} Meetings held" in flat
    assert "Still to do" not in text and "Before a new mentor" not in text
    assert SECRET not in text and "None" not in text


def test_an_early_ending_in_progress_lists_what_is_left_and_the_caution(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match = _match_of(s, "Aileen")
        endings.begin_ending(s, match.id, today)
        endings.save_closure(
            s,
            match.id,
            endings.ClosureDetails(
                path=ClosurePath.EARLY,
                early_by=EarlyBy.MENTEE,
                reasons="Erin has moved to a nursery in another authority.",
                end_on=today - timedelta(days=6),
                no_final_meeting="Erin left before a last meeting could be arranged.",
                mentor_exit_on=today,
                mentor_went_well="Erin's confidence with the two-year-olds.",
                mentee_next=MenteeNext.REMATCH,
            ),
            today,
        )
        missing = [m.text for m in endings.closure_view(s, match.id).missing]
        text = _text(catalogue.build("closure-record", s, match.id, today))
    flat = _flat(text)
    assert "Still to do before the match can close" in text
    assert missing and all(_flat(step) in flat for step in missing)
    assert "Early ending: before the agreed length" in text
    assert "The mentee decided to end it" in text
    assert "There was no final meeting" in text and "before a last meeting" in flat
    assert "What went well? Erin's confidence with the two-year-olds." in flat
    assert "This relationship ended early." in flat
    assert "has not yet confirmed reading this caution" in flat
    assert "Ending" in text and "None" not in text and "Not recorded" not in text


def test_a_match_that_never_started_has_no_closure_record(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        proposed = s.scalar(select(Match.id).where(Match.status == MatchStatus.PROPOSED))
        assert proposed is not None
        with pytest.raises(ActionRefused, match="never started"):
            catalogue.build("closure-record", s, proposed, today)


# ----------------------------------------------------------------------------- where they are


def test_the_four_printouts_are_in_the_catalogue_and_print_from_the_command_line(
    paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kinds = {"review-record", "closure-record", "certificate-mentee", "certificate-mentor"}
    assert kinds <= set(catalogue.PRINTOUTS)
    assert catalogue.PRINTOUTS["review-record"].id_meaning == "review, or 0 for a blank form"
    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    blank = tmp_path / "review.pdf"
    assert main(["--data", data, "print", "review-record", "0", "-o", str(blank)]) == 0
    assert "Review record to complete and sign" in _text(blank.read_bytes())
    assert main(["--data", data, "print", "list", "0"]) == 0
    listed = capsys.readouterr().out
    assert all(kind in listed for kind in kinds)
