"""Type up a meeting log: the details, what became of last time's action points, the new ones,
signatures and the coordinator's private note.

A draft is kept as the coordinator types (about once a second while the form is changing,
through `ui.widgets.drafts.FormDrafts`, so continuous typing is never more than a second or two
behind), and closing with unsaved text asks first; saving the log removes the draft. The dialog
validates in accept() and never saves the log itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import parse_date
from app.formatting import format_date
from app.i18n import _
from app.model.meeting import (
    ACTION_STATUS_LABELS,
    ActionOwner,
    ActionStatus,
    MeetingMode,
    RelationshipStage,
)
from app.services import meetings
from app.services.meetings import (
    REVIEW_OUTCOMES,
    ActionReview,
    MeetingDetails,
    MeetingForm,
    NewAction,
)
from app.services.schedule import copy_to_mentor_due
from ui.widgets.accessible import cell_editors, put_in_cell
from ui.widgets.date_field import DateField
from ui.widgets.drafts import CallbackStore, FormDrafts, Snapshot
from ui.widgets.enum_combo import chosen_member, enum_value
from ui.widgets.form import ErrorForm
from ui.widgets.reflow import ReflowRow


def _combo(items: list[tuple[str, object]], current: object, name: str) -> QComboBox:
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.setAccessibleName(name)
    return combo


def _owner_items() -> list[tuple[str, object]]:
    return [(meetings.owner_label(o), o) for o in ActionOwner]


def _combo_in(table: QTableWidget, row: int, column: int) -> QComboBox:
    """The combo box this dialog put in a table cell."""
    combo = table.cellWidget(row, column)
    assert isinstance(combo, QComboBox)
    return combo


class MeetingDialog(QDialog):
    def __init__(
        self,
        form: MeetingForm,
        *,
        today: date,
        draft: tuple[dict[str, Any], datetime] | None = None,
        save_draft: Callable[[dict[str, Any]], None] | None = None,
        discard_draft: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.form_data = form
        self.today = today
        self._details: MeetingDetails | None = None
        self.setWindowTitle(
            _("Meeting log: {mentee} and {mentor}").format(
                mentee=form.mentee_name, mentor=form.mentor_name
            )
        )

        details = form.details
        if draft is not None:
            details = self._merge_draft(MeetingDetails.from_draft(draft[0]), form.details)

        # --- the details
        self.held_on = DateField(details.held_on)
        self.mode = _combo([(meetings.mode_label(m), m) for m in MeetingMode], details.mode, "")
        self.duration = QSpinBox()
        self.duration.setRange(0, meetings.MAX_MINUTES)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(_(" minutes"))
        self.duration.setSpecialValueText(_("Not recorded"))
        self.duration.setValue(details.duration_minutes or 0)
        self.duration_warning = QLabel()
        self.duration_warning.setWordWrap(True)
        self.duration_warning.setProperty("role", "warning")
        self.duration_warning.hide()
        duration_holder = QWidget()
        duration_column = QVBoxLayout(duration_holder)
        duration_column.setContentsMargins(0, 0, 0, 0)
        duration_column.setSpacing(2)
        duration_column.addWidget(self.duration)
        duration_column.addWidget(self.duration_warning)
        self.place = QLineEdit(details.place)
        self.attended = QLineEdit(details.attended)
        self.stage = _combo(
            [(_("Not recorded"), None)]
            + [(meetings.stage_label(st), st) for st in RelationshipStage],
            details.stage,
            "",
        )
        self.next_meeting_on = DateField(details.next_meeting_on)
        self.mentee_signed_on = DateField(details.mentee_signed_on)
        self.mentor_signed_on = DateField(details.mentor_signed_on)
        self.copy_to_mentor_on = DateField(details.copy_to_mentor_on)

        left = ErrorForm()
        left.add_field("held_on", _("&Date"), self.held_on)
        left.add_field("mode", _("&How you met"), self.mode)
        left.add_field("duration_minutes", _("&Length"), duration_holder)
        self.duration.setAccessibleName(_("Length in minutes"))
        left.add_field("place", _("&Where"), self.place)
        left.add_field("attended", _("Who was &there"), self.attended)
        left.add_field("stage", _("Sta&ge"), self.stage)
        left.add_field("next_meeting_on", _("&Next meeting"), self.next_meeting_on)
        left.add_field("mentee_signed_on", _("Signed by &mentee"), self.mentee_signed_on)
        left.add_field("mentor_signed_on", _("Signed by m&entor"), self.mentor_signed_on)
        self.copy_hint = QLabel()
        self.copy_hint.setProperty("role", "hint")
        self.copy_hint.setWordWrap(True)
        self.copy_hint.setMinimumWidth(240)
        left.add_field("copy_to_mentor_on", _("&Copy sent to mentor"), self.copy_to_mentor_on)
        left.addRow("", self.copy_hint)
        self.left_form = left

        # --- action points from last time
        self.reviews = QTableWidget(0, 5)
        self.reviews.setHorizontalHeaderLabels(
            [_("Action point"), _("By whom"), _("By when"), _("Agreed on"), _("What happened")]
        )
        self._setup_table(self.reviews)
        self.reviews.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._review_rows: list[ActionReview] = []
        for review in details.reviews:
            self._add_review(review)
        self.no_reviews = QLabel(_("Nothing was left open from earlier meetings."))
        self.no_reviews.setVisible(not details.reviews)

        # --- action points agreed
        self.action_points = QTableWidget(0, 3)
        self.action_points.setHorizontalHeaderLabels(
            [_("Action point"), _("By whom"), _("By when")]
        )
        self._setup_table(self.action_points)
        self.action_points.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.action_points.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.action_points.setColumnWidth(1, 110)
        self.action_points.setColumnWidth(2, 110)
        self._action_ids: list[int | None] = []
        for action in details.actions:
            self._add_action(action)
        self.add_action_button = QPushButton(_("Add an action p&oint"))
        self.remove_action_button = QPushButton(_("Remo&ve the selected one"))
        self.add_action_button.setAccessibleName(_("Add an action point"))
        self.remove_action_button.setAccessibleName(_("Remove the selected action point"))
        self.add_action_button.clicked.connect(lambda: self._add_action(NewAction(""), focus=True))
        self.remove_action_button.clicked.connect(self._remove_action)
        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.add_action_button)
        action_buttons.addWidget(self.remove_action_button)
        action_buttons.addStretch(1)
        actions_holder = QWidget()
        actions_column = QVBoxLayout(actions_holder)
        actions_column.setContentsMargins(0, 0, 0, 0)
        actions_column.addWidget(self.action_points)
        actions_column.addLayout(action_buttons)

        reviews_holder = QWidget()
        reviews_column = QVBoxLayout(reviews_holder)
        reviews_column.setContentsMargins(0, 0, 0, 0)
        reviews_column.addWidget(self.no_reviews)
        reviews_column.addWidget(self.reviews)
        self.reviews.setVisible(bool(details.reviews))

        self.private_note = QPlainTextEdit(details.private_note)
        self.private_note.setTabChangesFocus(True)
        self.private_note.setFixedHeight(70)

        right = ErrorForm()
        right.setRowWrapPolicy(ErrorForm.RowWrapPolicy.WrapAllRows)
        right.add_field("reviews", _("Action points from la&st time"), reviews_holder)
        self.reviews.setAccessibleName(_("Action points from last time"))
        right.add_field(
            "actions",
            _("Action points &agreed"),
            actions_holder,
            hint=_("Type the action, pick who will do it and write the date as dd/mm/yyyy."),
        )
        self.action_points.setAccessibleName(_("Action points agreed"))
        right.add_field(
            "private_note",
            _("Your &private note"),
            self.private_note,
            hint=_(
                "Only for you: kept apart from the log, and never printed or exported "
                "unless you ask. What the pair discussed stays between them, so do not "
                "write it here."
            ),
        )
        self.right_form = right

        # Side by side when there is room, else one above the other.
        columns = ReflowRow(side_by_side_from=900)
        left_box = QGroupBox(_("The meeting"))
        left_box.setLayout(left)
        right_box = QGroupBox(_("Action points and notes"))
        right_box.setLayout(right)
        columns.add(left_box, 2)
        columns.add(right_box, 3)

        self.general_error = QLabel()
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(columns, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

        self.held_on.edited.connect(self._update_hints)
        self.mode.currentIndexChanged.connect(self._update_hints)
        self.duration.valueChanged.connect(self._update_hints)
        self._update_hints()
        self.resize(980, self.sizeHint().height())  # smaller screens: ui/widgets/reflow.py
        # The page loads the draft (merged in above, with last time's action points as they
        # stand now); the service removes it when the log is saved.
        self.drafts = FormDrafts(
            self,
            "meeting",
            key=form.draft_key,
            capture=self._capture,
            restore=lambda _data: self._put_back_fresh(),  # only ever to start again
            store=(
                CallbackStore(save_draft, discard_draft)
                if save_draft is not None or discard_draft is not None
                else None
            ),
            offer=False,
            restored=draft is not None,
        )
        if draft is not None:
            self.drafts.show_note(draft[1])
        self.draft_banner = self.drafts.banner
        self.start_again = self.drafts.start_again_button
        self.held_on.setFocus()

    # --- tables ---------------------------------------------------------------------------
    @staticmethod
    def _setup_table(table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        cell_editors(table)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(130)

    def _add_review(self, review: ActionReview) -> None:
        row = self.reviews.rowCount()
        self.reviews.insertRow(row)
        for column, text in enumerate(
            (
                review.text,
                meetings.owner_label(review.owner),
                format_date(review.due_on),
                format_date(review.agreed_on),
            )
        ):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.reviews.setItem(row, column, item)
        outcome = _combo(
            [(_(ACTION_STATUS_LABELS[o]), o) for o in REVIEW_OUTCOMES], review.outcome, ""
        )
        # Translators: {row} is the action point, as in "What happened to: Read the pack".
        put_in_cell(self.reviews, row, 4, outcome, _("What happened to: {row}"))
        self._review_rows.append(review)

    def _add_action(self, action: NewAction, focus: bool = False) -> None:
        row = self.action_points.rowCount()
        self.action_points.insertRow(row)
        text_item = QTableWidgetItem(action.text)
        self.action_points.setItem(row, 0, text_item)
        put_in_cell(self.action_points, row, 1, _combo(_owner_items(), action.owner, ""))
        self.action_points.setItem(row, 2, QTableWidgetItem(format_date(action.due_on)))
        self._action_ids.append(action.id)
        if focus:
            self.action_points.setCurrentCell(row, 0)
            self.action_points.setFocus()
            self.action_points.editItem(text_item)

    def _remove_action(self) -> None:
        row = self.action_points.currentRow()
        if row < 0:
            return
        action_id = self._action_ids[row]
        if action_id is not None and action_id in self.form_data.reviewed_later:
            self.right_form.show_errors(
                {
                    "actions": _(
                        "A later meeting has already looked back at this action point, so it "
                        "stays on this log."
                    )
                }
            )
            return
        self.action_points.removeRow(row)
        del self._action_ids[row]

    # --- reading --------------------------------------------------------------------------
    @staticmethod
    def _merge_draft(draft: MeetingDetails, fresh: MeetingDetails) -> MeetingDetails:
        """A draft's values, with the action points from last time as they stand now (another
        log may have been saved since the draft was kept)."""
        outcomes = {r.action_id: r.outcome for r in draft.reviews}
        reviews = tuple(
            replace(r, outcome=outcomes.get(r.action_id, r.outcome)) for r in fresh.reviews
        )
        return replace(draft, reviews=reviews)

    def _read(self, strict: bool) -> tuple[MeetingDetails, dict[str, str]]:
        errors: dict[str, str] = {}
        dates: dict[str, date | None] = {}
        for name, field in (
            ("held_on", self.held_on),
            ("next_meeting_on", self.next_meeting_on),
            ("mentee_signed_on", self.mentee_signed_on),
            ("mentor_signed_on", self.mentor_signed_on),
            ("copy_to_mentor_on", self.copy_to_mentor_on),
        ):
            try:
                dates[name] = field.value()
            except ValueError as exc:
                errors[name] = str(exc)
                dates[name] = None
        reviews = []
        for row, review in enumerate(self._review_rows):
            combo = _combo_in(self.reviews, row, 4)
            reviews.append(replace(review, outcome=chosen_member(combo, ActionStatus)))
        actions = []
        for row in range(self.action_points.rowCount()):
            text_item = self.action_points.item(row, 0)
            due_item = self.action_points.item(row, 2)
            text = text_item.text() if text_item else ""
            due_text = due_item.text() if due_item else ""
            try:
                due_on = parse_date(due_text)
            except ValueError as exc:
                due_on = None
                errors.setdefault(
                    "actions", _("“{text}”: {problem}").format(text=text or "…", problem=exc)
                )
            owner = chosen_member(_combo_in(self.action_points, row, 1), ActionOwner)
            actions.append(NewAction(text, owner, due_on, self._action_ids[row]))
        minutes = self.duration.value() or None
        details = MeetingDetails(
            held_on=dates["held_on"],
            mode=chosen_member(self.mode, MeetingMode),
            duration_minutes=minutes,
            place=self.place.text(),
            attended=self.attended.text(),
            stage=enum_value(self.stage, RelationshipStage),
            next_meeting_on=dates["next_meeting_on"],
            mentee_signed_on=dates["mentee_signed_on"],
            mentor_signed_on=dates["mentor_signed_on"],
            copy_to_mentor_on=dates["copy_to_mentor_on"],
            reviews=tuple(reviews),
            actions=tuple(actions),
            private_note=self.private_note.toPlainText(),
        )
        if strict:
            details = details.cleaned()
            errors = {**meetings.validate_meeting(details, self.today), **errors}
        return details, errors

    def details(self) -> MeetingDetails:
        """The values as typed; call after exec() returns Accepted."""
        assert self._details is not None
        return self._details

    # --- behaviour ------------------------------------------------------------------------
    def _update_hints(self) -> None:
        rules = self.form_data.rules
        minutes = self.duration.value() or None
        warning = meetings.duration_warning(minutes, rules, chosen_member(self.mode, MeetingMode))
        self.duration_warning.setText(_("⚠ {message}").format(message=warning) if warning else "")
        self.duration_warning.setVisible(bool(warning))
        self.duration.setAccessibleDescription(warning)
        try:
            held = self.held_on.value()
        except ValueError:
            held = None
        if held is None:
            self.copy_hint.setText(
                _("The programme asks for a copy within {n} days of the meeting.").format(
                    n=rules.log_to_mentor_within_days
                )
            )
        else:
            self.copy_hint.setText(
                _("The programme asks for a copy by {date} ({n} days after the meeting).").format(
                    date=format_date(copy_to_mentor_due(held, rules.log_to_mentor_within_days)),
                    n=rules.log_to_mentor_within_days,
                )
            )

    def _capture(self) -> Snapshot:
        details, _errors = self._read(strict=False)
        return details.to_draft()

    def keep_draft(self) -> None:
        """Save what has been typed so far as a draft now (nothing is checked)."""
        self.drafts.keep()

    def _put_back_fresh(self) -> None:
        """The form as it was before anything was typed ("Start again" then drops the draft)."""
        fresh = self.form_data.details
        self.held_on.set_value(fresh.held_on)
        self.mode.setCurrentIndex(max(0, self.mode.findData(fresh.mode)))
        self.duration.setValue(fresh.duration_minutes or 0)
        self.place.setText(fresh.place)
        self.attended.setText(fresh.attended)
        self.stage.setCurrentIndex(max(0, self.stage.findData(fresh.stage)))
        for field, value in (
            (self.next_meeting_on, fresh.next_meeting_on),
            (self.mentee_signed_on, fresh.mentee_signed_on),
            (self.mentor_signed_on, fresh.mentor_signed_on),
            (self.copy_to_mentor_on, fresh.copy_to_mentor_on),
        ):
            field.set_value(value)
        for row, review in enumerate(fresh.reviews):
            combo = _combo_in(self.reviews, row, 4)
            combo.setCurrentIndex(max(0, combo.findData(review.outcome)))
        self.action_points.setRowCount(0)
        self._action_ids = []
        for action in fresh.actions:
            self._add_action(action)
        self.private_note.setPlainText(fresh.private_note)
        self._update_hints()

    def show_errors(self, errors: dict[str, str]) -> None:
        # The right-hand form first, so focus ends on the first problem on the left.
        self.right_form.show_errors(errors)
        self.left_form.show_errors(errors)
        other = self.left_form.unknown(self.right_form.unknown(errors))
        self.general_error.setText(
            "\n".join(_("⚠ {message}").format(message=m) for m in other.values())
        )
        self.general_error.setVisible(bool(other))

    def accept(self) -> None:
        details, errors = self._read(strict=True)
        if errors:
            self.show_errors(errors)
            return
        self._details = details
        super().accept()

    def reject(self) -> None:
        if self.drafts.may_close():
            super().reject()
