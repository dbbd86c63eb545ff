"""The charts of the report figures, drawn once with ReportLab's graphics: the same `Drawing`
goes into the evaluation report's PDF and, turned into SVG by `to_svg`, onto the dashboard
(QtSvg). There is no second way of drawing a chart.

Every bar carries its number and every chart has a sentence saying what it shows
(`Chart.describe`), so colour is never the only signal and a screen reader has words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.formatting import format_number, short_month_year
from app.i18n import N_, _, ngettext
from app.reports.figures import (
    Bar,
    Figures,
    change_text,
    compliance_text,
    months_text,
    wait_text,
)

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

#: A chart's size in points: small enough for two side by side on A4 and on a dashboard card.
WIDTH, HEIGHT = 240.0, 150.0

#: The two series colours (the house accent, and a lighter blue for a second series).
FIRST, SECOND = "#24466B", "#8FB0D6"


def _step(top: float) -> float:
    """A whole-number step giving three to five ticks up to `top`."""
    if top <= 5:
        return 1
    raw = top / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for nice in (1, 2, 2.5, 5, 10):
        if nice * magnitude >= raw:
            return max(1, math.ceil(nice * magnitude))
    return max(1, math.ceil(raw))


def _empty(drawing: Drawing, text: str) -> Drawing:
    from reportlab.graphics.shapes import String
    from reportlab.lib import colors

    from app.printouts import style

    drawing.add(
        String(
            drawing.width / 2,
            drawing.height / 2,
            text,
            fontName=style.FONT_ITALIC,
            fontSize=9,
            fillColor=colors.HexColor("#5F6670"),
            textAnchor="middle",
        )
    )
    return drawing


def _legend(drawing: Drawing, names: Sequence[str], y: float) -> None:
    from reportlab.graphics.shapes import Rect, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.printouts import style

    x = 4.0
    for name, colour in zip(names, (FIRST, SECOND), strict=False):
        drawing.add(Rect(x, y, 8, 8, fillColor=colors.HexColor(colour), strokeColor=None))
        drawing.add(
            String(x + 11, y + 1, name, fontName=style.FONT, fontSize=8, fillColor=style.INK)
        )
        x += 11 + stringWidth(name, style.FONT, 8) + 12


def _fit(text: str, width: float, size: float = 8) -> str:
    """`text` shortened with an ellipsis to fit `width` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.printouts import style

    if stringWidth(text, style.FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", style.FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def horizontal_bars(
    series: Sequence[Sequence[Bar]],
    names: Sequence[str] = (),
    *,
    width: float = WIDTH,
    height: float = HEIGHT,
    value_format: str = "%d",
    empty: str = "",
    order: Sequence[str] = (),
) -> Drawing:
    """Categories down the side, one bar per series for each, the value at the end of each
    bar. Series are matched by their bars' keys, in `order` when given (else as they come);
    a label too long for the side is shortened with an ellipsis."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.printouts import style

    style.register_fonts()
    drawing = Drawing(width, height)
    keys: list[str] = []
    labels: dict[str, str] = {}
    for bars in series:
        for bar in bars:
            if bar.key not in labels:
                keys.append(bar.key)
                labels[bar.key] = bar.label
    if not keys:
        return _empty(drawing, empty or _("Nothing to show for this period."))
    if order:
        keys.sort(key=lambda k: list(order).index(k) if k in order else len(order))
    values = [{b.key: b.value for b in bars} for bars in series]
    # ReportLab draws the first category, and the first series of each, at the bottom.
    keys.reverse()
    values.reverse()
    colours = list((FIRST, SECOND)[: len(series)])
    colours.reverse()
    chart = HorizontalBarChart()
    widest = width * 0.45
    for k in keys:
        labels[k] = _fit(labels[k], widest - 6)
    label_width = min(widest, max(stringWidth(labels[k], style.FONT, 8) for k in keys) + 6)
    legend = 14.0 if names else 0.0
    chart.x = label_width
    chart.y = 14 + legend
    chart.width = width - label_width - 24
    chart.height = height - chart.y - 4
    chart.data = [[v.get(k, 0) for k in keys] for v in values]
    chart.categoryAxis.categoryNames = [labels[k] for k in keys]
    chart.categoryAxis.labels.fontName = style.FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = style.RULE
    chart.categoryAxis.visibleTicks = False
    top = max((max(row) for row in chart.data), default=0)
    step = _step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, math.ceil(top / step) * step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = style.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = style.MUTED
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.strokeColor = style.RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = style.HAIRLINE
    chart.barLabelFormat = value_format
    chart.barLabels.fontName = style.FONT_BOLD
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.barSpacing = 1
    chart.groupSpacing = 4
    for i, colour in enumerate(colours):
        chart.bars[i].fillColor = colors.HexColor(colour)
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    if names:
        _legend(drawing, names, 2)
    return drawing


def vertical_bars(
    bars: Sequence[Bar],
    *,
    width: float = WIDTH,
    height: float = HEIGHT,
    value_format: str = "%d",
    empty: str = "",
) -> Drawing:
    """One bar per category along the bottom (months), the value above each bar; with many
    categories only every few labels are written."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    from app.printouts import style

    style.register_fonts()
    drawing = Drawing(width, height)
    if not bars or not any(b.value for b in bars):
        return _empty(drawing, empty or _("Nothing to show for this period."))
    chart = VerticalBarChart()
    chart.x = 26
    chart.y = 18
    chart.width = width - chart.x - 6
    chart.height = height - chart.y - 12
    chart.data = [[b.value for b in bars]]
    every = max(1, math.ceil(len(bars) / 8))
    chart.categoryAxis.categoryNames = [
        b.label if i % every == 0 else "" for i, b in enumerate(bars)
    ]
    chart.categoryAxis.labels.fontName = style.FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fillColor = style.MUTED
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.strokeColor = style.RULE
    chart.categoryAxis.visibleTicks = False
    top = max(b.value for b in bars)
    step = _step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, math.ceil(top / step) * step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = style.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = style.MUTED
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.strokeColor = style.RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = style.HAIRLINE
    if len(bars) <= 14:
        chart.barLabelFormat = value_format
        chart.barLabels.fontName = style.FONT_BOLD
        chart.barLabels.fontSize = 7
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 1
    chart.bars[0].fillColor = colors.HexColor(FIRST)
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


