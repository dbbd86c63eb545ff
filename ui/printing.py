"""Open any printout in the print preview, and send a finished PDF to a printer as itself.

How a document reaches the printer, by platform:

* **Linux and macOS (CUPS)**: the ReportLab PDF itself goes to the queue chosen in Qt's print
  dialog through CUPS's own `lp` command, with the dialog's copies, page range, duplex and
  colour choice as CUPS options. CUPS takes PDF and turns it into whatever the printer speaks,
  so text stays text and lines stay lines (a two-page agreement is a job of about 40 KB).
* **Windows, or a Unix without `lp`**: there is no spooler that takes PDF, so the preview draws
  each page as an image at the printer's own resolution through `QPrinter`
  (`PrintPreviewDialog._print_as_images`). Only this route turns pages into pictures.
* **"Print to file" in the dialog**: the PDF's own bytes are written to the file when every
  page is wanted; a page range or several copies go through the image route.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _, ngettext
from app.services.errors import ActionRefused
from ui.context import AppContext

log = logging.getLogger(__name__)

#: CUPS's values for the "sides" option, by what the print dialog offers.
ONE_SIDED = "one-sided"
LONG_EDGE = "two-sided-long-edge"
SHORT_EDGE = "two-sided-short-edge"

#: How long to wait for the spooler to take the job (it answers in well under a second).
LP_TIMEOUT_SECONDS = 60

_REQUEST_ID = re.compile(r"request id is (\S+)")


class PrintFailed(Exception):
    """The printer's spooler would not take the job; the message says why, in plain words."""


@dataclass(frozen=True)
class PrintJob:
    """What the print dialog asked for, in the spooler's terms."""

    printer: str
    title: str
    pages: tuple[int, ...]  #: 1-based page numbers to print, in order
    page_count: int  #: how many pages the whole document has
    copies: int = 1
    collate: bool = True
    sides: str = ONE_SIDED
    monochrome: bool = False


@dataclass(frozen=True)
class Sent:
    """A job handed over: where it went and how much of it."""

    printer: str
    pages: int
    copies: int
    job_id: str = ""
    to_file: bool = False

    def message(self) -> str:
        """The plain sentence the coordinator sees once the job has gone."""
        pages = ngettext("{n} page", "{n} pages", self.pages).format(n=self.pages)
        if self.to_file:
            return _("Saved to {file}: {pages}.").format(file=self.printer, pages=pages)
        copies = ngettext("{n} copy", "{n} copies", self.copies).format(n=self.copies)
        return _("Sent to {printer}: {pages}, {copies}.").format(
            printer=self.printer, pages=pages, copies=copies
        )


def cups_available() -> bool:
    """True where CUPS takes print jobs: Linux and macOS with CUPS's `lp` command installed."""
    return sys.platform != "win32" and shutil.which("lp") is not None


def page_ranges_text(pages: Sequence[int]) -> str:
    """1-based pages as CUPS's page-ranges option: [1, 2, 3, 5] as "1-3,5"."""
    parts: list[str] = []
    start = previous = None
    for page in pages:
        if start is None:
            start = previous = page
        elif previous is not None and page == previous + 1:
            previous = page
        else:
            parts.append(f"{start}-{previous}" if start != previous else str(start))
            start = previous = page
    if start is not None:
        parts.append(f"{start}-{previous}" if start != previous else str(start))
    return ",".join(parts)


def lp_command(job: PrintJob) -> list[str]:
    """The `lp` command line for a job; the PDF itself goes to its standard input."""
    command = ["lp", "-d", job.printer, "-t", job.title, "-n", str(max(1, job.copies))]
    if list(job.pages) != list(range(1, job.page_count + 1)):
        command += ["-P", page_ranges_text(job.pages)]
    command += ["-o", f"sides={job.sides}"]
    if job.copies > 1:
        command += ["-o", "collate=true" if job.collate else "collate=false"]
    if job.monochrome:
        command += ["-o", "print-color-mode=monochrome"]
    return command


def send_to_cups(pdf: bytes, job: PrintJob) -> Sent:
    """Hand the PDF to CUPS for `job.printer`; raises PrintFailed with the spooler's reason."""
    if not job.pages:
        raise PrintFailed(_("There are no pages to print in the range you chose."))
    command = lp_command(job)
    try:
        done = subprocess.run(
            command, input=pdf, capture_output=True, timeout=LP_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("lp could not be run: %s", error)
        raise PrintFailed(
            _("The printing system did not answer. Check that printing is set up on this PC.")
        ) from error
    answer = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().removeprefix("lp: ")
        log.warning("lp refused the job for %s: %s", job.printer, reason)
        raise PrintFailed(
            _("The printer {printer} did not take the document: {reason}").format(
                printer=job.printer, reason=reason or _("no reason given")
            )
        )
    found = _REQUEST_ID.search(answer)
    log.info("Sent %s to %s (%s)", job.title, job.printer, answer.strip())
    return Sent(
        printer=job.printer,
        pages=len(job.pages),
        copies=max(1, job.copies),
        job_id=found.group(1) if found else "",
    )


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
