"""The evidence pack and the table export from the File menu, on the demo: tick the records,
make the pack (with progress, and Cancel stopping it), see it in the print preview; export the
tables as a workbook or a folder of CSV files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from ui.dialogs.evidence_pack_dialog import EvidencePackDialog
from ui.dialogs.export_tables_dialog import ExportTablesDialog
from ui.main_window import MainWindow
from ui.widgets.print_preview import PrintPreviewDialog


def _open_from_menu(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, text: str, kind: type[QDialog]
) -> Any:
    opened: list[QDialog] = []

    def exec_(dialog: QDialog) -> int:
        opened.append(dialog)
        dialog.show()
        return 0

    monkeypatch.setattr(QDialog, "exec", exec_)
    action = next(a for a in window.findChildren(QAction) if a.text().replace("&", "") == text)
    action.trigger()
    assert len(opened) == 1 and isinstance(opened[0], kind)
    return opened[0]


def _pack(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> EvidencePackDialog:
    dialog = _open_from_menu(
        window, monkeypatch, "Evidence pack for a quality award…", EvidencePackDialog
    )
    assert isinstance(dialog, EvidencePackDialog)
    return dialog


def test_tick_records_and_see_the_pack_with_nobody_named(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _pack(window, monkeypatch)
    everything = len(dialog.chosen())
    assert dialog.tree.topLevelItemCount() == len(dialog.groups) > 3
    assert f"{everything} documents chosen." == dialog.count.text()
    # Only reviews and closures: untick the other kinds.
    for kind in ("agreement", "action-plan", "meeting-log"):
        dialog.kind_boxes[kind].setChecked(False)
    assert {i.kind for i in dialog.chosen()} == {"review-record", "closure-record"}
    # Then only the first match's: untick every other match as a whole.
    for n in range(1, dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(n)
        assert top is not None
        top.setCheckState(0, Qt.CheckState.Unchecked)
    chosen = dialog.chosen()
    assert chosen and {i.match_id for i in chosen} == {dialog.groups[0].match_id}
    assert dialog.make_button.isEnabled()
    real_pair = dialog.groups[0].pair
    dialog.make_button.click()
    preview = window.findChild(PrintPreviewDialog, "print-preview")
    assert preview is not None and preview.isVisible()
    assert not dialog.isVisible()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(preview._pdf_bytes)).pages)
    assert "Review record" in text and "Mentor A and Mentee B" in text
    for name in real_pair.split(" and "):
        assert name.split()[-1] not in text
    preview.close()


def test_nothing_ticked_makes_nothing(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _pack(window, monkeypatch)
    for box in dialog.kind_boxes.values():
        box.setChecked(False)
    assert dialog.chosen() == []
    assert not dialog.make_button.isEnabled()
    assert dialog.count.text() == "0 documents chosen."
    dialog.kind_boxes["closure-record"].setChecked(True)
    assert dialog.make_button.isEnabled()
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert not dialog.isVisible()


def test_cancel_stops_a_pack_being_made(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    dialog = _pack(window, monkeypatch)
    monkeypatch.setattr(window.context.tasks, "synchronous", False)  # a real thread this time
    dialog.make_button.click()
    assert dialog.job.running and dialog.progress.isVisible()
    assert not dialog.make_button.isEnabled() and not dialog.tree.isEnabled()
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert dialog.isVisible()  # the first Cancel stops the work, the dialog stays
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=60_000)
    assert dialog.count.text() == "Stopped: no pack was made."
    assert window.findChild(PrintPreviewDialog, "print-preview") is None
    assert dialog.make_button.isEnabled() and dialog.tree.isEnabled()
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert not dialog.isVisible()


def test_a_pack_made_on_its_thread_reaches_the_preview(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    dialog = _pack(window, monkeypatch)
    for kind in ("agreement", "action-plan", "meeting-log", "review-record"):
        dialog.kind_boxes[kind].setChecked(False)
    heard: list[tuple[int, int]] = []
    original = dialog._progressed

    def progressed(done: int, total: int) -> None:
        heard.append((done, total))
        original(done, total)

    monkeypatch.setattr(dialog, "_progressed", progressed)
    monkeypatch.setattr(window.context.tasks, "synchronous", False)
    dialog.make_button.click()
    qtbot.waitUntil(
        lambda: window.findChild(PrintPreviewDialog, "print-preview") is not None, timeout=60_000
    )
    n = len(dialog.chosen())
    assert heard == [(d, n) for d in range(1, n + 1)]


def test_export_the_tables_as_a_workbook_and_as_csv_files(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda *a, **k: said.append(str(a[2])))
    )
    dialog = _open_from_menu(
        window, monkeypatch, "Export the tables for a funder…", ExportTablesDialog
    )
    assert isinstance(dialog, ExportTablesDialog)
    assert not dialog.export_button.isEnabled()  # nowhere chosen yet
    book = tmp_path / "for the funder"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(book), ""))
    )
    dialog.choose_button.click()
    assert dialog.target.text() == str(book) + ".xlsx"
    dialog.export_button.click()
    assert (tmp_path / "for the funder.xlsx").exists()
    assert said and "7 tables" in said[0]
    assert not dialog.isVisible()

    dialog = _open_from_menu(
        window, monkeypatch, "Export the tables for a funder…", ExportTablesDialog
    )
    folder = tmp_path / "csv"
    folder.mkdir()
    dialog.csv.setChecked(True)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder))
    )
    dialog.choose_button.click()
    dialog.xlsx.setChecked(True)
    assert dialog.target.text() == str(folder) + ".xlsx"
    dialog.csv.setChecked(True)
    assert dialog.target.text() == str(folder)
    dialog.export_button.click()
    assert len(list(folder.glob("*.csv"))) == 7


def test_an_export_to_a_file_that_is_not_a_folder_says_so(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = _open_from_menu(
        window, monkeypatch, "Export the tables for a funder…", ExportTablesDialog
    )
    dialog.csv.setChecked(True)
    taken = tmp_path / "a file"
    taken.write_text("")
    dialog.target.setText(str(taken))
    dialog.export_button.click()
    assert "not a folder" in dialog.message.text()
    assert dialog.isVisible()
    dialog.reject()
