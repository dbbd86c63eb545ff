"""Every printout by kind: gather the data in a session, then render it to PDF bytes.

The command line (`mentordesk print KIND ID`) and the window both come through here, so a
document prints the same way from either.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from app.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.model import Agreement, Match, Programme, Role
    from app.printouts.agreement import AgreementSheet
    from app.printouts.meeting_log import ActionLine
    from app.printouts.person_forms import FormContext, RecordedInterview


@dataclass(frozen=True)
class Printout:
    """One kind of printout. `target` names the function that builds it ("module:function", or
    a function of this module), found only when it is built: so listing the printouts, or
    printing one, loads no other document's code (the command line starts faster). The
    function itself may be given too, for a document whose module is light to import."""

    kind: str
    title: str
    target: str | Callable[[Session, int, date], bytes]
    id_meaning: str
    #: ID 0 prints a blank form for completing by hand.
    blank_with_0: bool = False

    @property
    def function(self) -> Callable[[Session, int, date], bytes]:
        if callable(self.target):
            return self.target
        module, _sep, name = self.target.rpartition(":")
        found: Callable[[Session, int, date], bytes] = getattr(
            importlib.import_module(module) if module else _this_module(), name
        )
        return found

    def build(self, s: Session, record_id: int, printed_on: date) -> bytes:
        return self.function(s, record_id, printed_on)

    def id_help(self) -> str:
        """What the ID is, for `mentordesk print list`."""
        if self.blank_with_0:
            return _("{meaning}, or 0 for a blank form").format(meaning=self.id_meaning)
        return self.id_meaning


def _this_module() -> object:
    import sys

    return sys.modules[__name__]


BLANK = 0  #: the ID that asks for a blank form, for completing by hand


def _programme_for_blank(s: Session) -> Programme:
    """The programme a blank form belongs to: the first one still running (else the first)."""
    from sqlalchemy import select

    from app.model import Programme
    from app.services.errors import ActionRefused

    programme = s.scalar(
        select(Programme).where(Programme.archived_on.is_(None)).order_by(Programme.id)
    ) or s.scalar(select(Programme).order_by(Programme.id))
    if programme is None:
        raise ActionRefused(_("There is no programme yet, so there is nothing to print."))
    return programme


def programme_summary(s: Session, programme_id: int, printed_on: date) -> bytes:
    from app.model import Role
    from app.model.programme import label
    from app.printouts import programme_summary as document
    from app.services import programmes

    p = programmes.get_programme(s, programme_id)
    summary = document.ProgrammeSummary(
        name=p.name,
        organisation=p.organisation,
        model=label(p.programme_model),
        mentoring_type=label(p.mentoring_type),
        status=label(p.status),
        start_date=p.start_date,
        end_date=p.end_date,
        description=p.description,
        coordinator=p.coordinator,
        partner_organisations=p.partner_organisations,
        mentors=programmes.count_participants(s, p.id, Role.MENTOR),
        mentees=programmes.count_participants(s, p.id, Role.MENTEE),
        active_matches=programmes.count_active_matches(s, p.id),
        rules=programmes.rules_for_print(p),
    )
    return document.render(summary, printed_on=printed_on)


def agreement(s: Session, match_id: int, printed_on: date) -> bytes:
    """The mentoring agreement for a match: as drawn up, or pre-filled from the programme's
    rules when it has not been drawn up yet; with ID 0, a blank one for the pen.
    (`mentordesk print agreement ID` reads the same values straight from SQLite when it can:
    app/printouts/quick.py.)"""
    from app.printouts import agreement as document

    return document.render(agreement_sheet(s, match_id, printed_on), printed_on=printed_on)


def agreement_sheet(s: Session, match_id: int, printed_on: date) -> AgreementSheet:
    """What the agreement for a match prints (ID 0: a blank one)."""
    from app.printouts import agreement as document
    from app.services import matching

    if match_id == BLANK:
        return _blank_agreement(s, printed_on)
    details = matching.match_details(s, match_id)
    match = matching.get_match(s, match_id)
    programme = match.programme
    record = matching.agreement_record(s, match_id)
    drafted = matching.agreement_details(s, match_id, printed_on)
    rules: Agreement | Programme
    if record is not None:
        rules = record
        policy = (record.policy_version, record.policy_approved_on)
    else:
        rules = programme
        policy = matching.agreement_policy(s, programme.id, drafted.agreed_on or printed_on)
    sheet = document.AgreementSheet(
        organisation=programme.organisation,
        programme=programme.name,
        coordinator=programme.coordinator,
        mentor=details.mentor_name,
        mentee=details.mentee_name,
        relationship_months=rules.relationship_months,
        review_interval_months=rules.review_interval_months,
        min_meetings_per_month=rules.min_meetings_per_month,
        min_meeting_minutes=rules.min_meeting_minutes,
        max_meeting_minutes=rules.max_meeting_minutes,
        max_contacts_between_meetings=rules.max_contacts_between_meetings,
        cancellation_notice_hours=rules.cancellation_notice_hours,
        issues=drafted.issues,
        mentor_role=drafted.mentor_role,
        mentee_role=drafted.mentee_role,
        agreed_on=drafted.agreed_on if record is not None else None,
        review_on=drafted.review_on if record is not None else None,
        policy_version=policy[0],
        policy_approved_on=policy[1],
        mentor_signed_on=record.mentor_signed_on if record is not None else None,
        mentee_signed_on=record.mentee_signed_on if record is not None else None,
        coordinator_signed_on=record.coordinator_signed_on if record is not None else None,
    )
    return sheet


def _blank_agreement(s: Session, printed_on: date) -> AgreementSheet:
    """An agreement with the programme's rules and nothing else: names and dates by pen."""
    from app import agreement_template
    from app.printouts import agreement as document
    from app.services import matching

    p = _programme_for_blank(s)
    version, approved_on = matching.agreement_policy(s, p.id, printed_on)
    return document.AgreementSheet(
        organisation=p.organisation,
        programme=p.name,
        coordinator=p.coordinator,
        mentor="",
        mentee="",
        relationship_months=p.relationship_months,
        review_interval_months=p.review_interval_months,
        min_meetings_per_month=p.min_meetings_per_month,
        min_meeting_minutes=p.min_meeting_minutes,
        max_meeting_minutes=p.max_meeting_minutes,
        max_contacts_between_meetings=p.max_contacts_between_meetings,
        cancellation_notice_hours=p.cancellation_notice_hours,
        issues="",
        mentor_role=_(agreement_template.DEFAULT_MENTOR_ROLE),
        mentee_role=_(agreement_template.DEFAULT_MENTEE_ROLE),
        agreed_on=None,
        review_on=None,
        policy_version=version,
        policy_approved_on=approved_on,
    )


