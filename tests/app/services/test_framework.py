"""Planning answers are kept as typed, progress is counted per section, and the programme can
be created from the wizard's first page."""

from __future__ import annotations

from datetime import date

import pytest

from app.model import Programme
from app.model.programme import ProgrammeStatus
from app.services import framework
from app.services.errors import ActionRefused
from app.services.programmes import ProgrammeDetails
from app.storage import Database


def test_eight_sections_each_with_questions_and_help() -> None:
    assert [s.key for s in framework.SECTIONS] == [
        "purpose",
        "support",
        "managing",
        "participants",
        "training",
        "relationships",
        "risk",
        "monitoring",
    ]
    for section in framework.SECTIONS:
        assert section.questions
        for question in section.questions:
            assert question.text.endswith("?")
            assert len(question.help) > 20


def test_start_planning_creates_a_programme_in_planning(db: Database) -> None:
    with db.session() as s:
        changes = framework.start_planning(
            s, ProgrammeDetails(name="Little Steps", organisation="Wee Acorns Nursery")
        )
    assert changes.created_id is not None
    with db.session() as s:
        programme = s.get_one(Programme, changes.created_id)
        assert programme.status is ProgrammeStatus.PLANNING
        state = framework.planning_state(s, programme.id)
    assert state.sections_complete == 0
    assert state.completed_on is None


def test_answers_are_kept_and_sections_count_towards_complete(db: Database) -> None:
    with db.session() as s:
        pid = framework.start_planning(s, ProgrammeDetails(name="P", organisation="O")).created_id
    assert pid is not None
    support = next(x for x in framework.SECTIONS if x.key == "support")
    with db.session() as s:
        for question in support.questions:
            framework.save_answer(s, pid, question.key, "We will ask the owner.")
        framework.save_answer(s, pid, "purpose.purpose", "New staff leave too soon.")
        framework.save_answer(s, pid, "purpose.goals", "   ")
        framework.save_step(s, pid, "section:purpose")
    with db.session() as s:
        state = framework.planning_state(s, pid)
        assert framework.answers(s, pid)["purpose.purpose"] == "New staff leave too soon."
    by_key = {x.key: x for x in state.sections}
    assert by_key["support"].complete and by_key["support"].status_text == "Complete"
    assert by_key["purpose"].status_text == "1 of 7 answered"
    assert by_key["risk"].status_text == "Not started"
    assert state.current_step == "section:purpose"
    assert state.sections_complete == 1


def test_an_unknown_question_is_refused(db: Database) -> None:
    with db.session() as s:
        pid = framework.start_planning(s, ProgrammeDetails(name="P", organisation="O")).created_id
    assert pid is not None
    with pytest.raises(ActionRefused), db.session() as s:
        framework.save_answer(s, pid, "purpose.nothing", "x")


def test_finishing_records_the_date_and_fills_an_empty_purpose(db: Database, today: date) -> None:
    with db.session() as s:
        pid = framework.start_planning(s, ProgrammeDetails(name="P", organisation="O")).created_id
        assert pid is not None
        framework.save_answer(s, pid, "purpose.purpose", "To keep new staff.")
    with db.session() as s:
        framework.finish_planning(s, pid, today=today)
    with db.session() as s:
        assert framework.planning_state(s, pid).completed_on == today
        assert s.get_one(Programme, pid).description == "To keep new staff."
