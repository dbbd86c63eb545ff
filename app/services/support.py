"""The coordinator's own support of each match: check-ins with mentor, mentee and a third
party, when they fall due under the programme's rule, and concerns raised by anyone.

A third party (for example the mentee's line manager) joins a match's schedule once the first
contact with them is recorded; until then only mentor and mentee are scheduled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.model import Concern, Match, MatchStatus, Programme, SupportContact
from app.model.meeting import MeetingMode
from app.model.support import (
    DEPTH_LABELS,
    PARTY_LABELS,
    QUALITY_LABELS,
    RAISED_BY_LABELS,
    ContactDepth,
    ContactParty,
    RaisedBy,
    RelationshipQuality,
)
from app.services.changes import Changes
from app.services.errors import NotFound, check
from app.services.lookups import get_match, get_or_refuse
from app.services.meetings import pair_names
from app.services.schedule import DueCheck, DueState, check_due_dates, support_contact_schedule
from app.services.validation import text_errors

#: How far ahead a contact shows as "due soon".
DUE_SOON_DAYS = 14

#: Matches whose parties the coordinator checks in with.
SUPPORTED_STATUSES = (MatchStatus.ACTIVE, MatchStatus.ENDING)


def party_label(party: ContactParty) -> str:
    return _(PARTY_LABELS[party])


def depth_label(depth: ContactDepth) -> str:
    return _(DEPTH_LABELS[depth])


def quality_label(quality: RelationshipQuality | None) -> str:
    return _(QUALITY_LABELS[quality]) if quality else ""


def raised_by_label(raised_by: RaisedBy) -> str:
    return _(RAISED_BY_LABELS[raised_by])


# -------------------------------------------------------------------------- contacts


@dataclass(frozen=True)
class ContactDetails:
    """A support contact and the answers to the standard questions."""

    party: ContactParty
    held_on: date | None
    mode: MeetingMode = MeetingMode.TELEPHONE
    depth: ContactDepth = ContactDepth.CHECK_IN
    third_party_name: str = ""
    activities: str = ""
    progress: str = ""
    safety_concern: bool = False
    safety_notes: str = ""
    quality: RelationshipQuality | None = None
    to_act_on: str = ""

    def cleaned(self) -> ContactDetails:
        return replace(
            self,
            third_party_name=self.third_party_name.strip(),
            activities=self.activities.strip(),
            progress=self.progress.strip(),
            safety_notes=self.safety_notes.strip(),
            to_act_on=self.to_act_on.strip(),
        )


def validate_contact(d: ContactDetails, today: date) -> dict[str, str]:
    errors = text_errors(d)
    if d.held_on is None:
        errors["held_on"] = _("Give the date of the contact.")
    elif d.held_on > today:
        errors["held_on"] = _("The contact date cannot be in the future.")
    if d.party is ContactParty.THIRD_PARTY and not d.third_party_name:
        errors["third_party_name"] = _("Say who the third party is, for example “Line manager”.")
    if d.safety_concern and not d.safety_notes:
        errors["safety_notes"] = _("Say briefly what the safety concern is.")
    return errors


def _apply_contact(contact: SupportContact, d: ContactDetails) -> None:
    contact.party = d.party
    assert d.held_on is not None, "validate_contact refuses a contact without a date"
    contact.held_on = d.held_on
    contact.mode = d.mode
    contact.depth = d.depth
    contact.third_party_name = d.third_party_name if d.party is ContactParty.THIRD_PARTY else ""
    contact.activities = d.activities
    contact.progress = d.progress
    contact.safety_concern = d.safety_concern
    contact.safety_notes = d.safety_notes
    contact.quality = d.quality
    contact.to_act_on = d.to_act_on


def record_support_contact(
    s: Session, match_id: int, details: ContactDetails, today: date
) -> Changes:
    details = details.cleaned()
    check(validate_contact(details, today))
    match = get_match(s, match_id)
    contact = SupportContact(match_id=match.id)
    _apply_contact(contact, details)
    s.add(contact)
    s.flush()
    return Changes(meetings=True, created_id=contact.id)


def get_contact(s: Session, contact_id: int) -> SupportContact:
    """A support contact that has not been removed."""
    gone = _("That support contact no longer exists.")
    contact = get_or_refuse(s, SupportContact, contact_id, gone)
    if contact.removed_on is not None:
        raise NotFound(gone)
    return contact


def contact_details(s: Session, contact_id: int) -> ContactDetails:
    c = get_contact(s, contact_id)
    return ContactDetails(
        party=c.party,
        held_on=c.held_on,
        mode=c.mode,
        depth=c.depth,
        third_party_name=c.third_party_name,
        activities=c.activities,
        progress=c.progress,
        safety_concern=c.safety_concern,
        safety_notes=c.safety_notes,
        quality=c.quality,
        to_act_on=c.to_act_on,
    )


def update_support_contact(
    s: Session, contact_id: int, details: ContactDetails, today: date
) -> Changes:
    details = details.cleaned()
    check(validate_contact(details, today))
    _apply_contact(get_contact(s, contact_id), details)
    return Changes(meetings=True)


# -------------------------------------------------------------------------- schedule


@dataclass(frozen=True)
class PartySchedule:
    """The contacts one party of a match was due, and which were made."""

    party: ContactParty
    third_party_name: str
    depth: ContactDepth
    checks: tuple[DueCheck, ...]

    @property
    def overdue_since(self) -> date | None:
        """The first of the unbroken run of missed contacts up to today (None if the latest
        contact due has been made). Older misses followed by a contact are history."""
        since = None
        for c in self.checks:
            if c.state is DueState.OVERDUE:
                since = since or c.due_on
            elif c.state is DueState.MADE:
                since = None
        return since

    @property
    def missed(self) -> int:
        return sum(1 for c in self.checks if c.state is DueState.OVERDUE)

    @property
    def next_due(self) -> date | None:
        return next((c.due_on for c in self.checks if c.state is DueState.DUE), None)


def _schedule_end(match: Match, today: date, horizon: int) -> date:
    end = today + timedelta(days=horizon)
    if match.ended_on is not None:
        end = min(end, match.ended_on)
    return end


def match_schedules(
    s: Session,
    match: Match,
    programme: Programme,
    today: date,
    contacts: list[tuple[ContactParty, str, ContactDepth, date]] | None = None,
    horizon: int = DUE_SOON_DAYS,
) -> list[PartySchedule]:
    """Each party's due contacts for one match, checked against the contacts recorded."""
    if match.started_on is None:
        return []
    if contacts is None:
        contacts = [
            (c.party, c.third_party_name, c.depth, c.held_on)
            for c in s.execute(
                select(
                    SupportContact.party,
                    SupportContact.third_party_name,
                    SupportContact.depth,
                    SupportContact.held_on,
                ).where(SupportContact.match_id == match.id, SupportContact.removed_on.is_(None))
            )
        ]
    schedule = support_contact_schedule(
        programme.support_contact_rule,
        match.started_on,
        _schedule_end(match, today, horizon),
        custom_contacts_first_month=programme.custom_contacts_first_month,
        custom_interval_weeks=programme.custom_contact_interval_weeks,
    )
    depths = sorted({c.depth for c in schedule}, key=lambda d: d.value)
    parties: list[tuple[ContactParty, str]] = [(ContactParty.MENTOR, ""), (ContactParty.MENTEE, "")]
    third = sorted({name for p, name, _d, _o in contacts if p is ContactParty.THIRD_PARTY})
    parties += [(ContactParty.THIRD_PARTY, name) for name in third[:1]]
    result = []
    for party, _name in parties:
        made = [c for c in contacts if c[0] is party]
        for depth in depths:
            due = [c.due_on for c in schedule if c.depth is depth]
            dates = [on for _p, _n, d, on in made if depth is ContactDepth.CHECK_IN or d is depth]
            result.append(
                PartySchedule(
                    party,
                    third[0] if party is ContactParty.THIRD_PARTY else "",
                    depth,
                    tuple(check_due_dates(due, dates, today)),
                )
            )
    return result


