"""How a match is brought to a close: the closure record the ending wizard fills in.

One row per match, saved step by step so the wizard can be left and resumed. A match that has
started cannot be marked closed until every required step here is done (see
`app/services/closure_steps.py`): how and why it ended, the final meeting (or why there was
none), an exit conversation with each party, each party's acknowledgement of the rule on
contact after closure, what happens next for the mentee and the mentor, the certificates, and
the coordinator's confirmation that the procedure was followed.
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.model.base import Base, Versioned
from app.model.programme import enum_column


class ClosurePath(enum.StrEnum):
    PLANNED = "planned"
    EARLY = "early"


CLOSURE_PATH_LABELS = {
    ClosurePath.PLANNED: N_("Planned ending: the agreed length has been reached"),
    ClosurePath.EARLY: N_("Early ending: before the agreed length"),
}


class EarlyBy(enum.StrEnum):
    """Who or what brought an early ending about."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    PROGRAMME = "programme"
    UNREACHABLE = "unreachable"
    SAFEGUARDING = "safeguarding"


EARLY_BY_LABELS = {
    EarlyBy.MENTOR: N_("The mentor decided to end it"),
    EarlyBy.MENTEE: N_("The mentee decided to end it"),
    EarlyBy.PROGRAMME: N_("The programme ended it"),
    EarlyBy.UNREACHABLE: N_("Someone could not be reached, or left"),
    EarlyBy.SAFEGUARDING: N_("A safeguarding concern"),
}


class TakePartAgain(enum.StrEnum):
    YES = "yes"
    MAYBE = "maybe"
    NO = "no"


TAKE_PART_AGAIN_LABELS = {
    TakePartAgain.YES: N_("Yes"),
    TakePartAgain.MAYBE: N_("Perhaps"),
    TakePartAgain.NO: N_("No"),
}


class MenteeNext(enum.StrEnum):
    """The re-match decision for the mentee."""

    REMATCH = "rematch"
    WAIT = "wait"
    NO_REMATCH = "no_rematch"
    LEAVES = "leaves"


MENTEE_NEXT_LABELS = {
    MenteeNext.REMATCH: N_("Find them a new mentor now"),
    MenteeNext.WAIT: N_("Wait, then talk about a new mentor"),
    MenteeNext.NO_REMATCH: N_("No new mentor: they stay in the programme"),
    MenteeNext.LEAVES: N_("They leave the programme"),
}


class MentorNext(enum.StrEnum):
    """Whether the mentor goes on mentoring."""

    CONTINUES = "continues"
    BREAK = "break"
    LEAVES = "leaves"


MENTOR_NEXT_LABELS = {
    MentorNext.CONTINUES: N_("Goes on mentoring: ready for another match"),
    MentorNext.BREAK: N_("Takes a break before another match"),
    MentorNext.LEAVES: N_("Leaves the programme"),
}


class MatchClosure(Versioned, Base):
    __tablename__ = "match_closure"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), unique=True)
    started_on: Mapped[date]
    step: Mapped[str] = mapped_column(String(40), default="")
    # How and why it ended
    path: Mapped[ClosurePath | None] = mapped_column(enum_column(ClosurePath))
    early_by: Mapped[EarlyBy | None] = mapped_column(enum_column(EarlyBy))
    not_a_good_fit: Mapped[bool] = mapped_column(default=False)
    reasons: Mapped[str] = mapped_column(Text, default="")
    end_on: Mapped[date | None]
    # The final meeting, or why there was none
    final_meeting_on: Mapped[date | None]
    no_final_meeting: Mapped[str] = mapped_column(Text, default="")
    # Exit conversations
    mentor_exit_on: Mapped[date | None]
    mentor_exit_missed: Mapped[str] = mapped_column(Text, default="")
    mentor_went_well: Mapped[str] = mapped_column(Text, default="")
    mentor_changed: Mapped[str] = mapped_column(Text, default="")
    mentor_better: Mapped[str] = mapped_column(Text, default="")
    mentor_again: Mapped[TakePartAgain | None] = mapped_column(enum_column(TakePartAgain))
    mentee_exit_on: Mapped[date | None]
    mentee_exit_missed: Mapped[str] = mapped_column(Text, default="")
    mentee_went_well: Mapped[str] = mapped_column(Text, default="")
    mentee_changed: Mapped[str] = mapped_column(Text, default="")
    mentee_better: Mapped[str] = mapped_column(Text, default="")
    mentee_again: Mapped[TakePartAgain | None] = mapped_column(enum_column(TakePartAgain))
    # Contact after closure: the rule, and each party's acknowledgement
    contact_rule: Mapped[str] = mapped_column(Text, default="")
    mentor_acknowledged_on: Mapped[date | None]
    mentee_acknowledged_on: Mapped[date | None]
    acknowledgement_missed: Mapped[str] = mapped_column(Text, default="")
    # What happens next
    mentee_next: Mapped[MenteeNext | None] = mapped_column(enum_column(MenteeNext))
    mentor_next: Mapped[MentorNext | None] = mapped_column(enum_column(MentorNext))
    next_note: Mapped[str] = mapped_column(Text, default="")
    caution_acknowledged: Mapped[bool] = mapped_column(default=False)
    # Celebration
    certificates_on: Mapped[date | None]
    no_certificates: Mapped[str] = mapped_column(Text, default="")
    # The coordinator's confirmation
    confirmed_on: Mapped[date | None]
    confirmed_by: Mapped[str] = mapped_column(String(200), default="")
