"""Fetching one record by its id, or refusing in plain words because it is gone.

A record can be removed while a window still shows it (another page deleted it, or an undo
took it away), so every action that starts from an id asks here first. This module imports
only the model and the errors, so any service can use it without importing another service.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from app.i18n import _
from app.model import Match, Participant, Person, Programme
from app.services.errors import NotFound

T = TypeVar("T")


def get_or_refuse(s: Session, model: type[T], record_id: int, what: str) -> T:
    """The `model` row whose primary key is `record_id`, or NotFound saying `what`.

    `what` is the whole sentence the coordinator reads, already through `_()`, such as
    `_("That match no longer exists.")`: the wordings differ from record to record ("That
    person is no longer in the programme.") and a translation needs the sentence, not a noun.
    """
    record = s.get(model, record_id)
    if record is None:
        raise NotFound(what)
    return record


def get_programme(s: Session, programme_id: int) -> Programme:
    return get_or_refuse(s, Programme, programme_id, _("That programme no longer exists."))


def get_match(s: Session, match_id: int) -> Match:
    return get_or_refuse(s, Match, match_id, _("That match no longer exists."))


def get_person(s: Session, person_id: int) -> Person:
    return get_or_refuse(s, Person, person_id, _("That person's details have been removed."))


def get_participant(s: Session, participant_id: int) -> Participant:
    """One of a person's roles in a programme (a mentor or a mentee)."""
    return get_or_refuse(
        s, Participant, participant_id, _("That person is no longer in the programme.")
    )
