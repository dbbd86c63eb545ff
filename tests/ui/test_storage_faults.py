"""The window and storage faults: a restore says what the file holds and asks, File > Undo the
last restore is one step, a read-only folder opens for reading, and a full disk or read-only
folder is a plain message (never the "did not expect" crash message)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Programme
from app.paths import DataPaths
from app.storage import Database, backups, folder, open_database
from app.storage.errors import DiskFullError
from app.storage.lock import DataFolderLock
from tests.app.storage.faults import digest, fill, raise_os_error, read_only_mount, small_disk
from ui import application
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def programme_names(database: Database) -> list[str]:
    with database.session() as s:
        return list(s.scalars(select(Programme.name)))


def answer(monkeypatch: pytest.MonkeyPatch, reply: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *a: object, **k: object) -> object:
        asked.append(f"{title}\n{text}")
        return reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            lambda parent, title, text, *a, **k: shown.append(text),
        )
    return shown


def test_a_restore_says_what_the_file_holds_and_where_it_is_from_before_asking(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a data file from a different data folder
    other = DataPaths(tmp_path / "another-folder")
    db = open_database(other)
    with db.session() as s:
        s.add(Programme(name="Someone else's", organisation="X"))
    db.close(backup=False)
    paths = window.context.database.paths
    window.context.database.engine.dispose()
    before = digest(paths.database)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    # WHEN it is chosen for restoring, and the coordinator says No
    assert application.restore_into(window, other.database) is window
    # THEN the question said what it holds, what the data holds now, and where it is from
    assert len(asked) == 1
    text = asked[0]
    assert "It holds 1 programme(s) and 0 people; the last change was on" in text
    assert "Your data now holds 2 programme(s) and 42 people" in text
    assert "Careful: this file comes from a different data folder" in text
    assert "File > Undo the last restore" in text
    # AND nothing was changed
    window.context.database.engine.dispose()
    assert digest(paths.database) == before
    assert "Someone else's" not in programme_names(window.context.database)


def test_undo_the_last_restore_from_the_file_menu_is_one_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a backup, then a change, then that backup restored from the window
    made = window.context.database.backup("manual")
    window.context.ops.run(window, lambda s: s.add(Programme(name="Added", organisation="X")))
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    restored = application.restore_into(window, made)
    qtbot.addWidget(restored)
    assert "Added" not in programme_names(restored.context.database)
    # WHEN File > Undo the last restore is chosen in the new window (which the application
    # wired to replace itself, as it does for every window after a restore)
    undo = restored.findChild(QAction, "undo-last-restore")
    assert isinstance(undo, QAction) and undo.text() == "&Undo the last restore"
    undo.trigger()
    replaced = application._current[-1]
    qtbot.addWidget(replaced)
    # THEN it asked once more, naming what is undone, and the change is back
    assert len(asked) == 2
    assert asked[-1].startswith("Undo the last restore\nUndo the last restore (of " + made.name)
    assert "Added" in programme_names(replaced.context.database)
    replaced.close()
    replaced.context.database.close(backup=False)


def test_undo_with_nothing_restored_says_so(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = warnings_shown(monkeypatch)
    assert application.restore_into(window, application.UNDO_LAST_RESTORE) is window
    assert shown and shown[0].startswith("There is no restore to undo")


def test_a_read_only_folder_opens_the_window_for_reading(
    qtbot: QtBot, paths: DataPaths, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN the demo in a folder that cannot be written to (simulated: the OS says EROFS)
    paths.ensure()
    shutil.copyfile(_demo_template, paths.database)
    before = digest(paths.database)

    def refuse(_folder: Path) -> None:
        raise raise_os_error(errno.EROFS)

    monkeypatch.setattr(folder, "_probe", refuse)
    shown = warnings_shown(monkeypatch)
    # WHEN the window opens it
    application.create_application()
    database = application.open_with_recovery(paths)
    assert database is not None and database.read_only
    win = application.build_window(database, synchronous_tasks=True)
    qtbot.addWidget(win)
    application.show_warnings(win, database)
    # THEN it says why it is read-only, and shows so while open
    assert shown[0].startswith(f"The data folder {paths.folder} cannot be written to")
    notice = win.findChild(QLabel, "read-only-notice")
    assert isinstance(notice, QLabel) and notice.text() == "Read only: changes cannot be saved"
    assert win.programme_picker.count() == 2
    # AND saving says plainly that it cannot, and so does restoring
    win.context.ops.run(win, lambda s: s.add(Programme(name="Not saved", organisation="X")))
    assert "Mentor Desk cannot save in the data folder: it is set to read-only." in shown[-1]
    assert application.restore_into(win, paths.database) is win
    assert shown[-1].startswith("Nothing can be restored: the data folder")
    win.close()
    database.close()
    assert digest(paths.database) == before


def test_a_failed_backup_on_opening_is_a_warning_in_the_window(
    qtbot: QtBot, paths: DataPaths, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.ensure()
    shutil.copyfile(_demo_template, paths.database)

    def no_room(source: Path, target: Path) -> None:
        raise raise_os_error(errno.ENOSPC)

    monkeypatch.setattr(backups, "copy_database", no_room)
    shown = warnings_shown(monkeypatch)
    application.create_application()
    database = application.open_with_recovery(paths)
    assert database is not None and not database.read_only
    application.show_warnings(None, database)
    assert shown == [database.warnings[0]]
    assert shown[0].startswith("No backup was made on opening: The backup could not be made")
    assert programme_names(database)
    database.close(backup=False)


def test_a_storage_problem_nobody_caught_is_a_plain_message_not_the_crash_message(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # e.g. the daily backup, run from a timer, on a full disk
    shown = warnings_shown(monkeypatch)
    crash: list[object] = []
    monkeypatch.setattr(application, "show_crash_dialog", lambda *a: crash.append(a))
    error = DiskFullError("The backup could not be made: the disk is full.", "Free some space.")
    previous = sys.excepthook
    try:
        application.install_excepthook(paths)
        sys.excepthook(type(error), error, None)
    finally:
        sys.excepthook = previous
    assert shown == ["The backup could not be made: the disk is full. Free some space."]
    assert crash == []


def test_a_crash_log_that_cannot_be_written_does_not_stop_the_window(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_a: object, **_k: object) -> object:
        raise raise_os_error(errno.EROFS)

    monkeypatch.setattr(application, "open", refuse, raising=False)
    shown = warnings_shown(monkeypatch)
    with DataFolderLock(paths.lock):  # so the window stops at the first message
        assert application.run_gui(paths.folder) == 1
    assert "already open on this data folder" in shown[0]


def test_the_real_window_opens_a_read_only_folder(tmp_path: Path, _demo_template: Path) -> None:
    with small_disk(tmp_path / "disk", "4m") as mounted:
        paths = DataPaths(mounted)
        paths.ensure()
        shutil.copyfile(_demo_template, paths.database)
        with DataFolderLock(paths.lock):
            pass
        before = digest(paths.database)
        with read_only_mount(mounted):
            env = {**os.environ, "MENTORDESK_EXIT_AFTER_PAINT": "1", "QT_QPA_PLATFORM": "offscreen"}
            done = subprocess.run(
                [sys.executable, "-m", "ui", "--data", str(mounted)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
        assert done.returncode == 0, done.stderr
        assert "first-paint" in done.stdout
        assert "Traceback" not in done.stderr and "Logging error" not in done.stderr
        assert digest(paths.database) == before


def test_saving_on_a_full_disk_says_so_and_keeps_what_was_saved_simulated(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    database = window.context.database
    shown = warnings_shown(monkeypatch)
    window.context.ops.run(window, lambda s: s.add(Programme(name="Saved", organisation="X")))

    def disk_full(_session: object) -> None:
        raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database or disk is full"))

    event.listen(database.sessions, "before_commit", disk_full)
    try:
        result = window.context.ops.run(
            window, lambda s: s.add(Programme(name="Not saved", organisation="X"))
        )
    finally:
        event.remove(database.sessions, "before_commit", disk_full)
    assert result is None
    assert shown == [
        "The disk is full, so the last change could not be saved. Free some space and try "
        "again. Nothing saved earlier has been lost."
    ]
    names = programme_names(database)
    assert "Saved" in names and "Not saved" not in names


def test_saving_on_a_real_full_disk_says_so_and_keeps_what_was_saved(
    qtbot: QtBot, tmp_path: Path, _demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with small_disk(tmp_path / "disk", "4m") as mounted:
        paths = DataPaths(mounted)
        paths.ensure()
        shutil.copyfile(_demo_template, paths.database)
        application.create_application()
        database = open_database(paths, backup_on_open=False)
        win = application.build_window(database, synchronous_tasks=True)
        qtbot.addWidget(win)
        shown = warnings_shown(monkeypatch)
        win.context.ops.run(win, lambda s: s.add(Programme(name="Saved", organisation="X")))
        filler = fill(mounted)

        def too_much(s: Session) -> None:
            for n in range(200):
                s.add(Programme(name=f"Too much {n}", organisation="Y" * 4000))

        assert win.context.ops.run(win, too_much) is None
        assert (len(shown) == 1 and shown[0].startswith("The disk is full")) or (
            "could not read or save on the disk" in shown[0]
        )
        assert "Traceback" not in shown[0]
        filler.unlink()
        names = programme_names(database)
        assert "Saved" in names and "Too much 0" not in names
        win.close()
        database.close(backup=False)
