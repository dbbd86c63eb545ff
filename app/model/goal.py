"""Goals a mentee works towards within a match, their action plans and the progress shown.

A goal has a baseline (where the mentee stands at the outset, on the programme's rating scale)
so progress can be shown against it. Dated things are rows: each status change, each progress
rating and each change to a baseline once progress exists is kept, never overwritten.
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.i18n import N_
from app.model.base import Base, Versioned
from app.model.match import Match
from app.model.programme import enum_column


class GoalStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    CHANGED = "changed"
    DROPPED = "dropped"


#: Goals still being worked on (they count towards the suggested maximum).
OPEN_GOAL_STATUSES = (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)


class GoalTerm(enum.StrEnum):
    SHORT = "short"
    LONG = "long"


class RecordedAt(enum.StrEnum):
    """Where a progress rating was agreed."""

    REVIEW = "review"
    MEETING = "meeting"
    OTHER = "other"


GOAL_LABELS: dict[enum.Enum, str] = {
    GoalStatus.NOT_STARTED: N_("Not started"),
    GoalStatus.IN_PROGRESS: N_("In progress"),
    GoalStatus.ACHIEVED: N_("Achieved"),
    GoalStatus.CHANGED: N_("Changed"),
    GoalStatus.DROPPED: N_("Dropped"),
    GoalTerm.SHORT: N_("Short term"),
    GoalTerm.LONG: N_("Long term"),
    RecordedAt.REVIEW: N_("Review"),
    RecordedAt.MEETING: N_("Meeting"),
    RecordedAt.OTHER: N_("Other"),
}


def goal_label(value: enum.Enum) -> str:
    """The translated label for a goal status, term or place a rating was recorded."""
    from app.i18n import _

    return _(GOAL_LABELS[value])


class Goal(Versioned, Base):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    why: Mapped[str] = mapped_column(Text, default="")
    term: Mapped[GoalTerm] = mapped_column(enum_column(GoalTerm), default=GoalTerm.SHORT)
    baseline_rating: Mapped[int | None]
    baseline_note: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    target_rating: Mapped[int | None]
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    start_on: Mapped[date | None]
    target_on: Mapped[date | None]
    status: Mapped[GoalStatus] = mapped_column(
        enum_column(GoalStatus), default=GoalStatus.NOT_STARTED, index=True
    )

    match: Mapped[Match] = relationship()
    actions: Mapped[list[GoalAction]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        order_by="(GoalAction.position, GoalAction.id)",
    )
    ratings: Mapped[list[ProgressRating]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        order_by="(ProgressRating.rated_on, ProgressRating.id)",
    )
    status_changes: Mapped[list[GoalStatusChange]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        order_by="(GoalStatusChange.changed_on, GoalStatusChange.id)",
    )
    baseline_changes: Mapped[list[BaselineChange]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        order_by="(BaselineChange.changed_on, BaselineChange.id)",
    )


class GoalStatusChange(Base):
    """One step in a goal's status history: when, from what, to what and why."""

    __tablename__ = "goal_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    changed_on: Mapped[date]
    from_status: Mapped[GoalStatus | None] = mapped_column(enum_column(GoalStatus), nullable=True)
    to_status: Mapped[GoalStatus] = mapped_column(enum_column(GoalStatus))
    reason: Mapped[str] = mapped_column(Text, default="")

    goal: Mapped[Goal] = relationship(back_populates="status_changes")


class GoalAction(Versioned, Base):
    """One step of a goal's action plan.

    An action agreed at a meeting can be tied to that meeting's action point
    (`action_point_id`); actions typed on the Goals page have none.
    """

    __tablename__ = "goal_action"
    __table_args__ = (
        # Today: the actions still to do, by goal and date (done and removed ones left out).
        # Partial on PostgreSQL too: the migration (0011) says so there. Naming it here
        # would load SQLAlchemy's PostgreSQL dialect and asyncio at every start (about
        # 25 ms of a cold start, for a server few settings have).
        Index(
            "ix_goal_action_open_due",
            "goal_id",
            "due_on",
            sqlite_where=text("done_on IS NULL AND removed_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    timescale: Mapped[str] = mapped_column(String(200), default="")
    milestone: Mapped[str] = mapped_column(Text, default="")
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    who: Mapped[str] = mapped_column(String(200), default="")
    agreed_on: Mapped[date | None]
    due_on: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]
    removed_on: Mapped[date | None]
    position: Mapped[int] = mapped_column(default=0)
    action_point_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_point.id", ondelete="SET NULL"), index=True, unique=True
    )

    goal: Mapped[Goal] = relationship(back_populates="actions")


class ProgressRating(Base):
    """Where the mentee stood on a goal on a date, on the programme's rating scale."""

    __tablename__ = "progress_rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    rated_on: Mapped[date]
    rating: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[RecordedAt] = mapped_column(
        enum_column(RecordedAt), default=RecordedAt.MEETING
    )

    goal: Mapped[Goal] = relationship(back_populates="ratings")


class BaselineChange(Base):
    """A baseline changed after progress was recorded against it: the old and new values and
    the reason, so the evidence of progress is never rewritten silently."""

    __tablename__ = "baseline_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    changed_on: Mapped[date]
    old_rating: Mapped[int | None]
    new_rating: Mapped[int | None]
    old_note: Mapped[str] = mapped_column(Text, default="")
    new_note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)

    goal: Mapped[Goal] = relationship(back_populates="baseline_changes")
