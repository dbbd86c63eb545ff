"""One copy of Mentor Desk per data folder.

An operating-system lock on a small file in the data folder; it is released automatically if
the process dies, so a crash never leaves the folder locked. The file holds who has it open, so
the refusal can say so.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import socket
import sys
from pathlib import Path
from typing import IO

from app.i18n import _
from app.storage.errors import CannotOpenError, DiskFullError, LockedError, StorageError
from app.storage.folder import is_full_error, is_read_only_error

log = logging.getLogger(__name__)

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class DataFolderLock:
    """Hold the data folder for this process: `acquire()` or raise LockedError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None
        #: True when the folder cannot be written to (the lock file could not be made).
        self.read_only = False

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+", encoding="utf-8")
        except OSError as exc:
            if not is_read_only_error(exc):
                raise _cannot_lock(self.path, exc) from exc
            self._acquire_read_only()
            return
        if not _try_lock(handle):
            handle.seek(0)
            holder = _describe(handle.read())
            handle.close()
            raise _locked(holder)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user()}
        try:
            handle.seek(0)
            handle.truncate()
            # Unbuffered, so a write the full disk refused is not tried again on closing.
            os.write(handle.fileno(), json.dumps(info).encode("utf-8"))
        except OSError as exc:  # a full disk: the lock holds, only who holds it is unwritten
            log.warning("Could not write who holds the data folder: %s", exc)
        self._handle = handle

    def _acquire_read_only(self) -> None:
        """In a folder that cannot be written to: hold the lock file if there is one (so a
        copy that can write elsewhere still sees us), else nothing; nobody can write here."""
        self.read_only = True
        try:
            handle = open(self.path, encoding="utf-8")
        except OSError:
            return
        if not _try_lock(handle):
            holder = _describe(handle.read())
            handle.close()
            raise _locked(holder)
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> DataFolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _locked(holder: str) -> LockedError:
    return LockedError(
        _("Mentor Desk is already open on this data folder, {holder}.").format(holder=holder),
        _("Switch to that window, or close it first, then try again."),
    )


def _cannot_lock(path: Path, exc: OSError) -> StorageError:
    if is_full_error(exc):
        return DiskFullError(
            _("The data folder {folder} cannot be opened: the disk is full.").format(
                folder=path.parent
            ),
            _("Free some space, then try again. Nothing saved earlier has been lost."),
        )
    return CannotOpenError(
        _("The data folder {folder} cannot be used ({reason}).").format(
            folder=path.parent, reason=exc.strerror or exc
        ),
        _("Check that the folder exists and that you may use it."),
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


def _describe(raw: str) -> str:
    """Where the folder is open, in words: in another window here, or by whom on which
    computer (a shared folder on a network drive). The process number is for the log."""
    try:
        info = json.loads(raw)
        user, host = info.get("user") or "", info.get("host") or ""
        log.info("The data folder is held by process %s (%s on %s)", info.get("pid"), user, host)
    except (ValueError, AttributeError):
        return _("in another window")
    if host in ("", socket.gethostname()) and user in ("", _user()):
        return _("in another window on this computer")
    if host in ("", socket.gethostname()):
        return _("by {user} on this computer").format(user=user)
    return _("by {user} on the computer {host}").format(user=user or "?", host=host)
