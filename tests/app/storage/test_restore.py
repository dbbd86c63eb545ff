"""Restoring: what the file holds is shown first, a file from another data folder says so,
nothing is replaced without a yes, and "undo the last restore" is one step."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.model import Programme
from app.paths import DataPaths
from app.storage import backups, migrate, open_database
from app.storage.engine import application_id
from app.storage.errors import DiskFullError, StorageError
from app.storage.identity import MENTOR_DESK, Identity
from tests.app.storage.faults import digest, files_in, raise_os_error


def put_demo(paths: DataPaths, template: Path) -> None:
    paths.ensure()
    shutil.copyfile(template, paths.database)


def names(paths: DataPaths) -> set[str]:
    conn = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)
    try:
        return {str(r[0]) for r in conn.execute("SELECT name FROM programme")}
    finally:
        conn.close()


def add_programme(paths: DataPaths, name: str) -> None:
    db = open_database(paths, backup_on_open=False)
    with db.session() as s:
        s.add(Programme(name=name, organisation="X"))
    db.close(backup=False)


def run(paths: DataPaths, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--data", str(paths.folder), "restore", *args])
    said = capsys.readouterr()
    return code, said.out + said.err


# --- what a file holds ------------------------------------------------------------------------
def test_a_summary_counts_programmes_and_people_and_finds_the_last_change(
    paths: DataPaths, _demo_template: Path
) -> None:
    put_demo(paths, _demo_template)
    conn = sqlite3.connect(paths.database)
    conn.execute("UPDATE person SET updated_at = '2026-11-20 09:30:00.000000' WHERE id = 3")
    conn.execute("UPDATE person SET updated_at = '2026-01-01 00:00:00' WHERE id != 3")
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        if "updated_at" in columns and table != "person":
            conn.execute(f"UPDATE \"{table}\" SET updated_at = '2025-01-01 00:00:00'")
    conn.commit()
    conn.close()
    before = digest(paths.database)
    summary = backups.summarise(paths.database)
    assert (summary.programmes, summary.people) == (2, 42)
    assert summary.last_change == datetime(2026, 11, 20, 9, 30)
    assert summary.describe().startswith("2 programme(s) and 42 people; the last change was on ")
    assert digest(paths.database) == before


def test_every_new_data_file_is_stamped_with_its_folder(tmp_path: Path) -> None:
    one, two = DataPaths(tmp_path / "one"), DataPaths(tmp_path / "two")
    open_database(one).close(backup=False)
    open_database(two).close(backup=False)
    first, second = Identity(application_id(one.database)), Identity(application_id(two.database))
    assert first.known and second.known
    assert first.application_id >> 16 == MENTOR_DESK
    assert first.same_folder_as(second) is False
    # a backup carries its folder's stamp
    copy = backups.make_backup(one, "manual")
    assert application_id(copy) == first.application_id


# --- the command line -------------------------------------------------------------------------
def test_restore_shows_what_the_file_holds_and_needs_yes_when_not_interactive(
    paths: DataPaths, _demo_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    add_programme(paths, "Added after the backup")
    before, listing = digest(paths.database), files_in(paths.folder)
    code, said = run(paths, capsys, str(made))
    assert code == 1
    assert "It holds 2 programme(s) and 42 people; the last change was on" in said
    assert "Your data now holds 3 programme(s) and 42 people" in said
    assert "Not restored: add --yes to replace your data without being asked." in said
    assert "different data folder" not in said
    assert digest(paths.database) == before and files_in(paths.folder) == listing


@pytest.mark.parametrize(("answer", "code"), [("n", 1), ("", 1), ("yes", 0)])
def test_restore_asks_when_interactive(
    paths: DataPaths,
    _demo_template: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    code: int,
) -> None:
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    add_programme(paths, "Added after the backup")
    before = digest(paths.database)
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)

    def reply(question: str) -> str:
        asked.append(question)
        return answer

    monkeypatch.setattr("builtins.input", reply)
    got, said = run(paths, capsys, str(made))
    assert asked == ["Replace your current data with it? [y/N] "]
    assert got == code
    if code:
        assert "Not restored. Nothing has been changed." in said
        assert digest(paths.database) == before
    else:
        assert "Added after the backup" not in names(paths)


def test_a_file_from_another_data_folder_says_so(
    paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN this folder's data, and a data file made in a different folder
    add_programme(paths, "Ours")
    other = DataPaths(tmp_path / "elsewhere")
    add_programme(other, "Theirs")
    before = digest(paths.database)
    # WHEN it is offered for restoring without --yes
    code, said = run(paths, capsys, str(other.database))
    # THEN it says the file is from another folder, and changes nothing
    assert code == 1
    assert f"Careful: this file comes from a different data folder, not from {paths.folder}." in (
        said
    )
    assert digest(paths.database) == before
    # AND our own backups do not say it
    made = backups.make_backup(paths, "manual")
    assert "different data folder" not in run(paths, capsys, str(made))[1]


def test_a_restored_file_takes_on_the_folder_s_stamp(
    paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN this folder's backup, and a file from another folder restored over the data
    add_programme(paths, "Ours")
    ours = application_id(paths.database)
    own_backup = backups.make_backup(paths, "manual")
    other = DataPaths(tmp_path / "elsewhere")
    add_programme(other, "Theirs")
    assert run(paths, capsys, str(other.database), "--yes")[0] == 0
    # THEN the folder keeps its own stamp, so its own backups are not called foreign
    assert application_id(paths.database) == ours
    code, said = run(paths, capsys, str(own_backup))
    assert code == 1 and "different data folder" not in said
    assert application_id(other.database) != ours  # the other file itself is untouched


def test_a_file_from_before_folders_were_stamped_is_not_called_foreign(
    paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_programme(paths, "Ours")
    other = DataPaths(tmp_path / "old")
    add_programme(other, "Old")
    conn = sqlite3.connect(other.database)
    conn.execute("PRAGMA application_id = 0")
    conn.close()
    assert "different data folder" not in run(paths, capsys, str(other.database))[1]


# --- undoing a restore ------------------------------------------------------------------------
def test_restore_latest_right_after_a_restore_undoes_it(
    paths: DataPaths, _demo_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a backup, then a change, then that backup restored
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    add_programme(paths, "Added after the backup")
    code, said = run(paths, capsys, str(made), "--yes")
    assert code == 0 and "To undo this restore: mentordesk restore undo" in said
    assert "Added after the backup" not in names(paths)
    # AND the data opened again (which used to back up the restored data and sort it first)
    open_database(paths).close()
    # WHEN "restore latest" is run
    code, said = run(paths, capsys, "latest", "--yes")
    # THEN it undoes the restore: the change is back
    assert code == 0
    assert "Undoing the last restore (of " + made.name in said
    assert "Added after the backup" in names(paths)
    # AND undoing again puts the restored data back (an undo is itself undoable)
    code, said = run(paths, capsys, "undo", "--yes")
    assert code == 0 and "Added after the backup" not in names(paths)


def test_undo_after_changes_still_works_and_latest_is_the_newest_backup_again(
    paths: DataPaths, _demo_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    add_programme(paths, "Before the restore")
    assert run(paths, capsys, str(made), "--yes")[0] == 0
    add_programme(paths, "After the restore")  # a change saved since
    marker = backups.last_restore(paths)
    assert marker is not None and marker.changed_since
    newest = backups.make_backup(paths, "manual")
    code, said = run(paths, capsys, "latest", "--yes")
    assert code == 0 and f"Restoring the newest backup, {newest.name}." in said
    code, said = run(paths, capsys, "undo", "--yes")
    assert code == 0 and "Undoing the last restore" in said


def test_undo_refuses_when_the_copy_it_needs_has_changed(
    paths: DataPaths, _demo_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    assert run(paths, capsys, str(made), "--yes")[0] == 0
    marker = backups.last_restore(paths)
    assert marker is not None
    os.utime(marker.safety, (1, 1))  # no longer the file that was recorded
    before = digest(paths.database)
    code, said = run(paths, capsys, "undo", "--yes")
    assert code == 1 and "There is no restore to undo" in said
    assert digest(paths.database) == before


def test_thinning_keeps_the_copy_an_undo_needs(paths: DataPaths, _demo_template: Path) -> None:
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    backups.restore_backup(paths, made, migrate.SCHEMA_VERSION)
    marker = backups.last_restore(paths)
    assert marker is not None
    # eleven newer backups, years later: the safety copy is neither recent nor a keeper
    for minute in range(11):
        backups.make_backup(paths, "daily", now=datetime(2030, 1, 1, 9, minute))
    removed = backups.thin_backups(paths, now=datetime(2030, 1, 2))
    assert made in removed
    assert marker.safety not in removed and backups.last_restore(paths) == marker


def test_restore_on_a_full_disk_replaces_nothing(
    paths: DataPaths, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    add_programme(paths, "Kept")
    before = digest(paths.database)
    real_copy = backups.copy_database

    def room_for_one(source: Path, target: Path) -> None:
        if target.name.endswith(".restoring"):
            target.write_bytes(b"half")
            raise raise_os_error(errno.ENOSPC)
        real_copy(source, target)

    monkeypatch.setattr(backups, "copy_database", room_for_one)
    with pytest.raises(DiskFullError) as refused:
        backups.restore_backup(paths, made, migrate.SCHEMA_VERSION)
    assert "The restored copy could not be made: the disk holding" in str(refused.value)
    assert digest(paths.database) == before
    assert not paths.database.with_name("mentordesk.sqlite3.restoring").exists()
    assert "Kept" in names(paths)


def test_restore_with_too_little_room_for_both_copies_is_refused_first(
    paths: DataPaths, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    before, listing = digest(paths.database), files_in(paths.folder)
    monkeypatch.setattr("app.storage.folder.free_bytes", lambda _p: 700_000)
    with pytest.raises(DiskFullError) as refused:
        backups.restore_backup(paths, made, migrate.SCHEMA_VERSION)
    assert "There is not enough free space for the restore" in str(refused.value)
    assert digest(paths.database) == before and files_in(paths.folder) == listing


def test_undo_with_nothing_restored_says_so(paths: DataPaths) -> None:
    with pytest.raises(StorageError) as refused:
        backups.undo_last_restore(paths, migrate.SCHEMA_VERSION)
    assert "There is no restore to undo." in str(refused.value)


def test_restoring_through_the_library_keeps_the_data_readable(
    paths: DataPaths, _demo_template: Path
) -> None:
    put_demo(paths, _demo_template)
    made = backups.make_backup(paths, "manual")
    add_programme(paths, "Later")
    backups.restore_backup(paths, made, migrate.SCHEMA_VERSION)
    marker, safety = backups.undo_last_restore(paths, migrate.SCHEMA_VERSION)
    assert marker.restored == made.name and safety is not None
    db = open_database(paths, backup_on_open=False)
    with db.session() as s:
        assert "Later" in s.scalars(select(Programme.name)).all()
    db.close(backup=False)


def test_backups_made_in_the_same_second_sort_newest_first_whatever_their_kind(
    paths: DataPaths, _demo_template: Path
) -> None:
    put_demo(paths, _demo_template)
    second = datetime(2026, 12, 31, 23, 59, 59)
    made = [backups.make_backup(paths, reason, now=second) for reason in ("manual", "on-open")]
    made.append(backups.make_backup(paths, "manual", now=second))
    assert [b.path for b in backups.list_backups(paths)][:3] == made[::-1]
