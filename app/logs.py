"""A rotating log file in the data folder: what went wrong, with enough to diagnose it.

A log that cannot be written (a read-only folder, a full disk) never stops Mentor Desk nor
prints a traceback: the coordinator's own messages say what is wrong, and the log is skipped.
"""

from __future__ import annotations

import logging
import logging.handlers

from app.paths import DataPaths

_configured: set[str] = set()


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that goes quiet, instead of printing tracebacks, once it cannot write."""

    failed = False

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
        paths.logs.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only or full data folder: no log file, and nothing else changes
    handler = QuietFileHandler(
        target, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    _configured.add(str(target))
