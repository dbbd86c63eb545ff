"""The SMART check: prompts to think about as a goal is typed, never a refusal."""

from __future__ import annotations

from datetime import date, timedelta

from app.services.smart import Smart, smart_prompts


def qualities(
    today: date, title: str, target: str, success_criteria: str, target_date: date | None
) -> list[Smart]:
    return [
        p.quality for p in smart_prompts(title, target, success_criteria, target_date, today=today)
    ]


def test_a_well_formed_goal_raises_no_prompts(today: date) -> None:
    assert (
        smart_prompts(
            "Lead the morning group time in the Acorns room",
            "Plan and lead group time on 3 mornings a week",
            "Room leader observes two sessions and agrees the children were engaged",
            today + timedelta(days=90),
            today=today,
        )
        == []
    )


def test_a_vague_goal_is_asked_to_be_specific_measurable_and_time_bound(today: date) -> None:
    assert qualities(today, "Be more confident", "", "", None) == [
        Smart.SPECIFIC,
        Smart.MEASURABLE,
        Smart.TIME_BOUND,
    ]


def test_a_direction_without_a_target_asks_what_will_be_different(today: date) -> None:
    prompts = smart_prompts(
        "Improve my confidence with parents at pick-up",
        "",
        "Talks to three parents a week",
        today + timedelta(days=60),
        today=today,
    )
    assert [p.quality for p in prompts] == [Smart.SPECIFIC]
    assert "target" in prompts[0].message


def test_a_number_in_the_target_counts_as_measurable(today: date) -> None:
    assert Smart.MEASURABLE not in qualities(
        today, "Write observations for my key children", "Two observations a week", "", today
    )


def test_absolute_words_prompt_about_achievability(today: date) -> None:
    assert Smart.ACHIEVABLE in qualities(
        today,
        "Always complete every observation on the same day",
        "",
        "All observations written up",
        today + timedelta(days=60),
    )


def test_target_dates_too_soon_past_or_far_prompt_about_realism(today: date) -> None:
    goal = ("Lead the morning group time in the Acorns room", "3 sessions a week", "Agreed")
    assert Smart.REALISTIC in qualities(today, *goal, today + timedelta(days=5))
    assert Smart.REALISTIC in qualities(today, *goal, today - timedelta(days=1))
    assert Smart.REALISTIC in qualities(today, *goal, today + timedelta(days=800))
    assert Smart.REALISTIC not in qualities(today, *goal, today + timedelta(days=120))


def test_a_long_goal_joining_two_aims_suggests_splitting(today: date) -> None:
    prompts = smart_prompts(
        "Finish the Childhood Practice module on play and also plan the new outdoor area",
        "Module submitted",
        "Tutor confirms submission",
        today + timedelta(days=100),
        today=today,
    )
    assert [p.quality for p in prompts] == [Smart.SPECIFIC]
    assert "two goals" in prompts[0].message


def test_blank_input_gives_prompts_and_never_raises(today: date) -> None:
    assert qualities(today, "", "", "", None) == [
        Smart.SPECIFIC,
        Smart.MEASURABLE,
        Smart.TIME_BOUND,
    ]
