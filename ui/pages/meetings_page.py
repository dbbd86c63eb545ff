"""Meetings: each match's relationship timeline, meeting logs, the coordinator's support
contacts and concerns, every meeting log of the programme, and the contacts due.

Matches of the current programme are on the left; the right shows the selected match's
timeline (with totals and warnings), the list of all meeting logs, and the support contacts
overdue or due soon.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.formatting import date_stamp, format_date, format_number
from app.i18n import _, ngettext
from app.model.meeting import MeetingMode
from app.model.support import ContactParty
from app.services import meetings, support, timeline
from app.services.changes import Changes
from app.services.meetings import MatchSummary, MeetingFilter
from app.services.support import DueContactRow
from app.services.timeline import Timeline, TimelineEntry
from ui.context import AppContext
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.support_dialogs import ConcernDialog, SupportContactDialog
from ui.models.meeting_table import ID_ROLE, MeetingLogTableModel
from ui.models.plain_rows import ROW_ROLE, PlainRowsModel
from ui.pages.base import Page
from ui.printing import show_printout
from ui.widgets.accessible import describe
from ui.widgets.enum_combo import enum_value
from ui.widgets.reflow import ReflowSplitter, flow_row, labelled


def _table(name: str) -> QTableView:
    table = QTableView()
    table.setTabKeyNavigation(False)  # Tab leaves the table
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setAccessibleName(name)
    table.horizontalHeader().setHighlightSections(False)
    return table


def _button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button


def _match_cells(m: MatchSummary) -> list[str]:
    return [
        (_("⚠ {name}").format(name=m.mentee_name) if m.open_concerns else m.mentee_name),
        m.mentor_name,
        timeline.status_label(m.status),
        format_date(m.last_met_on),
    ]


def _entry_cells(e: TimelineEntry) -> list[str]:
    return [
        format_date(e.on),
        _("⚠ {title}").format(title=e.title) if e.attention else e.title,
        e.detail.replace("\n", " "),
    ]


def _due_cells(r: DueContactRow) -> list[str]:
    when = (
        _("Overdue since {date}").format(date=format_date(r.due_on))
        if r.overdue
        else _("Due {date}").format(date=format_date(r.due_on))
    )
    return [
        _("⚠ {when}").format(when=when) if r.overdue else when,
        support.party_label(r.party),
        r.who,
        _("{mentee} with {mentor}").format(mentee=r.mentee_name, mentor=r.mentor_name),
        support.depth_label(r.depth),
        str(r.missed) if r.missed else "",
    ]


class MeetingsPage(Page):
    KEY = "meetings"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("Meetings")
        self.timeline_data: Timeline | None = None

        # --- matches ------------------------------------------------------------------------
        self.matches_model: PlainRowsModel[MatchSummary] = PlainRowsModel(
            [_("Mentee"), _("Mentor"), _("Status"), _("Last met")],
            _match_cells,
            tooltip=lambda m: (
                ngettext("{n} open concern", "{n} open concerns", m.open_concerns).format(
                    n=m.open_concerns
                )
                if m.open_concerns
                else ""
            ),
        )
        self.matches_proxy = QSortFilterProxyModel(self)
        self.matches_proxy.setSourceModel(self.matches_model)
        self.matches_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.matches_proxy.setFilterKeyColumn(-1)
        self.matches = _table(_("Matches"))
        self.matches.setModel(self.matches_proxy)
        header = self.matches.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((125, 125, 75)):
            self.matches.setColumnWidth(column, width)
        self.matches.selectionModel().selectionChanged.connect(lambda *_: self._show_timeline())
        self.match_filter = QLineEdit()
        self.match_filter.setPlaceholderText(_("Type a name to find a match"))
        self.match_filter.setClearButtonEnabled(True)
        self.match_filter.setAccessibleName(_("Find a match"))
        self.match_filter.textChanged.connect(self.matches_proxy.setFilterFixedString)
        find_label = QLabel(_("Fin&d:"))
        find_label.setBuddy(self.match_filter)
        find_row = QHBoxLayout()
        find_row.addWidget(find_label)
        find_row.addWidget(self.match_filter, 1)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        matches_label = QLabel(_("Matches"))
        matches_label.setProperty("role", "subheading")
        left_column.addWidget(matches_label)
        left_column.addLayout(find_row)
        left_column.addWidget(self.matches, 1)

        # --- timeline -----------------------------------------------------------------------
        self.pair_title = QLabel()
        self.pair_title.setProperty("role", "subheading")
        self.pair_title.setWordWrap(True)
        self.figures: dict[str, QLabel] = {}
        figures = QGridLayout()
        for column, (key, caption) in enumerate(
            (
                ("meetings", _("Meetings")),
                ("hours", _("Hours")),
                ("months", _("Months")),
                ("since", _("Days since their last contact")),
                ("support", _("Support contacts")),
            )
        ):
            value = QLabel("–")
            value.setProperty("role", "figure")
            value.setStyleSheet("font-size: 18pt; font-weight: 600;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            describe(value, caption)
            figures.addWidget(value, 0, column)
            figures.addWidget(label, 1, column)
            self.figures[key] = value
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(
            "background: #fff4e5; border: 1px solid #e0a040; padding: 6px; color: #5a3800;"
        )
        describe(self.warnings, _("Warnings"))
        self.warnings.hide()

        self.log_button = _button(_("&Log a meeting…"), _("Log a meeting"), self.log_meeting)
        self.contact_button = _button(
            _("Record a support &contact…"),
            _("Record a support contact"),
            lambda: self.record_contact(),  # not the button's `checked` as the party
        )
        self.concern_button = _button(
            _("Raise a co&ncern…"), _("Raise a concern"), self.raise_concern
        )
        self.open_button = _button(_("&Open…"), _("Open the selected entry"), self.open_entry)
        self.print_button = _button(
            _("Pr&int…"), _("Print the selected meeting log"), self.print_entry
        )
        self.next_log_button = _button(
            _("Print the next l&og…"),
            _("Print a log for the next meeting, with the open action points"),
            self.print_next_log,
        )
        self.pack_button = _button(
            _("Print a log pac&k…"), _("Print a pack of blank meeting logs"), self.print_pack
        )
        actions = flow_row(
            self.log_button,
            self.contact_button,
            self.concern_button,
            self.next_log_button,
            self.pack_button,
        )
        entry_actions = flow_row(self.open_button, self.print_button)

        self.timeline_model: PlainRowsModel[TimelineEntry] = PlainRowsModel(
            [_("Date"), _("What"), _("Details")], _entry_cells, tooltip=lambda e: e.detail
        )
        self.timeline = _table(_("Timeline"))
        self.timeline.setModel(self.timeline_model)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.timeline.setColumnWidth(0, 90)
        self.timeline.setColumnWidth(1, 300)
        self.timeline.doubleClicked.connect(lambda _i: self.open_entry())
        self.timeline.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        timeline_tab = QWidget()
        tl_column = QVBoxLayout(timeline_tab)
        tl_column.addWidget(self.pair_title)
        tl_column.addLayout(figures)
        tl_column.addWidget(self.warnings)
        tl_column.addLayout(actions)
        tl_column.addWidget(self.timeline, 1)
        tl_column.addLayout(entry_actions)

        # --- all meeting logs ---------------------------------------------------------------
        self.logs_model = MeetingLogTableModel(
            lambda ids: self.context.ops.read(
                lambda s: meetings.meeting_rows(s, ids, self.context.today())
            )
        )
        self.logs = _table(_("All meeting logs"))
        self.logs.setModel(self.logs_model)
        self.logs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.logs.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((90, 150, 150, 120, 90, 200, 100)):
            self.logs.setColumnWidth(column, width)
        self.logs.doubleClicked.connect(lambda _i: self.open_log())
        self.log_filter = QLineEdit()
        self.log_filter.setPlaceholderText(_("Name or place"))
        self.log_filter.setClearButtonEnabled(True)
        self.log_filter.setAccessibleName(_("Filter meeting logs by name or place"))
        self.log_filter.textChanged.connect(lambda _t: self.filter_logs())
        self.mode_filter = QComboBox()
        self.mode_filter.addItem(_("Any way of meeting"), None)
        for mode in MeetingMode:
            self.mode_filter.addItem(meetings.mode_label(mode), mode)
        self.mode_filter.setAccessibleName(_("Filter meeting logs by how they met"))
        self.mode_filter.currentIndexChanged.connect(lambda _i: self.filter_logs())
        self.follow_up = QCheckBox(_("Only logs &waiting for signatures or a copy"))
        self.follow_up.toggled.connect(lambda _on: self.filter_logs())
        self.logs_count = QLabel()
        self.export_button = _button(
            _("E&xport…"), _("Export the meeting logs to a spreadsheet"), self.export_logs
        )
        self.open_log_button = _button(
            _("Op&en…"), _("Open the selected meeting log"), self.open_log
        )
        filter_label = QLabel(_("F&ilter:"))
        filter_label.setBuddy(self.log_filter)
        self.log_filter.setMinimumWidth(self.log_filter.fontMetrics().averageCharWidth() * 24)
        filters = flow_row(
            labelled(filter_label, self.log_filter), self.mode_filter, self.follow_up
        )
        logs_buttons = flow_row(self.logs_count, self.open_log_button, self.export_button)
        logs_tab = QWidget()
        logs_column = QVBoxLayout(logs_tab)
        logs_column.addLayout(filters)
        logs_column.addWidget(self.logs, 1)
        logs_column.addLayout(logs_buttons)

        # --- support contacts due -----------------------------------------------------------
        self.due_model: PlainRowsModel[DueContactRow] = PlainRowsModel(
            [_("When"), _("With"), _("Who"), _("Match"), _("Kind"), _("Missed so far")],
            _due_cells,
        )
        self.due = _table(_("Support contacts due"))
        self.due.setModel(self.due_model)
        self.due.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.due.horizontalHeader().setStretchLastSection(True)
        self.due.doubleClicked.connect(lambda _i: self.record_due_contact())
        self.due_intro = QLabel()
        self.due_intro.setWordWrap(True)
        self.record_due_button = _button(
            _("&Record this contact…"),
            _("Record the selected support contact"),
            self.record_due_contact,
        )
        due_tab = QWidget()
        due_column = QVBoxLayout(due_tab)
        due_column.addWidget(self.due_intro)
        due_column.addWidget(self.due, 1)
        due_column.addLayout(flow_row(self.record_due_button))

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Meetings views"))
        self.tabs.addTab(timeline_tab, _("&Timeline"))
        self.tabs.addTab(logs_tab, _("&All meeting logs"))
        self.tabs.addTab(due_tab, _("&Support contacts due"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self._index: meetings.MeetingIndex | None = None

        # The list of matches beside its timeline when there is room, above it when not.
        splitter = ReflowSplitter(side_by_side_from=760)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([500, 880])
        heading = QLabel(_("Meetings"))
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "Type up each meeting log, keep your own support contacts with each pair, "
                "and note any concerns. The timeline shows everything about a match in "
                "date order."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # --- refreshing -----------------------------------------------------------------------
    def is_affected_by(self, changes: Changes) -> bool:
        return changes.meetings or changes.matches or changes.people or changes.programmes

    def refresh(self) -> None:
        programme_id = self.context.programme_id
        selected = self.selected_match_id()
        rows = (
            self.context.ops.read(lambda s: meetings.match_summaries(s, programme_id))
            if programme_id is not None
            else []
        )
        self.matches_model.set_rows(rows)
        if not self.select_match(selected) and rows:
            self.select_match(rows[0].id)
        self._show_timeline()
        self._index = None  # rebuilt when the list of all logs is next looked at
        if self.tabs.currentIndex() == 1:
            self.filter_logs()
        self._refresh_due()

    def _refresh_due(self) -> None:
        programme_id = self.context.programme_id
        rows = (
            self.context.ops.read(
                lambda s: support.support_contacts_due(s, programme_id, self.context.today())
            )
            if programme_id is not None
            else []
        )
        self.due_model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.due_intro.setText(
            _(
                "Your check-ins with each mentor and mentee, as the programme's rule asks "
                "(and with a third party, once you have contacted one). {overdue} overdue, "
                "{soon} due in the next two weeks."
            ).format(overdue=overdue, soon=len(rows) - overdue)
        )
        self.tabs.setTabText(
            2,
            _("&Support contacts due ({n})").format(n=len(rows))
            if rows
            else _("&Support contacts due"),
        )
        self._update_buttons()

    def selected_match_id(self) -> int | None:
        indexes = self.matches.selectionModel().selectedRows()
        if not indexes:
            return None
        row: MatchSummary = indexes[0].data(ROW_ROLE)
        return row.id

    def _selected_match(self) -> MatchSummary | None:
        match_id = self.selected_match_id()
        return next((m for m in self.matches_model.rows if m.id == match_id), None)

    def select_match(self, match_id: int | None) -> bool:
        if match_id is None:
            return False
        for row in range(self.matches_proxy.rowCount()):
            index = self.matches_proxy.index(row, 0)
            if index.data(ROW_ROLE).id == match_id:
                self.matches.selectRow(row)
                return True
        return False

    def _show_timeline(self) -> None:
        match_id = self.selected_match_id()
        if match_id is None:
            self.timeline_data = None
            self.timeline_model.set_rows([])
            self.pair_title.setText(_("Pick a match on the left to see its timeline."))
            for label in self.figures.values():
                label.setText("–")
            self.warnings.hide()
            self._update_buttons()
            return
        tl = self.context.ops.read(
            lambda s: timeline.match_timeline(s, match_id, self.context.today())
        )
        self.timeline_data = tl
        self.timeline_model.set_rows(tl.entries)
        if tl.entries:
            self.timeline.scrollToBottom()
        status = timeline.status_label(tl.status)
        if tl.started_on:
            title = _("{mentee} with {mentor} · {status} · started {date}").format(
                mentee=tl.mentee_name,
                mentor=tl.mentor_name,
                status=status,
                date=format_date(tl.started_on),
            )
        else:
            title = _("{mentee} with {mentor} · {status}").format(
                mentee=tl.mentee_name, mentor=tl.mentor_name, status=status
            )
        self.pair_title.setText(title)
        t = tl.totals
        self.figures["meetings"].setText(str(t.meetings))
        self.figures["hours"].setText(f"{t.hours:.1f}")
        self.figures["months"].setText(str(t.months_active))
        self.figures["since"].setText(
            "–" if t.days_since_last_contact is None else str(t.days_since_last_contact)
        )
        self.figures["support"].setText(str(t.support_contacts))
        for key, label in self.figures.items():
            label.setAccessibleDescription(label.text())
            del key
        if tl.warnings:
            self.warnings.setText("\n".join(_("⚠ {w}").format(w=w) for w in tl.warnings))
            self.warnings.show()
        else:
            self.warnings.hide()
        self._update_buttons()

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._index is None:
            self.filter_logs()

    def filter_logs(self) -> None:
        """Filter the list of all logs in memory: the index of the programme's logs is read
        once after each change, so typing in the filter never waits for the database."""
        programme_id = self.context.programme_id
        if self._index is None:
            self._index = (
                self.context.ops.read(lambda s: meetings.meeting_log_index(s, programme_id))
                if programme_id is not None
                else meetings.MeetingIndex((), (), (), (), (), {})
            )
        f = MeetingFilter(
            text=self.log_filter.text(),
            mode=enum_value(self.mode_filter, MeetingMode),
            needs_follow_up=self.follow_up.isChecked(),
        )
        ids = self._index.filter(f)
        self.logs_model.set_ids(ids)
        self.logs_count.setText(
            ngettext("{n} meeting log", "{n} meeting logs", len(ids)).format(
                n=format_number(len(ids))
            )
        )
        self._update_buttons()

    def _selected_entry(self) -> TimelineEntry | None:
        indexes = self.timeline.selectionModel().selectedRows()
        return indexes[0].data(ROW_ROLE) if indexes else None

    def _update_buttons(self) -> None:
        has_match = self.selected_match_id() is not None
        for button in (
            self.log_button,
            self.contact_button,
            self.concern_button,
            self.next_log_button,
            self.pack_button,
        ):
            button.setEnabled(has_match)
        entry = self._selected_entry()
        self.open_button.setEnabled(
            entry is not None and entry.source in ("meetings", "support", "concerns")
        )
        self.print_button.setEnabled(entry is not None and entry.source in ("meetings", "reviews"))
        self.open_log_button.setEnabled(bool(self.logs_model.ids))
        self.export_button.setEnabled(bool(self.logs_model.ids))
        self.record_due_button.setEnabled(bool(self.due_model.rows))

    # --- meetings -------------------------------------------------------------------------
    def _run_meeting_dialog(self, form: meetings.MeetingForm) -> None:
        key = form.draft_key
        draft = self.context.ops.read(lambda s: meetings.load_draft(s, key))
        dialog = MeetingDialog(
            form,
            draft=draft,  # the dialog keeps it up to date through the context (quietly)
            today=self.context.today(),
            parent=self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        details = dialog.details()
        if form.meeting_id is None:
            self.context.ops.run(
                self,
                lambda s: meetings.record_meeting(s, form.match_id, details, self.context.today()),
            )
        else:
            meeting_id = form.meeting_id
            self.context.ops.run(
                self,
                lambda s: meetings.update_meeting(s, meeting_id, details, self.context.today()),
            )

    def log_meeting(self) -> None:
        match_id = self.selected_match_id()
        if match_id is None:
            return
        form = self.context.ops.read(
            lambda s: meetings.new_meeting_form(s, match_id, self.context.today())
        )
        self._run_meeting_dialog(form)

    def edit_meeting(self, meeting_id: int) -> None:
        form = self.context.ops.read(lambda s: meetings.meeting_form(s, meeting_id))
        self._run_meeting_dialog(form)

    def open_log(self) -> None:
        indexes = self.logs.selectionModel().selectedRows()
        if indexes:
            self.edit_meeting(int(indexes[0].data(ID_ROLE)))

    # --- support and concerns -------------------------------------------------------------
    def record_contact(
        self, party: ContactParty | None = None, match_id: int | None = None
    ) -> None:
        match_id = match_id or self.selected_match_id()
        if match_id is None:
            return
        mentor, mentee = self.context.ops.read(lambda s: meetings.pair_names(s, [match_id]))[
            match_id
        ]
        details = None
        if party is not None:
            details = support.ContactDetails(party, self.context.today())
        dialog = SupportContactDialog(
            mentor, mentee, details, today=self.context.today(), parent=self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.ops.run(
                self,
                lambda s: support.record_support_contact(
                    s, match_id, dialog.details(), self.context.today()
                ),
            )

    def record_due_contact(self) -> None:
        indexes = self.due.selectionModel().selectedRows()
        if not indexes:
            return
        row: DueContactRow = indexes[0].data(ROW_ROLE)
        self.record_contact(row.party, row.match_id)

    def raise_concern(self) -> None:
        match = self._selected_match()
        if match is None:
            return
        dialog = ConcernDialog(
            match.mentor_name, match.mentee_name, today=self.context.today(), parent=self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.ops.run(
                self,
                lambda s: support.raise_concern(
                    s, match.id, dialog.details(), self.context.today()
                ),
            )

    def open_entry(self) -> None:
        entry = self._selected_entry()
        tl = self.timeline_data
        if entry is None or entry.record_id is None or tl is None:
            return
        record_id = entry.record_id
        if entry.source == "meetings":
            self.edit_meeting(record_id)
        elif entry.source == "support":
            contact = self.context.ops.read(lambda s: support.contact_details(s, record_id))
            contact_dialog = SupportContactDialog(
                tl.mentor_name, tl.mentee_name, contact, today=self.context.today(), parent=self
            )
            if contact_dialog.exec() == QDialog.DialogCode.Accepted:
                self.context.ops.run(
                    self,
                    lambda s: support.update_support_contact(
                        s, record_id, contact_dialog.details(), self.context.today()
                    ),
                )
        elif entry.source == "concerns":
            concern = self.context.ops.read(lambda s: support.concern_details(s, record_id))
            concern_dialog = ConcernDialog(
                tl.mentor_name, tl.mentee_name, concern, today=self.context.today(), parent=self
            )
            if concern_dialog.exec() == QDialog.DialogCode.Accepted:
                self.context.ops.run(
                    self,
                    lambda s: support.update_concern(
                        s, record_id, concern_dialog.details(), self.context.today()
                    ),
                )

    # --- printing and export --------------------------------------------------------------
    def print_entry(self) -> None:
        entry = self._selected_entry()
        if entry is not None and entry.source == "reviews" and entry.record_id is not None:
            show_printout(self, self.context, "review-record", entry.record_id)
            return
        if entry is None or entry.source != "meetings" or entry.record_id is None:
            return
        meeting_id = entry.record_id
        kind = "meeting-log"
        note = self.context.ops.read(lambda s: meetings.private_note(s, meeting_id))
        if note:
            answer = QMessageBox.question(
                self,
                _("Print the private note?"),
                _(
                    "This meeting has your private note. It is normally left off the log. "
                    "Print it on this copy too?"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                kind = "meeting-log-with-private-note"
        show_printout(self, self.context, kind, meeting_id)

    def print_next_log(self) -> None:
        match_id = self.selected_match_id()
        if match_id is not None:
            show_printout(self, self.context, "meeting-log-blank", match_id)

    def print_pack(self) -> None:
        match_id = self.selected_match_id()
        if match_id is not None:
            show_printout(self, self.context, "meeting-log-pack", match_id)

    def export_logs(self) -> None:
        programme_id = self.context.programme_id
        if programme_id is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the meeting logs"),
            str(Path.home() / f"meeting-logs-{date_stamp(self.context.today())}.csv"),
            _("Spreadsheet (*.csv)"),
        )
        if not target:
            return
        include = (
            QMessageBox.question(
                self,
                _("Include your private notes?"),
                _(
                    "Your private notes are normally left out of exports. Include them in "
                    "this file?"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            == QMessageBox.StandardButton.Yes
        )
        self.export_to(Path(target), include_private_notes=include)

    def export_to(self, target: Path, *, include_private_notes: bool = False) -> None:
        programme_id = self.context.programme_id
        if programme_id is None:
            return
        text = self.context.ops.read(
            lambda s: meetings.meetings_csv(
                s, programme_id, include_private_notes=include_private_notes
            )
        )
        try:
            target.write_text(text, encoding="utf-8-sig", newline="")
        except OSError as exc:
            QMessageBox.warning(self, _("Not exported"), str(exc))
            return
        status_bar = getattr(self.window(), "statusBar", None)
        if status_bar is not None:
            status_bar().showMessage(_("Meeting logs saved as {path}").format(path=target), 6000)
