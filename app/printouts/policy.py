"""The written mentoring policy on paper: version and date, the numbered passages, and lines
for adopting and signing it.

A draft prints with DRAFT in the header and a notice at the top, so an unapproved wording is
never mistaken for the policy in force. The caller gathers the data; this module lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.i18n import _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class PolicyDocument:
    organisation: str
    programme: str
    coordinator: str
    title: str
    version: int
    approved_on: date | None
    approved_by: str
    passages: tuple[tuple[str, str], ...]  # (heading, text)


def _review_due(approved_on: date) -> date:
    try:
        return approved_on.replace(year=approved_on.year + 1)
    except ValueError:  # 29 February
        return approved_on.replace(year=approved_on.year + 1, day=28)


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """Split a passage into paragraphs ("p", [text]) and bullet lists ("ul", [items]).

    A blank line ends a paragraph; lines starting with "- " are bullets; other lines that
    follow one another join into one paragraph.
    """
    blocks: list[tuple[str, list[str]]] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            kind = "ul" if line.startswith(("- ", "• ")) else "p"
            content = line[2:].strip() if kind == "ul" else line
            if blocks and blocks[-1][0] == kind and (kind == "ul" or blocks[-1][1][-1] != ""):
                if kind == "ul":
                    blocks[-1][1].append(content)
                else:
                    blocks[-1][1][0] += " " + content
            else:
                blocks.append((kind, [content]))
        if blocks and blocks[-1][0] == "p":
            blocks[-1][1].append("")  # a blank line: the next text starts a new paragraph
        elif blocks:
            blocks.append(("end", []))
    return [(kind, [x for x in lines if x]) for kind, lines in blocks if kind != "end"]


def render(doc: PolicyDocument, printed_on: date) -> bytes:
    """The policy as A4 PDF bytes."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        ListFlowable,
        ListItem,
        Paragraph,
        Table,
        TableStyle,
    )

    from app.printouts import style
    from app.printouts.style import escape

    style.register_fonts()
    draft = doc.approved_on is None
    body = ParagraphStyle(
        "PolicyBody", fontName=style.FONT, fontSize=10, leading=14, textColor=style.INK
    )
    bullet = ParagraphStyle("PolicyBullet", parent=body, spaceAfter=1.5)
    notice = ParagraphStyle(
        "PolicyDraft",
        parent=body,
        fontName=style.FONT_BOLD,
        fontSize=11,
        leading=15,
        textColor=style.ACCENT,
    )

    story: list[Flowable] = [style.heading(doc.title, 1)]
    if draft:
        box = Table(
            [
                [
                    Paragraph(
                        escape(
                            _(
                                "DRAFT – version {n}, not yet approved. This wording is not in "
                                "force and must not be signed."
                            ).format(n=doc.version)
                        ),
                        notice,
                    )
                ]
            ],
            colWidths=[style.CONTENT_WIDTH],
        )
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.2, style.ACCENT),
                    ("BACKGROUND", (0, 0), (-1, -1), style.PANEL),
                    ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ]
            )
        )
        story += [box, style.spacer(4)]
    story.append(
        style.field_rows(
            [
                (_("Organisation"), doc.organisation),
                (_("Programme"), doc.programme),
                (
                    _("Version"),
                    str(doc.version) if not draft else _("{n} (draft)").format(n=doc.version),
                ),
                (_("Date approved"), style.format_date(doc.approved_on)),
                (_("Approved by"), doc.approved_by),
                (
                    _("Next review due"),
                    style.format_date(_review_due(doc.approved_on)) if doc.approved_on else "",
                ),
            ]
        )
    )

    last_passage = len(story)
    for number, (heading, text) in enumerate(doc.passages, start=1):
        last_passage = len(story)
        story.append(
            style.heading(_("{number}. {heading}").format(number=number, heading=heading), 2)
        )
        blocks = _blocks(text)
        if not blocks:
            story.append(style.writing_lines(3))
        for kind, lines in blocks:
            if kind == "p":
                story.append(style.paragraph(lines[0]))
            else:
                story.append(
                    ListFlowable(
                        [ListItem(Paragraph(escape(item), bullet)) for item in lines],
                        bulletType="bullet",
                        start="•",
                        bulletFontName=style.FONT,
                        bulletFontSize=10,
                        leftIndent=5 * mm,
                        bulletOffsetY=0,
                        spaceAfter=6,
                    )
                )

    # The adoption lines and signatures stay together, and with the last passage (or as much
    # of it as fits), so they never sit alone on the last page.
    closing: list[Flowable] = [
        style.heading(_("Adoption"), 2),
        style.field_rows(
            [
                (_("Adopted on"), style.format_date(doc.approved_on)),
                (_("Policy version"), str(doc.version)),
            ]
        ),
        style.spacer(4),
        style.signature_block(
            [
                _("For {organisation}").format(organisation=doc.organisation),
                _("Coordinator: {name}").format(name=style.unbroken(doc.coordinator))
                if doc.coordinator.strip()
                else _("Coordinator"),
            ]
        ),
    ]
    story = story[:last_passage] + style.end_with_signatures([story[last_passage:]], closing)
    title = _("Mentoring policy, version {n}").format(n=doc.version)
    if draft:
        title = _("DRAFT mentoring policy, version {n}").format(n=doc.version)
    letterhead = style.Letterhead(
        organisation=doc.organisation, programme=doc.programme, title=title
    )
    return style.build_pdf(letterhead, story, printed_on=printed_on)
