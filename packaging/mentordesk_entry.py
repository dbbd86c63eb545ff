"""The bundle's program: the same entry point as `mentordesk` from source (ui/__main__.py).

With MENTORDESK_SELF_CHECK=1 it instead checks that the bundle has everything the program may
import later (pages, dialogs and heavy modules are imported only when first used, so a module
left out of the bundle would otherwise show only then), and that the compiled parts behind a
password on the data file work (Argon2 for the key, SQLCipher for the file):
`packaging/smoke-test.sh` runs it.
"""

import os
import sys


def encryption_check() -> str | None:
    """Derive a key with Argon2id, then create, write, close, reopen and read a small
    SQLCipher file in a temporary folder, with the app's own functions; and check that the
    file on disk is unreadable without the key. None if all of that worked, else what failed.

    The password feature is used by few coordinators and only loads when a password is in
    play, so a bundle missing its compiled libraries (`_argon2_cffi_bindings`, cffi's
    `_cffi_backend`, `sqlcipher3`'s SQLCipher build) would otherwise fail only for them."""
    import tempfile
    from pathlib import Path

    # Imported by name, so a bundle without them fails here with the module's name.
    import _argon2_cffi_bindings  # type: ignore[import-untyped]  # noqa: F401  # no hints shipped
    import argon2  # noqa: F401
    import sqlcipher3  # type: ignore[import-untyped]  # noqa: F401  # no hints shipped

    from app.storage import encryption

    if not encryption.available():
        return "sqlcipher3 is not in the bundle"
    salt = bytes(range(encryption.SALT_BYTES))
    key = encryption.derive("self-check password", salt)
    if len(key.key) != encryption.KEY_BYTES or key.kdf is not encryption.Kdf.ARGON2ID:
        return f"Argon2 gave an unexpected key ({len(key.key)} bytes, {key.kdf})"
    if encryption.derive("self-check password", salt) != key:
        return "Argon2 gave two different keys for the same password"
    with tempfile.TemporaryDirectory(prefix="mentordesk-self-check-") as folder:
        path = Path(folder) / "encrypted.sqlite3"
        conn = encryption.connect(path, key)
        conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        conn.execute("INSERT INTO note (text) VALUES (?)", ("kept secret",))
        conn.close()
        if not encryption.is_encrypted(path):
            return "the SQLCipher file is readable without its key"
        if b"kept secret" in path.read_bytes():
            return "the text written is plain to see in the SQLCipher file"
        conn = encryption.connect(path, key, read_only=True)
        rows = conn.execute("SELECT text FROM note").fetchall()
        cipher = conn.execute("PRAGMA cipher_version").fetchone()
        conn.close()
        if [tuple(r) for r in rows] != [("kept secret",)]:
            return f"the SQLCipher file read back {rows!r}"
        wrong = encryption.derive("another password", salt)
        try:
            encryption.connect(path, wrong).close()
        except encryption.WrongPasswordError:
            pass
        else:
            return "the SQLCipher file opened with the wrong key"
    print(f"self-check: encrypted file written and read back (SQLCipher {cipher[0]}, Argon2id)")
    return None


def self_check() -> int:
    """Import every module of the app (not the migrations, which Alembic runs as scripts),
    work out a suggestion (the one use of NumPy), find the licence Help > About shows, then
    write and read an encrypted file.
    Prints what it did; non-zero on failure."""
    import importlib
    import pkgutil

    import app
    import ui
    from app.services.fit import Candidate, suggest_pairs

    names = [
        found.name
        for package in (app, ui)
        for found in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        if ".migrations" not in found.name
    ]
    for name in names:
        importlib.import_module(name)
    mentor = Candidate(id=1, person_id=1, name="Mentor", interests=frozenset({"nurture"}))
    mentee = Candidate(id=2, person_id=2, name="Mentee", interests=frozenset({"nurture"}))
    pairs = suggest_pairs([mentor], [mentee], {"interests": 1})
    if [(p.mentee_id, p.mentor_id) for p in pairs] != [(2, 1)]:
        print(f"self-check: unexpected suggestions {pairs}")
        return 1
    print(f"self-check: {len(names)} modules imported, suggestions worked out")
    from ui.dialogs.about_dialog import licence_file, licence_text

    licence = licence_text() or ""
    if not licence.lstrip().startswith("GNU GENERAL PUBLIC LICENSE"):
        print("self-check: FAILED: Help > About cannot find the licence (LICENSE) to show")
        return 1
    print(f"self-check: Help > About reads the licence from {licence_file()}")
    try:
        problem = encryption_check()
    except Exception as exc:  # anything at all: the check must fail loudly, not pass
        import traceback

        traceback.print_exc()
        problem = f"{type(exc).__name__}: {exc}"
    if problem:
        print(f"self-check: FAILED: the password on the data file would not work: {problem}")
        return 1
    return 0


if __name__ == "__main__":
    if os.environ.get("MENTORDESK_SELF_CHECK"):
        sys.exit(self_check())
    from ui.__main__ import main

    sys.exit(main())
