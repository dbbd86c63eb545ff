"""What can be checked here of the bundles: the scripts parse, the Windows recipe bundles the
same things as the Linux one, and the installer is per-user and keeps the data."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from app import __version__

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
LINUX = (PACKAGING / "build-linux.sh").read_text(encoding="utf-8")
WINDOWS = (PACKAGING / "windows" / "build-windows.ps1").read_text(encoding="utf-8")
INNO = (PACKAGING / "windows" / "mentordesk.iss").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "script", ["build-linux.sh", "smoke-test.sh", "linux/install.sh", "../.ci/bundle"]
)
def test_the_shell_scripts_parse(script: str) -> None:
    subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


def _modules(text: str) -> set[str]:
    return set(
        re.findall(
            r"\b((?:PySide6\.Qt\w+)|tkinter|IPython|matplotlib|pytest\w*|mypy|ruff|hypothesis)\b",
            text,
        )
    )


def test_windows_leaves_out_the_same_modules_as_linux() -> None:
    block = LINUX[LINUX.index("excludes=(") : LINUX.index(")", LINUX.index("excludes=("))]
    windows = WINDOWS[
        WINDOWS.index("$excludes = @(") : WINDOWS.index(")", WINDOWS.index("$excludes"))
    ]
    assert _modules(block) == _modules(windows) and "PySide6.QtNetwork" in _modules(block)


@pytest.mark.parametrize(
    "option",
    [
        "--onedir",
        "--collect-submodules app",
        "--collect-submodules ui",
        "resources:resources",
        "migrations:app",
        "--name mentordesk",
        "mentordesk_entry.py",
    ],
)
def test_windows_bundles_what_linux_bundles(option: str) -> None:
    assert option in LINUX and option in WINDOWS.replace("\\", "/")


def test_the_installer_is_per_user_with_a_start_menu_entry_and_keeps_the_data() -> None:
    assert "PrivilegesRequired=lowest" in INNO
    assert "{localappdata}\\Programs\\Mentor Desk" in INNO
    assert re.search(r'Name: "\{group\}\\Mentor Desk"; Filename: "\{app\}\\mentordesk.exe"', INNO)
    assert "{uninstallexe}" in INNO
    # the data folder is only deleted when the coordinator says Yes, and No is the default
    assert "MB_DEFBUTTON2" in INNO and "IDYES then" in INNO
    assert "{localappdata}\\MentorDesk" in INNO
    assert "AppVersion={#AppVersion}" in INNO and "/DAppVersion=$version" in WINDOWS


def test_the_version_comes_from_one_place() -> None:
    assert "__version__" in LINUX and "__version__" in WINDOWS
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_desktop_entry_names_the_program_and_icon() -> None:
    entry = (PACKAGING / "linux" / "mentordesk.desktop").read_text(encoding="utf-8")
    assert "Name=Mentor Desk" in entry and "Exec=@BIN@" in entry and "Icon=@ICON@" in entry
    assert "Terminal=false" in entry
