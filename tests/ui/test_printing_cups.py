"""Printing through a real CUPS queue: what reaches the printer is the PDF itself, with its text.

A private `cupsd` (its own folder and socket, never the machine's spooler) runs for this module
with a cups-pdf printer, which writes each job it receives to a PDF file. Those files are what a
printer would have been sent. `packaging/dev-setup.sh test` installs cups and cups-pdf; without
them, or when cupsd cannot start here, the tests are skipped and say why.
"""

from __future__ import annotations

import io
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.printouts import catalogue
from app.storage import Database
from ui import printing
from ui.printing import PrintFailed, PrintJob

CUPSD = "/usr/sbin/cupsd"
CUPS_PDF_BACKEND = "/usr/lib/cups/backend/cups-pdf"
CUPS_PDF_PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
QUEUE = "MentorDeskTest"

#: The agreement as ReportLab writes it is about 40 KB; as page images it was 2 MB.
MOST_BYTES_FOR_AN_AGREEMENT = 200_000


@dataclass(frozen=True)
class Queue:
    name: str
    server: str  #: the socket, for CUPS_SERVER
    output: Path  #: where cups-pdf writes the jobs of the user running the tests


def _why_not() -> str:
    for tool in (CUPSD, "/usr/sbin/lpadmin", "/usr/bin/lp", "/usr/bin/lpstat"):
        if not os.path.exists(tool):
            return f"{tool} is not installed (packaging/dev-setup.sh test installs cups)"
    if not os.path.exists(CUPS_PDF_BACKEND):
        return "cups-pdf is not installed (packaging/dev-setup.sh test installs it)"
    if os.geteuid() != 0:
        return "cupsd runs the cups-pdf printer only as root"
    return ""


