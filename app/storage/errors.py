"""Storage problems the user's machine causes, each with a plain message and a next step.

Anything not listed here is a bug in Mentor Desk: it is logged with its traceback instead.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from app.i18n import _


class StorageError(Exception):
    """A problem with the data file that the coordinator can do something about."""

    def __init__(self, message: str, next_step: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.next_step = next_step

    def __str__(self) -> str:
        return f"{self.message} {self.next_step}".strip()


class TooNewError(StorageError):
    pass


class CorruptError(StorageError):
    pass


class LockedError(StorageError):
    """Another copy of Mentor Desk has this data folder open."""


class ReadOnlyError(StorageError):
    pass


class DiskFullError(StorageError):
    pass


class CannotOpenError(StorageError):
    pass


def too_new(found: int, supported: int) -> TooNewError:
    return TooNewError(
        _(
            "A newer version of Mentor Desk saved this data file (data version {found}). "
            "This version reads up to version {supported}."
        ).format(found=found, supported=supported),
        _("Install the newer version to open it. The file has not been changed."),
    )


#: Below this much free space, SQLite's "disk I/O error" is taken for a full disk (it says that
#: when it cannot grow its shared-memory file, for one).
NEARLY_FULL = 1024 * 1024


def _nearly_full(where: Path | None) -> bool:
    if where is None:
        return False
    from app.storage.folder import free_bytes

    try:
        return free_bytes(where) < NEARLY_FULL
    except OSError:
        return False


def translate(exc: BaseException, where: Path | None = None) -> StorageError | None:
    """Map a low-level error to the storage error a user can act on, or None if it is a bug.

    `where` is the data folder, when known: it tells a full disk from other disk errors."""
    text = str(exc).lower()
    err = getattr(exc, "orig", exc)
    if (
        (isinstance(err, OSError) and err.errno == errno.ENOSPC)
        or "database or disk is full" in text
        or ("disk i/o error" in text and _nearly_full(where))
    ):
        return DiskFullError(
            _("The disk is full, so the last change could not be saved."),
            _("Free some space and try again. Nothing saved earlier has been lost."),
        )
    if "readonly" in text or "read-only" in text or isinstance(err, PermissionError):
        return ReadOnlyError(
            _("Mentor Desk cannot save in the data folder: it is set to read-only."),
            _("Check the folder's permissions, or choose another data folder."),
        )
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return CorruptError(
            _("The data file is damaged and cannot be read."),
            _("Restore the newest backup (File > Restore from backup, or 'mentordesk restore')."),
        )
    if "database is locked" in text:
        return LockedError(
            _("The data file is busy: another program is using it."),
            _("Close the other program and try again."),
        )
    if "disk i/o error" in text:
        return CannotOpenError(
            _("Mentor Desk could not read or save on the disk that holds the data."),
            _(
                "Check that the disk or USB stick is still connected, has room and may be "
                "written to, then try again. Nothing saved earlier has been lost."
            ),
        )
    if isinstance(err, sqlite3.OperationalError) and "unable to open" in text:
        return CannotOpenError(
            _("The data file could not be opened."),
            _("Check that the data folder is still there and that you are allowed to save in it."),
        )
    return None
