"""Recording what happens when a mentor and mentee meet, and listing it.

A new log starts with every action point still open from earlier meetings, each to be marked
done, dropped or carried forward. The coordinator's private note on a meeting is read and
written only by `private_note` and `record_meeting`/`update_meeting`; no list, printout or
export touches it unless asked in so many words (`include_private_notes=True`). Drafts of
the meeting form are kept as the coordinator types and deleted when the log is saved.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.formatting import format_date
from app.i18n import _
from app.model import (
    ActionPoint,
    Match,
    MatchStatus,
    MeetingLog,
    MeetingPrivateNote,
    Participant,
    Person,
    Programme,
)
from app.model.meeting import (
    ACTION_OWNER_LABELS,
    MEETING_MODE_LABELS,
    STAGE_LABELS,
    ActionOwner,
    ActionStatus,
    MeetingMode,
    RelationshipStage,
)
from app.model.support import Concern
from app.services import drafts
from app.services.changes import Changes
from app.services.errors import ActionRefused, NotFound, check
from app.services.lookups import get_match as get_match
from app.services.lookups import get_or_refuse
from app.services.schedule import CopyState, copy_to_mentor_due, copy_to_mentor_state
from app.services.validation import text_errors

MAX_MINUTES = 24 * 60


def mode_label(mode: MeetingMode) -> str:
    return _(MEETING_MODE_LABELS[mode])


def stage_label(stage: RelationshipStage | None) -> str:
    return _(STAGE_LABELS[stage]) if stage else ""


def owner_label(owner: ActionOwner) -> str:
    return _(ACTION_OWNER_LABELS[owner])


# ----------------------------------------------------------------------------- names


def pair_names(
    s: Session, match_ids: Sequence[int] | None = None, programme_id: int | None = None
) -> dict[int, tuple[str, str]]:
    """{match id: (mentor's name, mentee's name)} as the coordinator calls them."""
    mentor_p, mentee_p = aliased(Participant), aliased(Participant)
    mentor, mentee = aliased(Person), aliased(Person)
    query = (
        select(
            Match.id,
            mentor.first_name,
            mentor.preferred_name,
            mentor.last_name,
            mentee.first_name,
            mentee.preferred_name,
            mentee.last_name,
        )
        .join(mentor_p, mentor_p.id == Match.mentor_id)
        .join(mentor, mentor.id == mentor_p.person_id)
        .join(mentee_p, mentee_p.id == Match.mentee_id)
        .join(mentee, mentee.id == mentee_p.person_id)
    )
    if match_ids is not None:
        query = query.where(Match.id.in_(list(match_ids)))
    if programme_id is not None:
        query = query.where(Match.programme_id == programme_id)
    return {
        row[0]: (
            f"{row[2] or row[1]} {row[3]}".strip(),
            f"{row[5] or row[4]} {row[6]}".strip(),
        )
        for row in s.execute(query)
    }


def get_meeting(s: Session, meeting_id: int) -> MeetingLog:
    """A meeting log that has not been removed."""
    gone = _("That meeting log no longer exists.")
    meeting = get_or_refuse(s, MeetingLog, meeting_id, gone)
    if meeting.removed_on is not None:
        raise NotFound(gone)
    return meeting


# --------------------------------------------------------------------------- the form


@dataclass(frozen=True)
class ActionReview:
    """An action point from an earlier meeting and what became of it at this one."""

    action_id: int
    text: str
    owner: ActionOwner
    due_on: date | None
    agreed_on: date | None
    outcome: ActionStatus = ActionStatus.CARRIED_FORWARD


@dataclass(frozen=True)
class NewAction:
    """An action point agreed at this meeting (id set when it is already saved)."""

    text: str
    owner: ActionOwner = ActionOwner.MENTEE
    due_on: date | None = None
    id: int | None = None


REVIEW_OUTCOMES = (ActionStatus.CARRIED_FORWARD, ActionStatus.DONE, ActionStatus.DROPPED)


@dataclass(frozen=True)
class MeetingDetails:
    """What the coordinator types from the paper log."""

    held_on: date | None
    mode: MeetingMode = MeetingMode.FACE_TO_FACE
    duration_minutes: int | None = None
    place: str = ""
    attended: str = ""
    stage: RelationshipStage | None = None
    next_meeting_on: date | None = None
    mentee_signed_on: date | None = None
    mentor_signed_on: date | None = None
    copy_to_mentor_on: date | None = None
    reviews: tuple[ActionReview, ...] = ()
    actions: tuple[NewAction, ...] = ()
    private_note: str = ""

    def cleaned(self) -> MeetingDetails:
        return replace(
            self,
            place=self.place.strip(),
            attended=self.attended.strip(),
            private_note=self.private_note.strip(),
            actions=tuple(replace(a, text=a.text.strip()) for a in self.actions if a.text.strip()),
        )

    # Drafts are stored as JSON: plain values only.
    def to_draft(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            return value

        draft: dict[str, Any] = plain(asdict(self))
        return draft

    @classmethod
    def from_draft(cls, data: dict[str, Any]) -> MeetingDetails:
        def day(value: Any) -> date | None:
            return date.fromisoformat(value) if value else None

        return cls(
            held_on=day(data.get("held_on")),
            mode=MeetingMode(data.get("mode") or MeetingMode.FACE_TO_FACE),
            duration_minutes=data.get("duration_minutes"),
            place=data.get("place", ""),
            attended=data.get("attended", ""),
            stage=RelationshipStage(data["stage"]) if data.get("stage") else None,
            next_meeting_on=day(data.get("next_meeting_on")),
            mentee_signed_on=day(data.get("mentee_signed_on")),
            mentor_signed_on=day(data.get("mentor_signed_on")),
            copy_to_mentor_on=day(data.get("copy_to_mentor_on")),
            reviews=tuple(
                ActionReview(
                    action_id=r["action_id"],
                    text=r["text"],
                    owner=ActionOwner(r["owner"]),
                    due_on=day(r.get("due_on")),
                    agreed_on=day(r.get("agreed_on")),
                    outcome=ActionStatus(r["outcome"]),
                )
                for r in data.get("reviews", [])
            ),
            actions=tuple(
                NewAction(
                    text=a["text"],
                    owner=ActionOwner(a["owner"]),
                    due_on=day(a.get("due_on")),
                    id=a.get("id"),
                )
                for a in data.get("actions", [])
            ),
            private_note=data.get("private_note", ""),
        )


@dataclass(frozen=True)
class MeetingRules:
    """The programme's rules the meeting form shows and checks against."""

    min_minutes: int
    max_minutes: int
    log_to_mentor_within_days: int

    @classmethod
    def of(cls, programme: Programme) -> MeetingRules:
        return cls(
            programme.min_meeting_minutes,
            programme.max_meeting_minutes,
            programme.log_to_mentor_within_days,
        )


