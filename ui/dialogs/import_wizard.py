"""Import people from a spreadsheet in three steps: choose the file, match its columns to
fields, then check the preview row by row. Nothing is written until Import is pressed, and
only the ticked rows without problems are added."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.i18n import _, ngettext
from app.model import Role
from app.services import importing
from app.services.errors import ActionRefused
from app.services.importing import FIELDS, ImportPlan, RawTable
from ui.context import AppContext

ROLE_CHOICES = (
    (Role.MENTEE,),
    (Role.MENTOR,),
    (Role.MENTOR, Role.MENTEE),
)


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Choose the spreadsheet"))
        self.setSubTitle(
            _(
                "Save your spreadsheet as .xlsx or .csv. The first row should hold the column "
                "headings. Nothing is added until you confirm at the end."
            )
        )
        self.path = QLineEdit()
        self.path.setAccessibleName(_("Spreadsheet file"))
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        browse = QPushButton(_("&Browse…"))
        browse.setAccessibleName(_("Choose the spreadsheet file"))
        browse.clicked.connect(self._browse)
        self.default_role = QComboBox()
        for roles, text in zip(
            ROLE_CHOICES, (_("Mentee"), _("Mentor"), _("Mentor and mentee")), strict=True
        ):
            self.default_role.addItem(text, roles)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        form = QFormLayout(self)
        file_label = QLabel(_("&File"))
        file_label.setBuddy(self.path)
        form.addRow(file_label, holder)
        role_label = QLabel(_("&Role when the file does not say"))
        role_label.setBuddy(self.default_role)
        self.default_role.setAccessibleName(_("Role when the file does not say"))
        form.addRow(role_label, self.default_role)
        form.addRow(self.problem)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the spreadsheet"),
            str(Path.home()),
            _("Spreadsheets (*.xlsx *.csv)"),
        )
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        try:
            self.wiz.table = importing.read_table(Path(self.path.text().strip()))
        except ActionRefused as exc:
            self.problem.setText(_("⚠ {message}").format(message=exc))
            return False
        except OSError as exc:
            self.problem.setText(
                _("⚠ The file could not be opened: {problem}").format(problem=exc.strerror)
            )
            return False
        self.problem.clear()
        self.wiz.default_roles = ROLE_CHOICES[self.default_role.currentIndex()]
        return True


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Match the columns"))
        self.setSubTitle(
            _(
                "For each column in your file, choose what it holds. Columns set to “Leave "
                "out” are not imported. The examples come from the first rows."
            )
        )
        self.grid = QTableWidget(0, 3)
        self.grid.setHorizontalHeaderLabels([_("Column in your file"), _("Examples"), _("Holds")])
        self.grid.verticalHeader().hide()
        self.grid.setAccessibleName(_("Columns and what they hold"))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:
        table = self.wiz.table
        assert table is not None
        guessed = importing.guess_mapping(table.headers)
        self.grid.setRowCount(len(table.headers))
        self.combos = []
        for n, header in enumerate(table.headers):
            examples = [
                importing.cell_text(cells[n]) for _line, cells in table.rows[:3] if n < len(cells)
            ]
            self.grid.setItem(n, 0, QTableWidgetItem(header or _("(no heading)")))
            self.grid.setItem(n, 1, QTableWidgetItem(" · ".join(e for e in examples if e)))
            combo = QComboBox()
            combo.addItem(_("Leave out"), "")
            for key, label, _words in FIELDS:
                combo.addItem(_(label), key)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(n, ""))))
            combo.setAccessibleName(
                _("What the column “{column}” holds").format(column=header or n + 1)
            )
            self.grid.setCellWidget(n, 2, combo)
            self.combos.append(combo)

    def mapping(self) -> dict[int, str]:
        return {
            n: combo.currentData() for n, combo in enumerate(self.combos) if combo.currentData()
        }

    def validatePage(self) -> bool:
        mapping = self.mapping()
        keys = list(mapping.values())
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            labels = dict((k, _(label)) for k, label, _w in FIELDS)
            self.problem.setText(
                _("⚠ Each field can come from one column only: {fields}.").format(
                    fields=", ".join(labels[k] for k in repeated)
                )
            )
            return False
        table = self.wiz.table
        assert table is not None
        try:
            self.wiz.plan = self.wiz.context.ops.read(
                lambda s: importing.plan_import(
                    s, table, mapping, self.wiz.default_roles, self.wiz.today
                )
            )
        except ActionRefused as exc:
            self.problem.setText(_("⚠ {message}").format(message=exc))
            return False
        self.problem.clear()
        return True


class _PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Check and confirm"))
        self.setSubTitle(
            _(
                "Ticked rows will be added. Rows with a problem cannot be added until the "
                "spreadsheet is corrected; rows that look like someone already held are left "
                "unticked for you to decide."
            )
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rows = QTableWidget(0, 5)
        self.rows.setHorizontalHeaderLabels(
            [_("Add"), _("Row"), _("Name"), _("Role"), _("Problems and warnings")]
        )
        self.rows.verticalHeader().hide()
        self.rows.setAccessibleName(_("Rows to import"))
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setWordWrap(True)
        header = self.rows.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.rows.itemChanged.connect(lambda _i: self._count())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows)

    def initializePage(self) -> None:
        plan = self.wiz.plan
        assert plan is not None
        self.rows.blockSignals(True)
        self.rows.setRowCount(len(plan.rows))
        role_names = {Role.MENTOR: _("Mentor"), Role.MENTEE: _("Mentee")}
        for n, row in enumerate(plan.rows):
            tick = QTableWidgetItem()
            if row.can_import:
                tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                tick.setCheckState(
                    Qt.CheckState.Checked if row.suggested else Qt.CheckState.Unchecked
                )
            else:
                tick.setFlags(Qt.ItemFlag.ItemIsEnabled)
                tick.setText(_("No"))
            tick.setData(Qt.ItemDataRole.UserRole, row.line)
            self.rows.setItem(n, 0, tick)
            self.rows.setItem(n, 1, QTableWidgetItem(str(row.line)))
            self.rows.setItem(n, 2, QTableWidgetItem(row.name))
            self.rows.setItem(
                n, 3, QTableWidgetItem(_(" and ").join(role_names[r] for r in row.roles))
            )
            notes = [_("⚠ {problem}").format(problem=e) for e in row.errors]
            notes += [_("Check: {warning}").format(warning=w) for w in row.warnings]
            self.rows.setItem(n, 4, QTableWidgetItem("\n".join(notes) or _("Fine")))
        self.rows.blockSignals(False)
        self.rows.resizeRowsToContents()
        self._count()

    def chosen_lines(self) -> set[int]:
        lines = set()
        for n in range(self.rows.rowCount()):
            item = self.rows.item(n, 0)
            assert item is not None  # initializePage gives every row its tick
            if item.checkState() == Qt.CheckState.Checked:
                lines.add(int(item.data(Qt.ItemDataRole.UserRole)))
        return lines

    def _count(self) -> None:
        plan = self.wiz.plan
        if plan is None:
            return
        chosen = len(self.chosen_lines())
        problems = len(plan.problems)
        parts = [
            ngettext("{n} row read", "{n} rows read", len(plan.rows)).format(n=len(plan.rows)),
            ngettext("{n} with a problem", "{n} with problems", problems).format(n=problems),
        ]
        if plan.blank_lines:
            parts.append(
                ngettext(
                    "{n} blank line skipped", "{n} blank lines skipped", plan.blank_lines
                ).format(n=plan.blank_lines)
            )
        self.summary.setText(
            _("{facts}. {chosen} will be added when you press Import.").format(
                facts=", ".join(parts),
                chosen=ngettext("{n} person", "{n} people", chosen).format(n=chosen),
            )
        )

    def validatePage(self) -> bool:
        plan = self.wiz.plan
        assert plan is not None
        lines = self.chosen_lines()
        if not lines:
            QMessageBox.information(self, _("Nothing to add"), _("Tick at least one row to add."))
            return False
        changes = self.wiz.context.ops.run(
            self,
            lambda s: importing.apply_import(s, self.wiz.programme_id, plan, lines, self.wiz.today),
        )
        if changes is None:
            return False
        self.wiz.added = len(lines)
        return True


class ImportWizard(QWizard):
    def __init__(
        self,
        context: AppContext,
        programme_id: int,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.programme_id = programme_id
        self.today = today
        self.table: RawTable | None = None
        self.plan: ImportPlan | None = None
        self.default_roles: tuple[Role, ...] = (Role.MENTEE,)
        self.added = 0
        self.setWindowTitle(_("Import people"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(760, 520)
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.preview_page = _PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Import"))