def action_plan(s: Session, match_id: int, printed_on: date) -> bytes:
    """A match's action plan with its goals; with ID 0, a blank plan for the pen."""
    from app.model import MatchStatus
    from app.printouts import action_plan as document
    from app.services import goals

    if match_id == BLANK:
        p = _programme_for_blank(s)
        heading = goals.MatchHeading(
            match_id=BLANK,
            programme_id=p.id,
            mentee="",
            mentor="",
            mentee_participant_id=0,
            match_status=MatchStatus.PROPOSED,
            started_on=None,
            planned_end_on=None,
            programme=p.name,
            organisation=p.organisation,
            coordinator=p.coordinator,
            rating_scale_max=p.goal_rating_scale_max,
            suggested_max_goals=p.suggested_max_goals,
        )
        return document.render(document.ActionPlan(heading, []), printed_on=printed_on)
    plan = document.ActionPlan(
        heading=goals.match_heading(s, match_id),
        goals=goals.goals_for_match(s, match_id, printed_on),
    )
    return document.render(plan, printed_on=printed_on)


def progress_summary(s: Session, match_id: int, printed_on: date) -> bytes:
    from app.printouts import progress_summary as document
    from app.services import goals

    views = goals.goals_for_match(s, match_id, printed_on)
    summary = document.ProgressSummary(
        heading=goals.match_heading(s, match_id), goals=views, summary=goals.summarise(views)
    )
    return document.render(summary, printed_on=printed_on)


