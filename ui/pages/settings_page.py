"""Settings: where the data lives, the backups (make one, restore one), the password on the
data and the idle lock, and preferences."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_date_time
from app.i18n import _
from app.settings import LANGUAGES
from app.storage import password
from app.storage.backups import list_backups
from app.storage.errors import StorageError
from ui.context import AppContext
from ui.pages.base import Page
from ui.widgets.accessible import announce
from ui.widgets.reflow import flow_row


class SettingsPage(Page):
    KEY = "settings"
    backup_requested = Signal()
    restore_requested = Signal(object)  # Path | None
    #: Hide the window's content now, until the password is typed (the idle lock's hook).
    lock_requested = Signal()

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
                "Mentor Desk makes a backup when it opens or closes after changes, and at "
                "least once a day while it is open. It also makes one before any upgrade "
                "or restore. Recent backups are all kept. Of older ones, one a day, one a "
                "week and one a month are kept."
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
        buttons = flow_row(self.backup_button, self.restore_button)
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
        self.language_box = QComboBox()
        self.language_box.setAccessibleName(_("Language"))
        for code, language in LANGUAGES.items():
            self.language_box.addItem(language, code)
        chosen = self.language_box.findData(context.preferences.language or "en_GB")
        self.language_box.setCurrentIndex(max(chosen, 0))
        self.language_box.activated.connect(self._save_language)
        language_label = QLabel(_("Lang&uage"))
        language_label.setBuddy(self.language_box)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        self.language_note.hide()  # shown once the language is changed
        you_form.addRow(language_label, self.language_box)
        you_form.addRow("", self.language_note)

        heading = QLabel(_("Settings"))
        heading.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(you)
        layout.addWidget(self._password_box())
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
                format_date_time(b.made_at),
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

    # --- the password and the idle lock ------------------------------------------------------
    def _password_box(self) -> QGroupBox:
        box = QGroupBox(_("Password and locking"))
        column = QVBoxLayout(box)
        self.password_status = QLabel()
        self.password_status.setObjectName("password-status")
        self.password_status.setWordWrap(True)
        self.set_password_button = QPushButton(_("Set a passwor&d…"))
        self.change_password_button = QPushButton(_("C&hange the password…"))
        self.remove_password_button = QPushButton(_("Take the password &off…"))
        self.recovery_sheet_button = QPushButton(_("Print a recovery &sheet…"))
        self.lock_now_button = QPushButton(_("&Lock now"))
        self.audit_button = QPushButton(_("&Audit trail…"))
        self.privacy_button = QPushButton(_("Peop&le's rights…"))
        for button, slot in (
            (self.set_password_button, self.set_password),
            (self.change_password_button, self.change_password),
            (self.remove_password_button, self.remove_password),
            (self.recovery_sheet_button, lambda _checked=False: self.print_recovery_sheet()),
            (self.lock_now_button, self.lock_requested.emit),
            (self.audit_button, lambda _checked=False: self.show_audit_trail()),
            (self.privacy_button, lambda _checked=False: self.show_privacy()),
        ):
            button.setAccessibleName(button.text().replace("&", "").replace("…", ""))
            button.clicked.connect(slot)
        row = flow_row(
            self.set_password_button,
            self.change_password_button,
            self.remove_password_button,
            self.recovery_sheet_button,
            self.lock_now_button,
        )
        records_row = flow_row(self.audit_button, self.privacy_button)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(_(" minutes"))
        self.lock_minutes.setSpecialValueText(_("Never"))
        self.lock_minutes.setValue(self.context.preferences.lock_after_minutes)
        self.lock_minutes.setAccessibleName(_("Lock the window after this long unused"))
        self.lock_minutes.valueChanged.connect(self._save_lock_minutes)
        lock_label = QLabel(_("Lock the &window after"))
        lock_label.setBuddy(self.lock_minutes)
        lock_row = QHBoxLayout()
        lock_row.addWidget(lock_label)
        lock_row.addWidget(self.lock_minutes)
        lock_row.addStretch(1)
        hint = QLabel(
            _(
                "When the window has not been used for this long, it hides your data until "
                "the password is typed again. Anything you were typing is kept. The lock "
                "needs a password on the data."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        column.addWidget(self.password_status)
        column.addLayout(row)
        column.addLayout(lock_row)
        column.addWidget(hint)
        column.addLayout(records_row)
        self._show_password_state()
        return box

    def protected(self) -> bool:
        return password.is_protected(self.context.database.paths)

    def _show_password_state(self) -> None:
        protected = self.protected()
        self.password_status.setText(
            _(
                "The data file and its backups are protected with a password: nobody can read "
                "them without it."
            )
            if protected
            else _(
                "The data file has no password: anyone who can use this computer, or has a copy "
                "of the data folder, can read it."
            )
        )
        writable = not self.context.database.read_only
        self.set_password_button.setEnabled(writable and not protected)
        self.change_password_button.setEnabled(writable and protected)
        self.remove_password_button.setEnabled(writable and protected)
        self.lock_now_button.setEnabled(protected)

    def _save_lock_minutes(self, minutes: int) -> None:
        self.context.preferences.lock_after_minutes = minutes
        self.context.save_preferences()

    def _swap_file(self, new: str | None, current: str | None) -> bool:
        """Set, change or take off the password with the file closed for a moment."""
        database = self.context.database
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            database.with_file_closed(
                lambda: password.change_password(database.paths, new, current=current)
            )
        except StorageError as exc:
            QMessageBox.warning(self, _("The password was not changed"), str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
            self._show_password_state()
            self.refresh()
        return True

    def set_password(self) -> None:
        from ui.dialogs.password_dialogs import SetPasswordDialog

        dialog = SetPasswordDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self._swap_file(dialog.new_password(), None):
            self.context.notify(_("The data and its backups are now protected with the password."))
            self._after_new_password(dialog)

    def change_password(self) -> None:
        from ui.dialogs.password_dialogs import SetPasswordDialog

        dialog = SetPasswordDialog(self, change=True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self._swap_file(dialog.new_password(), dialog.current_password()):
            self.context.notify(_("The password has been changed."))
            self._after_new_password(dialog)

    def remove_password(self) -> None:
        from ui.dialogs.password_dialogs import RemovePasswordDialog

        dialog = RemovePasswordDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self._swap_file(None, dialog.current_password()):
            self.context.notify(_("The password is off: the data can be read without it."))

    def _after_new_password(self, dialog: object) -> None:
        from ui.dialogs.password_dialogs import SetPasswordDialog

        assert isinstance(dialog, SetPasswordDialog)
        if dialog.print_sheet.isChecked():
            self.print_recovery_sheet(
                dialog.new_password() if dialog.with_password.isChecked() else ""
            )

    def recovery_sheet_pdf(self, with_password: str = "") -> bytes:
        from app.printouts import recovery_key

        organisation = ""
        programme_id = self.context.programme_id
        if programme_id is not None:
            from app.model import Programme

            organisation = self.context.ops.read(
                lambda s: p.organisation if (p := s.get(Programme, programme_id)) else ""
            )
        sheet = recovery_key.RecoverySheet(
            organisation=organisation,
            data_folder=str(self.context.database.paths.folder),
            set_by=self.context.preferences.coordinator_name,
            password=with_password,
        )
        return recovery_key.render(sheet, self.context.today())

    def print_recovery_sheet(self, with_password: str = "") -> None:
        from ui.widgets.print_preview import PrintPreviewDialog

        pdf = self.recovery_sheet_pdf(with_password)
        dialog = PrintPreviewDialog(pdf, _("Password recovery sheet"), "recovery-sheet.pdf", self)
        dialog.setObjectName("print-preview")
        dialog.open()

    def show_audit_trail(self, table: str | None = None, record_id: int | None = None) -> None:
        """The audit trail, or one record's history (pages may call this with a record)."""
        from ui.dialogs.audit_dialog import AuditDialog

        AuditDialog(self.context, self, table=table, record_id=record_id).exec()

    def show_privacy(self) -> None:
        """Subject access, erasure on request and the retention review."""
        from ui.dialogs.privacy_dialog import PrivacyDialog

        PrivacyDialog(self.context, self).exec()
        self.refresh()

    def _save_language(self, _index: int = 0) -> None:
        code = str(self.language_box.currentData() or "en_GB")
        self.context.preferences.language = "" if code == "en_GB" else code
        self.context.save_preferences()
        self.language_note.setText(
            _("The new language is used the next time Mentor Desk is opened.")
        )
        self.language_note.show()
        announce(self.language_note, self.language_note.text())

    def _save_name(self) -> None:
        self.context.preferences.coordinator_name = self.coordinator_name.text().strip()
        self.context.save_preferences()
