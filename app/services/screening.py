"""Recording the screening steps: application, interviews, references, PVG, training, the
code of conduct and the mentee induction.

When a change completes the last missing step, the person moves to the "ready" stage of the
pipeline by themselves (and the history says why), so the coordinator sees it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.model import (
    Interview,
    Participant,
    PvgRecord,
    Reference,
    StageChange,
    TrainingSession,
)
from app.model.person import Stage
from app.model.screening import (
    MENTEE_QUALITIES,
    MENTOR_QUALITIES,
    DisclosureType,
    InterviewOutcome,
    RecruitmentDecision,
)
from app.services import readiness
from app.services.changes import Changes
from app.services.errors import check
from app.services.lookups import get_or_refuse, get_participant, get_person
from app.services.validation import check_not_future, text_errors

#: Stages before "ready": finishing the checks moves someone on from these.
SCREENING_STAGES = (
    Stage.ENQUIRY,
    Stage.APPLIED,
    Stage.INTERVIEW,
    Stage.REFERENCES,
    Stage.CHECKS,
    Stage.TRAINING,
)

CHANGED = Changes(people=True, screening=True)


def _advance_if_ready(s: Session, participant_ids: list[int], today: date) -> None:
    s.flush()
    for participant_id in participant_ids:
        participant = s.get(Participant, participant_id)
        if participant is None or participant.stage not in SCREENING_STAGES:
            continue
        if readiness.readiness_gaps(s, participant_id, today):
            continue
        reason = _("Every screening step the programme asks for is complete.")
        participant.stage = Stage.READY
        participant.stage_on = today
        participant.stage_reason = ""
        s.add(
            StageChange(
                participant_id=participant_id, stage=Stage.READY, changed_on=today, reason=reason
            )
        )


def _person_roles(s: Session, person_id: int) -> list[int]:
    return list(s.scalars(select(Participant.id).where(Participant.person_id == person_id)))


# ----------------------------------------------------------------------------- single dates


def record_step_date(
    s: Session, participant_id: int, step: str, on: date | None, today: date
) -> Changes:
    """Set (or clear, with None) the date of a one-off step: "application", "code_of_conduct"
    or "induction"."""
    columns = {
        "application": "application_on",
        "code_of_conduct": "code_signed_on",
        "induction": "induction_on",
    }
    if step not in columns:
        raise ValueError(step)
    check({"on": m} if (m := check_not_future(on, today)) else {})
    participant = get_participant(s, participant_id)
    setattr(participant, columns[step], on)
    if step == "application" and on and participant.stage == Stage.ENQUIRY:
        # Typed up later than it arrived: the pipeline cannot go back before its last move.
        moved_on = max(on, participant.stage_on or on)
        participant.stage = Stage.APPLIED
        participant.stage_on = moved_on
        s.add(StageChange(participant_id=participant_id, stage=Stage.APPLIED, changed_on=moved_on))
    _advance_if_ready(s, [participant_id], today)
    return CHANGED


# ----------------------------------------------------------------------------- interviews


@dataclass(frozen=True)
class InterviewDetails:
    held_on: date | None
    interviewer: str = ""
    qualities: tuple[str, ...] = ()
    outcome: InterviewOutcome = InterviewOutcome.UNDECIDED
    notes: str = ""


def validate_interview(details: InterviewDetails, today: date) -> dict[str, str]:
    errors = text_errors(details)
    if details.held_on is None:
        errors["held_on"] = _("Write the date of the interview.")
    elif message := check_not_future(details.held_on, today):
        if details.outcome != InterviewOutcome.UNDECIDED:
            errors["held_on"] = message
    known = {k for k, _label in MENTOR_QUALITIES} | {k for k, _label in MENTEE_QUALITIES}
    if set(details.qualities) - known:
        errors["qualities"] = _("Some of the qualities ticked are not on the checklist.")
    return errors


def add_interview(
    s: Session, participant_id: int, details: InterviewDetails, today: date
) -> Changes:
    check(validate_interview(details, today))
    participant = get_participant(s, participant_id)
    interview = Interview(participant_id=participant.id)
    _fill_interview(interview, details)
    s.add(interview)
    _advance_if_ready(s, [participant_id], today)
    return CHANGED


def update_interview(
    s: Session, interview_id: int, details: InterviewDetails, today: date
) -> Changes:
    check(validate_interview(details, today))
    interview = get_or_refuse(s, Interview, interview_id, _("That interview no longer exists."))
    _fill_interview(interview, details)
    _advance_if_ready(s, [interview.participant_id], today)
    return CHANGED


def _fill_interview(interview: Interview, details: InterviewDetails) -> None:
    assert details.held_on is not None
    interview.held_on = details.held_on
    interview.interviewer = details.interviewer.strip()
    interview.qualities = list(details.qualities)
    interview.outcome = details.outcome
    interview.notes = details.notes.strip()


# ----------------------------------------------------------------------------- references


@dataclass(frozen=True)
class ReferenceDetails:
    referee: str
    relationship: str = ""
    contact: str = ""
    requested_on: date | None = None
    received_on: date | None = None
    satisfactory: bool | None = None
    note: str = ""


def validate_reference(details: ReferenceDetails, today: date) -> dict[str, str]:
    errors = text_errors(details)
    if not details.referee.strip():
        errors["referee"] = _("Write the referee's name.")
    if message := check_not_future(details.requested_on, today):
        errors["requested_on"] = message
    if message := check_not_future(details.received_on, today):
        errors["received_on"] = message
    elif (
        details.received_on and details.requested_on and details.received_on < details.requested_on
    ):
        errors["received_on"] = _(
            "A reference cannot arrive before it was asked for. Check both dates."
        )
    if details.satisfactory is not None and details.received_on is None:
        errors["received_on"] = _(
            "Write the date it arrived before saying whether it is satisfactory."
        )
    return errors


def add_reference(s: Session, person_id: int, details: ReferenceDetails, today: date) -> Changes:
    check(validate_reference(details, today))
    get_person(s, person_id)
    reference = Reference(person_id=person_id, referee="")
    _fill_reference(reference, details)
    s.add(reference)
    _advance_if_ready(s, _person_roles(s, person_id), today)
    return CHANGED


def update_reference(
    s: Session, reference_id: int, details: ReferenceDetails, today: date
) -> Changes:
    check(validate_reference(details, today))
    reference = get_or_refuse(s, Reference, reference_id, _("That reference no longer exists."))
    _fill_reference(reference, details)
    _advance_if_ready(s, _person_roles(s, reference.person_id), today)
    return CHANGED


def _fill_reference(reference: Reference, details: ReferenceDetails) -> None:
    reference.referee = details.referee.strip()
    reference.relationship = details.relationship.strip()
    reference.contact = details.contact.strip()
    reference.requested_on = details.requested_on
    reference.received_on = details.received_on
    reference.satisfactory = details.satisfactory
    reference.note = details.note.strip()


# ----------------------------------------------------------------------------- PVG


@dataclass(frozen=True)
class PvgDetails:
    """Only what the Disclosure Code of Practice allows us to keep."""

    issued_on: date | None
    disclosure_type: DisclosureType = DisclosureType.LEVEL_2
    position: str = ""
    reference_number: str = ""
    decision: RecruitmentDecision = RecruitmentDecision.PENDING
    regulated_role: bool = True


def validate_pvg(details: PvgDetails, today: date) -> dict[str, str]:
    errors = text_errors(details)
    if details.issued_on is None:
        errors["issued_on"] = _("Write the date of issue printed on the disclosure.")
    elif message := check_not_future(details.issued_on, today):
        errors["issued_on"] = message
    number = details.reference_number.strip()
    if not number:
        errors["reference_number"] = _("Write the disclosure's reference number.")
    elif not number.replace(" ", "").replace("-", "").isalnum() or len(number) > 40:
        errors["reference_number"] = _("A reference number has only letters, digits and spaces.")
    if not details.position.strip():
        errors["position"] = _("Write the position the disclosure was asked for.")
    return errors


def add_pvg(s: Session, person_id: int, details: PvgDetails, today: date) -> Changes:
    check(validate_pvg(details, today))
    get_person(s, person_id)
    record = PvgRecord(person_id=person_id, issued_on=details.issued_on)
    _fill_pvg(record, details)
    s.add(record)
    _advance_if_ready(s, _person_roles(s, person_id), today)
    return CHANGED


def update_pvg(s: Session, record_id: int, details: PvgDetails, today: date) -> Changes:
    check(validate_pvg(details, today))
    record = get_or_refuse(s, PvgRecord, record_id, _("That PVG record no longer exists."))
    _fill_pvg(record, details)
    _advance_if_ready(s, _person_roles(s, record.person_id), today)
    return CHANGED


def _fill_pvg(record: PvgRecord, details: PvgDetails) -> None:
    assert details.issued_on is not None
    record.issued_on = details.issued_on
    record.disclosure_type = details.disclosure_type
    record.position = details.position.strip()
    record.reference_number = " ".join(details.reference_number.split())
    record.decision = details.decision
    record.regulated_role = details.regulated_role


@dataclass(frozen=True)
class RenewalRow:
    person_id: int
    name: str
    renews_on: date
    expired: bool


def pvg_renewals(s: Session, programme_id: int, today: date) -> list[RenewalRow]:
    """People in the programme whose PVG membership has run out or is due within the warning
    period, soonest first (for reminders)."""
    from app.model import Person

    latest: dict[int, tuple[date, str]] = {}
    for person_id, issued_on, first, last in s.execute(
        select(PvgRecord.person_id, PvgRecord.issued_on, Person.first_name, Person.last_name)
        .join(Person, Person.id == PvgRecord.person_id)
        .where(
            PvgRecord.person_id.in_(
                select(Participant.person_id).where(
                    Participant.programme_id == programme_id,
                    Participant.stage.not_in((Stage.WITHDRAWN, Stage.LEFT)),
                )
            ),
            PvgRecord.disclosure_type != DisclosureType.LEVEL_1,
        )
        .order_by(PvgRecord.issued_on)
    ):
        latest[person_id] = (issued_on, f"{first} {last}")
    rows = []
    for person_id, (issued_on, name) in latest.items():
        status = readiness.pvg_status(issued_on, today)
        if status.expired or status.due_soon:
            rows.append(RenewalRow(person_id, name, status.renews_on, status.expired))
    return sorted(rows, key=lambda r: r.renews_on)


# ----------------------------------------------------------------------------- training


@dataclass(frozen=True)
class TrainingDetails:
    held_on: date | None
    topic: str
    hours: float


def validate_training(details: TrainingDetails, today: date) -> dict[str, str]:
    errors = text_errors(details)
    if details.held_on is None:
        errors["held_on"] = _("Write the date of the session.")
    elif message := check_not_future(details.held_on, today):
        errors["held_on"] = message
    if not details.topic.strip():
        errors["topic"] = _("Say what the session was about.")
    if not 0 < details.hours <= 40:
        errors["hours"] = _("Write the length in hours, between 0.25 and 40.")
    return errors


def add_training(s: Session, person_id: int, details: TrainingDetails, today: date) -> Changes:
    check(validate_training(details, today))
    get_person(s, person_id)
    s.add(
        TrainingSession(
            person_id=person_id,
            held_on=details.held_on,
            topic=details.topic.strip(),
            hours=details.hours,
        )
    )
    _advance_if_ready(s, _person_roles(s, person_id), today)
    return CHANGED
