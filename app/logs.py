"""A rotating log file in the data folder: what went wrong, with enough to diagnose it."""

from __future__ import annotations

import logging
import logging.handlers

from app.paths import DataPaths

_configured: set[str] = set()


def configure_logging(paths: DataPaths, level: int = logging.INFO) -> None:
    target = paths.logs / "mentordesk.log"
    if str(target) in _configured:
        return
    paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
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
