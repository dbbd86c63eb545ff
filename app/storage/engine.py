"""Creating the SQLAlchemy engine with the settings that keep a committed change safe.

The only module that knows it is talking to SQLite. Foreign keys are enforced, the journal is
write-ahead with full syncing (a committed change survives power loss), and pysqlite's own
transaction handling is switched off so each unit of work, including schema changes, is one
real transaction.

A data folder that cannot be written to (a read-only share, a locked-down USB stick) is opened
for reading only: SQLite's `mode=ro`, or `immutable=1` when the shared-memory file beside the
data cannot be made and no unfinished write-ahead log is waiting there.

A file protected with a password is opened through SQLCipher (`app.storage.encryption`), with
the key handed over on every new connection by the engine's `creator`; everything else (the
pragmas, the transactions, Alembic) is the same for both.

Nothing personal leaves through the engine: freed pages are overwritten (`secure_delete`), so
a cleared note is gone from the file and not only from the tables, and the parameters of a
failed statement (names, notes) never appear in its error message or the log.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

from app.storage import encryption
from app.storage.folder import create_private


def create_sqlite_engine(database: Path, *, read_only: bool = False) -> Engine:
    # SQLAlchemy is imported here, not above: the plain-SQLite checks below need none of it.
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    key = encryption.key_for(database)
    if key is not None:
        engine = create_engine(
            "sqlite://",
            module=encryption.dbapi(),
            creator=lambda: encryption.connect(
                database, key, read_only=read_only, check_same_thread=False
            ),
            poolclass=QueuePool,
            hide_parameters=True,
        )
    elif read_only:
        engine = create_engine(
            "sqlite://",
            creator=lambda: open_read_only(database, check_same_thread=False),
            poolclass=QueuePool,
            hide_parameters=True,
        )
    else:
        if database.parent.is_dir():
            create_private(database)  # SQLite gives its side files the same permissions
        engine = create_engine(f"sqlite:///{database}", hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _uri(database: Path, **options: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in options.items())
    return f"{database.resolve().as_uri()}?{query}"


def pending_log(database: Path) -> bool:
    """True when a write-ahead log with changes not yet in the data file lies beside it."""
    wal = database.with_name(database.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def open_read_only(database: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection that never writes, not even SQLite's side files, where that is possible.

    `mode=ro` first (it reads an unfinished write-ahead log too); if SQLite cannot make its
    shared-memory file there and no log is waiting, `immutable=1`, which reads the file alone.
    An encrypted file gets a SQLCipher connection (the same calls, another driver).
    """
    key = encryption.key_for(database)
    if key is not None:
        errors = encryption.database_errors()
        try:
            conn: sqlite3.Connection = encryption.connect(
                database, key, read_only=True, check_same_thread=check_same_thread
            )
            return conn
        except errors:
            if pending_log(database):
                raise
        conn = encryption.connect(
            database, key, read_only=True, immutable=True, check_same_thread=check_same_thread
        )
        return conn
    try:
        conn = sqlite3.connect(
            _uri(database, mode="ro"),
            uri=True,
            isolation_level=None,
            check_same_thread=check_same_thread,
        )
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if pending_log(database):
            raise
    conn = sqlite3.connect(
        _uri(database, mode="ro", immutable="1"),
        uri=True,
        isolation_level=None,
        check_same_thread=check_same_thread,
    )
    return conn


def connect_raw(database: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain connection for checks and backups, changing nothing about the file.

    In a folder that cannot be written to, or when asked, the connection reads only."""
    if read_only or not _writable_folder(database.parent):
        return open_read_only(database)
    key = encryption.key_for(database)
    if key is not None:
        conn: sqlite3.Connection = encryption.connect(database, key)
        return conn
    return sqlite3.connect(str(database), isolation_level=None)


def _writable_folder(folder: Path) -> bool:
    from app.storage.folder import writable

    return writable(folder)


def quick_check(database: Path, *, full: bool = False) -> list[str]:
    """Problems SQLite finds in the file; an empty list means it is sound."""
    conn = connect_raw(database)
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    finally:
        conn.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def user_version(database: Path) -> int:
    """The schema version stamped in the file (0 for a new or foreign file)."""
    conn = connect_raw(database)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def application_id(database: Path) -> int:
    """The application id stamped in the file's header (0 when none was ever set)."""
    conn = connect_raw(database)
    try:
        return int(conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()
