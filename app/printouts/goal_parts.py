"""Pieces the goal printouts share: a ruled grid for action plans and a small progress chart.

Built on the house style's fonts and colours so they sit with every other printout.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from app.i18n import _
from app.printouts import style
from app.printouts.style import escape

_CELL = ParagraphStyle(
    "GoalCell", fontName=style.FONT, fontSize=8.5, leading=10.5, textColor=style.INK
)
_HEAD = ParagraphStyle(
    "GoalHead", parent=_CELL, fontName=style.FONT_BOLD, textColor=style.MUTED, fontSize=8
)
_SMALL = ParagraphStyle("GoalSmall", parent=_CELL, fontSize=7.5, leading=9, textColor=style.MUTED)


def _markup(text: str) -> str:
    return "<br/>".join(escape(line) for line in str(text).splitlines()) if text else ""


def cell(text: str, note: str = "") -> list[Paragraph] | str:
    """A grid cell: text, with an optional smaller grey note under it."""
    parts: list[Paragraph] = []
    if text and text.strip():
        parts.append(Paragraph(_markup(text), _CELL))
    if note and note.strip():
        parts.append(Paragraph(_markup(note), _SMALL))
    return parts or ""


def grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths_mm: Sequence[float],
    blank_rows: int = 0,
    title: str = "",
) -> Table:
    """A ruled table with a header row; `blank_rows` empty rows follow for writing by hand.
    Split across pages, the header row repeats overleaf under "`title` (continued)"."""
    style.register_fonts()
    scale = style.CONTENT_WIDTH / (sum(widths_mm) * mm)
    widths = [w * mm * scale for w in widths_mm]
    data: list[list[Any]] = [[Paragraph(escape(h), _HEAD) for h in headers]]
    data += [list(r) for r in rows]
    data += [["" for _h in headers] for _n in range(blank_rows)]
    heights: list[float | None] = [None] * (1 + len(rows)) + [10 * mm] * blank_rows
    table = style.continued_table(data, widths, title=title, row_heights=heights)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), style.FONT, 8.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), style.PANEL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, style.RULE),
                ("BOX", (0, 0), (-1, -1), 0.5, style.RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.3, style.HAIRLINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def progress_chart(
    series: Sequence[tuple[date, int]],
    top: int,
    target: int | None,
    width: float = 120 * mm,
    height: float = 38 * mm,
) -> Drawing:
    """Ratings over time against the baseline (a square) and the target (a dashed line)."""
    style.register_fonts()
    drawing = Drawing(width, height)
    left: float = 9 * mm
    right: float = 4 * mm
    bottom: float = 7 * mm
    upper: float = 3 * mm
    plot_w, plot_h = width - left - right, height - bottom - upper

    def y_of(rating: float) -> float:
        return bottom + (rating - 1) / max(1, top - 1) * plot_h

    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=style.RULE))
    step = 1 if top <= 5 else 2 if top <= 10 else 5
    for rating in range(1, top + 1):
        if (top - rating) % step == 0:
            y = y_of(rating)
            drawing.add(
                Line(left, y, left + plot_w, y, strokeColor=style.HAIRLINE, strokeWidth=0.4)
            )
            drawing.add(
                String(
                    left - 1.5 * mm,
                    y - 2.5,
                    str(rating),
                    fontName=style.FONT,
                    fontSize=7,
                    fillColor=style.MUTED,
                    textAnchor="end",
                )
            )
    if target is not None:
        y = y_of(target)
        drawing.add(
            Line(
                left,
                y,
                left + plot_w,
                y,
                strokeColor=style.ACCENT,
                strokeWidth=0.8,
                strokeDashArray=[3, 2],
            )
        )
        drawing.add(
            String(
                left + 1.5 * mm,
                y + 1.2 * mm if target < top else y - 3 * mm,
                _("Target {rating}").format(rating=target),
                fontName=style.FONT,
                fontSize=7,
                fillColor=style.ACCENT,
                textAnchor="start",
            )
        )
    _legend(drawing, left + plot_w / 2, bottom - 4.5 * mm, target is not None)
    if not series:
        drawing.add(
            String(
                left + plot_w / 2,
                bottom + plot_h / 2,
                _("No ratings yet"),
                fontName=style.FONT_ITALIC,
                fontSize=8,
                fillColor=style.MUTED,
                textAnchor="middle",
            )
        )
        return drawing
    first, last = series[0][0].toordinal(), series[-1][0].toordinal()
    span = max(1, last - first)
    inset: float = 3 * mm
    track: float = plot_w - 6 * mm

    def x_of(day: date) -> float:
        if len(series) == 1:
            return left + plot_w / 2
        return left + inset + (day.toordinal() - first) / span * track

    points = [(x_of(d), y_of(r)) for d, r in series]
    if len(points) > 1:
        flat = [c for p in points for c in p]
        drawing.add(PolyLine(flat, strokeColor=style.INK, strokeWidth=1.1))
    for i, (x, y) in enumerate(points):
        if i == 0:
            drawing.add(
                Rect(
                    x - 1.4 * mm,
                    y - 1.4 * mm,
                    2.8 * mm,
                    2.8 * mm,
                    fillColor=style.PANEL,
                    strokeColor=style.INK,
                    strokeWidth=0.8,
                )
            )
        else:
            drawing.add(Circle(x, y, 1.1 * mm, fillColor=style.INK, strokeColor=style.INK))
    for label_date, anchor, x in (
        (series[0][0], "start", left),
        (series[-1][0], "end", left + plot_w),
    ):
        if anchor == "end" and len(series) == 1:
            break
        drawing.add(
            String(
                x,
                bottom - 4.5 * mm,
                style.format_date(label_date),
                fontName=style.FONT,
                fontSize=7,
                fillColor=style.MUTED,
                textAnchor=anchor,
            )
        )
    return drawing


def _legend(drawing: Drawing, centre: float, y: float, with_target: bool) -> None:
    """A key under the chart: what the square, the dots and the dashed line mean."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    items = [("square", _("Baseline")), ("dot", _("Rating"))]
    if with_target:
        items.append(("dash", _("Target")))
    gap, mark = 4 * mm, 3.2 * mm
    widths = [mark + 1 * mm + stringWidth(text, style.FONT, 7) for _kind, text in items]
    x = centre - (sum(widths) + gap * (len(items) - 1)) / 2
    for (kind, text), width in zip(items, widths, strict=True):
        middle = y + 1.2 * mm
        if kind == "square":
            drawing.add(
                Rect(
                    x,
                    middle - 1.1 * mm,
                    2.2 * mm,
                    2.2 * mm,
                    fillColor=style.PANEL,
                    strokeColor=style.INK,
                    strokeWidth=0.7,
                )
            )
        elif kind == "dot":
            drawing.add(
                Circle(x + 1.1 * mm, middle, 0.9 * mm, fillColor=style.INK, strokeColor=style.INK)
            )
        else:
            drawing.add(
                Line(
                    x,
                    middle,
                    x + mark,
                    middle,
                    strokeColor=style.ACCENT,
                    strokeWidth=0.8,
                    strokeDashArray=[2, 1.5],
                )
            )
        drawing.add(
            String(
                x + mark + 1 * mm, y, text, fontName=style.FONT, fontSize=7, fillColor=style.MUTED
            )
        )
        x += width + gap
