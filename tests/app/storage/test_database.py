"""Opening the data file: newer files refused untouched, damaged files reported, failed
upgrades put back, changes durable."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import Engine, select

from app.model import Programme
from app.paths import DataPaths
from app.storage import migrate, open_database
from app.storage.engine import user_version
from app.storage.errors import CorruptError, StorageError, TooNewError


def _make_file_with_programme(paths: DataPaths) -> None:
    db = open_database(paths)
    with db.session() as s:
        s.add(Programme(name="Growing Together", organisation="Riverside"))
    db.close(backup=False)


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(paths: DataPaths) -> None:
    _make_file_with_programme(paths)
    conn = sqlite3.connect(paths.database)
    conn.execute(f"PRAGMA user_version = {migrate.SCHEMA_VERSION + 5}")
    conn.close()
    before = paths.database.read_bytes()

    with pytest.raises(TooNewError) as refused:
        open_database(paths)

    assert "newer version of Mentor Desk" in str(refused.value)
    assert "has not been changed" in str(refused.value)
    assert paths.database.read_bytes() == before
    assert not list(paths.backups.glob("*before-upgrade*"))


def test_a_damaged_file_is_reported_plainly(paths: DataPaths) -> None:
    paths.ensure()
    paths.database.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(CorruptError) as problem:
        open_database(paths)
    assert "text file" in str(problem.value)
    assert "no backup" in problem.value.next_step


def test_a_committed_change_is_in_the_file_after_closing(paths: DataPaths) -> None:
    _make_file_with_programme(paths)
    db = open_database(paths)
    with db.session() as s:
        assert s.scalars(select(Programme.name)).all() == ["Growing Together"]
        mode = s.connection().exec_driver_sql("PRAGMA synchronous").scalar()
        fks = s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar()
    db.close(backup=False)
    assert mode == 2  # FULL: a committed change survives power loss
    assert fks == 1


def test_a_failed_upgrade_puts_the_file_back(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_file_with_programme(paths)
    conn = sqlite3.connect(paths.database)
    conn.execute("PRAGMA user_version = 0")  # pretend it is old, so an upgrade runs
    conn.close()
    before = paths.database.read_bytes()

    def broken_upgrade(engine: Engine, target: str = "head") -> None:
        with engine.begin() as c:
            c.exec_driver_sql("DELETE FROM programme")
        raise RuntimeError("a revision failed half way")

    monkeypatch.setattr(migrate, "upgrade", broken_upgrade)
    with pytest.raises(StorageError) as failed:
        open_database(paths)
    assert "put back as it was" in str(failed.value)
    assert user_version(paths.database) == 0
    conn = sqlite3.connect(paths.database)
    assert conn.execute("SELECT name FROM programme").fetchall() == [("Growing Together",)]
    conn.close()
    assert len(before) > 0


def test_reopening_an_unchanged_file_makes_no_extra_backup(paths: DataPaths) -> None:
    db = open_database(paths)
    with db.session() as s:
        s.add(Programme(name="A", organisation="B"))
    db.close()  # backed up on close
    open_database(paths).close()
    open_database(paths).close()
    assert len(list(paths.backups.iterdir())) == 1


def test_a_file_never_backed_up_is_backed_up_on_opening(paths: DataPaths) -> None:
    _make_file_with_programme(paths)
    open_database(paths).close()
    assert [p.name for p in paths.backups.iterdir() if p.name.endswith("on-open.sqlite3")]


def test_closing_after_a_change_keeps_a_backup(paths: DataPaths) -> None:
    db = open_database(paths)
    with db.session() as s:
        s.add(Programme(name="A", organisation="B"))
    db.close()
    names = [p.name for p in paths.backups.iterdir()]
    assert len(names) == 1 and names[0].endswith("on-close.sqlite3")
