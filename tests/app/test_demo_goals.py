"""The demo shows goals in every state a coordinator meets, and the benchmark set is big."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.model import (
    BaselineChange,
    Goal,
    GoalAction,
    GoalStatus,
    Match,
    MatchStatus,
    MeetingLog,
    ProgressRating,
)
from app.services import goals
from app.storage import Database

TODAY = date(2026, 11, 23)


def test_demo_goals_cover_the_working_matches_and_every_kind_of_record(
    demo_db: Database,
) -> None:
    with demo_db.session() as s:
        statuses_with_goals = set(
            s.scalars(select(Match.status).join(Goal, Goal.match_id == Match.id).distinct())
        )
        assert statuses_with_goals == {
            MatchStatus.ACTIVE,
            MatchStatus.PAUSED,
            MatchStatus.ENDING,
            MatchStatus.CLOSED,
        }
        goal_statuses = set(s.scalars(select(Goal.status).distinct()))
        assert {GoalStatus.IN_PROGRESS, GoalStatus.ACHIEVED, GoalStatus.CHANGED} <= goal_statuses
        assert (s.scalar(select(func.count()).select_from(ProgressRating)) or 0) > 40
        assert s.scalar(select(func.count()).select_from(BaselineChange)) == 1
        # Ratings never come before the goal started, nor after today.
        bad = s.scalar(
            select(func.count())
            .select_from(ProgressRating)
            .join(Goal, Goal.id == ProgressRating.goal_id)
            .where((ProgressRating.rated_on < Goal.start_on) | (ProgressRating.rated_on > TODAY))
        )
        assert bad == 0
        programme_id = s.scalars(select(Match.programme_id)).first()
        assert programme_id is not None
        rows = goals.list_matches(s, programme_id)
        nudges = [goals.nudge_for_match(s, r.match_id) for r in rows]
        assert any(nudges), "one mentee has more goals than suggested"
        overdue = sum(goals.match_summary(s, r.match_id, TODAY).overdue_actions for r in rows)
        assert overdue > 0


def test_large_data_set_has_8000_goals(db: Database) -> None:
    from app.demo import generate_large

    with db.session() as s:
        generate_large(s)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Goal)) == 8000
        # Its dates are fixed (it does not take today); they still come in order.
        out_of_order = [
            select(func.count())
            .select_from(MeetingLog)
            .where(MeetingLog.next_meeting_on <= MeetingLog.held_on),
            select(func.count())
            .select_from(MeetingLog)
            .join(Match, Match.id == MeetingLog.match_id)
            .where(MeetingLog.held_on < Match.started_on),
            select(func.count())
            .select_from(ProgressRating)
            .join(Goal, Goal.id == ProgressRating.goal_id)
            .where(ProgressRating.rated_on < Goal.start_on),
            select(func.count())
            .select_from(GoalAction)
            .where(
                (GoalAction.due_on < GoalAction.agreed_on)
                | (GoalAction.done_on < GoalAction.agreed_on)
            ),
        ]
        assert [s.scalar(query) for query in out_of_order] == [0, 0, 0, 0]
