"""Render mentordesk.svg to the PNG sizes shipped beside it (run after changing the SVG):
QT_QPA_PLATFORM=offscreen python packaging/make_icons.py"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    folder = Path(__file__).resolve().parents[1] / "resources" / "icons"
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(folder / "mentordesk.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(folder / f"mentordesk-{size}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
