"""The matching board on real widgets: drag and drop, the keyboard, undo and redo, refused
pairs with their reasons, suggestions accepted and rejected one by one, the match steps."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.model import Match, MatchStatus, RiskAssessment
from app.services import matching
from tests.app.services.test_matching import make_programme
from ui.dialogs.match_dialogs import RiskDialog
from ui.main_window import MainWindow
from ui.pages.matching_page import MatchingPage

#: The `small` programme: its id, its mentors' ids and its mentees' ids.
Small = tuple[int, list[int], list[int]]


@pytest.fixture
def page(window: MainWindow) -> MatchingPage:
    page = window.page("matching")
    assert isinstance(page, MatchingPage)
    window.go_to("matching")
    return page


@pytest.fixture
def small(window: MainWindow, page: MatchingPage) -> Small:
    """A programme with two mentors (two places each) and three mentees, all ready."""
    with window.context.database.session() as s:
        pid, mentors, mentees = make_programme(s, 2, 3, max_mentees=2)
        from app.model import MentoringType, Programme

        programme = s.get(Programme, pid)
        assert programme is not None
        programme.mentoring_type = MentoringType.GROUP
    window.context.set_programme(pid)
    return pid, mentors, mentees


def _drag_event(
    kind: type[QDragMoveEvent],
    point: QPoint,
    action: Qt.DropAction,
    mime: QMimeData,
    buttons: Qt.MouseButton,
    mods: Qt.KeyboardModifier,
) -> QDragMoveEvent:
    """A drag event at `point`: PySide6 6.12 wants a fractional point (the whole-pixel one is
    deprecated there), 6.11 (used on Python 3.11) takes only the whole-pixel one."""
    try:
        return kind(QPointF(point), action, mime, buttons, mods)
    except TypeError:
        return kind(point, action, mime, buttons, mods)


def drag_onto_mentor(page: MatchingPage, mentee_id: int, mentor_id: int) -> None:
    """What a mouse drag does: the mentee's data leaves the waiting list and lands on a mentor."""
    source = page.waiting_model.index(page.waiting_model.row_of(mentee_id), 0)
    mime = page.waiting_model.mimeData([source])
    target = page.mentor_model.index(page.mentor_model.row_of(mentor_id), 0)
    page.mentor_view.scrollTo(target)
    point = page.mentor_view.visualRect(target).center()
    viewport = page.mentor_view.viewport()
    action, buttons, mods = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = _drag_event(QDragEnterEvent, point, action, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = _drag_event(QDragMoveEvent, point, action, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), action, mime, buttons, mods))


def waiting_ids(page: MatchingPage) -> list[int]:
    return [r.participant_id for r in page.waiting_model.rows]


def free_places(page: MatchingPage) -> dict[int, int]:
    return {r.participant_id: r.remaining for r in page.mentor_model.rows}


def test_the_board_opens_on_the_demo(page: MatchingPage) -> None:
    assert page.waiting_model.rowCount() > 5
    assert page.mentor_model.rowCount() >= 12
    assert page.match_model.rowCount() >= 10
    assert page.waiting_table_model.rowCount() == page.waiting_model.rowCount()
    first = page.waiting_model.index(0, 0).data()
    assert "(priority)" in first and "waiting" in first
    statuses = {r.status for r in page.match_model.rows}
    assert {MatchStatus.PROPOSED, MatchStatus.INTRODUCED, MatchStatus.ACTIVE} <= statuses


def test_drag_and_drop_proposes_and_undo_restores_the_board(
    page: MatchingPage, small: Small
) -> None:
    pid, mentors, mentees = small
    before = (waiting_ids(page), free_places(page), page.match_model.rowCount())
    drag_onto_mentor(page, mentees[0], mentors[1])
    assert mentees[0] not in waiting_ids(page)
    assert free_places(page)[mentors[1]] == 1
    assert page.match_model.rowCount() == before[2] + 1
    assert page.match_model.rows[0].status is MatchStatus.PROPOSED
    assert page.undo_button.isEnabled()

    page.undo_stack.undo()
    assert (waiting_ids(page), free_places(page), page.match_model.rowCount()) == before
    with page.context.database.session() as s:
        assert s.query(Match).filter_by(programme_id=pid).count() == 0

    page.redo_button.click()
    assert mentees[0] not in waiting_ids(page)
    assert free_places(page)[mentors[1]] == 1


