"""Setting, changing and taking off the password on the data file, as a copy and a swap.

The order keeps the data safe at every step: a backup of the file as it is; a new copy under
the new key (or plain); the copy checked (SQLite's quick check, the same number of rows in
every table); and only then the copy put in place of the data file in one rename. The backups
are then re-keyed the same way, so no plain copy of protected data is left in the backups
folder and every backup opens with the new password. The caller holds the data-folder lock and
has closed the database.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from app.i18n import _
from app.paths import DataPaths
from app.storage import backups, encryption
from app.storage.engine import connect_raw
from app.storage.errors import StorageError

log = logging.getLogger(__name__)

#: Words for a suggested password: short, plain and easy to type from paper.
_WORDS = (
    "acorn apple badger beech bramble brook castle cedar clover comet daisy delta ember fern "
    "forest garnet glen harbour hazel heather island ivy juniper kestrel lantern larch loch "
    "maple meadow moss nettle oak orchard otter pebble pine puffin quartz raven river robin "
    "rowan saffron salmon shore sorrel spruce stone swallow thistle tide timber valley willow "
    "wren yarrow"
).split()


def suggest_password() -> str:
    """A password of five random words and two digits, strong and easy to copy from paper."""
    words = [secrets.choice(_WORDS) for _ in range(5)]
    return "-".join(words) + f"-{secrets.randbelow(100):02d}"


def check_new_password(password: str, repeated: str | None = None) -> dict[str, str]:
    """Plain messages by field for a new password; empty when it will do."""
    problems: dict[str, str] = {}
    if len(password) < encryption.MIN_LENGTH:
        problems["password"] = _("A password needs at least {n} characters.").format(
            n=encryption.MIN_LENGTH
        )
    elif password != password.strip():
        problems["password"] = _("A password cannot begin or end with a space.")
    if repeated is not None and repeated != password and "password" not in problems:
        problems["repeat"] = _("The two passwords are not the same.")
    return problems


def is_protected(paths: DataPaths) -> bool:
    return encryption.is_encrypted(paths.database)


def _row_counts(path: Path) -> dict[str, int]:
    conn = connect_raw(path)
    try:
        tables = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
    finally:
        conn.close()


def _verified_copy(source: Path, target: Path, key: encryption.FileKey | None) -> None:
    """Copy `source` to `target` under `key`, and prove the copy holds the same rows."""
    backups.copy_database(source, target, key=key)
    conn = encryption.connect(target, key)
    try:
        result = conn.execute("PRAGMA quick_check").fetchall()
    finally:
        conn.close()
    if [str(r[0]) for r in result] != ["ok"]:
        raise StorageError(_("The new copy of the data failed its check, so it was not used."))
    # Count both through their own keys (the copy's key is not yet the folder's).
    before = _row_counts(source)
    conn = encryption.connect(target, key)
    try:
        after = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in before}
    finally:
        conn.close()
    if before != after:
        raise StorageError(_("The new copy of the data is not complete, so it was not used."))


def change_password(paths: DataPaths, new: str | None, *, current: str | None = None) -> Path:
    """Protect the data with `new` (None: take the password off). `current` must be the
    password now on the file, if it has one. Returns the backup made first.

    Raises WrongPasswordError (nothing changed) if `current` does not open the file."""
    folder = paths.folder
    protected = encryption.is_encrypted(paths.database)
    if protected:
        if current is None:
            raise encryption.password_needed()
        encryption.unlock(folder, paths.database, current)
    elif new is None:
        raise StorageError(_("The data file has no password to take off."))
    if new is not None:
        problems = check_new_password(new)
        if problems:
            raise StorageError(next(iter(problems.values())))
    safety = backups.make_backup(paths, "before-password")
    new_key = encryption.derive(new, secrets.token_bytes(encryption.SALT_BYTES)) if new else None
    staged = backups.staged_copy(paths)  # removed as a leftover if this is interrupted
    try:
        _verified_copy(paths.database, staged, new_key)
    except BaseException:
        backups.discard(staged)
        raise
    for side in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + side).unlink(missing_ok=True)
    os.replace(staged, paths.database)
    _rekey_backups(paths, new_key)
    if new is None:
        encryption.forget(folder)
    else:
        assert new_key is not None
        encryption.hold(folder, new, new_key)
    return safety


def _rekey_backups(paths: DataPaths, key: encryption.FileKey | None) -> None:
    """Every backup under the new key (a backup that cannot be read is left as it is)."""
    for info in backups.list_backups(paths):
        staged = info.path.with_suffix(".partial")
        try:
            backups.copy_database(info.path, staged, key=key)
            os.replace(staged, info.path)
        except encryption.database_errors(StorageError, OSError) as exc:
            backups.discard(staged)
            log.warning("A backup could not be re-keyed: %s", exc)
    backups.forget_last_restore(paths)
