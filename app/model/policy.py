"""The programme's written mentoring policy, kept as numbered versions.

A version starts as a draft the coordinator edits passage by passage. Approving it fixes its
text and date for good; a later change makes a new draft with the next number, so an agreement
printed years later can say which wording was in force when it was signed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.model.base import Base, Versioned


class ApprovedPolicyChanged(Exception):
    """Raised (a bug, never the user's doing) when code tries to change approved wording."""


class PolicyVersion(Versioned, Base):
    __tablename__ = "policy_version"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    started_on: Mapped[date]
    approved_on: Mapped[date | None]
    approved_by: Mapped[str] = mapped_column(String(200), default="")

    passages: Mapped[list[PolicyPassage]] = relationship(
        back_populates="policy_version",
        cascade="all, delete-orphan",
        order_by="PolicyPassage.position",
    )

    @property
    def approved(self) -> bool:
        return self.approved_on is not None


class PolicyPassage(Versioned, Base):
    """One numbered section of a policy version: its heading and its wording."""

    __tablename__ = "policy_passage"
    __table_args__ = (UniqueConstraint("policy_version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_version.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")

    policy_version: Mapped[PolicyVersion] = relationship(back_populates="passages")


@event.listens_for(Session, "before_flush")
def _approved_wording_is_fixed(session: Session, _context: object, _instances: object) -> None:
    """The last line of defence: approved text and dates never change, whatever the caller."""
    from sqlalchemy import inspect

    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, PolicyPassage):
            version = obj.policy_version
            approving_now = bool(inspect(version).attrs.approved_on.history.added)
            was_approved = version.approved_on is not None and not approving_now
            if was_approved and (session.is_modified(obj) or obj in session.deleted):
                raise ApprovedPolicyChanged(f"passage {obj.key} of an approved policy version")
        elif isinstance(obj, PolicyVersion):
            history = inspect(obj).attrs.approved_on.history
            if history.deleted and history.deleted[0] is not None:
                raise ApprovedPolicyChanged(f"approval of policy version {obj.number}")
            if obj.approved_on is not None and not history.added:
                for name in ("title", "number", "approved_by"):
                    if inspect(obj).attrs[name].history.has_changes():
                        raise ApprovedPolicyChanged(f"{name} of policy version {obj.number}")
            if obj in session.deleted and obj.approved_on is not None:
                raise ApprovedPolicyChanged(f"deleting approved policy version {obj.number}")
