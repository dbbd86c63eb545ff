"""Import people from a spreadsheet in three steps: choose the file, match its columns to
fields, then check the preview row by row. Reading, checking and adding run off the window's
thread with a progress bar and Cancel; nothing is written until Import is pressed, and a
failure or Cancel part way writes nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model import Role
from app.services import importing
from app.services.changes import Changes
from app.services.errors import ActionRefused, ValidationError
from app.services.importing import FIELD_LABELS, FIELDS, ImportPlan, ImportRow, Source
from ui.context import AppContext
from ui.widgets.accessible import cell_editors, put_in_cell

ROLE_CHOICES = (
    (Role.MENTEE,),
    (Role.MENTOR,),
    (Role.MENTOR, Role.MENTEE),
)
ROLE_NAMES = {Role.MENTOR: "Mentor", Role.MENTEE: "Mentee"}
PROBLEM_STYLE = "color: #b00020;"
#: The preview's column saying what to check, beside the name so it is seen first.
CHECK_COLUMN = 4

Report = Callable[[int, int], None]
_Index = QModelIndex | QPersistentModelIndex


class _Cancelled(Exception):
    """The coordinator pressed Cancel; the work stops at its next report."""


class _Job(QObject):
    """One piece of work on its own thread, with a progress dialog and Cancel; the result
    comes back on the window's thread. Inline (no thread, no dialog) when the context runs
    tasks synchronously, as the tests do."""

    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, error

    def __init__(
        self,
        wizard: ImportWizard,
        label: str,
        work: Callable[[Report], Any],
        on_done: Callable[[Any], None],
    ) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.on_done = on_done
        self.cancel = threading.Event()
        if wizard.context.tasks.synchronous:
            self._finish(*self._run(work, lambda _d, _t: None))
            return
        self.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = QProgressDialog(label, _("Cancel"), 0, 0, wizard)
        self.dialog.setWindowTitle(_("Import people"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel.set)
        wizard.jobs.append(self)

        def report(done: int, total: int) -> None:
            if self.cancel.is_set():
                raise _Cancelled
            self.progressed.emit(done, total)

        def run() -> None:
            result, error = self._run(work, report)
            self.finished.emit(result, error)

        self.worker = threading.Thread(target=run, name="import", daemon=True)
        self.worker.start()

    @staticmethod
    def _run(work: Callable[[Report], Any], report: Report) -> tuple[Any, BaseException | None]:
        try:
            return work(report), None
        except BaseException as exc:  # handed back to the window's thread
            return None, exc

    def _progress(self, done: int, total: int) -> None:
        if self.dialog is not None and total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def _finish(self, result: Any, error: BaseException | None) -> None:
        cancelled = self.cancel.is_set()
        dialog = getattr(self, "dialog", None)
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel.set)  # closing it would say "cancelled"
            dialog.close()
            dialog.deleteLater()
            self.dialog = None
        if self in self.wizard.jobs:
            self.wizard.jobs.remove(self)
        if isinstance(error, _Cancelled) or cancelled:
            return
        if isinstance(error, (ActionRefused, ValidationError)):
            message = (
                " ".join(error.errors.values()) if isinstance(error, ValidationError) else error
            )
            self.wizard.show_problem(str(message))
            return
        if error is not None:
            raise error
        self.on_done(result)


def _note(text: str) -> QLabel:
    """A page's longer explanation, in the page where it wraps to any width (a wizard's
    subtitle is cut short when the window is small or magnified)."""
    note = QLabel(text)
    note.setWordWrap(True)
    return note


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self._passed = False
        self.setTitle(_("Choose the spreadsheet"))
        self.setSubTitle(_("Nothing is added until you confirm at the end."))
        about = _note(
            _(
                "Choose the list you keep: an Excel or LibreOffice spreadsheet (.xlsx, "
                ".xls, .ods) or a .csv file (a simple spreadsheet file). The headings do "
                "not need to be on the first row."
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
        self.problem.setStyleSheet(PROBLEM_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        form = QFormLayout(self)
        form.addRow(about)
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
            _("Spreadsheets and lists (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv)")
            + ";;"
            + _("All files (*)"),
        )
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        if self._passed:
            self._passed = False
            return True
        self.problem.clear()
        self.wiz.problem_label = self.problem
        path = Path(self.path.text().strip())
        self.wiz.default_roles = ROLE_CHOICES[self.default_role.currentIndex()]
        _Job(
            self.wiz,
            _("Reading {name}…").format(name=path.name),
            lambda _report: importing.read_source(path),
            self._read,
        )
        return False

    def _read(self, source: Source) -> None:
        self.wiz.source = source
        self._passed = True
        self.wiz.next()
        self._passed = False


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self._passed = False
        self.setTitle(_("Match the columns"))
        self.setSubTitle(_("For each column in your file, choose what it holds."))
        self.about = _note(
            _(
                "Columns set to “Not imported” are listed in the preview and left out. The "
                "examples come from the first rows."
            )
        )
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.grid = QTableWidget(0, 3)
        self.grid.setHorizontalHeaderLabels([_("Column in your file"), _("Examples"), _("Holds")])
        self.grid.verticalHeader().hide()
        self.grid.setAccessibleName(_("Columns and what they hold"))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        cell_editors(self.grid)  # Tab leaves the table; F2 or Enter reaches a row's choice
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.found)
        layout.addWidget(self.grid)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:
        source = self.wiz.source
        assert source is not None
        self.found.setText(source.describe())
        self.problem.clear()
        guessed = importing.guess_mapping(source.headers)
        self.grid.setRowCount(len(source.headers))
        self.combos = []
        for n, header in enumerate(source.headers):
            self.grid.setItem(n, 0, QTableWidgetItem(header or _("(no heading)")))
            self.grid.setItem(n, 1, QTableWidgetItem(" · ".join(importing.examples(source, n))))
            combo = QComboBox()
            combo.addItem(_("Not imported"), "")
            for key, label, _words in FIELDS:
                combo.addItem(_(label), key)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(n, ""))))
            # Translators: {row} is a column heading in the coordinator's own file.
            named = _("What the column “{row}” holds")
            unnamed = _("What column {n} (no heading) holds").format(n=n + 1)
            put_in_cell(self.grid, n, 2, combo, named if header else unnamed)
            self.combos.append(combo)

    def mapping(self) -> dict[int, str]:
        return {
            n: combo.currentData() for n, combo in enumerate(self.combos) if combo.currentData()
        }

    def validatePage(self) -> bool:
        if self._passed:
            self._passed = False
            return True
        mapping = self.mapping()
        keys = list(mapping.values())
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            self.problem.setText(
                _("⚠ Each field can come from one column only: {fields}.").format(
                    fields=", ".join(_(FIELD_LABELS[k]) for k in repeated)
                )
            )
            return False
        self.problem.clear()
        self.wiz.problem_label = self.problem
        source = self.wiz.source
        assert source is not None
        roles, today, database = self.wiz.default_roles, self.wiz.today, self.wiz.database

        def work(report: Report) -> ImportPlan:
            with database.session() as s:
                return importing.plan_import(s, source, mapping, roles, today, progress=report)

        _Job(self.wiz, _("Checking {n} rows…").format(n=len(source.rows)), work, self._planned)
        return False

    def _planned(self, plan: ImportPlan) -> None:
        self.wiz.plan = plan
        self._passed = True
        self.wiz.next()
        self._passed = False


def _row_notes(row: ImportRow) -> list[str]:
    notes = [_("⚠ Not added: {problem}").format(problem=e) for e in row.errors]
    if row.duplicate:
        notes.append(_("Not added, a duplicate: {why}").format(why=row.duplicate))
        if row.new_note:
            notes.append(_("Its note differs: “{note}”").format(note=row.new_note))
    if row.maybe_same:
        notes.append(_("Check: {why} Tick to add anyway.").format(why=row.maybe_same))
    if row.can_import:  # a row not added has nothing else to check
        notes += [
            _("{field}: {message}").format(field=note.label, message=note.message)
            for note in row.warnings
        ]
    return notes


def _shown_value(row: ImportRow, key: str) -> str:
    """What will be saved for a field, as the record will show it."""
    d = row.details
    if d is None:
        return ""
    if key == "role":
        if len(row.roles) == 2:
            return _("Mentor and mentee")
        return _(ROLE_NAMES[row.roles[0]]) if row.roles else ""
    if key == "start_date":
        return format_date(row.start_date)
    if key == "pvg_number":
        return row.pvg.number if row.pvg else ""
    if key == "pvg_issued_on":
        if row.pvg is None:
            return ""
        return _("{issued} (renew by {renews})").format(
            issued=format_date(row.pvg.issued_on), renews=format_date(row.pvg.renews_on)
        )
    if key == "references":
        return ", ".join(row.referees)
    if key == "training_hours":
        return f"{row.training_hours:g}" if row.training_hours else ""
    value = getattr(d, key, "")
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


class PreviewModel(QAbstractTableModel):
    """The planned rows: a tick, the row number, the forename and surname, each mapped field as
    it will be saved, and what to check."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.keys: list[str] = []
        self.headers: list[str] = []
        self.visible: list[int] = []
        self.ticked: set[int] = set()
        self.notes: dict[int, str] = {}

    def set_plan(self, plan: ImportPlan, only_to_check: bool = False) -> None:
        self.beginResetModel()
        if plan is not self.plan:
            self.plan = plan
            self.ticked = {r.line for r in plan.rows if r.suggested}
            self.notes = {r.line: "\n".join(_row_notes(r)) for r in plan.rows}
            mapped = set(plan.mapping.values())
            self.keys = [
                k
                for k, _label, _w in FIELDS
                # The role always: from the file, or the one chosen for the whole file.
                if (k in mapped or k == "role")
                and k not in ("first_name", "last_name", "full_name")
            ]
            self.headers = [_("Add"), _("Row"), _("Forename"), _("Surname"), _("To check")]
            self.headers += [_(FIELD_LABELS[k]).split(" (")[0] for k in self.keys]
        self.visible = [
            n for n, r in enumerate(plan.rows) if not only_to_check or self.notes[r.line]
        ]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def row_at(self, n: int) -> ImportRow:
        assert self.plan is not None
        return self.plan.rows[self.visible[n]]

    def text(self, n: int, column: int) -> str:
        row = self.row_at(n)
        if column == 0:
            return _("Yes") if row.line in self.ticked else _("No")
        if column == 1:
            return str(row.line)
        if column in (2, 3):
            if row.details is None:
                return ""
            return row.details.first_name if column == 2 else row.details.last_name
        if column == CHECK_COLUMN:
            return self.notes[row.line]
        return _shown_value(row, self.keys[column - CHECK_COLUMN - 1])

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and row.can_import:
            return Qt.CheckState.Checked if row.line in self.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "" if row.can_import else _("No")
            return self.text(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole and column == CHECK_COLUMN:
            return self.notes[row.line] or None
        if role == Qt.ItemDataRole.BackgroundRole and column == CHECK_COLUMN:
            if not row.can_import:
                return QColor("#fde7e9")
            if self.notes[row.line]:
                return QColor("#fff4ce")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self.row_at(index.row()).can_import:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: _Index, value: Any, role: int = 0) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        row = self.row_at(index.row())
        if not row.can_import:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        (self.ticked.add if checked else self.ticked.discard)(row.line)
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        key = self.keys[section - CHECK_COLUMN - 1] if section > CHECK_COLUMN else ""
        if role == Qt.ItemDataRole.ToolTipRole and key == "start_date":
            return _("Left empty, the person joins the programme today.")
        return None


