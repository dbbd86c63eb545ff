"""The progress summary for a match: each goal's baseline, ratings over time (with a small
chart), status history and any change to a baseline, with the match's figures on top.

For reviews, endings and the evidence funders and quality awards ask for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.i18n import _
from app.model.goal import GoalStatus, goal_label
from app.services.goals import GoalView, MatchGoalSummary, MatchHeading

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class ProgressSummary:
    heading: MatchHeading
    goals: list[GoalView]
    summary: MatchGoalSummary


def _status_line(goal: GoalView) -> str:
    from app.formatting import format_date

    steps = []
    for change in goal.status_history:
        text = _("{status} {date}").format(
            status=goal_label(change.to_status), date=format_date(change.changed_on)
        )
        if change.reason:
            text = _("{step} ({reason})").format(step=text, reason=change.reason)
        steps.append(text)
    return " → ".join(steps)


def render(summary: ProgressSummary, printed_on: date) -> bytes:
    from app.printouts import goal_parts, style
    from app.printouts.action_plan import rating_text

    h = summary.heading
    top = h.rating_scale_max
    figures = summary.summary
    title = _("Progress summary")
    average = (
        _("{change:+.1f}").format(change=figures.average_change)
        if figures.average_change is not None
        else "–"
    )
    story: list[Flowable] = [
        style.heading(_("Progress summary for {mentee}").format(mentee=h.mentee), 1),
        style.field_rows(
            [
                (_("Mentee"), h.mentee),
                (_("Mentor"), h.mentor),
                (_("Start date"), style.format_date(h.started_on)),
                (_("Planned end"), style.format_date(h.planned_end_on)),
                (_("Rating scale"), _("1 to {top}").format(top=top)),
            ]
        ),
        style.spacer(4),
        style.key_figures(
            [
                (_("Goals"), str(figures.goals)),
                (_("Achieved"), str(figures.by_status.get(GoalStatus.ACHIEVED, 0))),
                (_("Average change from baseline"), average),
                (
                    _("Actions done"),
                    _("{done} of {total}").format(done=figures.actions_done, total=figures.actions),
                ),
            ]
        ),
    ]
    if not summary.goals:
        story.append(style.paragraph(_("No goals have been recorded for this match yet.")))
    for number, goal in enumerate(summary.goals, start=1):
        latest = goal.latest
        change = goal.change_from_baseline
        story += [
            style.heading(_("Goal {number}: {title}").format(number=number, title=goal.title), 2),
            style.field_rows(
                [
                    (_("Status"), goal_label(goal.status)),
                    (
                        _("Baseline"),
                        rating_text(
                            goal.baseline_rating, top, goal.baseline_on, goal.baseline_note
                        ),
                    ),
                    (
                        _("Latest rating"),
                        rating_text(latest.rating, top, latest.rated_on) if latest else "",
                    ),
                    (
                        _("Change from baseline"),
                        _("{change:+d}").format(change=change) if change is not None else "",
                    ),
                    (
                        _("Target"),
                        _("{target} (rating {rating})").format(
                            target=goal.target or _("Target"), rating=goal.target_rating
                        )
                        if goal.target_rating is not None
                        else goal.target,
                    ),
                    (_("Target date"), style.format_date(goal.target_on)),
                    (_("Status history"), _status_line(goal)),
                ]
            ),
            style.spacer(2),
            goal_parts.progress_chart(goal.series, top, goal.target_rating),
        ]
        if goal.ratings:
            story += [
                style.spacer(2),
                goal_parts.grid(
                    [_("Date"), _("Rating"), _("Recorded at"), _("Note")],
                    [
                        [
                            goal_parts.cell(style.format_date(r.rated_on)),
                            goal_parts.cell(str(r.rating)),
                            goal_parts.cell(goal_label(r.recorded_at)),
                            goal_parts.cell(r.note),
                        ]
                        for r in goal.ratings
                    ],
                    [24, 16, 26, 104],
                    title=_("Ratings of {goal}").format(goal=goal.title),
                ),
            ]
        for changed in goal.baseline_changes:
            story.append(
                style.paragraph(
                    _("Baseline changed on {date} from {old} to {new}. Reason: {reason}").format(
                        date=style.format_date(changed.changed_on),
                        old=changed.old_rating if changed.old_rating is not None else "–",
                        new=changed.new_rating if changed.new_rating is not None else "–",
                        reason=changed.reason,
                    )
                )
            )
    letterhead = style.Letterhead(organisation=h.organisation, programme=h.programme, title=title)
    return style.build_pdf(letterhead, story, printed_on=printed_on)
