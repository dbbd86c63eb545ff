"""Opening the data file, in one place and in a fixed order.

1. quick integrity check; 2. refuse a file written by a newer version, untouched;
3. back up before any migration; 4. migrate, one transaction per revision;
5. if the migration fails, put the backup back and explain.

A file protected with a password opens only once the password is known for its folder
(`app.storage.encryption.unlock`, or MENTORDESK_PASSWORD for scripts); otherwise opening raises
PasswordNeededError, a wrong one WrongPasswordError, and the file is untouched either way.
Nothing else creates engines or connections.
"""

from __future__ import annotations

import logging
import os
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
from app.storage import backups, encryption, health, migrate
from app.storage.engine import create_sqlite_engine, quick_check
from app.storage.errors import (
    CannotOpenError,
    CorruptError,
    DiskFullError,
    ReadOnlyError,
    StorageError,
    too_new,
    translate,
)
from app.storage.folder import writable as folder_writable
from app.storage.identity import Identity, new_application_id

log = logging.getLogger(__name__)

_P = ParamSpec("_P")
_R = TypeVar("_R")


@dataclass
class Database:
    """An open data file: the engine, a session factory and what happened since the last backup.

    `read_only` is True when the data folder cannot be written to: the records can be read, and
    every attempt to save says plainly why it cannot. `warnings` are things the coordinator
    should be told once the window is open (a backup on opening that could not be made)."""

    paths: DataPaths
    engine: Engine
    sessions: sessionmaker[Session]
    changed_since_backup: bool = False
    last_backup_at: datetime | None = None
    migrated_from: int | None = None
    read_only: bool = False
    warnings: list[str] = field(default_factory=list)
    _closed: bool = field(default=False, repr=False)
    _noted_change: bool = field(default=False, repr=False)

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
        if self.read_only:
            raise ReadOnlyError(
                _("No backup can be made: the data folder {folder} cannot be written to.").format(
                    folder=self.paths.folder
                ),
                _("Your data is as it was. Allow writing to the folder to make backups again."),
            )
        path = backups.make_backup(self.paths, reason)
        try:
            backups.thin_backups(self.paths)
        except OSError as exc:  # the new backup is there; old ones are thinned next time
            log.warning("Could not thin the backups: %s", exc)
        self.changed_since_backup = False
        self.last_backup_at = clock.now()
        return path

    def backup_if_changed(self, reason: str) -> Path | None:
        if not self.changed_since_backup:
            return None
        return self.backup(reason)

    def note_change(self) -> None:
        """A change was written: the next backup is due, and the last restore is behind us."""
        self.changed_since_backup = True
        if not self._noted_change:
            self._noted_change = True
            backups.note_change_after_restore(self.paths)

    def with_file_closed(self, action: Callable[[], _R]) -> _R:
        """Run `action` (setting or taking off the password) with every connection to the file
        closed, then open it again under the same session factory, so the window keeps going.

        The file is reopened even when `action` fails (it changes nothing until its last step)."""
        if self.read_only:
            raise ReadOnlyError(
                _("The data folder {folder} cannot be written to.").format(
                    folder=self.paths.folder
                ),
                _("Nothing has been changed."),
            )
        self.engine.dispose()
        try:
            return action()
        finally:
            self.engine = create_sqlite_engine(self.paths.database)
            self.sessions.configure(bind=self.engine)

    def close(self, *, backup: bool = True) -> None:
        """Close the file; then, if anything changed, keep a backup of the closed file (so the
        copy is newer than the file and the next start sees nothing new to back up).

        A backup that cannot be made here (a full disk) is logged, never raised: the data file
        itself is closed and whole."""
        if self._closed:
            return
        self.engine.dispose()
        self._closed = True
        if not backup or self.read_only or not self.changed_since_backup:
            return
        try:
            if not quick_check(self.paths.database):
                self.backup("on-close")
        except encryption.database_errors(StorageError, OSError) as exc:
            log.warning("No backup was made on closing: %s", exc)


def _refuse_damaged(paths: DataPaths) -> int:
    """The data version of a sound file; otherwise refuse, leaving the file exactly as it is.

    An empty, cut-short or foreign file is never taken for a new one: that would hide the
    coordinator's data and the next backup would copy the empty file.
    """
    found = health.diagnose(paths.database, migrate.SCHEMA_VERSION)
    if found.problem is health.Problem.PASSWORD:
        raise encryption.password_needed()
    if found.problem is health.Problem.TOO_NEW:
        raise too_new(found.version, migrate.SCHEMA_VERSION)
    if found.problem is health.Problem.UNREADABLE:
        raise CannotOpenError(
            found.message,
            _("Nothing has been changed. Check that you may read and write the data folder."),
        )
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


def read_only_notice(paths: DataPaths) -> str:
    return _(
        "The data folder {folder} cannot be written to, so Mentor Desk has opened your data "
        "for reading only. You can look at everything and print it, but changes cannot be "
        "saved and no backups can be made until writing to the folder is allowed again."
    ).format(folder=paths.folder)


