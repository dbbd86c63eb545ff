"""The closure record: how a mentoring relationship was brought to a close, for the programme's
file.

How and why it ended, the final meeting, what each person said at their exit conversation, the
rule on contact after closure and who acknowledged it, what happens next for each of them, the
certificates and the coordinator's confirmation that the procedure was followed. While the
ending is still in progress, what is not done yet prints as lines for the pen and the steps still
to do are listed at the top; once the match is closed, anything left empty prints as a plain word.
Private meeting notes are never on it. The caller gathers the data (`closure_record()` below);
`render` only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.i18n import _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ExitTalk:
    """One person's exit conversation, already worded."""

    #: "Exit conversation with the mentor" (or mentee): whole, so it translates as a sentence.
    heading: str
    name: str
    held_on: date | None
    missed: str  # why it could not happen
    went_well: str
    changed: str
    better: str
    again: str  # would they take part again, as a word; "" when not answered


@dataclass(frozen=True)
class ClosureSheet:
    """Everything the closure record prints, already worded. `closed` says whether the match is
    closed: then an empty answer prints as a plain word rather than a line for the pen."""

    organisation: str
    programme: str
    coordinator: str
    mentor: str
    mentee: str
    status: str
    closed: bool
    started_on: date | None
    planned_end_on: date | None
    months: int
    meetings: int
    again_choices: tuple[str, ...]
    missing: tuple[str, ...] = ()
    path: str = ""
    early: bool = False
    early_by: str = ""
    not_a_good_fit: bool = False
    reasons: str = ""
    end_on: date | None = None
    final_meeting_on: date | None = None
    no_final_meeting: str = ""
    exits: tuple[ExitTalk, ...] = ()
    contact_rule: str = ""
    mentor_acknowledged_on: date | None = None
    mentee_acknowledged_on: date | None = None
    acknowledgement_missed: str = ""
    mentee_next: str = ""
    mentor_next: str = ""
    next_note: str = ""
    caution: str = ""
    caution_acknowledged: bool = False
    rematch: bool = False
    certificates_on: date | None = None
    no_certificates: str = ""
    confirmed_on: date | None = None
    confirmed_by: str = ""


