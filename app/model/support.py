"""The coordinator's own support of a match: check-ins with each party, and concerns.

Support contacts are dated rows recorded against a match with a short standard set of
questions; the programme's support-contact rule says when they are due. A concern raised by
anyone stays open, and flags the match, until the coordinator records it resolved.
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.model.base import Base, Versioned
from app.model.meeting import MeetingMode
from app.model.programme import enum_column


class ContactParty(enum.StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    THIRD_PARTY = "third_party"


PARTY_LABELS = {
    ContactParty.MENTOR: N_("Mentor"),
    ContactParty.MENTEE: N_("Mentee"),
    ContactParty.THIRD_PARTY: N_("Third party"),
}


class ContactDepth(enum.StrEnum):
    """A quick check-in, or an in-depth support meeting (the 5th-edition rule has both)."""

    CHECK_IN = "check_in"
    IN_DEPTH = "in_depth"


DEPTH_LABELS = {
    ContactDepth.CHECK_IN: N_("Check-in"),
    ContactDepth.IN_DEPTH: N_("In-depth support meeting"),
}


class RelationshipQuality(enum.StrEnum):
    STRONG = "strong"
    GOOD = "good"
    MIXED = "mixed"
    POOR = "poor"


QUALITY_LABELS = {
    RelationshipQuality.STRONG: N_("Strong"),
    RelationshipQuality.GOOD: N_("Good"),
    RelationshipQuality.MIXED: N_("Mixed"),
    RelationshipQuality.POOR: N_("Poor"),
}


class RaisedBy(enum.StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    COORDINATOR = "coordinator"
    THIRD_PARTY = "third_party"


RAISED_BY_LABELS = {
    RaisedBy.MENTOR: N_("Mentor"),
    RaisedBy.MENTEE: N_("Mentee"),
    RaisedBy.COORDINATOR: N_("Coordinator"),
    RaisedBy.THIRD_PARTY: N_("Third party"),
}


class SupportContact(Versioned, Base):
    __tablename__ = "support_contact"
    __table_args__ = (Index("ix_support_contact_match_held", "match_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"))
    party: Mapped[ContactParty] = mapped_column(enum_column(ContactParty))
    third_party_name: Mapped[str] = mapped_column(String(200), default="")
    held_on: Mapped[date]
    mode: Mapped[MeetingMode] = mapped_column(
        enum_column(MeetingMode), default=MeetingMode.TELEPHONE
    )
    depth: Mapped[ContactDepth] = mapped_column(
        enum_column(ContactDepth), default=ContactDepth.CHECK_IN
    )
    activities: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[str] = mapped_column(Text, default="")
    safety_concern: Mapped[bool] = mapped_column(default=False)
    safety_notes: Mapped[str] = mapped_column(Text, default="")
    quality: Mapped[RelationshipQuality | None] = mapped_column(enum_column(RelationshipQuality))
    to_act_on: Mapped[str] = mapped_column(Text, default="")
    removed_on: Mapped[date | None]


class Concern(Versioned, Base):
    __tablename__ = "concern"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    raised_by: Mapped[RaisedBy] = mapped_column(enum_column(RaisedBy))
    raised_on: Mapped[date]
    description: Mapped[str] = mapped_column(Text)
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[date | None]
