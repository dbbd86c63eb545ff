"""The programme's rules: read them, check them and change them.

Every later part of the product (screening, matching, meetings, support contacts, retention)
reads these values from the programme; this module is the one place that says which values
make sense and explains, in plain words, why others are refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.model.programme import (
    DEFAULT_MATCHING_WEIGHTS,
    MentoringType,
    Programme,
    ProgrammeModel,
    SupportContactRule,
)
from app.services.changes import Changes
from app.services.errors import check
from app.services.programmes import get_programme

#: The matching criteria a programme can weigh, with what each means to a coordinator.
MATCHING_CRITERIA: dict[str, tuple[str, str]] = {
    "availability": (
        N_("Availability"),
        N_("Both can meet on the same days and at the same times."),
    ),
    "locality": (
        N_("Location and travel"),
        N_("They work or live near enough to meet without long or costly journeys."),
    ),
    "interests": (
        N_("Shared interests"),
        N_("What the mentee wants to work on matches what the mentor knows well."),
    ),
    "preferences": (
        N_("Stated preferences"),
        N_("Any wishes either of them gave, for example about gender or type of setting."),
    ),
    "experience": (
        N_("Experience"),
        N_("The mentor's length of service and any earlier mentoring."),
    ),
}

MAX_WEIGHT = 5
GROUP_MAX = 4

#: Allowed ranges: field -> (lowest, highest).
RANGES: dict[str, tuple[int, int]] = {
    "relationship_months": (1, 36),
    "review_interval_months": (3, 6),
    "min_meetings_per_month": (1, 8),
    "min_meeting_minutes": (15, 480),
    "max_meeting_minutes": (15, 480),
    "max_contacts_between_meetings": (0, 20),
    "cancellation_notice_hours": (0, 168),
    "log_to_mentor_within_days": (1, 28),
    "references_required": (0, 5),
    "min_training_hours": (0, 100),
    "custom_contacts_first_month": (1, 8),
    "custom_contact_interval_weeks": (1, 12),
    "retention_months": (1, 120),
    "stage_stuck_days": (7, 365),
    "mentee_wait_days": (7, 365),
}

_RANGE_MESSAGES: dict[str, str] = {
    "relationship_months": N_("A relationship lasts between {low} and {high} months."),
    "review_interval_months": N_(
        "Reviews come every {low} to {high} months: often enough to catch problems, "
        "far enough apart to see progress."
    ),
    "min_meetings_per_month": N_("Choose between {low} and {high} meetings a month."),
    "min_meeting_minutes": N_("A meeting lasts at least {low} and at most {high} minutes."),
    "max_meeting_minutes": N_("A meeting lasts at least {low} and at most {high} minutes."),
    "max_contacts_between_meetings": N_(
        "Choose between {low} and {high} contacts between meetings."
    ),
    "cancellation_notice_hours": N_("Notice is between {low} and {high} hours (a week)."),
    "log_to_mentor_within_days": N_("Choose between {low} and {high} days."),
    "references_required": N_("Ask for between {low} and {high} references."),
    "min_training_hours": N_("Choose between {low} and {high} hours of training."),
    "custom_contacts_first_month": N_("Choose between {low} and {high} contacts."),
    "custom_contact_interval_weeks": N_("Choose between {low} and {high} weeks."),
    "retention_months": N_("Keep records for between {low} and {high} months."),
    "stage_stuck_days": N_("Choose between {low} and {high} days."),
    "mentee_wait_days": N_("Choose between {low} and {high} days."),
}


@dataclass(frozen=True)
class ProgrammeRules:
    """Every rule a programme runs by, as plain values (defaults follow the standards)."""

    programme_model: ProgrammeModel = ProgrammeModel.SINGLE_ORGANISATION
    partner_organisations: str = ""
    mentoring_type: MentoringType = MentoringType.ONE_TO_ONE
    max_mentees_per_mentor: int = 1
    relationship_months: int = 12
    review_interval_months: int = 3
    min_meetings_per_month: int = 1
    min_meeting_minutes: int = 60
    max_meeting_minutes: int = 120
    max_contacts_between_meetings: int = 2
    cancellation_notice_hours: int = 24
    log_to_mentor_within_days: int = 7
    require_application: bool = True
    require_interview: bool = True
    references_required: int = 2
    require_pvg: bool = True
    min_training_hours: int = 2
    require_mentee_induction: bool = True
    require_code_of_conduct: bool = True
    matching_weights: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MATCHING_WEIGHTS))
    support_contact_rule: SupportContactRule = SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY
    custom_contacts_first_month: int = 2
    custom_contact_interval_weeks: int = 4
    retention_months: int = 36
    stage_stuck_days: int = 30
    mentee_wait_days: int = 60

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["matching_weights"] = dict(self.matching_weights)
        return values


RULE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ProgrammeRules))


def rules_of(programme: Programme) -> ProgrammeRules:
    """The programme's rules as plain values."""
    values = {name: getattr(programme, name) for name in RULE_FIELDS}
    weights = dict(DEFAULT_MATCHING_WEIGHTS)
    weights.update({k: int(v) for k, v in (programme.matching_weights or {}).items()})
    values["matching_weights"] = {k: weights.get(k, 0) for k in MATCHING_CRITERIA}
    values["programme_model"] = ProgrammeModel(values["programme_model"])
    values["mentoring_type"] = MentoringType(values["mentoring_type"])
    values["support_contact_rule"] = SupportContactRule(values["support_contact_rule"])
    return ProgrammeRules(**values)


