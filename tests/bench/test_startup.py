"""Cold start to the first painted main window, on the demo and on a large data set.

Run with: ./run-tests.sh -m bench -s tests/bench/test_startup.py
Each figure is the median of several fresh processes (the machines are shared and noisy).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app import clock
from app.paths import DataPaths
from app.storage import open_database

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def cold_start_seconds(data: Path) -> float:
    env = {**os.environ, "MENTORDESK_EXIT_AFTER_PAINT": "1", "QT_QPA_PLATFORM": "offscreen"}
    started = clock.epoch_seconds()
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--data", str(data)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("first-paint"))
    return float(line.split()[1]) - started


def median_start(data: Path) -> tuple[float, list[float]]:
    cold_start_seconds(data)  # first run warms the disk cache and makes the on-open backup
    times = [cold_start_seconds(data) for _ in range(RUNS)]
    return statistics.median(times), times


@pytest.mark.bench
def test_cold_start_demo(tmp_path: Path, today: date) -> None:
    from app.demo import create_demo

    db = open_database(DataPaths(tmp_path))
    with db.session() as s:
        create_demo(s, today=today)
    db.close()
    median, times = median_start(tmp_path)
    print(
        f"\ncold start, demo: median {median * 1000:.0f} ms over {RUNS} runs "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
    )
    assert median < 1.0


@pytest.mark.bench
def test_cold_start_large(tmp_path: Path, today: date) -> None:
    from app.demo import create_demo, generate_large

    db = open_database(DataPaths(tmp_path))
    with db.session() as s:
        create_demo(s, today=today)
        generate_large(s, people=2000)
    db.close()
    median, times = median_start(tmp_path)
    print(
        "\ncold start, large (2,000 people, 1,000 matches, 40,000 meetings, 8,000 goals): "
        f"median {median * 1000:.0f} ms over {RUNS} runs "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
    )
    assert median < 1.0
