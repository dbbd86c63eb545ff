"""The command line: the scripting and support interface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import __version__
from app.cli import main
from app.paths import DataPaths

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_demo_check_backup_print_and_restore(
    paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    assert main(["--data", data, "check"]) == 0
    assert "Integrity: ok" in capsys.readouterr().out
    assert main(["--data", data, "backup"]) == 0
    pdf = tmp_path / "summary.pdf"
    assert main(["--data", data, "print", "programme-summary", "1", "-o", str(pdf)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Growing Together Mentoring Programme" in text
    capsys.readouterr()
    before = paths.database.read_bytes()
    # Not interactive and no --yes: it says what the file holds, then refuses, changing nothing
    assert main(["--data", data, "restore", "latest"]) == 1
    said = capsys.readouterr()
    assert "It holds 2 programme(s) and 42 people" in said.out
    assert "add --yes" in said.err
    assert paths.database.read_bytes() == before
    assert main(["--data", data, "restore", "latest", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "mentordesk restore undo" in out


def test_demo_refuses_to_overwrite_data_without_replace(
    paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    assert main(["--data", data, "demo"]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["--data", data, "demo", "--if-empty"]) == 0
    assert main(["--data", data, "demo", "--replace"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["print", "no-such-thing", "1"], "Unknown printout"),
        (["print", "programme-summary", "abc"], "must be a number"),
        (["print", "programme-summary", "999"], "no longer exists"),
        (["restore", "/no/such/file.sqlite3"], "does not exist"),
    ],
)
def test_errors_are_one_clear_line_and_a_non_zero_exit(
    paths: DataPaths, args: list[str], message: str
) -> None:
    assert main(["--data", str(paths.folder), "demo"]) == 0
    result = run("--data", str(paths.folder), *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_fails_on_a_damaged_file(paths: DataPaths) -> None:
    paths.ensure()
    paths.database.write_bytes(b"garbage" * 1000)
    result = run("--data", str(paths.folder), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_the_environment_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "MENTORDESK_DATA": str(tmp_path / "from-env")}
    result = subprocess.run(
        [sys.executable, "-m", "ui", "where"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert str(tmp_path / "from-env") in result.stdout


def test_subcommands_do_not_import_qt() -> None:
    code = (
        "import sys; from ui.__main__ import main; main(['where']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
