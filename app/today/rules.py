"""One pure rule per kind of Today item: plain facts, `today` and the programme's thresholds in,
an item (or None) out. Nothing here touches the database; `sources.py` gathers the facts.

Every rule says why the item is due in a sentence a busy coordinator reads at a glance, and
gives the item a key naming the record and the occasion, so a snooze holds for that occasion
only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import NamedTuple

from app.formatting import format_date, month_year
from app.i18n import _, ngettext
from app.model.ending import MatchClosure
from app.model.person import ROLE_LABELS, STAGE_LABELS, Role, Stage
from app.model.programme import Programme, SupportContactRule
from app.model.screening import TASK_LABELS, TaskKind
from app.model.support import ContactDepth, ContactParty, RaisedBy
from app.services.closure_steps import MissingStep, missing_steps
from app.services.readiness import PVG_RENEWAL_WARNING_DAYS, pvg_status
from app.services.schedule import add_months
from app.today.items import Kind, Place, Target, TodayItem

#: Something falling due within this many days is listed already ("due soon").
SOON_DAYS = 7
#: Reviews are prepared for: listed from a fortnight before.
REVIEW_SOON_DAYS = 14
#: Tasks (such as telling Disclosure Scotland) are listed from a month before their date.
TASK_SOON_DAYS = 30
#: The signed agreement is expected back within a week of being drawn up.
SIGNATURE_DAYS = 7
#: Pipeline stages someone can be stuck in (after these they are ready, matched or gone).
PIPELINE_STAGES = (
    Stage.ENQUIRY,
    Stage.APPLIED,
    Stage.INTERVIEW,
    Stage.REFERENCES,
    Stage.CHECKS,
    Stage.TRAINING,
)


@dataclass(frozen=True)
class Thresholds:
    """The programme's numbers the rules read."""

    log_to_mentor_within_days: int = 7
    min_meetings_per_month: int = 1
    stage_stuck_days: int = 30
    mentee_wait_days: int = 60
    support_contact_rule: SupportContactRule = SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY

    @classmethod
    def of(cls, programme: Programme) -> Thresholds:
        return cls(
            log_to_mentor_within_days=programme.log_to_mentor_within_days,
            min_meetings_per_month=programme.min_meetings_per_month,
            stage_stuck_days=programme.stage_stuck_days,
            mentee_wait_days=programme.mentee_wait_days,
            support_contact_rule=SupportContactRule(programme.support_contact_rule),
        )


def _item(
    kind: Kind,
    key: str,
    due_on: date,
    today: date,
    target: Target,
    words: Callable[[], tuple[str, str]],
) -> TodayItem:
    return TodayItem(kind, key, due_on, due_on < today, target, words)


def _shows(due_on: date, today: date, soon_days: int = SOON_DAYS) -> bool:
    return due_on <= today + timedelta(days=soon_days)


def _pair(mentee: str, mentor: str) -> str:
    return _("{mentee} and {mentor}").format(mentee=mentee, mentor=mentor)


def _due_text(due_on: date, today: date) -> str:
    if due_on < today:
        return _("overdue since {date}").format(date=format_date(due_on))
    if due_on == today:
        return _("due today")
    return _("due {date}").format(date=format_date(due_on))


