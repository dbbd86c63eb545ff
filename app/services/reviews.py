"""Reviews: when each active match's next review is due, and recording one.

The first review is the day written in the agreement; each later one falls the agreement's
review interval after the last review (or on the day that review set for the next). The
interval is kept within the programme's rules for reviews (three to six months), so an old
agreement with a shorter or longer gap is still reviewed within the rules.

`reviews_due(s, programme_id, today)` is what the Today page and the Matching page list: three
queries whatever the number of matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.formatting import format_date
from app.i18n import _
from app.model import Agreement, Match, MatchStatus, Programme, Review
from app.model.goal import goal_label
from app.model.review import REVIEW_DECISION_LABELS, ReviewDecision, Working
from app.services import goals, matching
from app.services.changes import Changes
from app.services.errors import ActionRefused, NotFound, check
from app.services.lookups import get_match, get_or_refuse
from app.services.meetings import pair_names
from app.services.programme_settings import RANGES
from app.services.schedule import add_months
from app.services.validation import text_errors

#: A review is listed as due from this many days before its date.
DUE_SOON_DAYS = 28
#: Matches whose reviews are scheduled.
REVIEWED_STATUSES = (MatchStatus.ACTIVE, MatchStatus.PAUSED)


def review_interval(agreement_months: int | None, programme_months: int) -> int:
    """Months between reviews: the agreement's interval (the programme's when there is no
    agreement), kept within the programme's rules for reviews."""
    low, high = RANGES["review_interval_months"]
    months = agreement_months if agreement_months else programme_months
    return min(max(months, low), high)


def next_review_date(
    started_on: date | None,
    agreement_review_on: date | None,
    interval_months: int,
    last_held_on: date | None,
    last_next_on: date | None,
) -> date | None:
    """When the next review is due, from the agreement and the last review (pure)."""
    if last_held_on is not None:
        return last_next_on or add_months(last_held_on, interval_months)
    if agreement_review_on is not None:
        return agreement_review_on
    if started_on is not None:
        return add_months(started_on, interval_months)
    return None


@dataclass(frozen=True)
class ReviewDue:
    """A match whose review is due soon or overdue (for the Today and Matching pages)."""

    match_id: int
    mentor_name: str
    mentee_name: str
    due_on: date
    overdue: bool


def _schedule(s: Session, programme_id: int | None, match_ids: list[int] | None) -> dict[int, date]:
    which: list[ColumnElement[bool]] = [Match.status.in_(REVIEWED_STATUSES)]
    if programme_id is not None:
        which.append(Match.programme_id == programme_id)
    if match_ids is not None:
        which.append(Match.id.in_(match_ids))
    query = (
        select(
            Match.id,
            Match.started_on,
            Agreement.review_on,
            Agreement.review_interval_months,
            Match.programme_id,
        )
        .outerjoin(Agreement, Agreement.match_id == Match.id)
        .where(*which)
    )
    rows = s.execute(query).all()
    if not rows:
        return {}
    programme_months = {
        pid: months
        for pid, months in s.execute(
            select(Programme.id, Programme.review_interval_months).where(
                Programme.id.in_({r[4] for r in rows})
            )
        )
    }
    latest = (
        select(Review.match_id, func.max(Review.held_on).label("held_on"))
        .where(Review.match_id.in_(select(Match.id).where(*which)))
        .group_by(Review.match_id)
        .subquery()
    )
    last: dict[int, tuple[date, date | None]] = {}
    for match_id, held_on, next_on in s.execute(
        select(Review.match_id, Review.held_on, Review.next_review_on)
        .join(latest, (latest.c.match_id == Review.match_id) & (latest.c.held_on == Review.held_on))
        .order_by(Review.id)
    ):
        last[match_id] = (held_on, next_on)
    due: dict[int, date] = {}
    for match_id, started_on, review_on, months, pid in rows:
        interval = review_interval(months, programme_months.get(pid, 3))
        held, next_on = last.get(match_id, (None, None))
        when = next_review_date(started_on, review_on, interval, held, next_on)
        if when is not None:
            due[match_id] = when
    return due


def review_schedule(s: Session, programme_id: int) -> dict[int, date]:
    """{match id: when its next review is due} for the programme's active and paused matches
    (for lists that already have the pair's names, such as Today)."""
    return _schedule(s, programme_id, None)


def reviews_due(
    s: Session, programme_id: int, today: date, within_days: int = DUE_SOON_DAYS
) -> list[ReviewDue]:
    """Active and paused matches whose next review falls within `within_days` of `today` or
    has passed, soonest (most overdue) first."""
    due = {
        match_id: on
        for match_id, on in review_schedule(s, programme_id).items()
        if on <= today + timedelta(days=within_days)
    }
    if not due:
        return []
    names = pair_names(s, list(due))
    rows = [
        ReviewDue(
            match_id=match_id,
            mentor_name=names.get(match_id, ("", ""))[0],
            mentee_name=names.get(match_id, ("", ""))[1],
            due_on=on,
            overdue=on < today,
        )
        for match_id, on in due.items()
    ]
    rows.sort(key=lambda r: (r.due_on, r.mentee_name.casefold(), r.match_id))
    return rows


