"""The written mentoring policy: write a draft from the template, edit it, approve it, and say
which version was in force on a given day.

Approving a version fixes its text and date for good. Editing after that makes a new draft
with the next number, starting from the approved wording; the approved version is untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import policy_template
from app.formatting import format_date
from app.i18n import _
from app.model import PolicyPassage, PolicyVersion, Programme
from app.policy_template import PolicyContext
from app.services import framework
from app.services.changes import Changes
from app.services.errors import ActionRefused, ValidationError
from app.services.programme_settings import rules_of
from app.services.programmes import get_programme


@dataclass(frozen=True)
class PolicyRef:
    """Which policy an agreement or form was made under, for printing beside it."""

    version: int
    approved_on: date


@dataclass(frozen=True)
class PassageText:
    key: str
    heading: str
    body: str


@dataclass(frozen=True)
class PolicyVersionView:
    """One version of a policy, as plain values for pages and printouts."""

    id: int
    programme_id: int
    number: int
    title: str
    started_on: date
    approved_on: date | None
    approved_by: str
    passages: tuple[PassageText, ...]

    @property
    def approved(self) -> bool:
        return self.approved_on is not None

    @property
    def status_text(self) -> str:
        if self.approved_on is None:
            return _("Draft")
        return _("Approved {date}").format(date=format_date(self.approved_on))

    def gaps(self) -> list[str]:
        """Headings of passages that still hold a gap to fill in."""
        mark = policy_template.gap_mark()
        return [p.heading for p in self.passages if mark in p.body]


def _context(s: Session, programme: Programme) -> PolicyContext:
    return PolicyContext(
        organisation=programme.organisation,
        programme=programme.name,
        coordinator=programme.coordinator,
        answers=framework.answers(s, programme.id),
        rules=rules_of(programme),
    )


def _view(version: PolicyVersion) -> PolicyVersionView:
    return PolicyVersionView(
        id=version.id,
        programme_id=version.programme_id,
        number=version.number,
        title=version.title,
        started_on=version.started_on,
        approved_on=version.approved_on,
        approved_by=version.approved_by,
        passages=tuple(PassageText(p.key, p.heading, p.body) for p in version.passages),
    )


def _versions(s: Session, programme_id: int) -> list[PolicyVersion]:
    return list(
        s.scalars(
            select(PolicyVersion)
            .where(PolicyVersion.programme_id == programme_id)
            .order_by(PolicyVersion.number.desc())
        )
    )


def versions(s: Session, programme_id: int) -> list[PolicyVersionView]:
    """Every version of the programme's policy, newest first."""
    return [_view(v) for v in _versions(s, programme_id)]


def get_version(s: Session, version_id: int) -> PolicyVersionView:
    version = s.get(PolicyVersion, version_id)
    if version is None:
        raise ActionRefused(_("That version of the policy no longer exists."))
    return _view(version)


def _draft(s: Session, programme_id: int) -> PolicyVersion | None:
    newest = next(iter(_versions(s, programme_id)), None)
    return newest if newest is not None and newest.approved_on is None else None


def current_draft(s: Session, programme_id: int) -> PolicyVersionView | None:
    draft = _draft(s, programme_id)
    return _view(draft) if draft else None


def write_draft(s: Session, programme_id: int, today: date) -> Changes:
    """Start the policy from the template, filled in with the planning answers and rules.

    With an approved version already, the new draft starts from the approved wording instead;
    with a draft already, nothing changes (the coordinator's edits are never overwritten)."""
    programme = get_programme(s, programme_id)
    existing = _versions(s, programme_id)
    if existing and existing[0].approved_on is None:
        return Changes(created_id=existing[0].id)
    draft = PolicyVersion(
        programme_id=programme_id,
        number=(existing[0].number + 1) if existing else 1,
        started_on=today,
        approved_by="",
    )
    if existing:
        draft.title = existing[0].title
        for p in existing[0].passages:
            draft.passages.append(
                PolicyPassage(key=p.key, position=p.position, heading=p.heading, body=p.body)
            )
    else:
        context = _context(s, programme)
        draft.title = policy_template.title(context)
        for position, (key, heading, body) in enumerate(policy_template.write(context)):
            draft.passages.append(
                PolicyPassage(key=key, position=position, heading=heading, body=body)
            )
    s.add(draft)
    s.flush()
    return Changes(framework=True, created_id=draft.id)


