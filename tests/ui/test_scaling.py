"""At 150 % on 1280×720 and 1366×768 screens, and at 200 % on 1366×768 and 1600×1000, every
page and the long dialogs fit the screen: no label or button outside its window (a page that
needs more room scrolls down), no button or wrapped label whose text is cut, and no page that
makes the window scroll sideways (rows wrap and side-by-side panes stack instead). Each size
runs in a process of its own (Qt reads the scale at start); the screenshots are kept in the
test's folder for a person to look at. Every dialog the click-everything walk opens is checked
the same way on 1366×768 at 200 %."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.scaling_probe import problems_in, settle
from tests.ui.test_click_everything import (
    Clicker,
    _delete_closed,
    _demo_people,
    _select_first_rows,
)
from ui.main_window import MainWindow
from ui.pages.people_page import PeoplePage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

ROOT = Path(__file__).resolve().parents[2]


def _screen_config(folder: Path, width: int, height: int) -> Path:
    config = folder / f"screen-{width}x{height}.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"synchronousPainting": True, "screens": [screen]}))
    return config


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1280, 720, "1.5"), (1366, 768, "1.5"), (1366, 768, "2"), (1600, 1000, "2")],
)
def test_pages_and_dialogs_fit_a_magnified_screen(
    tmp_path: Path, width: int, height: int, scale: str
) -> None:
    shots = tmp_path / f"at-{scale}"
    shots.mkdir()
    env = dict(os.environ)
    env |= {
        "QT_QPA_PLATFORM": f"offscreen:configfile={_screen_config(tmp_path, width, height)}",
        "QT_SCALE_FACTOR": scale,
        "PYTHONPATH": str(ROOT),
        "MENTORDESK_DATA": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.scaling_probe", str(shots)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    expected_screen = [round(width / float(scale)), round(height / float(scale))]
    assert report["screen"] == expected_screen
    assert not report["problems"], "\n".join(report["problems"])
    assert len(report["shots"]) >= 11
    for name in report["shots"]:
        assert (shots / name).stat().st_size > 5000, name  # a real picture, not a blank


class _FittingClicker(Clicker):
    """The click-everything walk, checking that each window it opens fits the screen."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: dict[str, None] = {}
        self.checked: set[str] = set()

    def check(self, window: QWidget) -> None:
        if not shiboken6.isValid(window) or isinstance(window, QMessageBox):
            return
        where = f"{type(window).__name__} '{window.windowTitle()}'"
        self.checked.add(where)
        if shots := os.environ.get("MENTORDESK_SHOTS"):  # to look at them
            window.grab().save(
                str(Path(shots) / f"{len(self.checked):03d}-{type(window).__name__}.png")
            )
        for problem in problems_in(window, where):
            self.problems[problem] = None

    def modal(self, dialog: QDialog) -> int:
        dialog.show()
        settle()
        self.check(dialog)
        return super().modal(dialog)

    def explore_window(self, window: QWidget) -> None:
        settle()
        self.check(window)
        super().explore_window(window)


@pytest.mark.skipif(not os.environ.get("MENTORDESK_MAGNIFIED"), reason="run by the test below")
def test_every_dialog_fits_when_magnified(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    clicker = _FittingClicker()
    clicker.install(monkeypatch)
    screen = window.screen().availableGeometry()
    window.setGeometry(screen)
    chosen = _demo_people(window)
    clicker.walk_window(window, settle=settle)
    # Each kind of person's record, every tab, with the first row of each list chosen.
    window.go_to("people")
    people = window.page("people")
    assert isinstance(people, PeoplePage)
    for person_id in chosen.values():
        people.select(person_id)
        settle()
        for tab in range(people.record.tabs.count()):
            people.record.tabs.setCurrentIndex(tab)
            settle()
            content = people.record.tabs.currentWidget()
            _select_first_rows(content)
            clicker.explore(content)
        clicker.explore(people.record)
        _delete_closed()
    assert not clicker.crashes, clicker.crashes
    size = f"{screen.width()}×{screen.height()}"
    print(f"\n{len(clicker.checked)} windows checked on a {size} screen")
    print("\n".join(sorted(clicker.checked)))
    assert not clicker.problems, "\n".join(clicker.problems)
    kinds = {c.split(" ")[0] for c in clicker.checked}
    for kind in ("PersonDialog", "ImportWizard", "MeetingDialog", "AboutDialog"):
        assert kind in kinds, sorted(kinds)
    assert len(clicker.checked) > 25


def test_dialogs_fit_a_laptop_screen_at_200_percent(tmp_path: Path) -> None:
    """Every dialog the click-everything walk opens, on a 1366×768 screen at 200 %: Save and
    Cancel on screen, nothing outside the window, no button text cut."""
    env = dict(os.environ)
    env |= {
        "QT_QPA_PLATFORM": f"offscreen:configfile={_screen_config(tmp_path, 1366, 768)}",
        "QT_SCALE_FACTOR": "2",
        "MENTORDESK_MAGNIFIED": "1",
    }
    test = f"{Path(__file__).relative_to(ROOT)}::test_every_dialog_fits_when_magnified"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly", test],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
