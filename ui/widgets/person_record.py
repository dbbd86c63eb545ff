"""One person's record beside the People list: what is missing, then tabs for details,
screening, training, matches and history. Every change goes through the services (via the op
runner), and the page refreshes when the changes come back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.formatting import format_date
from app.i18n import N_, _, ngettext
from app.model import Role
from app.model.match import ENDING_LABELS, MATCH_STATUS_LABELS, OPEN_STATUSES
from app.model.person import AS_ROLE, ROLE_LABELS, STAGE_LABELS
from app.model.screening import (
    DECISION_LABELS,
    DISCLOSURE_LABELS,
    MENTEE_QUALITIES,
    MENTOR_QUALITIES,
)
from app.services import people, restore_bin, screening
from app.services.people import PersonRecord, RoleRecord
from app.services.restore_bin import BinKind
from ui.context import AppContext
from ui.dialogs.screening_dialogs import (
    InterviewDialog,
    PvgDialog,
    ReferenceDialog,
    StageDialog,
    StepDateDialog,
    TrainingDialog,
    pvg_note,
)
from ui.widgets.accessible import describe

#: Phrases about a role, whole for each role so that a translator writes each one whole (a
#: role word put into a sentence reads wrongly in Gaelic).
_READY_AS = {
    Role.MENTOR: N_("✔ As a mentor: ready to match."),
    Role.MENTEE: N_("✔ As a mentee: ready to match."),
}
_NOT_READY_AS = {
    Role.MENTOR: N_("⚠ As a mentor, not ready yet:"),
    Role.MENTEE: N_("⚠ As a mentee, not ready yet:"),
}
_STAGE_AS = {Role.MENTOR: N_("As a mentor: {stage}"), Role.MENTEE: N_("As a mentee: {stage}")}
_INTERVIEWS_AS = {
    Role.MENTOR: N_("Interviews as a mentor"),
    Role.MENTEE: N_("Interviews as a mentee"),
}
_STAGES_AS = {Role.MENTOR: N_("Stages as a mentor"), Role.MENTEE: N_("Stages as a mentee")}
_CHANGE_STAGE_AS = {
    Role.MENTOR: N_("Change stage as a mentor"),
    Role.MENTEE: N_("Change stage as a mentee"),
}


def _label(text: str, *, wrap: bool = True, role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setTabKeyNavigation(False)  # Tab leaves the table
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    shown = max(1, min(len(rows), 6))
    height = (
        table.horizontalHeader().sizeHint().height()
        + shown * table.verticalHeader().defaultSectionSize()
        + table.horizontalScrollBar().sizeHint().height()
        + 2 * table.frameWidth()
    )
    table.setFixedHeight(height)
    return table


def _button(text: str, name: str, slot: Callable[[], Any]) -> QPushButton:
    """A button that calls `slot` with no arguments (never `clicked`'s `checked`)."""
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _scroll(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    return area


T = TypeVar("T")


class PersonRecordView(QWidget):
    """Shows a `PersonRecord`; `edit_requested` asks the page to open the person editor."""

    edit_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record: PersonRecord | None = None
        self.today = context.today()
        self.title = QLabel()
        self.title.setProperty("role", "heading")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = _label("")
        self.status = _label("")
        describe(self.status, _("Readiness"))
        self.edit_button = _button(_("&Edit details…"), _("Edit this person's details"), self._edit)
        self.remove_button = _button(
            _("Remove…"), _("Remove this person to the bin"), self._remove_person
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Record"))
        self.tab_pages: dict[str, QScrollArea] = {}
        for key, title in (
            ("details", _("Detai&ls")),
            ("screening", _("S&creening")),
            ("training", _("Trai&ning")),
            ("matches", _("&Matches")),
            ("history", _("Histor&y")),
        ):
            area = _scroll(QWidget())
            self.tab_pages[key] = area
            self.tabs.addTab(area, title)
        self._stale_tabs: set[str] = set()
        self.tabs.currentChanged.connect(self._fill_tab)
        self.empty = _label(_("Choose someone in the list to see their record."))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.edit_button)
        header.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.clear()

    # --- showing -------------------------------------------------------------------------------
    def clear(self) -> None:
        """Show no one (nobody is chosen in the list)."""
        self.record = None
        self._show_parts(False)

    def show_record(self, record: PersonRecord, today: date) -> None:
        """Show `record`, worked out on `today` (the day its readiness and tasks are read)."""
        self.record = record
        self.today = today
        self._show_parts(True)
        self.title.setText(record.name)
        d = record.details
        role_text = _(" and ").join(_(ROLE_LABELS[r.role]) for r in record.roles)
        bits = [b for b in (role_text, d.job_role, d.setting) if b]
        self.summary.setText(" · ".join(bits))
        self.status.setText(self._status_text(record))
        self.status.setStyleSheet(
            "background: #e8f5e9; border: 1px solid #7cb342; padding: 6px;"
            if record.ready
            else "background: #fff4e5; border: 1px solid #e0a040; padding: 6px;"
        )
        # Only the tab on show is built now; the others when they are first looked at.
        self._stale_tabs = set(self.tab_pages)
        self._fill_tab(self.tabs.currentIndex())

    def _show_parts(self, has: bool) -> None:
        widgets = (self.title, self.summary, self.status, self.tabs)
        for widget in (*widgets, self.edit_button, self.remove_button):
            widget.setVisible(has)
        self.empty.setVisible(not has)

    def _fill_tab(self, index: int) -> None:
        if self.record is None or index < 0:
            return
        key = list(self.tab_pages)[index]
        if key not in self._stale_tabs:
            return
        self._stale_tabs.discard(key)
        fill = {
            "details": self._fill_details,
            "screening": self._fill_screening,
            "training": self._fill_training,
            "matches": self._fill_matches,
            "history": self._fill_history,
        }[key]
        # A fresh page each time: the scroll area deletes the old one at once.
        content = QWidget()
        layout = QVBoxLayout(content)
        fill(layout, self.record)
        layout.addStretch(1)
        self.tab_pages[key].setWidget(content)

    def _status_text(self, record: PersonRecord) -> str:
        if record.ready:
            if any(m.status in OPEN_STATUSES for m in record.matches):
                return _("✔ Matched, and every check this programme requires is complete.")
            return _("✔ Ready to match: every step this programme requires is complete.")
        lines = []
        for role in record.roles:
            if not role.gaps:
                lines.append(_(_READY_AS[role.role]))
                continue
            lines.append(_(_NOT_READY_AS[role.role]))
            lines.extend(f"  • {gap.message}" for gap in role.gaps)
        return "\n".join(lines)

    # --- tabs ----------------------------------------------------------------------------------
    def _checks_box(self, layout: QVBoxLayout, record: PersonRecord) -> None:
        """Values an import could not take as they were, each to look at and tick off."""
        if not record.checks:
            return
        box = QGroupBox(_("To check"))
        column = QVBoxLayout(box)
        for item in record.checks:
            label = _label(
                _("{text} ({source}, {date})").format(
                    text=item.text, source=item.source, date=format_date(item.raised_on)
                )
            )
            checked = _button(
                _("Checked"),
                _("Checked: {text}").format(text=item.text),
                partial(self._checked, item.id),
            )
            row = QHBoxLayout()
            row.addWidget(label, 1)
            row.addWidget(checked)
            column.addLayout(row)
        layout.addWidget(box)

    def _fill_details(self, layout: QVBoxLayout, record: PersonRecord) -> None:
        self._checks_box(layout, record)
        d = record.details
        sections = [
            (
                _("Contact"),
                [
                    (_("Preferred name"), d.preferred_name),
                    (_("E-mail"), d.email),
                    (_("Phone"), d.phone),
                    (_("Date of birth"), format_date(d.date_of_birth)),
                    (_("Gender"), d.gender),
                    (_("Postcode"), d.postcode),
                    (_("Locality"), d.locality),
                    (_("Languages"), d.languages),
                    (_("Access needs"), d.access_needs),
                ],
            ),
            (
                _("Work"),
                [
                    (_("Setting or workplace"), d.setting),
                    (_("Job role"), d.job_role),
                    (_("Line manager"), record.line_manager),
                    (
                        _("SSSC registration"),
                        " · ".join(x for x in (d.sssc_number, d.sssc_category) if x),
                    ),
                    (_("Qualifications and studies"), d.qualifications),
                ],
            ),
            (
                _("For matching"),
                [
                    (_("Availability"), d.availability),
                    (_("Interests"), d.interests),
                    (_("Areas to develop"), d.areas_to_develop),
                    (_("Preferences about a partner"), d.partner_preferences),
                    (_("Reason"), d.preference_reason),
                ],
            ),
            (
                _("Data protection"),
                [(_("Basis for holding details"), record.consent), (_("Notes"), d.notes)],
            ),
        ]
        for title, rows in sections:
            box = QGroupBox(title)
            form = QFormLayout(box)
            for caption, value in rows:
                value_label = _label(value or _("Not recorded"))
                if not value:
                    value_label.setStyleSheet("color: #5f6670;")
                caption_label = QLabel(caption)
                caption_label.setBuddy(value_label)
                caption_label.setToolTip(glossary.help_for(caption))
                describe(value_label, caption)
                form.addRow(caption_label, value_label)
            layout.addWidget(box)

    def _fill_screening(self, layout: QVBoxLayout, record: PersonRecord) -> None:
        rules = record.rules
        for role in record.roles:
            layout.addWidget(self._role_box(role, record))
        mentor = record.role(Role.MENTOR) is not None
        # References
        box = QGroupBox(_("References"))
        column = QVBoxLayout(box)
        if mentor:
            need = ngettext(
                "This programme asks for {n} satisfactory reference before a mentor is matched.",
                "This programme asks for {n} satisfactory references before a mentor is matched.",
                rules.references_required,
            ).format(n=rules.references_required)
        else:
            need = _("References are asked for mentors; keep any received for this person here.")
        column.addWidget(_label(need))
        yes_no = {None: _("Not read yet"), True: _("Satisfactory"), False: _("Not satisfactory")}
        refs = _table(
            [_("Referee"), _("Relationship"), _("Asked"), _("Received"), _("Verdict")],
            [
                [
                    r.referee,
                    r.relationship,
                    format_date(r.requested_on),
                    format_date(r.received_on) or _("Waiting"),
                    yes_no[r.satisfactory],
                ]
                for r in record.references
            ],
            _("References"),
        )
        self.references_table = refs
        column.addWidget(refs)
        column.addLayout(
            _row(
                _button(_("Add a &reference…"), _("Add a reference"), self._add_reference),
                _button(_("Edit reference…"), _("Edit the chosen reference"), self._edit_reference),
                _button(
                    _("Remove reference"), _("Remove the chosen reference"), self._remove_reference
                ),
            )
        )
        layout.addWidget(box)
        # PVG
        box = QGroupBox(_("PVG scheme membership"))
        box.setToolTip(glossary.explain(glossary.PVG, glossary.CODE_OF_PRACTICE))
        column = QVBoxLayout(box)
        if mentor:
            column.addWidget(
                _label(
                    _("This programme requires mentors to be PVG scheme members.")
                    if rules.require_pvg
                    else _("This programme does not require PVG membership.")
                )
            )
        note = _label(pvg_note(), role="note")
        note.setStyleSheet("background: #eef3f8; padding: 6px; border: 1px solid #c3d3e3;")
        describe(note, _("Why no certificate is kept"))
        column.addWidget(note)
        self.pvg_note_label = note
        rows = []
        for p in record.pvg:
            if p.expired:
                state = _("Expired on {date}").format(date=format_date(p.renews_on))
            elif p.due_soon:
                state = _("Due for renewal by {date}").format(date=format_date(p.renews_on))
            else:
                state = _("Current until {date}").format(date=format_date(p.renews_on))
            rows.append(
                [
                    format_date(p.issued_on),
                    _(DISCLOSURE_LABELS[p.disclosure_type]),
                    p.position,
                    p.reference_number,
                    _(DECISION_LABELS[p.decision]),
                    state,
                ]
            )
        self.pvg_table = _table(
            [
                _("Issued"),
                _("Type"),
                _("Position"),
                _("Reference number"),
                _("Decision"),
                _("Renewal"),
            ],
            rows,
            _("PVG records"),
        )
        column.addWidget(self.pvg_table)
        column.addLayout(
            _row(
                _button(_("Record a PVG chec&k…"), _("Record a PVG check"), self._add_pvg),
                _button(_("Edit PVG record…"), _("Edit the chosen PVG record"), self._edit_pvg),
                _button(
                    _("Remove PVG record"), _("Remove the chosen PVG record"), self._remove_pvg
                ),
            )
        )
        layout.addWidget(box)

    def _role_box(self, role: RoleRecord, record: PersonRecord) -> QGroupBox:
        rules = record.rules
        box = QGroupBox(_(AS_ROLE[role.role]))
        column = QVBoxLayout(box)
        steps: list[tuple[str, str, date | None, str, bool]] = [
            (
                "application",
                _("Application form"),
                role.application_on,
                _("received"),
                rules.require_application,
            ),
            (
                "code_of_conduct",
                _("Code of conduct"),
                role.code_signed_on,
                _("signed"),
                rules.require_code_of_conduct,
            ),
        ]
        if role.role is Role.MENTEE:
            steps.append(
                (
                    "induction",
                    _("Mentee induction"),
                    role.induction_on,
                    _("done"),
                    rules.require_mentee_induction,
                )
            )
        grid = QFormLayout()
        for step, caption, done_on, verb, required in steps:
            if done_on:
                text = _("{verb} on {date}").format(
                    verb=verb.capitalize(), date=format_date(done_on)
                )
            else:
                text = _("Not yet") + ("" if required else _(" (not required here)"))
            button = _button(
                _("Record…"),
                _("Record {step}").format(step=caption.lower()),
                partial(self._record_step, role.participant_id, step, caption, done_on),
            )
            cell = QWidget()
            cell_row = QHBoxLayout(cell)
            cell_row.setContentsMargins(0, 0, 0, 0)
            value = _label(text)
            cell_row.addWidget(value, 1)
            cell_row.addWidget(button)
            caption_label = QLabel(caption)
            caption_label.setBuddy(button)
            grid.addRow(caption_label, cell)
        column.addLayout(grid)
        qualities = dict(MENTOR_QUALITIES if role.role is Role.MENTOR else MENTEE_QUALITIES)
        interviews = _table(
            [_("Interview"), _("Interviewer"), _("Outcome"), _("Qualities seen")],
            [
                [
                    format_date(i.held_on),
                    i.interviewer,
                    i.outcome,
                    str(len([q for q in i.qualities if q in qualities]))
                    + " / "
                    + str(len(qualities)),
                ]
                for i in role.interviews
            ],
            _(_INTERVIEWS_AS[role.role]),
        )
        column.addWidget(interviews)
        column.addLayout(
            _row(
                _button(
                    _("Record an inter&view…"),
                    _("Record an interview"),
                    partial(self._add_interview, role),
                ),
                _button(
                    _("Edit interview…"),
                    _("Edit the chosen interview"),
                    partial(self._edit_interview, role, interviews),
                ),
            )
        )
        return box

    def _fill_training(self, layout: QVBoxLayout, record: PersonRecord) -> None:
        need = record.rules.min_training_hours
        total = record.training_hours
        if record.role(Role.MENTOR) is not None:
            text = _(
                "{done} hours done. This programme asks mentors for at least {need} hours of "
                "training before they are matched."
            ).format(done=f"{total:g}", need=f"{need:g}")
        else:
            text = _("{done} hours done.").format(done=f"{total:g}")
        layout.addWidget(_label(text))
        self.training_table = _table(
            [_("Date"), _("Topic"), _("Hours")],
            [[format_date(t.held_on), t.topic, f"{t.hours:g}"] for t in record.training],
            _("Training sessions"),
        )
        layout.addWidget(self.training_table)
        layout.addLayout(
            _row(
                _button(_("Add a session…"), _("Add a training session"), self._add_training),
                _button(_("Remove session"), _("Remove the chosen session"), self._remove_training),
            )
        )

    def _fill_matches(self, layout: QVBoxLayout, record: PersonRecord) -> None:
        if not record.matches:
            layout.addWidget(_label(_("No matches yet.")))
            return
        layout.addWidget(
            _table(
                [
                    _("As"),
                    _("With"),
                    _("Status"),
                    _("Proposed"),
                    _("Started"),
                    _("Ended"),
                    _("How it ended"),
                    _("Why"),
                ],
                [
                    [
                        _(ROLE_LABELS[m.role]),
                        m.partner,
                        _(MATCH_STATUS_LABELS[m.status]),
                        format_date(m.proposed_on),
                        format_date(m.started_on),
                        format_date(m.ended_on),
                        _(ENDING_LABELS[m.ending]) if m.ending else "",
                        m.end_reason,
                    ]
                    for m in record.matches
                ],
                _("Matches"),
            )
        )

    def _fill_history(self, layout: QVBoxLayout, record: PersonRecord) -> None:
        for role in record.roles:
            box = QGroupBox(_(_STAGE_AS[role.role]).format(stage=_(STAGE_LABELS[role.stage])))
            column = QVBoxLayout(box)
            column.addWidget(
                _table(
                    [_("Stage"), _("From"), _("Days"), _("Reason")],
                    [
                        [
                            _(STAGE_LABELS[h.stage]),
                            format_date(h.changed_on),
                            str(h.days),
                            h.reason,
                        ]
                        for h in reversed(role.history)
                    ],
                    _(_STAGES_AS[role.role]),
                )
            )
            column.addLayout(
                _row(
                    _button(
                        _("&Update stage…"),
                        _(_CHANGE_STAGE_AS[role.role]),
                        partial(self._change_stage, role),
                    )
                )
            )
            layout.addWidget(box)
        if record.tasks:
            box = QGroupBox(_("Tasks"))
            column = QVBoxLayout(box)
            self.task_labels: list[QLabel] = []
            for task in record.tasks:
                if task.done_on:
                    text = _("✔ {task} (done {date})").format(
                        task=task.title, date=format_date(task.done_on)
                    )
                elif task.due_on < self.today:
                    text = _("⚠ {task}: overdue since {date}.").format(
                        task=task.title, date=format_date(task.due_on)
                    )
                else:
                    text = _("{task}: due by {date}.").format(
                        task=task.title, date=format_date(task.due_on)
                    )
                label = _label(text)
                self.task_labels.append(label)
                if task.done_on:
                    column.addWidget(label)
                    continue
                done = _button(
                    _("Mar&k done"),
                    _("Mark done: {task}").format(task=task.title),
                    partial(self._task_done, task.id),
                )
                row = QHBoxLayout()
                row.addWidget(label, 1)
                row.addWidget(done)
                column.addLayout(row)
            layout.addWidget(box)
        box = QGroupBox(_("Audit trail"))
        column = QVBoxLayout(box)
        column.addWidget(
            _label(_("Who created, changed or removed these details, and when (never what)."))
        )
        self.audit_button = _button(
            _("&Who changed what…"),
            _("Audit trail of {name}").format(name=record.name),
            partial(self._show_audit, record.id, record.name),
        )
        column.addLayout(_row(self.audit_button))
        layout.addWidget(box)

    # --- actions -------------------------------------------------------------------------------
    def _checked(self, check_id: int) -> None:
        today = self.today
        self._run(lambda s: people.mark_checked(s, check_id, today))

    def _run(
        self,
        fn: Callable[[Any], Any],
        on_invalid: Callable[[dict[str, str]], None] | None = None,
    ) -> Any:
        return self.context.ops.run(self, fn, on_invalid=on_invalid)

    def _show_audit(self, person_id: int, name: str) -> None:
        from ui.dialogs.audit_dialog import AuditDialog

        AuditDialog(self.context, self, person=(person_id, name)).exec()

    def _edit(self) -> None:
        if self.record is not None:
            self.edit_requested.emit(self.record.id)

    @staticmethod
    def _chosen(table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _record_step(
        self, participant_id: int, step: str, caption: str, current: date | None
    ) -> None:
        dialog = StepDateDialog(caption, _("&Date"), current, today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(
                lambda s: screening.record_step_date(
                    s, participant_id, step, dialog.value(), self.today
                )
            )

    def _add_interview(self, role: RoleRecord) -> None:
        dialog = InterviewDialog(
            role.role, interviewer=self._coordinator(), today=self.today, parent=self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(
                lambda s: screening.add_interview(
                    s, role.participant_id, dialog.value(), self.today
                )
            )

    def _edit_interview(self, role: RoleRecord, table: QTableWidget) -> None:
        interview = self._pick(table, role.interviews, _("an interview"))
        if interview is None:
            return
        details = screening.InterviewDetails(
            held_on=interview.held_on,
            interviewer=interview.interviewer,
            qualities=interview.qualities,
            outcome=interview.outcome_value,
            notes=interview.notes,
        )
        dialog = InterviewDialog(role.role, details, today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(
                lambda s: screening.update_interview(s, interview.id, dialog.value(), self.today)
            )

    def _add_reference(self) -> None:
        assert self.record is not None
        person_id = self.record.id
        dialog = ReferenceDialog(today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda s: screening.add_reference(s, person_id, dialog.value(), self.today))

    def _edit_reference(self) -> None:
        assert self.record is not None
        r = self._pick(self.references_table, self.record.references, _("a reference"))
        if r is None:
            return
        details = screening.ReferenceDetails(
            r.referee,
            r.relationship,
            r.contact,
            r.requested_on,
            r.received_on,
            r.satisfactory,
            r.note,
        )
        dialog = ReferenceDialog(details, today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda s: screening.update_reference(s, r.id, dialog.value(), self.today))

    def _remove_reference(self) -> None:
        assert self.record is not None
        r = self._pick(self.references_table, self.record.references, _("a reference"))
        if r is None:
            return
        if self._confirm(_("Remove the reference from {name}?").format(name=r.referee)):
            self._to_bin(BinKind.REFERENCE, r.id)

    def _remove_pvg(self) -> None:
        assert self.record is not None
        p = self._pick(self.pvg_table, self.record.pvg, _("a PVG record"))
        if p is None:
            return
        if self._confirm(
            _("Remove the PVG record issued on {on}?").format(on=format_date(p.issued_on))
        ):
            self._to_bin(BinKind.PVG, p.id)

    def _remove_person(self) -> None:
        assert self.record is not None
        if self._confirm(
            _("Remove {name} from the list? Their whole record goes to the bin.").format(
                name=self.record.name
            )
        ):
            self._to_bin(BinKind.PERSON, self.record.id)

    def _to_bin(self, kind: BinKind, record_id: int) -> None:
        today = self.today
        if self._run(lambda s: restore_bin.put_in_bin(s, kind, record_id, today)) is not None:
            self.context.notify(
                _("Moved to the bin. Bring it back from the Bin on the People page.")
            )

    def _add_pvg(self) -> None:
        assert self.record is not None
        person_id = self.record.id
        dialog = PvgDialog(position=self.record.details.job_role, today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda s: screening.add_pvg(s, person_id, dialog.value(), self.today))

    def _edit_pvg(self) -> None:
        assert self.record is not None
        p = self._pick(self.pvg_table, self.record.pvg, _("a PVG record"))
        if p is None:
            return
        details = screening.PvgDetails(
            p.issued_on,
            p.disclosure_type,
            p.position,
            p.reference_number,
            p.decision,
            p.regulated_role,
        )
        dialog = PvgDialog(details, today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda s: screening.update_pvg(s, p.id, dialog.value(), self.today))

    def _add_training(self) -> None:
        assert self.record is not None
        person_id = self.record.id
        dialog = TrainingDialog(today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda s: screening.add_training(s, person_id, dialog.value(), self.today))

    def _remove_training(self) -> None:
        assert self.record is not None
        t = self._pick(self.training_table, self.record.training, _("a training session"))
        if t is None:
            return
        if self._confirm(_("Remove the session “{topic}”?").format(topic=t.topic)):
            self._to_bin(BinKind.TRAINING, t.id)

    def _change_stage(self, role: RoleRecord) -> None:
        assert self.record is not None
        dialog = StageDialog(role.stage, name=self.record.name, today=self.today, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        stage, on, reason = dialog.value()
        changes = self._run(lambda s: people.set_stage(s, role.participant_id, stage, on, reason))
        if changes is not None and changes.screening:
            QMessageBox.information(
                self,
                _("Tell Disclosure Scotland"),
                _(
                    "{name} held PVG membership for regulated work with the programme. A task "
                    "to tell Disclosure Scotland that they have stopped is now on their History "
                    "tab."
                ).format(name=self.record.name)
                + "\n\n"
                + glossary.explain(glossary.DISCLOSURE_SCOTLAND, glossary.REGULATED_WORK),
            )

    def _task_done(self, task_id: int) -> None:
        self._run(lambda s: people.complete_task(s, task_id, self.today))

    def _coordinator(self) -> str:
        return self.context.preferences.coordinator_name

    def _pick(self, table: QTableWidget, items: Sequence[T], what: str) -> T | None:
        """The item chosen in `table`, or None after asking the coordinator to choose one."""
        row = self._chosen(table)
        if row is None:
            self._choose_first(what)
            return None
        return items[row]

    def _choose_first(self, what: str) -> None:
        QMessageBox.information(
            self, _("Choose one first"), _("Choose {what} in the list first.").format(what=what)
        )

    def _confirm(self, question: str) -> bool:
        note = _("It goes to the bin on the People page, from where it can be brought back.")
        answer = QMessageBox.question(self, _("Remove"), f"{question}\n\n{note}")
        return answer == QMessageBox.StandardButton.Yes
