"""A person's record sheet, and the application and interview forms for paper use (blank, or
filled in with what is already known). The catalogue gathers the data; this module lays it out.

A blank form is printed with ID 0 (`mentordesk print application-form 0`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from app import glossary
from app.formatting import format_date
from app.i18n import N_, _, ngettext
from app.model import Role
from app.model.match import MATCH_STATUS_LABELS
from app.model.person import AS_ROLE, ROLE_LABELS, STAGE_LABELS
from app.model.screening import (
    DECISION_LABELS,
    DISCLOSURE_LABELS,
    MENTEE_QUALITIES,
    MENTOR_QUALITIES,
    InterviewOutcome,
)
from app.services.people import PersonDetails, PersonRecord

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from app.printouts import style


@dataclass(frozen=True)
class Referee:
    """A referee already given, as the application form prints them."""

    name: str
    relationship: str = ""
    contact: str = ""


@dataclass(frozen=True)
class PvgAnswer:
    """The newest PVG disclosure recorded: only what the Code of Practice lets us keep."""

    issued_on: date
    reference_number: str


@dataclass(frozen=True)
class RecordedInterview:
    """An interview already recorded for one of the person's roles (the newest one)."""

    role: Role
    held_on: date
    interviewer: str
    qualities: frozenset[str]
    outcome: InterviewOutcome
    notes: str


@dataclass(frozen=True)
class FormContext:
    """Whose paper this is: the programme the form is for (blank strings when unknown)."""

    organisation: str = ""
    programme: str = ""
    coordinator: str = ""
    rules_text: list[str] = field(default_factory=list)


def _letterhead(context: FormContext, title: str) -> style.Letterhead:
    from app.printouts import style

    return style.Letterhead(
        organisation=context.organisation or _("Mentoring programme"),
        programme=context.programme,
        title=title,
    )


# ----------------------------------------------------------------------------- record sheet


#: Phrases about a role, whole for each role so that a translator writes each one whole (a
#: role word put into a sentence reads wrongly in Gaelic).
_AS_ROLE_COLON = {Role.MENTOR: N_("As a mentor:"), Role.MENTEE: N_("As a mentee:")}
_READY_AS = {
    Role.MENTOR: N_("As a mentor: ready to match."),
    Role.MENTEE: N_("As a mentee: ready to match."),
}
_MISSING_AS = {
    Role.MENTOR: N_("As a mentor, still missing:"),
    Role.MENTEE: N_("As a mentee, still missing:"),
}
_PARTNER_AS = {Role.MENTOR: N_("Mentor to {partner}"), Role.MENTEE: N_("Mentee of {partner}")}
_APPLYING_AS = {
    frozenset({Role.MENTOR}): N_("mentor"),
    frozenset({Role.MENTEE}): N_("mentee"),
    frozenset({Role.MENTOR, Role.MENTEE}): N_("mentor and mentee"),
}


def _words(*keys: str) -> list[Flowable]:
    """The glossary's explanations of the terms a form uses, one short paragraph each."""
    from app.printouts import style

    return [style.paragraph(_(glossary.term(key).meaning)) for key in keys]


def _record_words(record: PersonRecord) -> list[str]:
    """The glossary terms a record sheet uses: PVG, SSSC and the kinds of disclosure held."""
    used = {glossary.PVG, glossary.SSSC, glossary.CODE_OF_PRACTICE}
    for p in record.pvg:
        used |= {t.key for t in glossary.terms_in(DISCLOSURE_LABELS[p.disclosure_type])}
    return [t.key for t in glossary.TERMS if t.key in used]


