"""The Today list on the large data set (2,000 people, 1,000 matches, 40,000 meeting logs):
worked out in under 100 ms, and the page filled quickly.

Run with: ./run-tests.sh -m bench -s tests/bench/test_today.py
Each figure is the median of several runs (the machines are shared and noisy); the CPU time
of the process is reported beside the time on the clock.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.model import MeetingLog, Participant
from app.storage import Database
from app.today import service

RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def _median_ms(run: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    wall, cpu = [], []
    for _n in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


@pytest.mark.bench
def test_the_today_list_on_the_large_data_set(db: Database, today: date) -> None:
    from app.demo import generate_large

    with db.session() as s:
        programme_id = generate_large(s)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == 2000
        assert (s.scalar(select(func.count()).select_from(MeetingLog)) or 0) >= 40_000
        listing = service.today_list(s, programme_id, today)  # warm the statement cache
        wall, cpu = _median_ms(lambda: service.today_list(s, programme_id, today))
    print(
        f"\nToday list on the large data set: median {wall:.1f} ms on the clock, {cpu:.1f} ms "
        f"of CPU, over {RUNS} runs; {len(listing.items):,} items in {len(listing.groups)} "
        f"groups, {listing.overdue:,} overdue"
    )
    assert len(listing.groups) >= 8
    assert wall < 100


@pytest.mark.bench
def test_the_today_page_fills_quickly(qtbot: QtBot, db: Database) -> None:
    from app.demo import generate_large
    from ui.application import build_window, create_application
    from ui.pages.today_page import TodayPage

    with db.session() as s:
        programme_id = generate_large(s)
    create_application()
    win = build_window(db, synchronous_tasks=True)
    qtbot.addWidget(win)
    win.context.set_programme(programme_id)
    win.show()
    page = win.stack.currentWidget()
    assert isinstance(page, TodayPage)

    def refresh() -> None:
        page.refresh()
        page.tree.viewport().repaint()

    wall, cpu = _median_ms(refresh, max(3, RUNS // 3))
    print(f"\nToday page refresh (list and tree): median {wall:.1f} ms, {cpu:.1f} ms of CPU")
    assert page.tree.topLevelItemCount() >= 8
    assert wall < 500
    win.close()