# --------------------------------------------------------------------- the figures' charts


def _meetings(f: Figures) -> Drawing:
    return vertical_bars(
        [Bar(m.first.isoformat(), short_month_year(m.first), m.meetings) for m in f.months],
        empty=_("No meetings recorded in this period."),
    )


def _hours(f: Figures) -> Drawing:
    return vertical_bars(
        [Bar(m.first.isoformat(), short_month_year(m.first), round(m.hours, 1)) for m in f.months],
        value_format="%.0f" if max((m.hours for m in f.months), default=0) >= 10 else "%.1f",
        empty=_("No meeting hours recorded in this period."),
    )


def _people(f: Figures) -> Drawing:
    from app.model.person import Stage

    return horizontal_bars(
        [f.mentors_by_stage, f.mentees_by_stage],
        [_("Mentors"), _("Mentees")],
        height=HEIGHT + 40,
        empty=_("No one is in the programme yet."),
        order=[stage.value for stage in Stage],
    )


#: Short names of the kinds of ending, to fit beside a bar.
_ENDING_SHORT = {
    "planned": N_("Planned"),
    "early": N_("Ended early"),
    "not_a_good_fit": N_("Not a good fit"),
    "concern": N_("Over a concern"),
}


def _endings(f: Figures) -> Drawing:
    bars = [Bar(b.key, _(_ENDING_SHORT[b.key]), b.value) for b in f.endings_by_kind]
    return horizontal_bars([bars], empty=_("No match ended in this period."))


def _contacts(f: Figures) -> Drawing:
    bars = (
        [Bar("made", _("Made"), f.contacts_made), Bar("missed", _("Missed"), f.contacts_missed)]
        if f.contacts_due
        else []
    )
    return horizontal_bars([bars], empty=_("No support contacts were due in this period."))


def _goal_outcomes(f: Figures) -> Drawing:
    bars = (
        [
            Bar("improved", _("Higher than baseline"), f.improved),
            Bar("unchanged", _("Same as baseline"), f.unchanged),
            Bar("fell", _("Lower than baseline"), f.fell),
        ]
        if f.goals_compared
        else []
    )
    return horizontal_bars([bars], empty=_("No goal has both a baseline and a rating."))


def _reviews(f: Figures) -> Drawing:
    bars = [
        Bar("held", _("Held in the period"), f.reviews_held),
        Bar("overdue", _("Overdue now"), f.reviews_overdue),
    ]
    if not any(b.value for b in bars):
        bars = []
    return horizontal_bars([bars], empty=_("No reviews held or due."))


def _count_sentence(bars: Sequence[Bar]) -> str:
    if not bars:
        return _("Nothing to show.")
    return (
        "; ".join(_("{label}: {value}").format(label=b.label, value=f"{b.value:g}") for b in bars)
        + "."
    )


def _taking_part(bars: Sequence[Bar]) -> int:
    from app.model.person import GONE_STAGES

    gone = {stage.value for stage in GONE_STAGES}
    return int(sum(b.value for b in bars if b.key not in gone))


@dataclass(frozen=True)
class Chart:
    """One chart of the figures: its key, title, how to draw it and what it says in words."""

    key: str
    title: str  # marked with N_; translate with _() when shown
    draw: Callable[[Figures], Drawing]
    describe: Callable[[Figures], str]
    #: The figure in a few words, shown over the chart on the dashboard.
    headline: Callable[[Figures], str]


