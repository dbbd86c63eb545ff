"""The action plan and progress summary: goals, actions and dates on paper (text extracted)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Match, MatchStatus
from app.printouts import catalogue
from app.services import goals
from app.storage import Database


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def _match_with_open_goals(s: Session) -> int:
    match_id = s.scalars(
        select(Match.id).where(Match.status == MatchStatus.ACTIVE).order_by(Match.id)
    ).first()
    assert match_id is not None
    return match_id


def test_action_plan_prints_each_goal_its_actions_dates_and_three_signatures(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match_id = _match_with_open_goals(s)
        heading = goals.match_heading(s, match_id)
        views = goals.goals_for_match(s, match_id, today)
        text = flat(pdf_text(catalogue.action_plan(s, match_id, today)))
    assert f"Action plan for {heading.mentee}" in text
    current = [v for v in views if v.status.value in ("not_started", "in_progress")]
    assert current
    for view in current:
        assert flat(view.title) in text
        for action in view.open_actions:
            assert flat(action.description)[:25] in text
            if action.due_on:
                assert action.due_on.strftime("%d/%m/%Y") in text
        if view.target_on:
            assert view.target_on.strftime("%d/%m/%Y") in text
        if view.baseline_rating is not None:
            assert f"{view.baseline_rating} out of 10" in text
    assert f"Mentee: {heading.mentee}" in text
    assert f"Mentor: {heading.mentor}" in text
    assert "Coordinator: Seonag Morrison" in text
    assert text.count("Signed") == 3
    assert "None" not in text


def test_action_plan_flags_overdue_actions_in_words(demo_db: Database, today: date) -> None:
    three_weeks_ago = today - timedelta(days=21)
    group_time = goals.GoalDetails(
        title="Lead the morning group time in the Acorns room",
        baseline_rating=3,
        start_on=date(2026, 9, 15),
        target_on=date(2027, 1, 31),
    )
    with demo_db.session() as s:
        match_id = s.scalars(select(Match.id).where(Match.status == MatchStatus.INTRODUCED)).one()
        goal_id = goals.create_goal(s, match_id, group_time, today).created_id
        assert goal_id is not None
        goals.add_action(
            s,
            goal_id,
            goals.ActionDetails("Watch a story session", who="Olivia", due_on=three_weeks_ago),
        )
    with demo_db.session() as s:
        text = flat(pdf_text(catalogue.action_plan(s, match_id, today)))
    assert "Watch a story session" in text
    assert f"Due {three_weeks_ago:%d/%m/%Y} (overdue)" in text
    assert "Lead the morning group time in the Acorns room" in text
    assert "3 out of 10 on 15/09/2026" in text
    assert "31/01/2027" in text


def test_a_match_without_goals_prints_a_blank_plan_to_fill_in(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match_id = s.scalars(select(Match.id).where(Match.status == MatchStatus.INTRODUCED)).one()
        text = flat(pdf_text(catalogue.action_plan(s, match_id, today)))
    assert "Goal 1" in text and "Success criteria" in text and "Where we start" in text
    assert "None" not in text


def test_progress_summary_prints_baselines_ratings_dates_and_history(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        match_id = _match_with_open_goals(s)
        views = goals.goals_for_match(s, match_id, today)
        text = flat(pdf_text(catalogue.progress_summary(s, match_id, today)))
    assert "Progress summary for" in text
    assert "Average change from baseline" in text
    for view in views:
        assert flat(view.title) in text
        for rating in view.ratings:
            assert rating.rated_on.strftime("%d/%m/%Y") in text
    changed = [v for v in views if v.baseline_changes]
    assert changed, "the demo shows a baseline changed after progress"
    assert "Baseline changed on" in text and "Reason:" in text
    assert "Not started" in text


def test_both_printouts_are_in_the_catalogue() -> None:
    assert catalogue.PRINTOUTS["action-plan"].id_meaning == "match"
    assert catalogue.PRINTOUTS["progress-summary"].id_meaning == "match"


def test_progress_chart_draws_with_and_without_ratings() -> None:
    from app.printouts.goal_parts import progress_chart

    assert progress_chart([], 10, 8).contents
    drawing = progress_chart([(date(2026, 9, 1), 3), (date(2026, 10, 1), 5)], 10, None)
    assert drawing.width > 0 and drawing.contents