@dataclass(frozen=True)
class DueContactRow:
    """A support contact that is overdue or due soon."""

    match_id: int
    mentor_name: str
    mentee_name: str
    party: ContactParty
    third_party_name: str
    depth: ContactDepth
    due_on: date
    overdue: bool
    missed: int

    @property
    def who(self) -> str:
        if self.party is ContactParty.MENTOR:
            return self.mentor_name
        if self.party is ContactParty.MENTEE:
            return self.mentee_name
        return self.third_party_name


def support_contacts_due(
    s: Session, programme_id: int, today: date, horizon: int = DUE_SOON_DAYS
) -> list[DueContactRow]:
    """Every support contact overdue now or due within `horizon` days, overdue first."""
    programme = s.get(Programme, programme_id)
    if programme is None:
        return []
    matches = s.scalars(
        select(Match).where(
            Match.programme_id == programme_id,
            Match.status.in_(SUPPORTED_STATUSES),
            Match.started_on.is_not(None),
        )
    ).all()
    contacts: dict[int, list[tuple[ContactParty, str, ContactDepth, date]]] = {
        m.id: [] for m in matches
    }
    for row in s.execute(
        select(
            SupportContact.match_id,
            SupportContact.party,
            SupportContact.third_party_name,
            SupportContact.depth,
            SupportContact.held_on,
        )
        .join(Match, Match.id == SupportContact.match_id)
        .where(Match.programme_id == programme_id, SupportContact.removed_on.is_(None))
    ):
        if row.match_id in contacts:
            contacts[row.match_id].append((row.party, row.third_party_name, row.depth, row.held_on))
    names = pair_names(s, programme_id=programme_id)
    rows = []
    for match in matches:
        for sched in match_schedules(s, match, programme, today, contacts[match.id], horizon):
            since = sched.overdue_since
            due_on = since or sched.next_due
            if due_on is None or (since is None and due_on > today + timedelta(days=horizon)):
                continue
            mentor, mentee = names[match.id]
            rows.append(
                DueContactRow(
                    match_id=match.id,
                    mentor_name=mentor,
                    mentee_name=mentee,
                    party=sched.party,
                    third_party_name=sched.third_party_name,
                    depth=sched.depth,
                    due_on=due_on,
                    overdue=since is not None,
                    missed=sched.missed,
                )
            )
    rows.sort(key=lambda r: (not r.overdue, r.due_on, r.mentee_name))
    return rows


