"""The Framework page: how far planning has got, the programme's rules, and the written
policy with its versions (edit the draft, approve it, print it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import glossary
from app.formatting import format_date
from app.i18n import _
from app.services import framework, policy, programme_settings, programmes
from app.services.changes import Changes
from app.services.errors import ActionRefused
from app.services.policy import PolicyVersionView
from ui.context import AppContext
from ui.dialogs.policy_dialogs import ApprovePolicyDialog, PolicyEditorDialog, approved_note
from ui.dialogs.rules_dialog import RulesDialog
from ui.pages.base import Page
from ui.printing import show_printout
from ui.widgets.accessible import describe
from ui.wizards.planning_wizard import PlanningWizard


@dataclass(frozen=True)
class _Overview:
    name: str
    coordinator: str
    state: framework.PlanningState
    rules: list[tuple[str, str]]
    weights: list[tuple[str, int]]
    versions: list[PolicyVersionView]
    in_force: policy.PolicyRef | None


def _overview(s: Session, programme_id: int, today: date) -> _Overview:
    programme = programmes.get_programme(s, programme_id)
    rules = programme_settings.rules_of(programme)
    return _Overview(
        name=programme.name,
        coordinator=programme.coordinator,
        state=framework.planning_state(s, programme_id),
        rules=programmes.rules_for_print(programme),
        weights=[
            (programme_settings.criterion_label(k), int(w))
            for k, w in rules.matching_weights.items()
        ],
        versions=policy.versions(s, programme_id),
        in_force=policy.policy_reference(s, programme_id, today),
    )


def _group(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    return box, layout


class FrameworkPage(Page):
    KEY = "framework"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("Framework")
        self.wizard: PlanningWizard | None = None
        self.editor: PolicyEditorDialog | None = None
        self.overview: _Overview | None = None

        heading = QLabel(_("Framework"))
        heading.setProperty("role", "heading")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.empty = QLabel(_("There is no programme yet. Plan one from the Programmes page."))

        # Planning
        planning_box, planning = _group(_("Planning"))
        self.planning_status = QLabel()
        self.planning_status.setWordWrap(True)
        self.sections = QLabel()
        self.sections.setTextFormat(Qt.TextFormat.RichText)
        describe(self.sections, _("Planning sections and how complete each is"))
        self.plan_button = QPushButton(_("&Continue planning…"))
        self.plan_button.setAccessibleName(_("Open the planning wizard"))
        self.plan_button.clicked.connect(self.open_wizard)
        self.print_plan_button = QPushButton(_("Print planning &notes…"))
        self.print_plan_button.setAccessibleName(_("Print planning notes"))
        self.print_plan_button.clicked.connect(self.print_planning)
        row = QHBoxLayout()
        row.addWidget(self.plan_button)
        row.addWidget(self.print_plan_button)
        row.addStretch(1)
        planning.addWidget(self.planning_status)
        planning.addWidget(self.sections)
        planning.addLayout(row)

        # Rules
        rules_box, rules = _group(_("Programme rules"))
        rules_intro = QLabel(
            _("Screening, matching, agreements, meetings and reminders all follow these rules.")
        )
        rules_intro.setWordWrap(True)
        self.rules_table = QLabel()
        self.rules_table.setTextFormat(Qt.TextFormat.RichText)
        describe(self.rules_table, _("The programme's rules"))
        self.rules_button = QPushButton(_("Change the &rules…"))
        self.rules_button.setAccessibleName(_("Change the programme rules"))
        self.rules_button.clicked.connect(self.edit_rules)
        rules.addWidget(rules_intro)
        rules.addWidget(self.rules_table)
        self.matching_label = QLabel()
        self.matching_label.setWordWrap(True)
        rules.addWidget(self.matching_label)
        row = QHBoxLayout()
        row.addWidget(self.rules_button)
        row.addStretch(1)
        rules.addLayout(row)

        # Policy
        policy_box, policy_layout = _group(_("Mentoring policy"))
        self.policy_status = QLabel()
        self.policy_status.setWordWrap(True)
        self.versions = QTableWidget(0, 4)
        self.versions.setTabKeyNavigation(False)  # Tab leaves the table
        self.versions.setHorizontalHeaderLabels(
            [_("Version"), _("Status"), _("Approved by"), _("Started")]
        )
        self.versions.setAccessibleName(_("Versions of the policy"))
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.verticalHeader().hide()
        self.versions.setMaximumHeight(120)
        header = self.versions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.versions.itemSelectionChanged.connect(self._update_buttons)
        self.edit_button = QPushButton(_("&Edit the draft…"))
        self.edit_button.setAccessibleName(_("Edit the draft policy"))
        self.edit_button.clicked.connect(self.edit_policy)
        self.approve_button = QPushButton(_("&Approve…"))
        self.approve_button.setAccessibleName(_("Approve the draft policy"))
        self.approve_button.clicked.connect(self.approve_policy)
        self.print_policy_button = QPushButton(_("Print this ver&sion…"))
        self.print_policy_button.setAccessibleName(_("Print the selected version of the policy"))
        self.print_policy_button.clicked.connect(self.print_policy)
        row = QHBoxLayout()
        for button in (self.edit_button, self.approve_button, self.print_policy_button):
            row.addWidget(button)
        row.addStretch(1)
        policy_layout.addWidget(self.policy_status)
        policy_layout.addWidget(self.versions)
        policy_layout.addLayout(row)

        content = QWidget()
        self.content = content
        column = QVBoxLayout(content)
        column.addWidget(heading)
        column.addWidget(self.intro)
        column.addWidget(self.empty)
        self.boxes = (planning_box, rules_box, policy_box)
        for box in self.boxes:
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        self.scroll_area = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # --- showing ------------------------------------------------------------------------
    def is_affected_by(self, changes: Changes) -> bool:
        return changes.framework or changes.programmes

    def refresh(self) -> None:
        pid = self.context.programme_id
        today = self.context.today()
        self.overview = None
        if pid is not None:
            try:
                self.overview = self.context.ops.read(lambda s: _overview(s, pid, today))
            except ActionRefused:
                self.overview = None
        self.empty.setVisible(self.overview is None)
        self.intro.setVisible(self.overview is not None)
        for box in self.boxes:
            box.setVisible(self.overview is not None)
        if self.overview is None:
            return
        o = self.overview
        self.intro.setText(
            _(
                "How {programme} is planned, the rules it runs by and its written mentoring policy."
            ).format(programme=o.name)
        )
        self._show_planning(o)
        self._show_rules(o)
        self._show_policy(o)
        self._update_buttons()
        self._fit_content()

    def _fit_content(self) -> None:
        """Wrapped text makes the content's height depend on its width, which a scroll area
        does not ask about: give the content the height it needs at the current width, so the
        page scrolls instead of squeezing the rules together."""
        width = self.scroll_area.viewport().width()
        layout = self.content.layout()
        assert layout is not None  # the column set up in __init__
        self.content.setMinimumHeight(layout.totalHeightForWidth(width) if width > 0 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_content()

    def _show_planning(self, o: _Overview) -> None:
        state = o.state
        total = len(state.sections)
        if state.completed_on:
            text = _(
                "Planning finished on {date}. {done} of {total} sections are complete."
            ).format(
                date=format_date(state.completed_on), done=state.sections_complete, total=total
            )
        elif state.started:
            text = _("Planning in progress: {done} of {total} sections complete.").format(
                done=state.sections_complete, total=total
            )
        else:
            text = _(
                "Planning not started. The wizard takes you through eight short sections "
                "and the rules. You can stop at any time and carry on later."
            )
        self.planning_status.setText(text)
        cells = []
        for section in state.sections:
            mark = "✓" if section.complete else ("◐" if section.started else "○")
            cells.append(
                f"<td style='padding: 2px 24px 2px 0'>{mark} <b>{escape(section.title)}</b>"
                f"</td><td style='padding: 2px 40px 2px 0'>{escape(section.status_text)}</td>"
            )
        half = (len(cells) + 1) // 2
        rows = [
            "<tr>" + cells[i] + (cells[i + half] if i + half < len(cells) else "") + "</tr>"
            for i in range(half)
        ]
        self.sections.setText("<table>" + "".join(rows) + "</table>")
        if state.completed_on:
            self.plan_button.setText(_("Re&view the plan…"))
        elif state.started:
            self.plan_button.setText(_("&Continue planning…"))
        else:
            self.plan_button.setText(_("&Start planning…"))

    def _show_rules(self, o: _Overview) -> None:
        used = [
            _("{criterion} ({weight})").format(criterion=name, weight=weight)
            for name, weight in o.weights
            if weight > 0
        ]
        self.matching_label.setText(
            _("Matching criteria and their weights: {criteria}.").format(
                criteria=", ".join(used) or _("none")
            )
        )
        rows = o.rules
        half = (len(rows) + 1) // 2

        def cell(pair: tuple[str, str]) -> str:
            return (
                f"<td style='padding: 2px 12px 2px 0; color: #4a5058'>{escape(pair[0])}</td>"
                f"<td style='padding: 2px 36px 2px 0'>{escape(pair[1])}</td>"
            )

        html = "".join(
            "<tr>"
            + cell(rows[i])
            + (cell(rows[i + half]) if i + half < len(rows) else "")
            + "</tr>"
            for i in range(half)
        )
        self.rules_table.setText(f"<table>{html}</table>")
        self.rules_table.setToolTip(glossary.help_for(" ".join(label for label, _v in rows)))

    def _show_policy(self, o: _Overview) -> None:
        if not o.versions:
            self.policy_status.setText(
                _(
                    "No written policy yet. “Write the policy” starts a draft from a template, "
                    "filled in with your organisation's name, your planning answers and rules."
                )
            )
        elif o.in_force is None:
            self.policy_status.setText(_("No version is approved yet, so no policy is in force."))
        else:
            self.policy_status.setText(
                _("In force today: version {n}, approved on {date}.").format(
                    n=o.in_force.version, date=format_date(o.in_force.approved_on)
                )
            )
        self.versions.setRowCount(len(o.versions))
        for row, version in enumerate(o.versions):
            for column, text in enumerate(
                (
                    str(version.number),
                    version.status_text,
                    version.approved_by,
                    format_date(version.started_on),
                )
            ):
                self.versions.setItem(row, column, QTableWidgetItem(text))
        if o.versions:
            self.versions.selectRow(0)

    def _selected_version(self) -> PolicyVersionView | None:
        if self.overview is None:
            return None
        rows = self.versions.selectionModel().selectedRows()
        if not rows:
            return None
        return self.overview.versions[rows[0].row()]

    def _draft(self) -> PolicyVersionView | None:
        if self.overview is None or not self.overview.versions:
            return None
        newest = self.overview.versions[0]
        return None if newest.approved else newest

    def _update_buttons(self) -> None:
        o = self.overview
        has_versions = bool(o and o.versions)
        draft = self._draft()
        if not has_versions:
            self.edit_button.setText(_("&Write the policy…"))
        elif draft is None:
            self.edit_button.setText(_("&Edit (makes a new version)…"))
        else:
            self.edit_button.setText(_("&Edit the draft…"))
        self.approve_button.setEnabled(draft is not None)
        self.print_policy_button.setEnabled(self._selected_version() is not None)

    # --- actions -------------------------------------------------------------------------
    def open_wizard(self) -> None:
        pid = self.context.programme_id
        if pid is None:
            return
        self.wizard = PlanningWizard(self.context, pid, self)
        self.wizard.open()

    def print_planning(self) -> None:
        if self.context.programme_id is not None:
            show_printout(self, self.context, "planning", self.context.programme_id)

    def edit_rules(self) -> None:
        pid = self.context.programme_id
        if pid is None:
            return
        rules = self.context.ops.read(lambda s: programme_settings.get_rules(s, pid))
        dialog = RulesDialog(rules, self)
        self._until_saved(
            dialog,
            lambda on_invalid: self.context.ops.run(
                self,
                lambda s: programme_settings.update_rules(s, pid, dialog.values()),
                on_invalid=on_invalid,
            ),
        )

    def _until_saved(
        self,
        dialog: RulesDialog | ApprovePolicyDialog,
        save: Callable[[Callable[[dict[str, str]], None]], object],
    ) -> None:
        """Show `dialog` and `save(on_invalid)` its values. When the service refuses a value,
        show the dialog again with the message by its field; any other refusal has already
        been explained in a message box, so stop."""
        while dialog.exec() == QDialog.DialogCode.Accepted:
            refused: list[dict[str, str]] = []

            def invalid(errors: dict[str, str], refused: list[dict[str, str]] = refused) -> None:
                refused.append(errors)
                dialog.show_errors(errors)

            if save(invalid) is not None or not refused:
                return

    def edit_policy(self) -> None:
        pid = self.context.programme_id
        if pid is None or self.overview is None:
            return
        previous = next((v for v in self.overview.versions if v.approved), None)
        if self.overview.versions and self.overview.versions[0].approved:
            assert previous is not None
            answer = QMessageBox.question(
                self,
                _("Start version {n}?").format(n=previous.number + 1),
                _(
                    "Version {n} is approved and will not change. Your edits will make a new "
                    "draft, version {next}, starting from the approved wording. It needs "
                    "approving in its turn."
                ).format(n=previous.number, next=previous.number + 1),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if (
            self.context.ops.run(self, lambda s: policy.write_draft(s, pid, self.context.today()))
            is None
        ):
            return
        draft = self.context.ops.read(lambda s: policy.current_draft(s, pid))
        if draft is None:
            return

        def save_passage(key: str, text: str) -> bool:
            return (
                self.context.ops.run(
                    self, lambda s: policy.edit_passage(s, pid, key, text, self.context.today())
                )
                is not None
            )

        def save_title(text: str) -> bool:
            return (
                self.context.ops.run(
                    self, lambda s: policy.edit_title(s, pid, text, self.context.today())
                )
                is not None
            )

        def template_wording(key: str) -> str | None:
            try:
                return self.context.ops.read(lambda s: policy.template_wording(s, pid, key))
            except ActionRefused as exc:
                QMessageBox.information(self, _("Not done"), str(exc))
                return None

        self.editor = PolicyEditorDialog(
            draft,
            save_passage=save_passage,
            save_title=save_title,
            template_wording=template_wording,
            approved_note=approved_note(previous),
            parent=self,
        )
        self.editor.open()

    def approve_policy(self) -> None:
        pid = self.context.programme_id
        draft = self._draft()
        if pid is None or draft is None or self.overview is None:
            return
        dialog = ApprovePolicyDialog(draft.number, today=self.context.today(), parent=self)
        self._until_saved(
            dialog,
            lambda on_invalid: self.context.ops.run(
                self,
                lambda s: policy.approve(s, pid, *dialog.values(), today=self.context.today()),
                on_invalid=on_invalid,
            ),
        )

    def print_policy(self) -> None:
        version = self._selected_version()
        if version is not None:
            show_printout(self, self.context, "policy-version", version.id)
