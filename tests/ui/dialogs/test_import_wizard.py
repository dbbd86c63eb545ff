"""The import wizard on a messy list written by LibreOffice Calc: the headings found on row 4,
every column matched, the preview showing what will be saved (forename and surname apart),
warnings that leave the row ticked, duplicates that cannot be ticked, the columns not
imported named; and the work done off the window's thread, with Cancel writing nothing."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.model import Person, PersonCheck, PvgRecord
from app.services import importing
from tests.ui.helpers import programme_id
from ui.dialogs.import_wizard import ImportWizard
from ui.main_window import MainWindow

FIXTURES = Path(__file__).parents[2] / "fixtures" / "import"


def _wizard(qtbot: QtBot, window: MainWindow, today: date) -> ImportWizard:
    wizard = ImportWizard(window.context, programme_id(window), today=today, parent=window)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _people(window: MainWindow) -> int:
    with window.context.database.session() as s:
        return int(s.scalar(select(func.count()).select_from(Person)) or 0)


def test_a_messy_calc_workbook_from_file_to_confirmed(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    wizard = _wizard(qtbot, window, today)
    wizard.file_page.path.setText(str(FIXTURES / "people_calc.ods"))
    wizard.next()
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    assert "The headings are on row 4" in mapping.found.text()
    assert "Rows 1, 2 above them" in mapping.found.text()
    assert len(mapping.mapping()) == 13  # all but the lanyard colour
    assert mapping.combos[13].currentText() == "Not imported"
    wizard.next()
    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    model = preview.model
    headers = model.headers
    assert headers[:4] == ["Add", "Row", "Forename", "Surname"]
    for heading in ("Start date", "PVG membership number", "PVG issue date", "Training hours"):
        assert heading in headers
    rows = {model.text(n, 1): n for n in range(model.rowCount())}
    seonaid = rows["5"]
    assert (model.text(seonaid, 2), model.text(seonaid, 3)) == ("Seònaid", "Nic a' Phì")
    pvg = headers.index("PVG issue date")
    assert model.text(seonaid, pvg) == "15/08/2024 (renew by 15/08/2029)"
    check = headers.index("To check")
    assert check == 4  # beside the name, seen first
    eilidh = rows["6"]
    assert "does not look like an e-mail address" in model.text(eilidh, check)
    assert model.text(eilidh, 0) == "Yes"  # a warning leaves the row ticked
    duplicate = rows["11"]
    flags = model.flags(model.index(duplicate, 0))
    assert not flags & Qt.ItemFlag.ItemIsUserCheckable
    assert "duplicate" in model.text(duplicate, check)
    summary = preview.summary.text()
    # Jack Reid is in the demo already (the same name and e-mail): both his rows are skipped.
    assert "6 people will be added" in summary and "“Lanyard colour”" in summary
    assert "2 duplicates skipped" in summary and "totals row 15 skipped" in summary
    assert preview.add_notes.isVisibleTo(wizard)
    preview.only_to_check.setChecked(True)
    assert model.rowCount() < len(rows)
    preview.only_to_check.setChecked(False)
    before = _people(window)
    preview.add_notes.setChecked(True)
    wizard.accept()
    assert wizard.added == 6
    assert _people(window) == before + 6
    with window.context.database.session() as s:
        numbers = set(s.scalars(select(PvgRecord.reference_number)))
        assert "1234 5678 9012 3456" in numbers
        assert s.scalar(select(func.count()).select_from(PersonCheck))
        jack = s.scalars(select(Person).where(Person.email == "jack.reid@example.org.uk")).one()
        assert "Second copy of this row" in jack.notes


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "has no rows in it"),
        (b"Shopping\nMilk,Bread\n", "No row of column headings was found in the first 30 rows"),
    ],
)
def test_a_file_that_cannot_be_imported_says_why_on_the_first_page(
    qtbot: QtBot,
    window: MainWindow,
    today: date,
    tmp_path: Path,
    content: bytes | None,
    message: str,
) -> None:
    path = FIXTURES / "empty_calc.xlsx"
    if content is not None:
        path = tmp_path / "notes.csv"
        path.write_bytes(content)
    wizard = _wizard(qtbot, window, today)
    wizard.file_page.path.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert message in wizard.file_page.problem.text()


def test_checking_runs_off_the_window_thread_and_cancel_stops_it(
    qtbot: QtBot, window: MainWindow, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.context.tasks.synchronous = False
    try:
        wizard = _wizard(qtbot, window, today)
        wizard.file_page.path.setText(str(FIXTURES / "people_calc.xlsx"))
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10000)
        threads: list[str] = []
        release = threading.Event()
        real = importing.plan_import

        def slow(*args: object, **kwargs: object) -> importing.ImportPlan:
            threads.append(threading.current_thread().name)
            release.wait(10)
            return real(*args, **kwargs)  # type: ignore[arg-type]  # passed straight on

        monkeypatch.setattr(importing, "plan_import", slow)
        wizard.next()
        qtbot.waitUntil(lambda: bool(threads), timeout=10000)
        assert threads == ["import"]
        job = wizard.jobs[0]
        assert job.dialog is not None
        cancel = job.dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()
        release.set()
        wizard.wait()
        qtbot.waitUntil(lambda: not wizard.jobs, timeout=10000)
        assert wizard.currentPage() is wizard.mapping_page  # cancelled: still here
        # Without Cancel the preview arrives, and Import adds them off the thread too.
        monkeypatch.setattr(importing, "plan_import", real)
        before = _people(window)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10000)
        wizard.accept()
        qtbot.waitUntil(lambda: wizard.added == 6, timeout=10000)
        assert _people(window) == before + 6
    finally:
        window.context.tasks.synchronous = True