@dataclass(frozen=True)
class MeetingForm:
    """Everything the meeting dialog needs: who, the programme's rules and the values."""

    match_id: int
    meeting_id: int | None
    mentor_name: str
    mentee_name: str
    rules: MeetingRules
    details: MeetingDetails
    draft_key: str
    #: Action points agreed here that a later meeting has already looked back at.
    reviewed_later: frozenset[int] = field(default_factory=frozenset)


def draft_key(match_id: int, meeting_id: int | None) -> str:
    if meeting_id is None:
        return f"meeting-log:new:{match_id}"
    return f"meeting-log:{meeting_id}"


def open_action_points(s: Session, match_id: int) -> list[ActionReview]:
    """Action points not yet looked back at, oldest meeting first."""
    rows = s.execute(
        select(ActionPoint, MeetingLog.held_on)
        .join(MeetingLog, MeetingLog.id == ActionPoint.agreed_at_id)
        .where(
            ActionPoint.match_id == match_id,
            ActionPoint.status == ActionStatus.OPEN,
            MeetingLog.removed_on.is_(None),
        )
        .order_by(MeetingLog.held_on, MeetingLog.id, ActionPoint.position, ActionPoint.id)
    )
    return [ActionReview(ap.id, ap.text, ap.owner, ap.due_on, held_on) for ap, held_on in rows]


