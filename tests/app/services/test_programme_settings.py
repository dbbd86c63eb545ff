"""Programme rules: sensible defaults, ranges refused with the reason, and saving them."""

from __future__ import annotations

import pytest

from app.model import MentoringType, Programme
from app.model.programme import ProgrammeModel, SupportContactRule
from app.services.errors import ValidationError
from app.services.programme_settings import (
    ProgrammeRules,
    get_rules,
    update_rules,
    validate_rules,
)
from app.storage import Database


def _programme(db: Database) -> int:
    with db.session() as s:
        p = Programme(name="Little Steps", organisation="Wee Acorns Nursery")
        s.add(p)
        s.flush()
        return p.id


def test_the_defaults_follow_the_standards_and_pass() -> None:
    rules = ProgrammeRules()
    assert validate_rules(rules) == {}
    assert rules.references_required == 2
    assert rules.min_training_hours == 2
    assert rules.support_contact_rule is SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY


def test_a_group_of_six_is_refused_with_the_reason() -> None:
    errors = validate_rules({"mentoring_type": MentoringType.GROUP, "max_mentees_per_mentor": 6})
    message = errors["max_mentees_per_mentor"]
    assert "at most 4 mentees" in message
    assert "enough" in message
    assert validate_rules({"mentoring_type": MentoringType.TEAM, "max_mentees_per_mentor": 4}) == {}


def test_one_to_one_means_one_mentee_and_a_group_means_at_least_two() -> None:
    assert "one mentee" in validate_rules({"max_mentees_per_mentor": 2})["max_mentees_per_mentor"]
    group_of_one = {"mentoring_type": MentoringType.GROUP, "max_mentees_per_mentor": 1}
    assert "at least 2" in validate_rules(group_of_one)["max_mentees_per_mentor"]


@pytest.mark.parametrize("months", [2, 7])
def test_reviews_come_every_three_to_six_months(months: int) -> None:
    message = validate_rules({"review_interval_months": months})["review_interval_months"]
    assert "3 to 6 months" in message


@pytest.mark.parametrize("months", [3, 6])
def test_review_interval_edges_are_allowed(months: int) -> None:
    assert validate_rules({"review_interval_months": months}) == {}


def test_review_cannot_come_after_the_relationship_ends() -> None:
    errors = validate_rules({"relationship_months": 4, "review_interval_months": 6})
    assert "after the relationship ends" in errors["review_interval_months"]


def test_longest_meeting_cannot_be_shorter_than_the_shortest() -> None:
    errors = validate_rules({"min_meeting_minutes": 90, "max_meeting_minutes": 60})
    assert "90 minutes" in errors["max_meeting_minutes"]
    assert validate_rules({"min_meeting_minutes": 60, "max_meeting_minutes": 60}) == {}


def test_words_and_out_of_range_numbers_are_explained() -> None:
    errors = validate_rules({"relationship_months": "twelve", "references_required": 9})
    assert errors["relationship_months"] == "Enter a whole number."
    assert "between 0 and 5" in errors["references_required"]


def test_matching_needs_at_least_one_criterion_and_weights_up_to_five() -> None:
    off = dict.fromkeys(ProgrammeRules().matching_weights, 0)
    assert "at least one criterion" in validate_rules({"matching_weights": off})["matching_weights"]
    too_heavy = {**off, "locality": 9}
    assert (
        "0 (not used) to 5" in validate_rules({"matching_weights": too_heavy})["matching_weights"]
    )


def test_a_partnership_lists_its_partners() -> None:
    errors = validate_rules({"programme_model": ProgrammeModel.SHARED_PARTNERSHIP})
    assert "partner organisations" in errors["partner_organisations"]


def test_update_rules_saves_a_valid_change(db: Database) -> None:
    pid = _programme(db)
    with db.session() as s:
        changes = update_rules(
            s,
            pid,
            {
                "mentoring_type": MentoringType.GROUP,
                "max_mentees_per_mentor": 3,
                "relationship_months": 18,
                "support_contact_rule": SupportContactRule.CUSTOM,
                "custom_contacts_first_month": 3,
            },
        )
    assert changes.programmes and changes.framework
    with db.session() as s:
        rules = get_rules(s, pid)
    assert rules.mentoring_type is MentoringType.GROUP
    assert rules.max_mentees_per_mentor == 3
    assert rules.relationship_months == 18
    assert rules.custom_contacts_first_month == 3


def test_update_rules_refuses_a_group_of_six_and_changes_nothing(db: Database) -> None:
    pid = _programme(db)
    with pytest.raises(ValidationError) as refused, db.session() as s:
        update_rules(s, pid, {"mentoring_type": MentoringType.GROUP, "max_mentees_per_mentor": 6})
    assert "max_mentees_per_mentor" in refused.value.errors
    with db.session() as s:
        assert get_rules(s, pid).mentoring_type is MentoringType.ONE_TO_ONE


def test_choices_given_as_plain_strings_are_understood() -> None:
    errors = validate_rules({"programme_model": "shared_partnership", "mentoring_type": "group"})
    assert "partner organisations" in errors["partner_organisations"]
    assert "at least 2" in errors["max_mentees_per_mentor"]


def test_the_rules_defaults_are_the_programmes_own() -> None:
    """One source of truth: a new programme's column defaults are the rules' defaults."""
    from app.model import Programme
    from app.services.programme_settings import rules_of

    assert rules_of(Programme(name="New", organisation="Org")) == ProgrammeRules()
