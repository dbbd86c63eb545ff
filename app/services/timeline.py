"""The relationship timeline: everything that happened to a match, in date order, with the
totals a funder asks for and warnings when the programme's rules are not being met.

Entries come from sources: small functions that each read one kind of record for a match and
return `TimelineEntry` values. `default_sources()` lists them in one place; a later part of
the product (reviews, goals) adds its own source there and the timeline, its totals and its
page pick it up without other changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formatting import format_date, month_year
from app.i18n import N_, _, ngettext
from app.model import (
    Concern,
    Match,
    MatchClosure,
    MatchStatus,
    MeetingLog,
    Programme,
    SupportContact,
)
from app.model.ending import CLOSURE_PATH_LABELS
from app.model.match import MATCH_STATUS_LABELS
from app.model.meeting import MEETING_MODES, MeetingMode
from app.model.support import ContactParty, RaisedBy
from app.services import closure_steps
from app.services.meetings import get_match, mode_label, pair_names, stage_label
from app.services.reviews import reviews_of
from app.services.schedule import (
    CopyState,
    copy_to_mentor_state,
    meeting_shortfalls,
    whole_months_between,
)
from app.services.support import (
    depth_label,
    match_schedules,
    party_label,
    quality_label,
)


@dataclass(frozen=True)
class TimelineEntry:
    """One dated thing on the timeline. `kind` says what it is (for icons and filters);
    `source` and `record_id` say where to open it."""

    on: date
    kind: str
    source: str
    record_id: int | None
    title: str
    detail: str = ""
    attention: bool = False


TimelineSource = Callable[[Session, Match, date], Iterable[TimelineEntry]]

KIND_MEETING = "meeting"
KIND_MESSAGE = "message"
KIND_SUPPORT = "support-contact"
KIND_CONCERN_RAISED = "concern-raised"
KIND_CONCERN_RESOLVED = "concern-resolved"
KIND_MATCH = "match"
KIND_REVIEW = "review"
KIND_ENDING = "ending"


def duration_text(minutes: int | None) -> str:
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return ngettext("{m} minute", "{m} minutes", rest).format(m=rest)
    if not rest:
        return ngettext("{h} hour", "{h} hours", hours).format(h=hours)
    return _("{h} h {m} min").format(h=hours, m=rest)


def match_entries(s: Session, match: Match, today: date) -> Iterable[TimelineEntry]:
    """The match's own milestones: proposed, started, ended."""
    if match.proposed_on:
        yield TimelineEntry(match.proposed_on, KIND_MATCH, "match", match.id, _("Match proposed"))
    if match.started_on:
        yield TimelineEntry(
            match.started_on, KIND_MATCH, "match", match.id, _("Relationship started")
        )
    if match.ended_on:
        yield TimelineEntry(
            match.ended_on, KIND_MATCH, "match", match.id, _("Relationship ended"), match.end_reason
        )


def meeting_entries(s: Session, match: Match, today: date) -> Iterable[TimelineEntry]:
    within = match.programme.log_to_mentor_within_days
    rows = s.execute(
        select(
            MeetingLog.id,
            MeetingLog.held_on,
            MeetingLog.mode,
            MeetingLog.duration_minutes,
            MeetingLog.place,
            MeetingLog.stage,
            MeetingLog.mentee_signed_on,
            MeetingLog.mentor_signed_on,
            MeetingLog.copy_to_mentor_on,
        ).where(MeetingLog.match_id == match.id, MeetingLog.removed_on.is_(None))
    )
    for r in rows:
        parts = [p for p in (duration_text(r.duration_minutes), r.place, stage_label(r.stage)) if p]
        copy = copy_to_mentor_state(r.held_on, r.copy_to_mentor_on, within, today)
        if copy is CopyState.LATE:
            parts.append(_("copy to mentor overdue"))
        if r.mentee_signed_on is None or r.mentor_signed_on is None:
            parts.append(_("not yet signed by both"))
        yield TimelineEntry(
            r.held_on,
            KIND_MEETING if r.mode in MEETING_MODES else KIND_MESSAGE,
            "meetings",
            r.id,
            _("Meeting: {mode}").format(mode=mode_label(r.mode))
            if r.mode in MEETING_MODES
            else _("Contact between meetings: {mode}").format(mode=mode_label(r.mode)),
            " · ".join(parts),
            attention=copy is CopyState.LATE,
        )


