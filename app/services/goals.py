"""Goals, action plans and progress for a match: what the coordinator records and reads back.

Baselines are the evidence that progress happened, so once a progress rating exists a changed
baseline needs a reason and is kept as a `BaselineChange` row. Status changes are kept as
history. Actions are never deleted: a removed action keeps its row with the date it was
removed and can be brought back.

Linking a meeting's action point to a goal goes through `add_action` with plain values (the
action point's text, who and due date, and the meeting date as `agreed_on`), so the meeting
logs can hand over an action without this module knowing their tables.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, selectinload

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model import (
    BaselineChange,
    Goal,
    GoalAction,
    GoalStatus,
    GoalStatusChange,
    GoalTerm,
    Match,
    Participant,
    Person,
    Programme,
    ProgressRating,
    RecordedAt,
)
from app.model.goal import OPEN_GOAL_STATUSES, goal_label
from app.model.match import MatchStatus
from app.services.changes import Changes
from app.services.errors import ActionRefused, NotFound, check
from app.services.lookups import get_match, get_or_refuse
from app.services.validation import text_errors

#: Bounds for the programme's rating scale (ratings run from 1 to the top).
SCALE_TOPS = (3, 10)
#: Bounds for the suggested number of open goals per mentee.
MAX_GOALS_BOUNDS = (1, 10)

#: Statuses that close a goal: a reason is asked for when a goal is changed or dropped.
REASON_NEEDED = (GoalStatus.CHANGED, GoalStatus.DROPPED)


def _d(value: date | None) -> str:
    return format_date(value)


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class GoalSettings:
    rating_scale_max: int = 10
    suggested_max_goals: int = 3


def goal_settings(s: Session, programme_id: int) -> GoalSettings:
    p = _programme(s, programme_id)
    return GoalSettings(p.goal_rating_scale_max, p.suggested_max_goals)


def validate_settings(settings: GoalSettings) -> dict[str, str]:
    errors: dict[str, str] = {}
    low, high = SCALE_TOPS
    if not low <= settings.rating_scale_max <= high:
        errors["rating_scale_max"] = _("Choose a scale top between {low} and {high}.").format(
            low=low, high=high
        )
    low, high = MAX_GOALS_BOUNDS
    if not low <= settings.suggested_max_goals <= high:
        errors["suggested_max_goals"] = _("Choose a number between {low} and {high}.").format(
            low=low, high=high
        )
    return errors


def update_goal_settings(s: Session, programme_id: int, settings: GoalSettings) -> Changes:
    check(validate_settings(settings))
    p = _programme(s, programme_id)
    in_programme = select(Goal.id).join(Match, Match.id == Goal.match_id)
    in_programme = in_programme.where(Match.programme_id == programme_id)
    used = [
        s.scalar(select(func.max(Goal.baseline_rating)).where(Goal.id.in_(in_programme))),
        s.scalar(select(func.max(Goal.target_rating)).where(Goal.id.in_(in_programme))),
        s.scalar(
            select(func.max(ProgressRating.rating)).where(ProgressRating.goal_id.in_(in_programme))
        ),
    ]
    top = max(int(value or 0) for value in used)
    if settings.rating_scale_max < top:
        raise ActionRefused(
            _(
                "Some goals already have ratings up to {top}, so the scale must go up to "
                "{top} at least."
            ).format(top=top)
        )
    p.goal_rating_scale_max = settings.rating_scale_max
    p.suggested_max_goals = settings.suggested_max_goals
    return Changes(programmes=True, goals=True)


def _programme(s: Session, programme_id: int) -> Programme:
    programme = s.get(Programme, programme_id)
    if programme is None:
        raise NotFound(_("That programme no longer exists."))
    return programme


# --------------------------------------------------------------------------- goals


@dataclass(frozen=True)
class GoalDetails:
    """What the coordinator types for a goal. `baseline_reason` is only asked for when the
    baseline changes after progress has been recorded."""

    title: str
    why: str = ""
    term: GoalTerm = GoalTerm.SHORT
    baseline_rating: int | None = None
    baseline_note: str = ""
    target: str = ""
    target_rating: int | None = None
    success_criteria: str = ""
    start_on: date | None = None
    target_on: date | None = None
    baseline_reason: str = ""

    def cleaned(self) -> GoalDetails:
        return replace(
            self,
            title=self.title.strip(),
            why=self.why.strip(),
            baseline_note=self.baseline_note.strip(),
            target=self.target.strip(),
            success_criteria=self.success_criteria.strip(),
            baseline_reason=self.baseline_reason.strip(),
        )


def validate_goal(details: GoalDetails, scale_max: int) -> dict[str, str]:
    errors = text_errors(details)
    if not details.title:
        errors["title"] = _("Give the goal a short title.")
    elif len(details.title) > 300:
        errors["title"] = _("Keep the title under 300 characters.")
    for name, value in (
        ("baseline_rating", details.baseline_rating),
        ("target_rating", details.target_rating),
    ):
        if value is not None and not 1 <= value <= scale_max:
            errors[name] = _("Use a rating from 1 to {top}.").format(top=scale_max)
    if (
        details.baseline_rating is not None
        and details.target_rating is not None
        and not errors.keys() & {"baseline_rating", "target_rating"}
        and details.target_rating <= details.baseline_rating
    ):
        errors["target_rating"] = _(
            "The target rating should be above the baseline ({baseline})."
        ).format(baseline=details.baseline_rating)
    if details.start_on and details.target_on and details.target_on < details.start_on:
        errors["target_on"] = _("The target date must be after the start date ({start}).").format(
            start=_d(details.start_on)
        )
    return errors


def get_goal(s: Session, goal_id: int) -> Goal:
    return get_or_refuse(s, Goal, goal_id, _("That goal no longer exists."))


def _scale_for_match(s: Session, match_id: int) -> int:
    return get_match(s, match_id).programme.goal_rating_scale_max


def _apply(goal: Goal, details: GoalDetails) -> None:
    goal.title = details.title
    goal.why = details.why
    goal.term = details.term
    goal.baseline_rating = details.baseline_rating
    goal.baseline_note = details.baseline_note
    goal.target = details.target
    goal.target_rating = details.target_rating
    goal.success_criteria = details.success_criteria
    goal.start_on = details.start_on
    goal.target_on = details.target_on


def create_goal(s: Session, match_id: int, details: GoalDetails, today: date) -> Changes:
    """A new goal for the match, starting "not started"; the first line of its history."""
    details = details.cleaned()
    match = get_match(s, match_id)
    check(validate_goal(details, match.programme.goal_rating_scale_max))
    goal = Goal(match_id=match_id, status=GoalStatus.NOT_STARTED)
    _apply(goal, details)
    goal.status_changes.append(
        GoalStatusChange(
            changed_on=details.start_on or today,
            from_status=None,
            to_status=GoalStatus.NOT_STARTED,
            reason="",
        )
    )
    s.add(goal)
    s.flush()
    return Changes(goals=True, created_id=goal.id)


def has_progress(s: Session, goal_id: int) -> bool:
    """Whether any progress rating has been recorded against the goal's baseline."""
    return bool(
        s.scalar(select(func.count()).where(ProgressRating.goal_id == goal_id).limit(1)) or 0
    )


