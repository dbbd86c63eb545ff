"""The review record: how the relationship is going, the goals against their baselines, what
was agreed and what happens next, with lines for the mentor, the mentee and the coordinator to
sign.

Printed two ways: completed from a recorded review (the answers as words, the progress side by
side, an extension's old and new planned end and both agreements), or blank for a review held on
paper (tick boxes and ruled lines, and no one's name on it). The caller gathers the data
(`app/printouts/catalogue.py`); this module only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.i18n import _
from app.printouts.style import escape

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable
    from sqlalchemy.orm import Session

    from app.model.review import Working


@dataclass(frozen=True)
class ProgressLine:
    """One goal at the review: baseline, latest rating and target on the programme's scale."""

    title: str
    status: str
    baseline: int | None
    latest: int | None
    target: int | None
    change: int | None


@dataclass(frozen=True)
class ReviewSheet:
    """Everything the review record prints, already worded. `completed` is False for the blank
    form, where every answer is left for the pen."""

    organisation: str
    programme: str
    rating_scale_max: int
    working_choices: tuple[str, ...]
    decision_choices: tuple[str, ...]
    completed: bool = False
    coordinator: str = ""
    mentor: str = ""
    mentee: str = ""
    started_on: date | None = None
    due_on: date | None = None
    held_on: date | None = None
    mentor_present: bool = False
    mentee_present: bool = False
    coordinator_present: bool = False
    others_present: str = ""
    working_for_mentor: str = ""
    working_for_mentee: str = ""
    goals_still_right: bool | None = None
    goals_note: str = ""
    progress: tuple[ProgressLine, ...] = ()
    progress_note: str = ""
    changes_agreed: str = ""
    decision: str = ""
    extended: bool = False
    previous_end_on: date | None = None
    new_end_on: date | None = None
    mentor_agreed_on: date | None = None
    mentee_agreed_on: date | None = None
    next_review_on: date | None = None
    recorded_by: str = ""


#: Blank rows in the progress table of a blank review record.
BLANK_GOAL_ROWS = 4
#: A progress table this long or shorter is kept on one page with its heading.
WHOLE_TABLE_ROWS = 8


def _or_word(value: str, word: str) -> str:
    return value if value.strip() else word


def rating_text(value: int | None) -> str:
    """A rating for the table; a plain word when there is none."""
    return str(value) if value is not None else _("not set")


def change_text(change: int | None) -> str:
    """How far a goal has moved from its baseline: "+3", "−1", "no change"."""
    if change is None:
        return _("not yet rated")
    if change == 0:
        return _("no change")
    return _("+{n}").format(n=change) if change > 0 else _("−{n}").format(n=-change)


def _who_took_part(sheet: ReviewSheet) -> list[str]:
    people = [
        (sheet.mentor_present, _("Mentor")),
        (sheet.mentee_present, _("Mentee")),
        (sheet.coordinator_present, _("Coordinator")),
    ]
    names = [who for present, who in people if present]
    if sheet.others_present.strip():
        names.append(sheet.others_present.strip())
    return names


def _progress_table(sheet: ReviewSheet) -> Flowable:
    from app.printouts import goal_parts

    headers = [
        _("Goal"),
        _("Status"),
        _("Baseline"),
        _("At the review"),
        _("Target"),
        _("Change"),
    ]
    widths = [62, 26, 19, 22, 17, 24]
    if not sheet.completed:
        return goal_parts.grid(
            headers, [], widths, blank_rows=BLANK_GOAL_ROWS, title=_("Progress on the goals")
        )
    rows = [
        [
            goal_parts.cell(line.title),
            goal_parts.cell(line.status),
            goal_parts.cell(rating_text(line.baseline)),
            goal_parts.cell(_("no rating yet") if line.latest is None else str(line.latest)),
            goal_parts.cell(rating_text(line.target)),
            goal_parts.cell(change_text(line.change)),
        ]
        for line in sheet.progress
    ]
    return goal_parts.grid(headers, rows, widths, title=_("Progress on the goals"))


def label_style() -> ParagraphStyle:
    """The house style's field label (bold, small, grey), for labels beside tick boxes."""
    from reportlab.lib.styles import ParagraphStyle

    from app.printouts import style

    style.register_fonts()
    return ParagraphStyle(
        "ReviewLabel",
        fontName=style.FONT_BOLD,
        fontSize=9,
        leading=12.5,
        textColor=style.MUTED,
    )


