"""A password on the data file and its backups, with SQLCipher (through the `sqlcipher3` wheel).

No cryptography of our own: SQLCipher encrypts every page (AES-256, with an HMAC per page), and
the password is turned into its 256-bit key by Argon2id (the reference implementation, through
`argon2-cffi`) over the file's random 16-byte salt, at OWASP's recommended setting (19 MiB of
memory, 2 passes, 1 lane). That is slow on purpose, and costly in memory, so a stolen file cannot
be tried against many passwords, even on graphics cards; yet it takes only a few hundredths of a
second, so typing the password hardly delays opening. The key is handed to SQLCipher as its
"raw key" (with the salt), as SQLCipher documents for applications that derive their own keys.
It is worked out once a session, not for every connection, check and backup. Every file made
from an encrypted one (backups, the restore copy) has the same salt and key.

Files protected by an earlier version have SQLCipher's own key (PBKDF2-HMAC-SHA512, 256,000
rounds): they still open with their password, and get an Argon2id key when the password is
next changed. Another SQLCipher tool (DB Browser for SQLite, for an IT helper) opens a file
with its raw key, `FileKey.pragma()`.

The password is kept in memory for the open data folder only, never written anywhere. For
scripted use the command line reads it from the MENTORDESK_PASSWORD environment variable.

Moving between encrypted and plain (set, change, remove) is a copy and a swap: a backup first,
then an encrypted (or plain) copy made with `sqlcipher_export`, checked, and only then put in
place of the data file. Nothing is ever changed in place.
"""

from __future__ import annotations

import enum
import hashlib
import os
import secrets
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.i18n import _
from app.storage.errors import StorageError

ENV_VAR = "MENTORDESK_PASSWORD"
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Argon2id's cost: OWASP's recommended minimum (Password Storage Cheat Sheet).
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_PASSES = 2
ARGON2_LANES = 1
#: SQLCipher 4's own key derivation, for files protected by an earlier version.
SQLCIPHER_KDF_ROUNDS = 256_000
KEY_BYTES = 32
SALT_BYTES = 16
PAGE_SIZE = 4096
#: Shorter passwords are refused: a coordinator's PC is shared and carried about.
MIN_LENGTH = 8


class PasswordNeededError(StorageError):
    """The data file is locked with a password, and none was given."""


class WrongPasswordError(StorageError):
    """The password given does not open the data file."""


def password_needed() -> PasswordNeededError:
    return PasswordNeededError(
        _("The data file is protected with a password."),
        _(
            "Type the password to open it. On the command line, set the MENTORDESK_PASSWORD "
            "environment variable to it."
        ),
    )


def wrong_password() -> WrongPasswordError:
    return WrongPasswordError(
        _("That password does not open the data file."),
        _(
            "Check the Caps Lock key and try again, or use the recovery sheet printed when the "
            "password was set. Nothing has been changed."
        ),
    )


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("sqlcipher3") is not None


def dbapi() -> Any:
    """The sqlcipher3 DB-API module (imported when a password is in play)."""
    from sqlcipher3 import dbapi2  # type: ignore[import-untyped]  # no type hints shipped

    return dbapi2


def database_errors(*others: type[Exception]) -> tuple[type[Exception], ...]:
    """The errors of both drivers (plain files go through sqlite3, encrypted ones sqlcipher3),
    with `others` for an `except` that catches more."""
    if not available():  # pragma: no cover
        return (*others, sqlite3.Error)
    return (*others, sqlite3.Error, dbapi().Error)


# --- telling an encrypted file ---------------------------------------------------------------
def looks_encrypted_head(head: bytes, size: int) -> bool:
    """An encrypted file has no readable header: its first bytes are the random salt, and its
    size is a whole number of SQLCipher pages."""
    return (
        size >= PAGE_SIZE
        and size % PAGE_SIZE == 0
        and not head.startswith(SQLITE_MAGIC)
        and len(head) >= SALT_BYTES
    )


