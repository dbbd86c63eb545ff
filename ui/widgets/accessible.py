"""Small helpers so a screen reader hears what a sighted coordinator sees.

- A label that shows a value (an e-mail address, a reminder, a board message) keeps its text as
  its accessible name: the caption goes in its accessible description (`describe`), never in
  its name, which would hide the value itself.
- Tables and lists leave Tab to move between controls (`leave_tab`); arrow keys move inside.
- A message that appears without moving the focus ("Saved.", a board result) is announced
  (`announce`) as a polite live-region message.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget


def describe(label: QLabel, caption: str) -> QLabel:
    """`caption` says what `label`'s value is; the value stays what a screen reader reads."""
    label.setAccessibleName("")
    label.setAccessibleDescription(caption.replace("&", ""))
    return label


def leave_tab(view: QAbstractItemView) -> QAbstractItemView:
    """Tab and Shift+Tab leave the table for the next control, as everywhere else."""
    view.setTabKeyNavigation(False)
    return view


def plain_text(label: QLabel) -> str:
    """What `label` shows, without markup (what a screen reader reads when no name is set)."""
    text = label.text()
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def hides_text(label: QLabel) -> bool:
    """Whether `label`'s accessible name replaces the text it shows (so the value is lost)."""
    name = label.accessibleName().strip()
    text = plain_text(label)
    return bool(name and text and name != text)


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say `message` without moving the focus (a polite live region)."""
    if not message or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    QAccessible.updateAccessibility(event)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at `width`×`height`, or smaller on a small or magnified screen (its contents
    scroll), leaving room for the title bar."""
    screen = window.screen().availableGeometry()
    window.resize(min(width, screen.width()), min(height, screen.height() - 40))
