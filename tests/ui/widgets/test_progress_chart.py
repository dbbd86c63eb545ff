"""The small progress chart: points in order, baseline first, and a sentence for screen readers."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from ui.widgets.progress_chart import ProgressChart, describe

SERIES = [(date(2026, 9, 1), 3), (date(2026, 10, 6), 5), (date(2026, 11, 17), 6)]


def test_points_rise_with_the_ratings_and_move_right_with_time(qtbot: QtBot) -> None:
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(300, 120)
    chart.set_data(SERIES, 10, 8)
    points = [chart.point_at(i) for i in range(3)]
    assert points[0].x() < points[1].x() < points[2].x()
    assert points[0].y() > points[1].y() > points[2].y()  # higher rating, higher on screen
    assert "3 points from 3 on 01/09/2026 to 6 on 17/11/2026, out of 10. Target 8." == (
        chart.accessibleDescription()
    )
    image = chart.grab()
    assert not image.isNull()


def test_an_empty_chart_says_so() -> None:
    assert describe([], 5, None) == "No ratings yet."
    assert (
        describe([(date(2026, 9, 1), 2)], 5, 4) == "One rating: 2 out of 5 on 01/09/2026. Target 4."
    )
