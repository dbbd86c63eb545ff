"""The idle lock: after the chosen minutes without use, every window of Mentor Desk hides its
content behind a password prompt, until the password on the data is typed again.

Nothing is closed or thrown away: open dialogs stay open under their own cover, with what was
typed in them, and reappear as they were. The menus and shortcuts are switched off meanwhile, so
no record can be opened or printed from behind the cover. The lock needs a password on the
data (without one there is nothing to type to unlock); with none it never engages.
"""

from __future__ import annotations

import hmac

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.storage import encryption
from ui.context import AppContext

#: What counts as "using" Mentor Desk: the keyboard and the mouse.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }
)


class LockCover(QWidget):
    """Covers one window completely: a heading, the password field and an Unlock button."""

    def __init__(self, covered: QWidget, lock: IdleLock) -> None:
        super().__init__(covered)
        self.setObjectName("lock-cover")
        self.lock = lock
        self.covered = covered
        self.setAutoFillBackground(True)
        heading = QLabel(_("Mentor Desk is locked"))
        heading.setProperty("role", "heading")
        explain = QLabel(
            _("Type the password to carry on. Anything you were typing has been kept.")
        )
        explain.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        self.password.setMinimumWidth(240)
        self.password.returnPressed.connect(self.try_unlock)
        label = QLabel(_("&Password"))
        label.setBuddy(self.password)
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setAccessibleName(_("Unlock"))
        self.unlock_button.clicked.connect(self.try_unlock)
        self.error = QLabel()
        self.error.setObjectName("lock-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.password)
        row.addWidget(self.unlock_button)
        box = QWidget()
        box.setFixedWidth(520)
        inner = QVBoxLayout(box)
        inner.setSpacing(10)
        inner.addWidget(heading)
        inner.addWidget(explain)
        inner.addLayout(row)
        inner.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        covered.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        self.setGeometry(self.covered.rect())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.covered and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def try_unlock(self) -> None:
        if not self.lock.unlock(self.password.text()):
            self.password.clear()
            self.error.setText(
                _("⚠ That is not the password. Check the Caps Lock key and try again.")
            )


class IdleLock(QObject):
    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.locked = False
        self.covers: list[LockCover] = []
        self._disabled: list[QAction] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.restart()

    def protected(self) -> bool:
        paths = self.context.database.paths
        return encryption.knows(paths.folder) and encryption.is_encrypted(paths.database)

    def restart(self) -> None:
        """Start counting the idle minutes again (after any key press or mouse movement)."""
        minutes = self.context.preferences.lock_after_minutes
        if minutes > 0 and not self.locked:
            self.timer.start(minutes * 60 * 1000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in _ACTIVITY:
            self.restart()
        return False

    def lock(self) -> None:
        """Cover every window of Mentor Desk, if there is a password to unlock it with."""
        if self.locked or not self.protected():
            return
        self.locked = True
        self.timer.stop()
        windows = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.isWindow() and not isinstance(w, LockCover)
        ]
        if self.window not in windows:
            windows.insert(0, self.window)
        for action in self.window.findChildren(QAction):
            if action.isEnabled():
                action.setEnabled(False)
                self._disabled.append(action)
        self.covers = [LockCover(w, self) for w in windows]
        for cover in self.covers:
            cover.show()
        focus = QApplication.activeModalWidget()
        target = next((c for c in self.covers if c.covered is focus), self.covers[0])
        target.password.setFocus()
        self.locked_changed.emit(True)

    def unlock(self, typed: str) -> bool:
        """Take the covers off if `typed` is the password on the data; False if it is not."""
        known = encryption.password_of(self.context.database.paths.folder) or ""
        if not known or not hmac.compare_digest(typed.encode(), known.encode()):
            return False
        for cover in self.covers:
            cover.covered.removeEventFilter(cover)
            cover.hide()
            cover.deleteLater()
        self.covers = []
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.locked = False
        self.restart()
        self.locked_changed.emit(False)
        return True
