"""The written policy: drafted from the template and the answers, approved, and versioned so
approved wording never changes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.model import PolicyPassage, PolicyVersion
from app.model.policy import ApprovedPolicyChanged
from app.services import framework, policy
from app.services.errors import ActionRefused, ValidationError
from app.services.programmes import ProgrammeDetails
from app.storage import Database

FILLED = {
    "purpose.definition": "a voluntary, confidential partnership in which we learn together.",
    "purpose.purpose": "Newly qualified staff need support in their first year.",
    "purpose.goals": "Keep new staff for two years\nHelp two managers finish the BA",
    "relationships.boundaries": "No social media contact.",
    "relationships.problems": "Either person speaks to the coordinator first.",
    "participants.roles": "The mentor listens; the mentee leads.",
}


def _programme(db: Database, answers: dict[str, str] | None = None) -> int:
    with db.session() as s:
        pid = framework.start_planning(
            s,
            ProgrammeDetails(
                name="Little Steps", organisation="Wee Acorns Nursery", coordinator="Ann Reid"
            ),
        ).created_id
        assert pid is not None
        for key, text in (answers if answers is not None else FILLED).items():
            framework.save_answer(s, pid, key, text)
    return pid


def test_a_draft_is_written_from_the_template_with_the_answers_and_rules(db: Database) -> None:
    pid = _programme(db)
    with db.session() as s:
        policy.write_draft(s, pid, today=date(2026, 9, 1))
    with db.session() as s:
        (draft,) = policy.versions(s, pid)
    assert draft.number == 1 and not draft.approved
    assert draft.title == "Wee Acorns Nursery Mentoring Policy"
    text = "\n".join(p.body for p in draft.passages)
    assert "Wee Acorns Nursery" in text
    assert FILLED["purpose.definition"] in text
    assert "- Keep new staff for two years" in text
    assert "12 months" in text and "every 3 months" in text
    assert "Ann Reid" in text
    assert draft.gaps() == []
    headings = [p.heading for p in draft.passages]
    assert "Mentoring, appraisal and performance management" in headings
    assert "Monitoring and review of this policy" in headings


def test_missing_answers_leave_gaps_that_block_approval(db: Database, today: date) -> None:
    pid = _programme(db, answers={})
    with db.session() as s:
        policy.write_draft(s, pid, today)
    with pytest.raises(ActionRefused) as refused, db.session() as s:
        policy.approve(s, pid, date(2026, 9, 1), "Owner", today=today)
    assert "About this policy" in str(refused.value)


def test_approving_then_editing_makes_version_2_and_version_1_stays_as_approved(
    db: Database, today: date
) -> None:
    pid = _programme(db)
    with db.session() as s:
        policy.write_draft(s, pid, today=date(2026, 9, 1))
    with db.session() as s:
        policy.approve(s, pid, date(2026, 9, 10), "Board of trustees", today=today)
    with db.session() as s:
        approved_text = {p.key: p.body for p in policy.versions(s, pid)[0].passages}

    with db.session() as s:
        changes = policy.edit_passage(s, pid, "about", "Our new wording.", today=date(2026, 11, 1))
    assert changes.framework

    with db.session() as s:
        v2, v1 = policy.versions(s, pid)
    assert (v2.number, v2.approved) == (2, False)
    assert {p.key: p.body for p in v2.passages}["about"] == "Our new wording."
    assert {p.key: p.body for p in v1.passages} == approved_text
    assert v1.approved_on == date(2026, 9, 10) and v1.approved_by == "Board of trustees"

    # A second edit changes the same draft rather than making a third version.
    with db.session() as s:
        policy.edit_passage(s, pid, "aims", "Changed aims.", today)
    with db.session() as s:
        assert [v.number for v in policy.versions(s, pid)] == [2, 1]


def test_approved_wording_cannot_be_changed_even_directly(db: Database, today: date) -> None:
    pid = _programme(db)
    with db.session() as s:
        policy.write_draft(s, pid, today)
        policy.approve(s, pid, date(2026, 9, 10), "Owner", today=today)
    with pytest.raises(ApprovedPolicyChanged), db.session() as s:
        passage = s.query(PolicyPassage).filter_by(key="about").one()
        passage.body = "Sneaky change"
        s.flush()
    with pytest.raises(ApprovedPolicyChanged), db.session() as s:
        s.query(PolicyVersion).one().approved_on = date(2026, 9, 11)
        s.flush()


def test_approval_needs_a_date_and_a_name_in_order(db: Database, today: date) -> None:
    pid = _programme(db)
    with db.session() as s:
        policy.write_draft(s, pid, today)
    with pytest.raises(ValidationError) as refused, db.session() as s:
        policy.approve(s, pid, None, "  ", today=today)
    assert set(refused.value.errors) == {"approved_on", "approved_by"}
    with db.session() as s:
        policy.approve(s, pid, date(2026, 9, 10), "Owner", today=today)
        policy.edit_passage(s, pid, "about", "New", today)
    with pytest.raises(ValidationError) as refused, db.session() as s:
        policy.approve(s, pid, date(2026, 9, 1), "Owner", today=today)
    assert "10/09/2026" in refused.value.errors["approved_on"]


def number_in_force(s: Session, programme_id: int, on: date) -> int | None:
    """The number of the version in force on a day, if any."""
    version = policy.policy_in_force(s, programme_id, on)
    return version.number if version is not None else None


def test_policy_in_force_on_a_day(db: Database, today: date) -> None:
    pid = _programme(db)
    with db.session() as s:
        assert number_in_force(s, pid, date(2026, 9, 1)) is None
        policy.write_draft(s, pid, today)
        policy.approve(s, pid, date(2026, 9, 10), "Owner", today=today)
        policy.edit_passage(s, pid, "about", "New", today)
        policy.approve(s, pid, date(2026, 11, 2), "Owner", today=today)
        policy.edit_passage(s, pid, "about", "Newer, still a draft", today)
    with db.session() as s:
        assert number_in_force(s, pid, date(2026, 9, 9)) is None
        assert number_in_force(s, pid, date(2026, 9, 10)) == 1
        assert number_in_force(s, pid, date(2026, 11, 1)) == 1
        assert number_in_force(s, pid, date(2026, 11, 2)) == 2
        assert number_in_force(s, pid, date(2027, 1, 1)) == 2
        assert policy.policy_reference(s, pid, date(2026, 10, 1)) == policy.PolicyRef(
            version=1, approved_on=date(2026, 9, 10)
        )
        assert policy.policy_reference(s, pid, date(2026, 1, 1)) is None


def test_template_wording_can_be_put_back(db: Database, today: date) -> None:
    pid = _programme(db)
    with db.session() as s:
        policy.write_draft(s, pid, today)
        draft = policy.current_draft(s, pid)
        assert draft is not None
        original = draft.passages[0].body
        policy.edit_passage(s, pid, "about", "Scribble", today)
        assert policy.template_wording(s, pid, "about") == original


def test_the_title_can_be_changed_but_not_emptied(db: Database, today: date) -> None:
    pid = _programme(db)
    with db.session() as s:
        policy.edit_title(s, pid, "Wee Acorns mentoring policy", today)
    with db.session() as s:
        draft = policy.current_draft(s, pid)
        assert draft is not None and draft.title == "Wee Acorns mentoring policy"
    with pytest.raises(ValidationError), db.session() as s:
        policy.edit_title(s, pid, " ", today)