def update_goal(s: Session, goal_id: int, details: GoalDetails, today: date) -> Changes:
    """Edit a goal. Once progress exists, a changed baseline needs a reason and is recorded."""
    details = details.cleaned()
    goal = get_goal(s, goal_id)
    errors = validate_goal(details, goal.match.programme.goal_rating_scale_max)
    baseline_changed = (
        details.baseline_rating != goal.baseline_rating
        or details.baseline_note != goal.baseline_note
    )
    if baseline_changed and has_progress(s, goal_id):
        if not details.baseline_reason:
            errors["baseline_reason"] = _(
                "Progress is already recorded against this baseline. Say why you are "
                "changing it. The old baseline stays in the goal's history."
            )
        else:
            goal.baseline_changes.append(
                BaselineChange(
                    changed_on=today,
                    old_rating=goal.baseline_rating,
                    new_rating=details.baseline_rating,
                    old_note=goal.baseline_note,
                    new_note=details.baseline_note,
                    reason=details.baseline_reason,
                )
            )
    check(errors)
    _apply(goal, details)
    return Changes(goals=True)


def details_of(goal: Goal) -> GoalDetails:
    return GoalDetails(
        title=goal.title,
        why=goal.why,
        term=goal.term,
        baseline_rating=goal.baseline_rating,
        baseline_note=goal.baseline_note,
        target=goal.target,
        target_rating=goal.target_rating,
        success_criteria=goal.success_criteria,
        start_on=goal.start_on,
        target_on=goal.target_on,
    )


