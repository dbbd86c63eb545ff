"""Storage: the one place that opens the database, migrates it, backs it up and checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.storage.database import Database, open_database
    from app.storage.errors import StorageError

__all__ = ["Database", "StorageError", "open_database"]


def __getattr__(name: str) -> Any:
    # Loaded on first use, so the checks that need only SQLite (app.storage.health, .lock,
    # .backups) do not import SQLAlchemy: `mentordesk print` starts faster without it.
    if name in ("Database", "open_database"):
        from app.storage import database

        return getattr(database, name)
    if name == "StorageError":
        from app.storage.errors import StorageError

        return StorageError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
