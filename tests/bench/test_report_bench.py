"""The evaluation report with its charts on the large data set (2,000 people, 1,000 matches,
40,000 meetings, 8,000 goals) stays under 3 seconds; the dashboard's figures are quicker still.

Run with: ./run-tests.sh -m bench -s tests/bench/test_report_bench.py
"""

from __future__ import annotations

import statistics
import time
from datetime import date

import pytest

from app.printouts import evaluation_report
from app.reports import charts, figures
from app.storage import Database

RUNS = 5


@pytest.mark.bench
def test_the_evaluation_report_on_the_large_data_set(db: Database, today: date) -> None:
    from app.demo import generate_large

    with db.session() as s:
        programme_id = generate_large(s)
    start, end = figures.default_period(today)
    report: list[float] = []
    dashboard: list[float] = []
    pdf = b""
    for _run in range(RUNS):
        with db.session() as s:
            started = time.perf_counter()
            pdf = evaluation_report.build(s, programme_id, start, end, today)
            report.append(time.perf_counter() - started)
        with db.session() as s:
            started = time.perf_counter()
            found = figures.figures(s, programme_id, start, end, today)
            svgs = [charts.to_svg(chart.draw(found)) for chart in charts.CHARTS]
            dashboard.append(time.perf_counter() - started)
    median = statistics.median(report)
    print(
        f"\nevaluation report with charts: median {median * 1000:.0f} ms of {RUNS} runs "
        f"({', '.join(f'{t * 1000:.0f}' for t in report)} ms), {len(pdf) // 1024} KB"
    )
    print(
        f"dashboard figures and {len(svgs)} SVG charts: median "
        f"{statistics.median(dashboard) * 1000:.0f} ms"
    )
    assert found.meetings > 10_000 and found.goals > 5_000  # really the large data set
    assert median < 3.0
    assert statistics.median(dashboard) < 2.0
