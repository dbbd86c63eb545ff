"""Today: everything due or overdue in the programme, in one list, the page the window opens on.

Grouped by kind, the most urgent first, each item saying why it is due in plain words. Enter
(or a double click, or Open) takes the coordinator to the record or dialog where it is done;
an item leaves the list when that record changes, never by ticking the list. Put aside… holds
an item until a date, with a reason that shows again when it comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_date, format_number
from app.i18n import _, ngettext
from app.model.support import ContactParty
from app.services import meetings, support
from app.services.changes import Changes
from app.today import service
from app.today.items import Place, Target, TodayItem, TodayList
from ui.context import AppContext
from ui.dialogs.support_dialogs import ConcernDialog, SupportContactDialog
from ui.pages.base import Page
from ui.printing import show_printout
from ui.widgets.accessible import describe
from ui.widgets.date_field import DateField
from ui.widgets.form import ErrorForm

#: Items shown at first in a group; the rest come with "Show all".
FIRST_ITEMS = 50
ITEM_ROLE = Qt.ItemDataRole.UserRole
MORE_ROLE = Qt.ItemDataRole.UserRole + 1

#: Which tab of the person's record holds what an item asks for.
PERSON_TABS = {"pvg": "screening", "stage": "screening", "task": "history"}

#: Goes to a page by its key and returns it (the window gives this to the page).
Navigator = Callable[[str], Page]


class SnoozeDialog(QDialog):
    """Put an item aside until a day, saying why (the reason shows when it comes back)."""

    def __init__(self, item: TodayItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(_("Put aside: {subject}").format(subject=item.subject))
        self.setMinimumWidth(480)
        why = QLabel(item.why)
        why.setWordWrap(True)
        earlier = item.snooze
        self.until = DateField(today + timedelta(days=7))
        self.reason = QLineEdit(earlier.reason if earlier else "")
        self.reason.setPlaceholderText(_("For example: waiting to hear back from the manager"))
        self.form = ErrorForm()
        self.form.add_field("until", _("&Bring it back on"), self.until)
        self.form.add_field("reason", _("&Why"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def values(self) -> tuple[date | None, str]:
        return self.until.value(), self.reason.text().strip()

    def accept(self) -> None:
        errors = service.validate_snooze(*self.values(), self.today)
        if errors:
            self.form.show_errors(errors)
            return
        super().accept()


class TodayTree(QTreeWidget):
    """The list; Enter on an item opens it (as a double click does)."""

    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


class TodayPage(Page):
    KEY = "today"
    #: The number of overdue items changed (the window shows it next to Today).
    overdue_changed = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("Today")
        self.listing: TodayList | None = None
        self._navigate: Navigator | None = None
        self._show_all: set[str] = set()

        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = TodayTree()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("Due"), _("Who or what"), _("Why")])
        self.tree.setAccessibleName(_("Everything due today"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 260)
        self.tree.open_requested.connect(self.open_current)
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.open_current())
        self.tree.currentItemChanged.connect(lambda _a, _b: self._current_changed())

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self.detail, _("Why it is due"))
        self.detail.setMinimumHeight(48)

        self.open_button = self._button(_("&Open"), _("Open where it is done"), self.open_current)
        self.snooze_button = self._button(
            _("Put &aside…"), _("Put aside until a day"), self.snooze_current
        )
        self.wake_button = self._button(
            _("&Bring back now"), _("Bring back now"), self.wake_current
        )
        self.print_button = self._button(
            _("Print toda&y's list…"), _("Print today's list"), self.print_list
        )
        buttons = QHBoxLayout()
        for button in (self.open_button, self.snooze_button, self.wake_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self._update_buttons()

    @staticmethod
    def _button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def set_navigator(self, navigate: Navigator) -> None:
        self._navigate = navigate

    # --- showing -------------------------------------------------------------------------
    def _changes_made(self, changes: Changes) -> None:
        # Always kept up to date, hidden or not: the window shows the overdue count.
        if changes.anything:
            self.refresh()

    def _programme_changed(self, _programme_id: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        self._stale = False  # kept up to date hidden or not: no need to redo it when shown
        programme_id = self.context.programme_id
        today = self.context.today()
        self.heading.setText(_("Today, {date}").format(date=format_date(today)))
        if programme_id is None:
            self.listing = None
            self.tree.clear()
            self.summary.setText(_("No programme yet: create one on the Programmes page."))
            self.overdue_changed.emit(0)
            self._update_buttons()
            return
        self.listing = self.context.ops.read(lambda s: service.today_list(s, programme_id, today))
        self._fill(self.listing)
        self.overdue_changed.emit(self.listing.overdue)

    def _fill(self, listing: TodayList) -> None:
        current = self.current_item()
        key = current.key if current else None
        row = self._row_of_current()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        due = len(listing.items) - listing.overdue
        if listing.groups:
            self.summary.setText(
                _("{overdue} · {due} · {aside}. The most urgent come first.").format(
                    overdue=ngettext("{n} overdue", "{n} overdue", listing.overdue).format(
                        n=format_number(listing.overdue)
                    ),
                    due=ngettext("{n} due soon", "{n} due soon", due).format(n=format_number(due)),
                    aside=ngettext("{n} put aside", "{n} put aside", len(listing.snoozed)).format(
                        n=format_number(len(listing.snoozed))
                    ),
                )
            )
        else:
            self.summary.setText(_("Nothing is due or overdue. Well done."))
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group in listing.groups:
            self._add_group(group.label, group.items, group.kind.value, bold)
        if listing.snoozed:
            self._add_group(
                _("Put aside until later"), listing.snoozed, "snoozed", bold, expanded=False
            )
        self.tree.resizeColumnToContents(0)
        self.tree.setUpdatesEnabled(True)
        self._restore_current(key, row)
        self._update_buttons()

    def _add_group(
        self,
        label: str,
        items: tuple[TodayItem, ...],
        name: str,
        bold: QFont,
        *,
        expanded: bool = True,
    ) -> None:
        top = QTreeWidgetItem(self.tree, [f"{label} ({format_number(len(items))})"])
        top.setFirstColumnSpanned(True)
        top.setFont(0, bold)
        top.setData(0, MORE_ROLE, name)
        today = self.context.today()
        shown = items if name in self._show_all else items[:FIRST_ITEMS]
        for item in shown:
            subject, why = item.words()
            if item.snooze is not None:
                why = f"{why} {service.snooze_note(item, today)}"
            if item.snooze is not None and item.snooze.until > today:
                when = _("Back on {date}").format(date=format_date(item.snooze.until))
            elif item.overdue:
                when = _("⚠ Overdue since {date}").format(date=format_date(item.due_on))
            elif item.due_on == today:
                when = _("Due today")
            else:
                when = _("Due {date}").format(date=format_date(item.due_on))
            child = QTreeWidgetItem(top, [when, subject, why])
            child.setData(0, ITEM_ROLE, item)
            child.setToolTip(2, why)
        if len(shown) < len(items):
            more = QTreeWidgetItem(
                top,
                [
                    _("Show all {n}…").format(n=format_number(len(items))),
                    ngettext("{n} more", "{n} more", len(items) - len(shown)).format(
                        n=format_number(len(items) - len(shown))
                    ),
                ],
            )
            more.setData(0, MORE_ROLE, name)
        top.setExpanded(expanded)

    def _row_of_current(self) -> tuple[int, int] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        parent = item.parent()
        if parent is None:
            return self.tree.indexOfTopLevelItem(item), -1
        return self.tree.indexOfTopLevelItem(parent), parent.indexOfChild(item)

    def tops(self) -> list[QTreeWidgetItem]:
        """The group rows, in order."""
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [top for top in found if top is not None]

    @staticmethod
    def rows_of(top: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        found = (top.child(i) for i in range(top.childCount()))
        return [child for child in found if child is not None]

    def _restore_current(self, key: str | None, row: tuple[int, int] | None) -> None:
        """Keep the coordinator's place: the same item, or the one now where it was (the next
        one, once an item has been done), or the first item."""
        tops = self.tops()
        found = None
        for top in tops:
            if top.data(0, MORE_ROLE) == "snoozed":
                continue  # an item just put aside: stay where it was in the list
            for child in self.rows_of(top):
                entry = child.data(0, ITEM_ROLE)
                if key is not None and isinstance(entry, TodayItem) and entry.key == key:
                    found = child
        if found is None and row is not None and tops:
            top = tops[min(row[0], len(tops) - 1)]
            children = self.rows_of(top)
            found = children[min(row[1], len(children) - 1)] if row[1] >= 0 and children else top
        if found is None and tops:
            children = self.rows_of(tops[0])
            found = children[0] if children else tops[0]
        if found is not None:
            self.tree.setCurrentItem(found)

    def current_item(self) -> TodayItem | None:
        entry = self.tree.currentItem()
        value = entry.data(0, ITEM_ROLE) if entry is not None else None
        return value if isinstance(value, TodayItem) else None

    def _current_changed(self) -> None:
        item = self.current_item()
        if item is None:
            self.detail.setText("")
        else:
            note = service.snooze_note(item, self.context.today())
            self.detail.setText(f"{item.subject}: {item.why}" + (f"\n{note}" if note else ""))
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.current_item()
        today = self.context.today()
        held = item is not None and item.snooze is not None and item.snooze.until > today
        self.open_button.setEnabled(item is not None)
        self.snooze_button.setEnabled(item is not None and not held)
        self.wake_button.setEnabled(held)
        self.print_button.setEnabled(self.context.programme_id is not None)

    # --- verbs ---------------------------------------------------------------------------
    def open_current(self) -> None:
        entry = self.tree.currentItem()
        if entry is None:
            return
        more = entry.data(0, MORE_ROLE)
        if entry.data(0, ITEM_ROLE) is None:
            if entry.parent() is not None and more:
                self._show_all.add(str(more))
                if self.listing is not None:
                    self._fill(self.listing)
            else:
                entry.setExpanded(not entry.isExpanded())
            return
        item = self.current_item()
        if item is not None:
            self.open_target(item.target)

    def open_target(self, target: Target) -> None:
        """Take the coordinator to where the item is done."""
        place = target.place
        if place is Place.SUPPORT_CONTACT and target.match_id is not None:
            self._support_contact(target.match_id, target.party)
        elif place is Place.CONCERN and target.record_id is not None and target.match_id:
            self._concern(target.match_id, target.record_id)
        elif place in (Place.MEETING_LOG, Place.NEW_MEETING_LOG, Place.TIMELINE):
            self._meetings(target)
        elif place in (Place.SIGNATURES, Place.MATCH, Place.WAITING, Place.REVIEW, Place.ENDING):
            self._matching(target)
        elif place is Place.PERSON and target.person_id is not None:
            self._person(target)
        elif place is Place.GOAL_ACTION:
            self._goal_action(target)

    def _support_contact(self, match_id: int, party: str | None) -> None:
        today = self.context.today()
        mentor, mentee = self.context.ops.read(lambda s: meetings.pair_names(s, [match_id]))[
            match_id
        ]
        details = support.ContactDetails(ContactParty(party), today) if party else None
        dialog = SupportContactDialog(mentor, mentee, details, today=today, parent=self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            done = self.context.ops.run(
                self,
                lambda s: support.record_support_contact(s, match_id, dialog.details(), today),
                on_invalid=dialog.show_errors,
            )
            if done is not None:
                return

    def _concern(self, match_id: int, concern_id: int) -> None:
        today = self.context.today()
        mentor, mentee = self.context.ops.read(lambda s: meetings.pair_names(s, [match_id]))[
            match_id
        ]
        details = self.context.ops.read(lambda s: support.concern_details(s, concern_id))
        dialog = ConcernDialog(mentor, mentee, details, today=today, parent=self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            done = self.context.ops.run(
                self,
                lambda s: support.update_concern(s, concern_id, dialog.details(), today),
                on_invalid=dialog.show_errors,
            )
            if done is not None:
                return

    def _go(self, key: str) -> Page | None:
        return self._navigate(key) if self._navigate is not None else None

    def _meetings(self, target: Target) -> None:
        from ui.pages.meetings_page import MeetingsPage

        page = self._go("meetings")
        if not isinstance(page, MeetingsPage) or not page.select_match(target.match_id):
            return
        if target.place is Place.MEETING_LOG and target.record_id is not None:
            page.edit_meeting(target.record_id)
        elif target.place is Place.NEW_MEETING_LOG:
            page.log_meeting()

    def _matching(self, target: Target) -> None:
        from ui.pages.matching_page import MatchingPage

        page = self._go("matching")
        if not isinstance(page, MatchingPage):
            return
        if target.place is Place.WAITING and target.participant_id is not None:
            page.select_waiting(target.participant_id)
            return
        page.select_match(target.match_id)
        if page.selected_match() != target.match_id:
            return
        if target.place is Place.SIGNATURES:
            page.edit_signatures()
        elif target.place is Place.REVIEW:
            page.review()
        elif target.place is Place.ENDING:
            page.end_match()

    def _person(self, target: Target, tries: int = 10) -> None:
        from ui.pages.people_page import PeoplePage

        page = self._go("people")
        if not isinstance(page, PeoplePage) or target.person_id is None:
            return
        if page.model.row_of(target.person_id) < 0 and page.current_filter().text:
            page.search.clear()
        for combo in (page.role_filter, page.stage_filter, page.ready_filter):
            if page.model.row_of(target.person_id) < 0:
                combo.setCurrentIndex(0)
        if page.model.row_of(target.person_id) < 0:
            # The list is still loading in the background: try again shortly.
            if tries:
                QTimer.singleShot(150, lambda: self._person(target, tries - 1))
            return
        page.select(target.person_id)
        tab = PERSON_TABS.get(self._key_kind(target))
        record = page.record
        if tab is not None and tab in record.tab_pages:
            record.tabs.setCurrentWidget(record.tab_pages[tab])

    def _key_kind(self, target: Target) -> str:
        item = self.current_item()
        if item is not None and item.target == target:
            return item.key.split(":", 1)[0]
        return ""

    def _goal_action(self, target: Target) -> None:
        from ui.pages.goals_page import GoalsPage

        page = self._go("goals")
        if not isinstance(page, GoalsPage) or target.match_id is None:
            return
        page.select_match(target.match_id)
        card = page.card_for(target.goal_id) if target.goal_id is not None else None
        if card is None or target.record_id is None:
            return
        card.select_action(target.record_id)
        page.goals_scroll.ensureWidgetVisible(card)
        page.edit_action(card)

    def snooze_current(self) -> None:
        item = self.current_item()
        programme_id = self.context.programme_id
        if item is None or programme_id is None:
            return
        today = self.context.today()
        dialog = SnoozeDialog(item, today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        until, reason = dialog.values()
        self.context.ops.run(
            self, lambda s: service.snooze(s, programme_id, item.key, until, reason, today)
        )

    def wake_current(self) -> None:
        item = self.current_item()
        programme_id = self.context.programme_id
        if item is None or programme_id is None:
            return
        today = self.context.today()
        self.context.ops.run(self, lambda s: service.wake(s, programme_id, item.key, today))

    def print_list(self) -> None:
        if self.context.programme_id is not None:
            show_printout(self, self.context, "today", self.context.programme_id)
