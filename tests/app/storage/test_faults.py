"""Storage faults, injected for real (a small tmpfs disk filled up, a folder remounted
read-only: root only) and simulated (the operating system's error raised where it would be:
always run). Each says what the coordinator is told, the exit code where there is one, and that
the data file is byte-for-byte as it was."""

from __future__ import annotations

import errno
import logging
import re
import shutil
import sqlite3
from collections import namedtuple
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.logs import QuietFileHandler, configure_logging
from app.model import Programme
from app.paths import DataPaths
from app.storage import backups, folder, migrate, open_database
from app.storage.engine import create_sqlite_engine, quick_check
from app.storage.errors import (
    CannotOpenError,
    CorruptError,
    DiskFullError,
    LockedError,
    ReadOnlyError,
    StorageError,
    translate,
)
from app.storage.lock import DataFolderLock
from tests.app.storage.faults import (
    digest,
    files_in,
    fill,
    raise_os_error,
    read_only_mount,
    small_disk,
)

Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[DataPaths]:
    """A data folder on a 4 MB disk of its own (a real tmpfs mount; skipped if not root)."""
    with small_disk(tmp_path / "disk", "4m") as mounted:
        yield DataPaths(mounted)


def put_demo(paths: DataPaths, template: Path) -> None:
    paths.ensure()
    shutil.copyfile(template, paths.database)


def programmes(paths: DataPaths) -> int:
    conn = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM programme").fetchone()[0])
    finally:
        conn.close()


def no_partials(paths: DataPaths) -> bool:
    left = [p.name for p in paths.backups.iterdir() if ".partial" in p.name]
    left += [p.name for p in paths.folder.iterdir() if ".restoring" in p.name]
    return not left


# --- backups: a damaged file is never copied as if it were sound --------------------------------
def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "truncated":
        path.write_bytes(data[:40_000])
    else:  # the header's first bytes overwritten
        path.write_bytes(b"\0" * 16 + data[16:])


