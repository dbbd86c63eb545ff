"""The one rule of the house: `app/` never imports Qt."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[2]


def test_no_app_module_imports_qt() -> None:
    modules = [
        m.name for m in pkgutil.walk_packages(app.__path__, "app.") if ".migrations" not in m.name
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert len(modules) > 10


#: Ways of asking the system for the date or time; only app/clock.py may use them.
_CLOCK_CALLS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("time", "localtime"),
}


def _clock_reads(path: Path) -> list[int]:
    """Line numbers in `path` that use date.today, datetime.now and the like (called, or
    passed on to be called later, as in `self.today = date.today`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name | ast.Attribute):
            owner = node.value
            owner_name = owner.id if isinstance(owner, ast.Name) else owner.attr
            if (owner_name, node.attr) in _CLOCK_CALLS:
                lines.append(node.lineno)
    return sorted(lines)


def test_only_the_clock_module_reads_the_date() -> None:
    """Everything else is told the date, so MENTORDESK_TODAY and the tests can set it."""
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in ("app", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != ROOT / "app" / "clock.py"
        for line in _clock_reads(path)
    ]
    assert not found, "read the date through app.clock instead: " + ", ".join(found)


def test_the_clock_check_catches_every_spelling(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import datetime, time\n"
        "from datetime import date\n"
        "a = date.today()\n"
        "b = datetime.datetime.now()\n"
        "c = time.time()\n"
        "d = date(2026, 1, 1)\n"
        "later = date.today\n",
        encoding="utf-8",
    )
    assert _clock_reads(sample) == [3, 4, 5, 7]
