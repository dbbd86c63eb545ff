"""The mentoring policy template, in our own words, filled in from the coordinator's planning
answers and the programme's rules.

It covers the points a written mentoring policy needs (after Tool C of the 2010 Childhood
Practice mentoring guidance): what mentoring means here, aims, the nature of the relationship,
what is asked of mentors and mentees, recognition, separation from appraisal, conduct and
confidentiality, the coordinator's duties, good-practice commitments and yearly review.

Each passage is plain text: a line starting with "- " prints as a bullet. Where an answer the
passage needs is missing, the text holds a gap starting with GAP_MARK, and a version with a gap
cannot be approved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.i18n import N_, _, ngettext
from app.model.programme import MentoringType, ProgrammeModel, SupportContactRule, label
from app.services.programme_settings import ProgrammeRules


def gap_mark() -> str:
    """The words that start a gap still to be filled in (translated)."""
    return _("[To fill in:")


def _gap(what: str) -> str:
    return _("{mark} {what}]").format(mark=gap_mark(), what=what)


@dataclass(frozen=True)
class PolicyContext:
    """What the template needs to know about the programme (plain values)."""

    organisation: str
    programme: str
    coordinator: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    rules: ProgrammeRules = field(default_factory=ProgrammeRules)

    def answer(self, key: str) -> str:
        return (self.answers.get(key) or "").strip()


def _bullets(text: str) -> str:
    """An answer written as several lines, as a bulleted list."""
    lines = [line.strip().lstrip("-•*").strip() for line in text.splitlines()]
    return "\n".join(f"- {line}" for line in lines if line)


def _or_gap(ctx: PolicyContext, key: str, what: str) -> str:
    return ctx.answer(key) or _gap(what)


def _about(ctx: PolicyContext) -> str:
    parts = [
        _(
            "This policy sets out how {organisation} runs mentoring through {programme}, so "
            "that everyone taking part knows what to expect and every relationship is run in "
            "the same fair way."
        ).format(organisation=ctx.organisation, programme=ctx.programme),
        _("In {organisation}, mentoring means: {definition}").format(
            organisation=ctx.organisation,
            definition=_or_gap(ctx, "purpose.definition", _("what mentoring means here")),
        ),
    ]
    if (
        ctx.rules.programme_model is ProgrammeModel.SHARED_PARTNERSHIP
        and ctx.rules.partner_organisations
    ):
        parts.append(
            _(
                "The programme is shared with our partners ({partners}). Each partner adopts "
                "this policy, so people are treated alike wherever they work."
            ).format(partners=ctx.rules.partner_organisations.replace(";", ",").strip(" ,"))
        )
    parts.append(
        _(
            "Mentoring is kept apart from supervision, appraisal and performance management. "
            "Nothing in this policy lessens the duty of managers to develop and manage the "
            "staff who report to them. In all of this we are guided by the Scottish Social "
            "Services Council's Codes of Practice for employers and for workers."
        )
    )
    return "\n\n".join(parts)


def _aims(ctx: PolicyContext) -> str:
    goals = ctx.answer("purpose.goals")
    return "\n\n".join(
        [
            _("Why we are doing this: {purpose}").format(
                purpose=_or_gap(ctx, "purpose.purpose", _("why the programme was started"))
            ),
            _("The programme aims to:")
            + "\n"
            + (_bullets(goals) if goals else "- " + _gap(_("the programme's aims"))),
            _("By adopting this policy we also mean to:")
            + "\n"
            + "\n".join(
                [
                    _("- make clear that mentoring is voluntary: nobody is made to take part;"),
                    _("- value mentoring as part of how our staff learn and develop;"),
                    _("- keep mentoring apart from appraisal, and never use it instead;"),
                    _(
                        "- make sure every relationship follows our policies on conduct, "
                        "fairness, inclusion and privacy;"
                    ),
                    _(
                        "- make mentoring part of our plans for the service, with managers "
                        "thinking each year about the mentoring their staff need."
                    ),
                ]
            ),
        ]
    )


def _relationship(ctx: PolicyContext) -> str:
    parts = [
        _(
            "Mentoring can pass on skills and knowledge, but at its best both people learn "
            "from it. {organisation} sees each mentoring relationship as:"
        ).format(organisation=ctx.organisation)
        + "\n"
        + "\n".join(
            [
                _("- voluntary: either person can end it without blame;"),
                _(
                    "- private: what is said stays between mentor and mentee, except where "
                    "someone may be at risk (see the section on conduct and confidentiality);"
                ),
                _("- non-reporting: the mentor does not report on the mentee to anyone;"),
                _("- a partnership of equals, who share responsibility for making it work;"),
                _("- centred on the mentee's own development."),
            ]
        ),
        _(
            "The mentor has no authority over the mentee, so a line manager does not mentor "
            "someone they manage."
        ),
    ]
    if ctx.rules.mentoring_type in (MentoringType.GROUP, MentoringType.TEAM):
        parts.append(
            ngettext(
                "Mentoring here happens in small groups: a mentor has at most {n} mentee.",
                "Mentoring here happens in small groups: a mentor has at most {n} mentees.",
                ctx.rules.max_mentees_per_mentor,
            ).format(n=ctx.rules.max_mentees_per_mentor)
        )
    boundaries = ctx.answer("relationships.boundaries")
    parts.append(
        _("The boundaries we have agreed: {boundaries}").format(
            boundaries=boundaries or _gap(_("the boundaries of the relationship"))
        )
    )
    return "\n\n".join(parts)


def _mentors(_ctx: PolicyContext) -> str:
    return (
        _("Each relationship is different, but every mentor agrees to:")
        + "\n"
        + "\n".join(
            [
                _("- give time and attention to the mentee and to the programme;"),
                _("- keep the mentee's confidence and respect their privacy;"),
                _("- keep learning, and take part in the training the programme offers;"),
                _(
                    "- listen, ask good questions and help the mentee find their own answers, "
                    "rather than tell them what to do;"
                ),
                _("- give honest and kind feedback;"),
                _("- keep to agreed times and keep the programme's simple records;"),
                _("- tell the coordinator if the relationship runs into difficulty."),
            ]
        )
    )


def _mentees(_ctx: PolicyContext) -> str:
    return (
        _("Every mentee agrees to:")
        + "\n"
        + "\n".join(
            [
                _("- take charge of their own learning and bring what they want to work on;"),
                _("- set goals with their mentor and act on what is agreed;"),
                _("- respect the mentor's time, keep to arrangements and give notice of changes;"),
                _("- be open to feedback and think about it;"),
                _("- keep what is said in meetings confidential."),
            ]
        )
    )


def _roles(ctx: PolicyContext) -> str:
    return (
        _("Who does what in {programme}:").format(programme=ctx.programme)
        + "\n\n"
        + _or_gap(
            ctx,
            "participants.roles",
            _("the roles of mentor, mentee, coordinator and line managers"),
        )
    )


def _screening(ctx: PolicyContext) -> list[str]:
    steps = []
    if ctx.rules.require_application:
        steps.append(_("an application form"))
    if ctx.rules.require_interview:
        steps.append(_("an interview"))
    if ctx.rules.references_required:
        steps.append(
            ngettext("{n} reference", "{n} references", ctx.rules.references_required).format(
                n=ctx.rules.references_required
            )
        )
    if ctx.rules.require_pvg:
        steps.append(_("PVG scheme membership (mentors)"))
    if ctx.rules.min_training_hours:
        steps.append(
            ngettext(
                "at least {n} hour of mentor training",
                "at least {n} hours of mentor training",
                ctx.rules.min_training_hours,
            ).format(n=ctx.rules.min_training_hours)
        )
    if ctx.rules.require_mentee_induction:
        steps.append(_("an induction (mentees)"))
    if ctx.rules.require_code_of_conduct:
        steps.append(_("a signed code of conduct"))
    return steps


def _support_rule(ctx: PolicyContext) -> str:
    if ctx.rules.support_contact_rule is SupportContactRule.CUSTOM:
        return ngettext(
            "{first} times in the first month, then every {n} week",
            "{first} times in the first month, then every {n} weeks",
            ctx.rules.custom_contact_interval_weeks,
        ).format(
            first=ctx.rules.custom_contacts_first_month, n=ctx.rules.custom_contact_interval_weeks
        )
    return label(ctx.rules.support_contact_rule).lower()


def _arrangements(ctx: PolicyContext) -> str:
    meetings = ngettext(
        "- mentor and mentee meet at least once a month, for between {low} and {high} minutes;",
        "- mentor and mentee meet at least {n} times a month, for between {low} and {high} "
        "minutes;",
        ctx.rules.min_meetings_per_month,
    ).format(
        n=ctx.rules.min_meetings_per_month,
        low=ctx.rules.min_meeting_minutes,
        high=ctx.rules.max_meeting_minutes,
    )
    lines = [
        ngettext(
            "- a relationship lasts {months} month and is reviewed with the coordinator every "
            "{review} months;",
            "- a relationship lasts {months} months and is reviewed with the coordinator every "
            "{review} months;",
            ctx.rules.relationship_months,
        ).format(months=ctx.rules.relationship_months, review=ctx.rules.review_interval_months),
        meetings,
        ngettext(
            "- between meetings they keep in touch no more than {n} time;",
            "- between meetings they keep in touch no more than {n} times;",
            ctx.rules.max_contacts_between_meetings,
        ).format(n=ctx.rules.max_contacts_between_meetings),
        ngettext(
            "- whoever has to cancel gives at least {n} hour's notice and offers another date;",
            "- whoever has to cancel gives at least {n} hours' notice and offers another date;",
            ctx.rules.cancellation_notice_hours,
        ).format(n=ctx.rules.cancellation_notice_hours),
        ngettext(
            "- the mentor gets a copy of each meeting log within {n} day.",
            "- the mentor gets a copy of each meeting log within {n} days.",
            ctx.rules.log_to_mentor_within_days,
        ).format(n=ctx.rules.log_to_mentor_within_days),
    ]
    parts = [
        _("Unless the coordinator agrees otherwise for a particular pair:")
        + "\n"
        + "\n".join(lines)
    ]
    steps = _screening(ctx)
    if steps:
        parts.append(
            _("Before anyone is matched, we ask for:")
            + "\n"
            + "\n".join(f"- {step}" for step in steps)
        )
    parts.append(
        _("The coordinator keeps in touch with each mentor and mentee: {rule}.").format(
            rule=_support_rule(ctx)
        )
    )
    parts.append(
        ngettext(
            "Records about a relationship are kept for {n} month after it ends; then they are "
            "deleted or made anonymous.",
            "Records about a relationship are kept for {n} months after it ends; then they are "
            "deleted or made anonymous.",
            ctx.rules.retention_months,
        ).format(n=ctx.rules.retention_months)
    )
    return "\n\n".join(parts)


def _recognition(ctx: PolicyContext) -> str:
    return (
        _("The managers of {organisation} show that they value mentoring by:").format(
            organisation=ctx.organisation
        )
        + "\n"
        + "\n".join(
            [
                _("- making sure mentors are trained before they start and supported after;"),
                _(
                    "- allowing for the time mentoring takes when planning the work of mentors "
                    "and of the coordinator;"
                ),
                _("- recognising good mentoring in staff's own reviews and development records."),
            ]
        )
    )


def _appraisal(_ctx: PolicyContext) -> str:
    return "\n\n".join(
        [
            _(
                "Managers stay responsible for supporting and developing the staff who report "
                "to them, and may well use mentoring skills to do it. A formal mentoring "
                "relationship is different:"
            )
            + "\n"
            + "\n".join(
                [
                    _(
                        "- the mentor is not in charge of the mentee in any way, and has no "
                        "part in dealing with under-performance or breaches of the rules;"
                    ),
                    _(
                        "- meetings are a confidential space where the mentee is neither judged "
                        "nor told what to do;"
                    ),
                    _("- mentor and mentee are equals and both learn from each other;"),
                    _("- the mentee's development as a whole is what the relationship is for."),
                ]
            ),
            _(
                "Line managers help to arrange mentoring for their staff and tell them what "
                "support there is. They take no part in the relationship and should not expect "
                "to hear what is said in it. A mentee may choose to bring something from their "
                "mentoring into their own appraisal, if their mentor agrees."
            ),
        ]
    )


def _conduct(ctx: PolicyContext) -> str:
    policies = ctx.answer("risk.policies")
    listed = (
        _bullets(policies)
        if policies
        else "\n".join(
            [
                _("- the SSSC Codes of Practice for employers and for workers;"),
                _("- our child protection and safeguarding procedures;"),
                _("- our policies on confidentiality, data protection and relationships at work."),
            ]
        )
    )
    return "\n\n".join(
        [
            _("Everyone taking part in {programme} keeps to:").format(programme=ctx.programme)
            + "\n"
            + listed,
            _(
                "Everyone taking part is expected to know these policies and how they apply to "
                "mentoring. Mentor and mentee share the responsibility for keeping their "
                "relationship within them."
            ),
            _(
                "Both keep what is said between them confidential. The one exception is a worry "
                "that a child or adult may be at risk of harm, or that the law or the Codes of "
                "Practice are being broken: then it is passed on under our safeguarding "
                "procedures, and the other person is told unless that would put someone at risk."
            ),
        ]
    )


def _coordinator(ctx: PolicyContext) -> str:
    intro = (
        _("{organisation} names a coordinator, {name}, to run the programme.").format(
            organisation=ctx.organisation, name=ctx.coordinator
        )
        if ctx.coordinator.strip()
        else _("{organisation} names a coordinator to run the programme.").format(
            organisation=ctx.organisation
        )
    )
    parts = [
        intro
        + " "
        + _("The coordinator:")
        + "\n"
        + "\n".join(
            [
                _("- finds and recruits mentors and mentees, and checks they are ready;"),
                _("- arranges training for mentors and an induction for mentees;"),
                _("- matches mentors with mentees and introduces each pair;"),
                _("- keeps in touch with every pair and is the first to turn to with a worry;"),
                _("- brings mentors together from time to time to support one another;"),
                _("- keeps the programme's records, and keeps them safe;"),
                _(
                    "- monitors and evaluates the programme, and updates its guidance when the "
                    "evaluation shows a need;"
                ),
                _("- makes sure all staff know about the programme and how it works."),
            ]
        )
    ]
    extra = ctx.answer("managing.coordinator")
    if extra:
        parts.append(_("In our programme: {details}").format(details=extra))
    return "\n\n".join(parts)


def _practice(ctx: PolicyContext) -> str:
    return (
        _(
            "{organisation} runs the programme, and checks it each year, against these commitments:"
        ).format(organisation=ctx.organisation)
        + "\n"
        + "\n".join(
            [
                _("- the programme has clear, written aims;"),
                _("- every member of staff can find out about it on the same terms;"),
                _("- the people recruited to it believe in it and speak up for it;"),
                _("- a named coordinator manages it;"),
                _("- everyone knows their role and what is expected of them;"),
                _("- staff are encouraged to come forward as mentors and mentees;"),
                _("- mentors are chosen for skills that fit the programme's aims;"),
                _("- mentees are helped to set clear goals;"),
                _(
                    "- anyone can ask for a different partner, or leave the programme, without "
                    "being blamed;"
                ),
                _(
                    "- everyone taking part, the coordinator included, is offered training and "
                    "support."
                ),
            ]
        )
    )


def _concerns(ctx: PolicyContext) -> str:
    return "\n\n".join(
        [
            _(
                "Mentor or mentee can raise a concern with the coordinator at any time, about "
                "the relationship or the programme."
            ),
            _("How we deal with problems: {problems}").format(
                problems=_or_gap(ctx, "relationships.problems", _("how problems are handled"))
            ),
        ]
    )


def _review(ctx: PolicyContext) -> str:
    parts = []
    plan = ctx.answer("monitoring.reviews") or ctx.answer("monitoring.what")
    if plan:
        parts.append(_("How we monitor and review the programme: {plan}").format(plan=plan))
    parts.append(
        _(
            "This policy is reviewed at least once a year, and sooner if the law, the Codes of "
            "Practice or the programme change. Each change is approved as a new version."
        )
    )
    return "\n\n".join(parts)


#: (key, heading, writer) in the order they print.
PASSAGES: tuple[tuple[str, str, Callable[[PolicyContext], str]], ...] = (
    ("about", N_("About this policy"), _about),
    ("aims", N_("Aims and objectives"), _aims),
    ("relationship", N_("The mentoring relationship"), _relationship),
    ("mentors", N_("What we ask of mentors"), _mentors),
    ("mentees", N_("What we ask of mentees"), _mentees),
    ("roles", N_("Who does what"), _roles),
    ("arrangements", N_("How relationships run"), _arrangements),
    ("recognition", N_("Recognising mentoring"), _recognition),
    ("appraisal", N_("Mentoring, appraisal and performance management"), _appraisal),
    ("conduct", N_("Conduct, fairness and confidentiality"), _conduct),
    ("coordinator", N_("The coordinator"), _coordinator),
    ("practice", N_("Our commitments to good practice"), _practice),
    ("concerns", N_("Raising a concern"), _concerns),
    ("review", N_("Monitoring and review of this policy"), _review),
)

PASSAGE_KEYS = tuple(key for key, _heading, _writer in PASSAGES)


def title(ctx: PolicyContext) -> str:
    return _("{organisation} Mentoring Policy").format(organisation=ctx.organisation)


def write(ctx: PolicyContext) -> list[tuple[str, str, str]]:
    """Every passage as (key, heading, text), filled in from `ctx`."""
    return [(key, _(heading), writer(ctx)) for key, heading, writer in PASSAGES]


def write_one(ctx: PolicyContext, key: str) -> tuple[str, str]:
    """One passage's (heading, text), for "put back the template wording"."""
    for passage_key, heading, writer in PASSAGES:
        if passage_key == key:
            return _(heading), writer(ctx)
    raise KeyError(key)
