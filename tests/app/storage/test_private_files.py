"""At rest: only this user may read the data folder and its files, a cleared private note is
gone from the file's bytes, and the log holds no personal data."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.exc import IntegrityError

from app.logs import configure_logging, scrub
from app.model import MeetingLog, MeetingPrivateNote
from app.paths import DataPaths
from app.storage import Database, open_database

posix_only = pytest.mark.skipif(os.name != "posix", reason="permissions are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_a_new_data_folder_and_its_files_are_for_this_user_alone(paths: DataPaths) -> None:
    db = open_database(paths)
    with db.session() as s:
        s.execute(text("SELECT 1"))
    db.backup("manual")
    configure_logging(paths)
    logging.getLogger("test").warning("a line in the log")
    assert _mode(paths.folder) == 0o700
    assert _mode(paths.backups) == 0o700
    assert _mode(paths.logs) == 0o700
    assert _mode(paths.database) == 0o600
    wal = paths.database.with_name(paths.database.name + "-wal")
    assert not wal.exists() or _mode(wal) == 0o600
    assert all(_mode(b) == 0o600 for b in paths.backups.iterdir())
    log_file = paths.logs / "mentordesk.log"
    assert log_file.exists() and _mode(log_file) == 0o600
    db.close()
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", "") == str(log_file):
            logging.getLogger().removeHandler(handler)
            handler.close()


@posix_only
def test_a_folder_an_older_version_left_open_to_everyone_is_closed_up(
    paths: DataPaths, db: Database
) -> None:
    db.backup("manual")
    db.close(backup=False)
    for path in [paths.folder, paths.backups, *paths.backups.iterdir(), paths.database]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    open_database(paths, backup_on_open=False).close(backup=False)
    assert _mode(paths.folder) == 0o700
    assert _mode(paths.database) == 0o600
    assert all(_mode(b) == 0o600 for b in paths.backups.iterdir())


def _folder_bytes(paths: DataPaths) -> bytes:
    return b"".join(p.read_bytes() for p in paths.folder.rglob("*") if p.is_file())


def test_a_cleared_private_note_is_gone_from_the_files_bytes(
    paths: DataPaths, demo_db: Database
) -> None:
    secret = "Sibling at risk: spoke to the safeguarding lead 4471"
    with demo_db.session() as s:
        meeting_id = s.scalars(select(MeetingLog.id).order_by(MeetingLog.id)).first()
        assert meeting_id is not None
        s.execute(delete(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting_id))
        s.add(MeetingPrivateNote(meeting_id=meeting_id, text=secret))
    demo_db.close(backup=False)
    assert secret.encode() in paths.database.read_bytes()

    db = open_database(paths, backup_on_open=False)
    with db.session() as s:
        note = s.scalar(
            select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting_id)
        )
        s.delete(note)
    db.close()  # and a backup on closing
    assert secret.encode() not in _folder_bytes(paths)


def test_a_failed_statement_puts_no_names_in_the_log(paths: DataPaths, db: Database) -> None:
    configure_logging(paths)
    log_file = paths.logs / "mentordesk.log"
    name = "Seònaid " + "MacLeòid"  # not on one line: tracebacks quote the source
    try:
        with db.session() as s:
            s.execute(text("CREATE TABLE t (name TEXT NOT NULL UNIQUE)"))
            s.execute(text("INSERT INTO t VALUES (:n)"), {"n": name})
            s.execute(text("INSERT INTO t VALUES (:n)"), {"n": name})
    except IntegrityError:
        logging.getLogger("test").exception("Saving failed for %s", "seonaid" + "@example.org")
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", "") == str(log_file):
            handler.flush()
            logging.getLogger().removeHandler(handler)
            handler.close()
    written = log_file.read_text(encoding="utf-8")
    assert "UNIQUE constraint failed" in written  # the log still says what went wrong
    assert name not in written
    assert "seonaid" + "@example.org" not in written


def test_scrub_blanks_e_mail_addresses_and_phone_numbers_but_not_dates() -> None:
    line = "2026-11-23 10:00:01,123 ana@example.org 07700 900123 +44 131 496 0000 version 12"
    cleaned = scrub(line)
    assert cleaned.startswith("2026-11-23 10:00:01,123 [e-mail] [phone] [phone]")
    assert "version 12" in cleaned