def render_record(record: PersonRecord, context: FormContext, printed_on: date) -> bytes:
    from app.printouts import style

    d = record.details
    title = _("Person record")
    story: list[Flowable] = [
        style.heading(record.name, 1),
        style.paragraph(
            " · ".join(
                _("{role}: {stage}").format(
                    role=_(ROLE_LABELS[r.role]), stage=_(STAGE_LABELS[r.stage])
                )
                for r in record.roles
            )
        ),
        style.heading(_("Readiness to match"), 2),
    ]
    for role in record.roles:
        if not role.gaps:
            story.append(style.paragraph(_(_READY_AS[role.role])))
        else:
            story.append(style.paragraph(_(_MISSING_AS[role.role])))
            story.append(style.tick_list([(gap.message, False) for gap in role.gaps]))
    story += [
        style.heading(_("Details"), 2),
        style.field_rows(
            [
                (_("Preferred name"), d.preferred_name),
                (_("E-mail"), d.email),
                (_("Phone"), d.phone),
                (_("Date of birth"), format_date(d.date_of_birth)),
                (_("Postcode"), d.postcode),
                (_("Locality"), d.locality),
                (_("Languages"), d.languages),
                (_("Access needs"), d.access_needs),
                (_("Setting or workplace"), d.setting),
                (_("Job role"), d.job_role),
                (_("Line manager"), record.line_manager),
                (_("SSSC registration number"), d.sssc_number),
                (_("SSSC category"), d.sssc_category),
                (_("Qualifications and studies"), d.qualifications),
            ]
        ),
        style.heading(_("For matching"), 2),
        style.field_rows(
            [
                (_("Availability"), d.availability),
                (_("Interests"), d.interests),
                (_("Areas to develop"), d.areas_to_develop),
                (_("Preferences about a partner"), d.partner_preferences),
                (_("Reason for the preference"), d.preference_reason),
            ]
        ),
        style.heading(_("Screening"), 2),
    ]
    for role in record.roles:
        rows = [
            (_("Application form received"), format_date(role.application_on)),
            (_("Code of conduct signed"), format_date(role.code_signed_on)),
        ]
        if role.role is Role.MENTEE:
            rows.append((_("Mentee induction"), format_date(role.induction_on)))
        for interview in role.interviews:
            rows.append(
                (
                    _("Interview {date}").format(date=format_date(interview.held_on)),
                    _("{outcome} (interviewer: {who})").format(
                        outcome=interview.outcome, who=interview.interviewer or "–"
                    ),
                )
            )
        story.append(style.heading(_(AS_ROLE[role.role]), 3))
        story.append(style.field_rows(rows))
    story.append(style.heading(_("References"), 3))
    if record.references:
        verdict = {None: _("not read yet"), True: _("satisfactory"), False: _("not satisfactory")}
        story.append(
            style.field_rows(
                [
                    (
                        f"{r.referee} ({r.relationship})" if r.relationship else r.referee,
                        _("Asked {asked}; received {received}; {verdict}").format(
                            asked=format_date(r.requested_on) or "–",
                            received=format_date(r.received_on) or _("not yet"),
                            verdict=verdict[r.satisfactory],
                        ),
                    )
                    for r in record.references
                ]
            )
        )
    else:
        story.append(style.paragraph(_("None recorded.")))
    story.append(style.heading(_("PVG scheme membership"), 3))
    story.append(
        style.paragraph(
            _(
                "As the Disclosure Code of Practice requires, no copy of any certificate is "
                "kept: only the date of issue, type, position, reference number and decision."
            )
        )
    )
    for p in record.pvg:
        story.append(
            style.field_rows(
                [
                    (_("Date of issue"), format_date(p.issued_on)),
                    (_("Disclosure type"), _(DISCLOSURE_LABELS[p.disclosure_type])),
                    (_("Position"), p.position),
                    (_("Reference number"), p.reference_number),
                    (_("Recruitment decision"), _(DECISION_LABELS[p.decision])),
                    (
                        _("Renewal due"),
                        format_date(p.renews_on)
                        + (
                            _(" (expired)") if p.expired else _(" (due soon)") if p.due_soon else ""
                        ),
                    ),
                ]
            )
        )
    if not record.pvg:
        story.append(style.paragraph(_("None recorded.")))
    story.append(style.heading(_("Training"), 3))
    if record.training:
        story.append(
            style.field_rows(
                [
                    (
                        format_date(t.held_on),
                        _("{topic} ({hours} h)").format(topic=t.topic, hours=f"{t.hours:g}"),
                    )
                    for t in record.training
                ]
                + [
                    (
                        _("Total"),
                        ngettext("{n} hour", "{n} hours", int(record.training_hours)).format(
                            n=f"{record.training_hours:g}"
                        ),
                    )
                ]
            )
        )
    else:
        story.append(style.paragraph(_("None recorded.")))
    story.append(style.heading(_("Matches"), 2))
    if record.matches:
        story.append(
            style.field_rows(
                [
                    (
                        _(_PARTNER_AS[m.role]).format(partner=m.partner),
                        _("{status}; proposed {proposed}{ended}").format(
                            status=_(MATCH_STATUS_LABELS[m.status]),
                            proposed=format_date(m.proposed_on) or "–",
                            ended=_("; ended {date}").format(date=format_date(m.ended_on))
                            if m.ended_on
                            else "",
                        ),
                    )
                    for m in record.matches
                ]
            )
        )
    else:
        story.append(style.paragraph(_("No matches yet.")))
    story += [
        style.heading(_("Data protection"), 2),
        style.field_rows([(_("Basis for holding details"), record.consent), (_("Notes"), d.notes)]),
        style.heading(_("Words used on this record"), 3),
        *_words(*_record_words(record)),
    ]
    return style.build_pdf(_letterhead(context, title), story, printed_on=printed_on)


# ----------------------------------------------------------------------------- application


