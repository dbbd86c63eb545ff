"""The Framework page: planning progress, the rules with their editor, and the policy's
versions (edit, approve, print)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app.model import MentoringType
from app.services import policy, programme_settings
from tests.ui.helpers import cell_text, programme_id
from ui.dialogs.policy_dialogs import ApprovePolicyDialog
from ui.dialogs.rules_dialog import OrganisationRulesForm, RulesDialog
from ui.main_window import MainWindow
from ui.pages import framework_page
from ui.pages.framework_page import FrameworkPage


def _page(window: MainWindow) -> FrameworkPage:
    window.go_to("framework")
    page = window.stack.currentWidget()
    assert isinstance(page, FrameworkPage)
    return page


def test_the_demo_shows_a_finished_plan_its_rules_and_policy_versions(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(window)
    assert "Planning finished on" in page.planning_status.text()
    assert "8 of 8 sections are complete" in page.planning_status.text()
    assert "Relationship length" in page.rules_table.text()
    assert "Availability (3)" in page.matching_label.text()
    assert page.policy_status.text().startswith("In force today: version 1, approved on")
    assert page.versions.rowCount() == 2
    assert cell_text(page.versions, 0, 1) == "Draft"
    assert cell_text(page.versions, 1, 1).startswith("Approved")
    assert page.approve_button.isEnabled()


def test_approve_then_edit_makes_a_new_version_and_leaves_the_approved_one(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    page = _page(window)
    pid = programme_id(window)

    class Approve(ApprovePolicyDialog):
        def exec(self) -> int:
            self.approved_on.set_value(today)
            self.approved_by.setText("Network owners")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(framework_page, "ApprovePolicyDialog", Approve)
    page.approve_button.click()
    with window.context.database.session() as s:
        v2 = policy.versions(s, pid)[0]
    assert v2.number == 2 and v2.approved and v2.approved_by == "Network owners"
    assert page.policy_status.text().startswith("In force today: version 2")
    assert not page.approve_button.isEnabled()
    assert page.edit_button.text().replace("&", "") == "Edit (makes a new version)…"

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    page.edit_button.click()
    editor = page.editor
    assert editor is not None
    assert "version 3" in editor.windowTitle()
    heading = editor.findChild(QLabel)
    assert heading is not None and "Version 2, approved on" in heading.text()
    editor.set_passage_text("A rewritten first passage.")
    qtbot.waitUntil(lambda: editor.status.text() == "All changes saved.", timeout=3000)
    editor.close()

    with window.context.database.session() as s:
        v3, v2_again, _v1 = policy.versions(s, pid)
    assert v3.number == 3 and not v3.approved
    assert v3.passages[0].body == "A rewritten first passage."
    assert v2_again.passages == v2.passages
    assert page.versions.rowCount() == 3


def test_a_draft_with_a_gap_cannot_be_approved(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    page = _page(window)
    pid = programme_id(window)
    with window.context.database.session() as s:
        policy.edit_passage(s, pid, "roles", "[To fill in: who does what]", today)
    page.refresh()
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text: told.append(text))
    )

    class Approve(ApprovePolicyDialog):
        def exec(self) -> int:
            self.approved_by.setText("Owners")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(framework_page, "ApprovePolicyDialog", Approve)
    page.approve_button.click()
    assert told and "Who does what" in told[0]
    with window.context.database.session() as s:
        assert not policy.versions(s, pid)[0].approved


def test_rules_dialog_refuses_a_group_of_six_then_saves(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    messages: list[str] = []

    class Rules(RulesDialog):
        def exec(self) -> int:
            organisation = self.forms[0]
            assert isinstance(organisation, OrganisationRulesForm)
            organisation.mentoring_type.setCurrentIndex(
                organisation.mentoring_type.findData(MentoringType.GROUP)
            )
            organisation.max_mentees.setValue(6)
            self.accept()
            messages.append(organisation.form.error_text("max_mentees_per_mentor"))
            assert self.result() != QDialog.DialogCode.Accepted
            organisation.max_mentees.setValue(4)
            self.accept()
            return int(self.result())

    monkeypatch.setattr(framework_page, "RulesDialog", Rules)
    page.rules_button.click()
    assert "at most 4 mentees per mentor" in messages[0]
    with window.context.database.session() as s:
        rules = programme_settings.get_rules(s, programme_id(window))
    assert rules.max_mentees_per_mentor == 4
    assert "Mentees per mentor" in page.rules_table.text()


def test_printing_a_version_opens_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    page.versions.selectRow(1)
    page.print_policy_button.click()
    preview = page.findChild(QDialog, "print-preview")
    assert preview is not None
    preview.close()
    page.print_plan_button.click()
    assert page.findChildren(QDialog, "print-preview")
