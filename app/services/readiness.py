"""The readiness gate: is this person ready to be matched, and if not, exactly what is missing?

The rules are a pure function (`gaps_for`) over plain facts and the programme's screening
rules, so they can be tested with every near miss and run in bulk for a list of thousands
without a query per person. `readiness_gaps` and `is_ready` wrap it for one participant.

Which steps apply to whom: the application, the interview and the signed code of conduct apply
to everyone; references, PVG membership and pre-match training apply to mentors; the induction
applies to mentees. Whether each is required, and how many references or hours, is read from
the programme.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model import (
    Interview,
    Participant,
    Person,
    Programme,
    PvgRecord,
    Reference,
    Role,
    TrainingSession,
)
from app.model.person import INACTIVE_STAGES, STAGE_LABELS, Stage
from app.model.screening import InterviewOutcome, RecruitmentDecision
from app.services.errors import NotFound

#: PVG membership lasts this many years from the date of issue, then must be renewed.
PVG_TERM_YEARS = 5
#: A membership is "due for renewal" this many days before it runs out.
PVG_RENEWAL_WARNING_DAYS = 90


@dataclass(frozen=True)
class Gap:
    """One thing stopping a match: `step` is a stable key, `message` says what is missing."""

    step: str
    message: str


@dataclass(frozen=True)
class ScreeningRules:
    """The programme's screening settings, as plain values."""

    require_application: bool = True
    require_interview: bool = True
    references_required: int = 2
    require_pvg: bool = True
    min_training_hours: float = 2
    require_mentee_induction: bool = True
    require_code_of_conduct: bool = True

    @classmethod
    def of(cls, programme: Programme) -> ScreeningRules:
        return cls(
            require_application=programme.require_application,
            require_interview=programme.require_interview,
            references_required=programme.references_required,
            require_pvg=programme.require_pvg,
            min_training_hours=programme.min_training_hours,
            require_mentee_induction=programme.require_mentee_induction,
            require_code_of_conduct=programme.require_code_of_conduct,
        )


@dataclass(frozen=True)
class PvgFacts:
    """The newest PVG record held for a person."""

    issued_on: date
    decision: RecruitmentDecision = RecruitmentDecision.PROCEED
    is_membership: bool = True


@dataclass(frozen=True)
class ScreeningFacts:
    """Everything the gate looks at for one person in one role, as plain values."""

    role: Role
    stage: Stage = Stage.ENQUIRY
    stage_on: date | None = None
    stage_reason: str = ""
    application_on: date | None = None
    #: The outcome of the most recent interview, None when there has been none.
    interview_outcome: InterviewOutcome | None = None
    interview_on: date | None = None
    references_satisfactory: int = 0
    references_received: int = 0
    pvg: PvgFacts | None = None
    training_hours: float = 0.0
    induction_on: date | None = None
    code_signed_on: date | None = None


@dataclass(frozen=True)
class PvgStatus:
    renews_on: date
    expired: bool
    due_soon: bool


def pvg_renewal_date(issued_on: date) -> date:
    """The date a membership issued on `issued_on` must be renewed by (five years on; an issue
    on 29 February renews on 28 February)."""
    try:
        return issued_on.replace(year=issued_on.year + PVG_TERM_YEARS)
    except ValueError:
        return issued_on.replace(year=issued_on.year + PVG_TERM_YEARS, day=28)


def pvg_status(issued_on: date, today: date) -> PvgStatus:
    renews_on = pvg_renewal_date(issued_on)
    expired = today >= renews_on
    due_soon = not expired and (renews_on - today).days <= PVG_RENEWAL_WARNING_DAYS
    return PvgStatus(renews_on=renews_on, expired=expired, due_soon=due_soon)


def _hours(value: float) -> str:
    return f"{value:g}"


