"""Help: the guidance text shipped with the application, and About."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.i18n import _
from ui.context import AppContext


def guidance_html() -> str:
    return (resources.files("resources") / "help" / "guidance.html").read_text(encoding="utf-8")


def show_guidance(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Guidance"))
    dialog.resize(640, 620)
    text = QTextBrowser()
    text.setHtml(guidance_html())
    text.setAccessibleName(_("Guidance"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.open()


def show_about(parent: QWidget, context: AppContext) -> None:
    paths = context.database.paths
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("About Mentor Desk"))
    title = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
    body = QLabel(
        _(
            "Runs a mentoring programme in a small childcare setting, on this PC, with no "
            "internet needed.<br><br>Data folder: {folder}<br>Licence: GPL-3.0-or-later"
        ).format(folder=paths.folder)
    )
    body.setWordWrap(True)
    open_folder = QPushButton(_("&Open data folder"))
    open_folder.setAccessibleName(_("Open data folder"))
    open_folder.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.folder)))
    )
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(title)
    layout.addWidget(body)
    layout.addWidget(open_folder)
    layout.addWidget(buttons)
    dialog.open()
