"""Certificates for the end of a relationship: one of achievement for the mentee and one of thanks
for the mentor, designed to be framed or pinned up in the staff room rather than filed.

Landscape A4 with a border, the organisation and programme at the top, the person's name large
on one line (a long name is set smaller, never broken or cut short), the months and meetings
completed, the date and the coordinator's signature line. Drawn straight on the page in the
bundled Lato fonts from the house style. `render` lays out a `Certificate`; `certificate_mentee`
and `certificate_mentor` gather it for a match that is ending or closed.
"""

from __future__ import annotations

import enum
import io
import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.formatting import long_date
from app.i18n import _, ngettext
from app.printouts.style import escape

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Kind(enum.StrEnum):
    MENTEE = "mentee"  # achievement
    MENTOR = "mentor"  # thanks


@dataclass(frozen=True)
class Certificate:
    """What one certificate says, as plain values."""

    kind: Kind
    name: str
    partner: str  # the other person in the match
    organisation: str
    programme: str
    coordinator: str
    months: int
    meetings: int
    presented_on: date


#: The name's largest size, and the width it may take, in points and millimetres.
NAME_SIZE = 42.0
NAME_WIDTH_MM = 225.0


def unbroken(name: str) -> str:
    """A name whose words are held together by non-breaking spaces, so a line of text is never
    broken in the middle of it."""
    return "\u00a0".join(name.split())


def figures_text(months: int, meetings: int) -> str:
    """ "9 months and 10 meetings", with the right singular or plural; "" when both are none."""
    parts = []
    if months > 0:
        parts.append(ngettext("{n} month", "{n} months", months).format(n=months))
    if meetings > 0:
        parts.append(ngettext("{n} meeting", "{n} meetings", meetings).format(n=meetings))
    if len(parts) == 2:
        return _("{months} and {meetings}").format(months=parts[0], meetings=parts[1])
    return parts[0] if parts else ""


def wording(certificate: Certificate) -> tuple[str, str, str, str]:
    """The certificate's title, the line above the name, the sentence under it (ReportLab
    markup: the figures in bold, the other person's name unbroken) and the seal's words."""
    figures = figures_text(certificate.months, certificate.meetings)
    bold = f"<b>{escape(figures)}</b>" if figures else ""
    partner = escape(unbroken(certificate.partner)) if certificate.partner.strip() else ""
    if certificate.kind is Kind.MENTEE:
        title = _("Certificate of Achievement")
        above = _("This certificate is proudly presented to")
        seal = _("Well done")
        if figures and partner:
            text = _(
                "in recognition of {figures} of mentoring with {partner}, and of everything "
                "learned, tried and achieved along the way."
            )
        elif figures:
            text = _(
                "in recognition of {figures} of mentoring, and of everything learned, tried and "
                "achieved along the way."
            )
        else:
            text = _(
                "in recognition of the mentoring with {partner}, and of everything learned, "
                "tried and achieved along the way."
            )
    else:
        title = _("Certificate of Thanks")
        above = _("This certificate is presented with warm thanks to")
        seal = _("Thank you")
        if figures and partner:
            text = _(
                "for {figures} as a mentor to {partner}, and for the time, care and "
                "experience so generously given."
            )
        elif figures:
            text = _(
                "for {figures} as a mentor, and for the time, care and experience so generously "
                "given."
            )
        else:
            text = _(
                "for being a mentor to {partner}, and for the time, care and experience so "
                "generously given."
            )
    return title, above, escape(text).format(figures=bold, partner=partner), seal


def name_size(name: str, font: str, width: float, largest: float = NAME_SIZE) -> float:
    """The size at which `name` fits `width` points on one line: `largest` when it fits, else
    as much smaller as it takes (a name is never broken or cut short)."""
    from reportlab.pdfbase import pdfmetrics

    at_largest: float = pdfmetrics.stringWidth(name, font, largest)
    if at_largest <= width:
        return largest
    return math.floor(largest * width / at_largest * 10) / 10


# ----------------------------------------------------------------------------- drawing

GOLD_HEX = "#A8863A"
PALE_GOLD_HEX = "#EFE4C8"


def _spaced(
    canvas: Any, text: str, x: float, y: float, font: str, size: float, space: float
) -> None:
    """`text` centred on `x`, its letters spaced out (for the organisation's name)."""
    from reportlab.pdfbase import pdfmetrics

    width = pdfmetrics.stringWidth(text, font, size) + space * max(0, len(text) - 1)
    canvas.saveState()  # the letter spacing is undone when the state is restored
    line = canvas.beginText(x - width / 2, y)
    line.setFont(font, size)
    line.setCharSpace(space)
    line.textOut(text)
    canvas.drawText(line)
    canvas.restoreState()


