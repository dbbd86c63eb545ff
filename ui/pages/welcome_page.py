"""The welcome page, shown while the data folder holds no programme (the first day).

Two sentences on what Mentor Desk does, and three ways in: plan a new programme, look round the
demo in a folder of its own, or bring the data from an old computer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.first_run import demo_folder_for, prepare_demo
from app.i18n import _
from ui.context import AppContext


def demo_command(folder: Path) -> tuple[str, list[str]]:
    """How to start Mentor Desk on `folder`: the bundle's own program, or Python from source."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--data", str(folder)]
    return sys.executable, ["-m", "ui", "--data", str(folder)]


def start_detached(program: str, arguments: list[str]) -> bool:
    """Start another Mentor Desk window (tests replace this)."""
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)


class WelcomePage(QWidget):
    #: A move file or backup chosen to bring in (the application restores it).
    restore_requested = Signal(object)
    #: The coordinator asks to put a password on the data (the Settings page does it).
    password_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("welcome-page")
        self.wizard: QWidget | None = None
        heading = QLabel(_("Welcome to {name}").format(name=APP_NAME))
        heading.setProperty("role", "heading")
        about = QLabel(
            _(
                "Mentor Desk runs a mentoring programme in a childcare setting: the people "
                "and their checks, the matches, meetings and goals, and every form to print "
                "and sign. It keeps it all on this computer, with no internet needed, and "
                "each day it tells you what is due."
            )
        )
        about.setWordWrap(True)
        about.setObjectName("welcome-about")

        self.plan_button = QPushButton(_("&Start a new programme…"))
        self.plan_button.setObjectName("welcome-plan")
        self.plan_button.clicked.connect(self.plan_programme)
        plan_hint = QLabel(
            _("The planning wizard asks about your programme a page at a time; stop any time.")
        )
        self.demo_button = QPushButton(_("&Look around the demo programme"))
        self.demo_button.setObjectName("welcome-demo")
        self.demo_button.clicked.connect(self.open_demo)
        demo_hint = QLabel(
            _(
                "Made-up people and details, in a separate demo folder. Nothing you try "
                "there touches your own data."
            )
        )
        self.restore_button = QPushButton(_("&Bring your data from another computer…"))
        self.restore_button.setObjectName("welcome-restore")
        self.restore_button.clicked.connect(self.choose_restore)
        restore_hint = QLabel(
            _(
                "Choose the move file made on the old computer (File > Move to another "
                "computer), or a backup file."
            )
        )
        self.password_button = QPushButton(_("Put a pass&word on the data…"))
        self.password_button.setObjectName("welcome-password")
        self.password_button.clicked.connect(self.password_requested.emit)
        password_hint = QLabel(
            _(
                "Wise on a shared computer, or one you carry to a venue. Without the "
                "password, nobody can read the file or its backups. A forgotten password "
                "cannot be recovered, so you are offered a sheet to print and keep safe."
            )
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 24, 32, 24)
        column.addWidget(heading)
        column.addWidget(about)
        column.addSpacing(16)
        for button, hint in (
            (self.plan_button, plan_hint),
            (self.demo_button, demo_hint),
            (self.restore_button, restore_hint),
            (self.password_button, password_hint),
        ):
            hint.setProperty("role", "hint")
            hint.setWordWrap(True)
            hint.setBuddy(button)
            button.setMinimumHeight(36)
            button.setAccessibleDescription(hint.text())
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            column.addWidget(hint)
            column.addSpacing(10)
        self.password_hint = password_hint
        column.addStretch(1)
        self.show_protection()

    def show_protection(self) -> None:
        """Offer the password only while the data has none."""
        from app.storage import encryption

        protected = encryption.is_encrypted(self.context.database.paths.database)
        self.password_button.setVisible(not protected)
        self.password_hint.setVisible(not protected)

    def plan_programme(self) -> None:
        from ui.wizards.planning_wizard import PlanningWizard

        # The main window owns it: the wizard's first page makes the programme, and then this
        # page is taken away (and deleted) while the wizard carries on.
        self.wizard = PlanningWizard(self.context, None, self.window())
        self.wizard.open()

    def open_demo(self) -> bool:
        """Make the demo folder (once) and open it in a window of its own."""
        demo = demo_folder_for(self.context.database.paths)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            prepare_demo(demo)
        except Exception as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, _("Demo not opened"), str(exc))
            return False
        QApplication.restoreOverrideCursor()
        program, arguments = demo_command(demo.folder)
        if not start_detached(program, arguments):
            QMessageBox.warning(
                self, _("Demo not opened"), _("The demo window could not be started.")
            )
            return False
        self.context.notify(
            _("The demo opens in its own window, from the folder {folder}.").format(
                folder=demo.folder
            )
        )
        return True

    def choose_restore(self) -> None:
        picked, _filter = QFileDialog.getOpenFileName(
            self,
            _("Bring your data from another computer"),
            str(Path.home()),
            _("Mentor Desk move or backup files (*.mentordesk-move *.sqlite3);;All files (*)"),
        )
        if picked:
            self.restore_requested.emit(Path(picked))
