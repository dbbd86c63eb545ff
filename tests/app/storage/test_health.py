"""Each kind of damage to a data file gets its own plain sentence, and the file is never changed:
not by `open_database`, which must never take a damaged file for a new one, nor by the check."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.storage import Database, migrate, open_database
from app.storage.errors import CorruptError
from app.storage.health import Problem, diagnose


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _header_zeroed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:16] = bytes(16)
    path.write_bytes(bytes(data))


def _csv(path: Path) -> None:
    path.write_text("First name,Last name,E-mail\nAmy,Johnstone,amy@example.org\n")


def _picture(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)


def _other_program(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()


DAMAGE: dict[str, tuple[Callable[[Path], None], Problem, str]] = {
    "empty": (_empty, Problem.EMPTY, "empty (0 bytes)"),
    "truncated": (_cut_in_half, Problem.TRUNCATED, "cut short"),
    "header": (_header_zeroed, Problem.HEADER, "header"),
    "csv": (_csv, Problem.TEXT, "text file"),
    "picture": (_picture, Problem.NOT_DATA, "not Mentor Desk data"),
    "foreign": (_other_program, Problem.FOREIGN, "another program"),
}


def _damaged_copy(db: Database, paths: DataPaths, tmp_path: Path, damage: str) -> DataPaths:
    db.close(backup=False)
    target = DataPaths(tmp_path / "damaged")
    target.ensure()
    shutil.copyfile(paths.database, target.database)
    DAMAGE[damage][0](target.database)
    return target


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_each_kind_of_damage_is_named_and_the_file_left_unchanged(
    db: Database, paths: DataPaths, tmp_path: Path, damage: str
) -> None:
    damaged = _damaged_copy(db, paths, tmp_path, damage)
    before = damaged.database.read_bytes()
    _make, problem, words = DAMAGE[damage]

    assert diagnose(damaged.database, migrate.SCHEMA_VERSION).problem is problem
    with pytest.raises(CorruptError) as refused:
        open_database(damaged)

    assert words in refused.value.message
    assert "no backup" in refused.value.next_step
    assert damaged.database.read_bytes() == before
    assert not list(damaged.backups.glob("*"))  # the damaged file was not backed up


def test_a_sound_file_passes(db: Database, paths: DataPaths) -> None:
    db.close(backup=False)
    found = diagnose(paths.database, migrate.SCHEMA_VERSION, full=True)
    assert found.ok
    assert found.version == migrate.SCHEMA_VERSION


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_check_names_the_damage_with_a_problem_exit(
    db: Database,
    paths: DataPaths,
    tmp_path: Path,
    damage: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main

    damaged = _damaged_copy(db, paths, tmp_path, damage)
    before = damaged.database.read_bytes()

    assert main(["--data", str(damaged.folder), "check"]) == 1

    out = capsys.readouterr()
    assert DAMAGE[damage][2] in out.out
    assert "unexpected" not in out.out + out.err
    assert damaged.database.read_bytes() == before
