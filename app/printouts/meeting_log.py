"""The meeting log on paper: pre-filled for the pair to complete and sign, completed as a
record, and a pack of blank logs for a new match.

Like the paper log in the guidance, it holds dates, the mode and length of the meeting and
the action points, never what was said. The coordinator's private note is printed only when
`include_private_note` is asked for. The caller gathers the data; this module lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from app.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph, Table


@dataclass(frozen=True)
class ActionLine:
    text: str
    owner: str
    due_on: date | None
    outcome: str = ""  # on a completed log: done, dropped or carried forward
    #: For a point carried forward past its date (the copy has no date of its own): the date
    #: it was first due, so the pair see how long it has been waiting.
    was_due_on: date | None = None


def due_text(line: ActionLine) -> str:
    """The "By when" cell: the date, or for a point carried past its date, when it was due."""
    from app.printouts import style

    if line.due_on is None and line.was_due_on is not None:
        return _("was due {date}").format(date=style.format_date(line.was_due_on))
    return style.format_date(line.due_on)


@dataclass(frozen=True)
class MeetingLogSheet:
    """One meeting log, already worded for the reader. Empty values print as lines for the pen."""

    organisation: str
    programme: str
    mentor_name: str
    mentee_name: str
    within_days: int
    held_on: date | None = None
    mode: str = ""
    duration: str = ""
    place: str = ""
    attended: str = ""
    stage: str = ""
    next_meeting_on: date | None = None
    reviews: tuple[ActionLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    mentee_signed_on: date | None = None
    mentor_signed_on: date | None = None
    copy_to_mentor_on: date | None = None
    completed: bool = False
    #: Only set when the coordinator asked for it to be printed.
    private_note: str | None = None
    #: A blank form for any pair: last time's action points are written in by hand.
    reviews_unknown: bool = False
    stages: tuple[str, ...] = field(default_factory=tuple)
    modes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class LogPack:
    organisation: str
    programme: str
    mentor_name: str
    mentee_name: str
    rules: list[tuple[str, str]]
    sheets: list[MeetingLogSheet]
    coordinator: str = ""
    coordinator_phone: str = ""
    coordinator_email: str = ""


BLANK_ACTION_ROWS = 3
#: Rows for last time's action points on a log printed before that meeting (one page in all).
BLANK_REVIEW_ROWS = 2
#: On every page of a log that carries the private note, in its header and its footer.
COORDINATORS_COPY = N_("Coordinator's copy: contains the private note — not for the pair")


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    from reportlab.lib.styles import ParagraphStyle

    from app.printouts import style

    style.register_fonts()
    cell = ParagraphStyle(
        "LogCell", fontName=style.FONT, fontSize=9.5, leading=12, textColor=style.INK
    )
    head = ParagraphStyle(
        "LogHead", parent=cell, fontName=style.FONT_BOLD, fontSize=8.5, textColor=style.MUTED
    )
    note = ParagraphStyle(
        "LogNote", parent=cell, fontName=style.FONT_ITALIC, fontSize=9, textColor=style.MUTED
    )
    return cell, head, note


def _p(text: str, st: ParagraphStyle) -> Paragraph:
    from reportlab.platypus import Paragraph

    from app.printouts.style import escape

    return Paragraph("<br/>".join(escape(line) for line in str(text).splitlines()), st)


def _action_table(
    rows: list[list[Flowable]], widths: list[float], blank_rows: int = 0, *, title: str = ""
) -> Table:
    from reportlab.lib.units import mm
    from reportlab.platypus import TableStyle

    from app.printouts import style

    data = rows + [[""] * len(widths) for _n in range(blank_rows)]
    heights = [None] * len(rows) + [9 * mm] * blank_rows
    table = style.continued_table(data, widths, title=title, row_heights=heights)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, style.RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, style.PEN_LINE),
    ]
    table.setStyle(TableStyle(commands))
    return table


def _tick_grid(labels: list[str], columns: int) -> Table:
    """Tick boxes laid out in `columns` across the page, to save paper."""
    from reportlab.platypus import Table, TableStyle

    from app.printouts import style

    cells = [style.tick_box(label, None) for label in labels]
    cells += [""] * (-len(cells) % columns)
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    table = Table(rows, colWidths=[style.CONTENT_WIDTH / columns] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _sheet_story(sheet: MeetingLogSheet) -> list[Flowable]:
    from reportlab.lib.units import mm

    from app.printouts import style

    cell, head, note = _styles()
    width = style.CONTENT_WIDTH
    title = _("Meeting log") if sheet.completed else _("Meeting log to complete and sign")
    story: list[Flowable] = [style.heading(title, 1)]
    story.append(
        _p(
            ngettext(
                "The mentee completes this log. A copy goes to the mentor within {n} day of the "
                "meeting, and to the coordinator when asked. It records what was agreed, not "
                "what was said: that stays between you.",
                "The mentee completes this log. A copy goes to the mentor within {n} days of the "
                "meeting, and to the coordinator when asked. It records what was agreed, not "
                "what was said: that stays between you.",
                sheet.within_days,
            ).format(n=sheet.within_days),
            note,
        )
    )
    story.append(style.spacer(3))
    facts = [
        (_("Mentee"), sheet.mentee_name),
        (_("Mentor"), sheet.mentor_name),
        (_("Date of meeting"), style.format_date(sheet.held_on)),
    ]
    tick_modes = not sheet.completed and not sheet.mode and sheet.modes
    if not tick_modes:
        facts.append((_("How you met"), sheet.mode))
    facts += [
        (_("How long"), sheet.duration),
        (_("Where"), sheet.place),
        (_("Who was there"), sheet.attended),
        (_("Next meeting"), style.format_date(sheet.next_meeting_on)),
    ]
    if sheet.completed:
        facts.append((_("Stage of the relationship"), sheet.stage))
    # A log to complete by hand puts its facts two to a line, so it fits on one page.
    story.append(style.field_rows(facts) if sheet.completed else style.field_pairs(facts))
    if tick_modes:
        story.append(style.spacer(2))
        story.append(_p(_("How you met (tick one)"), head))
        story.append(_tick_grid(list(sheet.modes), 3))

    cuts = [len(story)]  # where each section starts, to keep each on one page
    story.append(style.heading(_("Action points from last time"), 2))
    owner_w, due_w = 24 * mm, 24 * mm
    if sheet.reviews or sheet.reviews_unknown:
        if sheet.completed:
            rows = [
                [
                    _p(_("Action point"), head),
                    _p(_("By whom"), head),
                    _p(_("By when"), head),
                    _p(_("What happened"), head),
                ]
            ]
            for r in sheet.reviews:
                rows.append(
                    [
                        _p(r.text, cell),
                        _p(r.owner, cell),
                        _p(due_text(r), cell),
                        _p(r.outcome, cell),
                    ]
                )
            story.append(
                _action_table(
                    rows,
                    [width - owner_w - due_w - 34 * mm, owner_w, due_w, 34 * mm],
                    title=_("Action points from last time"),
                )
            )
        else:
            box_w = 15 * mm
            rows = [
                [
                    _p(_("Action point"), head),
                    _p(_("By whom"), head),
                    _p(_("By when"), head),
                    _p(_("Done"), head),
                    _p(_("Dropped"), head),
                    _p(_("Carry on"), head),
                ]
            ]
            for r in sheet.reviews:
                rows.append(
                    [
                        _p(r.text, cell),
                        _p(r.owner, cell),
                        _p(due_text(r), cell),
                        style.tick_box("", None),
                        style.tick_box("", None),
                        style.tick_box("", None),
                    ]
                )
            story.append(
                _action_table(
                    rows,
                    [width - owner_w - due_w - 3 * box_w, owner_w, due_w, box_w, box_w, box_w],
                    BLANK_REVIEW_ROWS if sheet.reviews_unknown else 0,
                    title=_("Action points from last time"),
                )
            )
    elif sheet.completed:
        story.append(_p(_("None were open from an earlier meeting."), note))
    else:
        story.append(
            _p(_("None open from an earlier meeting. Note anything else you looked back on:"), note)
        )
        story.append(style.writing_lines(2))

    cuts.append(len(story))
    story.append(style.heading(_("Action points agreed for next time"), 2))
    rows = [[_p(_("Action point"), head), _p(_("By whom"), head), _p(_("By when"), head)]]
    for a in sheet.actions:
        rows.append([_p(a.text, cell), _p(a.owner, cell), _p(due_text(a), cell)])
    blank = 0 if sheet.completed else BLANK_ACTION_ROWS
    if sheet.completed and not sheet.actions:
        story.append(_p(_("No action points were agreed."), note))
    else:
        story.append(
            _action_table(
                rows,
                [width - 2 * 30 * mm, 30 * mm, 30 * mm],
                blank,
                title=_("Action points agreed for next time"),
            )
        )

    if not sheet.completed and sheet.stages:
        story.append(style.spacer(2))
        story.append(_p(_("Stage of the relationship (tick one)"), head))
        story.append(_tick_grid(list(sheet.stages), 2))

    if sheet.private_note is not None:
        cuts.append(len(story))
        story.append(style.heading(_("Coordinator's private note (not for the pair)"), 2))
        story.append(style.paragraph(sheet.private_note or _("No private note.")))

    if sheet.completed and (
        sheet.mentee_signed_on or sheet.mentor_signed_on or sheet.copy_to_mentor_on
    ):
        cuts.append(len(story))
        story.append(style.heading(_("Signed and sent"), 2))
        story.append(
            style.field_rows(
                [
                    (_("Signed by the mentee"), style.format_date(sheet.mentee_signed_on)),
                    (_("Signed by the mentor"), style.format_date(sheet.mentor_signed_on)),
                    (_("Copy sent to the mentor"), style.format_date(sheet.copy_to_mentor_on)),
                ]
            )
        )
    closing: list[Flowable] = []
    if not (sheet.completed and sheet.mentee_signed_on and sheet.mentor_signed_on):
        closing.append(style.spacer(3))
        closing.append(
            style.signature_block(
                [
                    _("Mentee: {name}").format(name=style.unbroken(sheet.mentee_name))
                    if sheet.mentee_name
                    else _("Mentee"),
                    _("Mentor: {name}").format(name=style.unbroken(sheet.mentor_name))
                    if sheet.mentor_name
                    else _("Mentor"),
                ]
            )
        )
    bounds = [*cuts, len(story)]
    sections = [story[: cuts[0]]] + [story[a:b] for a, b in pairwise(bounds)]
    return style.end_with_signatures(sections, closing)


def render(sheet: MeetingLogSheet, printed_on: date) -> bytes:
    """One meeting log as A4 PDF bytes."""
    from app.printouts import style

    letterhead = style.Letterhead(
        organisation=sheet.organisation,
        programme=sheet.programme,
        title=_("Meeting log: coordinator's copy")
        if sheet.private_note is not None
        else _("Meeting log"),
        banner=_(COORDINATORS_COPY) if sheet.private_note is not None else "",
    )
    return style.build_pdf(letterhead, _sheet_story(sheet), printed_on=printed_on)


def render_pack(pack: LogPack, printed_on: date) -> bytes:
    """A welcome sheet with the programme's meeting rules, then blank logs, one to a page."""
    from reportlab.platypus import PageBreak

    from app.printouts import style

    story: list[Flowable] = [
        style.heading(
            _("Meeting logs for {mentee} and {mentor}").format(
                mentee=style.unbroken(pack.mentee_name), mentor=style.unbroken(pack.mentor_name)
            ),
            1,
        ),
        style.paragraph(
            _(
                "Keep a log of every meeting, whether face to face, by telephone or video, or "
                "in a group. The log records the date, how you met, how long for, and the "
                "action points you agree with who will do them and by when. What you talk "
                "about stays between the two of you: do not write it here."
            )
        ),
        style.paragraph(
            _(
                "At each meeting, start by looking back at last time's action points: tick "
                "whether each was done, dropped or is carried on. Both of you sign the log; "
                "the mentee sends a copy to the mentor and hands the log to the coordinator "
                "when asked."
            )
        ),
        style.heading(_("What the programme asks"), 2),
        style.field_rows(pack.rules),
        style.heading(_("Who to contact"), 2),
        style.paragraph(
            _(
                "If anything worries either of you about the relationship, tell the "
                "coordinator at any time. A concern can always be raised."
            )
        ),
        style.field_rows(
            [
                (_("Coordinator"), pack.coordinator or None),
                (_("Telephone"), pack.coordinator_phone or None),
                (_("E-mail"), pack.coordinator_email or None),
            ]
        ),
    ]
    for sheet in pack.sheets:
        story.append(PageBreak())
        story.extend(_sheet_story(sheet))
    letterhead = style.Letterhead(
        organisation=pack.organisation, programme=pack.programme, title=_("Meeting log pack")
    )
    return style.build_pdf(letterhead, story, printed_on=printed_on)
