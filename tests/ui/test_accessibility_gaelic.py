"""With the language set to Gaelic (by MENTORDESK_LANGUAGE, or saved in Settings and read at
the next start), the navigation, the menus and Qt's own buttons are in Gaelic."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from app import i18n
from app.settings import load_preferences
from app.storage import Database
from ui.application import build_window, create_application
from ui.main_window import MainWindow
from ui.translations import install_qt_translations

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.install(None)
    install_qt_translations()


def _open(qtbot: QtBot, database: Database) -> MainWindow:
    create_application()
    window = build_window(database, synchronous_tasks=True)
    qtbot.addWidget(window)
    window.show()
    return window


def _navigation(window: MainWindow) -> list[str]:
    return [item.text() for i in range(window.nav.count()) if (item := window.nav.item(i))]


def _menus(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_gaelic_by_the_variable(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "gd")
    window = _open(qtbot, demo_db)
    navigation = _navigation(window)
    assert navigation[1:6] == ["Prògraman", "Frèam", "Daoine", "Maidseadh", "Coinneamhan"]
    assert navigation[0].startswith("An-diugh")
    assert _menus(window) == ["&Faidhle", "&Rach", "&Cobhair"]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    entries = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert "&Sguir" in entries and "&Aisig o lethbhreac-glèidhidh…" in entries
    # The undo-restore entry still lands just after Restore (found by its translated text)
    assert (
        entries.index("&Neo-dhèan an aiseag mu dheireadh")
        == entries.index("&Aisig o lethbhreac-glèidhidh…") + 1
    )
    # AND Qt's own buttons speak Gaelic too (qtbase_gd)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None and cancel.text().replace("&", "") != "Cancel"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    window.close()


def test_gaelic_saved_in_settings_shows_after_a_restart(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_VARIABLE, raising=False)
    first = _open(qtbot, demo_db)
    assert "People" in _navigation(first)
    # WHEN Gaelic is chosen on the Settings page and the window opens again
    from ui.pages.settings_page import SettingsPage

    first.go_to("settings")
    settings = first.stack.currentWidget()
    assert isinstance(settings, SettingsPage)
    settings.language_box.setCurrentIndex(settings.language_box.findData("gd"))
    settings.language_box.activated.emit(settings.language_box.currentIndex())
    assert "next time" in settings.language_note.text()
    first.close()
    assert load_preferences(demo_db.paths.preferences).language == "gd"
    again = _open(qtbot, demo_db)
    # THEN it speaks Gaelic
    assert "Daoine" in _navigation(again) and "&Faidhle" in _menus(again)
    again.close()
