"""A data file made by every earlier release opens in this one (keep one per release under
tests/fixtures/releases/VERSION/, made by that release's demo)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import MeetingLog, Person, Programme
from app.paths import DataPaths
from app.storage import migrate, open_database

RELEASES = Path(__file__).resolve().parents[1] / "fixtures" / "releases"
FILES = sorted(RELEASES.glob("*/mentordesk.sqlite3"))


def test_there_is_a_file_from_each_release() -> None:
    from app import __version__

    assert FILES, "keep a data file made by each release"
    assert (RELEASES / __version__ / "mentordesk.sqlite3").is_file(), (
        f"add tests/fixtures/releases/{__version__}/mentordesk.sqlite3 for this release"
    )


@pytest.mark.parametrize("release", FILES, ids=lambda p: p.parent.name)
def test_a_file_from_an_earlier_release_opens(release: Path, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    shutil.copyfile(release, paths.database)
    database = open_database(paths)
    try:
        with database.session() as s:
            assert (s.scalar(select(func.count()).select_from(Programme)) or 0) >= 1
            assert (s.scalar(select(func.count()).select_from(Person)) or 0) >= 10
            assert (s.scalar(select(func.count()).select_from(MeetingLog)) or 0) >= 1
    finally:
        database.close(backup=False)
    from app.storage.engine import user_version

    assert user_version(paths.database) == migrate.SCHEMA_VERSION
