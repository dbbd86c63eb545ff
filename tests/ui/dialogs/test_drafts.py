"""Every form with free text keeps a draft while the typing goes on, puts it back when the same
form opens again, and asks before Escape throws it away."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.model import Match, MatchStatus, Role
from app.services import drafts as draft_service
from app.services import goals, matching, meetings, reviews, support
from ui.context import AppContext
from ui.dialogs.goal_dialogs import ActionDialog, GoalDialog, RatingDialog
from ui.dialogs.goal_dialogs import StatusDialog as GoalStatusDialog
from ui.dialogs.match_dialogs import (
    AgreementDialog,
    IntroductionDialog,
    RiskDialog,
    StatusDialog,
)
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.programme_dialog import ProgrammeDialog
from ui.dialogs.review_dialog import ReviewDialog
from ui.dialogs.screening_dialogs import (
    InterviewDialog,
    PvgDialog,
    ReferenceDialog,
    TrainingDialog,
)
from ui.dialogs.support_dialogs import ConcernDialog, SupportContactDialog
from ui.main_window import MainWindow
from ui.widgets import drafts
from ui.widgets.date_field import DateField
from ui.wizards.ending_wizard import EndingWizard

#: How far behind the typing a kept draft may be (a save a second, plus a slow machine).
MOST_BEHIND_S = 1.6


class Host(QWidget):
    """What opens a dialog: a widget with the application's context, as pages are."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context


def _match(window: MainWindow, status: MatchStatus) -> int:
    found = window.context.ops.read(
        lambda s: (
            s.scalars(select(Match.id).where(Match.status == status).order_by(Match.id))
            .unique()
            .first()
        )
    )
    assert found is not None, f"the demo has no {status} match"
    return int(found)


Factory = Callable[[Host, MainWindow, date], QDialog]


def _meeting(host: Host, window: MainWindow, today: date) -> QDialog:
    match_id = _match(window, MatchStatus.ACTIVE)
    form = window.context.ops.read(lambda s: meetings.new_meeting_form(s, match_id, today))
    draft = window.context.ops.read(lambda s: meetings.load_draft(s, form.draft_key))
    return MeetingDialog(form, today=today, draft=draft, parent=host)


def _risk(host: Host, window: MainWindow, today: date) -> QDialog:
    match_id = _match(window, MatchStatus.PROPOSED)
    details = window.context.ops.read(lambda s: matching.risk_details(s, match_id, today, "Jo"))
    return RiskDialog("Amy and Ben", details, host)


def _intro(host: Host, window: MainWindow, today: date) -> QDialog:
    match_id = _match(window, MatchStatus.PROPOSED)
    details = window.context.ops.read(lambda s: matching.introduction_details(s, match_id, today))
    return IntroductionDialog("Amy and Ben", details, host)


def _agreement(host: Host, window: MainWindow, today: date) -> QDialog:
    match_id = _match(window, MatchStatus.INTRODUCED)
    details = window.context.ops.read(lambda s: matching.agreement_details(s, match_id, today))
    return AgreementDialog("Amy and Ben", details, [("Meetings", "Monthly")], host)


def _status(host: Host, window: MainWindow, today: date) -> QDialog:
    return StatusDialog("Amy and Ben", (MatchStatus.PAUSED,), today, host)


def _review(host: Host, window: MainWindow, today: date) -> QDialog:
    match_id = _match(window, MatchStatus.ACTIVE)
    context = window.context.ops.read(lambda s: reviews.review_context(s, match_id, today))
    return ReviewDialog(context, today, host)


def _goal_view(window: MainWindow, today: date) -> goals.GoalView:
    match_id = _match(window, MatchStatus.ACTIVE)
    views = window.context.ops.read(lambda s: goals.goals_for_match(s, match_id, today))
    assert views, "the demo's first active match has no goals"
    return views[0]