def render_application(
    details: PersonDetails | None,
    roles: list[Role],
    context: FormContext,
    printed_on: date,
    referees: Sequence[Referee] = (),
    pvg: PvgAnswer | None = None,
) -> bytes:
    """The application form: blank when `details` is None, otherwise filled in so far (with
    the referees and the PVG disclosure already recorded)."""
    from app.printouts import style

    d = details or PersonDetails(first_name="", last_name="")
    title = _("Application to take part")
    intro = _(
        "Thank you for your interest in {programme}. Please fill in this form and return it to "
        "the coordinator{coordinator}. What you write helps us find the right partner for you; "
        "it is kept securely and used only for the programme."
    ).format(
        programme=context.programme or _("the mentoring programme"),
        coordinator=f" ({context.coordinator})" if context.coordinator else "",
    )
    story: list[Flowable] = [
        style.heading(title, 1),
        style.paragraph(intro),
        style.heading(_("I would like to take part as"), 2),
        style.tick_list(
            [
                (
                    _("A mentor: supporting a colleague's learning and development"),
                    Role.MENTOR in roles if details else None,
                ),
                (
                    _("A mentee: being supported by an experienced colleague"),
                    Role.MENTEE in roles if details else None,
                ),
            ]
        ),
        style.heading(_("About you"), 2),
        style.field_rows(
            [
                (_("First name"), d.first_name),
                (_("Last name"), d.last_name),
                (_("Name you like to be called"), d.preferred_name),
                (_("E-mail"), d.email),
                (_("Phone"), d.phone),
                (_("Date of birth"), format_date(d.date_of_birth)),
                (_("Postcode"), d.postcode),
                (_("Languages you speak"), d.languages),
            ]
        ),
        style.heading(_("Your work"), 2),
        style.field_rows(
            [
                (_("Setting or workplace"), d.setting),
                (_("Job role"), d.job_role),
                (_("Line manager"), d.line_manager_name),
                (_("SSSC registration number"), d.sssc_number),
                (_("SSSC category"), d.sssc_category),
                (_("Qualifications and studies"), d.qualifications),
            ]
        ),
        *_words(glossary.SSSC),
    ]

    def answer(question: str, value: str, lines: int = 3) -> None:
        story.append(style.heading(question, 3))
        if value.strip():
            story.append(style.paragraph(value))
        else:
            story.append(style.writing_lines(lines))

    story.append(style.heading(_("Taking part"), 2))
    answer(_("When can you meet? (days and times)"), d.availability, 2)
    answer(_("What are your interests at work?"), d.interests, 2)
    answer(_("What would you like to develop or get better at?"), d.areas_to_develop)
    answer(
        _("Would you prefer a particular kind of partner (say, from another setting)? Why?"),
        "\n".join(x for x in (d.partner_preferences, d.preference_reason) if x),
        2,
    )
    answer(_("Have you mentored someone, or been mentored, before? Tell us about it."), "", 3)
    answer(_("Is there anything we should arrange so you can take part fully?"), d.access_needs, 2)
    story += [
        style.heading(_("Referees"), 2),
        style.paragraph(
            _(
                "Please give two people who know your work, such as a manager or a colleague, "
                "and not a relative. We ask them for a reference before you are matched."
            )
        ),
    ]
    for n in range(max(2, len(referees))):
        given = referees[n] if n < len(referees) else Referee("")
        story += [
            style.keep_together(
                [
                    style.heading(_("Referee {n}").format(n=n + 1), 3),
                    style.field_rows(
                        [
                            (_("Name"), given.name),
                            (_("How they know you"), given.relationship),
                            (_("E-mail or phone"), given.contact),
                        ]
                    ),
                ]
            )
        ]
    pvg_section: list[Flowable] = [
        style.heading(_("Protecting Vulnerable Groups (PVG) scheme"), 2),
        style.paragraph(
            _(
                "Most people who work in childcare are members of the PVG scheme for regulated "
                "work with children. Tell us about your membership so that we know whether a "
                "disclosure is needed for the programme. Please do not write anything about "
                "convictions here: if a disclosure is needed, it comes to us from Disclosure "
                "Scotland."
            )
        ),
        style.tick_list(
            [
                (
                    _("I am a member of the PVG scheme for regulated work with children."),
                    True if pvg else None,
                ),
                _("I am not a member of the PVG scheme."),
            ]
        ),
        style.field_rows(
            [
                (
                    _("Disclosure or scheme record number"),
                    pvg.reference_number if pvg else "",
                ),
                (_("Date it was issued"), format_date(pvg.issued_on) if pvg else ""),
            ]
        ),
        style.tick_list(
            [_("I agree to the programme applying for a disclosure about me if one is needed.")]
        ),
        style.spacer(3),
        *_words(glossary.REGULATED_WORK, glossary.SCHEME_RECORD, glossary.DISCLOSURE_SCOTLAND),
    ]
    story += [
        style.keep_together(pvg_section),
        style.heading(_("What taking part asks of you"), 2),
        style.tick_list(
            [
                _("I will take part in the training or induction before I am matched."),
                _("I will keep to the meeting times agreed, or rearrange in good time."),
                _("I will follow the code of conduct and keep what is discussed confidential."),
                _("I understand that mentoring is separate from supervision and appraisal."),
            ]
        ),
        style.heading(_("Your information"), 2),
        style.paragraph(
            _(
                "We keep your details on one computer, only for running the programme. When "
                "they are no longer needed, we delete them or take your name out of them. You "
                "can ask to see what we hold about you at any time."
            )
        ),
        style.tick_list([_("I agree to my details being held for the programme.")]),
        style.spacer(6),
        style.signature_block([_("Applicant")]),
    ]
    return style.build_pdf(_letterhead(context, title), story, printed_on=printed_on)