def test_the_keyboard_alone_proposes_a_match(
    qtbot: QtBot, page: MatchingPage, small: Small
) -> None:
    page.waiting_view.setFocus()
    QTest.keyClick(page.waiting_view, Qt.Key.Key_Home)
    QTest.keyClick(page.waiting_view, Qt.Key.Key_Down)
    chosen = page.selected_mentee()
    assert chosen == waiting_ids(page)[1]
    QTest.keyClick(page.waiting_view, Qt.Key.Key_Return)
    assert page.mentor_view.hasFocus()
    assert "Choose a mentor for" in page.status_label.text()
    QTest.keyClick(page.mentor_view, Qt.Key.Key_End)
    mentor = page.selected_mentor()
    assert mentor is not None
    assert "out of 100" in page.fit_view.plain_text()
    QTest.keyClick(page.mentor_view, Qt.Key.Key_Return)
    assert chosen not in waiting_ids(page)
    assert free_places(page)[mentor] == 1
    assert "Proposed" in page.status_label.text()

    QTest.keyClick(page.mentor_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert chosen in waiting_ids(page)
    assert free_places(page)[mentor] == 2


def test_a_blocked_pair_is_refused_with_its_reason(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage, small: Small
) -> None:
    _pid, mentors, mentees = small
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    drag_onto_mentor(page, mentees[0], mentors[0])
    drag_onto_mentor(page, mentees[1], mentors[0])
    assert free_places(page)[mentors[0]] == 0
    page.select_waiting(mentees[2])
    page._select(page.mentor_view, page.mentor_model.row_of(mentors[0]))
    assert "Cannot be matched" in page.fit_view.plain_text()
    assert "no place left" in page.fit_view.plain_text()
    drag_onto_mentor(page, mentees[2], mentors[0])
    assert told and "no place left" in told[0]
    assert mentees[2] in waiting_ids(page)
    assert page.undo_stack.count() == 2  # the refused move left nothing to undo


def test_suggestions_are_drafts_accepted_or_rejected_one_by_one(
    page: MatchingPage, small: Small
) -> None:
    page.suggest_button.click()
    assert page.drafts_list.count() == 3
    assert "3 pairs suggested" in page.status_label.text()
    page.drafts_list.setCurrentRow(0)
    first = page.drafts[0]
    page.accept_button.click()
    assert first.mentee_id not in waiting_ids(page)
    assert page.drafts_list.count() == 2
    page.drafts_list.setCurrentRow(0)
    page.reject_button.click()
    assert page.drafts_list.count() == 1
    page.undo_stack.undo()  # the rejection
    assert page.drafts_list.count() == 2
    page.undo_stack.undo()  # the acceptance
    assert first.mentee_id in waiting_ids(page)
    assert page.drafts_list.count() == 3


def test_a_match_step_opens_its_dialog_and_saves(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage, small: Small, today: date
) -> None:
    _pid, mentors, mentees = small
    drag_onto_mentor(page, mentees[0], mentors[0])
    match_id = page.selected_match()
    assert match_id is not None
    assert "Record the risk assessment" in page.history_label.text()
    assert "Proposed" in page.history_label.text()

    def fill(dialog: RiskDialog) -> int:
        dialog.risks.setPlainText("First meetings off site.")
        dialog.risk_actions.setPlainText("Meet at the centre.")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RiskDialog, "exec", fill)
    page.next_step()
    with page.context.database.session() as s:
        risk = s.query(RiskAssessment).filter_by(match_id=match_id).one()
        assert risk.risks == "First meetings off site." and risk.assessed_on == today
    assert page.undo_stack.count() == 0  # the match has moved on
    row = page._match_row()
    assert row is not None and row.next_step == "Record the introduction."


def test_dialogs_show_problems_under_their_fields(qtbot: QtBot, today: date) -> None:
    dialog = RiskDialog("Amy with Fiona", matching.RiskDetails(today, "", ""))
    qtbot.addWidget(dialog)
    dialog.assessed_on.edit.setText("31/02/2026")
    dialog.accept()
    assert "no such date" in dialog.form.error_text("assessed_on")
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.form.show_errors({"risks": "Note the risks considered."})
    assert "Note the risks" in dialog.form.error_text("risks")


def test_the_waiting_list_puts_priorities_first(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage
) -> None:
    from ui.dialogs.match_dialogs import PriorityDialog

    page.tabs.setCurrentIndex(1)
    last = page.waiting_table_model.rows[-1]
    page.waiting_table.selectRow(page.waiting_table_model.rowCount() - 1)

    def fill(dialog: PriorityDialog) -> int:
        dialog.note.setText("Back from leave next week")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PriorityDialog, "exec", fill)
    page.priority_button.click()
    rows = page.waiting_table_model.rows
    assert rows[0].priority and rows[1].priority
    assert last.participant_id in {rows[0].participant_id, rows[1].participant_id}
    index = page.waiting_table_model.index(0, 0)
    assert index.data() == "★ Priority"
