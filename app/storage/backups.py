"""Automatic, rotating backups made with SQLite's online backup API.

A backup is a consistent copy even while the application has the file open (never a plain file
copy of a live database). Copies are timestamped, checked after writing, and thinned so that
recent ones are kept closely and older ones by day, week and month.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app import clock
from app.i18n import _
from app.paths import DataPaths
from app.storage.engine import connect_raw, quick_check, user_version
from app.storage.errors import CorruptError, StorageError, too_new

PREFIX = "mentordesk-"
SUFFIX = ".sqlite3"
_NAME = re.compile(r"^mentordesk-(\d{8}-\d{6})(?:-\d+)?-([a-z-]+)\.sqlite3$")

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


def make_backup(paths: DataPaths, reason: str, now: datetime | None = None) -> Path:
    """Copy the live database into the backups folder and return the new file's path."""
    if not paths.database.exists():
        raise StorageError(_("There is no data file to back up yet."))
    paths.backups.mkdir(parents=True, exist_ok=True)
    stamp = (now or clock.now()).strftime("%Y%m%d-%H%M%S")
    target = paths.backups / f"{PREFIX}{stamp}-{reason}{SUFFIX}"
    counter = 1
    while target.exists():
        target = paths.backups / f"{PREFIX}{stamp}-{counter}-{reason}{SUFFIX}"
        counter += 1
    partial = target.with_suffix(".partial")
    copy_database(paths.database, partial)
    if quick_check(partial):
        partial.unlink(missing_ok=True)
        raise CorruptError(_("The backup copy failed its check and was not kept."))
    os.replace(partial, target)
    return target


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of `source` into a new file `target` through the backup API."""
    target.unlink(missing_ok=True)
    src = connect_raw(source)
    dst = connect_raw(target)
    try:
        src.backup(dst)
        # A standalone copy: no write-ahead log beside it.
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()


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
        found.append(BackupInfo(entry, made_at, match.group(2), entry.stat().st_size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


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


def check_backup_file(path: Path, supported_version: int) -> int:
    """Raise unless `path` is a sound Mentor Desk data file this version can open."""
    if not path.is_file():
        raise StorageError(_("The backup file {name} does not exist.").format(name=path))
    try:
        problems = quick_check(path)
        conn = connect_raw(path)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            conn.close()
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
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = paths.backups / f"damaged-{stamp}{SUFFIX}"
    shutil.copy2(paths.database, target)
    return target


def restore_backup(paths: DataPaths, backup: Path, supported_version: int) -> Path | None:
    """Replace the live data file with `backup`, backing up the current file first.

    The caller must hold the data-folder lock and have closed its own connections. Returns the
    safety copy of the file that was replaced (None if there was none).
    """
    check_backup_file(backup, supported_version)
    safety = None
    if paths.database.exists():
        try:
            safety = make_backup(paths, "before-restore")
        except (sqlite3.DatabaseError, CorruptError):
            safety = keep_damaged_copy(paths)
    staged = paths.database.with_name(paths.database.name + ".restoring")
    copy_database(backup, staged)
    for leftover in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + leftover).unlink(missing_ok=True)
    os.replace(staged, paths.database)
    return safety