# ----------------------------------------------------------------------------- interview


def render_interview(
    name: str,
    roles: list[Role],
    context: FormContext,
    printed_on: date,
    recorded: Sequence[RecordedInterview] = (),
) -> bytes:
    """The interview form with the checklist for each role (both when blank). An interview
    already recorded fills it in (date, interviewer, the qualities seen, the outcome and the
    notes), so a reprint matches the record; the open questions keep their lines for the pen."""
    from app.printouts import style

    title = _("Interview record")
    shown = roles or [Role.MENTOR, Role.MENTEE]
    by_role = {r.role: r for r in recorded}
    newest = max(recorded, key=lambda r: r.held_on, default=None)
    role_text = _(_APPLYING_AS[frozenset(roles)]) if roles else ""
    story: list[Flowable] = [
        style.heading(title, 1),
        style.field_rows(
            [
                (_("Candidate"), name),
                (_("Applying to be a"), role_text),
                (_("Date of interview"), format_date(newest.held_on) if newest else ""),
                (
                    _("Interviewer"),
                    newest.interviewer if newest and newest.interviewer else context.coordinator,
                ),
            ]
        ),
    ]
    if not roles:
        story.append(style.spacer(3))
        story.append(
            style.paragraph(_("Use the checklist for the role the person is applying for."))
        )
    for role in shown:
        seen = by_role.get(role)
        qualities = MENTOR_QUALITIES if role is Role.MENTOR else MENTEE_QUALITIES
        story.append(
            style.heading(
                _("Qualities of a good mentor")
                if role is Role.MENTOR
                else _("Qualities of a successful mentee"),
                2,
            )
        )
        if seen is not None:
            story.append(
                style.paragraph(
                    _("Ticked: the qualities recorded at the interview on {date}.").format(
                        date=format_date(seen.held_on)
                    )
                )
            )
        else:
            story.append(
                style.paragraph(_("Tick each quality you saw evidence of during the interview."))
            )
        story.append(
            style.tick_list(
                [
                    (_(label), (key in seen.qualities) if seen is not None else None)
                    for key, label in qualities
                ]
            )
        )
    for question in (
        _("Why do they want to take part, and what do they hope to gain?"),
        _("What experience do they bring (of mentoring, being mentored, or supporting others)?"),
        _("Can they give the time the programme asks for? Any dates to avoid?"),
        _("Anything to bear in mind when matching them?"),
    ):
        story.append(style.heading(question, 3))
        story.append(style.writing_lines(3))
    story.append(style.heading(_("Outcome"), 2))
    outcomes = (
        (InterviewOutcome.SUITABLE, _("Suitable")),
        (InterviewOutcome.NOT_SUITABLE, _("Not suitable")),
        (InterviewOutcome.UNDECIDED, _("Not decided yet: follow-up needed")),
    )
    answers: list[RecordedInterview | None] = [by_role[r] for r in shown if r in by_role]
    for seen in answers or [None]:
        if seen is not None and len(answers) > 1:
            story.append(style.paragraph(_(_AS_ROLE_COLON[seen.role])))
        story.append(
            style.tick_list(
                [
                    (label, (seen.outcome is outcome) if seen is not None else None)
                    for outcome, label in outcomes
                ]
            )
        )
    story.append(style.heading(_("Notes"), 3))
    notes = [r.notes for r in recorded if r.notes]
    for text in notes:
        story.append(style.paragraph(text))
    story += [
        style.writing_lines(2 if notes else 4),
        style.signature_block([_("Interviewer"), _("Candidate")]),
    ]
    return style.build_pdf(_letterhead(context, title), story, printed_on=printed_on)
