"""The introduction meeting: the pair meet with a member of staff present, and decide together
whether to go ahead."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.model.base import Base, Versioned
from app.model.programme import enum_column


class IntroductionOutcome(enum.StrEnum):
    GO_AHEAD = "go_ahead"
    NOT_A_GOOD_FIT = "not_a_good_fit"


OUTCOME_LABELS = {
    IntroductionOutcome.GO_AHEAD: N_("Go ahead"),
    IntroductionOutcome.NOT_A_GOOD_FIT: N_("Not a good fit"),
}


class Introduction(Versioned, Base):
    __tablename__ = "introduction"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), unique=True)
    held_on: Mapped[date]
    staff_present: Mapped[str] = mapped_column(String(300), default="")
    outcome: Mapped[IntroductionOutcome] = mapped_column(enum_column(IntroductionOutcome))
    notes: Mapped[str] = mapped_column(Text, default="")
