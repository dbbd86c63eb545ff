"""Starting the window: one lock, one database, one main window, and plain messages when the
data folder cannot be used.

Start-up order (issue 25, "quick to open"): this module imports only Qt and the light parts of
`app`; a plain opening frame (the app's name and "Opening your data…", where the main window
will be) paints first, before SQLAlchemy, the models and the pages are imported; then the lock,
the database and the main window on Today; the on-open backup and the warnings come after the
main window has painted. Pages other than Today are built when first shown (ui/main_window.py).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import traceback
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__, clock, i18n
from app.formatting import format_date_time
from app.i18n import _
from app.logs import configure_logging
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.storage import Database, moving
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
        # Lato at the desktop's own text size (issue 26): larger text settings are respected.
        size = app.font().pointSizeF()
        app.setFont(QFont(families[0], round(size) if size >= 10 else 10))


def app_icon() -> QIcon:
    """The Mentor Desk icon, in every size shipped under resources/icons."""
    icon = QIcon()
    folder = resources.files("resources") / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = folder / f"mentordesk-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("MentorDesk")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("MentorDesk")
    app.setWindowIcon(app_icon())
    load_fonts(app)
    app.setStyleSheet(STYLE)
    if app.property("dialogs-fit") is None:  # on a small or magnified screen, dialogs scroll
        from ui.widgets.reflow import DialogsFitTheScreen

        fitter = DialogsFitTheScreen(app)
        app.installEventFilter(fitter)
        app.setProperty("dialogs-fit", True)
    return app


def window_settings(paths: DataPaths) -> QSettings:
    """Window sizes live beside the data, so each data folder remembers its own layout."""
    return QSettings(str(paths.folder / "window.ini"), QSettings.Format.IniFormat)


#: What `MainWindow.restore_requested` carries to ask for the last restore to be undone.
UNDO_LAST_RESTORE = "undo-last-restore"


def build_window(database: Database, *, synchronous_tasks: bool = False) -> MainWindow:
    from app.settings import load_preferences
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.translations import install_qt_translations

    preferences = load_preferences(database.paths.preferences)
    # The language (MENTORDESK_LANGUAGE, else Settings) before anything says a word (issue 26).
    i18n.install(i18n.chosen_language(preferences.language))
    install_qt_translations()
    context = AppContext(database, preferences, synchronous_tasks=synchronous_tasks)
    window = MainWindow(context, window_settings(database.paths))
    context.setParent(window)
    _add_undo_restore(window)
    if database.read_only:
        label = QLabel(_("Read only: changes cannot be saved"))
        label.setObjectName("read-only-notice")
        label.setToolTip(read_only_reason(database))
        window.statusBar().addPermanentWidget(label)
    return window


def read_only_reason(database: Database) -> str:
    return _(
        "The data folder {folder} cannot be written to, so your data is open for reading only."
    ).format(folder=database.paths.folder)


def _add_undo_restore(window: MainWindow) -> None:
    """File > Undo the last restore, just after File > Restore from backup…"""
    file_menu = window.menuBar().actions()[0].menu()
    if not isinstance(file_menu, QMenu):
        return
    action = QAction(_("&Undo the last restore"), window)
    action.setObjectName("undo-last-restore")
    action.triggered.connect(lambda: window.restore_requested.emit(UNDO_LAST_RESTORE))
    entries = file_menu.actions()
    restore_at = next(
        (i for i, a in enumerate(entries) if a.text() == _("&Restore from backup…")), None
    )
    if restore_at is not None and restore_at + 1 < len(entries):
        file_menu.insertAction(entries[restore_at + 1], action)
    else:
        file_menu.addAction(action)


def show_warnings(window: QWidget | None, database: Database) -> None:
    """What the coordinator must know once the data is open (read only, a missed backup)."""
    if database.warnings:
        QMessageBox.warning(window, APP_NAME, "\n\n".join(database.warnings))


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
    from ui import ops

    details = "".join(traceback.format_exception(kind, error, tb))
    crash_dialog(log_file, details, rolled_back=ops.rolled_back(error)).exec()


def install_excepthook(paths: DataPaths) -> None:
    """Anything nobody caught is a bug: log it with its traceback, then say what to do next."""
    log_file = paths.logs / "mentordesk.log"
    showing: list[bool] = []

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        from app.storage.errors import StorageError

        if isinstance(error, StorageError):
            # Not a bug: the machine's doing (a full disk, a read-only folder), said plainly.
            log.warning("Storage problem: %s", error, exc_info=(kind, error, tb))
            QMessageBox.warning(None, APP_NAME, str(error))
            return
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


def open_with_recovery(
    paths: DataPaths, parent: QWidget | None = None, *, backup_on_open: bool = True
) -> Database | None:
    """Open the data file; if it is damaged, explain and offer the newest backup. Any other
    problem (a newer version, a read-only folder, a full disk) is explained, and nothing is
    changed."""
    from app.storage import StorageError, backups, migrate, open_database
    from app.storage.encryption import PasswordNeededError
    from app.storage.errors import CorruptError

    try:
        return open_database(paths, backup_on_open=backup_on_open)
    except PasswordNeededError:  # the data is protected: ask, then open it (issue 23)
        from ui.dialogs.password_dialogs import ask_password

        if not ask_password(paths.folder, paths.database, parent):
            return None
        return open_with_recovery(paths, parent, backup_on_open=backup_on_open)
    except CorruptError as exc:
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
            ).format(problem=exc.message, when=format_date_time(found[0].made_at)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        for candidate in found:
            try:
                backups.restore_backup(paths, candidate.path, migrate.SCHEMA_VERSION)
                return open_database(paths, backup_on_open=False)
            except StorageError:
                log.warning("Backup %s could not be used", candidate.path)
        QMessageBox.critical(parent, APP_NAME, _("None of the backups could be opened."))
        return None
    except StorageError as exc:  # TooNewError, ReadOnlyError, DiskFullError, CannotOpenError
        log.warning("The data file could not be opened: %s", exc)
        QMessageBox.critical(parent, APP_NAME, str(exc))
        return None


def _restore_question(paths: DataPaths, chosen: Path, intro: str) -> str:
    """What the file holds, what the data holds now, whether it is from another folder."""
    from app.storage import StorageError, backups

    incoming = backups.summarise(chosen)
    lines = [intro, _("It holds {what}.").format(what=incoming.describe())]
    try:
        lines.append(
            _("Your data now holds {what}.").format(
                what=backups.summarise(paths.database).describe()
            )
        )
    except StorageError:
        pass  # the data file itself cannot be read: nothing to compare
    if backups.from_another_folder(paths, incoming):
        lines.append(
            _(
                "Careful: this file comes from a different data folder, not from this one. "
                "Restoring it replaces this folder's data with that other data."
            )
        )
    lines.append(
        _(
            "Replace the data you have now with it? Your current data will be backed up first, "
            "so you can go back to it (File > Undo the last restore)."
        )
    )
    return "\n\n".join(lines)


def restore_into(window: MainWindow, chosen: Path | str | None) -> MainWindow:
    """Close the file, restore `chosen` (asking for a file if None; UNDO_LAST_RESTORE to put
    back what the last restore replaced) and reopen in a new window."""
    from app.storage import StorageError, backups, migrate
    from app.storage.folder import writable

    database = window.context.database
    paths = database.paths
    title = _("Restore from backup")
    if database.read_only or not writable(paths.folder):
        QMessageBox.warning(
            window,
            _("Cannot restore"),
            _("Nothing can be restored: the data folder {folder} cannot be written to.").format(
                folder=paths.folder
            )
            + " "
            + _("Your data has not been changed."),
        )
        return window
    if chosen == UNDO_LAST_RESTORE:
        title = _("Undo the last restore")
        marker = backups.last_restore(paths)
        if marker is None:
            QMessageBox.information(
                window,
                title,
                _(
                    "There is no restore to undo: nothing has been restored, or the copy made "
                    "before the last restore is no longer there."
                ),
            )
            return window
        chosen = marker.safety
        intro = _(
            "Undo the last restore (of {restored})? Your data goes back to how it was just "
            "before it."
        ).format(restored=marker.restored)
    elif chosen is None:
        picked, _filter = QFileDialog.getOpenFileName(
            window,
            title,
            str(paths.backups),
            _("Mentor Desk data (*.sqlite3);;All files (*)"),
        )
        if not picked:
            return window
        chosen = Path(picked)
        intro = _("Restore the backup {name}?").format(name=chosen.name)
    else:
        chosen = Path(chosen)
        intro = _("Restore the backup {name}?").format(name=chosen.name)
    # A move file from another computer: its data file goes through the same restore, and its
    # settings are copied over once the data is in.
    from app.storage import moving

    moved: moving.Unpacked | None = None
    shown_name = chosen.name
    try:
        if moving.is_move_file(chosen):
            moved = moving.unpack(chosen, paths.folder)
            if not _unlock_moved(paths, moved, window):
                moved.remove()
                return window
            title = _("Bring your data from another computer")
            intro = _(
                "Bring in the move file {name}, made by Mentor Desk {version} on {when}?"
            ).format(
                name=chosen.name, version=moved.manifest.app_version, when=moved.manifest.made_at
            )
            chosen = moved.database
        backups.check_backup_file(chosen, migrate.SCHEMA_VERSION)
        question = _restore_question(paths, chosen, intro)
    except StorageError as exc:
        if moved is not None:
            moved.remove()
        QMessageBox.warning(window, _("Cannot restore"), str(exc))
        return window
    answer = QMessageBox.question(window, title, question)
    if answer != QMessageBox.StandardButton.Yes:
        if moved is not None:
            moved.remove()
        return window
    window.close()
    database.close(backup=False)
    restored = True
    try:
        backups.restore_backup(paths, chosen, migrate.SCHEMA_VERSION)
        if moved is not None:
            moving.take_settings(paths, moved)
    except (StorageError, OSError) as exc:
        restored = False
        QMessageBox.warning(None, _("Cannot restore"), str(exc))
    finally:
        if moved is not None:
            moved.remove()
    # No copy "on opening": the restored data is a backup already.
    reopened = open_with_recovery(paths, backup_on_open=False)
    if reopened is None:
        raise SystemExit(1)
    new_window = build_window(reopened)
    new_window.restore_requested.connect(lambda path: _swap(new_window, path))
    new_window.show()
    show_warnings(new_window, reopened)
    if restored:
        new_window.statusBar().showMessage(_("Restored {name}.").format(name=shown_name), 8000)
    return new_window


def _unlock_moved(paths: DataPaths, moved: moving.Unpacked, parent: QWidget) -> bool:
    """Data protected by a password on the old computer: ask for it here (it stays protected).
    False when the coordinator cancels."""
    from app.storage import encryption
    from ui.dialogs.password_dialogs import ask_password

    if encryption.is_encrypted(moved.database) and not encryption.knows(paths.folder):
        if not ask_password(paths.folder, moved.database, parent):
            return False
    encryption.lend(paths.folder, moved.folder)
    return True


_current: list[MainWindow] = []


def _swap(window: MainWindow, path: Path | str | None) -> None:
    replacement = restore_into(window, path)
    _current[:] = [replacement]


# --- start-up: paint first, load after -----------------------------------------------------
class _OnFirstPaint(QObject):
    """Call `then` once, just after `watched` first paints (from the event loop)."""

    def __init__(self, watched: QWidget, then: Callable[[], None]) -> None:
        super().__init__(watched)
        self._then = then
        self.painted = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def _benchmarking() -> bool:
    """MENTORDESK_EXIT_AFTER_PAINT: print when the first window and the main window paint
    (wall clock, for tests/bench/test_cold_start.py and packaging/smoke-test.sh), then quit."""
    return bool(os.environ.get("MENTORDESK_EXIT_AFTER_PAINT"))


def _report(what: str) -> None:
    print(f"{what} {clock.epoch_seconds():.6f}", flush=True)


class OpeningWindow(QWidget):
    """What paints at once, where the main window will be: the name and "Opening your data…".

    Importing SQLAlchemy, declaring the models and opening the file take most of a second; this
    frame needs none of it, so the coordinator sees Mentor Desk answer the double-click at once.
    """

    def __init__(self, paths: DataPaths) -> None:
        super().__init__()
        self.setObjectName("opening-window")
        self.setWindowTitle(APP_NAME)
        name = QLabel(APP_NAME)
        name.setProperty("role", "heading")
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note = QLabel(_("Opening your data…"))
        note.setProperty("role", "hint")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(icon)
        layout.addWidget(name)
        layout.addWidget(note)
        layout.addStretch(1)
        geometry = window_settings(paths).value("main/geometry") if paths.folder.is_dir() else None
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 780)


def show_opening(paths: DataPaths) -> OpeningWindow:
    """Show the opening frame and let it paint now, before the heavy imports block the loop."""
    opening = OpeningWindow(paths)
    painted = _OnFirstPaint(opening, lambda: None)
    opening.show()
    waited = QElapsedTimer()
    waited.start()
    while not painted.painted and waited.elapsed() < 2000:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    if _benchmarking():
        _report("first-paint")
    return opening


def back_up_on_open(window: MainWindow, *, changed: bool) -> None:
    """The backup made on opening, after the window has painted and on the task thread: only
    when the file changed since the newest backup (as open_database would have done)."""
    database = window.context.database
    if not changed or database.read_only or database.migrated_from is not None:
        show_warnings(window, database)
        return

    def done(_path: Path) -> None:
        window.refresh_backup_status()
        show_warnings(window, database)

    def failed(error: BaseException) -> None:
        log.warning("No backup was made on opening: %s", error)
        from app.storage import StorageError

        reason = error.message if isinstance(error, StorageError) else str(error)
        step = " " + error.next_step if isinstance(error, StorageError) else ""
        database.warnings.append(
            _("No backup was made on opening: {reason}").format(reason=reason) + step
        )
        show_warnings(window, database)

    window.context.tasks.submit(
        window, _("Making a backup…"), lambda: database.backup("on-open"), done, failed
    )


def _open_crash_log(paths: DataPaths) -> IO[str] | None:
    try:
        return open(paths.logs / "crash.log", "a", encoding="utf-8")
    except OSError:  # a read-only data folder: no crash log, and nothing else changes
        return None


def run_gui(data_dir: Path) -> int:
    paths = DataPaths(data_dir)
    try:
        paths.ensure()
    except OSError:
        pass  # a read-only or full folder: opening it says so plainly
    configure_logging(paths)
    crash_log = _open_crash_log(paths)
    if crash_log is not None:
        faulthandler.enable(crash_log)  # a hard crash inside Qt still leaves a trace here
    elif sys.stderr is not None:
        faulthandler.enable()
    try:
        return _run_window(paths)
    finally:
        faulthandler.disable()
        if crash_log is not None:
            crash_log.close()


def _run_window(paths: DataPaths) -> int:
    app = create_application()
    opening = show_opening(paths)  # paints before SQLAlchemy and the pages are imported
    install_excepthook(paths)
    from app.storage import StorageError
    from app.storage.backups import database_changed_since_last_backup
    from app.storage.errors import LockedError
    from app.storage.lock import DataFolderLock

    lock = DataFolderLock(paths.lock)
    try:
        lock.acquire()
    except LockedError as exc:
        opening.close()
        QMessageBox.information(None, APP_NAME, str(exc))
        return 1
    except StorageError as exc:
        opening.close()
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    try:
        changed = database_changed_since_last_backup(paths)  # before opening touches the file
        database = open_with_recovery(paths, backup_on_open=False)
        if database is None:
            opening.close()
            return 1
        window = build_window(database)
        window.restore_requested.connect(lambda path: _swap(window, path))
        _current[:] = [window]
        if _benchmarking():
            _OnFirstPaint(window, _ready_then_quit)
        else:
            _OnFirstPaint(window, lambda: back_up_on_open(window, changed=changed))
        window.show()
        opening.close()
        opening.deleteLater()
        code = app.exec()
        _current[0].context.database.close()
        return code
    finally:
        lock.release()


def _ready_then_quit() -> None:
    _report("window-ready")
    QApplication.quit()
