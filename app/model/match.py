"""A match: one mentor and one mentee in a programme, and where their relationship stands.

Group and team mentoring are several matches sharing a mentor (the programme's
`max_mentees_per_mentor` caps how many). The matching part of the product adds the board,
risk assessment, introduction and agreement around this record.
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.i18n import N_
from app.model.base import Base, Versioned
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

    programme: Mapped[Programme] = relationship()
    mentor: Mapped[Participant] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[Participant] = relationship(foreign_keys=[mentee_id])
