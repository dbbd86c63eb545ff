"""The charts: one ReportLab drawing per figure, the same one drawn into a PDF and turned into
SVG for the dashboard."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from app.formatting import short_month_year
from app.reports import charts
from app.reports.figures import Bar


def test_svg_for_qt_has_its_clip_path_in_defs_and_the_window_s_font() -> None:
    drawing = charts.horizontal_bars([[Bar("a", "Ready", 3), Bar("b", "Matched", 12)]])
    svg = charts.to_svg(drawing).decode()
    assert "<defs><clipPath" in svg and "</clipPath></defs>" in svg
    assert "MentorSans" not in svg
    assert "font-family: Lato" in svg and "font-weight: bold" in svg
    # Every bar says its number, so colour is never the only signal.
    assert ">12<" in svg and ">3<" in svg and ">Matched<" in svg


def test_the_same_drawing_goes_into_a_pdf() -> None:
    from reportlab.platypus import SimpleDocTemplate

    drawing = charts.vertical_bars(
        [Bar("1", "Jan 26", 4), Bar("2", "Feb 26", 7)], empty="Nothing here"
    )
    out = io.BytesIO()
    SimpleDocTemplate(out).build([drawing])
    text = PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text()
    assert "Jan 26" in text and "Feb 26" in text and "7" in text


@pytest.mark.parametrize("series", [[], [[]], [[Bar("x", "Nobody", 0)]]])
def test_nothing_to_show_is_said_in_words(series: list[list[Bar]]) -> None:
    if series and series[0]:
        svg = charts.to_svg(charts.vertical_bars(series[0], empty="No meetings yet.")).decode()
    else:
        svg = charts.to_svg(charts.horizontal_bars(series, empty="No meetings yet.")).decode()
    assert "No meetings yet." in svg


def test_a_long_label_is_shortened_to_fit() -> None:
    long = "A stage with a very long name indeed that would never fit beside its bar"
    svg = charts.to_svg(charts.horizontal_bars([[Bar("a", long, 1)]])).decode()
    assert long not in svg and "…" in svg


def test_month_labels_are_short() -> None:
    assert short_month_year(date(2026, 3, 1)) == "Mar 26"
