"""Actions agreed in meeting logs can be put under a goal and then appear in its action plan."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Goal, Match, MeetingLog
from app.services import goals
from app.services.errors import ActionRefused
from app.storage import Database


def _match_with_goals_and_meetings(s: Session) -> Match:
    match = s.scalars(
        select(Match)
        .where(Match.id.in_(select(Goal.match_id)), Match.id.in_(select(MeetingLog.match_id)))
        .order_by(Match.id)
    ).first()
    assert match is not None, "the demo has a match with goals and meeting logs"
    return match


def test_a_meeting_action_linked_to_a_goal_appears_under_it(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        match = _match_with_goals_and_meetings(s)
        choice = goals.meeting_actions_to_link(s, match.id)[0]
        goal_id = goals.goals_to_link(s, match.id)[0].id
        changes = goals.link_action_point(s, goal_id, choice.action_point_id)
        assert changes.goals
    with demo_db.session() as s:
        view = next(g for g in goals.goals_for_match(s, match.id, today) if g.id == goal_id)
        row = next(a for a in view.actions if a.description == choice.text)
        assert row.agreed_on == choice.agreed_on
        assert row.due_on == choice.due_on
        # once under a goal, it is no longer offered again
        offered = [c.action_point_id for c in goals.meeting_actions_to_link(s, match.id)]
        assert choice.action_point_id not in offered
        with pytest.raises(ActionRefused):
            goals.link_action_point(s, goal_id, choice.action_point_id)


def test_an_action_point_of_another_match_is_refused(demo_db: Database) -> None:
    with demo_db.session() as s:
        match = _match_with_goals_and_meetings(s)
        other = s.scalars(
            select(MeetingLog.match_id).where(MeetingLog.match_id != match.id).limit(1)
        ).one()
        point = goals.meeting_actions_to_link(s, other)[0]
        goal_id = goals.goals_to_link(s, match.id)[0].id
        with pytest.raises(ActionRefused, match="another match"):
            goals.link_action_point(s, goal_id, point.action_point_id)
