"""A Today item put aside until a date, with the reason the coordinator gave.

An item is known by a key that names the record and the occasion (for example a support
contact with the mentor due on 28/11), so a snooze covers that occasion only: once the
record changes, the item is a new one and the snooze no longer applies. Snoozes are kept after
they run out, so the reason is shown when the item comes back.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base, Versioned


class Snooze(Versioned, Base):
    __tablename__ = "today_snooze"
    __table_args__ = (UniqueConstraint("programme_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    item_key: Mapped[str] = mapped_column(String(200))
    snoozed_on: Mapped[date]
    until: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
