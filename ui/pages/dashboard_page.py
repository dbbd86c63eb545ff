"""Dashboard: the programme's figures for a period, each with a small chart, the national
network's figures, the gaps in the records, and the monitoring questions the coordinator
answers for the evaluation report.

The figures and charts are worked out off the window's thread (a busy cursor, then a progress
window, when it takes a while). Each chart is the ReportLab drawing the evaluation report
prints, shown here as SVG, so screen and paper always agree. The answers to the monitoring
questions are kept as a draft as they are typed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import partial

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.formatting import date_stamp, format_date, format_time
from app.i18n import _
from app.reports import figures as words
from app.reports import monitoring
from app.reports.figures import Figures
from app.services import programmes
from app.services.changes import Changes
from app.services.errors import ActionRefused, ValidationError
from ui.context import AppContext
from ui.pages.base import Page
from ui.widgets.date_field import DateField
from ui.widgets.reflow import flow_row, labelled

log = logging.getLogger(__name__)

#: Room a chart card takes across, beside the chart itself (frame and spacing).
CARD_MARGIN = 34
#: How long typing pauses before the answers are saved as a draft.
SAVE_AFTER_MS = 800
#: A chart's size on screen (the drawing is 240 x 150 points; the people chart is taller).
CHART_SIZE = QSize(300, 188)


@dataclass(frozen=True)
class ChartView:
    """One chart as the page shows it: worked out off the window's thread."""

    key: str
    title: str
    headline: str
    description: str
    svg: bytes
    aspect: float  # height / width


@dataclass(frozen=True)
class Result:
    figures: Figures
    charts: list[ChartView]


def work_out(context: AppContext, programme_id: int, start: date, end: date, today: date) -> Result:
    """The figures and each chart's SVG (runs on the worker thread: no widgets here)."""
    from app.reports import charts, figures

    with context.database.session() as s:
        found = figures.figures(s, programme_id, start, end, today)
    views = []
    for chart in charts.CHARTS:
        drawing = chart.draw(found)
        views.append(
            ChartView(
                key=chart.key,
                title=_(chart.title),
                headline=chart.headline(found),
                description=chart.describe(found),
                svg=charts.to_svg(drawing),
                aspect=drawing.height / drawing.width,
            )
        )
    return Result(found, views)


class ChartCard(QFrame):
    def __init__(self, view: ChartView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart-{view.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(view.title)
        title.setProperty("role", "subheading")
        title.setStyleSheet("font-weight: bold;")
        title.setWordWrap(True)
        self.headline = QLabel(view.headline)
        self.headline.setWordWrap(True)
        self.chart = QSvgWidget()
        self.chart.load(QByteArray(view.svg))
        width = CHART_SIZE.width()
        self.chart.setFixedSize(QSize(width, round(width * view.aspect)))
        self.chart.setAccessibleName(view.title)
        self.chart.setAccessibleDescription(view.description)
        self.chart.setToolTip(view.description)
        self.chart.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.headline)
        layout.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)


