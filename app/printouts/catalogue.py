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


def policy_version(s: Session, version_id: int, printed_on: date | None = None) -> bytes:
    """One version of the written policy; a draft prints marked DRAFT."""
    from app.printouts import policy as document
    from app.services import policy

    version = policy.get_version(s, version_id)
    p = programmes.get_programme(s, version.programme_id)
    return document.render(
        document.PolicyDocument(
            organisation=p.organisation,
            programme=p.name,
            coordinator=p.coordinator,
            title=version.title,
            version=version.number,
            approved_on=version.approved_on,
            approved_by=version.approved_by,
            passages=tuple((x.heading, x.body) for x in version.passages),
        ),
        printed_on=printed_on,
    )


def policy_in_force(s: Session, programme_id: int, printed_on: date | None = None) -> bytes:
    """The programme's policy: the version in force today, or while none is approved yet, the
    newest draft (marked DRAFT)."""
    from app.services import policy

    return policy_version(s, policy.version_to_print(s, programme_id), printed_on)


def planning_notes(s: Session, programme_id: int, printed_on: date | None = None) -> bytes:
    from app.printouts import planning_notes as document
    from app.services import framework

    p = programmes.get_programme(s, programme_id)
    state = framework.planning_state(s, programme_id)
    notes = framework.planning_notes(s, programme_id)
    return document.render(
        document.PlanningNotes(
            organisation=p.organisation,
            programme=p.name,
            coordinator=p.coordinator,
            completed_on=state.completed_on,
            sections=tuple(
                (section.title, progress.status_text, section.questions)
                for section, progress in zip(notes, state.sections, strict=True)
            ),
            rules=programmes.rules_for_print(p),
        ),
        printed_on=printed_on,
    )


PRINTOUTS: dict[str, Printout] = {
    p.kind: p
    for p in [
        Printout("programme-summary", _("Programme summary"), programme_summary, "programme"),
        Printout("policy", _("Mentoring policy"), policy_in_force, "programme"),
        Printout("policy-version", _("Mentoring policy"), policy_version, "policy version"),
        Printout("planning", _("Planning notes"), planning_notes, "programme"),
    ]
}


def build(kind: str, s: Session, record_id: int) -> bytes:
    try:
        printout = PRINTOUTS[kind]
    except KeyError:
        raise KeyError(kind) from None
    return printout.build(s, record_id)
