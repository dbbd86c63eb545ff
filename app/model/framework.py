"""The planning a coordinator does before a programme starts: answers to the self-assessment
questions (one row per question) and where they had got to in the planning wizard.

The questions themselves live in `app.services.framework`; a row only holds the answer, keyed
by "section.question", so rewording a question never loses what was written.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base, Versioned


class PlanningAnswer(Versioned, Base):
    __tablename__ = "planning_answer"
    __table_args__ = (UniqueConstraint("programme_id", "question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(64))
    answer: Mapped[str] = mapped_column(Text, default="")


class PlanningProgress(Versioned, Base):
    """Where the coordinator left the planning wizard, and when they finished it."""

    __tablename__ = "planning_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), unique=True
    )
    current_step: Mapped[str] = mapped_column(String(64), default="")
    completed_on: Mapped[date | None]
