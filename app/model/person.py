"""People and the roles they hold in programmes.

A Person is one human being, whatever they do; a Participant is that person's role (mentor or
mentee) in one programme, so someone can mentor in one programme and be mentored in another.
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.i18n import N_
from app.model.base import Base, Versioned
from app.model.programme import Programme, enum_column


class Role(enum.StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


ROLE_LABELS = {Role.MENTOR: N_("Mentor"), Role.MENTEE: N_("Mentee")}


class Person(Versioned, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    setting: Mapped[str] = mapped_column(String(200), default="")
    job_role: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    removed_on: Mapped[date | None]

    roles: Mapped[list[Participant]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def known_as(self) -> str:
        """The name to use when talking to them: preferred name if given."""
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}".strip()


class Participant(Versioned, Base):
    """A person's role in one programme."""

    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("programme_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    joined_on: Mapped[date | None]

    person: Mapped[Person] = relationship(back_populates="roles")
    programme: Mapped[Programme] = relationship()