#: The next-step key for a match whose review is due (the Matching page opens the review).
NEXT_REVIEW = "review"


def mark_reviews_due(
    rows: list[matching.MatchRow], due: list[ReviewDue]
) -> list[matching.MatchRow]:
    """The board's open matches with "review due" as the next step where one is due."""
    by_match = {r.match_id: r for r in due}

    def marked(row: matching.MatchRow) -> matching.MatchRow:
        review = by_match.get(row.match_id)
        if review is None or row.status not in REVIEWED_STATUSES:
            return row
        text = (
            _("Review overdue: it was due on {on}.") if review.overdue else _("Review due on {on}.")
        ).format(on=format_date(review.due_on))
        return replace(row, next_step=text, next_key=NEXT_REVIEW)

    return [marked(row) for row in rows]


def next_review_for(s: Session, match_id: int) -> date | None:
    """When the match's next review is due (None when it is not being reviewed)."""
    return _schedule(s, None, [match_id]).get(match_id)


# ----------------------------------------------------------------------------- recording


@dataclass(frozen=True)
class ReviewDetails:
    held_on: date | None
    decision: ReviewDecision | None
    mentor_present: bool = True
    mentee_present: bool = True
    coordinator_present: bool = True
    others_present: str = ""
    working_for_mentor: Working | None = None
    working_for_mentee: Working | None = None
    goals_still_right: bool | None = None
    goals_note: str = ""
    progress_note: str = ""
    changes_agreed: str = ""
    new_end_on: date | None = None
    mentor_agreed_on: date | None = None
    mentee_agreed_on: date | None = None
    next_review_on: date | None = None


@dataclass(frozen=True)
class GoalProgress:
    """One goal at a review: the baseline beside the latest rating, on the programme's scale."""

    title: str
    status: str
    baseline: int | None
    latest: int | None
    target: int | None
    change: int | None


@dataclass(frozen=True)
class ReviewContext:
    """What a review form shows before anything is typed."""

    match_id: int
    mentor_name: str
    mentee_name: str
    programme: str
    organisation: str
    coordinator: str
    started_on: date | None
    planned_end_on: date | None
    due_on: date | None
    interval_months: int
    status: MatchStatus
    progress: list[GoalProgress] = field(default_factory=list)


def goal_progress(s: Session, match_id: int, today: date) -> list[GoalProgress]:
    """Each goal's baseline and latest rating side by side, from the goal tracker."""
    rows = []
    for view in goals.goals_for_match(s, match_id, today):
        latest = view.latest
        rows.append(
            GoalProgress(
                title=view.title,
                status=goal_label(view.status),
                baseline=view.baseline_rating,
                latest=latest.rating if latest else None,
                target=view.target_rating,
                change=view.change_from_baseline,
            )
        )
    return rows


def review_context(s: Session, match_id: int, today: date) -> ReviewContext:
    match = get_match(s, match_id)
    names = pair_names(s, [match_id]).get(match_id, ("", ""))
    agreement = matching.agreement_record(s, match_id)
    programme = match.programme
    return ReviewContext(
        match_id=match_id,
        mentor_name=names[0],
        mentee_name=names[1],
        programme=programme.name,
        organisation=programme.organisation,
        coordinator=programme.coordinator,
        started_on=match.started_on,
        planned_end_on=match.planned_end_on,
        due_on=next_review_for(s, match_id),
        interval_months=review_interval(
            agreement.review_interval_months if agreement else None,
            programme.review_interval_months,
        ),
        status=match.status,
        progress=goal_progress(s, match_id, today),
    )


def validate_review(
    details: ReviewDetails,
    today: date,
    started_on: date | None,
    planned_end_on: date | None,
) -> dict[str, str]:
    errors = text_errors(details)
    held = details.held_on
    if held is None:
        errors["held_on"] = _("Give the date of the review.")
    elif held > today:
        errors["held_on"] = _("This date has not come yet. Record the review on the day or later.")
    elif started_on and held < started_on:
        errors["held_on"] = _("This is before the relationship started ({on}).").format(
            on=format_date(started_on)
        )
    if not (details.mentor_present or details.mentee_present):
        errors["present"] = _("Tick who was at the review: the mentor, the mentee or both.")
    if details.decision is None:
        errors["decision"] = _("Choose what was decided.")
    if details.decision is ReviewDecision.EXTEND:
        if details.new_end_on is None:
            errors["new_end_on"] = _("Give the new planned end date.")
        elif planned_end_on and details.new_end_on <= planned_end_on:
            errors["new_end_on"] = _(
                "An extension ends after the current planned end ({on})."
            ).format(on=format_date(planned_end_on))
        elif held and details.new_end_on <= held:
            errors["new_end_on"] = _("The new end comes after the review.")
        # One whole sentence per role, so each translates as a sentence (no role word put in).
        missing = {
            "mentor_agreed_on": _(
                "An extension needs both to agree. Give the day the mentor agreed."
            ),
            "mentee_agreed_on": _(
                "An extension needs both to agree. Give the day the mentee agreed."
            ),
        }
        for name, message in missing.items():
            agreed = getattr(details, name)
            if agreed is None:
                errors[name] = message
            elif agreed > today:
                errors[name] = _(
                    "This date has not come yet. Record an agreement on the day or later."
                )
    longest = RANGES["review_interval_months"][1]
    if details.next_review_on is not None and held is not None:
        if details.decision is not ReviewDecision.MOVE_TO_ENDING:
            if details.next_review_on <= held:
                errors["next_review_on"] = _("The next review comes after this one.")
            elif details.next_review_on > held + relativedelta(months=longest):
                errors["next_review_on"] = _(
                    "Reviews are at most {n} months apart. Choose a day up to {on}."
                ).format(n=longest, on=format_date(held + relativedelta(months=longest)))
    return errors


