"""Small dialogs for the screening records: PVG, reference, interview, training, a change of
stage and a one-off step's date. Each validates in accept() with the service's own rules,
shows each message under its field, and never saves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.formatting import format_date
from app.i18n import _
from app.model import Role
from app.model.person import STAGE_LABELS, Stage
from app.model.screening import (
    DECISION_LABELS,
    DISCLOSURE_LABELS,
    MENTEE_QUALITIES,
    MENTOR_QUALITIES,
    OUTCOME_LABELS,
    DisclosureType,
    InterviewOutcome,
    RecruitmentDecision,
)
from app.services import screening
from ui.widgets.date_field import DateField
from ui.widgets.drafts import FormDrafts
from ui.widgets.form import ErrorForm


def pvg_note() -> str:
    """Why no certificate copy is kept (shown wherever PVG details are entered or shown)."""
    return _(
        "Only what the Disclosure Code of Practice allows is kept here: the date of issue, "
        "the type of disclosure, the position it was for, its reference number and your "
        "recruitment decision. Do not scan or copy the certificate. Look at it, note these "
        "details, then give it back or destroy it securely."
    )


def _combo(labels: dict[Any, str], current: object) -> QComboBox:
    combo = QComboBox()
    for value, label in labels.items():
        combo.addItem(_(label), value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _text(value: str = "", height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class _FormDialog(QDialog):
    """A titled dialog around an ErrorForm with Save and Cancel."""

    def __init__(self, title: str, parent: QWidget | None, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = ErrorForm()
        self._layout = QVBoxLayout(self)
        # Grow when messages appear under the fields, rather than squeezing them.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            note.setProperty("role", "note")
            note.setStyleSheet("background: #eef3f8; padding: 8px; border: 1px solid #c3d3e3;")
            self._layout.addWidget(note)
            self.note = note
        self._layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._value: Any = None

    def _finish(self) -> None:
        self._layout.addWidget(self.buttons)
        # What is typed is kept as a draft; Cancel or Escape asks before throwing it away.
        self.drafts = FormDrafts(self, type(self).__name__)

    def reject(self) -> None:
        if self.drafts.may_close():
            super().reject()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)
        self.adjustSize()  # make room for the messages

    @staticmethod
    def _date(field: DateField, name: str, errors: dict[str, str]) -> date | None:
        try:
            return field.value()
        except ValueError as exc:
            errors[name] = str(exc)
            return None

    def _check(self, build: Callable[[dict[str, str]], tuple[Any, dict[str, str]]]) -> None:
        errors: dict[str, str] = {}
        value, rule_errors = build(errors)
        errors = {**rule_errors, **errors}
        if errors:
            self.show_errors(errors)
            return
        self._value = value
        super().accept()

    def value(self) -> Any:
        return self._value


class PvgDialog(_FormDialog):
    def __init__(
        self,
        details: screening.PvgDetails | None = None,
        *,
        position: str = "",
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("PVG record") if details else _("Record a PVG check"),
            parent,
            intro=glossary.explain(glossary.PVG) + "\n\n" + pvg_note(),
        )
        self._today = today
        d = details or screening.PvgDetails(issued_on=None, position=position)
        self.issued_on = DateField(d.issued_on)
        self.disclosure_type = _combo(DISCLOSURE_LABELS, d.disclosure_type)
        self.position = QLineEdit(d.position)
        self.reference_number = QLineEdit(d.reference_number)
        self.decision = _combo(DECISION_LABELS, d.decision)
        self.regulated = QCheckBox(_("This position is &regulated work with children"))
        self.regulated.setChecked(d.regulated_role)
        self.regulated.setToolTip(glossary.explain(glossary.REGULATED_WORK))
        self.disclosure_type.setToolTip(
            glossary.explain(glossary.DISCLOSURE_LEVELS, glossary.SCHEME_RECORD)
        )
        self.note.setToolTip(glossary.explain(glossary.CODE_OF_PRACTICE))
        f = self.form
        f.add_field(
            "issued_on",
            _("Date of &issue"),
            self.issued_on,
            hint=_("Membership lasts five years from this date."),
        )
        f.add_field("disclosure_type", _("Disclosure &type"), self.disclosure_type)
        f.add_field("position", _("&Position it was for"), self.position)
        f.add_field("reference_number", _("Reference &number"), self.reference_number)
        f.add_field("decision", _("Recruitment &decision"), self.decision)
        f.add_field("regulated_role", _("Regulated work"), self.regulated)
        self._finish()
        self.issued_on.setFocus()

    def accept(self) -> None:
        def build(errors: dict[str, str]) -> tuple[Any, dict[str, str]]:
            value = screening.PvgDetails(
                issued_on=self._date(self.issued_on, "issued_on", errors),
                disclosure_type=DisclosureType(self.disclosure_type.currentData()),
                position=self.position.text(),
                reference_number=self.reference_number.text(),
                decision=RecruitmentDecision(self.decision.currentData()),
                regulated_role=self.regulated.isChecked(),
            )
            rule_errors = screening.validate_pvg(value, self._today)
            if "issued_on" in errors:
                rule_errors.pop("issued_on", None)
            return value, rule_errors

        self._check(build)


class ReferenceDialog(_FormDialog):
    def __init__(
        self,
        details: screening.ReferenceDetails | None = None,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Reference") if details else _("Add a reference"), parent)
        self._today = today
        d = details or screening.ReferenceDetails(referee="", requested_on=self._today)
        self.referee = QLineEdit(d.referee)
        self.relationship = QLineEdit(d.relationship)
        self.contact = QLineEdit(d.contact)
        self.requested_on = DateField(d.requested_on)
        self.received_on = DateField(d.received_on)
        self.satisfactory = QComboBox()
        for label, value in (
            (_("Not read yet"), None),
            (_("Satisfactory"), True),
            (_("Not satisfactory"), False),
        ):
            self.satisfactory.addItem(label, value)
        self.satisfactory.setCurrentIndex({None: 0, True: 1, False: 2}[d.satisfactory])
        self.note_box = _text(d.note, 60)
        f = self.form
        f.add_field("referee", _("&Referee"), self.referee)
        f.add_field(
            "relationship",
            _("R&elationship"),
            self.relationship,
            hint=_("How they know the person, for example: former manager."),
        )
        f.add_field("contact", _("&Contact"), self.contact)
        f.add_field("requested_on", _("Re&quested on"), self.requested_on)
        f.add_field("received_on", _("Recei&ved on"), self.received_on)
        f.add_field("satisfactory", _("&Satisfactory?"), self.satisfactory)
        f.add_field("note", _("&Note"), self.note_box)
        self._finish()
        self.referee.setFocus()

    def accept(self) -> None:
        def build(errors: dict[str, str]) -> tuple[Any, dict[str, str]]:
            value = screening.ReferenceDetails(
                referee=self.referee.text(),
                relationship=self.relationship.text(),
                contact=self.contact.text(),
                requested_on=self._date(self.requested_on, "requested_on", errors),
                received_on=self._date(self.received_on, "received_on", errors),
                satisfactory=self.satisfactory.currentData(),
                note=self.note_box.toPlainText(),
            )
            return value, screening.validate_reference(value, self._today)

        self._check(build)


class InterviewDialog(_FormDialog):
    def __init__(
        self,
        role: Role,
        details: screening.InterviewDetails | None = None,
        *,
        interviewer: str = "",
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Interview") if details else _("Record an interview"), parent)
        self._today = today
        d = details or screening.InterviewDetails(held_on=self._today, interviewer=interviewer)
        self.held_on = DateField(d.held_on)
        self.interviewer = QLineEdit(d.interviewer)
        qualities = MENTOR_QUALITIES if role is Role.MENTOR else MENTEE_QUALITIES
        group = QGroupBox(
            _("Qualities seen in a good mentor")
            if role is Role.MENTOR
            else _("Qualities seen in a successful mentee")
        )
        column = QVBoxLayout(group)
        column.setSpacing(2)
        self.qualities: dict[str, QCheckBox] = {}
        for key, label in qualities:
            box = QCheckBox(_(label))
            box.setChecked(key in d.qualities)
            column.addWidget(box)
            self.qualities[key] = box
        self.outcome = _combo(OUTCOME_LABELS, d.outcome)
        self.notes = _text(d.notes, 70)
        f = self.form
        f.add_field("held_on", _("&Date"), self.held_on)
        f.add_field("interviewer", _("&Interviewer"), self.interviewer)
        f.add_field("qualities", _("Checklist"), group)
        f.add_field("outcome", _("&Outcome"), self.outcome)
        f.add_field("notes", _("&Notes"), self.notes)
        self._finish()
        self.held_on.setFocus()

    def accept(self) -> None:
        def build(errors: dict[str, str]) -> tuple[Any, dict[str, str]]:
            value = screening.InterviewDetails(
                held_on=self._date(self.held_on, "held_on", errors),
                interviewer=self.interviewer.text(),
                qualities=tuple(k for k, box in self.qualities.items() if box.isChecked()),
                outcome=InterviewOutcome(self.outcome.currentData()),
                notes=self.notes.toPlainText(),
            )
            rule_errors = screening.validate_interview(value, self._today)
            if "held_on" in errors:
                rule_errors.pop("held_on", None)
            return value, rule_errors

        self._check(build)


class TrainingDialog(_FormDialog):
    def __init__(self, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("Add a training session"), parent)
        self._today = today
        self.held_on = DateField(self._today)
        self.topic = QLineEdit()
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 40)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(2)
        self.hours.setValue(2)
        self.hours.setSuffix(_(" hours"))
        f = self.form
        f.add_field("held_on", _("&Date"), self.held_on)
        f.add_field("topic", _("&Topic"), self.topic)
        f.add_field("hours", _("&Length"), self.hours)
        self._finish()
        self.topic.setFocus()

    def accept(self) -> None:
        def build(errors: dict[str, str]) -> tuple[Any, dict[str, str]]:
            value = screening.TrainingDetails(
                held_on=self._date(self.held_on, "held_on", errors),
                topic=self.topic.text(),
                hours=self.hours.value(),
            )
            rule_errors = screening.validate_training(value, self._today)
            if "held_on" in errors:
                rule_errors.pop("held_on", None)
            return value, rule_errors

        self._check(build)


class StageDialog(_FormDialog):
    """Move someone along the pipeline, put them on hold, or record that they withdrew or left."""

    def __init__(
        self,
        current: Stage,
        *,
        name: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Change stage for {name}").format(name=name), parent)
        self._today = today
        self.stage = QComboBox()
        for stage in Stage:
            self.stage.addItem(_(STAGE_LABELS[stage]), stage)
        self.stage.setCurrentIndex(max(0, self.stage.findData(current)))
        self.on = DateField(self._today)
        self.reason = _text("", 60)
        f = self.form
        f.add_field("stage", _("&Stage"), self.stage)
        f.add_field("on", _("&Date"), self.on)
        f.add_field(
            "reason",
            _("&Reason"),
            self.reason,
            hint=_("Needed when someone withdraws; useful for on hold and leaving."),
        )
        self._finish()
        self.stage.setFocus()

    def accept(self) -> None:
        def build(errors: dict[str, str]) -> tuple[Any, dict[str, str]]:
            stage = Stage(self.stage.currentData())
            on = self._date(self.on, "on", errors)
            if on is None and "on" not in errors:
                errors["on"] = _("Write the date.")
            reason = self.reason.toPlainText().strip()
            rule_errors = {}
            if stage is Stage.WITHDRAWN and not reason:
                rule_errors["reason"] = _("Say why they withdrew (a few words are enough).")
            return (stage, on, reason), rule_errors

        self._check(build)


class StepDateDialog(_FormDialog):
    """The date a one-off step was done (application received, code signed, induction)."""

    def __init__(
        self,
        title: str,
        label: str,
        current: date | None,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._today = today
        self.on = DateField(current or self._today)
        self.form.add_field("on", label, self.on, hint=_("Leave empty if it has not been done."))
        self._finish()
        self.on.setFocus()

    def accept(self) -> None:
        def build(errors: dict[str, str]) -> tuple[Any, dict[str, str]]:
            on = self._date(self.on, "on", errors)
            rule_errors = {}
            if on is not None and on > self._today:
                rule_errors["on"] = _("This date is in the future ({date}).").format(
                    date=format_date(on)
                )
            return on, rule_errors

        self._check(build)
