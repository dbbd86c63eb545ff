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


PRINTOUTS: dict[str, Printout] = {
    p.kind: p
    for p in [
        Printout("programme-summary", _("Programme summary"), programme_summary, "programme"),
    ]
}


def build(kind: str, s: Session, record_id: int) -> bytes:
    try:
        printout = PRINTOUTS[kind]
    except KeyError:
        raise KeyError(kind) from None
    return printout.build(s, record_id)