def new_meeting_form(s: Session, match_id: int, today: date) -> MeetingForm:
    """A blank log for the match, starting with the open action points from last time."""
    match = get_match(s, match_id)
    mentor, mentee = pair_names(s, [match_id])[match_id]
    last = s.execute(
        select(MeetingLog.place, MeetingLog.stage)
        .where(MeetingLog.match_id == match_id, MeetingLog.removed_on.is_(None))
        .order_by(MeetingLog.held_on.desc(), MeetingLog.id.desc())
        .limit(1)
    ).first()
    details = MeetingDetails(
        held_on=today,
        place=last.place if last else "",
        stage=last.stage if last else RelationshipStage.BEGINNING,
        attended=_("{mentor} and {mentee}").format(mentor=mentor, mentee=mentee),
        reviews=tuple(open_action_points(s, match_id)),
    )
    return MeetingForm(
        match_id=match_id,
        meeting_id=None,
        mentor_name=mentor,
        mentee_name=mentee,
        rules=MeetingRules.of(match.programme),
        details=details,
        draft_key=draft_key(match_id, None),
    )


def meeting_form(s: Session, meeting_id: int) -> MeetingForm:
    """The saved log, ready to edit (with the private note: this is the coordinator's own view)."""
    meeting = get_meeting(s, meeting_id)
    match = get_match(s, meeting.match_id)
    mentor, mentee = pair_names(s, [match.id])[match.id]
    reviewed = s.execute(
        select(ActionPoint, MeetingLog.held_on)
        .join(MeetingLog, MeetingLog.id == ActionPoint.agreed_at_id)
        .where(ActionPoint.reviewed_at_id == meeting_id)
        .order_by(MeetingLog.held_on, ActionPoint.position, ActionPoint.id)
    )
    agreed = s.scalars(
        select(ActionPoint)
        .where(ActionPoint.agreed_at_id == meeting_id, ActionPoint.carried_from_id.is_(None))
        .order_by(ActionPoint.position, ActionPoint.id)
    ).all()
    details = MeetingDetails(
        held_on=meeting.held_on,
        mode=meeting.mode,
        duration_minutes=meeting.duration_minutes,
        place=meeting.place,
        attended=meeting.attended,
        stage=meeting.stage,
        next_meeting_on=meeting.next_meeting_on,
        mentee_signed_on=meeting.mentee_signed_on,
        mentor_signed_on=meeting.mentor_signed_on,
        copy_to_mentor_on=meeting.copy_to_mentor_on,
        reviews=tuple(
            ActionReview(ap.id, ap.text, ap.owner, ap.due_on, held_on, ap.status)
            for ap, held_on in reviewed
        ),
        actions=tuple(NewAction(a.text, a.owner, a.due_on, a.id) for a in agreed),
        private_note=private_note(s, meeting_id),
    )
    return MeetingForm(
        match_id=match.id,
        meeting_id=meeting_id,
        mentor_name=mentor,
        mentee_name=mentee,
        rules=MeetingRules.of(match.programme),
        details=details,
        draft_key=draft_key(match.id, meeting_id),
        reviewed_later=frozenset(a.id for a in agreed if a.reviewed_at_id is not None),
    )


def duration_warning(minutes: int | None, rules: MeetingRules, mode: MeetingMode) -> str:
    """A gentle word when a meeting was shorter or longer than the programme suggests
    (a warning, never a refusal: meetings run as they run)."""
    if minutes is None or mode is MeetingMode.MESSAGE:
        return ""
    if minutes < rules.min_minutes:
        return _(
            "Shorter than the programme's {low} to {high} minutes. Save anyway if that is "
            "what happened."
        ).format(low=rules.min_minutes, high=rules.max_minutes)
    if minutes > rules.max_minutes:
        return _(
            "Longer than the programme's {low} to {high} minutes. Save anyway if that is "
            "what happened."
        ).format(low=rules.min_minutes, high=rules.max_minutes)
    return ""


