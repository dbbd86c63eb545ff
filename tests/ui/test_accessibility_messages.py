"""Messages that appear without moving the focus reach a screen reader, and Escape asks before
throwing away changed rules."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.services import programme_settings
from tests.app.services.test_matching import make_programme
from ui.dialogs.rules_dialog import RulesDialog
from ui.main_window import MainWindow
from ui.pages.matching_page import MatchingPage
from ui.widgets import accessible, drafts

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


class Reader:
    """Stands in for the screen reader's side of QAccessible: records announcements."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    def isActive(self) -> bool:
        return True

    def updateAccessibility(self, event: Any) -> None:
        self.heard.append(event.message())


@pytest.fixture
def reader(monkeypatch: pytest.MonkeyPatch) -> Reader:
    found = Reader()
    monkeypatch.setattr(accessible, "QAccessible", found)
    return found


def test_saved_and_board_results_are_announced_and_undo_renews_the_message(
    qtbot: QtBot, window: MainWindow, reader: Reader
) -> None:
    with window.context.database.session() as s:
        pid, _mentors, _mentees = make_programme(s, 1, 1)
    window.context.set_programme(pid)
    window.go_to("matching")
    page = window.stack.currentWidget()
    assert isinstance(page, MatchingPage)
    page.refresh()
    # WHEN a pair is proposed on the board
    assert page.propose(
        page.waiting_model.rows[0].participant_id, page.mentor_model.rows[0].participant_id
    )
    # THEN the board's result and the status bar's "Saved." are both heard
    assert any(h.startswith("Proposed ") for h in reader.heard), reader.heard
    assert "Saved." in reader.heard
    # AND after Undo the board says what was undone, not the old "Proposed …"
    page.undo_stack.undo()
    assert page.status_label.text().startswith("Undone: propose ")
    assert reader.heard[-1] == page.status_label.text()
    page.undo_stack.redo()
    assert page.status_label.text().startswith("Done again: propose ")


def test_escape_asks_before_changed_rules_are_thrown_away(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = window.context.programme_id
    assert pid is not None
    rules = window.context.ops.read(lambda s: programme_settings.get_rules(s, pid))
    asked: list[bool] = []
    answers = iter([drafts.BACK, drafts.DISCARD])

    def ask(parent: object, can_keep: bool) -> str:
        asked.append(can_keep)
        return next(answers)

    monkeypatch.setattr("ui.dialogs.rules_dialog.ask_to_discard", ask)
    dialog = RulesDialog(rules, window)
    qtbot.addWidget(dialog)
    dialog.show()
    # Escape with nothing changed just closes
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []
    # WHEN a rule is changed and Escape pressed
    dialog.show()
    from PySide6.QtWidgets import QSpinBox

    spin = dialog.findChildren(QSpinBox)[0]
    spin.setValue(spin.value() + 1)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    # THEN it asks; "Go back" keeps the dialog open, "Discard" closes it
    assert asked == [False] and dialog.isVisible()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [False, False] and not dialog.isVisible()
