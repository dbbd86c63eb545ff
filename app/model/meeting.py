"""What happens between a mentor and a mentee: meeting logs and the action points they agree.

The coordinator's record of a meeting holds dates, modes, durations, action points and the
relationship stage, never what was said: that stays with the pair. A private note the
coordinator keeps about a meeting lives in its own table, so no list, printout or export can
pick it up by accident. A draft of the meeting form is kept as the coordinator types.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.model.base import Base, Versioned, utc_now
from app.model.programme import enum_column


class MeetingMode(enum.StrEnum):
    FACE_TO_FACE = "face_to_face"
    TELEPHONE = "telephone"
    VIDEO = "video"
    MESSAGE = "message"
    GROUP = "group"


MEETING_MODE_LABELS = {
    MeetingMode.FACE_TO_FACE: N_("Face to face"),
    MeetingMode.TELEPHONE: N_("Telephone"),
    MeetingMode.VIDEO: N_("Video call"),
    MeetingMode.MESSAGE: N_("E-mail or message"),
    MeetingMode.GROUP: N_("Group session"),
}

#: Modes that count as a meeting towards the programme's minimum frequency; an e-mail or a
#: message is a contact between meetings.
MEETING_MODES = frozenset(MEETING_MODE_LABELS) - {MeetingMode.MESSAGE}


class RelationshipStage(enum.StrEnum):
    """Where the relationship stands (the four stages of the relationship cycle)."""

    BEGINNING = "beginning"
    CHALLENGING = "challenging"
    PROGRESSION = "progression"
    ENDING = "ending"


STAGE_LABELS = {
    RelationshipStage.BEGINNING: N_("Beginning: getting to know each other"),
    RelationshipStage.CHALLENGING: N_("Challenging and testing: setting direction"),
    RelationshipStage.PROGRESSION: N_("Progression: mentoring for real"),
    RelationshipStage.ENDING: N_("Ending: preparing to close"),
}


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
    CARRIED_FORWARD = "carried_forward"


ACTION_STATUS_LABELS = {
    ActionStatus.OPEN: N_("Open"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.DROPPED: N_("Dropped"),
    ActionStatus.CARRIED_FORWARD: N_("Carried forward"),
}


class ActionOwner(enum.StrEnum):
    MENTEE = "mentee"
    MENTOR = "mentor"
    BOTH = "both"


ACTION_OWNER_LABELS = {
    ActionOwner.MENTEE: N_("Mentee"),
    ActionOwner.MENTOR: N_("Mentor"),
    ActionOwner.BOTH: N_("Both"),
}


class MeetingLog(Versioned, Base):
    __tablename__ = "meeting_log"
    __table_args__ = (
        Index("ix_meeting_log_match_held", "match_id", "held_on"),
        # Today: the logs whose copy has not gone to the mentor (a few among many).
        # Partial on PostgreSQL too: the migration (0011) says so there. Naming it here
        # would load SQLAlchemy's PostgreSQL dialect and asyncio at every start (about
        # 25 ms of a cold start, for a server few settings have).
        Index(
            "ix_meeting_log_copy_waiting",
            "match_id",
            "held_on",
            sqlite_where=text("copy_to_mentor_on IS NULL AND removed_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"))
    held_on: Mapped[date] = mapped_column(index=True)
    mode: Mapped[MeetingMode] = mapped_column(
        enum_column(MeetingMode), default=MeetingMode.FACE_TO_FACE
    )
    duration_minutes: Mapped[int | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    attended: Mapped[str] = mapped_column(String(300), default="")
    stage: Mapped[RelationshipStage | None] = mapped_column(enum_column(RelationshipStage))
    next_meeting_on: Mapped[date | None]
    mentee_signed_on: Mapped[date | None]
    mentor_signed_on: Mapped[date | None]
    copy_to_mentor_on: Mapped[date | None]
    removed_on: Mapped[date | None]


class ActionPoint(Versioned, Base):
    """Something one of the pair agreed to do, the meeting that agreed it and the one that
    looked back at it. Carrying a point forward closes this row and opens a copy at the new
    meeting (`carried_from_id`), so each meeting's log reads as it was on paper."""

    __tablename__ = "action_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    agreed_at_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_log.id", ondelete="CASCADE"), index=True
    )
    reviewed_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_log.id", ondelete="SET NULL"), index=True
    )
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_point.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[ActionOwner] = mapped_column(enum_column(ActionOwner), default=ActionOwner.MENTEE)
    due_on: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus), default=ActionStatus.OPEN
    )


class MeetingPrivateNote(Versioned, Base):
    """The coordinator's own note on a meeting. Kept apart on purpose: only
    `app.services.meetings.private_note` reads it."""

    __tablename__ = "meeting_private_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_log.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str] = mapped_column(Text, default="")


class FormDraft(Base):
    """What was typed into a form that has not been saved yet, so closing the window or a
    crash loses nothing. Drafts never appear in lists, figures or printouts."""

    __tablename__ = "form_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    saved_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