def goal_details(s: Session, goal_id: int) -> GoalDetails:
    return details_of(get_goal(s, goal_id))


def reason_missing(status: GoalStatus) -> str:
    """What to say when a goal is changed or dropped without a reason: a whole sentence for
    each status, so a translator writes each one whole."""
    if status is GoalStatus.CHANGED:
        return _("Say why the goal is being changed.")
    return _("Say why the goal is being dropped.")


def _already(status: GoalStatus) -> str:
    """What to say when a goal is moved to the status it already has (whole sentences)."""
    return {
        GoalStatus.NOT_STARTED: _("The goal is already marked as not started."),
        GoalStatus.IN_PROGRESS: _("The goal is already in progress."),
        GoalStatus.ACHIEVED: _("The goal is already marked as achieved."),
        GoalStatus.CHANGED: _("The goal is already marked as changed."),
        GoalStatus.DROPPED: _("The goal is already marked as dropped."),
    }[status]


def change_status(s: Session, goal_id: int, status: GoalStatus, reason: str, on: date) -> Changes:
    """Move a goal to a new status, keeping the change (date, from, to, reason) as history."""
    reason = reason.strip()
    goal = get_goal(s, goal_id)
    errors: dict[str, str] = {}
    if status == goal.status:
        errors["status"] = _already(status)
    if status in REASON_NEEDED and not reason:
        errors["reason"] = reason_missing(status)
    last = goal.status_changes[-1].changed_on if goal.status_changes else None
    if last is not None and on < last:
        errors["changed_on"] = _("The last change was on {date}; use that date or later.").format(
            date=_d(last)
        )
    check(errors)
    goal.status_changes.append(
        GoalStatusChange(changed_on=on, from_status=goal.status, to_status=status, reason=reason)
    )
    goal.status = status
    return Changes(goals=True)


# --------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class ActionDetails:
    description: str
    timescale: str = ""
    milestone: str = ""
    success_criteria: str = ""
    who: str = ""
    agreed_on: date | None = None
    due_on: date | None = None
    done_on: date | None = None

    def cleaned(self) -> ActionDetails:
        return replace(
            self,
            description=self.description.strip(),
            timescale=self.timescale.strip(),
            milestone=self.milestone.strip(),
            success_criteria=self.success_criteria.strip(),
            who=self.who.strip(),
        )


def validate_action(details: ActionDetails) -> dict[str, str]:
    errors = text_errors(details)
    if not details.description:
        errors["description"] = _("Say what the action is.")
    if len(details.timescale) > 200:
        errors["timescale"] = _("Keep the timescale under 200 characters.")
    if len(details.who) > 200:
        errors["who"] = _("Keep this under 200 characters.")
    if details.agreed_on and details.due_on and details.due_on < details.agreed_on:
        errors["due_on"] = _("The due date must be on or after the date agreed ({date}).").format(
            date=_d(details.agreed_on)
        )
    if details.agreed_on and details.done_on and details.done_on < details.agreed_on:
        errors["done_on"] = _("The done date must be on or after the date agreed ({date}).").format(
            date=_d(details.agreed_on)
        )
    return errors


