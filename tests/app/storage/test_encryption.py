"""A password on the data file: nothing readable without it, in the file or its backups."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.model import Person
from app.paths import DataPaths
from app.storage import (
    Database,
    StorageError,
    backups,
    encryption,
    migrate,
    open_database,
    password,
)
from app.storage.encryption import PasswordNeededError, WrongPasswordError

PASSWORD = "heather-otter-loch-42"


@pytest.fixture(autouse=True)
def _no_passwords_left() -> Iterator[None]:
    encryption.forget_all()
    yield
    encryption.forget_all()


def _demo_names(db: Database) -> set[str]:
    """Every person's whole name, e-mail and phone, and each first and last name of five
    letters or more. (A three-letter name such as "Amy" turns up by chance in a megabyte of
    random bytes about one time in twenty; five letters, about one in a million.)"""
    with db.session() as s:
        people = s.scalars(select(Person)).all()
        found = set()
        for p in people:
            found |= {f"{p.first_name} {p.last_name}", p.email, p.phone}
            found |= {n for n in (p.first_name, p.last_name) if len(n) >= 5}
    return found - {""}


def _people(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Person)) or 0


@pytest.fixture
def protected(paths: DataPaths, demo_db: Database) -> tuple[DataPaths, set[str], int]:
    """The demo, with a backup made while it was plain, then protected with PASSWORD."""
    names = _demo_names(demo_db)
    count = _people(demo_db)
    demo_db.backup("manual")
    demo_db.close(backup=False)
    password.change_password(paths, PASSWORD)
    encryption.forget_all()  # as if Mentor Desk were started again
    return paths, names, count


def test_an_encrypted_file_and_its_backups_hold_no_name_of_anyone_in_the_demo(
    protected: tuple[DataPaths, set[str], int],
) -> None:
    paths, names, _count = protected
    files = [paths.database, *(b.path for b in backups.list_backups(paths))]
    assert len(files) >= 3  # the data, the plain backup (re-keyed) and the one made first
    for path in files:
        data = path.read_bytes()
        assert not data.startswith(b"SQLite format 3")
        leaked = {n for n in names if n.encode() in data}
        assert not leaked, f"{path.name} holds {sorted(leaked)[:3]}"


def test_an_encrypted_file_cannot_be_opened_without_the_password(
    protected: tuple[DataPaths, set[str], int],
) -> None:
    paths, _names, _count = protected
    with pytest.raises(PasswordNeededError, match="protected with a password"):
        open_database(paths)


def test_three_wrong_passwords_are_refused_plainly_and_change_nothing(
    protected: tuple[DataPaths, set[str], int],
) -> None:
    paths, _names, count = protected
    before = {p: p.read_bytes() for p in paths.folder.rglob("*.sqlite3")}
    for attempt in ("heather-otter-loch-41", "", "HEATHER-OTTER-LOCH-42"):
        with pytest.raises(WrongPasswordError) as refused:
            encryption.unlock(paths.folder, paths.database, attempt)
        assert "does not open the data file" in refused.value.message
    assert not encryption.knows(paths.folder)
    assert {p: p.read_bytes() for p in paths.folder.rglob("*.sqlite3")} == before

    encryption.unlock(paths.folder, paths.database, PASSWORD)
    db = open_database(paths)
    assert _people(db) == count
    db.close(backup=False)


def test_the_right_password_opens_the_file_and_the_backups_stay_encrypted(
    protected: tuple[DataPaths, set[str], int],
) -> None:
    paths, names, count = protected
    encryption.unlock(paths.folder, paths.database, PASSWORD)
    db = open_database(paths)
    made = db.backup("manual")
    db.close(backup=False)
    data = made.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert not {n for n in names if n.encode() in data}
    # Each backup opens with the password alone, as a restore would need.
    assert backups.check_backup_file(made, migrate.SCHEMA_VERSION) == migrate.SCHEMA_VERSION
    assert backups.summarise(made).people == count


def test_the_password_from_the_environment_opens_the_file(
    protected: tuple[DataPaths, set[str], int], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, _names, count = protected
    monkeypatch.setenv(encryption.ENV_VAR, PASSWORD)
    db = open_database(paths)
    assert _people(db) == count
    db.close(backup=False)


def test_a_wrong_password_in_the_environment_is_refused(
    protected: tuple[DataPaths, set[str], int], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, _names, _count = protected
    monkeypatch.setenv(encryption.ENV_VAR, "not-the-password")
    with pytest.raises(WrongPasswordError):
        open_database(paths)


def test_changing_the_password_re_keys_the_file_and_its_backups(
    protected: tuple[DataPaths, set[str], int],
) -> None:
    paths, _names, count = protected
    with pytest.raises(WrongPasswordError):
        password.change_password(paths, "new-password-1", current="wrong-one-here")
    password.change_password(paths, "new-password-1", current=PASSWORD)
    encryption.forget_all()
    with pytest.raises(WrongPasswordError):
        encryption.unlock(paths.folder, paths.database, PASSWORD)
    encryption.unlock(paths.folder, paths.database, "new-password-1")
    for info in backups.list_backups(paths):
        assert backups.summarise(info.path).people == count


def test_taking_the_password_off_leaves_a_plain_file_with_everything_in_it(
    protected: tuple[DataPaths, set[str], int],
) -> None:
    paths, names, count = protected
    safety = password.change_password(paths, None, current=PASSWORD)
    assert paths.database.read_bytes().startswith(b"SQLite format 3")
    assert safety.exists()
    db = open_database(paths)
    assert _people(db) == count
    assert _demo_names(db) == names
    db.close(backup=False)


def test_a_restored_plain_backup_is_encrypted_on_the_way_in(
    protected: tuple[DataPaths, set[str], int], tmp_path: Path, _demo_template: Path
) -> None:
    paths, names, count = protected
    encryption.unlock(paths.folder, paths.database, PASSWORD)
    plain = tmp_path / "from-a-usb-stick.sqlite3"
    plain.write_bytes(_demo_template.read_bytes())
    backups.restore_backup(paths, plain, migrate.SCHEMA_VERSION)
    data = paths.database.read_bytes()
    assert not {n for n in names if n.encode() in data}
    db = open_database(paths)
    assert _people(db) == count
    db.close(backup=False)


def test_a_short_password_is_refused_before_anything_is_changed(
    paths: DataPaths, db: Database
) -> None:
    db.close(backup=False)
    before = paths.database.read_bytes()
    with pytest.raises(StorageError, match="at least 8 characters"):
        password.change_password(paths, "short")
    assert paths.database.read_bytes() == before
    assert password.check_new_password("long enough", "long enoug") == {
        "repeat": "The two passwords are not the same."
    }


def test_a_suggested_password_is_long_and_different_each_time() -> None:
    first, second = password.suggest_password(), password.suggest_password()
    assert first != second
    assert len(first) >= 20 and not password.check_new_password(first)


def test_the_raw_key_opens_the_file_and_its_backups_in_any_sqlcipher_tool(
    protected: tuple[DataPaths, set[str], int],
) -> None:
    """An IT helper with DB Browser for SQLite opens the file with its raw key; the password
    alone does not, because Argon2id, not SQLCipher, made the key."""
    paths, _names, count = protected
    driver = encryption.dbapi()
    encryption.unlock(paths.folder, paths.database, PASSWORD)
    for path in [paths.database, *(b.path for b in backups.list_backups(paths))]:
        key = encryption.key_for(path)
        assert key is not None and key.kdf is encryption.Kdf.ARGON2ID
        conn = driver.connect(str(path))
        conn.execute(f"PRAGMA key = {key.pragma()}")
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == count
        conn.close()
        conn = driver.connect(str(path))
        conn.execute(f"PRAGMA key = '{PASSWORD}'")
        with pytest.raises(driver.DatabaseError):
            conn.execute("SELECT count(*) FROM person").fetchone()
        conn.close()


def test_the_key_is_argon2id_at_owasps_setting() -> None:
    from argon2.low_level import Type, hash_secret_raw

    salt = bytes(range(16))
    key = encryption.derive(PASSWORD, salt)
    assert key.key == hash_secret_raw(
        PASSWORD.encode(),
        salt,
        time_cost=2,
        memory_cost=19 * 1024,
        parallelism=1,
        hash_len=32,
        type=Type.ID,
    )
    assert encryption.derive("another-password", salt).key != key.key


def test_a_file_protected_by_an_earlier_version_opens_and_moves_to_argon2id(
    paths: DataPaths, demo_db: Database
) -> None:
    """Files keyed with SQLCipher's own PBKDF2 (what the password alone opens in its tools)
    still open with their password; changing the password gives them an Argon2id key."""
    count = _people(demo_db)
    demo_db.close(backup=False)
    driver = encryption.dbapi()
    plain = driver.connect(str(paths.database), isolation_level=None)
    legacy = paths.database.with_name("legacy.db")
    plain.execute("ATTACH DATABASE ? AS legacy KEY ?", (str(legacy), PASSWORD))
    plain.execute("SELECT sqlcipher_export('legacy')").fetchone()
    plain.execute("DETACH DATABASE legacy")
    plain.close()
    legacy.replace(paths.database)

    with pytest.raises(WrongPasswordError):
        encryption.unlock(paths.folder, paths.database, "not-the-password")
    encryption.unlock(paths.folder, paths.database, PASSWORD)
    key = encryption.key_for(paths.database)
    assert key is not None and key.kdf is encryption.Kdf.SQLCIPHER_PBKDF2
    db = open_database(paths, backup_on_open=False)
    assert _people(db) == count
    db.close(backup=False)

    password.change_password(paths, "a-new-password-99", current=PASSWORD)
    encryption.forget_all()
    encryption.unlock(paths.folder, paths.database, "a-new-password-99")
    key = encryption.key_for(paths.database)
    assert key is not None and key.kdf is encryption.Kdf.ARGON2ID
    db = open_database(paths, backup_on_open=False)
    assert _people(db) == count
    db.close(backup=False)


def test_the_evidence_pack_is_the_same_from_protected_data(
    paths: DataPaths, demo_db: Database, today: date
) -> None:
    """The pack's pseudonymised copy is made in memory whichever driver reads the file."""
    from pypdf import PdfReader

    from app.model import Programme
    from app.reports import evidence_pack

    def pack(db: Database) -> list[str]:
        with db.session() as s:
            programme_id = s.scalar(select(Programme.id).order_by(Programme.id))
            assert programme_id is not None
            items = evidence_pack.all_items(s, programme_id)
            data = evidence_pack.build_pack(s, programme_id, items, today)
        return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]

    plain = pack(demo_db)
    demo_db.close(backup=False)
    password.change_password(paths, PASSWORD)
    db = open_database(paths, backup_on_open=False)
    assert pack(db) == plain
    db.close(backup=False)
