"""Open any printout in the print preview: build the PDF off the window's thread, then show it."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _
from app.services.errors import ActionRefused
from ui.context import AppContext

log = logging.getLogger(__name__)


def show_printout(parent: QWidget, context: AppContext, kind: str, record_id: int) -> None:
    from app.printouts import catalogue

    printout = catalogue.PRINTOUTS[kind]
    today = context.today()

    def work() -> bytes:
        with context.database.session() as s:
            return catalogue.build(kind, s, record_id, today)

    def done(pdf: bytes) -> None:
        from ui.widgets.print_preview import PrintPreviewDialog

        dialog = PrintPreviewDialog(pdf, printout.title, f"{kind}-{record_id}.pdf", parent)
        dialog.setObjectName("print-preview")
        dialog.open()

    def failed(error: BaseException) -> None:
        if isinstance(error, ActionRefused):
            QMessageBox.information(parent, _("Cannot print"), str(error))
            return
        log.error("Printing %s %s failed", kind, record_id, exc_info=error)
        QMessageBox.warning(
            parent,
            _("Cannot print"),
            _("The document could not be made. The details are in the log file."),
        )

    context.tasks.submit(parent, _("Preparing the document…"), work, done, failed)
