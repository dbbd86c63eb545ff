"""Three everyday jobs done with the keyboard alone (no mouse event anywhere): add a person,
propose a match, print an agreement. Focus moves only by Tab, arrows, Enter and Alt+letter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.services import matching, people
from tests.app.services.test_matching import make_programme
from tests.ui.helpers import focused
from ui.dialogs.person_dialog import PersonDialog
from ui.main_window import MainWindow
from ui.pages.matching_page import MatchingPage
from ui.widgets import print_preview
from ui.widgets.print_preview import PrintPreviewDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
#: Qt shows a button pressed for 100 ms when its Alt+letter is used, then clicks it.
ANIMATED_CLICK_MS = 250


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)
    QApplication.processEvents()
    if modifier == ALT:
        QTest.qWait(ANIMATED_CLICK_MS)  # a button's Alt+letter presses it after a short delay


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def tab_to(target: QWidget, limit: int = 120) -> int:
    """Press Tab until `target` (or something inside it) has the focus; how many presses."""
    for presses in range(limit):
        now = focused()
        if now is target or target.isAncestorOf(now):
            return presses
        key(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName() or target}")


def while_open(kind: type[QDialog], steps: Callable[[QDialog], None]) -> list[str]:
    """Run `steps` once a modal `kind` has opened (exec() blocks the test until it closes).
    Anything still open two seconds later is closed and reported (so a test fails, never
    hangs): the returned list names it."""
    left_open: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, run)
            return
        if QApplication.activeWindow() is not dialog:
            dialog.activateWindow()  # what the window manager does for a new dialog
            QTimer.singleShot(20, run)
            return
        steps(dialog)

    def close_leftovers() -> None:
        while (dialog := QApplication.activeModalWidget()) is not None:
            text = dialog.text() if isinstance(dialog, QMessageBox) else ""
            left_open.append(f"{type(dialog).__name__}: {dialog.windowTitle()} {text}")
            QDialog.done(dialog, 0) if isinstance(dialog, QDialog) else dialog.close()

    QTimer.singleShot(0, run)
    QTimer.singleShot(2000, close_leftovers)
    return left_open


@pytest.fixture
def active(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.activateWindow()
    qtbot.waitActive(window)
    window.nav.setFocus()
    return window


def test_add_a_person_with_the_keyboard_alone(active: MainWindow) -> None:
    programme_id = active.context.programme_id
    assert programme_id is not None
    # GIVEN the People page, reached by its shortcut
    key(Qt.Key.Key_4, CTRL)
    assert active.stack.currentWidget() is active.page("people")

    def fill(dialog: QDialog) -> None:
        assert focused().accessibleName() == "First name"
        type_text("Seonaid")  # QTest types ASCII only
        key(Qt.Key.Key_Tab)
        type_text("MacAskill")
        key(Qt.Key.Key_E, ALT)  # Ment&ee: ticked by its letter
        key(Qt.Key.Key_M, ALT)  # E-&mail
        type_text("seonaid@example.org")
        key(Qt.Key.Key_Return)  # Save, the dialog's default button

    # WHEN Alt+A opens "Add person…", the form is typed and Enter saves it
    left_open = while_open(PersonDialog, fill)
    key(Qt.Key.Key_A, ALT)
    QTest.qWait(100)
    assert not left_open
    # THEN she is in the programme, as a mentee, with her e-mail
    index = active.context.ops.read(
        lambda s: people.people_index(s, programme_id, active.context.today())
    )
    added = [p for p in index if "macaskill" in p.haystack.lower()]
    assert len(added) == 1, len(index)
    record = active.context.ops.read(
        lambda s: people.person_record(s, programme_id, added[0].id, active.context.today())
    )
    assert record.details.email == "seonaid@example.org"
    assert [r.role.value for r in record.roles] == ["mentee"]


def test_propose_a_match_with_the_keyboard_alone(active: MainWindow) -> None:
    with active.context.database.session() as s:
        pid, _mentors, _mentees = make_programme(s, 2, 2)
    active.context.set_programme(pid)
    key(Qt.Key.Key_5, CTRL)
    page = active.stack.currentWidget()
    assert isinstance(page, MatchingPage)
    # WHEN Tab reaches the waiting mentees, Enter picks the first and Enter on a mentor proposes
    tab_to(page.waiting_view)
    key(Qt.Key.Key_Home)
    key(Qt.Key.Key_Return)
    assert page.mentor_view.hasFocus()
    key(Qt.Key.Key_Home)
    key(Qt.Key.Key_Return)
    # THEN the pair is proposed, and the board says so
    assert "Proposed" in page.status_label.text()
    proposed = active.context.ops.read(lambda s: matching.open_matches(s, pid))
    assert len(proposed) == 1
    # AND Ctrl+Z takes it back, with the board message renewed rather than left stale
    key(Qt.Key.Key_Z, CTRL)
    assert page.status_label.text().startswith("Undone:")
    # AND Alt+O is "Propose match" (Alt+P is the programme picker's)
    assert page.propose_button.text().replace("&", "") == "Propose match"
    assert "&o" in page.propose_button.text().lower()


def test_print_an_agreement_with_the_keyboard_alone(
    qtbot: QtBot, active: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agreement.pdf"

    class PrintToFile:
        """Qt's print dialog, answered as from the keyboard: Print to file, then Enter."""

        def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def setWindowTitle(self, title: str) -> None:
            pass

        def setMinMax(self, low: int, high: int) -> None:
            pass

        def setOption(self, option: QAbstractPrintDialog.PrintDialogOption, on: bool) -> None:
            pass

        def exec(self) -> int:
            return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(print_preview, "QPrintDialog", PrintToFile)
    key(Qt.Key.Key_5, CTRL)
    page = active.stack.currentWidget()
    assert isinstance(page, MatchingPage)
    # GIVEN the open matches, reached by Tab, with the first match chosen by the arrow keys
    tab_to(page.match_table)
    key(Qt.Key.Key_Home)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Up)
    assert page.selected_match() is not None

    # WHEN Tab reaches "Print agreement…" and Space presses it
    def shown_previews() -> list[PrintPreviewDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, PrintPreviewDialog) and w.isVisible()
        ]

    # Earlier tests' previews may linger, hidden or not yet deleted: only a new one counts.
    before = {id(w) for w in shown_previews()}
    tab_to(page.print_button)
    key(Qt.Key.Key_Space)

    def new_previews() -> list[PrintPreviewDialog]:
        return [w for w in shown_previews() if id(w) not in before]

    qtbot.waitUntil(lambda: len(new_previews()) == 1, timeout=10_000)
    preview = new_previews()[0]
    preview.activateWindow()
    preview.setFocus()
    # AND Ctrl+P prints it
    key(Qt.Key.Key_P, CTRL)
    # THEN the agreement is printed, whole
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "agreement" in text.lower()
    preview.close()
