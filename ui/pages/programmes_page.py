"""Programmes: list, create, edit, archive (and bring back), print a summary sheet."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services import programmes
from app.services.changes import Changes
from ui.context import AppContext
from ui.dialogs.programme_dialog import ProgrammeDialog
from ui.models.programme_table import ID_ROLE, SORT_ROLE, ProgrammeTableModel
from ui.pages.base import Page
from ui.printing import show_printout
from ui.widgets.reflow import flow_row
from ui.wizards.planning_wizard import PlanningWizard


class ProgrammesPage(Page):
    KEY = "programmes"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("Programmes")
        self.model = ProgrammeTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Programmes"))
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.plan_button = QPushButton(_("P&lan a new programme…"))
        self.new_button = QPushButton(_("&New programme…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.archive_button = QPushButton(_("&Archive"))
        self.open_button = QPushButton(_("&Work on this programme"))
        self.print_button = QPushButton(_("Print s&ummary…"))
        self.show_archived = QCheckBox(_("Show a&rchived"))
        for button, name in (
            (self.plan_button, _("Plan a new programme with the planning wizard")),
            (self.new_button, _("New programme")),
            (self.edit_button, _("Edit programme")),
            (self.archive_button, _("Archive or bring back programme")),
            (self.open_button, _("Work on this programme")),
            (self.print_button, _("Print programme summary")),
        ):
            button.setAccessibleName(name)
        self.new_button.clicked.connect(self.new_programme)
        self.plan_button.clicked.connect(self.plan_new)
        self.wizard: PlanningWizard | None = None
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.new_programme)

        heading = QLabel(_("Programmes"))
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "Each programme has its own people, matches and rules. The one you are working on "
                "is shown at the top of the window."
            )
        )
        intro.setWordWrap(True)
        buttons = flow_row(
            self.plan_button,
            self.new_button,
            self.edit_button,
            self.archive_button,
            self.print_button,
            self.open_button,
            self.show_archived,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._update_buttons()

    def is_affected_by(self, changes: Changes) -> bool:
        return changes.programmes or changes.people

    def refresh(self) -> None:
        rows = self.context.ops.read(
            lambda s: programmes.list_programmes(s, include_archived=self.show_archived.isChecked())
        )
        selected = self.selected_id()
        self.model.set_rows(rows)
        self.select(selected or self.context.programme_id)
        self._update_buttons()

    def selected_id(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows()
        return int(indexes[0].data(ID_ROLE)) if indexes else None

    def select(self, programme_id: int | None) -> None:
        """Select that programme; if it is not listed, the current one, else the first row."""
        rows = {self.proxy.index(r, 0).data(ID_ROLE): r for r in range(self.proxy.rowCount())}
        for wanted in (programme_id, self.context.programme_id):
            if wanted in rows:
                self.table.selectRow(rows[wanted])
                return
        if rows:
            self.table.selectRow(0)

    def _selected_row(self) -> programmes.ProgrammeRow | None:
        programme_id = self.selected_id()
        return next((r for r in self.model.rows if r.id == programme_id), None)

    def _update_buttons(self) -> None:
        row = self._selected_row()
        for button in (self.edit_button, self.archive_button, self.print_button, self.open_button):
            button.setEnabled(row is not None)
        self.archive_button.setText(
            _("Bring &back") if row is not None and row.archived_on else _("&Archive")
        )
        self.open_button.setEnabled(
            row is not None and row.id != self.context.programme_id and not row.archived_on
        )

    def new_programme(self) -> None:
        dialog = ProgrammeDialog(parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changes = self.context.ops.run(
            self, lambda s: programmes.create_programme(s, dialog.details())
        )
        if changes is not None:
            self.refresh()
            self.select(changes.created_id)
            if self.context.programme_id is None:
                self.context.set_programme(changes.created_id)

    def plan_new(self) -> None:
        """Create a programme through the planning wizard (it is saved when the wizard's first
        page is done, and can be carried on later from the Framework page)."""
        self.wizard = PlanningWizard(self.context, None, self)
        self.wizard.open()

    def edit_selected(self) -> None:
        programme_id = self.selected_id()
        if programme_id is None:
            return
        details = self.context.ops.read(
            lambda s: programmes.details_of(programmes.get_programme(s, programme_id))
        )
        dialog = ProgrammeDialog(details, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.ops.run(
                self, lambda s: programmes.update_programme(s, programme_id, dialog.details())
            )

    def toggle_archive(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        if row.archived_on:
            self.context.ops.run(self, lambda s: programmes.unarchive_programme(s, row.id))
            return
        if (
            self.context.ops.run(
                self, lambda s: programmes.archive_programme(s, row.id, self.context.today())
            )
            is None
        ):
            return
        self.context.notify(
            _('{name} archived. Tick "Show archived" to bring it back.').format(name=row.name)
        )
        if self.context.programme_id == row.id:
            remaining = self.context.ops.read(lambda s: programmes.list_programmes(s))
            self.context.set_programme(remaining[0].id if remaining else None)

    def open_selected(self) -> None:
        programme_id = self.selected_id()
        if programme_id is not None:
            self.context.set_programme(programme_id)
            self._update_buttons()

    def print_selected(self) -> None:
        programme_id = self.selected_id()
        if programme_id is not None:
            show_printout(self, self.context, "programme-summary", programme_id)
