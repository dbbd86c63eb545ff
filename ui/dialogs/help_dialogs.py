"""Help: the guidance text shipped with the application, and About."""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _


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
