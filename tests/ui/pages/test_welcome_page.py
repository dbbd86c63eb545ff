"""The first day: the welcome page stands in for Today until there is a programme, and each of
its ways in works, and it offers a password for the data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.first_run import demo_folder_for, is_demo_folder
from app.model import Programme
from app.services.changes import Changes
from app.storage import Database, moving
from ui import application
from ui.main_window import MainWindow
from ui.pages import welcome_page
from ui.pages.welcome_page import WelcomePage
from ui.wizards.planning_wizard import PlanningWizard


@pytest.fixture
def first_day(qtbot: QtBot, db: Database) -> Iterator[MainWindow]:
    application.create_application()
    win = application.build_window(db, synchronous_tasks=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_an_empty_folder_opens_on_the_welcome_page(first_day: MainWindow) -> None:
    shown = first_day.stack.currentWidget()
    assert isinstance(shown, WelcomePage)
    about = shown.findChild(QLabel, "welcome-about")
    assert about is not None and "on this computer" in about.text()
    texts = [shown.plan_button.text(), shown.demo_button.text(), shown.restore_button.text()]
    assert texts == [
        "&Start a new programme…",
        "&Look around the demo programme",
        "&Bring your data from another computer…",
    ]


def test_the_demo_window_is_not_offered_a_welcome_and_the_window_has_one_page_built(
    window: MainWindow,
) -> None:
    assert window.welcome is None
    assert not isinstance(window.stack.currentWidget(), WelcomePage)


def _start_planning(window: MainWindow) -> PlanningWizard:
    """Start a new programme… on the welcome page; the wizard it opens."""
    page = window.welcome
    assert page is not None
    page.plan_button.click()
    assert isinstance(page.wizard, PlanningWizard)
    return page.wizard


def test_start_a_new_programme_opens_the_planning_wizard(
    qtbot: QtBot, first_day: MainWindow
) -> None:
    wizard = _start_planning(first_day)
    assert wizard.isVisible()
    wizard.close()


def test_the_wizard_goes_on_after_its_first_page_makes_the_programme(
    qtbot: QtBot, first_day: MainWindow
) -> None:
    # GIVEN the planning wizard, started from the welcome page
    wizard = _start_planning(first_day)
    wizard.details_page.name.setText("Little Acorns Mentoring")
    wizard.details_page.organisation.setText("Little Acorns Nursery")
    # WHEN Next saves the details, which makes the programme (so the welcome page goes)
    wizard.next()
    qtbot.wait(50)  # the welcome page is deleted later, and the wizard must outlive it
    # THEN the wizard is still open, on its second page, and the window is on Today
    assert shiboken6.isValid(wizard) and wizard.isVisible()
    assert wizard.currentId() == 1
    assert first_day.welcome is None
    assert first_day.stack.currentWidget() is first_day.today_page
    wizard.close()


def test_once_a_programme_exists_the_window_goes_to_today(first_day: MainWindow) -> None:
    first_day.context.ops.run(
        first_day, lambda s: s.add(Programme(name="Little Acorns", organisation="Acorns"))
    )
    first_day.context.ops.changes_made.emit(Changes(programmes=True))
    assert first_day.welcome is None
    assert first_day.stack.currentWidget() is first_day.today_page


def test_the_demo_opens_in_its_own_marked_folder(
    first_day: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []

    def start(program: str, arguments: list[str]) -> bool:
        started.append((program, arguments))
        return True

    monkeypatch.setattr(welcome_page, "start_detached", start)
    page = first_day.welcome
    assert page is not None
    assert page.open_demo()
    demo = demo_folder_for(first_day.context.database.paths)
    assert is_demo_folder(demo) and demo.database.is_file()
    assert started and started[0][1][-2:] == ["--data", str(demo.folder)]
    # the real folder still holds no programme
    with first_day.context.database.session() as s:
        assert s.scalars(select(Programme)).all() == []


def test_a_window_on_the_demo_folder_says_demo(qtbot: QtBot, first_day: MainWindow) -> None:
    from app.first_run import prepare_demo
    from app.storage import open_database

    demo = prepare_demo(demo_folder_for(first_day.context.database.paths))
    database = open_database(demo, backup_on_open=False)
    win = application.build_window(database, synchronous_tasks=True)
    qtbot.addWidget(win)
    try:
        assert win.windowTitle().startswith("Demo – ")
        banner = win.findChild(type(win.programme_title), "demo-banner")
        assert banner is not None and "made up" in banner.text()
        assert win.welcome is None
    finally:
        win.close()
        database.close(backup=False)


def test_bringing_data_from_another_computer_restores_the_move_file(
    qtbot: QtBot,
    first_day: MainWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN a move file made on the old computer, with its settings
    demo_db.paths.preferences.write_text('{"coordinator_name": "Morag"}', encoding="utf-8")
    move = tmp_path / ("old-pc" + moving.SUFFIX)
    moving.write_move_file(demo_db.paths, move)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(move), ""))
    asked: list[str] = []

    def yes(*args: object, **_k: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    replaced: list[MainWindow] = []
    first_day.restore_requested.connect(
        lambda path: replaced.append(application.restore_into(first_day, path))
    )
    # WHEN the coordinator picks it on the welcome page
    page = first_day.welcome
    assert page is not None
    page.choose_restore()
    # THEN the new window holds the old computer's data and settings, on Today
    assert replaced and replaced[0] is not first_day
    new = replaced[0]
    qtbot.addWidget(new)
    assert "old-pc" in asked[0] and "made by Mentor Desk" in asked[0]
    with new.context.database.session() as s:
        assert len(s.scalars(select(Programme)).all()) >= 1
    assert new.welcome is None
    assert new.context.preferences.coordinator_name == "Morag"
    new.close()
    new.context.database.close(backup=False)


def test_the_first_day_offers_a_password_and_sets_it(
    first_day: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.storage import encryption
    from ui.dialogs.password_dialogs import SetPasswordDialog

    shown = first_day.stack.currentWidget()
    assert isinstance(shown, WelcomePage)
    assert shown.password_button.isVisible()
    assert "cannot be recovered" in shown.password_hint.text()

    def fake_exec(dialog: SetPasswordDialog) -> int:
        dialog.new.setText("lantern-puffin-22")
        dialog.repeat.setText("lantern-puffin-22")
        dialog.print_sheet.setChecked(False)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SetPasswordDialog, "exec", fake_exec)
    try:
        shown.password_button.click()
        database = first_day.context.database.paths.database
        assert encryption.is_encrypted(database)
        assert not shown.password_button.isVisible()  # offered no more
    finally:
        encryption.forget_all()


def test_protected_data_from_another_computer_asks_for_its_password(
    qtbot: QtBot,
    first_day: MainWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.storage import encryption, password
    from ui.dialogs import password_dialogs

    # GIVEN a move file of data protected by a password on the old computer
    old = demo_db.paths
    demo_db.close(backup=False)
    move = tmp_path / ("old-pc" + moving.SUFFIX)
    try:
        password.change_password(old, "lantern-puffin-22")
        moving.write_move_file(old, move)
        encryption.forget_all()  # this computer has never seen it
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(move), ""))
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        warned: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
        prompted: list[Path] = []

        def type_it(folder: Path, database: Path, parent: object) -> bool:
            prompted.append(database)
            encryption.unlock(folder, database, "lantern-puffin-22")
            return True

        monkeypatch.setattr(password_dialogs, "ask_password", type_it)
        replaced: list[MainWindow] = []
        first_day.restore_requested.connect(
            lambda path: replaced.append(application.restore_into(first_day, path))
        )
        # WHEN it is brought in from the welcome page
        page = first_day.welcome
        assert page is not None
        page.choose_restore()
        # THEN the password was asked for once, and the data is in, still protected
        assert warned == []
        assert len(prompted) == 1
        assert replaced and replaced[0] is not first_day
        new = replaced[0]
        qtbot.addWidget(new)
        with new.context.database.session() as s:
            assert len(s.scalars(select(Programme)).all()) >= 1
        assert encryption.is_encrypted(new.context.database.paths.database)
        new.close()
        new.context.database.close(backup=False)
    finally:
        encryption.forget_all()