def support_entries(s: Session, match: Match, today: date) -> Iterable[TimelineEntry]:
    mentor, mentee = pair_names(s, [match.id])[match.id]
    names = {ContactParty.MENTOR: mentor, ContactParty.MENTEE: mentee}
    for c in s.scalars(
        select(SupportContact).where(
            SupportContact.match_id == match.id, SupportContact.removed_on.is_(None)
        )
    ):
        who = names.get(c.party) or c.third_party_name or party_label(c.party)
        parts = [mode_label(c.mode), quality_label(c.quality)]
        if c.safety_concern:
            parts.append(_("safety concern noted"))
        yield TimelineEntry(
            c.held_on,
            KIND_SUPPORT,
            "support",
            c.id,
            _("{depth} with {who}").format(depth=depth_label(c.depth), who=who),
            " · ".join(p for p in parts if p),
            attention=c.safety_concern,
        )


OPEN_CONCERN_TITLES = {
    RaisedBy.MENTOR: N_("Open concern raised by the mentor"),
    RaisedBy.MENTEE: N_("Open concern raised by the mentee"),
    RaisedBy.COORDINATOR: N_("Open concern raised by the coordinator"),
    RaisedBy.THIRD_PARTY: N_("Open concern raised by a third party"),
}
RESOLVED_CONCERN_TITLES = {
    RaisedBy.MENTOR: N_("Concern raised by the mentor"),
    RaisedBy.MENTEE: N_("Concern raised by the mentee"),
    RaisedBy.COORDINATOR: N_("Concern raised by the coordinator"),
    RaisedBy.THIRD_PARTY: N_("Concern raised by a third party"),
}


def concern_entries(s: Session, match: Match, today: date) -> Iterable[TimelineEntry]:
    for c in s.scalars(select(Concern).where(Concern.match_id == match.id)):
        yield TimelineEntry(
            c.raised_on,
            KIND_CONCERN_RAISED,
            "concerns",
            c.id,
            (
                _(RESOLVED_CONCERN_TITLES[c.raised_by])
                if c.resolved_on
                else _(OPEN_CONCERN_TITLES[c.raised_by])
            ),
            c.description,
            attention=c.resolved_on is None,
        )
        if c.resolved_on:
            yield TimelineEntry(
                c.resolved_on,
                KIND_CONCERN_RESOLVED,
                "concerns",
                c.id,
                _("Concern resolved"),
                c.actions_taken,
            )


def review_entries(s: Session, match: Match, today: date) -> Iterable[TimelineEntry]:
    """Each review with its decision (an extension shows the old and new planned end)."""
    for row in reviews_of(s, match.id):
        late = row.due_on is not None and row.held_on > row.due_on
        detail = (
            _("{summary} · due {due}").format(summary=row.summary, due=format_date(row.due_on))
            if late
            else row.summary
        )
        yield TimelineEntry(row.held_on, KIND_REVIEW, "reviews", row.id, _("Review"), detail)


def ending_entries(s: Session, match: Match, today: date) -> Iterable[TimelineEntry]:
    """The ending procedure: when it began, and how it ended once closed."""
    closure = s.scalar(select(MatchClosure).where(MatchClosure.match_id == match.id))
    if closure is None:
        return
    detail = ""
    if match.status is not MatchStatus.CLOSED:
        missing = len(closure_steps.missing_steps(closure))
        detail = ngettext("{n} step still to do", "{n} steps still to do", missing).format(
            n=missing
        )
    elif closure.path is not None:
        detail = _(CLOSURE_PATH_LABELS[closure.path])
    yield TimelineEntry(
        closure.started_on, KIND_ENDING, "ending", match.id, _("Ending begun"), detail
    )


def default_sources() -> dict[str, TimelineSource]:
    """Every kind of record that appears on a match's timeline."""
    return {
        "match": match_entries,
        "meetings": meeting_entries,
        "support": support_entries,
        "concerns": concern_entries,
        "reviews": review_entries,
        "ending": ending_entries,
    }


@dataclass(frozen=True)
class TimelineTotals:
    meetings: int  # face to face, telephone, video and group sessions
    contacts: int  # meetings plus e-mails and messages between them
    minutes: int
    months_active: int
    days_since_last_contact: int | None
    support_contacts: int
    open_concerns: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class Timeline:
    match_id: int
    mentor_name: str
    mentee_name: str
    status: MatchStatus
    started_on: date | None
    entries: tuple[TimelineEntry, ...]
    totals: TimelineTotals
    warnings: tuple[str, ...]


