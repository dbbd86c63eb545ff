"""Matching on the records: the board, proposing (and each block refusing with its reason),
the risk assessment, the introduction, the agreement and its signatures, and later changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

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
from app.services import matching
from app.services.errors import ActionRefused, ValidationError
from app.storage import Database

TODAY = date(2026, 11, 23)


def participants(s, programme_id: int, role: Role) -> list[int]:  # type: ignore[no-untyped-def]
    return list(
        s.scalars(
            select(Participant.id)
            .where(Participant.programme_id == programme_id, Participant.role == role)
            .order_by(Participant.id)
        )
    )


def main_programme(s) -> int:  # type: ignore[no-untyped-def]
    return s.scalar(select(Programme.id).where(Programme.name.like("Growing%")))


def test_the_board_shows_waiting_mentees_mentors_and_open_matches(demo_db: Database) -> None:
    with demo_db.session() as s:
        pid = main_programme(s)
        board = matching.board(s, pid, TODAY)
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


def test_proposing_records_who_and_when(db: Database) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        changes = matching.propose_match(s, pid, mentor, mentee, TODAY, "Seonag")
        match = s.get(Match, changes.created_id)
        assert match.status is MatchStatus.PROPOSED and match.proposed_on == TODAY
        history = matching.match_details(s, match.id).history
        assert [(h.on, h.text, h.by) for h in history] == [(TODAY, "Proposed", "Seonag")]
        assert matching.match_details(s, match.id).next_step == "Record the risk assessment."


def test_a_mentor_with_no_place_left_is_refused_with_the_reason(demo_db: Database) -> None:
    with demo_db.session() as s:
        pid = main_programme(s)
        mentors, mentees = participants(s, pid, Role.MENTOR), participants(s, pid, Role.MENTEE)
        with pytest.raises(ActionRefused, match="no place left"):
            matching.propose_match(s, pid, mentors[0], mentees[15], TODAY)
        fit = matching.explain(s, pid, mentors[0], mentees[15], TODAY)
        assert [b.kind for b in fit.blocks] == ["no_capacity"]


def test_an_existing_match_between_the_two_is_refused(demo_db: Database) -> None:
    with demo_db.session() as s:
        pid = main_programme(s)
        mentors, mentees = participants(s, pid, Role.MENTOR), participants(s, pid, Role.MENTEE)
        with pytest.raises(ActionRefused, match="already have a match"):
            matching.propose_match(s, pid, mentors[10], mentees[12], TODAY)


NO_SCREENING = {
    "require_application": False,
    "require_interview": False,
    "references_required": 0,
    "require_pvg": False,
    "min_training_hours": 0,
    "require_mentee_induction": False,
    "require_code_of_conduct": False,
}


def make_programme(  # type: ignore[no-untyped-def]
    s, mentors: int, mentees: int, kind=MentoringType.ONE_TO_ONE, max_mentees: int = 1
):
    """A programme whose screening steps are all switched off, so everyone is ready."""
    programme = Programme(
        name="Test programme",
        organisation="Network",
        mentoring_type=kind,
        max_mentees_per_mentor=max_mentees,
        **NO_SCREENING,
    )
    s.add(programme)
    people = []
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


def _new_pair(s):  # type: ignore[no-untyped-def]
    pid, (mentor,), (mentee,) = make_programme(s, 1, 1)
    return pid, mentor, mentee


def test_a_pair_whose_match_ended_badly_is_never_proposed_again(db: Database) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        match_id = matching.propose_match(
            s, pid, mentor, mentee, TODAY - timedelta(days=9)
        ).created_id
        matching.record_risk_assessment(
            s, match_id, matching.RiskDetails(TODAY - timedelta(days=8), "None found.", "")
        )
        matching.record_introduction(
            s,
            match_id,
            matching.IntroductionDetails(
                TODAY - timedelta(days=2), "Seonag Morrison", IntroductionOutcome.NOT_A_GOOD_FIT
            ),
            TODAY,
        )
        match = s.get(Match, match_id)
        assert match.status is MatchStatus.CLOSED
        assert match.ending_kind is EndingKind.NOT_A_GOOD_FIT
        waiting = matching.board(s, pid, TODAY).waiting[0]
        assert waiting.reason.startswith("An earlier match ended on 21/11/2026.")
        assert "ruled out" in waiting.reason
        with pytest.raises(ActionRefused, match="ended badly"):
            matching.propose_match(s, pid, mentor, mentee, TODAY)
        assert all(
            (p.mentor_id, p.mentee_id) != (mentor, mentee)
            for p in matching.suggestions(s, pid, TODAY)
        )


def test_a_good_ending_does_not_block_a_new_match(db: Database) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        match_id = matching.propose_match(s, pid, mentor, mentee, TODAY).created_id
        matching.change_status(
            s,
            match_id,
            MatchStatus.CLOSED,
            TODAY,
            TODAY,
            "",
            "Mentee changed jobs.",
            EndingKind.EARLY,
        )
        assert matching.propose_match(s, pid, mentor, mentee, TODAY).created_id


def test_group_mentoring_keeps_to_one_mentor_for_four(db: Database) -> None:
    with db.session() as s:
        pid, (mentor,), mentees = make_programme(s, 1, 5, MentoringType.GROUP, 6)
        for mentee in mentees[:4]:
            matching.propose_match(s, pid, mentor, mentee, TODAY)
        with pytest.raises(ActionRefused, match="at most 4 mentees"):
            matching.propose_match(s, pid, mentor, mentees[4], TODAY)
        board = matching.board(s, pid, TODAY)
        assert board.mentors[0].places == 4 and board.mentors[0].remaining == 0
        assert board.waiting[0].reason == "Every mentor's places are taken."


def test_suggestions_respect_places_and_blocks(db: Database) -> None:
    with db.session() as s:
        pid, mentors, mentees = make_programme(s, 2, 9, MentoringType.GROUP, 3)
        matching.propose_match(s, pid, mentors[0], mentees[0], TODAY)
        pairs = matching.suggestions(s, pid, TODAY)
    per_mentor = {m: sum(p.mentor_id == m for p in pairs) for m in mentors}
    assert per_mentor == {mentors[0]: 2, mentors[1]: 3}
    assert mentees[0] not in {p.mentee_id for p in pairs}


def test_the_whole_lifecycle_to_an_active_match_and_on(db: Database) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        start = TODAY - timedelta(days=20)
        match_id = matching.propose_match(s, pid, mentor, mentee, start, "Seonag").created_id

        intro = matching.IntroductionDetails(
            start + timedelta(days=5), "Seonag", IntroductionOutcome.GO_AHEAD
        )
        with pytest.raises(ActionRefused, match="risk assessment"):
            matching.record_introduction(s, match_id, intro, TODAY)
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
        matching.record_introduction(s, match_id, intro, TODAY, "Seonag")
        assert s.get(Match, match_id).status is MatchStatus.INTRODUCED

        defaults = matching.agreement_details(s, match_id, start + timedelta(days=6))
        assert defaults.mentor_role and defaults.mentee_role and not defaults.issues
        assert defaults.review_on == date(2027, 2, 9)  # three months on: the programme's rule
        bad = matching.AgreementDetails("", "", "", start, start + timedelta(days=400))
        with pytest.raises(ValidationError) as invalid:
            matching.draw_up_agreement(s, match_id, bad, TODAY)
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
            TODAY,
        )
        signed_on = start + timedelta(days=6)
        matching.record_signatures(
            s, match_id, matching.Signatures(signed_on, signed_on, None), TODAY
        )
        assert s.get(Match, match_id).status is MatchStatus.INTRODUCED
        with pytest.raises(
            ActionRefused, match="signed by the mentor, the mentee and the coordinator"
        ):
            matching.change_status(s, match_id, MatchStatus.ACTIVE, TODAY, TODAY)
        matching.record_signatures(
            s,
            match_id,
            matching.Signatures(signed_on, signed_on, signed_on + timedelta(days=1)),
            TODAY,
            "Seonag",
        )
        match = s.get(Match, match_id)
        assert match.status is MatchStatus.ACTIVE
        assert match.started_on == signed_on + timedelta(days=1)
        assert match.planned_end_on == date(2027, 11, 10)  # 12 months, the programme's length

        matching.change_status(s, match_id, MatchStatus.PAUSED, TODAY, TODAY, "Seonag", "Illness")
        matching.change_status(s, match_id, MatchStatus.ACTIVE, TODAY, TODAY, "Seonag")
        with pytest.raises(ValidationError) as invalid:
            matching.change_status(s, match_id, MatchStatus.CLOSED, TODAY, TODAY)
        assert set(invalid.value.errors) == {"ending", "note"}
        with pytest.raises(ValidationError):
            matching.change_status(
                s, match_id, MatchStatus.ENDING, TODAY + timedelta(days=1), TODAY
            )
        matching.change_status(
            s,
            match_id,
            MatchStatus.CLOSED,
            TODAY,
            TODAY,
            "Seonag",
            "Goals met.",
            EndingKind.PLANNED,
        )
        with pytest.raises(ActionRefused, match="cannot become"):
            matching.change_status(s, match_id, MatchStatus.ACTIVE, TODAY, TODAY)
        history = matching.match_details(s, match_id).history
        assert [h.text for h in history] == [
            "Proposed",
            "Proposed to Introduced",
            "Introduced to Active",
            "Active to Paused",
            "Paused to Active",
            "Active to Closed",
        ]
        assert all(h.by == "Seonag" for h in history)
        assert history[3].note == "Illness"


def test_a_proposal_can_be_taken_back_only_before_anything_is_recorded(db: Database) -> None:
    with db.session() as s:
        pid, mentor, mentee = _new_pair(s)
        first = matching.propose_match(s, pid, mentor, mentee, TODAY).created_id
        matching.withdraw_proposal(s, first)
        assert s.get(Match, first) is None
        assert not s.scalar(
            select(func.count())
            .select_from(MatchStatusChange)
            .where(MatchStatusChange.match_id == first)
        )
        second = matching.propose_match(s, pid, mentor, mentee, TODAY).created_id
        matching.record_risk_assessment(s, second, matching.RiskDetails(TODAY, "None.", ""))
        with pytest.raises(ActionRefused, match="Close it instead"):
            matching.withdraw_proposal(s, second)


def test_priority_puts_a_mentee_first_on_the_waiting_list(demo_db: Database) -> None:
    with demo_db.session() as s:
        pid = main_programme(s)
        last = matching.waiting_list(s, pid, TODAY)[-1]
        matching.set_priority(s, last.participant_id, True, "Returning from leave", TODAY)
        rows = matching.waiting_list(s, pid, TODAY)
        marked = next(i for i, w in enumerate(rows) if w.participant_id == last.participant_id)
        assert all(w.priority for w in rows[: marked + 1])
        assert rows[marked].priority_note == "Returning from leave"
        matching.set_priority(s, last.participant_id, False, "", TODAY)
        assert matching.waiting_list(s, pid, TODAY)[-1].participant_id == last.participant_id


def test_readiness_gaps_from_screening_refuse_a_match(db: Database) -> None:
    with db.session() as s:
        pid, (mentor,), (mentee,) = make_programme(s, 1, 1)
        s.get(Programme, pid).require_application = True
        s.get(Participant, mentor).application_on = TODAY
        with pytest.raises(ActionRefused, match="not ready to be matched yet: No application"):
            matching.propose_match(s, pid, mentor, mentee, TODAY)
        row = matching.board(s, pid, TODAY).waiting[0]
        assert not row.ready and "No application form received" in row.reason
        s.get(Participant, mentee).application_on = TODAY
        assert matching.propose_match(s, pid, mentor, mentee, TODAY).created_id


def test_a_line_manager_recorded_by_id_or_by_name_cannot_mentor(db: Database) -> None:
    with db.session() as s:
        pid, (boss, other), (mentee, second) = make_programme(s, 2, 2)
        boss_person = s.get(Participant, boss).person
        s.get(Participant, mentee).person.line_manager_id = boss_person.id
        s.get(Participant, second).person.line_manager_name = "  p1   TEST "
        with pytest.raises(ActionRefused, match="line manager"):
            matching.propose_match(s, pid, boss, mentee, TODAY)
        with pytest.raises(ActionRefused, match="line manager"):
            matching.propose_match(s, pid, other, second, TODAY)
        pairs = {(p.mentee_id, p.mentor_id) for p in matching.suggestions(s, pid, TODAY)}
        assert pairs == {(mentee, other), (second, boss)}


def test_people_who_have_left_are_not_on_the_board(db: Database) -> None:
    from app.model.person import Stage

    with db.session() as s:
        pid, _mentors, (mentee, gone) = make_programme(s, 1, 2)
        s.get(Participant, gone).stage = Stage.WITHDRAWN
        assert [w.participant_id for w in matching.board(s, pid, TODAY).waiting] == [mentee]