def _panel(lines: list[Flowable]) -> Flowable:
    """A pale box around `lines`, for what needs attention (steps still to do, a caution)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from app.printouts import style

    table = Table([[line] for line in lines], colWidths=[style.CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), style.PANEL),
                ("BOX", (0, 0), (-1, -1), 0.5, style.RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
                ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
            ]
        )
    )
    return table


def render(sheet: ClosureSheet, printed_on: date) -> bytes:
    """The closure record as A4 PDF bytes."""
    from app.printouts import style
    from app.printouts.review_record import tick_row, whole

    closed = sheet.closed
    not_recorded = _("Not recorded")

    def value(text: str, word: str = not_recorded) -> str | None:
        """What a field prints: the text; once closed, a plain word; until then, a pen line."""
        if text.strip():
            return text
        return word if closed else None

    def day(on: date | None, word: str = not_recorded) -> str | None:
        return value(style.format_date(on), word)

    def written(text: str, lines: int, word: str = not_recorded) -> Flowable:
        shown = value(text, word)
        return style.paragraph(shown) if shown is not None else style.writing_lines(lines)

    title = _("Closure record")
    story: list[Flowable] = [
        style.heading(title, 1),
        style.paragraph(
            _(
                "How this mentoring relationship was brought to a close. It holds what the "
                "mentor and the mentee each said at their exit conversation, so it stays in the "
                "programme's file and is not handed to either of them."
            )
        ),
        style.field_rows(
            [
                (_("Mentee"), sheet.mentee),
                (_("Mentor"), sheet.mentor),
                (_("Coordinator"), sheet.coordinator),
                (_("Relationship started"), style.format_date(sheet.started_on)),
                (_("Planned end"), style.format_date(sheet.planned_end_on)),
                (_("Ended on"), day(sheet.end_on)),
            ]
        ),
        style.spacer(4),
        style.key_figures(
            [
                (_("Months together"), str(sheet.months)),
                (_("Meetings held"), str(sheet.meetings)),
                (_("Where it stands"), sheet.status),
            ]
        ),
    ]
    if sheet.missing and not closed:
        items: list[Flowable] = [style.heading(_("Still to do before the match can close"), 3)]
        items += [style.paragraph(_("• {step}").format(step=step)) for step in sheet.missing]
        story += [style.spacer(4), whole(_panel(items))]

    story.append(style.heading(_("How and why it ended"), 2))
    rows: list[tuple[str, str | None]] = [(_("Kind of ending"), value(sheet.path))]
    if sheet.early:
        rows.append((_("Who or what ended it"), value(sheet.early_by)))
        rows.append(
            (
                _("A matter of fit?"),
                _("Yes: the two were not a good fit")
                if sheet.not_a_good_fit
                else _("No, it was not about fit"),
            )
        )
    story.append(style.field_rows(rows))
    story.append(style.heading(_("Reasons"), 3))
    story.append(written(sheet.reasons, 3))

    story.append(style.heading(_("The final meeting"), 2))
    if sheet.final_meeting_on is None and sheet.no_final_meeting.strip():
        story.append(
            style.field_rows(
                [
                    (_("Final meeting"), _("There was no final meeting")),
                    (_("Why not"), sheet.no_final_meeting),
                ]
            )
        )
    else:
        story.append(style.field_rows([(_("Final meeting"), day(sheet.final_meeting_on))]))

    questions = (
        (_("What went well?"), "went_well"),
        (_("What changed for you?"), "changed"),
        (_("What could have been better?"), "better"),
    )
    for talk in sheet.exits:
        heading = talk.heading
        if talk.name.strip():
            heading = _("{heading}: {name}").format(heading=heading, name=talk.name)
        story.append(style.heading(heading, 2))
        if talk.held_on is None and talk.missed.strip():
            story.append(
                style.field_rows(
                    [(_("Held"), _("It could not take place")), (_("Why not"), talk.missed)]
                )
            )
            continue
        if talk.held_on is not None or closed:
            not_answered = _("Not answered") if talk.held_on is not None else not_recorded
            answers: list[tuple[str, str | None]] = [
                (_("Held on"), day(talk.held_on)),
            ]
            answers += [
                (question, getattr(talk, name) or not_answered) for question, name in questions
            ]
            answers.append((_("Would you take part again?"), talk.again or not_answered))
            story.append(style.field_rows(answers))
            continue
        story.append(style.field_rows([(_("Held on"), None)]))
        for question, _name in questions:
            story.append(style.heading(question, 3))
            story.append(style.writing_lines(2))
        story.append(style.heading(_("Would you take part again?"), 3))
        story.append(tick_row(list(sheet.again_choices)))

    story.append(style.heading(_("Contact after closure"), 2))
    story.append(written(sheet.contact_rule, 3, _("No rule was written down.")))
    explained = sheet.acknowledgement_missed.strip()
    not_given = _("Not acknowledged") if explained else not_recorded
    rows = [
        (_("Mentor acknowledged on"), day(sheet.mentor_acknowledged_on, not_given)),
        (_("Mentee acknowledged on"), day(sheet.mentee_acknowledged_on, not_given)),
    ]
    if explained:
        rows.append((_("Why not"), sheet.acknowledgement_missed))
    story.append(style.field_rows(rows))

    story.append(style.heading(_("What happens next"), 2))
    rows = [
        (_("For the mentee"), value(sheet.mentee_next)),
        (_("For the mentor"), value(sheet.mentor_next)),
    ]
    if sheet.next_note.strip():
        rows.append((_("Note"), sheet.next_note))
    story.append(style.field_rows(rows))
    if sheet.caution:
        lines: list[Flowable] = [
            style.heading(_("Before a new mentor is found"), 3),
            style.paragraph(sheet.caution),
        ]
        if sheet.rematch:
            lines.append(
                style.paragraph(
                    _("The coordinator read this caution before deciding to re-match.")
                    if sheet.caution_acknowledged
                    else _("The coordinator has not yet confirmed reading this caution.")
                )
            )
        story += [style.spacer(2), whole(_panel(lines))]

    story.append(style.heading(_("Certificates"), 2))
    if sheet.certificates_on is None and sheet.no_certificates.strip():
        story.append(
            style.field_rows(
                [
                    (_("Certificates"), _("None given")),
                    (_("Why not"), sheet.no_certificates),
                ]
            )
        )
    else:
        story.append(style.field_rows([(_("Given on"), day(sheet.certificates_on))]))

    coordinator = (
        _("Coordinator: {name}").format(name=sheet.coordinator)
        if sheet.coordinator.strip()
        else _("Coordinator")
    )
    confirmation: list[Any] = [
        style.spacer(4),
        style.heading(_("The coordinator's confirmation"), 2),
        style.paragraph(
            _(
                "I confirm that this relationship was closed as the programme's procedure asks: "
                "the ending was planned or explained, both people were heard, and each knows "
                "what happens next."
            )
        ),
        style.field_rows(
            [
                (_("Confirmed by"), value(sheet.confirmed_by)),
                (_("Confirmed on"), day(sheet.confirmed_on)),
            ]
        ),
        style.spacer(5),
        style.signature_block([coordinator]),
    ]
    story.append(whole(_column(confirmation)))
    letterhead = style.Letterhead(
        organisation=sheet.organisation, programme=sheet.programme, title=title
    )
    return style.build_pdf(letterhead, story, printed_on=printed_on)


def _column(flowables: list[Flowable]) -> Flowable:
    from reportlab.platypus import Table, TableStyle

    from app.printouts import style

    table = Table([[f] for f in flowables], colWidths=[style.CONTENT_WIDTH], hAlign="LEFT")
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


# ----------------------------------------------------------------------------- the data


def closure_record(s: Session, match_id: int, printed_on: date) -> bytes:
    """The match's closure record: complete once it is closed, or the ending so far (the steps
    still to do listed, lines for the pen) while it is ending or before it begins."""
    from app.model import MatchStatus
    from app.model.ending import (
        CLOSURE_PATH_LABELS,
        EARLY_BY_LABELS,
        MENTEE_NEXT_LABELS,
        MENTOR_NEXT_LABELS,
        TAKE_PART_AGAIN_LABELS,
        ClosurePath,
        MenteeNext,
    )
    from app.model.match import MATCH_STATUS_LABELS
    from app.services import endings
    from app.services.errors import ActionRefused

    view = endings.closure_view(s, match_id)
    if view.started_on is None:
        raise ActionRefused(
            _("This match never started, so there is no relationship to close on paper.")
        )
    d = view.details

    def word(labels: Any, key: Any) -> str:
        return _(labels[key]) if key is not None else ""

    exits = tuple(
        ExitTalk(
            heading=heading,
            name=name,
            held_on=getattr(d, f"{who}_exit_on"),
            missed=getattr(d, f"{who}_exit_missed"),
            went_well=getattr(d, f"{who}_went_well"),
            changed=getattr(d, f"{who}_changed"),
            better=getattr(d, f"{who}_better"),
            again=word(TAKE_PART_AGAIN_LABELS, getattr(d, f"{who}_again")),
        )
        for who, heading, name in (
            ("mentor", _("Exit conversation with the mentor"), view.mentor_name),
            ("mentee", _("Exit conversation with the mentee"), view.mentee_name),
        )
    )
    sheet = ClosureSheet(
        organisation=view.organisation,
        programme=view.programme,
        coordinator=view.coordinator,
        mentor=view.mentor_name,
        mentee=view.mentee_name,
        status=_(MATCH_STATUS_LABELS[view.status]),
        closed=view.status is MatchStatus.CLOSED,
        started_on=view.started_on,
        planned_end_on=view.planned_end_on,
        months=view.months,
        meetings=view.meetings,
        again_choices=tuple(_(text) for text in TAKE_PART_AGAIN_LABELS.values()),
        missing=tuple(step.text for step in view.missing),
        path=word(CLOSURE_PATH_LABELS, d.path),
        early=d.path is ClosurePath.EARLY,
        early_by=word(EARLY_BY_LABELS, d.early_by),
        not_a_good_fit=d.not_a_good_fit,
        reasons=d.reasons,
        end_on=d.end_on or (view.ended_on if view.status is MatchStatus.CLOSED else None),
        final_meeting_on=d.final_meeting_on,
        no_final_meeting=d.no_final_meeting,
        exits=exits,
        contact_rule=d.contact_rule,
        mentor_acknowledged_on=d.mentor_acknowledged_on,
        mentee_acknowledged_on=d.mentee_acknowledged_on,
        acknowledgement_missed=d.acknowledgement_missed,
        mentee_next=word(MENTEE_NEXT_LABELS, d.mentee_next),
        mentor_next=word(MENTOR_NEXT_LABELS, d.mentor_next),
        next_note=d.next_note,
        caution=view.caution or "",
        caution_acknowledged=d.caution_acknowledged,
        rematch=d.mentee_next is MenteeNext.REMATCH,
        certificates_on=d.certificates_on,
        no_certificates=d.no_certificates,
        confirmed_on=d.confirmed_on,
        confirmed_by=d.confirmed_by,
    )
    return render(sheet, printed_on=printed_on)
