"""Slow work off the window's thread: one worker, in order, results back on the main thread.

A busy cursor appears after 300 ms and a progress dialog after 600 ms, so quick work shows
nothing. Only the main thread touches widgets. Tests use `synchronous=True`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

log = logging.getLogger(__name__)


class _Bridge(QObject):
    finished = Signal(object, object, object)  # callback, result, error


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._executor: ThreadPoolExecutor | None = None
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        if self.synchronous:
            try:
                result = work()
            except Exception as exc:
                on_error(exc)
                return
            on_done(result)
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-worker")
        feedback = _Feedback(parent, label)
        future = self._executor.submit(work)

        def finished(f: Future[Any]) -> None:
            error = f.exception()
            self._bridge.finished.emit(
                (feedback, on_done, on_error), None if error else f.result(), error
            )

        future.add_done_callback(finished)

    def _deliver(self, callbacks: Any, result: Any, error: BaseException | None) -> None:
        feedback, on_done, on_error = callbacks
        feedback.stop()
        if error is not None:
            on_error(error)
        else:
            on_done(result)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


class _Feedback:
    """Busy cursor after 300 ms, an indeterminate progress dialog after 600 ms."""

    def __init__(self, parent: QWidget | None, label: str) -> None:
        self._cursor = False
        self._dialog: QProgressDialog | None = None
        self._timers = [QTimer(), QTimer()]
        for timer in self._timers:
            timer.setSingleShot(True)
        self._timers[0].timeout.connect(self._show_cursor)
        self._timers[1].timeout.connect(lambda: self._show_dialog(parent, label))
        self._timers[0].start(300)
        self._timers[1].start(600)

    def _show_cursor(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._cursor = True

    def _show_dialog(self, parent: QWidget | None, label: str) -> None:
        self._dialog = QProgressDialog(label, "", 0, 0, parent)
        self._dialog.setCancelButton(None)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.show()

    def stop(self) -> None:
        for timer in self._timers:
            timer.stop()
        if self._cursor:
            QApplication.restoreOverrideCursor()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
