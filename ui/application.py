"""Starting the window: one lock, one database, one main window, and plain messages when the
data folder cannot be used."""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import traceback
from importlib import resources
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from app import APP_NAME, __version__, clock
from app.i18n import _
from app.logs import configure_logging
from app.paths import DataPaths
from app.settings import load_preferences
from app.storage import Database, StorageError, backups, migrate, open_database
from app.storage.errors import LockedError, TooNewError
from app.storage.lock import DataFolderLock
from ui import ops
from ui.context import AppContext
from ui.main_window import MainWindow

log = logging.getLogger(__name__)

STYLE = """
QLabel[role="heading"] { font-size: 17pt; font-weight: 600; margin: 4px 0 2px 0; }
QLabel[role="programme-title"] { font-size: 12pt; font-weight: 600; color: #1f4e5a; }
QLabel[role="hint"] { color: #555; }
QListWidget { font-size: 11pt; }
QListWidget::item { padding: 7px 6px; }
"""


def load_fonts(app: QApplication) -> None:
    """Use the bundled Lato so every name (Seònaid, Ciarán) shows the same on every PC."""
    folder = resources.files("resources") / "fonts"
    families: list[str] = []
    for name in ("Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Italic.ttf", "Lato-BoldItalic.ttf"):
        path = folder / name
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families += QFontDatabase.applicationFontFamilies(font_id)
    if families:
        app.setFont(QFont(families[0], 10))


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("MentorDesk")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("MentorDesk")
    load_fonts(app)
    app.setStyleSheet(STYLE)
    return app


def window_settings(paths: DataPaths) -> QSettings:
    """Window sizes live beside the data, so each data folder remembers its own layout."""
    return QSettings(str(paths.folder / "window.ini"), QSettings.Format.IniFormat)


def build_window(database: Database, *, synchronous_tasks: bool = False) -> MainWindow:
    preferences = load_preferences(database.paths.preferences)
    context = AppContext(database, preferences, synchronous_tasks=synchronous_tasks)
    window = MainWindow(context, window_settings(database.paths))
    context.setParent(window)
    return window


def crash_dialog(
    log_file: Path, details: str, *, rolled_back: bool, parent: QWidget | None = None
) -> QMessageBox:
    """The short message shown when something goes wrong that Mentor Desk did not expect: what
    was saved, what the coordinator can do next, and where the details for support are."""
    saved = (
        _(
            "Your last change was not saved. Everything you finished before it is saved: each "
            "change is saved as a whole, so nothing is left half-done."
        )
        if rolled_back
        else _(
            "What you were doing at that moment may not have been saved. Everything up to your "
            "last completed action is saved: each change is saved as a whole, so nothing is "
            "left half-done."
        )
    )
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Something went wrong"),
        _("Mentor Desk met a problem it did not expect.") + "\n\n" + saved,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText(
        _(
            "What you can do now:\n"
            "• Look at the record you were working on. If your change is not there, try it "
            "again.\n"
            "• If the same problem comes back, close Mentor Desk and open it again, then try "
            "once more.\n"
            "• If it still happens, tell whoever supports Mentor Desk what you were doing and "
            "send them the log file, which holds the details they need:\n{log}"
        ).format(log=log_file)
    )
    box.setDetailedText(details)
    return box


def show_crash_dialog(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None, log_file: Path
) -> None:
    """Tell the coordinator plainly (tests replace this to fail instead)."""
    details = "".join(traceback.format_exception(kind, error, tb))
    crash_dialog(log_file, details, rolled_back=ops.rolled_back(error)).exec()


def install_excepthook(paths: DataPaths) -> None:
    """Anything nobody caught is a bug: log it with its traceback, then say what to do next."""
    log_file = paths.logs / "mentordesk.log"
    showing: list[bool] = []

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.critical("Unexpected error", exc_info=(kind, error, tb))
        if showing:
            return  # one message at a time; the log has every error
        showing.append(True)
        try:
            show_crash_dialog(kind, error, tb, log_file)
        except Exception:
            log.exception("The crash message could not be shown")
        finally:
            showing.clear()

    sys.excepthook = hook


