"""Moving to another computer: one file out on the old PC, the same data and settings in on
the new one, and nothing but a real move file is taken."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main as cli
from app.model import Person, Programme
from app.paths import DataPaths
from app.storage import Database, migrate, moving, open_database
from app.storage.errors import CorruptError


def counts(paths: DataPaths) -> tuple[int, int]:
    database = open_database(paths, backup_on_open=False)
    try:
        with database.session() as s:
            return (
                s.scalar(select(func.count()).select_from(Programme)) or 0,
                s.scalar(select(func.count()).select_from(Person)) or 0,
            )
    finally:
        database.close(backup=False)


def test_a_move_file_carries_the_data_and_settings_to_an_empty_computer(
    demo_db: Database, tmp_path: Path
) -> None:
    old = demo_db.paths
    old.preferences.write_text('{"text_size": 13}', encoding="utf-8")
    (old.folder / "window.ini").write_text("[main]\n", encoding="utf-8")
    target = tmp_path / "stick" / ("move" + moving.SUFFIX)
    manifest = moving.write_move_file(old, target)  # while the data is open
    assert manifest.programmes >= 1 and manifest.people > 10
    new = DataPaths(tmp_path / "new-pc")
    assert moving.restore_move_file(new, target, migrate.SCHEMA_VERSION) is None
    assert new.preferences.read_text(encoding="utf-8") == '{"text_size": 13}'
    assert (new.folder / "window.ini").is_file()
    assert counts(new) == (manifest.programmes, manifest.people)
    assert not list(new.folder.glob(".move-in-*"))  # the scratch folder is gone


def test_bringing_in_over_existing_data_keeps_a_copy_to_undo(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    target = tmp_path / ("m" + moving.SUFFIX)
    moving.write_move_file(demo_db.paths, target)
    other = DataPaths(tmp_path / "other")
    other.ensure()
    open_database(other).close(backup=False)  # an empty data file already there
    safety = moving.restore_move_file(other, target, migrate.SCHEMA_VERSION)
    assert safety is not None and safety.is_file()


@pytest.mark.parametrize("content", [b"not a zip at all", b""])
def test_anything_but_a_move_file_is_refused(tmp_path: Path, content: bytes) -> None:
    bogus = tmp_path / ("bogus" + moving.SUFFIX)
    bogus.write_bytes(content)
    assert not moving.is_move_file(bogus)
    with pytest.raises(CorruptError, match="not a Mentor Desk move file"):
        moving.read_manifest(bogus)


def test_a_zip_without_the_data_file_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / ("half" + moving.SUFFIX)
    with zipfile.ZipFile(bogus, "w") as zf:
        zf.writestr(moving.MANIFEST, '{"kind": "mentordesk-move", "format": 1}')
    with pytest.raises(CorruptError):
        moving.read_manifest(bogus)


def test_the_command_line_moves_out_and_restores(
    demo_db: Database, tmp_path: Path, today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    old = demo_db.paths
    demo_db.close(backup=False)
    assert cli(["--data", str(old.folder), "move-out", str(tmp_path / "to-new-pc")]) == 0
    written = tmp_path / ("to-new-pc" + moving.SUFFIX)
    assert written.is_file()
    new = tmp_path / "new"
    assert cli(["--data", str(new), "restore", str(written)]) == 0
    out = capsys.readouterr().out
    assert "Restored to-new-pc" in out
    assert counts(DataPaths(new)) == counts(old)


def test_protected_data_moves_protected_and_opens_with_its_password(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.storage import encryption, password

    old = demo_db.paths
    demo_db.close(backup=False)
    target = tmp_path / ("move" + moving.SUFFIX)
    new = tmp_path / "new-pc"
    try:
        password.change_password(old, "lantern-puffin-22")
        monkeypatch.setenv(encryption.ENV_VAR, "lantern-puffin-22")
        assert cli(["--data", str(old.folder), "move-out", str(target)]) == 0
        encryption.forget_all()  # the new computer knows nothing yet
        # WHEN it is brought in with a wrong password, nothing lands
        monkeypatch.setenv(encryption.ENV_VAR, "wrong-password-here")
        assert cli(["--data", str(new), "restore", str(target)]) != 0
        assert not (new / "mentordesk.sqlite3").exists()
        # AND with the right one it is restored, still protected
        monkeypatch.setenv(encryption.ENV_VAR, "lantern-puffin-22")
        assert cli(["--data", str(new), "restore", str(target)]) == 0
        restored = DataPaths(new).database
        assert encryption.is_encrypted(restored)
        assert b"Johnstone" not in restored.read_bytes()
        assert counts(DataPaths(new)) == counts(old)
    finally:
        encryption.forget_all()