def _short(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# ----------------------------------------------------------------------- support contacts


def _rule_asks(rule: SupportContactRule, depth: ContactDepth) -> str:
    if depth is ContactDepth.IN_DEPTH:
        return _(
            "the programme asks for an in-depth support meeting monthly for three months, "
            "then every three months"
        )
    if rule is SupportContactRule.TWICE_FIRST_MONTH_THEN_MONTHLY:
        return _("the programme asks for two in the first month, then one a month")
    if rule is SupportContactRule.FIFTH_EDITION:
        return _("the programme asks for a check-in every month in the first year")
    return _("the programme's rule for support contacts asks for one")


class ContactFact(NamedTuple):
    """The earliest support contact still owed to one party of a match."""

    match_id: int
    mentor_name: str
    mentee_name: str
    party: ContactParty
    third_party_name: str
    depth: ContactDepth
    due_on: date


def _contact_words(fact: ContactFact, t: Thresholds, today: date) -> tuple[str, str]:
    who = {
        ContactParty.MENTOR: fact.mentor_name,
        ContactParty.MENTEE: fact.mentee_name,
        ContactParty.THIRD_PARTY: fact.third_party_name,
    }[fact.party]
    what = (
        _("In-depth support meeting with {who}")
        if fact.depth is ContactDepth.IN_DEPTH
        else _("Support contact with {who}")
    ).format(who=who)
    why = _("{what}: {due}, {asks}.").format(
        what=what,
        due=_due_text(fact.due_on, today),
        asks=_rule_asks(t.support_contact_rule, fact.depth),
    )
    return _pair(fact.mentee_name, fact.mentor_name), why


def support_contact(fact: ContactFact, t: Thresholds, today: date) -> TodayItem | None:
    """A support contact overdue, or due within the week."""
    if not _shows(fact.due_on, today):
        return None
    return _item(
        Kind.SUPPORT_CONTACT,
        f"support:{fact.match_id}:{fact.party.value}:{fact.depth.value}:{fact.due_on.isoformat()}",
        fact.due_on,
        today,
        Target(Place.SUPPORT_CONTACT, match_id=fact.match_id, party=fact.party.value),
        partial(_contact_words, fact, t, today),
    )


# ---------------------------------------------------------------------------- reviews


class ReviewFact(NamedTuple):
    match_id: int
    mentor_name: str
    mentee_name: str
    due_on: date


def _review_words(fact: ReviewFact, today: date) -> tuple[str, str]:
    why = _("Review of the mentoring agreement: {due}. Book it with both of them.").format(
        due=_due_text(fact.due_on, today)
    )
    return _pair(fact.mentee_name, fact.mentor_name), why


def review(fact: ReviewFact, t: Thresholds, today: date) -> TodayItem | None:
    """A review of the agreement overdue, or due within a fortnight."""
    if not _shows(fact.due_on, today, REVIEW_SOON_DAYS):
        return None
    return _item(
        Kind.REVIEW,
        f"review:{fact.match_id}:{fact.due_on.isoformat()}",
        fact.due_on,
        today,
        Target(Place.REVIEW, match_id=fact.match_id),
        partial(_review_words, fact, today),
    )


# ------------------------------------------------------------------------- signatures


class SignatureFact(NamedTuple):
    match_id: int
    mentor_name: str
    mentee_name: str
    coordinator_name: str
    agreed_on: date
    mentor_signed_on: date | None
    mentee_signed_on: date | None
    coordinator_signed_on: date | None


def _unsigned(fact: SignatureFact) -> list[str]:
    return [
        name or _("the coordinator")
        for name, signed in (
            (fact.mentor_name, fact.mentor_signed_on),
            (fact.mentee_name, fact.mentee_signed_on),
            (fact.coordinator_name, fact.coordinator_signed_on),
        )
        if signed is None
    ]


def _signature_words(fact: SignatureFact, due_on: date, today: date) -> tuple[str, str]:
    why = _(
        "Agreement of {date} still to be signed by {names}: {due}. The match starts when "
        "everyone has signed."
    ).format(
        date=format_date(fact.agreed_on),
        names=_(", ").join(_unsigned(fact)),
        due=_due_text(due_on, today),
    )
    return _pair(fact.mentee_name, fact.mentor_name), why


def signatures(fact: SignatureFact, t: Thresholds, today: date) -> TodayItem | None:
    """An agreement drawn up but not yet signed by everyone (expected back within a week)."""
    signed = (fact.mentor_signed_on, fact.mentee_signed_on, fact.coordinator_signed_on)
    if all(signed):
        return None
    due_on = fact.agreed_on + timedelta(days=SIGNATURE_DAYS)
    if not _shows(due_on, today):
        return None
    return _item(
        Kind.SIGNATURES,
        f"signatures:{fact.match_id}",
        due_on,
        today,
        Target(Place.SIGNATURES, match_id=fact.match_id),
        partial(_signature_words, fact, due_on, today),
    )


# -------------------------------------------------------------------- copy of the log


class LogCopyFact(NamedTuple):
    """A match's oldest meeting log whose copy has not gone to the mentor, and how many
    of its logs are waiting in all."""

    match_id: int
    mentor_name: str
    mentee_name: str
    meeting_id: int
    held_on: date
    copy_to_mentor_on: date | None
    waiting: int = 1


def _log_copy_words(fact: LogCopyFact, due_on: date, t: Thresholds, today: date) -> tuple[str, str]:
    why = ngettext(
        "Send {mentor} a copy of the log of the meeting on {held}: {due}, the programme "
        "asks for it within {n} day.",
        "Send {mentor} a copy of the log of the meeting on {held}: {due}, the programme "
        "asks for it within {n} days.",
        t.log_to_mentor_within_days,
    ).format(
        mentor=fact.mentor_name,
        held=format_date(fact.held_on),
        due=_due_text(due_on, today),
        n=t.log_to_mentor_within_days,
    )
    if fact.waiting > 1:
        why += " " + ngettext(
            "{n} later log is waiting too.", "{n} later logs are waiting too.", fact.waiting - 1
        ).format(n=fact.waiting - 1)
    return _pair(fact.mentee_name, fact.mentor_name), why


def log_copy(fact: LogCopyFact, t: Thresholds, today: date) -> TodayItem | None:
    """A meeting log whose copy has not gone to the mentor within the programme's days (one
    item per match, for its oldest such log)."""
    if fact.copy_to_mentor_on is not None:
        return None
    due_on = fact.held_on + timedelta(days=t.log_to_mentor_within_days)
    if not _shows(due_on, today):
        return None
    return _item(
        Kind.LOG_COPY,
        f"log-copy:{fact.meeting_id}",
        due_on,
        today,
        Target(Place.MEETING_LOG, match_id=fact.match_id, record_id=fact.meeting_id),
        partial(_log_copy_words, fact, due_on, t, today),
    )


# --------------------------------------------------------------- next meeting not logged


class NextMeetingFact(NamedTuple):
    """The latest meeting log of an open match, and the next meeting it gave."""

    match_id: int
    mentor_name: str
    mentee_name: str
    last_held_on: date
    next_meeting_on: date | None


def _next_meeting_words(fact: NextMeetingFact, planned: date) -> tuple[str, str]:
    why = _(
        "The last log (of {held}) gave the next meeting as {planned}, and nothing has been "
        "logged since. Log it, or find out whether it happened."
    ).format(held=format_date(fact.last_held_on), planned=format_date(planned))
    return _pair(fact.mentee_name, fact.mentor_name), why


def next_meeting(fact: NextMeetingFact, t: Thresholds, today: date) -> TodayItem | None:
    """The next meeting the last log gave has passed, and no later meeting is logged."""
    planned = fact.next_meeting_on
    if planned is None or planned >= today or fact.last_held_on >= planned:
        return None
    return _item(
        Kind.NEXT_MEETING,
        f"next-meeting:{fact.match_id}:{planned.isoformat()}",
        planned,
        today,
        Target(Place.NEW_MEETING_LOG, match_id=fact.match_id),
        partial(_next_meeting_words, fact, planned),
    )


# ----------------------------------------------------------------- meeting frequency


class FrequencyFact(NamedTuple):
    """How often an active match met in the last complete calendar month."""

    match_id: int
    mentor_name: str
    mentee_name: str
    started_on: date
    #: The agreement's minimum (the programme's when there is no agreement).
    min_per_month: int | None
    meetings_last_month: int
    #: The latest support contact this month (None if there has been none).
    last_support_on: date | None


def _frequency_words(fact: FrequencyFact, last_month: date, required: int) -> tuple[str, str]:
    month = month_year(last_month)
    held = (
        _("did not meet in {month}").format(month=month)
        if fact.meetings_last_month == 0
        else ngettext(
            "met once in {month}", "met {n} times in {month}", fact.meetings_last_month
        ).format(n=fact.meetings_last_month, month=month)
    )
    why = ngettext(
        "They {held}; the agreement asks for at least {n} meeting a month. Check in with them.",
        "They {held}; the agreement asks for at least {n} meetings a month. Check in with them.",
        required,
    ).format(held=held, n=required)
    return _pair(fact.mentee_name, fact.mentor_name), why


def meeting_frequency(fact: FrequencyFact, t: Thresholds, today: date) -> TodayItem | None:
    """The pair met fewer times last month than agreed, and nobody has checked in with them
    since the month ended."""
    this_month = date(today.year, today.month, 1)
    last_month = add_months(this_month, -1)
    required = fact.min_per_month or t.min_meetings_per_month
    if fact.started_on > last_month or fact.meetings_last_month >= required:
        return None
    if fact.last_support_on is not None and fact.last_support_on >= this_month:
        return None
    return _item(
        Kind.MEETING_FREQUENCY,
        f"frequency:{fact.match_id}:{last_month.isoformat()}",
        this_month,
        today,
        Target(Place.SUPPORT_CONTACT, match_id=fact.match_id),
        partial(_frequency_words, fact, last_month, required),
    )


# ---------------------------------------------------------------------------- concerns


class ConcernFact(NamedTuple):
    concern_id: int
    match_id: int
    mentor_name: str
    mentee_name: str
    raised_by: RaisedBy
    raised_on: date
    description: str
    resolved_on: date | None


def _concern_raised(raised_by: RaisedBy, days: int) -> str:
    """The sentence for each who, whole, so that a translator writes each one whole (a word
    for who put into a sentence reads wrongly in Gaelic)."""
    match raised_by:
        case RaisedBy.MENTOR:
            return ngettext(
                "Concern raised by the mentor on {date} ({n} day ago), still open: {text}",
                "Concern raised by the mentor on {date} ({n} days ago), still open: {text}",
                days,
            )
        case RaisedBy.MENTEE:
            return ngettext(
                "Concern raised by the mentee on {date} ({n} day ago), still open: {text}",
                "Concern raised by the mentee on {date} ({n} days ago), still open: {text}",
                days,
            )
        case RaisedBy.COORDINATOR:
            return ngettext(
                "Concern raised by the coordinator on {date} ({n} day ago), still open: {text}",
                "Concern raised by the coordinator on {date} ({n} days ago), still open: {text}",
                days,
            )
        case RaisedBy.THIRD_PARTY:
            return ngettext(
                "Concern raised by a third party on {date} ({n} day ago), still open: {text}",
                "Concern raised by a third party on {date} ({n} days ago), still open: {text}",
                days,
            )


def _concern_words(fact: ConcernFact, today: date) -> tuple[str, str]:
    days = (today - fact.raised_on).days
    why = _concern_raised(fact.raised_by, days).format(
        date=format_date(fact.raised_on),
        n=days,
        text=_short(fact.description),
    )
    return _pair(fact.mentee_name, fact.mentor_name), why


def concern(fact: ConcernFact, t: Thresholds, today: date) -> TodayItem | None:
    """A concern still open: it flags the match until it is recorded resolved."""
    if fact.resolved_on is not None:
        return None
    return _item(
        Kind.CONCERN,
        f"concern:{fact.concern_id}",
        fact.raised_on,
        today,
        Target(Place.CONCERN, match_id=fact.match_id, record_id=fact.concern_id),
        partial(_concern_words, fact, today),
    )


# -------------------------------------------------------------------------------- PVG


class PvgFact(NamedTuple):
    """A person's latest PVG membership (level 1 disclosures are not memberships)."""

    person_id: int
    name: str
    issued_on: date


def _pvg_words(fact: PvgFact, renews_on: date, expired: bool) -> tuple[str, str]:
    if expired:
        why = _("PVG membership (issued {issued}) ran out on {date}. Renew it before they go on.")
    else:
        why = _(
            "PVG membership (issued {issued}) is due for renewal by {date}; renewals are "
            "started {n} days before."
        )
    return fact.name, why.format(
        issued=format_date(fact.issued_on), date=format_date(renews_on), n=PVG_RENEWAL_WARNING_DAYS
    )


def pvg(fact: PvgFact, t: Thresholds, today: date) -> TodayItem | None:
    """PVG membership run out, or due for renewal within 90 days."""
    status = pvg_status(fact.issued_on, today)
    if not (status.expired or status.due_soon):
        return None
    return _item(
        Kind.PVG,
        f"pvg:{fact.person_id}:{fact.issued_on.isoformat()}",
        status.renews_on,
        today,
        Target(Place.PERSON, person_id=fact.person_id),
        partial(_pvg_words, fact, status.renews_on, status.expired),
    )


# ----------------------------------------------------------------------- stuck in stage


class StageFact(NamedTuple):
    participant_id: int
    person_id: int
    name: str
    role: Role
    stage: Stage
    stage_on: date | None


def _stage_words(fact: StageFact, stage_on: date, t: Thresholds, today: date) -> tuple[str, str]:
    # The role and stage as values, not words in the sentence, so the sentence translates.
    why = _(
        "{role}, {stage}: at this stage since {date}, {n} days, longer than the programme's "
        "{limit}. Move them on, or put them on hold."
    ).format(
        role=_(ROLE_LABELS[fact.role]),
        stage=_(STAGE_LABELS[fact.stage]),
        date=format_date(stage_on),
        n=(today - stage_on).days,
        limit=t.stage_stuck_days,
    )
    return fact.name, why


def stuck_in_stage(fact: StageFact, t: Thresholds, today: date) -> TodayItem | None:
    """Someone in a pipeline stage for longer than the programme allows."""
    stage_on = fact.stage_on
    if fact.stage not in PIPELINE_STAGES or stage_on is None:
        return None
    if (today - stage_on).days <= t.stage_stuck_days:
        return None
    return _item(
        Kind.STUCK_IN_STAGE,
        f"stage:{fact.participant_id}:{fact.stage.value}:{stage_on.isoformat()}",
        stage_on + timedelta(days=t.stage_stuck_days),
        today,
        Target(Place.PERSON, person_id=fact.person_id, participant_id=fact.participant_id),
        partial(_stage_words, fact, stage_on, t, today),
    )


# ----------------------------------------------------------------------- mentees waiting


class WaitingFact(NamedTuple):
    """A mentee ready (or matched before) with no open match, and since when they wait."""

    participant_id: int
    person_id: int
    name: str
    waiting_since: date | None


def _waiting_words(fact: WaitingFact, since: date, t: Thresholds, today: date) -> tuple[str, str]:
    why = _(
        "Waiting for a mentor since {date}: {n} days, longer than the programme's {limit}."
    ).format(date=format_date(since), n=(today - since).days, limit=t.mentee_wait_days)
    return fact.name, why


def mentee_waiting(fact: WaitingFact, t: Thresholds, today: date) -> TodayItem | None:
    """A mentee waiting for a mentor longer than the programme's threshold."""
    since = fact.waiting_since
    if since is None or (today - since).days <= t.mentee_wait_days:
        return None
    return _item(
        Kind.MENTEE_WAITING,
        f"waiting:{fact.participant_id}:{since.isoformat()}",
        since + timedelta(days=t.mentee_wait_days),
        today,
        Target(Place.WAITING, person_id=fact.person_id, participant_id=fact.participant_id),
        partial(_waiting_words, fact, since, t, today),
    )


# ------------------------------------------------------------------------------- tasks


class TaskFact(NamedTuple):
    task_id: int
    person_id: int
    name: str
    kind: TaskKind
    due_on: date
    done_on: date | None


def _task_words(fact: TaskFact, today: date) -> tuple[str, str]:
    title = _(TASK_LABELS[fact.kind]).format(name=fact.name)
    why = _("{task}: {due}.").format(task=title, due=_due_text(fact.due_on, today))
    if fact.kind is TaskKind.NOTIFY_DISCLOSURE_SCOTLAND:
        why += " " + _("The law gives three months from the day they left.")
    return fact.name, why


def task(fact: TaskFact, t: Thresholds, today: date) -> TodayItem | None:
    """A task not done, overdue or due within the month."""
    if fact.done_on is not None or not _shows(fact.due_on, today, TASK_SOON_DAYS):
        return None
    return _item(
        Kind.TASK,
        f"task:{fact.task_id}",
        fact.due_on,
        today,
        Target(Place.PERSON, person_id=fact.person_id, record_id=fact.task_id),
        partial(_task_words, fact, today),
    )


# ---------------------------------------------------------------------------- closures


class ClosureFact(NamedTuple):
    """A match in its ending, and its closure record (None before the ending is started)."""

    match_id: int
    mentor_name: str
    mentee_name: str
    planned_end_on: date | None
    closure: MatchClosure | None


def _closure_words(fact: ClosureFact, missing: list[MissingStep]) -> tuple[str, str]:
    why = ngettext(
        "Ending the match: {n} step still to do. Next: {step}",
        "Ending the match: {n} steps still to do. Next: {step}",
        len(missing),
    ).format(n=len(missing), step=missing[0].text)
    return _pair(fact.mentee_name, fact.mentor_name), why


def closure(fact: ClosureFact, t: Thresholds, today: date) -> TodayItem | None:
    """A match being brought to a close with required steps still missing."""
    missing = missing_steps(fact.closure)
    if not missing:
        return None
    ended = fact.closure.end_on if fact.closure is not None else None
    due_on = ended or fact.planned_end_on or today
    return _item(
        Kind.CLOSURE,
        f"closure:{fact.match_id}",
        due_on,
        today,
        Target(Place.ENDING, match_id=fact.match_id),
        partial(_closure_words, fact, missing),
    )


# --------------------------------------------------------------------------- goal actions


class GoalActionFact(NamedTuple):
    """A match's most overdue goal action, and how many of its actions are overdue in all."""

    action_id: int
    goal_id: int
    match_id: int
    mentee_name: str
    goal_title: str
    description: str
    due_on: date
    done_on: date | None
    overdue: int = 1


def _goal_action_words(fact: GoalActionFact) -> tuple[str, str]:
    why = _(
        "“{action}” (goal: {goal}) was due on {date}. Ask how it went, then mark it done "
        "or change the date."
    ).format(
        action=_short(fact.description, 60),
        goal=_short(fact.goal_title, 50),
        date=format_date(fact.due_on),
    )
    if fact.overdue > 1:
        why += " " + ngettext(
            "{n} more action is overdue.", "{n} more actions are overdue.", fact.overdue - 1
        ).format(n=fact.overdue - 1)
    return fact.mentee_name, why


def goal_action(fact: GoalActionFact, t: Thresholds, today: date) -> TodayItem | None:
    """A step of a goal's action plan past its date and not done (one item per match, for
    its most overdue action)."""
    if fact.done_on is not None or fact.due_on >= today:
        return None
    return _item(
        Kind.GOAL_ACTION,
        f"goal-action:{fact.action_id}:{fact.due_on.isoformat()}",
        fact.due_on,
        today,
        Target(
            Place.GOAL_ACTION,
            match_id=fact.match_id,
            goal_id=fact.goal_id,
            record_id=fact.action_id,
        ),
        partial(_goal_action_words, fact),
    )
