"""The print preview every printout opens in: see the pages, then print them or save the PDF.

The PDF bytes come from `app/printouts`; this dialog only shows them (Qt's PDF module), prints
them through Qt's print dialog, or writes the very same bytes to a file. Printing sends the PDF
itself to CUPS on Linux and macOS; only Windows (no PDF spooler) gets pages drawn as images.
See `ui/printing.py` for the routes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui import printing
from ui.printing import PrintFailed, Sent

ZOOM_STEP = 1.25
MIN_ZOOM = 0.25
MAX_ZOOM = 4.0
# Only where pages must be drawn as images (Windows): at the printer's own resolution, up to
# 600 dpi (an A4 page at 600 dpi is already 140 MB while it is drawn).
MAX_PRINT_DPI = 600
# Part of a document printed to a file as images: enough to read and print again.
MAX_FILE_DPI = 300
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class PrintPreviewDialog(QDialog):
    """Shows a finished PDF with zoom, and offers Print…, Save as PDF… and Close."""

    def __init__(
        self,
        pdf_bytes: bytes,
        title: str,
        suggested_filename: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pdf_bytes = bytes(pdf_bytes)
        self._title = title
        self._suggested_filename = suggested_filename
        self.setWindowTitle(_("Print preview: {title}").format(title=title))

        # QPdfDocument reads from the buffer for as long as it shows the pages: keep both.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self._pdf_bytes))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document = QPdfDocument(self)
        self._document.load(self._buffer)

        self._view = QPdfView(self)
        self._view.setAccessibleName(_("Document preview"))
        self._view.setPageMode(QPdfView.PageMode.MultiPage)
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._view.setPageSpacing(12)
        self._view.setDocument(self._document)
        self._view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self._document.pageCountChanged.connect(self._update_page_label)

        self._problem = QLabel(
            _("This document could not be shown. You can still save it as a PDF."), self
        )
        self._problem.setWordWrap(True)
        self._problem.setAlignment(Qt.AlignmentFlag.AlignCenter)

        key, standard = QKeySequence, QKeySequence.StandardKey
        self._zoom_out_button = self._button(_("Zoom out"), self.zoom_out, key(standard.ZoomOut))
        self._zoom_in_button = self._button(_("Zoom in"), self.zoom_in, key(standard.ZoomIn))
        self._fit_button = self._button(_("Fit to width"), self.fit_to_width, key("Ctrl+0"))
        self._page_label = QLabel(self)
        self._print_button = self._button(_("Print…"), self.print_document, key(standard.Print))
        self._save_button = self._button(_("Save as PDF…"), self.save_as, key(standard.Save))
        self._close_button = self._button(_("Close"), self.reject, key(Qt.Key.Key_Escape))
        self._close_button.setDefault(True)
        #: After printing: where the document went and how many pages, in one sentence.
        self._sent_label = QLabel(self)
        self._sent_label.setObjectName("print-sent")
        self._sent_label.setWordWrap(True)
        self._sent_label.setVisible(False)

        tools = QHBoxLayout()
        tools.addWidget(self._zoom_out_button)
        tools.addWidget(self._zoom_in_button)
        tools.addWidget(self._fit_button)
        tools.addStretch(1)
        tools.addWidget(self._page_label)
        actions = QHBoxLayout()
        actions.addWidget(self._print_button)
        actions.addWidget(self._save_button)
        actions.addStretch(1)
        actions.addWidget(self._close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._problem, 1)
        layout.addWidget(self._sent_label)
        layout.addLayout(actions)

        self._shortcut(QKeySequence.StandardKey.Print, self.print_document)
        self._shortcut(QKeySequence.StandardKey.Save, self.save_as)
        self._shortcut(QKeySequence.StandardKey.ZoomIn, self.zoom_in)
        self._shortcut(QKeySequence("Ctrl+="), self.zoom_in)  # Ctrl++ without Shift
        self._shortcut(QKeySequence.StandardKey.ZoomOut, self.zoom_out)
        self._shortcut(QKeySequence("Ctrl+0"), self.fit_to_width)

        readable = self._document.status() == QPdfDocument.Status.Ready
        self._view.setVisible(readable)
        self._problem.setVisible(not readable)
        for button in (
            self._zoom_out_button,
            self._zoom_in_button,
            self._fit_button,
            self._print_button,
        ):
            button.setEnabled(readable)
        self._update_page_label()
        self._size_to_screen()

    # ------------------------------------------------------------------ what tests call

    def page_count(self) -> int:
        """How many pages the document has (0 if it could not be read)."""
        return max(0, self._document.pageCount())

    def zoom_factor(self) -> float:
        """The zoom on screen, 1.0 being actual size, also while fitting to the width."""
        if self._view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self._view.zoomFactor()
        page = max(0, self._view.pageNavigator().currentPage())
        page_width = self._document.pagePointSize(page).width()
        if page_width <= 0:
            return 1.0
        margins = self._view.documentMargins()
        available = self._view.viewport().width() - margins.left() - margins.right()
        pixels_per_point = self._view.logicalDpiX() / 72.0
        return max(MIN_ZOOM, available / page_width / pixels_per_point)

    def save_to(self, path: str | os.PathLike[str]) -> None:
        """Write the PDF exactly as it was made (no re-rendering) to `path`."""
        Path(path).write_bytes(self._pdf_bytes)

    def print_to(self, printer: QPrinter) -> Sent | None:
        """Print what the printer's settings ask for; None if the printer would not start.

        A CUPS queue (Linux, macOS) gets the PDF itself; "Print to file" gets the PDF's own
        bytes; anywhere else, and for part of a document to a file, pages go as images.
        Raises PrintFailed when the spooler refuses the job, with its reason.
        """
        pages = self._pages_to_print(printer)
        if not pages:
            return None
        copies = max(1, printer.copyCount())
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            target = printer.outputFileName()
            if target and len(pages) == self.page_count() and copies == 1:
                try:
                    self.save_to(target)
                except OSError as error:
                    raise PrintFailed(
                        _("The PDF could not be saved as {path}: {reason}").format(
                            path=target, reason=error.strerror or str(error)
                        )
                    ) from error
                return Sent(printer=target, pages=len(pages), copies=1, to_file=True)
        elif printing.cups_available() and printer.printerName():
            return printing.send_to_cups(self._pdf_bytes, self._job_for(printer, pages))
        if not self._print_as_images(printer, pages):
            return None
        to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        name = printer.outputFileName() if to_file else printer.printerName()
        return Sent(printer=name, pages=len(pages), copies=copies, to_file=to_file)

    def last_sent(self) -> str:
        """The sentence shown after the last print ("" before anything was printed)."""
        return self._sent_label.text() if self._sent_label.isVisibleTo(self) else ""

    # ------------------------------------------------------------------ user actions

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom_factor() / ZOOM_STEP)

    def fit_to_width(self) -> None:
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def print_document(self) -> bool:
        """Ask which printer and pages with Qt's print dialog, then print."""
        if not self._print_button.isEnabled():
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print {title}").format(title=self._title))
        dialog.setMinMax(1, self.page_count())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        reason = ""
        try:
            sent = self.print_to(printer)
        except PrintFailed as error:
            sent, reason = None, str(error)
        finally:
            QApplication.restoreOverrideCursor()
        if sent is None:
            self._sent_label.setVisible(False)
            QMessageBox.warning(
                self,
                _("Not printed"),
                (reason + "\n\n" if reason else "")
                + _(
                    "The document could not be sent to the printer. Check that the printer "
                    "is switched on and connected, then try again, or save it as a PDF."
                ),
            )
            return False
        self._sent_label.setText(sent.message())
        self._sent_label.setVisible(True)
        return True

    def save_as(self) -> str | None:
        """Ask where to save, then write the PDF there; returns the path or None."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        suggested = os.path.join(folder, self._safe_filename())
        path = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), suggested, _("PDF documents (*.pdf)")
        )[0]
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
            if os.path.exists(path) and not self._confirm_replace(path):
                return None
        try:
            self.save_to(path)
        except OSError as error:
            QMessageBox.warning(
                self,
                _("Not saved"),
                _("The PDF could not be saved as {path}.\n\n{reason}").format(
                    path=path, reason=error.strerror or str(error)
                ),
            )
            return None
        return path

    # ------------------------------------------------------------------ the rest

    def _button(self, text: str, slot: Callable[[], object], keys: QKeySequence) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.rstrip("…"))
        shortcut = keys.toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(
            _("{action} ({shortcut})").format(action=text.rstrip("…"), shortcut=shortcut)
        )
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _shortcut(
        self, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], object]
    ) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.activated.connect(slot)

    def _set_zoom(self, factor: float) -> None:
        self._view.setZoomMode(QPdfView.ZoomMode.Custom)
        self._view.setZoomFactor(min(MAX_ZOOM, max(MIN_ZOOM, factor)))

    def _update_page_label(self, *_args: object) -> None:
        pages = self.page_count()
        if pages == 0:
            self._page_label.setText("")
            return
        current = min(pages, max(1, self._view.pageNavigator().currentPage() + 1))
        self._page_label.setText(_("Page {page} of {pages}").format(page=current, pages=pages))

    def _pages_to_print(self, printer: QPrinter) -> list[int]:
        """0-based page numbers, honouring a page range chosen in the print dialog."""
        count = self.page_count()
        if printer.printRange() == QPrinter.PrintRange.PageRange:
            ranges = printer.pageRanges()
            if not ranges.isEmpty():
                return [i - 1 for i in range(1, count + 1) if ranges.contains(i)]
            if printer.fromPage() > 0:
                last = printer.toPage() or count
                return list(range(printer.fromPage() - 1, min(last, count)))
        return list(range(count))

    def _job_for(self, printer: QPrinter, pages: list[int]) -> printing.PrintJob:
        """The print dialog's choices in CUPS's terms."""
        duplex = printer.duplex()
        portrait = printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait
        if duplex == QPrinter.DuplexMode.DuplexLongSide or (
            duplex == QPrinter.DuplexMode.DuplexAuto and portrait
        ):
            sides = printing.LONG_EDGE
        elif duplex in (QPrinter.DuplexMode.DuplexShortSide, QPrinter.DuplexMode.DuplexAuto):
            sides = printing.SHORT_EDGE
        else:
            sides = printing.ONE_SIDED
        return printing.PrintJob(
            printer=printer.printerName(),
            title=printer.docName() or self._title,
            pages=tuple(index + 1 for index in pages),
            page_count=self.page_count(),
            copies=max(1, printer.copyCount()),
            collate=printer.collateCopies(),
            sides=sides,
            monochrome=printer.colorMode() == QPrinter.ColorMode.GrayScale,
        )

    def _print_as_images(self, printer: QPrinter, pages: list[int]) -> bool:
        """The route for platforms without a PDF spooler (Windows): each page as an image."""
        first_size = self._document.pagePointSize(pages[0])
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first_size.width() > first_size.height()
            else QPageLayout.Orientation.Portrait
        )
        # The page already has its margins: lay it on the whole sheet at actual size.
        printer.setFullPage(True)
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            first = True
            for _copy in range(copies):
                for index in pages:
                    if not first and not printer.newPage():
                        return False
                    first = False
                    self._paint_page(painter, printer, index)
        finally:
            painter.end()
        return True

    def _paint_page(self, painter: QPainter, printer: QPrinter, index: int) -> None:
        page_points = self._document.pagePointSize(index)
        to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        dpi = min(printer.resolution(), MAX_FILE_DPI if to_file else MAX_PRINT_DPI)
        size = QSize(round(page_points.width() * dpi / 72), round(page_points.height() * dpi / 72))
        rendered = self._document.render(index, size)
        # render() leaves the paper transparent; printers want it white.
        page = QImage(size, QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)
        with_background = QPainter(page)
        with_background.drawImage(0, 0, rendered)
        with_background.end()

        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        scale = min(paper.width() / size.width(), paper.height() / size.height())
        width, height = size.width() * scale, size.height() * scale
        target = QRectF((paper.width() - width) / 2, (paper.height() - height) / 2, width, height)
        painter.drawImage(target, page)

    def _safe_filename(self) -> str:
        name = _NOT_IN_FILE_NAMES.sub(" ", self._suggested_filename)
        name = " ".join(name.split()).strip(" .") or _("Document")
        return name if name.lower().endswith(".pdf") else f"{name}.pdf"

    def _confirm_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self,
            _("Replace file?"),
            _("{name} already exists. Do you want to replace it?").format(
                name=os.path.basename(path)
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        width, height = 860, 1000
        if available is not None:
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)