def open_with_recovery(paths: DataPaths, parent: QWidget | None = None) -> Database | None:
    """Open the data file; if it cannot be used, explain and offer the newest backup."""
    try:
        return open_database(paths)
    except TooNewError as exc:
        QMessageBox.critical(parent, APP_NAME, str(exc))
        return None
    except StorageError as exc:
        found = backups.list_backups(paths)
        if not found:
            QMessageBox.critical(parent, APP_NAME, str(exc))
            return None
        answer = QMessageBox.question(
            parent,
            APP_NAME,
            _(
                "{problem}\n\nRestore the newest backup, made {when}? The current file is kept "
                "in the backups folder."
            ).format(problem=exc.message, when=found[0].made_at.strftime("%d/%m/%Y %H:%M")),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        for candidate in found:
            try:
                backups.restore_backup(paths, candidate.path, migrate.SCHEMA_VERSION)
                return open_database(paths)
            except StorageError:
                log.warning("Backup %s could not be used", candidate.path)
        QMessageBox.critical(parent, APP_NAME, _("None of the backups could be opened."))
        return None


def restore_into(window: MainWindow, chosen: Path | None) -> MainWindow:
    """Close the file, restore `chosen` (asking for a file if None) and reopen in a new window."""
    database = window.context.database
    paths = database.paths
    if chosen is None:
        picked, _filter = QFileDialog.getOpenFileName(
            window,
            _("Restore from backup"),
            str(paths.backups),
            _("Mentor Desk data (*.sqlite3);;All files (*)"),
        )
        if not picked:
            return window
        chosen = Path(picked)
    answer = QMessageBox.question(
        window,
        _("Restore from backup"),
        _(
            "Replace the data you have now with the backup {name}? Your current data will be "
            "backed up first, so you can go back to it."
        ).format(name=chosen.name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return window
    try:
        backups.check_backup_file(chosen, migrate.SCHEMA_VERSION)
    except StorageError as exc:
        QMessageBox.warning(window, _("Cannot restore"), str(exc))
        return window
    window.close()
    database.close(backup=False)
    try:
        backups.restore_backup(paths, chosen, migrate.SCHEMA_VERSION)
    except StorageError as exc:
        QMessageBox.warning(None, _("Cannot restore"), str(exc))
    reopened = open_with_recovery(paths)
    if reopened is None:
        raise SystemExit(1)
    new_window = build_window(reopened)
    new_window.restore_requested.connect(lambda path: _swap(new_window, path))
    new_window.show()
    new_window.statusBar().showMessage(_("Restored {name}.").format(name=chosen.name), 8000)
    return new_window


_current: list[MainWindow] = []


def _swap(window: MainWindow, path: Path | None) -> None:
    replacement = restore_into(window, path)
    _current[:] = [replacement]


class _ReportFirstPaint(QObject):
    """For the start-up benchmark: print the wall-clock time of the first paint, then quit."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {clock.epoch_seconds():.6f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def run_gui(data_dir: Path) -> int:
    paths = DataPaths(data_dir)
    paths.ensure()
    configure_logging(paths)
    with open(paths.logs / "crash.log", "a", encoding="utf-8") as crash_log:
        faulthandler.enable(crash_log)  # a hard crash inside Qt still leaves a trace here
        try:
            return _run_window(paths)
        finally:
            faulthandler.disable()


def _run_window(paths: DataPaths) -> int:
    app = create_application()
    install_excepthook(paths)
    lock = DataFolderLock(paths.lock)
    try:
        lock.acquire()
    except LockedError as exc:
        QMessageBox.information(None, APP_NAME, str(exc))
        return 1
    try:
        database = open_with_recovery(paths)
        if database is None:
            return 1
        window = build_window(database)
        window.restore_requested.connect(lambda path: _swap(window, path))
        _current[:] = [window]
        if os.environ.get("MENTORDESK_EXIT_AFTER_PAINT"):
            reporter = _ReportFirstPaint(window)
            window.installEventFilter(reporter)
        window.show()
        code = app.exec()
        _current[0].context.database.close()
        return code
    finally:
        lock.release()
