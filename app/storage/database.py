"""Opening the data file, in one place and in a fixed order.

1. quick integrity check; 2. refuse a file written by a newer version, untouched;
3. back up before any migration; 4. migrate, one transaction per revision;
5. if the migration fails, put the backup back and explain.

Later this is where an encryption key or a server address will be handed in; nothing else
creates engines or connections.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app import clock
from app.i18n import _
from app.paths import DataPaths
from app.storage import backups, health, migrate
from app.storage.engine import create_sqlite_engine, quick_check
from app.storage.errors import CorruptError, StorageError, too_new, translate

log = logging.getLogger(__name__)


@dataclass
class Database:
    """An open data file: the engine, a session factory and what happened since the last backup."""

    paths: DataPaths
    engine: Engine
    sessions: sessionmaker[Session]
    changed_since_backup: bool = False
    last_backup_at: datetime | None = None
    migrated_from: int | None = None
    _closed: bool = field(default=False, repr=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commit if the block finishes, roll back if it raises."""
        s = self.sessions()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def backup(self, reason: str) -> Path:
        path = backups.make_backup(self.paths, reason)
        backups.thin_backups(self.paths)
        self.changed_since_backup = False
        self.last_backup_at = clock.now()
        return path

    def backup_if_changed(self, reason: str) -> Path | None:
        if not self.changed_since_backup:
            return None
        return self.backup(reason)

    def close(self, *, backup: bool = True) -> None:
        """Close the file; then, if anything changed, keep a backup of the closed file (so the
        copy is newer than the file and the next start sees nothing new to back up)."""
        if self._closed:
            return
        self.engine.dispose()
        self._closed = True
        if backup and self.changed_since_backup and not quick_check(self.paths.database):
            self.backup("on-close")


def _refuse_damaged(paths: DataPaths) -> int:
    """The data version of a sound file; otherwise refuse, leaving the file exactly as it is.

    An empty, cut-short or foreign file is never taken for a new one: that would hide the
    coordinator's data and the next backup would copy the empty file.
    """
    found = health.diagnose(paths.database, migrate.SCHEMA_VERSION)
    if found.problem is health.Problem.TOO_NEW:
        raise too_new(found.version, migrate.SCHEMA_VERSION)
    if found.problem is not None:
        raise CorruptError(found.message, next_step(paths))
    return found.version


def next_step(paths: DataPaths) -> str:
    """What to do about a damaged data file, depending on whether there is a backup."""
    if backups.list_backups(paths):
        return _("Restore the newest backup (File > Restore from backup).")
    return _(
        "There is no backup of it to go back to. The file has been left exactly as it is: "
        "keep a copy of it before trying anything else."
    )


def open_database(paths: DataPaths, *, backup_on_open: bool = True) -> Database:
    """Open (creating or upgrading as needed) the data file in `paths`."""
    paths.ensure()
    existed = paths.database.exists()
    found = 0
    if existed:
        found = _refuse_damaged(paths)

    safety = None
    if existed and found < migrate.SCHEMA_VERSION:
        safety = backups.make_backup(paths, "before-upgrade")
    elif existed and backup_on_open and backups.database_changed_since_last_backup(paths):
        backups.make_backup(paths, "on-open")
        backups.thin_backups(paths)

    engine = create_sqlite_engine(paths.database)
    if found < migrate.SCHEMA_VERSION:
        try:
            migrate.upgrade(engine)
        except Exception as exc:
            engine.dispose()
            log.exception("Upgrading the data file from version %s failed", found)
            if safety is not None:
                backups.restore_backup(paths, safety, migrate.SCHEMA_VERSION)
            known = translate(exc)
            if known:
                raise known from exc
            raise StorageError(
                _("The data file could not be brought up to date (from version {found}).").format(
                    found=found
                ),
                _("It has been put back as it was. Please report this problem."),
            ) from exc

    sessions = sessionmaker(engine, expire_on_commit=False)
    database = Database(paths, engine, sessions, migrated_from=found if safety else None)

    @event.listens_for(sessions, "after_flush")
    def _mark_changed(*_args: object) -> None:
        database.changed_since_backup = True

    newest = backups.list_backups(paths)
    database.last_backup_at = newest[0].made_at if newest else None
    return database


_P = ParamSpec("_P")
_R = TypeVar("_R")


def run_guarded(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorator: turn low-level database errors into StorageError where the user can act."""

    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return fn(*args, **kwargs)
        except (SQLAlchemyError, OSError) as exc:
            known = translate(exc)
            if known:
                raise known from exc
            raise

    return wrapper
