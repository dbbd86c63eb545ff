"""Slow work off the window's thread: the result comes back on the window's thread, and work
that can be cancelled offers Cancel, after which its result is thrown away."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.tasks import TaskRunner


def _runner(qtbot: QtBot) -> tuple[TaskRunner, QWidget]:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return TaskRunner(parent), parent


def test_a_result_arrives_on_the_window_thread(qtbot: QtBot) -> None:
    runner, parent = _runner(qtbot)
    got: list[object] = []
    runner.submit(parent, "Working…", lambda: 42, got.append, got.append)
    qtbot.waitUntil(lambda: got == [42], timeout=3000)
    runner.shutdown()


def test_cancel_frees_the_window_and_throws_the_result_away(qtbot: QtBot) -> None:
    runner, parent = _runner(qtbot)
    release = threading.Event()
    got: list[object] = []
    cancelled: list[bool] = []

    def slow() -> str:
        release.wait(10)
        return "report"

    runner.submit(
        parent,
        "Preparing the report…",
        slow,
        got.append,
        got.append,
        on_cancel=lambda: cancelled.append(True),
    )
    # the progress window appears after a moment, with a Cancel button
    qtbot.waitUntil(lambda: bool(parent.findChildren(QProgressDialog)), timeout=3000)
    dialog = parent.findChildren(QProgressDialog)[0]
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    [cancel] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel"]
    cancel.click()
    assert cancelled == [True]
    assert not dialog.isVisible()
    release.set()
    runner.shutdown()  # the work runs to its end...
    qtbot.wait(50)  # ...and its result, delivered on the window's thread, is ignored
    assert got == []


def test_work_that_cannot_be_cancelled_shows_no_cancel_and_delivers(qtbot: QtBot) -> None:
    runner, parent = _runner(qtbot)
    release = threading.Event()
    got: list[object] = []
    runner.submit(parent, "Saving…", lambda: release.wait(10) and "saved", got.append, got.append)
    qtbot.waitUntil(lambda: bool(parent.findChildren(QProgressDialog)), timeout=3000)
    dialog = parent.findChildren(QProgressDialog)[0]
    assert not [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    release.set()
    qtbot.waitUntil(lambda: got == ["saved"], timeout=3000)
    runner.shutdown()
