"""The password in the window: the prompt on opening, Settings ▸ set/change/take off, the
recovery sheet and the idle lock."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.model import Person
from app.paths import DataPaths
from app.storage import Database, encryption, password
from ui import application
from ui.dialogs import password_dialogs
from ui.dialogs.password_dialogs import PasswordPromptDialog, SetPasswordDialog
from ui.idle_lock import LockCover
from ui.main_window import MainWindow

PASSWORD = "lantern-puffin-22"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    encryption.forget_all()
    yield
    encryption.forget_all()


def _people(window: MainWindow) -> int:
    return window.context.ops.read(
        lambda s: s.scalar(select(func.count()).select_from(Person)) or 0
    )


def _accept_with(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], fill: Any) -> list[QDialog]:
    """Replace `cls.exec` by: fill the fields, press OK, return what the dialog said."""
    seen: list[QDialog] = []

    def fake_exec(self: QDialog) -> int:
        seen.append(self)
        fill(self)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(cls, "exec", fake_exec)
    return seen


def _set_password_in_settings(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(d: SetPasswordDialog) -> None:
        d.new.setText(PASSWORD)
        d.repeat.setText(PASSWORD)
        d.print_sheet.setChecked(False)

    _accept_with(monkeypatch, SetPasswordDialog, fill)
    window.settings_page.set_password_button.click()


def test_set_change_and_take_off_the_password_in_settings(
    window: MainWindow, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.settings_page
    count = _people(window)
    assert page.set_password_button.isEnabled() and not page.change_password_button.isEnabled()
    assert "no password" in page.password_status.text()

    _set_password_in_settings(window, monkeypatch)
    assert encryption.is_encrypted(paths.database)
    assert "protected with a password" in page.password_status.text()
    assert page.change_password_button.isEnabled() and not page.set_password_button.isEnabled()
    assert _people(window) == count  # the window carries on with the protected file

    def change(d: SetPasswordDialog) -> None:
        d.current.setText(PASSWORD)
        d.new.setText("maple-raven-05")
        d.repeat.setText("maple-raven-05")
        d.print_sheet.setChecked(False)

    _accept_with(monkeypatch, SetPasswordDialog, change)
    page.change_password_button.click()
    assert encryption.password_of(paths.folder) == "maple-raven-05"
    assert _people(window) == count

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    _accept_with(
        monkeypatch,
        password_dialogs.RemovePasswordDialog,
        lambda d: d.current.setText("not-the-password"),
    )
    page.remove_password_button.click()
    assert warned and "does not open the data file" in warned[0]
    assert encryption.is_encrypted(paths.database)  # nothing changed

    _accept_with(
        monkeypatch,
        password_dialogs.RemovePasswordDialog,
        lambda d: d.current.setText("maple-raven-05"),
    )
    page.remove_password_button.click()
    assert not encryption.is_encrypted(paths.database)
    assert _people(window) == count


def test_the_set_password_dialog_warns_and_checks_what_was_typed(qtbot: QtBot) -> None:
    dialog = SetPasswordDialog()
    qtbot.addWidget(dialog)
    warning = dialog.findChild(QWidget, "password-warning")
    assert warning is not None and "cannot be recovered" in warning.text()  # type: ignore[attr-defined]
    dialog.new.setText("short")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "at least 8 characters" in dialog.form.error_text("password")
    dialog.suggest_button.click()
    assert dialog.new.text() == dialog.repeat.text() and len(dialog.new.text()) >= 20
    assert dialog.new.text() in dialog.suggested.text()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_recovery_sheet_prints_with_the_data_folder_and_the_warning(
    window: MainWindow, qtbot: QtBot
) -> None:
    pdf = window.settings_page.recovery_sheet_pdf("lantern-puffin-22")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Password recovery sheet" in text and "cannot be recovered" in text
    assert "lantern-puffin-22" in text
    assert str(window.context.database.paths.folder) in text.replace("\n", "")
    window.settings_page.recovery_sheet_button.click()
    previews = [w for w in QApplication.topLevelWidgets() if w.objectName() == "print-preview"]
    assert previews
    for preview in previews:
        preview.close()


def test_three_wrong_passwords_at_the_prompt_give_up_and_change_nothing(
    qtbot: QtBot, paths: DataPaths, demo_db: Database
) -> None:
    demo_db.close(backup=False)
    password.change_password(paths, PASSWORD)
    encryption.forget_all()
    before = paths.database.read_bytes()
    dialog = PasswordPromptDialog(paths.folder, paths.database)
    qtbot.addWidget(dialog)
    for attempt, left in (("one", "2 more tries"), ("two", "One more try")):
        dialog.password.setText(attempt)
        dialog.accept()
        assert left in dialog.form.error_text("password")
    dialog.password.setText("three")
    dialog.accept()
    assert dialog.gave_up and dialog.result() == QDialog.DialogCode.Rejected
    assert not encryption.knows(paths.folder)
    assert paths.database.read_bytes() == before


def test_opening_protected_data_asks_for_the_password(
    qtbot: QtBot, paths: DataPaths, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 0
    with demo_db.session() as s:
        count = s.scalar(select(func.count()).select_from(Person)) or 0
    demo_db.close(backup=False)
    password.change_password(paths, PASSWORD)
    encryption.forget_all()
    asked = _accept_with(monkeypatch, PasswordPromptDialog, lambda d: d.password.setText(PASSWORD))
    database = application.open_with_recovery(paths, backup_on_open=False)
    assert asked and database is not None
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == count
    database.close(backup=False)

    encryption.forget_all()
    monkeypatch.setattr(PasswordPromptDialog, "exec", lambda self: 0)
    assert application.open_with_recovery(paths, backup_on_open=False) is None


def test_the_idle_lock_covers_every_window_and_keeps_what_was_typed(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = window.idle_lock
    lock.lock()
    assert not lock.locked  # no password on the data: nothing to unlock with, so no lock
    _set_password_in_settings(window, monkeypatch)

    window.context.preferences.lock_after_minutes = 5
    lock.restart()
    assert lock.timer.isActive() and lock.timer.interval() == 5 * 60 * 1000
    lock.timer.stop()
    QApplication.sendEvent(
        window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    )
    assert lock.timer.isActive()  # a key press starts the count again

    draft = QDialog(window)
    field = QLineEdit(draft)
    field.setText("Half-typed meeting notes")
    draft.show()
    qtbot.waitExposed(draft)
    lock.timer.timeout.emit()  # the idle minutes are up
    assert lock.locked
    covers = [c for c in window.findChildren(LockCover)] + draft.findChildren(LockCover)
    assert {c.covered for c in covers} >= {window, draft}
    assert all(c.isVisible() and c.geometry() == c.covered.rect() for c in covers)
    assert not any(a.isEnabled() for a in window.menuBar().actions()[0].menu().actions())

    cover = next(c for c in covers if c.covered is window)
    cover.password.setText("wrong-password")
    cover.unlock_button.click()
    assert lock.locked and "not the password" in cover.error.text()
    cover.password.setText(PASSWORD)
    cover.unlock_button.click()
    assert not lock.locked
    assert field.text() == "Half-typed meeting notes" and draft.isVisible()
    assert any(a.isEnabled() for a in window.menuBar().actions()[0].menu().actions())
    draft.close()


def test_lock_now_in_settings(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not window.settings_page.lock_now_button.isEnabled()
    _set_password_in_settings(window, monkeypatch)
    window.settings_page.lock_now_button.click()
    assert window.idle_lock.locked
    assert window.idle_lock.unlock(PASSWORD)


def test_the_audit_trail_shows_one_records_history_and_exports_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.model import Person
    from ui.dialogs.audit_dialog import AuditDialog

    window.context.preferences.coordinator_name = "Morag Coordinator"
    window.context.save_preferences()
    person_id = window.context.ops.read(lambda s: s.scalar(select(Person.id).order_by(Person.id)))
    assert person_id is not None

    def rename(s: Any) -> None:
        person = s.get(Person, person_id)
        person.preferred_name = "Mo"

    window.context.ops.run(window, rename)
    dialog = AuditDialog(window.context, window, table="person", record_id=person_id)
    qtbot.addWidget(dialog)
    assert dialog.rows and dialog.rows[0].who == "Morag Coordinator"
    assert dialog.rows[0].action == "changed" and dialog.rows[0].fields == "preferred_name"
    who = dialog.table.item(0, 1)
    assert who is not None and who.text() == "Morag Coordinator"
    written = dialog.export(str(tmp_path / "trail.csv"))
    assert written is not None and "preferred_name" in written.read_text(encoding="utf-8-sig")

    opened: list[AuditDialog] = []

    def fake_exec(self: AuditDialog) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(AuditDialog, "exec", fake_exec)
    window.settings_page.audit_button.click()
    assert opened and opened[0].kind.currentData() == ""


def test_peoples_rights_export_and_erase_from_the_window(
    window: MainWindow, qtbot: QtBot, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.model import Match, Participant
    from ui.dialogs.privacy_dialog import PrivacyDialog

    def first_mentee(s: Any) -> tuple[int, str]:
        match = s.scalars(select(Match).order_by(Match.id)).first()
        person = s.get_one(Person, s.get_one(Participant, match.mentee_id).person_id)
        return person.id, person.last_name

    person_id, last_name = window.context.ops.read(first_mentee)
    dialog = PrivacyDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.person.setCurrentIndex(dialog.person.findData(person_id))
    written = dialog.export(str(tmp_path))
    assert [p.suffix for p in written] == [".json", ".pdf"]
    assert last_name in written[0].read_text(encoding="utf-8")
    assert "Nobody's retention period is over." in dialog.due_list.item(0).text()

    monkeypatch.setattr(
        "ui.dialogs.privacy_dialog.QInputDialog.getText",
        lambda *_args, **_kw: ("Asked by e-mail", True),
    )
    assert dialog.erase()
    assert dialog.person.findData(person_id) == -1  # anonymised: no longer offered
    name = window.context.ops.read(lambda s: s.get_one(Person, person_id).last_name)
    assert name != last_name

    opened: list[PrivacyDialog] = []

    def fake_exec(self: PrivacyDialog) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(PrivacyDialog, "exec", fake_exec)
    window.settings_page.privacy_button.click()
    assert opened
