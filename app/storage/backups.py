"""Automatic, rotating backups made with SQLite's online backup API.

A backup is a consistent copy even while the application has the file open (never a plain file
copy of a live database). Copies are timestamped, checked after writing, and thinned so that
recent ones are kept closely and older ones by day, week and month.

Before copying, the data file's header is checked (a damaged file is never backed up as if it
were sound) and so is the free space; a copy that fails for any reason leaves nothing behind.
A restore says what the file holds and whether it came from this data folder, and records the
copy it made first so that "undo the last restore" is one step.

Every copy is readable by this user alone (0600). A copy of a file protected with a password is
encrypted with the same password; a plain backup restored into a protected folder is encrypted
on the way in, so restoring never takes the password off.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app import clock
from app.formatting import file_stamp, format_date_time
from app.i18n import _
from app.paths import DataPaths
from app.storage import encryption
from app.storage import folder as folders
from app.storage.engine import connect_raw, open_read_only, quick_check, user_version
from app.storage.errors import (
    CorruptError,
    DiskFullError,
    ReadOnlyError,
    StorageError,
    too_new,
)
from app.storage.health import Diagnosis, header_problem, size_text
from app.storage.identity import Identity

log = logging.getLogger(__name__)

#: What SQLite (sqlite3, or sqlcipher3 for an encrypted file) raises.
_DB_ERRORS: tuple[type[Exception], ...] = encryption.database_errors()
_COPY_ERRORS: tuple[type[Exception], ...] = (OSError, *_DB_ERRORS)
_READ_ERRORS: tuple[type[Exception], ...] = (ValueError, *_DB_ERRORS)
_IDENTITY_ERRORS: tuple[type[Exception], ...] = (StorageError, *_DB_ERRORS)

PREFIX = "mentordesk-"
SUFFIX = ".sqlite3"
_NAME = re.compile(r"^mentordesk-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")
#: What an interrupted copy leaves: our own half-written files, never anything else.
_LEFTOVER = re.compile(r"^mentordesk-.*\.partial(-journal|-wal|-shm)?$")
#: SQLite's side files beside a copy being written (the copy is in write-ahead mode until the
#: last step of copy_database switches it back).
_SIDE_FILES = ("-journal", "-wal", "-shm")
LAST_RESTORE = "last-restore.json"
#: Tables that are not the coordinator's records (they say nothing about "the last change").
_NOT_RECORDS = frozenset({"alembic_version", "form_draft"})

KEEP_NEWEST = 10
KEEP_DAILY_DAYS = 14
KEEP_WEEKLY_WEEKS = 8
KEEP_MONTHLY_MONTHS = 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int


# --- making a backup ------------------------------------------------------------------------
def remove_leftovers(paths: DataPaths) -> list[Path]:
    """Delete half-written copies an interrupted backup or restore left behind."""
    removed: list[Path] = []
    candidates: list[Path] = []
    if paths.backups.is_dir():
        candidates += [p for p in paths.backups.iterdir() if _LEFTOVER.match(p.name)]
    staged = _staged(paths)
    candidates += [staged] + [staged.with_name(staged.name + side) for side in _SIDE_FILES]
    for path in candidates:
        if not path.exists():
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError as exc:  # a read-only folder: left for a later start
            log.info("Could not remove the leftover %s: %s", path, exc)
    return removed


def staged_copy(paths: DataPaths) -> Path:
    """Where a new data file is written before it replaces the old one (a leftover is removed)."""
    return _staged(paths)


def _staged(paths: DataPaths) -> Path:
    return paths.database.with_name(paths.database.name + ".restoring")


def discard(path: Path) -> None:
    """Remove an unfinished copy and its side files."""
    _discard(path)


def _discard(path: Path) -> None:
    for leftover in [path] + [path.with_name(path.name + side) for side in _SIDE_FILES]:
        try:
            leftover.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("Could not remove the unfinished copy %s: %s", leftover, exc)


def check_space(where: Path, needed: int, what: str) -> None:
    """Raise DiskFullError unless `needed` bytes are free at `where`. `what` names the copy."""
    try:
        free = folders.free_bytes(where)
    except OSError:
        return  # cannot tell: the copy itself will say if there is no room
    if free < needed:
        raise DiskFullError(
            _(
                "There is not enough free space for {what}: it needs about {needed}, and only "
                "{free} is free on the disk holding {folder}."
            ).format(what=what, needed=size_text(needed), free=size_text(free), folder=where),
            _(
                "Free some space (empty the recycle bin, or move files elsewhere), then try "
                "again. Nothing has been changed: your data and earlier backups are as they were."
            ),
        )


def copy_failed(exc: BaseException, where: Path, what: str) -> StorageError:
    """The plain message for a copy (`what`) into `where` that failed with `exc`."""
    text = str(exc).lower()
    unchanged = _("Your data file and earlier backups have not been changed.")
    if folders.is_full_error(exc) or "database or disk is full" in text:
        return DiskFullError(
            _("{what} could not be made: the disk holding {folder} is full.").format(
                what=what, folder=where
            ),
            _("Free some space, then try again.") + " " + unchanged,
        )
    if (
        folders.is_read_only_error(exc)
        or "readonly" in text
        or "read-only" in text
        or "unable to open" in text
    ):
        return ReadOnlyError(
            _("{what} could not be made: the folder {folder} cannot be written to.").format(
                what=what, folder=where
            ),
            _("Check the folder's permissions, or choose another data folder.") + " " + unchanged,
        )
    if "malformed" in text or "not a database" in text:
        return CorruptError(
            _("{what} could not be made: the data file is damaged inside.").format(what=what),
            _("A damaged copy would not help, so none was kept.") + " " + unchanged,
        )
    reason = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
    return StorageError(
        _("{what} could not be made ({reason}).").format(what=what, reason=reason), unchanged
    )


def make_backup(paths: DataPaths, reason: str, now: datetime | None = None) -> Path:
    """Copy the live database into the backups folder and return the new file's path.

    Refuses, changing nothing, when the data file's header is damaged or there is not room for
    the copy; an interrupted copy leaves no half-written file behind."""
    what = _("The backup")
    if not paths.database.exists():
        raise StorageError(_("There is no data file to back up yet."))
    damaged = _header_problem(paths.database)
    if damaged is not None:
        raise CorruptError(
            _("No backup was made: {problem}").format(problem=damaged.message),
            _("Copying it would not help. Your earlier backups have been kept as they are."),
        )
    try:
        paths.backups.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise copy_failed(exc, paths.backups, what) from exc
    remove_leftovers(paths)
    check_space(paths.backups, folders.data_size(paths.database), _("a backup"))
    stamp = file_stamp(now or clock.now())
    # Another backup made in the same second (of any kind) gets the next number, so the
    # newest always sorts first.
    taken = [_NAME.match(p.name) for p in paths.backups.glob(f"{PREFIX}{stamp}-*{SUFFIX}")]
    counter = max((int(m.group(2) or 0) for m in taken if m), default=-1) + 1
    target = paths.backups / (
        f"{PREFIX}{stamp}-{reason}{SUFFIX}"
        if counter == 0
        else f"{PREFIX}{stamp}-{counter}-{reason}{SUFFIX}"
    )
    partial = target.with_suffix(".partial")
    try:
        copy_database(paths.database, partial)
        problems = quick_check(partial)
    except _COPY_ERRORS as exc:
        _discard(partial)
        raise copy_failed(exc, paths.backups, what) from exc
    if problems:
        _discard(partial)
        raise CorruptError(
            _("The backup copy failed its check and was not kept: the data file may be damaged."),
            _("Run 'mentordesk check' to see what is wrong. Your earlier backups are kept."),
        )
    try:
        os.replace(partial, target)
    except OSError as exc:
        _discard(partial)
        raise copy_failed(exc, paths.backups, what) from exc
    return target


def _header_problem(path: Path) -> Diagnosis | None:
    """What the header says is wrong, unless the file is encrypted and its password is known
    (an encrypted file has no readable header; SQLCipher checks it page by page instead)."""
    if encryption.key_for(path) is not None:
        return None
    return header_problem(path)


_SAME = "same"


def copy_database(
    source: Path, target: Path, *, key: encryption.FileKey | str | None = _SAME
) -> None:
    """A consistent copy of `source` into a new file `target`, readable by this user alone.

    `key` encrypts the copy; by default a copy into a protected data folder (or its backups)
    gets that folder's key, and a copy elsewhere keeps the source's: a copy of protected data
    is never plain unless `key=None` is asked for (taking the password off)."""
    source_key = encryption.key_for(source)
    target_key: encryption.FileKey | None
    if isinstance(key, str):
        target_key = encryption.key_for_new(target.parent) or source_key
    else:
        target_key = key
    if source_key is not None or target_key is not None:
        _export(source, target, source_key, target_key)
        return
    target.unlink(missing_ok=True)
    folders.create_private(target)
    src = connect_raw(source)
    try:
        dst = sqlite3.connect(str(target), isolation_level=None)
        try:
            src.backup(dst)
            # A standalone copy: no write-ahead log beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _export(
    source: Path,
    target: Path,
    source_key: encryption.FileKey | None,
    target_key: encryption.FileKey | None,
) -> None:
    """Copy through SQLCipher's export (the backup API cannot copy between a plain and an
    encrypted file): one read transaction, so the copy is consistent while the app is open."""
    from app.storage.folder import writable

    read_only = not writable(source.parent)
    src = encryption.connect(source, source_key, read_only=read_only)
    try:
        src.execute("PRAGMA secure_delete = ON")
        encryption.export(src, target, target_key)
    finally:
        src.close()


# --- the backups there are ------------------------------------------------------------------
def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Backups in the folder, newest first."""
    if not paths.backups.is_dir():
        return []
    found = []
    for entry in paths.backups.iterdir():
        match = _NAME.match(entry.name)
        if not match:
            continue
        made_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        # Two in the same second are numbered -1, -2...: a higher number is newer.
        order = int(match.group(2) or 0)
        found.append((order, BackupInfo(entry, made_at, match.group(3), entry.stat().st_size)))
    found.sort(key=lambda pair: (pair[1].made_at, pair[0]), reverse=True)
    return [b for _order, b in found]


