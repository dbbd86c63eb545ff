"""Creating the SQLAlchemy engine with the settings that keep a committed change safe.

The only module that knows it is talking to SQLite. Foreign keys are enforced, the journal is
write-ahead with full syncing (a committed change survives power loss), and pysqlite's own
transaction handling is switched off so each unit of work, including schema changes, is one
real transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event


def create_sqlite_engine(database: Path) -> Engine:
    engine = create_engine(f"sqlite:///{database}", future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def connect_raw(database: Path) -> sqlite3.Connection:
    """A plain connection for checks and backups, changing nothing about the file."""
    return sqlite3.connect(str(database), isolation_level=None)


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