class _SheetCommon(TypedDict):
    """What every meeting log of a match repeats (handed to MeetingLogSheet as keywords)."""

    organisation: str
    programme: str
    mentor_name: str
    mentee_name: str
    within_days: int
    modes: tuple[str, ...]
    stages: tuple[str, ...]


def _meeting_sheet_parts(s: Session, match_id: int) -> tuple[Match, _SheetCommon]:
    from app.services import meetings

    match = meetings.get_match(s, match_id)
    mentor, mentee = meetings.pair_names(s, [match_id])[match_id]
    return match, _sheet_common(match.programme, mentor, mentee)


def _open_lines(s: Session, match_id: int) -> tuple[ActionLine, ...]:
    """The match's open action points for the next log, each with its date (or, carried past
    it, the date it was first due)."""
    from app.printouts.meeting_log import ActionLine
    from app.services import meetings

    points = meetings.open_action_points(s, match_id)
    was_due = _was_due(s, [p.action_id for p in points])
    return tuple(
        ActionLine(
            p.text, meetings.owner_label(p.owner), p.due_on, was_due_on=was_due.get(p.action_id)
        )
        for p in points
    )


def _was_due(s: Session, action_ids: Sequence[int | None]) -> dict[int, date]:
    """For action points carried forward without a date of their own (their date had passed
    when they were carried): the date the point was first due, from the meeting it came from."""
    from app.model import ActionPoint

    found: dict[int, date] = {}
    for action_id in action_ids:
        point = s.get(ActionPoint, action_id) if action_id is not None else None
        if point is None or point.due_on is not None:
            continue
        earlier = point
        while earlier.due_on is None and earlier.carried_from_id is not None:
            before = s.get(ActionPoint, earlier.carried_from_id)
            if before is None:
                break
            earlier = before
        if earlier.due_on is not None and action_id is not None:
            found[action_id] = earlier.due_on
    return found


def _sheet_common(p: Programme, mentor: str, mentee: str) -> _SheetCommon:
    from app.model.meeting import MEETING_MODE_LABELS, STAGE_LABELS

    return {
        "organisation": p.organisation,
        "programme": p.name,
        "mentor_name": mentor,
        "mentee_name": mentee,
        "within_days": p.log_to_mentor_within_days,
        "modes": tuple(_(label) for label in MEETING_MODE_LABELS.values()),
        "stages": tuple(_(label) for label in STAGE_LABELS.values()),
    }


def meeting_log(
    s: Session,
    meeting_id: int,
    printed_on: date,
    *,
    include_private_note: bool = False,
) -> bytes:
    """A saved meeting as a completed log. The private note only when asked for explicitly.
    With ID 0, a blank log for any pair, to complete by hand."""
    from app.printouts import meeting_log as document
    from app.services import meetings
    from app.services.timeline import duration_text

    if meeting_id == BLANK:
        common = _sheet_common(_programme_for_blank(s), "", "")
        blank = document.MeetingLogSheet(**common, reviews_unknown=True)
        return document.render(blank, printed_on=printed_on)
    m = meetings.get_meeting(s, meeting_id)
    _match, common = _meeting_sheet_parts(s, m.match_id)
    reviewed, agreed = meetings.action_points_of(s, meeting_id)
    from app.model.meeting import ACTION_STATUS_LABELS

    was_due = _was_due(s, [r.action_id for r in reviewed] + [a.id for a in agreed])

    sheet = document.MeetingLogSheet(
        **common,
        held_on=m.held_on,
        mode=meetings.mode_label(m.mode),
        duration=duration_text(m.duration_minutes),
        place=m.place,
        attended=m.attended,
        stage=meetings.stage_label(m.stage),
        next_meeting_on=m.next_meeting_on,
        reviews=tuple(
            document.ActionLine(
                r.text,
                meetings.owner_label(r.owner),
                r.due_on,
                _(ACTION_STATUS_LABELS[r.outcome]),
                was_due_on=was_due.get(r.action_id),
            )
            for r in reviewed
        ),
        actions=tuple(
            document.ActionLine(
                a.text,
                meetings.owner_label(a.owner),
                a.due_on,
                was_due_on=was_due.get(a.id) if a.id is not None else None,
            )
            for a in agreed
        ),
        mentee_signed_on=m.mentee_signed_on,
        mentor_signed_on=m.mentor_signed_on,
        copy_to_mentor_on=m.copy_to_mentor_on,
        completed=True,
        private_note=meetings.private_note(s, meeting_id) if include_private_note else None,
    )
    return document.render(sheet, printed_on=printed_on)