def _head(path: Path) -> tuple[bytes, int]:
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            return handle.read(100), size
    except OSError:
        return b"", 0


def is_encrypted(path: Path) -> bool:
    head, size = _head(path)
    return looks_encrypted_head(head, size)


# --- keys ------------------------------------------------------------------------------------
class Kdf(enum.Enum):
    """How a password became a file's key."""

    ARGON2ID = "argon2id"
    #: Before Argon2id: SQLCipher's own PBKDF2, which its tools apply to a password typed in.
    SQLCIPHER_PBKDF2 = "sqlcipher-pbkdf2"


@dataclass(frozen=True)
class FileKey:
    """SQLCipher's key for files with one salt, as its raw-key pragma value takes it."""

    key: bytes
    salt: bytes
    kdf: Kdf = Kdf.ARGON2ID

    def pragma(self) -> str:
        return f"\"x'{(self.key + self.salt).hex()}'\""


def derive(password: str, salt: bytes, kdf: Kdf = Kdf.ARGON2ID) -> FileKey:
    """The key `password` gives for a file with `salt`."""
    secret = password.encode("utf-8")
    if kdf is Kdf.SQLCIPHER_PBKDF2:
        raw = hashlib.pbkdf2_hmac("sha512", secret, salt, SQLCIPHER_KDF_ROUNDS, KEY_BYTES)
    else:
        from argon2.low_level import Type, hash_secret_raw

        raw = hash_secret_raw(
            secret,
            salt,
            time_cost=ARGON2_PASSES,
            memory_cost=ARGON2_MEMORY_KIB,
            parallelism=ARGON2_LANES,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
    return FileKey(raw, salt, kdf)


@dataclass
class _Secret:
    password: str
    keys: dict[bytes, FileKey] = field(default_factory=dict)
    #: The salt new files get (the data file's, so every backup opens with the same key).
    salt: bytes = b""
    #: How the data file's key was made; files with another salt get theirs the same way.
    kdf: Kdf = Kdf.ARGON2ID

    def key(self, salt: bytes) -> FileKey:
        if salt not in self.keys:
            self.keys[salt] = derive(self.password, salt, self.kdf)
        return self.keys[salt]


_secrets: dict[Path, _Secret] = {}
_guard = threading.Lock()


def _folder_of(path: Path) -> Path:
    """The data folder a file belongs to (the data file's own, or that of its backups)."""
    parent = path.resolve().parent
    if parent.name == "backups":
        return parent.parent
    return parent


def remember(folder: Path, password: str, salt: bytes | None = None) -> None:
    """Hold `password` for the data folder `folder` while it is open (in memory only)."""
    with _guard:
        secret = _Secret(password)
        if salt:
            secret.salt = salt
        _secrets[folder.resolve()] = secret


def forget(folder: Path) -> None:
    with _guard:
        _secrets.pop(folder.resolve(), None)


def forget_all() -> None:
    with _guard:
        _secrets.clear()


def lend(folder: Path, to: Path) -> None:
    """Let the files in `to` (a scratch folder holding a copy) open with the password held for
    the data folder `folder`, until `forget(to)`."""
    with _guard:
        secret = _secrets.get(folder.resolve())
        if secret is not None:
            _secrets[to.resolve()] = secret


def knows(folder: Path) -> bool:
    return folder.resolve() in _secrets


def password_of(folder: Path) -> str | None:
    secret = _secrets.get(folder.resolve())
    return secret.password if secret else None


def key_for(path: Path) -> FileKey | None:
    """The key to open `path` with: None for a plain file, or when no password is known."""
    head, size = _head(path)
    if not looks_encrypted_head(head, size):
        return None
    secret = _secrets.get(_folder_of(path))
    if secret is None:
        return None
    with _guard:
        return secret.key(head[:SALT_BYTES])


def key_for_new(folder: Path) -> FileKey | None:
    """The key for a new file in `folder` (a backup, a staged copy): None if it has none."""
    secret = _secrets.get(_folder_of(folder / "x"))
    if secret is None:
        return None
    with _guard:
        if not secret.salt:
            secret.salt = secrets.token_bytes(SALT_BYTES)
        return secret.key(secret.salt)


def from_environment(folder: Path, database: Path) -> bool:
    """Take the password from MENTORDESK_PASSWORD (scripted use), if it is set and the data
    file is protected; WrongPasswordError if it does not open the file."""
    password = os.environ.get(ENV_VAR)
    if not password or knows(folder) or not is_encrypted(database):
        return False
    unlock(folder, database, password)
    return True


# --- connections -----------------------------------------------------------------------------
def connect(
    path: Path,
    key: FileKey | None,
    *,
    read_only: bool = False,
    immutable: bool = False,
    check_same_thread: bool = True,
) -> Any:
    """A sqlcipher3 connection to `path` opened with `key`; WrongPasswordError if it does not
    open the file. SQLCipher reads a plain file too when `key` is None."""
    driver = dbapi()
    if read_only:
        query = "mode=ro" + ("&immutable=1" if immutable else "")
        target, uri = f"{path.resolve().as_uri()}?{query}", True
    else:
        target, uri = str(path), False
    conn = driver.connect(
        target, uri=uri, isolation_level=None, check_same_thread=check_same_thread
    )
    # A wrong password is our message to give, not SQLCipher's lines on the terminal.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f"PRAGMA key = {key.pragma()}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower():
            raise wrong_password() from exc
        raise
    return conn


def check_password(path: Path, password: str) -> FileKey:
    """The key for `path` if `password` opens it; WrongPasswordError otherwise. An Argon2id key
    is tried first; then SQLCipher's own, for a file protected by an earlier version."""
    head, size = _head(path)
    if not looks_encrypted_head(head, size):
        raise StorageError(_("The data file is not protected with a password."))
    salt = head[:SALT_BYTES]
    for kdf in Kdf:
        key = derive(password, salt, kdf)
        try:
            connect(path, key).close()
        except WrongPasswordError:
            continue
        return key
    raise wrong_password()


def unlock(folder: Path, database: Path, password: str) -> None:
    """Check `password` against the data file and hold it for the folder; or raise
    WrongPasswordError, remembering nothing."""
    hold(folder, password, check_password(database, password))


def hold(folder: Path, password: str, key: FileKey) -> None:
    """Hold `password` for `folder`, with the key already worked out for the data file."""
    remember(folder, password, key.salt)
    with _guard:
        secret = _secrets[folder.resolve()]
        secret.kdf = key.kdf
        secret.keys[key.salt] = key


def export(source: Any, target: Path, key: FileKey | None) -> None:
    """Write every table of the open sqlcipher3 connection `source` into the new file `target`,
    encrypted with `key` (plain when None), with the header stamps SQLite keeps outside tables."""
    target.unlink(missing_ok=True)
    from app.storage.folder import create_private

    create_private(target)
    version = int(source.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(source.execute("PRAGMA application_id").fetchone()[0])
    value = f"x'{(key.key + key.salt).hex()}'" if key is not None else ""
    source.execute("ATTACH DATABASE ? AS copy KEY ?", (str(target), value))
    try:
        # A new file nobody uses until it is checked and synced as a whole: no journal and no
        # syncing of every table as it is written.
        source.execute("PRAGMA copy.journal_mode = OFF")
        source.execute("PRAGMA copy.synchronous = OFF")
        # One read transaction over every table: a consistent copy while the app writes.
        source.execute("BEGIN")
        try:
            source.execute("SELECT sqlcipher_export('copy')").fetchone()
            source.execute(f"PRAGMA copy.user_version = {version}")
            source.execute(f"PRAGMA copy.application_id = {app_id}")
            source.execute("COMMIT")
        except BaseException:
            source.execute("ROLLBACK")
            raise
    finally:
        source.execute("DETACH DATABASE copy")
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())