@pytest.mark.parametrize(
    ("how", "said"), [("empty", "empty"), ("truncated", "cut short"), ("header", "header")]
)
def test_a_damaged_data_file_is_never_backed_up(
    paths: DataPaths,
    _demo_template: Path,
    how: str,
    said: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # GIVEN a data file with one good backup, then damaged
    put_demo(paths, _demo_template)
    good = backups.make_backup(paths, "manual")
    _damage(paths.database, how)
    before, listing = digest(paths.database), files_in(paths.folder)
    # WHEN a backup is asked for
    with pytest.raises(CorruptError) as refused:
        backups.make_backup(paths, "manual")
    # THEN it is refused, saying what is wrong, and nothing is copied or changed
    assert refused.value.message.startswith("No backup was made:")
    assert said in refused.value.message
    assert "earlier backups have been kept" in refused.value.next_step
    assert digest(paths.database) == before and files_in(paths.folder) == listing
    assert [b.path for b in backups.list_backups(paths)] == [good]
    # AND the command line says so in one line with exit 1
    capsys.readouterr()
    assert main(["--data", str(paths.folder), "backup"]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and "unexpected" not in err
    assert digest(paths.database) == before and files_in(paths.folder) == listing


# --- backups: free space first, nothing left behind -----------------------------------------
def test_a_backup_checks_the_free_space_first_on_a_full_disk(
    disk: DataPaths, _demo_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a data file on a disk with 100 KB left (the file is about 600 KB)
    put_demo(disk, _demo_template)
    fill(disk.folder, leave=100_000)
    before, listing = digest(disk.database), files_in(disk.folder)
    # WHEN a backup is made
    with pytest.raises(DiskFullError) as refused:
        backups.make_backup(disk, "manual")
    # THEN it says how much room it needs and how much there is, and writes nothing
    assert "There is not enough free space for a backup: it needs about" in str(refused.value)
    assert "KB is free" in str(refused.value) and "Nothing has been changed" in str(refused.value)
    assert digest(disk.database) == before and files_in(disk.folder) == listing
    # AND the command line: the backup on opening is a warning, the backup itself an error
    assert main(["--data", str(disk.folder), "backup"]) == 1
    err = capsys.readouterr().err
    assert "No backup was made on opening: There is not enough free space" in err
    assert err.count("not enough free space") == 2 and "Traceback" not in err
    assert digest(disk.database) == before and no_partials(disk)


def test_a_backup_checks_the_free_space_first_simulated(
    paths: DataPaths, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_demo(paths, _demo_template)
    before, listing = digest(paths.database), files_in(paths.folder)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: Usage(10**9, 10**9, 50_000))
    with pytest.raises(DiskFullError) as refused:
        backups.make_backup(paths, "manual")
    needs = (paths.database.stat().st_size + 1023) // 1024
    message = str(refused.value)
    assert re.search(r"it needs about (\d+) KB, and only 48 KB is free", message), message
    assert abs(int(re.findall(r"about (\d+) KB", message)[0]) - needs) <= needs // 10
    assert digest(paths.database) == before and files_in(paths.folder) == listing


def test_a_copy_that_runs_out_of_room_leaves_nothing_behind(
    disk: DataPaths, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a nearly full disk whose free space is misreported (a network drive, a quota)
    put_demo(disk, _demo_template)
    fill(disk.folder, leave=200_000)
    monkeypatch.setattr(folder, "free_bytes", lambda _p: 10**12)
    before = digest(disk.database)
    # WHEN the copy itself runs out of room
    with pytest.raises(DiskFullError) as refused:
        backups.make_backup(disk, "manual")
    # THEN it is named plainly and the half-written copy is gone
    assert "The backup could not be made: the disk holding" in str(refused.value)
    assert "is full" in str(refused.value)
    assert digest(disk.database) == before and no_partials(disk)
    assert backups.list_backups(disk) == []


@pytest.mark.parametrize(
    ("code", "kind", "said"),
    [
        (errno.ENOSPC, DiskFullError, "is full"),
        (errno.EROFS, ReadOnlyError, "cannot be written to"),
        (errno.EIO, StorageError, "Input/output error"),
    ],
)
def test_a_copy_that_fails_leaves_nothing_behind_simulated(
    paths: DataPaths,
    _demo_template: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    kind: type[StorageError],
    said: str,
) -> None:
    put_demo(paths, _demo_template)
    before = digest(paths.database)

    def half_a_copy(source: Path, target: Path) -> None:
        target.write_bytes(source.read_bytes()[:8192])
        target.with_name(target.name + "-journal").write_bytes(b"x")
        raise raise_os_error(code)

    monkeypatch.setattr(backups, "copy_database", half_a_copy)
    with pytest.raises(kind) as refused:
        backups.make_backup(paths, "manual")
    assert said in str(refused.value) and "have not been changed" in str(refused.value)
    assert digest(paths.database) == before and no_partials(paths)
    assert not list(paths.backups.iterdir())


def test_half_written_copies_left_by_a_crash_are_removed_at_start(
    paths: DataPaths, _demo_template: Path
) -> None:
    put_demo(paths, _demo_template)
    leftovers = [
        paths.backups / "mentordesk-20261120-101010-daily.partial",
        paths.backups / "mentordesk-20261120-101010-daily.partial-journal",
        paths.backups / "mentordesk-20261120-101010-daily.partial-wal",
        paths.backups / "mentordesk-20261120-101010-daily.partial-shm",
        paths.database.with_name("mentordesk.sqlite3.restoring"),
        paths.database.with_name("mentordesk.sqlite3.restoring-wal"),
    ]
    for path in leftovers:
        path.write_bytes(b"half")
    someone_elses = paths.backups / "notes.partial"
    someone_elses.write_bytes(b"not ours")
    open_database(paths, backup_on_open=False).close(backup=False)
    assert not any(p.exists() for p in leftovers)
    assert someone_elses.exists()
    leftovers[0].write_bytes(b"half again")
    backups.make_backup(paths, "manual")
    assert not leftovers[0].exists()


# --- opening: a backup on opening that cannot be made is a warning ---------------------------
def test_a_failed_backup_on_opening_warns_and_opens_on_a_full_disk(
    disk: DataPaths, _demo_template: Path
) -> None:
    put_demo(disk, _demo_template)  # newer than any backup: a backup on opening is due
    fill(disk.folder, leave=100_000)
    before = digest(disk.database)
    db = open_database(disk)
    assert len(db.warnings) == 1
    assert db.warnings[0].startswith("No backup was made on opening: There is not enough free")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Programme)) == 2
    db.close()
    assert digest(disk.database) == before and no_partials(disk)


def test_a_failed_backup_on_opening_warns_and_opens_simulated(
    paths: DataPaths, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_demo(paths, _demo_template)
    before = digest(paths.database)

    def no_room(source: Path, target: Path) -> None:
        raise raise_os_error(errno.ENOSPC)

    monkeypatch.setattr(backups, "copy_database", no_room)
    db = open_database(paths)
    assert db.warnings == [
        "No backup was made on opening: The backup could not be made: the disk holding "
        f"{paths.backups} is full. Free some space, then try again. Your data file and earlier "
        "backups have not been changed."
    ]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Programme)) == 2
    db.close()
    assert digest(paths.database) == before and no_partials(paths)


# --- saving on a full disk ---------------------------------------------------------------------
def test_saving_on_a_full_disk_says_so_and_keeps_what_was_saved(
    disk: DataPaths, _demo_template: Path
) -> None:
    put_demo(disk, _demo_template)
    db = open_database(disk, backup_on_open=False)
    with db.session() as s:
        s.add(Programme(name="Saved before the disk filled", organisation="X"))
    main_file = digest(disk.database)
    filler = fill(disk.folder)
    # WHEN a large change is saved on the full disk
    with pytest.raises(Exception) as failed:
        with db.session() as s:
            for n in range(200):
                s.add(Programme(name=f"Too much {n}", organisation="Y" * 4000))
    # THEN the coordinator's message is the disk-full one, and nothing saved is lost
    known = translate(failed.value)
    assert isinstance(known, DiskFullError)
    assert "The disk is full, so the last change could not be saved." in str(known)
    assert "Nothing saved earlier has been lost." in str(known)
    assert digest(disk.database) == main_file
    filler.unlink()
    with db.session() as s:
        names = set(s.scalars(select(Programme.name)))
    assert "Saved before the disk filled" in names and "Too much 0" not in names
    db.close(backup=False)
    assert quick_check(disk.database, full=True) == []


# --- a read-only data folder --------------------------------------------------------------------
def _writing_is_refused(paths: DataPaths) -> None:
    db = open_database(paths)
    assert db.read_only
    assert db.warnings[0].startswith(f"The data folder {paths.folder} cannot be written to")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Programme)) == 2
    with pytest.raises(Exception) as refused:
        with db.session() as s:
            s.add(Programme(name="Cannot be saved", organisation="X"))
    known = translate(refused.value)
    assert isinstance(known, ReadOnlyError)
    assert "set to read-only" in str(known)
    with pytest.raises(ReadOnlyError) as no_backup:
        db.backup("manual")
    assert "No backup can be made" in str(no_backup.value)
    db.close()


