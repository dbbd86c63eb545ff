"""What the data folder allows: writing at all, and how much room there is.

Asked before anything is written, so a read-only folder or a full disk is named in a plain
sentence up front instead of surfacing later as "disk I/O error" or a traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

#: The errors an operating system gives for "you may not write here".
READ_ONLY_ERRORS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
#: The errors an operating system gives for "there is no room".
FULL_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT})

_PROBE = ".mentordesk-write-test"

#: Readable and writable by the user alone: the data folder and what is inside it.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def make_private(path: Path) -> None:
    """Let only this user read `path` (a folder 0700, a file 0600). On Windows the files live in
    the user's own profile, which already keeps other accounts out, so nothing is changed.

    A file system that keeps no permissions (a FAT USB stick) or a file of another owner is
    left as it is: the data still opens, it is only less private there."""
    if os.name != "posix":  # pragma: no cover - Windows
        return
    mode = PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE
    try:
        if (path.stat().st_mode & 0o777) != mode:
            os.chmod(path, mode)
    except OSError:
        pass


def create_private(path: Path) -> None:
    """Make `path` as an empty file only this user may read, unless it exists (SQLite gives its
    side files, the journal and write-ahead log, the same permissions as the data file)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        make_private(path)
        return
    os.close(fd)


def is_read_only_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in READ_ONLY_ERRORS


def is_full_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in FULL_ERRORS


def _probe(folder: Path) -> None:
    """Create and remove an empty file in `folder` (raises OSError if that is not allowed)."""
    probe = folder / f"{_PROBE}-{os.getpid()}"
    fd = os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    os.unlink(probe)


def writable(folder: Path) -> bool:
    """False when files cannot be made in `folder` (read-only disk, share or permissions).

    A full disk still counts as writable: that is a different message. A folder that does not
    exist yet is writable if it can be made, which its parent decides."""
    if not folder.is_dir():
        return not folder.parent.is_dir() or folder.parent == folder or writable(folder.parent)
    if not os.access(folder, os.W_OK):
        return False
    try:
        _probe(folder)
    except OSError as exc:
        return not is_read_only_error(exc)
    return True


def free_bytes(folder: Path) -> int:
    """Free space where `folder` is (its nearest existing parent if it is not there yet)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return shutil.disk_usage(folder).free


def data_size(database: Path) -> int:
    """The size of a data file together with its write-ahead log: what a copy may need."""
    total = 0
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total
