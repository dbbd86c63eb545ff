"""Meeting logs: quick entry with action points carried forward, corrections, drafts, the
list's filter and the export that leaves private notes out unless asked."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import ActionPoint, FormDraft, Match, MatchStatus, Participant, Person, Programme
from app.model.meeting import ActionOwner, ActionStatus, MeetingMode
from app.model.person import Role
from app.services import meetings
from app.services.changes import Changes
from app.services.errors import ValidationError
from app.services.meetings import MeetingDetails, MeetingFilter, NewAction
from app.storage import Database

#: The day these logs are written, not the test day: the match began on 12/01/2026 and its
#: meetings are in its first half-year, and the checks on dates need 01/07/2026 to be tomorrow.
LOGGED_ON = date(2026, 6, 30)


def created(changes: Changes) -> int:
    """The id of the record an action created (it must have created one)."""
    assert changes.created_id is not None
    return changes.created_id


def only_programme(s: Session) -> int:
    return s.scalars(select(Programme.id)).one()


def make_match(
    s: Session,
    mentor: tuple[str, str] = ("Fiona", "MacLeod"),
    mentee: tuple[str, str] = ("Amy", "Johnstone"),
) -> int:
    programme = s.scalar(select(Programme)) or Programme(name="P", organisation="O")
    s.add(programme)
    s.flush()
    roles: list[Participant] = []
    for (first, last), role in ((mentor, Role.MENTOR), (mentee, Role.MENTEE)):
        person = Person(first_name=first, last_name=last)
        participant = Participant(programme=programme, role=role)
        person.roles.append(participant)
        s.add(person)
        roles.append(participant)
    s.flush()
    match = Match(
        programme_id=programme.id,
        mentor_id=roles[0].id,
        mentee_id=roles[1].id,
        status=MatchStatus.ACTIVE,
        started_on=date(2026, 1, 12),
    )
    s.add(match)
    s.flush()
    return match.id


def test_a_new_log_starts_with_the_open_action_points_carried_forward(db: Database) -> None:
    with db.session() as s:
        match_id = make_match(s)
        first = MeetingDetails(
            held_on=date(2026, 2, 2),
            duration_minutes=60,
            actions=(
                NewAction("Read the SSSC codes of practice", ActionOwner.MENTEE, date(2026, 4, 1)),
                NewAction("Share an observation template", ActionOwner.MENTOR),
                NewAction("  "),  # an empty row is ignored
            ),
        )
        meetings.record_meeting(s, match_id, first, LOGGED_ON)

    with db.session() as s:
        form = meetings.new_meeting_form(s, match_id, LOGGED_ON)
        assert [r.text for r in form.details.reviews] == [
            "Read the SSSC codes of practice",
            "Share an observation template",
        ]
        assert all(r.outcome is ActionStatus.CARRIED_FORWARD for r in form.details.reviews)
        reviews = (
            form.details.reviews[0],
            meetings.ActionReview(
                **{**form.details.reviews[1].__dict__, "outcome": ActionStatus.DONE}
            ),
        )
        second = MeetingDetails(
            held_on=date(2026, 3, 2),
            mode=MeetingMode.TELEPHONE,
            duration_minutes=45,
            reviews=reviews,
            actions=(NewAction("Plan a visit to a forest kindergarten", ActionOwner.BOTH),),
        )
        second_id = created(meetings.record_meeting(s, match_id, second, LOGGED_ON))

    with db.session() as s:
        reviewed, agreed = meetings.action_points_of(s, second_id)
        assert [(r.text, r.outcome) for r in reviewed] == [
            ("Read the SSSC codes of practice", ActionStatus.CARRIED_FORWARD),
            ("Share an observation template", ActionStatus.DONE),
        ]
        assert [a.text for a in agreed] == [
            "Read the SSSC codes of practice",  # carried forward, first
            "Plan a visit to a forest kindergarten",
        ]
        carried = s.scalars(
            select(ActionPoint).where(ActionPoint.carried_from_id.is_not(None))
        ).one()
        assert carried.due_on == date(2026, 4, 1) and carried.agreed_at_id == second_id
        # The third log starts with what is still open: the carried point and the new one.
        third = meetings.new_meeting_form(s, match_id, LOGGED_ON)
        assert [r.text for r in third.details.reviews] == [
            "Read the SSSC codes of practice",
            "Plan a visit to a forest kindergarten",
        ]


def test_correcting_a_review_undoes_the_carried_copy(db: Database) -> None:
    with db.session() as s:
        match_id = make_match(s)
        meetings.record_meeting(
            s,
            match_id,
            MeetingDetails(
                held_on=date(2026, 2, 2), duration_minutes=60, actions=(NewAction("A"),)
            ),
            LOGGED_ON,
        )
        form = meetings.new_meeting_form(s, match_id, LOGGED_ON)
        second = created(
            meetings.record_meeting(
                s,
                match_id,
                MeetingDetails(
                    held_on=date(2026, 3, 2), duration_minutes=60, reviews=form.details.reviews
                ),
                LOGGED_ON,
            )
        )
    with db.session() as s:
        form = meetings.meeting_form(s, second)
        review = form.details.reviews[0]
        fixed = MeetingDetails(
            **{
                **form.details.__dict__,
                "reviews": (
                    meetings.ActionReview(**{**review.__dict__, "outcome": ActionStatus.DONE}),
                ),
            }
        )
        meetings.update_meeting(s, second, fixed, LOGGED_ON)
    with db.session() as s:
        assert meetings.open_action_points(s, match_id) == []
        statuses = s.scalars(select(ActionPoint.status)).all()
        assert statuses == [ActionStatus.DONE]


def test_validation_messages_and_duration_warnings(db: Database) -> None:
    with db.session() as s:
        match_id = make_match(s)
        with pytest.raises(ValidationError) as caught:
            meetings.record_meeting(
                s,
                match_id,
                MeetingDetails(
                    held_on=date(2026, 7, 1),
                    duration_minutes=None,
                    mentee_signed_on=date(2026, 6, 1),
                ),
                LOGGED_ON,
            )
        assert set(caught.value.errors) == {"held_on", "duration_minutes", "mentee_signed_on"}
        with pytest.raises(ValidationError) as caught:
            meetings.record_meeting(
                s,
                match_id,
                MeetingDetails(
                    held_on=date(2026, 6, 2),
                    duration_minutes=60,
                    copy_to_mentor_on=date(2026, 6, 1),
                ),
                LOGGED_ON,
            )
        assert set(caught.value.errors) == {"copy_to_mentor_on"}
        # An e-mail needs no duration.
        meetings.record_meeting(
            s,
            match_id,
            MeetingDetails(held_on=date(2026, 6, 2), mode=MeetingMode.MESSAGE),
            LOGGED_ON,
        )
        rules = meetings.new_meeting_form(s, match_id, LOGGED_ON).rules
    assert (rules.min_minutes, rules.max_minutes) == (60, 120)  # the programme's defaults
    assert "Shorter" in meetings.duration_warning(30, rules, MeetingMode.TELEPHONE)
    assert "Longer" in meetings.duration_warning(180, rules, MeetingMode.FACE_TO_FACE)
    assert meetings.duration_warning(60, rules, MeetingMode.VIDEO) == ""
    assert meetings.duration_warning(5, rules, MeetingMode.MESSAGE) == ""


def test_drafts_are_kept_and_cleared_when_the_log_is_saved(db: Database) -> None:
    with db.session() as s:
        match_id = make_match(s)
        key = meetings.draft_key(match_id, None)
        typed = MeetingDetails(held_on=date(2026, 6, 3), duration_minutes=50, place="Wee Acorns")
        meetings.save_draft(s, key, typed.to_draft())
    with db.session() as s:
        draft = meetings.load_draft(s, key)
        assert draft is not None
        data, _saved_at = draft
        assert MeetingDetails.from_draft(data) == typed
        # Drafts never show in the list.
        programme_id = only_programme(s)
        assert meetings.meeting_log_ids(s, programme_id) == []
        meetings.record_meeting(s, match_id, MeetingDetails.from_draft(data), LOGGED_ON)
    with db.session() as s:
        assert s.scalar(select(FormDraft)) is None


def test_the_list_filters_by_name_mode_and_follow_up(db: Database) -> None:
    with db.session() as s:
        amy = make_match(s)
        zara = make_match(s, ("Priya", "Sharma"), ("Zara", "Ahmed"))
        programme_id = only_programme(s)
        meetings.record_meeting(
            s, amy, MeetingDetails(held_on=date(2026, 2, 2), duration_minutes=60), LOGGED_ON
        )
        meetings.record_meeting(
            s,
            zara,
            MeetingDetails(
                held_on=date(2026, 3, 2),
                mode=MeetingMode.VIDEO,
                duration_minutes=60,
                mentee_signed_on=date(2026, 3, 2),
                mentor_signed_on=date(2026, 3, 2),
                copy_to_mentor_on=date(2026, 3, 4),
            ),
            LOGGED_ON,
        )
    with db.session() as s:
        everything = meetings.meeting_log_ids(s, programme_id)
        assert len(everything) == 2
        rows = meetings.meeting_rows(s, everything, LOGGED_ON)
        assert [r.mentee_name for r in rows] == ["Zara Ahmed", "Amy Johnstone"]  # newest first
        assert rows[0].signed_by_both and not rows[1].signed_by_both
        assert len(meetings.meeting_log_ids(s, programme_id, MeetingFilter(text="sharma"))) == 1
        assert len(meetings.meeting_log_ids(s, programme_id, MeetingFilter(text="amy john"))) == 1
        assert meetings.meeting_log_ids(s, programme_id, MeetingFilter(mode=MeetingMode.VIDEO)) == [
            rows[0].id
        ]
        assert meetings.meeting_log_ids(s, programme_id, MeetingFilter(needs_follow_up=True)) == [
            rows[1].id
        ]


def test_private_notes_only_in_the_export_when_asked_for(db: Database) -> None:
    secret = "Mentee mentioned a family illness"
    with db.session() as s:
        match_id = make_match(s)
        programme_id = only_programme(s)
        meeting_id = created(
            meetings.record_meeting(
                s,
                match_id,
                MeetingDetails(held_on=date(2026, 2, 2), duration_minutes=60, private_note=secret),
                LOGGED_ON,
            )
        )
    with db.session() as s:
        assert meetings.private_note(s, meeting_id) == secret
        plain = meetings.meetings_csv(s, programme_id)
        assert secret not in plain and "Private note" not in plain
        assert "Amy Johnstone" in plain
        assert secret in meetings.meetings_csv(s, programme_id, include_private_notes=True)
        assert all(secret not in str(r) for r in meetings.meeting_rows(s, [meeting_id], LOGGED_ON))


def test_the_in_memory_index_filters_like_the_database(demo_db: Database) -> None:
    with demo_db.session() as s:
        programme_id = s.execute(select(Match.programme_id).limit(1)).scalar_one()
        index = meetings.meeting_log_index(s, programme_id)
        for f in (
            MeetingFilter(),
            MeetingFilter(text="amy"),
            MeetingFilter(text="SEÒNAID"),  # case does not matter, accents kept
            MeetingFilter(text="leith"),  # a place
            MeetingFilter(mode=MeetingMode.TELEPHONE),
            MeetingFilter(needs_follow_up=True),
            MeetingFilter(text="fiona", mode=MeetingMode.FACE_TO_FACE),
        ):
            found = index.filter(f)
            assert found, f
            if f.text != "SEÒNAID":  # SQLite's lower() leaves non-ASCII letters alone
                assert found == meetings.meeting_log_ids(s, programme_id, f), f
