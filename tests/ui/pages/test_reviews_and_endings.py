"""Reviews and endings in the real window, on the demo: a review with an extension, the ending
wizard left and resumed, closing refused with the missing steps named, then closed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QWizard
from sqlalchemy import select

from app.formatting import format_date
from app.model import Match, MatchClosure, MatchStatus, Review, ReviewDecision
from app.model.ending import ClosurePath, EarlyBy, MenteeNext, MentorNext
from ui.dialogs.match_dialogs import StatusDialog
from ui.dialogs.review_dialog import ReviewDialog
from ui.main_window import MainWindow
from ui.pages.matching_page import MatchingPage
from ui.wizards.ending_wizard import (
    ConfirmPage,
    EndingWizard,
    ExitPage,
    FinalMeetingPage,
    HowPage,
    NextPage,
)


@pytest.fixture
def page(window: MainWindow) -> MatchingPage:
    page = window.page("matching")
    assert isinstance(page, MatchingPage)
    window.go_to("matching")
    return page


def _active_match(page: MatchingPage) -> int:
    with page.context.database.session() as s:
        return (
            s.scalars(
                select(Match.id).where(Match.status == MatchStatus.ACTIVE).order_by(Match.id)
            ).first()
            or 0
        )


def _choose(combo: object, value: object) -> None:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(getattr(value, "value", value)))


def test_a_review_with_an_extension_needs_both_agreements(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage, today: date
) -> None:
    match_id = _active_match(page)
    page.select_match(match_id)
    assert page.review_button.isEnabled()
    seen: list[str] = []

    def fill(dialog: ReviewDialog) -> int:
        dialog.decision_buttons[ReviewDecision.EXTEND].setChecked(True)
        assert dialog.extension.isVisibleTo(dialog)
        dialog.mentor_agreed_on.edit.setText(format_date(today))
        if seen:  # the second time round, after the service's message
            dialog.mentee_agreed_on.edit.setText(format_date(today))
        seen.append(dialog.extension_form.error_text("mentee_agreed_on"))
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReviewDialog, "exec", fill)
    with page.context.database.session() as s:
        old_end = s.get_one(Match, match_id).planned_end_on
    page.review_button.click()
    assert len(seen) == 2 and "needs both to agree" in seen[1]
    with page.context.database.session() as s:
        review = s.scalars(select(Review).where(Review.match_id == match_id).order_by(Review.id))
        latest = list(review)[-1]
        assert latest.decision is ReviewDecision.EXTEND
        assert latest.previous_end_on == old_end
        assert s.get_one(Match, match_id).planned_end_on == latest.new_end_on
    assert "Review saved" in page.status_label.text()


def test_the_status_dialog_leaves_closing_to_the_ending_wizard(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage
) -> None:
    page.select_match(_active_match(page))
    offered: list[tuple[MatchStatus, ...]] = []

    def look(dialog: StatusDialog) -> int:
        offered.append(
            tuple(MatchStatus(dialog.status.itemData(i)) for i in range(dialog.status.count()))
        )
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(StatusDialog, "exec", look)
    page.status_button.click()
    assert offered == [(MatchStatus.PAUSED,)]


def _open_wizard(monkeypatch: pytest.MonkeyPatch, page: MatchingPage) -> EndingWizard:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page.ending_button.click()
    wizard = page.ending_wizard
    assert isinstance(wizard, EndingWizard) and wizard.isVisible()
    return wizard


def test_the_ending_wizard_is_left_and_resumed_where_it_was(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage, today: date
) -> None:
    match_id = _active_match(page)
    page.select_match(match_id)
    wizard = _open_wizard(monkeypatch, page)
    with page.context.database.session() as s:
        assert s.get_one(Match, match_id).status is MatchStatus.ENDING
    how = wizard.currentPage()
    assert isinstance(how, HowPage)
    _choose(how.path, ClosurePath.EARLY)
    assert how.early_by.isEnabled()
    _choose(how.early_by, EarlyBy.MENTOR)
    how.reasons.setPlainText("The mentor has moved to a new post.")
    how.end_on.edit.setText("31/02/2026")
    wizard.next()
    assert wizard.currentPage() is how  # a date that does not exist stops it
    assert "no such date" in how.form.error_text("end_on")
    how.end_on.edit.setText(format_date(today))
    wizard.next()
    assert wizard.currentId() == 1
    wizard.reject()  # Save and close
    with page.context.database.session() as s:
        closure = s.scalars(select(MatchClosure).where(MatchClosure.match_id == match_id)).one()
        assert closure.path is ClosurePath.EARLY and closure.end_on == today
        assert closure.step == "final-meeting"  # where they left off
    again = _open_wizard(monkeypatch, page)
    assert again is not wizard
    assert isinstance(again.currentPage(), FinalMeetingPage)
    first = again.steps[0]
    assert isinstance(first, HowPage)
    assert first.reasons.toPlainText() == "The mentor has moved to a new post."
    again.back()
    assert again.currentPage() is first
    # The list beside the pages names what is missing and jumps there with Enter.
    labels = [again.progress.item(i).text() for i in range(again.progress.count())]
    assert labels[0].startswith("✓") and labels[1].startswith("○")
    again.progress.itemActivated.emit(again.progress.item(2))
    assert isinstance(again.currentPage(), ExitPage)
    again.reject()


def test_closing_is_refused_with_the_missing_steps_then_done(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage, today: date
) -> None:
    match_id = _active_match(page)
    page.select_match(match_id)
    wizard = _open_wizard(monkeypatch, page)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    how = wizard.currentPage()
    assert isinstance(how, HowPage)
    _choose(how.path, ClosurePath.PLANNED)
    how.reasons.setPlainText("Twelve months and the goals met.")
    how.end_on.edit.setText(format_date(today))
    while not isinstance(wizard.currentPage(), ConfirmPage):
        wizard.next()
    confirm = wizard.currentPage()
    assert isinstance(confirm, ConfirmPage)
    assert "final meeting" in confirm.missing.text()
    confirm.confirmed_on.edit.setText(format_date(today))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert told and "cannot be closed yet" in told[-1] and "exit conversation" in told[-1]
    assert wizard.isVisible()

    for number, pg in enumerate(wizard.steps):
        wizard.progress.itemActivated.emit(wizard.progress.item(number))
        assert wizard.currentPage() is pg
        for name in (
            "final_meeting_on",
            "held_on",
            "mentor_on",
            "mentee_on",
            "given_on",
            "confirmed_on",
        ):
            field = getattr(pg, name, None)
            if field is not None:
                field.edit.setText(format_date(today))
        if isinstance(pg, NextPage):
            _choose(pg.mentee_next, MenteeNext.REMATCH)
            _choose(pg.mentor_next, MentorNext.CONTINUES)
            assert not pg.caution.isVisibleTo(pg)  # a planned ending needs no caution
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()
    with page.context.database.session() as s:
        match = s.get_one(Match, match_id)
        assert match.status is MatchStatus.CLOSED and match.ended_on == today


def test_an_early_ending_shows_the_caution_before_a_rematch(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage, today: date
) -> None:
    page.select_match(_active_match(page))
    wizard = _open_wizard(monkeypatch, page)
    how = wizard.currentPage()
    assert isinstance(how, HowPage)
    _choose(how.path, ClosurePath.EARLY)
    how.reasons.setPlainText("They stopped meeting.")
    while not isinstance(wizard.currentPage(), NextPage):
        wizard.next()
    nxt = wizard.currentPage()
    assert isinstance(nxt, NextPage)
    _choose(nxt.mentee_next, MenteeNext.REMATCH)
    assert nxt.caution.isVisibleTo(nxt) and "ended early" in nxt.caution.text()
    _choose(nxt.mentee_next, MenteeNext.WAIT)
    assert not nxt.caution.isVisibleTo(nxt)
    wizard.reject()


def test_a_review_due_is_the_match_s_next_step_and_opens_the_review(
    monkeypatch: pytest.MonkeyPatch, page: MatchingPage
) -> None:
    overdue = [m for m in page.match_model.rows if m.next_step.startswith("Review overdue")]
    assert overdue, "the demo has an overdue review"
    page.select_match(overdue[0].match_id)
    assert "Next review:" in page.history_label.text()
    assert "Review –" in page.history_label.text()
    opened: list[ReviewDialog] = []

    def look(dialog: ReviewDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ReviewDialog, "exec", look)
    page.next_step()
    assert opened and opened[0].due_text.startswith("Overdue")
