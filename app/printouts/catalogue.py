"""Every printout by kind: gather the data in a session, then render it to PDF bytes.

The command line (`mentordesk print KIND ID`) and the window both come through here, so a
document prints the same way from either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.i18n import _
from app.model import Role
from app.model.programme import label
from app.services import programmes


@dataclass(frozen=True)
class Printout:
    kind: str
    title: str
    build: Callable[[Session, int], bytes]
    id_meaning: str


def programme_summary(s: Session, programme_id: int, printed_on: date | None = None) -> bytes:
    from app.printouts import programme_summary as document

    p = programmes.get_programme(s, programme_id)
    summary = document.ProgrammeSummary(
        name=p.name,
        organisation=p.organisation,
        model=label(p.programme_model),
        mentoring_type=label(p.mentoring_type),
        status=label(p.status),
        start_date=p.start_date,
        end_date=p.end_date,
        description=p.description,
        coordinator=p.coordinator,
        partner_organisations=p.partner_organisations,
        mentors=programmes.count_participants(s, p.id, Role.MENTOR),
        mentees=programmes.count_participants(s, p.id, Role.MENTEE),
        active_matches=programmes.count_active_matches(s, p.id),
        rules=programmes.rules_for_print(p),
    )
    return document.render(summary, printed_on=printed_on)


def agreement(s: Session, match_id: int, printed_on: date | None = None) -> bytes:
    """The mentoring agreement for a match: as drawn up, or pre-filled from the programme's
    rules when it has not been drawn up yet."""
    from app.printouts import agreement as document
    from app.services import matching

    today = printed_on or date.today()
    details = matching.match_details(s, match_id)
    match = matching.get_match(s, match_id)
    programme = match.programme
    record = matching.agreement_record(s, match_id)
    drafted = matching.agreement_details(s, match_id, today)
    if record is not None:
        rules = record
        policy = (record.policy_version, record.policy_approved_on)
    else:
        rules = programme
        policy = matching.agreement_policy(s, programme.id, drafted.agreed_on or today)
    sheet = document.AgreementSheet(
        organisation=programme.organisation,
        programme=programme.name,
        coordinator=programme.coordinator,
        mentor=details.mentor_name,
        mentee=details.mentee_name,
        relationship_months=rules.relationship_months,
        review_interval_months=rules.review_interval_months,
        min_meetings_per_month=rules.min_meetings_per_month,
        min_meeting_minutes=rules.min_meeting_minutes,
        max_meeting_minutes=rules.max_meeting_minutes,
        max_contacts_between_meetings=rules.max_contacts_between_meetings,
        cancellation_notice_hours=rules.cancellation_notice_hours,
        issues=drafted.issues,
        mentor_role=drafted.mentor_role,
        mentee_role=drafted.mentee_role,
        agreed_on=drafted.agreed_on if record is not None else None,
        review_on=drafted.review_on if record is not None else None,
        policy_version=policy[0],
        policy_approved_on=policy[1],
    )
    return document.render(sheet, printed_on=printed_on)


def action_plan(s: Session, match_id: int, printed_on: date | None = None) -> bytes:
    from app.printouts import action_plan as document
    from app.services import goals

    plan = document.ActionPlan(
        heading=goals.match_heading(s, match_id),
        goals=goals.goals_for_match(s, match_id, printed_on),
    )
    return document.render(plan, printed_on=printed_on)


def progress_summary(s: Session, match_id: int, printed_on: date | None = None) -> bytes:
    from app.printouts import progress_summary as document
    from app.services import goals

    views = goals.goals_for_match(s, match_id, printed_on)
    summary = document.ProgressSummary(
        heading=goals.match_heading(s, match_id), goals=views, summary=goals.summarise(views)
    )
    return document.render(summary, printed_on=printed_on)


PRINTOUTS: dict[str, Printout] = {
    p.kind: p
    for p in [
        Printout("programme-summary", _("Programme summary"), programme_summary, "programme"),
        Printout("agreement", _("Mentoring agreement"), agreement, "match"),
        Printout("action-plan", _("Action plan"), action_plan, "match"),
        Printout("progress-summary", _("Progress summary"), progress_summary, "match"),
    ]
}


def build(kind: str, s: Session, record_id: int) -> bytes:
    try:
        printout = PRINTOUTS[kind]
    except KeyError:
        raise KeyError(kind) from None
    return printout.build(s, record_id)
