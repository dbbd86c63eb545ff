"""Create or edit a programme's basic details. Validates in accept(); never saves itself."""

from __future__ import annotations

import enum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.model.programme import MentoringType, ProgrammeModel, ProgrammeStatus, label
from app.services.programmes import ProgrammeDetails, validate_details
from ui.widgets.date_field import DateField, read_dates
from ui.widgets.drafts import FormDrafts
from ui.widgets.enum_combo import chosen_member
from ui.widgets.form import ErrorForm


def _enum_combo(values: list[enum.Enum], current: object) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value), value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class ProgrammeDialog(QDialog):
    def __init__(
        self, details: ProgrammeDetails | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New programme") if details is None else _("Edit programme"))
        self.setMinimumWidth(520)
        details = details or ProgrammeDetails(name="", organisation="")
        self.form = ErrorForm()
        self.name = QLineEdit(details.name)
        self.organisation = QLineEdit(details.organisation)
        self.coordinator = QLineEdit(details.coordinator)
        self.coordinator_phone = QLineEdit(details.coordinator_phone or "")
        self.coordinator_email = QLineEdit(details.coordinator_email or "")
        self.programme_model = _enum_combo(list(ProgrammeModel), details.programme_model)
        self.partners = QLineEdit(details.partner_organisations)
        self.mentoring_type = _enum_combo(list(MentoringType), details.mentoring_type)
        self.status = _enum_combo(list(ProgrammeStatus), details.status)
        self.start_date = DateField(details.start_date)
        self.end_date = DateField(details.end_date)
        self.description = QPlainTextEdit(details.description)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(80)

        f = self.form
        f.add_field("name", _("&Name"), self.name)
        f.add_field("organisation", _("&Organisation"), self.organisation)
        f.add_field("coordinator", _("&Coordinator"), self.coordinator)
        f.add_field(
            "coordinator_phone",
            _("Coordinator's p&hone"),
            self.coordinator_phone,
            hint=_("Printed on the pair's paperwork, under who to contact."),
        )
        f.add_field("coordinator_email", _("Coordinator's e-ma&il"), self.coordinator_email)
        f.add_field("programme_model", _("&Model"), self.programme_model)
        f.add_field(
            "partner_organisations",
            _("&Partners"),
            self.partners,
            hint=_("For a shared partnership: the other organisations, separated by ;"),
        )
        f.add_field("mentoring_type", _("Mentoring &type"), self.mentoring_type)
        f.add_field("status", _("&Status"), self.status)
        f.add_field("start_date", _("Start &date"), self.start_date)
        f.add_field("end_date", _("&End date"), self.end_date)
        f.add_field("description", _("P&urpose"), self.description)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.name.setFocus()
        self._details: ProgrammeDetails | None = None
        # What is typed is kept as a draft; Cancel or Escape asks before throwing it away.
        self.drafts = FormDrafts(self, "ProgrammeDialog")

    def details(self) -> ProgrammeDetails:
        """The values as typed; call after exec() returns Accepted."""
        assert self._details is not None
        return self._details

    def _read(self) -> tuple[ProgrammeDetails | None, dict[str, str]]:
        dates, errors = read_dates({"start_date": self.start_date, "end_date": self.end_date})
        details = ProgrammeDetails(
            name=self.name.text(),
            organisation=self.organisation.text(),
            coordinator=self.coordinator.text(),
            coordinator_phone=self.coordinator_phone.text(),
            coordinator_email=self.coordinator_email.text(),
            programme_model=chosen_member(self.programme_model, ProgrammeModel),
            partner_organisations=self.partners.text(),
            mentoring_type=chosen_member(self.mentoring_type, MentoringType),
            status=chosen_member(self.status, ProgrammeStatus),
            start_date=dates["start_date"],
            end_date=dates["end_date"],
            description=self.description.toPlainText(),
        ).cleaned()
        errors = {**validate_details(details), **errors}
        return (None if errors else details), errors

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)

    def accept(self) -> None:
        details, errors = self._read()
        if errors:
            self.form.show_errors(errors)
            return
        self._details = details
        super().accept()

    def reject(self) -> None:
        if self.drafts.may_close():
            super().reject()