def get_rules(s: Session, programme_id: int) -> ProgrammeRules:
    return rules_of(get_programme(s, programme_id))


def _as_rules(values: ProgrammeRules | Mapping[str, Any], base: ProgrammeRules) -> ProgrammeRules:
    if isinstance(values, ProgrammeRules):
        return values
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    rules = replace(base, **dict(values))
    # Screens may hand enum choices back as plain strings.
    return replace(
        rules,
        programme_model=ProgrammeModel(rules.programme_model),
        mentoring_type=MentoringType(rules.mentoring_type),
        support_contact_rule=SupportContactRule(rules.support_contact_rule),
    )


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def validate_rules(values: ProgrammeRules | Mapping[str, Any]) -> dict[str, str]:
    """Field -> plain message for every rule the values break (empty when all is well).

    A mapping may hold only some rules; the others take their defaults for the checks.
    """
    rules = _as_rules(values, ProgrammeRules())
    errors: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for name in [*RANGES, "max_mentees_per_mentor"]:
        number = _whole_number(getattr(rules, name))
        if number is None:
            errors[name] = _("Enter a whole number.")
        else:
            numbers[name] = number
    for name, (low, high) in RANGES.items():
        if name in numbers and not low <= numbers[name] <= high:
            errors[name] = _(_RANGE_MESSAGES[name]).format(low=low, high=high)

    mentees = numbers.get("max_mentees_per_mentor")
    kind = rules.mentoring_type
    if mentees is not None:
        if kind in (MentoringType.ONE_TO_ONE, MentoringType.PEER) and mentees != 1:
            errors["max_mentees_per_mentor"] = _(
                "One-to-one and peer mentoring pair each mentor with one mentee. For more, "
                "choose group or team mentoring."
            )
        elif kind in (MentoringType.GROUP, MentoringType.TEAM) and mentees > GROUP_MAX:
            errors["max_mentees_per_mentor"] = _(
                "Group and team mentoring allow at most {n} mentees per mentor. That way, "
                "each one gets enough of the mentor's time."
            ).format(n=GROUP_MAX)
        elif kind is MentoringType.GROUP and mentees < 2:
            errors["max_mentees_per_mentor"] = _(
                "A group has at least 2 mentees. For one, choose one-to-one mentoring."
            )
        elif mentees < 1:
            errors["max_mentees_per_mentor"] = _("Each mentor has at least 1 mentee.")

    low_minutes = numbers.get("min_meeting_minutes")
    high_minutes = numbers.get("max_meeting_minutes")
    if (
        low_minutes is not None
        and high_minutes is not None
        and "max_meeting_minutes" not in errors
        and high_minutes < low_minutes
    ):
        errors["max_meeting_minutes"] = _(
            "The longest a meeting may last cannot be less than the shortest ({n} minutes)."
        ).format(n=low_minutes)

    months = numbers.get("relationship_months")
    review = numbers.get("review_interval_months")
    if (
        months is not None
        and review is not None
        and not {"relationship_months", "review_interval_months"} & set(errors)
        and review > months
    ):
        errors["review_interval_months"] = _(
            "The first review would come after the relationship ends ({n} months). Make "
            "reviews more often, or the relationship longer."
        ).format(n=months)

    if (
        rules.programme_model is ProgrammeModel.SHARED_PARTNERSHIP
        and not (rules.partner_organisations or "").strip()
    ):
        errors["partner_organisations"] = _(
            "A shared partnership needs the partner organisations listed."
        )

    weights = rules.matching_weights or {}
    unknown = set(weights) - set(MATCHING_CRITERIA)
    if unknown:
        errors["matching_weights"] = _(
            "Mentor Desk does not know these matching criteria: {names}."
        ).format(names=", ".join(sorted(unknown)))
    else:
        bad = [k for k, v in weights.items() if _whole_number(v) is None]
        if bad or any(not 0 <= int(v) <= MAX_WEIGHT for v in weights.values()):
            errors["matching_weights"] = _(
                "Give each criterion a weight from 0 (not used) to {high}."
            ).format(high=MAX_WEIGHT)
        elif not any(int(v) > 0 for v in weights.values()):
            errors["matching_weights"] = _(
                "Use at least one criterion for matching, or suggestions cannot be ranked."
            )
    return errors


def update_rules(
    s: Session, programme_id: int, values: ProgrammeRules | Mapping[str, Any]
) -> Changes:
    """Change some or all of a programme's rules. Raises ValidationError with a message per
    field when a value is refused; nothing is changed then."""
    programme = get_programme(s, programme_id)
    rules = _as_rules(values, rules_of(programme))
    rules = replace(rules, partner_organisations=(rules.partner_organisations or "").strip())
    check(validate_rules(rules))
    for name in RULE_FIELDS:
        value = getattr(rules, name)
        if name == "matching_weights":
            value = {k: int(value.get(k, 0)) for k in MATCHING_CRITERIA}
        elif name in RANGES or name == "max_mentees_per_mentor":
            value = int(value)
        if getattr(programme, name) != value:
            setattr(programme, name, value)
    return Changes(programmes=True, framework=True)


def criterion_label(key: str) -> str:
    return _(MATCHING_CRITERIA[key][0])


def criterion_help(key: str) -> str:
    return _(MATCHING_CRITERIA[key][1])