def _border(canvas: Any, width: float, height: float) -> None:
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    from app.printouts import style

    gold = colors.HexColor(GOLD_HEX)
    canvas.saveState()
    canvas.setStrokeColor(style.ACCENT)
    canvas.setLineWidth(2.4)
    canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    canvas.setStrokeColor(gold)
    canvas.setLineWidth(0.7)
    inset = 14 * mm
    canvas.rect(inset, inset, width - 2 * inset, height - 2 * inset)
    # A small diamond at each corner of the inner line
    canvas.setFillColor(gold)
    for x in (inset, width - inset):
        for y in (inset, height - inset):
            path = canvas.beginPath()
            r = 2.2 * mm
            path.moveTo(x, y + r)
            path.lineTo(x + r, y)
            path.lineTo(x, y - r)
            path.lineTo(x - r, y)
            path.close()
            canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _divider(canvas: Any, x: float, y: float, half: float) -> None:
    """A short gold rule with a diamond in the middle, under the title."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    gold = colors.HexColor(GOLD_HEX)
    canvas.saveState()
    canvas.setStrokeColor(gold)
    canvas.setFillColor(gold)
    canvas.setLineWidth(0.8)
    gap = 3.5 * mm
    canvas.line(x - half, y, x - gap, y)
    canvas.line(x + gap, y, x + half, y)
    r = 1.6 * mm
    path = canvas.beginPath()
    path.moveTo(x, y + r)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r)
    path.lineTo(x - r, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _seal(canvas: Any, x: float, y: float, words: str) -> None:
    """A rosette: a scalloped gold edge, ribbon tails and the seal's words in the middle."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics

    from app.printouts import style

    gold = colors.HexColor(GOLD_HEX)
    pale = colors.HexColor(PALE_GOLD_HEX)
    canvas.saveState()
    # Ribbon tails, behind the rosette
    canvas.setFillColor(style.ACCENT)
    for side in (-1, 1):
        tail = canvas.beginPath()
        tail.moveTo(x + side * 3 * mm, y - 4 * mm)
        tail.lineTo(x + side * 10 * mm, y - 19 * mm)
        tail.lineTo(x + side * 6.5 * mm, y - 17.5 * mm)
        tail.lineTo(x + side * 4.5 * mm, y - 21 * mm)
        tail.lineTo(x + side * -2 * mm, y - 6 * mm)
        tail.close()
        canvas.drawPath(tail, stroke=0, fill=1)
    # Scalloped edge
    outer = 13 * mm
    scallops = 28
    canvas.setFillColor(gold)
    for i in range(scallops):
        angle = 2 * math.pi * i / scallops
        canvas.circle(
            x + outer * math.cos(angle), y + outer * math.sin(angle), 1.9 * mm, stroke=0, fill=1
        )
    canvas.circle(x, y, outer, stroke=0, fill=1)
    canvas.setFillColor(pale)
    canvas.circle(x, y, outer - 2.2 * mm, stroke=0, fill=1)
    canvas.setStrokeColor(gold)
    canvas.setLineWidth(0.6)
    canvas.setDash(1, 1.6)
    canvas.circle(x, y, outer - 3.6 * mm, stroke=1, fill=0)
    canvas.setDash()
    # The words, on one line or two, sized to sit inside
    canvas.setFillColor(style.ACCENT)
    lines = words.split()
    if len(lines) > 2:
        lines = [" ".join(lines[: len(lines) // 2]), " ".join(lines[len(lines) // 2 :])]
    room = 2 * (outer - 5 * mm)
    size = min(
        10.5,
        *(room / max(1.0, pdfmetrics.stringWidth(t, style.FONT_BOLD, 1)) for t in lines),
    )
    leading = size * 1.15
    top = y + (len(lines) - 1) * leading / 2 - size * 0.35
    canvas.setFont(style.FONT_BOLD, size)
    for i, text in enumerate(lines):
        canvas.drawCentredString(x, top - i * leading, text)
    canvas.restoreState()


def render(certificate: Certificate) -> bytes:
    """The certificate as a one-page landscape A4 PDF."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from app import APP_NAME
    from app.printouts import style

    style.register_fonts()
    width, height = landscape(A4)
    middle = width / 2
    gold = colors.HexColor(GOLD_HEX)
    title, above, sentence, seal = wording(certificate)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), lang="en-GB", initialFontName=style.FONT)
    canvas.setTitle(
        _("{title}: {name}").format(title=title, name=certificate.name)
        if certificate.name.strip()
        else title
    )
    canvas.setAuthor(certificate.organisation)
    canvas.setSubject(certificate.programme)
    canvas.setCreator(APP_NAME)

    _border(canvas, width, height)

    canvas.setFillColor(style.ACCENT)
    if certificate.organisation.strip():
        organisation = certificate.organisation.upper()
        spacing = 1.8
        room = 200 * mm - spacing * len(organisation)
        size = name_size(organisation, style.FONT_BOLD, room, 11)
        _spaced(canvas, organisation, middle, height - 35 * mm, style.FONT_BOLD, size, spacing)
    if certificate.programme.strip():
        canvas.setFillColor(style.MUTED)
        size = name_size(certificate.programme, style.FONT_ITALIC, 200 * mm, 12)
        canvas.setFont(style.FONT_ITALIC, size)
        canvas.drawCentredString(middle, height - 42 * mm, certificate.programme)

    canvas.setFillColor(style.ACCENT)
    size = name_size(title, style.FONT_BOLD, 230 * mm, 36)
    canvas.setFont(style.FONT_BOLD, size)
    canvas.drawCentredString(middle, height - 61 * mm, title)
    _divider(canvas, middle, height - 68 * mm, 32 * mm)

    canvas.setFillColor(style.MUTED)
    canvas.setFont(style.FONT_ITALIC, 13)
    canvas.drawCentredString(middle, height - 83 * mm, above)

    # The name: large, on one line, smaller only when it would not fit.
    name = " ".join(certificate.name.split())
    size = name_size(name, style.FONT_BOLD, NAME_WIDTH_MM * mm)
    canvas.setFillColor(style.INK)
    canvas.setFont(style.FONT_BOLD, size)
    name_y = height - 104 * mm
    canvas.drawCentredString(middle, name_y, name)
    canvas.setStrokeColor(gold)
    canvas.setLineWidth(0.8)
    rule = max(70 * mm, min(NAME_WIDTH_MM * mm, canvas.stringWidth(name, style.FONT_BOLD, size)))
    canvas.line(
        middle - rule / 2 - 6 * mm, name_y - 5 * mm, middle + rule / 2 + 6 * mm, name_y - 5 * mm
    )

    body = ParagraphStyle(
        "CertificateBody",
        fontName=style.FONT,
        fontSize=14,
        leading=20,
        textColor=style.INK,
        alignment=TA_CENTER,
    )
    paragraph = Paragraph(sentence, body)
    text_width = 190 * mm
    _w, text_height = paragraph.wrap(text_width, 40 * mm)
    paragraph.drawOn(canvas, middle - text_width / 2, name_y - 13 * mm - text_height)

    # Signature on the left, the date on the right, the seal between them.
    line_y = 42 * mm
    half = 38 * mm
    left_x, right_x = 82 * mm, width - 82 * mm
    canvas.setStrokeColor(style.INK)
    canvas.setLineWidth(0.6)
    canvas.line(left_x - half, line_y, left_x + half, line_y)
    canvas.line(right_x - half, line_y, right_x + half, line_y)
    canvas.setFillColor(style.INK)
    canvas.setFont(style.FONT, 12.5)
    canvas.drawCentredString(right_x, line_y + 3 * mm, long_date(certificate.presented_on))
    coordinator = " ".join(certificate.coordinator.split())
    canvas.setFont(style.FONT_BOLD, 10.5)
    if coordinator:
        size = name_size(coordinator, style.FONT_BOLD, 2 * half, 10.5)
        canvas.setFont(style.FONT_BOLD, size)
        canvas.drawCentredString(left_x, line_y - 5 * mm, coordinator)
        canvas.setFillColor(style.MUTED)
        canvas.setFont(style.FONT, 9)
        canvas.drawCentredString(left_x, line_y - 9.5 * mm, _("Coordinator"))
    else:
        canvas.setFillColor(style.MUTED)
        canvas.setFont(style.FONT, 9)
        canvas.drawCentredString(left_x, line_y - 5 * mm, _("Coordinator"))
    canvas.setFillColor(style.MUTED)
    canvas.setFont(style.FONT, 9)
    canvas.drawCentredString(right_x, line_y - 5 * mm, _("Date"))
    _seal(canvas, middle, line_y + 2 * mm, seal)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ----------------------------------------------------------------------------- the data


def certificate_for(s: Session, match_id: int, kind: Kind, printed_on: date) -> Certificate:
    """The certificate for one person of a match that is ending or closed: the months and
    meetings it lasted, dated the day the certificates were given (until that is recorded, the
    day it is printed)."""
    from app.model import MatchStatus
    from app.services import endings
    from app.services.errors import ActionRefused

    view = endings.closure_view(s, match_id)
    if view.status not in (MatchStatus.ENDING, MatchStatus.CLOSED) or view.started_on is None:
        raise ActionRefused(
            _(
                "Certificates are printed when a relationship is coming to a close: begin the "
                "match's ending first."
            )
        )
    mentee = kind is Kind.MENTEE
    return Certificate(
        kind=kind,
        name=view.mentee_name if mentee else view.mentor_name,
        partner=view.mentor_name if mentee else view.mentee_name,
        organisation=view.organisation,
        programme=view.programme,
        coordinator=view.coordinator or view.details.confirmed_by,
        months=view.months,
        meetings=view.meetings,
        presented_on=view.details.certificates_on or printed_on,
    )


def certificate_mentee(s: Session, match_id: int, printed_on: date) -> bytes:
    """The mentee's certificate of achievement."""
    return render(certificate_for(s, match_id, Kind.MENTEE, printed_on))


def certificate_mentor(s: Session, match_id: int, printed_on: date) -> bytes:
    """The mentor's certificate of thanks."""
    return render(certificate_for(s, match_id, Kind.MENTOR, printed_on))
