"""Backups: consistent copies, a restore round trip with data intact, sensible thinning."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from app.model import Participant, Person, Programme, Role
from app.paths import DataPaths
from app.storage import backups, migrate, open_database
from app.storage.engine import quick_check
from app.storage.errors import CorruptError, TooNewError


def test_backup_and_restore_round_trip_keeps_every_record(paths: DataPaths) -> None:
    # GIVEN a programme with a mentor, backed up while the database is open
    db = open_database(paths)
    with db.session() as s:
        programme = Programme(name="Growing Together", organisation="Riverside")
        person = Person(first_name="Seònaid", last_name="Nic a' Phì", email="s@example.org")
        person.roles.append(Participant(programme=programme, role=Role.MENTOR))
        s.add_all([programme, person])
    copy = db.backup("manual")
    assert quick_check(copy) == []
    # WHEN the data is changed afterwards, then the backup is restored
    with db.session() as s:
        s.execute(delete(Participant))
        s.execute(delete(Person))
        s.add(Programme(name="Added later", organisation="X"))
    db.close(backup=False)
    safety = backups.restore_backup(paths, copy, migrate.SCHEMA_VERSION)
    # THEN the data is exactly as at the backup, and the replaced file was kept too
    db = open_database(paths)
    with db.session() as s:
        assert s.scalars(select(Programme.name)).all() == ["Growing Together"]
        person = s.scalars(select(Person)).one()
        assert person.full_name == "Seònaid Nic a' Phì"
        assert [r.role for r in person.roles] == [Role.MENTOR]
    db.close(backup=False)
    assert safety is not None and "before-restore" in safety.name
    conn = sqlite3.connect(safety)
    names = sorted(r[0] for r in conn.execute("SELECT name FROM programme"))
    conn.close()
    assert names == ["Added later", "Growing Together"]


def test_a_backup_is_a_standalone_file(paths: DataPaths) -> None:
    db = open_database(paths)
    with db.session() as s:
        s.add(Programme(name="A", organisation="B"))
    made = db.backup("manual")
    db.close(backup=False)
    assert not Path(str(made) + "-wal").exists()
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_restore_refuses_a_file_that_is_not_mentor_desk_data(
    paths: DataPaths, tmp_path: Path
) -> None:
    open_database(paths).close(backup=False)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (id INTEGER)")
    conn.close()
    with pytest.raises(CorruptError):
        backups.restore_backup(paths, other, migrate.SCHEMA_VERSION)
    assert not list(paths.backups.glob("*before-restore*"))


def test_restore_refuses_a_backup_from_a_newer_version(paths: DataPaths, tmp_path: Path) -> None:
    db = open_database(paths)
    made = db.backup("manual")
    db.close(backup=False)
    conn = sqlite3.connect(made)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(TooNewError):
        backups.restore_backup(paths, made, migrate.SCHEMA_VERSION)


def _fake_backups(paths: DataPaths, times: list[datetime]) -> None:
    paths.backups.mkdir(parents=True, exist_ok=True)
    for t in times:
        (paths.backups / f"mentordesk-{t:%Y%m%d-%H%M%S}-on-close.sqlite3").write_bytes(b"x")


def test_thinning_keeps_recent_copies_and_one_a_day_week_and_month(
    paths: DataPaths, today: date
) -> None:
    now = datetime.combine(today, time(12))
    hourly_today = [now - timedelta(hours=h) for h in range(12)]
    twice_daily_for_a_year = [
        now - timedelta(days=d, hours=h) for d in range(1, 400) for h in (1, 7)
    ]
    _fake_backups(paths, hourly_today + twice_daily_for_a_year)
    backups.thin_backups(paths, now)
    kept = backups.list_backups(paths)
    times = [b.made_at for b in kept]
    # the ten newest, all from today
    assert times[:10] == sorted(hourly_today, reverse=True)[:10]
    # one for each of the last 14 days
    for d in range(1, 14):
        assert any(t.date() == (now - timedelta(days=d)).date() for t in times)
    # nothing older than the monthly window, and far fewer than the 810 made
    assert min(times) >= now - timedelta(days=31 * 12 + 1)
    assert len(kept) < 60


def test_backups_list_newest_first_and_ignore_other_files(paths: DataPaths) -> None:
    _fake_backups(paths, [datetime(2026, 1, 1, 9), datetime(2026, 3, 1, 9)])
    (paths.backups / "notes.txt").write_text("not a backup")
    found = backups.list_backups(paths)
    assert [b.made_at.month for b in found] == [3, 1]


def test_restoring_over_a_damaged_file_keeps_a_raw_copy_of_it(paths: DataPaths) -> None:
    db = open_database(paths)
    with db.session() as s:
        s.add(Programme(name="A", organisation="B"))
    good = db.backup("manual")
    db.close(backup=False)
    paths.database.write_bytes(b"damaged" * 4000)
    kept = backups.restore_backup(paths, good, migrate.SCHEMA_VERSION)
    assert kept is not None and kept.name.startswith("damaged-")
    assert kept.read_bytes() == b"damaged" * 4000
    assert kept not in [b.path for b in backups.list_backups(paths)]
    assert quick_check(paths.database) == []
