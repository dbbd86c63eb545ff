"""The risk assessment for a match: what could go wrong for these two, and what is done about it.

One per match, made before the introduction and looked at again when the match is reviewed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base, Versioned


class RiskAssessment(Versioned, Base):
    __tablename__ = "risk_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), unique=True)
    assessed_on: Mapped[date]
    assessed_by: Mapped[str] = mapped_column(String(200), default="")
    risks: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[date | None]
