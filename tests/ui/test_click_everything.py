"""Click everything: every page, every tab, every record tab of several demo people, every
enabled button, every menu entry and page action, with the dialogs they open cancelled. Nothing
may raise in a slot, write an error to the log, or reach the application's crash message.

How dialogs are handled, so nothing blocks:
- `QDialog.exec` (so also wizards and message boxes built by hand) shows the dialog, checks it
  was built, presses its own buttons the first time that kind of dialog appears (Save or OK
  just before Cancel or Close: they validate, but the page is told "cancelled", so nothing is
  saved), and returns "cancelled".
- Message boxes' static functions answer No (or Cancel) and OK; file, input and print dialogs
  are cancelled; opening a folder in the file manager is only recorded.
- Windows that open without blocking (the print preview, help, the planning wizard, the policy
  editor) are explored the same way the first time, then closed.
- A context menu, when a list asks for one, has each of its entries chosen in turn.

pytest-qt fails a test on any exception raised in a Qt slot or virtual method; on top of that
the application's own exception hook is installed (as `mentordesk` does at start-up) with its
crash message replaced by a recorder, and any error logged fails the test too.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
    QWidgetAction,
    QWizard,
)
from pytestqt.qtbot import QtBot

from app.model import Role
from app.model.person import Stage
from app.paths import DataPaths
from app.services import people
from ui import application
from ui.main_window import MainWindow
from ui.pages.people_page import PeoplePage
from ui.pages.programmes_page import ProgrammesPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

#: Buttons and menu entries never pressed along the way, by their text (without "&" and "…")
#: or accessible name, with the reason. Keep it short: everything else is pressed.
EXCLUDED: dict[str, str] = {
    "Quit": "closes the window; chosen once, at the very end, instead",
}

#: How deep dialogs opened from dialogs are explored (page > dialog > dialog > dialog).
MAX_DEPTH = 3
#: A safety net: more presses than this under one widget means buttons keep appearing.
MAX_PRESSES = 400


def _text(item: QAbstractButton | QAction) -> str:
    return item.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def _name(item: QAbstractButton | QAction) -> str:
    text = _text(item)
    accessible = item.accessibleName() if isinstance(item, QWidget) else ""
    return f"{text} [{accessible}]" if accessible and accessible != text else text


def _excluded(item: QAbstractButton | QAction) -> bool:
    names = {_text(item).strip(), _text(item).rstrip("…").strip()}
    if isinstance(item, QWidget):
        names.add(item.accessibleName())
    return bool(names & EXCLUDED.keys())


def _process() -> None:
    QApplication.processEvents()


def _is_internal(button: QAbstractButton) -> bool:
    """Qt's own buttons inside other widgets (tab scrollers, clear buttons, calendar arrows)."""
    if button.objectName().startswith("qt_"):
        return True
    parent = button.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, (QTabBar, QLineEdit, QCalendarWidget)):
            return True
        parent = parent.parentWidget()
    return False


def _closing_rank(root: QWidget, button: QAbstractButton) -> int:
    """0 for ordinary buttons, 1 for those that accept a dialog, 2 for those that cancel it:
    pressed in that order, so a dialog is explored before it closes."""
    box = button.parentWidget()
    if isinstance(box, QDialogButtonBox):
        role = box.buttonRole(button)
        if role in (
            QDialogButtonBox.ButtonRole.RejectRole,
            QDialogButtonBox.ButtonRole.NoRole,
            QDialogButtonBox.ButtonRole.DestructiveRole,
        ):
            return 2
        if role in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole):
            return 1
    if isinstance(root, QWizard):
        if button is root.button(QWizard.WizardButton.CancelButton):
            return 2
        if button is root.button(QWizard.WizardButton.FinishButton):
            return 1
    if isinstance(root, QDialog) and _text(button).rstrip("…") in ("Close", "Cancel"):
        return 2
    return 0