def record_review(
    s: Session, match_id: int, details: ReviewDetails, today: date, by: str = ""
) -> Changes:
    """Record a review and carry out its decision: carry on, extend the planned end (both
    parties must have agreed), or move the match to ending."""
    match = get_match(s, match_id)
    check(validate_review(details, today, match.started_on, match.planned_end_on))
    assert details.held_on is not None and details.decision is not None, "checked above"
    if match.status not in REVIEWED_STATUSES:
        raise ActionRefused(_("Reviews are recorded while a match is active or paused."))
    due_on = next_review_for(s, match_id)
    review = Review(
        match_id=match_id,
        held_on=details.held_on,
        due_on=due_on,
        mentor_present=details.mentor_present,
        mentee_present=details.mentee_present,
        coordinator_present=details.coordinator_present,
        others_present=details.others_present.strip(),
        working_for_mentor=details.working_for_mentor,
        working_for_mentee=details.working_for_mentee,
        goals_still_right=details.goals_still_right,
        goals_note=details.goals_note.strip(),
        progress_note=details.progress_note.strip(),
        changes_agreed=details.changes_agreed.strip(),
        decision=details.decision,
        next_review_on=details.next_review_on
        if details.decision is not ReviewDecision.MOVE_TO_ENDING
        else None,
        recorded_by=by,
    )
    if details.decision is ReviewDecision.EXTEND:
        review.previous_end_on = match.planned_end_on
        review.new_end_on = details.new_end_on
        review.mentor_agreed_on = details.mentor_agreed_on
        review.mentee_agreed_on = details.mentee_agreed_on
        match.planned_end_on = details.new_end_on
    s.add(review)
    s.flush()
    if details.decision is ReviewDecision.MOVE_TO_ENDING:
        matching.change_status(
            s,
            match_id,
            MatchStatus.ENDING,
            details.held_on,
            today,
            by,
            _("Agreed at the review to move to ending."),
        )
    return Changes(matches=True, meetings=True, created_id=review.id)


def get_review(s: Session, review_id: int) -> Review:
    return get_or_refuse(s, Review, review_id, _("That review no longer exists."))


@dataclass(frozen=True)
class ReviewRow:
    id: int
    held_on: date
    due_on: date | None
    decision: ReviewDecision
    summary: str


def reviews_of(s: Session, match_id: int) -> list[ReviewRow]:
    """The match's reviews, oldest first, each with a one-line summary."""
    rows = []
    for r in s.scalars(
        select(Review).where(Review.match_id == match_id).order_by(Review.held_on, Review.id)
    ):
        summary = _(REVIEW_DECISION_LABELS[r.decision])
        if r.decision is ReviewDecision.EXTEND and r.new_end_on:
            summary = _("Extended: planned end {old} to {new}").format(
                old=format_date(r.previous_end_on) if r.previous_end_on else "–",
                new=format_date(r.new_end_on),
            )
        rows.append(ReviewRow(r.id, r.held_on, r.due_on, r.decision, summary))
    return rows


def details_of(review: Review) -> ReviewDetails:
    return ReviewDetails(
        held_on=review.held_on,
        decision=review.decision,
        mentor_present=review.mentor_present,
        mentee_present=review.mentee_present,
        coordinator_present=review.coordinator_present,
        others_present=review.others_present,
        working_for_mentor=review.working_for_mentor,
        working_for_mentee=review.working_for_mentee,
        goals_still_right=review.goals_still_right,
        goals_note=review.goals_note,
        progress_note=review.progress_note,
        changes_agreed=review.changes_agreed,
        new_end_on=review.new_end_on,
        mentor_agreed_on=review.mentor_agreed_on,
        mentee_agreed_on=review.mentee_agreed_on,
        next_review_on=review.next_review_on,
    )


def match_of_review(s: Session, review_id: int) -> int:
    review = s.get(Review, review_id)
    if review is None:
        raise NotFound(_("That review no longer exists."))
    return review.match_id
