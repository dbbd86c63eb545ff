"""Help > About Mentor Desk: which version this is, its licence, and where the data lives."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, LICENCE, __version__
from app.i18n import _
from app.paths import DataPaths
from ui.widgets.accessible import describe


class AboutDialog(QDialog):
    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.application import app_icon

        self.paths = paths
        self.setObjectName("about-dialog")
        self.setWindowTitle(_("About Mentor Desk"))
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(_("{name}, version {version}").format(name=APP_NAME, version=__version__))
        title.setObjectName("about-version")
        title.setProperty("role", "heading")
        what = QLabel(
            _(
                "Runs a mentoring programme in a small childcare setting, on this computer, "
                "with no internet needed."
            )
        )
        what.setWordWrap(True)
        licence = QLabel(
            _(
                "Free software under the {licence} licence: you may use, share and change it; "
                "it comes with no warranty."
            ).format(licence=LICENCE)
        )
        licence.setWordWrap(True)
        folder_label = QLabel(_("Your data is kept in this folder:"))
        self.folder = QLabel(str(paths.folder))
        self.folder.setObjectName("about-data-folder")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        describe(self.folder, _("Data folder"))
        self.open_folder = QPushButton(_("&Open the data folder"))
        self.open_folder.setObjectName("open-data-folder")
        self.open_folder.clicked.connect(self.open_data_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        head = QHBoxLayout()
        head.addWidget(icon)
        head.addWidget(title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(what)
        layout.addWidget(licence)
        layout.addSpacing(8)
        layout.addWidget(folder_label)
        layout.addWidget(self.folder)
        layout.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def open_data_folder(self) -> bool:
        """Show the data folder in the computer's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.folder)))
