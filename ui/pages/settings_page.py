"""Settings: where the data lives, the backups (make one, restore one) and preferences."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.storage.backups import list_backups
from ui.context import AppContext
from ui.pages.base import Page


class SettingsPage(Page):
    KEY = "settings"
    backup_requested = Signal()
    restore_requested = Signal(object)  # Path | None

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("Settings")
        paths = context.database.paths

        where = QGroupBox(_("Where your data is kept"))
        form = QFormLayout(where)
        self.folder_label = QLabel(str(paths.folder))
        self.file_label = QLabel(str(paths.database))
        self.backups_label = QLabel(str(paths.backups))
        for label in (self.folder_label, self.file_label, self.backups_label):
            label.setTextInteractionFlags(label.textInteractionFlags().TextSelectableByMouse)
            label.setWordWrap(True)
        open_folder = QPushButton(_("&Open data folder"))
        open_folder.setAccessibleName(_("Open data folder"))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.folder)))
        )
        form.addRow(_("Data folder"), self.folder_label)
        form.addRow(_("Data file"), self.file_label)
        form.addRow(_("Backups"), self.backups_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(open_folder)
        folder_row.addStretch(1)
        form.addRow("", folder_row)

        backups_box = QGroupBox(_("Backups"))
        explain = QLabel(
            _(
                "A backup is made when Mentor Desk opens or closes after changes, at least once a "
                "day while it is open, and before any upgrade or restore. Recent backups are all "
                "kept; older ones are thinned to one a day, a week and a month."
            )
        )
        explain.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels([_("Made"), _("Why"), _("Size")])
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(_("Backups"))
        self.backup_button = QPushButton(_("&Back up now"))
        self.restore_button = QPushButton(_("&Restore the selected backup…"))
        self.backup_button.setAccessibleName(_("Back up now"))
        self.restore_button.setAccessibleName(_("Restore the selected backup"))
        self.backup_button.clicked.connect(self.backup_requested.emit)
        self.restore_button.clicked.connect(self._restore_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        column = QVBoxLayout(backups_box)
        column.addWidget(explain)
        column.addLayout(buttons)
        column.addWidget(self.table)

        you = QGroupBox(_("You"))
        you_form = QFormLayout(you)
        self.coordinator_name = QLineEdit(context.preferences.coordinator_name)
        self.coordinator_name.setAccessibleName(_("Your name"))
        self.coordinator_name.editingFinished.connect(self._save_name)
        name_label = QLabel(_("Your &name"))
        name_label.setBuddy(self.coordinator_name)
        you_form.addRow(name_label, self.coordinator_name)

        heading = QLabel(_("Settings"))
        heading.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(you)
        layout.addWidget(where)
        layout.addWidget(backups_box, 1)

    def refresh(self) -> None:
        self._backups = list_backups(self.context.database.paths)
        self.table.setRowCount(len(self._backups))
        reasons = {
            "manual": _("Made by you"),
            "on-open": _("On opening"),
            "on-close": _("On closing"),
            "daily": _("Daily"),
            "before-upgrade": _("Before an upgrade"),
            "before-restore": _("Before a restore"),
            "before-demo": _("Before the demo"),
        }
        for row, b in enumerate(self._backups):
            cells = (
                b.made_at.strftime("%d/%m/%Y %H:%M"),
                reasons.get(b.reason, b.reason),
                _("{kb} KB").format(kb=max(1, b.size // 1024)),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.restore_button.setEnabled(bool(self._backups))
        if self._backups:
            self.table.selectRow(0)

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        chosen = self._backups[rows[0].row()].path if rows else None
        self.restore_requested.emit(chosen)

    def _save_name(self) -> None:
        self.context.preferences.coordinator_name = self.coordinator_name.text().strip()
        self.context.save_preferences()
