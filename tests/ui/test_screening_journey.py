"""A new mentor from first contact to "ready to match", through the window's own buttons.

The coordinator adds the person on the People page, then records each screening step the
programme asks for from the person's record: application, interview, code of conduct, two
references, PVG membership and the pre-match training. Every dialog is a real one, opened by
its button and run modally; a timer fills it in as a coordinator would (typing, ticking,
choosing) and presses its Save button.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.formatting import format_date
from app.model.screening import DisclosureType, InterviewOutcome, RecruitmentDecision
from app.services import people
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.screening_dialogs import (
    InterviewDialog,
    PvgDialog,
    ReferenceDialog,
    StepDateDialog,
    TrainingDialog,
)
from ui.main_window import MainWindow
from ui.models.people_table import READINESS
from ui.pages.people_page import PeoplePage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

#: How long a dialog may take to appear, or to close after Save, before the test gives up.
PATIENCE_MS = 5000


class ModalFiller:
    """Fills in the next modal dialog and presses its Save button, from a timer, while the
    button that opened it waits in `exec()`. If the dialog does not close (a message under a
    field, say), it is cancelled, so the test fails with the messages instead of hanging."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def run(
        self, button: QAbstractButton, kind: type[QDialog], fill: Callable[[QDialog], None]
    ) -> None:
        filled: list[QDialog] = []

        def act(waited: int = 0) -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, kind):
                if waited >= PATIENCE_MS:
                    self.problems.append(f"no {kind.__name__} appeared")
                    if isinstance(dialog, QDialog):
                        dialog.reject()
                    return
                QTimer.singleShot(20, lambda: act(waited + 20))
                return
            filled.append(dialog)
            fill(dialog)
            save = _save_button(dialog)
            QTest.mouseClick(save, Qt.MouseButton.LeftButton)
            QTimer.singleShot(0, lambda: check_closed(dialog))

        def check_closed(dialog: QDialog) -> None:
            if dialog.isVisible():
                self.problems.append(f"{kind.__name__} stayed open: {_messages(dialog)}")
                dialog.reject()

        QTimer.singleShot(0, act)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert filled, f"{button.text()} did not open a {kind.__name__}: {self.problems}"
        assert not self.problems, self.problems


