"""Quick to open: the opening frame needs none of the data layer, pages are built when first
shown, and the nav's titles match the pages they stand for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.paths import DataPaths
from ui import application
from ui.main_window import MainWindow, page_classes, page_entries

ROOT = Path(__file__).resolve().parents[2]


def test_the_opening_frame_imports_no_data_layer() -> None:
    code = (
        "import sys; import ui.application; "
        "heavy = [m for m in ('sqlalchemy', 'reportlab', 'openpyxl', 'numpy', 'alembic', "
        "'app.model', 'ui.main_window') if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_opening_frame_paints_where_the_window_will_be(qtbot: QtBot, paths: DataPaths) -> None:
    application.create_application()
    opening = application.show_opening(paths)
    qtbot.addWidget(opening)
    assert opening.isVisible() and opening.windowTitle() == "Mentor Desk"
    assert opening.width() >= 760
    opening.close()


def test_only_today_is_built_at_start_and_others_when_shown(window: MainWindow) -> None:
    assert list(window.built) == ["today"]
    window.go_to("matching")
    assert "matching" in window.built
    assert window.stack.currentWidget() is window.built["matching"]
    assert window.context.preferences.last_page == "matching"


def test_each_nav_entry_names_its_page(window: MainWindow) -> None:
    assert [e.key for e in page_entries()] == [c.KEY for c in page_classes()]
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    pages = window.pages  # builds them all
    assert [p.TITLE for p in pages][1:] == titles[1:]
    assert titles[0].startswith(pages[0].TITLE)  # Today carries its overdue count
