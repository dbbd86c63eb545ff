"""Printing many at once: 14 agreements as 14 commands (before) against one command (after),
one agreement as a whole process, and 50 agreements in one PDF.

Run with: ./run-tests.sh -m bench -s tests/bench/test_print_batch.py
Each figure is the median of several runs (the machines are shared and noisy). Bytecode is not
cached on these machines (PYTHONDONTWRITEBYTECODE=1), so every process compiles the project.
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.model import Match
from app.paths import DataPaths
from app.printouts import catalogue
from app.storage import open_database

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def _run(data: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ui", "--data", str(data), "print", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=True,
        timeout=300,
    )
    return time.perf_counter() - started


def _median(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples):.2f} s over {len(samples)} runs "
        f"(min {min(samples):.2f}, max {max(samples):.2f})"
    )


@pytest.mark.bench
def test_fourteen_agreements_one_process_against_fourteen(tmp_path: Path, today: date) -> None:
    from app.demo import create_demo

    db = open_database(DataPaths(tmp_path / "data"))
    with db.session() as s:
        create_demo(s, today=today)
        ids = list(s.scalars(select(Match.id).order_by(Match.id)))[:14]
        started = time.perf_counter()
        fifty = catalogue.build_many("agreement", s, (ids * 4)[:50], today)
        in_process = time.perf_counter() - started
    db.close()
    assert len(ids) == 14
    assert len(PdfReader(io.BytesIO(fifty)).pages) >= 100
    data = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    _run(data, "agreement", str(ids[0]), "-o", str(out / "warm.pdf"))  # warm the disk cache

    one = [_run(data, "agreement", str(ids[0]), "-o", str(out / "one.pdf")) for _ in range(RUNS)]
    separately = [
        sum(_run(data, "agreement", str(i), "-o", str(out / f"a{i}.pdf")) for i in ids)
        for _ in range(max(1, RUNS // 2))
    ]
    listed = ",".join(str(i) for i in ids)
    together = [
        _run(data, "agreement", listed, "-o", str(out / "fourteen.pdf")) for _ in range(RUNS)
    ]
    fifty_ids = ",".join(str(i) for i in (ids * 4)[:50])
    fifty_run = [
        _run(data, "agreement", fifty_ids, "-o", str(out / "fifty.pdf")) for _ in range(RUNS)
    ]
    pages = len(PdfReader(str(out / "fourteen.pdf")).pages)
    size = (out / "fifty.pdf").stat().st_size
    print(
        f"\none agreement, whole process: {_median(one)}"
        f"\n14 agreements as 14 commands: {_median(separately)}"
        f"\n14 agreements as one command ({pages} pages): {_median(together)}"
        f"\n50 agreements as one command ({size // 1024} KB): {_median(fifty_run)}"
        f"\n50 agreements in the running app (one session): {in_process:.2f} s"
    )
    assert statistics.median(together) < statistics.median(separately) / 4
