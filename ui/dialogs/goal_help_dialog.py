"""Goal-setting help: the opening questions a mentor and mentee work through together before
writing goals, in a guided dialog that turns the answers into draft goals with first actions.

The questions follow the usual order: the overall aim; three short-term goals to start with;
where the mentee is today on each; the steps to get there; how long each step takes; and the
resources and people that will help.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.goals import ActionDetails, GoalDetails, GoalDraft
from ui.widgets.accessible import cell_editors
from ui.widgets.date_field import DateField
from ui.widgets.form import ErrorForm

GOALS = 3
STEP_ROWS = 4


class _GoalTab(QWidget):
    """Questions 3 to 6 for one of the short-term goals."""

    def __init__(self, number: int, scale_max: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.goal_label = QLabel()
        self.goal_label.setWordWrap(True)
        font = self.goal_label.font()
        font.setBold(True)
        self.goal_label.setFont(font)
        self.rating = QSpinBox()
        self.rating.setRange(0, scale_max)
        self.rating.setSpecialValueText(_("Not rated"))
        self.rating.setSuffix(_(" out of {top}").format(top=scale_max))
        self.rating.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rating.setMaximumWidth(170)
        self.today_note = QLineEdit()
        self.steps = QTableWidget(STEP_ROWS, 2)
        self.steps.setHorizontalHeaderLabels([_("Step"), _("Time frame")])
        self.steps.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.steps.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.steps.setColumnWidth(1, 160)
        self.steps.verticalHeader().hide()
        cell_editors(self.steps)  # each cell's line is named "Time frame: Find a course"
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.steps.setFixedHeight(34 + STEP_ROWS * 28)
        for row in range(STEP_ROWS):
            for column in range(2):
                self.steps.setItem(row, column, QTableWidgetItem(""))
        self.add_step = QPushButton(_("Add a ste&p row"))
        self.add_step.clicked.connect(self._add_row)
        self.target_on = DateField()
        self.resources = QPlainTextEdit()
        self.resources.setTabChangesFocus(True)
        self.resources.setFixedHeight(60)

        self.form = ErrorForm()
        self.form.setRowWrapPolicy(ErrorForm.RowWrapPolicy.WrapAllRows)
        self.form.add_field(
            "rating",
            _("3. Where am I &today with this goal?"),
            self.rating,
            hint=_("1 is just starting, {top} is fully there. This becomes the baseline.").format(
                top=scale_max
            ),
        )
        self.form.add_field("today_note", _("Where I am today, in my own &words"), self.today_note)
        self.form.add_field(
            "steps",
            _("4. What &steps will take me from here to there, and 5. how long will each take?"),
            self.steps,
        )
        self.form.addRow(self.add_step)
        self.form.add_field(
            "target_on", _("By &when could the whole goal be done?"), self.target_on
        )
        self.form.add_field(
            "resources",
            _("6. What &help and resources will I need?"),
            self.resources,
            hint=_("What you need, where to find it, and who else can help."),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.goal_label)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.set_goal("")

    def _add_row(self) -> None:
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        for column in range(2):
            self.steps.setItem(row, column, QTableWidgetItem(""))
        self.steps.setFixedHeight(34 + (row + 1) * 28)
        self.steps.setCurrentCell(row, 0)
        self.steps.setFocus()

    def set_goal(self, text: str) -> None:
        self.goal_label.setText(
            _("Goal {number}: {text}").format(number=self.number, text=text)
            if text.strip()
            else _("Goal {number} is not written yet: write it on the first tab.").format(
                number=self.number
            )
        )

    def _cell_text(self, row: int, column: int) -> str:
        item = self.steps.item(row, column)
        return item.text().strip() if item is not None else ""

    def step_rows(self) -> list[tuple[str, str]]:
        rows = []
        for row in range(self.steps.rowCount()):
            step, when = self._cell_text(row, 0), self._cell_text(row, 1)
            if step:
                rows.append((step, when))
        return rows


class GoalHelpDialog(QDialog):
    """The guided questions; `drafts()` gives the goals to make after exec() is Accepted."""

    def __init__(
        self,
        *,
        mentee: str,
        scale_max: int = 10,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Goal-setting help for {mentee}").format(mentee=mentee))
        self.resize(680, 620)
        self.mentee = mentee
        self.today = today

        intro = QLabel(
            _(
                "Work through these questions together, in your own words. Start with a "
                "few simple goals: they can grow as the first ones are reached. Nothing is "
                "saved until you choose Make draft goals. You can edit every goal "
                "afterwards."
            )
        )
        intro.setWordWrap(True)
        self.aim = QPlainTextEdit()
        self.aim.setTabChangesFocus(True)
        self.aim.setFixedHeight(80)
        self.goal_edits = [QLineEdit() for _n in range(GOALS)]
        first = QWidget()
        self.first_form = ErrorForm()
        self.first_form.setRowWrapPolicy(ErrorForm.RowWrapPolicy.WrapAllRows)
        self.first_form.add_field(
            "aim",
            _("1. What do I &want to achieve through mentoring?"),
            self.aim,
            hint=_("The bigger picture: this is kept as why each goal matters."),
        )
        for number, edit in enumerate(self.goal_edits, start=1):
            self.first_form.add_field(
                f"goal{number}_title",
                _("2. Short-term goal &{number}").format(number=number),
                edit,
                hint=_("Three simple goals to start with: each something you could see or count.")
                if number == 1
                else "",
            )
        first_layout = QVBoxLayout(first)
        first_layout.addLayout(self.first_form)
        first_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Goal-setting questions"))
        self.tabs.addTab(first, _("&Aim and goals"))
        self.goal_tabs: list[_GoalTab] = []
        for number in range(1, GOALS + 1):
            tab = _GoalTab(number, scale_max)
            self.goal_tabs.append(tab)
            self.tabs.addTab(tab, _("Goal {number}").format(number=number))
        for edit, tab in zip(self.goal_edits, self.goal_tabs, strict=True):
            edit.textChanged.connect(tab.set_goal)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make_button = buttons.addButton(
            _("&Make draft goals"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.next_button = buttons.addButton(
            _("&Next question"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.next_button.clicked.connect(self._next_tab)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.aim.setFocus()
        self._drafts: list[GoalDraft] = []

    def _next_tab(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    def build_drafts(self) -> list[GoalDraft]:
        """The goals the answers describe (one per short-term goal written)."""
        drafts = []
        aim = self.aim.toPlainText().strip()
        for edit, tab in zip(self.goal_edits, self.goal_tabs, strict=True):
            title = edit.text().strip()
            if not title:
                continue
            try:
                target_on = tab.target_on.value()
            except ValueError:
                target_on = None
            actions = [
                ActionDetails(
                    description=step, timescale=when, who=self.mentee, agreed_on=self.today
                )
                for step, when in tab.step_rows()
            ]
            resources = tab.resources.toPlainText().strip()
            if resources:
                actions.append(
                    ActionDetails(
                        description=_("Line up the help and resources needed: {what}").format(
                            what=resources
                        ),
                        who=self.mentee,
                        agreed_on=self.today,
                    )
                )
            drafts.append(
                GoalDraft(
                    GoalDetails(
                        title=title,
                        why=aim,
                        baseline_rating=tab.rating.value() or None,
                        baseline_note=tab.today_note.text().strip(),
                        start_on=self.today,
                        target_on=target_on,
                    ),
                    actions,
                )
            )
        return drafts

    def drafts(self) -> list[GoalDraft]:
        return self._drafts

    def show_errors(self, errors: dict[str, str]) -> None:
        """Messages from the service, keyed goalN_field."""
        self.first_form.show_errors(errors)
        for number, tab in enumerate(self.goal_tabs, start=1):
            prefix = f"goal{number}_"
            tab.form.show_errors(
                {
                    {"baseline_rating": "rating", "target_on": "target_on"}.get(
                        k[len(prefix) :], k[len(prefix) :]
                    ): v
                    for k, v in errors.items()
                    if k.startswith(prefix)
                }
            )
        self.message.setText("\n".join(_("⚠ {message}").format(message=m) for m in errors.values()))
        self.message.setVisible(bool(errors))
        if errors:
            self.tabs.setCurrentIndex(self._tab_of(next(iter(errors))))

    @staticmethod
    def _tab_of(key: str) -> int:
        """The tab holding the field an error is about: titles are on the first tab."""
        number, _sep, field = key.removeprefix("goal").partition("_")
        return 0 if field == "title" or not number.isdigit() else int(number)

    def accept(self) -> None:
        errors: dict[str, str] = {}
        for number, tab in enumerate(self.goal_tabs, start=1):
            try:
                tab.target_on.value()
            except ValueError as exc:
                errors[f"goal{number}_target_on"] = str(exc)
        drafts = self.build_drafts()
        if not drafts and not errors:
            errors["goal1_title"] = _("Write at least one short-term goal.")
        if errors:
            self.show_errors(errors)
            return
        self.show_errors({})
        self._drafts = drafts
        super().accept()
