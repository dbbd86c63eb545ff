"""Add or edit a person: details on three tabs, each message under its field, and a warning
(never a block) when they look like someone already held. Validates in accept(); never saves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.i18n import _
from app.model import Role
from app.model.person import CONSENT_LABELS, ConsentBasis
from app.services.people import Duplicate, PersonDetails, validate_details
from ui.widgets.accessible import fit_to_screen
from ui.widgets.date_field import DateField
from ui.widgets.drafts import FormDrafts
from ui.widgets.form import ErrorForm


def _text(value: str = "", height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class PersonDialog(QDialog):
    def __init__(
        self,
        details: PersonDetails | None = None,
        *,
        roles: Sequence[Role] = (),
        managers: Sequence[tuple[int, str]] = (),
        find_duplicates: Callable[[PersonDetails], list[Duplicate]] | None = None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a person") if details is None else _("Edit person"))
        self.setMinimumWidth(min(600, self.screen().availableGeometry().width()))
        self._today = today
        self._find_duplicates = find_duplicates
        self._warned_about: tuple[int, ...] | None = None
        self._details: PersonDetails | None = None
        self._existing_roles = set(roles)
        d = details or PersonDetails(first_name="", last_name="")

        # About them
        self.first_name = QLineEdit(d.first_name)
        self.last_name = QLineEdit(d.last_name)
        self.preferred_name = QLineEdit(d.preferred_name)
        self.mentor = QCheckBox(_("Me&ntor"))
        self.mentee = QCheckBox(_("Ment&ee"))
        self.mentor.setChecked(Role.MENTOR in self._existing_roles)
        self.mentee.setChecked(Role.MENTEE in self._existing_roles)
        for box, role in ((self.mentor, Role.MENTOR), (self.mentee, Role.MENTEE)):
            if role in self._existing_roles:
                box.setEnabled(False)
                box.setToolTip(_("To end a role, change their stage to withdrawn or left."))
        roles_box = QWidget()
        roles_row = QHBoxLayout(roles_box)
        roles_row.setContentsMargins(0, 0, 0, 0)
        roles_row.addWidget(self.mentor)
        roles_row.addWidget(self.mentee)
        roles_row.addStretch(1)
        self.email = QLineEdit(d.email)
        self.phone = QLineEdit(d.phone)
        self.date_of_birth = DateField(d.date_of_birth)
        self.gender = QLineEdit(d.gender)
        self.postcode = QLineEdit(d.postcode)
        self.postcode.setMaximumWidth(120)
        self.locality = QLineEdit(d.locality)
        self.languages = QLineEdit(d.languages)
        self.access_needs = _text(d.access_needs, 50)

        about = ErrorForm()
        about.add_field("first_name", _("&First name"), self.first_name)
        about.add_field("last_name", _("&Last name"), self.last_name)
        about.add_field(
            "preferred_name",
            _("&Preferred name"),
            self.preferred_name,
            hint=_("What they like to be called, if not their first name."),
        )
        about.add_field("roles", _("Role"), roles_box)
        roles_box.setAccessibleName(_("Role"))
        about.add_field("email", _("E-&mail"), self.email)
        about.add_field("phone", _("P&hone"), self.phone, hint=_("For example 0131 496 0000."))
        about.add_field("date_of_birth", _("Date of &birth"), self.date_of_birth)
        about.add_field("gender", _("&Gender"), self.gender, hint=_("Only if they want it noted."))
        about.add_field(
            "postcode",
            _("Post&code"),
            self.postcode,
            hint=_("A full postcode or just the district, such as EH6."),
        )
        about.add_field("locality", _("Localit&y"), self.locality)
        about.add_field("languages", _("Lang&uages"), self.languages)
        about.add_field("access_needs", _("&Access needs"), self.access_needs)

        # Work
        self.setting = QLineEdit(d.setting)
        self.job_role = QLineEdit(d.job_role)
        self.line_manager = QComboBox()
        self.line_manager.setEditable(True)
        self.line_manager.addItem("", None)
        for person_id, name in managers:
            self.line_manager.addItem(name, person_id)
        index = self.line_manager.findData(d.line_manager_id) if d.line_manager_id else -1
        if index >= 0:
            self.line_manager.setCurrentIndex(index)
        else:
            self.line_manager.setEditText(d.line_manager_name)
        self.sssc_number = QLineEdit(d.sssc_number)
        self.sssc_category = QLineEdit(d.sssc_category)
        self.qualifications = _text(d.qualifications)
        work = ErrorForm()
        work.add_field("setting", _("&Setting or workplace"), self.setting)
        work.add_field("job_role", _("&Job role"), self.job_role)
        work.add_field(
            "line_manager_name",
            _("Line &manager"),
            self.line_manager,
            hint=_("Pick someone in the programme, or type a name."),
        )
        work.add_field("sssc_number", _("SSSC &registration number"), self.sssc_number)
        self.sssc_number.setToolTip(glossary.explain(glossary.SSSC))
        work.add_field(
            "sssc_category",
            _("SSSC &category"),
            self.sssc_category,
            hint=_("For example: practitioner in a day care of children service."),
        )
        self.sssc_category.setToolTip(glossary.explain(glossary.SSSC))
        work.add_field(
            "qualifications",
            _("&Qualifications and studies"),
            self.qualifications,
            hint=_("For example: working towards the BA Childhood Practice."),
        )

        # Matching
        self.availability = _text(d.availability, 50)
        self.interests = _text(d.interests, 50)
        self.areas_to_develop = _text(d.areas_to_develop, 50)
        self.partner_preferences = _text(d.partner_preferences, 50)
        self.preference_reason = _text(d.preference_reason, 50)
        matching = ErrorForm()
        matching.add_field(
            "availability",
            _("A&vailability"),
            self.availability,
            hint=_("Days and times they can meet, for example: Tuesday afternoons."),
        )
        matching.add_field("interests", _("&Interests"), self.interests)
        matching.add_field("areas_to_develop", _("Areas to &develop"), self.areas_to_develop)
        matching.add_field(
            "partner_preferences",
            _("&Preferences about a partner"),
            self.partner_preferences,
            hint=_("For example: someone from a different setting."),
        )
        matching.add_field("preference_reason", _("&Reason"), self.preference_reason)

        # Data protection
        self.consent_basis = QComboBox()
        for basis in ConsentBasis:
            self.consent_basis.addItem(_(CONSENT_LABELS[basis]), basis)
        self.consent_basis.setCurrentIndex(max(0, self.consent_basis.findData(d.consent_basis)))
        self.consent_on = DateField(d.consent_on)
        self.notes = _text(d.notes, 80)
        privacy = ErrorForm()
        privacy.add_field(
            "consent_basis",
            _("&Basis for holding their details"),
            self.consent_basis,
        )
        privacy.add_field("consent_on", _("Date &recorded"), self.consent_on)
        privacy.add_field("notes", _("&Notes"), self.notes)

        self.forms = [about, work, matching, privacy]
        self.tabs = QTabWidget()
        for form, title in zip(
            self.forms,
            (_("About them"), _("Work"), _("Matching"), _("Data protection and notes")),
            strict=True,
        ):
            page = QWidget()
            page.setLayout(form)
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(page)
            self.tabs.addTab(area, title)
        self.tabs.setAccessibleName(_("Parts of their details"))

        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "warning")
        self.warning.setStyleSheet(
            "background: #fff4e5; color: #5d3a00; padding: 6px; border: 1px solid #e0a040;"
        )
        self.warning.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        fit_to_screen(self, 640, 640)  # smaller on a magnified screen: the tabs scroll
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.first_name.setFocus()
        # What is typed is kept as a draft; Cancel or Escape asks before throwing it away.
        self.drafts = FormDrafts(self, "PersonDialog")

    # --- values ------------------------------------------------------------------------------
    def details(self) -> PersonDetails:
        assert self._details is not None
        return self._details

    def roles(self) -> list[Role]:
        return [
            role
            for box, role in ((self.mentor, Role.MENTOR), (self.mentee, Role.MENTEE))
            if box.isChecked()
        ]

    def _read(self) -> tuple[PersonDetails, dict[str, str]]:
        errors: dict[str, str] = {}
        dates: dict[str, date | None] = {}
        for name, field in (("date_of_birth", self.date_of_birth), ("consent_on", self.consent_on)):
            try:
                dates[name] = field.value()
            except ValueError as exc:
                errors[name] = str(exc)
                dates[name] = None
        manager_text = self.line_manager.currentText().strip()
        manager_id = self.line_manager.currentData()
        if (
            manager_id is not None
            and self.line_manager.itemText(self.line_manager.currentIndex()) != manager_text
        ):
            manager_id = None
        details = PersonDetails(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            preferred_name=self.preferred_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            date_of_birth=dates["date_of_birth"],
            gender=self.gender.text(),
            setting=self.setting.text(),
            job_role=self.job_role.text(),
            line_manager_id=manager_id,
            line_manager_name="" if manager_id is not None else manager_text,
            sssc_number=self.sssc_number.text(),
            sssc_category=self.sssc_category.text(),
            qualifications=self.qualifications.toPlainText(),
            postcode=self.postcode.text(),
            locality=self.locality.text(),
            availability=self.availability.toPlainText(),
            interests=self.interests.toPlainText(),
            areas_to_develop=self.areas_to_develop.toPlainText(),
            partner_preferences=self.partner_preferences.toPlainText(),
            preference_reason=self.preference_reason.toPlainText(),
            languages=self.languages.text(),
            access_needs=self.access_needs.toPlainText(),
            consent_on=dates["consent_on"],
            consent_basis=ConsentBasis(self.consent_basis.currentData()),
            notes=self.notes.toPlainText(),
        ).cleaned()
        errors = {**validate_details(details, self._today), **errors}
        if not self.roles():
            errors["roles"] = _("Choose at least one role: mentor or mentee.")
        return details, errors

    def error_text(self, name: str) -> str:
        """The message under a field, whichever tab it is on ('' when none)."""
        for form in self.forms:
            if not form.unknown({name: ""}):
                return form.error_text(name)
        raise KeyError(name)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; the first tab with a problem comes to the front."""
        holding = [
            n for n, form in enumerate(self.forms) if len(form.unknown(errors)) < len(errors)
        ]
        first_tab = holding[0] if holding else None
        for number, form in enumerate(self.forms):
            if number != first_tab:
                form.show_errors(errors)
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)
            self.forms[first_tab].show_errors(errors)  # last, so it takes the focus

    def accept(self) -> None:
        details, errors = self._read()
        if errors:
            self.show_errors(errors)
            return
        for form in self.forms:
            form.clear_errors()
        if self._find_duplicates is not None:
            duplicates = self._find_duplicates(details)
            ids = tuple(d.person_id for d in duplicates)
            if duplicates and ids != self._warned_about:
                self._warned_about = ids
                self.warning.setText(
                    _(
                        "⚠ This may be someone already here. {found} Check the list. To "
                        "add them anyway, press Save again."
                    ).format(found=" ".join(d.message for d in duplicates))
                )
                self.warning.show()
                self.warning.setFocus()
                return
        self._details = details
        super().accept()

    def reject(self) -> None:
        if self.drafts.may_close():
            super().reject()
