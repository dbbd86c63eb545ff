"""What one Today item is: its kind, why it is due in plain words, and where it is done."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from app.i18n import N_, _


class Kind(enum.StrEnum):
    """The kinds of item, in the order their groups appear when equally urgent."""

    CONCERN = "concern"
    SUPPORT_CONTACT = "support_contact"
    REVIEW = "review"
    NEXT_MEETING = "next_meeting"
    LOG_COPY = "log_copy"
    MEETING_FREQUENCY = "meeting_frequency"
    SIGNATURES = "signatures"
    PVG = "pvg"
    TASK = "task"
    CLOSURE = "closure"
    STUCK_IN_STAGE = "stuck_in_stage"
    MENTEE_WAITING = "mentee_waiting"
    GOAL_ACTION = "goal_action"


KIND_LABELS = {
    Kind.CONCERN: N_("Open concerns"),
    Kind.SUPPORT_CONTACT: N_("Support contacts"),
    Kind.REVIEW: N_("Reviews"),
    Kind.NEXT_MEETING: N_("Meetings with no log"),
    Kind.LOG_COPY: N_("Meeting logs to send to the mentor"),
    Kind.MEETING_FREQUENCY: N_("Matches meeting less than agreed"),
    Kind.SIGNATURES: N_("Agreements waiting for signatures"),
    Kind.PVG: N_("PVG renewals"),
    Kind.TASK: N_("Tasks"),
    Kind.CLOSURE: N_("Closures with steps missing"),
    Kind.STUCK_IN_STAGE: N_("People stuck in a stage"),
    Kind.MENTEE_WAITING: N_("Mentees waiting for a mentor"),
    Kind.GOAL_ACTION: N_("Goal actions overdue"),
}

KIND_ORDER = {kind: n for n, kind in enumerate(Kind)}


def kind_label(kind: Kind) -> str:
    return _(KIND_LABELS[kind])


class Place(enum.StrEnum):
    """Where an item is done: the page and the record or dialog it opens on."""

    PERSON = "person"  # People page, the person's record
    WAITING = "waiting"  # Matching page, the mentee on the waiting list
    SIGNATURES = "signatures"  # Matching page, the match's signatures dialog
    MATCH = "match"  # Matching page, the match selected
    REVIEW = "review"  # Matching page, the match's review dialog
    ENDING = "ending"  # Matching page, the ending wizard for the match
    SUPPORT_CONTACT = "support_contact"  # Meetings page, a new support contact with the party
    NEW_MEETING_LOG = "new_meeting_log"  # Meetings page, a new meeting log for the match
    MEETING_LOG = "meeting_log"  # Meetings page, the meeting log opened
    TIMELINE = "timeline"  # Meetings page, the match's timeline
    CONCERN = "concern"  # Meetings page, the concern opened
    GOAL_ACTION = "goal_action"  # Goals page, the action opened


class Target(NamedTuple):
    """The record an item opens: ids the pages understand, never ORM objects."""

    place: Place
    match_id: int | None = None
    person_id: int | None = None
    participant_id: int | None = None
    record_id: int | None = None
    goal_id: int | None = None
    party: str | None = None


@dataclass(frozen=True)
class Snoozed:
    """A snooze on an item: until when, why, and when it was set."""

    snoozed_on: date
    until: date
    reason: str


class TodayItem(NamedTuple):
    """One thing due. Its words (who it is about, why it is due) are put together only when
    shown: a large programme has thousands of items and a page shows a few dozen."""

    kind: Kind
    #: Names the record and the occasion; a snooze holds for this key only.
    key: str
    #: The date it fell (or falls) due; the list is ordered by it, overdue first.
    due_on: date
    overdue: bool
    target: Target
    #: Gives (who or what it is about, why it is due as a sentence).
    words: Callable[[], tuple[str, str]]
    #: The snooze that ran out (shown when the item comes back) or is holding it.
    snooze: Snoozed | None = None

    @property
    def subject(self) -> str:
        """Who or what it is about, in a few words ("Amy Johnstone and Lee Smith")."""
        return self.words()[0]

    @property
    def why(self) -> str:
        """Why it is due, in a plain sentence."""
        return self.words()[1]

    @property
    def urgency(self) -> tuple[bool, date, int, str]:
        return (not self.overdue, self.due_on, KIND_ORDER[self.kind], self.key)


@dataclass(frozen=True)
class TodayGroup:
    kind: Kind
    label: str
    items: tuple[TodayItem, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)


@dataclass(frozen=True)
class TodayList:
    """The list as shown: groups by kind, the most urgent group first, and what is snoozed."""

    today: date
    groups: tuple[TodayGroup, ...]
    snoozed: tuple[TodayItem, ...]

    @property
    def items(self) -> list[TodayItem]:
        return [i for g in self.groups for i in g.items]

    @property
    def overdue(self) -> int:
        return sum(g.overdue for g in self.groups)

    @property
    def kinds(self) -> set[Kind]:
        return {g.kind for g in self.groups}
