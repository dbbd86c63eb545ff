"""The policy template: every Tool C point covered, answers and rules filled in, gaps marked."""

from __future__ import annotations

from app.model.programme import MentoringType, ProgrammeModel, SupportContactRule
from app.policy_template import PASSAGE_KEYS, PolicyContext, gap_mark, title, write, write_one
from app.services.programme_settings import ProgrammeRules


def _text(ctx: PolicyContext) -> str:
    return "\n".join(body for _key, _heading, body in write(ctx))


def test_every_point_of_a_written_policy_has_a_passage() -> None:
    assert PASSAGE_KEYS == (
        "about",
        "aims",
        "relationship",
        "mentors",
        "mentees",
        "roles",
        "arrangements",
        "recognition",
        "appraisal",
        "conduct",
        "coordinator",
        "practice",
        "concerns",
        "review",
    )


def test_missing_answers_are_gaps_and_given_answers_are_filled_in() -> None:
    empty = _text(PolicyContext(organisation="Wee Acorns", programme="Little Steps"))
    assert empty.count(gap_mark()) == 6
    filled = _text(
        PolicyContext(
            organisation="Wee Acorns",
            programme="Little Steps",
            answers={"purpose.definition": "learning together.", "risk.policies": "A\nB"},
        )
    )
    assert "In Wee Acorns, mentoring means: learning together." in filled
    assert "- A\n- B" in filled
    assert filled.count(gap_mark()) == 5
    assert title(PolicyContext(organisation="Wee Acorns", programme="x")) == (
        "Wee Acorns Mentoring Policy"
    )


def test_rules_are_worded_in_the_arrangements() -> None:
    ctx = PolicyContext(
        organisation="O",
        programme="P",
        rules=ProgrammeRules(
            relationship_months=1,
            min_meetings_per_month=2,
            cancellation_notice_hours=48,
            references_required=0,
            require_pvg=False,
            support_contact_rule=SupportContactRule.CUSTOM,
            custom_contacts_first_month=3,
            custom_contact_interval_weeks=6,
        ),
    )
    text = write_one(ctx, "arrangements")[1]
    assert "lasts 1 month and" in text
    assert "at least 2 times a month" in text
    assert "48 hours' notice" in text
    assert "reference" not in text and "PVG" not in text
    assert "3 times in the first month, then every 6 weeks" in text


def test_partnerships_and_groups_are_mentioned_when_they_apply() -> None:
    ctx = PolicyContext(
        organisation="O",
        programme="P",
        rules=ProgrammeRules(
            programme_model=ProgrammeModel.SHARED_PARTNERSHIP,
            partner_organisations="Wee Acorns; Sunflower",
            mentoring_type=MentoringType.GROUP,
            max_mentees_per_mentor=4,
        ),
    )
    assert "(Wee Acorns, Sunflower)" in write_one(ctx, "about")[1]
    assert "at most 4 mentees" in write_one(ctx, "relationship")[1]
