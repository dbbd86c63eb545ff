"""Shared fixtures.

- Every test lives on one fixed day (`TEST_DAY`, through MENTORDESK_TODAY, which the clock
  reads), so no test depends on the real date; ask for the `today` fixture to know which day.
- Every test gets its own empty data folder. A migrated empty database and the demo programme
  are each built once per test session and copied for every test that asks for them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import clock
from app.paths import DataPaths
from app.storage import Database, open_database

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ui.main_window import MainWindow

#: The day every test lives on: a Monday, far from month ends, so "last month" and "in a
#: fortnight" mean the same thing in every test. Tests of awkward dates pass their own.
TEST_DAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real user data folder, or read the real date."""
    monkeypatch.setenv("MENTORDESK_DATA", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv(clock.TODAY_VARIABLE, TEST_DAY.isoformat())


@pytest.fixture
def today() -> date:
    """The day the test lives on (what the clock, the services and the window all see)."""
    return clock.today()


def _build_template(folder: Path, demo: bool) -> Path:
    """A closed data file, migrated (and with the demo programme if asked), to copy from."""
    paths = DataPaths(folder)
    database = open_database(paths)
    if demo:
        from app.demo import create_demo

        with database.session() as s:
            create_demo(s, today=TEST_DAY)
    database.close(backup=False)
    return paths.database


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_template(tmp_path_factory.mktemp("empty-template"), demo=False)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_template(tmp_path_factory.mktemp("demo-template"), demo=True)


def _open_copy(template: Path, paths: DataPaths) -> Database:
    paths.ensure()
    shutil.copyfile(template, paths.database)
    # A fresh copy is not "changed since the last backup": open it as a new file would open.
    return open_database(paths, backup_on_open=False)


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def db(paths: DataPaths, _empty_template: Path) -> Iterator[Database]:
    """An empty, migrated data file of the test's own."""
    database = _open_copy(_empty_template, paths)
    yield database
    database.close(backup=False)


@pytest.fixture
def demo_db(paths: DataPaths, _demo_template: Path) -> Iterator[Database]:
    """The demo programme (built on TEST_DAY) in a data file of the test's own."""
    database = _open_copy(_demo_template, paths)
    yield database
    database.close(backup=False)


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> Iterator[MainWindow]:
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
