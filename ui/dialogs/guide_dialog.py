"""Help > User guide: the short guide shipped in resources/guide, opened at a page's section
when asked from that page ("What is this page?")."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.i18n import _


def guide_html() -> str:
    return (resources.files("resources") / "guide" / "guide.html").read_text(encoding="utf-8")


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, section: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user-guide")
        self.setWindowTitle(_("User guide"))
        self.resize(700, 640)
        self.text = QTextBrowser()
        self.text.setObjectName("user-guide-text")
        self.text.setAccessibleName(_("User guide"))
        self.text.setOpenLinks(True)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(guide_html())
        self.section = section
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.section:  # only once laid out can the browser scroll to the section
            section = self.section
            QTimer.singleShot(0, lambda: self.text.scrollToAnchor(section))
