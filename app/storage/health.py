"""What is wrong with a data file, in words a coordinator can act on.

The file's first bytes are read before SQLite is asked anything, so a file SQLite cannot read
(empty, cut short, a spreadsheet renamed, a damaged header) gets its own plain sentence instead
of "file is not a database". Nothing here changes what the file holds.
"""

from __future__ import annotations

import enum
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from app.i18n import _
from app.storage.engine import connect_raw, pending_log
from app.storage.folder import writable

SQLITE_MAGIC = b"SQLite format 3\x00"
#: A Mentor Desk data file has at least one of these (Alembic's stamp, the programme).
OUR_TABLES = frozenset({"alembic_version", "programme"})


class Problem(enum.StrEnum):
    MISSING = "missing"
    EMPTY = "empty"
    TEXT = "text"
    NOT_DATA = "not-data"
    HEADER = "header"
    TRUNCATED = "truncated"
    DAMAGED = "damaged"
    FOREIGN = "foreign"
    TOO_NEW = "too-new"
    UNREADABLE = "unreadable"
    PASSWORD = "password"


@dataclass(frozen=True)
class Diagnosis:
    """`problem` is None for a sound file (or one never used: a SQLite file with no tables)."""

    problem: Problem | None
    message: str = ""
    version: int = 0
    details: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None


def size_text(size: int) -> str:
    if size < 1024:
        return _("{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return _("{n} KB").format(n=size // 1024)
    return _("{n:.1f} MB").format(n=size / (1024 * 1024))


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return printable >= 0.95 * len(text)


def _header_rest_plausible(head: bytes) -> bool:
    """Bytes 16-23 of a SQLite header: page size, format versions and fixed payload fractions."""
    if len(head) < 24:
        return False
    page_size = struct.unpack(">H", head[16:18])[0]
    valid_size = page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0)
    return valid_size and head[21:24] == b"\x40\x20\x20"


def header_problem(path: Path) -> Diagnosis | None:
    """What is wrong with the file that can be told from its size and first bytes, if anything."""
    if not path.exists():
        return Diagnosis(Problem.MISSING, _("There is no data file at {path}.").format(path=path))
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        return Diagnosis(
            Problem.UNREADABLE,
            _("The data file cannot be read ({reason}).").format(reason=exc.strerror or exc),
        )
    if size == 0:
        return Diagnosis(
            Problem.EMPTY,
            _(
                "The data file is empty (0 bytes): it holds none of your data. An interrupted "
                "copy, sync or save leaves a file like this."
            ),
        )
    if not head.startswith(SQLITE_MAGIC):
        if _looks_like_text(head):
            first = head.decode("utf-8", "replace").splitlines()[0][:40] if head else ""
            return Diagnosis(
                Problem.TEXT,
                _(
                    "The data file is a text file (it begins “{start}”), perhaps a spreadsheet "
                    "saved as CSV and renamed. It is not Mentor Desk data."
                ).format(start=first),
            )
        if _header_rest_plausible(head):
            return Diagnosis(
                Problem.HEADER,
                _("The start of the data file (its header) is damaged, so none of it can be read."),
            )
        from app.storage import encryption

        if encryption.looks_encrypted_head(head, size):
            if encryption.key_for(path) is not None:
                return None  # SQLCipher checks it, page by page
            return Diagnosis(Problem.PASSWORD, _("The data file is protected with a password."))
        return Diagnosis(
            Problem.NOT_DATA,
            _("The data file is not Mentor Desk data: it is some other kind of file."),
        )
    if size < 100:
        return Diagnosis(
            Problem.TRUNCATED,
            _("The data file has been cut short: only {size} are left of it.").format(
                size=size_text(size)
            ),
        )
    raw_page = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if raw_page == 1 else raw_page
    counter, pages = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    expected = pages * page_size if counter == valid_for else 0
    if size % page_size or size < expected:
        return Diagnosis(
            Problem.TRUNCATED,
            _(
                "The data file has been cut short: it is {size}, but it should be at least "
                "{expected}. The end of it is missing."
            ).format(size=size_text(size), expected=size_text(max(expected, size + 1))),
        )
    return None


def _cipher_errors() -> tuple[type[Exception], ...]:
    """sqlite3's errors and those of sqlcipher3, which reads a file protected with a password."""
    from app.storage import encryption

    return encryption.database_errors(sqlite3.DatabaseError)


def diagnose(path: Path, supported_version: int, *, full: bool = False) -> Diagnosis:
    """Look at `path` without changing it and say what, if anything, is wrong."""
    found = header_problem(path)
    if found is not None:
        return found
    try:
        conn = connect_raw(path)
        try:
            rows = conn.execute(
                "PRAGMA integrity_check" if full else "PRAGMA quick_check"
            ).fetchall()
            tables = {
                str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except _cipher_errors() as exc:
        if pending_log(path) and not writable(path.parent):
            return Diagnosis(
                Problem.UNREADABLE,
                _(
                    "The data folder {folder} cannot be written to, and the last changes to the "
                    "data are still in a side file beside it ({wal}), which can only be read "
                    "from a folder that may be written to."
                ).format(folder=path.parent, wal=path.name + "-wal"),
            )
        return Diagnosis(
            Problem.DAMAGED,
            _("The data file is damaged inside and cannot be read ({reason}).").format(
                reason=str(exc)
            ),
        )
    problems = tuple(str(r[0]) for r in rows)
    if problems != ("ok",):
        return Diagnosis(
            Problem.DAMAGED,
            _(
                "The data file is damaged inside: SQLite's check found {n} problem(s), the "
                "first: {first}"
            ).format(n=len(problems), first=problems[0]),
            details=problems,
        )
    if tables and not OUR_TABLES & tables:
        return Diagnosis(
            Problem.FOREIGN,
            _(
                "The data file is a database of another program (its tables are {tables}), "
                "not Mentor Desk data."
            ).format(tables=", ".join(sorted(tables)[:5])),
        )
    if version > supported_version:
        return Diagnosis(
            Problem.TOO_NEW,
            _(
                "The data file was saved by a newer version of Mentor Desk (data version "
                "{found}; this version understands up to {supported})."
            ).format(found=version, supported=supported_version),
            version=version,
        )
    return Diagnosis(None, version=version)
