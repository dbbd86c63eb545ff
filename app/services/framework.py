"""Planning a programme: the self-assessment questions, the coordinator's answers and where
they got to.

The eight sections follow the planning themes of the 2010 Childhood Practice mentoring
guidance (Tool B), reworded for a busy nursery manager. Answers are saved one by one as they
are typed, so leaving the wizard half way loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.model import PlanningAnswer, PlanningProgress
from app.services.changes import Changes
from app.services.errors import ActionRefused
from app.services.programmes import ProgrammeDetails, create_programme, get_programme


@dataclass(frozen=True)
class Question:
    key: str  # "section.question"
    text: str  # marked with N_; translate with _() when shown
    help: str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    questions: tuple[Question, ...]


def _section(key: str, title: str, intro: str, *questions: tuple[str, str, str]) -> Section:
    return Section(
        key, title, intro, tuple(Question(f"{key}.{q}", text, hint) for q, text, hint in questions)
    )


SECTIONS: tuple[Section, ...] = (
    _section(
        "purpose",
        N_("Purpose and aims"),
        N_("Why the programme exists and what it should change. Your answers open the policy."),
        (
            "purpose",
            N_("Why are you starting this programme?"),
            N_(
                "The need or opportunity behind it, in a sentence or two: for example, new "
                "staff leaving in their first year, or managers studying for the Childhood "
                "Practice award."
            ),
        ),
        (
            "definition",
            N_("What does mentoring mean in your setting?"),
            N_(
                "One or two sentences everyone can agree on. This becomes the definition at the "
                "start of your written policy."
            ),
        ),
        (
            "goals",
            N_("What should the programme achieve?"),
            N_("Two to four aims you could check in a year's time. Put each on its own line."),
        ),
        (
            "why_mentoring",
            N_("Why is mentoring the right way to get there?"),
            N_(
                "What mentoring offers that a course, supervision or coaching would not: time, "
                "trust, learning from someone who has done the job."
            ),
        ),
        (
            "stakeholders",
            N_("Who has an interest in the programme, and how will you tell them about it?"),
            N_(
                "Staff, managers, owners or the board, partner settings, parents, funders. "
                "Think of a team meeting, a leaflet or a note in the staff room."
            ),
        ),
        (
            "timescales",
            N_("What are the key dates?"),
            N_("When you start recruiting, when the first pairs meet, when you look back."),
        ),
        (
            "success",
            N_("How will you know it has worked?"),
            N_(
                "Something you can count or ask about: staff staying on, goals met, qualifications "
                "gained, what mentees say."
            ),
        ),
    ),
    _section(
        "support",
        N_("Support for the programme"),
        N_("Who backs the programme and what it needs to run."),
        (
            "driver",
            N_("Who is leading the programme?"),
            N_("The person or group who wants it to happen and will speak up for it."),
        ),
        (
            "helpers",
            N_("Who else do you need on board?"),
            N_("For example a depute to cover rooms, an administrator, a partner setting."),
        ),
        (
            "managers",
            N_("How will you win and keep the support of managers and decision makers?"),
            N_(
                "What they will want to know, and how often you will report to them. Also "
                "what you will ask of them, such as time away from the floor for meetings."
            ),
        ),
        (
            "resources",
            N_("What will the programme need?"),
            N_("Staff time and cover, a quiet room, travel, training, printing, any money."),
        ),
    ),
    _section(
        "managing",
        N_("Managing the programme"),
        N_("Who runs it day to day and how information flows."),
        (
            "coordinator",
            N_("Who will coordinate the programme, and what is expected of them?"),
            N_(
                "In a small setting this is often part of the manager's job. Say how much time "
                "it gets and what the coordinator will do. Your answer goes into the policy."
            ),
        ),
        (
            "communication",
            N_("How will mentors, mentees, the coordinator and others keep in touch?"),
            N_("Meetings, phone, e-mail, a notice board; and how often."),
        ),
        (
            "reporting",
            N_("Who reports to whom about the programme?"),
            N_(
                "For example: mentors send meeting dates to the coordinator; the coordinator "
                "reports to the owner each term. Never the content of the conversations."
            ),
        ),
        (
            "line_management",
            N_("How will mentoring sit alongside line management?"),
            N_(
                "A line manager should not mentor their own staff. Say how you will keep the "
                "two apart and what line managers will be told."
            ),
        ),
        (
            "when_where",
            N_("When and where will mentoring happen?"),
            N_("In working hours or outside them, on site or elsewhere, in person or online."),
        ),
    ),
    _section(
        "participants",
        N_("Mentors and mentees"),
        N_("Who takes part, how they are chosen and what each one does."),
        (
            "sources",
            N_("Where will mentors and mentees come from, and how will you recruit them?"),
            N_("From your own staff, partner settings or further afield; by invitation or open."),
        ),
        (
            "access",
            N_("Who decides who can have a mentor, and how?"),
            N_("For example: all staff in their first year, or anyone who asks."),
        ),
        (
            "criteria",
            N_("How will you choose mentors and mentees, and match them?"),
            N_(
                "What a mentor needs (experience, time, willingness to train) and what you will "
                "look at when pairing people. The weights are set later in this wizard."
            ),
        ),
        (
            "several_mentees",
            N_("Will a mentor have more than one mentee?"),
            N_("Group and team mentoring allow up to four mentees per mentor."),
        ),
        (
            "roles",
            N_("What does each person do: mentor, mentee, coordinator and line managers?"),
            N_("A few lines for each. These become the roles in the policy."),
        ),
    ),
    _section(
        "training",
        N_("Training and induction"),
        N_("What people need to know before and during their mentoring."),
        (
            "mentor_training",
            N_("What information and training will mentors get, and when?"),
            N_(
                "At least two hours before they are matched is a good minimum, more if you can. "
                "Say whether there will be refreshers or peer support later."
            ),
        ),
        (
            "mentee_induction",
            N_("How will mentees be introduced to the programme, and what will it cover?"),
            N_("Their role, boundaries, confidentiality, how to raise a worry, what to expect."),
        ),
        (
            "coordinator_training",
            N_("What do you, as coordinator, need to learn?"),
            N_("For example a course on running a mentoring scheme, or time with another one."),
        ),
    ),
    _section(
        "relationships",
        N_("Managing relationships"),
        N_("How pairs meet, what they record, and what happens when things go wrong."),
        (
            "meetings",
            N_("How long, how often and where will pairs meet?"),
            N_("The numbers themselves are set later; here say what suits your setting and why."),
        ),
        (
            "records",
            N_("What will pairs write down?"),
            N_(
                "Usually dates, how long they met, actions agreed and progress; what they talk "
                "about stays between them."
            ),
        ),
        (
            "boundaries",
            N_("What boundaries will you set?"),
            N_("Contact between meetings, social media, meeting outside work, gifts."),
        ),
        (
            "problems",
            N_("How will you deal with problems?"),
            N_(
                "A pair who do not get on, missed meetings, a worry about someone's safety or "
                "conduct. Who can either of them go to, and how is a new match arranged?"
            ),
        ),
        (
            "mentor_support",
            N_("What support and supervision will mentors get?"),
            N_("Check-ins with you, a mentors' get-together each term, someone to call."),
        ),
        (
            "coordinator_support",
            N_("Who will support and supervise you?"),
            N_("Your own line manager, a peer in another setting, a local network."),
        ),
    ),
    _section(
        "risk",
        N_("Risk"),
        N_("What could go wrong and how you will make it less likely."),
        (
            "risks",
            N_("What could go wrong?"),
            N_(
                "People dropping out, too little time, a poor match, a breach of confidence, "
                "a safeguarding concern."
            ),
        ),
        (
            "actions",
            N_("What will you do to reduce those risks?"),
            N_("For each risk above, one thing you will do about it."),
        ),
        (
            "policies",
            N_("Which of your existing policies and codes apply to mentoring?"),
            N_(
                "For example the SSSC (Scottish Social Services Council) Codes of "
                "Practice, safeguarding, confidentiality, whistleblowing, social media. "
                "One on each line: they are listed in the policy."
            ),
        ),
    ),
    _section(
        "monitoring",
        N_("Monitoring and evaluation"),
        N_("How you will keep an eye on the programme and learn from it."),
        (
            "what",
            N_("What will you monitor and evaluate?"),
            N_("Meetings held, hours, goals met, how people feel about it, staff staying on."),
        ),
        (
            "information",
            N_("What information will you gather, when, how and by whom?"),
            N_("Meeting logs, short questionnaires at the start and end, review conversations."),
        ),
        (
            "reviews",
            N_("How will you review the programme with the people involved?"),
            N_(
                "For example a yearly review with mentors, mentees and managers, and what you "
                "will do with what you hear."
            ),
        ),
    ),
)

QUESTIONS: dict[str, Question] = {q.key: q for section in SECTIONS for q in section.questions}


@dataclass(frozen=True)
class SectionProgress:
    key: str
    title: str
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    @property
    def started(self) -> bool:
        return self.answered > 0

    @property
    def status_text(self) -> str:
        if self.complete:
            return _("Complete")
        if not self.started:
            return _("Not started")
        return _("{answered} of {total} answered").format(answered=self.answered, total=self.total)


@dataclass(frozen=True)
class PlanningState:
    """Where a programme's planning stands, as plain values."""

    programme_id: int
    current_step: str
    completed_on: date | None
    sections: tuple[SectionProgress, ...]

    @property
    def sections_complete(self) -> int:
        return sum(1 for section in self.sections if section.complete)

    @property
    def started(self) -> bool:
        return bool(self.current_step) or any(section.started for section in self.sections)


