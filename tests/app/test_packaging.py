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


def _linux_excludes() -> set[str]:
    start = LINUX.index("excludes=(") + len("excludes=(")
    return set(LINUX[start : LINUX.index(")", start)].split())


def _windows_excludes() -> set[str]:
    start = WINDOWS.index("$excludes = @(") + len("$excludes = @(")
    return set(re.findall(r'"([^"]+)"', WINDOWS[start : WINDOWS.index(")", start)]))


def test_windows_leaves_out_the_same_modules_as_linux() -> None:
    linux = _linux_excludes()
    assert linux == _windows_excludes()
    assert {"PySide6.QtNetwork", "phonenumbers.geodata", "PIL._avif"} <= linux
    assert all(re.fullmatch(r"[A-Za-z_][\w.]*", name) for name in linux)


def _hidden_imports(script: str, start_text: str) -> set[str]:
    start = script.index(start_text) + len(start_text)
    return set(re.findall(r"[A-Za-z_][\w.]*", script[start : script.index(")", start)]))


def test_both_bundles_name_what_a_password_on_the_data_file_needs() -> None:
    """SQLCipher and Argon2 load only once a password is in play, so PyInstaller is told."""
    linux = _hidden_imports(LINUX, "hidden_imports=(")
    assert linux == _hidden_imports(WINDOWS, "$hidden_imports = @(")
    assert {"sqlcipher3.dbapi2", "argon2.low_level", "_argon2_cffi_bindings"} <= linux
    assert '"${hidden[@]}"' in LINUX and "@hidden_args" in WINDOWS
    entry = (PACKAGING / "mentordesk_entry.py").read_text(encoding="utf-8")
    assert "import _argon2_cffi_bindings" in entry and "encryption.connect" in entry


def test_nothing_left_out_is_a_module_the_app_imports() -> None:
    root = PACKAGING.parent
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("app", "ui")
        for path in (root / folder).rglob("*.py")
    )
    imported = set(re.findall(r"^\s*(?:from|import) ([\w.]+)", sources, flags=re.MULTILINE))
    for name in _linux_excludes():
        assert not any(m == name or m.startswith(name + ".") for m in imported), name


def test_the_licence_is_the_gpl_v3_text_and_goes_into_both_bundles() -> None:
    licence = (PACKAGING.parent / "LICENSE").read_text(encoding="utf-8")
    assert licence.split()[:5] == ["GNU", "GENERAL", "PUBLIC", "LICENSE", "Version"]
    assert "Version 3, 29 June 2007" in licence.splitlines()[1]
    assert "END OF TERMS AND CONDITIONS" in licence and len(licence.splitlines()) == 674
    pyproject = (PACKAGING.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "GPL-3.0-or-later"' in pyproject
    assert "LICENSE" in LINUX and "Copy-Item LICENSE" in WINDOWS


@pytest.mark.parametrize(
    "option",
    [
        "--onedir",
        "--collect-submodules app",
        "--collect-submodules ui",
        "resources:resources",
        "migrations:app",
        "LICENSE:.",
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


def _data_files(script: str, root: str) -> set[tuple[str, str]]:
    """The `--add-data SOURCE:DEST` pairs, with the checkout's folder and Windows' backslashes
    taken out so the two scripts can be compared."""
    pairs = re.findall(r'--add-data "([^"]+)"', script)
    found = set()
    for pair in pairs:
        source, dest = pair.replace("\\", "/").replace(root + "/", "").rsplit(":", 1)
        found.add((source, dest))
    return found


def test_windows_bundles_the_same_data_files_and_packages_as_linux() -> None:
    """Resources (icons, fonts, help, guide, translations), the migrations and the licence go
    into both bundles at the same places, so the app finds them the same way on both."""
    linux = _data_files(LINUX, "$PWD")
    assert linux == _data_files(WINDOWS, "$root")
    assert {("resources", "resources"), ("LICENSE", ".")} <= linux
    collect = r"--collect-submodules (\w+)"
    assert set(re.findall(collect, LINUX)) == set(re.findall(collect, WINDOWS)) == {"app", "ui"}


def _words_after(script: str, start_text: str, end_text: str) -> set[str]:
    start = script.index(start_text) + len(start_text)
    return set(re.findall(r"[a-z][\w-]*", script[start : script.index(end_text, start)]))


def test_windows_trims_what_linux_trims_of_qt() -> None:
    """The same Qt plugins and image formats left out (Linux alone has the EGL device and
    Wayland server plugins to drop), the same Qt translations kept, no screenshots."""
    linux_plugins = _words_after(LINUX, "for p in designer", "; do")
    linux_plugins |= {"designer"}
    windows_plugins = _words_after(WINDOWS, 'foreach ($p in "designer"', "{")
    windows_plugins |= {"designer"}
    linux_only = {"egldeviceintegrations", "wayland-graphics-integration-server"}
    assert linux_plugins - windows_plugins == linux_only
    assert windows_plugins <= linux_plugins
    linux_images = _words_after(LINUX, "for p in tiff", "; do") | {"tiff"}
    windows_images = _words_after(WINDOWS, 'foreach ($p in "tiff"', "{") | {"tiff"}
    assert linux_images == windows_images == {"tiff", "webp", "icns", "tga", "wbmp"}
    assert "qtbase_en*" in LINUX and "qtbase_en*" in WINDOWS
    assert "resources/screenshots" in LINUX
    assert "resources\\screenshots" in WINDOWS


def test_the_inno_setup_script_installs_the_whole_bundle_folder() -> None:
    """The installer takes the PyInstaller folder whole (program, _internal with resources and
    the licence, LICENSE beside the program), so its file list cannot drift from the build."""
    files = INNO[INNO.index("[Files]") : INNO.index("[Icons]")]
    sources = re.findall(r'^Source: "([^"]+)"', files, flags=re.MULTILINE)
    assert sources == ["{#SourceDir}\\*"]
    assert "recursesubdirs" in files and "createallsubdirs" in files
    assert '"build\\dist\\mentordesk\\LICENSE"' in WINDOWS
    assert '/DSourceDir=$root\\build\\dist\\mentordesk"' in WINDOWS
