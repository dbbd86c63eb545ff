"""At 150 % and 200 % on a 1366×768 screen every page and the long dialogs fit the screen:
no label or button outside its window (a page that needs more room scrolls), no button
whose text is cut. Each size runs in a process of its own (Qt reads the scale at start); the
screenshots are kept in the test's folder for a person to look at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _screen_config(folder: Path) -> Path:
    config = folder / "screen-1366x768.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"synchronousPainting": True, "screens": [screen]}))
    return config


@pytest.mark.parametrize("scale", ["1.5", "2"])
def test_pages_and_dialogs_fit_a_magnified_laptop_screen(tmp_path: Path, scale: str) -> None:
    shots = tmp_path / f"at-{scale}"
    shots.mkdir()
    env = dict(os.environ)
    env |= {
        "QT_QPA_PLATFORM": f"offscreen:configfile={_screen_config(tmp_path)}",
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
    expected_screen = [round(1366 / float(scale)), round(768 / float(scale))]
    assert report["screen"] == expected_screen
    assert not report["problems"], "\n".join(report["problems"])
    assert len(report["shots"]) >= 11
    for name in report["shots"]:
        assert (shots / name).stat().st_size > 5000, name  # a real picture, not a blank
