"""Words of art on the screens come with help: each window that shows PVG, SSSC, SMART, CSV and
the other glossary terms explains them, either in words on the window or in a tooltip a
coordinator finds by resting the pointer on the word (on the control itself, the field its
caption names, or the box around it: Qt shows a parent's tooltip over a child with none)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app import glossary
from app.model import Person
from app.model.person import Stage
from app.services.goals import GoalDetails
from app.services.programme_settings import ProgrammeRules
from tests.ui.helpers import programme_id
from ui.dialogs.audit_dialog import AuditDialog
from ui.dialogs.export_tables_dialog import ExportTablesDialog
from ui.dialogs.goal_dialogs import GoalDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.privacy_dialog import PrivacyDialog
from ui.dialogs.rules_dialog import RulesDialog, ScreeningRulesForm
from ui.dialogs.screening_dialogs import PvgDialog, StageDialog
from ui.main_window import MainWindow
from ui.pages.framework_page import FrameworkPage
from ui.pages.people_page import PeoplePage


@pytest.fixture(autouse=True)
def _delete_closed_windows() -> Iterator[None]:
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield


def _texts(widget: QWidget) -> list[tuple[QWidget, str]]:
    """Every piece of text the window shows, with the widget that shows it."""
    found: list[tuple[QWidget, str]] = [(widget, widget.windowTitle())]
    for w in [widget, *widget.findChildren(QWidget)]:
        if w is not widget and w.isHidden():
            continue
        if isinstance(w, QLabel | QAbstractButton):
            found.append((w, w.text()))
        elif isinstance(w, QGroupBox):
            found.append((w, w.title()))
        elif isinstance(w, QComboBox):
            found += [(w, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            headers = (w.horizontalHeaderItem(c) for c in range(w.columnCount()))
            found += [(w, h.text()) for h in headers if h is not None]
    return found


def _help_on(widget: QWidget | None, stop: QWidget) -> str:
    """The tooltips and What's This? texts shown over a widget: its own, its buddy's (for a
    caption) and those of the boxes around it."""
    parts = []
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        buddy = widget.buddy()
        parts += [buddy.toolTip(), buddy.whatsThis()]
    while widget is not None:
        parts += [widget.toolTip(), widget.whatsThis()]
        if widget is stop:
            break
        widget = widget.parentWidget()
    return "\n".join(parts)


def _shown(texts: list[tuple[QWidget, str]]) -> set[str]:
    """The terms in the texts, leaving out those named only inside an explanation."""
    meanings = [glossary.explain(t.key) for t in glossary.TERMS]
    keys = set()
    for _w, text in texts:
        for meaning in meanings:
            text = text.replace(meaning, "")
        keys |= {t.key for t in glossary.terms_in(text)}
    return keys


def unexplained(window: QWidget) -> set[str]:
    """The glossary terms the window shows without explaining them anywhere."""
    texts = _texts(window)
    shown = _shown(texts)
    explained = set()
    for key in shown:
        term, meaning = glossary.term(key), glossary.explain(key)
        for w, text in texts:
            if term.spelled_out_in(text) or meaning in text:
                explained.add(key)
            elif term.found_in(text) and meaning in _help_on(w, window):
                explained.add(key)
    return shown - explained


def _shows(window: QWidget, *keys: str) -> None:
    # the window shows these words (or the check below proves nothing)
    assert set(keys) <= _shown(_texts(window))
    assert unexplained(window) == set()


def _people(window: MainWindow, search: str) -> PeoplePage:
    window.go_to("people")
    page = window.stack.currentWidget()
    assert isinstance(page, PeoplePage)
    QTest.keyClicks(page.search, search)
    page.table.selectRow(0)
    return page


def test_the_people_record_explains_pvg_and_sssc(window: MainWindow) -> None:
    record = _people(window, "deborah").record
    assert record.title.text() == "Deborah Clark"
    for tab in range(record.tabs.count()):
        record.tabs.setCurrentIndex(tab)
    _shows(record, glossary.PVG, glossary.SSSC, glossary.CODE_OF_PRACTICE)


def test_the_pvg_dialog_spells_out_pvg_and_explains_the_disclosure_words(
    qtbot: QtBot, today: date
) -> None:
    dialog = PvgDialog(today=today)
    qtbot.addWidget(dialog)
    _shows(
        dialog,
        glossary.PVG,
        glossary.REGULATED_WORK,
        glossary.DISCLOSURE_LEVELS,
        glossary.SCHEME_RECORD,
        glossary.CODE_OF_PRACTICE,
    )
    assert "Protecting Vulnerable Groups" in dialog.note.text()


def test_telling_disclosure_scotland_says_who_they_are(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _people(window, "lorna")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))

    def leave(dialog: StageDialog) -> int:
        dialog.stage.setCurrentIndex(dialog.stage.findData(Stage.LEFT))
        dialog.reason.setPlainText("Retired")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(StageDialog, "exec", leave)
    shown = page.record.record
    assert shown is not None
    page.record._change_stage(shown.roles[0])
    assert len(told) == 1
    assert glossary.explain(glossary.DISCLOSURE_SCOTLAND) in told[0]
    assert glossary.explain(glossary.REGULATED_WORK) in told[0]


def test_the_screening_rules_explain_pvg(qtbot: QtBot) -> None:
    dialog = RulesDialog(ProgrammeRules())
    qtbot.addWidget(dialog)
    _shows(dialog, glossary.PVG)
    screening = dialog.forms[2]
    assert isinstance(screening, ScreeningRulesForm)
    assert glossary.explain(glossary.REGULATED_WORK) in screening.pvg.toolTip()


def test_the_person_editor_explains_sssc(qtbot: QtBot, today: date) -> None:
    dialog = PersonDialog(today=today)
    qtbot.addWidget(dialog)
    _shows(dialog, glossary.SSSC)


def test_the_goal_editor_explains_smart(qtbot: QtBot, today: date) -> None:
    dialog = GoalDialog(GoalDetails(title="Lead group time"), today=today)
    qtbot.addWidget(dialog)
    _shows(dialog, glossary.SMART)


def test_the_privacy_dialog_explains_its_words(qtbot: QtBot, window: MainWindow) -> None:
    dialog = PrivacyDialog(window.context, window)
    qtbot.addWidget(dialog)
    _shows(dialog, glossary.SUBJECT_ACCESS, glossary.JSON, glossary.ANONYMISE)


def test_the_exports_explain_csv(qtbot: QtBot, window: MainWindow) -> None:
    tables = ExportTablesDialog(window.context, programme_id(window), window)
    qtbot.addWidget(tables)
    _shows(tables, glossary.CSV)
    person_id = window.context.ops.read(lambda s: s.scalar(select(Person.id).order_by(Person.id)))
    trail = AuditDialog(window.context, window, table="person", record_id=person_id)
    qtbot.addWidget(trail)
    _shows(trail, glossary.CSV)


def test_a_word_shown_with_no_help_is_caught(qtbot: QtBot) -> None:
    box = QGroupBox("PVG scheme membership")
    qtbot.addWidget(box)
    caption = QLabel("SSSC registration", box)
    assert unexplained(box) == {glossary.PVG, glossary.SSSC}
    caption.setToolTip(glossary.explain(glossary.SSSC))
    box.setToolTip(glossary.explain(glossary.PVG))
    assert unexplained(box) == set()


def test_the_people_reminders_and_the_framework_rules_explain_their_words(
    window: MainWindow,
) -> None:
    window.go_to("people")
    people = window.stack.currentWidget()
    assert isinstance(people, PeoplePage)
    _shows(people.reminders, glossary.PVG)
    window.go_to("framework")
    framework = window.stack.currentWidget()
    assert isinstance(framework, FrameworkPage)
    _shows(framework, glossary.PVG)