def validate_meeting(details: MeetingDetails, today: date) -> dict[str, str]:
    errors = text_errors(details)
    held = details.held_on
    if held is None:
        errors["held_on"] = _("Give the date of the meeting.")
    elif held > today:
        errors["held_on"] = _("The meeting date cannot be in the future.")
    minutes = details.duration_minutes
    if minutes is None and details.mode is not MeetingMode.MESSAGE:
        errors["duration_minutes"] = _("Say how long the meeting lasted, in minutes.")
    elif minutes is not None and not 0 < minutes <= MAX_MINUTES:
        errors["duration_minutes"] = _("A meeting lasts between 1 minute and 24 hours.")
    if len(details.place) > 200:
        errors["place"] = _("Keep the place under 200 characters.")
    if len(details.attended) > 300:
        errors["attended"] = _("Keep this under 300 characters.")
    if held is not None:
        for name, value, message in (
            (
                "next_meeting_on",
                details.next_meeting_on,
                _("The next meeting comes after this one."),
            ),
            (
                "mentee_signed_on",
                details.mentee_signed_on,
                _("The log can only be signed on or after the meeting."),
            ),
            (
                "mentor_signed_on",
                details.mentor_signed_on,
                _("The log can only be signed on or after the meeting."),
            ),
            (
                "copy_to_mentor_on",
                details.copy_to_mentor_on,
                _("The copy can only be sent on or after the meeting."),
            ),
        ):
            if value is not None and (
                value < held or (name == "next_meeting_on" and value == held)
            ):
                errors[name] = message
        for action in details.actions:
            if action.due_on is not None and action.due_on < held:
                errors["actions"] = _(
                    "“{text}” is due before the meeting it was agreed at."
                ).format(text=action.text)
                break
    for review in details.reviews:
        if review.outcome not in REVIEW_OUTCOMES:
            errors["reviews"] = _(
                "Mark each action point from last time done, dropped or carried forward."
            )
            break
    return errors


def _apply_fields(meeting: MeetingLog, d: MeetingDetails) -> None:
    assert d.held_on is not None, "validate_meeting refuses a meeting without a date"
    meeting.held_on = d.held_on
    meeting.mode = d.mode
    meeting.duration_minutes = d.duration_minutes
    meeting.place = d.place
    meeting.attended = d.attended
    meeting.stage = d.stage
    meeting.next_meeting_on = d.next_meeting_on
    meeting.mentee_signed_on = d.mentee_signed_on
    meeting.mentor_signed_on = d.mentor_signed_on
    meeting.copy_to_mentor_on = d.copy_to_mentor_on


def _set_private_note(s: Session, meeting_id: int, text: str) -> None:
    note = s.scalar(select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting_id))
    if not text:
        if note is not None:
            s.delete(note)
        return
    if note is None:
        s.add(MeetingPrivateNote(meeting_id=meeting_id, text=text))
    else:
        note.text = text


def _carry(s: Session, action: ActionPoint, meeting: MeetingLog, position: int) -> None:
    s.add(
        ActionPoint(
            match_id=action.match_id,
            agreed_at_id=meeting.id,
            carried_from_id=action.id,
            position=position,
            text=action.text,
            owner=action.owner,
            due_on=action.due_on if action.due_on and action.due_on > meeting.held_on else None,
            status=ActionStatus.OPEN,
        )
    )


def _add_actions(s: Session, meeting: MeetingLog, actions: Sequence[NewAction], start: int) -> None:
    for n, action in enumerate(actions, start=start):
        s.add(
            ActionPoint(
                match_id=meeting.match_id,
                agreed_at_id=meeting.id,
                position=n,
                text=action.text,
                owner=action.owner,
                due_on=action.due_on,
                status=ActionStatus.OPEN,
            )
        )


def record_meeting(s: Session, match_id: int, details: MeetingDetails, today: date) -> Changes:
    """Save a new meeting log: look back at the open action points and agree new ones."""
    details = details.cleaned()
    check(validate_meeting(details, today))
    match = get_match(s, match_id)
    meeting = MeetingLog(match_id=match.id)
    _apply_fields(meeting, details)
    s.add(meeting)
    s.flush()
    position = 0
    for review in details.reviews:
        action = s.get(ActionPoint, review.action_id)
        if action is None or action.match_id != match.id:
            raise ActionRefused(_("An action point from last time no longer exists."))
        if action.status is not ActionStatus.OPEN:
            raise ActionRefused(
                _("“{text}” has already been looked back at in another meeting.").format(
                    text=action.text
                )
            )
        action.status = review.outcome
        action.reviewed_at_id = meeting.id
        if review.outcome is ActionStatus.CARRIED_FORWARD:
            _carry(s, action, meeting, position)
            position += 1
    _add_actions(s, meeting, details.actions, position)
    _set_private_note(s, meeting.id, details.private_note)
    discard_draft(s, draft_key(match.id, None))
    s.flush()
    return Changes(meetings=True, created_id=meeting.id)