def _apply_action(action: GoalAction, details: ActionDetails) -> None:
    action.description = details.description
    action.timescale = details.timescale
    action.milestone = details.milestone
    action.success_criteria = details.success_criteria
    action.who = details.who
    action.agreed_on = details.agreed_on
    action.due_on = details.due_on
    action.done_on = details.done_on


def add_action(s: Session, goal_id: int, details: ActionDetails) -> Changes:
    """Add a step to a goal's action plan (typed here, or handed over from a meeting log)."""
    details = details.cleaned()
    check(validate_action(details))
    goal = get_goal(s, goal_id)
    position = max((a.position for a in goal.actions), default=-1) + 1
    action = GoalAction(goal_id=goal.id, position=position)
    _apply_action(action, details)
    goal.actions.append(action)
    s.flush()
    return Changes(goals=True, created_id=action.id)


def get_action(s: Session, action_id: int) -> GoalAction:
    return get_or_refuse(s, GoalAction, action_id, _("That action no longer exists."))


def action_details(s: Session, action_id: int) -> ActionDetails:
    a = get_action(s, action_id)
    return ActionDetails(
        description=a.description,
        timescale=a.timescale,
        milestone=a.milestone,
        success_criteria=a.success_criteria,
        who=a.who,
        agreed_on=a.agreed_on,
        due_on=a.due_on,
        done_on=a.done_on,
    )


def update_action(s: Session, action_id: int, details: ActionDetails) -> Changes:
    details = details.cleaned()
    check(validate_action(details))
    _apply_action(get_action(s, action_id), details)
    return Changes(goals=True)


def mark_action_done(s: Session, action_id: int, on: date) -> Changes:
    action = get_action(s, action_id)
    if action.done_on is not None:
        raise ActionRefused(
            _("That action was already marked done on {date}.").format(date=_d(action.done_on))
        )
    action.done_on = on
    return Changes(goals=True)


def remove_action(s: Session, action_id: int, on: date) -> Changes:
    """Take an action off the plan; its row stays, marked removed, and can be brought back."""
    get_action(s, action_id).removed_on = on
    return Changes(goals=True)


def restore_action(s: Session, action_id: int) -> Changes:
    get_action(s, action_id).removed_on = None
    return Changes(goals=True)


def is_overdue(due_on: date | None, done_on: date | None, today: date) -> bool:
    """An action is overdue when its due date has passed and it is not done (the goal list
    only flags actions of goals still being worked on)."""
    return due_on is not None and done_on is None and due_on < today


# --------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class RatingDetails:
    rated_on: date | None
    rating: int
    note: str = ""
    recorded_at: RecordedAt = RecordedAt.MEETING


def add_rating(s: Session, goal_id: int, details: RatingDetails, today: date) -> Changes:
    """Record where the mentee stands on a goal today (or on the date of a review or meeting)."""
    goal = get_goal(s, goal_id)
    top = goal.match.programme.goal_rating_scale_max
    errors = text_errors(details)
    if details.rated_on is None:
        errors["rated_on"] = _("Give the date the rating was agreed.")
    elif details.rated_on > today:
        errors["rated_on"] = _("The date cannot be in the future.")
    elif goal.start_on and details.rated_on < goal.start_on:
        errors["rated_on"] = _("The goal started on {date}; rate progress from then on.").format(
            date=_d(goal.start_on)
        )
    if not 1 <= details.rating <= top:
        errors["rating"] = _("Use a rating from 1 to {top}.").format(top=top)
    check(errors)
    assert details.rated_on is not None
    goal.ratings.append(
        ProgressRating(
            rated_on=details.rated_on,
            rating=details.rating,
            note=details.note.strip(),
            recorded_at=details.recorded_at,
        )
    )
    return Changes(goals=True)


