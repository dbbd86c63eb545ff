"""Injecting the storage faults a coordinator's PC really has: a small disk that fills up, a
folder that cannot be written to, and the same errors simulated where mounting is not allowed.

The real ones are tmpfs mounts (root only: skipped otherwise); the simulated ones always run.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def small_disk(folder: Path, size: str = "4m") -> Iterator[Path]:
    """A size-limited tmpfs mounted at `folder` (made if needed); skips the test if it cannot."""
    if not can_mount():
        pytest.skip("mounting a small disk needs root")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.skip(f"cannot mount a small disk: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount(folder: Path, *, read_only: bool) -> None:
    subprocess.run(
        ["mount", "-o", f"remount,{'ro' if read_only else 'rw'}", str(folder)], check=True
    )


@contextmanager
def read_only_mount(folder: Path) -> Iterator[None]:
    """`folder` (a small_disk) read-only for the duration, writable again afterwards."""
    remount(folder, read_only=True)
    try:
        yield
    finally:
        remount(folder, read_only=False)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk holding `folder` until writing fails, then free `leave` bytes."""
    filler = folder / "filler.bin"
    with open(filler, "ab", buffering=0) as handle:
        for size in (1 << 16, 512, 1):
            block = b"\0" * size
            while True:
                try:
                    if not handle.write(block):
                        break
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def digest(path: Path) -> str:
    """The file's bytes in short, to show it is byte-for-byte unchanged."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder: Path) -> set[str]:
    """The data and backup files in a data folder (not the lock, the logs, nor the empty side
    files SQLite makes while reading a file in write-ahead mode)."""
    found = set()
    for path in folder.rglob("*"):
        name = str(path.relative_to(folder))
        if name == "mentordesk.lock" or name.startswith("logs") or name.endswith("-shm"):
            continue
        if name.endswith("-wal") and path.stat().st_size == 0:
            continue
        found.add(name)
    return found


def raise_os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))
