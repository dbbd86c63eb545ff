"""The Today page on the demo, used as a coordinator would: the window opens on it, the list is
walked with the keyboard, items are done in the dialogs Enter opens, and they leave the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.today.items import Kind, TodayItem
from tests.ui.helpers import item_text
from ui.dialogs.goal_dialogs import ActionDialog
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.support_dialogs import ConcernDialog, SupportContactDialog
from ui.main_window import MainWindow
from ui.pages.goals_page import GoalsPage
from ui.pages.matching_page import MatchingPage
from ui.pages.meetings_page import MeetingsPage
from ui.pages.people_page import PeoplePage
from ui.pages.today_page import SnoozeDialog, TodayPage


def _page(window: MainWindow) -> TodayPage:
    page = window.stack.currentWidget()
    assert isinstance(page, TodayPage)
    return page


def _keys(page: TodayPage) -> list[str]:
    assert page.listing is not None
    return [i.key for i in page.listing.items]


def _go_to_kind(page: TodayPage, kind: Kind) -> TodayItem:
    """Walk down the list with the arrow keys to the first item of `kind`."""
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Home)
    for _n in range(200):
        item = page.current_item()
        if item is not None and item.kind is kind:
            return item
        QTest.keyClick(page.tree, Qt.Key.Key_Down)
    raise AssertionError(f"no {kind} on the list")


def _when_dialog(kind: type[QDialog], act: Callable[[QDialog], None]) -> list[QDialog]:
    """Act on the next modal dialog of `kind` as soon as it opens (exec blocks)."""
    seen: list[QDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog not in seen:
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return seen


def _type_into(widget: QWidget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def test_the_window_opens_on_today_with_the_overdue_count(window: MainWindow) -> None:
    page = _page(window)
    assert page.listing is not None and page.listing.overdue > 0
    assert item_text(window.nav, 0) == f"Today ({page.listing.overdue} overdue)"
    assert len(page.listing.kinds) >= 8
    # The most urgent first: the open concern, chosen and explained.
    first = page.current_item()
    assert first is not None and first.kind is Kind.CONCERN
    assert "still open" in page.detail.text()
    assert page.tree.topLevelItemCount() == len(page.listing.groups)


def test_three_items_done_from_the_keyboard_leave_the_list(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    page = _page(window)
    assert page.listing is not None
    overdue = page.listing.overdue

    # 1. The concern: Enter opens it; say what was done and that it is resolved.
    concern = _go_to_kind(page, Kind.CONCERN)

    def resolve(dialog: QDialog) -> None:
        assert isinstance(dialog, ConcernDialog)
        _type_into(dialog.actions_taken, "Spoke to the room leader; release time agreed.")
        _type_into(dialog.resolved_on.edit, "23/11/2026")
        dialog.accept()

    seen = _when_dialog(ConcernDialog, resolve)
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    assert seen and concern.key not in _keys(page)
    assert page.listing.overdue == overdue - 1
    assert item_text(window.nav, 0) == f"Today ({overdue - 1} overdue)"

    # 2. A support contact: Enter opens the contact with that person, today's date filled in.
    contact = _go_to_kind(page, Kind.SUPPORT_CONTACT)

    def record(dialog: QDialog) -> None:
        assert isinstance(dialog, SupportContactDialog)
        dialog.accept()

    seen = _when_dialog(SupportContactDialog, record)
    QTest.keyClick(page.tree, Qt.Key.Key_Enter)
    assert seen and contact.key not in _keys(page)

    # 3. A meeting log to send: Enter opens the log on the Meetings page; record the copy.
    window.go_to("today")
    copy = _go_to_kind(page, Kind.LOG_COPY)

    def sent(dialog: QDialog) -> None:
        assert isinstance(dialog, MeetingDialog)
        _type_into(dialog.copy_to_mentor_on.edit, "23/11/2026")
        dialog.accept()

    seen = _when_dialog(MeetingDialog, sent)
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    assert seen and isinstance(window.stack.currentWidget(), MeetingsPage)
    window.go_to("today")
    assert copy.key not in _keys(page)


def test_putting_an_item_aside_and_bringing_it_back(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    page = _page(window)
    item = _go_to_kind(page, Kind.REVIEW)

    def aside(dialog: QDialog) -> None:
        assert isinstance(dialog, SnoozeDialog)
        dialog.accept()  # no reason yet: refused, and said so under the field
        assert "Say why" in dialog.form.error_text("reason")
        _type_into(dialog.reason, "Mentee on leave until December")
        dialog.accept()

    seen = _when_dialog(SnoozeDialog, aside)
    page.snooze_button.click()
    assert seen and item.key not in _keys(page)
    assert page.listing is not None and [i.key for i in page.listing.snoozed] == [item.key]
    # Put aside items are listed last, folded away, with the day they come back.
    last = page.tops()[-1]
    assert last.text(0).startswith("Put aside until later") and not last.isExpanded()
    page.tree.setCurrentItem(page.rows_of(last)[0])
    assert page.wake_button.isEnabled() and not page.snooze_button.isEnabled()
    assert "Mentee on leave until December" in page.detail.text()
    page.wake_button.click()
    assert item.key in _keys(page)
    back = next(i for i in page.listing.items if i.key == item.key)
    assert back.snooze is not None and back.snooze.reason == "Mentee on leave until December"


def test_items_open_the_record_where_they_are_done(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    page = _page(window)
    pvg = _go_to_kind(page, Kind.PVG)
    page.open_button.click()
    people = window.stack.currentWidget()
    assert isinstance(people, PeoplePage) and people.selected_id() == pvg.target.person_id
    assert people.record.tabs.currentWidget() is people.record.tab_pages["screening"]

    window.go_to("today")
    waiting = _go_to_kind(page, Kind.MENTEE_WAITING)
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    matching = window.stack.currentWidget()
    assert isinstance(matching, MatchingPage)
    assert matching.selected_mentee() == waiting.target.participant_id

    window.go_to("today")
    action = _go_to_kind(page, Kind.GOAL_ACTION)
    seen = _when_dialog(ActionDialog, lambda d: d.reject())
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    goals = window.stack.currentWidget()
    assert isinstance(goals, GoalsPage) and seen
    assert goals.selected_match_id() == action.target.match_id


def test_a_long_group_shows_its_first_items_then_all(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.pages import today_page

    page = _page(window)
    monkeypatch.setattr(today_page, "FIRST_ITEMS", 2)
    page.refresh()
    top = page.tops()[1]  # support contacts: nine of them
    rows = page.rows_of(top)
    assert len(rows) == 3 and rows[-1].text(0).startswith("Show all 9")
    page.tree.setCurrentItem(rows[-1])
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    assert len(page.rows_of(page.tops()[1])) == 9


def test_print_opens_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    from ui.widgets.print_preview import PrintPreviewDialog

    _page(window).print_button.click()
    preview = window.findChild(PrintPreviewDialog, "print-preview")
    assert preview is not None and preview.page_count() == 1
    preview.close()


def test_the_thresholds_are_set_with_the_programmes_rules(qtbot: QtBot) -> None:
    from app.services.programme_settings import ProgrammeRules
    from ui.dialogs.rules_dialog import MatchingSupportRulesForm, RulesDialog

    dialog = RulesDialog(ProgrammeRules(stage_stuck_days=21, mentee_wait_days=45))
    qtbot.addWidget(dialog)
    form = next(f for f in dialog.forms if "stage_stuck_days" in f.FIELDS)
    assert isinstance(form, MatchingSupportRulesForm)
    assert (form.stuck_days.value(), form.wait_days.value()) == (21, 45)
    form.wait_days.setValue(90)
    dialog.accept()
    values = dialog.values()
    assert (values["stage_stuck_days"], values["mentee_wait_days"]) == (21, 90)


def test_a_review_due_opens_the_review_and_a_closure_the_ending_wizard(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs.review_dialog import ReviewDialog
    from ui.wizards.ending_wizard import EndingWizard

    page = _page(window)
    item = _go_to_kind(page, Kind.REVIEW)
    opened: list[ReviewDialog] = []

    def look(dialog: ReviewDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ReviewDialog, "exec", look)
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    matching = window.stack.currentWidget()
    assert isinstance(matching, MatchingPage)
    assert opened and matching.selected_match() == item.target.match_id

    window.go_to("today")
    item = _go_to_kind(page, Kind.CLOSURE)
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    wizard = matching.ending_wizard
    assert isinstance(wizard, EndingWizard) and wizard.match_id == item.target.match_id
    assert wizard.isVisible()
    wizard.reject()
