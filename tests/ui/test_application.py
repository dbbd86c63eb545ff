"""Start-up and recovery in the window: restore from the File menu, recovery from a damaged
file, daily backups while open, a second copy refused."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.model import Programme
from app.paths import DataPaths
from app.storage import backups, open_database
from app.storage.lock import DataFolderLock
from ui import application


def test_restore_from_the_file_menu_brings_back_the_data(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
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


def test_a_damaged_file_offers_the_newest_backup(qtbot, paths: DataPaths, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = open_database(paths)
    with db.session() as s:
        s.add(Programme(name="Safe in the backup", organisation="X"))
    db.close()  # makes an on-close backup
    paths.database.write_bytes(b"damaged" * 4000)
    for leftover in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + leftover).unlink(missing_ok=True)
    asked: list[str] = []

    def answer_yes(parent, title, text, *a, **k):  # type: ignore[no-untyped-def]
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


def test_a_daily_backup_is_made_while_open_when_something_changed(window) -> None:  # type: ignore[no-untyped-def]
    database = window.context.database
    database.last_backup_at = datetime.now() - timedelta(hours=25)
    database.changed_since_backup = True
    before = len(backups.list_backups(database.paths))
    window.backup_if_due()
    found = backups.list_backups(database.paths)
    assert len(found) == before + 1 and found[0].reason == "daily"
    window.backup_if_due()  # nothing changed since: no second one
    assert len(backups.list_backups(database.paths)) == before + 1


def test_a_second_window_on_the_same_folder_is_refused(
    qtbot, paths: DataPaths, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    with DataFolderLock(paths.lock):
        assert application.run_gui(paths.folder) == 1
    assert "already open on this data folder" in told[0]