def gaps_for(facts: ScreeningFacts, rules: ScreeningRules, today: date) -> list[Gap]:
    """What stops this person being matched in this role today; empty means ready."""
    gaps: list[Gap] = []
    mentor = facts.role == Role.MENTOR
    if facts.stage in INACTIVE_STAGES:
        message = _("{stage} since {date}.").format(
            stage=_(STAGE_LABELS[facts.stage]), date=format_date(facts.stage_on) or "?"
        )
        if facts.stage_reason:
            message = _("{stage} since {date}: {reason}").format(
                stage=_(STAGE_LABELS[facts.stage]),
                date=format_date(facts.stage_on) or "?",
                reason=facts.stage_reason,
            )
        gaps.append(Gap("stage", message))
    if rules.require_application and facts.application_on is None:
        gaps.append(Gap("application", _("No application form received.")))
    if rules.require_interview:
        if facts.interview_outcome is None:
            gaps.append(Gap("interview", _("No interview recorded.")))
        elif facts.interview_outcome == InterviewOutcome.UNDECIDED:
            gaps.append(
                Gap(
                    "interview",
                    _("Interview on {date} has no decision yet.").format(
                        date=format_date(facts.interview_on)
                    ),
                )
            )
        elif facts.interview_outcome == InterviewOutcome.NOT_SUITABLE:
            gaps.append(
                Gap(
                    "interview",
                    _("Interview on {date} found them not suitable.").format(
                        date=format_date(facts.interview_on)
                    ),
                )
            )
    if mentor and facts.references_satisfactory < rules.references_required:
        gaps.append(
            Gap(
                "references",
                ngettext(
                    "References: {have} of {need} satisfactory reference received.",
                    "References: {have} of {need} satisfactory references received.",
                    rules.references_required,
                ).format(have=facts.references_satisfactory, need=rules.references_required),
            )
        )
    if mentor and rules.require_pvg:
        gaps.extend(_pvg_gaps(facts.pvg, today))
    if mentor and facts.training_hours + 1e-9 < rules.min_training_hours:
        gaps.append(
            Gap(
                "training",
                ngettext(
                    "Training: {have} of {need} hour done before matching.",
                    "Training: {have} of {need} hours done before matching.",
                    int(rules.min_training_hours),
                ).format(have=_hours(facts.training_hours), need=_hours(rules.min_training_hours)),
            )
        )
    if not mentor and rules.require_mentee_induction and facts.induction_on is None:
        gaps.append(Gap("induction", _("Mentee induction not done.")))
    if rules.require_code_of_conduct and facts.code_signed_on is None:
        gaps.append(Gap("code_of_conduct", _("Code of conduct not signed.")))
    return gaps


def _pvg_gaps(pvg: PvgFacts | None, today: date) -> list[Gap]:
    if pvg is None:
        return [Gap("pvg", _("No PVG membership recorded."))]
    if not pvg.is_membership:
        return [
            Gap(
                "pvg",
                _(
                    "The disclosure recorded is not a PVG scheme membership. Record their "
                    "PVG check."
                ),
            )
        ]
    status = pvg_status(pvg.issued_on, today)
    if status.expired:
        return [
            Gap(
                "pvg",
                _("PVG membership expired on {date}.").format(date=format_date(status.renews_on)),
            )
        ]
    if pvg.decision == RecruitmentDecision.PENDING:
        return [Gap("pvg", _("No recruitment decision recorded after the PVG check."))]
    if pvg.decision == RecruitmentDecision.NOT_PROCEED:
        return [Gap("pvg", _("The recruitment decision after the PVG check was not to go ahead."))]
    return []


# ------------------------------------------------------------------ gathering facts in bulk


def facts_for(s: Session, participant_ids: Iterable[int]) -> dict[int, ScreeningFacts]:
    """Screening facts for many participants in a handful of queries (no query per person)."""
    ids = list(participant_ids)
    if not ids:
        return {}
    result: dict[int, ScreeningFacts] = {}
    chunk = 900  # stay under SQLite's limit on bound parameters
    for start in range(0, len(ids), chunk):
        result.update(_facts_chunk(s, ids[start : start + chunk]))
    return result


def facts_for_programme(s: Session, programme_id: int) -> dict[int, ScreeningFacts]:
    """Screening facts for every participant in a programme."""
    return _facts_query(s, Participant.programme_id == programme_id)


def _facts_chunk(s: Session, ids: list[int]) -> dict[int, ScreeningFacts]:
    return _facts_query(s, Participant.id.in_(ids))


