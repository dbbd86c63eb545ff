"""Help > About: the version from app/__init__.py, the licence, and the data folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app import LICENCE, __version__
from ui.dialogs.about_dialog import AboutDialog
from ui.main_window import MainWindow


def test_about_shows_the_version_licence_and_data_folder(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"version {__version__}" in texts and LICENCE in texts
    folder = window.context.database.paths.folder
    assert dialog.folder.text() == str(folder)
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog.open_folder.click()
    assert opened == [QUrl.fromLocalFile(str(folder))]
    dialog.close()


def test_the_version_is_written_in_one_place() -> None:
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parents[3] / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "app.__version__" }' in pyproject
    assert f'license = "{LICENCE}"' in pyproject
