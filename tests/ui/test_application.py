"""Start-up and recovery in the window: restore from the File menu, recovery from a damaged
file, daily backups while open, a second copy refused."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Programme
from app.paths import DataPaths
from app.storage import Database, backups, open_database
from app.storage.lock import DataFolderLock
from ui import application
from ui.main_window import MainWindow
from ui.ops import OpRunner


def test_restore_from_the_file_menu_brings_back_the_data(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a backup of the demo, and a programme added after it
    made = window.context.database.backup("manual")
    window.context.ops.run(
        window, lambda s: s.add(Programme(name="Added after the backup", organisation="X"))
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    # WHEN the coordinator restores that backup
    replacement = application.restore_into(window, made)
    qtbot.addWidget(replacement)
    # THEN the new window shows the data as it was, and the replaced data was kept
    with replacement.context.database.session() as s:
        names = s.scalars(select(Programme.name)).all()
    assert "Added after the backup" not in names
    assert replacement.programme_picker.count() == 2
    found = backups.list_backups(replacement.context.database.paths)
    assert any(b.reason == "before-restore" for b in found)
    replacement.close()
    replacement.context.database.close(backup=False)


def test_a_damaged_file_offers_the_newest_backup(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(paths)
    with db.session() as s:
        s.add(Programme(name="Safe in the backup", organisation="X"))
    db.close()  # makes an on-close backup
    paths.database.write_bytes(b"damaged" * 4000)
    for leftover in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + leftover).unlink(missing_ok=True)
    asked: list[str] = []

    def answer_yes(parent: object, title: str, text: str, *a: object, **k: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    application.create_application()
    recovered = application.open_with_recovery(paths)
    assert recovered is not None
    assert "damaged" in asked[0] and "Restore the newest backup" in asked[0]
    with recovered.session() as s:
        assert s.scalars(select(Programme.name)).all() == ["Safe in the backup"]
    recovered.close(backup=False)


def test_a_daily_backup_is_made_while_open_when_something_changed(window: MainWindow) -> None:
    database = window.context.database
    database.last_backup_at = window.context.now() - timedelta(hours=25)
    database.changed_since_backup = True
    before = len(backups.list_backups(database.paths))
    window.backup_if_due()
    found = backups.list_backups(database.paths)
    assert len(found) == before + 1 and found[0].reason == "daily"
    window.backup_if_due()  # nothing changed since: no second one
    assert len(backups.list_backups(database.paths)) == before + 1


def test_a_second_window_on_the_same_folder_is_refused(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    with DataFolderLock(paths.lock):
        assert application.run_gui(paths.folder) == 1
    assert "already open on this data folder" in told[0]


def _crash_message(
    monkeypatch: pytest.MonkeyPatch, paths: DataPaths, error: BaseException
) -> QMessageBox:
    """What the application's exception hook shows for `error` (the box is kept, not shown)."""
    shown: list[QMessageBox] = []

    def keep(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", keep)
    previous = sys.excepthook  # pytest-qt's: put back before the test ends
    try:
        application.install_excepthook(paths)
        sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    assert len(shown) == 1
    return shown[0]


def _raised(fn: Callable[[], object]) -> BaseException:
    try:
        fn()
    except Exception as exc:
        return exc
    raise AssertionError("nothing was raised")


def _everything(box: QMessageBox) -> str:
    return f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}"


def test_an_unexpected_error_says_what_was_saved_and_what_to_do_next(
    qtbot: QtBot,
    paths: DataPaths,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # GIVEN a bug outside any action (in a page's slot, say)
    missing: dict[str, str] = {}
    error = _raised(lambda: missing["key"])
    # WHEN it reaches the application's exception hook
    box = _crash_message(monkeypatch, paths, error)
    text = _everything(box)
    # THEN the coordinator is told what was saved ...
    assert "Everything up to your last completed action is saved" in text
    assert "may not have been saved" in text
    # ... what to do next ...
    assert "try it again" in text
    assert "close Mentor Desk and open it again" in text
    # ... and where the details are for whoever supports them, without a raw traceback
    assert "whoever supports Mentor Desk" in text
    assert str(paths.logs / "mentordesk.log") in box.informativeText()
    assert "Traceback" not in text and "KeyError" not in text
    assert "KeyError: 'key'" in box.detailedText()  # under Show Details…
    assert any(r.levelname == "CRITICAL" and r.exc_info for r in caplog.records)


def test_an_unexpected_error_in_an_action_says_that_action_was_not_saved(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an action that adds a programme, then meets a bug before it finishes
    def buggy(s: Session) -> None:
        s.add(Programme(name="Half done", organisation="X"))
        s.flush()
        raise RuntimeError("a bug")

    runner = OpRunner(db)
    error = _raised(lambda: runner.run(None, buggy))
    # WHEN the error reaches the exception hook
    box = _crash_message(monkeypatch, db.paths, error)
    # THEN it says plainly that the last change was not saved, and nothing of it was kept
    assert "Your last change was not saved" in box.text()
    assert "Everything you finished before it is saved" in box.text()
    assert "try it again" in box.informativeText()
    with db.session() as s:
        assert "Half done" not in s.scalars(select(Programme.name)).all()
