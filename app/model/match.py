"""A match: one mentor and one mentee in a programme, and where their relationship stands.

Group and team mentoring are several matches sharing a mentor (the programme's
`max_mentees_per_mentor` caps how many, and never more than four). Every change of status is a
dated row saying who made it. How a match ended matters later: a pair whose match ended badly
is never proposed again. The risk assessment, introduction and agreement live in their own
modules beside this one.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.i18n import N_
from app.model.base import Base, Versioned, utc_now
from app.model.person import Participant
from app.model.programme import Programme, enum_column


class MatchStatus(enum.StrEnum):
    PROPOSED = "proposed"
    INTRODUCED = "introduced"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDING = "ending"
    CLOSED = "closed"


MATCH_STATUS_LABELS = {
    MatchStatus.PROPOSED: N_("Proposed"),
    MatchStatus.INTRODUCED: N_("Introduced"),
    MatchStatus.ACTIVE: N_("Active"),
    MatchStatus.PAUSED: N_("Paused"),
    MatchStatus.ENDING: N_("Ending"),
    MatchStatus.CLOSED: N_("Closed"),
}

#: Matches that take up a mentor's capacity and a mentee's place.
OPEN_STATUSES = (
    MatchStatus.PROPOSED,
    MatchStatus.INTRODUCED,
    MatchStatus.ACTIVE,
    MatchStatus.PAUSED,
    MatchStatus.ENDING,
)


class EndingKind(enum.StrEnum):
    """How a match ended: the last two mean it ended badly, so the pair is not matched again."""

    PLANNED = "planned"
    EARLY = "early"
    NOT_A_GOOD_FIT = "not_a_good_fit"
    CONCERN = "concern"


ENDING_LABELS = {
    EndingKind.PLANNED: N_("Planned ending"),
    EndingKind.EARLY: N_("Ended early (circumstances changed)"),
    EndingKind.NOT_A_GOOD_FIT: N_("Not a good fit"),
    EndingKind.CONCERN: N_("Ended over a concern"),
}

#: Endings after which the same two people are never proposed to each other again.
BAD_ENDINGS = (EndingKind.NOT_A_GOOD_FIT, EndingKind.CONCERN)


class Match(Versioned, Base):
    __tablename__ = "match"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    status: Mapped[MatchStatus] = mapped_column(
        enum_column(MatchStatus), default=MatchStatus.PROPOSED, index=True
    )
    proposed_on: Mapped[date | None]
    started_on: Mapped[date | None]
    planned_end_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(Text, default="")
    ending_kind: Mapped[EndingKind | None] = mapped_column(enum_column(EndingKind))

    programme: Mapped[Programme] = relationship()
    mentor: Mapped[Participant] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[Participant] = relationship(foreign_keys=[mentee_id])


class MatchStatusChange(Base):
    """One step in a match's life: from which status to which, on what day, and who did it."""

    __tablename__ = "match_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[MatchStatus | None] = mapped_column(enum_column(MatchStatus))
    to_status: Mapped[MatchStatus] = mapped_column(enum_column(MatchStatus))
    changed_on: Mapped[date]
    changed_at: Mapped[datetime] = mapped_column(default=utc_now)
    changed_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class WaitingPriority(Base):
    """The coordinator's mark that a waiting mentee should be matched first, and why."""

    __tablename__ = "waiting_priority"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), unique=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    set_on: Mapped[date]
