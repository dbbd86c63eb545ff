"""The Programmes page: create, edit, archive and bring back, with messages by the fields."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ui.dialogs.programme_dialog import ProgrammeDialog
from ui.main_window import MainWindow
from ui.pages import programmes_page
from ui.pages.programmes_page import ProgrammesPage


def _page(window: MainWindow) -> ProgrammesPage:
    window.go_to("programmes")
    page = window.stack.currentWidget()
    assert isinstance(page, ProgrammesPage)
    return page


def test_dialog_shows_each_problem_next_to_its_field(qtbot: QtBot) -> None:
    dialog = ProgrammeDialog()
    qtbot.addWidget(dialog)
    dialog.start_date.edit.setText("31/02/2026")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Give the programme a name." in dialog.form.error_text("name")
    assert "which organisation" in dialog.form.error_text("organisation")
    assert "no such date" in dialog.form.error_text("start_date")
    assert dialog.form.error_text("end_date") == ""


def test_create_a_programme_through_the_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)

    class FilledDialog(ProgrammeDialog):
        def exec(self) -> int:
            self.name.setText("Little Steps Mentoring")
            self.organisation.setText("Wee Acorns Nursery")
            self.start_date.edit.setText("01/01/2027")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(programmes_page, "ProgrammeDialog", FilledDialog)
    page.new_button.click()
    names = [row.name for row in page.model.rows]
    assert "Little Steps Mentoring" in names
    selected = page._selected_row()
    assert selected is not None and selected.name == "Little Steps Mentoring"
    assert window.programme_picker.count() == 3


def test_archive_and_bring_back(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    page.select(page.model.rows[1].id)
    archived_id = page.selected_id()
    page.archive_button.click()
    assert archived_id not in [r.id for r in page.model.rows]
    assert window.programme_picker.count() == 1
    assert not window.programme_picker.isVisible()  # one programme: no picker needed
    page.show_archived.setChecked(True)
    page.select(archived_id)
    assert page.archive_button.text().replace("&", "") == "Bring back"
    page.archive_button.click()
    assert window.programme_picker.count() == 2


def test_edit_updates_the_list(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    page.select(window.context.programme_id)

    class RenameDialog(ProgrammeDialog):
        def exec(self) -> int:
            self.name.setText("Growing Together 2027")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(programmes_page, "ProgrammeDialog", RenameDialog)
    page.edit_button.click()
    assert "Growing Together 2027" in [r.name for r in page.model.rows]
    assert "Growing Together 2027" in window.windowTitle()


def test_after_archiving_a_programme_stays_selected_and_the_way_back_is_told(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(window)
    other = next(r for r in page.model.rows if r.id != window.context.programme_id)
    page.select(other.id)
    page.archive_button.click()
    assert page.selected_id() == window.context.programme_id
    assert page.edit_button.isEnabled()
    assert "Show archived" in window.statusBar().currentMessage()


def test_a_shared_partnership_needs_its_partners_listed(qtbot: QtBot) -> None:
    from app.model.programme import ProgrammeModel

    dialog = ProgrammeDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Across the network")
    dialog.organisation.setText("Riverside")
    dialog.programme_model.setCurrentIndex(
        dialog.programme_model.findData(ProgrammeModel.SHARED_PARTNERSHIP)
    )
    dialog.accept()
    assert "partner organisations" in dialog.form.error_text("partner_organisations")
    dialog.partners.setText("Wee Acorns Nursery; Sunflower Family Centre")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.details().programme_model is ProgrammeModel.SHARED_PARTNERSHIP


def test_the_coordinators_phone_and_email_are_kept_and_checked(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import programmes

    page = _page(window)
    programme_id = window.context.programme_id
    assert programme_id is not None
    page.select(programme_id)
    kept = window.context.ops.read(
        lambda s: programmes.details_of(programmes.get_programme(s, programme_id))
    )
    shown: list[str] = []

    class ContactDialog(ProgrammeDialog):
        def exec(self) -> int:
            # the recorded contact is shown; a bad e-mail is refused next to its field
            shown.append(self.coordinator_email.text())
            self.coordinator_email.setText("not an address")
            self.accept()
            assert self.result() != QDialog.DialogCode.Accepted
            assert self.form.error_text("coordinator_email")
            self.coordinator_phone.setText("0131 496 0123")
            self.coordinator_email.setText("coordinator@example.org.uk")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(programmes_page, "ProgrammeDialog", ContactDialog)
    page.edit_button.click()
    assert shown == [kept.coordinator_email or ""]
    saved = window.context.ops.read(
        lambda s: programmes.details_of(programmes.get_programme(s, programme_id))
    )
    assert saved.coordinator_email == "coordinator@example.org.uk"
    assert saved.coordinator_phone and saved.coordinator_phone.replace(" ", "") == "01314960123"
