"""People: everyone in the current programme, searchable as you type, sortable, filtered by
role, stage and readiness, with the chosen person's record beside the list."""

from __future__ import annotations

import time
from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.formatting import date_stamp
from app.i18n import _, ngettext
from app.model import Role
from app.model.person import STAGE_LABELS, Stage
from app.services import exporting, people
from app.services.changes import Changes
from ui.context import AppContext
from ui.dialogs.bin_dialog import BinDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.models.people_table import (
    ID_ROLE,
    MATCH,
    NAME,
    READINESS,
    ROLES,
    STAGE,
    WAITING,
    PeopleFilter,
    PeopleTableModel,
)
from ui.pages.base import Page
from ui.printing import show_printout
from ui.widgets.accessible import describe
from ui.widgets.person_record import PersonRecordView
from ui.widgets.reflow import ReflowSplitter, flow_row, labelled


class PeoplePage(Page):
    KEY = "people"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("People")
        self.today = self.context.today()
        self._opened_id: int | None = None
        self._built = False

    def showEvent(self, event: QShowEvent) -> None:
        # The page is built when first shown, so opening the window costs nothing for it.
        if not self._built:
            self._build()
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in the search box clears it (and shows everyone again)."""
        if (
            watched is getattr(self, "search", None)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search.text()
        ):
            self.search.clear()
            return True
        return super().eventFilter(watched, event)

    def _build(self) -> None:
        self._built = True
        context = self.context
        self.model = PeopleTableModel(self._fetch_rows)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(_("People in this programme"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in (
            (NAME, 165),
            (ROLES, 75),
            (STAGE, 120),
            (READINESS, 280),
            (MATCH, 170),
            (WAITING, 90),
        ):
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._open_current())
        # Enter or a double click on a row opens the person's details for editing.
        self.table.activated.connect(lambda _i: self.edit_selected())

        # Search and filters
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Name, e-mail, phone, setting or postcode"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search)
        self.search.setAccessibleName(_("Search people"))
        self.role_filter = QComboBox()
        for text, value in (
            (_("Everyone"), ""),
            (_("Mentors"), "mentor"),
            (_("Mentees"), "mentee"),
            (_("Both mentor and mentee"), "both"),
        ):
            self.role_filter.addItem(text, value)
        role_label = QLabel(_("R&ole:"))
        role_label.setBuddy(self.role_filter)
        self.stage_filter = QComboBox()
        self.stage_filter.addItem(_("Any stage"), None)
        for stage in Stage:
            self.stage_filter.addItem(_(STAGE_LABELS[stage]), stage)
        stage_label = QLabel(_("S&tage:"))
        stage_label.setBuddy(self.stage_filter)
        self.ready_filter = QComboBox()
        for text, readiness in (
            (_("Ready or not"), None),
            (_("Ready to match"), True),
            (_("Not ready yet"), False),
        ):
            self.ready_filter.addItem(text, readiness)
        ready_label = QLabel(_("Rea&diness:"))
        ready_label.setBuddy(self.ready_filter)
        for combo, name in (
            (self.role_filter, _("Show people by role")),
            (self.stage_filter, _("Show people at a stage")),
            (self.ready_filter, _("Show people by readiness")),
        ):
            combo.setAccessibleName(name)
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.count = QLabel()
        describe(self.count, _("How many people are shown"))
        self.reminders = QLabel()
        self.reminders.setWordWrap(True)
        self.reminders.setTextFormat(Qt.TextFormat.RichText)
        self.reminders.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.reminders.setStyleSheet(
            "background: #fff4e5; border: 1px solid #e0a040; padding: 6px;"
        )
        describe(self.reminders, _("Reminders"))
        self.reminders.linkActivated.connect(self._reminder_chosen)
        self.reminders.hide()

        # Actions
        self.new_button = QPushButton(_("&Add person…"))
        self.new_button.setAccessibleName(_("Add a person"))
        self.new_button.clicked.connect(self.add_person)
        self.import_button = QPushButton(_("&Import…"))
        self.import_button.setAccessibleName(_("Import people from a spreadsheet"))
        self.import_button.clicked.connect(self.import_people)
        self.export_button = QPushButton(_("E&xport…"))
        self.export_button.setAccessibleName(_("Export the list to a spreadsheet"))
        self.export_button.setToolTip(
            _("Save the list as an Excel workbook or a CSV file.")
            + "\n"
            + glossary.explain(glossary.CSV)
        )
        self.export_button.clicked.connect(self.export_list)
        self.bin_button = QPushButton(_("&Bin…"))
        self.bin_button.setAccessibleName(_("Details removed to the bin"))
        self.bin_button.clicked.connect(self.open_bin)
        self.print_button = QToolButton()
        self.print_button.setText(_("Print"))  # Alt+P is the programme picker
        self.print_button.setAccessibleName(_("Print a record or a form"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.print_button)
        self.print_record_action = menu.addAction(
            _("This person's &record sheet"), lambda: self.print_selected("person")
        )
        self.print_application_action = menu.addAction(
            _("Their &application form, filled in"),
            lambda: self.print_selected("application-form"),
        )
        self.print_interview_action = menu.addAction(
            _("Their &interview form, filled in"), lambda: self.print_selected("interview-form")
        )
        menu.addSeparator()
        menu.addAction(
            _("&Blank application form"),
            lambda: show_printout(self, self.context, "application-form", 0),
        )
        menu.addAction(
            _("Blank i&nterview form"),
            lambda: show_printout(self, self.context, "interview-form", 0),
        )
        self.print_button.setMenu(menu)

        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.add_person)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.focus_search)
        self.search.installEventFilter(self)

        self.record = PersonRecordView(context)
        self.record.setMinimumWidth(440)
        self.record.edit_requested.connect(self.edit)

        heading = QLabel(_("People"))
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "Everyone in this programme. Someone can be matched only when every "
                "screening step the programme needs is done. The list says what is "
                "missing."
            )
        )
        intro.setWordWrap(True)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 24)
        filters = flow_row(
            labelled(search_label, self.search),
            labelled(role_label, self.role_filter),
            labelled(stage_label, self.stage_filter),
            labelled(ready_label, self.ready_filter),
        )
        buttons = flow_row(
            self.new_button,
            self.import_button,
            self.export_button,
            self.print_button,
            self.bin_button,
            self.count,
        )

        # The record beside the list when there is room, under it when there is not.
        self.splitter = ReflowSplitter(side_by_side_from=900)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.record)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([900, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.reminders)
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.search, self.role_filter)
        QWidget.setTabOrder(self.role_filter, self.stage_filter)
        QWidget.setTabOrder(self.stage_filter, self.ready_filter)
        QWidget.setTabOrder(self.ready_filter, self.new_button)
        QWidget.setTabOrder(self.new_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.export_button)
        QWidget.setTabOrder(self.export_button, self.print_button)
        QWidget.setTabOrder(self.print_button, self.table)
        QWidget.setTabOrder(self.table, self.record.edit_button)
        self._update_actions()

    # --- data --------------------------------------------------------------------------------
    def is_affected_by(self, changes: Changes) -> bool:
        return changes.people or changes.screening or changes.matches or changes.programmes

    def _fetch_rows(self, ids: Sequence[int]) -> dict[int, people.PersonRow]:
        programme_id = self.context.programme_id
        if programme_id is None:
            return {}
        return self.context.ops.read(
            lambda s: people.people_rows(s, programme_id, list(ids), self.today)
        )

    def refresh(self) -> None:
        """Reload the list; with thousands of people the index is built on the worker thread,
        so the window stays responsive (a busy cursor shows if it takes a moment)."""
        if not self._built:
            return
        self.today = self.context.today()
        programme_id = self.context.programme_id
        today = self.today
        if programme_id is None:
            self._show_index(None, [])
            return

        def work() -> list[people.PersonIndex]:
            with self.context.database.session() as s:
                return people.people_index(s, programme_id, today)

        def failed(error: BaseException) -> None:
            raise error

        self.context.tasks.submit(
            self,
            _("Loading the people list…"),
            work,
            lambda index: self._show_index(programme_id, index),
            failed,
        )

    def _show_index(self, programme_id: int | None, index: list[people.PersonIndex]) -> None:
        if programme_id != self.context.programme_id:
            return  # the programme changed while this was loading; a newer load follows
        selected = self.selected_id()
        self._show_reminders(programme_id)
        self.model.set_index(index)
        self._opened_id = None  # the data changed: reload the record shown
        self._show_count()
        self.select(selected if self.model.row_of(selected) >= 0 else self._first_id())
        if self.selected_id() is None:
            self.record.clear()
            self._opened_id = None
        self._update_actions()

    def _show_reminders(self, programme_id: int | None) -> None:
        found = (
            self.context.ops.read(lambda s: people.reminders(s, programme_id, self.today))
            if programme_id is not None
            else []
        )
        if not found:
            self.reminders.hide()
            return
        shown = found[:4]
        lines = [
            f'{"⚠ " if r.urgent else ""}<a href="{r.person_id}">{escape(r.text)}</a>' for r in shown
        ]
        if len(found) > len(shown):
            lines.append(
                escape(
                    _("and {n} more (see each person's details).").format(n=len(found) - len(shown))
                )
            )
        self.reminders.setText("<br>".join(lines))
        self.reminders.setToolTip(glossary.help_for(" ".join(r.text for r in shown)))
        self.reminders.show()

    def _reminder_chosen(self, link: str) -> None:
        person_id = int(link)
        if self.model.row_of(person_id) < 0:
            self.search.clear()
            self.role_filter.setCurrentIndex(0)
            self.stage_filter.setCurrentIndex(0)
            self.ready_filter.setCurrentIndex(0)
        self.select(person_id)

    def _first_id(self) -> int | None:
        return self.model.ids[0] if self.model.ids else None

    def current_filter(self) -> PeopleFilter:
        return PeopleFilter(
            text=self.search.text(),
            role=self.role_filter.currentData() or "",
            stage=Stage(stage) if (stage := self.stage_filter.currentData()) else None,
            ready=self.ready_filter.currentData(),
        )

    def apply_filter(self) -> None:
        """Narrow the list to the search text and filters (runs on every keystroke)."""
        selected = self.selected_id()
        self.model.set_filter(self.current_filter())
        self._show_count()
        if selected is not None and self.model.row_of(selected) >= 0:
            self.select(selected)
        else:
            self.record.clear()
            self._opened_id = None
            self._update_actions()

    def _show_count(self) -> None:
        shown, total = len(self.model.ids), self.model.total
        if shown == total:
            text = ngettext("{n} person", "{n} people", total).format(n=total)
        else:
            text = ngettext(
                "{shown} of {n} person shown", "{shown} of {n} people shown", total
            ).format(shown=shown, n=total)
        self.count.setText(text)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select(self, person_id: int | None) -> None:
        row = self.model.row_of(person_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _open_current(self) -> None:
        person_id = self.selected_id()
        self._update_actions()
        if person_id is None or person_id == self._opened_id:
            return  # re-selected after filtering: the record on show is still right
        self.open_record(person_id)

    def open_record(self, person_id: int) -> float:
        """Show `person_id`'s record; returns the seconds it took (for the benchmark)."""
        started = time.perf_counter()
        programme_id = self.context.programme_id
        if programme_id is None:
            return 0.0
        record = self.context.ops.read(
            lambda s: people.person_record(s, programme_id, person_id, self.today)
        )
        self.record.show_record(record, self.today)
        self._opened_id = person_id
        return time.perf_counter() - started

    def _update_actions(self) -> None:
        has = self.selected_id() is not None
        for action in (
            self.print_record_action,
            self.print_application_action,
            self.print_interview_action,
        ):
            action.setEnabled(has)
        enabled = self.context.programme_id is not None
        for button in (self.new_button, self.import_button, self.export_button):
            button.setEnabled(enabled)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- verbs -------------------------------------------------------------------------------
    def _dialog(
        self,
        programme_id: int,
        details: people.PersonDetails | None = None,
        roles: Sequence[Role] = (),
    ) -> PersonDialog:
        managers = self.context.ops.read(lambda s: people.line_manager_choices(s, programme_id))
        exclude = None if details is None else self.selected_id()
        return PersonDialog(
            details,
            roles=roles,
            managers=managers,
            find_duplicates=lambda d: self.context.ops.read(
                lambda s: people.possible_duplicates(s, d, exclude_id=exclude)
            ),
            today=self.today,
            parent=self,
        )

    def add_person(self) -> None:
        programme_id = self.context.programme_id
        if programme_id is None:
            return
        dialog = self._dialog(programme_id)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: people.create_person(
                    s, programme_id, dialog.details(), dialog.roles(), self.today
                ),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                self.select(changes.created_id)
                return

    def edit_selected(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self.edit(person_id)

    def edit(self, person_id: int) -> None:
        programme_id = self.context.programme_id
        if programme_id is None:
            return
        record = self.context.ops.read(
            lambda s: people.person_record(s, programme_id, person_id, self.today)
        )
        dialog = self._dialog(programme_id, record.details, [r.role for r in record.roles])
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: people.update_person(
                    s,
                    person_id,
                    dialog.details(),
                    self.today,
                    programme_id=programme_id,
                    roles=dialog.roles(),
                ),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                return

    def open_bin(self) -> None:
        programme_id = self.context.programme_id
        if programme_id is None:
            return
        self.bin_dialog = BinDialog(self.context, programme_id, self)
        self.bin_dialog.exec()

    def import_people(self) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        programme_id = self.context.programme_id
        if programme_id is None:
            return
        wizard = ImportWizard(self.context, programme_id, today=self.today, parent=self)
        wizard.exec()
        if wizard.added:
            self.context.notify(
                ngettext(
                    "{n} person added from the list.",
                    "{n} people added from the list.",
                    wizard.added,
                ).format(n=wizard.added)
            )

    def export_list(self) -> None:
        programme_id = self.context.programme_id
        if programme_id is None:
            return
        stamp = date_stamp(self.today)
        target, chosen_filter = QFileDialog.getSaveFileName(
            self,
            _("Export the list"),
            str(Path.home() / f"people-{stamp}.xlsx"),
            _("Excel workbook (*.xlsx);;CSV file (*.csv)"),
        )
        if not target:
            return
        path = Path(target)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".csv" if "csv" in chosen_filter.lower() else ".xlsx")
        ids = list(self.model.ids)
        try:
            count = self.context.ops.read(
                lambda s: exporting.export_people(s, programme_id, path, self.today, ids)
            )
        except OSError as exc:
            QMessageBox.warning(self, _("Not exported"), str(exc))
            return
        self.context.notify(
            ngettext(
                "{n} person exported to {path}", "{n} people exported to {path}", count
            ).format(n=count, path=path)
        )

    def print_selected(self, kind: str) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            show_printout(self, self.context, kind, person_id)
