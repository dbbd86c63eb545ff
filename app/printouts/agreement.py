"""The mentoring agreement: what the mentor and mentee agree at their first meeting, pre-filled
from the programme's rules and the pair, with the policy version in force and lines for the
mentor, the mentee and the coordinator to sign and date by hand.

The caller gathers the data (`app/printouts/catalogue.py`); this module only lays it out.
Anything not known yet prints as a blank line to fill in by pen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.i18n import _, ngettext

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class AgreementSheet:
    """Everything the agreement prints, as plain values."""

    organisation: str
    programme: str
    coordinator: str
    mentor: str
    mentee: str
    relationship_months: int
    review_interval_months: int
    min_meetings_per_month: int
    min_meeting_minutes: int
    max_meeting_minutes: int
    max_contacts_between_meetings: int
    cancellation_notice_hours: int
    issues: str
    mentor_role: str
    mentee_role: str
    agreed_on: date | None
    review_on: date | None
    policy_version: int | None
    policy_approved_on: date | None
    #: When each signed, as recorded; a reprint says so beside each signature.
    mentor_signed_on: date | None = None
    mentee_signed_on: date | None = None
    coordinator_signed_on: date | None = None


def duration_text(minutes: int) -> str:
    """90 as "1 hour 30 minutes", 120 as "2 hours", 45 as "45 minutes"."""
    hours, rest = divmod(max(0, minutes), 60)
    hours_text = ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    minutes_text = ngettext("{n} minute", "{n} minutes", rest).format(n=rest)
    if hours and rest:
        return _("{hours} {minutes}").format(hours=hours_text, minutes=minutes_text)
    return hours_text if hours else minutes_text


def terms(sheet: AgreementSheet) -> list[str]:
    """The numbered terms of the agreement, worded from the programme's rules."""
    review = format_or_blank(sheet.review_on)
    return [
        ngettext(
            "Our partnership will last {months} month. We will look together at how it is going "
            "every {review} months; our first review is on {date}.",
            "Our partnership will last {months} months. We will look together at how it is "
            "going every {review} months; our first review is on {date}.",
            sheet.relationship_months,
        ).format(
            months=sheet.relationship_months, review=sheet.review_interval_months, date=review
        ),
        (
            _(
                "We will meet at least once a month and keep to the meetings we arrange. If one "
                "of us cannot come, we will tell the other at least {hours} hours beforehand and "
                "agree another date."
            )
            if sheet.min_meetings_per_month == 1
            else _(
                "We will meet at least {n} times a month and keep to the meetings we arrange. If "
                "one of us cannot come, we will tell the other at least {hours} hours beforehand "
                "and agree another date."
            )
        ).format(n=sheet.min_meetings_per_month, hours=sheet.cancellation_notice_hours),
        _("Each meeting will last at least {low} and no more than {high}.").format(
            low=duration_text(sheet.min_meeting_minutes),
            high=duration_text(sheet.max_meeting_minutes),
        ),
        ngettext(
            "Between meetings we will get in touch (by telephone, text or e-mail) no more than "
            "{n} time.",
            "Between meetings we will get in touch (by telephone, text or e-mail) no more than "
            "{n} times.",
            sheet.max_contacts_between_meetings,
        ).format(n=sheet.max_contacts_between_meetings),
        _(
            "What we talk about stays between the two of us. The one exception: if either of us "
            "is worried that someone may come to harm, we will follow the setting's "
            "safeguarding procedures and tell the coordinator."
        ),
        _("The mentor will give honest, constructive feedback, and the mentee will be open to it."),
        _(
            "The mentor has no responsibility or authority over the mentee's work. Mentoring "
            "is kept apart from supervision, appraisal and performance management."
        ),
        _(
            "We will give the coordinator the records the programme asks for: the dates and "
            "lengths of our meetings and the actions we agree, never what we discussed. They "
            "help the programme to be evaluated and improved."
        ),
    ]


