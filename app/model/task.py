"""Things the coordinator must do by a date, made by the system when something happens (for
example, telling Disclosure Scotland that a PVG member has left a regulated role)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base, Versioned
from app.model.programme import enum_column
from app.model.screening import TaskKind


class Task(Versioned, Base):
    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TaskKind] = mapped_column(enum_column(TaskKind))
    due_on: Mapped[date]
    done_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
