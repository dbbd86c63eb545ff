"""Every page, every tab and every dialog, read as a screen reader and a keyboard user would.

The walk reuses the click-everything harness (each dialog is opened, explored and cancelled)
and checks each window as it appears: no interactive control without a name, no label whose
accessible name hides the value it shows, no table that keeps Tab inside it, no Alt+letter
that two controls (or a control and a menu) share.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableWidget, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.accessibility_audit import audit, mnemonic_clashes
from tests.ui.test_click_everything import Clicker, _delete_closed, _demo_people, _process
from ui.main_window import MainWindow
from ui.pages.people_page import PeoplePage
from ui.pages.programmes_page import ProgrammesPage
from ui.widgets.accessible import describe

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


class AuditingClicker(Clicker):
    """The click-everything walk, checking every window it opens before it presses anything."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: dict[str, None] = {}
        self.audited: list[str] = []

    def check(self, window: QWidget) -> None:
        if not shiboken6.isValid(window):
            return
        self.audited.append(f"{type(window).__name__}: {window.windowTitle()}")
        for problem in audit(window) + mnemonic_clashes(window):
            self.problems[problem] = None

    def modal(self, dialog: QDialog) -> int:
        dialog.show()
        _process()
        self.check(dialog)
        return super().modal(dialog)

    def explore_window(self, window: QWidget) -> None:
        self.check(window)
        super().explore_window(window)


@pytest.fixture
def auditor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> AuditingClicker:
    found = AuditingClicker()
    found.install(monkeypatch)
    return found


def _check_page(auditor: AuditingClicker, window: MainWindow, page: QWidget) -> None:
    auditor.check(window)
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _process()
            auditor.check(window)


def test_every_page_and_dialog_is_named_readable_and_leaves_tab(
    qtbot: QtBot, window: MainWindow, auditor: AuditingClicker
) -> None:
    programme_id = window.context.programme_id
    # WHEN every person's record tab is read, for several kinds of person
    people = window.page("people")
    assert isinstance(people, PeoplePage)
    window.go_to("people")
    for person_id in _demo_people(window).values():
        people.select(person_id)
        _process()
        _check_page(auditor, window, people.record)
    # AND every page, each of its tabs and every dialog its buttons and menus open
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        _process()
        page = window.stack.currentWidget()
        assert page is not None
        if isinstance(page, ProgrammesPage):
            page.show_archived.setChecked(True)  # Archive is followed by Bring back
        _check_page(auditor, window, page)
        auditor.visit(page)
        window.context.set_programme(programme_id)
        _delete_closed()
    # AND every menu entry (the dialogs they open)
    for action in window.menuBar().actions():
        auditor._trigger(action)
    # THEN nothing is unnamed, hidden or a Tab trap, and the walk really saw the dialogs
    print(f"\n{len(auditor.audited)} windows read: {sorted(set(auditor.audited))}")
    assert not auditor.problems, "\n".join(auditor.problems)
    kinds = {a.split(":")[0] for a in auditor.audited}
    for kind in ("PersonDialog", "ImportWizard", "PrintPreviewDialog", "MeetingDialog"):
        assert kind in kinds, sorted(kinds)
    assert len(auditor.audited) > 60


def test_the_audit_finds_each_kind_of_problem(qtbot: QtBot) -> None:
    """The checker itself: each problem it exists for is reported, and the fix passes."""
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setWindowTitle("Holder")
    value = QLabel("zara@example.org", holder)
    value.setAccessibleName("E-mail")
    table = QTableWidget(2, 2, holder)
    table.setAccessibleName("People")
    from PySide6.QtWidgets import QPushButton

    QPushButton("", holder)  # no text, no name
    holder.show()
    QApplication.processEvents()
    found = audit(holder)
    assert any("hiding its text" in p and "E-mail" in p for p in found), found
    assert any("keeps Tab inside" in p for p in found), found
    assert any("QPushButton" in p and "no accessible name" in p for p in found), found
    # AND once the caption is a description and the table leaves Tab, only the button is left
    describe(value, "E-mail")
    table.setTabKeyNavigation(False)
    assert value.accessibleDescription() == "E-mail"
    assert [p for p in audit(holder) if "QPushButton" not in p] == []