# -------------------------------------------------------------------------- concerns


@dataclass(frozen=True)
class ConcernDetails:
    raised_by: RaisedBy
    raised_on: date | None
    description: str
    actions_taken: str = ""
    resolved_on: date | None = None

    def cleaned(self) -> ConcernDetails:
        return replace(
            self, description=self.description.strip(), actions_taken=self.actions_taken.strip()
        )


def validate_concern(d: ConcernDetails, today: date) -> dict[str, str]:
    errors = text_errors(d)
    if d.raised_on is None:
        errors["raised_on"] = _("Give the date the concern was raised.")
    elif d.raised_on > today:
        errors["raised_on"] = _("The date cannot be in the future.")
    if not d.description:
        errors["description"] = _("Describe the concern in a few words.")
    if d.resolved_on is not None:
        if d.raised_on is not None and d.resolved_on < d.raised_on:
            errors["resolved_on"] = _(
                "A concern is resolved on or after the day it was raised. Check the dates."
            )
        elif d.resolved_on > today:
            errors["resolved_on"] = _("The date cannot be in the future.")
        elif not d.actions_taken:
            errors["actions_taken"] = _("Before marking it resolved, say what was done.")
    return errors


def _apply_concern(concern: Concern, d: ConcernDetails) -> None:
    concern.raised_by = d.raised_by
    assert d.raised_on is not None, "validate_concern refuses a concern without a date"
    concern.raised_on = d.raised_on
    concern.description = d.description
    concern.actions_taken = d.actions_taken
    concern.resolved_on = d.resolved_on


def raise_concern(s: Session, match_id: int, details: ConcernDetails, today: date) -> Changes:
    """Log a concern raised by anyone; while it is open the match is flagged."""
    details = details.cleaned()
    check(validate_concern(details, today))
    match = get_match(s, match_id)
    concern = Concern(match_id=match.id)
    _apply_concern(concern, details)
    s.add(concern)
    s.flush()
    return Changes(meetings=True, matches=True, created_id=concern.id)


def get_concern(s: Session, concern_id: int) -> Concern:
    return get_or_refuse(s, Concern, concern_id, _("That concern no longer exists."))


def concern_details(s: Session, concern_id: int) -> ConcernDetails:
    c = get_concern(s, concern_id)
    return ConcernDetails(c.raised_by, c.raised_on, c.description, c.actions_taken, c.resolved_on)


def update_concern(s: Session, concern_id: int, details: ConcernDetails, today: date) -> Changes:
    """Record what was done about a concern, and when it was resolved."""
    details = details.cleaned()
    check(validate_concern(details, today))
    _apply_concern(get_concern(s, concern_id), details)
    return Changes(meetings=True, matches=True)


def has_open_concern(s: Session, match_id: int) -> bool:
    return (
        s.scalar(
            select(Concern.id)
            .where(Concern.match_id == match_id, Concern.resolved_on.is_(None))
            .limit(1)
        )
        is not None
    )
