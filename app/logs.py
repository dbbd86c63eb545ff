"""A rotating log file in the data folder: what went wrong, with enough to diagnose it.

A log that cannot be written (a read-only folder, a full disk) never stops Mentor Desk nor
prints a traceback: the coordinator's own messages say what is wrong, and the log is skipped.

The log is sent to whoever supports Mentor Desk, so it holds no personal data: only this user
may read it (0600), SQL parameters are never written into error messages (the engine hides
them), and e-mail addresses and phone numbers that slip into a message are blanked.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re

from app.paths import DataPaths

_configured: set[str] = set()


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
#: Phone numbers as people type them: +44 7700 900123, 07700 900123, (0131) 496 0000.
_PHONE = re.compile(
    r"(?<![\w.:-])(?:\+\d{1,3}[\s-]?)?\(?0?\d{2,5}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w)"
)


def scrub(text: str) -> str:
    """`text` with e-mail addresses and phone numbers blanked out."""
    return _PHONE.sub("[phone]", _EMAIL.sub("[e-mail]", text))


class PrivateFormatter(logging.Formatter):
    """Formats as usual, then blanks e-mail addresses and phone numbers (tracebacks included)."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that goes quiet, instead of printing tracebacks, once it cannot write.

    Each file it starts is readable by this user alone."""

    failed = False

    def _open(self) -> io.TextIOWrapper:
        if os.name == "posix":
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.chmod(self.baseFilename, 0o600)
            handle = open(fd, self.mode, encoding=self.encoding, errors=self.errors)
            assert isinstance(handle, io.TextIOWrapper)
            return handle
        return super()._open()  # pragma: no cover - Windows: the user's own profile

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True
        try:
            self.close()
        except OSError:
            pass


def configure_logging(paths: DataPaths, level: int = logging.INFO) -> None:
    target = paths.logs / "mentordesk.log"
    if str(target) in _configured:
        return
    try:
        paths.logs.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return  # a read-only or full data folder: no log file, and nothing else changes
    handler = QuietFileHandler(
        target, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
    )
    handler.setFormatter(
        PrivateFormatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    _configured.add(str(target))