def meeting_log_with_private_note(s: Session, meeting_id: int, printed_on: date) -> bytes:
    return meeting_log(s, meeting_id, printed_on, include_private_note=True)


def meeting_log_blank(s: Session, match_id: int, printed_on: date) -> bytes:
    """The next meeting's log, ready for the pair: names, the date if one was set, and the
    action points still open from last time."""
    from sqlalchemy import select

    from app.model import MeetingLog
    from app.printouts import meeting_log as document

    _match, common = _meeting_sheet_parts(s, match_id)
    next_on = s.scalar(
        select(MeetingLog.next_meeting_on)
        .where(MeetingLog.match_id == match_id, MeetingLog.removed_on.is_(None))
        .order_by(MeetingLog.held_on.desc(), MeetingLog.id.desc())
        .limit(1)
    )
    reviews = _open_lines(s, match_id)
    if next_on is not None and next_on < printed_on:
        next_on = None  # that date has passed: the pair write in the real one
    sheet = document.MeetingLogSheet(**common, held_on=next_on, reviews=reviews)
    return document.render(sheet, printed_on=printed_on)


MEETING_RULE_LABELS = (
    "Relationship length",
    "Meetings",
    "Meeting length",
    "Contact between meetings",
    "Cancellation notice",
    "Meeting log to mentor",
    "Reviews",
)


def meeting_log_pack(s: Session, match_id: int, printed_on: date) -> bytes:
    """For a new match: the programme's meeting rules and enough blank logs to reach the
    first review (the programme's meetings a month times the months to the review)."""
    from app.printouts import meeting_log as document
    from app.services import programmes

    match, common = _meeting_sheet_parts(s, match_id)
    p = match.programme
    wanted = {_(label) for label in MEETING_RULE_LABELS}
    rules = [rule for rule in programmes.rules_for_print(p) if rule[0] in wanted]
    count = max(1, p.min_meetings_per_month * p.review_interval_months)

    # The first log lists what is still open from earlier meetings; later logs have rows to
    # write in the points agreed at the meeting before (not known when the pack is printed).
    open_points = _open_lines(s, match_id)
    sheets = [document.MeetingLogSheet(**common, reviews=open_points)]
    sheets += [document.MeetingLogSheet(**common, reviews_unknown=True) for _n in range(count - 1)]
    pack = document.LogPack(
        organisation=p.organisation,
        programme=p.name,
        mentor_name=common["mentor_name"],
        mentee_name=common["mentee_name"],
        rules=rules,
        sheets=sheets,
        coordinator=p.coordinator,
        coordinator_phone=p.coordinator_phone,
        coordinator_email=p.coordinator_email,
    )
    return document.render_pack(pack, printed_on=printed_on)


def policy_version(s: Session, version_id: int, printed_on: date) -> bytes:
    """One version of the written policy; a draft prints marked DRAFT."""
    from app.printouts import policy as document
    from app.services import policy, programmes

    version = policy.get_version(s, version_id)
    p = programmes.get_programme(s, version.programme_id)
    return document.render(
        document.PolicyDocument(
            organisation=p.organisation,
            programme=p.name,
            coordinator=p.coordinator,
            title=version.title,
            version=version.number,
            approved_on=version.approved_on,
            approved_by=version.approved_by,
            passages=tuple((x.heading, x.body) for x in version.passages),
        ),
        printed_on=printed_on,
    )


def policy_in_force(s: Session, programme_id: int, printed_on: date) -> bytes:
    """The programme's policy: the version in force today, or while none is approved yet, the
    newest draft (marked DRAFT)."""
    from app.services import policy

    return policy_version(s, policy.version_to_print(s, programme_id, printed_on), printed_on)