def _select_first_rows(root: QWidget) -> bool:
    """Choose the first row of every visible list with nothing chosen, so buttons that need a
    choice are enabled; whether any was chosen."""
    chose = False
    for view in root.findChildren(QAbstractItemView):
        model, selection = view.model(), view.selectionModel()
        if not view.isVisible() or model is None or selection is None:
            continue
        if model.rowCount() and not selection.hasSelection():
            selection.setCurrentIndex(
                model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            chose = True
    _process()
    return chose


@dataclass
class Clicker:
    """Presses everything under a widget, handling every dialog that opens, and keeps count."""

    buttons: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    context_entries: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    #: What is being pressed now, outermost first, to say where an error came from.
    doing: list[str] = field(default_factory=list)
    explored: set[str] = field(default_factory=set)
    depth: int = 0
    #: For a context menu: which entry to choose, and how many it had.
    menu_choice: int = 0
    menu_size: int = 0

    # --- patches -----------------------------------------------------------------------------
    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def answer(kind: str) -> Callable[..., QMessageBox.StandardButton]:
            def static(
                parent: QWidget | None, title: str, text: str, *args: Any, **kw: Any
            ) -> QMessageBox.StandardButton:
                self.messages.append(f"{kind}: {title}: {text}")
                buttons = args[0] if args else kw.get("buttons")
                if kind != "question":
                    return QMessageBox.StandardButton.Ok
                if buttons is not None and buttons & QMessageBox.StandardButton.Cancel:
                    return QMessageBox.StandardButton.Cancel
                return QMessageBox.StandardButton.No

            return static

        def cancel(what: str, value: object) -> Callable[..., object]:
            def static(*args: Any, **kw: Any) -> object:
                self.cancelled.append(what)
                return value

            return static

        # Set on the class, so a plain function (called with the dialog), not a bound method.
        monkeypatch.setattr(QDialog, "exec", lambda dialog: self.modal(dialog))
        monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: self._cancel_print(dialog))
        for kind in ("question", "information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(answer(kind)))
        file_answers: list[tuple[str, object]] = [
            ("getOpenFileName", ("", "")),
            ("getOpenFileNames", ([], "")),
            ("getSaveFileName", ("", "")),
            ("getExistingDirectory", ""),
        ]
        for name, value in file_answers:
            monkeypatch.setattr(QFileDialog, name, staticmethod(cancel(name, value)))
        input_answers: list[tuple[str, object]] = [
            ("getItem", ("", False)),
            ("getText", ("", False)),
            ("getInt", (0, False)),
            ("getMultiLineText", ("", False)),
        ]
        for name, value in input_answers:
            monkeypatch.setattr(QInputDialog, name, staticmethod(cancel(name, value)))
        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(cancel("openUrl", True)))
        monkeypatch.setattr(QMenu, "exec", lambda menu, *a, **k: self._context_menu(menu))
        monkeypatch.setattr(QMenu, "popup", lambda menu, *a, **k: self._context_menu(menu))
        # The application's own crash message records instead of showing.
        monkeypatch.setattr(application, "show_crash_dialog", self._crash_dialog)

    def _crash_dialog(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None, log: Path
    ) -> None:
        self.crashes.append(f"{' > '.join(self.doing)}: {kind.__name__}: {error}")

    def _cancel_print(self, dialog: QPrintDialog) -> int:
        assert dialog.windowTitle(), "the print dialog has no title"
        self.dialogs.append(f"QPrintDialog: {dialog.windowTitle()}")
        return int(QDialog.DialogCode.Rejected.value)

    def _context_menu(self, menu: QMenu) -> QAction | None:
        entries = [a for a in menu.actions() if not a.isSeparator() and a.isEnabled()]
        self.menu_size = len(entries)
        if not entries:
            return None
        chosen = entries[self.menu_choice % len(entries)]
        self.context_entries.append(_name(chosen))
        self._trigger(chosen)  # as Qt does: the entry is triggered, then returned
        return chosen

    # --- dialogs -----------------------------------------------------------------------------
    def modal(self, dialog: QDialog) -> int:
        """What `dialog.exec()` does here: check it was built, explore it, cancel it."""
        title, kind = dialog.windowTitle(), type(dialog).__name__
        if isinstance(dialog, QMessageBox):
            self.messages.append(f"box: {title}: {dialog.text()}")
            escape = dialog.escapeButton()
            return int(dialog.standardButton(escape).value) if escape is not None else 0
        built = bool(dialog.pageIds()) if isinstance(dialog, QWizard) else bool(dialog.layout())
        assert built and title, f"{kind} '{title}' opened empty or without a title"
        self.dialogs.append(f"{kind}: {title}")
        dialog.show()
        _process()
        self.explore_window(dialog)
        self._close(dialog)
        return int(QDialog.DialogCode.Rejected.value)

    def explore_window(self, window: QWidget) -> None:
        """The first time a kind of dialog appears, press its buttons too (not too deep)."""
        kind = type(window).__name__
        key = f"{kind}: {window.windowTitle()}" if kind in ("QDialog", "QWizard") else kind
        if key in self.explored or self.depth >= MAX_DEPTH:
            return
        self.explored.add(key)
        self.depth += 1
        try:
            self.explore(window, keep_open=True)
        finally:
            self.depth -= 1

    @staticmethod
    def _close(dialog: QDialog) -> None:
        if shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.reject()  # its own reject first (it may ask before discarding a draft)
        if shiboken6.isValid(dialog) and dialog.isVisible():
            QDialog.done(dialog, int(QDialog.DialogCode.Rejected.value))
        _process()

    def close_new_windows(self, before: set[int]) -> None:
        """Windows opened without blocking (print preview, help, wizards): explore, close."""
        for widget in QApplication.topLevelWidgets():
            if (
                id(widget) in before
                or not widget.isVisible()
                or isinstance(widget, (MainWindow, QMenu))
                or widget.windowType() == Qt.WindowType.ToolTip
            ):
                continue
            assert isinstance(widget, QDialog), f"a {type(widget).__name__} window opened"
            self.dialogs.append(f"{type(widget).__name__} (open): {widget.windowTitle()}")
            self.explore_window(widget)
            self._close(widget)

    # --- pressing ----------------------------------------------------------------------------
    @contextmanager
    def _doing(self, what: str) -> Iterator[None]:
        self.doing.append(what)
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        try:
            yield
            _process()
            self.close_new_windows(before)
        finally:
            self.doing.pop()

    def _trigger(self, action: QAction) -> None:
        if isinstance(action, QWidgetAction) and isinstance(
            calendar := action.defaultWidget(), QCalendarWidget
        ):
            with self._doing("a day in the calendar"):
                self.actions.append(" > ".join(self.doing[-2:]))
                calendar.clicked.emit(calendar.selectedDate())
            return
        if action.isSeparator() or not action.isEnabled() or _excluded(action):
            return
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            self.menu(submenu)
            return
        with self._doing(_name(action)):
            self.actions.append(" > ".join(self.doing[-2:]))
            action.trigger()

    def menu(self, menu: QMenu) -> None:
        """Every entry of a menu and its submenus, as if chosen one after another."""
        menu.aboutToShow.emit()
        for action in list(menu.actions()):
            if shiboken6.isValid(action):
                self._trigger(action)
        if shiboken6.isValid(menu):
            menu.aboutToHide.emit()

    def _candidates(self, root: QWidget) -> list[tuple[tuple[str, ...], QAbstractButton]]:
        """Enabled, visible buttons in `root`'s window, each with a key that survives the
        page being rebuilt (type, text, accessible name, and which of its kind it is)."""
        found: list[tuple[tuple[str, ...], QAbstractButton]] = []
        seen: dict[tuple[str, ...], int] = {}
        for button in root.findChildren(QAbstractButton):
            if not isinstance(button, (QPushButton, QToolButton)) or _is_internal(button):
                continue
            if button.window() is not root.window():
                continue  # in another window (a dialog parented to the page)
            if not (button.isVisible() and button.isEnabled()):
                continue
            base = (type(button).__name__, _text(button), button.accessibleName())
            seen[base] = seen.get(base, 0) + 1
            found.append(((*base, str(seen[base])), button))
        return found

    def explore(self, root: QWidget, *, keep_open: bool = False) -> None:
        """Press every enabled, visible button under `root` once, including those that appear
        or become enabled on the way (choosing the first row of lists filled meanwhile)."""
        done: set[tuple[str, ...]] = set()
        known: set[tuple[str, ...]] = set()
        for _press in range(MAX_PRESSES):
            if not shiboken6.isValid(root):
                return
            if keep_open and not root.isVisible():
                root.show()  # a button closed it: open it again for the rest
                _process()
            found = self._candidates(root)
            if not [k for k, _b in found if k not in done] and _select_first_rows(root):
                found = self._candidates(root)
            # Buttons the last press revealed come first (Accept after Suggest, say), then the
            # rest in order; in a dialog, those that close it come last.
            order = {k: n for n, (k, _b) in enumerate(found)}
            todo = sorted(
                ((k, b) for k, b in found if k not in done),
                key=lambda item: (_closing_rank(root, item[1]), item[0] in known, order[item[0]]),
            )
            known.update(k for k, _b in found)
            if not todo:
                return
            key, button = todo[0]
            done.add(key)
            if not _excluded(button):
                self.press(button)
        raise AssertionError(f"still finding buttons under {root!r} after {MAX_PRESSES}")

    def press(self, button: QAbstractButton) -> None:
        with self._doing(_name(button)):
            self.buttons.append(_name(button))
            menu = button.menu() if isinstance(button, (QPushButton, QToolButton)) else None
            if menu is not None:
                self.menu(menu)  # a button that pops up a menu: every entry instead
            else:
                button.click()

    def context_menus(self, root: QWidget) -> None:
        """Right-click the first row of every list and table, choosing each entry in turn."""
        for view in root.findChildren(QAbstractItemView):
            model = view.model()
            if not view.isVisible() or model is None or model.rowCount() == 0:
                continue
            policy = view.contextMenuPolicy()
            if policy == Qt.ContextMenuPolicy.ActionsContextMenu:
                for action in view.actions():
                    self._trigger(action)
            elif policy == Qt.ContextMenuPolicy.CustomContextMenu:
                where = view.visualRect(model.index(0, 0)).center()
                self.menu_choice, self.menu_size = 0, 1
                while self.menu_choice < self.menu_size:
                    with self._doing(f"context menu of {view.accessibleName()}"):
                        view.customContextMenuRequested.emit(where)
                    self.menu_choice += 1

    def visit(self, root: QWidget) -> None:
        """Everything on `root`, then on each tab of each of its tab widgets in turn."""
        _select_first_rows(root)
        self.explore(root)
        self.context_menus(root)
        for tabs in root.findChildren(QTabWidget):
            for index in range(tabs.count() if shiboken6.isValid(tabs) else 0):
                if not (shiboken6.isValid(tabs) and tabs.isVisible()):
                    break
                tabs.setCurrentIndex(index)
                _process()
                content = tabs.currentWidget()
                _select_first_rows(content)
                self.explore(content)
                self.context_menus(content)

    def walk_window(
        self,
        window: MainWindow,
        *,
        settle: Callable[[], None] = _process,
        before_visit: Callable[[QWidget], None] | None = None,
    ) -> None:
        """Every page through the navigation, everything on it pressed (on each tab, and its
        shortcuts), then every entry of every menu in the menu bar."""
        programme_id = window.context.programme_id
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            settle()
            page = window.stack.currentWidget()
            assert page is not None
            if isinstance(page, ProgrammesPage):
                # Archived programmes stay listed, so Archive is followed by Bring back.
                page.show_archived.setChecked(True)
            if before_visit is not None:
                before_visit(page)
            self.visit(page)
            self.page_actions(page)
            # Archiving or opening another programme on the way moves the window: go back.
            window.context.set_programme(programme_id)
            _delete_closed()
        for action in window.menuBar().actions():
            self._trigger(action)

    def page_actions(self, page: QWidget) -> None:
        """Actions a page offers by shortcut (undo, redo, ...)."""
        for action in page.actions():
            self._trigger(action)

    def summary(self, seconds: float) -> str:
        return (
            f"{len(self.buttons)} buttons, {len(self.actions)} menu entries and actions, "
            f"{len(self.context_entries)} context-menu entries, {len(self.dialogs)} dialogs "
            f"cancelled, {len(self.messages)} messages answered, {len(self.cancelled)} file, "
            f"input and print dialogs cancelled, in {seconds:.1f} s"
        )