class _PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self._passed = False
        self.setTitle(_("Check and confirm"))
        self.setSubTitle(_("Ticked rows will be added, with each value as shown."))
        self.about = _note(
            _(
                "Anything to check is noted on the person's details, and that field is left "
                "empty. Possible duplicates are left unticked for you to decide."
            )
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = PreviewModel(self)
        self.rows = QTableView()
        self.rows.setTabKeyNavigation(False)  # Tab leaves the table
        self.rows.setModel(self.model)
        self.rows.verticalHeader().hide()
        self.rows.setAccessibleName(_("Rows to import"))
        self.rows.setWordWrap(True)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.model.dataChanged.connect(lambda *_a: self._count())
        self.only_to_check = QCheckBox(_("&Show only the rows with something to check"))
        self.only_to_check.toggled.connect(self._filter)
        self.add_notes = QCheckBox(
            _("&Add a duplicate's differing note to the person it duplicates")
        )
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_to_check)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.add_notes)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:
        plan = self.wiz.plan
        assert plan is not None
        self.only_to_check.setChecked(False)
        self.model.set_plan(plan)
        noted = sum(1 for r in plan.rows if r.duplicate and r.new_note)
        self.add_notes.setVisible(noted > 0)
        self.add_notes.setText(
            ngettext(
                "&Add the differing note of {n} duplicate to the person it duplicates",
                "&Add the differing notes of {n} duplicates to the people they duplicate",
                noted,
            ).format(n=noted)
        )
        self.add_notes.setChecked(False)
        self.problem.clear()
        header = self.rows.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        if len(plan.rows) <= 500:
            self.rows.resizeColumnsToContents()
        self.rows.setColumnWidth(CHECK_COLUMN, 420)
        if len(plan.rows) <= 500:
            self.rows.resizeRowsToContents()
        self._count()

    def _filter(self, only: bool) -> None:
        if self.wiz.plan is not None:
            self.model.set_plan(self.wiz.plan, only)

    def chosen_lines(self) -> set[int]:
        return set(self.model.ticked)

    def _count(self) -> None:
        plan = self.wiz.plan
        if plan is None:
            return
        self.summary.setText(plan.summary(len(self.chosen_lines())))

    def validatePage(self) -> bool:
        if self._passed:
            self._passed = False
            return True
        plan = self.wiz.plan
        assert plan is not None
        lines = self.chosen_lines()
        if not lines:
            QMessageBox.information(self, _("Nothing to add"), _("Tick at least one row to add."))
            return False
        self.problem.clear()
        self.wiz.problem_label = self.problem
        database, programme_id, today = self.wiz.database, self.wiz.programme_id, self.wiz.today
        add_notes = self.add_notes.isVisible() and self.add_notes.isChecked()

        def work(report: Report) -> Changes:
            with database.session() as s:
                return importing.apply_import(
                    s, programme_id, plan, lines, today, add_notes=add_notes, progress=report
                )

        label = ngettext("Adding {n} person…", "Adding {n} people…", len(lines)).format(
            n=len(lines)
        )
        _Job(self.wiz, label, work, lambda changes: self._added(changes, len(lines)))
        return False

    def _added(self, changes: Changes, count: int) -> None:
        self.wiz.added = count
        self.wiz.context.ops.changes_made.emit(changes)
        self._passed = True
        self.wiz.accept()
        self._passed = False


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
        self.database = context.database
        self.programme_id = programme_id
        self.today = today
        self.source: Source | None = None
        self.plan: ImportPlan | None = None
        self.default_roles: tuple[Role, ...] = (Role.MENTEE,)
        self.added = 0
        self.jobs: list[_Job] = []
        self.problem_label: QLabel | None = None
        self.setWindowTitle(_("Import people"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(900, 560)  # smaller screens: ui/widgets/reflow.py fits it
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.preview_page = _PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Import"))

    def show_problem(self, message: str) -> None:
        if self.problem_label is not None:
            self.problem_label.setText(_("⚠ {message}").format(message=message))

    def reject(self) -> None:
        """Closing the wizard stops any work still running; adding stopped part way writes
        nothing (it is one unit of work)."""
        for job in self.jobs:
            job.cancel.set()
        super().reject()

    def wait(self) -> None:
        """Let running work finish (closing, and the tests)."""
        for job in list(self.jobs):
            job.worker.join()
