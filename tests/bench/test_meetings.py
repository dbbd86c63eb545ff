"""How fast the Meetings page answers on big data: a match with a 500-entry timeline, and the
list of every meeting log over 40,000 logs.

Run with: ./run-tests.sh -m bench -s tests/bench/test_meetings.py
Each figure is the median of several runs (the machines are shared and noisy).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, insert, select

from app.model import Match, MeetingLog, SupportContact
from app.model.meeting import MeetingMode
from app.model.support import ContactDepth, ContactParty
from app.paths import DataPaths
from app.storage import open_database
from ui.main_window import MainWindow
from ui.pages.meetings_page import MeetingsPage

RUNS = int(os.environ.get("BENCH_RUNS", "15"))

#: The window, the busy match's id and how many meeting logs there are.
LargeWindow = tuple[MainWindow, int, int]


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


@pytest.fixture
def large_window(qtbot: QtBot, tmp_path: Path) -> Iterator[LargeWindow]:
    """The window on the large programme (1,000 matches, 40,000 meeting logs), with one match
    given a 500-entry timeline."""
    from app.demo import generate_large
    from ui.application import build_window, create_application

    db = open_database(DataPaths(tmp_path / "data"))
    with db.session() as s:
        programme_id = generate_large(s)
        busy = s.scalar(select(Match.id).where(Match.programme_id == programme_id).limit(1))
        assert busy is not None
        start = date(2020, 1, 6)
        s.execute(
            insert(MeetingLog),
            [
                {
                    "match_id": busy,
                    "held_on": start + timedelta(days=4 * n),
                    "mode": MeetingMode.TELEPHONE,
                    "duration_minutes": 60,
                    "place": "",
                    "attended": "",
                    "version_id": 1,
                }
                for n in range(340)
            ],
        )
        s.execute(
            insert(SupportContact),
            [
                {
                    "match_id": busy,
                    "party": ContactParty.MENTOR if n % 2 else ContactParty.MENTEE,
                    "third_party_name": "",
                    "held_on": start + timedelta(days=13 * n),
                    "mode": MeetingMode.TELEPHONE,
                    "depth": ContactDepth.CHECK_IN,
                    "activities": "",
                    "progress": "",
                    "safety_concern": False,
                    "safety_notes": "",
                    "to_act_on": "",
                    "version_id": 1,
                }
                for n in range(120)
            ],
        )
        total = s.scalar(select(func.count()).select_from(MeetingLog))
    assert total is not None and total >= 40_000
    create_application()
    win = build_window(db, synchronous_tasks=True)
    qtbot.addWidget(win)
    win.context.set_programme(programme_id)
    win.show()
    win.go_to("meetings")
    yield win, busy, total
    win.close()
    db.close(backup=False)


@pytest.mark.bench
def test_a_500_entry_timeline_opens_quickly(large_window: LargeWindow) -> None:
    win, busy, _total = large_window
    page = win.stack.currentWidget()
    assert isinstance(page, MeetingsPage)
    other = next(m.id for m in page.matches_model.rows if m.id != busy)
    samples = []
    for _n in range(RUNS):
        page.select_match(other)
        started = time.perf_counter()
        page.select_match(busy)  # query, totals, warnings and the table
        page.timeline.viewport().repaint()
        samples.append(time.perf_counter() - started)
    entries = page.timeline_model.rowCount()
    median = _median_ms(samples)
    print(
        f"\ntimeline of {entries} entries: median {median:.1f} ms over {RUNS} runs "
        f"(min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f})"
    )
    assert entries >= 500
    assert median < 100


@pytest.mark.bench
def test_the_list_of_40000_meeting_logs_filters_quickly(large_window: LargeWindow) -> None:
    win, _busy, total = large_window
    page = win.stack.currentWidget()
    assert isinstance(page, MeetingsPage)
    page.tabs.setCurrentIndex(1)
    assert page.logs_model.rowCount() == total or page.logs_model.rowCount() > 40_000 - 1

    def filtered(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        page.logs.viewport().repaint()  # fetches and paints the visible rows
        return time.perf_counter() - started

    actions = [
        lambda: page.log_filter.setText("mac"),
        lambda: page.log_filter.setText("leith"),
        lambda: page.log_filter.setText(""),
        lambda: page.mode_filter.setCurrentIndex(2),
        lambda: page.follow_up.setChecked(True),
        lambda: page.follow_up.setChecked(False),
        lambda: page.mode_filter.setCurrentIndex(0),
    ]
    samples = [filtered(action) for _n in range(max(2, RUNS // 5)) for action in actions]
    median = _median_ms(samples)
    print(
        f"\nmeeting logs list over {total:,} logs: filter median {median:.1f} ms over "
        f"{len(samples)} filters (min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f})"
    )
    assert median < 50
