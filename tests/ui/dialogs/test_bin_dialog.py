"""The restore bin in the window: remove a person and a reference from the record, find them
in the bin on the People page, bring them back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import or_, select

from app.model import Match, Participant, Person
from ui.dialogs.bin_dialog import BinDialog
from ui.main_window import MainWindow
from ui.pages.people_page import PeoplePage


def _page(window: MainWindow) -> PeoplePage:
    window.go_to("people")
    page = window.stack.currentWidget()
    assert isinstance(page, PeoplePage)
    return page


def _never_matched(window: MainWindow) -> tuple[int, str]:
    with window.context.database.session() as s:
        matched = select(Participant.person_id).join(
            Match, or_(Match.mentor_id == Participant.id, Match.mentee_id == Participant.id)
        )
        person = s.scalars(
            select(Person).where(Person.id.not_in(matched)).order_by(Person.id)
        ).first()
        assert person is not None
        return person.id, person.last_name


def test_a_person_goes_to_the_bin_and_comes_back(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    before = page.model.rowCount()
    person_id, last_name = _never_matched(window)
    page.search.setText(last_name)
    page.select(person_id)
    assert page.record.record is not None and page.record.record.id == person_id
    assert page.record.remove_button.isVisibleTo(page.record)
    asked: list[str] = []

    def yes(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page.record.remove_button.click()
    assert asked and "goes to the bin" in asked[0]
    page.search.setText("")
    assert page.model.rowCount() == before - 1
    assert person_id not in page.model.ids

    seen: list[BinDialog] = []

    def look(dialog: BinDialog) -> int:
        seen.append(dialog)
        assert dialog.items[0].record_id == person_id
        dialog.bring_back_button.click()
        assert "Brought back" in dialog.message.text()
        assert dialog.empty.isVisibleTo(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(BinDialog, "exec", look)
    page.bin_button.click()
    assert seen
    assert page.model.rowCount() == before and person_id in page.model.ids


def test_someone_matched_is_refused_with_the_reason(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    page.search.setText("Nic a")
    page.table.selectRow(0)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(str(a[2])))
    page.record.remove_button.click()
    assert told and "been in a match" in told[0]
