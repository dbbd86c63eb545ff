"""The policy editor keeps the draft as it is typed; the approval dialog checks its values."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.services.policy import PassageText, PolicyVersionView
from ui.dialogs.policy_dialogs import ApprovePolicyDialog, PolicyEditorDialog

DRAFT = PolicyVersionView(
    id=1,
    programme_id=1,
    number=2,
    title="Wee Acorns Mentoring Policy",
    started_on=date(2026, 11, 1),
    approved_on=None,
    approved_by="",
    passages=(
        PassageText("about", "About this policy", "Mentoring here means learning together."),
        PassageText("roles", "Who does what", "[To fill in: roles]"),
    ),
)


def _editor(qtbot: QtBot, saved: dict[str, str]) -> PolicyEditorDialog:
    def save_passage(key: str, text: str) -> bool:
        saved[key] = text
        return True

    def save_title(text: str) -> bool:
        saved["title"] = text
        return True

    editor = PolicyEditorDialog(
        DRAFT,
        save_passage=save_passage,
        save_title=save_title,
        template_wording=lambda key: "Template wording.",
    )
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_typing_is_saved_shortly_after_and_on_close(qtbot: QtBot) -> None:
    saved: dict[str, str] = {}
    editor = _editor(qtbot, saved)
    assert "(to fill in)" in editor.passages.item(1).text()
    QTest.keyClicks(editor.editor, " Always.")
    qtbot.waitUntil(lambda: "about" in saved, timeout=3000)
    assert "Always." in saved["about"]
    editor.passages.setCurrentRow(1)
    editor.editor.setPlainText("Mentors listen; mentees lead.")
    editor.title.setText("New title")
    editor.title.textEdited.emit("New title")
    editor.reject()  # the Close button
    assert saved["roles"] == "Mentors listen; mentees lead."
    assert saved["title"] == "New title"
    assert "(to fill in)" not in editor.passages.item(1).text()


def test_template_wording_can_be_put_back_after_asking(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: dict[str, str] = {}
    editor = _editor(qtbot, saved)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes),
    )
    editor.reset_button.click()
    assert editor.editor.toPlainText() == "Template wording."
    editor.flush()
    assert saved["about"] == "Template wording."


def test_approval_needs_a_date_and_who_approved(qtbot: QtBot, today: date) -> None:
    dialog = ApprovePolicyDialog(2, today=today)
    qtbot.addWidget(dialog)
    dialog.approved_on.edit.setText("31/02/2026")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "no such date" in dialog.form.error_text("approved_on")
    assert "who approved" in dialog.form.error_text("approved_by")
    approved_on = today - timedelta(days=3)
    dialog.approved_on.edit.setText(approved_on.strftime("%d/%m/%Y"))
    dialog.approved_by.setText("The owners")
    dialog.accept()
    assert dialog.values() == (approved_on, "The owners")
