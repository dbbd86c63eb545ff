"""The People page on the demo: search as you type, filters, the record, the person editor
(messages by the fields, duplicate warning), screening dialogs, import and export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.model import Person, PvgRecord
from app.model.person import Stage
from app.services import people
from tests.ui.helpers import cell_text, item_text, programme_id
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.screening_dialogs import PvgDialog, StageDialog
from ui.main_window import MainWindow
from ui.pages.people_page import PeoplePage


@pytest.fixture(autouse=True)
def _delete_closed_windows() -> None:
    """Windows closed by earlier tests are only marked for deletion; delete them now, so the
    application does not restyle hundreds of dead widgets when the next window is built."""
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _page(window: MainWindow) -> PeoplePage:
    window.go_to("people")
    page = window.stack.currentWidget()
    assert isinstance(page, PeoplePage)
    return page


def _names(page: PeoplePage) -> list[str]:
    return [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]


def test_people_follows_the_framework_and_lists_everyone(window: MainWindow) -> None:
    titles = [item_text(window.nav, i) for i in range(window.nav.count())]
    assert titles.index("People") == titles.index("Framework") + 1
    page = _page(window)
    assert page.model.rowCount() == 42
    assert page.count.text() == "42 people"


def test_typing_in_the_search_box_filters_as_you_type(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    page.search.setFocus()
    QTest.keyClicks(page.search, "mac")
    assert sorted(_names(page)) == ["Eilidh Mackenzie", "Fiona MacLeod", "Màiri MacDonald"]
    assert page.count.text() == "3 of 42 people shown"
    QTest.keyClicks(page.search, "l")
    assert _names(page) == ["Fiona MacLeod"]
    QTest.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.model.rowCount() == 42


def test_filters_by_role_stage_and_readiness(window: MainWindow) -> None:
    page = _page(window)
    page.role_filter.setCurrentIndex(page.role_filter.findData("both"))
    assert _names(page) == ["Eilidh Mackenzie"]
    page.role_filter.setCurrentIndex(0)
    page.stage_filter.setCurrentIndex(page.stage_filter.findData(Stage.WITHDRAWN))
    assert _names(page) == ["Emma Black"]
    page.stage_filter.setCurrentIndex(0)
    page.ready_filter.setCurrentIndex(page.ready_filter.findData(True))
    assert "Deborah Clark" not in _names(page) and "Lorna Gibson" in _names(page)


def test_sorting_by_days_waiting(window: MainWindow) -> None:
    page = _page(window)
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    assert _names(page)[0] == "Karen Lindsay"  # waiting longest


def test_choosing_someone_opens_their_record_with_tabs(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    QTest.keyClicks(page.search, "deborah")
    page.table.selectRow(0)
    record = page.record
    assert record.title.text() == "Deborah Clark"
    assert "PVG membership expired on" in record.status.text()
    tabs = [record.tabs.tabText(i).replace("&", "") for i in range(record.tabs.count())]
    assert tabs == ["Details", "Screening", "Training", "Matches", "History"]
    record.tabs.setCurrentIndex(1)
    assert "Disclosure Code of Practice" in record.pvg_note_label.text()
    assert record.pvg_table.rowCount() == 1
    assert "Expired" in cell_text(record.pvg_table, 0, 5)


def test_person_dialog_shows_messages_by_the_fields(qtbot: QtBot, today: date) -> None:
    dialog = PersonDialog(today=today)
    qtbot.addWidget(dialog)
    dialog.last_name.setText("Reid")
    dialog.email.setText("jack@reid")
    dialog.phone.setText("12345")
    dialog.postcode.setText("not a postcode")
    dialog.date_of_birth.edit.setText("31/02/1990")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_text("first_name") == "⚠ Write their first name."
    assert "e-mail address" in dialog.error_text("email")
    assert "phone number" in dialog.error_text("phone")
    assert "EH6 5AB" in dialog.error_text("postcode")
    assert "no such date" in dialog.error_text("date_of_birth")
    assert "at least one role" in dialog.error_text("roles")
    assert dialog.error_text("last_name") == ""
    assert dialog.tabs.currentIndex() == 0


def test_adding_a_likely_duplicate_warns_first_then_saves(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    attempts = []

    def fake_exec(dialog: PersonDialog) -> int:
        dialog.first_name.setText("Megan")
        dialog.last_name.setText("Fraser")
        dialog.email.setText("megan.fraser@example.org.uk")
        dialog.mentee.setChecked(True)
        dialog.accept()
        attempts.append(dialog.warning.isVisibleTo(dialog))
        if dialog.result() != QDialog.DialogCode.Accepted:
            assert "same name and e-mail address" in dialog.warning.text()
            dialog.accept()  # Save again: add them anyway
        return int(dialog.result())

    monkeypatch.setattr(PersonDialog, "exec", fake_exec)
    page.new_button.click()
    assert attempts == [True]
    with window.context.database.session() as s:
        count = len(s.scalars(select(Person).where(Person.last_name == "Fraser")).all())
    assert count == 2
    assert page.model.rowCount() == 43
    assert page.record.title.text() == "Megan Fraser"


def test_recording_a_pvg_check_through_the_record(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    page = _page(window)
    QTest.keyClicks(page.search, "iain")
    page.table.selectRow(0)

    def fake_exec(dialog: PvgDialog) -> int:
        dialog.issued_on.edit.setText((today - timedelta(days=22)).strftime("%d/%m/%Y"))
        dialog.reference_number.setText("1100 2200 3300 4400")
        dialog.decision.setCurrentIndex(1)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(PvgDialog, "exec", fake_exec)
    page.record._add_pvg()
    with window.context.database.session() as s:
        numbers = s.scalars(select(PvgRecord.reference_number)).all()
    assert "1100 2200 3300 4400" in numbers
    assert page.record.title.text() == "Iain McIntyre"
    assert "No PVG membership recorded" not in page.record.status.text()


def test_leaving_makes_the_disclosure_scotland_task(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    QTest.keyClicks(page.search, "lorna")
    page.table.selectRow(0)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[1]))

    def fake_exec(dialog: StageDialog) -> int:
        dialog.stage.setCurrentIndex(dialog.stage.findData(Stage.LEFT))
        dialog.reason.setPlainText("Retired")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(StageDialog, "exec", fake_exec)
    shown = page.record.record
    assert shown is not None
    page.record._change_stage(shown.roles[0])
    page.record.tabs.setCurrentIndex(4)
    assert told == ["Tell Disclosure Scotland"]
    assert "Tell Disclosure Scotland" in page.record.task_labels[0].text()


def test_import_wizard_adds_only_the_rows_confirmed(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, today: date
) -> None:
    from ui.dialogs.import_wizard import ImportWizard

    path = tmp_path / "list.csv"
    path.write_text(
        "First name,Surname,Email\n"
        "Iona,Drummond,iona@example.org.uk\n"
        "\n"
        "Callum,Brodie,callum@broken\n",
        encoding="utf-8",
    )
    page = _page(window)
    wizard = ImportWizard(window.context, programme_id(window), today=today, parent=page)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    assert wizard.mapping_page.mapping() == {0: "first_name", 1: "last_name", 2: "email"}
    wizard.next()
    preview = wizard.preview_page
    assert preview.model.rowCount() == 2
    assert "e-mail address" in preview.model.text(1, 4)  # a warning, the row still ticked
    assert preview.chosen_lines() == {2, 4}
    assert "1 blank row skipped" in preview.summary.text()
    preview.model.setData(
        preview.model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    wizard.accept()
    assert wizard.added == 1
    with window.context.database.session() as s:
        names = set(s.scalars(select(Person.last_name)))
    assert "Drummond" in names and "Brodie" not in names
    assert page.model.total == 43


def test_export_writes_the_shown_list(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = _page(window)
    page.search.setText("mac")
    target = tmp_path / "people.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV file (*.csv)")
    )
    page.export_button.click()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 4  # the header and the three people shown


def test_withdrawing_without_a_reason_is_refused_by_the_dialog(qtbot: QtBot, today: date) -> None:
    dialog = StageDialog(Stage.APPLIED, name="Emma Black", today=today)
    qtbot.addWidget(dialog)
    dialog.stage.setCurrentIndex(dialog.stage.findData(Stage.WITHDRAWN))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "why they withdrew" in dialog.form.error_text("reason")
    dialog.reason.setPlainText("Moved to Glasgow")
    dialog.accept()
    stage, _on, reason = dialog.value()
    assert stage is Stage.WITHDRAWN and reason == "Moved to Glasgow"

    pvg = PvgDialog(today=today)
    qtbot.addWidget(pvg)
    assert "Do not scan or copy the certificate" in pvg.note.text()
    pvg.accept()
    assert "date of issue" in pvg.form.error_text("issued_on")


def test_reminders_at_the_top_open_the_person(window: MainWindow, today: date) -> None:
    page = _page(window)
    assert page.reminders.isVisible()
    assert "Alison Cunningham" in page.reminders.text()
    page.search.setText("zara")
    found = page.context.ops.read(lambda s: people.reminders(s, programme_id(window), today))
    deborah = next(r for r in found if "Deborah" in r.text)
    page.reminders.linkActivated.emit(str(deborah.person_id))
    assert page.search.text() == ""
    assert page.record.title.text() == "Deborah Clark"


def test_enter_on_a_row_edits_that_person(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    edited = []
    monkeypatch.setattr(page, "edit_selected", lambda: edited.append(page.selected_id()))
    page.table.setFocus()
    page.table.selectRow(2)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert edited == [page.model.ids[2]]


def test_deleting_a_reference_needs_one_chosen_then_a_yes(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.model import Reference

    page = _page(window)
    page.search.setText("Nic a")
    page.table.selectRow(0)
    record = page.record
    record.tabs.setCurrentIndex(1)  # the screening tab is built when first shown
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    with window.context.database.session() as s:
        before = len(s.scalars(select(Reference)).all())
    record.references_table.clearSelection()
    record._remove_reference()
    assert told == ["Choose a reference in the list first."]
    record.references_table.selectRow(0)
    record._remove_reference()
    with window.context.database.session() as s:
        assert len(s.scalars(select(Reference)).all()) == before - 1


def test_an_import_check_shows_on_the_record_until_ticked(window: MainWindow, today: date) -> None:
    from PySide6.QtWidgets import QPushButton

    from app.model.person_check import PersonCheck

    page = _page(window)
    page.search.setText("Nic a")
    page.table.selectRow(0)
    person_id = page.selected_id()
    assert person_id is not None
    with window.context.database.session() as s:
        s.add(
            PersonCheck(
                person_id=person_id,
                field="email",
                message="This does not look like an e-mail address: seonaid@",
                source="Import of staff.xlsx, row 6",
                raised_on=today,
            )
        )
    page.open_record(person_id)
    page.record.tabs.setCurrentIndex(0)
    buttons = [
        b for b in page.record.findChildren(QPushButton) if b.accessibleName().startswith("Checked")
    ]
    assert len(buttons) == 1 and "seonaid@" in buttons[0].accessibleName()
    buttons[0].click()
    with window.context.database.session() as s:
        assert s.scalars(select(PersonCheck.checked_on)).one() is not None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    left = [
        b
        for b in page.record.findChildren(QPushButton)
        if b.accessibleName().startswith("Checked") and b.isVisibleTo(page.record)
    ]
    assert not left


def test_the_window_says_how_many_were_imported(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs.import_wizard import ImportWizard

    def pretend(wizard: ImportWizard) -> int:
        wizard.added = 6
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportWizard, "exec", pretend)
    said: list[str] = []
    window.context.message.connect(said.append)
    _page(window).import_button.click()
    assert said == ["6 people added from the list."]


def test_a_persons_audit_trail_opens_from_their_record(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The History tab's button shows what happened to this person's details and PVG
    records, and nothing about anyone else."""
    from ui.dialogs.audit_dialog import AuditDialog

    page = _page(window)
    QTest.keyClicks(page.search, "lorna")
    page.table.selectRow(0)
    shown = page.record.record
    assert shown is not None
    other = window.context.ops.read(
        lambda s: s.scalar(select(Person.id).where(Person.id != shown.id).order_by(Person.id))
    )

    def change(s: Any) -> None:
        s.get(Person, shown.id).phone = "07700 900111"
        s.get(Person, other).phone = "07700 900222"
        pvg = s.scalar(select(PvgRecord).where(PvgRecord.person_id == shown.id))
        pvg.reference_number = "5500 6600 7700 8800"

    window.context.ops.run(window, change)
    page.record.tabs.setCurrentIndex(4)
    opened: list[AuditDialog] = []

    def fake_exec(dialog: AuditDialog) -> int:
        qtbot.addWidget(dialog)
        opened.append(dialog)
        return 0

    monkeypatch.setattr(AuditDialog, "exec", fake_exec)
    page.record.audit_button.click()
    assert len(opened) == 1
    dialog = opened[0]
    assert shown.name in dialog.windowTitle()
    changed = {(r.record, r.record_id, r.fields) for r in dialog.rows if r.action == "changed"}
    assert ("Person", shown.id, "phone") in changed
    assert any(record == "PVG record" for record, _id, _fields in changed)
    assert all(not (r.record == "Person" and r.record_id == other) for r in dialog.rows)
    assert dialog.table.rowCount() == len(dialog.rows) > 0