def backups_to_keep(backups: list[BackupInfo], now: datetime) -> set[Path]:
    """The newest few, then the newest of each day, week and month within the windows."""
    keep = {b.path for b in backups[:KEEP_NEWEST]}
    seen: set[tuple[str, object]] = set()
    for b in backups:  # newest first, so the first seen in each bucket is kept
        age = now - b.made_at
        iso = b.made_at.isocalendar()
        buckets: list[tuple[str, object]] = []
        if age <= timedelta(days=KEEP_DAILY_DAYS):
            buckets.append(("day", b.made_at.date()))
        if age <= timedelta(weeks=KEEP_WEEKLY_WEEKS):
            buckets.append(("week", (iso.year, iso.week)))
        if age <= timedelta(days=31 * KEEP_MONTHLY_MONTHS):
            buckets.append(("month", (b.made_at.year, b.made_at.month)))
        for bucket in buckets:
            if bucket not in seen:
                seen.add(bucket)
                keep.add(b.path)
    return keep


def thin_backups(paths: DataPaths, now: datetime | None = None) -> list[Path]:
    """Delete backups outside the keeping rules; return what was deleted."""
    backups = list_backups(paths)
    keep = backups_to_keep(backups, now or clock.now())
    marker = last_restore(paths)
    if marker is not None:
        keep.add(marker.safety)  # the copy "undo the last restore" puts back
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def database_changed_since_last_backup(paths: DataPaths) -> bool:
    """True when the data file (or its journal) was written after the newest backup."""
    if not paths.database.exists():
        return False
    backups = list_backups(paths)
    if not backups:
        return True
    newest = backups[0].path.stat().st_mtime
    files = [paths.database, paths.database.with_name(paths.database.name + "-wal")]
    return any(f.exists() and f.stat().st_mtime > newest for f in files)


