"""The evaluation report: what the programme is for, what it did in a period, and what the
coordinator makes of it, for a manager, a funder or the national network's quality award.

It prints the programme's purpose and model, the period's figures with their charts (the same
drawings the dashboard shows), goal outcomes against their baselines, the endings and why they
came about, the national network's figures, the coordinator's answers to the monitoring
questions, and a list of the gaps in the records. It holds figures only: nothing the pairs
discussed and no private note on a meeting is ever read for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.formatting import format_number
from app.i18n import _, ngettext
from app.model.programme import label
from app.reports.figures import Figures

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class EvaluationReport:
    """Everything the report prints, already worded for the reader."""

    figures: Figures
    coordinator: str
    description: str
    model: str
    mentoring_type: str
    partner_organisations: str
    rules: list[tuple[str, str]]
    #: The planning answers that say what the programme is for: (question, answer or "").
    purpose: list[tuple[str, str]]
    #: The monitoring questions with the coordinator's answers: (question, answer or "").
    answers: list[tuple[str, str]]


#: The planning questions whose answers say what the programme is for and how it is judged.
PURPOSE_QUESTIONS = ("purpose.purpose", "purpose.goals", "purpose.success", "monitoring.what")
#: The programme rules worth repeating in a report.
MODEL_RULES = (
    "Relationship length",
    "Reviews",
    "Meetings",
    "Meeting length",
    "Mentees per mentor",
    "Coordinator support contacts",
)


def gather(
    s: Session,
    programme_id: int,
    start: date,
    end: date,
    today: date,
    answers: dict[str, str] | None = None,
) -> EvaluationReport:
    """The report's content. `answers` are the monitoring answers as typed on the dashboard;
    without them the saved draft is used."""
    from app.reports import figures, monitoring
    from app.services import framework, programmes

    found = figures.figures(s, programme_id, start, end, today)
    p = programmes.get_programme(s, programme_id)
    planned = framework.answers(s, programme_id)
    typed = monitoring.answers(s, programme_id) if answers is None else answers
    wanted = {_(name) for name in MODEL_RULES}
    return EvaluationReport(
        figures=found,
        coordinator=p.coordinator,
        description=p.description,
        model=label(p.programme_model),
        mentoring_type=label(p.mentoring_type),
        partner_organisations=p.partner_organisations,
        rules=[rule for rule in programmes.rules_for_print(p) if rule[0] in wanted],
        purpose=[
            (_(framework.QUESTIONS[key].text), planned.get(key, "").strip())
            for key in PURPOSE_QUESTIONS
        ],
        answers=[(_(q.text), typed.get(q.key, "").strip()) for q in monitoring.QUESTIONS],
    )


def build(
    s: Session,
    programme_id: int,
    start: date,
    end: date,
    printed_on: date,
    answers: dict[str, str] | None = None,
) -> bytes:
    return render(gather(s, programme_id, start, end, printed_on, answers), printed_on)


def _charts(keys: tuple[str, ...], f: Figures) -> Flowable:
    """Charts two to a row, each with its title over it."""
    from reportlab.platypus import Table, TableStyle

    from app.printouts import style
    from app.reports import charts

    width = (style.CONTENT_WIDTH - 4) / 2
    cells = []
    for key in keys:
        chart = charts.CHARTS_BY_KEY[key]
        drawing = chart.draw(f)
        scale = width / drawing.width
        drawing.scale(scale, scale)
        drawing.width, drawing.height = width, drawing.height * scale
        cells.append([style.heading(_(chart.title), 3), drawing])
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append([])
    table = Table(rows, colWidths=[width + 2, width + 2], hAlign="LEFT")
    table.ends_section = True
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _section_heading(text: str) -> Flowable:
    """A section heading whose section (up to its charts) is kept on one page."""
    from app.printouts import style

    heading = style.heading(text, 2)
    heading.starts_section = True
    return heading


def _keep_sections(story: list[Flowable]) -> list[Flowable]:
    """Each section from its heading to its charts kept together, so a heading and its
    figures never sit at the foot of a page with their charts overleaf."""
    from reportlab.platypus import KeepTogether

    kept: list[Flowable] = []
    group: list[Flowable] | None = None
    for flowable in story:
        if getattr(flowable, "starts_section", False):
            if group:
                kept += group
            group = [flowable]
        elif group is not None:
            group.append(flowable)
            if getattr(flowable, "ends_section", False):
                kept.append(KeepTogether(group))
                group = None
        else:
            kept.append(flowable)
    return kept + (group or [])


def _hours(minutes: int) -> str:
    hours = minutes / 60
    return _("{hours:.1f} hours").format(hours=hours) if minutes else _("No hours recorded")


def render(report: EvaluationReport, printed_on: date) -> bytes:
    """The evaluation report as A4 PDF bytes."""
    from app.printouts import style
    from app.reports import figures as words

    f = report.figures
    n = f.network
    title = _("Evaluation report")
    period = _("{start} to {end}").format(
        start=style.format_date(f.start), end=style.format_date(f.end)
    )
    not_written = _("Not written down in the planning notes yet.")
    story: list[Flowable] = [
        style.heading(title, 1),
        style.field_rows(
            [
                (_("Programme"), f.programme),
                (_("Organisation"), f.organisation),
                (_("Period"), period),
                (_("People and matches counted as on"), style.format_date(f.as_at)),
                (_("Coordinator"), report.coordinator or _("Not recorded")),
            ]
        ),
        style.heading(_("Purpose and model"), 2),
        style.paragraph(report.description or _("The programme has no description yet.")),
        style.field_rows(
            [(question, answer or not_written) for question, answer in report.purpose]
            + [
                (_("Model"), report.model),
                (_("Type of mentoring"), report.mentoring_type),
                (
                    _("Partner organisations"),
                    report.partner_organisations or _("No partner organisations"),
                ),
            ]
            + report.rules
        ),
        style.heading(_("The period at a glance"), 2),
        style.key_figures(
            [
                (_("Matches started"), str(f.matches_started)),
                (_("Meetings held"), format_number(f.meetings)),
                (_("Mentoring hours"), format_number(f.meeting_hours)),
                (_("Goals achieved"), str(f.goals_achieved)),
                (_("Matches ended"), str(f.endings)),
            ]
        ),
        style.heading(_("The national network's figures"), 2),
        style.field_rows(
            [
                (_("Trained mentors now"), str(n.trained_mentors)),
                (_("Mentees taking part now"), str(n.mentees)),
                (_("Active matches now"), str(n.active_matches)),
                (
                    _("Average match length"),
                    words.months_text(n.average_match_months),
                ),
                (
                    _("Average mentoring hours per week, per match"),
                    words.hours_per_week_text(n.hours_per_week),
                ),
            ]
        ),
        style.spacer(2),
        style.paragraph(
            _(
                "A trained mentor has had at least the programme's minimum training. The "
                "average match length is over the matches that ended in the period. Hours per "
                "week are the hours of meetings in the period divided by the weeks the matches "
                "ran in it."
            )
        ),
        _section_heading(_("People and the waiting list")),
        style.field_rows(
            [
                (_("Joined in the period"), str(f.joined)),
                (_("Waiting for a mentor now"), str(f.waiting)),
                (_("Average wait so far"), words.wait_text(f)),
            ]
        ),
        _charts(("people", "waiting"), f),
        _section_heading(_("Matches and meetings")),
        style.field_rows(
            [
                (_("Matches started in the period"), str(f.matches_started)),
                (_("Meetings held in the period"), str(f.meetings)),
                (_("Hours of mentoring"), _hours(f.meeting_minutes)),
            ]
        ),
        _charts(("matches", "meetings", "hours"), f),
        _section_heading(_("Support and reviews")),
        style.field_rows(
            [
                (_("Support contacts made when due"), words.compliance_text(f)),
                (_("Reviews held in the period"), str(f.reviews_held)),
                (_("Reviews overdue now"), str(f.reviews_overdue)),
            ]
        ),
        _charts(("contacts", "reviews"), f),
        _section_heading(_("Goals against their baselines")),
        style.field_rows(
            [
                (_("Goals worked on in the period"), str(f.goals)),
                (_("Goals achieved"), str(f.goals_achieved)),
                (
                    _("Goals with a baseline and a rating"),
                    str(f.goals_compared),
                ),
                (
                    _("Average baseline"),
                    words.number_text(f.average_baseline, _("Not known")),
                ),
                (
                    _("Average latest rating"),
                    words.number_text(f.average_latest, _("Not known")),
                ),
                (_("Average change from baseline"), words.change_text(f.average_change)),
                (
                    _("Higher, the same, lower"),
                    _("{up} higher, {same} the same, {down} lower").format(
                        up=f.improved, same=f.unchanged, down=f.fell
                    ),
                ),
            ]
        ),
        _charts(("goals", "outcomes"), f),
        _section_heading(_("Endings")),
        style.field_rows(
            [
                (_("Matches that ended in the period"), str(f.endings)),
                (_("Planned endings"), str(f.endings_planned)),
                (_("Early endings"), str(f.endings_early)),
                (_("Average length of those matches"), words.months_text(f.average_match_months)),
            ]
        ),
    ]
    early_kinds = [b for b in f.endings_by_kind if b.key != "planned"]
    if early_kinds:
        story += [
            style.heading(_("How the early endings are recorded"), 3),
            style.field_rows([(b.label, str(int(b.value))) for b in early_kinds]),
        ]
    if f.early_by:
        story += [
            style.heading(_("Who or what brought the early endings about"), 3),
            style.field_rows([(b.label, str(int(b.value))) for b in f.early_by]),
        ]
    elif f.endings_early:
        story.append(
            style.paragraph(_("Who or what brought the early endings about is not recorded."))
        )
    story += [
        _charts(("endings", "length"), f),
        style.heading(_("Gaps in the records"), 2),
    ]
    if f.missing:
        story.append(
            style.paragraph(
                _("These figures leave out what the records do not say. In this period:")
            )
        )
        story += [style.paragraph("• " + sentence) for sentence in f.missing]
    else:
        story.append(style.paragraph(_("Nothing the figures need is missing from the records.")))
    unanswered = sum(1 for _q, answer in report.answers if not answer)
    story += [
        style.heading(_("Monitoring questions"), 2),
        style.paragraph(
            _(
                "The coordinator's view of the period, following the guidance's suggestions on "
                "what to check when monitoring a programme."
            )
        ),
    ]
    if unanswered:
        story.append(
            style.paragraph(
                ngettext(
                    "{n} question has not been answered yet: write the answer in by hand.",
                    "{n} questions have not been answered yet: write the answers in by hand.",
                    unanswered,
                ).format(n=unanswered)
            )
        )
    for question, answer in report.answers:
        story.append(style.heading(question, 3))
        story.append(style.paragraph(answer) if answer else style.writing_lines(2))
    coordinator = (
        _("Coordinator: {name}").format(name=report.coordinator)
        if report.coordinator
        else _("Coordinator")
    )
    story += [
        style.spacer(4),
        style.paragraph(
            _(
                "This report holds figures and the coordinator's answers only. It never "
                "includes what mentors and mentees discussed, or the coordinator's private "
                "notes on meetings."
            )
        ),
        style.heading(_("Signed"), 2),
        style.signature_block([coordinator, _("Manager")]),
    ]
    letterhead = style.Letterhead(organisation=f.organisation, programme=f.programme, title=title)
    return style.build_pdf(letterhead, _keep_sections(story), printed_on=printed_on)