def planning_notes(s: Session, programme_id: int, printed_on: date) -> bytes:
    from app.printouts import planning_notes as document
    from app.services import framework, programmes

    p = programmes.get_programme(s, programme_id)
    state = framework.planning_state(s, programme_id)
    notes = framework.planning_notes(s, programme_id)
    return document.render(
        document.PlanningNotes(
            organisation=p.organisation,
            programme=p.name,
            coordinator=p.coordinator,
            completed_on=state.completed_on,
            sections=tuple(
                (section.title, progress.status_text, section.questions)
                for section, progress in zip(notes, state.sections, strict=True)
            ),
            rules=programmes.rules_for_print(p),
        ),
        printed_on=printed_on,
    )


def evaluation_report(s: Session, programme_id: int, printed_on: date) -> bytes:
    """The evaluation report for the last twelve months (the dashboard and the command line
    can choose another period), with the monitoring answers saved on the dashboard."""
    from app.printouts import evaluation_report as document
    from app.reports.figures import default_period

    start, end = default_period(printed_on)
    return document.build(s, programme_id, start, end, printed_on)


def _form_context(s: Session, person_id: int) -> tuple[FormContext, int | None, list[Role]]:
    """The programme a person's paperwork belongs to (their newest role), or for a blank form
    the first programme still running; plus the roles they hold in it."""
    from sqlalchemy import select

    from app.model import Participant, Programme, Role
    from app.printouts.person_forms import FormContext

    programme = None
    roles: list[Role] = []
    if person_id:
        participant = s.scalar(
            select(Participant)
            .where(Participant.person_id == person_id)
            .order_by(Participant.id.desc())
        )
        if participant is not None:
            programme = s.get(Programme, participant.programme_id)
            roles = list(
                s.scalars(
                    select(Participant.role).where(
                        Participant.person_id == person_id,
                        Participant.programme_id == participant.programme_id,
                    )
                )
            )
            roles.sort(key=lambda r: r is not Role.MENTOR)
    if programme is None:
        programme = s.scalar(
            select(Programme).where(Programme.archived_on.is_(None)).order_by(Programme.id)
        )
    context = FormContext(
        organisation=programme.organisation if programme else "",
        programme=programme.name if programme else "",
        coordinator=programme.coordinator if programme else "",
    )
    return context, (programme.id if programme else None), roles


def person_record(s: Session, person_id: int, printed_on: date) -> bytes:
    from app.printouts import person_forms
    from app.services import people
    from app.services.lookups import get_person

    get_person(s, person_id)
    context, programme_id, _roles = _form_context(s, person_id)
    if programme_id is None:
        from app.services.errors import ActionRefused

        raise ActionRefused(_("This person is not in any programme."))
    record = people.person_record(s, programme_id, person_id, printed_on)
    return person_forms.render_record(record, context, printed_on=printed_on)


def application_form(s: Session, person_id: int, printed_on: date) -> bytes:
    from app.printouts import person_forms
    from app.services import people
    from app.services.lookups import get_person

    details = people.details_of(get_person(s, person_id)) if person_id else None
    context, _programme_id, roles = _form_context(s, person_id)
    referees: list[person_forms.Referee] = []
    pvg = None
    if person_id:
        from sqlalchemy import select

        from app.model import PvgRecord, Reference

        referees = [
            person_forms.Referee(r.referee, r.relationship, r.contact)
            for r in s.scalars(
                select(Reference)
                .where(Reference.person_id == person_id, Reference.removed_on.is_(None))
                .order_by(Reference.id)
            )
        ]
        newest = s.scalar(
            select(PvgRecord)
            .where(PvgRecord.person_id == person_id, PvgRecord.removed_on.is_(None))
            .order_by(PvgRecord.issued_on.desc(), PvgRecord.id.desc())
            .limit(1)
        )
        if newest is not None:
            pvg = person_forms.PvgAnswer(newest.issued_on, newest.reference_number)
    return person_forms.render_application(
        details, roles, context, printed_on=printed_on, referees=referees, pvg=pvg
    )


