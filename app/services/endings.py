"""Endings: bringing a match to a close step by step, and what follows for each person.

The ending wizard calls `begin_ending` once (the match moves to "ending" and a closure record
is made), `save_closure` after each step (so it can be left and resumed), and `close_match` at
the end. Closing is refused while a required step is missing (`closure_steps`). Closing
carries out the decisions: a person who leaves the programme is marked as having left, which
raises the Disclosure Scotland task for a PVG holder and starts their retention period.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.formatting import format_date
from app.i18n import N_, _
from app.model import EndingKind, MatchClosure, MatchStatus, MeetingLog, Participant
from app.model.ending import ClosurePath, EarlyBy, MenteeNext, MentorNext, TakePartAgain
from app.model.match import MATCH_STATUS_LABELS
from app.model.person import GONE_STAGES, Stage
from app.services import closure_steps, matching, people
from app.services.changes import Changes
from app.services.errors import ActionRefused, check
from app.services.lookups import get_match
from app.services.meetings import pair_names
from app.services.validation import text_errors

#: Matches from which an ending can begin.
ENDABLE = (MatchStatus.ACTIVE, MatchStatus.PAUSED, MatchStatus.ENDING)

DEFAULT_CONTACT_RULE = (
    "Once the relationship has closed, the mentor and mentee are not in touch through the "
    "programme. If either wants to stay in touch, or meets the other at work, they keep it "
    "professional, and anything that worries them goes to the coordinator."
)


@dataclass(frozen=True)
class ClosureDetails:
    """Everything the ending wizard edits; the same names as the closure record."""

    step: str = ""
    path: ClosurePath | None = None
    early_by: EarlyBy | None = None
    not_a_good_fit: bool = False
    reasons: str = ""
    end_on: date | None = None
    final_meeting_on: date | None = None
    no_final_meeting: str = ""
    mentor_exit_on: date | None = None
    mentor_exit_missed: str = ""
    mentor_went_well: str = ""
    mentor_changed: str = ""
    mentor_better: str = ""
    mentor_again: TakePartAgain | None = None
    mentee_exit_on: date | None = None
    mentee_exit_missed: str = ""
    mentee_went_well: str = ""
    mentee_changed: str = ""
    mentee_better: str = ""
    mentee_again: TakePartAgain | None = None
    contact_rule: str = ""
    mentor_acknowledged_on: date | None = None
    mentee_acknowledged_on: date | None = None
    acknowledgement_missed: str = ""
    mentee_next: MenteeNext | None = None
    mentor_next: MentorNext | None = None
    next_note: str = ""
    caution_acknowledged: bool = False
    certificates_on: date | None = None
    no_certificates: str = ""
    confirmed_on: date | None = None
    confirmed_by: str = ""


FIELDS = tuple(f.name for f in fields(ClosureDetails))


def details_of(closure: MatchClosure) -> ClosureDetails:
    return ClosureDetails(**{name: getattr(closure, name) for name in FIELDS})


@dataclass(frozen=True)
class ClosureView:
    """What the ending wizard and the closure record show about one match."""

    match_id: int
    programme_id: int
    mentor_name: str
    mentee_name: str
    programme: str
    organisation: str
    coordinator: str
    status: MatchStatus
    started_on: date | None
    planned_end_on: date | None
    ended_on: date | None
    meetings: int
    last_met_on: date | None
    details: ClosureDetails
    missing: list[closure_steps.MissingStep]
    caution: str | None

    @property
    def months(self) -> int:
        """Whole months the relationship lasted (to its end, or to the last meeting)."""
        start = self.started_on
        end = self.details.end_on or self.ended_on or self.last_met_on
        if start is None or end is None or end < start:
            return 0
        return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _unsaved(d: ClosureDetails) -> MatchClosure:
    return MatchClosure(**{name: getattr(d, name) for name in FIELDS})


def missing_steps_of(d: ClosureDetails) -> list[closure_steps.MissingStep]:
    """The steps still missing from answers not yet saved (the wizard's list)."""
    return closure_steps.missing_steps(_unsaved(d))


def caution_of(d: ClosureDetails) -> str | None:
    """The re-match caution for these answers, or None."""
    return closure_steps.rematch_caution(_unsaved(d))


def _closure(s: Session, match_id: int) -> MatchClosure | None:
    return s.scalar(select(MatchClosure).where(MatchClosure.match_id == match_id))


def _meetings(s: Session, match_id: int) -> tuple[int, date | None]:
    count, last = s.execute(
        select(func.count(), func.max(MeetingLog.held_on)).where(
            MeetingLog.match_id == match_id, MeetingLog.removed_on.is_(None)
        )
    ).one()
    return int(count or 0), last


def closure_view(s: Session, match_id: int) -> ClosureView:
    match = get_match(s, match_id)
    closure = _closure(s, match_id)
    names = pair_names(s, [match_id]).get(match_id, ("", ""))
    meeting_count, last = _meetings(s, match_id)
    programme = match.programme
    return ClosureView(
        match_id=match_id,
        programme_id=match.programme_id,
        mentor_name=names[0],
        mentee_name=names[1],
        programme=programme.name,
        organisation=programme.organisation,
        coordinator=programme.coordinator,
        status=match.status,
        started_on=match.started_on,
        planned_end_on=match.planned_end_on,
        ended_on=match.ended_on,
        meetings=meeting_count,
        last_met_on=last,
        details=details_of(closure) if closure else ClosureDetails(),
        missing=closure_steps.missing_steps(closure),
        caution=closure_steps.rematch_caution(closure) if closure else None,
    )


def begin_ending(s: Session, match_id: int, today: date, by: str = "") -> Changes:
    """Start the ending procedure: the match moves to "ending" and gets a closure record,
    filled in with what is known (a planned ending once the planned end has come)."""
    match = get_match(s, match_id)
    if match.status not in ENDABLE:
        raise ActionRefused(
            _("Only an active or paused match can be ended. This one is {status}.").format(
                status=_(MATCH_STATUS_LABELS[match.status]).lower()
            )
        )
    if match.status is not MatchStatus.ENDING:
        matching.change_status(
            s, match_id, MatchStatus.ENDING, today, today, by, _("The ending procedure began.")
        )
    if _closure(s, match_id) is None:
        planned = match.planned_end_on is not None and match.planned_end_on <= today
        last = _meetings(s, match_id)[1]
        s.add(
            MatchClosure(
                match_id=match_id,
                started_on=today,
                step=closure_steps.STEP_HOW,
                path=ClosurePath.PLANNED if planned else None,
                end_on=match.planned_end_on if planned else None,
                final_meeting_on=last if planned else None,
                contact_rule=_(DEFAULT_CONTACT_RULE),
            )
        )
        s.flush()
    return matching.MATCHES


def _not_future(errors: dict[str, str], name: str, on: date | None, today: date) -> None:
    if on is not None and on > today:
        errors[name] = _("This date has not come yet. Record it on the day or later.")


def validate_closure(d: ClosureDetails, today: date, started_on: date | None) -> dict[str, str]:
    """Field messages for what is wrong (not what is missing: that is `closure_steps`)."""
    errors = text_errors(d)
    dated = (
        "end_on",
        "final_meeting_on",
        "mentor_exit_on",
        "mentee_exit_on",
        "mentor_acknowledged_on",
        "mentee_acknowledged_on",
        "certificates_on",
        "confirmed_on",
    )
    for name in dated:
        on = getattr(d, name)
        _not_future(errors, name, on, today)
        if name not in errors and on is not None and started_on is not None and on < started_on:
            errors[name] = _("This is before the relationship started ({on}).").format(
                on=format_date(started_on)
            )
    if d.path is ClosurePath.PLANNED and d.early_by is not None:
        errors["early_by"] = _("Say who ended it only when the ending was early.")
    if (
        "final_meeting_on" not in errors
        and d.final_meeting_on is not None
        and d.end_on is not None
        and d.final_meeting_on > d.end_on
    ):
        errors["final_meeting_on"] = _("The final meeting is on or before the day it ended.")
    return errors


def save_closure(s: Session, match_id: int, d: ClosureDetails, today: date) -> Changes:
    """Save the wizard's answers so far (the ending can be left and resumed)."""
    match = get_match(s, match_id)
    closure = _closure(s, match_id)
    if closure is None:
        raise ActionRefused(_("Begin the ending first."))
    if match.status is MatchStatus.CLOSED:
        raise ActionRefused(_("This match is already closed, so its ending cannot be changed."))
    check(validate_closure(d, today, match.started_on))
    for name in FIELDS:
        value = getattr(d, name)
        setattr(closure, name, value.strip() if type(value) is str else value)  # enums are str too
    if d.path is ClosurePath.PLANNED:
        closure.early_by = None
    return matching.MATCHES


def _ending_kind(closure: MatchClosure) -> EndingKind:
    if closure.path is ClosurePath.PLANNED:
        return EndingKind.PLANNED
    if closure.early_by is EarlyBy.SAFEGUARDING:
        return EndingKind.CONCERN
    if closure.not_a_good_fit:
        return EndingKind.NOT_A_GOOD_FIT
    return EndingKind.EARLY


def _move(s: Session, participant_id: int, stage: Stage, on: date, reason: str) -> Changes:
    participant = s.get(Participant, participant_id)
    if participant is None or participant.stage in GONE_STAGES or participant.stage is stage:
        return Changes()
    return people.set_stage(s, participant_id, stage, max(on, participant.stage_on or on), reason)


def close_match(s: Session, match_id: int, today: date, by: str = "") -> Changes:
    """Close the match once every required step is done, and carry out what was decided for
    the mentee and the mentor."""
    match = get_match(s, match_id)
    closure = _closure(s, match_id)
    missing = closure_steps.missing_steps(closure)
    if closure is None or missing:
        raise ActionRefused(closure_steps.refusal_text(missing))
    assert closure.end_on is not None, "a closure with no missing step has an end date"
    changes = matching.change_status(
        s,
        match_id,
        MatchStatus.CLOSED,
        closure.end_on,
        today,
        by,
        closure.reasons,
        ending=_ending_kind(closure),
    )
    closure.step = closure_steps.STEP_CONFIRM
    on = closure.end_on
    mentee_stage = _MENTEE_STAGE.get(closure.mentee_next) if closure.mentee_next else None
    mentor_stage = _MENTOR_STAGE.get(closure.mentor_next) if closure.mentor_next else None
    if mentee_stage:
        changes |= _move(s, match.mentee_id, mentee_stage[0], on, _(mentee_stage[1]))
    if mentor_stage:
        changes |= _move(s, match.mentor_id, mentor_stage[0], on, _(mentor_stage[1]))
    return changes | Changes(people=True)


#: Where each decision about what comes next puts the person (none: back on the list).
_MENTEE_STAGE = {
    MenteeNext.WAIT: (Stage.ON_HOLD, N_("Waiting a while before a new mentor is discussed.")),
    MenteeNext.NO_REMATCH: (Stage.ON_HOLD, N_("No new mentor after their match closed.")),
    MenteeNext.LEAVES: (Stage.LEFT, N_("Left when their match closed.")),
}
_MENTOR_STAGE = {
    MentorNext.BREAK: (Stage.ON_HOLD, N_("Taking a break after their match closed.")),
    MentorNext.LEAVES: (Stage.LEFT, N_("Left when their match closed.")),
}
