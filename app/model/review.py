"""Reviews of a match's agreement, held every few months as the agreement says.

A review records who took part, whether the relationship is working for each of them, whether
the goals are still the right ones, the progress seen against the baselines, what changes were
agreed and the decision: carry on, extend (a new planned end, agreed by both), or move to
ending. An extension keeps the planned end it replaced, so the timeline can show it.
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.model.base import Base, Versioned
from app.model.programme import enum_column


class Working(enum.StrEnum):
    """Is the relationship working for this person?"""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


WORKING_LABELS = {
    Working.YES: N_("Yes, it is working"),
    Working.PARTLY: N_("Partly"),
    Working.NO: N_("No, not at the moment"),
}


class ReviewDecision(enum.StrEnum):
    CONTINUE = "continue"
    EXTEND = "extend"
    MOVE_TO_ENDING = "ending"


REVIEW_DECISION_LABELS = {
    ReviewDecision.CONTINUE: N_("Carry on as agreed"),
    ReviewDecision.EXTEND: N_("Extend the relationship"),
    ReviewDecision.MOVE_TO_ENDING: N_("Move to ending"),
}


class Review(Versioned, Base):
    __tablename__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date]
    due_on: Mapped[date | None]
    mentor_present: Mapped[bool] = mapped_column(default=True)
    mentee_present: Mapped[bool] = mapped_column(default=True)
    coordinator_present: Mapped[bool] = mapped_column(default=True)
    others_present: Mapped[str] = mapped_column(String(300), default="")
    working_for_mentor: Mapped[Working | None] = mapped_column(enum_column(Working))
    working_for_mentee: Mapped[Working | None] = mapped_column(enum_column(Working))
    goals_still_right: Mapped[bool | None]
    goals_note: Mapped[str] = mapped_column(Text, default="")
    progress_note: Mapped[str] = mapped_column(Text, default="")
    changes_agreed: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[ReviewDecision] = mapped_column(enum_column(ReviewDecision))
    # An extension: the planned end before and after, and when each party agreed to it
    previous_end_on: Mapped[date | None]
    new_end_on: Mapped[date | None]
    mentor_agreed_on: Mapped[date | None]
    mentee_agreed_on: Mapped[date | None]
    next_review_on: Mapped[date | None]
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
