"""The Goals page on the demo: matches, goal cards with charts and action plans, the dialogs
that add goals, actions, ratings and status changes, the nudge and the printouts."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.services import goals
from tests.ui.helpers import cell_text
from ui.dialogs.goal_dialogs import (
    ActionDialog,
    GoalDialog,
    GoalSettingsDialog,
    RatingDialog,
    StatusDialog,
)
from ui.dialogs.goal_help_dialog import GoalHelpDialog
from ui.main_window import MainWindow
from ui.pages import goals_page
from ui.pages.goals_page import GoalsPage
from ui.widgets.goal_card import GoalCard


def _page(window: MainWindow) -> GoalsPage:
    window.go_to("goals")
    page = window.stack.currentWidget()
    assert isinstance(page, GoalsPage)
    return page


def _select(page: GoalsPage, mentee: str) -> None:
    row = next(r for r in page.rows if r.mentee == mentee)
    page.select_match(row.match_id)


def _card(page: GoalsPage, goal_id: int) -> GoalCard:
    """The goal's card, which must be shown."""
    card = page.card_for(goal_id)
    assert card is not None
    return card


def test_goals_page_is_in_the_navigation_before_settings(window: MainWindow) -> None:
    keys = [p.KEY for p in window.pages]
    assert keys.index("goals") < keys.index("settings")


