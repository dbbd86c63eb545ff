"""Dialogs for one match: risk assessment, introduction, agreement, signatures, status change
and a waiting mentee's priority. Each validates what it can in accept(), exposes typed values
and never saves; the page calls the service and, if the service finds a problem, shows the
message under the field and opens the dialog again."""

from __future__ import annotations

from abc import abstractmethod
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.model import EndingKind, IntroductionOutcome, MatchStatus
from app.model.introduction import OUTCOME_LABELS
from app.model.match import ENDING_LABELS, MATCH_STATUS_LABELS
from app.services.matching import (
    AgreementDetails,
    IntroductionDetails,
    RiskDetails,
    Signatures,
)
from ui.widgets.date_field import DateField, read_dates
from ui.widgets.drafts import FormDrafts
from ui.widgets.enum_combo import chosen_member, enum_value
from ui.widgets.form import ErrorForm


def _text(value: str = "", height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class MatchDialog(QDialog):
    """A titled form with Save and Cancel; subclasses add fields and `_collect()`."""

    def __init__(
        self, title: str, pair: str, parent: QWidget | None, *, scroll: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(680)
        self.form = ErrorForm()
        self.pair_label = QLabel(pair)
        self.pair_label.setProperty("role", "heading")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.pair_label)
        if scroll:  # a long form scrolls rather than pushing Save off a small screen
            holder = QWidget()
            self.body = QVBoxLayout(holder)
            self.body.addLayout(self.form)
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(holder)
            self._layout.addWidget(area, 1)
        else:
            self._layout.addLayout(self.form)

    def _finish(self, note: str = "") -> None:
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            self._layout.addWidget(label)
        self._layout.addWidget(self.buttons)
        # What is typed is kept as a draft; Cancel or Escape asks before throwing it away.
        self.drafts = FormDrafts(self, type(self).__name__)

    def reject(self) -> None:
        if self.drafts.may_close():
            super().reject()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Messages under their fields; the dialog grows to make room for them."""
        self.form.show_errors(errors)
        self.adjustSize()

    def _dates(self, fields: dict[str, DateField]) -> tuple[dict[str, date | None], dict[str, str]]:
        return read_dates(fields)

    def accept(self) -> None:
        errors = self._collect()
        if errors:
            self.show_errors(errors)
            return
        self.form.clear_errors()
        super().accept()

    @abstractmethod  # each dialog reads its own fields (Qt's metaclass rules out ABC)
    def _collect(self) -> dict[str, str]:
        """Read the fields into `self.value`; the messages for any that cannot be read."""


class RiskDialog(MatchDialog):
    def __init__(self, pair: str, details: RiskDetails, parent: QWidget | None = None) -> None:
        super().__init__(_("Risk assessment"), pair, parent)
        self.assessed_on = DateField(details.assessed_on)
        self.assessed_by = QLineEdit(details.assessed_by)
        self.risks = _text(details.risks)
        self.risk_actions = _text(details.actions)
        self.reviewed_on = DateField(details.reviewed_on)
        f = self.form
        f.add_field("assessed_on", _("&Assessed on"), self.assessed_on)
        f.add_field("assessed_by", _("Assessed &by"), self.assessed_by)
        f.add_field(
            "risks",
            _("&Risks identified"),
            self.risks,
            hint=_("For example lone working, meeting places, shared families."),
        )
        f.add_field("actions", _("A&ctions to manage them"), self.risk_actions)
        f.add_field("reviewed_on", _("Last re&viewed on"), self.reviewed_on)
        self._finish()
        self.risks.setFocus()
        self.value: RiskDetails | None = None

    def _collect(self) -> dict[str, str]:
        dates, errors = self._dates(
            {"assessed_on": self.assessed_on, "reviewed_on": self.reviewed_on}
        )
        if errors:
            return errors
        self.value = RiskDetails(
            dates["assessed_on"],
            self.risks.toPlainText(),
            self.risk_actions.toPlainText(),
            dates["reviewed_on"],
            self.assessed_by.text(),
        )
        return {}


class IntroductionDialog(MatchDialog):
    def __init__(
        self, pair: str, details: IntroductionDetails, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Introduction meeting"), pair, parent)
        self.held_on = DateField(details.held_on)
        self.staff_present = QLineEdit(details.staff_present)
        self.outcome_group = QButtonGroup(self)
        outcomes = QWidget()
        row = QHBoxLayout(outcomes)
        row.setContentsMargins(0, 0, 0, 0)
        self.outcome_buttons: dict[IntroductionOutcome, QRadioButton] = {}
        for outcome in IntroductionOutcome:
            button = QRadioButton(_(OUTCOME_LABELS[outcome]))
            button.setChecked(outcome is details.outcome)
            self.outcome_group.addButton(button)
            self.outcome_buttons[outcome] = button
            row.addWidget(button)
        row.addStretch(1)
        self.notes = _text(details.notes)
        f = self.form
        f.add_field("held_on", _("&Held on"), self.held_on)
        f.add_field("staff_present", _("&Staff present"), self.staff_present)
        f.add_field("outcome", _("&Outcome"), outcomes)
        for outcome, button in self.outcome_buttons.items():
            button.setAccessibleName(
                _("Outcome: {outcome}").format(outcome=_(OUTCOME_LABELS[outcome]))
            )
        f.add_field("notes", _("&Notes"), self.notes)
        self._finish(
            _(
                "Go ahead: the match moves on to the agreement. Not a good fit: the match "
                "closes, and these two are not proposed to each other again."
            )
        )
        self.value: IntroductionDetails | None = None

    def _collect(self) -> dict[str, str]:
        dates, errors = self._dates({"held_on": self.held_on})
        if errors:
            return errors
        outcome = next(o for o, b in self.outcome_buttons.items() if b.isChecked())
        self.value = IntroductionDetails(
            dates["held_on"], self.staff_present.text(), outcome, self.notes.toPlainText()
        )
        return {}


class AgreementDialog(MatchDialog):
    def __init__(
        self,
        pair: str,
        details: AgreementDetails,
        rules: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Mentoring agreement"), pair, parent)
        self.agreed_on = DateField(details.agreed_on)
        self.review_on = DateField(details.review_on)
        self.issues = _text(details.issues, 80)
        self.mentor_role = _text(details.mentor_role, 80)
        self.mentee_role = _text(details.mentee_role, 80)
        rules_label = QLabel("\n".join(f"{name}: {value}" for name, value in rules))
        rules_label.setWordWrap(False)
        f = self.form
        f.add_field(
            "agreed_on",
            _("Date of &agreement"),
            self.agreed_on,
            hint=_("Usually the first meeting."),
        )
        f.add_field(
            "review_on",
            _("&Review date"),
            self.review_on,
            hint=_("Three to six months after the agreement."),
        )
        f.add_field(
            "issues",
            _("&Issues to work on"),
            self.issues,
            hint=_("One per line, in the pair's own words."),
        )
        f.add_field("mentor_role", _("The &mentor's role"), self.mentor_role)
        f.add_field("mentee_role", _("The m&entee's role"), self.mentee_role)
        f.add_field("rules", _("From the programme"), rules_label)
        self._finish()
        self.issues.setFocus()
        self.value: AgreementDetails | None = None

    def _collect(self) -> dict[str, str]:
        dates, errors = self._dates({"agreed_on": self.agreed_on, "review_on": self.review_on})
        if errors:
            return errors
        self.value = AgreementDetails(
            self.issues.toPlainText(),
            self.mentor_role.toPlainText(),
            self.mentee_role.toPlainText(),
            dates["agreed_on"],
            dates["review_on"],
        )
        return {}


class SignaturesDialog(MatchDialog):
    def __init__(
        self,
        pair: str,
        names: tuple[str, str, str],
        signed: Signatures,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Signatures"), pair, parent)
        mentor, mentee, coordinator = names
        self.mentor_on = DateField(signed.mentor_on)
        self.mentee_on = DateField(signed.mentee_on)
        self.coordinator_on = DateField(signed.coordinator_on)
        f = self.form
        f.add_field(
            "mentor_on",
            _("&Mentor ({name}) signed on paper on").format(name=mentor),
            self.mentor_on,
        )
        f.add_field(
            "mentee_on",
            _("M&entee ({name}) signed on paper on").format(name=mentee),
            self.mentee_on,
        )
        f.add_field(
            "coordinator_on",
            _("&Coordinator ({name}) signed on paper on").format(name=coordinator)
            if coordinator
            else _("&Coordinator signed on paper on"),
            self.coordinator_on,
        )
        self._finish(
            _(
                "The match starts when all three signatures are recorded. Keep the signed "
                "paper copy as your programme's policy says."
            )
        )
        self.value: Signatures | None = None

    def _collect(self) -> dict[str, str]:
        dates, errors = self._dates(
            {
                "mentor_on": self.mentor_on,
                "mentee_on": self.mentee_on,
                "coordinator_on": self.coordinator_on,
            }
        )
        if errors:
            return errors
        self.value = Signatures(dates["mentor_on"], dates["mentee_on"], dates["coordinator_on"])
        return {}


class StatusDialog(MatchDialog):
    def __init__(
        self,
        pair: str,
        allowed: tuple[MatchStatus, ...],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Change the match's status"), pair, parent)
        self.status = QComboBox()
        for status in allowed:
            self.status.addItem(_(MATCH_STATUS_LABELS[status]), status)
        self.on = DateField(today)
        self.ending = QComboBox()
        self.ending.addItem(_("Choose how it ended…"), None)
        for kind in EndingKind:
            self.ending.addItem(_(ENDING_LABELS[kind]), kind)
        self.note = _text("", 60)
        f = self.form
        f.add_field("status", _("&New status"), self.status)
        f.add_field("on", _("&From"), self.on)
        f.add_field(
            "ending",
            _("&How it ended"),
            self.ending,
            hint=_("Only when closing the match."),
        )
        f.add_field("note", _("&Why"), self.note)
        self.status.currentIndexChanged.connect(lambda _i: self._sync())
        self._sync()
        self._finish(
            _(
                "A match closed as 'not a good fit' or 'over a concern' counts as ending "
                "badly. These two will not be proposed to each other again."
            )
        )
        self.value: tuple[MatchStatus, date | None, str, EndingKind | None] | None = None

    def _sync(self) -> None:
        self.ending.setEnabled(enum_value(self.status, MatchStatus) is MatchStatus.CLOSED)

    def _collect(self) -> dict[str, str]:
        dates, errors = self._dates({"on": self.on})
        if errors:
            return errors
        status = chosen_member(self.status, MatchStatus)
        ending = enum_value(self.ending, EndingKind) if status is MatchStatus.CLOSED else None
        self.value = (status, dates["on"], self.note.toPlainText(), ending)
        return {}


class PriorityDialog(MatchDialog):
    def __init__(self, name: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Match first"), name, parent)
        self.note = QLineEdit(note)
        self.form.add_field(
            "note",
            _("&Why this person should be matched first"),
            self.note,
        )
        self._finish()
        self.value = ""

    def _collect(self) -> dict[str, str]:
        if not self.note.text().strip():
            return {"note": _("Write a few words on why, so the reason is kept.")}
        self.value = self.note.text().strip()
        return {}
