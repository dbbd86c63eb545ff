"""Every schema change is a migration: from an empty file, from each previous revision, and
the migrations build exactly the schema the model describes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text

from app.model.base import Base
from app.paths import DataPaths
from app.storage import migrate, open_database
from app.storage.engine import create_sqlite_engine, user_version


def test_an_empty_folder_gets_a_database_at_the_newest_version(paths: DataPaths) -> None:
    db = open_database(paths)
    db.close(backup=False)
    assert user_version(paths.database) == migrate.SCHEMA_VERSION
    tables = set(inspect(create_sqlite_engine(paths.database)).get_table_names())
    assert {"programme", "person", "participant", "alembic_version"} <= tables


def test_revisions_are_numbered_without_gaps() -> None:
    numbers = migrate.known_revisions()
    assert numbers == list(range(1, len(numbers) + 1))


def test_migrations_match_the_model(paths: DataPaths) -> None:
    """A model change without its migration fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    open_database(paths).close(backup=False)
    engine = create_sqlite_engine(paths.database)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def _insert_minimal(conn: Connection, table_name: str, **values: object) -> None:
    """Insert a row filling every required column of the table as it is at this revision."""

    from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, MetaData, Table

    table = Table(table_name, MetaData(), autoload_with=conn)
    row: dict[str, object] = {}
    for column in table.columns:
        if column.name in values or column.nullable or column.primary_key:
            continue
        kind = column.type
        row[column.name] = (
            1
            if isinstance(kind, Integer)
            else False
            if isinstance(kind, Boolean)
            else datetime(2026, 1, 1)
            if isinstance(kind, DateTime)
            else date(2026, 1, 1)
            if isinstance(kind, Date)
            else {}
            if isinstance(kind, JSON)
            else "x"
        )
    row.update(values)
    conn.execute(table.insert().values(**row))


@pytest.mark.parametrize("previous", migrate.known_revisions()[:-1])
def test_upgrade_from_each_previous_revision_keeps_data(tmp_path: Path, previous: int) -> None:
    """GIVEN a file at an older revision holding a programme and a person, WHEN it is opened,
    THEN it is backed up, upgraded to the newest version, and the records are still there."""
    paths = DataPaths(tmp_path / f"from-{previous}")
    paths.ensure()
    engine = create_sqlite_engine(paths.database)
    migrate.upgrade(engine, migrate.revision_id(previous))
    with engine.begin() as conn:
        _insert_minimal(conn, "programme", name="Kept programme", organisation="Org")
        _insert_minimal(conn, "person", first_name="Seònaid", last_name="Nic a' Phì")
    engine.dispose()

    db = open_database(paths)
    with db.session() as s:
        assert s.scalar(text("SELECT name FROM programme")) == "Kept programme"
        assert s.scalar(text("SELECT last_name FROM person")) == "Nic a' Phì"
    db.close(backup=False)
    assert user_version(paths.database) == migrate.SCHEMA_VERSION
    assert [b for b in paths.backups.iterdir() if "before-upgrade" in b.name]


def test_a_file_from_before_any_revision_is_upgraded_after_a_backup(paths: DataPaths) -> None:
    """A file at version 0 (all revisions undone) is treated as old and upgraded."""
    db = open_database(paths)
    with db.session() as s:
        s.execute(text("SELECT 1"))
    db.close(backup=False)
    engine = create_sqlite_engine(paths.database)
    migrate.downgrade(engine, "base")
    engine.dispose()
    assert user_version(paths.database) == 0

    db = open_database(paths)
    db.close(backup=False)
    assert user_version(paths.database) == migrate.SCHEMA_VERSION
    assert [b for b in paths.backups.iterdir() if "before-upgrade" in b.name]


def test_upgrading_a_full_programme_loses_no_row(tmp_path: Path, today: date) -> None:
    """The demo, taken back to the schema before reviews and endings (0007) and brought up to
    date again: every table that existed then holds the same rows. SQLite rebuilds a table to
    change it; with foreign keys enforced during that, changing `programme` once emptied
    `match` and everything under it."""
    from app.demo import create_demo

    database = tmp_path / "full.sqlite3"
    engine = create_sqlite_engine(database)
    migrate.upgrade(engine)
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        create_demo(s, today)
        s.commit()
    migrate.downgrade(engine, "0007")

    def counts() -> dict[str, int]:
        with engine.connect() as conn:
            tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
            return {
                t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables
            }

    before = counts()
    assert before["match"] > 10 and before["meeting_log"] > 50
    migrate.upgrade(engine)
    after = counts()
    assert {t: after[t] for t in before} == before
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    engine.dispose()
