"""Every page, every tab and every dialog, read as a screen reader and a keyboard user would.

The walk reuses the click-everything harness (each dialog is opened, explored and cancelled)
and checks each window as it appears: no interactive control without a name, no label whose
accessible name hides the value it shows, no table that keeps Tab inside it, no editor in a
table's cell that does not say its row and column, no Alt+letter that two controls (or a
control and a menu) share.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.accessibility_audit import audit, mnemonic_clashes
from tests.ui.test_click_everything import Clicker, _demo_people, _process
from ui.main_window import MainWindow
from ui.pages.people_page import PeoplePage
from ui.widgets.accessible import cell_editors, describe, put_in_cell

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
    # WHEN every person's record tab is read, for several kinds of person
    people = window.page("people")
    assert isinstance(people, PeoplePage)
    window.go_to("people")
    for person_id in _demo_people(window).values():
        people.select(person_id)
        _process()
        _check_page(auditor, window, people.record)
    # AND every page, each of its tabs and every dialog its buttons and menus open, AND every
    # menu entry (the dialogs they open)
    auditor.walk_window(window, before_visit=lambda page: _check_page(auditor, window, page))
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
    # (a plain table opens an unnamed line for typing in each cell)
    assert any("cell (1, '1'): QLineEdit has no accessible name" in p for p in found), found
    # AND once the caption is a description and the table leaves Tab and names its cells'
    # editors, only the button is left
    describe(value, "E-mail")
    cell_editors(table)
    assert value.accessibleDescription() == "E-mail"
    assert [p for p in audit(holder) if "QPushButton" not in p] == []


def test_the_audit_finds_cell_editors_that_do_not_say_their_row_and_column(
    qtbot: QtBot,
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setWindowTitle("Holder")
    table = QTableWidget(3, 3, holder)
    table.setAccessibleName("Action points")
    table.setHorizontalHeaderLabels(["Action point", "By whom", "By when"])
    table.setTabKeyNavigation(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for row, text in enumerate(("Read the induction pack", "Visit the baby room", "")):
        table.setItem(row, 0, QTableWidgetItem(text))
    unnamed, heading_only, label_only = QComboBox(), QComboBox(), QComboBox()
    heading_only.setAccessibleName("By whom")
    label_only.setAccessibleName("Visit the baby room")
    table.setCellWidget(0, 1, unnamed)
    table.setCellWidget(1, 1, heading_only)
    table.setCellWidget(2, 1, QComboBox())
    table.setCellWidget(1, 2, label_only)
    holder.show()
    QApplication.processEvents()
    found = audit(holder)
    assert any("(1, 'By whom'): QComboBox has no accessible name" in p for p in found), found
    assert any("(2, 'By whom'): QComboBox is named 'By whom'" in p for p in found), found
    assert any("(2, 'By when'): QComboBox is named 'Visit the baby room'" in p for p in found)
    assert len(found) == 4, found
    # AND two cells with the same name are reported
    for row in range(3):
        widget = table.cellWidget(row, 1)
        widget.setAccessibleName("By whom: the pack")
    assert sum("the same name as cell (1, 2)" in p for p in audit(holder)) == 2
    # AND cells put in through cell_editors are named for their row and column, typing lines
    # included (the audit opens them), and pass
    table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    cell_editors(table)
    for row in range(3):
        put_in_cell(table, row, 1, QComboBox())
    table.removeCellWidget(1, 2)
    assert audit(holder) == []
    assert table.cellWidget(0, 1).accessibleName() == "By whom: Read the induction pack"
    assert table.cellWidget(2, 1).accessibleName() == "By whom: row 3"
    table.setItem(2, 0, QTableWidgetItem("Ring the mentor"))
    assert table.cellWidget(2, 1).accessibleName() == "By whom: Ring the mentor"
    table.edit(table.model().index(0, 2))
    editor = table.indexWidget(table.model().index(0, 2))
    assert editor is not None and editor.accessibleName() == "By when: Read the induction pack"