def _editable_draft(s: Session, programme_id: int, today: date) -> PolicyVersion:
    get_programme(s, programme_id)
    draft = _draft(s, programme_id)
    if draft is None:
        write_draft(s, programme_id, today)
        draft = _draft(s, programme_id)
        assert draft is not None
    return draft


def edit_passage(s: Session, programme_id: int, key: str, body: str, today: date) -> Changes:
    """Change one passage's wording. If the newest version is approved, this makes a new draft
    (the next number) and changes that; approved wording is never touched."""
    draft = _editable_draft(s, programme_id, today)
    passage = next((p for p in draft.passages if p.key == key), None)
    if passage is None:
        raise ActionRefused(_("That part of the policy no longer exists."))
    if passage.body != body:
        passage.body = body
    return Changes(framework=True, created_id=draft.id)


def edit_title(s: Session, programme_id: int, title: str, today: date) -> Changes:
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the policy a title.")})
    if len(title) > 200:
        raise ValidationError({"title": _("Keep the title under 200 characters.")})
    draft = _editable_draft(s, programme_id, today)
    if draft.title != title:
        draft.title = title
    return Changes(framework=True, created_id=draft.id)


def template_wording(s: Session, programme_id: int, key: str) -> str:
    """The template's wording for one passage, filled in from today's answers and rules."""
    programme = get_programme(s, programme_id)
    try:
        return policy_template.write_one(_context(s, programme), key)[1]
    except KeyError:
        raise ActionRefused(_("That part of the policy has no template wording.")) from None


def approve(
    s: Session, programme_id: int, approved_on: date | None, approved_by: str, *, today: date
) -> Changes:
    """Approve the current draft: its text and date are fixed from now on."""
    draft = _draft(s, programme_id)
    if draft is None:
        raise ActionRefused(_("There is no draft of the policy to approve."))
    errors: dict[str, str] = {}
    approved_by = approved_by.strip()
    if approved_on is None:
        errors["approved_on"] = _("Give the date the policy was approved.")
    else:
        earlier = s.scalar(
            select(PolicyVersion.approved_on)
            .where(
                PolicyVersion.programme_id == programme_id,
                PolicyVersion.approved_on.is_not(None),
            )
            .order_by(PolicyVersion.approved_on.desc())
            .limit(1)
        )
        if earlier is not None and approved_on < earlier:
            errors["approved_on"] = _(
                "The previous version was approved on {date}; this one cannot be approved "
                "before it."
            ).format(date=format_date(earlier))
        elif approved_on > today:
            errors["approved_on"] = _("The approval date cannot be in the future.")
    if not approved_by:
        errors["approved_by"] = _("Say who approved the policy (a name or a role).")
    elif len(approved_by) > 200:
        errors["approved_by"] = _("Keep this under 200 characters.")
    if errors:
        raise ValidationError(errors)
    gaps = _view(draft).gaps()
    if gaps:
        raise ActionRefused(
            _(
                "The draft still has gaps to fill in, under: {headings}. Fill them in (look "
                "for “{mark}”), then approve it."
            ).format(headings=", ".join(gaps), mark=policy_template.gap_mark())
        )
    draft.approved_on = approved_on
    draft.approved_by = approved_by
    return Changes(framework=True)


def policy_in_force(s: Session, programme_id: int, on: date) -> PolicyVersion | None:
    """The approved version whose approval date is on or before `on` (the latest one)."""
    return s.scalar(
        select(PolicyVersion)
        .where(
            PolicyVersion.programme_id == programme_id,
            PolicyVersion.approved_on.is_not(None),
            PolicyVersion.approved_on <= on,
        )
        .order_by(PolicyVersion.approved_on.desc(), PolicyVersion.number.desc())
        .limit(1)
    )


def policy_reference(s: Session, programme_id: int, on: date) -> PolicyRef | None:
    """The version in force on `on`, as plain data for a printout ("Policy version 2 of ...")."""
    version = policy_in_force(s, programme_id, on)
    if version is None or version.approved_on is None:
        return None
    return PolicyRef(version=version.number, approved_on=version.approved_on)


def version_to_print(s: Session, programme_id: int, today: date) -> int:
    """The id of the version `mentordesk print policy ID` prints: the version in force today;
    with none approved yet, the newest draft (which prints marked DRAFT)."""
    in_force = policy_in_force(s, programme_id, today)
    if in_force is not None:
        return in_force.id
    newest = next(iter(_versions(s, get_programme(s, programme_id).id)), None)
    if newest is None:
        raise ActionRefused(
            _("This programme has no written policy yet. Write one on the Framework page.")
        )
    return newest.id
