"""The print preview: the coordinator sees every page, prints them, or saves the same PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.printouts import style
from ui import printing
from ui.widgets import print_preview
from ui.widgets.print_preview import PrintPreviewDialog

# Qt's offscreen platform (used for tests) warns whenever a dialog with a minimum size is shown.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

#: The date in the footer: any day will do (nothing here reads it), and the PDF is built once
#: per module, before the test's own day is set.
PRINTED_ON = date(2026, 11, 23)


@pytest.fixture(scope="module")
def two_page_pdf() -> bytes:
    letterhead = style.Letterhead("Wee Acorns Nursery", "Growing Together", "Meeting log")
    story = [style.heading("Meeting log"), style.writing_lines(45)]
    return style.build_pdf(letterhead, story, printed_on=PRINTED_ON)


@pytest.fixture
def dialog(qtbot: QtBot, two_page_pdf: bytes) -> PrintPreviewDialog:
    preview = PrintPreviewDialog(two_page_pdf, "Meeting log", "Meeting log – Alex Brown")
    qtbot.addWidget(preview)
    return preview


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_sizes_mm(path: Path) -> list[tuple[int, int]]:
    reader = PdfReader(str(path))
    return [
        (round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4))
        for p in reader.pages
    ]


def test_shows_every_page(dialog: PrintPreviewDialog) -> None:
    assert dialog.page_count() == 2
    assert "Page 1 of 2" in [label.text() for label in dialog.findChildren(QLabel)]


def _pdf_view(dialog: PrintPreviewDialog) -> QPdfView:
    view = dialog.findChild(QPdfView)
    assert view is not None
    return view


def test_opens_fitted_to_width_with_all_pages_scrolling(dialog: PrintPreviewDialog) -> None:
    view = _pdf_view(dialog)
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert view.pageMode() == QPdfView.PageMode.MultiPage


def test_save_to_writes_the_original_bytes(
    dialog: PrintPreviewDialog, two_page_pdf: bytes, tmp_path: Path
) -> None:
    target = tmp_path / "log.pdf"
    dialog.save_to(target)
    assert target.read_bytes() == two_page_pdf


def test_print_to_a_pdf_printer_prints_every_page_on_a4(
    dialog: PrintPreviewDialog, tmp_path: Path
) -> None:
    target = tmp_path / "printed.pdf"
    sent = dialog.print_to(pdf_printer(target))
    assert sent is not None and sent.to_file and sent.pages == 2
    assert page_sizes_mm(target) == [(210, 297), (210, 297)]


def test_print_to_file_writes_the_pdf_itself_not_pictures(
    dialog: PrintPreviewDialog, two_page_pdf: bytes, tmp_path: Path
) -> None:
    target = tmp_path / "printed.pdf"
    dialog.print_to(pdf_printer(target))
    assert target.read_bytes() == two_page_pdf


def test_print_to_honours_a_page_range(dialog: PrintPreviewDialog, tmp_path: Path) -> None:
    target = tmp_path / "page2.pdf"
    printer = pdf_printer(target)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert dialog.print_to(printer) is not None
    assert len(PdfReader(str(target)).pages) == 1


def test_pages_drawn_as_images_are_white_not_transparent(
    dialog: PrintPreviewDialog, tmp_path: Path
) -> None:
    # Part of a document to a file goes the way Windows prints: each page as an image.
    target = tmp_path / "printed.pdf"
    printer = pdf_printer(target)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    dialog.print_to(printer)
    page = PdfReader(str(target)).pages[0]
    images = list(page.images)
    assert images, "the page is printed as an image"
    picture = images[0].image
    assert picture is not None
    assert picture.mode in ("RGB", "L")
    assert picture.convert("RGB").getpixel((picture.width // 2, picture.height - 5)) == (
        255,
        255,
        255,
    )


def test_print_button_uses_the_print_dialog_then_prints(
    dialog: PrintPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chosen.pdf"

    class ChosenPrinter:
        """Stands in for Qt's print dialog: the user picks "Print to file" and presses Print."""

        def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def setWindowTitle(self, title: str) -> None:
            pass

        def setMinMax(self, low: int, high: int) -> None:
            assert (low, high) == (1, 2)

        def setOption(
            self, option: QAbstractPrintDialog.PrintDialogOption, on: bool = True
        ) -> None:
            pass

        def exec(self) -> int:
            return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(print_preview, "QPrintDialog", ChosenPrinter)
    assert dialog.print_document() is True
    assert len(PdfReader(str(target)).pages) == 2
    assert dialog.last_sent() == f"Saved to {target}: 2 pages."


