"""The safety and suitability checks made before someone is matched, and the pipeline's history.

PVG records hold only what the Disclosure Code of Practice allows an organisation to keep: the
date of issue, the disclosure type, the position it was for, the reference number and the
recruitment decision (the person's name is on the person). Certificates are never stored.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.model.base import Base, Binnable, Versioned, utc_now
from app.model.person import Stage
from app.model.programme import enum_column


class StageChange(Base):
    """One move along the pipeline, so the days spent in each stage are known."""

    __tablename__ = "stage_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    changed_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)


class InterviewOutcome(enum.StrEnum):
    UNDECIDED = "undecided"
    SUITABLE = "suitable"
    NOT_SUITABLE = "not_suitable"


OUTCOME_LABELS = {
    InterviewOutcome.UNDECIDED: N_("Not decided yet"),
    InterviewOutcome.SUITABLE: N_("Suitable"),
    InterviewOutcome.NOT_SUITABLE: N_("Not suitable"),
}


class Interview(Binnable, Versioned, Base):
    """A face-to-face conversation about taking part, with the assessment checklist."""

    __tablename__ = "interview"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date]
    interviewer: Mapped[str] = mapped_column(String(200), default="")
    #: Keys of the qualities seen (see MENTOR_QUALITIES and MENTEE_QUALITIES).
    qualities: Mapped[list[str]] = mapped_column(JSON, default=list)
    outcome: Mapped[InterviewOutcome] = mapped_column(
        enum_column(InterviewOutcome), default=InterviewOutcome.UNDECIDED
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class Reference(Binnable, Versioned, Base):
    __tablename__ = "reference"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    referee: Mapped[str] = mapped_column(String(200))
    relationship: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    requested_on: Mapped[date | None]
    received_on: Mapped[date | None]
    #: None until the coordinator has read it.
    satisfactory: Mapped[bool | None]
    note: Mapped[str] = mapped_column(Text, default="")


class DisclosureType(enum.StrEnum):
    LEVEL_2 = "level_2"
    SCHEME_RECORD = "scheme_record"
    SCHEME_UPDATE = "scheme_update"
    LEVEL_1 = "level_1"


DISCLOSURE_LABELS = {
    DisclosureType.LEVEL_2: N_("Level 2 disclosure (PVG scheme membership)"),
    DisclosureType.SCHEME_RECORD: N_("PVG scheme record (issued before April 2025)"),
    DisclosureType.SCHEME_UPDATE: N_("PVG scheme record update (issued before April 2025)"),
    DisclosureType.LEVEL_1: N_("Level 1 disclosure (not PVG membership)"),
}


class RecruitmentDecision(enum.StrEnum):
    PENDING = "pending"
    PROCEED = "proceed"
    NOT_PROCEED = "not_proceed"


DECISION_LABELS = {
    RecruitmentDecision.PENDING: N_("Not decided yet"),
    RecruitmentDecision.PROCEED: N_("Go ahead"),
    RecruitmentDecision.NOT_PROCEED: N_("Do not go ahead"),
}


class PvgRecord(Binnable, Versioned, Base):
    """What the Code of Practice allows us to keep about a disclosure, and nothing more."""

    __tablename__ = "pvg_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    issued_on: Mapped[date]
    disclosure_type: Mapped[DisclosureType] = mapped_column(
        enum_column(DisclosureType), default=DisclosureType.LEVEL_2
    )
    position: Mapped[str] = mapped_column(String(200), default="")
    reference_number: Mapped[str] = mapped_column(String(40), default="")
    decision: Mapped[RecruitmentDecision] = mapped_column(
        enum_column(RecruitmentDecision), default=RecruitmentDecision.PENDING
    )
    #: Whether the position is regulated work: leaving it means telling Disclosure Scotland.
    regulated_role: Mapped[bool] = mapped_column(default=True)


class TrainingSession(Binnable, Versioned, Base):
    __tablename__ = "training_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date]
    topic: Mapped[str] = mapped_column(String(200))
    hours: Mapped[float] = mapped_column(Float)


#: What an interviewer looks for in a mentor (the guidance's Tool A, in our own words).
MENTOR_QUALITIES: list[tuple[str, str]] = [
    ("learning_styles", N_("Knows that people learn in different ways, and how they learn best")),
    ("adult_learning", N_("Understands how adults learn and how to make room for learning")),
    ("power", N_("Sees how status and power can tip a mentoring relationship")),
    ("self_knowledge", N_("Can name their own strengths and what they want to improve")),
    ("boundaries", N_("Clear about what a mentor does and does not do")),
    ("empathy", N_("Can see things from the other person's side")),
    ("listening", N_("Listens more than they talk")),
    ("reflective", N_("Looks back on what happened and learns from it")),
    ("rapport", N_("Builds trust and keeps it")),
    ("expectations", N_("Agrees what each person expects, and comes back to it")),
    ("communication", N_("Explains things clearly, face to face and in writing")),
    ("self_management", N_("Manages their own time and workload")),
    ("goal_setting", N_("Helps someone set goals they can reach")),
    ("organised", N_("Organised: keeps appointments and paperwork in order")),
    ("questioning", N_("Asks open questions that help people think for themselves")),
    ("feedback", N_("Gives honest feedback kindly")),
    ("motivating", N_("Encourages people to keep going")),
]

#: What an interviewer looks for in a mentee (the guidance's Tool D, in our own words).
MENTEE_QUALITIES: list[tuple[str, str]] = [
    ("responsibility", N_("Takes ownership of their own development, without blaming others")),
    ("respect", N_("Values the mentor's time: turns up, or rearranges in good time")),
    ("responsive", N_("Open to new ideas and ready to agree actions and try them")),
    ("reflective", N_("Wants to learn from experience and understand themselves better")),
    ("commitment", N_("Can give the time the programme asks for, for the whole relationship")),
    ("induction", N_("Willing to take part in the mentee induction")),
]


class TaskKind(enum.StrEnum):
    NOTIFY_DISCLOSURE_SCOTLAND = "notify_disclosure_scotland"


TASK_LABELS = {
    TaskKind.NOTIFY_DISCLOSURE_SCOTLAND: N_(
        "Tell Disclosure Scotland that {name} no longer does regulated work for us"
    ),
}
