"""Editors inside table cells, for a screen reader and a keyboard user: each says which row and
column it is for, F2 or Enter on a row reaches it, Escape goes back to the table, and Tab leaves
the table (never trapped going round its cells)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.services import meetings
from tests.ui.accessibility_audit import audit
from tests.ui.helpers import focused, programme_id
from ui.dialogs.goal_help_dialog import GoalHelpDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.main_window import MainWindow
from ui.pages.meetings_page import MeetingsPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)
    QApplication.processEvents()


def give_focus(widget: QWidget) -> None:
    widget.setFocus()
    QApplication.processEvents()
    assert focused() is widget


def _meeting_dialog(qtbot: QtBot, window: MainWindow, today: date) -> MeetingDialog:
    window.go_to("meetings")
    page = window.stack.currentWidget()
    assert isinstance(page, MeetingsPage)
    match_id = page.selected_match_id()
    assert match_id is not None
    form = window.context.ops.read(lambda s: meetings.new_meeting_form(s, match_id, today))
    assert form.details.reviews, "the demo's first match has action points left open"
    dialog = MeetingDialog(form, today=today)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def test_a_meeting_logs_cell_editors_say_their_row_and_are_reached_by_keyboard(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    dialog = _meeting_dialog(qtbot, window, today)
    first = dialog.form_data.details.reviews[0].text
    outcome = dialog.reviews.cellWidget(0, 4)
    assert isinstance(outcome, QComboBox)
    assert outcome.accessibleName() == f"What happened to: {first}"
    # WHEN the coordinator adds an action point with the keyboard and types it
    give_focus(dialog.add_action_button)
    key(Qt.Key.Key_Space)
    editor = focused()
    assert isinstance(editor, QLineEdit) and editor.accessibleName() == "Action point, row 1"
    QTest.keyClicks(editor, "Read the induction pack")
    key(Qt.Key.Key_Return)
    # THEN who will do it is named for it, and Right then Enter reaches that choice
    assert focused() is dialog.action_points
    owner = dialog.action_points.cellWidget(0, 1)
    assert isinstance(owner, QComboBox)
    assert owner.accessibleName() == "By whom: Read the induction pack"
    key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Return)
    assert focused() is owner
    key(Qt.Key.Key_Down)  # arrows change the choice
    assert owner.currentIndex() == 1
    key(Qt.Key.Key_Escape)  # and Escape goes back to the table, the dialog stays open
    assert focused() is dialog.action_points and dialog.isVisible()
    # AND F2 on the date opens a line named for its column and row
    dialog.action_points.setCurrentCell(0, 2)
    key(Qt.Key.Key_F2)
    assert focused().accessibleName() == "By when: Read the induction pack"
    QTest.keyClicks(focused(), "07/12/2026")
    # AND Tab keeps the date and leaves the table for the next control
    key(Qt.Key.Key_Tab)
    assert not dialog.action_points.isAncestorOf(focused())
    assert dialog.action_points.model().index(0, 2).data() == "07/12/2026"
    # AND on last time's action points Enter reaches the row's "What happened"
    give_focus(dialog.reviews)
    dialog.reviews.setCurrentCell(0, 0)
    key(Qt.Key.Key_Return)
    assert focused() is outcome
    # AND the audit finds nothing unnamed in any cell
    assert audit(dialog) == []
    dialog.done(0)


def test_the_import_mapping_names_each_choice_for_its_column(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    wizard = ImportWizard(window.context, programme_id(window), today=today)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    wizard.file_page.path.setText(str(FIXTURES / "people_calc.ods"))
    wizard.next()
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    heading = mapping.grid.model().index(2, 0).data()
    assert mapping.combos[2].accessibleName() == f"What the column “{heading}” holds"
    assert audit(wizard) == []
    give_focus(mapping.grid)
    mapping.grid.setCurrentCell(2, 1)
    key(Qt.Key.Key_F2)
    assert focused() is mapping.combos[2]
    # AND Tab from the table goes on through the choices, the current row following them
    give_focus(mapping.grid)
    key(Qt.Key.Key_Tab)
    assert focused() is mapping.combos[0] and mapping.grid.currentRow() == 0
    key(Qt.Key.Key_Tab)
    assert focused() is mapping.combos[1] and mapping.grid.currentRow() == 1


def test_a_goals_steps_are_named_and_tab_leaves_their_table(qtbot: QtBot, today: date) -> None:
    dialog = GoalHelpDialog(mentee="Amy Johnstone", today=today)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    assert audit(dialog) == []
    tab = dialog.goal_tabs[0]
    steps = tab.steps
    steps.setCurrentCell(1, 0)
    give_focus(steps)
    key(Qt.Key.Key_F2)
    assert focused().accessibleName() == "Step, row 2"
    QTest.keyClicks(focused(), "Find a first-aid course")
    key(Qt.Key.Key_Return)
    steps.setCurrentCell(1, 1)
    key(Qt.Key.Key_F2)
    assert focused().accessibleName() == "Time frame: Find a first-aid course"
    key(Qt.Key.Key_Tab)
    assert not steps.isAncestorOf(focused())