@contextmanager
def crash_reporting(paths: DataPaths, outer: Callable[..., None]) -> Iterator[None]:
    """The application's own exception hook in front of `outer` (pytest-qt's, which fails the
    test): an error in a slot is also logged and reaches the (recording) crash message."""
    previous = sys.excepthook
    application.install_excepthook(paths)
    app_hook = sys.excepthook

    def both(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        app_hook(kind, error, tb)
        outer(kind, error, tb)

    sys.excepthook = both
    try:
        yield
    finally:
        sys.excepthook = previous


@pytest.fixture
def clicker(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Clicker:
    found = Clicker()
    found.install(monkeypatch)
    return found


@contextmanager
def _nothing_goes_wrong(
    clicker: Clicker, window: MainWindow, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    caplog.set_level(logging.WARNING)
    started = time.perf_counter()
    with crash_reporting(window.context.database.paths, sys.excepthook):
        yield
    print("\n" + clicker.summary(time.perf_counter() - started))
    assert not clicker.crashes, "the crash message would have been shown:\n" + "\n".join(
        clicker.crashes
    )
    errors = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, "errors were logged:\n" + "\n".join(errors)


def _delete_closed() -> None:
    """Delete what was closed (dialogs, replaced record tabs) so the next page is not slowed."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_every_page_button_and_menu_entry_works(
    qtbot: QtBot, window: MainWindow, clicker: Clicker, caplog: pytest.LogCaptureFixture
) -> None:
    # Restoring asks which file and whether to replace the data; both are cancelled here.
    window.restore_requested.connect(lambda path: application.restore_into(window, path))
    with _nothing_goes_wrong(clicker, window, caplog):
        # WHEN every page is opened through the navigation, and everything on it, on each of
        # its tabs, is pressed, AND every entry of every menu in the menu bar is chosen
        clicker.walk_window(window)
        # AND, last of all, File > Quit
        quit_action = next(
            entry
            for top in window.menuBar().actions()
            if isinstance(menu := top.menu(), QMenu)
            for entry in menu.actions()
            if _text(entry) == "Quit"
        )
        quit_action.trigger()
        _process()
    # THEN nothing went wrong (checked on leaving the block), a great deal was pressed, every
    # kind of window opened, and the window closed
    assert not window.isVisible()
    assert len(clicker.buttons) > 150, clicker.buttons
    assert len(clicker.actions) >= 20, clicker.actions
    opened = {d.split(":")[0].removesuffix(" (open)") for d in clicker.dialogs}
    for kind in ("PrintPreviewDialog", "PlanningWizard", "PersonDialog", "ImportWizard"):
        assert kind in opened, sorted(opened)


def _demo_people(window: MainWindow) -> dict[str, int]:
    """A mentor and a mentee, each ready and not ready, someone who is both, someone matched,
    someone who withdrew and someone with a task to do (ids by what they show)."""
    programme_id = window.context.programme_id
    assert programme_id is not None
    today = window.context.today()
    index = window.context.ops.read(lambda s: people.people_index(s, programme_id, today))
    tasks = window.context.ops.read(lambda s: people.list_tasks(s, programme_id))
    chosen: dict[str, int] = {}

    def pick(what: str, test: Callable[[people.PersonIndex], bool]) -> None:
        found = next((p for p in index if test(p) and p.id not in chosen.values()), None)
        assert found is not None, f"the demo has no {what}"
        chosen[what] = found.id

    pick("ready mentor", lambda p: p.roles == {Role.MENTOR} and p.ready and not p.match_key)
    pick("mentor not ready", lambda p: p.roles == {Role.MENTOR} and not p.ready)
    pick("ready mentee", lambda p: p.roles == {Role.MENTEE} and p.ready)
    pick("mentee not ready", lambda p: p.roles == {Role.MENTEE} and not p.ready)
    pick("mentor and mentee", lambda p: len(p.roles) == 2)
    pick("matched", lambda p: bool(p.match_key))
    pick("withdrawn", lambda p: Stage.WITHDRAWN in p.stages)
    pick("with a task to do", lambda p: p.id in {t.person_id for t in tasks})
    return chosen


def test_every_record_tab_button_works_for_several_people(
    qtbot: QtBot, window: MainWindow, clicker: Clicker, caplog: pytest.LogCaptureFixture
) -> None:
    window.go_to("people")
    page = window.stack.currentWidget()
    assert isinstance(page, PeoplePage)
    chosen = _demo_people(window)
    with _nothing_goes_wrong(clicker, window, caplog):
        for number, (what, person_id) in enumerate(chosen.items()):
            # WHEN each person's record is opened and every tab shown
            page.select(person_id)
            _process()
            record = page.record.record
            assert record is not None and record.id == person_id, what
            for tab in range(page.record.tabs.count()):
                page.record.tabs.setCurrentIndex(tab)
                _process()
                content = page.record.tabs.currentWidget()
                if number == 0:
                    # AND every button pressed with nothing chosen in its lists (once) ...
                    clicker.explore(content)
                # ... and with the first row of each list chosen (edit, delete)
                _select_first_rows(content)
                clicker.explore(content)
            clicker.explore(page.record)  # Edit details…
            _delete_closed()
    # THEN nothing went wrong, and every kind of screening dialog was opened and cancelled
    opened = {d.split(":")[0] for d in clicker.dialogs}
    for kind in (
        "StepDateDialog",
        "InterviewDialog",
        "ReferenceDialog",
        "PvgDialog",
        "TrainingDialog",
        "StageDialog",
    ):
        assert kind in opened, (kind, sorted(opened))
    pressed = {b.split(" [")[0] for b in clicker.buttons}
    for button in ("Record…", "Record an interview…", "Edit interview…", "Update stage…"):
        assert button in pressed, (button, sorted(pressed))
    assert "Mark done" in pressed, sorted(pressed)
    assert any("Choose one first" in m for m in clicker.messages)  # nothing chosen: told so


@pytest.mark.qt_no_exception_capture
def test_a_broken_slot_is_caught(
    qtbot: QtBot, paths: DataPaths, clicker: Clicker, caplog: pytest.LogCaptureFixture
) -> None:
    """The harness itself: an error raised in a button's slot is logged and reaches the crash
    message (recorded here), so the tests above cannot pass over a crash. (pytest-qt's own
    capture, which fails them too, is switched off for this test only.)"""
    holder = QWidget()
    qtbot.addWidget(holder)
    broken = QPushButton("Broken", holder)
    broken.clicked.connect(lambda: 1 / 0)
    holder.show()
    hook = sys.excepthook
    with crash_reporting(paths, lambda *error: None):
        clicker.explore(holder)
    assert sys.excepthook is hook  # put back as it was
    assert clicker.buttons == ["Broken"]
    assert any(c.startswith("Broken: ZeroDivisionError") for c in clicker.crashes), clicker.crashes
    assert any(r.levelno == logging.CRITICAL for r in caplog.records)  # logged for support