def baseline_date(goal: Goal) -> date:
    """The date the baseline stands for: the goal's start or, without one, the day it was
    written down (or the first rating, if progress typed up later is dated earlier)."""
    if goal.start_on is not None:
        return goal.start_on
    written = goal.created_at.date()
    return min([written, *(r.rated_on for r in goal.ratings)])


def progress_series(s: Session, goal_id: int) -> list[tuple[date, int]]:
    """The points of the goal's progress chart: the baseline first (when rated), then each
    progress rating in date order."""
    goal = get_goal(s, goal_id)
    return _series(goal)


def _series(goal: Goal) -> list[tuple[date, int]]:
    points: list[tuple[date, int]] = []
    if goal.baseline_rating is not None:
        points.append((baseline_date(goal), goal.baseline_rating))
    points += [(r.rated_on, r.rating) for r in goal.ratings]
    return points


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class ActionRow:
    id: int
    description: str
    timescale: str
    milestone: str
    success_criteria: str
    who: str
    agreed_on: date | None
    due_on: date | None
    done_on: date | None
    removed_on: date | None
    overdue: bool


@dataclass(frozen=True)
class StatusChangeRow:
    changed_on: date
    from_status: GoalStatus | None
    to_status: GoalStatus
    reason: str


@dataclass(frozen=True)
class BaselineChangeRow:
    changed_on: date
    old_rating: int | None
    new_rating: int | None
    old_note: str
    new_note: str
    reason: str


@dataclass(frozen=True)
class RatingRow:
    rated_on: date
    rating: int
    note: str
    recorded_at: RecordedAt


@dataclass(frozen=True)
class GoalView:
    """Everything the Goals page and the printouts show for one goal: plain values."""

    id: int
    title: str
    why: str
    term: GoalTerm
    status: GoalStatus
    baseline_rating: int | None
    baseline_note: str
    baseline_on: date
    target: str
    target_rating: int | None
    success_criteria: str
    start_on: date | None
    target_on: date | None
    series: list[tuple[date, int]]
    actions: list[ActionRow]
    ratings: list[RatingRow]
    status_history: list[StatusChangeRow]
    baseline_changes: list[BaselineChangeRow]

    @property
    def latest(self) -> RatingRow | None:
        return self.ratings[-1] if self.ratings else None

    @property
    def change_from_baseline(self) -> int | None:
        if self.baseline_rating is None or not self.ratings:
            return None
        return self.ratings[-1].rating - self.baseline_rating

    @property
    def open_actions(self) -> list[ActionRow]:
        return [a for a in self.actions if a.removed_on is None]

    @property
    def overdue_actions(self) -> list[ActionRow]:
        return [a for a in self.open_actions if a.overdue]

    @property
    def status_since(self) -> date | None:
        return self.status_history[-1].changed_on if self.status_history else None


def _view(goal: Goal, today: date) -> GoalView:
    return GoalView(
        id=goal.id,
        title=goal.title,
        why=goal.why,
        term=goal.term,
        status=goal.status,
        baseline_rating=goal.baseline_rating,
        baseline_note=goal.baseline_note,
        baseline_on=baseline_date(goal),
        target=goal.target,
        target_rating=goal.target_rating,
        success_criteria=goal.success_criteria,
        start_on=goal.start_on,
        target_on=goal.target_on,
        series=_series(goal),
        actions=[
            ActionRow(
                id=a.id,
                description=a.description,
                timescale=a.timescale,
                milestone=a.milestone,
                success_criteria=a.success_criteria,
                who=a.who,
                agreed_on=a.agreed_on,
                due_on=a.due_on,
                done_on=a.done_on,
                removed_on=a.removed_on,
                overdue=a.removed_on is None
                and goal.status in OPEN_GOAL_STATUSES
                and is_overdue(a.due_on, a.done_on, today),
            )
            for a in goal.actions
        ],
        ratings=[RatingRow(r.rated_on, r.rating, r.note, r.recorded_at) for r in goal.ratings],
        status_history=[
            StatusChangeRow(c.changed_on, c.from_status, c.to_status, c.reason)
            for c in goal.status_changes
        ],
        baseline_changes=[
            BaselineChangeRow(
                c.changed_on, c.old_rating, c.new_rating, c.old_note, c.new_note, c.reason
            )
            for c in goal.baseline_changes
        ],
    )