def _month_list(months: list[date]) -> str:
    names = [month_year(m) for m in months]
    if len(names) == 1:
        return names[0]
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def frequency_warnings(
    programme: Programme, match: Match, meeting_dates: list[date], today: date
) -> list[str]:
    """A warning for the complete months in which the pair met less than the programme asks.

    Months are judged from the start of the relationship to its end (or today). While a match
    is paused, the months after its last meeting are not judged.
    """
    start = match.started_on or (min(meeting_dates) if meeting_dates else None)
    if start is None:
        return []
    end = match.ended_on or today
    if match.status is MatchStatus.PAUSED:
        end = min(end, max(meeting_dates, default=start))
    if match.status in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED):
        return []
    shortfalls = meeting_shortfalls(meeting_dates, start, end, programme.min_meetings_per_month)
    if not shortfalls:
        return []
    months = [f.month for f in shortfalls]
    rule = ngettext(
        "the programme asks for at least {n} meeting a month",
        "the programme asks for at least {n} meetings a month",
        programme.min_meetings_per_month,
    ).format(n=programme.min_meetings_per_month)
    shown = months[-6:]
    text = ngettext(
        "Fewer meetings than agreed in {months}: {rule}.",
        "Fewer meetings than agreed in {count} months ({months}): {rule}.",
        len(months),
    ).format(count=len(months), months=_month_list(shown), rule=rule)
    if len(months) > len(shown):
        text = _(
            "Fewer meetings than agreed in {count} months, most recently {months}: {rule}."
        ).format(count=len(months), months=_month_list(shown), rule=rule)
    return [text]


def match_timeline(
    s: Session,
    match_id: int,
    today: date,
    sources: Mapping[str, TimelineSource] | None = None,
) -> Timeline:
    """Everything on one match's timeline, newest last, with totals and warnings."""
    match = get_match(s, match_id)
    programme = match.programme
    entries: list[TimelineEntry] = []
    for source in (sources or default_sources()).values():
        entries.extend(source(s, match, today))
    entries.sort(key=lambda e: (e.on, e.kind != KIND_MATCH, e.record_id or 0))

    logs = s.execute(
        select(MeetingLog.held_on, MeetingLog.mode, MeetingLog.duration_minutes).where(
            MeetingLog.match_id == match.id, MeetingLog.removed_on.is_(None)
        )
    ).all()
    meeting_dates = [r.held_on for r in logs if r.mode in MEETING_MODES]
    last_contact = max((r.held_on for r in logs), default=None)
    start = match.started_on or min((r.held_on for r in logs), default=None)
    active_end = match.ended_on or today
    open_concerns = sum(1 for e in entries if e.kind == KIND_CONCERN_RAISED and e.attention)
    totals = TimelineTotals(
        meetings=len(meeting_dates),
        contacts=len(logs),
        minutes=sum(r.duration_minutes or 0 for r in logs if r.mode is not MeetingMode.MESSAGE),
        months_active=whole_months_between(start, active_end) if start else 0,
        days_since_last_contact=(today - last_contact).days if last_contact else None,
        support_contacts=sum(1 for e in entries if e.kind == KIND_SUPPORT),
        open_concerns=open_concerns,
    )

    warnings = frequency_warnings(programme, match, meeting_dates, today)
    if open_concerns:
        warnings.append(
            ngettext("{n} concern is open.", "{n} concerns are open.", open_concerns).format(
                n=open_concerns
            )
        )
    mentor, mentee = pair_names(s, [match.id])[match.id]
    if match.status in (MatchStatus.ACTIVE, MatchStatus.ENDING):
        names = {ContactParty.MENTOR: mentor, ContactParty.MENTEE: mentee}
        for sched in match_schedules(s, match, programme, today):
            since = sched.overdue_since
            if since is not None:
                warnings.append(
                    _("{depth} with {who} overdue since {date}.").format(
                        depth=depth_label(sched.depth),
                        who=names.get(sched.party) or sched.third_party_name,
                        date=format_date(since),
                    )
                )
    late_copies = sum(1 for e in entries if e.kind in (KIND_MEETING, KIND_MESSAGE) and e.attention)
    if late_copies:
        warnings.append(
            ngettext(
                "The copy of {n} meeting log has not gone to the mentor within {days} days.",
                "The copies of {n} meeting logs have not gone to the mentor within {days} days.",
                late_copies,
            ).format(n=late_copies, days=programme.log_to_mentor_within_days)
        )
    return Timeline(
        match_id=match.id,
        mentor_name=mentor,
        mentee_name=mentee,
        status=match.status,
        started_on=match.started_on,
        entries=tuple(entries),
        totals=totals,
        warnings=tuple(warnings),
    )


def status_label(status: MatchStatus) -> str:
    return _(MATCH_STATUS_LABELS[status])
