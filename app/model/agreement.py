"""The mentoring agreement for a match, and when each person signed the paper copy.

The programme's rules are copied in when the agreement is drawn up, so a signed agreement keeps
saying what was signed even if the programme's rules change later. The policy version in force
is copied in the same way. The match becomes active only when every signature is recorded.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base, Versioned


class Agreement(Versioned, Base):
    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), unique=True)
    # The programme's rules when the agreement was drawn up
    relationship_months: Mapped[int]
    review_interval_months: Mapped[int]
    min_meetings_per_month: Mapped[int]
    min_meeting_minutes: Mapped[int]
    max_meeting_minutes: Mapped[int]
    max_contacts_between_meetings: Mapped[int]
    cancellation_notice_hours: Mapped[int]
    # What the pair agree
    issues: Mapped[str] = mapped_column(Text, default="")
    mentor_role: Mapped[str] = mapped_column(Text, default="")
    mentee_role: Mapped[str] = mapped_column(Text, default="")
    agreed_on: Mapped[date | None]
    review_on: Mapped[date | None]
    policy_version: Mapped[int | None]
    policy_approved_on: Mapped[date | None]
    # Signed on paper
    mentor_signed_on: Mapped[date | None]
    mentee_signed_on: Mapped[date | None]
    coordinator_signed_on: Mapped[date | None]
    signatures_recorded_by: Mapped[str] = mapped_column(String(200), default="")
