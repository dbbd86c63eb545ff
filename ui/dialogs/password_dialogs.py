"""Typing the password, and setting, changing or taking it off.

The prompt checks the password itself (it is the one question whose answer is the key); the
other dialogs only collect and validate what was typed, and the settings page does the work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.storage import encryption, password
from ui.widgets.form import ErrorForm

#: Wrong passwords allowed before the prompt gives up (nothing is changed by any of them).
TRIES = 3


def _secret_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(280)
    return field


def _warning_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("password-warning")
    label.setStyleSheet("QLabel { background: #fff4d6; padding: 8px; border: 1px solid #d9b44a; }")
    return label


class PasswordPromptDialog(QDialog):
    """Ask for the password of the data in `folder` and check it against `database`.

    Accepted once the password opens the file (it is then held for the session); after three
    wrong tries it says so and gives up, with nothing changed."""

    def __init__(
        self,
        folder: Path,
        database: Path,
        parent: QWidget | None = None,
        *,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("password-prompt")
        self.setWindowTitle(_("Password"))
        self.folder = folder
        self.database = database
        self.tries = 0
        self.gave_up = False
        text = QLabel(
            intro
            or _("The Mentor Desk data in {folder} is protected with a password.").format(
                folder=folder
            )
        )
        text.setWordWrap(True)
        self.form = ErrorForm()
        self.password = _secret_field()
        self.form.add_field("password", _("&Password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        try:
            encryption.unlock(self.folder, self.database, self.password.text())
        except encryption.WrongPasswordError as exc:
            self.tries += 1
            self.password.clear()
            if self.tries >= TRIES:
                self.gave_up = True
                self.form.show_errors({"password": exc.message})
                super().reject()
                return
            self._show_wrong(exc.message)
            return
        super().accept()

    def _show_wrong(self, message: str) -> None:
        left = TRIES - self.tries
        more = (
            _("One more try is left.")
            if left == 1
            else _("{n} more tries are left.").format(n=left)
        )
        self.form.show_errors({"password": message + " " + more})
        self.adjustSize()  # grow to show the whole message


def ask_password(folder: Path, database: Path, parent: QWidget | None = None) -> bool:
    """Ask until the password opens the data (True), or the coordinator cancels or has had
    three wrong tries (False, with a plain message)."""
    dialog = PasswordPromptDialog(folder, database, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if dialog.gave_up:
        QMessageBox.warning(parent, _("Password"), gave_up_message())
    return accepted


def gave_up_message() -> str:
    return _(
        "Three passwords in a row did not open the data, so Mentor Desk has stopped trying. "
        "Nothing has been changed. Find the password recovery sheet, then open Mentor Desk again."
    )


class SetPasswordDialog(QDialog):
    """A new password, typed twice (or suggested), with the warning that it cannot be
    recovered; when a password is on already, the current one too."""

    def __init__(self, parent: QWidget | None = None, *, change: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("change-password" if change else "set-password")
        self.setWindowTitle(_("Change the password") if change else _("Set a password"))
        self.change = change
        intro = QLabel(
            _(
                "With a password, the data file and every backup are locked (encrypted). "
                "Nobody can read them without it, even with the computer or a copy of the "
                "files in their hands."
            )
        )
        intro.setWordWrap(True)
        warning = _warning_label(
            _(
                "A forgotten password cannot be recovered, by you or by anyone else. Print the "
                "recovery sheet and keep it locked away from the computer."
            )
        )
        self.form = ErrorForm()
        self.current = _secret_field()
        if change:
            self.form.add_field("current", _("&Current password"), self.current)
        self.new = _secret_field()
        self.repeat = _secret_field()
        self.form.add_field(
            "password",
            _("&New password"),
            self.new,
            _("At least {n} characters. A few words joined by dashes are easy to type.").format(
                n=encryption.MIN_LENGTH
            ),
        )
        self.form.add_field("repeat", _("&Type it again"), self.repeat)
        self.suggest_button = QPushButton(_("Su&ggest a password"))
        self.suggest_button.setAccessibleName(_("Suggest a password"))
        self.suggest_button.clicked.connect(self.suggest)
        self.suggested = QLabel()
        self.suggested.setObjectName("suggested-password")
        self.suggested.setTextInteractionFlags(
            self.suggested.textInteractionFlags().TextSelectableByMouse
        )
        self.print_sheet = QCheckBox(_("Print the recovery s&heet afterwards"))
        self.print_sheet.setChecked(True)
        self.with_password = QCheckBox(
            _("Print the pass&word on the sheet (else write it by hand)")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("&Change the password") if change else _("&Set the password")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(warning)
        layout.addLayout(self.form)
        layout.addWidget(self.suggest_button)
        layout.addWidget(self.suggested)
        layout.addWidget(self.print_sheet)
        layout.addWidget(self.with_password)
        layout.addWidget(buttons)

    def suggest(self) -> None:
        chosen = password.suggest_password()
        self.new.setText(chosen)
        self.repeat.setText(chosen)
        self.suggested.setText(_("Suggested: {password}").format(password=chosen))

    def new_password(self) -> str:
        return self.new.text()

    def current_password(self) -> str | None:
        return self.current.text() if self.change else None

    def accept(self) -> None:
        problems = password.check_new_password(self.new.text(), self.repeat.text())
        if self.change and not self.current.text():
            problems["current"] = _("Type the password that is on the data now.")
        if problems:
            self.form.show_errors(problems)
            return
        super().accept()


class RemovePasswordDialog(QDialog):
    """The current password, to take it off, with what that means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remove-password")
        self.setWindowTitle(_("Take the password off"))
        warning = _warning_label(
            _(
                "Without a password, anyone who can use this computer can read all of it. "
                "So can anyone with a copy of the data folder or a backup."
            )
        )
        self.form = ErrorForm()
        self.current = _secret_field()
        self.form.add_field("current", _("&Current password"), self.current)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Take the password off"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def current_password(self) -> str:
        return self.current.text()

    def accept(self) -> None:
        if not self.current.text():
            self.form.show_errors({"current": _("Type the password that is on the data now.")})
            return
        super().accept()
