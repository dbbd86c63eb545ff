"""Goal dialogs: messages next to the fields, prompts that never block."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.services.goals import GoalDetails
from ui.dialogs.goal_dialogs import ActionDialog, GoalDialog, GoalSettingsDialog
from ui.dialogs.goal_help_dialog import GoalHelpDialog


def test_goal_dialog_shows_problems_by_their_fields(qtbot: QtBot, today: date) -> None:
    dialog = GoalDialog(scale_max=5, today=today)
    qtbot.addWidget(dialog)
    dialog.target_on.edit.setText("31/02/2027")
    dialog.baseline_rating.setValue(4)
    dialog.target_rating.setValue(2)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "title" in dialog.form.error_text("title")
    assert "no such date" in dialog.form.error_text("target_on")
    assert "above the baseline" in dialog.form.error_text("target_rating")


def test_smart_prompts_never_stop_a_goal_being_saved(qtbot: QtBot, today: date) -> None:
    dialog = GoalDialog(today=today)
    qtbot.addWidget(dialog)
    dialog.title.setText("Confidence")
    assert "? Specific" in dialog.smart.text()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.details().title == "Confidence"


def test_reason_field_only_for_a_locked_baseline(qtbot: QtBot, today: date) -> None:
    free = GoalDialog(GoalDetails(title="Lead group time", baseline_rating=3), today=today)
    locked = GoalDialog(
        GoalDetails(title="Lead group time", baseline_rating=3), baseline_locked=True, today=today
    )
    for dialog in (free, locked):
        qtbot.addWidget(dialog)
        dialog.show()
    assert not free.baseline_reason.isVisible()
    assert locked.baseline_reason.isVisible()
    locked.accept()  # baseline unchanged: no reason needed
    assert locked.result() == QDialog.DialogCode.Accepted


def test_action_dialog_needs_a_description(qtbot: QtBot, today: date) -> None:
    dialog = ActionDialog(people=["Amy Johnstone", "Fiona MacLeod"], today=today)
    qtbot.addWidget(dialog)
    assert dialog.who.currentText() == "Amy Johnstone"
    dialog.accept()
    assert "Say what the action is." in dialog.form.error_text("description")


def test_settings_dialog_reads_back_the_numbers(qtbot: QtBot) -> None:
    from app.services.goals import GoalSettings

    dialog = GoalSettingsDialog(GoalSettings(10, 3))
    qtbot.addWidget(dialog)
    dialog.scale.setValue(5)
    dialog.accept()
    assert dialog.settings() == GoalSettings(5, 3)


def test_help_dialog_needs_at_least_one_goal(qtbot: QtBot, today: date) -> None:
    dialog = GoalHelpDialog(mentee="Amy Johnstone", today=today)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "at least one" in dialog.first_form.error_text("goal1_title")
