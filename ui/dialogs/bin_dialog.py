"""The restore bin: what was removed from this programme's people and their screening
records, most recent first, with Bring back for the chosen one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_date
from app.i18n import _
from app.services import restore_bin
from app.services.restore_bin import BinItem
from ui.context import AppContext


class BinDialog(QDialog):
    def __init__(self, context: AppContext, programme_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.programme_id = programme_id
        self.setWindowTitle(_("Bin"))
        self.setObjectName("bin-dialog")
        self.resize(720, 420)
        intro = QLabel(
            _(
                "Details removed from this programme's people. They are left out of every "
                "list, figure and printout. You can bring them back until the programme's "
                "retention period ends and they are erased."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Removed on"), _("Person"), _("What"), _("Kind")])
        self.table.setAccessibleName(_("Records in the bin"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update)
        self.empty = QLabel(_("The bin is empty."))
        self.bring_back_button = QPushButton(_("&Bring back"))
        self.bring_back_button.setAccessibleName(_("Bring the chosen record back"))
        self.bring_back_button.clicked.connect(self.bring_back)
        self.message = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.bring_back_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.items: list[BinItem] = []
        self.refresh()

    def refresh(self) -> None:
        pid = self.programme_id
        self.items = self.context.ops.read(lambda s: restore_bin.bin_items(s, pid))
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = (format_date(item.removed_on), item.person, item.what, item.kind_label)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.empty.setVisible(not self.items)
        if self.items:
            self.table.selectRow(0)
        self._update()

    def chosen(self) -> BinItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _update(self) -> None:
        self.bring_back_button.setEnabled(self.chosen() is not None)

    def bring_back(self) -> None:
        item = self.chosen()
        if item is None:
            return
        done = self.context.ops.run(
            self, lambda s: restore_bin.bring_back(s, item.kind, item.record_id)
        )
        if done is not None:
            self.message.setText(
                _("Brought back: {what} ({person}).").format(what=item.what, person=item.person)
            )
            self.refresh()
