"""Goals, action plans and progress: baselines are evidence, history is kept, nudges are gentle."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.model import (
    BaselineChange,
    Goal,
    GoalStatus,
    Match,
    MatchStatus,
    Participant,
    Person,
    Programme,
    RecordedAt,
    Role,
)
from app.services import goals
from app.services.errors import ActionRefused, ValidationError
from app.services.goals import ActionDetails, GoalDetails, GoalDraft, RatingDetails
from app.storage import Database


@pytest.fixture
def match_id(db: Database) -> int:
    with db.session() as s:
        programme = Programme(name="Growing Together", organisation="Riverside Early Years")
        mentor = Person(first_name="Fiona", last_name="MacLeod")
        mentee = Person(first_name="Amy", last_name="Johnstone")
        mentor.roles.append(Participant(programme=programme, role=Role.MENTOR))
        mentee.roles.append(Participant(programme=programme, role=Role.MENTEE))
        s.add_all([programme, mentor, mentee])
        s.flush()
        match = Match(
            programme_id=programme.id,
            mentor_id=mentor.roles[0].id,
            mentee_id=mentee.roles[0].id,
            status=MatchStatus.ACTIVE,
            started_on=date(2026, 9, 1),
        )
        s.add(match)
        s.flush()
        return match.id


GROUP_TIME = GoalDetails(
    title="Lead the morning group time in the Acorns room",
    why="Wants to feel at ease in front of the whole group",
    baseline_rating=3,
    baseline_note="Leads a song with support; avoids story time",
    target="Plans and leads group time three mornings a week",
    target_rating=8,
    success_criteria="Room leader observes two sessions",
    start_on=date(2026, 9, 15),
    target_on=date(2027, 1, 31),
)


def make_goal(db: Database, match_id: int, today: date, details: GoalDetails = GROUP_TIME) -> int:
    with db.session() as s:
        goal_id = goals.create_goal(s, match_id, details, today).created_id
    assert goal_id is not None
    return goal_id


def rate(db: Database, goal_id: int, on: date, rating: int, today: date) -> None:
    with db.session() as s:
        goals.add_rating(s, goal_id, RatingDetails(on, rating, "", RecordedAt.MEETING), today)


def test_a_new_goal_starts_not_started_with_the_first_line_of_history(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    with db.session() as s:
        view = goals.goal_view(s, goal_id, today)
    assert view.status is GoalStatus.NOT_STARTED
    assert [(c.changed_on, c.from_status, c.to_status) for c in view.status_history] == [
        (date(2026, 9, 15), None, GoalStatus.NOT_STARTED)
    ]
    assert view.baseline_rating == 3 and view.baseline_on == date(2026, 9, 15)


def test_goal_needs_a_title_and_ratings_on_the_programmes_scale(
    db: Database, match_id: int, today: date
) -> None:
    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.create_goal(
            s, match_id, GoalDetails(title=" ", baseline_rating=11, target_rating=2), today
        )
    assert set(caught.value.errors) == {"title", "baseline_rating"}
    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.create_goal(
            s,
            match_id,
            GoalDetails(title="Plan for the award", baseline_rating=5, target_rating=4),
            today,
        )
    assert "above the baseline" in caught.value.errors["target_rating"]


def test_baseline_can_be_corrected_freely_before_any_progress(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    with db.session() as s:
        goals.update_goal(
            s, goal_id, GoalDetails(**{**GROUP_TIME.__dict__, "baseline_rating": 2}), today
        )
    with db.session() as s:
        assert s.get_one(Goal, goal_id).baseline_rating == 2
        assert s.scalars(select(BaselineChange)).all() == []


def test_baseline_is_fixed_once_progress_exists_a_change_needs_a_reason_and_is_recorded(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    rate(db, goal_id, date(2026, 10, 20), 5, today)
    changed = GoalDetails(**{**GROUP_TIME.__dict__, "baseline_rating": 2, "baseline_note": "Less"})

    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.update_goal(s, goal_id, changed, today)
    assert "why" in caught.value.errors["baseline_reason"]
    with db.session() as s:
        assert s.get_one(Goal, goal_id).baseline_rating == 3  # nothing changed silently

    with db.session() as s:
        goals.update_goal(
            s,
            goal_id,
            GoalDetails(
                **{**changed.__dict__, "baseline_reason": "Mentor's first rating was kind"}
            ),
            today,
        )
    with db.session() as s:
        view = goals.goal_view(s, goal_id, today)
    assert view.baseline_rating == 2
    [change] = view.baseline_changes
    assert (change.changed_on, change.old_rating, change.new_rating) == (today, 3, 2)
    assert change.old_note == GROUP_TIME.baseline_note and change.new_note == "Less"
    assert change.reason == "Mentor's first rating was kind"


def test_editing_other_fields_after_progress_needs_no_reason(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    rate(db, goal_id, date(2026, 10, 20), 5, today)
    with db.session() as s:
        goals.update_goal(
            s, goal_id, GoalDetails(**{**GROUP_TIME.__dict__, "title": "Lead group"}), today
        )
    with db.session() as s:
        assert s.get_one(Goal, goal_id).title == "Lead group"
        assert s.scalars(select(BaselineChange)).all() == []


def test_status_changes_are_kept_as_history_with_reasons(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    with db.session() as s:
        goals.change_status(s, goal_id, GoalStatus.IN_PROGRESS, "", date(2026, 9, 20))
    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.change_status(s, goal_id, GoalStatus.DROPPED, "  ", date(2026, 9, 10))
    assert set(caught.value.errors) == {"reason", "changed_on"}
    assert caught.value.errors["reason"] == "Say why the goal is being dropped."
    with db.session() as s:
        goals.change_status(
            s, goal_id, GoalStatus.CHANGED, "Split into two smaller goals", date(2026, 11, 1)
        )
    with db.session() as s:
        view = goals.goal_view(s, goal_id, today)
    assert view.status is GoalStatus.CHANGED
    assert [(c.from_status, c.to_status, c.reason) for c in view.status_history] == [
        (None, GoalStatus.NOT_STARTED, ""),
        (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS, ""),
        (GoalStatus.IN_PROGRESS, GoalStatus.CHANGED, "Split into two smaller goals"),
    ]
    assert view.status_since == date(2026, 11, 1)


def test_changing_to_the_same_status_is_refused(db: Database, match_id: int, today: date) -> None:
    goal_id = make_goal(db, match_id, today)
    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.change_status(s, goal_id, GoalStatus.NOT_STARTED, "", today)
    assert caught.value.errors["status"] == "The goal is already marked as not started."


def test_progress_series_starts_from_the_baseline_in_date_order(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    rate(db, goal_id, date(2026, 11, 17), 6, today)
    rate(db, goal_id, date(2026, 10, 13), 4, today)
    with db.session() as s:
        assert goals.progress_series(s, goal_id) == [
            (date(2026, 9, 15), 3),
            (date(2026, 10, 13), 4),
            (date(2026, 11, 17), 6),
        ]
        summary = goals.match_summary(s, match_id, today)
    assert summary.average_change == 3
    assert summary.by_status == {GoalStatus.NOT_STARTED: 1}


def test_a_goal_without_a_baseline_charts_only_its_ratings(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(
        db, match_id, today, GoalDetails(title="Plan for the Childhood Practice award")
    )
    rate(db, goal_id, date(2026, 11, 2), 4, today)
    with db.session() as s:
        assert goals.progress_series(s, goal_id) == [(date(2026, 11, 2), 4)]
        assert goals.goal_view(s, goal_id, today).change_from_baseline is None


def test_ratings_must_be_on_the_scale_and_not_in_the_future(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.add_rating(s, goal_id, RatingDetails(date(2026, 12, 1), 0), today)
    assert set(caught.value.errors) == {"rated_on", "rating"}
    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.add_rating(s, goal_id, RatingDetails(date(2026, 9, 1), 4), today)
    assert "started on 15/09/2026" in caught.value.errors["rated_on"]


def test_actions_are_flagged_overdue_until_done_and_removed_ones_are_kept(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    with db.session() as s:
        late = goals.add_action(
            s,
            goal_id,
            ActionDetails("Watch Fiona lead story time", who="Amy", due_on=date(2026, 11, 1)),
        ).created_id
        later = goals.add_action(
            s, goal_id, ActionDetails("Lead a song session", due_on=date(2026, 12, 15))
        ).created_id
        spare = goals.add_action(s, goal_id, ActionDetails("Read about group time")).created_id
    assert late is not None and later is not None and spare is not None
    with db.session() as s:
        goals.remove_action(s, spare, today)
        view = goals.goal_view(s, goal_id, today)
    assert [a.id for a in view.overdue_actions] == [late]
    assert [a.id for a in view.open_actions] == [late, later]
    assert next(a for a in view.actions if a.id == spare).removed_on == today
    with db.session() as s:
        goals.mark_action_done(s, late, date(2026, 11, 20))
    with db.session() as s, pytest.raises(ActionRefused):
        goals.mark_action_done(s, late, today)
    with db.session() as s:
        goals.restore_action(s, spare)
        view = goals.goal_view(s, goal_id, today)
    assert view.overdue_actions == []
    assert len(view.open_actions) == 3


def test_action_needs_a_description_and_sensible_dates(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.add_action(
            s,
            goal_id,
            ActionDetails("", agreed_on=date(2026, 10, 1), due_on=date(2026, 9, 1)),
        )
    assert set(caught.value.errors) == {"description", "due_on"}


def test_nudge_when_a_mentee_has_more_open_goals_than_suggested(
    db: Database, match_id: int, today: date
) -> None:
    for n in range(3):
        make_goal(db, match_id, today, GoalDetails(title=f"Goal number {n}"))
    with db.session() as s:
        assert goals.nudge_for_match(s, match_id) is None
        nudge = goals.nudge_for_match(s, match_id, adding=1)
    assert nudge is not None and "Amy Johnstone has 4 goals" in nudge and "no more than 3" in nudge
    goal_id = make_goal(db, match_id, today, GoalDetails(title="Goal number 4"))
    with db.session() as s:
        assert goals.nudge_for_match(s, match_id) is not None
        goals.change_status(s, goal_id, GoalStatus.ACHIEVED, "", today)
    with db.session() as s:
        assert goals.nudge_for_match(s, match_id) is None  # achieved goals do not count


def test_goal_count_nudge_reads_the_programmes_suggestion() -> None:
    assert goals.goal_count_nudge(3, 3, "Amy") is None
    assert "no more than 2" in (goals.goal_count_nudge(3, 2, "Amy") or "")


def test_goal_settings_are_read_from_and_saved_on_the_programme(
    db: Database, match_id: int
) -> None:
    with db.session() as s:
        programme_id = s.get_one(Match, match_id).programme_id
        assert goals.goal_settings(s, programme_id) == goals.GoalSettings(10, 3)
        goals.update_goal_settings(s, programme_id, goals.GoalSettings(5, 2))
    with db.session() as s:
        assert goals.goal_settings(s, programme_id) == goals.GoalSettings(5, 2)
        with pytest.raises(ValidationError) as caught:
            goals.update_goal_settings(s, programme_id, goals.GoalSettings(1, 0))
        assert set(caught.value.errors) == {"rating_scale_max", "suggested_max_goals"}


def test_the_scale_cannot_shrink_below_ratings_already_given(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(db, match_id, today)
    rate(db, goal_id, date(2026, 10, 20), 7, today)
    with db.session() as s:
        programme_id = s.get_one(Match, match_id).programme_id
        with pytest.raises(ActionRefused, match="up to 8"):
            goals.update_goal_settings(s, programme_id, goals.GoalSettings(5, 3))


def test_drafts_become_goals_with_actions_all_or_nothing(
    db: Database, match_id: int, today: date
) -> None:
    drafts = [
        GoalDraft(GoalDetails(title="Lead story time"), [ActionDetails("Watch a colleague")]),
        GoalDraft(GoalDetails(title=""), []),
    ]
    with db.session() as s, pytest.raises(ValidationError) as caught:
        goals.create_goals_from_drafts(s, match_id, drafts, today)
    assert "goal2_title" in caught.value.errors
    with db.session() as s:
        assert s.scalars(select(Goal)).all() == []
        goals.create_goals_from_drafts(s, match_id, drafts[:1], today)
    with db.session() as s:
        [view] = goals.goals_for_match(s, match_id, today)
    assert view.title == "Lead story time"
    assert [a.description for a in view.actions] == ["Watch a colleague"]


def test_matches_list_shows_goal_counts_and_leaves_out_proposals(
    db: Database, match_id: int, today: date
) -> None:
    make_goal(db, match_id, today)
    with db.session() as s:
        programme_id = s.get_one(Match, match_id).programme_id
        [row] = goals.list_matches(s, programme_id)
    assert (row.mentee, row.mentor, row.goals, row.open_goals) == (
        "Amy Johnstone",
        "Fiona MacLeod",
        1,
        1,
    )


def test_summary_text_reads_as_a_sentence(db: Database, match_id: int, today: date) -> None:
    goal_id = make_goal(db, match_id, today)
    rate(db, goal_id, date(2026, 10, 20), 5, today)
    with db.session() as s:
        goals.add_action(s, goal_id, ActionDetails("Observe story time", due_on=date(2026, 11, 1)))
        text = goals.summary_text(goals.match_summary(s, match_id, today))
    assert text == ("1 goal: 1 not started. Average change from baseline: +2.0. 1 action overdue.")


def test_goals_offered_for_linking_are_the_open_ones_in_order(
    db: Database, match_id: int, today: date
) -> None:
    first = make_goal(db, match_id, today, GoalDetails(title="Lead story time"))
    second = make_goal(db, match_id, today, GoalDetails(title="Plan for the award"))
    done = make_goal(db, match_id, today, GoalDetails(title="Settle two new children"))
    with db.session() as s:
        goals.change_status(s, done, GoalStatus.ACHIEVED, "", today)
    with db.session() as s:
        choices = goals.goals_to_link(s, match_id)
    assert [(c.id, c.title) for c in choices] == [
        (first, "Lead story time"),
        (second, "Plan for the award"),
    ]


def test_an_action_handed_over_from_a_meeting_appears_under_its_goal(
    db: Database, match_id: int, today: date
) -> None:
    """What a meeting log's action point brings: its words, who, due date and meeting date."""
    goal_id = make_goal(db, match_id, today)
    with db.session() as s:
        goals.add_action(
            s,
            goal_id,
            ActionDetails(
                "Observe Fiona's story session",
                who="Amy Johnstone",
                agreed_on=date(2026, 11, 10),
                due_on=date(2026, 11, 30),
            ),
        )
    with db.session() as s:
        [action] = goals.goal_view(s, goal_id, today).open_actions
    assert (action.description, action.who, action.agreed_on, action.due_on) == (
        "Observe Fiona's story session",
        "Amy Johnstone",
        date(2026, 11, 10),
        date(2026, 11, 30),
    )
    assert not action.overdue


def test_without_a_start_date_the_baseline_is_dated_no_later_than_the_first_rating(
    db: Database, match_id: int, today: date
) -> None:
    goal_id = make_goal(
        db, match_id, today, GoalDetails(title="Plan for the award", baseline_rating=2)
    )
    with db.session() as s:
        goals.add_rating(s, goal_id, RatingDetails(date(2026, 1, 5), 3), today)
        series = goals.progress_series(s, goal_id)
    assert series[0] == (date(2026, 1, 5), 2)
    assert [d for d, _r in series] == sorted(d for d, _r in series)
