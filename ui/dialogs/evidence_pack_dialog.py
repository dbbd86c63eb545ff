"""The quality-award evidence pack: tick the completed records to include, grouped by match,
then make the pack (off the window's thread, with progress and Cancel) and see it in the print
preview. Nobody is named in the pack; the real names here are for the coordinator choosing."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formatting import date_stamp
from app.i18n import _
from app.reports import evidence_pack
from app.reports.evidence_pack import KIND_PLURALS, KINDS, MatchRecords, PackCancelled, PackItem
from app.services.errors import ActionRefused
from ui.context import AppContext
from ui.tasks import BackgroundJob, Progress

log = logging.getLogger(__name__)


class EvidencePackDialog(QDialog):
    def __init__(self, context: AppContext, programme_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.programme_id = programme_id
        self.setWindowTitle(_("Evidence pack for a quality award"))
        self.setObjectName("evidence-pack-dialog")
        self.resize(720, 560)
        intro = QLabel(
            _(
                "Tick the completed forms to print as one pack, with a contents page. In "
                "the pack, names, e-mail addresses, phone numbers and addresses are "
                "replaced by codes (Mentor A, Mentee B, Coordinator). Each person has the "
                "same code in every document. Private meeting notes are never included."
            )
        )
        intro.setWordWrap(True)
        kinds_row = QHBoxLayout()
        kinds_row.addWidget(QLabel(_("Include:")))
        self.kind_boxes: dict[str, QCheckBox] = {}
        for kind in KINDS:
            box = QCheckBox(_(KIND_PLURALS[kind]))
            box.setObjectName(f"kind-{kind}")
            box.setChecked(True)
            box.toggled.connect(lambda on, k=kind: self.tick_kind(k, on))
            kinds_row.addWidget(box)
            self.kind_boxes[kind] = box
        kinds_row.addStretch(1)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Form"), _("Status")])
        self.tree.setAccessibleName(_("Completed forms, by match"))
        self.tree.setColumnWidth(0, 460)
        self.tree.itemChanged.connect(self._update)
        self.empty = QLabel(_("This programme has no completed forms yet."))
        self.count = QLabel()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setFormat(_("%v of %m documents"))
        self.make_button = QPushButton(_("&Make the pack"))
        self.make_button.setDefault(True)
        self.make_button.setAccessibleName(_("Make the evidence pack from the ticked forms"))
        self.make_button.clicked.connect(self.make_pack)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(kinds_row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.count)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.job = BackgroundJob(context.tasks, self)
        self.groups: list[MatchRecords] = []
        self._items: dict[int, tuple[QTreeWidgetItem, PackItem]] = {}
        self._load()

    # --- the choice ---------------------------------------------------------------------
    def _load(self) -> None:
        pid = self.programme_id
        self.groups = self.context.ops.read(lambda s: evidence_pack.completed_records(s, pid))
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        for group in self.groups:
            top = QTreeWidgetItem([group.pair, group.status])
            top.setFlags(
                top.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
            )
            self.tree.addTopLevelItem(top)
            for item in group.items:
                child = QTreeWidgetItem([item.title, ""])
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked)
                top.addChild(child)
                self._items[id(child)] = (child, item)
        self.tree.blockSignals(False)
        self.empty.setVisible(not self.groups)
        self.tree.setVisible(bool(self.groups))
        self._update()

    def tick_kind(self, kind: str, on: bool) -> None:
        """Tick (or untick) every record of one kind, in every match."""
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for child, item in self._items.values():
            if item.kind == kind:
                child.setCheckState(0, state)
        self._update()

    def chosen(self) -> list[PackItem]:
        return [
            item
            for child, item in self._items.values()
            if child.checkState(0) == Qt.CheckState.Checked
        ]

    def _update(self, *_args: object) -> None:
        n = len(self.chosen())
        self.count.setText(
            _("{n} documents chosen.").format(n=n) if n != 1 else _("1 document chosen.")
        )
        self.make_button.setEnabled(n > 0 and not self.job.running)

    # --- making it ----------------------------------------------------------------------
    def make_pack(self) -> None:
        items = self.chosen()
        if not items or self.job.running:
            return
        pid, today, database = self.programme_id, self.context.today(), self.context.database

        def work(report: Progress, cancelled: Callable[[], bool]) -> bytes:
            with database.session() as s:
                return evidence_pack.build_pack(
                    s, pid, items, today, on_progress=report, cancelled=cancelled
                )

        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._busy(True)
        self.job.start(work, self._progressed, self._made, self._failed)

    def _busy(self, busy: bool) -> None:
        self.tree.setEnabled(not busy)
        for box in self.kind_boxes.values():
            box.setEnabled(not busy)
        self.make_button.setEnabled(not busy and bool(self.chosen()))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _made(self, pdf: bytes) -> None:
        from ui.widgets.print_preview import PrintPreviewDialog

        self._busy(False)
        self.progress.setVisible(False)
        stamp = date_stamp(self.context.today())
        preview = PrintPreviewDialog(
            pdf,
            _("Evidence pack for a quality award"),
            f"evidence-pack-{stamp}.pdf",
            self.parentWidget(),
        )
        preview.setObjectName("print-preview")
        self.accept()
        preview.open()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        if isinstance(error, PackCancelled):
            self.count.setText(_("Stopped: no pack was made."))
            return
        if isinstance(error, ActionRefused):
            QMessageBox.information(self, _("Cannot make the pack"), str(error))
            return
        log.error("The evidence pack failed", exc_info=error)
        QMessageBox.warning(
            self,
            _("Cannot make the pack"),
            _("The pack could not be made. The details are in the log file."),
        )

    def reject(self) -> None:
        """Cancel stops a pack being made; pressed again, or when idle, it closes."""
        if self.job.running:
            self.job.cancel()
            self.count.setText(_("Stopping…"))
            return
        super().reject()