def interview_form(s: Session, person_id: int, printed_on: date) -> bytes:
    from app.printouts import person_forms
    from app.services.lookups import get_person

    name = get_person(s, person_id).full_name if person_id else ""
    context, programme_id, roles = _form_context(s, person_id)
    recorded = _recorded_interviews(s, person_id, programme_id) if person_id else []
    return person_forms.render_interview(
        name, roles, context, printed_on=printed_on, recorded=recorded
    )


def _recorded_interviews(
    s: Session, person_id: int, programme_id: int | None
) -> list[RecordedInterview]:
    """The newest interview recorded for each of the person's roles in the programme (none
    that are in the bin)."""
    from sqlalchemy import select

    from app.model import Interview, Participant
    from app.printouts.person_forms import RecordedInterview

    newest: dict[Role, RecordedInterview] = {}
    rows = s.execute(
        select(Interview, Participant.role)
        .join(Participant, Participant.id == Interview.participant_id)
        .where(
            Participant.person_id == person_id,
            Participant.programme_id == programme_id,
            Interview.removed_on.is_(None),
        )
        .order_by(Interview.held_on, Interview.id)
    )
    for interview, role in rows:
        newest[role] = RecordedInterview(
            role=role,
            held_on=interview.held_on,
            interviewer=interview.interviewer,
            qualities=frozenset(interview.qualities or ()),
            outcome=interview.outcome,
            notes=interview.notes,
        )
    return list(newest.values())


def today(s: Session, programme_id: int, printed_on: date) -> bytes:
    """Today's list on one page; programme 0 means the first programme still running."""
    from sqlalchemy import select

    from app.model import Programme
    from app.printouts import today as document
    from app.services import programmes
    from app.today import service

    if not programme_id:
        first = s.scalar(
            select(Programme.id).where(Programme.archived_on.is_(None)).order_by(Programme.id)
        )
        if first is None:
            from app.services.errors import ActionRefused

            raise ActionRefused(_("There is no programme yet."))
        programme_id = first
    p = programmes.get_programme(s, programme_id)
    listing = service.today_list(s, p.id, printed_on)
    return document.render(p.name, p.organisation, listing, printed_on)


def recovery_sheet(s: Session, programme_id: int, printed_on: date) -> bytes:
    """The password recovery sheet, with a line to write the password on by hand."""
    from app.printouts import recovery_key
    from app.services import programmes

    p = (
        _programme_for_blank(s)
        if programme_id == BLANK
        else programmes.get_programme(s, programme_id)
    )
    sheet = recovery_key.RecoverySheet(
        organisation=p.organisation, data_folder="", set_by=p.coordinator
    )
    return recovery_key.render(sheet, printed_on)


PRINTOUTS: dict[str, Printout] = {
    p.kind: p
    for p in [
        Printout("programme-summary", _("Programme summary"), "programme_summary", "programme"),
        Printout("today", _("Today"), "today", "programme"),
        Printout("agreement", _("Mentoring agreement"), "agreement", "match", blank_with_0=True),
        Printout("action-plan", _("Action plan"), "action_plan", "match", blank_with_0=True),
        Printout("progress-summary", _("Progress summary"), "progress_summary", "match"),
        Printout("meeting-log", _("Meeting log"), "meeting_log", "meeting", blank_with_0=True),
        Printout(
            "meeting-log-with-private-note",
            _("Meeting log with the coordinator's private note"),
            "meeting_log_with_private_note",
            "meeting",
        ),
        Printout(
            "meeting-log-blank", _("Meeting log for the next meeting"), "meeting_log_blank", "match"
        ),
        Printout("meeting-log-pack", _("Blank meeting log pack"), "meeting_log_pack", "match"),
        Printout("policy", _("Mentoring policy"), "policy_in_force", "programme"),
        Printout("policy-version", _("Mentoring policy"), "policy_version", "policy version"),
        Printout("planning", _("Planning notes"), "planning_notes", "programme"),
        Printout("evaluation-report", _("Evaluation report"), "evaluation_report", "programme"),
        Printout("person", _("Person record"), "person_record", "person"),
        Printout(
            "application-form",
            _("Application form"),
            "application_form",
            "person, or 0 for a blank form",
        ),
        Printout(
            "interview-form",
            _("Interview form"),
            "interview_form",
            "person, or 0 for a blank form",
        ),
        Printout(
            "review-record",
            _("Review record"),
            "app.printouts.review_record:review_record",
            "review, or 0 for a blank form",
        ),
        Printout(
            "closure-record",
            _("Closure record"),
            "app.printouts.closure_record:closure_record",
            "match",
        ),
        Printout(
            "certificate-mentee",
            _("Certificate of achievement for the mentee"),
            "app.printouts.certificates:certificate_mentee",
            "match that is ending or closed",
        ),
        Printout(
            "certificate-mentor",
            _("Certificate of thanks for the mentor"),
            "app.printouts.certificates:certificate_mentor",
            "match that is ending or closed",
        ),
        Printout(
            "recovery-sheet",
            _("Password recovery sheet"),
            "recovery_sheet",
            "programme",
            blank_with_0=True,
        ),
    ]
}


