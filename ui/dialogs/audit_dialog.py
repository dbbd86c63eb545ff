"""The audit trail on screen: every entry, or one record's history, and an export to CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.formatting import format_date_time
from app.i18n import _
from app.services import audit
from ui.context import AppContext
from ui.widgets.accessible import leave_tab


class AuditDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        table: str | None = None,
        record_id: int | None = None,
        person: tuple[int, str] | None = None,
    ) -> None:
        """The whole trail, or one kind of record (and one record) with `table` and
        `record_id`, or everything about one person with `person` (their id and name)."""
        super().__init__(parent)
        self.setObjectName("audit-trail")
        self.context = context
        self.person_id = person[0] if person else None
        self.rows: list[audit.AuditRow] = []
        if person:
            self.setWindowTitle(_("Audit trail: {name}").format(name=person[1]))
            words = _(
                "Who added, changed, removed or brought back {name}'s details, roles, checks, "
                "references, PVG records, training and tasks, and when. It names the fields "
                "that changed, never what was in them."
            ).format(name=person[1])
        else:
            self.setWindowTitle(_("Audit trail"))
            words = _(
                "Who added, changed, removed or brought back each entry, and who read a "
                "private note, and when. It names the fields that changed, never what was "
                "in them. The name shown is the one set under Settings ▸ You on this "
                "computer."
            )
        explain = QLabel(words)
        explain.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of record"))
        self.kind.addItem(_("Every kind of record"), "")
        for name in context.ops.read(audit.tables_in_trail):
            self.kind.addItem(audit.record_label(name), name)
        if table:
            at = self.kind.findData(table)
            if at < 0:
                self.kind.addItem(audit.record_label(table), table)
                at = self.kind.count() - 1
            self.kind.setCurrentIndex(at)
        kinds = " ".join(self.kind.itemText(i) for i in range(self.kind.count()))
        self.kind.setToolTip(glossary.help_for(kinds))
        self.number = QSpinBox()
        self.number.setRange(0, 10_000_000)
        self.number.setSpecialValueText(_("Any"))
        self.number.setValue(record_id or 0)
        self.number.setAccessibleName(_("Record number"))
        kind_label = QLabel(_("&Records"))
        kind_label.setBuddy(self.kind)
        number_label = QLabel(_("N&umber"))
        number_label.setBuddy(self.number)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.number.valueChanged.connect(lambda _v: self.refresh())
        filters = QHBoxLayout()
        for widget in (kind_label, self.kind, number_label, self.number):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("Who"), _("What happened"), _("Record"), _("Number"), _("Fields")]
        )
        self.table.setAccessibleName(_("Audit trail"))
        leave_tab(self.table)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.export_button = QPushButton(_("&Export as CSV…"))
        self.export_button.setAccessibleName(_("Export as CSV"))
        self.export_button.setToolTip(glossary.explain(glossary.CSV))
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        if self.person_id is None:
            layout.addLayout(filters)
        else:
            for widget in (kind_label, self.kind, number_label, self.number):
                widget.hide()
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 520)
        self.refresh()

    def refresh(self) -> None:
        table = str(self.kind.currentData() or "") or None
        number = self.number.value() or None
        person_id = self.person_id
        if person_id is not None:
            self.rows = self.context.ops.read(lambda s: audit.person_history(s, person_id))
        else:
            self.rows = self.context.ops.read(
                lambda s: audit.entries(s, table=table, record_id=number, limit=5000)
            )
        self.table.setRowCount(len(self.rows))
        for row, r in enumerate(self.rows):
            cells = (
                format_date_time(r.at),
                r.who,
                r.action,
                r.record,
                "" if r.record_id is None else str(r.record_id),
                r.fields,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def export(self, target: str | None = None) -> Path | None:
        if target is None:
            target, _filter = QFileDialog.getSaveFileName(
                self, _("Export the audit trail"), "audit-trail.csv", _("CSV files (*.csv)")
            )
            if not target:
                return None
        path = Path(target)
        path.write_text(audit.to_csv(self.rows), encoding="utf-8-sig")
        self.context.notify(_("Written {path}").format(path=path))
        return path
