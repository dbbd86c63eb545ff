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
from app.model.base import Base, Binnable, Versioned
from app.model.programme import Programme, enum_column


class Role(enum.StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


ROLE_LABELS = {Role.MENTOR: N_("Mentor"), Role.MENTEE: N_("Mentee")}
#: A heading for what someone does in one role, whole for each role (a role word put into a
#: sentence reads wrongly in Gaelic).
AS_ROLE = {Role.MENTOR: N_("As a mentor"), Role.MENTEE: N_("As a mentee")}


class Stage(enum.StrEnum):
    """Where someone is on the way from first enquiry to a match (and out again)."""

    ENQUIRY = "enquiry"
    APPLIED = "applied"
    INTERVIEW = "interview"
    REFERENCES = "references"
    CHECKS = "checks"
    TRAINING = "training"
    READY = "ready"
    MATCHED = "matched"
    ON_HOLD = "on_hold"
    WITHDRAWN = "withdrawn"
    LEFT = "left"


STAGE_LABELS = {
    Stage.ENQUIRY: N_("Enquiry"),
    Stage.APPLIED: N_("Applied"),
    Stage.INTERVIEW: N_("Interview"),
    Stage.REFERENCES: N_("References"),
    Stage.CHECKS: N_("Checks"),
    Stage.TRAINING: N_("Training or induction"),
    Stage.READY: N_("Ready"),
    Stage.MATCHED: N_("Matched"),
    Stage.ON_HOLD: N_("On hold"),
    Stage.WITHDRAWN: N_("Withdrawn"),
    Stage.LEFT: N_("Left"),
}

#: Stages in which someone is out of the running: never offered a match.
INACTIVE_STAGES = (Stage.ON_HOLD, Stage.WITHDRAWN, Stage.LEFT)
#: Stages that mean someone has gone: leaving a regulated role starts a PVG notification.
GONE_STAGES = (Stage.WITHDRAWN, Stage.LEFT)


class ConsentBasis(enum.StrEnum):
    """The lawful basis (UK GDPR article 6) for holding someone's details."""

    NOT_RECORDED = "not_recorded"
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGITIMATE_INTERESTS = "legitimate_interests"
    LEGAL_OBLIGATION = "legal_obligation"


CONSENT_LABELS = {
    ConsentBasis.NOT_RECORDED: N_("Not recorded yet"),
    ConsentBasis.CONSENT: N_("Consent"),
    ConsentBasis.CONTRACT: N_("Contract (employment)"),
    ConsentBasis.LEGITIMATE_INTERESTS: N_("Legitimate interests"),
    ConsentBasis.LEGAL_OBLIGATION: N_("Legal obligation"),
}


class Person(Binnable, Versioned, Base):
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

    # Further details (issue 3): every text column defaults to "" so old files upgrade cleanly.
    date_of_birth: Mapped[date | None] = mapped_column(index=True)
    gender: Mapped[str] = mapped_column(String(60), default="", server_default="")
    postcode: Mapped[str] = mapped_column(String(10), default="", server_default="")
    locality: Mapped[str] = mapped_column(String(100), default="", server_default="")
    line_manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    line_manager_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    sssc_number: Mapped[str] = mapped_column(String(20), default="", server_default="")
    sssc_category: Mapped[str] = mapped_column(String(200), default="", server_default="")
    qualifications: Mapped[str] = mapped_column(Text, default="", server_default="")
    availability: Mapped[str] = mapped_column(Text, default="", server_default="")
    interests: Mapped[str] = mapped_column(Text, default="", server_default="")
    areas_to_develop: Mapped[str] = mapped_column(Text, default="", server_default="")
    partner_preferences: Mapped[str] = mapped_column(Text, default="", server_default="")
    preference_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    languages: Mapped[str] = mapped_column(String(200), default="", server_default="")
    access_needs: Mapped[str] = mapped_column(Text, default="", server_default="")
    consent_on: Mapped[date | None]
    consent_basis: Mapped[ConsentBasis] = mapped_column(
        enum_column(ConsentBasis),
        default=ConsentBasis.NOT_RECORDED,
        server_default=ConsentBasis.NOT_RECORDED.value,
    )
    #: The day they left the programme entirely (every role withdrawn or left): the retention
    #: period for their records runs from here. None while they are still taking part.
    retention_from: Mapped[date | None]

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


class Participant(Binnable, Versioned, Base):
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

    # The pipeline and the screening steps recorded once per role (issue 3).
    stage: Mapped[Stage] = mapped_column(
        enum_column(Stage), default=Stage.ENQUIRY, server_default=Stage.ENQUIRY.value
    )
    stage_on: Mapped[date | None]
    stage_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    application_on: Mapped[date | None]
    code_signed_on: Mapped[date | None]
    induction_on: Mapped[date | None]

    person: Mapped[Person] = relationship(back_populates="roles")
    programme: Mapped[Programme] = relationship()