CASES: dict[str, Factory] = {
    "meeting log": _meeting,
    "person": lambda host, w, today: PersonDialog(today=today, parent=host),
    "interview": lambda host, w, today: InterviewDialog(Role.MENTOR, today=today, parent=host),
    "reference": lambda host, w, today: ReferenceDialog(today=today, parent=host),
    "PVG": lambda host, w, today: PvgDialog(position="Practitioner", today=today, parent=host),
    "training": lambda host, w, today: TrainingDialog(today=today, parent=host),
    "risk assessment": _risk,
    "introduction": _intro,
    "agreement": _agreement,
    "match status": _status,
    "support contact": lambda host, w, today: SupportContactDialog(
        "Ben Mentor", "Amy Mentee", today=today, parent=host
    ),
    "concern": lambda host, w, today: ConcernDialog(
        "Ben Mentor", "Amy Mentee", today=today, parent=host
    ),
    "goal": lambda host, w, today: GoalDialog(today=today, parent=host),
    "goal action": lambda host, w, today: ActionDialog(
        goal_title="Lead a session", today=today, parent=host
    ),
    "progress rating": lambda host, w, today: RatingDialog(
        _goal_view(w, today), scale_max=10, today=today, parent=host
    ),
    "goal status": lambda host, w, today: GoalStatusDialog(
        _goal_view(w, today), today=today, parent=host
    ),
    "review": _review,
    "programme": lambda host, w, today: ProgrammeDialog(parent=host),
}


def _free_text(dialog: QDialog) -> QPlainTextEdit | QLineEdit:
    """The first enabled free-text field on the form (a text box before a line)."""
    boxes = [w for w in dialog.findChildren(QPlainTextEdit) if w.isEnabled() and w.isVisible()]
    if boxes:
        return boxes[0]
    lines = [
        w
        for w in dialog.findChildren(QLineEdit)
        if w.isEnabled()
        and w.isVisible()
        and not isinstance(w.parentWidget(), DateField)
        and not w.text()
    ]
    assert lines, f"{dialog.windowTitle()} has no free text"
    return lines[0]


def _type_at_end(field: QPlainTextEdit | QLineEdit) -> None:
    field.setFocus()
    if isinstance(field, QPlainTextEdit):
        field.moveCursor(QTextCursor.MoveOperation.End)
    else:
        field.end(False)


def _text(field: QPlainTextEdit | QLineEdit) -> str:
    return field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for v in data.values() for t in _strings(v)]
    if isinstance(data, list):
        return [t for v in data for t in _strings(v)]
    return []


def _stored(window: MainWindow, key: str) -> dict[str, Any] | None:
    found = window.context.ops.read(lambda s: draft_service.load_draft(s, key))
    return found[0] if found else None


def _forms(dialog: QDialog) -> drafts.FormDrafts:
    kept = getattr(dialog, "drafts", None)
    assert isinstance(kept, drafts.FormDrafts), f"{type(dialog).__name__} keeps no drafts"
    return kept


@dataclass
class Asked:
    """Answers the "not saved yet" question and counts how often it was put."""

    answer: str = drafts.BACK
    times: int = 0

    def __call__(self, parent: QWidget, can_keep: bool) -> str:
        assert can_keep
        self.times += 1
        return self.answer


def type_for(
    qtbot: QtBot, field: QPlainTextEdit | QLineEdit, seconds: float
) -> list[tuple[float, str]]:
    """Type without a pause of more than a tenth of a second; what was on screen, and when."""
    typed: list[tuple[float, str]] = []
    start = time.monotonic()
    word = 0
    while time.monotonic() - start < seconds:
        QTest.keyClicks(field, f"w{word} ")
        word += 1
        typed.append((time.monotonic(), _text(field)))
        qtbot.wait(100)
    return typed


def behind(stored: dict[str, Any], typed: list[tuple[float, str]], now: float) -> float:
    """How many seconds of typing the stored draft is missing."""
    final = typed[-1][1]
    prefixes = [t for t in _strings(stored) if t and final.startswith(t)]
    assert prefixes, "the draft holds none of what was typed"
    kept = max(prefixes, key=len)
    shown_until = [at for at, text in typed if len(text) > len(kept)]
    return now - shown_until[0] if shown_until else 0.0