def _open_read_only(paths: DataPaths) -> Database:
    """Open the data file in a folder that cannot be written to, reading only, or say why not."""
    if not paths.database.exists():
        raise ReadOnlyError(
            _(
                "The data folder {folder} cannot be written to, and there is no data file in it "
                "yet, so there is nothing to open."
            ).format(folder=paths.folder),
            _("Choose a data folder you may write to, or allow writing to this one."),
        )
    found = _refuse_damaged(paths)
    if found < migrate.SCHEMA_VERSION:
        raise ReadOnlyError(
            _(
                "The data file was saved by an older version of Mentor Desk and must be brought "
                "up to date before this version can open it, which cannot be done because the "
                "data folder {folder} cannot be written to."
            ).format(folder=paths.folder),
            _(
                "The file has not been changed. Allow writing to the folder, or copy the whole "
                "folder somewhere you may write to and open it there."
            ),
        )
    engine = create_sqlite_engine(paths.database, read_only=True)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except SQLAlchemyError as exc:
        engine.dispose()
        raise CannotOpenError(
            _("The data file in {folder} cannot be read ({reason}).").format(
                folder=paths.folder, reason=getattr(exc, "orig", exc)
            ),
            _("Nothing has been changed. Allow writing to the folder and try again."),
        ) from exc
    sessions = sessionmaker(engine, expire_on_commit=False, info=_audit_info(paths, True))
    database = Database(paths, engine, sessions, read_only=True)
    database.warnings.append(read_only_notice(paths))
    newest = backups.list_backups(paths)
    database.last_backup_at = newest[0].made_at if newest else None
    return database


def _stamp_identity(engine: Engine) -> None:
    """Give the file its data-folder stamp (see app.storage.identity) if it has none yet."""
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        current = int(raw.execute("PRAGMA application_id").fetchone()[0])
        if not Identity(current).known:
            connection.exec_driver_sql(f"PRAGMA application_id = {new_application_id()}")
        connection.commit()


def _remove_new_file(paths: DataPaths) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            paths.database.with_name(paths.database.name + suffix).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("Could not remove the unfinished new data file: %s", exc)


def open_database(paths: DataPaths, *, backup_on_open: bool = True) -> Database:
    """Open (creating or upgrading as needed) the data file in `paths`.

    A folder that cannot be written to is opened for reading only (or refused with the reason);
    a backup on opening that cannot be made is a warning (`Database.warnings`), not a refusal.
    """
    encryption.from_environment(paths.folder, paths.database)
    if not folder_writable(paths.folder) or not _file_writable(paths.database):
        return _open_read_only(paths)
    try:
        paths.ensure()
    except OSError as exc:
        raise backups.copy_failed(exc, paths.folder, _("The data folder")) from exc
    backups.remove_leftovers(paths)
    existed = paths.database.exists()
    found = 0
    if existed:
        found = _refuse_damaged(paths)

    safety = None
    warnings: list[str] = []
    if existed and found < migrate.SCHEMA_VERSION:
        try:
            safety = backups.make_backup(paths, "before-upgrade")
        except StorageError as exc:
            raise StorageError(
                _(
                    "The data file must be brought up to date for this version of Mentor Desk, "
                    "and a backup is always made first, but it could not be: {reason}"
                ).format(reason=exc.message),
                _("The file has not been changed.") + " " + exc.next_step,
            ) from exc
    elif existed and backup_on_open and backups.database_changed_since_last_backup(paths):
        try:
            backups.make_backup(paths, "on-open")
            backups.thin_backups(paths)
        except (StorageError, OSError) as exc:
            log.warning("No backup was made on opening: %s", exc)
            warnings.append(
                _("No backup was made on opening: {reason}").format(
                    reason=exc.message if isinstance(exc, StorageError) else exc
                )
                + (" " + exc.next_step if isinstance(exc, StorageError) else "")
            )

    engine = create_sqlite_engine(paths.database)
    if found < migrate.SCHEMA_VERSION:
        try:
            migrate.upgrade(engine)
        except Exception as exc:
            engine.dispose()
            log.exception("Upgrading the data file from version %s failed", found)
            if not existed:
                _remove_new_file(paths)
            if safety is not None:
                backups.restore_backup(paths, safety, migrate.SCHEMA_VERSION)
                backups.forget_last_restore(paths)
            known = translate(exc, paths.folder)
            if not existed:
                full = isinstance(known, DiskFullError)
                raise StorageError(
                    (
                        _("Mentor Desk could not make its data file in {folder}: the disk is full.")
                        if full
                        else _("Mentor Desk could not make its data file in {folder}.")
                    ).format(folder=paths.folder)
                    + ("" if full or known is None else " " + known.message),
                    _("Free some space, then open Mentor Desk again.")
                    if full
                    else known.next_step
                    if known
                    else _("Please report this problem."),
                ) from exc
            if known:
                raise known from exc
            raise StorageError(
                _("The data file could not be brought up to date (from version {found}).").format(
                    found=found
                ),
                _("It has been put back as it was. Please report this problem."),
            ) from exc
    try:
        _stamp_identity(engine)
    except SQLAlchemyError as exc:  # a full disk: the stamp is only for telling folders apart
        log.warning("Could not stamp the data file's folder id: %s", exc)

    sessions = sessionmaker(engine, expire_on_commit=False, info=_audit_info(paths, False))
    database = Database(
        paths, engine, sessions, migrated_from=found if safety else None, warnings=warnings
    )

    @event.listens_for(sessions, "after_flush")
    def _mark_changed(*_args: object) -> None:
        database.note_change()

    newest = backups.list_backups(paths)
    database.last_backup_at = newest[0].made_at if newest else None
    return database


def _audit_info(paths: DataPaths, read_only: bool) -> dict[str, object]:
    """What the audit trail (app.model.audit) needs: who is at the keyboard, read each time
    from the preferences so a name set in Settings counts at once."""
    from app.model.audit import OFF, WHO
    from app.settings import load_preferences

    return {WHO: lambda: load_preferences(paths.preferences).coordinator_name, OFF: read_only}


def _file_writable(database: Path) -> bool:
    return not database.exists() or os.access(database, os.W_OK)


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
