"""The main window on the demo data, offscreen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.storage import Database
from tests.ui.helpers import cell_text, item_text
from ui.application import build_window, window_settings
from ui.main_window import MainWindow
from ui.pages.programmes_page import ProgrammesPage
from ui.pages.settings_page import SettingsPage
from ui.pages.today_page import TodayPage
from ui.widgets.print_preview import PrintPreviewDialog


def test_opens_on_the_demo_with_pages_menus_and_picker(window: MainWindow) -> None:
    titles = [item_text(window.nav, i) for i in range(window.nav.count())]
    assert titles[0].startswith("Today") and titles[1] == "Programmes" and "Settings" in titles
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[0] == "File" and menus[-1] == "Help"
    assert window.programme_picker.isVisible()  # the demo has two programmes
    assert window.programme_picker.count() == 2
    assert "Growing Together" in window.windowTitle()
    assert window.backup_status.text()


def test_picking_a_programme_changes_the_current_one(qtbot: QtBot, window: MainWindow) -> None:
    picker = window.programme_picker
    other = 1 - picker.currentIndex()
    picker.setCurrentIndex(other)
    picker.activated.emit(other)
    assert window.context.programme_id == picker.itemData(other)
    assert picker.currentText() in window.windowTitle()


def test_keyboard_moves_between_pages(qtbot: QtBot, window: MainWindow) -> None:
    settings_number = [p.KEY for p in window.pages].index("settings") + 1
    key = Qt.Key(Qt.Key.Key_0.value + settings_number)
    QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), SettingsPage)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), ProgrammesPage)
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), TodayPage)


def test_back_up_now_adds_a_backup_to_settings(qtbot: QtBot, window: MainWindow) -> None:
    window.go_to("settings")
    before = window.settings_page.table.rowCount()
    window.backup_action.trigger()
    assert window.settings_page.table.rowCount() == before + 1
    assert "Made by you" in cell_text(window.settings_page.table, 0, 1)


def test_window_size_is_remembered_and_it_opens_on_today(qtbot: QtBot, demo_db: Database) -> None:
    first = build_window(demo_db, synchronous_tasks=True)
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 650)
    first.go_to("settings")
    first.close()
    assert window_settings(demo_db.paths).value("main/geometry") is not None

    second = build_window(demo_db, synchronous_tasks=True)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (790, 650)
    assert isinstance(second.stack.currentWidget(), TodayPage)
    second.close()


def test_print_summary_opens_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    window.print_summary()
    preview = window.findChild(PrintPreviewDialog, "print-preview")
    assert preview is not None
    assert preview.page_count() >= 1
    preview.close()


def test_a_day_set_on_purpose_is_shown_in_the_status_bar(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MENTORDESK_TODAY makes the whole window live on that day, and the window says so."""
    from ui.application import build_window, create_application

    monkeypatch.setenv("MENTORDESK_TODAY", "2027-02-28")
    create_application()
    win = build_window(demo_db, synchronous_tasks=True)
    qtbot.addWidget(win)
    assert win.context.today() == date(2027, 2, 28)
    assert win.set_day_status.text() == "Working as if today were 28/02/2027"
    win.close()


def test_the_pcs_own_day_needs_no_note(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.application import build_window, create_application

    monkeypatch.delenv("MENTORDESK_TODAY")
    create_application()
    win = build_window(demo_db, synchronous_tasks=True)
    qtbot.addWidget(win)
    assert win.set_day_status.isHidden()
    win.close()