@pytest.mark.parametrize("name", list(CASES))
def test_each_form_keeps_a_draft_while_typing_goes_on_and_asks_before_escape_drops_it(
    qtbot: QtBot, window: MainWindow, today: date, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    asked = Asked()
    monkeypatch.setattr(drafts, "ask_to_discard", asked)
    host = Host(window.context)
    qtbot.addWidget(host)
    dialog = CASES[name](host, window, today)
    dialog.show()
    forms = _forms(dialog)
    assert _stored(window, forms.key) is None

    # Nothing typed: Escape closes without a question.
    dialog.reject()
    assert asked.times == 0 and not dialog.isVisible()
    dialog = CASES[name](host, window, today)
    dialog.show()
    forms = _forms(dialog)

    field = _free_text(dialog)
    _type_at_end(field)
    typed = type_for(qtbot, field, 2.2)
    stored = _stored(window, forms.key)
    assert stored is not None, "nothing kept while the typing went on"
    lag = behind(stored, typed, time.monotonic())
    assert lag <= MOST_BEHIND_S, f"the draft is {lag:.2f} s behind the typing"

    # Escape asks; going back leaves the form open as it was.
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked.times == 1 and dialog.isVisible()
    assert _text(field) == typed[-1][1]
    # Keeping it as a draft closes the form with the latest text kept.
    asked.answer = drafts.KEEP
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked.times == 2 and not dialog.isVisible()
    stored = _stored(window, forms.key)
    assert stored is not None and typed[-1][1] in _strings(stored)

    # The same form, opened again, has it back with a note; Escape still asks.
    again = CASES[name](host, window, today)
    again.show()
    restored = _forms(again)
    assert restored.key == forms.key
    assert typed[-1][1] in _strings(restored.current())
    assert restored.banner.isVisibleTo(again)
    assert "Restored what you were typing on" in restored.banner_label.text()
    asked.answer = drafts.DISCARD
    QTest.keyClick(again, Qt.Key.Key_Escape)
    assert asked.times == 3 and not again.isVisible()
    assert _stored(window, forms.key) is None  # discarded

    fresh = CASES[name](host, window, today)
    assert not _forms(fresh).banner.isVisibleTo(fresh)
    assert typed[-1][1] not in _strings(_forms(fresh).current())


def test_the_question_offers_to_keep_discard_or_go_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, list[str]]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.text(), sorted(b.text() for b in box.buttons())))
        assert box.escapeButton() is box.button(QMessageBox.StandardButton.Cancel)
        return int(QMessageBox.StandardButton.Save.value)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert drafts.ask_to_discard(parent, True) == drafts.KEEP
    assert shown[0][1] == ["&Discard it", "&Go back to the form", "&Keep what I typed as a draft"]
    # Without a data file to keep it in, only discarding or going back.
    assert drafts.ask_to_discard(parent, False) == drafts.BACK
    assert "&Keep what I typed as a draft" not in shown[1][1]


def test_a_draft_stays_until_the_save_goes_through(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    host = Host(window.context)
    qtbot.addWidget(host)
    dialog = ConcernDialog("Ben Mentor", "Amy Mentee", today=today, parent=host)
    dialog.show()
    key = _forms(dialog).key
    QTest.keyClicks(dialog.description, "Missed two meetings")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    # Accepted but not yet saved (the page saves next): the draft is still there.
    assert _stored(window, key) is not None
    # A refused save shows the form again: the draft goes on being kept.
    dialog.show()
    QTest.keyClicks(dialog.description, " in a row")
    qtbot.waitUntil(lambda: "Missed two meetings in a row" in _strings(_stored(window, key)))
    dialog.accept()
    match_id = _match(window, MatchStatus.ACTIVE)
    window.context.ops.run(
        None,
        lambda s: support.raise_concern(s, match_id, dialog.details(), today),
    )
    assert _stored(window, key) is None  # the save went through: the draft is gone


def test_the_ending_wizard_keeps_the_page_being_typed_and_puts_it_back_after_a_crash(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    match_id = _match(window, MatchStatus.ENDING)
    host = Host(window.context)
    qtbot.addWidget(host)
    wizard = EndingWizard(window.context, match_id, "Jo", host)
    wizard.show()
    field = _free_text(wizard)
    _type_at_end(field)
    key = wizard.drafts.key
    typed = type_for(qtbot, field, 2.2)
    stored = _stored(window, key)
    assert stored is not None
    assert behind(stored, typed, time.monotonic()) <= MOST_BEHIND_S
    # A crash: the wizard never closes. Opened again, the page has the typing back.
    wizard.drafts.timer.stop()
    wizard.hide()
    again = EndingWizard(window.context, match_id, "Jo", host)
    again.show()
    assert typed[-1][1] in _strings(again.drafts.current())
    assert again.drafts.banner.isVisibleTo(again)
    # Its own "Save and close" saves the page, and the draft goes.
    again.reject()
    assert _stored(window, key) is None
    third = EndingWizard(window.context, match_id, "Jo", host)
    assert typed[-1][1].strip() in _strings(third.drafts.current())  # saved, tidied
    assert not third.drafts.banner.isVisibleTo(third)
