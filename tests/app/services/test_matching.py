"""Matching on the records: the board, proposing (and each block refusing with its reason),
the risk assessment, the introduction, the agreement and its signatures, and later changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model import (
    EndingKind,
    IntroductionOutcome,
    Match,
    MatchStatus,
    MatchStatusChange,
    MentoringType,
    Participant,
    Person,
    Programme,
    Role,
)
from app.services import endings, matching
from app.services.changes import Changes
from app.services.errors import ActionRefused, ValidationError
from app.storage import Database
from tests.app.closures import complete_closure


def created(changes: Changes) -> int:
    """The id of the record an action created (it must have created one)."""
    assert changes.created_id is not None
    return changes.created_id


def participants(s: Session, programme_id: int, role: Role) -> list[int]:
    return list(
        s.scalars(
            select(Participant.id)
            .where(Participant.programme_id == programme_id, Participant.role == role)
            .order_by(Participant.id)
        )
    )


def main_programme(s: Session) -> int:
    return s.scalars(select(Programme.id).where(Programme.name.like("Growing%"))).one()


def test_the_board_shows_waiting_mentees_mentors_and_open_matches(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        pid = main_programme(s)
        board = matching.board(s, pid, today)
        mentees = participants(s, pid, Role.MENTEE)
    waiting = {w.participant_id for w in board.waiting}
    # Nobody with an open match waits; the first mentees never matched do.
    assert not waiting & set(mentees[:10] + mentees[12:14])
    assert {mentees[14], mentees[15]} <= waiting
    assert board.waiting[0].participant_id == mentees[14]  # the demo's priority
    assert all(w.reason for w in board.waiting)
    rest = [w.days_waiting for w in board.waiting if w.ready and not w.priority]
    assert rest == sorted(rest, reverse=True)
    assert len(board.matches) == 12  # every open match, closed ones left out
    assert {m.status for m in board.matches} >= {MatchStatus.PROPOSED, MatchStatus.ACTIVE}
    assert all(m.places == 1 for m in board.mentors)


def test_proposing_records_who_and_when(db: Database, today: date) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        changes = matching.propose_match(s, pid, mentor, mentee, today, "Seonag")
        match = s.get_one(Match, created(changes))
        assert match.status is MatchStatus.PROPOSED and match.proposed_on == today
        history = matching.match_details(s, match.id).history
        assert [(h.on, h.text, h.by) for h in history] == [(today, "Proposed", "Seonag")]
        assert matching.match_details(s, match.id).next_step == "Record the risk assessment."


def test_a_mentor_with_no_place_left_is_refused_with_the_reason(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        pid = main_programme(s)
        mentors, mentees = participants(s, pid, Role.MENTOR), participants(s, pid, Role.MENTEE)
        with pytest.raises(ActionRefused, match="no place left"):
            matching.propose_match(s, pid, mentors[0], mentees[15], today)
        fit = matching.explain(s, pid, mentors[0], mentees[15], today)
        assert [b.kind for b in fit.blocks] == ["no_capacity"]


def test_an_existing_match_between_the_two_is_refused(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        pid = main_programme(s)
        mentors, mentees = participants(s, pid, Role.MENTOR), participants(s, pid, Role.MENTEE)
        with pytest.raises(ActionRefused, match="already have a match"):
            matching.propose_match(s, pid, mentors[10], mentees[12], today)


NO_SCREENING = {
    "require_application": False,
    "require_interview": False,
    "references_required": 0,
    "require_pvg": False,
    "min_training_hours": 0,
    "require_mentee_induction": False,
    "require_code_of_conduct": False,
}


def make_programme(
    s: Session,
    mentors: int,
    mentees: int,
    kind: MentoringType = MentoringType.ONE_TO_ONE,
    max_mentees: int = 1,
) -> tuple[int, list[int], list[int]]:
    """A programme whose screening steps are all switched off, so everyone is ready."""
    programme = Programme(
        name="Test programme",
        organisation="Network",
        mentoring_type=kind,
        max_mentees_per_mentor=max_mentees,
        **NO_SCREENING,
    )
    s.add(programme)
    people: list[Person] = []
    for i in range(mentors + mentees):
        person = Person(first_name=f"P{i}", last_name="Test")
        person.roles.append(
            Participant(programme=programme, role=Role.MENTOR if i < mentors else Role.MENTEE)
        )
        people.append(person)
    s.add_all(people)
    s.flush()
    return (
        programme.id,
        [p.roles[0].id for p in people[:mentors]],
        [p.roles[0].id for p in people[mentors:]],
    )


def _new_pair(s: Session) -> tuple[int, int, int]:
    pid, (mentor,), (mentee,) = make_programme(s, 1, 1)
    return pid, mentor, mentee


def test_a_pair_whose_match_ended_badly_is_never_proposed_again(db: Database, today: date) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        match_id = created(
            matching.propose_match(s, pid, mentor, mentee, today - timedelta(days=9))
        )
        matching.record_risk_assessment(
            s, match_id, matching.RiskDetails(today - timedelta(days=8), "None found.", "")
        )
        introduced_on = today - timedelta(days=2)
        matching.record_introduction(
            s,
            match_id,
            matching.IntroductionDetails(
                introduced_on, "Seonag Morrison", IntroductionOutcome.NOT_A_GOOD_FIT
            ),
            today,
        )
        match = s.get_one(Match, match_id)
        assert match.status is MatchStatus.CLOSED
        assert match.ending_kind is EndingKind.NOT_A_GOOD_FIT
        waiting = matching.board(s, pid, today).waiting[0]
        assert waiting.reason.startswith(f"An earlier match ended on {introduced_on:%d/%m/%Y}.")
        assert "No mentor with a free place can be matched with them" in waiting.reason
        with pytest.raises(ActionRefused, match="ended badly"):
            matching.propose_match(s, pid, mentor, mentee, today)
        assert all(
            (p.mentor_id, p.mentee_id) != (mentor, mentee)
            for p in matching.suggestions(s, pid, today)
        )


def test_a_good_ending_does_not_block_a_new_match(db: Database, today: date) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        match_id = created(matching.propose_match(s, pid, mentor, mentee, today))
        matching.change_status(
            s,
            match_id,
            MatchStatus.CLOSED,
            today,
            today,
            "",
            "Mentee changed jobs.",
            EndingKind.EARLY,
        )
        assert created(matching.propose_match(s, pid, mentor, mentee, today))


def test_group_mentoring_keeps_to_one_mentor_for_four(db: Database, today: date) -> None:
    with db.session() as s:
        pid, (mentor,), mentees = make_programme(s, 1, 5, MentoringType.GROUP, 6)
        for mentee in mentees[:4]:
            matching.propose_match(s, pid, mentor, mentee, today)
        with pytest.raises(ActionRefused, match="at most 4 mentees"):
            matching.propose_match(s, pid, mentor, mentees[4], today)
        board = matching.board(s, pid, today)
        assert board.mentors[0].places == 4 and board.mentors[0].remaining == 0
        assert board.waiting[0].reason == "Every mentor's places are taken."


def test_suggestions_respect_places_and_blocks(db: Database, today: date) -> None:
    with db.session() as s:
        pid, mentors, mentees = make_programme(s, 2, 9, MentoringType.GROUP, 3)
        matching.propose_match(s, pid, mentors[0], mentees[0], today)
        pairs = matching.suggestions(s, pid, today)
    per_mentor = {m: sum(p.mentor_id == m for p in pairs) for m in mentors}
    assert per_mentor == {mentors[0]: 2, mentors[1]: 3}
    assert mentees[0] not in {p.mentee_id for p in pairs}


def test_the_whole_lifecycle_to_an_active_match_and_on(db: Database, today: date) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        start = today - timedelta(days=20)
        match_id = created(matching.propose_match(s, pid, mentor, mentee, start, "Seonag"))

        intro = matching.IntroductionDetails(
            start + timedelta(days=5), "Seonag", IntroductionOutcome.GO_AHEAD
        )
        with pytest.raises(ActionRefused, match="risk assessment"):
            matching.record_introduction(s, match_id, intro, today)
        with pytest.raises(ValidationError) as invalid:
            matching.record_risk_assessment(s, match_id, matching.RiskDetails(None, "", ""))
        assert set(invalid.value.errors) == {"assessed_on", "risks"}
        matching.record_risk_assessment(
            s,
            match_id,
            matching.RiskDetails(
                start + timedelta(days=1), "Lone working at first meeting.", "Meet at the centre."
            ),
        )
        matching.record_introduction(s, match_id, intro, today, "Seonag")
        assert s.get_one(Match, match_id).status is MatchStatus.INTRODUCED

        defaults = matching.agreement_details(s, match_id, start + timedelta(days=6))
        assert defaults.mentor_role and defaults.mentee_role and not defaults.issues
        assert defaults.review_on == date(2027, 2, 9)  # three months on: the programme's rule
        bad = matching.AgreementDetails("", "", "", start, start + timedelta(days=400))
        with pytest.raises(ValidationError) as invalid:
            matching.draw_up_agreement(s, match_id, bad, today)
        assert set(invalid.value.errors) == {"issues", "mentor_role", "mentee_role", "review_on"}
        assert "(three to six months on)" in invalid.value.errors["review_on"]
        matching.draw_up_agreement(
            s,
            match_id,
            matching.AgreementDetails(
                "Confidence leading a room",
                defaults.mentor_role,
                defaults.mentee_role,
                start + timedelta(days=6),
                start + timedelta(days=6 + 92),
            ),
            today,
        )
        signed_on = start + timedelta(days=6)
        matching.record_signatures(
            s, match_id, matching.Signatures(signed_on, signed_on, None), today
        )
        assert s.get_one(Match, match_id).status is MatchStatus.INTRODUCED
        with pytest.raises(
            ActionRefused, match="the mentor, the mentee and the coordinator have all signed"
        ):
            matching.change_status(s, match_id, MatchStatus.ACTIVE, today, today)
        matching.record_signatures(
            s,
            match_id,
            matching.Signatures(signed_on, signed_on, signed_on + timedelta(days=1)),
            today,
            "Seonag",
        )
        match = s.get_one(Match, match_id)
        assert match.status is MatchStatus.ACTIVE
        assert match.started_on == signed_on + timedelta(days=1)
        assert match.planned_end_on == date(2027, 11, 10)  # 12 months, the programme's length

        matching.change_status(s, match_id, MatchStatus.PAUSED, today, today, "Seonag", "Illness")
        matching.change_status(s, match_id, MatchStatus.ACTIVE, today, today, "Seonag")
        with pytest.raises(ValidationError) as invalid:
            matching.change_status(s, match_id, MatchStatus.CLOSED, today, today)
        assert set(invalid.value.errors) == {"ending", "note"}
        with pytest.raises(ValidationError):
            matching.change_status(
                s, match_id, MatchStatus.ENDING, today + timedelta(days=1), today
            )
        with pytest.raises(ActionRefused, match="Start the ending"):
            matching.change_status(
                s,
                match_id,
                MatchStatus.CLOSED,
                today,
                today,
                "Seonag",
                "Goals met.",
                EndingKind.PLANNED,
            )
        endings.begin_ending(s, match_id, today, "Seonag")
        endings.save_closure(s, match_id, complete_closure(today), today)
        endings.close_match(s, match_id, today, "Seonag")
        with pytest.raises(ActionRefused, match="cannot become"):
            matching.change_status(s, match_id, MatchStatus.ACTIVE, today, today)
        history = matching.match_details(s, match_id).history
        assert [h.text for h in history] == [
            "Proposed",
            "Proposed to Introduced",
            "Introduced to Active",
            "Active to Paused",
            "Paused to Active",
            "Active to Ending",
            "Ending to Closed",
        ]
        assert all(h.by == "Seonag" for h in history)
        assert history[3].note == "Illness"


def test_a_proposal_can_be_taken_back_only_before_anything_is_recorded(
    db: Database, today: date
) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        first = created(matching.propose_match(s, pid, mentor, mentee, today))
        matching.withdraw_proposal(s, first)
        assert s.get(Match, first) is None
        assert not s.scalar(
            select(func.count())
            .select_from(MatchStatusChange)
            .where(MatchStatusChange.match_id == first)
        )
        second = created(matching.propose_match(s, pid, mentor, mentee, today))
        matching.record_risk_assessment(s, second, matching.RiskDetails(today, "None.", ""))
        with pytest.raises(ActionRefused, match="Close it instead"):
            matching.withdraw_proposal(s, second)


def test_priority_puts_a_mentee_first_on_the_waiting_list(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        pid = main_programme(s)
        last = matching.waiting_list(s, pid, today)[-1]
        matching.set_priority(s, last.participant_id, True, "Returning from leave", today)
        rows = matching.waiting_list(s, pid, today)
        marked = next(i for i, w in enumerate(rows) if w.participant_id == last.participant_id)
        assert all(w.priority for w in rows[: marked + 1])
        assert rows[marked].priority_note == "Returning from leave"
        matching.set_priority(s, last.participant_id, False, "", today)
        assert matching.waiting_list(s, pid, today)[-1].participant_id == last.participant_id


def test_readiness_gaps_from_screening_refuse_a_match(db: Database, today: date) -> None:
    with db.session() as s:
        pid, (mentor,), (mentee,) = make_programme(s, 1, 1)
        s.get_one(Programme, pid).require_application = True
        s.get_one(Participant, mentor).application_on = today
        with pytest.raises(ActionRefused, match="not ready to be matched yet: No application"):
            matching.propose_match(s, pid, mentor, mentee, today)
        row = matching.board(s, pid, today).waiting[0]
        assert not row.ready and "No application form received" in row.reason
        s.get_one(Participant, mentee).application_on = today
        assert created(matching.propose_match(s, pid, mentor, mentee, today))


def test_a_line_manager_recorded_by_id_or_by_name_cannot_mentor(db: Database, today: date) -> None:
    with db.session() as s:
        pid, (boss, other), (mentee, second) = make_programme(s, 2, 2)
        boss_person = s.get_one(Participant, boss).person
        s.get_one(Participant, mentee).person.line_manager_id = boss_person.id
        s.get_one(Participant, second).person.line_manager_name = "  p1   TEST "
        with pytest.raises(ActionRefused, match="line manager"):
            matching.propose_match(s, pid, boss, mentee, today)
        with pytest.raises(ActionRefused, match="line manager"):
            matching.propose_match(s, pid, other, second, today)
        pairs = {(p.mentee_id, p.mentor_id) for p in matching.suggestions(s, pid, today)}
        assert pairs == {(mentee, other), (second, boss)}


def test_people_who_have_left_are_not_on_the_board(db: Database, today: date) -> None:
    from app.model.person import Stage

    with db.session() as s:
        pid, _mentors, (mentee, gone) = make_programme(s, 1, 2)
        s.get_one(Participant, gone).stage = Stage.WITHDRAWN
        assert [w.participant_id for w in matching.board(s, pid, today).waiting] == [mentee]
