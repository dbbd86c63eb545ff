"""Schema migrations with Alembic, run automatically when a data file is opened.

Revisions are numbered files (`versions/0001_initial.py`, `0002_...`); the number is the
revision id and is also stamped into the SQLite header (`PRAGMA user_version`), so start-up can
tell "already up to date" or "written by a newer version" without importing Alembic.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

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

    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), target)


def downgrade(engine: Engine, target: str) -> None:
    from alembic import command

    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), target)


def revision_id(number: int) -> str:
    return f"{number:04d}"
