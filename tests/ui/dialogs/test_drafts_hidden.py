"""Drafts are not records: what is typed but not saved appears in no list, figure, export or
printout, however many forms hold one."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.model import FormDraft, Match, MatchStatus, MeetingLog, Person
from app.printouts import catalogue
from app.services import drafts as draft_service
from app.services import exporting
from tests.ui.dialogs.test_drafts import CASES, Host, _free_text, _type_at_end
from ui.main_window import MainWindow
from ui.widgets.drafts import FormDrafts

MARK = "Zebedee"


def _cells(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    found: list[str] = []
    for row in range(model.rowCount(parent)):
        flat = isinstance(model, (QAbstractListModel, QAbstractTableModel))
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if value is not None:
                    found.append(str(value))
            if not flat and column == 0 and model.rowCount(index) > 0:
                found.extend(_cells(model, index))
    return found


def _everything_shown(window: MainWindow) -> str:
    """Every cell of every list and every label on every page, after a refresh."""
    texts: list[str] = []
    for page in window.pages:
        window.go_to(page.KEY)
        page.refresh()
        for view in page.findChildren(QAbstractItemView):
            model = view.model()
            if model is not None:
                texts.extend(_cells(model))
        texts.extend(label.text() for label in page.findChildren(QLabel))
    return "\n".join(texts)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_drafts_never_reach_lists_figures_exports_or_printouts(
    qtbot: QtBot, window: MainWindow, today: date, tmp_path: Path
) -> None:
    ops = window.context.ops
    programme_id = window.context.programme_id
    assert programme_id is not None
    before_people = ops.read(lambda s: s.scalar(select(func.count()).select_from(Person)))
    before_logs = ops.read(lambda s: s.scalar(select(func.count()).select_from(MeetingLog)))
    before_shown = _everything_shown(window)
    assert MARK not in before_shown
    assert "Megan Fraser" in before_shown  # the lists were read: a demo mentee is there

    # A draft in every form, typed as a coordinator would and left unsaved.
    host = Host(window.context)
    qtbot.addWidget(host)
    for name, factory in CASES.items():
        dialog = factory(host, window, today)
        dialog.show()
        field = _free_text(dialog)
        _type_at_end(field)
        QTest.keyClicks(field, f"{MARK} {name}")
        forms = dialog.findChild(FormDrafts)
        assert isinstance(forms, FormDrafts)
        forms.keep()
        forms.timer.stop()
        dialog.hide()  # as after a crash: never saved, never discarded
    drafts_kept = ops.read(lambda s: s.scalar(select(func.count()).select_from(FormDraft)))
    assert drafts_kept == len(CASES)
    assert ops.read(lambda s: draft_service.draft_count(s)) == len(CASES)

    # Lists and figures on every page.
    shown = _everything_shown(window)
    assert MARK not in shown
    assert ops.read(lambda s: s.scalar(select(func.count()).select_from(Person))) == before_people
    assert ops.read(lambda s: s.scalar(select(func.count()).select_from(MeetingLog))) == before_logs

    # The people export, as a spreadsheet and as CSV.
    _headers, rows = ops.read(lambda s: exporting.export_rows(s, programme_id, today))
    assert not any(MARK in str(cell) for row in rows for cell in row)
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"people{suffix}"
        with window.context.database.session() as s:
            exporting.export_people(s, programme_id, path, today)
        if suffix == ".csv":
            assert MARK not in path.read_text(encoding="utf-8-sig")

    # Every printout about the programme, the matches and their meetings.
    match_ids = ops.read(
        lambda s: list(
            s.scalars(select(Match.id).where(Match.status != MatchStatus.PROPOSED).limit(6))
        )
    )
    meeting_ids = ops.read(
        lambda s: list(s.scalars(select(MeetingLog.id).order_by(MeetingLog.id.desc()).limit(3)))
    )
    ids = {"programme": [programme_id], "match": match_ids, "meeting": meeting_ids}
    printed = 0
    for printout in catalogue.PRINTOUTS.values():
        for record_id in ids.get(printout.id_meaning, []):
            with window.context.database.session() as s:
                pdf = printout.build(s, record_id, today)
            text = _pdf_text(pdf)
            assert text.strip(), f"{printout.kind} {record_id} printed nothing readable"
            assert MARK not in text, f"{printout.kind} {record_id} shows a draft"
            printed += 1
    assert printed >= 10

    # The drafts are all still kept, to be offered back (the test did not run on an empty table).
    assert ops.read(lambda s: s.scalar(select(func.count()).select_from(FormDraft))) == len(CASES)
