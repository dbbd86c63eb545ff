"""Export the programme's tables for a funder's own template: one Excel workbook, or a folder of
CSV files (one a table). Private meeting notes are never in them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.formatting import date_stamp
from app.i18n import _
from app.reports import exports
from app.reports.exports import TABLES, ExportCancelled, ExportTable
from app.services.errors import ActionRefused
from ui.context import AppContext
from ui.tasks import BackgroundJob, Progress

log = logging.getLogger(__name__)


class ExportTablesDialog(QDialog):
    def __init__(self, context: AppContext, programme_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.programme_id = programme_id
        self.setWindowTitle(_("Export the tables"))
        self.setObjectName("export-tables-dialog")
        self.resize(560, 300)
        intro = QLabel(
            _(
                "The programme's data as plain tables, to copy into a funder's own "
                "template: {tables}. Each row has a number, so the tables can be linked. "
                "Private meeting notes are never included."
            ).format(tables=", ".join(_(title).lower() for _key, title in TABLES))
        )
        intro.setWordWrap(True)
        self.xlsx = QRadioButton(_("One &Excel workbook (.xlsx), a sheet a table"))
        self.csv = QRadioButton(_("&CSV files in a folder, one a table"))
        self.csv.setToolTip(glossary.explain(glossary.CSV))
        self.xlsx.setChecked(True)
        self.xlsx.toggled.connect(self._kind_changed)
        stamp = date_stamp(context.today())
        #: What Choose… suggests: a name with the day, in the home folder.
        self._defaults = {
            True: str(Path.home() / f"mentordesk-tables-{stamp}.xlsx"),
            False: str(Path.home() / f"mentordesk-tables-{stamp}"),
        }
        self.target = QLineEdit()
        self.target.setPlaceholderText(_("Choose where to save the export"))
        self.target.setAccessibleName(_("Where to save the export"))
        self.target.textChanged.connect(self._update)
        self.choose_button = QPushButton(_("C&hoose…"))
        self.choose_button.clicked.connect(self.choose)
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(self.choose_button)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setFormat(_("%v of %m tables"))
        self.message = QLabel()
        self.export_button = QPushButton(_("E&xport"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.xlsx)
        layout.addWidget(self.csv)
        layout.addWidget(QLabel(_("Save as:")))
        layout.addLayout(where)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.job = BackgroundJob(context.tasks, self)
        self._update()

    def _kind_changed(self, xlsx: bool) -> None:
        if not self.target.text():
            return
        if xlsx and not self.target.text().lower().endswith(".xlsx"):
            self.target.setText(self.target.text().rstrip("/\\") + ".xlsx")
        elif not xlsx and self.target.text().lower().endswith(".xlsx"):
            self.target.setText(self.target.text()[: -len(".xlsx")])

    def _update(self, *_args: object) -> None:
        self.export_button.setEnabled(bool(self.target.text().strip()) and not self.job.running)

    def choose(self) -> None:
        if self.xlsx.isChecked():
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the workbook"),
                self.target.text() or self._defaults[True],
                _("Excel workbook (*.xlsx)"),
            )
            if path and not path.lower().endswith(".xlsx"):
                path += ".xlsx"
        else:
            start = Path(self.target.text() or self._defaults[False]).parent
            path = QFileDialog.getExistingDirectory(
                self, _("Choose the folder for the CSV files"), str(start)
            )
        if path:
            self.target.setText(path)

    def chosen_target(self) -> Path:
        text = self.target.text().strip()
        path = Path(text).expanduser()
        if self.xlsx.isChecked() and path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        return path

    def export(self) -> None:
        if self.job.running or not self.target.text().strip():
            return
        target = self.chosen_target()
        if target.suffix.lower() != ".xlsx" and target.exists() and not target.is_dir():
            self.message.setText(_("That is a file, not a folder: choose a folder for CSV files."))
            return
        pid, database = self.programme_id, self.context.database

        def work(report: Progress, cancelled: Callable[[], bool]) -> list[ExportTable]:
            with database.session() as s:
                return exports.export_tables(
                    s, pid, target, on_progress=report, cancelled=cancelled
                )

        self.progress.setRange(0, len(TABLES))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.message.setText("")
        self._busy(True)
        self.job.start(
            work,
            self._progressed,
            lambda tables: self._done(tables, target),
            self._failed,
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.xlsx, self.csv, self.target, self.choose_button):
            widget.setEnabled(not busy)
        self._update()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _done(self, tables: list[ExportTable], target: Path) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        rows = sum(len(t.rows) for t in tables)
        said = _("{n} tables ({rows} rows) saved to {path}").format(
            n=len(tables), rows=rows, path=target
        )
        self.context.message.emit(said)
        QMessageBox.information(self, _("Exported"), said)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        if isinstance(error, ExportCancelled):
            self.message.setText(_("Stopped: nothing more was written."))
            return
        if isinstance(error, ActionRefused):
            self.message.setText(str(error))
            return
        if isinstance(error, OSError):
            self.message.setText(
                _("Could not write there: {reason}").format(reason=error.strerror or error)
            )
            return
        log.error("Exporting the tables failed", exc_info=error)
        QMessageBox.warning(
            self,
            _("Not exported"),
            _("The tables could not be exported. The details are in the log file."),
        )

    def reject(self) -> None:
        """Cancel stops an export under way; pressed again, or when idle, it closes."""
        if self.job.running:
            self.job.cancel()
            self.message.setText(_("Stopping…"))
            return
        super().reject()