def _facts_query(s: Session, where: ColumnElement[bool]) -> dict[int, ScreeningFacts]:
    participants = (
        s.connection()
        .execute(
            select(
                Participant.id,
                Participant.person_id,
                Participant.role,
                Participant.stage,
                Participant.stage_on,
                Participant.stage_reason,
                Participant.application_on,
                Participant.induction_on,
                Participant.code_signed_on,
            ).where(where)
        )
        .all()
    )
    if not participants:
        return {}
    person_ids = select(Participant.person_id).where(where).scalar_subquery()
    participant_ids = select(Participant.id).where(where).scalar_subquery()

    # Newest interview per participant.
    interviews: dict[int, tuple[date, InterviewOutcome]] = {}
    for pid, held_on, outcome in s.connection().execute(
        select(Interview.participant_id, Interview.held_on, Interview.outcome)
        .where(Interview.participant_id.in_(participant_ids))
        .order_by(Interview.held_on, Interview.id)
    ):
        interviews[pid] = (held_on, outcome)

    references: dict[int, tuple[int, int]] = {}
    for person_id, received, satisfactory in s.connection().execute(
        select(
            Reference.person_id,
            func.count(Reference.received_on),
            func.count().filter(
                Reference.received_on.is_not(None), Reference.satisfactory.is_(True)
            ),
        )
        .where(Reference.person_id.in_(person_ids))
        .group_by(Reference.person_id)
    ):
        references[person_id] = (int(received), int(satisfactory))

    pvgs: dict[int, PvgFacts] = {}
    from app.model.screening import DisclosureType

    for person_id, issued_on, decision, kind in s.connection().execute(
        select(
            PvgRecord.person_id, PvgRecord.issued_on, PvgRecord.decision, PvgRecord.disclosure_type
        )
        .where(PvgRecord.person_id.in_(person_ids))
        .order_by(PvgRecord.issued_on, PvgRecord.id)
    ):
        pvgs[person_id] = PvgFacts(
            issued_on=issued_on,
            decision=decision,
            is_membership=kind != DisclosureType.LEVEL_1,
        )

    hours: dict[int, float] = defaultdict(float)
    for person_id, total in s.connection().execute(
        select(TrainingSession.person_id, func.sum(TrainingSession.hours))
        .where(TrainingSession.person_id.in_(person_ids))
        .group_by(TrainingSession.person_id)
    ):
        hours[person_id] = float(total or 0)

    facts: dict[int, ScreeningFacts] = {}
    for row in participants:
        interview = interviews.get(row.id)
        received, satisfactory = references.get(row.person_id, (0, 0))
        facts[row.id] = ScreeningFacts(
            role=row.role,
            stage=row.stage,
            stage_on=row.stage_on,
            stage_reason=row.stage_reason,
            application_on=row.application_on,
            interview_outcome=interview[1] if interview else None,
            interview_on=interview[0] if interview else None,
            references_received=received,
            references_satisfactory=satisfactory,
            pvg=pvgs.get(row.person_id),
            training_hours=hours[row.person_id],
            induction_on=row.induction_on,
            code_signed_on=row.code_signed_on,
        )
    return facts


def rules_for(s: Session, programme_id: int) -> ScreeningRules:
    programme = s.get(Programme, programme_id)
    if programme is None:
        raise NotFound(_("That programme no longer exists."))
    return ScreeningRules.of(programme)


# ------------------------------------------------------------------ the contract


def readiness_gaps(s: Session, participant_id: int, today: date) -> list[Gap]:
    """What stops this participant being matched today; an empty list means ready to match."""
    participant = s.get(Participant, participant_id)
    if participant is None:
        raise NotFound(_("That person is no longer in the programme."))
    facts = facts_for(s, [participant_id])[participant_id]
    gaps = gaps_for(facts, rules_for(s, participant.programme_id), today)
    person = s.get(Person, participant.person_id)
    if person is not None and person.removed_on is not None:
        gaps.insert(0, Gap("removed", _("Their record has been removed.")))
    return gaps


def is_ready(s: Session, participant_id: int, today: date) -> bool:
    return not readiness_gaps(s, participant_id, today)


def readiness_for(s: Session, participant_ids: Iterable[int], today: date) -> dict[int, list[Gap]]:
    """The gaps for many participants at once (a handful of queries, whatever the number), for
    lists and the matching board; an empty list means ready to match."""
    ids = list(participant_ids)
    if not ids:
        return {}
    facts = facts_for(s, ids)
    programme_of = {
        pid: programme_id
        for pid, programme_id in s.execute(
            select(Participant.id, Participant.programme_id).where(Participant.id.in_(ids))
        )
    }
    removed = set(
        s.scalars(
            select(Participant.id)
            .join(Person, Person.id == Participant.person_id)
            .where(Participant.id.in_(ids), Person.removed_on.is_not(None))
        )
    )
    rules: dict[int, ScreeningRules] = {}
    result: dict[int, list[Gap]] = {}
    for participant_id, fact in facts.items():
        programme_id = programme_of[participant_id]
        if programme_id not in rules:
            rules[programme_id] = rules_for(s, programme_id)
        gaps = gaps_for(fact, rules[programme_id], today)
        if participant_id in removed:
            gaps.insert(0, Gap("removed", _("Their record has been removed.")))
        result[participant_id] = gaps
    return result