def update_meeting(s: Session, meeting_id: int, details: MeetingDetails, today: date) -> Changes:
    """Correct a saved log. Action points a later meeting has looked back at stay as they are."""
    details = details.cleaned()
    check(validate_meeting(details, today))
    meeting = get_meeting(s, meeting_id)
    _apply_fields(meeting, details)
    copies = {
        a.carried_from_id: a
        for a in s.scalars(
            select(ActionPoint).where(
                ActionPoint.agreed_at_id == meeting_id, ActionPoint.carried_from_id.is_not(None)
            )
        )
    }
    position = len(copies)
    for review in details.reviews:
        action = s.get(ActionPoint, review.action_id)
        if action is None or action.reviewed_at_id != meeting_id:
            raise ActionRefused(_("An action point from last time no longer exists."))
        if action.status is review.outcome:
            continue
        copy = copies.get(action.id)
        if action.status is ActionStatus.CARRIED_FORWARD and copy is not None:
            if copy.status is not ActionStatus.OPEN:
                raise ActionRefused(
                    _(
                        "“{text}” was carried forward, and a later meeting has already "
                        "looked back at it. So it stays carried forward."
                    ).format(text=action.text)
                )
            s.delete(copy)
        action.status = review.outcome
        if review.outcome is ActionStatus.CARRIED_FORWARD:
            _carry(s, action, meeting, position)
            position += 1
    existing = {
        a.id: a
        for a in s.scalars(
            select(ActionPoint).where(
                ActionPoint.agreed_at_id == meeting_id, ActionPoint.carried_from_id.is_(None)
            )
        )
    }
    kept = {a.id for a in details.actions if a.id is not None}
    for action_id, action in existing.items():
        if action_id in kept:
            continue
        if action.reviewed_at_id is not None:
            raise ActionRefused(
                _(
                    "A later meeting has already looked back at “{text}”, so it stays on this log."
                ).format(text=action.text)
            )
        s.delete(action)
    new = []
    for n, item in enumerate(details.actions):
        if item.id is not None and item.id in existing:
            action = existing[item.id]
            action.text, action.owner, action.due_on = item.text, item.owner, item.due_on
            action.position = position + n
        else:
            new.append(item)
    _add_actions(s, meeting, new, position + len(details.actions))
    _set_private_note(s, meeting_id, details.private_note)
    discard_draft(s, draft_key(meeting.match_id, meeting_id))
    return Changes(meetings=True)


def private_note(s: Session, meeting_id: int) -> str:
    """The coordinator's private note on one meeting ("" when none)."""
    return (
        s.scalar(select(MeetingPrivateNote.text).where(MeetingPrivateNote.meeting_id == meeting_id))
        or ""
    )


# ----------------------------------------------------------------------------- drafts


def save_draft(s: Session, key: str, data: dict[str, Any]) -> Changes:
    """Keep what has been typed so far. Changes nothing anyone else sees."""
    return drafts.save_draft(s, key, data)


def load_draft(s: Session, key: str) -> tuple[dict[str, Any], datetime] | None:
    return drafts.load_draft(s, key)


def discard_draft(s: Session, key: str) -> Changes:
    return drafts.discard_draft(s, key)


# ------------------------------------------------------------------------------ lists


@dataclass(frozen=True)
class MatchSummary:
    """One match on the Meetings page's list."""

    id: int
    mentor_name: str
    mentee_name: str
    status: MatchStatus
    started_on: date | None
    meetings: int
    last_met_on: date | None
    open_concerns: int


_STATUS_ORDER = {
    MatchStatus.ACTIVE: 0,
    MatchStatus.ENDING: 1,
    MatchStatus.PAUSED: 2,
    MatchStatus.INTRODUCED: 3,
    MatchStatus.PROPOSED: 4,
    MatchStatus.CLOSED: 5,
}


