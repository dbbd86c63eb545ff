"""What pages are given: the op runner, the task runner, the open database and the current
programme. Passed in explicitly; there is no global main window or registry."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, Signal

from app import clock
from app.settings import Preferences, save_preferences
from app.storage import Database
from ui.ops import OpRunner
from ui.tasks import TaskRunner


class AppContext(QObject):
    programme_changed = Signal(object)  # int | None
    #: A short message for the status bar ("Saved.", "Archived ..."); the window shows it.
    message = Signal(str)

    def __init__(
        self,
        database: Database,
        preferences: Preferences,
        *,
        synchronous_tasks: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.preferences = preferences
        self.ops = OpRunner(database, self)
        self.tasks = TaskRunner(self, synchronous=synchronous_tasks)

    @property
    def programme_id(self) -> int | None:
        return self.preferences.current_programme_id

    def set_programme(self, programme_id: int | None) -> None:
        if programme_id == self.preferences.current_programme_id:
            return
        self.preferences.current_programme_id = programme_id
        self.save_preferences()
        self.programme_changed.emit(programme_id)

    def today(self) -> date:
        """The day pages and dialogs work on: the clock's (MENTORDESK_TODAY may set it)."""
        return clock.today()

    def now(self) -> datetime:
        return clock.now()

    def notify(self, text: str) -> None:
        self.message.emit(text)

    def save_preferences(self) -> None:
        try:
            save_preferences(self.database.paths.preferences, self.preferences)
        except OSError:
            pass  # preferences are a convenience; never stop work over them
