"""Shared fixtures: every test gets its own empty data folder; the demo is opt-in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.paths import DataPaths
from app.storage import Database, open_database


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real user data folder."""
    monkeypatch.setenv("MENTORDESK_DATA", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def db(paths: DataPaths) -> Iterator[Database]:
    database = open_database(paths)
    yield database
    database.close(backup=False)


@pytest.fixture
def demo_db(db: Database) -> Database:
    from app.demo import create_demo

    with db.session() as s:
        create_demo(s, today=date(2026, 11, 23))
    return db


@pytest.fixture
def window(qtbot, demo_db: Database):  # type: ignore[no-untyped-def]
    """The main window on the demo data, offscreen, with background work run inline."""
    from ui.application import build_window, create_application

    create_application()
    win = build_window(demo_db, synchronous_tasks=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.deleteLater()
    # Really delete it now, so later tests do not restyle and refresh dead windows.
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