def answers(s: Session, programme_id: int) -> dict[str, str]:
    """Every answer given so far, keyed "section.question"; unanswered questions are absent."""
    rows = s.execute(
        select(PlanningAnswer.question, PlanningAnswer.answer).where(
            PlanningAnswer.programme_id == programme_id
        )
    )
    return {question: answer for question, answer in rows if answer.strip()}


def save_answer(s: Session, programme_id: int, question: str, text: str) -> Changes:
    """Keep what the coordinator has typed for one question (called as they type)."""
    if question not in QUESTIONS:
        raise ActionRefused(_("That planning question no longer exists."))
    get_programme(s, programme_id)
    row = s.scalar(
        select(PlanningAnswer).where(
            PlanningAnswer.programme_id == programme_id, PlanningAnswer.question == question
        )
    )
    if row is None:
        row = PlanningAnswer(programme_id=programme_id, question=question, answer="")
        s.add(row)
    if row.answer != text:
        row.answer = text
    return Changes(framework=True)


def _progress_row(s: Session, programme_id: int) -> PlanningProgress:
    row = s.scalar(select(PlanningProgress).where(PlanningProgress.programme_id == programme_id))
    if row is None:
        row = PlanningProgress(programme_id=programme_id)
        s.add(row)
    return row


def save_step(s: Session, programme_id: int, step: str) -> Changes:
    """Remember which page of the planning wizard the coordinator is on."""
    get_programme(s, programme_id)
    row = _progress_row(s, programme_id)
    if row.current_step != step:
        row.current_step = step
    return Changes(framework=True)


