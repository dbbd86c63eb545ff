"""Help > About: the version from app/__init__.py, the licence, and the data folder."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app import LICENCE, __version__
from ui.dialogs import about_dialog
from ui.dialogs.about_dialog import AboutDialog, LicenceDialog
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
    pyproject = (Path(__file__).resolve().parents[3] / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "app.__version__" }' in pyproject
    assert f'license = "{LICENCE}"' in pyproject


def _about(qtbot: QtBot, window: MainWindow) -> AboutDialog:
    """Help > About, opened from the window."""
    about = window.show_about()
    assert isinstance(about, AboutDialog)
    qtbot.addWidget(about)
    return about


def _licence_words() -> list[str]:
    return (Path(__file__).resolve().parents[3] / "LICENSE").read_text(encoding="utf-8").split()


def test_read_the_licence_shows_its_whole_text_to_read_and_escape_closes_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    about = _about(qtbot, window)
    button = about.findChild(QPushButton, "read-licence")
    assert button is not None and button.isVisible() and button.text() == "&Read the licence"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    licence = about.licence_dialog
    assert isinstance(licence, LicenceDialog)
    qtbot.waitUntil(licence.isVisible)
    assert licence.windowTitle() == "Licence" and licence.found
    # every word of the GNU GPL as shipped, in order; nothing can be typed into it
    assert licence.text.toPlainText().split() == _licence_words()
    assert licence.text.isReadOnly()
    QTest.keyClicks(licence.text, "typed")
    assert "typed" not in licence.text.toPlainText()
    # long enough to scroll, and the keyboard scrolls it
    bar = licence.text.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    licence.text.setFocus()
    QTest.keyClick(licence.text, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    # a screen reader hears what it is; Tab leaves the text for Close
    assert licence.text.accessibleName() == "Licence text"
    assert button.accessibleName() == "Read the licence"
    assert licence.text.tabChangesFocus()
    # Escape closes the licence, and only the licence
    QTest.keyClick(licence.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not licence.isVisible())
    assert about.isVisible()
    # and it opens again
    button.click()
    qtbot.waitUntil(licence.isVisible)
    licence.reject()
    about.close()


def test_the_licence_is_found_beside_resources_in_the_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the bundle, `resources` is in _internal/ and build-linux.sh puts LICENSE beside it."""
    internal = tmp_path / "mentordesk" / "_internal"
    (internal / "resources").mkdir(parents=True)
    (internal / "resources" / "__init__.py").write_text("")
    (internal / "LICENSE").write_text("the bundled licence\n")
    spec = importlib.util.spec_from_file_location(
        "resources",
        internal / "resources" / "__init__.py",
        submodule_search_locations=[str(internal / "resources")],
    )
    assert spec is not None
    monkeypatch.setitem(sys.modules, "resources", importlib.util.module_from_spec(spec))
    assert about_dialog.licence_file() == internal / "LICENSE"
    assert about_dialog.licence_text() == "the bundled licence\n"
    # lost from _internal: the copy beside the program
    (internal / "LICENSE").unlink()
    (internal.parent / "LICENSE").write_text("beside the program\n")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(internal.parent / "mentordesk"))
    assert about_dialog.licence_text() == "beside the program\n"


def test_a_copy_without_its_licence_says_where_to_read_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(about_dialog, "licence_text", lambda: None)
    dialog = LicenceDialog()
    qtbot.addWidget(dialog)
    assert not dialog.found
    text = dialog.text.toPlainText()
    assert "missing" in text and about_dialog.LICENCE_URL in text


def test_the_licence_reflows_to_the_window_and_keeps_its_headings() -> None:
    sample = (
        "                            Preamble\n\n"
        "  The GNU General Public License is a free, copyleft license for\n"
        "software and other kinds of works.\n"
    )
    assert about_dialog.reflowed(sample) == (
        "Preamble\n\n"
        "The GNU General Public License is a free, copyleft license for software and other "
        "kinds of works."
    )


def test_enter_closes_about_rather_than_opening_the_licence(
    qtbot: QtBot, window: MainWindow
) -> None:
    about = _about(qtbot, window)
    qtbot.waitExposed(about)
    focused = about.focusWidget()
    assert isinstance(focused, QPushButton) and focused.text() == "Close"
    QTest.keyClick(focused, Qt.Key.Key_Return)
    assert not about.isVisible()
    assert about.licence_dialog is None
