"""Editing a programme's rules: four small forms (organisation, relationships, screening,
matching and support), used both by the planning wizard and by the "Change the rules" dialog.

Each form shows the rules' messages under its own fields. Nothing here saves: the wizard and
the Framework page call `programme_settings.update_rules` with the values.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.i18n import _
from app.model.programme import MentoringType, ProgrammeModel, SupportContactRule, label
from app.services.programme_settings import (
    MATCHING_CRITERIA,
    ProgrammeRules,
    criterion_help,
    criterion_label,
    validate_rules,
)
from ui.widgets.accessible import fit_to_screen
from ui.widgets.drafts import BACK, ask_to_discard, capture_fields
from ui.widgets.form import ErrorForm


def _spin(suffix: str = "", high: int = 999) -> QSpinBox:
    """A number box with room beyond the allowed range, so the rule's own message explains a
    value that is too big rather than the box silently refusing it."""
    spin = QSpinBox()
    spin.setRange(0, high)
    if suffix:
        spin.setSuffix(suffix)
    spin.setMaximumWidth(160)
    return spin


def _combo(values: list[Any]) -> QComboBox:
    """A choice of enum values. Qt hands the data back as a plain string: convert it back
    with the enum class when reading."""
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value), value)
    return combo


class RulesForm(QWidget):
    """A group of rules with an ErrorForm. Each subclass adds its fields and provides
    `set_rules()` and `values()`."""

    #: The rule names this form edits (messages for these show here).
    FIELDS: tuple[str, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = ErrorForm()
        # Let each field's column use the full width, so hints and messages under a narrow
        # number box wrap across the page instead of being squeezed beneath it.
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addStretch(1)

    # The subclass contract, declared for the type checker (Qt's metaclass rules out ABC).
    @abstractmethod
    def set_rules(self, rules: ProgrammeRules) -> None:
        """Show the rules' current values in this form's fields."""

    @abstractmethod
    def values(self) -> dict[str, Any]:
        """This form's rules as chosen, by rule name."""

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Show the messages for this form's fields; True if there were any."""
        mine = {k: v for k, v in errors.items() if k in self.FIELDS}
        self.form.show_errors(mine)
        return bool(mine)


