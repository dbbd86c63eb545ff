"""Slow work off the window's thread: one worker, in order, results back on the main thread.

A busy cursor appears after 300 ms and a progress dialog after 600 ms, so quick work shows
nothing. Work that may take long (a report with charts) can be cancelled: its progress dialog
has a Cancel button, and a cancelled task's result is thrown away when it arrives (the work
itself runs to its end on the worker, which is only reading). Only the main thread touches
widgets. Tests use `synchronous=True`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.i18n import _

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
        *,
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        """Run `work` on the worker and give its result to `on_done` (or its error to
        `on_error`) on the window's thread. With `on_cancel`, the progress dialog offers
        Cancel: pressing it calls `on_cancel` at once and the result is never delivered."""
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
        feedback = _Feedback(parent, label, on_cancel)
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
        if feedback.cancelled:
            return
        if error is not None:
            on_error(error)
        else:
            on_done(result)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


class _Feedback:
    """Busy cursor after 300 ms, an indeterminate progress dialog after 600 ms (with Cancel
    when the task can be cancelled)."""

    def __init__(
        self, parent: QWidget | None, label: str, on_cancel: Callable[[], None] | None = None
    ) -> None:
        self._cursor = False
        self._dialog: QProgressDialog | None = None
        self._on_cancel = on_cancel
        self.cancelled = False
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
        self._dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        self._dialog.setObjectName("task-progress")
        self._dialog.setAccessibleName(label)
        if self._on_cancel is None:
            self._dialog.setCancelButton(None)
        else:
            self._dialog.canceled.connect(self.cancel)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.show()

    def cancel(self) -> None:
        """Stop waiting: the window is free again and the result will be thrown away."""
        if self.cancelled:
            return
        self.cancelled = True
        self.stop()
        if self._on_cancel is not None:
            self._on_cancel()

    def stop(self) -> None:
        for timer in self._timers:
            timer.stop()
        if self._cursor:
            QApplication.restoreOverrideCursor()
            self._cursor = False
        if self._dialog is not None:
            dialog, self._dialog = self._dialog, None
            if self._on_cancel is not None:  # closing the dialog would say "cancelled"
                dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()


# ------------------------------------------------------------- long work with progress

Progress = Callable[[int, int], None]
Work = Callable[[Progress, Callable[[], bool]], Any]


class _JobBridge(QObject):
    progress = Signal(int, int)
    finished = Signal(object, object)  # the result, the error


class BackgroundJob(QObject):
    """One long piece of work on a thread of its own, with progress and a way to stop it;
    progress and the result come back on the window's thread. When the window's tasks run at
    once (the tests), so does this.

    The work only reads the data file (and writes its own output), so it may run beside the
    window's own worker."""

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.running = False
        self._stop = threading.Event()
        self._bridge = _JobBridge(self)
        self._on_progress: Progress | None = None
        self._on_done: Callable[[Any], None] | None = None
        self._on_error: Callable[[BaseException], None] | None = None
        self._bridge.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._bridge.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)

    def start(
        self,
        work: Work,
        on_progress: Progress,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._stop.clear()
        self._on_progress, self._on_done, self._on_error = on_progress, on_done, on_error
        self.running = True
        if self.tasks.synchronous:
            try:
                result = work(on_progress, self._stop.is_set)
            except Exception as exc:
                self.running = False
                on_error(exc)
                return
            self.running = False
            on_done(result)
            return

        def run() -> None:
            try:
                result = work(self._bridge.progress.emit, self._stop.is_set)
            except Exception as exc:
                self._bridge.finished.emit(None, exc)
                return
            self._bridge.finished.emit(result, None)

        threading.Thread(target=run, name="long-work", daemon=True).start()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self.running = False
        if error is not None:
            if self._on_error is not None:
                self._on_error(error)
        elif self._on_done is not None:
            self._on_done(result)
