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


def _form_context(s: Session, person_id: int):  # type: ignore[no-untyped-def]
    """The programme a person's paperwork belongs to (their newest role), or for a blank form
    the first programme still running; plus the roles they hold in it."""
    from sqlalchemy import select

    from app.model import Participant, Programme
    from app.printouts.person_forms import FormContext

    programme = None
    roles: list[Role] = []
    if person_id:
        participant = s.scalar(
            select(Participant)
            .where(Participant.person_id == person_id)
            .order_by(Participant.id.desc())
        )
        if participant is not None:
            programme = s.get(Programme, participant.programme_id)
            roles = list(
                s.scalars(
                    select(Participant.role).where(
                        Participant.person_id == person_id,
                        Participant.programme_id == participant.programme_id,
                    )
                )
            )
            roles.sort(key=lambda r: r is not Role.MENTOR)
    if programme is None:
        programme = s.scalar(
            select(Programme).where(Programme.archived_on.is_(None)).order_by(Programme.id)
        )
    context = FormContext(
        organisation=programme.organisation if programme else "",
        programme=programme.name if programme else "",
        coordinator=programme.coordinator if programme else "",
    )
    return context, (programme.id if programme else None), roles


def person_record(s: Session, person_id: int, printed_on: date | None = None) -> bytes:
    from app.printouts import person_forms
    from app.services import people

    people.get_person(s, person_id)
    context, programme_id, _roles = _form_context(s, person_id)
    if programme_id is None:
        from app.services.errors import ActionRefused

        raise ActionRefused(_("This person is not in any programme."))
    record = people.person_record(s, programme_id, person_id, printed_on or date.today())
    return person_forms.render_record(record, context, printed_on=printed_on)


def application_form(s: Session, person_id: int, printed_on: date | None = None) -> bytes:
    from app.printouts import person_forms
    from app.services import people

    details = people.details_of(people.get_person(s, person_id)) if person_id else None
    context, _programme_id, roles = _form_context(s, person_id)
    return person_forms.render_application(details, roles, context, printed_on=printed_on)


def interview_form(s: Session, person_id: int, printed_on: date | None = None) -> bytes:
    from app.printouts import person_forms
    from app.services import people

    name = people.get_person(s, person_id).full_name if person_id else ""
    context, _programme_id, roles = _form_context(s, person_id)
    return person_forms.render_interview(name, roles, context, printed_on=printed_on)


PRINTOUTS: dict[str, Printout] = {
    p.kind: p
    for p in [
        Printout("programme-summary", _("Programme summary"), programme_summary, "programme"),
        Printout("person", _("Person record"), person_record, "person"),
        Printout(
            "application-form",
            _("Application form"),
            application_form,
            "person, or 0 for a blank form",
        ),
        Printout(
            "interview-form",
            _("Interview form"),
            interview_form,
            "person, or 0 for a blank form",
        ),
    ]
}


def build(kind: str, s: Session, record_id: int) -> bytes:
    try:
        printout = PRINTOUTS[kind]
    except KeyError:
        raise KeyError(kind) from None
    return printout.build(s, record_id)
