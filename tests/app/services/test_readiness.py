"""The readiness gate: each required step blocks a match, an expired PVG blocks, and near misses
(one more hour, one more reference, the day before the PVG runs out) pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from app.model import Role
from app.model.person import Stage
from app.model.screening import InterviewOutcome, RecruitmentDecision
from app.services.readiness import (
    PvgFacts,
    ScreeningFacts,
    ScreeningRules,
    gaps_for,
    pvg_renewal_date,
    pvg_status,
)

RULES = ScreeningRules(references_required=2, min_training_hours=6)

READY_MENTOR = ScreeningFacts(
    role=Role.MENTOR,
    stage=Stage.READY,
    application_on=date(2026, 9, 1),
    interview_outcome=InterviewOutcome.SUITABLE,
    interview_on=date(2026, 9, 10),
    references_received=2,
    references_satisfactory=2,
    pvg=PvgFacts(issued_on=date(2024, 1, 15), decision=RecruitmentDecision.PROCEED),
    training_hours=6,
    code_signed_on=date(2026, 10, 1),
)
READY_MENTEE = ScreeningFacts(
    role=Role.MENTEE,
    stage=Stage.READY,
    application_on=date(2026, 9, 1),
    interview_outcome=InterviewOutcome.SUITABLE,
    interview_on=date(2026, 9, 10),
    induction_on=date(2026, 10, 2),
    code_signed_on=date(2026, 10, 1),
)


def steps(facts: ScreeningFacts, today: date, rules: ScreeningRules = RULES) -> list[str]:
    return [g.step for g in gaps_for(facts, rules, today)]


def test_fully_screened_mentor_and_mentee_are_ready(today: date) -> None:
    assert gaps_for(READY_MENTOR, RULES, today) == []
    assert gaps_for(READY_MENTEE, RULES, today) == []


@pytest.mark.parametrize(
    ("change", "step"),
    [
        ({"application_on": None}, "application"),
        ({"interview_outcome": None, "interview_on": None}, "interview"),
        ({"interview_outcome": InterviewOutcome.UNDECIDED}, "interview"),
        ({"interview_outcome": InterviewOutcome.NOT_SUITABLE}, "interview"),
        ({"references_satisfactory": 1}, "references"),
        ({"pvg": None}, "pvg"),
        ({"pvg": PvgFacts(date(2024, 1, 15), RecruitmentDecision.PENDING)}, "pvg"),
        ({"pvg": PvgFacts(date(2024, 1, 15), RecruitmentDecision.NOT_PROCEED)}, "pvg"),
        ({"pvg": PvgFacts(date(2024, 1, 15), is_membership=False)}, "pvg"),
        ({"training_hours": 5.75}, "training"),
        ({"code_signed_on": None}, "code_of_conduct"),
        ({"stage": Stage.ON_HOLD, "stage_on": date(2026, 11, 1)}, "stage"),
        ({"stage": Stage.WITHDRAWN, "stage_reason": "Moved away"}, "stage"),
        ({"stage": Stage.LEFT}, "stage"),
    ],
)
def test_each_missing_mentor_step_blocks_on_its_own(
    change: dict[str, Any], step: str, today: date
) -> None:
    assert steps(replace(READY_MENTOR, **change), today) == [step]


@pytest.mark.parametrize(
    ("change", "step"),
    [
        ({"application_on": None}, "application"),
        ({"interview_outcome": None}, "interview"),
        ({"induction_on": None}, "induction"),
        ({"code_signed_on": None}, "code_of_conduct"),
    ],
)
def test_each_missing_mentee_step_blocks_on_its_own(
    change: dict[str, Any], step: str, today: date
) -> None:
    assert steps(replace(READY_MENTEE, **change), today) == [step]


def test_mentor_only_steps_do_not_apply_to_mentees_and_induction_not_to_mentors(
    today: date,
) -> None:
    assert steps(replace(READY_MENTEE, pvg=None, references_satisfactory=0), today) == []
    assert steps(replace(READY_MENTOR, induction_on=None), today) == []


def test_steps_the_programme_does_not_require_never_block(today: date) -> None:
    relaxed = ScreeningRules(
        require_application=False,
        require_interview=False,
        references_required=0,
        require_pvg=False,
        min_training_hours=0,
        require_mentee_induction=False,
        require_code_of_conduct=False,
    )
    bare_mentor = ScreeningFacts(role=Role.MENTOR)
    bare_mentee = ScreeningFacts(role=Role.MENTEE)
    assert gaps_for(bare_mentor, relaxed, today) == []
    assert gaps_for(bare_mentee, relaxed, today) == []
    assert steps(bare_mentor, today) == [
        "application",
        "interview",
        "references",
        "pvg",
        "training",
        "code_of_conduct",
    ]


def test_numbers_come_from_the_programme(today: date) -> None:
    three = replace(RULES, references_required=3, min_training_hours=8)
    gaps = gaps_for(READY_MENTOR, three, today)
    assert [g.message for g in gaps] == [
        "References: 2 of 3 satisfactory references received.",
        "Training: 6 of 8 hours done before matching.",
    ]


def test_near_misses_pass(today: date) -> None:
    assert steps(replace(READY_MENTOR, training_hours=6.0), today) == []
    assert steps(replace(READY_MENTOR, training_hours=7.5), today) == []
    assert steps(replace(READY_MENTOR, references_satisfactory=3), today) == []
    # Received but not satisfactory references do not count.
    assert steps(
        replace(READY_MENTOR, references_received=3, references_satisfactory=1), today
    ) == ["references"]


def test_pvg_lasts_five_years_and_an_expired_one_blocks(today: date) -> None:
    assert pvg_renewal_date(date(2021, 11, 24)) == date(2026, 11, 24)
    five_years_ago = today.replace(year=today.year - 5)
    issued = five_years_ago + timedelta(days=1)
    day_before = replace(READY_MENTOR, pvg=PvgFacts(issued, RecruitmentDecision.PROCEED))
    assert steps(day_before, today) == []  # runs out tomorrow: still current today
    expired = replace(READY_MENTOR, pvg=PvgFacts(five_years_ago, RecruitmentDecision.PROCEED))
    gaps = gaps_for(expired, RULES, today)
    assert [g.step for g in gaps] == ["pvg"]
    assert gaps[0].message == f"PVG membership expired on {today:%d/%m/%Y}."


def test_a_29_february_issue_renews_on_28_february() -> None:
    assert pvg_renewal_date(date(2024, 2, 29)) == date(2029, 2, 28)


def test_due_for_renewal_within_90_days_warns_but_does_not_block(today: date) -> None:
    def issued_to_renew_on(renews: date) -> date:
        return renews.replace(year=renews.year - 5)

    in_90_days = issued_to_renew_on(today + timedelta(days=90))
    soon = pvg_status(in_90_days, today)
    assert soon.due_soon and not soon.expired
    later = pvg_status(issued_to_renew_on(today + timedelta(days=91)), today)
    assert not later.due_soon and not later.expired
    facts = replace(READY_MENTOR, pvg=PvgFacts(in_90_days, RecruitmentDecision.PROCEED))
    assert steps(facts, today) == []


def test_messages_say_exactly_what_is_missing(today: date) -> None:
    facts = ScreeningFacts(
        role=Role.MENTOR,
        stage=Stage.WITHDRAWN,
        stage_on=date(2026, 10, 5),
        stage_reason="New job in Glasgow",
        references_satisfactory=1,
        training_hours=1.5,
        interview_outcome=InterviewOutcome.UNDECIDED,
        interview_on=date(2026, 10, 1),
    )
    messages = [g.message for g in gaps_for(facts, RULES, today)]
    assert messages == [
        "Withdrawn since 05/10/2026: New job in Glasgow",
        "No application form received.",
        "Interview on 01/10/2026 has no decision yet.",
        "References: 1 of 2 satisfactory references received.",
        "No PVG membership recorded.",
        "Training: 1.5 of 6 hours done before matching.",
        "Code of conduct not signed.",
    ]
