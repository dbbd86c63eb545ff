"""A bare PySide6 window, the yardstick for Mentor Desk's cold start (run as a process).

It prints `first-paint SECONDS` (wall clock) when its window first paints, then quits, exactly
as Mentor Desk does with MENTORDESK_EXIT_AFTER_PAINT set.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app import clock


class _Report(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {clock.epoch_seconds():.6f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1200, 780)
    reporter = _Report(window)
    window.installEventFilter(reporter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
