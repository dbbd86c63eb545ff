"""Storage: the one place that opens the database, migrates it, backs it up and checks it."""

from app.storage.database import Database, open_database
from app.storage.errors import StorageError

__all__ = ["Database", "StorageError", "open_database"]