def test_selected_matchs_goals_show_with_charts_and_flagged_overdue_actions(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(window)
    assert "Amy Johnstone" in page.match_list.item(0).text()
    _select(page, "Erin Thomson")
    assert page.match_title.text() == "Erin Thomson, mentored by Aileen Henderson"
    assert len(page.cards) == 4
    assert page.nudge_label.isVisible()
    assert "no more than 3" in page.nudge_label.text()
    for card in page.cards:
        series = window.context.ops.read(partial(goals.progress_series, goal_id=card.goal.id))
        assert card.chart.series == series
        assert card.chart.accessibleDescription()
    overdue = [
        cell_text(card.actions_table, row, 3)
        for card in page.cards
        for row in range(card.actions_table.rowCount())
        if card.goal.actions[row].overdue
    ]
    assert overdue and all(text == "⚠ Overdue" for text in overdue)
    assert f"{len(overdue)} action" in page.summary_label.text()


def test_new_goal_through_the_dialog_shows_smart_prompts_and_adds_a_card(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    _select(page, "Olivia Grant")
    assert page.cards == [] and page.empty_label.isVisible()
    seen: dict[str, str] = {}

    class FilledDialog(GoalDialog):
        def exec(self) -> int:
            self.title.setText("Be confident")
            seen["vague"] = self.smart.text()
            self.title.setText("Lead the story session for my key group")
            self.target.setText("Lead story time twice a week")
            self.success_criteria.setPlainText("Room leader observes one session")
            self.target_on.edit.setText("26/02/2027")
            self.target_on.edited.emit()
            seen["better"] = self.smart.text()
            self.baseline_rating.setValue(3)
            self.target_rating.setValue(8)
            self.accept()
            return int(self.result())

    monkeypatch.setattr(goals_page, "GoalDialog", FilledDialog)
    page.new_button.click()
    assert "? Specific" in seen["vague"] and "? Time-bound" in seen["vague"]
    assert "✓ Specific" in seen["better"] and "✓ Time-bound" in seen["better"]
    assert [c.goal.title for c in page.cards] == ["Lead the story session for my key group"]
    assert "Baseline 3" in page.cards[0].rating_label.text()
    assert "1 goal" in page.match_list.currentItem().text()


def test_record_progress_change_status_and_add_an_action(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    page = _page(window)
    _select(page, "Lauren Scott")
    card = page.cards[0]
    goal_id = card.goal.id
    points = len(card.chart.series)

    class Rate(RatingDialog):
        def exec(self) -> int:
            self.rating.setValue(6)
            self.note.setPlainText("Led two sessions on her own")
            self.accept()
            return int(self.result())

    class Achieve(StatusDialog):
        def exec(self) -> int:
            self.accept()  # no reason needed to mark achieved
            return int(self.result())

    class NewAction(ActionDialog):
        def exec(self) -> int:
            self.description.setPlainText("Share the plan with the room team")
            self.due_on.edit.setText("01/11/2099")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(goals_page, "RatingDialog", Rate)
    _card(page, goal_id).rate_button.click()
    card = _card(page, goal_id)
    assert len(card.chart.series) == points + 1
    assert card.chart.series[-1] == (today, 6)

    monkeypatch.setattr(goals_page, "ActionDialog", NewAction)
    card.add_action_button.click()
    card = _card(page, goal_id)
    texts = [cell_text(card.actions_table, r, 0) for r in range(card.actions_table.rowCount())]
    assert "Share the plan with the room team" in texts

    monkeypatch.setattr(goals_page, "StatusDialog", Achieve)
    card.status_button.click()
    card = _card(page, goal_id)
    assert "Achieved" in card.status_label.text()
    assert not card.rate_button.isEnabled()
    history = window.context.ops.read(lambda s: goals.goal_view(s, goal_id, today).status_history)
    assert history[-1].to_status.value == "achieved"


def test_dropping_a_goal_needs_a_reason_next_to_the_field(qtbot: QtBot, today: date) -> None:
    from app.model import GoalStatus, GoalTerm
    from app.services.goals import GoalView

    view = GoalView(
        1, "Lead group time", "", GoalTerm.SHORT, GoalStatus.IN_PROGRESS, 3, "",
        date(2026, 9, 1), "", 8, "", None, None, [], [], [], [], [],
    )  # fmt: skip
    dialog = StatusDialog(view, today=today)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData(GoalStatus.DROPPED))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Say why" in dialog.form.error_text("reason")


def test_changing_a_baseline_after_progress_asks_for_a_reason(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    page = _page(window)
    _select(page, "Holly Murray")
    goal_id = next(c.goal.id for c in page.cards if c.goal.ratings)
    errors: dict[str, str] = {}

    class ChangeBaseline(GoalDialog):
        def exec(self) -> int:
            assert self.baseline_locked
            self.baseline_rating.setValue(self.baseline_rating.value() + 1)
            self.accept()
            errors["first"] = self.form.error_text("baseline_reason")
            self.baseline_reason.setText("First rating was too low")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(goals_page, "GoalDialog", ChangeBaseline)
    _card(page, goal_id).edit_button.click()
    assert "why the baseline" in errors["first"]
    view = window.context.ops.read(lambda s: goals.goal_view(s, goal_id, today))
    assert view.baseline_changes[-1].reason == "First rating was too low"
    assert "Baseline changed on" in _card(page, goal_id).details_label.text()


def test_goal_setting_help_turns_answers_into_draft_goals(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    _select(page, "Olivia Grant")
    typed: list[object] = []

    class Answered(GoalHelpDialog):
        def exec(self) -> int:
            if not typed:  # first time: type, then close without making goals
                self.aim.setPlainText("Feel ready to become a room leader")
                self.goal_edits[0].setText("Lead story time for my key group")
                tab = self.goal_tabs[0]
                tab.rating.setValue(2)
                step, when = tab.steps.item(0, 0), tab.steps.item(0, 1)
                assert step is not None and when is not None
                step.setText("Watch Catriona lead a story session")
                when.setText("Within two weeks")
                tab.target_on.edit.setText("31/01/2027")
                tab.resources.setPlainText("Story sacks from the library")
                typed.append(self)
                return int(QDialog.DialogCode.Rejected)
            assert self is typed[0]  # reopened with everything typed still there
            assert self.goal_edits[0].text() == "Lead story time for my key group"
            self.accept()
            return int(self.result())

    monkeypatch.setattr(goals_page, "GoalHelpDialog", Answered)
    page.help_button.click()
    assert page.cards == []
    page.help_button.click()
    [card] = page.cards
    assert card.goal.title == "Lead story time for my key group"
    assert card.goal.why == "Feel ready to become a room leader"
    assert card.goal.baseline_rating == 2
    assert card.goal.target_on == date(2027, 1, 31)
    assert [a.description for a in card.goal.actions] == [
        "Watch Catriona lead a story session",
        "Line up the help and resources needed: Story sacks from the library",
    ]
    assert card.goal.actions[0].timescale == "Within two weeks"


def test_goal_settings_change_the_scale_and_the_nudge(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    _select(page, "Amy Johnstone")
    assert not page.nudge_label.isVisible()

    class Fewer(GoalSettingsDialog):
        def exec(self) -> int:
            self.suggested.setValue(1)
            self.accept()
            return int(self.result())

    monkeypatch.setattr(goals_page, "GoalSettingsDialog", Fewer)
    page.settings_button.click()
    _select(page, "Amy Johnstone")
    assert page.nudge_label.isVisible()
    assert "no more than 1" in page.nudge_label.text()


def test_print_buttons_open_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    from ui.widgets.print_preview import PrintPreviewDialog

    page = _page(window)
    _select(page, "Amy Johnstone")
    page.print_plan_button.click()
    previews = page.findChildren(PrintPreviewDialog)
    assert previews
    for preview in previews:
        preview.close()


def test_remove_an_action_and_bring_it_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    _select(page, "Zara Ahmed")
    card = page.cards[0]
    goal_id, action_id = card.goal.id, card.goal.actions[0].id
    card.select_action(action_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    card.remove_button.click()
    card = _card(page, goal_id)
    assert cell_text(card.actions_table, 0, 3).startswith("Removed")
    card.select_action(action_id)
    assert card.remove_button.text() == "Bring back action"
    card.remove_button.click()
    card = _card(page, goal_id)
    assert not cell_text(card.actions_table, 0, 3).startswith("Removed")


def test_mark_an_action_done(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    _select(page, "Erin Thomson")
    card = next(c for c in page.cards if c.goal.overdue_actions)
    goal_id, action = card.goal.id, card.goal.overdue_actions[0]
    card.select_action(action.id)
    assert card.done_button.isEnabled()
    card.done_button.click()
    card = _card(page, goal_id)
    row = next(i for i, a in enumerate(card.goal.actions) if a.id == action.id)
    assert cell_text(card.actions_table, row, 3).startswith("✓ Done")


def test_a_programme_without_matches_says_so_and_offers_no_goal_buttons(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(window)
    other = 1 - window.programme_picker.currentIndex()
    window.programme_picker.setCurrentIndex(other)
    window.programme_picker.activated.emit(other)
    assert page.match_list.count() == 0
    assert page.match_title.text() == "No matches to set goals for yet."
    assert not page.new_button.isEnabled() and not page.print_plan_button.isEnabled()
    assert page.settings_button.isEnabled()


def test_goals_still_being_worked_on_come_first(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    _select(page, "Amy Johnstone")
    open_flags = [c.goal.status.value in ("not_started", "in_progress") for c in page.cards]
    assert open_flags == sorted(open_flags, reverse=True)
    assert open_flags[0] and not open_flags[-1]


def test_an_action_agreed_at_a_meeting_can_be_put_under_a_goal(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    page = _page(window)
    _select(page, "Amy Johnstone")
    card = page.cards[0]
    before = card.actions_table.rowCount()
    offered: list[str] = []

    def pick_first(
        parent: QWidget | None,
        title: str,
        label: str,
        items: list[str],
        current: int,
        editable: bool,
    ) -> tuple[str, bool]:
        offered.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", pick_first)
    card.from_meeting_button.click()
    card = page.cards[0]
    assert card.actions_table.rowCount() == before + 1
    texts = [cell_text(card.actions_table, r, 0) for r in range(card.actions_table.rowCount())]
    assert any(offered[0].split(": ", 1)[1] in t for t in texts)
