"""A mentoring programme and the rules it runs by.

The rules (durations, frequencies, screening steps, matching weights, support contacts,
retention) are columns here so every service reads them from one place; no page hard-codes a
number. Defaults follow the standards in the domain brief.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from sqlalchemy import JSON, Enum, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.model.base import Base, Versioned


def enum_column(enum_cls: type[enum.Enum]) -> Enum:
    """Store an enum as its string value in a plain column (portable: no native enum types)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class ProgrammeModel(enum.StrEnum):
    SINGLE_ORGANISATION = "single_organisation"
    SHARED_PARTNERSHIP = "shared_partnership"
    PEER_GROUP = "peer_group"


class MentoringType(enum.StrEnum):
    ONE_TO_ONE = "one_to_one"
    GROUP = "group"
    TEAM = "team"
    PEER = "peer"


class ProgrammeStatus(enum.StrEnum):
    PLANNING = "planning"
    RUNNING = "running"
    ENDED = "ended"


class SupportContactRule(enum.StrEnum):
    """How often the coordinator checks in with each party."""

    TWICE_FIRST_MONTH_THEN_MONTHLY = "twice_then_monthly"
    FIFTH_EDITION = "fifth_edition"
    CUSTOM = "custom"


LABELS: dict[enum.Enum, str] = {
    ProgrammeModel.SINGLE_ORGANISATION: N_("Single organisation"),
    ProgrammeModel.SHARED_PARTNERSHIP: N_("Shared partnership"),
    ProgrammeModel.PEER_GROUP: N_("Peer group"),
    MentoringType.ONE_TO_ONE: N_("One-to-one"),
    MentoringType.GROUP: N_("Group"),
    MentoringType.TEAM: N_("Team"),
    MentoringType.PEER: N_("Peer"),
    ProgrammeStatus.PLANNING: N_("Planning"),
    ProgrammeStatus.RUNNING: N_("Running"),
    ProgrammeStatus.ENDED: N_("Ended"),
    SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY: N_("Twice in the first month, then monthly"),
    SupportContactRule.FIFTH_EDITION: N_(
        "Monthly check-ins in the first year; in-depth meetings monthly for three months, "
        "then quarterly"
    ),
    SupportContactRule.CUSTOM: N_("Custom"),
}


def label(value: enum.Enum) -> str:
    """The translated, human label for an enum value."""
    from app.i18n import _

    return _(LABELS[value])


DEFAULT_MATCHING_WEIGHTS: dict[str, int] = {
    "availability": 3,
    "locality": 2,
    "interests": 2,
    "preferences": 2,
    "experience": 1,
}


class Programme(Versioned, Base):
    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    coordinator: Mapped[str] = mapped_column(String(200), default="")
    #: How the pair reach the coordinator, printed on their paperwork (the meeting-log pack).
    coordinator_phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    coordinator_email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    programme_model: Mapped[ProgrammeModel] = mapped_column(
        enum_column(ProgrammeModel), default=ProgrammeModel.SINGLE_ORGANISATION
    )
    partner_organisations: Mapped[str] = mapped_column(Text, default="")
    mentoring_type: Mapped[MentoringType] = mapped_column(
        enum_column(MentoringType), default=MentoringType.ONE_TO_ONE
    )
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    status: Mapped[ProgrammeStatus] = mapped_column(
        enum_column(ProgrammeStatus), default=ProgrammeStatus.PLANNING
    )
    archived_on: Mapped[date | None]

    # Relationship rules
    max_mentees_per_mentor: Mapped[int] = mapped_column(default=1)
    relationship_months: Mapped[int] = mapped_column(default=12)
    review_interval_months: Mapped[int] = mapped_column(default=3)
    min_meetings_per_month: Mapped[int] = mapped_column(default=1)
    min_meeting_minutes: Mapped[int] = mapped_column(default=60)
    max_meeting_minutes: Mapped[int] = mapped_column(default=120)
    max_contacts_between_meetings: Mapped[int] = mapped_column(default=2)
    cancellation_notice_hours: Mapped[int] = mapped_column(default=24)
    log_to_mentor_within_days: Mapped[int] = mapped_column(default=7)

    # Screening steps required before someone can be matched
    require_application: Mapped[bool] = mapped_column(default=True)
    require_interview: Mapped[bool] = mapped_column(default=True)
    references_required: Mapped[int] = mapped_column(default=2)
    require_pvg: Mapped[bool] = mapped_column(default=True)
    min_training_hours: Mapped[int] = mapped_column(default=2)
    require_mentee_induction: Mapped[bool] = mapped_column(default=True)
    require_code_of_conduct: Mapped[bool] = mapped_column(default=True)

    # Matching and support
    matching_weights: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=lambda: dict(DEFAULT_MATCHING_WEIGHTS)
    )
    support_contact_rule: Mapped[SupportContactRule] = mapped_column(
        enum_column(SupportContactRule), default=SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY
    )
    custom_contacts_first_month: Mapped[int] = mapped_column(default=2)
    custom_contact_interval_weeks: Mapped[int] = mapped_column(default=4)
    retention_months: Mapped[int] = mapped_column(default=36)

    # Goals: the top of the progress rating scale (ratings run from 1) and how many open goals
    # a mentee is encouraged to start with
    goal_rating_scale_max: Mapped[int] = mapped_column(default=10, server_default=text("10"))
    suggested_max_goals: Mapped[int] = mapped_column(default=3, server_default=text("3"))

    # Today: how long someone may stay in one pipeline stage, and a mentee wait for a match,
    # before the Today page says so
    stage_stuck_days: Mapped[int] = mapped_column(default=30, server_default=text("30"))
    mentee_wait_days: Mapped[int] = mapped_column(default=60, server_default=text("60"))

    @property
    def archived(self) -> bool:
        return self.archived_on is not None
