"""Planning notes: the coordinator's answers to the planning questions, section by section,
with the programme's rules, for a planning meeting or a manager to read. An unanswered
question prints with lines to write on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.i18n import _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class PlanningNotes:
    organisation: str
    programme: str
    coordinator: str
    completed_on: date | None
    sections: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]  # title, status, Q&A
    rules: list[tuple[str, str]]


def render(notes: PlanningNotes, printed_on: date) -> bytes:
    from app.printouts import style

    title = _("Planning notes")
    story: list[Flowable] = [
        style.heading(title, 1),
        style.field_rows(
            [
                (_("Programme"), notes.programme),
                (_("Organisation"), notes.organisation),
                (_("Coordinator"), notes.coordinator),
                (_("Planning finished"), style.format_date(notes.completed_on)),
            ]
        ),
    ]
    for number, (section_title, status, questions) in enumerate(notes.sections, start=1):
        story.append(
            style.heading(
                _("{number}. {title} ({status})").format(
                    number=number, title=section_title, status=status.lower()
                ),
                2,
            )
        )
        for question, answer in questions:
            story.append(style.heading(question, 3))
            story.append(style.paragraph(answer) if answer else style.writing_lines(3))
    story.append(style.heading(_("Programme rules"), 2))
    story.append(style.field_rows(notes.rules) if notes.rules else style.writing_lines(4))
    letterhead = style.Letterhead(
        organisation=notes.organisation, programme=notes.programme, title=title
    )
    return style.build_pdf(letterhead, story, printed_on=printed_on)
