"""Goals: each match's goals with baselines, progress charts and action plans.

Pick a match on the left; its goals show on the right as cards. Goals, actions, progress
ratings and status changes are added through dialogs; the action plan and a progress summary
print for signing and for reviews.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model.match import MATCH_STATUS_LABELS
from app.services import goals
from app.services.changes import Changes
from app.services.goals import GoalView, MatchGoalsRow, MatchHeading
from ui.context import AppContext
from ui.dialogs.goal_dialogs import (
    ActionDialog,
    GoalDialog,
    GoalHistoryDialog,
    GoalSettingsDialog,
    RatingDialog,
    StatusDialog,
)
from ui.dialogs.goal_help_dialog import GoalHelpDialog
from ui.pages.base import Page
from ui.printing import show_printout
from ui.widgets.goal_card import GoalCard
from ui.widgets.reflow import ReflowSplitter, flow_row

MATCH_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class GoalsPage(Page):
    KEY = "goals"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("Goals")
        self.rows: list[MatchGoalsRow] = []
        self.heading_info: MatchHeading | None = None
        self.views: list[GoalView] = []
        self.cards: list[GoalCard] = []
        #: Goal-setting help kept per match until its goals are made, so nothing typed is
        #: lost when the dialog is closed part-way.
        self._help: dict[int, GoalHelpDialog] = {}

        heading = QLabel(_("Goals"))
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "Each mentee's goals, where they started, the steps agreed and the progress "
                "recorded at meetings and reviews."
            )
        )
        intro.setWordWrap(True)

        self.match_list = QListWidget()
        self.match_list.setAccessibleName(_("Matches"))
        self.match_list.setMinimumWidth(240)
        self.match_list.setWordWrap(True)
        self.match_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.match_list.currentItemChanged.connect(lambda *_a: self._show_selected())
        matches_label = QLabel(_("&Matches"))
        matches_label.setBuddy(self.match_list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(matches_label)
        left_layout.addWidget(self.match_list)

        self.match_title = QLabel()
        self.match_title.setProperty("role", "heading")
        self.match_title.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.nudge_label = QLabel()
        self.nudge_label.setWordWrap(True)
        self.nudge_label.setStyleSheet(
            "background: #fff4d6; color: #4d3800; padding: 6px; border-radius: 3px;"
        )
        self.nudge_label.hide()
        self.new_button = QPushButton(_("&New goal…"))
        self.help_button = QPushButton(_("Goal-setting he&lp…"))
        self.print_plan_button = QPushButton(_("Print &action plan…"))
        self.print_progress_button = QPushButton(_("Print progress s&ummary…"))
        self.settings_button = QPushButton(_("Goal se&ttings…"))
        for button, name in (
            (self.new_button, _("New goal")),
            (self.help_button, _("Goal-setting help")),
            (self.print_plan_button, _("Print action plan")),
            (self.print_progress_button, _("Print progress summary")),
            (self.settings_button, _("Goal settings for the programme")),
        ):
            button.setAccessibleName(name)
        self.new_button.clicked.connect(self.new_goal)
        self.help_button.clicked.connect(self.goal_setting_help)
        self.print_plan_button.clicked.connect(lambda: self._print("action-plan"))
        self.print_progress_button.clicked.connect(lambda: self._print("progress-summary"))
        self.settings_button.clicked.connect(self.edit_settings)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.new_goal)

        buttons = flow_row(
            self.new_button,
            self.help_button,
            self.print_plan_button,
            self.print_progress_button,
            self.settings_button,
        )

        self.cards_holder = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_holder)
        self.cards_layout.setContentsMargins(0, 0, 4, 0)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.cards_layout.addWidget(self.empty_label)
        self.cards_layout.addStretch(1)
        self.goals_scroll = QScrollArea()
        self.goals_scroll.setWidgetResizable(True)
        self.goals_scroll.setWidget(self.cards_holder)
        self.goals_scroll.setAccessibleName(_("Goals of the selected match"))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.match_title)
        right_layout.addWidget(self.summary_label)
        right_layout.addWidget(self.nudge_label)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.goals_scroll, 1)

        # The list of matches beside the goals when there is room, above them when not.
        splitter = ReflowSplitter(side_by_side_from=760)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([290, 800])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # --- reading ---------------------------------------------------------------------
    def is_affected_by(self, changes: Changes) -> bool:
        return changes.goals or changes.matches or changes.people or changes.programmes

    def refresh(self) -> None:
        programme_id = self.context.programme_id
        selected = self.selected_match_id()
        self.rows = (
            self.context.ops.read(lambda s: goals.list_matches(s, programme_id))
            if programme_id is not None
            else []
        )
        self.match_list.blockSignals(True)
        self.match_list.clear()
        for row in self.rows:
            item = QListWidgetItem(self._match_text(row))
            item.setData(MATCH_ID_ROLE, row.match_id)
            self.match_list.addItem(item)
        self.match_list.blockSignals(False)
        ids = [r.match_id for r in self.rows]
        if ids:
            self.select_match(selected if selected in ids else ids[0])
        else:
            self._show_selected()

    @staticmethod
    def _match_text(row: MatchGoalsRow) -> str:
        counts = (
            ngettext("{n} goal", "{n} goals", row.goals).format(n=row.goals)
            if row.goals
            else _("no goals yet")
        )
        if row.achieved:
            counts = _("{counts}, {n} achieved").format(counts=counts, n=row.achieved)
        return _("{mentee} with {mentor}\n{status} · {counts}").format(
            mentee=row.mentee,
            mentor=row.mentor,
            status=_(MATCH_STATUS_LABELS[row.match_status]),
            counts=counts,
        )

    def selected_match_id(self) -> int | None:
        item = self.match_list.currentItem()
        return int(item.data(MATCH_ID_ROLE)) if item is not None else None

    def select_match(self, match_id: int) -> None:
        for row in range(self.match_list.count()):
            if self.match_list.item(row).data(MATCH_ID_ROLE) == match_id:
                if self.match_list.currentRow() == row:
                    self._show_selected()
                else:
                    self.match_list.setCurrentRow(row)
                return

    def _show_selected(self) -> None:
        match_id = self.selected_match_id()
        today = self.context.today()
        same_match = self.heading_info is not None and self.heading_info.match_id == match_id
        scrolled = self.goals_scroll.verticalScrollBar().value() if same_match else 0
        for card in self.cards:
            self.cards_layout.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        if match_id is None:
            self.heading_info, self.views = None, []
            self.match_title.setText(
                _("No matches to set goals for yet.")
                if self.context.programme_id is not None
                else _("No programme yet: create one on the Programmes page.")
            )
            self.summary_label.clear()
            self.nudge_label.hide()
            self.empty_label.setText(
                _("Goals are set once a mentor and mentee have been introduced.")
            )
            self.empty_label.show()
            self._update_buttons()
            return

        def load(s: Session) -> tuple[MatchHeading, list[GoalView], str | None]:
            views = goals.goals_for_match(s, match_id, today)
            return goals.match_heading(s, match_id), views, goals.nudge_for_match(s, match_id)

        self.heading_info, self.views, nudge = self.context.ops.read(load)
        h = self.heading_info
        self.match_title.setText(
            _("{mentee}, mentored by {mentor}").format(mentee=h.mentee, mentor=h.mentor)
        )
        self.summary_label.setText(goals.summary_text(goals.summarise(self.views)))
        self.nudge_label.setText(_("⚠ {nudge}").format(nudge=nudge) if nudge else "")
        self.nudge_label.setVisible(bool(nudge))
        self.empty_label.setText(
            _(
                "No goals yet. Start with New goal, or use Goal-setting help to work through "
                "the opening questions together."
            )
        )
        self.empty_label.setVisible(not self.views)
        for index, view in enumerate(self.views):
            card = GoalCard(view, h.rating_scale_max)
            self._wire(card)
            self.cards_layout.insertWidget(index, card)
            self.cards.append(card)
        self._update_buttons()
        # Stay where the coordinator was working after a change to the same match's goals.
        QTimer.singleShot(0, lambda: self.goals_scroll.verticalScrollBar().setValue(scrolled))

    def _wire(self, card: GoalCard) -> None:
        goal_id = card.goal.id
        card.edit_button.clicked.connect(lambda: self.edit_goal(goal_id))
        card.status_button.clicked.connect(lambda: self.change_status(goal_id))
        card.rate_button.clicked.connect(lambda: self.record_progress(goal_id))
        card.history_button.clicked.connect(lambda: self.show_history(goal_id))
        card.add_action_button.clicked.connect(lambda: self.add_action(goal_id))
        card.from_meeting_button.clicked.connect(lambda: self.add_from_meeting(goal_id))
        card.edit_action_button.clicked.connect(lambda: self.edit_action(card))
        card.done_button.clicked.connect(lambda: self.mark_done(card))
        card.remove_button.clicked.connect(lambda: self.remove_or_restore(card))
        card.actions_table.doubleClicked.connect(lambda _i: self.edit_action(card))

    def _update_buttons(self) -> None:
        has_match = self.heading_info is not None
        for button in (
            self.new_button,
            self.help_button,
            self.print_plan_button,
            self.print_progress_button,
        ):
            button.setEnabled(has_match)
        self.settings_button.setEnabled(self.context.programme_id is not None)

    def card_for(self, goal_id: int) -> GoalCard | None:
        return next((c for c in self.cards if c.goal.id == goal_id), None)

    def _view(self, goal_id: int) -> GoalView:
        return next(v for v in self.views if v.id == goal_id)

    def _people(self) -> list[str]:
        h = self.heading_info
        assert h is not None
        names = [h.mentee, h.mentor, _("Mentee and mentor")]
        if h.coordinator:
            names.append(h.coordinator)
        return names

    # --- goals -----------------------------------------------------------------------
    def new_goal(self) -> None:
        match_id = self.selected_match_id()
        if match_id is None or self.heading_info is None:
            return
        nudge = self.context.ops.read(lambda s: goals.nudge_for_match(s, match_id, adding=1))
        dialog = GoalDialog(
            scale_max=self.heading_info.rating_scale_max,
            nudge=nudge,
            today=self.context.today(),
            parent=self,
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: goals.create_goal(s, match_id, dialog.details(), self.context.today()),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                return

    def edit_goal(self, goal_id: int) -> None:
        assert self.heading_info is not None
        details, locked = self.context.ops.read(
            lambda s: (goals.goal_details(s, goal_id), goals.has_progress(s, goal_id))
        )
        dialog = GoalDialog(
            details,
            scale_max=self.heading_info.rating_scale_max,
            baseline_locked=locked,
            today=self.context.today(),
            parent=self,
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: goals.update_goal(s, goal_id, dialog.details(), self.context.today()),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                return

    def change_status(self, goal_id: int) -> None:
        dialog = StatusDialog(self._view(goal_id), today=self.context.today(), parent=self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            status, on, reason = dialog.value()
            changes = self.context.ops.run(
                self,
                partial(goals.change_status, goal_id=goal_id, status=status, reason=reason, on=on),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                return

    def record_progress(self, goal_id: int) -> None:
        assert self.heading_info is not None
        dialog = RatingDialog(
            self._view(goal_id),
            scale_max=self.heading_info.rating_scale_max,
            today=self.context.today(),
            parent=self,
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: goals.add_rating(s, goal_id, dialog.details(), self.context.today()),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                return

    def show_history(self, goal_id: int) -> None:
        assert self.heading_info is not None
        GoalHistoryDialog(
            self._view(goal_id), self.heading_info.rating_scale_max, parent=self
        ).exec()

    # --- actions ---------------------------------------------------------------------
    def add_action(self, goal_id: int) -> None:
        dialog = ActionDialog(
            goal_title=self._view(goal_id).title,
            people=self._people(),
            today=self.context.today(),
            parent=self,
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: goals.add_action(s, goal_id, dialog.details()),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                return

    def add_from_meeting(self, goal_id: int) -> None:
        """Choose one of the match's meeting action points to put under this goal."""
        match_id = self.selected_match_id()
        if match_id is None:
            return
        choices = self.context.ops.read(lambda s: goals.meeting_actions_to_link(s, match_id))
        if not choices:
            QMessageBox.information(
                self,
                _("No meeting actions"),
                _(
                    "Every action point from this match's meeting logs is already under a "
                    "goal, or no meeting is logged yet."
                ),
            )
            return
        labels = [
            _("{date}: {text}").format(date=format_date(c.agreed_on), text=c.text) for c in choices
        ]
        picked, ok = QInputDialog.getItem(
            self,
            _("Add an action from a meeting"),
            _("Action points agreed at meetings (newest first):"),
            labels,
            0,
            False,
        )
        if not ok:
            return
        chosen = choices[labels.index(picked)]
        self.context.ops.run(
            self, lambda s: goals.link_action_point(s, goal_id, chosen.action_point_id)
        )

    def edit_action(self, card: GoalCard) -> None:
        action = card.selected_action()
        if action is None:
            return
        details = self.context.ops.read(lambda s: goals.action_details(s, action.id))
        dialog = ActionDialog(
            details,
            goal_title=card.goal.title,
            people=self._people(),
            today=self.context.today(),
            parent=self,
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: goals.update_action(s, action.id, dialog.details()),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                return

    def mark_done(self, card: GoalCard) -> None:
        action = card.selected_action()
        if action is not None:
            self.context.ops.run(
                self, lambda s: goals.mark_action_done(s, action.id, self.context.today())
            )

    def remove_or_restore(self, card: GoalCard) -> None:
        action = card.selected_action()
        if action is None:
            return
        if action.removed_on is not None:
            self.context.ops.run(self, lambda s: goals.restore_action(s, action.id))
            return
        answer = QMessageBox.question(
            self,
            _("Remove action"),
            _(
                "Take “{action}” off the action plan? It stays listed as removed and can be "
                "brought back."
            ).format(action=action.description),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.context.ops.run(
                self, lambda s: goals.remove_action(s, action.id, self.context.today())
            )

    # --- match-wide ------------------------------------------------------------------
    def goal_setting_help(self) -> None:
        match_id = self.selected_match_id()
        if match_id is None or self.heading_info is None:
            return
        dialog = self._help.get(match_id)
        if dialog is None:
            dialog = GoalHelpDialog(
                mentee=self.heading_info.mentee,
                scale_max=self.heading_info.rating_scale_max,
                today=self.context.today(),
                parent=self,
            )
            self._help[match_id] = dialog
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: goals.create_goals_from_drafts(
                    s, match_id, dialog.drafts(), self.context.today()
                ),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                self._help.pop(match_id, None)
                dialog.deleteLater()
                return

    def edit_settings(self) -> None:
        programme_id = self.context.programme_id
        if programme_id is None:
            return
        current = self.context.ops.read(lambda s: goals.goal_settings(s, programme_id))
        dialog = GoalSettingsDialog(current, parent=self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            changes = self.context.ops.run(
                self,
                lambda s: goals.update_goal_settings(s, programme_id, dialog.settings()),
                on_invalid=dialog.show_errors,
            )
            if changes is not None:
                return

    def _print(self, kind: str) -> None:
        match_id = self.selected_match_id()
        if match_id is not None:
            show_printout(self, self.context, kind, match_id)