def goals_for_match(s: Session, match_id: int, today: date) -> list[GoalView]:
    """The match's goals: those still being worked on first, then achieved, changed or dropped
    ones, each group in the order the goals were set."""
    goals = s.scalars(
        select(Goal)
        .where(Goal.match_id == match_id)
        .order_by(Goal.id)
        .options(
            selectinload(Goal.actions),
            selectinload(Goal.ratings),
            selectinload(Goal.status_changes),
            selectinload(Goal.baseline_changes),
        )
    )
    views = [_view(g, today) for g in goals]
    return sorted(views, key=lambda v: v.status not in OPEN_GOAL_STATUSES)


def goal_view(s: Session, goal_id: int, today: date) -> GoalView:
    return _view(get_goal(s, goal_id), today)


@dataclass(frozen=True)
class MatchGoalsRow:
    """One line of the Goals page's list of matches."""

    match_id: int
    mentee: str
    mentor: str
    match_status: MatchStatus
    goals: int
    open_goals: int
    achieved: int


def list_matches(s: Session, programme_id: int) -> list[MatchGoalsRow]:
    """The programme's matches that can have goals (introduced onwards), with goal counts."""
    mentee_part, mentor_part = aliased(Participant), aliased(Participant)
    mentee_person, mentor_person = aliased(Person), aliased(Person)
    counts = (
        select(
            Goal.match_id,
            func.count(Goal.id).label("goals"),
            func.count(Goal.id).filter(Goal.status.in_(OPEN_GOAL_STATUSES)).label("open"),
            func.count(Goal.id).filter(Goal.status == GoalStatus.ACHIEVED).label("achieved"),
        )
        .group_by(Goal.match_id)
        .subquery()
    )
    query = (
        select(
            Match.id,
            mentee_person,
            mentor_person,
            Match.status,
            counts.c.goals,
            counts.c.open,
            counts.c.achieved,
        )
        .join(mentee_part, mentee_part.id == Match.mentee_id)
        .join(mentee_person, mentee_person.id == mentee_part.person_id)
        .join(mentor_part, mentor_part.id == Match.mentor_id)
        .join(mentor_person, mentor_person.id == mentor_part.person_id)
        .outerjoin(counts, counts.c.match_id == Match.id)
        .where(Match.programme_id == programme_id, Match.status != MatchStatus.PROPOSED)
    )
    rows = [
        MatchGoalsRow(
            match_id=match_id,
            mentee=mentee.known_as,
            mentor=mentor.known_as,
            match_status=status,
            goals=int(goals or 0),
            open_goals=int(open_ or 0),
            achieved=int(achieved or 0),
        )
        for match_id, mentee, mentor, status, goals, open_, achieved in s.execute(query)
    ]
    closed = (MatchStatus.CLOSED,)
    rows.sort(key=lambda r: (r.match_status in closed, r.mentee.lower(), r.match_id))
    return rows


@dataclass(frozen=True)
class MatchHeading:
    match_id: int
    programme_id: int
    mentee: str
    mentor: str
    mentee_participant_id: int
    match_status: MatchStatus
    started_on: date | None
    planned_end_on: date | None
    programme: str
    organisation: str
    coordinator: str
    rating_scale_max: int
    suggested_max_goals: int


def match_heading(s: Session, match_id: int) -> MatchHeading:
    match = get_match(s, match_id)
    p = match.programme
    return MatchHeading(
        match_id=match.id,
        programme_id=p.id,
        mentee=match.mentee.person.known_as,
        mentor=match.mentor.person.known_as,
        mentee_participant_id=match.mentee_id,
        match_status=match.status,
        started_on=match.started_on,
        planned_end_on=match.planned_end_on,
        programme=p.name,
        organisation=p.organisation,
        coordinator=p.coordinator,
        rating_scale_max=p.goal_rating_scale_max,
        suggested_max_goals=p.suggested_max_goals,
    )