def section_progress(found: dict[str, str]) -> tuple[SectionProgress, ...]:
    return tuple(
        SectionProgress(
            key=section.key,
            title=_(section.title),
            answered=sum(1 for q in section.questions if found.get(q.key, "").strip()),
            total=len(section.questions),
        )
        for section in SECTIONS
    )


def planning_state(s: Session, programme_id: int) -> PlanningState:
    get_programme(s, programme_id)
    row = s.scalar(select(PlanningProgress).where(PlanningProgress.programme_id == programme_id))
    return PlanningState(
        programme_id=programme_id,
        current_step=row.current_step if row else "",
        completed_on=row.completed_on if row else None,
        sections=section_progress(answers(s, programme_id)),
    )


def start_planning(s: Session, details: ProgrammeDetails) -> Changes:
    """Create a programme from the first page of the planning wizard (status: planning)."""
    changes = create_programme(s, details)
    assert changes.created_id is not None
    _progress_row(s, changes.created_id)
    return changes | Changes(framework=True)


def finish_planning(s: Session, programme_id: int, today: date) -> Changes:
    """Mark the plan as finished. Unanswered questions are allowed: the coordinator decides
    when the plan is good enough, and can come back to it."""
    programme = get_programme(s, programme_id)
    row = _progress_row(s, programme_id)
    row.completed_on = row.completed_on or today
    found = answers(s, programme_id)
    if not programme.description.strip() and found.get("purpose.purpose"):
        programme.description = found["purpose.purpose"].strip()
    return Changes(framework=True, programmes=True)


@dataclass(frozen=True)
class AnsweredSection:
    title: str
    questions: tuple[tuple[str, str], ...]  # (question, answer or "")


def planning_notes(s: Session, programme_id: int) -> tuple[AnsweredSection, ...]:
    """Every section with its questions and answers, worded for reading (printouts)."""
    found = answers(s, programme_id)
    return tuple(
        AnsweredSection(
            title=_(section.title),
            questions=tuple((_(q.text), found.get(q.key, "").strip()) for q in section.questions),
        )
        for section in SECTIONS
    )
