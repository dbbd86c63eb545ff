"""Dialogs for goals: the goal itself (with the SMART check as you type), an action, a progress
rating, a status change, the programme's goal settings and a goal's history.

Each validates in accept(), exposes typed values and never saves: the Goals page calls the
service, and the service enforces the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.formatting import format_date
from app.i18n import _
from app.model.goal import GoalStatus, GoalTerm, RecordedAt, goal_label
from app.services.goals import (
    REASON_NEEDED,
    ActionDetails,
    GoalDetails,
    GoalSettings,
    GoalView,
    RatingDetails,
    reason_missing,
    validate_action,
    validate_goal,
    validate_settings,
)
from app.services.smart import Prompt, Smart, smart_label, smart_prompts
from ui.widgets.date_field import DateField, read_dates
from ui.widgets.drafts import FormDrafts
from ui.widgets.enum_combo import chosen_member
from ui.widgets.form import ErrorForm


def _text_box(text: str = "", height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _rating_spin(value: int | None, top: int, none_text: str) -> QSpinBox:
    """A rating from 1 to `top`; 0 shows `none_text` (no rating given)."""
    spin = QSpinBox()
    spin.setRange(0, top)
    spin.setSpecialValueText(none_text)
    spin.setSuffix(_(" out of {top}").format(top=top))
    spin.setValue(value or 0)
    _short(spin)
    return spin


def _short(widget: QWidget, width: int = 170) -> None:
    """Keep a small control small while its row (and the hint under it) spans the form."""
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    widget.setMaximumWidth(width)


class _FittingDialog(QDialog):
    """A dialog that grows to fit wrapped text (hints, messages) at its current width: Qt
    sizes windows by their minimum, which underestimates word-wrapped labels.

    A dialog with free text sets `drafts`: what is typed is kept as a draft, and Cancel or
    Escape asks before throwing it away."""

    drafts: FormDrafts | None = None

    def reject(self) -> None:
        if self.drafts is None or self.drafts.may_close():
            super().reject()

    def fit_height(self) -> None:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class SmartPanel(QGroupBox):
    """The five SMART qualities, each with a tick or a question, updated as the goal is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("SMART check (suggestions only)"), parent)
        self.setAccessibleName(_("SMART check"))
        self.setToolTip(glossary.explain(glossary.SMART))
        self.labels: dict[Smart, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        for quality in Smart:
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.labels[quality] = label
            layout.addWidget(label)

    def show_prompts(self, prompts: Sequence[Prompt]) -> None:
        by_quality = {p.quality: p.message for p in prompts}
        for quality, label in self.labels.items():
            if quality in by_quality:
                label.setText(
                    _("? {quality}: {message}").format(
                        quality=smart_label(quality), message=by_quality[quality]
                    )
                )
                label.setStyleSheet("color: #7a4b00;")
            else:
                label.setText(_("✓ {quality}").format(quality=smart_label(quality)))
                label.setStyleSheet("color: #1e6b34;")
        self.setAccessibleDescription(" ".join(label.text() for label in self.labels.values()))

    def text(self) -> str:
        return "\n".join(label.text() for label in self.labels.values())


class GoalDialog(_FittingDialog):
    """Create or edit a goal. With `baseline_locked` (progress exists), changing the baseline
    asks for a reason, which is kept in the goal's history."""

    def __init__(
        self,
        details: GoalDetails | None = None,
        *,
        scale_max: int = 10,
        baseline_locked: bool = False,
        nudge: str | None = None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New goal") if details is None else _("Edit goal"))
        self.setMinimumWidth(620)
        self.today = today
        self.scale_max = scale_max
        self.original = details or GoalDetails(title="", start_on=self.today)
        d = self.original
        self.baseline_locked = baseline_locked

        self.title = QLineEdit(d.title)
        self.why = _text_box(d.why, 52)
        self.term = QComboBox()
        for term in GoalTerm:
            self.term.addItem(goal_label(term), term)
        self.term.setCurrentIndex(max(0, self.term.findData(d.term)))
        self.baseline_rating = _rating_spin(d.baseline_rating, scale_max, _("Not rated"))
        self.baseline_note = _text_box(d.baseline_note, 46)
        self.baseline_reason = QLineEdit()
        self.target = QLineEdit(d.target)
        self.target_rating = _rating_spin(d.target_rating, scale_max, _("Not set"))
        self.success_criteria = _text_box(d.success_criteria, 46)
        self.start_on = DateField(d.start_on)
        self.target_on = DateField(d.target_on)

        f = self.form = ErrorForm()
        f.add_field("title", _("&Goal"), self.title, hint=_("What the mentee wants to achieve."))
        f.add_field("why", _("&Why it matters"), self.why)
        f.add_field("term", _("Short or &long term"), self.term)
        f.add_field(
            "baseline_rating",
            _("&Baseline"),
            self.baseline_rating,
            hint=_("Where the mentee is now: 1 is just starting, {top} is fully there.").format(
                top=scale_max
            ),
        )
        f.add_field("baseline_note", _("Baseline &note"), self.baseline_note)
        f.add_field(
            "baseline_reason",
            _("&Reason for the change"),
            self.baseline_reason,
            hint=_(
                "Progress is already recorded against this baseline. If you change it, say "
                "why. The old baseline stays in the goal's history."
            ),
        )
        self._reason_row = f.rowCount() - 1
        f.add_field("target", _("&Target"), self.target, hint=_("What will be different."))
        f.add_field("target_rating", _("Target rat&ing"), self.target_rating)
        f.add_field(
            "success_criteria",
            _("Su&ccess criteria"),
            self.success_criteria,
            hint=_("How you will both know it has been achieved."),
        )
        f.add_field("start_on", _("Start &date"), self.start_on)
        f.add_field("target_on", _("Target dat&e"), self.target_on)
        f.setRowVisible(self._reason_row, baseline_locked)

        self.nudge = QLabel(_("⚠ {nudge}").format(nudge=nudge) if nudge else "")
        self.nudge.setWordWrap(True)
        self.nudge.setVisible(bool(nudge))
        self.nudge.setStyleSheet(
            "background: #fff4d6; color: #4d3800; padding: 6px; border-radius: 3px;"
        )
        self.smart = SmartPanel()
        for widget in (self.title, self.target):
            widget.textChanged.connect(self.update_smart)
        self.success_criteria.textChanged.connect(self.update_smart)
        self.target_on.edited.connect(self.update_smart)
        self.update_smart()

        layout = QVBoxLayout(self)
        layout.addWidget(self.nudge)
        layout.addLayout(f)
        layout.addWidget(self.smart)
        layout.addWidget(_buttons(self))
        self.title.setFocus()
        self.drafts = FormDrafts(self, "GoalDialog")
        self._details: GoalDetails | None = None

    def update_smart(self) -> None:
        try:
            target_on = self.target_on.value()
        except ValueError:
            target_on = None
        self.smart.show_prompts(
            smart_prompts(
                self.title.text(),
                self.target.text(),
                self.success_criteria.toPlainText(),
                target_on,
                today=self.today,
            )
        )
        if self.isVisible():
            QTimer.singleShot(0, self.fit_height)

    def _read(self) -> tuple[GoalDetails, dict[str, str]]:
        dates, errors = read_dates({"start_on": self.start_on, "target_on": self.target_on})
        details = GoalDetails(
            title=self.title.text(),
            why=self.why.toPlainText(),
            term=chosen_member(self.term, GoalTerm),
            baseline_rating=self.baseline_rating.value() or None,
            baseline_note=self.baseline_note.toPlainText(),
            target=self.target.text(),
            target_rating=self.target_rating.value() or None,
            success_criteria=self.success_criteria.toPlainText(),
            start_on=dates["start_on"],
            target_on=dates["target_on"],
            baseline_reason=self.baseline_reason.text(),
        ).cleaned()
        errors = {**validate_goal(details, self.scale_max), **errors}
        changed = (details.baseline_rating, details.baseline_note) != (
            self.original.baseline_rating,
            self.original.baseline_note.strip(),
        )
        if self.baseline_locked and changed and not details.baseline_reason:
            errors["baseline_reason"] = _("Say why the baseline is changing.")
        return details, errors

    def details(self) -> GoalDetails:
        assert self._details is not None
        return self._details

    def show_errors(self, errors: dict[str, str]) -> None:
        if "baseline_reason" in errors and not self.baseline_locked:
            # Progress was recorded elsewhere while this dialog was open.
            self.baseline_locked = True
            self.form.setRowVisible(self._reason_row, True)
        self.form.show_errors(errors)

    def accept(self) -> None:
        details, errors = self._read()
        if errors:
            self.form.show_errors(errors)
            return
        self._details = details
        super().accept()


class ActionDialog(_FittingDialog):
    def __init__(
        self,
        details: ActionDetails | None = None,
        *,
        goal_title: str = "",
        people: list[str] | None = None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New action") if details is None else _("Edit action"))
        self.setMinimumWidth(520)
        d = details or ActionDetails(description="", agreed_on=today)
        self.description = _text_box(d.description, 52)
        self.who = QComboBox()
        self.who.setEditable(True)
        for person in people or []:
            self.who.addItem(person)
        self.who.setCurrentText(d.who if details is not None or not people else people[0])
        self.timescale = QLineEdit(d.timescale)
        self.milestone = QLineEdit(d.milestone)
        self.success_criteria = QLineEdit(d.success_criteria)
        self.agreed_on = DateField(d.agreed_on)
        self.due_on = DateField(d.due_on)
        self.done_on = DateField(d.done_on)
        f = self.form = ErrorForm()
        f.add_field("description", _("&Action"), self.description)
        f.add_field("who", _("&Who does it"), self.who)
        f.add_field(
            "timescale", _("Time&scale"), self.timescale, hint=_("For example: within two weeks.")
        )
        f.add_field("milestone", _("&Milestone"), self.milestone)
        f.add_field("success_criteria", _("Su&ccess criteria"), self.success_criteria)
        f.add_field("agreed_on", _("A&greed on"), self.agreed_on)
        f.add_field("due_on", _("D&ue by"), self.due_on)
        f.add_field("done_on", _("D&one on"), self.done_on)
        layout = QVBoxLayout(self)
        if goal_title:
            label = QLabel(_("Goal: {title}").format(title=goal_title))
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(f)
        layout.addWidget(_buttons(self))
        self.description.setFocus()
        self.drafts = FormDrafts(self, "ActionDialog")
        self._details: ActionDetails | None = None

    def details(self) -> ActionDetails:
        assert self._details is not None
        return self._details

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)

    def accept(self) -> None:
        dates, errors = read_dates(
            {"agreed_on": self.agreed_on, "due_on": self.due_on, "done_on": self.done_on}
        )
        details = ActionDetails(
            description=self.description.toPlainText(),
            who=self.who.currentText(),
            timescale=self.timescale.text(),
            milestone=self.milestone.text(),
            success_criteria=self.success_criteria.text(),
            **dates,
        ).cleaned()
        errors = {**validate_action(details), **errors}
        if errors:
            self.form.show_errors(errors)
            return
        self._details = details
        super().accept()


class RatingDialog(_FittingDialog):
    """Record progress on a goal: a rating on the programme's scale, where and when."""

    def __init__(
        self,
        goal: GoalView,
        *,
        scale_max: int,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record progress"))
        self.setMinimumWidth(460)
        self.today = today
        self.scale_max = scale_max
        latest = goal.latest
        self.rated_on = DateField(self.today)
        self.rating = QSpinBox()
        self.rating.setRange(1, scale_max)
        self.rating.setSuffix(_(" out of {top}").format(top=scale_max))
        _short(self.rating)
        self.rating.setValue(
            latest.rating if latest else goal.baseline_rating or max(1, scale_max // 2)
        )
        self.recorded_at = QComboBox()
        for place in RecordedAt:
            self.recorded_at.addItem(goal_label(place), place)
        self.recorded_at.setCurrentIndex(self.recorded_at.findData(RecordedAt.MEETING))
        self.note = _text_box("", 52)
        f = self.form = ErrorForm()
        f.add_field("rated_on", _("&Date"), self.rated_on)
        f.add_field(
            "rating",
            _("&Rating"),
            self.rating,
            hint=_("From 1 (just starting) to {top} (fully there).").format(top=scale_max),
        )
        f.add_field("recorded_at", _("Recorded &at"), self.recorded_at)
        f.add_field("note", _("&Note"), self.note)
        context = [_("Goal: {title}").format(title=goal.title)]
        if goal.baseline_rating is not None:
            context.append(
                _("Baseline: {rating} on {date}").format(
                    rating=goal.baseline_rating, date=format_date(goal.baseline_on)
                )
            )
        if latest is not None:
            context.append(
                _("Latest: {rating} on {date}").format(
                    rating=latest.rating, date=format_date(latest.rated_on)
                )
            )
        header = QLabel("\n".join(context))
        header.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(f)
        layout.addWidget(_buttons(self))
        self.rating.setFocus()
        self.drafts = FormDrafts(self, "RatingDialog")
        self._details: RatingDetails | None = None

    def details(self) -> RatingDetails:
        assert self._details is not None
        return self._details

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)

    def accept(self) -> None:
        dates, errors = read_dates({"rated_on": self.rated_on})
        if not errors and dates["rated_on"] is None:
            errors["rated_on"] = _("Give the date the rating was agreed.")
        elif dates["rated_on"] and dates["rated_on"] > self.today:
            errors["rated_on"] = _("The date cannot be in the future.")
        if errors:
            self.form.show_errors(errors)
            return
        self._details = RatingDetails(
            rated_on=dates["rated_on"],
            rating=self.rating.value(),
            note=self.note.toPlainText().strip(),
            recorded_at=chosen_member(self.recorded_at, RecordedAt),
        )
        super().accept()


class StatusDialog(_FittingDialog):
    """Move a goal to a new status; the date and reason go into its history."""

    def __init__(
        self,
        goal: GoalView,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change goal status"))
        self.setMinimumWidth(460)
        self.status = QComboBox()
        for status in GoalStatus:
            if status is not goal.status:
                self.status.addItem(goal_label(status), status)
        usual_next = {
            GoalStatus.NOT_STARTED: GoalStatus.IN_PROGRESS,
            GoalStatus.IN_PROGRESS: GoalStatus.ACHIEVED,
        }.get(goal.status, GoalStatus.IN_PROGRESS)
        self.status.setCurrentIndex(max(0, self.status.findData(usual_next)))
        self.changed_on = DateField(today)
        self.reason = _text_box("", 60)
        f = self.form = ErrorForm()
        f.add_field("status", _("&New status"), self.status)
        f.add_field("changed_on", _("&Date"), self.changed_on)
        f.add_field(
            "reason",
            _("&Reason"),
            self.reason,
            hint=_("Needed when a goal is changed or dropped; kept in the goal's history."),
        )
        header = QLabel(
            _("{title}\nNow: {status}").format(title=goal.title, status=goal_label(goal.status))
        )
        header.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(f)
        layout.addWidget(_buttons(self))
        self.status.setFocus()
        self.drafts = FormDrafts(self, "GoalStatusDialog")
        self._value: tuple[GoalStatus, date, str] | None = None

    def value(self) -> tuple[GoalStatus, date, str]:
        """(new status, date, reason) after exec() returns Accepted."""
        assert self._value is not None
        return self._value

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)

    def accept(self) -> None:
        dates, errors = read_dates({"changed_on": self.changed_on})
        status = chosen_member(self.status, GoalStatus)
        reason = self.reason.toPlainText().strip()
        if not errors and dates["changed_on"] is None:
            errors["changed_on"] = _("Give the date of the change.")
        if status in REASON_NEEDED and not reason:
            errors["reason"] = reason_missing(status)
        if errors:
            self.form.show_errors(errors)
            return
        on = dates["changed_on"]
        assert on is not None
        self._value = (status, on, reason)
        super().accept()


class GoalSettingsDialog(_FittingDialog):
    """The programme's goal settings: the top of the rating scale and the suggested number of
    goals to start with."""

    def __init__(self, settings: GoalSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Goal settings"))
        self.scale = QSpinBox()
        self.scale.setRange(3, 10)
        _short(self.scale, 90)
        self.scale.setValue(settings.rating_scale_max)
        self.suggested = QSpinBox()
        self.suggested.setRange(1, 10)
        _short(self.suggested, 90)
        self.suggested.setValue(settings.suggested_max_goals)
        f = self.form = ErrorForm()
        f.add_field(
            "rating_scale_max",
            _("Rating scale &top"),
            self.scale,
            hint=_("Ratings run from 1 to this number, for example 1 to 5 or 1 to 10."),
        )
        f.add_field(
            "suggested_max_goals",
            _("&Suggested goals per mentee"),
            self.suggested,
            hint=_("A gentle note appears when a mentee has more goals on the go than this."),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(f)
        layout.addWidget(_buttons(self))
        self._settings: GoalSettings | None = None

    def settings(self) -> GoalSettings:
        assert self._settings is not None
        return self._settings

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)

    def accept(self) -> None:
        settings = GoalSettings(self.scale.value(), self.suggested.value())
        errors = validate_settings(settings)
        if errors:
            self.form.show_errors(errors)
            return
        self._settings = settings
        super().accept()


def history_html(goal: GoalView, scale_max: int) -> str:
    """A goal's status changes, baseline changes and ratings, oldest first."""
    parts = [f"<h3>{escape(goal.title)}</h3>", f"<h4>{escape(_('Status'))}</h4><ul>"]
    for change in goal.status_history:
        line = (
            _("{date}: set up as {status}").format(
                date=format_date(change.changed_on), status=goal_label(change.to_status)
            )
            if change.from_status is None
            else _("{date}: {old} → {new}").format(
                date=format_date(change.changed_on),
                old=goal_label(change.from_status),
                new=goal_label(change.to_status),
            )
        )
        if change.reason:
            line = _("{line}. Reason: {reason}").format(line=line, reason=change.reason)
        parts.append(f"<li>{escape(line)}</li>")
    parts.append("</ul>")
    parts.append(f"<h4>{escape(_('Baseline'))}</h4><ul>")
    for changed in goal.baseline_changes:
        parts.append(
            "<li>"
            + escape(
                _("{date}: changed from {old} to {new}. Reason: {reason}").format(
                    date=format_date(changed.changed_on),
                    old=changed.old_rating if changed.old_rating is not None else "–",
                    new=changed.new_rating if changed.new_rating is not None else "–",
                    reason=changed.reason,
                )
            )
            + "</li>"
        )
    parts.append(
        "<li>"
        + escape(
            _("Now: {rating} out of {top} ({note})").format(
                rating=goal.baseline_rating if goal.baseline_rating is not None else "–",
                top=scale_max,
                note=goal.baseline_note or _("no note"),
            )
        )
        + "</li></ul>"
    )
    parts.append(f"<h4>{escape(_('Progress ratings'))}</h4><ul>")
    if not goal.ratings:
        parts.append(f"<li>{escape(_('None yet.'))}</li>")
    for rating in goal.ratings:
        line = _("{date}: {rating} ({place})").format(
            date=format_date(rating.rated_on),
            rating=rating.rating,
            place=goal_label(rating.recorded_at).lower(),
        )
        if rating.note:
            line = _("{line}: {note}").format(line=line, note=rating.note)
        parts.append(f"<li>{escape(line)}</li>")
    parts.append("</ul>")
    return "".join(parts)


class GoalHistoryDialog(QDialog):
    def __init__(self, goal: GoalView, scale_max: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Goal history"))
        self.resize(560, 480)
        self.text = QTextBrowser()
        self.text.setAccessibleName(_("Goal history"))
        self.text.setHtml(history_html(goal, scale_max))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