def _save_button(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None, f"{type(dialog).__name__} has no Save/Cancel buttons"
    save = box.button(QDialogButtonBox.StandardButton.Save) or box.button(
        QDialogButtonBox.StandardButton.Ok
    )
    assert save is not None and save.isEnabled()
    return save


def _messages(dialog: QDialog) -> list[str]:
    """The messages shown under the dialog's fields."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.text().startswith("⚠")
    ]


def _choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def _button(record: QWidget, name: str) -> QPushButton:
    """The record's button with this accessible name (the record is rebuilt after each save,
    so it is looked up afresh every time)."""
    found = [
        b for b in record.findChildren(QPushButton) if b.accessibleName() == name and b.isVisible()
    ]
    assert len(found) == 1, (name, [b.accessibleName() for b in record.findChildren(QPushButton)])
    return found[0]


def _type(field: QWidget, text: str) -> None:
    field.setFocus()
    QTest.keyClicks(field, text)


def test_a_new_mentor_becomes_ready_to_match_through_the_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    today = window.context.today()
    window.go_to("people")
    page = window.stack.currentWidget()
    assert isinstance(page, PeoplePage)
    filler = ModalFiller()

    # GIVEN a new mentor, added with the page's own "Add person…" button
    def new_mentor(dialog: QDialog) -> None:
        assert isinstance(dialog, PersonDialog)
        _type(dialog.first_name, "Catriona")
        _type(dialog.last_name, "Lamont")
        QTest.mouseClick(dialog.mentor, Qt.MouseButton.LeftButton)
        _type(dialog.email, "catriona.lamont@example.org.uk")
        _type(dialog.job_role, "Senior practitioner")
        _type(dialog.setting, "Wee Acorns Nursery")

    filler.run(page.new_button, PersonDialog, new_mentor)
    record = page.record
    assert record.record is not None and record.title.text() == "Catriona Lamont"
    rules = record.record.rules
    assert "not ready yet" in record.status.text()
    assert "No application form received." in record.status.text()

    record.tabs.setCurrentIndex(1)  # Screening

    # WHEN the application form arrives, dated today
    filler.run(_button(record, "Record application form"), StepDateDialog, lambda d: None)
    assert "No application form received." not in record.status.text()

    # AND the interview finds her suitable, with the qualities seen ticked
    def interview(dialog: QDialog) -> None:
        assert isinstance(dialog, InterviewDialog)
        _type(dialog.interviewer, "Morag Campbell")
        for box in list(dialog.qualities.values())[:4]:
            QTest.mouseClick(box, Qt.MouseButton.LeftButton)
        _choose(dialog.outcome, InterviewOutcome.SUITABLE)

    filler.run(_button(record, "Record an interview"), InterviewDialog, interview)
    assert "interview" not in record.status.text().lower()

    # AND she signs the code of conduct
    filler.run(_button(record, "Record code of conduct"), StepDateDialog, lambda d: None)

    # AND the references the programme asks for come back satisfactory
    referees = [("Alison Reid", "Former manager"), ("Graham Watt", "Nursery head teacher")]
    for referee, relationship in referees[: rules.references_required]:

        def reference(dialog: QDialog, referee: str = referee, rel: str = relationship) -> None:
            assert isinstance(dialog, ReferenceDialog)
            _type(dialog.referee, referee)
            _type(dialog.relationship, rel)
            dialog.requested_on.edit.clear()
            _type(dialog.requested_on.edit, format_date(today - timedelta(days=14)))
            _type(dialog.received_on.edit, format_date(today - timedelta(days=3)))
            _choose(dialog.satisfactory, True)

        filler.run(_button(record, "Add a reference"), ReferenceDialog, reference)
    assert record.references_table.rowCount() == rules.references_required

    # AND her PVG scheme membership is recorded, with the decision to go ahead
    def pvg(dialog: QDialog) -> None:
        assert isinstance(dialog, PvgDialog)
        _type(dialog.issued_on.edit, format_date(today - timedelta(days=40)))
        _choose(dialog.disclosure_type, DisclosureType.LEVEL_2)
        assert dialog.position.text() == "Senior practitioner"  # from her job role
        _type(dialog.reference_number, "1234 5678 9012 3456")
        _choose(dialog.decision, RecruitmentDecision.PROCEED)

    filler.run(_button(record, "Record a PVG check"), PvgDialog, pvg)
    assert "PVG" not in record.status.text()
    assert "not ready yet" in record.status.text()  # training is still to do

    # AND she does the training the programme asks for before matching
    record.tabs.setCurrentIndex(2)  # Training

    def training(dialog: QDialog) -> None:
        assert isinstance(dialog, TrainingDialog)
        _type(dialog.topic, "Introduction to mentoring")
        dialog.hours.setValue(rules.min_training_hours)

    filler.run(_button(record, "Add a training session"), TrainingDialog, training)

    # THEN her record says she is ready to match, the list agrees, and her stage moved on
    assert "Ready to match" in record.status.text(), record.status.text()
    assert record.record is not None and record.record.ready
    row = page.model.row_of(record.record.id)
    assert row >= 0
    assert "Ready" in page.model.index(row, READINESS).data()
    record.tabs.setCurrentIndex(4)  # History
    stages = [r.stage for r in record.record.roles[0].history]
    assert stages[-1].name == "READY", stages
    programme_id = window.context.programme_id
    assert programme_id is not None
    index = window.context.ops.read(lambda s: people.people_index(s, programme_id, today))
    assert next(p for p in index if p.id == record.record.id).ready