CHARTS: tuple[Chart, ...] = (
    Chart(
        "people",
        N_("People by stage"),
        _people,
        lambda f: _("Mentors: {m} Mentees: {e}").format(
            m=_count_sentence(f.mentors_by_stage), e=_count_sentence(f.mentees_by_stage)
        ),
        lambda f: _("{mentors} mentors and {mentees} mentees taking part").format(
            mentors=_taking_part(f.mentors_by_stage), mentees=f.network.mentees
        ),
    ),
    Chart(
        "waiting",
        N_("How long people on the waiting list have waited"),
        lambda f: horizontal_bars(
            [f.wait_bands] if f.average_wait_days is not None else [],
            empty=_("No one is waiting."),
        ),
        lambda f: _count_sentence(f.wait_bands),
        lambda f: (
            _("{n} waiting; average wait {wait}").format(n=f.waiting, wait=wait_text(f))
            if f.waiting
            else _("No one is waiting.")
        ),
    ),
    Chart(
        "matches",
        N_("Matches by status"),
        lambda f: horizontal_bars([f.matches_by_status], empty=_("No matches in this period.")),
        lambda f: _count_sentence(f.matches_by_status),
        lambda f: _("{active} active now; {started} started in the period").format(
            active=f.network.active_matches, started=f.matches_started
        ),
    ),
    Chart(
        "meetings",
        N_("Meetings a month"),
        _meetings,
        lambda f: _count_sentence(
            [Bar("", short_month_year(m.first), m.meetings) for m in f.months]
        ),
        lambda f: ngettext("{n} meeting", "{n} meetings", f.meetings).format(
            n=format_number(f.meetings)
        ),
    ),
    Chart(
        "hours",
        N_("Mentoring hours a month"),
        _hours,
        lambda f: _count_sentence(
            [Bar("", short_month_year(m.first), round(m.hours, 1)) for m in f.months]
        ),
        lambda f: _("{hours} hours of mentoring").format(hours=format_number(f.meeting_hours)),
    ),
    Chart(
        "contacts",
        N_("Support contacts due in the period"),
        _contacts,
        lambda f: _("{made} made, {missed} missed.").format(
            made=f.contacts_made, missed=f.contacts_missed
        ),
        compliance_text,
    ),
    Chart(
        "goals",
        N_("Goals by status"),
        lambda f: horizontal_bars([f.goals_by_status], empty=_("No goals in this period.")),
        lambda f: _count_sentence(f.goals_by_status),
        lambda f: ngettext(
            "{n} goal; {achieved} achieved", "{n} goals; {achieved} achieved", f.goals
        ).format(n=f.goals, achieved=f.goals_achieved),
    ),
    Chart(
        "outcomes",
        N_("Latest rating against the baseline"),
        _goal_outcomes,
        lambda f: _("{up} higher, {same} the same, {down} lower.").format(
            up=f.improved, same=f.unchanged, down=f.fell
        ),
        lambda f: (
            _("Average change from baseline: {change}").format(change=change_text(f.average_change))
            if f.average_change is not None
            else change_text(None)
        ),
    ),
    Chart(
        "endings",
        N_("How matches ended"),
        _endings,
        lambda f: _count_sentence(f.endings_by_kind),
        lambda f: _("{planned} planned, {early} early").format(
            planned=f.endings_planned, early=f.endings_early
        ),
    ),
    Chart(
        "length",
        N_("Length of the matches that ended"),
        lambda f: horizontal_bars(
            [f.length_bands] if f.endings else [], empty=_("No match ended in this period.")
        ),
        lambda f: _count_sentence(f.length_bands),
        lambda f: (
            _("Average length: {months}").format(months=months_text(f.average_match_months))
            if f.average_match_months is not None
            else months_text(None)
        ),
    ),
    Chart(
        "reviews",
        N_("Reviews"),
        _reviews,
        lambda f: _("{held} held in the period, {overdue} overdue now.").format(
            held=f.reviews_held, overdue=f.reviews_overdue
        ),
        lambda f: _("{held} held; {overdue} overdue now").format(
            held=f.reviews_held, overdue=f.reviews_overdue
        ),
    ),
)

CHARTS_BY_KEY = {c.key: c for c in CHARTS}


# -------------------------------------------------------------------------------- SVG

_FONTS = (
    (
        "font-family: MentorSans-BoldItalic",
        "font-family: Lato; font-weight: bold; font-style: italic",
    ),
    ("font-family: MentorSans-Bold", "font-family: Lato; font-weight: bold"),
    ("font-family: MentorSans-Italic", "font-family: Lato; font-style: italic"),
    ("font-family: MentorSans", "font-family: Lato"),
)


def to_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG that QtSvg paints as the PDF shows it: the clip path moved into
    `<defs>` (Qt paints a black background otherwise) and the bundled fonts named by the
    family the window loads (Lato)."""
    from reportlab.graphics import renderSVG

    text: str = renderSVG.drawToString(drawing)
    text = re.sub(r"(<clipPath\b.*?</clipPath>)", r"<defs>\1</defs>", text, count=1, flags=re.S)
    for old, new in _FONTS:
        text = text.replace(old + ";", new + ";")
    return text.encode("utf-8")