def _write_config(folder: Path) -> tuple[Path, Path, Path]:
    for sub in ("spool/tmp", "cache", "state", "log", "ppd"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    socket = folder / "cups.sock"
    cupsd_conf = folder / "cupsd.conf"
    cupsd_conf.write_text(
        f"Listen {socket}\n"
        "LogLevel warn\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  JobPrivateAccess default\n  JobPrivateValues default\n"
        "  SubscriptionPrivateAccess default\n  SubscriptionPrivateValues default\n"
        "  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n</Policy>\n"
    )
    files_conf = folder / "cups-files.conf"
    files_conf.write_text(
        f"ServerRoot {folder}\nRequestRoot {folder}/spool\nTempDir {folder}/spool/tmp\n"
        f"CacheDir {folder}/cache\nStateDir {folder}/state\nAccessLog {folder}/log/access_log\n"
        f"ErrorLog {folder}/log/error_log\nPageLog {folder}/log/page_log\n"
        f"Printcap {folder}/printcap\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
        "User lp\nGroup lp\nSystemGroup root\n"
    )
    return socket, cupsd_conf, files_conf


@pytest.fixture(scope="module")
def cups_queue() -> Iterator[Queue]:
    """A cupsd of our own with a cups-pdf queue; stopped (by its process id) afterwards."""
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    # Not under pytest's own temporary folder: CUPS's filters run as the "lp" user, who must
    # be able to read the spooled job and the printer's PPD.
    folder = Path(tempfile.mkdtemp(prefix="mentordesk-cups-"))
    folder.chmod(0o755)
    socket, cupsd_conf, files_conf = _write_config(folder)
    daemon = subprocess.Popen(
        [CUPSD, "-f", "-c", str(cupsd_conf), "-s", str(files_conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    env = {**os.environ, "CUPS_SERVER": str(socket)}
    try:
        for _attempt in range(100):
            if daemon.poll() is not None:
                error = daemon.stderr.read().decode() if daemon.stderr else ""
                pytest.skip(f"cupsd could not start here: {error.strip()[:300]}")
            ok = subprocess.run(["lpstat", "-r"], env=env, capture_output=True, check=False)
            if b"is running" in ok.stdout:
                break
            time.sleep(0.1)
        else:
            pytest.skip("cupsd did not answer within 10 seconds")
        added = subprocess.run(
            ["lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-m", CUPS_PDF_PPD, "-E"],
            env=env,
            capture_output=True,
            check=False,
        )
        if added.returncode != 0:
            pytest.skip(f"lpadmin could not add the cups-pdf queue: {added.stderr.decode()}")
        # cups-pdf writes to ~/PDF of the job's owner (its "Out ${HOME}/PDF" setting).
        output = Path(pwd.getpwuid(os.geteuid()).pw_dir) / "PDF"
        yield Queue(QUEUE, str(socket), output)
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        if daemon.stderr:
            daemon.stderr.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def queue(cups_queue: Queue, monkeypatch: pytest.MonkeyPatch) -> Queue:
    """The private queue, with `lp` (run by the print path) pointed at it."""
    monkeypatch.setenv("CUPS_SERVER", cups_queue.server)
    return cups_queue


@pytest.fixture
def agreement_pdf(demo_db: Database, today: date) -> bytes:
    with demo_db.session() as s:
        return catalogue.build("agreement", s, 1, today)


def _printed(queue: Queue, title: str, timeout: float = 30) -> Path:
    """The PDF cups-pdf wrote for the job called `title`, once the job is finished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(queue.output.glob(f"{title}*.pdf"))
        if found:
            pending = subprocess.run(
                ["lpstat", "-o", queue.name], capture_output=True, check=False
            ).stdout
            if not pending.strip():
                return found[0]
        time.sleep(0.1)
    log = Path(queue.server).parent / "log" / "error_log"
    details = log.read_text() if log.exists() else ""
    raise AssertionError(f"cups-pdf wrote nothing for {title} in {timeout}s\n{details}")


@pytest.fixture
def title() -> Iterator[str]:
    """A job title no other run uses (cups-pdf names its file after it); the file goes after."""
    name = f"mentordesk-test-{uuid.uuid4().hex[:10]}"
    yield name
    folder = Path(pwd.getpwuid(os.geteuid()).pw_dir) / "PDF"
    for leftover in folder.glob(f"{name}*"):
        leftover.unlink()


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_an_agreement_reaches_the_printer_as_text_not_pictures(
    queue: Queue, agreement_pdf: bytes, title: str
) -> None:
    pages = len(PdfReader(io.BytesIO(agreement_pdf)).pages)
    assert pages == 2
    job = PrintJob(printer=queue.name, title=title, pages=(1, 2), page_count=2)
    sent = printing.send_to_cups(agreement_pdf, job)
    assert sent.job_id.startswith(queue.name)
    assert sent.message() == f"Sent to {queue.name}: 2 pages, 1 copy."

    printed = _printed(queue, title)
    assert len(PdfReader(str(printed)).pages) == 2
    assert printed.stat().st_size < MOST_BYTES_FOR_AN_AGREEMENT
    text = _pdftotext(printed)
    assert "Mentoring agreement" in text
    assert "We agree that" in text
    assert "Signed" in text


def test_a_page_range_prints_only_those_pages(
    queue: Queue, agreement_pdf: bytes, title: str
) -> None:
    job = PrintJob(printer=queue.name, title=title, pages=(2,), page_count=2)
    sent = printing.send_to_cups(agreement_pdf, job)
    assert sent.pages == 1
    printed = _printed(queue, title)
    assert len(PdfReader(str(printed)).pages) == 1
    assert "Page 2 of 2" in _pdftotext(printed)


def test_a_queue_that_does_not_exist_is_named_in_the_refusal(
    queue: Queue, agreement_pdf: bytes
) -> None:
    job = PrintJob(printer="NoSuchPrinter", title="x", pages=(1, 2), page_count=2)
    with pytest.raises(PrintFailed, match="NoSuchPrinter"):
        printing.send_to_cups(agreement_pdf, job)


#: The preview dialog printing to the queue, in a fresh process: Qt's CUPS support asks libcups
#: for the printers, and libcups keeps the first spooler it was pointed at for the process.
_DIALOG_SCRIPT = r"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtPrintSupport import QPrinter
from ui.widgets.print_preview import PrintPreviewDialog

app = QApplication([])
pdf = Path(sys.argv[1]).read_bytes()
dialog = PrintPreviewDialog(pdf, "Mentoring agreement", "agreement.pdf")
printer = QPrinter(QPrinter.PrinterMode.HighResolution)
printer.setPrinterName(sys.argv[2])
assert printer.printerName() == sys.argv[2], printer.printerName()
printer.setDocName(sys.argv[3])
printer.setCopyCount(2)
printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
sent = dialog.print_to(printer)
assert sent is not None
print(sent.message())
"""


def test_the_preview_sends_the_pdf_itself_to_the_chosen_queue(
    queue: Queue, agreement_pdf: bytes, title: str, tmp_path: Path
) -> None:
    source = tmp_path / "agreement.pdf"
    source.write_bytes(agreement_pdf)
    env = {
        **os.environ,
        "CUPS_SERVER": queue.server,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    done = subprocess.run(
        [sys.executable, "-c", _DIALOG_SCRIPT, str(source), queue.name, title],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Sent to {queue.name}: 2 pages, 2 copies."
    printed = _printed(queue, title)
    # cups-pdf receives both copies in one file.
    assert len(PdfReader(str(printed)).pages) in (2, 4)
    assert "Mentoring agreement" in _pdftotext(printed)


def test_lp_is_asked_for_copies_range_and_sides() -> None:
    job = PrintJob(
        printer="Office",
        title="Agreement",
        pages=(1, 2, 3, 5),
        page_count=5,
        copies=2,
        collate=True,
        sides=printing.LONG_EDGE,
        monochrome=True,
    )
    command = printing.lp_command(job)
    assert command[:7] == ["lp", "-d", "Office", "-t", "Agreement", "-n", "2"]
    assert ["-P", "1-3,5"] == command[7:9]
    assert "sides=two-sided-long-edge" in command
    assert "collate=true" in command
    assert "print-color-mode=monochrome" in command
    whole = PrintJob(printer="Office", title="A", pages=(1, 2), page_count=2)
    assert "-P" not in printing.lp_command(whole)


def test_cups_is_the_route_wherever_lp_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/lp")
    monkeypatch.setattr(sys, "platform", "linux")
    assert printing.cups_available()
    monkeypatch.setattr(sys, "platform", "win32")
    assert not printing.cups_available()
