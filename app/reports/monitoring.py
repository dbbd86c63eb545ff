"""The monitoring questions the coordinator answers for the evaluation report, and their
answers, kept as a draft while they are typed.

The questions follow what the 2010 Childhood Practice mentoring guidance suggests checking
when monitoring a programme (its Tool O), put in our own plain words. The answers are the
coordinator's own view for the period; they live in a form draft (one per programme), so they
are kept as they are typed, never appear in lists or exports, and need no table of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.i18n import N_
from app.services import meetings
from app.services.changes import Changes
from app.services.lookups import get_programme


@dataclass(frozen=True)
class MonitoringQuestion:
    key: str
    text: str  # marked with N_; translate with _() when shown
    hint: str


QUESTIONS: tuple[MonitoringQuestion, ...] = (
    MonitoringQuestion(
        "aims",
        N_("Is the programme achieving the aims agreed when it was planned?"),
        N_("Look back at what the programme set out to change; the figures above may help."),
    ),
    MonitoringQuestion(
        "as_planned",
        N_("Is mentoring happening the way it was meant to?"),
        N_("How often pairs meet, for how long, and whether agreements are kept to."),
    ),
    MonitoringQuestion(
        "paperwork",
        N_("Do the forms and routines help the pairs, or get in their way?"),
        N_("Agreements, meeting logs, action plans, reviews and check-ins."),
    ),
    MonitoringQuestion(
        "procedures",
        N_("Can people understand the procedures and follow them easily?"),
        N_("What people ask you about, or get wrong, more than once."),
    ),
    MonitoringQuestion(
        "relationships",
        N_("How well are the pairs getting on?"),
        N_("What check-ins and reviews tell you, without repeating anything said in confidence."),
    ),
    MonitoringQuestion(
        "wider_impact",
        N_("Has the programme made a difference to anyone beyond the pairs?"),
        N_("Colleagues, rooms, children and families, partner settings."),
    ),
    MonitoringQuestion(
        "challenges",
        N_("What difficulties have come up, and who raised them?"),
        N_("From the programme itself, from mentors or from mentees."),
    ),
    MonitoringQuestion(
        "training",
        N_("Has anyone shown a need for more training?"),
        N_("For mentors, mentees or yourself as coordinator."),
    ),
    MonitoringQuestion(
        "communication",
        N_("Is information reaching everyone who needs it, in time?"),
        N_("Managers, mentors, mentees, partner settings and funders."),
    ),
    MonitoringQuestion(
        "going_well",
        N_("What is going well?"),
        N_("A few points you would want to keep."),
    ),
    MonitoringQuestion(
        "less_well",
        N_("What is going less well?"),
        N_("A few points, honestly put."),
    ),
    MonitoringQuestion(
        "differently",
        N_("What would you do differently next time?"),
        N_("In recruiting, matching, supporting pairs or bringing matches to a close."),
    ),
    MonitoringQuestion(
        "changes",
        N_("What needs to change straight away, and what can wait?"),
        N_("Say which is which."),
    ),
    MonitoringQuestion(
        "evidence",
        N_("Where do these answers come from?"),
        N_(
            "For example conversations and feedback sessions with those involved, "
            "questionnaires, how far the goals in action plans were met, figures such as "
            "qualifications gained, group discussions, or a look through the files."
        ),
    ),
)

QUESTION_KEYS = tuple(q.key for q in QUESTIONS)


def draft_key(programme_id: int) -> str:
    return f"evaluation-answers:{programme_id}"


def answers(s: Session, programme_id: int) -> dict[str, str]:
    """The coordinator's answers so far, by question key (unanswered questions absent)."""
    found = meetings.load_draft(s, draft_key(programme_id))
    if found is None:
        return {}
    data: dict[str, Any] = found[0]
    return {
        key: str(data[key]).strip()
        for key in QUESTION_KEYS
        if isinstance(data.get(key), str) and str(data[key]).strip()
    }


def save_answers(s: Session, programme_id: int, typed: dict[str, str]) -> Changes:
    """Keep what has been typed for the monitoring questions (called as the coordinator types)."""
    get_programme(s, programme_id)
    data = {key: typed[key] for key in QUESTION_KEYS if typed.get(key, "").strip()}
    return meetings.save_draft(s, draft_key(programme_id), data)