def tick_row(labels: list[str], label: str = "") -> Flowable:
    """Tick boxes side by side across the page, after an optional label in the first column."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import Paragraph, Table, TableStyle

    from app.printouts import style

    cells: list[Any] = [style.tick_box(text, None) for text in labels]
    room = style.CONTENT_WIDTH
    if label:
        cells.insert(0, Paragraph(escape(label), label_style()))
        room -= style.LABEL_WIDTH
    # Each choice as wide as its words need, and what is left shared out, so that no choice
    # wraps while there is room for it on one line.
    needs = [
        pdfmetrics.stringWidth(text, style.FONT, 10) + style.BOX_SIZE + 3 * mm + 8
        for text in labels
    ]
    spare = room - sum(needs)
    if spare >= 0:
        widths = [need + spare / len(needs) for need in needs]
    else:
        widths = [room * need / sum(needs) for need in needs]
    if label:
        widths.insert(0, style.LABEL_WIDTH)
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _stack(flowables: list[Flowable]) -> Flowable:
    """Flowables one under another in a single cell, to be kept together by `whole`."""
    from reportlab.platypus import Table, TableStyle

    table = Table([[f] for f in flowables], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def whole(flowable: Flowable) -> Flowable:
    """`flowable` kept in one piece: it moves to the next page rather than split, and a heading
    just before it goes with it."""
    from reportlab.platypus import Table, TableStyle

    class _Whole(Table):  # type: ignore[misc]  # ReportLab has no type hints
        def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
            return []

    table = _Whole([[flowable]], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _answer(sheet: ReviewSheet, text: str, lines: int, nothing: str) -> Flowable:
    """A written answer: the text, a plain word when nothing was written, or lines for the pen."""
    from app.printouts import style

    if not sheet.completed:
        return style.writing_lines(lines)
    return style.paragraph(_or_word(text, nothing))


def render(sheet: ReviewSheet, printed_on: date) -> bytes:
    """The review record as A4 PDF bytes."""
    from app.printouts import style

    title = _("Review record") if sheet.completed else _("Review record to complete and sign")
    done = sheet.completed
    not_recorded = _("Not recorded")
    story: list[Flowable] = [
        style.heading(title, 1),
        style.paragraph(
            _(
                "At a review the mentor, the mentee and the coordinator look together at how "
                "the relationship is going, whether the goals are still the right ones and "
                "what happens next. Each of them signs this record."
            )
        ),
        style.field_rows(
            [
                (_("Mentee"), sheet.mentee),
                (_("Mentor"), sheet.mentor),
                (_("Coordinator"), sheet.coordinator),
                (_("Relationship started"), style.format_date(sheet.started_on)),
                (_("Review due"), style.format_date(sheet.due_on)),
                (_("Date of review"), style.format_date(sheet.held_on)),
            ]
        ),
        style.heading(_("Who took part"), 2),
    ]
    if done:
        story.append(style.paragraph(", ".join(_who_took_part(sheet)) or not_recorded))
    else:
        story.append(tick_row([_("Mentor"), _("Mentee"), _("Coordinator")]))
        story.append(style.field_rows([(_("Anyone else"), None)]))

    story.append(style.heading(_("Is the relationship working?"), 2))
    if done:
        story.append(
            style.field_rows(
                [
                    (_("For the mentor"), _or_word(sheet.working_for_mentor, not_recorded)),
                    (_("For the mentee"), _or_word(sheet.working_for_mentee, not_recorded)),
                ]
            )
        )
    else:
        for who in (_("For the mentor"), _("For the mentee")):
            story.append(tick_row(list(sheet.working_choices), who))

    story.append(style.heading(_("Are the goals still the right ones?"), 2))
    if done:
        right = {
            True: _("Yes, they are still right"),
            False: _("No, they need to change"),
            None: not_recorded,
        }[sheet.goals_still_right]
        story.append(style.paragraph(right))
        if sheet.goals_note.strip():
            story.append(style.paragraph(sheet.goals_note))
    else:
        story.append(tick_row([_("Yes, they are still right"), _("No, they need to change")]))
        story.append(style.spacer(1))
        story.append(style.writing_lines(2))

    story.append(style.heading(_("Progress against the baselines"), 2))
    scale = style.paragraph(
        _(
            "Each goal's rating when it was set, beside the latest rating before the review, "
            "on a scale of 1 to {top}."
        ).format(top=sheet.rating_scale_max)
    )
    if done and not sheet.progress:
        story.append(style.paragraph(_("No goals had been set for this match.")))
    elif len(sheet.progress) <= WHOLE_TABLE_ROWS:
        story.append(whole(_stack([scale, style.spacer(1), _progress_table(sheet)])))
    else:
        story += [scale, _progress_table(sheet)]
    story.append(style.heading(_("What the mentor and mentee said about progress"), 3))
    story.append(_answer(sheet, sheet.progress_note, 3, _("Nothing written.")))

    story.append(style.heading(_("Changes agreed"), 2))
    story.append(_answer(sheet, sheet.changes_agreed, 3, _("No changes were agreed.")))

    story.append(style.heading(_("What was decided"), 2))
    if done:
        rows: list[tuple[str, str | None]] = [
            (_("Decision"), _or_word(sheet.decision, not_recorded))
        ]
        if sheet.extended:
            rows += [
                (_("Planned end before"), style.format_date(sheet.previous_end_on)),
                (_("New planned end"), style.format_date(sheet.new_end_on)),
                (_("Mentor agreed on"), style.format_date(sheet.mentor_agreed_on)),
                (_("Mentee agreed on"), style.format_date(sheet.mentee_agreed_on)),
            ]
        if sheet.next_review_on is not None:
            rows.append((_("Next review"), style.format_date(sheet.next_review_on)))
        if sheet.recorded_by.strip():
            rows.append((_("Recorded by"), sheet.recorded_by))
        story.append(whole(style.field_rows(rows)))
    else:
        story.append(tick_row(list(sheet.decision_choices)))
        story.append(style.heading(_("If the relationship is extended"), 3))
        story.append(
            style.field_rows(
                [
                    (_("New planned end"), None),
                    (_("Mentor agreed on"), None),
                    (_("Mentee agreed on"), None),
                ]
            )
        )
        story.append(style.field_rows([(_("Next review"), None)]))

    def signer(role: str, name: str) -> str:
        return _("{role}: {name}").format(role=role, name=name) if name.strip() else role

    story += [
        style.heading(_("Signed"), 2),
        style.signature_block(
            [
                signer(_("Mentor"), sheet.mentor),
                signer(_("Mentee"), sheet.mentee),
                signer(_("Coordinator"), sheet.coordinator),
            ]
        ),
    ]
    letterhead = style.Letterhead(
        organisation=sheet.organisation, programme=sheet.programme, title=_("Review record")
    )
    return style.build_pdf(letterhead, story, printed_on=printed_on)


# ----------------------------------------------------------------------------- the data


def progress_at(s: Session, match_id: int, on: date) -> tuple[ProgressLine, ...]:
    """Each goal set by `on` as it stood that day: the baseline, the latest rating given on or
    before that day, the target and the change, and the goal's status then."""
    from app.model.goal import goal_label
    from app.services import goals

    lines = []
    for view in goals.goals_for_match(s, match_id, on):
        if view.baseline_on > on:
            continue
        ratings = [r for r in view.ratings if r.rated_on <= on]
        latest = ratings[-1].rating if ratings else None
        changes = [c for c in view.status_history if c.changed_on <= on]
        status = changes[-1].to_status if changes else view.status
        change = (
            latest - view.baseline_rating
            if latest is not None and view.baseline_rating is not None
            else None
        )
        lines.append(
            ProgressLine(
                title=view.title,
                status=goal_label(status),
                baseline=view.baseline_rating,
                latest=latest,
                target=view.target_rating,
                change=change,
            )
        )
    return tuple(lines)