def signed_note(sheet: AgreementSheet) -> str:
    """On a reprint, who signed the original and when ("" when nobody's signature is recorded)."""
    from app.formatting import format_date

    parts = [
        _("the mentor on {date}").format(date=format_date(sheet.mentor_signed_on))
        if sheet.mentor_signed_on
        else "",
        _("the mentee on {date}").format(date=format_date(sheet.mentee_signed_on))
        if sheet.mentee_signed_on
        else "",
        _("the coordinator on {date}").format(date=format_date(sheet.coordinator_signed_on))
        if sheet.coordinator_signed_on
        else "",
    ]
    signed = [part for part in parts if part]
    if not signed:
        return ""
    return _(
        "This is a copy of an agreement already signed: by {who}. The signed original is kept "
        "on file."
    ).format(who=_(", ").join(signed[:-1]) + (_(" and ") if len(signed) > 1 else "") + signed[-1])


def format_or_blank(value: date | None) -> str:
    from app.formatting import format_date

    return format_date(value) if value else "____________"


def render(sheet: AgreementSheet, printed_on: date) -> bytes:
    """The agreement as A4 PDF bytes."""
    from app.printouts import style

    title = _("Mentoring agreement")
    story: list[Flowable] = [
        style.heading(title, 1),
        style.field_rows(
            [
                (_("Mentor"), sheet.mentor),
                (_("Mentee"), sheet.mentee),
                (_("Programme"), sheet.programme),
                (_("Coordinator"), sheet.coordinator),
                (_("Date of agreement"), style.format_date(sheet.agreed_on)),
                (_("Review date"), style.format_date(sheet.review_on)),
            ]
        ),
        style.heading(_("Our partnership"), 2),
        style.paragraph(
            _(
                "We are both taking part in this mentoring partnership by choice. Our meetings "
                "are about the mentee's own learning and development."
            )
        ),
        style.heading(_("We agree that"), 2),
        style.numbered_list(terms(sheet)),
        style.heading(_("What we will work on"), 2),
    ]
    issues = [line.strip() for line in sheet.issues.splitlines() if line.strip()]
    story.append(style.bullet_list(issues) if issues else style.writing_lines(4))

    story.append(style.heading(_("The mentor's role"), 2))
    if sheet.mentor_role.strip():
        story.append(style.paragraph(sheet.mentor_role))
    else:
        story.append(style.writing_lines(3))
    story.append(style.heading(_("The mentee's role"), 2))
    if sheet.mentee_role.strip():
        story.append(style.paragraph(sheet.mentee_role))
    else:
        story.append(style.writing_lines(3))

    # The policy section and the signatures stay on one page: never signatures on their own.
    closing: list[Flowable] = [style.heading(_("Mentoring policy"), 2)]
    if sheet.policy_version is not None:
        closing.append(
            style.paragraph(
                _(
                    "This agreement follows the programme's mentoring policy, version {version}"
                    ", approved on {date}."
                ).format(
                    version=sheet.policy_version, date=format_or_blank(sheet.policy_approved_on)
                )
            )
        )
    else:
        closing.append(
            style.field_rows([(_("Policy version"), None), (_("Policy approved on"), None)])
        )

    def role(named: str, bare: str, name: str) -> str:
        return named.format(name=style.unbroken(name)) if name.strip() else bare

    roles = [
        role(_("Mentor: {name}"), _("Mentor"), sheet.mentor),
        role(_("Mentee: {name}"), _("Mentee"), sheet.mentee),
        role(_("Coordinator: {name}"), _("Coordinator"), sheet.coordinator),
    ]
    signed_on = [sheet.mentor_signed_on, sheet.mentee_signed_on, sheet.coordinator_signed_on]
    closing.append(style.heading(_("Signed"), 2))
    note = signed_note(sheet)
    if note:
        closing.append(style.paragraph(note))
    closing.append(style.signature_block(roles, signed_on))
    story.append(style.keep_together(closing))
    letterhead = style.Letterhead(
        organisation=sheet.organisation, programme=sheet.programme, title=title
    )
    return style.build_pdf(letterhead, story, printed_on=printed_on)
