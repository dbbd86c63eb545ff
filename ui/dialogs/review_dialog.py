"""Recording a review of a match: who took part, how it is going, progress against the
baselines (from the goal tracker, shown side by side), what was agreed, and the decision:
carry on, extend (a new planned end agreed by both) or move to ending."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_date
from app.i18n import _
from app.model.review import REVIEW_DECISION_LABELS, WORKING_LABELS, ReviewDecision, Working
from app.services.reviews import ReviewContext, ReviewDetails
from ui.dialogs.match_dialogs import MatchDialog
from ui.widgets.date_field import DateField
from ui.widgets.enum_combo import enum_value
from ui.widgets.form import ErrorForm


def _text(height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


def _working() -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("Not discussed"), None)
    for member, label in WORKING_LABELS.items():
        combo.addItem(_(label), member.value)
    return combo


def _number(value: int | None) -> str:
    return "–" if value is None else str(value)


def progress_table(context: ReviewContext) -> QTableWidget:
    """Each goal with its baseline, latest rating, target and change, read-only."""
    headers = [_("Goal"), _("Status"), _("Baseline"), _("Latest"), _("Target"), _("Change")]
    table = QTableWidget(len(context.progress), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(_("Progress against the baselines"))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    for row, goal in enumerate(context.progress):
        change = "–" if goal.change is None else f"{goal.change:+d}"
        cells = [
            goal.title,
            goal.status,
            _number(goal.baseline),
            _number(goal.latest),
            _number(goal.target),
            change,
        ]
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    table.setFixedHeight(min(200, 32 + 30 * max(1, len(context.progress))))
    return table


class ReviewDialog(MatchDialog):
    def __init__(self, context: ReviewContext, today: date, parent: QWidget | None = None) -> None:
        pair = _("{mentee} with {mentor}").format(
            mentee=context.mentee_name, mentor=context.mentor_name
        )
        super().__init__(_("Review"), pair, parent, scroll=True)
        self.setMinimumHeight(560)
        self.context = context
        if context.due_on is None:
            due = _("Reviews every {n} months.")
        elif context.due_on < today:
            due = _("Overdue: it was due on {on}. Reviews every {n} months.")
        else:
            due = _("Due on {on}. Reviews every {n} months.")
        due = due.format(on=format_date(context.due_on), n=context.interval_months)
        self.due_text = due
        self.held_on = DateField(today)
        self.mentor_present = QCheckBox(context.mentor_name)
        self.mentee_present = QCheckBox(context.mentee_name)
        self.coordinator_present = QCheckBox(context.coordinator or _("The coordinator"))
        present = QWidget()
        row = QHBoxLayout(present)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.mentor_present, self.mentee_present, self.coordinator_present):
            box.setChecked(True)
            box.setAccessibleName(_("{name} took part").format(name=box.text()))
            row.addWidget(box)
        row.addStretch(1)
        self.others = QLineEdit()
        self.working_for_mentor = _working()
        self.working_for_mentee = _working()
        self.goals_still_right = QComboBox()
        self.goals_still_right.addItem(_("Not discussed"), None)
        self.goals_still_right.addItem(_("Yes, they are still right"), True)
        self.goals_still_right.addItem(_("No, they need changing"), False)
        self.goals_note = _text()
        self.progress_note = _text()
        self.changes_agreed = _text()
        f = self.form
        f.add_field("held_on", _("&Held on"), self.held_on, hint=due)
        f.add_field("present", _("Who took &part"), present)
        f.add_field("others_present", _("&Others present"), self.others)
        f.add_field(
            "working_for_mentor",
            _("Working for {name}?").format(name=context.mentor_name),
            self.working_for_mentor,
        )
        f.add_field(
            "working_for_mentee",
            _("Working for {name}?").format(name=context.mentee_name),
            self.working_for_mentee,
        )
        if context.progress:
            f.add_field("progress", _("Goals so far"), progress_table(context))
        f.add_field("goals_still_right", _("Are the &goals still right?"), self.goals_still_right)
        f.add_field("goals_note", _("About the goa&ls"), self.goals_note)
        f.add_field("progress_note", _("P&rogress seen"), self.progress_note)
        f.add_field("changes_agreed", _("&Changes agreed"), self.changes_agreed)

        self.decision_group = QButtonGroup(self)
        decision_box = QWidget()
        column = QVBoxLayout(decision_box)
        column.setContentsMargins(0, 0, 0, 0)
        self.decision_buttons: dict[ReviewDecision, QRadioButton] = {}
        for member, label in REVIEW_DECISION_LABELS.items():
            button = QRadioButton(_(label))
            self.decision_group.addButton(button)
            self.decision_buttons[member] = button
            column.addWidget(button)
        self.decision_buttons[ReviewDecision.CONTINUE].setChecked(True)
        f.add_field("decision", _("&Decision"), decision_box)

        self.extension = QGroupBox(_("The extension"))
        ext_form = ErrorForm()
        planned = context.planned_end_on
        self.new_end_on = DateField(planned + relativedelta(months=3) if planned else None)
        self.mentor_agreed_on = DateField()
        self.mentee_agreed_on = DateField()
        ext_form.add_field(
            "new_end_on",
            _("&New planned end"),
            self.new_end_on,
            hint=_("Now {on}.").format(on=format_date(planned)) if planned else "",
        )
        ext_form.add_field(
            "mentor_agreed_on",
            _("{name} a&greed on").format(name=context.mentor_name),
            self.mentor_agreed_on,
        )
        ext_form.add_field(
            "mentee_agreed_on",
            _("{name} agr&eed on").format(name=context.mentee_name),
            self.mentee_agreed_on,
        )
        self.extension.setLayout(ext_form)
        self.extension_form = ext_form
        self.body.addWidget(self.extension)

        next_form = ErrorForm()
        self.next_review_on = DateField(today + relativedelta(months=context.interval_months))
        next_form.add_field("next_review_on", _("Ne&xt review on"), self.next_review_on)
        self.next_form = next_form
        self.body.addLayout(next_form)
        self.body.addStretch(1)
        self.decision_group.buttonToggled.connect(lambda *_a: self._sync())
        self._sync()
        self._finish()
        self.resize(760, 720)
        self.value: ReviewDetails | None = None

    def decision(self) -> ReviewDecision:
        return next(m for m, b in self.decision_buttons.items() if b.isChecked())

    def _sync(self) -> None:
        decision = self.decision()
        self.extension.setVisible(decision is ReviewDecision.EXTEND)
        self.next_review_on.setEnabled(decision is not ReviewDecision.MOVE_TO_ENDING)

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)
        self.extension_form.show_errors(errors)
        self.next_form.show_errors(errors)

    def _collect(self) -> dict[str, str]:
        decision = self.decision()
        fields = {"held_on": self.held_on, "next_review_on": self.next_review_on}
        if decision is ReviewDecision.EXTEND:
            fields |= {
                "new_end_on": self.new_end_on,
                "mentor_agreed_on": self.mentor_agreed_on,
                "mentee_agreed_on": self.mentee_agreed_on,
            }
        dates, errors = self._dates(fields)
        if errors:
            return errors
        goals_right = self.goals_still_right.currentData()
        self.value = ReviewDetails(
            held_on=dates["held_on"],
            decision=decision,
            mentor_present=self.mentor_present.isChecked(),
            mentee_present=self.mentee_present.isChecked(),
            coordinator_present=self.coordinator_present.isChecked(),
            others_present=self.others.text(),
            working_for_mentor=enum_value(self.working_for_mentor, Working),
            working_for_mentee=enum_value(self.working_for_mentee, Working),
            goals_still_right=None if goals_right is None else bool(goals_right),
            goals_note=self.goals_note.toPlainText(),
            progress_note=self.progress_note.toPlainText(),
            changes_agreed=self.changes_agreed.toPlainText(),
            new_end_on=dates.get("new_end_on"),
            mentor_agreed_on=dates.get("mentor_agreed_on"),
            mentee_agreed_on=dates.get("mentee_agreed_on"),
            next_review_on=dates.get("next_review_on"),
        )
        return {}