# --- what a file holds ----------------------------------------------------------------------
@dataclass(frozen=True)
class FileSummary:
    """What a data file holds, told before it replaces anything."""

    path: Path
    programmes: int
    people: int
    #: When a record in it was last changed (UTC, as stored), None if it holds no records.
    last_change: datetime | None
    identity: Identity

    def last_change_text(self) -> str:
        if self.last_change is None:
            return _("no changes recorded")
        local = self.last_change.replace(tzinfo=UTC).astimezone()
        return format_date_time(local)

    def describe(self) -> str:
        """One sentence: "2 programme(s) and 37 people; the last change was on 23/11/2026 14:02"."""
        if self.last_change is None:
            return _("{programmes} programme(s) and {people} people; no changes recorded").format(
                programmes=self.programmes, people=self.people
            )
        return _(
            "{programmes} programme(s) and {people} people; the last change was on {when}"
        ).format(programmes=self.programmes, people=self.people, when=self.last_change_text())


def _count(conn: sqlite3.Connection, tables: set[str], table: str) -> int:
    if table not in tables:
        return 0
    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def summarise(path: Path) -> FileSummary:
    """Count what `path` holds, reading only. Raises CorruptError if it cannot be read."""
    if encryption.is_encrypted(path) and encryption.key_for(path) is None:
        raise encryption.password_needed()
    try:
        conn = open_read_only(path)
        try:
            tables = {
                str(r[0])
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            }
            latest: datetime | None = None
            for table in sorted(tables - _NOT_RECORDS):
                columns = {str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')}
                if "updated_at" not in columns:
                    continue
                value = conn.execute(f'SELECT max(updated_at) FROM "{table}"').fetchone()[0]
                if value is None:
                    continue
                when = datetime.fromisoformat(str(value))
                if latest is None or when > latest:
                    latest = when
            summary = FileSummary(
                path=path,
                programmes=_count(conn, tables, "programme"),
                people=_count(conn, tables, "person"),
                last_change=latest,
                identity=Identity(int(conn.execute("PRAGMA application_id").fetchone()[0])),
            )
        finally:
            conn.close()
    except _READ_ERRORS as exc:
        raise CorruptError(
            _("{name} is not a Mentor Desk data file, or it is damaged.").format(name=path.name)
        ) from exc
    return summary


def this_folders_identity(paths: DataPaths, *, besides: Path | None = None) -> Identity | None:
    """The stamp of this data folder: its data file's, else its newest stamped backup's."""
    candidates = [paths.database] + [b.path for b in list_backups(paths)]
    for path in candidates:
        if besides is not None and path.resolve() == besides.resolve():
            continue
        if not path.is_file() or _header_problem(path) is not None:
            continue
        try:
            conn = open_read_only(path)
            try:
                identity = Identity(int(conn.execute("PRAGMA application_id").fetchone()[0]))
            finally:
                conn.close()
        except _IDENTITY_ERRORS:
            continue
        if identity.known:
            return identity
    return None


def from_another_folder(paths: DataPaths, summary: FileSummary) -> bool:
    """True when `summary`'s file was made in a different data folder from this one."""
    ours = this_folders_identity(paths, besides=summary.path)
    if ours is None:
        return False
    return summary.identity.same_folder_as(ours) is False


# --- restoring ------------------------------------------------------------------------------
def check_backup_file(path: Path, supported_version: int) -> int:
    """Raise unless `path` is a sound Mentor Desk data file this version can open."""
    if not path.is_file():
        raise StorageError(_("The backup file {name} does not exist.").format(name=path))
    if encryption.is_encrypted(path) and encryption.key_for(path) is None:
        raise encryption.password_needed()
    damaged = _header_problem(path)
    if damaged is not None:
        raise CorruptError(
            _("{name} cannot be restored. {problem}").format(
                name=path.name, problem=damaged.message
            )
        )
    try:
        problems = quick_check(path)
        conn = connect_raw(path)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            conn.close()
    except encryption.WrongPasswordError as exc:
        raise StorageError(
            _("{name} is protected with a different password from this data.").format(
                name=path.name
            ),
            _("Nothing has been changed."),
        ) from exc
    except Exception as exc:
        raise CorruptError(
            _("{name} is not a Mentor Desk data file, or it is damaged.").format(name=path.name)
        ) from exc
    if problems or "programme" not in tables:
        raise CorruptError(
            _("{name} is not a Mentor Desk data file, or it is damaged.").format(name=path.name)
        )
    version = user_version(path)
    if version > supported_version:
        raise too_new(version, supported_version)
    return version


def keep_damaged_copy(paths: DataPaths) -> Path:
    """Keep a byte-for-byte copy of a file SQLite cannot read (it may still be rescued by hand).

    Named so it is never offered as a backup to restore."""
    stamp = file_stamp(clock.now())
    target = paths.backups / f"damaged-{stamp}{SUFFIX}"
    check_space(paths.backups, folders.data_size(paths.database), _("a copy of the data file"))
    try:
        shutil.copy2(paths.database, target)
        folders.make_private(target)
    except OSError as exc:
        _discard(target)
        raise copy_failed(exc, paths.backups, _("A copy of the data file")) from exc
    return target


@dataclass(frozen=True)
class LastRestore:
    """What the last restore replaced: the copy to put back to undo it."""

    safety: Path
    restored: str
    changed_since: bool


def _marker(paths: DataPaths) -> Path:
    return paths.backups / LAST_RESTORE


def _write_marker(paths: DataPaths, data: dict[str, object]) -> None:
    marker = _marker(paths)
    staged = marker.with_name(marker.name + ".partial")
    try:
        staged.write_text(json.dumps(data), encoding="utf-8")
        folders.make_private(staged)
        os.replace(staged, marker)
    except OSError as exc:
        _discard(staged)
        log.warning("Could not record the last restore in %s: %s", marker, exc)


def last_restore(paths: DataPaths) -> LastRestore | None:
    """The last restore, if its safety copy is still there exactly as it was made."""
    try:
        data = json.loads(_marker(paths).read_text(encoding="utf-8"))
        safety = paths.backups / str(data["safety"])
        info = safety.stat()
        if info.st_size != int(data["size"]) or info.st_mtime_ns != int(data["mtime_ns"]):
            return None
        return LastRestore(safety, str(data["restored"]), bool(data.get("changed_since")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def note_change_after_restore(paths: DataPaths) -> None:
    """Record that a change was saved since the last restore ("restore latest" then means the
    newest backup again, while "undo the last restore" still puts back what it replaced)."""
    marker = _marker(paths)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(data, dict) and not data.get("changed_since"):
        data["changed_since"] = True
        _write_marker(paths, data)


def forget_last_restore(paths: DataPaths) -> None:
    with contextlib.suppress(OSError):
        _marker(paths).unlink(missing_ok=True)


def restore_backup(paths: DataPaths, backup: Path, supported_version: int) -> Path | None:
    """Replace the live data file with `backup`, backing up the current file first.

    The caller must hold the data-folder lock and have closed its own connections. Returns the
    safety copy of the file that was replaced (None if there was none), which is also recorded
    so that the restore can be undone in one step. Nothing is replaced unless the safety copy
    and the new file have both been written in full.
    """
    check_backup_file(backup, supported_version)
    ours = this_folders_identity(paths, besides=backup)
    current = folders.data_size(paths.database) if paths.database.exists() else 0
    check_space(paths.folder, current + folders.data_size(backup), _("the restore"))
    safety = None
    if paths.database.exists():
        try:
            safety = make_backup(paths, "before-restore")
        except CorruptError:
            safety = keep_damaged_copy(paths)
    staged = _staged(paths)
    try:
        copy_database(backup, staged)
        if ours is not None:  # the folder keeps its stamp, whichever file is restored into it
            _stamp(staged, ours)
    except _COPY_ERRORS as exc:
        _discard(staged)
        raise copy_failed(exc, paths.folder, _("The restored copy")) from exc
    for leftover in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + leftover).unlink(missing_ok=True)
    os.replace(staged, paths.database)
    if safety is not None and _NAME.match(safety.name):
        info = safety.stat()
        _write_marker(
            paths,
            {
                "safety": safety.name,
                "size": info.st_size,
                "mtime_ns": info.st_mtime_ns,
                "restored": backup.name,
                "changed_since": False,
            },
        )
    else:
        forget_last_restore(paths)
    return safety


def _stamp(path: Path, identity: Identity) -> None:
    conn = connect_raw(path)
    try:
        conn.execute(f"PRAGMA application_id = {int(identity.application_id)}")
    finally:
        conn.close()


def undo_last_restore(paths: DataPaths, supported_version: int) -> tuple[LastRestore, Path | None]:
    """Put back the data file as it was before the last restore (itself undoable)."""
    marker = last_restore(paths)
    if marker is None:
        raise StorageError(
            _("There is no restore to undo."),
            _("Only the last restore can be undone, while the copy made before it is kept."),
        )
    return marker, restore_backup(paths, marker.safety, supported_version)