def open_goal_count(s: Session, mentee_participant_id: int) -> int:
    """Goals not started or in progress for this mentee, across all their matches."""
    return int(
        s.scalar(
            select(func.count(Goal.id))
            .join(Match, Match.id == Goal.match_id)
            .where(
                Match.mentee_id == mentee_participant_id,
                Goal.status.in_(OPEN_GOAL_STATUSES),
            )
        )
        or 0
    )


def goal_count_nudge(open_goals: int, suggested_max: int, mentee: str) -> str | None:
    """A gentle note when a mentee has more open goals than the programme suggests; None when
    the number is within the suggestion. Never a refusal."""
    if open_goals <= suggested_max:
        return None
    return ngettext(
        "{mentee} has {n} goals on the go; the programme suggests starting with no more than "
        "{max}. A few simple goals, achieved, build confidence for the next ones.",
        "{mentee} has {n} goals on the go; the programme suggests starting with no more than "
        "{max}. A few simple goals, achieved, build confidence for the next ones.",
        open_goals,
    ).format(mentee=mentee, n=open_goals, max=suggested_max)


def nudge_for_match(s: Session, match_id: int, adding: int = 0) -> str | None:
    """The goal-count nudge for the match's mentee, counting `adding` goals about to be made."""
    heading = match_heading(s, match_id)
    count = open_goal_count(s, heading.mentee_participant_id) + adding
    return goal_count_nudge(count, heading.suggested_max_goals, heading.mentee)


@dataclass(frozen=True)
class MatchGoalSummary:
    goals: int
    by_status: dict[GoalStatus, int] = field(default_factory=dict)
    average_change: float | None = None
    rated_goals: int = 0
    actions: int = 0
    actions_done: int = 0
    overdue_actions: int = 0


def summarise(views: list[GoalView]) -> MatchGoalSummary:
    """Goals by status, the average change from baseline to the latest rating (over goals with
    both), and the action plan's progress."""
    by_status = Counter(v.status for v in views)
    changes = [c for c in (v.change_from_baseline for v in views) if c is not None]
    actions = [a for v in views for a in v.open_actions]
    return MatchGoalSummary(
        goals=len(views),
        by_status={status: by_status[status] for status in GoalStatus if by_status[status]},
        average_change=(sum(changes) / len(changes)) if changes else None,
        rated_goals=len(changes),
        actions=len(actions),
        actions_done=sum(1 for a in actions if a.done_on is not None),
        overdue_actions=sum(1 for a in actions if a.overdue),
    )


def match_summary(s: Session, match_id: int, today: date) -> MatchGoalSummary:
    return summarise(goals_for_match(s, match_id, today))


def summary_text(summary: MatchGoalSummary) -> str:
    """The summary in one line for screen and paper."""
    if not summary.goals:
        return _("No goals yet.")
    parts = ", ".join(
        _("{count} {status}").format(count=n, status=goal_label(status).lower())
        for status, n in summary.by_status.items()
    )
    text = ngettext("{n} goal: {parts}.", "{n} goals: {parts}.", summary.goals).format(
        n=summary.goals, parts=parts
    )
    if summary.average_change is not None:
        text += " " + _("Average change from baseline: {change:+.1f}.").format(
            change=summary.average_change
        )
    if summary.overdue_actions:
        text += " " + ngettext(
            "{n} action overdue.", "{n} actions overdue.", summary.overdue_actions
        ).format(n=summary.overdue_actions)
    return text


@dataclass(frozen=True)
class GoalChoice:
    """A goal to offer when something elsewhere (an action agreed at a meeting) is tied to one."""

    id: int
    title: str
    status: GoalStatus