class DashboardPage(Page):
    KEY = "dashboard"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("Dashboard")
        self.result: Result | None = None
        self.cards: dict[str, ChartCard] = {}
        self._generation = 0
        self._answers_for: int | None = None
        self._loading_answers = False

        heading = QLabel(_("Dashboard"))
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "What the programme did in a period: people, matches, meetings, support, "
                "goals and endings. It gives the figures the national network asks for. "
                "The evaluation report prints the same figures and charts, with your "
                "answers below."
            )
        )
        intro.setWordWrap(True)

        self.programme_box = QComboBox()
        self.programme_box.setAccessibleName(_("Programme the figures are for"))
        self.programme_box.setMinimumContentsLength(24)
        programme_label = QLabel(_("P&rogramme:"))
        programme_label.setBuddy(self.programme_box)
        start, end = words.default_period(context.today())
        self.from_field = DateField(start)
        self.from_field.setAccessibleName(_("First day of the period"))
        from_label = QLabel(_("Fr&om:"))
        from_label.setBuddy(self.from_field)
        self.to_field = DateField(end)
        self.to_field.setAccessibleName(_("Last day of the period"))
        to_label = QLabel(_("&To:"))
        to_label.setBuddy(self.to_field)
        self.show_button = QPushButton(_("&Show figures"))
        self.show_button.setAccessibleName(_("Show the figures for this programme and period"))
        self.show_button.clicked.connect(self.refresh)
        self.print_button = QPushButton(_("Print e&valuation report…"))
        self.print_button.setAccessibleName(_("Print the evaluation report for this period"))
        self.print_button.clicked.connect(self.print_report)
        self.pack_button = QPushButton(_("Evidence pac&k…"))
        self.pack_button.setAccessibleName(_("Make an evidence pack for a quality award"))
        self.pack_button.clicked.connect(self.evidence_pack)
        self.export_button = QPushButton(_("E&xport tables…"))
        self.export_button.setAccessibleName(_("Export the tables for a funder"))
        self.export_button.clicked.connect(self.export_tables)
        self.programme_box.activated.connect(lambda _index: self.refresh())

        filters = flow_row(
            labelled(programme_label, self.programme_box),
            labelled(from_label, self.from_field),
            labelled(to_label, self.to_field),
            self.show_button,
        )
        actions = flow_row(self.print_button, self.pack_button, self.export_button)

        self.status = QLabel()
        self.status.setWordWrap(True)

        self.network = QLabel()
        self.network.setWordWrap(True)
        self.network.setTextFormat(Qt.TextFormat.PlainText)
        network_box = QGroupBox(_("The national network's figures"))
        QVBoxLayout(network_box).addWidget(self.network)
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.gaps.setTextFormat(Qt.TextFormat.PlainText)
        gaps_box = QGroupBox(_("Gaps in the records"))
        QVBoxLayout(gaps_box).addWidget(self.gaps)
        side = QHBoxLayout()
        side.addWidget(network_box, 1)
        side.addWidget(gaps_box, 1)

        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)

        self.answers: dict[str, QPlainTextEdit] = {}
        questions_box = QGroupBox(_("Monitoring questions for the evaluation report"))
        questions = QVBoxLayout(questions_box)
        note = QLabel(
            _(
                "Your own view of the period. What you type is kept as you go, and printed "
                "in the evaluation report. Leave a question empty to write the answer by "
                "hand."
            )
        )
        note.setWordWrap(True)
        questions.addWidget(note)
        for question in monitoring.QUESTIONS:
            label = QLabel(_(question.text))
            label.setWordWrap(True)
            label.setStyleSheet("font-weight: bold;")
            edit = QPlainTextEdit()
            edit.setPlaceholderText(_(question.hint))
            edit.setAccessibleName(_(question.text))
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            edit.textChanged.connect(self._answer_typed)
            label.setBuddy(edit)
            questions.addWidget(label)
            questions.addWidget(edit)
            self.answers[question.key] = edit
        self.saved_label = QLabel()
        questions.addWidget(self.saved_label)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_answers)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.status)
        column.addLayout(side)
        column.addWidget(self.grid_holder)
        column.addWidget(questions_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName(_("Figures and charts"))
        self.scroll_area = scroll
        self._columns = 0

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(scroll, 1)

    def columns(self) -> int:
        """As many columns of charts as the page's width has room for (at least one)."""
        room = self.scroll_area.viewport().width() - 24
        return max(1, room // (CHART_SIZE.width() + CARD_MARGIN))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.cards and self.columns() != self._columns:
            self._place_cards()

    def _place_cards(self) -> None:
        self._columns = self.columns()
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, i // self._columns, i % self._columns)

    # --- reading ---------------------------------------------------------------------
    def is_affected_by(self, changes: Changes) -> bool:
        return changes.anything

    def selected_programme(self) -> int | None:
        value = self.programme_box.currentData()
        return int(value) if value is not None else None

    def _fill_programmes(self) -> None:
        rows = self.context.ops.read(lambda s: programmes.list_programmes(s))
        current = self.selected_programme() or self.context.programme_id
        self.programme_box.clear()
        for row in rows:
            self.programme_box.addItem(row.name, row.id)
        index = self.programme_box.findData(current)
        self.programme_box.setCurrentIndex(max(0, index) if rows else -1)

    def _programme_changed(self, programme_id: object) -> None:
        index = self.programme_box.findData(programme_id)
        if index >= 0:
            self.programme_box.setCurrentIndex(index)
        super()._programme_changed(programme_id)

    def period(self) -> tuple[date, date] | None:
        """The period typed in, or None with the reason shown."""
        try:
            start, end = self.from_field.value(), self.to_field.value()
        except ValueError as exc:
            self.status.setText(str(exc))
            return None
        problems = words.validate_period(start, end)
        if problems or start is None or end is None:
            self.status.setText(" ".join(problems.values()))
            return None
        return start, end

    def refresh(self) -> None:
        self._fill_programmes()
        programme_id = self.selected_programme()
        self._load_answers(programme_id)
        if programme_id is None:
            self._show(None)
            self.status.setText(_("There is no programme yet: create one on the Programmes page."))
            return
        period = self.period()
        if period is None:
            return
        self._generation += 1
        generation = self._generation
        today = self.context.today()
        self.status.setText(_("Working out the figures…"))
        self.context.tasks.submit(
            self,
            _("Working out the figures…"),
            partial(work_out, self.context, programme_id, period[0], period[1], today),
            lambda result: self._arrived(generation, result),
            self._failed,
        )

    def _arrived(self, generation: int, result: Result) -> None:
        if generation == self._generation:  # a later request is on its way: wait for that
            self._show(result)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, (ActionRefused, ValidationError)):
            self.status.setText(str(error))
            return
        log.error("Working out the figures failed", exc_info=error)
        self.status.setText(
            _("The figures could not be worked out. The details are in the log file.")
        )

    def _show(self, result: Result | None) -> None:
        self.result = result
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self.cards = {}
        if result is None:
            self.network.setText("")
            self.gaps.setText("")
            return
        f = result.figures
        self.status.setText(
            _(
                "{programme}: {start} to {end}. People, waiting and matches now are as on {today}."
            ).format(
                programme=f.programme,
                start=format_date(f.start),
                end=format_date(f.end),
                today=format_date(f.as_at),
            )
        )
        n = f.network
        self.network.setText(
            "\n".join(
                [
                    _("Trained mentors now: {n}").format(n=n.trained_mentors),
                    _("Mentees taking part now: {n}").format(n=n.mentees),
                    _("Active matches now: {n}").format(n=n.active_matches),
                    _("Average match length: {text}").format(
                        text=words.months_text(n.average_match_months)
                    ),
                    _("Average mentoring hours per week, per match: {text}").format(
                        text=words.hours_per_week_text(n.hours_per_week)
                    ),
                ]
            )
        )
        self.gaps.setText(
            "\n".join("• " + sentence for sentence in f.missing)
            if f.missing
            else _("Nothing the figures need is missing from the records.")
        )
        for view in result.charts:
            self.cards[view.key] = ChartCard(view)
        self._place_cards()

    # --- monitoring answers ----------------------------------------------------------
    def _load_answers(self, programme_id: int | None) -> None:
        if programme_id == self._answers_for:
            return
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_answers()
        self._answers_for = programme_id
        found = (
            self.context.ops.read(lambda s: monitoring.answers(s, programme_id))
            if programme_id is not None
            else {}
        )
        self._loading_answers = True
        try:
            for key, edit in self.answers.items():
                edit.setPlainText(found.get(key, ""))
                edit.setEnabled(programme_id is not None)
        finally:
            self._loading_answers = False
        self.saved_label.setText("")

    def typed_answers(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.answers.items()}

    def _answer_typed(self) -> None:
        if not self._loading_answers:
            self._save_timer.start()

    def save_answers(self) -> None:
        programme_id = self._answers_for
        if programme_id is None:
            return
        typed = self.typed_answers()
        self.context.ops.run(self, lambda s: monitoring.save_answers(s, programme_id, typed))
        self.saved_label.setText(
            _("Your answers are kept ({time}).").format(time=format_time(self.context.now()))
        )

    def hideEvent(self, event: QHideEvent) -> None:
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_answers()
        super().hideEvent(event)

    # --- printing --------------------------------------------------------------------
    def print_report(self) -> None:
        programme_id = self.selected_programme()
        if programme_id is None:
            QMessageBox.information(self, _("Cannot print"), _("Choose a programme first."))
            return
        period = self.period()
        if period is None:
            QMessageBox.information(self, _("Cannot print"), self.status.text())
            return
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_answers()
        typed = {k: v for k, v in self.typed_answers().items() if v.strip()}
        today = self.context.today()
        start, end = period

        def work() -> bytes:
            from app.printouts import evaluation_report

            with self.context.database.session() as s:
                return evaluation_report.build(s, programme_id, start, end, today, typed)

        def done(pdf: bytes) -> None:
            from ui.widgets.print_preview import PrintPreviewDialog

            name = f"evaluation-report-{date_stamp(start, '')}-{date_stamp(end, '')}.pdf"
            dialog = PrintPreviewDialog(pdf, _("Evaluation report"), name, self)
            dialog.setObjectName("print-preview")
            dialog.open()

        def failed(error: BaseException) -> None:
            if isinstance(error, (ActionRefused, ValidationError)):
                QMessageBox.information(self, _("Cannot print"), str(error))
                return
            log.error("Printing the evaluation report failed", exc_info=error)
            QMessageBox.warning(
                self,
                _("Cannot print"),
                _("The document could not be made. The details are in the log file."),
            )

        def cancelled() -> None:
            self.status.setText(_("The evaluation report was cancelled, so it was not made."))

        self.context.tasks.submit(
            self,
            _("Preparing the evaluation report…"),
            work,
            done,
            failed,
            on_cancel=cancelled,
        )

    def evidence_pack(self) -> None:
        """Choose completed records of this programme and print them as one coded pack."""
        from ui.dialogs.evidence_pack_dialog import EvidencePackDialog

        programme_id = self.selected_programme()
        if programme_id is None:
            QMessageBox.information(self, _("No programme"), _("Choose a programme first."))
            return
        dialog = EvidencePackDialog(self.context, programme_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_tables(self) -> None:
        """Save this programme's tables as a workbook or CSV files for a funder's template."""
        from ui.dialogs.export_tables_dialog import ExportTablesDialog

        programme_id = self.selected_programme()
        if programme_id is None:
            QMessageBox.information(self, _("No programme"), _("Choose a programme first."))
            return
        dialog = ExportTablesDialog(self.context, programme_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
