"""A closure with every required step done, for tests that need a match closed properly."""

from __future__ import annotations

from datetime import date

from app.model.ending import ClosurePath, MenteeNext, MentorNext, TakePartAgain
from app.services.endings import DEFAULT_CONTACT_RULE, ClosureDetails


def complete_closure(
    end_on: date,
    *,
    mentee_next: MenteeNext = MenteeNext.REMATCH,
    mentor_next: MentorNext = MentorNext.CONTINUES,
) -> ClosureDetails:
    return ClosureDetails(
        step="confirm",
        path=ClosurePath.PLANNED,
        reasons="The agreed twelve months are up and the goals were met.",
        end_on=end_on,
        final_meeting_on=end_on,
        mentor_exit_on=end_on,
        mentor_went_well="Regular meetings.",
        mentor_again=TakePartAgain.YES,
        mentee_exit_on=end_on,
        mentee_went_well="Confidence with parents.",
        mentee_again=TakePartAgain.YES,
        contact_rule=DEFAULT_CONTACT_RULE,
        mentor_acknowledged_on=end_on,
        mentee_acknowledged_on=end_on,
        mentee_next=mentee_next,
        mentor_next=mentor_next,
        certificates_on=end_on,
        confirmed_on=end_on,
        confirmed_by="Seonag Mhoireach",
    )
