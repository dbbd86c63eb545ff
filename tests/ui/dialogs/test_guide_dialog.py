"""Help > User guide, and "What is this page?" opening it at the page's own section."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.dialogs.guide_dialog import GuideDialog, guide_html
from ui.main_window import MainWindow


def test_the_guide_has_a_section_for_every_page(window: MainWindow) -> None:
    html = guide_html()
    for entry in window.entries:
        assert f'<a name="{entry.key}">' in html, entry.key
    assert "Move to another computer" in html and "Bring your data from another computer" in html


def test_help_opens_the_guide_and_what_is_this_page_opens_its_section(
    qtbot: QtBot, window: MainWindow
) -> None:
    first = window.show_user_guide()
    assert isinstance(first, GuideDialog) and "short user guide" in first.text.toPlainText()
    first.close()
    window.go_to("people")
    guide = window.show_page_help()
    assert isinstance(guide, GuideDialog) and guide.section == "people"
    qtbot.addWidget(guide)
    qtbot.waitExposed(guide)
    qtbot.waitUntil(lambda: guide.text.verticalScrollBar().value() > 0)  # down at "People"
    guide.close()
