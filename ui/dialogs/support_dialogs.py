"""Record a support contact (the coordinator's check-in with one party) and log or resolve a
concern. Both validate in accept() and never save."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_date
from app.i18n import _
from app.model.meeting import MeetingMode
from app.model.support import ContactDepth, ContactParty, RaisedBy, RelationshipQuality
from app.services import meetings, support
from app.services.support import ConcernDetails, ContactDetails
from ui.widgets.date_field import DateField
from ui.widgets.drafts import FormDrafts
from ui.widgets.enum_combo import chosen_member, enum_value
from ui.widgets.form import ErrorForm


def _combo(items: list[tuple[str, object]], current: object) -> QComboBox:
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _text_box(text: str, height: int = 46, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class SupportContactDialog(QDialog):
    def __init__(
        self,
        mentor_name: str,
        mentee_name: str,
        details: ContactDetails | None = None,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(
            _("Support contact: {mentee} and {mentor}").format(
                mentee=mentee_name, mentor=mentor_name
            )
        )
        self.setMinimumWidth(560)
        d = details or ContactDetails(ContactParty.MENTEE, self.today)
        self.party = _combo(
            [
                (_("Mentor: {name}").format(name=mentor_name), ContactParty.MENTOR),
                (_("Mentee: {name}").format(name=mentee_name), ContactParty.MENTEE),
                (_("A third party, such as the mentee's line manager"), ContactParty.THIRD_PARTY),
            ],
            d.party,
        )
        self.third_party_name = QLineEdit(d.third_party_name)
        self.held_on = DateField(d.held_on)
        self.mode = _combo([(meetings.mode_label(m), m) for m in MeetingMode], d.mode)
        self.depth_combo = _combo([(support.depth_label(x), x) for x in ContactDepth], d.depth)
        self.activities = _text_box(
            d.activities, placeholder=_("What have they been doing together?")
        )
        self.progress = _text_box(
            d.progress, placeholder=_("How are things going towards the goals?")
        )
        self.safety_concern = QCheckBox(_("Something about safety was raised"))
        self.safety_concern.setChecked(d.safety_concern)
        self.safety_notes = _text_box(d.safety_notes, 40)
        self.quality = _combo(
            [(_("Not asked"), None)] + [(support.quality_label(q), q) for q in RelationshipQuality],
            d.quality,
        )
        self.to_act_on = _text_box(d.to_act_on, 40)

        f = self.form = ErrorForm()
        f.add_field("party", _("&With"), self.party)
        f.add_field("third_party_name", _("&Third party"), self.third_party_name)
        f.add_field("held_on", _("&Date"), self.held_on)
        f.add_field("mode", _("&How"), self.mode)
        f.add_field("depth", _("&Kind"), self.depth_combo)
        self.depth_combo.setToolTip(_("An in-depth support meeting also counts as a check-in."))
        f.add_field("activities", _("&Activities"), self.activities)
        f.add_field("progress", _("&Progress"), self.progress)
        f.add_field("safety_concern", _("&Safety"), self.safety_concern)
        f.add_field("safety_notes", _("Safety &notes"), self.safety_notes)
        f.add_field("quality", _("How is the &relationship?"), self.quality)
        f.add_field("to_act_on", _("Anything to act &on"), self.to_act_on)
        self.party.currentIndexChanged.connect(self._update)
        self.safety_concern.toggled.connect(self._update)
        self._update()

        intro = QLabel(
            _(
                "Your own check-in with one of the pair (or a third party), with the "
                "standard questions. It shows on the match's timeline. Nothing here is "
                "printed."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(f)
        layout.addWidget(_buttons(self))
        self.party.setFocus()
        self._details: ContactDetails | None = None
        self.drafts = FormDrafts(self, "SupportContactDialog", scope=f"{mentee_name}|{mentor_name}")

    def _update(self) -> None:
        third = enum_value(self.party, ContactParty) is ContactParty.THIRD_PARTY
        self.third_party_name.setEnabled(third)
        self.safety_notes.setEnabled(self.safety_concern.isChecked())

    def details(self) -> ContactDetails:
        assert self._details is not None
        return self._details

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)

    def accept(self) -> None:
        errors: dict[str, str] = {}
        try:
            held_on = self.held_on.value()
        except ValueError as exc:
            held_on, errors["held_on"] = None, str(exc)
        details = ContactDetails(
            party=chosen_member(self.party, ContactParty),
            held_on=held_on,
            mode=chosen_member(self.mode, MeetingMode),
            depth=chosen_member(self.depth_combo, ContactDepth),
            third_party_name=self.third_party_name.text(),
            activities=self.activities.toPlainText(),
            progress=self.progress.toPlainText(),
            safety_concern=self.safety_concern.isChecked(),
            safety_notes=self.safety_notes.toPlainText(),
            quality=enum_value(self.quality, RelationshipQuality),
            to_act_on=self.to_act_on.toPlainText(),
        ).cleaned()
        errors = {**support.validate_contact(details, self.today), **errors}
        if errors:
            self.form.show_errors(errors)
            return
        self._details = details
        super().accept()

    def reject(self) -> None:
        if self.drafts.may_close():
            super().reject()


class ConcernDialog(QDialog):
    """Log a concern raised by anyone, or record what was done and when it was resolved."""

    def __init__(
        self,
        mentor_name: str,
        mentee_name: str,
        details: ConcernDetails | None = None,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(
            _("Concern: {mentee} and {mentor}").format(mentee=mentee_name, mentor=mentor_name)
            if details is None
            else _("Concern raised on {date}").format(date=format_date(details.raised_on))
        )
        self.setMinimumWidth(520)
        d = details or ConcernDetails(RaisedBy.MENTEE, self.today, "")
        self.raised_by = _combo([(support.raised_by_label(r), r) for r in RaisedBy], d.raised_by)
        self.raised_on = DateField(d.raised_on)
        self.description = _text_box(d.description, 70)
        self.actions_taken = _text_box(d.actions_taken, 70)
        self.resolved_on = DateField(d.resolved_on)
        f = self.form = ErrorForm()
        f.add_field("raised_by", _("Raised &by"), self.raised_by)
        f.add_field("raised_on", _("Raised &on"), self.raised_on)
        f.add_field("description", _("&Concern"), self.description)
        f.add_field("actions_taken", _("&Actions taken"), self.actions_taken)
        f.add_field(
            "resolved_on",
            _("&Resolved on"),
            self.resolved_on,
            hint=_("Leave empty while the concern is open. The match stays flagged until then."),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(f)
        layout.addWidget(_buttons(self))
        (self.description if details is None else self.actions_taken).setFocus()
        self._details: ConcernDetails | None = None
        self.drafts = FormDrafts(self, "ConcernDialog", scope=f"{mentee_name}|{mentor_name}")

    def details(self) -> ConcernDetails:
        assert self._details is not None
        return self._details

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)

    def accept(self) -> None:
        errors: dict[str, str] = {}
        dates: dict[str, date | None] = {}
        for name, field in (("raised_on", self.raised_on), ("resolved_on", self.resolved_on)):
            try:
                dates[name] = field.value()
            except ValueError as exc:
                dates[name], errors[name] = None, str(exc)
        details = ConcernDetails(
            raised_by=chosen_member(self.raised_by, RaisedBy),
            raised_on=dates["raised_on"],
            description=self.description.toPlainText(),
            actions_taken=self.actions_taken.toPlainText(),
            resolved_on=dates["resolved_on"],
        ).cleaned()
        errors = {**support.validate_concern(details, self.today), **errors}
        if errors:
            self.form.show_errors(errors)
            return
        self._details = details
        super().accept()

    def reject(self) -> None:
        if self.drafts.may_close():
            super().reject()
