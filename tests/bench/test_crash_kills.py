"""Killing Mentor Desk while it saves: nothing it said was saved is lost, no file is damaged.

A forked child opens the data folder as the application does and commits a stream of edits
(a new record, and a change to a running tally, in each unit of work), with a backup every
so often; after each commit returns it reports the edit down a pipe. The parent kills it with
SIGKILL at a random moment (while opening, in the middle of a commit, a checkpoint or a
backup), over and over. Afterwards every reported edit must be there, the data file and every
backup must pass SQLite's full integrity check, and no half-written copy may be left.

Run with: ./run-tests.sh -m bench -s tests/bench/test_crash_kills.py
(BENCH_KILLS sets the number of kills; 1,000 by default.)
"""

from __future__ import annotations

import os
import random
import signal
import time
import warnings
from pathlib import Path

import pytest
from sqlalchemy import select

from app.model import Programme
from app.paths import DataPaths
from app.storage import backups, health, migrate, open_database
from app.storage.engine import quick_check

KILLS = int(os.environ.get("BENCH_KILLS", "1000"))
TALLY = "Tally"
BACKUP_EVERY = 4


def _child(paths: DataPaths, report: int, kill: int) -> None:
    """Commit edits until killed; after each commit returns, report it."""
    db = open_database(paths, backup_on_open=False)
    os.write(report, b"open\n")
    seq = 0
    while True:
        seq += 1
        name = f"c{kill}-{seq}"
        with db.session() as s:
            s.add(Programme(name=name, organisation="Kill test"))
            tally = s.scalars(select(Programme).where(Programme.name == TALLY)).one()
            tally.organisation = str(int(tally.organisation) + 1)
        os.write(report, f"{name}\n".encode())
        if seq % BACKUP_EVERY == 0:
            db.backup("manual")
            os.write(report, b"backup\n")


def _fork_and_kill(paths: DataPaths, kill: int, delay: float) -> list[str]:
    """Run one child for `delay` seconds, SIGKILL it, and return the complete lines it sent."""
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with pytest's watchdog thread
        pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 0
        try:
            os.close(read_end)
            _child(paths, write_end, kill)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _pid, status = os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    assert os.WIFSIGNALED(status), f"kill {kill}: the child stopped by itself ({status})"
    lines = b"".join(chunks).decode().split("\n")
    return lines[:-1]  # the last piece is empty, or a line cut short by the kill


@pytest.mark.bench
def test_killing_the_process_while_it_saves_loses_nothing_reported(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    db = open_database(paths)
    with db.session() as s:
        s.add(Programme(name=TALLY, organisation="0"))
    db.close(backup=False)

    rng = random.Random(22)
    reported: set[str] = set()
    tally_reported = 0
    killed_while_opening = 0
    killed_in_backup = 0
    backups_reported = 0
    started = time.perf_counter()
    for kill in range(1, KILLS + 1):
        lines = _fork_and_kill(paths, kill, rng.uniform(0.0, 0.4))
        edits = [line for line in lines if line.startswith("c")]
        if "open" not in lines:
            killed_while_opening += 1
        backups_reported += lines.count("backup")
        if lines and lines[-1].startswith("c") and int(lines[-1].split("-")[1]) % BACKUP_EVERY == 0:
            killed_in_backup += 1  # the commit before a backup was the last thing it said
        reported.update(edits)
        tally_reported += len(edits)
        if kill % 100 == 0:  # every file intact along the way, not only at the end
            found = health.diagnose(paths.database, migrate.SCHEMA_VERSION, full=True)
            assert found.ok, f"after {kill} kills: {found.message}"
    seconds = time.perf_counter() - started

    half_written = [p.name for p in paths.backups.iterdir() if ".partial" in p.name]
    db = open_database(paths, backup_on_open=False)  # removes any half-written copy
    with db.session() as s:
        present = set(s.scalars(select(Programme.name).where(Programme.name != TALLY)))
        tally = int(s.scalars(select(Programme.organisation).where(Programme.name == TALLY)).one())
    db.close(backup=False)
    missing = reported - present
    unreported = present - reported  # committed, but killed before it could say so
    integrity = quick_check(paths.database, full=True)
    backup_files = backups.list_backups(paths)
    damaged_backups = [b.path.name for b in backup_files if quick_check(b.path, full=True)]
    leftovers = [p.name for p in paths.backups.iterdir() if ".partial" in p.name]
    print(
        f"\n{KILLS} kills in {seconds:.0f} s: {len(reported)} edits reported, "
        f"{len(missing)} missing, {len(unreported)} committed but not yet reported, "
        f"{killed_while_opening} kills while opening, {killed_in_backup} during a backup, "
        f"{backups_reported} backups reported, {len(backup_files)} kept "
        f"({len(damaged_backups)} damaged), {len(half_written)} half-written copies found "
        f"and {len(leftovers)} left after opening; "
        f"integrity: {'ok' if not integrity else integrity[:3]}; "
        f"tally {tally} (reported {tally_reported})"
    )
    assert not missing, f"{len(missing)} reported edits lost, e.g. {sorted(missing)[:5]}"
    assert len(unreported) <= KILLS
    assert integrity == []
    assert not damaged_backups and not leftovers
    # The tally moved once per committed edit: reported ones, plus those not yet reported.
    assert tally == len(present)