class OrganisationRulesForm(RulesForm):
    FIELDS = (
        "programme_model",
        "partner_organisations",
        "mentoring_type",
        "max_mentees_per_mentor",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro.setText(
            _(
                "One-to-one is the usual choice. Group and team mentoring let a mentor support "
                "up to four mentees."
            )
        )
        self.programme_model = _combo(list(ProgrammeModel))
        self.partners = QLineEdit()
        self.mentoring_type = _combo(list(MentoringType))
        self.max_mentees = _spin()
        f = self.form
        f.add_field("programme_model", _("Programme &model"), self.programme_model)
        f.add_field(
            "partner_organisations",
            _("&Partner organisations"),
            self.partners,
            hint=_("For a shared partnership: the other organisations, separated by ;"),
        )
        f.add_field("mentoring_type", _("Mentoring &type"), self.mentoring_type)
        f.add_field(
            "max_mentees_per_mentor",
            _("Mentees p&er mentor (at most)"),
            self.max_mentees,
            hint=_("One-to-one and peer: 1. Group: 2 to 4. Team: up to 4."),
        )
        self.mentoring_type.currentIndexChanged.connect(self._type_changed)
        self.programme_model.currentIndexChanged.connect(self._model_changed)

    def _type_changed(self) -> None:
        kind = MentoringType(self.mentoring_type.currentData())
        if kind in (MentoringType.ONE_TO_ONE, MentoringType.PEER):
            self.max_mentees.setValue(1)
        elif self.max_mentees.value() < 2:
            self.max_mentees.setValue(4 if kind is MentoringType.GROUP else 2)

    def _model_changed(self) -> None:
        shared = ProgrammeModel(self.programme_model.currentData()) is (
            ProgrammeModel.SHARED_PARTNERSHIP
        )
        self.partners.setEnabled(shared or bool(self.partners.text()))

    def set_rules(self, rules: ProgrammeRules) -> None:
        self.programme_model.setCurrentIndex(self.programme_model.findData(rules.programme_model))
        self.partners.setText(rules.partner_organisations)
        self.mentoring_type.blockSignals(True)
        self.mentoring_type.setCurrentIndex(self.mentoring_type.findData(rules.mentoring_type))
        self.mentoring_type.blockSignals(False)
        self.max_mentees.setValue(rules.max_mentees_per_mentor)
        self._model_changed()

    def values(self) -> dict[str, Any]:
        return {
            "programme_model": ProgrammeModel(self.programme_model.currentData()),
            "partner_organisations": self.partners.text(),
            "mentoring_type": MentoringType(self.mentoring_type.currentData()),
            "max_mentees_per_mentor": self.max_mentees.value(),
        }


class RelationshipRulesForm(RulesForm):
    FIELDS = (
        "relationship_months",
        "review_interval_months",
        "min_meetings_per_month",
        "min_meeting_minutes",
        "max_meeting_minutes",
        "max_contacts_between_meetings",
        "cancellation_notice_hours",
        "log_to_mentor_within_days",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro.setText(
            _(
                "What every mentoring agreement will say. Relationships of a year or more do "
                "best; these can be changed for a particular pair later."
            )
        )
        self.spins = {
            "relationship_months": _spin(_(" months")),
            "review_interval_months": _spin(_(" months")),
            "min_meetings_per_month": _spin(_(" a month")),
            "min_meeting_minutes": _spin(_(" minutes")),
            "max_meeting_minutes": _spin(_(" minutes")),
            "max_contacts_between_meetings": _spin(),
            "cancellation_notice_hours": _spin(_(" hours")),
            "log_to_mentor_within_days": _spin(_(" days")),
        }
        rows = {
            "relationship_months": (_("&Relationship length"), _("12 months is recommended.")),
            "review_interval_months": (
                _("Re&view every"),
                _("Between 3 and 6 months."),
            ),
            "min_meetings_per_month": (_("Meet at &least"), ""),
            "min_meeting_minutes": (_("&Shortest meeting"), ""),
            "max_meeting_minutes": (_("Lo&ngest meeting"), ""),
            "max_contacts_between_meetings": (
                _("&Contacts between meetings (at most)"),
                _("Calls or messages between one meeting and the next."),
            ),
            "cancellation_notice_hours": (_("Cancellation &notice"), ""),
            "log_to_mentor_within_days": (
                _("Meeting log to the mentor &within"),
                _("How soon the mentor gets a copy of each meeting log."),
            ),
        }
        for name, (caption, hint) in rows.items():
            self.form.add_field(name, caption, self.spins[name], hint=hint)

    def set_rules(self, rules: ProgrammeRules) -> None:
        for name, spin in self.spins.items():
            spin.setValue(getattr(rules, name))

    def values(self) -> dict[str, Any]:
        return {name: spin.value() for name, spin in self.spins.items()}


class ScreeningRulesForm(RulesForm):
    FIELDS = (
        "require_application",
        "require_interview",
        "references_required",
        "require_pvg",
        "min_training_hours",
        "require_mentee_induction",
        "require_code_of_conduct",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro.setText(
            _(
                "What must be done before someone can be matched. Mentor Desk will not suggest "
                "a match for anyone with a step still missing."
            )
        )
        self.application = QCheckBox(_("An &application form"))
        self.interview = QCheckBox(_("A face-to-face &interview"))
        self.references = _spin()
        self.pvg = QCheckBox(_("&PVG scheme membership (for mentors)"))
        self.training = _spin(_(" hours"))
        self.induction = QCheckBox(_("An in&duction (for mentees)"))
        self.code = QCheckBox(_("A signed &code of conduct"))
        f = self.form
        f.add_field("require_application", _("Application"), self.application)
        f.add_field("require_interview", _("Interview"), self.interview)
        f.add_field(
            "references_required",
            _("&References"),
            self.references,
            hint=_("At least 2 is the standard; 0 means none are needed."),
        )
        f.add_field(
            "require_pvg",
            _("PVG"),
            self.pvg,
            hint=_("By law, most people who work with children must be PVG scheme members."),
        )
        f.add_field(
            "min_training_hours",
            _("Mentor &training before matching"),
            self.training,
            hint=_("At least 2 hours; 6 or more is better."),
        )
        f.add_field("require_mentee_induction", _("Mentee induction"), self.induction)
        f.add_field("require_code_of_conduct", _("Code of conduct"), self.code)
        for box, name in (
            (self.application, _("Application form required")),
            (self.interview, _("Interview required")),
            (self.pvg, _("PVG membership required")),
            (self.induction, _("Mentee induction required")),
            (self.code, _("Signed code of conduct required")),
        ):
            box.setAccessibleName(name)
        self.pvg.setToolTip(glossary.explain(glossary.PVG, glossary.REGULATED_WORK))

    def set_rules(self, rules: ProgrammeRules) -> None:
        self.application.setChecked(rules.require_application)
        self.interview.setChecked(rules.require_interview)
        self.references.setValue(rules.references_required)
        self.pvg.setChecked(rules.require_pvg)
        self.training.setValue(rules.min_training_hours)
        self.induction.setChecked(rules.require_mentee_induction)
        self.code.setChecked(rules.require_code_of_conduct)

    def values(self) -> dict[str, Any]:
        return {
            "require_application": self.application.isChecked(),
            "require_interview": self.interview.isChecked(),
            "references_required": self.references.value(),
            "require_pvg": self.pvg.isChecked(),
            "min_training_hours": self.training.value(),
            "require_mentee_induction": self.induction.isChecked(),
            "require_code_of_conduct": self.code.isChecked(),
        }


class MatchingSupportRulesForm(RulesForm):
    FIELDS = (
        "matching_weights",
        "support_contact_rule",
        "custom_contacts_first_month",
        "custom_contact_interval_weeks",
        "retention_months",
        "stage_stuck_days",
        "mentee_wait_days",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro.setText(
            _(
                "How much each point counts when suggesting matches (0 means not used, 5 "
                "counts most). Also how often you check in with each mentor and mentee, "
                "and how long details are kept."
            )
        )
        weights = QWidget()
        grid = QGridLayout(weights)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        self.weights: dict[str, QSpinBox] = {}
        for row, key in enumerate(MATCHING_CRITERIA):
            caption = QLabel(criterion_label(key))
            spin = _spin(high=99)
            spin.setMaximumWidth(70)
            spin.setAccessibleName(
                _("Weight for {criterion}").format(criterion=criterion_label(key))
            )
            spin.setAccessibleDescription(criterion_help(key))
            caption.setBuddy(spin)
            hint = QLabel(criterion_help(key))
            hint.setWordWrap(True)
            hint.setProperty("role", "hint")
            grid.addWidget(caption, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(hint, row, 2)
            self.weights[key] = spin
        self.support_rule = _combo(list(SupportContactRule))
        self.support_rule.setMinimumContentsLength(30)
        self.first_month = _spin()
        self.interval = _spin(_(" weeks"))
        self.retention = _spin(_(" months"))
        self.stuck_days = _spin(_(" days"))
        self.wait_days = _spin(_(" days"))
        f = self.form
        f.add_field("matching_weights", _("Matching criteria"), weights)
        weights.setAccessibleName(_("Matching criteria"))
        f.add_field(
            "support_contact_rule",
            _("&Support contacts"),
            self.support_rule,
            hint=_(
                "How often you, as coordinator, check in with each mentor and mentee. "
                "Twice in the first month and then monthly is the usual standard."
            ),
        )
        f.add_field(
            "custom_contacts_first_month",
            _("Custom: contacts in the &first month"),
            self.first_month,
        )
        f.add_field("custom_contact_interval_weeks", _("Custom: then &every"), self.interval)
        f.add_field(
            "retention_months",
            _("&Keep details for"),
            self.retention,
            hint=_("After a relationship ends. Then details are removed, or names are taken out."),
        )
        f.add_field(
            "stage_stuck_days",
            _("Say someone is s&tuck after"),
            self.stuck_days,
            hint=_(
                "How many days someone may stay at one step before matching (enquiry to "
                "training) before Today tells you."
            ),
        )
        f.add_field(
            "mentee_wait_days",
            _("Say a mentee has &waited too long after"),
            self.wait_days,
            hint=_("Days waiting for a mentor before Today says so."),
        )
        self.support_rule.currentIndexChanged.connect(self._rule_changed)

    def _rule_changed(self) -> None:
        custom = SupportContactRule(self.support_rule.currentData()) is SupportContactRule.CUSTOM
        self.first_month.setEnabled(custom)
        self.interval.setEnabled(custom)

    def set_rules(self, rules: ProgrammeRules) -> None:
        for key, spin in self.weights.items():
            spin.setValue(int(rules.matching_weights.get(key, 0)))
        self.support_rule.setCurrentIndex(self.support_rule.findData(rules.support_contact_rule))
        self.first_month.setValue(rules.custom_contacts_first_month)
        self.interval.setValue(rules.custom_contact_interval_weeks)
        self.retention.setValue(rules.retention_months)
        self.stuck_days.setValue(rules.stage_stuck_days)
        self.wait_days.setValue(rules.mentee_wait_days)
        self._rule_changed()

    def values(self) -> dict[str, Any]:
        return {
            "matching_weights": {key: spin.value() for key, spin in self.weights.items()},
            "support_contact_rule": SupportContactRule(self.support_rule.currentData()),
            "custom_contacts_first_month": self.first_month.value(),
            "custom_contact_interval_weeks": self.interval.value(),
            "retention_months": self.retention.value(),
            "stage_stuck_days": self.stuck_days.value(),
            "mentee_wait_days": self.wait_days.value(),
        }


FORM_CLASSES: tuple[type[RulesForm], ...] = (
    OrganisationRulesForm,
    RelationshipRulesForm,
    ScreeningRulesForm,
    MatchingSupportRulesForm,
)


def form_titles() -> tuple[str, ...]:
    return (
        _("How the programme is organised"),
        _("Relationships and meetings"),
        _("Before matching"),
        _("Matching, support and records"),
    )


class RulesDialog(QDialog):
    """All the rules in four tabs. Validates in accept(); never saves."""

    def __init__(self, rules: ProgrammeRules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Programme rules"))
        self.base = rules
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Groups of rules"))
        self.forms = [cls() for cls in FORM_CLASSES]
        for form, title in zip(self.forms, form_titles(), strict=True):
            form.set_rules(rules)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.addWidget(form)
            area = QScrollArea()  # a small or magnified screen scrolls the rules
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(holder)
            self.tabs.addTab(area, title)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 640)
        self._values: dict[str, Any] | None = None
        # Escape or Cancel asks before throwing away changed rules.
        self._as_opened = capture_fields(self)

    def reject(self) -> None:
        if capture_fields(self) != self._as_opened and ask_to_discard(self, False) == BACK:
            return
        super().reject()

    def values(self) -> dict[str, Any]:
        """Every rule as chosen; call after exec() returns Accepted."""
        assert self._values is not None
        return self._values

    def _collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for form in self.forms:
            values.update(form.values())
        return values

    def show_errors(self, errors: dict[str, str]) -> None:
        first = None
        for index, form in enumerate(self.forms):
            if form.show_errors(errors) and first is None:
                first = index
        if first is not None:
            self.tabs.setCurrentIndex(first)
            self.forms[first].show_errors(errors)  # focus the first field with a message

    def accept(self) -> None:
        values = self._collect()
        errors = validate_rules(values)
        if errors:
            self.show_errors(errors)
            return
        self._values = values
        super().accept()