def _choices() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from app.model.review import REVIEW_DECISION_LABELS, WORKING_LABELS

    return (
        tuple(_(text) for text in WORKING_LABELS.values()),
        tuple(_(text) for text in REVIEW_DECISION_LABELS.values()),
    )


def review_record(s: Session, review_id: int, printed_on: date) -> bytes:
    """A recorded review, completed and ready to sign; 0 for a blank review record, with no
    one's name on it (the letterhead is the first programme still running)."""
    from sqlalchemy import select

    from app.model import Programme
    from app.model.review import REVIEW_DECISION_LABELS, WORKING_LABELS, ReviewDecision
    from app.services import reviews
    from app.services.lookups import get_match

    working, decisions = _choices()
    if not review_id:
        programme = s.scalar(
            select(Programme).where(Programme.archived_on.is_(None)).order_by(Programme.id)
        )
        sheet = ReviewSheet(
            organisation=programme.organisation if programme else "",
            programme=programme.name if programme else "",
            rating_scale_max=programme.goal_rating_scale_max if programme else 10,
            working_choices=working,
            decision_choices=decisions,
        )
        return render(sheet, printed_on=printed_on)

    review = reviews.get_review(s, review_id)
    context = reviews.review_context(s, review.match_id, printed_on)
    programme = get_match(s, review.match_id).programme

    def working_text(value: Working | None) -> str:
        return _(WORKING_LABELS[value]) if value is not None else ""

    sheet = ReviewSheet(
        organisation=context.organisation,
        programme=context.programme,
        rating_scale_max=programme.goal_rating_scale_max,
        working_choices=working,
        decision_choices=decisions,
        completed=True,
        coordinator=context.coordinator,
        mentor=context.mentor_name,
        mentee=context.mentee_name,
        started_on=context.started_on,
        due_on=review.due_on,
        held_on=review.held_on,
        mentor_present=review.mentor_present,
        mentee_present=review.mentee_present,
        coordinator_present=review.coordinator_present,
        others_present=review.others_present,
        working_for_mentor=working_text(review.working_for_mentor),
        working_for_mentee=working_text(review.working_for_mentee),
        goals_still_right=review.goals_still_right,
        goals_note=review.goals_note,
        progress=progress_at(s, review.match_id, review.held_on),
        progress_note=review.progress_note,
        changes_agreed=review.changes_agreed,
        decision=_(REVIEW_DECISION_LABELS[review.decision]),
        extended=review.decision is ReviewDecision.EXTEND,
        previous_end_on=review.previous_end_on,
        new_end_on=review.new_end_on,
        mentor_agreed_on=review.mentor_agreed_on,
        mentee_agreed_on=review.mentee_agreed_on,
        next_review_on=review.next_review_on,
        recorded_by=review.recorded_by,
    )
    return render(sheet, printed_on=printed_on)