def build(kind: str, s: Session, record_id: int, printed_on: date) -> bytes:
    try:
        printout = PRINTOUTS[kind]
    except KeyError:
        raise KeyError(kind) from None
    return printout.build(s, record_id, printed_on)


def build_many(kind: str, s: Session, record_ids: Sequence[int], printed_on: date) -> bytes:
    """Several printouts of one kind as one PDF, each on its own pages with its own page
    numbers: every agreement waiting for signatures, say, printed in one go."""
    from app.printouts import style

    if not record_ids:
        raise ValueError("build_many needs at least one record")
    printout = PRINTOUTS[kind]
    with style.collecting() as documents:
        for record_id in record_ids:
            printout.build(s, record_id, printed_on)
    return style.build_documents(documents, title=batch_title(kind, len(record_ids)))


def batch_title(kind: str, n: int) -> str:
    """The title of a PDF holding `n` printouts of one kind ("Mentoring agreement (14)")."""
    return _("{title} ({n})").format(title=PRINTOUTS[kind].title, n=n)


def every_id(s: Session, kind: str) -> list[int]:
    """The records `mentordesk print KIND --all` prints: for a match's paperwork every open
    match, for a meeting log every meeting of an open match, for a programme's every running
    programme; in programme, then name order, as the Matches page lists them."""
    from sqlalchemy import select

    from app.model import Match, MeetingLog, Programme
    from app.model.match import OPEN_STATUSES
    from app.services.errors import ActionRefused

    meaning = PRINTOUTS[kind].id_meaning
    running = select(Programme.id).where(Programme.archived_on.is_(None))
    if meaning == "match":
        from app.services import matching

        return [
            row.match_id
            for programme_id in s.scalars(running.order_by(Programme.id))
            for row in matching.open_matches(s, programme_id)
        ]
    if meaning == "meeting":
        return list(
            s.scalars(
                select(MeetingLog.id)
                .join(Match, Match.id == MeetingLog.match_id)
                .where(
                    MeetingLog.removed_on.is_(None),
                    Match.status.in_(OPEN_STATUSES),
                    Match.programme_id.in_(running),
                )
                .order_by(MeetingLog.match_id, MeetingLog.held_on, MeetingLog.id)
            )
        )
    if meaning == "programme":
        return list(s.scalars(running.order_by(Programme.id)))
    raise ActionRefused(
        _("'--all' is not available for {kind}: give the numbers, e.g. 3,7,9.").format(kind=kind)
    )


def agreements_waiting_for_signatures(s: Session) -> list[int]:
    """Open matches whose agreement is not yet signed by all three (or not drawn up yet but
    introduced, so the pair are about to sign one): `print agreement --all-waiting`."""
    from app.model import MatchStatus
    from app.services import matching

    waiting = []
    for match_id in every_id(s, "agreement"):
        record = matching.agreement_record(s, match_id)
        if record is None:
            status = matching.get_match(s, match_id).status
            if status in (MatchStatus.INTRODUCED, MatchStatus.ACTIVE):
                waiting.append(match_id)
        elif not (
            record.mentor_signed_on and record.mentee_signed_on and record.coordinator_signed_on
        ):
            waiting.append(match_id)
    return waiting
