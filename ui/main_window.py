"""The application's frame: navigation, menus, the programme picker and the status bar."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, clock
from app.first_run import is_demo_folder
from app.formatting import date_stamp, format_date, format_date_time, format_number
from app.i18n import _, ngettext
from app.services import programmes
from app.services.changes import Changes
from ui.context import AppContext
from ui.pages.base import Page
from ui.pages.today_page import TodayPage
from ui.widgets.accessible import announce
from ui.widgets.reflow import ReflowRow, size_by_current_page

if TYPE_CHECKING:
    from ui.pages.settings_page import SettingsPage
    from ui.pages.welcome_page import WelcomePage

log = logging.getLogger(__name__)

DAILY = timedelta(hours=24)


@dataclass(frozen=True)
class PageEntry:
    """A navigation page, known by key and title before it is built: pages are built (and their
    modules imported) the first time they are shown, so the window opens on Today quickly."""

    key: str
    title: Callable[[], str]
    module: str
    name: str

    def load(self) -> type[Page]:
        page_class = getattr(importlib.import_module(self.module), self.name)
        assert issubclass(page_class, Page) and page_class.KEY == self.key
        return cast(type[Page], page_class)


def page_entries() -> list[PageEntry]:
    """The navigation, in order. Each part of the product adds its page here."""
    return [
        PageEntry("today", lambda: _("Today"), "ui.pages.today_page", "TodayPage"),
        PageEntry(
            "programmes", lambda: _("Programmes"), "ui.pages.programmes_page", "ProgrammesPage"
        ),
        PageEntry("framework", lambda: _("Framework"), "ui.pages.framework_page", "FrameworkPage"),
        PageEntry("people", lambda: _("People"), "ui.pages.people_page", "PeoplePage"),
        PageEntry("matching", lambda: _("Matching"), "ui.pages.matching_page", "MatchingPage"),
        PageEntry("meetings", lambda: _("Meetings"), "ui.pages.meetings_page", "MeetingsPage"),
        PageEntry("goals", lambda: _("Goals"), "ui.pages.goals_page", "GoalsPage"),
        PageEntry("dashboard", lambda: _("Dashboard"), "ui.pages.dashboard_page", "DashboardPage"),
        PageEntry("settings", lambda: _("Settings"), "ui.pages.settings_page", "SettingsPage"),
    ]


def page_classes() -> list[type[Page]]:
    """Every page class, in navigation order (imports them all: for tests and tools)."""
    return [entry.load() for entry in page_entries()]


class MainWindow(QMainWindow):
    #: Emitted with the backup to restore (None: ask which); the application swaps the file.
    restore_requested = Signal(object)

    def __init__(self, context: AppContext, settings: QSettings) -> None:
        super().__init__()
        self.context = context
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        # The idle lock (issue 23): hides every window's content until the password is typed.
        from ui.idle_lock import IdleLock

        self.idle_lock = IdleLock(self, context)

        self.entries = page_entries()
        #: Pages built so far, by key; the others are empty placeholders in the stack.
        self.built: dict[str, Page] = {}
        #: Shown instead of Today while there is no programme (the first day).
        self.welcome: WelcomePage | None = None
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Pages"))
        self.stack = QStackedWidget()
        for entry in self.entries:
            QListWidgetItem(entry.title(), self.nav)
            self.stack.addWidget(QWidget())
        self._build_page(0)
        self.stack.currentChanged.connect(lambda _index: size_by_current_page(self.stack))
        self.nav.currentRowChanged.connect(self._show_page)
        # As wide as the longest page name in the current font and language, not a fixed 190 px.
        self.nav.ensurePolished()
        metrics = self.nav.fontMetrics()
        overdue = _("{today} ({n} overdue)").format(today=self.entries[0].title(), n="9,999")
        self.nav.setFixedWidth(
            max(self.nav.sizeHintForColumn(0), metrics.horizontalAdvance(overdue))
            + metrics.horizontalAdvance("x" * 4)
        )

        self.programme_label = QLabel(_("&Programme:"))
        self.programme_picker = QComboBox()
        self.programme_picker.setAccessibleName(_("Programme you are working on"))
        self.programme_picker.setMinimumContentsLength(30)
        self.programme_label.setBuddy(self.programme_picker)
        self.programme_picker.activated.connect(self._programme_picked)
        self.programme_title = QLabel()
        self.programme_title.setProperty("role", "programme-title")
        self.programme_title.setWordWrap(True)

        # Title and picker side by side, or the picker under the title on a narrow screen.
        top = ReflowRow()
        top.add(self.programme_title, 1)
        picker = QWidget()
        pick = QHBoxLayout(picker)
        pick.setContentsMargins(0, 0, 0, 0)
        pick.addWidget(self.programme_label)
        pick.addWidget(self.programme_picker, 1)
        top.add(picker)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        # The demo folder says so everywhere, so nobody mistakes it for their own records.
        self.is_demo = is_demo_folder(context.database.paths)
        if self.is_demo:
            banner = QLabel(
                _(
                    "Demo: the people and records here are made up. Your own data is not in "
                    "this window."
                )
            )
            banner.setObjectName("demo-banner")
            banner.setWordWrap(True)
            banner.setStyleSheet(
                "background: #fbe7b5; color: #3d2c00; padding: 6px; font-weight: 600;"
            )
            column.addWidget(banner)
        column.addWidget(top)
        column.addLayout(body, 1)
        # On a small or magnified screen the window may be smaller than a page: it scrolls.
        frame = QScrollArea()
        frame.setWidgetResizable(True)
        frame.setFrameShape(QScrollArea.Shape.NoFrame)
        frame.setWidget(central)
        self.setCentralWidget(frame)

        self.backup_status = QLabel()
        self.statusBar().addPermanentWidget(self.backup_status)
        # When someone set the day on purpose (a demonstration, support), say so all the time,
        # so nobody takes the dates on screen for the real ones.
        set_day = clock.set_day()
        self.set_day_status = QLabel(
            _("Working as if today were {date}").format(date=format_date(set_day))
            if set_day
            else ""
        )
        self.set_day_status.setVisible(set_day is not None)
        self.statusBar().addPermanentWidget(self.set_day_status)
        self._build_menus()

        today_page = self.today_page
        today_page.set_navigator(self._open_page)
        today_page.overdue_changed.connect(self._show_overdue)
        today_page.refresh()

        context.ops.changes_made.connect(self._changes_made)
        context.programme_changed.connect(lambda _id: self._refresh_programmes())
        context.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # Status messages ("Saved.", "Backup made") are announced to screen readers (issue 26).
        self.statusBar().messageChanged.connect(lambda text: announce(self.statusBar(), text))

        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(60 * 60 * 1000)
        self.backup_timer.timeout.connect(self.backup_if_due)
        self.backup_timer.start()

        self._refresh_programmes()
        self._update_backup_status()
        self._restore_state()

    # --- building -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.backup_action = self._action(file_menu, _("&Back up now"), self.backup_now, "Ctrl+B")
        self._action(file_menu, _("&Restore from backup…"), self.restore_from_file)
        self._action(file_menu, _("&Export a copy of the data…"), self.export_copy)
        self._action(file_menu, _("&Move to another computer…"), self.move_out)
        self._action(file_menu, _("Export the &tables for a funder…"), self.export_tables)
        file_menu.addSeparator()
        self._action(
            file_menu,
            _("&Print programme summary…"),
            self.print_summary,
            QKeySequence.StandardKey.Print,
        )
        self._action(file_menu, _("Evidence pack for a &quality award…"), self.evidence_pack)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        go_menu = self.menuBar().addMenu(_("&Go"))
        for number, entry in enumerate(self.entries, start=1):
            self._action(
                go_menu,
                entry.title(),
                lambda _c=False, n=number - 1: self.go_to(n),
                f"Ctrl+{number}" if number < 10 else None,
            )
        help_menu = self.menuBar().addMenu(_("&Help"))
        self._action(
            help_menu,
            _("&User guide"),
            self.show_user_guide,
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(help_menu, _("&What is this page?"), self.show_page_help, "Shift+F1")
        self._action(help_menu, _("&Guidance"), self.show_guidance)
        help_menu.addSeparator()
        self._action(help_menu, _("&About Mentor Desk"), self.show_about)

    def show_user_guide(self) -> QDialog:
        from ui.dialogs.guide_dialog import GuideDialog

        dialog = GuideDialog(self)
        dialog.open()
        return dialog

    def show_page_help(self) -> QDialog:
        """The user guide, at the section on the page being shown."""
        from ui.dialogs.guide_dialog import GuideDialog

        dialog = GuideDialog(self, section=self.entries[max(0, self.nav.currentRow())].key)
        dialog.open()
        return dialog

    def show_guidance(self) -> None:
        from ui.dialogs.help_dialogs import show_guidance

        show_guidance(self)

    def show_about(self) -> QDialog:
        from ui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self.context.database.paths, self)
        dialog.open()
        return dialog

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[..., object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- pages, built when first shown -------------------------------------------------------
    def _build_page(self, index: int) -> Page:
        entry = self.entries[index]
        page = self.built.get(entry.key)
        if page is not None:
            return page
        page = entry.load()(self.context)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.built[entry.key] = page
        size_by_current_page(self.stack)
        if entry.key == "settings":
            settings = cast("SettingsPage", page)
            settings.backup_requested.connect(self.backup_now)
            settings.restore_requested.connect(self._restore_from_page)
            settings.lock_requested.connect(self.idle_lock.lock)
        return page

    @property
    def pages(self) -> list[Page]:
        """Every page, in navigation order (builds those not built yet)."""
        return [self._build_page(i) for i in range(len(self.entries))]

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.page("settings"))

    def page(self, key: str) -> Page:
        return self._build_page(self._index_of(key))

    def _index_of(self, key: str) -> int:
        return next(i for i, e in enumerate(self.entries) if e.key == key)

    @property
    def today_page(self) -> TodayPage:
        return cast(TodayPage, self.built[TodayPage.KEY])

    def _open_page(self, key: str) -> Page:
        self.go_to(key)
        return self.page(key)

    def _show_overdue(self, count: int) -> None:
        """The overdue count next to Today in the navigation."""
        item = self.nav.item(self._index_of(TodayPage.KEY))
        if item is not None:
            item.setText(
                _("{today} ({n} overdue)").format(
                    today=self.today_page.TITLE, n=format_number(count)
                )
                if count
                else self.today_page.TITLE
            )
            item.setToolTip(
                ngettext("{n} item is overdue", "{n} items are overdue", count).format(
                    n=format_number(count)
                )
            )

    # --- navigation -----------------------------------------------------------------------
    def go_to(self, index_or_key: int | str) -> None:
        index = index_or_key if isinstance(index_or_key, int) else self._index_of(index_or_key)
        self.nav.setCurrentRow(index)

    def _show_page(self, index: int) -> None:
        if index < 0:
            return
        self._build_page(index)
        self.stack.setCurrentIndex(index)
        self.context.preferences.last_page = self.entries[index].key

    def _refresh_programmes(self) -> None:
        rows = self.context.ops.read(lambda s: programmes.list_programmes(s))
        current = self.context.programme_id
        if rows and current not in {r.id for r in rows}:
            current = rows[0].id
            self.context.set_programme(current)
        if not rows and current is not None:
            self.context.set_programme(None)
            current = None
        self.programme_picker.clear()
        for row in rows:
            self.programme_picker.addItem(row.name, row.id)
        self.programme_picker.setCurrentIndex(max(0, self.programme_picker.findData(current)))
        several = len(rows) > 1
        self.programme_picker.setVisible(several)
        self.programme_label.setVisible(several)
        chosen = next((r for r in rows if r.id == current), None)
        if chosen is None:
            self.programme_title.setText(_("No programme yet"))
        else:
            self.programme_title.setText(
                _("{programme} · {organisation}").format(
                    programme=chosen.name, organisation=chosen.organisation
                )
            )
        title = f"{chosen.name} – {APP_NAME}" if chosen else APP_NAME
        self.setWindowTitle(_("Demo – {title}").format(title=title) if self.is_demo else title)
        self._show_welcome(not rows)

    def _password_from_welcome(self) -> None:
        """The first run's offer of a password: set as in Settings, then offered no more."""
        self.settings_page.set_password()
        if self.welcome is not None:
            self.welcome.show_protection()

    def _show_welcome(self, wanted: bool) -> None:
        """While there is no programme, the welcome page stands in for Today."""
        welcome = self.welcome
        if wanted and welcome is None and not self.is_demo:
            from ui.pages.welcome_page import WelcomePage

            self.welcome = welcome = WelcomePage(self.context)
            welcome.restore_requested.connect(self.restore_requested.emit)
            welcome.password_requested.connect(self._password_from_welcome)
            self.stack.addWidget(welcome)
        if welcome is None:
            return
        if wanted:
            self.stack.setCurrentWidget(welcome)
        elif self.stack.currentWidget() is welcome:
            self.stack.removeWidget(welcome)
            self.welcome = None
            welcome.deleteLater()
            self.go_to(TodayPage.KEY)
            self._show_page(self._index_of(TodayPage.KEY))

    def _programme_picked(self, index: int) -> None:
        self.context.set_programme(self.programme_picker.itemData(index))

    def _changes_made(self, changes: Changes) -> None:
        if changes.programmes:
            self._refresh_programmes()
        self.statusBar().showMessage(_("Saved."), 3000)

    # --- files ----------------------------------------------------------------------------
    def backup_now(self) -> None:
        def done(path: Path) -> None:
            self._update_backup_status()
            if "settings" in self.built:
                self.settings_page.refresh()
            self.statusBar().showMessage(_("Backup made: {name}").format(name=path.name), 6000)

        def failed(error: BaseException) -> None:
            log.error("Backup failed", exc_info=error)
            QMessageBox.warning(self, _("Backup not made"), str(error))

        self.context.tasks.submit(
            self,
            _("Making a backup…"),
            lambda: self.context.database.backup("manual"),
            done,
            failed,
        )

    def backup_if_due(self) -> None:
        """At least daily while open, when something has changed."""
        last = self.context.database.last_backup_at
        if last is not None and self.context.now() - last < DAILY:
            return
        if self.context.database.changed_since_backup:
            self.context.database.backup("daily")
            self._update_backup_status()

    def refresh_backup_status(self) -> None:
        """After a backup made elsewhere (the one on opening)."""
        self._update_backup_status()
        if "settings" in self.built:
            self.settings_page.refresh()

    def _update_backup_status(self) -> None:
        last = self.context.database.last_backup_at
        self.backup_status.setText(
            _("Last backup: {when}").format(when=format_date_time(last))
            if last
            else _("No backup yet")
        )

    def restore_from_file(self) -> None:
        self.restore_requested.emit(None)

    def _restore_from_page(self, path: Path | None) -> None:
        self.restore_requested.emit(path)

    def export_copy(self) -> None:
        stamp = date_stamp(self.context.today())
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export a copy of the data"),
            str(Path.home() / f"mentordesk-copy-{stamp}.sqlite3"),
            _("Mentor Desk data (*.sqlite3)"),
        )
        if not target:
            return
        from app.storage.backups import copy_database

        try:
            copy_database(self.context.database.paths.database, Path(target))
        except OSError as exc:
            QMessageBox.warning(self, _("Not exported"), str(exc))
            return
        self.statusBar().showMessage(_("Copy saved as {path}").format(path=target), 6000)

    def move_out(self) -> None:
        """Write one file with the data and settings, to bring in on another computer."""
        from app.storage.errors import StorageError
        from app.storage.moving import SUFFIX, default_name, write_move_file

        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Move to another computer"),
            str(Path.home() / default_name(date_stamp(self.context.today()))),
            _("Mentor Desk move file (*{suffix})").format(suffix=SUFFIX),
        )
        if not target:
            return
        path = Path(target)
        if not path.name.endswith(SUFFIX):
            path = path.with_name(path.name + SUFFIX)
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.sync()
        self.context.save_preferences()
        try:
            manifest = write_move_file(self.context.database.paths, path)
        except StorageError as exc:
            QMessageBox.warning(self, _("Not written"), str(exc))
            return
        QMessageBox.information(
            self,
            _("Move to another computer"),
            _(
                "Saved {path} ({what}).\n\nCopy it to a memory stick. On the new computer, "
                'install Mentor Desk and choose "Bring your data from another computer" on its '
                "welcome page (or File > Restore from backup). The file holds personal details: "
                "keep it safe, and delete it once the move is done."
            ).format(path=path, what=manifest.describe()),
        )

    def evidence_pack(self) -> None:
        from ui.dialogs.evidence_pack_dialog import EvidencePackDialog

        if self.context.programme_id is not None:
            EvidencePackDialog(self.context, self.context.programme_id, self).exec()

    def export_tables(self) -> None:
        from ui.dialogs.export_tables_dialog import ExportTablesDialog

        if self.context.programme_id is not None:
            ExportTablesDialog(self.context, self.context.programme_id, self).exec()

    def print_summary(self) -> None:
        from ui.printing import show_printout

        if self.context.programme_id is not None:
            show_printout(self, self.context, "programme-summary", self.context.programme_id)

    # --- state ----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()  # never larger than a small screen
            self.resize(min(1200, screen.width()), min(780, screen.height()))
        # The window opens on Today: everything due, whatever page was open last (or, with no
        # programme yet, on the welcome page).
        self.go_to(TodayPage.KEY)
        if self.welcome is not None:
            self._show_welcome(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.context.save_preferences()
        self.context.tasks.shutdown()
        super().closeEvent(event)
