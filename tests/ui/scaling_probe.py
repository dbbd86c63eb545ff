"""Run as a program by tests/ui/test_scaling.py, in a process of its own (Qt reads the scale
factor only at start): open the demo on the configured screen magnified by QT_SCALE_FACTOR,
show every page and a few long dialogs at the screen's size, save a screenshot of each, and
print one JSON line listing what does not fit, and any page that makes the window scroll
sideways instead of reflowing.

    python -m tests.ui.scaling_probe OUT_FOLDER
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QWidget,
)


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea) or parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def problems_in(window: QWidget, where: str) -> list[str]:
    """Widgets outside their window (not scrolled there on purpose), and clipped button or
    label text."""
    found: list[str] = []
    screen = window.screen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        found.append(
            f"{where}: the window is {window.width()}×{window.height()}, "
            f"the screen {screen.width()}×{screen.height()}"
        )
    if window.property("scrolls-to-fit"):
        scroller = window.findChild(QScrollArea)
        if scroller is not None and scroller.horizontalScrollBar().maximum() > 0:
            sideways = scroller.horizontalScrollBar().maximum()
            found.append(f"{where}: the dialog scrolls sideways by {sideways} px")
    inside = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.width() <= 1 or widget.height() <= 1:
            continue
        if widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, (QAbstractButton, QLabel)) and not _in_scroll_area(widget, window):
            if not inside.contains(_visible_rect(widget, window)):
                text = widget.text()[:40]
                found.append(f"{where}: {type(widget).__name__} {text!r} is outside its window")
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            needed = widget.heightForWidth(widget.width())
            if widget.height() < needed - 2:
                found.append(
                    f"{where}: the text of QLabel {widget.text()[:40]!r} is cut "
                    f"({widget.height()} of {needed} px high)"
                )
        if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)) and widget.text():
            needed = widget.sizeHint().width()
            if widget.width() < needed - 2:
                found.append(
                    f"{where}: the text of {type(widget).__name__} {widget.text()!r} is cut "
                    f"({widget.width()} of {needed} px)"
                )
    return found


def settle() -> None:
    """Let layouts that change shape on a resize (ui/widgets/reflow.py) finish doing so."""
    for _round in range(4):
        QApplication.processEvents()


def main(out: Path) -> int:
    os.environ.setdefault("MENTORDESK_TODAY", "2026-11-23")
    folder = Path(tempfile.mkdtemp())
    os.environ["MENTORDESK_DATA"] = str(folder / "data")
    from app.demo import create_demo
    from app.paths import DataPaths
    from app.storage import open_database
    from ui.application import build_window, create_application

    app = create_application()
    paths = DataPaths(folder / "data")
    database = open_database(paths)
    with database.session() as s:
        from app import clock

        create_demo(s, today=clock.today())
    window = build_window(database, synchronous_tasks=True)
    screen = app.primaryScreen().availableGeometry()
    window.show()
    window.setGeometry(screen)
    QApplication.processEvents()
    found: list[str] = []
    shots: list[str] = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        settle()
        page = window.stack.currentWidget()
        key = getattr(page, "KEY", str(row))
        found += problems_in(window, f"page {key}")
        frame = window.centralWidget()
        assert isinstance(frame, QScrollArea)
        sideways = frame.horizontalScrollBar().maximum()
        if sideways > 0:
            found.append(f"page {key}: the window scrolls sideways by {sideways} px")
        name = out / f"page-{row}-{key}.png"
        window.grab().save(str(name))
        shots.append(name.name)
    # Long dialogs, as opened by a coordinator
    from ui.dialogs.person_dialog import PersonDialog
    from ui.dialogs.rules_dialog import RulesDialog

    programme_id = window.context.programme_id
    assert programme_id is not None
    from app.services import programme_settings

    rules = window.context.ops.read(lambda s: programme_settings.get_rules(s, programme_id))
    dialogs: list[tuple[str, QDialog]] = [
        ("person", PersonDialog(None, today=clock.today(), parent=window)),
        ("rules", RulesDialog(rules, window)),
    ]
    for key, dialog in dialogs:
        dialog.show()
        settle()
        found += problems_in(dialog, f"dialog {key}")
        name = out / f"dialog-{key}.png"
        dialog.grab().save(str(name))
        shots.append(name.name)
        dialog.done(0)
    print(
        json.dumps({"problems": found, "shots": shots, "screen": [screen.width(), screen.height()]})
    )
    window.close()
    database.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
