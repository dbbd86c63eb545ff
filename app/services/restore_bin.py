"""The restore bin: removing a person or a screening record puts it here, with the day it was
removed, and it can be brought back. Lists, figures, printouts and exports leave binned
records out (`app/model/restore_bin.py`); erasing them for good is the data-protection work's.

A person who has been in a match cannot be removed: their record is part of that match's
history. They are marked as having left instead, and erased when the retention period ends.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.formatting import format_date
from app.i18n import N_, _
from app.model import (
    Interview,
    Match,
    Participant,
    Person,
    PvgRecord,
    Reference,
    TrainingSession,
)
from app.model.restore_bin import INCLUDE_REMOVED
from app.services.changes import Changes
from app.services.errors import ActionRefused, NotFound
from app.services.matching import display_name


class BinKind(enum.StrEnum):
    PERSON = "person"
    INTERVIEW = "interview"
    REFERENCE = "reference"
    PVG = "pvg"
    TRAINING = "training"


BIN_KIND_LABELS = {
    BinKind.PERSON: N_("Person"),
    BinKind.INTERVIEW: N_("Interview"),
    BinKind.REFERENCE: N_("Reference"),
    BinKind.PVG: N_("PVG record"),
    BinKind.TRAINING: N_("Training session"),
}

Binned = Person | Interview | Reference | PvgRecord | TrainingSession
T = TypeVar("T", Person, Interview, Reference, PvgRecord, TrainingSession)

#: Binned records are read with this option: the bin's own queries see them.
EVERYTHING = {INCLUDE_REMOVED: True}


def _one(s: Session, cls: type[T], record_id: int) -> T | None:
    return s.scalar(select(cls).where(cls.id == record_id).execution_options(**EVERYTHING))


PersonsRecord = TypeVar("PersonsRecord", Reference, PvgRecord, TrainingSession)


def _binned(s: Session, cls: type[PersonsRecord], person_ids: list[int]) -> list[PersonsRecord]:
    return list(
        s.scalars(
            select(cls)
            .where(cls.person_id.in_(person_ids), cls.removed_on.is_not(None))
            .execution_options(**EVERYTHING)
        )
    )


_LOADERS: dict[BinKind, Callable[[Session, int], Binned | None]] = {
    BinKind.PERSON: lambda s, i: _one(s, Person, i),
    BinKind.INTERVIEW: lambda s, i: _one(s, Interview, i),
    BinKind.REFERENCE: lambda s, i: _one(s, Reference, i),
    BinKind.PVG: lambda s, i: _one(s, PvgRecord, i),
    BinKind.TRAINING: lambda s, i: _one(s, TrainingSession, i),
}

CHANGED = Changes(people=True, screening=True, matches=True)


def _get(s: Session, kind: BinKind, record_id: int) -> Binned:
    record = _LOADERS[kind](s, record_id)
    if record is None:
        raise NotFound(_("That item is no longer here."))
    return record


def _roles(s: Session, person_id: int) -> list[Participant]:
    return list(
        s.scalars(
            select(Participant)
            .where(Participant.person_id == person_id)
            .execution_options(**EVERYTHING)
        )
    )


def put_in_bin(s: Session, kind: BinKind, record_id: int, today: date) -> Changes:
    """Remove a record to the bin (a person with all their roles)."""
    record = _get(s, kind, record_id)
    if record.removed_on is not None:
        raise ActionRefused(_("That item is already in the bin."))
    if kind is BinKind.PERSON:
        roles = _roles(s, record_id)
        ids = [r.id for r in roles]
        matched = s.scalar(
            select(Match.id).where(or_(Match.mentor_id.in_(ids), Match.mentee_id.in_(ids)))
        )
        if matched is not None:
            raise ActionRefused(
                _(
                    "They have been in a match, so their details are part of its history "
                    "and cannot be removed. Mark them as having left instead. Their "
                    "details are erased when the programme's retention period ends."
                )
            )
        for role in roles:
            role.removed_on = today
    record.removed_on = today
    return CHANGED


def bring_back(s: Session, kind: BinKind, record_id: int) -> Changes:
    """Take a record out of the bin, as it was (a person with the roles removed with them)."""
    record = _get(s, kind, record_id)
    if record.removed_on is None:
        raise ActionRefused(_("That item is not in the bin."))
    if kind is BinKind.PERSON:
        for role in _roles(s, record_id):
            if role.removed_on == record.removed_on:
                role.removed_on = None
    record.removed_on = None
    return CHANGED


@dataclass(frozen=True)
class BinItem:
    kind: BinKind
    record_id: int
    person: str
    what: str
    removed_on: date

    @property
    def kind_label(self) -> str:
        return _(BIN_KIND_LABELS[self.kind])


def _what(kind: BinKind, record: object) -> str:
    if isinstance(record, Interview):
        return _("Interview on {on}").format(on=format_date(record.held_on))
    if isinstance(record, Reference):
        return _("Reference from {name}").format(name=record.referee)
    if isinstance(record, PvgRecord):
        return _("PVG record issued {on}").format(on=format_date(record.issued_on))
    if isinstance(record, TrainingSession):
        return _("Training: {topic} on {on}").format(
            topic=record.topic, on=format_date(record.held_on)
        )
    return _("Everything about them")


def bin_items(s: Session, programme_id: int) -> list[BinItem]:
    """What is in the bin for people in this programme, most recently removed first."""
    in_programme = (
        select(Participant.person_id)
        .where(Participant.programme_id == programme_id)
        .execution_options(**EVERYTHING)
    )
    people = {
        p.id: p
        for p in s.scalars(
            select(Person).where(Person.id.in_(in_programme)).execution_options(**EVERYTHING)
        )
    }
    items: list[BinItem] = []
    for person in people.values():
        if person.removed_on is not None:
            items.append(
                BinItem(
                    BinKind.PERSON,
                    person.id,
                    display_name(person.first_name, person.last_name, person.preferred_name),
                    _what(BinKind.PERSON, person),
                    person.removed_on,
                )
            )
    ids = list(people)
    binned: list[tuple[BinKind, Binned, int]] = [
        (BinKind.INTERVIEW, interview, person_id)
        for interview, person_id in s.execute(
            select(Interview, Participant.person_id)
            .join(Participant, Participant.id == Interview.participant_id)
            .where(Participant.person_id.in_(ids), Interview.removed_on.is_not(None))
            .execution_options(**EVERYTHING)
        )
    ]
    binned += [(BinKind.REFERENCE, r, r.person_id) for r in _binned(s, Reference, ids)]
    binned += [(BinKind.PVG, r, r.person_id) for r in _binned(s, PvgRecord, ids)]
    binned += [(BinKind.TRAINING, r, r.person_id) for r in _binned(s, TrainingSession, ids)]
    for kind, record, person_id in binned:
        person = people[person_id]
        assert record.removed_on is not None, "selected as binned"
        items.append(
            BinItem(
                kind,
                record.id,
                display_name(person.first_name, person.last_name, person.preferred_name),
                _what(kind, record),
                record.removed_on,
            )
        )
    items.sort(key=lambda i: (i.removed_on, i.record_id), reverse=True)
    return items
