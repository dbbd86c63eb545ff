"""A second copy of Mentor Desk on the same data folder is refused politely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.storage.errors import LockedError
from app.storage.lock import DataFolderLock

ROOT = Path(__file__).resolve().parents[3]


def test_a_second_lock_on_the_same_folder_is_refused(paths: DataPaths) -> None:
    with DataFolderLock(paths.lock):
        with pytest.raises(LockedError) as refused:
            DataFolderLock(paths.lock).acquire()
    assert "already open" in str(refused.value)


def test_the_lock_is_free_again_after_release(paths: DataPaths) -> None:
    with DataFolderLock(paths.lock):
        pass
    with DataFolderLock(paths.lock):
        pass


def test_another_process_is_refused_while_the_folder_is_open(paths: DataPaths) -> None:
    """GIVEN this process holds the data folder, WHEN the command line tries to write to it,
    THEN it stops with one plain line and a non-zero exit, and no traceback."""
    with DataFolderLock(paths.lock):
        result = subprocess.run(
            [sys.executable, "-m", "app.cli", "--data", str(paths.folder), "backup"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "already open on this data folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_crashed_holder_does_not_leave_the_folder_locked(paths: DataPaths) -> None:
    code = (
        "import os, sys; from pathlib import Path; from app.storage.lock import DataFolderLock;"
        f"DataFolderLock(Path({str(paths.lock)!r})).acquire(); os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60, check=False)
    with DataFolderLock(paths.lock):
        pass


def test_the_refusal_says_where_the_folder_is_open_in_words() -> None:
    import getpass
    import json
    import socket

    from app.storage.lock import _describe

    here, me = socket.gethostname(), getpass.getuser()
    same = json.dumps({"pid": 4, "host": here, "user": me})
    assert _describe(same) == "in another window on this computer"
    other_user = json.dumps({"pid": 4, "host": here, "user": "fiona"})
    assert _describe(other_user) == "by fiona on this computer"
    elsewhere = json.dumps({"pid": 4, "host": "office-pc", "user": "fiona"})
    assert _describe(elsewhere) == "by fiona on the computer office-pc"
    assert _describe("") == "in another window"  # written by nobody yet (a full disk)
    assert "process" not in _describe(elsewhere)
