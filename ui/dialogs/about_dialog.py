"""Help > About Mentor Desk: which version this is, its licence (and its whole text), and where
the data lives."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, LICENCE, __version__
from app.i18n import _
from app.paths import DataPaths
from ui.widgets.accessible import describe

#: Where the licence is read when the LICENSE file cannot be found (shown, never opened).
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


def licence_file() -> Path | None:
    """The LICENSE file shipped with the app: beside the `resources` folder (the checkout's
    top folder, or the bundle's `_internal`, where packaging/build-linux.sh puts it), else
    beside the bundle's program."""
    candidates = [Path(str(resources.files("resources"))).resolve().parent / "LICENSE"]
    if getattr(sys, "frozen", False):
        candidates.append(Path(sys.executable).resolve().parent / "LICENSE")
    return next((path for path in candidates if path.is_file()), None)


def licence_text() -> str | None:
    """The whole licence as shipped, or None when this copy has lost it."""
    path = licence_file()
    if path is not None:
        return path.read_text(encoding="utf-8")
    from importlib import metadata

    try:  # installed from a wheel: the licence is in the package's metadata
        distribution = metadata.distribution("mentordesk")
    except metadata.PackageNotFoundError:
        return None
    for name in ("licenses/LICENSE", "LICENSE"):
        text = distribution.read_text(name)
        if text:
            return text
    return None


def reflowed(text: str) -> str:
    """The licence with each paragraph as one line, so it wraps to the window (the file breaks
    its lines at 72 characters, which leaves ragged gaps in a narrow or magnified window).
    Centred headings ("Preamble", "TERMS AND CONDITIONS") keep their own lines."""
    paragraphs: list[str] = []
    for block in text.split("\n\n"):
        lines: list[str] = []
        joins = False  # whether the next line carries on the one before
        for line in block.splitlines():
            words = line.strip()
            if not words:
                continue
            heading = len(line) - len(line.lstrip()) >= 8
            if joins and not heading:
                lines[-1] += " " + words
            else:
                lines.append(words)
            joins = not heading
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


class LicenceDialog(QDialog):
    """The whole licence, to read: read-only, scrolling, closed with Escape or Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("licence-dialog")
        self.setWindowTitle(_("Licence"))
        intro = QLabel(
            _(
                "Mentor Desk is free software under the General Public License (GPL), version "
                "3 or (at your choice) any later version. These are its full terms."
            )
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("licence-text")
        self.text.setReadOnly(True)
        # Read-only text still takes the keyboard: arrows and Page Up/Down scroll, a screen
        # reader's caret can move through it; Tab moves on to Close instead of typing.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setTabChangesFocus(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setAccessibleName(_("Licence text"))
        self.text.setAccessibleDescription(_("The General Public License (GPL), version 3"))
        shipped = licence_text()
        self.found = shipped is not None
        if shipped is None:
            self.text.setPlainText(
                _(
                    "The licence file is missing from this copy of Mentor Desk. It is the General "
                    "Public License (GPL), version 3 or later, and can be read at {url}"
                ).format(url=LICENCE_URL)
            )
        else:
            self.text.setPlainText(reflowed(shipped))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(_("Close the licence"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self.text.setFocus()


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
                "Free software under the General Public License (GPL), version 3 or later "
                "({licence}): you may use, share and change it; it comes with no warranty."
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
        self.read_licence = QPushButton(_("&Read the licence"))
        self.read_licence.setObjectName("read-licence")
        self.read_licence.setAccessibleName(_("Read the licence"))
        self.read_licence.setAccessibleDescription(
            _("Shows the full text of the General Public License (GPL)")
        )
        self.read_licence.clicked.connect(self.show_licence)
        self.licence_dialog: LicenceDialog | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # About opens with Close chosen, so Enter closes it; Tab reaches the other buttons.
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setDefault(True)

        head = QHBoxLayout()
        head.addWidget(icon)
        head.addWidget(title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(what)
        layout.addWidget(licence)
        layout.addWidget(self.read_licence, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addWidget(folder_label)
        layout.addWidget(self.folder)
        layout.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        if close is not None:
            close.setFocus()

    def show_licence(self) -> LicenceDialog:
        """The licence's whole text, over this dialog."""
        if self.licence_dialog is None:
            self.licence_dialog = LicenceDialog(self)
        self.licence_dialog.open()
        return self.licence_dialog

    def open_data_folder(self) -> bool:
        """Show the data folder in the computer's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.folder)))
