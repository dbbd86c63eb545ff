"""Creating, editing and archiving programmes, and the figures that describe one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model import Participant, Programme, Role
from app.model.programme import (
    MentoringType,
    ProgrammeModel,
    ProgrammeStatus,
    SupportContactRule,
    label,
)
from app.services.changes import Changes
from app.services.errors import check
from app.services.lookups import get_programme as get_programme
from app.services.validation import check_email, check_phone, text_errors


@dataclass(frozen=True)
class ProgrammeDetails:
    """What the coordinator types when creating or editing a programme."""

    name: str
    organisation: str
    programme_model: ProgrammeModel = ProgrammeModel.SINGLE_ORGANISATION
    mentoring_type: MentoringType = MentoringType.ONE_TO_ONE
    status: ProgrammeStatus = ProgrammeStatus.PLANNING
    start_date: date | None = None
    end_date: date | None = None
    coordinator: str = ""
    description: str = ""
    partner_organisations: str = ""
    #: How the pair reach the coordinator; None leaves what is kept as it is (a form that
    #: does not show these fields).
    coordinator_phone: str | None = None
    coordinator_email: str | None = None

    def cleaned(self) -> ProgrammeDetails:
        """Trimmed text, and real enum members even if a caller passed their string values."""
        return replace(
            self,
            programme_model=ProgrammeModel(self.programme_model),
            mentoring_type=MentoringType(self.mentoring_type),
            status=ProgrammeStatus(self.status),
            name=self.name.strip(),
            organisation=self.organisation.strip(),
            coordinator=self.coordinator.strip(),
            description=self.description.strip(),
            partner_organisations=self.partner_organisations.strip(),
            coordinator_phone=None
            if self.coordinator_phone is None
            else self.coordinator_phone.strip(),
            coordinator_email=None
            if self.coordinator_email is None
            else self.coordinator_email.strip(),
        )


@dataclass(frozen=True)
class ProgrammeRow:
    """One line of the programmes list: plain values, no database objects."""

    id: int
    name: str
    organisation: str
    programme_model: ProgrammeModel
    mentoring_type: MentoringType
    status: ProgrammeStatus
    start_date: date | None
    end_date: date | None
    archived_on: date | None
    mentors: int
    mentees: int


def validate_details(details: ProgrammeDetails) -> dict[str, str]:
    errors = text_errors(details)
    if not details.name:
        errors["name"] = _("Give the programme a name.")
    elif len(details.name) > 200:
        errors["name"] = _("Keep the name under 200 characters.")
    if not details.organisation:
        errors["organisation"] = _("Say which organisation runs the programme.")
    if details.start_date and details.end_date and details.end_date < details.start_date:
        errors["end_date"] = _("The end date must be after the start date ({start}).").format(
            start=format_date(details.start_date)
        )
    for field, checker in (("coordinator_phone", check_phone), ("coordinator_email", check_email)):
        given = getattr(details, field)
        _value, message = checker(given) if given is not None else ("", "")
        if message:
            errors[field] = message
    if (
        details.programme_model is ProgrammeModel.SHARED_PARTNERSHIP
        and not details.partner_organisations
    ):
        errors["partner_organisations"] = _(
            "A shared partnership needs the partner organisations listed."
        )
    return errors


def _apply(programme: Programme, details: ProgrammeDetails) -> None:
    programme.name = details.name
    programme.organisation = details.organisation
    programme.programme_model = details.programme_model
    programme.mentoring_type = details.mentoring_type
    programme.status = details.status
    programme.start_date = details.start_date
    programme.end_date = details.end_date
    programme.coordinator = details.coordinator
    programme.description = details.description
    programme.partner_organisations = details.partner_organisations
    if details.coordinator_phone is not None:
        programme.coordinator_phone = check_phone(details.coordinator_phone)[0]
    if details.coordinator_email is not None:
        programme.coordinator_email = check_email(details.coordinator_email)[0]
    if details.mentoring_type is MentoringType.ONE_TO_ONE or (
        details.mentoring_type is MentoringType.PEER
    ):
        programme.max_mentees_per_mentor = 1
    elif programme.max_mentees_per_mentor < 2:
        programme.max_mentees_per_mentor = 4


def create_programme(s: Session, details: ProgrammeDetails) -> Changes:
    details = details.cleaned()
    check(validate_details(details))
    programme = Programme()
    _apply(programme, details)
    s.add(programme)
    s.flush()
    return Changes(programmes=True, created_id=programme.id)


def details_of(programme: Programme) -> ProgrammeDetails:
    return ProgrammeDetails(
        name=programme.name,
        organisation=programme.organisation,
        programme_model=programme.programme_model,
        mentoring_type=programme.mentoring_type,
        status=programme.status,
        start_date=programme.start_date,
        end_date=programme.end_date,
        coordinator=programme.coordinator,
        description=programme.description,
        partner_organisations=programme.partner_organisations,
        coordinator_phone=programme.coordinator_phone,
        coordinator_email=programme.coordinator_email,
    )


def update_programme(s: Session, programme_id: int, details: ProgrammeDetails) -> Changes:
    details = details.cleaned()
    check(validate_details(details))
    _apply(get_programme(s, programme_id), details)
    return Changes(programmes=True)


def archive_programme(s: Session, programme_id: int, today: date) -> Changes:
    """Put a programme away: it leaves the lists but nothing is deleted; it can be brought back."""
    get_programme(s, programme_id).archived_on = today
    return Changes(programmes=True)


def unarchive_programme(s: Session, programme_id: int) -> Changes:
    get_programme(s, programme_id).archived_on = None
    return Changes(programmes=True)


def list_programmes(s: Session, *, include_archived: bool = False) -> list[ProgrammeRow]:
    counts = (
        select(
            Participant.programme_id,
            func.count(case((Participant.role == Role.MENTOR, 1))).label("mentors"),
            func.count(case((Participant.role == Role.MENTEE, 1))).label("mentees"),
        )
        .group_by(Participant.programme_id)
        .subquery()
    )
    query = (
        select(Programme, counts.c.mentors, counts.c.mentees)
        .outerjoin(counts, counts.c.programme_id == Programme.id)
        .order_by(Programme.archived_on.is_not(None), Programme.name)
    )
    if not include_archived:
        query = query.where(Programme.archived_on.is_(None))
    return [
        ProgrammeRow(
            id=p.id,
            name=p.name,
            organisation=p.organisation,
            programme_model=p.programme_model,
            mentoring_type=p.mentoring_type,
            status=p.status,
            start_date=p.start_date,
            end_date=p.end_date,
            archived_on=p.archived_on,
            mentors=int(mentors or 0),
            mentees=int(mentees or 0),
        )
        for p, mentors, mentees in s.execute(query)
    ]


def rules_for_print(programme: Programme) -> list[tuple[str, str]]:
    """The programme's rules, worded for a coordinator's eyes (screen and paper)."""
    p = programme
    yes, no = _("Required"), _("Not required")
    rules = [
        (
            _("Relationship length"),
            ngettext("{n} month", "{n} months", p.relationship_months).format(
                n=p.relationship_months
            ),
        ),
        (
            _("Reviews"),
            ngettext("Every {n} month", "Every {n} months", p.review_interval_months).format(
                n=p.review_interval_months
            ),
        ),
        (
            _("Meetings"),
            ngettext(
                "At least {n} a month", "At least {n} a month", p.min_meetings_per_month
            ).format(n=p.min_meetings_per_month),
        ),
        (
            _("Meeting length"),
            _("{low} to {high} minutes").format(
                low=p.min_meeting_minutes, high=p.max_meeting_minutes
            ),
        ),
        (
            _("Contact between meetings"),
            ngettext(
                "No more than {n} contact",
                "No more than {n} contacts",
                p.max_contacts_between_meetings,
            ).format(n=p.max_contacts_between_meetings),
        ),
        (
            _("Cancellation notice"),
            ngettext("{n} hour", "{n} hours", p.cancellation_notice_hours).format(
                n=p.cancellation_notice_hours
            ),
        ),
        (
            _("Meeting log to mentor"),
            ngettext("Within {n} day", "Within {n} days", p.log_to_mentor_within_days).format(
                n=p.log_to_mentor_within_days
            ),
        ),
        (_("Mentees per mentor"), str(p.max_mentees_per_mentor)),
        (_("Application form"), yes if p.require_application else no),
        (_("Interview"), yes if p.require_interview else no),
        (
            _("References"),
            ngettext("{n} reference", "{n} references", p.references_required).format(
                n=p.references_required
            ),
        ),
        (_("PVG membership"), yes if p.require_pvg else no),
        (
            _("Training before matching"),
            ngettext("{n} hour", "{n} hours", p.min_training_hours).format(n=p.min_training_hours),
        ),
        (_("Mentee induction"), yes if p.require_mentee_induction else no),
        (_("Signed code of conduct"), yes if p.require_code_of_conduct else no),
        (_("Coordinator support contacts"), label(SupportContactRule(p.support_contact_rule))),
        (
            _("Records kept after a relationship ends"),
            ngettext("{n} month", "{n} months", p.retention_months).format(n=p.retention_months),
        ),
    ]
    return rules


def count_participants(s: Session, programme_id: int, role: Role) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(Participant)
            .where(Participant.programme_id == programme_id, Participant.role == role)
        )
        or 0
    )


def count_active_matches(s: Session, programme_id: int) -> int:
    from app.model import Match, MatchStatus

    return int(
        s.scalar(
            select(func.count())
            .select_from(Match)
            .where(Match.programme_id == programme_id, Match.status == MatchStatus.ACTIVE)
        )
        or 0
    )
