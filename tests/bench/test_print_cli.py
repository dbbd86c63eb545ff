"""`mentordesk print agreement ID -o FILE` as a whole process (the issue's target: under
0.5 s), against the ordinary way (SQLAlchemy and every model) in the same sitting; and 50
agreements as one PDF.

Run with: ./run-tests.sh -m bench -s tests/bench/test_print_cli.py
Each figure is the median of several fresh processes (the machines are shared and noisy), in
wall time and in the CPU time the process used (less disturbed by the other workers). Bytecode
is not cached on these machines (PYTHONDONTWRITEBYTECODE=1), so each process compiles the
project's own modules; the second set of figures caches it (as an installed copy or a bundle
does), in a folder of the test's own.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.model import Agreement, Match
from app.paths import DataPaths
from app.storage import open_database

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("BENCH_RUNS", "9"))

#: The same command with the quick reading switched off: what every print did before.
ORDINARY = (
    "import sys\nfrom app.printouts import quick\n"
    "quick.readable_without_opening = lambda paths: False\n"
    "from ui.__main__ import main\nsys.exit(main(sys.argv[1:]))\n"
)


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True, timeout=300)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def _median(samples: list[tuple[float, float]]) -> str:
    walls = [w for w, _c in samples]
    cpus = [c for _w, c in samples]
    return (
        f"median {statistics.median(walls):.2f} s wall (min {min(walls):.2f}, "
        f"max {max(walls):.2f}), {statistics.median(cpus):.2f} s CPU, over {len(samples)} runs"
    )


@pytest.mark.bench
def test_one_agreement_as_a_whole_process(tmp_path: Path, today: date) -> None:
    from app.demo import create_demo

    data = tmp_path / "data"
    db = open_database(DataPaths(data))
    with db.session() as s:
        create_demo(s, today=today)
        signed = s.scalars(select(Agreement.match_id).order_by(Agreement.id)).first()
        ids = list(s.scalars(select(Match.id).order_by(Match.id)))
    db.backup("manual")  # nothing due on opening: as after the window has closed
    db.close(backup=False)
    assert signed is not None
    out = tmp_path / "out"
    out.mkdir()
    args = ["--data", str(data), "print", "agreement"]
    quick = [sys.executable, "-m", "ui", *args, str(signed), "-o", str(out / "quick.pdf")]
    ordinary = [sys.executable, "-c", ORDINARY, *args, str(signed), "-o", str(out / "old.pdf")]
    fifty_ids = ",".join(str(i) for i in (ids * 50)[:50])
    fifty = [sys.executable, "-m", "ui", *args, fifty_ids, "-o", str(out / "fifty.pdf")]
    fifty_old = [sys.executable, "-c", ORDINARY, *args, fifty_ids, "-o", str(out / "f.pdf")]
    lines = []
    for label, extra in (
        ("bytecode not cached", {}),
        ("bytecode cached", {"PYTHONPYCACHEPREFIX": str(tmp_path / "pyc")}),
    ):
        env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
        if extra:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        for command in (quick, ordinary, fifty, fifty_old):  # warm the disk cache, bytecode
            _timed(command, env)
        pairs = [(_timed(quick, env), _timed(ordinary, env)) for _ in range(RUNS)]
        fast = [q for q, _o in pairs]
        slow = [o for _q, o in pairs]
        batch = [_timed(fifty, env) for _ in range(max(3, RUNS // 3))]
        batch_old = [_timed(fifty_old, env) for _ in range(max(3, RUNS // 3))]
        lines += [
            f"{label}:",
            f"  one agreement, whole process, read straight from SQLite: {_median(fast)}",
            f"  one agreement, whole process, the ordinary way (SQLAlchemy): {_median(slow)}",
            f"  50 agreements as one PDF, whole process, from SQLite: {_median(batch)}",
            f"  50 agreements as one PDF, whole process, the ordinary way: {_median(batch_old)}",
        ]
        assert statistics.median(c for _w, c in fast) < statistics.median(c for _w, c in slow)
    assert len(PdfReader(str(out / "fifty.pdf")).pages) >= 100
    size = (out / "quick.pdf").stat().st_size
    print("\n" + "\n".join(lines) + f"\n(one agreement's PDF: {size // 1024} KB)")