def match_summaries(s: Session, programme_id: int) -> list[MatchSummary]:
    met = (
        select(
            MeetingLog.match_id,
            func.count().label("meetings"),
            func.max(MeetingLog.held_on).label("last"),
        )
        .where(MeetingLog.removed_on.is_(None))
        .group_by(MeetingLog.match_id)
        .subquery()
    )
    concerns = (
        select(Concern.match_id, func.count().label("open"))
        .where(Concern.resolved_on.is_(None))
        .group_by(Concern.match_id)
        .subquery()
    )
    rows = s.execute(
        select(
            Match.id, Match.status, Match.started_on, met.c.meetings, met.c.last, concerns.c.open
        )
        .outerjoin(met, met.c.match_id == Match.id)
        .outerjoin(concerns, concerns.c.match_id == Match.id)
        .where(Match.programme_id == programme_id)
    ).all()
    names = pair_names(s, programme_id=programme_id)
    summaries = [
        MatchSummary(
            id=r.id,
            mentor_name=names[r.id][0],
            mentee_name=names[r.id][1],
            status=r.status,
            started_on=r.started_on,
            meetings=int(r.meetings or 0),
            last_met_on=r.last,
            open_concerns=int(r.open or 0),
        )
        for r in rows
    ]
    summaries.sort(key=lambda m: (_STATUS_ORDER[m.status], m.mentee_name.lower()))
    return summaries


@dataclass(frozen=True)
class MeetingFilter:
    text: str = ""
    mode: MeetingMode | None = None
    needs_follow_up: bool = False
    match_id: int | None = None


def _matching_match_ids(s: Session, programme_id: int, text: str) -> list[int]:
    pattern = f"%{text.lower()}%"
    mentor_p, mentee_p = aliased(Participant), aliased(Participant)
    mentor, mentee = aliased(Person), aliased(Person)

    def named(p: type[Person]) -> ColumnElement[bool]:
        return or_(
            func.lower(p.first_name + " " + p.last_name).like(pattern),
            func.lower(p.preferred_name + " " + p.last_name).like(pattern),
        )

    return list(
        s.scalars(
            select(Match.id)
            .join(mentor_p, mentor_p.id == Match.mentor_id)
            .join(mentor, mentor.id == mentor_p.person_id)
            .join(mentee_p, mentee_p.id == Match.mentee_id)
            .join(mentee, mentee.id == mentee_p.person_id)
            .where(Match.programme_id == programme_id, or_(named(mentor), named(mentee)))
        )
    )


