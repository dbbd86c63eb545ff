"""The programme summary: one sheet saying what the programme is, who is in it and its rules.

The coordinator prints it for the manager to approve and sign, and for funders or inspectors
who ask how the programme is set up. The caller gathers the data; this module only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.i18n import _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class ProgrammeSummary:
    """Everything the summary sheet prints, already worded for the reader."""

    name: str
    organisation: str
    model: str
    mentoring_type: str
    status: str
    start_date: date | None
    end_date: date | None
    description: str
    coordinator: str
    partner_organisations: str
    mentors: int
    mentees: int
    active_matches: int
    rules: list[tuple[str, str]]


def render(summary: ProgrammeSummary, printed_on: date) -> bytes:
    """The programme summary as A4 PDF bytes, with an "Approved by" block to sign."""
    from app.printouts import style

    title = _("Programme summary")
    story: list[Flowable] = [
        style.heading(title, 1),
        style.heading(_("Details"), 2),
        style.field_rows(
            [
                (_("Programme"), summary.name),
                (_("Organisation"), summary.organisation),
                (_("Partner organisations"), summary.partner_organisations),
                (_("Model"), summary.model),
                (_("Type of mentoring"), summary.mentoring_type),
                (_("Status"), summary.status),
                (_("Start date"), style.format_date(summary.start_date)),
                (_("End date"), style.format_date(summary.end_date)),
                (_("Coordinator"), summary.coordinator),
            ]
        ),
        style.heading(_("Purpose"), 2),
    ]
    description = (summary.description or "").strip()
    if description:
        story.append(style.paragraph(description))
    else:
        story.append(style.writing_lines(3))

    story += [
        style.heading(_("People"), 2),
        style.key_figures(
            [
                (_("Mentors"), str(summary.mentors)),
                (_("Mentees"), str(summary.mentees)),
                (_("Active matches"), str(summary.active_matches)),
            ]
        ),
        style.heading(_("Programme rules"), 2),
    ]
    if summary.rules:
        story.append(style.field_rows(summary.rules))
    else:
        story.append(style.writing_lines(4))

    coordinator_name = (summary.coordinator or "").strip()
    coordinator = (
        _("Coordinator: {name}").format(name=coordinator_name)
        if coordinator_name
        else _("Coordinator")
    )
    story += [
        style.heading(_("Approved by"), 2),
        style.signature_block([coordinator, _("Manager")]),
    ]

    letterhead = style.Letterhead(
        organisation=summary.organisation, programme=summary.name, title=title
    )
    return style.build_pdf(letterhead, story, printed_on=printed_on)
