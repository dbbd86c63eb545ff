"""Goals on the large data set (1,000 matches, 8,000 goals): the Goals page's queries and a
printout stay quick.

Run with: ./run-tests.sh -m bench -s tests/bench/test_goals_bench.py
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from app.printouts import catalogue
from app.services import goals
from app.storage import Database


@pytest.mark.bench
def test_goals_queries_on_the_large_data_set(db: Database, today: date) -> None:
    from app.demo import generate_large

    with db.session() as s:
        programme_id = generate_large(s)
    timings = {}
    with db.session() as s:
        started = time.perf_counter()
        rows = goals.list_matches(s, programme_id)
        timings["list matches"] = time.perf_counter() - started
        match_id = rows[len(rows) // 2].match_id
        started = time.perf_counter()
        goals.goals_for_match(s, match_id, today)
        goals.nudge_for_match(s, match_id)
        timings["one match's goals"] = time.perf_counter() - started
        started = time.perf_counter()
        catalogue.progress_summary(s, match_id, today)
        timings["progress summary"] = time.perf_counter() - started
    for name, seconds in timings.items():
        print(f"{name}: {seconds * 1000:.0f} ms")
    assert len(rows) == 900  # proposed matches have no goals page entry
    assert timings["list matches"] < 1.0
    assert timings["one match's goals"] < 0.3
