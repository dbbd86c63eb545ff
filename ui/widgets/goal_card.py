"""One goal on the Goals page: title and status, baseline → latest rating, a small progress
chart, the action plan (overdue steps marked in words as well as colour) and its buttons.

The card only shows; the page connects its buttons to the services.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_date
from app.i18n import _
from app.model.goal import OPEN_GOAL_STATUSES, GoalStatus, goal_label
from app.services.goals import ActionRow, GoalView
from ui.widgets.progress_chart import ProgressChart
from ui.widgets.reflow import flow_row

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = QColor("#b00020")

STATUS_MARKS = {
    GoalStatus.NOT_STARTED: "○",
    GoalStatus.IN_PROGRESS: "◐",
    GoalStatus.ACHIEVED: "●",
    GoalStatus.CHANGED: "↻",
    GoalStatus.DROPPED: "✕",
}


def rating_line(goal: GoalView, top: int) -> str:
    """ "Baseline 3 → latest 6 (12/11/2026) · target 8 by 31/03/2027", as far as known."""
    latest = goal.latest
    baseline = (
        _("Baseline {rating}").format(rating=goal.baseline_rating)
        if goal.baseline_rating is not None
        else _("No baseline")
    )
    if latest is not None:
        text = _("{baseline} → latest {rating} ({date})").format(
            baseline=baseline, rating=latest.rating, date=format_date(latest.rated_on)
        )
    else:
        text = _("{baseline}; no progress recorded yet").format(baseline=baseline)
    if goal.target_rating is not None:
        text += " · " + _("target {rating}").format(rating=goal.target_rating)
    if goal.target_on is not None:
        text += " " + _("by {date}").format(date=format_date(goal.target_on))
    return _("{line} (scale 1 to {top})").format(line=text, top=top)


def action_state(action: ActionRow) -> str:
    if action.removed_on is not None:
        return _("Removed {date}").format(date=format_date(action.removed_on))
    if action.done_on is not None:
        return _("✓ Done {date}").format(date=format_date(action.done_on))
    if action.overdue:
        return _("⚠ Overdue")
    return _("To do")


class GoalCard(QFrame):
    def __init__(self, goal: GoalView, top: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal = goal
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("goal-card")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        title = QLabel(goal.title)
        title.setWordWrap(True)
        bold = QFont(title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        title.setFont(bold)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_text = _("{mark} {status}").format(
            mark=STATUS_MARKS[goal.status], status=goal_label(goal.status)
        )
        if goal.status_since is not None:
            status_text = _("{status} since {date}").format(
                status=status_text, date=format_date(goal.status_since)
            )
        self.status_label = QLabel(
            _("{status} · {term}").format(status=status_text, term=goal_label(goal.term))
        )
        self.rating_label = QLabel(rating_line(goal, top))
        self.rating_label.setWordWrap(True)
        details = []
        if goal.why:
            details.append(_("Why it matters: {text}").format(text=goal.why))
        if goal.target:
            details.append(_("Target: {text}").format(text=goal.target))
        if goal.success_criteria:
            details.append(_("Success criteria: {text}").format(text=goal.success_criteria))
        if goal.baseline_changes:
            last = goal.baseline_changes[-1]
            details.append(
                _("Baseline changed on {date}: {reason}").format(
                    date=format_date(last.changed_on), reason=last.reason
                )
            )
        self.details_label = QLabel("\n".join(details))
        self.details_label.setWordWrap(True)
        self.details_label.setVisible(bool(details))

        self.chart = ProgressChart()
        self.chart.set_data(
            goal.series, top, goal.target_rating, has_baseline=(goal.baseline_rating is not None)
        )
        self.chart.setAccessibleName(_("Progress chart: {title}").format(title=goal.title))
        self.chart.setFixedWidth(300)

        self.actions_table = QTableWidget(0, 4)
        self.actions_table.setHorizontalHeaderLabels([_("Action"), _("Who"), _("Due"), _("State")])
        self.actions_table.setAccessibleName(_("Action plan: {title}").format(title=goal.title))
        self.actions_table.verticalHeader().hide()
        self.actions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.actions_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.actions_table.setWordWrap(True)
        self.actions_table.setTabKeyNavigation(False)
        header = self.actions_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._fill_actions(goal.actions)

        def button(text: str, name: str) -> QPushButton:
            b = QPushButton(text)
            b.setAccessibleName(_("{action}: {title}").format(action=name, title=goal.title))
            return b

        self.edit_button = button(_("Edit goal…"), _("Edit goal"))
        self.status_button = button(_("Change status…"), _("Change status"))
        self.rate_button = button(_("Record progress…"), _("Record progress"))
        self.history_button = button(_("History…"), _("History"))
        self.add_action_button = button(_("Add action…"), _("Add action"))
        self.from_meeting_button = button(_("From a meeting…"), _("Add an action from a meeting"))
        self.from_meeting_button.setToolTip(
            _("Put an action point agreed at a meeting under this goal")
        )
        self.edit_action_button = button(_("Edit action…"), _("Edit action"))
        self.done_button = button(_("Mark done"), _("Mark action done"))
        self.remove_button = button(_("Remove action"), _("Remove action"))
        self.actions_table.itemSelectionChanged.connect(self.update_buttons)
        self.rate_button.setEnabled(goal.status in OPEN_GOAL_STATUSES)

        top_row = QHBoxLayout()
        top_row.addWidget(title, 1)
        top_row.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        text_column = QVBoxLayout()
        text_column.addWidget(self.rating_label)
        text_column.addWidget(self.details_label)
        text_column.addStretch(1)
        middle = QHBoxLayout()
        middle.addLayout(text_column, 1)
        middle.addWidget(self.chart)
        goal_buttons = flow_row(
            self.edit_button, self.status_button, self.rate_button, self.history_button
        )
        plan_label = QLabel(_("Action plan"))
        plan_label.setFont(bold)
        action_buttons = flow_row(
            self.add_action_button,
            self.from_meeting_button,
            self.edit_action_button,
            self.done_button,
            self.remove_button,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top_row)
        layout.addLayout(middle)
        layout.addLayout(goal_buttons)
        layout.addWidget(plan_label)
        layout.addLayout(action_buttons)
        layout.addWidget(self.actions_table)
        self.update_buttons()

    def _fill_actions(self, actions: list[ActionRow]) -> None:
        table = self.actions_table
        table.setRowCount(len(actions))
        for row, action in enumerate(actions):
            description = action.description
            if action.timescale:
                description = _("{action} ({timescale})").format(
                    action=description, timescale=action.timescale
                )
            cells = [
                description,
                action.who,
                format_date(action.due_on),
                action_state(action),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ACTION_ID_ROLE, action.id)
                if action.removed_on is not None:
                    item.setForeground(QBrush(QColor("#767676")))
                    font = item.font()
                    font.setStrikeOut(column == 0)
                    item.setFont(font)
                elif action.overdue and column in (2, 3):
                    item.setForeground(QBrush(OVERDUE))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                tips = [action.milestone and _("Milestone: {text}").format(text=action.milestone)]
                tips.append(
                    action.success_criteria
                    and _("Success criteria: {text}").format(text=action.success_criteria)
                )
                item.setToolTip("\n".join(t for t in tips if t))
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + 4
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(max(height, table.horizontalHeader().height() + 30))
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def selected_action(self) -> ActionRow | None:
        rows = self.actions_table.selectionModel().selectedRows()
        if not rows:
            return None
        action_id = rows[0].data(ACTION_ID_ROLE)
        return next((a for a in self.goal.actions if a.id == action_id), None)

    def select_action(self, action_id: int) -> None:
        for row in range(self.actions_table.rowCount()):
            item = self.actions_table.item(row, 0)
            if item is not None and item.data(ACTION_ID_ROLE) == action_id:
                self.actions_table.selectRow(row)
                return

    def update_buttons(self) -> None:
        action = self.selected_action()
        self.edit_action_button.setEnabled(action is not None)
        self.done_button.setEnabled(
            action is not None and action.done_on is None and action.removed_on is None
        )
        self.remove_button.setEnabled(action is not None)
        self.remove_button.setText(
            _("Bring back action")
            if action is not None and action.removed_on is not None
            else _("Remove action")
        )