def goals_to_link(s: Session, match_id: int) -> list[GoalChoice]:
    """The match's goals still being worked on, in the order they were set: the list a meeting
    log offers when one of its action points belongs under a goal (see `add_action`)."""
    return [
        GoalChoice(goal_id, title, status)
        for goal_id, title, status in s.execute(
            select(Goal.id, Goal.title, Goal.status)
            .where(Goal.match_id == match_id, Goal.status.in_(OPEN_GOAL_STATUSES))
            .order_by(Goal.id)
        )
    ]


@dataclass(frozen=True)
class MeetingActionChoice:
    """An action point from a meeting log that could go under a goal."""

    action_point_id: int
    text: str
    agreed_on: date
    due_on: date | None


def meeting_actions_to_link(s: Session, match_id: int) -> list[MeetingActionChoice]:
    """The match's meeting action points not yet under any goal, newest meeting first."""
    from app.model.meeting import ActionPoint, MeetingLog

    linked = select(GoalAction.action_point_id).where(GoalAction.action_point_id.is_not(None))
    rows = s.execute(
        select(ActionPoint.id, ActionPoint.text, MeetingLog.held_on, ActionPoint.due_on)
        .join(MeetingLog, MeetingLog.id == ActionPoint.agreed_at_id)
        .where(ActionPoint.match_id == match_id, ActionPoint.id.not_in(linked))
        .order_by(MeetingLog.held_on.desc(), ActionPoint.position)
    )
    return [MeetingActionChoice(*row) for row in rows]


def link_action_point(s: Session, goal_id: int, action_point_id: int) -> Changes:
    """Put an action point agreed at a meeting under a goal, as a step of its action plan:
    its words, who does it, when it was agreed and when it is due come from the meeting log."""
    from app.model.meeting import ACTION_OWNER_LABELS, ActionPoint, ActionStatus, MeetingLog

    goal = get_goal(s, goal_id)
    point = s.get(ActionPoint, action_point_id)
    if point is None:
        raise NotFound(_("That action point no longer exists."))
    if point.match_id != goal.match_id:
        raise ActionRefused(_("That action point belongs to another match."))
    if s.scalar(select(GoalAction.id).where(GoalAction.action_point_id == point.id)):
        raise ActionRefused(_("That action point is already under a goal."))
    agreed = s.get(MeetingLog, point.agreed_at_id)
    reviewed = s.get(MeetingLog, point.reviewed_at_id) if point.reviewed_at_id else None
    done_on = reviewed.held_on if reviewed and point.status is ActionStatus.DONE else None
    changes = add_action(
        s,
        goal.id,
        ActionDetails(
            description=point.text,
            who=_(ACTION_OWNER_LABELS[point.owner]),
            agreed_on=agreed.held_on if agreed else None,
            due_on=point.due_on,
            done_on=done_on,
        ),
    )
    action = s.get(GoalAction, changes.created_id)
    assert action is not None
    action.action_point_id = point.id
    return changes


# --------------------------------------------------------------------------- drafts


@dataclass(frozen=True)
class GoalDraft:
    """A goal and its first actions, as drafted in the goal-setting help."""

    details: GoalDetails
    actions: list[ActionDetails]


def create_goals_from_drafts(
    s: Session, match_id: int, drafts: list[GoalDraft], today: date
) -> Changes:
    """Make every drafted goal with its actions in one go (all or nothing)."""
    if not drafts:
        raise ActionRefused(_("There are no goals to save yet. Write at least one goal."))
    top = _scale_for_match(s, match_id)
    errors: dict[str, str] = {}
    for number, draft in enumerate(drafts, start=1):
        problems = validate_goal(draft.details.cleaned(), top)
        for action in draft.actions:
            problems.update(validate_action(action.cleaned()))
        errors.update({f"goal{number}_{k}": v for k, v in problems.items()})
    check(errors)
    first: int | None = None
    for draft in drafts:
        goal_id = create_goal(s, match_id, draft.details, today).created_id
        assert goal_id is not None
        first = first or goal_id
        for action in draft.actions:
            add_action(s, goal_id, action)
    return Changes(goals=True, created_id=first)
