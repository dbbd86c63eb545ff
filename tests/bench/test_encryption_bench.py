"""Opening the demo protected with a password against opening it plain.

Each round opens the data file as the window does (checks, then the engine), reads the people
and closes it again, plain and protected in turn so both see the same machine load. The
protected open is timed twice: as at start-up, where the password typed is turned into the key
(Argon2id, deliberately slow and memory-hungry, done once a session), and with the key already
worked out (what every later connection, check and backup costs). Both must cost under 100 ms
more than the plain open.

Run with: ./run-tests.sh -m bench -s tests/bench/test_encryption_bench.py
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import Person
from app.paths import DataPaths
from app.storage import encryption, open_database, password

ROUNDS = 15
PASSWORD = "bench-password-otter-7"


def _open_and_read(paths: DataPaths) -> float:
    started = time.perf_counter()
    db = open_database(paths, backup_on_open=False)
    with db.session() as s:
        assert (s.scalar(select(func.count()).select_from(Person)) or 0) > 0
    elapsed = time.perf_counter() - started
    db.close(backup=False)
    return elapsed


@pytest.mark.bench
def test_opening_the_protected_demo_costs_little_more_than_the_plain_one(
    tmp_path: Path, _demo_template: Path
) -> None:
    plain = DataPaths(tmp_path / "plain")
    protected = DataPaths(tmp_path / "protected")
    for paths in (plain, protected):
        paths.ensure()
        shutil.copyfile(_demo_template, paths.database)
    password.change_password(protected, PASSWORD)
    encryption.forget_all()

    plain_times, typed_times, known_times = [], [], []
    for _round in range(ROUNDS):
        plain_times.append(_open_and_read(plain))
        encryption.forget_all()
        started = time.perf_counter()
        encryption.unlock(protected.folder, protected.database, PASSWORD)
        typed_times.append(time.perf_counter() - started + _open_and_read(protected))
        known_times.append(_open_and_read(protected))
    encryption.forget_all()

    ms = {
        "plain": statistics.median(plain_times) * 1000,
        "protected, password typed": statistics.median(typed_times) * 1000,
        "protected, key known": statistics.median(known_times) * 1000,
    }
    print()
    for what, value in ms.items():
        print(f"open the demo, {what}: median {value:.1f} ms over {ROUNDS} rounds")
    extra_typed = ms["protected, password typed"] - ms["plain"]
    extra_known = ms["protected, key known"] - ms["plain"]
    print(f"extra with the password typed: {extra_typed:.1f} ms")
    print(f"extra with the key known: {extra_known:.1f} ms")
    assert extra_typed < 100
    assert extra_known < 100