def meeting_log_ids(s: Session, programme_id: int, f: MeetingFilter = MeetingFilter()) -> list[int]:
    """The ids of the programme's meeting logs that pass the filter, newest first.

    Only ids: the list shows rows fetched in batches as they scroll into view.
    """
    query = select(MeetingLog.id).where(MeetingLog.removed_on.is_(None))
    if f.match_id is not None:
        query = query.where(MeetingLog.match_id == f.match_id)
    text = f.text.strip()
    if text:
        ids = _matching_match_ids(s, programme_id, text)
        query = query.where(
            or_(
                MeetingLog.match_id.in_(ids), func.lower(MeetingLog.place).like(f"%{text.lower()}%")
            )
        )
    query = query.where(
        MeetingLog.match_id.in_(select(Match.id).where(Match.programme_id == programme_id))
    )
    if f.mode is not None:
        query = query.where(MeetingLog.mode == f.mode)
    if f.needs_follow_up:
        query = query.where(
            or_(
                MeetingLog.mentee_signed_on.is_(None),
                MeetingLog.mentor_signed_on.is_(None),
                MeetingLog.copy_to_mentor_on.is_(None),
            )
        )
    return list(s.scalars(query.order_by(MeetingLog.held_on.desc(), MeetingLog.id.desc())))


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meeting logs list: plain values, never the private note."""

    id: int
    match_id: int
    held_on: date
    mode: MeetingMode
    duration_minutes: int | None
    place: str
    mentor_name: str
    mentee_name: str
    stage: RelationshipStage | None
    signed_by_both: bool
    copy_state: CopyState
    copy_due_on: date


def meeting_rows(s: Session, ids: Sequence[int], today: date) -> list[MeetingRow]:
    """The rows for these ids, in the same order (one query for a batch)."""
    if not ids:
        return []
    result = s.execute(
        select(
            MeetingLog.id,
            MeetingLog.match_id,
            MeetingLog.held_on,
            MeetingLog.mode,
            MeetingLog.duration_minutes,
            MeetingLog.place,
            MeetingLog.stage,
            MeetingLog.mentee_signed_on,
            MeetingLog.mentor_signed_on,
            MeetingLog.copy_to_mentor_on,
            Programme.log_to_mentor_within_days,
        )
        .join(Match, Match.id == MeetingLog.match_id)
        .join(Programme, Programme.id == Match.programme_id)
        .where(MeetingLog.id.in_(list(ids)))
    ).all()
    names = pair_names(s, sorted({r.match_id for r in result}))
    by_id = {}
    for r in result:
        mentor, mentee = names[r.match_id]
        by_id[r.id] = MeetingRow(
            id=r.id,
            match_id=r.match_id,
            held_on=r.held_on,
            mode=r.mode,
            duration_minutes=r.duration_minutes,
            place=r.place,
            mentor_name=mentor,
            mentee_name=mentee,
            stage=r.stage,
            signed_by_both=r.mentee_signed_on is not None and r.mentor_signed_on is not None,
            copy_state=copy_to_mentor_state(
                r.held_on, r.copy_to_mentor_on, r.log_to_mentor_within_days, today
            ),
            copy_due_on=copy_to_mentor_due(r.held_on, r.log_to_mentor_within_days),
        )
    return [by_id[i] for i in ids if i in by_id]


# ----------------------------------------------------------------------------- export


def meetings_csv(s: Session, programme_id: int, *, include_private_notes: bool = False) -> str:
    """The programme's meeting logs as a spreadsheet (CSV). The coordinator's private notes
    are left out unless `include_private_notes` is asked for explicitly."""
    ids = meeting_log_ids(s, programme_id)
    ids.reverse()
    out = io.StringIO()
    writer = csv.writer(out)
    header = [
        _("Date"),
        _("Mentor"),
        _("Mentee"),
        _("Mode"),
        _("Minutes"),
        _("Place"),
        _("Who attended"),
        _("Relationship stage"),
        _("Action points agreed"),
        _("Next meeting"),
        _("Signed by mentee"),
        _("Signed by mentor"),
        _("Copy sent to mentor"),
    ]
    if include_private_notes:
        header.append(_("Private note"))
    writer.writerow(header)
    agreed = dict(
        s.execute(
            select(ActionPoint.agreed_at_id, func.count()).group_by(ActionPoint.agreed_at_id)
        ).all()
    )
    notes: dict[int, str] = {}
    if include_private_notes:
        notes = dict(
            s.execute(select(MeetingPrivateNote.meeting_id, MeetingPrivateNote.text)).all()
        )
    names = pair_names(s, programme_id=programme_id)
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        logs = {m.id: m for m in s.scalars(select(MeetingLog).where(MeetingLog.id.in_(chunk)))}
        for meeting_id in chunk:
            m = logs[meeting_id]
            mentor, mentee = names[m.match_id]
            row = [
                format_date(m.held_on),
                mentor,
                mentee,
                mode_label(m.mode),
                "" if m.duration_minutes is None else str(m.duration_minutes),
                m.place,
                m.attended,
                stage_label(m.stage),
                str(agreed.get(m.id, 0)),
                format_date(m.next_meeting_on),
                format_date(m.mentee_signed_on),
                format_date(m.mentor_signed_on),
                format_date(m.copy_to_mentor_on),
            ]
            if include_private_notes:
                row.append(notes.get(m.id, ""))
            writer.writerow(row)
    return out.getvalue()


def action_points_of(s: Session, meeting_id: int) -> tuple[list[ActionReview], list[NewAction]]:
    """What a saved meeting looked back at, and what it agreed (carried points included)."""
    reviewed = [
        ActionReview(ap.id, ap.text, ap.owner, ap.due_on, held_on, ap.status)
        for ap, held_on in s.execute(
            select(ActionPoint, MeetingLog.held_on)
            .join(MeetingLog, MeetingLog.id == ActionPoint.agreed_at_id)
            .where(ActionPoint.reviewed_at_id == meeting_id)
            .order_by(MeetingLog.held_on, ActionPoint.position, ActionPoint.id)
        )
    ]
    agreed = [
        NewAction(a.text, a.owner, a.due_on, a.id)
        for a in s.scalars(
            select(ActionPoint)
            .where(ActionPoint.agreed_at_id == meeting_id)
            .order_by(ActionPoint.position, ActionPoint.id)
        )
    ]
    return reviewed, agreed


# ------------------------------------------------------------------ the in-memory index


@dataclass(frozen=True)
class MeetingIndex:
    """Just enough about every meeting log of a programme to filter the list in memory, in a
    few milliseconds even with tens of thousands of logs. Built once per change; the rows
    themselves are fetched in batches by `meeting_rows`. Never holds a private note."""

    ids: tuple[int, ...]  # newest first
    match_ids: tuple[int, ...]
    modes: tuple[str, ...]
    needs_follow_up: tuple[bool, ...]
    places: tuple[str, ...]  # casefolded
    pairs: dict[int, str]  # match id -> the pair's names, casefolded

    def filter(self, f: MeetingFilter) -> list[int]:
        text = f.text.strip().casefold()
        mode = f.mode.value if f.mode is not None else None
        if not text and mode is None and not f.needs_follow_up and f.match_id is None:
            return list(self.ids)
        named = {m for m, names in self.pairs.items() if text in names} if text else set()
        return [
            meeting_id
            for meeting_id, match_id, m, follow, place in zip(
                self.ids,
                self.match_ids,
                self.modes,
                self.needs_follow_up,
                self.places,
                strict=True,
            )
            if (mode is None or m == mode)
            and (not f.needs_follow_up or follow)
            and (f.match_id is None or match_id == f.match_id)
            and (not text or match_id in named or text in place)
        ]


def meeting_log_index(s: Session, programme_id: int) -> MeetingIndex:
    """The programme's meeting logs, newest first, ready to filter (see `MeetingIndex`)."""
    rows = s.execute(
        select(
            MeetingLog.id,
            MeetingLog.match_id,
            cast(MeetingLog.mode, String),  # the plain value: no enum lookup per row
            MeetingLog.place,
            MeetingLog.mentee_signed_on.is_(None)
            | MeetingLog.mentor_signed_on.is_(None)
            | MeetingLog.copy_to_mentor_on.is_(None),
        )
        .join(Match, Match.id == MeetingLog.match_id)
        .where(Match.programme_id == programme_id, MeetingLog.removed_on.is_(None))
        .order_by(MeetingLog.held_on.desc(), MeetingLog.id.desc())
    ).all()
    columns = list(zip(*rows, strict=True)) or [(), (), (), (), ()]
    ids, match_ids, modes, places, follow = columns
    pairs = {}
    mentor_p, mentee_p = aliased(Participant), aliased(Participant)
    mentor, mentee = aliased(Person), aliased(Person)
    for row in s.execute(
        select(
            Match.id,
            mentor.first_name,
            mentor.preferred_name,
            mentor.last_name,
            mentee.first_name,
            mentee.preferred_name,
            mentee.last_name,
        )
        .join(mentor_p, mentor_p.id == Match.mentor_id)
        .join(mentor, mentor.id == mentor_p.person_id)
        .join(mentee_p, mentee_p.id == Match.mentee_id)
        .join(mentee, mentee.id == mentee_p.person_id)
        .where(Match.programme_id == programme_id)
    ):
        match_id, mf, mp, ml, ef, ep, el = row
        pairs[match_id] = " | ".join(
            f"{first} {last}".casefold() for first, last in ((ef, el), (ep, el), (mf, ml), (mp, ml))
        )
    return MeetingIndex(
        ids=tuple(ids),
        match_ids=tuple(match_ids),
        modes=tuple(modes),
        needs_follow_up=tuple(bool(x) for x in follow),
        places=tuple((p or "").casefold() for p in places),
        pairs=pairs,
    )
