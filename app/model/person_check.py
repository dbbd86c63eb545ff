"""Something to check on a person's record: a questionable value from an import (an e-mail
without a domain ending, an impossible date, a PVG number a spreadsheet may have changed),
kept with where it came from until the coordinator marks it checked."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base, Versioned


class PersonCheck(Versioned, Base):
    __tablename__ = "person_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    #: The field it is about ("email", "pvg_number", ...), or "" for the record as a whole.
    field: Mapped[str] = mapped_column(String(40), default="")
    message: Mapped[str] = mapped_column(Text)
    #: Where it came from, in the coordinator's words ("Import of staff.xlsx, row 12").
    source: Mapped[str] = mapped_column(String(300), default="")
    raised_on: Mapped[date]
    checked_on: Mapped[date | None]