def test_after_printing_the_preview_says_where_it_went(
    dialog: PrintPreviewDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a CUPS printer the PDF goes to the queue chosen, and the dialog says so plainly."""
    handed: list[printing.PrintJob] = []

    def send(pdf: bytes, job: printing.PrintJob) -> printing.Sent:
        handed.append(job)
        return printing.Sent(printer=job.printer, pages=len(job.pages), copies=job.copies)

    class ChosenQueue:
        def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
            self.printer = printer
            printer.setCopyCount(3)
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(2, 2)

        def setWindowTitle(self, title: str) -> None:
            pass

        def setMinMax(self, low: int, high: int) -> None:
            pass

        def setOption(
            self, option: QAbstractPrintDialog.PrintDialogOption, on: bool = True
        ) -> None:
            pass

        def exec(self) -> int:
            return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(print_preview, "QPrintDialog", ChosenQueue)
    monkeypatch.setattr(printing, "cups_available", lambda: True)
    monkeypatch.setattr(printing, "send_to_cups", send)
    # A machine with no printer set up hands out a PDF printer: stand in a queue called Office.
    monkeypatch.setattr(QPrinter, "printerName", lambda self: "Office")
    monkeypatch.setattr(QPrinter, "outputFormat", lambda self: QPrinter.OutputFormat.NativeFormat)
    assert dialog.last_sent() == ""
    assert dialog.print_document() is True
    assert [(j.printer, j.pages, j.copies, j.page_count) for j in handed] == [
        ("Office", (2,), 3, 2)
    ]
    assert dialog.last_sent() == "Sent to Office: 1 page, 3 copies."


def test_a_refusal_from_the_spooler_is_shown_with_its_reason(
    dialog: PrintPreviewDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(pdf: bytes, job: printing.PrintJob) -> printing.Sent:
        raise printing.PrintFailed("The printer Office did not take the document: paused")

    class ChosenQueue:
        def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
            pass

        def setWindowTitle(self, title: str) -> None:
            pass

        def setMinMax(self, low: int, high: int) -> None:
            pass

        def setOption(
            self, option: QAbstractPrintDialog.PrintDialogOption, on: bool = True
        ) -> None:
            pass

        def exec(self) -> int:
            return int(QDialog.DialogCode.Accepted)

    shown: list[str] = []
    monkeypatch.setattr(print_preview, "QPrintDialog", ChosenQueue)
    monkeypatch.setattr(printing, "cups_available", lambda: True)
    monkeypatch.setattr(printing, "send_to_cups", refuse)
    # A machine with no printer set up hands out a PDF printer: stand in a queue called Office.
    monkeypatch.setattr(QPrinter, "printerName", lambda self: "Office")
    monkeypatch.setattr(QPrinter, "outputFormat", lambda self: QPrinter.OutputFormat.NativeFormat)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    assert dialog.print_document() is False
    assert shown and shown[0].startswith("The printer Office did not take the document: paused")
    assert dialog.last_sent() == ""


def test_save_as_adds_pdf_and_writes_the_file(
    dialog: PrintPreviewDialog, two_page_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {}

    def choose(
        parent: QWidget | None, caption: str, suggested: str, file_filter: str
    ) -> tuple[str, str]:
        seen["suggested"] = suggested
        return str(tmp_path / "Alex Brown log"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    saved = dialog.save_as()
    assert saved == str(tmp_path / "Alex Brown log.pdf")
    assert (tmp_path / "Alex Brown log.pdf").read_bytes() == two_page_pdf
    assert seen["suggested"].endswith("Meeting log – Alex Brown.pdf")


def test_save_as_cancelled_writes_nothing(
    dialog: PrintPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert dialog.save_as() is None
    assert list(tmp_path.iterdir()) == []


def test_suggested_filename_loses_characters_windows_forbids(
    qtbot: QtBot, two_page_pdf: bytes
) -> None:
    preview = PrintPreviewDialog(two_page_pdf, "Log", 'Log: A/B "draft"?')
    qtbot.addWidget(preview)
    assert preview._safe_filename() == "Log A B draft.pdf"


def test_zoom_in_out_and_back_to_fit(dialog: PrintPreviewDialog, qtbot: QtBot) -> None:
    with qtbot.waitExposed(dialog):
        dialog.show()
    fitted = dialog.zoom_factor()
    dialog.zoom_in()
    assert dialog.zoom_factor() == pytest.approx(fitted * 1.25)
    dialog.zoom_out()
    dialog.zoom_out()
    assert dialog.zoom_factor() == pytest.approx(fitted / 1.25)
    dialog.fit_to_width()
    assert _pdf_view(dialog).zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_keyboard_zoom(dialog: PrintPreviewDialog, qtbot: QtBot) -> None:
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    fitted = dialog.zoom_factor()
    QTest.keyClick(dialog, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom_factor() == pytest.approx(fitted * 1.25)
    QTest.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom_factor() == pytest.approx(fitted)


def test_keyboard_print_and_save(
    qtbot: QtBot, two_page_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []
    monkeypatch.setattr(PrintPreviewDialog, "print_document", lambda self: asked.append("print"))
    monkeypatch.setattr(PrintPreviewDialog, "save_as", lambda self: asked.append("save"))
    preview = PrintPreviewDialog(two_page_pdf, "Meeting log", "Meeting log")
    qtbot.addWidget(preview)
    with qtbot.waitActive(preview):
        preview.show()
        preview.activateWindow()
    QTest.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["print", "save"]


def test_escape_closes(dialog: PrintPreviewDialog, qtbot: QtBot) -> None:
    with qtbot.waitExposed(dialog):
        dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_every_button_has_an_accessible_name(dialog: PrintPreviewDialog) -> None:
    buttons = dialog.findChildren(QPushButton)
    names = {button.accessibleName() for button in buttons}
    assert {"Print", "Save as PDF", "Close", "Zoom in", "Zoom out", "Fit to width"} <= names
    assert all(button.accessibleName() for button in buttons)


def test_unreadable_pdf_can_still_be_saved_but_not_printed(qtbot: QtBot, tmp_path: Path) -> None:
    preview = PrintPreviewDialog(b"not a pdf", "Broken", "broken")
    qtbot.addWidget(preview)
    assert preview.page_count() == 0
    assert preview.print_to(pdf_printer(tmp_path / "x.pdf")) is None
    assert preview.print_document() is False
    preview.save_to(tmp_path / "broken.pdf")
    assert (tmp_path / "broken.pdf").read_bytes() == b"not a pdf"


def test_print_to_a_file_that_cannot_be_written_says_why(
    dialog: PrintPreviewDialog, tmp_path: Path
) -> None:
    target = tmp_path / "no such folder" / "printed.pdf"
    with pytest.raises(printing.PrintFailed, match="could not be saved as"):
        dialog.print_to(pdf_printer(target))
