"""The action plan for a match, pre-filled: each goal with where the mentee started, the target
and the steps agreed, with room to add steps by hand and lines for all three to sign.

The caller gathers the data (`catalogue.action_plan`); this module only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.i18n import _
from app.model.goal import OPEN_GOAL_STATUSES, goal_label
from app.services.goals import ActionRow, GoalView, MatchHeading

if TYPE_CHECKING:
    from reportlab.platypus import Flowable, Table


@dataclass(frozen=True)
class ActionPlan:
    heading: MatchHeading
    goals: list[GoalView]


def rating_text(rating: int | None, top: int, on: date | None = None, note: str = "") -> str:
    """A rating worded for paper: "3 out of 10 on 15/09/2026: note"; "" when not rated."""
    from app.formatting import format_date

    if rating is None:
        return note
    text = _("{rating} out of {top}").format(rating=rating, top=top)
    if on is not None:
        text = _("{rating} on {date}").format(rating=text, date=format_date(on))
    return _("{rating}: {note}").format(rating=text, note=note) if note else text


def _when(action: ActionRow) -> str:
    from app.formatting import format_date

    lines = [action.timescale] if action.timescale else []
    if action.due_on:
        if action.overdue:
            lines.append(_("Due {date} (overdue)").format(date=format_date(action.due_on)))
        else:
            lines.append(_("Due {date}").format(date=format_date(action.due_on)))
    return "\n".join(lines)


def actions_grid(actions: list[ActionRow], blank_rows: int = 2, title: str = "") -> Table:
    """The steps of a goal as a ruled grid, with empty rows to add steps by hand."""
    from app.printouts import goal_parts, style

    rows = [
        [
            goal_parts.cell(
                a.description,
                _("Agreed {date}").format(date=style.format_date(a.agreed_on))
                if a.agreed_on
                else "",
            ),
            goal_parts.cell(a.who),
            goal_parts.cell(_when(a)),
            goal_parts.cell(a.milestone),
            goal_parts.cell(a.success_criteria),
            goal_parts.cell(style.format_date(a.done_on)),
        ]
        for a in actions
    ]
    return goal_parts.grid(
        [
            _("Action"),
            _("Who"),
            _("Timescale"),
            _("Milestone"),
            _("Success criteria"),
            _("Done"),
        ],
        rows,
        [46, 20, 28, 28, 28, 20],
        blank_rows=blank_rows,
        title=title or _("Steps towards the goal"),
    )


def render(plan: ActionPlan, printed_on: date) -> bytes:
    from app.printouts import style

    h = plan.heading
    top = h.rating_scale_max
    title = _("Action plan")
    story: list[Flowable] = [
        style.heading(
            _("Action plan for {mentee}").format(mentee=h.mentee) if h.mentee else title, 1
        ),
        style.field_rows(
            [
                (_("Mentee"), h.mentee),
                (_("Mentor"), h.mentor),
                (_("Start date"), style.format_date(h.started_on)),
                (_("Completion date"), style.format_date(h.planned_end_on)),
                (
                    _("Rating scale"),
                    _("1 (just starting) to {top} (fully there)").format(top=top),
                ),
            ]
        ),
    ]
    current = [g for g in plan.goals if g.status in OPEN_GOAL_STATUSES]
    finished = [g for g in plan.goals if g.status not in OPEN_GOAL_STATUSES]
    # Each goal is one block: its heading, its details and its steps stay on one page (unless
    # one goal is longer than a page), so a goal is never cut off from its heading.
    sections: list[list[Flowable]] = []
    if not current:
        sections.append(
            [
                style.heading(_("Goal 1"), 2),
                style.field_rows(
                    [
                        (_("Goal"), ""),
                        (_("Where we start"), ""),
                        (_("Target"), ""),
                        (_("Success criteria"), ""),
                        (_("Target date"), ""),
                    ]
                ),
                style.spacer(3),
                actions_grid([], blank_rows=4),
            ]
        )
    for number, goal in enumerate(current, start=1):
        target = goal.target
        if goal.target_rating is not None:
            target = _("{target} (rating {rating})").format(
                target=target or _("Target"), rating=goal.target_rating
            )
        sections.append(
            [
                style.heading(
                    _("Goal {number}: {title}").format(number=number, title=goal.title), 2
                ),
                style.field_rows(
                    [
                        (_("Why it matters"), goal.why),
                        (_("Short or long term"), goal_label(goal.term)),
                        (_("Status"), goal_label(goal.status)),
                        (
                            _("Where we start"),
                            rating_text(
                                goal.baseline_rating, top, goal.baseline_on, goal.baseline_note
                            ),
                        ),
                        (_("Target"), target),
                        (_("Success criteria"), goal.success_criteria),
                        (_("Start date"), style.format_date(goal.start_on)),
                        (_("Target date"), style.format_date(goal.target_on)),
                    ]
                ),
                style.spacer(3),
                actions_grid(
                    goal.open_actions,
                    title=_("Goal {number}: steps").format(number=number),
                ),
            ]
        )
    if finished:
        earlier: list[Flowable] = [style.heading(_("Earlier goals"), 2)]
        earlier += [
            style.paragraph(
                _("{title}: {status} on {date}").format(
                    title=goal.title,
                    status=goal_label(goal.status).lower(),
                    date=style.format_date(goal.status_since),
                )
            )
            for goal in finished
        ]
        sections.append(earlier)
    closing: list[Flowable] = [
        style.heading(_("Additional comments"), 2),
        style.writing_lines(3),
        style.heading(_("Agreed by"), 2),
        style.signature_block(
            [
                _("Mentee: {name}").format(name=style.unbroken(h.mentee))
                if h.mentee
                else _("Mentee"),
                _("Mentor: {name}").format(name=style.unbroken(h.mentor))
                if h.mentor
                else _("Mentor"),
                _("Coordinator: {name}").format(name=style.unbroken(h.coordinator))
                if h.coordinator
                else _("Coordinator"),
            ]
        ),
    ]
    last_title = (
        _("Goal {number}: {title}").format(number=len(current), title=current[-1].title)
        if current and not finished
        else _("Goal 1")
        if not current and not finished
        else ""
    )
    story += style.end_with_signatures(
        sections,
        closing,
        lead=list(story),
        continued=_("{section} (continued)").format(section=last_title) if last_title else "",
    )
    letterhead = style.Letterhead(organisation=h.organisation, programme=h.programme, title=title)
    return style.build_pdf(letterhead, story, printed_on=printed_on)