def test_a_read_only_folder_opens_for_reading_and_changes_nothing(
    disk: DataPaths, _demo_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put_demo(disk, _demo_template)
    backups.make_backup(disk, "manual")
    with DataFolderLock(disk.lock):  # a folder used before has its lock file
        pass
    before, listing = digest(disk.database), files_in(disk.folder)
    with read_only_mount(disk.folder):
        _writing_is_refused(disk)
        # the lock still keeps a second copy out
        with DataFolderLock(disk.lock) as first:
            assert first.read_only
            with pytest.raises(LockedError):
                DataFolderLock(disk.lock).acquire()
        # the command line: check works, backup and restore say why not, exit 1
        capsys.readouterr()
        assert main(["--data", str(disk.folder), "check"]) == 0
        assert "Integrity: ok" in capsys.readouterr().out
        assert main(["--data", str(disk.folder), "backup"]) == 1
        err = capsys.readouterr().err
        assert "No backup can be made: the data folder" in err and "Traceback" not in err
        assert main(["--data", str(disk.folder), "restore", "latest", "--yes"]) == 1
        err = capsys.readouterr().err
        assert "Nothing can be restored: the data folder" in err and "Traceback" not in err
    assert digest(disk.database) == before and files_in(disk.folder) == listing


def test_a_read_only_folder_opens_for_reading_simulated(
    paths: DataPaths, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_demo(paths, _demo_template)
    before = digest(paths.database)

    def refuse(_folder: Path) -> None:
        raise raise_os_error(errno.EROFS)

    monkeypatch.setattr(folder, "_probe", refuse)
    _writing_is_refused(paths)
    assert digest(paths.database) == before


def test_a_read_only_folder_with_unfinished_changes_says_why_it_cannot_open(
    disk: DataPaths, _demo_template: Path
) -> None:
    # GIVEN a data file whose last changes are still in its write-ahead log (a copy taken
    # while Mentor Desk was running), in a folder that then becomes read-only
    put_demo(disk, _demo_template)
    live = sqlite3.connect(disk.database)
    live.execute("PRAGMA journal_mode = WAL")
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("CREATE TABLE scratch (x)")
    live.execute("INSERT INTO scratch VALUES (1)")
    live.commit()
    copy = DataPaths(disk.folder / "copy")
    copy.ensure()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{disk.database}{suffix}", f"{copy.database}{suffix}")
    live.close()
    before = digest(copy.database), digest(Path(f"{copy.database}-wal"))
    with read_only_mount(disk.folder):
        with pytest.raises(CannotOpenError) as refused:
            open_database(copy)
    assert "cannot be written to, and the last changes to the data are still in a side file" in (
        str(refused.value)
    )
    assert "damaged" not in str(refused.value)
    assert (digest(copy.database), digest(Path(f"{copy.database}-wal"))) == before


def test_a_read_only_folder_with_no_data_says_there_is_nothing_to_open(disk: DataPaths) -> None:
    with read_only_mount(disk.folder):
        with pytest.raises(ReadOnlyError) as refused:
            open_database(disk)
        assert files_in(disk.folder) == set()
    assert "cannot be written to, and there is no data file in it yet" in str(refused.value)


# --- the lock and the log ------------------------------------------------------------------------
def test_the_lock_holds_on_a_full_disk(disk: DataPaths) -> None:
    fill(disk.folder)
    with DataFolderLock(disk.lock):
        with pytest.raises(LockedError):
            DataFolderLock(disk.lock).acquire()


def test_the_lock_copes_with_a_read_only_folder_simulated(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.ensure()
    real_open = open

    def read_only_open(file: Path, mode: str = "r", **kwargs: object) -> object:
        if "r" not in mode or "+" in mode or "a" in mode:
            raise raise_os_error(errno.EROFS)
        return real_open(file, mode, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("app.storage.lock.open", read_only_open, raising=False)
    with DataFolderLock(paths.lock) as lock:
        assert lock.read_only
    assert not paths.lock.exists()


def test_the_lock_on_a_disk_that_fails_says_so_simulated(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(*_a: object, **_k: object) -> object:
        raise raise_os_error(errno.ENOSPC)

    monkeypatch.setattr("app.storage.lock.open", no_room, raising=False)
    with pytest.raises(DiskFullError) as refused:
        DataFolderLock(paths.lock).acquire()
    assert "the disk is full" in str(refused.value)


def _quiet_log(paths: DataPaths, capfd: pytest.CaptureFixture[str]) -> str:
    configure_logging(paths)
    root = logging.getLogger()
    ours = [
        h
        for h in root.handlers
        if isinstance(h, QuietFileHandler) and h.baseFilename == str(paths.logs / "mentordesk.log")
    ]
    try:
        logging.getLogger("mentordesk.test").error("Something worth logging")
        return capfd.readouterr().err
    finally:
        for handler in ours:
            root.removeHandler(handler)
            handler.close()


def test_a_log_that_cannot_be_written_is_skipped_without_a_traceback(
    disk: DataPaths, capfd: pytest.CaptureFixture[str]
) -> None:
    disk.ensure()
    with read_only_mount(disk.folder):
        err = _quiet_log(disk, capfd)
    assert "Logging error" not in err and "Traceback" not in err


def test_a_log_that_cannot_be_written_is_skipped_simulated(
    paths: DataPaths, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: QuietFileHandler) -> object:
        raise raise_os_error(errno.ENOSPC)

    monkeypatch.setattr(QuietFileHandler, "_open", refuse)
    err = _quiet_log(paths, capfd)
    assert "Logging error" not in err and "Traceback" not in err


def test_a_new_data_file_on_a_full_disk_is_not_left_half_made(disk: DataPaths) -> None:
    fill(disk.folder, leave=20_000)
    new = DataPaths(disk.folder / "new")
    with pytest.raises(StorageError) as refused:
        open_database(new)
    assert str(refused.value).startswith(
        f"Mentor Desk could not make its data file in {new.folder}: the disk is full."
    )
    assert not new.database.exists()  # so the next start does not find an empty file


def test_a_disk_error_is_named_plainly() -> None:
    known = translate(sqlite3.OperationalError("disk I/O error"))
    assert isinstance(known, CannotOpenError)
    assert "could not read or save on the disk that holds the data" in str(known)


def test_a_disk_error_on_a_nearly_full_disk_is_called_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folder, "free_bytes", lambda _p: 4096)
    known = translate(sqlite3.OperationalError("disk I/O error"), tmp_path)
    assert isinstance(known, DiskFullError)


def test_an_upgrade_whose_backup_cannot_be_made_is_refused_and_changes_nothing(
    paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a data file from the previous version, on a disk with no room for the backup
    paths.ensure()
    engine = create_sqlite_engine(paths.database)
    migrate.upgrade(engine, migrate.revision_id(migrate.SCHEMA_VERSION - 1))
    engine.dispose()
    before, listing = digest(paths.database), files_in(paths.folder)

    def no_room(source: Path, target: Path) -> None:
        raise raise_os_error(errno.ENOSPC)

    monkeypatch.setattr(backups, "copy_database", no_room)
    # WHEN it is opened
    with pytest.raises(StorageError) as refused:
        open_database(paths)
    # THEN it is not upgraded without its backup, and says why
    assert str(refused.value).startswith(
        "The data file must be brought up to date for this version of Mentor Desk, and a "
        "backup is always made first, but it could not be: The backup could not be made: the "
        "disk holding"
    )
    assert "The file has not been changed." in str(refused.value)
    assert digest(paths.database) == before and files_in(paths.folder) == listing
