"""Schema migrations with Alembic, run automatically when a data file is opened.

Revisions are numbered files (`versions/0001_initial.py`, `0002_...`); the number is the
revision id and is also stamped into the SQLite header (`PRAGMA user_version`), so start-up can
tell "already up to date" or "written by a newer version" without importing Alembic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def known_revisions() -> list[int]:
    folder = resources.files("app.storage.migrations") / "versions"
    numbers = []
    for entry in folder.iterdir():
        match = _REVISION_FILE.match(entry.name)
        if match:
            numbers.append(int(match.group(1)))
    return sorted(numbers)


SCHEMA_VERSION = max(known_revisions(), default=0)


def alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("app.storage") / "migrations"))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the schema up to `target`, one transaction per revision."""
    from alembic import command

    with engine.connect() as connection, _foreign_keys_off(connection):
        command.upgrade(alembic_config(connection), target)


def downgrade(engine: Engine, target: str) -> None:
    from alembic import command

    with engine.connect() as connection, _foreign_keys_off(connection):
        command.downgrade(alembic_config(connection), target)


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite changes a table by building a new one and dropping the old (Alembic's batch
    mode). With foreign keys enforced, dropping the old table would delete every row that
    refers to it through ON DELETE CASCADE: changing `programme` would empty `match`. So, as
    SQLite's own documentation says, enforcement is off while the schema changes, and the
    keys are checked once it is done; a migration that broke one is an error."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    # Straight to the driver, outside any transaction: SQLite ignores this pragma inside one.
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"a migration left {len(broken)} broken references: {broken[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


def revision_id(number: int) -> str:
    return f"{number:04d}"
