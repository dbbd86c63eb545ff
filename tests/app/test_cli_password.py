"""`mentordesk password set|change|remove`, with the password from the environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.paths import DataPaths
from app.storage import Database, encryption


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    encryption.forget_all()
    yield
    encryption.forget_all()


def test_set_change_and_remove_from_the_command_line(
    paths: DataPaths,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    demo_db.close(backup=False)
    data = str(paths.folder)
    sheet = tmp_path / "sheet.pdf"
    monkeypatch.setenv("MENTORDESK_PASSWORD", "rowan-kestrel-17")
    assert main(["--data", data, "password", "set", "--recovery-sheet", str(sheet)]) == 0
    said = capsys.readouterr().out
    assert "cannot be recovered" in said and "A backup was made first" in said
    text = "".join(page.extract_text() for page in PdfReader(sheet).pages)
    assert "rowan-kestrel-17" in text and "cannot be recovered" in text
    assert encryption.is_encrypted(paths.database)

    encryption.forget_all()
    assert main(["--data", data, "check"]) == 0  # opened with $MENTORDESK_PASSWORD
    encryption.forget_all()
    monkeypatch.setenv("MENTORDESK_PASSWORD", "rowan-kestrel-18")
    assert main(["--data", data, "check"]) == 1
    assert "does not open the data file" in capsys.readouterr().err

    encryption.forget_all()
    monkeypatch.setenv("MENTORDESK_PASSWORD", "rowan-kestrel-17")
    monkeypatch.setenv("MENTORDESK_NEW_PASSWORD", "willow-wren-03")
    assert main(["--data", data, "password", "change"]) == 0
    encryption.forget_all()
    monkeypatch.setenv("MENTORDESK_PASSWORD", "willow-wren-03")
    assert main(["--data", data, "password", "remove"]) == 0
    assert not encryption.is_encrypted(paths.database)
    monkeypatch.delenv("MENTORDESK_PASSWORD")
    encryption.forget_all()
    assert main(["--data", data, "check"]) == 0


def test_a_protected_file_without_the_password_says_how_to_give_it(
    paths: DataPaths,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo_db.close(backup=False)
    monkeypatch.setenv("MENTORDESK_PASSWORD", "rowan-kestrel-17")
    assert main(["--data", str(paths.folder), "password", "set"]) == 0
    monkeypatch.delenv("MENTORDESK_PASSWORD")
    encryption.forget_all()
    capsys.readouterr()
    assert main(["--data", str(paths.folder), "today"]) == 1
    assert "MENTORDESK_PASSWORD" in capsys.readouterr().err
    assert main(["--data", str(paths.folder), "password", "set"]) == 1
    assert "already has a password" in capsys.readouterr().err
