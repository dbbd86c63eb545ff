"""The demo programme (a nursery network) and the large data set the benchmarks use.

Each part of the product adds its records here as it arrives, so the demo always shows every
feature with realistic data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.agreement_template import DEFAULT_MENTEE_ROLE, DEFAULT_MENTOR_ROLE
from app.formatting import format_date
from app.model import (
    Agreement,
    BaselineChange,
    EndingKind,
    Goal,
    GoalAction,
    GoalStatus,
    GoalStatusChange,
    GoalTerm,
    Interview,
    Introduction,
    IntroductionOutcome,
    Match,
    MatchClosure,
    MatchStatus,
    MatchStatusChange,
    Participant,
    Person,
    Programme,
    ProgressRating,
    PvgRecord,
    RecordedAt,
    Reference,
    Review,
    ReviewDecision,
    RiskAssessment,
    Role,
    StageChange,
    Task,
    TrainingSession,
    WaitingPriority,
)
from app.model.ending import ClosurePath, EarlyBy, MenteeNext, MentorNext, TakePartAgain
from app.model.meeting import RelationshipStage
from app.model.person import ConsentBasis, Stage
from app.model.programme import MentoringType, ProgrammeModel, ProgrammeStatus
from app.model.review import Working
from app.model.screening import (
    MENTEE_QUALITIES,
    MENTOR_QUALITIES,
    DisclosureType,
    InterviewOutcome,
    RecruitmentDecision,
    TaskKind,
)
from app.services.endings import DEFAULT_CONTACT_RULE
from app.services.matching import agreement_policy
from app.services.readiness import PVG_TERM_YEARS
from app.services.schedule import add_months

SETTINGS = [
    "Wee Acorns Nursery, Leith",
    "Sunflower Family Centre, Portobello",
    "Riverside Early Years Centre",
    "Little Puffins Nursery, Musselburgh",
    "Craigmillar Community Nursery",
    "Rainbow Childminding, Dalkeith",
    "Oak Tree Out of School Club",
    "St Mary's Nursery Class",
]

MENTORS = [
    ("Seònaid", "Nic a' Phì", "Depute manager"),
    ("Fiona", "MacLeod", "Nursery manager"),
    ("Aileen", "Henderson", "Senior practitioner"),
    ("Ruaridh", "Campbell", "Room leader"),
    ("Morag", "Sinclair", "Childminder"),
    ("Priya", "Sharma", "Senior practitioner"),
    ("Gillian", "Paterson", "Nursery manager"),
    ("Eilidh", "Mackenzie", "Room leader"),
    ("Kirsty", "Robertson", "Lead practitioner"),
    ("Joanna", "Nowak", "Depute manager"),
    ("Catriona", "Ross", "Out of school care manager"),
    ("Heather", "Wallace", "Senior practitioner"),
]

MENTEES = [
    ("Amy", "Johnstone"),
    ("Chloe", "Stewart"),
    ("Erin", "Thomson"),
    ("Niamh", "O'Neill"),
    ("Ciarán", "Doherty"),
    ("Holly", "Murray"),
    ("Zara", "Ahmed"),
    ("Lauren", "Scott"),
    ("Rachel", "Kerr"),
    ("Megan", "Fraser"),
    ("Sophie", "Hamilton"),
    ("Jack", "Reid"),
    ("Olivia", "Grant"),
    ("Kayleigh", "Watson"),
    ("Ellie", "Morrison"),
    ("Màiri", "MacDonald"),
    ("Hannah", "Young"),
    ("Aisha", "Begum"),
    ("Rebecca", "Burns"),
    ("Natalie", "Ferguson"),
    ("Shannon", "Duncan"),
    ("Emma", "Black"),
    ("Louise", "Gray"),
    ("Agnieszka", "Kowalska"),
]

MENTEE_ROLES = [
    "Early years practitioner",
    "Modern apprentice",
    "Support worker",
    "Newly qualified practitioner",
    "Childminder",
]


def _email(first: str, last: str) -> str:
    plain = f"{first}.{last}".lower()
    for accented, simple in (("ò", "o"), ("ì", "i"), ("à", "a"), ("á", "a"), ("'", ""), (" ", "")):
        plain = plain.replace(accented, simple)
    return f"{plain}@example.org.uk"


# --------------------------------------------------------------------------- dates
#
# Every date in the demo is drawn by one of these helpers, from `today` and a few offsets, so
# that the demo is valid on whatever day it is built: nothing is recorded in the future, no
# record comes before what it follows, and the programme started before anyone joined it.

#: Days from a mentor's enquiry to their first match (application, interview, references,
#: checks and training in between), and the same for a mentee.
MENTOR_LEAD_DAYS = 70
MENTEE_LEAD_DAYS = 60
#: Days from a match being proposed to the pair starting (introduction, agreement signed).
DAYS_TO_START = 14
#: The shortest gap between two meetings of a pair in the demo.
MEETING_GAP_DAYS = 7
#: The paused pair stopped meeting this many days after they started (about three months).
PAUSED_MEETINGS_DAYS = 100
#: The paused pair's goals were last worked on this many days ago.
PAUSED_GOALS_DAYS = 45


def programme_start(today: date, longest_ago: int) -> date:
    """The first of the month in which the main demo programme started: on or before the
    enquiry of a mentor whose match was proposed `longest_ago` days before `today`, so that
    everyone's joining, screening and matching fall on or after it."""
    return (today - timedelta(days=longest_ago + MENTOR_LEAD_DAYS)).replace(day=1)


@dataclass(frozen=True)
class MatchDates:
    """The dates on a demo match: proposed, started (once the agreement is signed), planned
    to end and ended (closed matches only)."""

    proposed_on: date
    started_on: date | None
    planned_end_on: date | None
    ended_on: date | None


def match_dates(
    today: date, days_ago: int, *, started: bool, ended_after_days: int | None = None
) -> MatchDates:
    """Dates for a match proposed `days_ago` days before `today`. A match that has `started`
    starts DAYS_TO_START days after it was proposed and is planned to last twelve months; one
    that ended did so `ended_after_days` after it was proposed. In order, and none after
    `today`."""
    proposed = today - timedelta(days=max(0, days_ago))
    if not started:
        return MatchDates(proposed, None, None, None)
    start = min(proposed + timedelta(days=DAYS_TO_START), today)
    ended = None
    if ended_after_days is not None:
        ended = max(start, min(proposed + timedelta(days=ended_after_days), today))
    return MatchDates(proposed, start, add_months(start, 12), ended)


def meetings_until(started_on: date, ended_on: date | None, today: date, *, paused: bool) -> date:
    """The day a pair's meetings stop (meetings fall before it): the day the relationship
    ended, or today; PAUSED_MEETINGS_DAYS after the start for the paused pair. Never after
    `today`, never before `started_on`."""
    until = min(ended_on or today, today)
    if paused:
        until = min(until, started_on + timedelta(days=PAUSED_MEETINGS_DAYS))
    return max(until, started_on)


def monthly_meeting_dates(
    started_on: date, until: date, rng: random.Random, *, skip_month: int | None = None
) -> list[date]:
    """One meeting a month, from a few days after `started_on` to before `until`: the first
    two to six days after the start, then on a day that suits in each following calendar month
    (except `skip_month`, a month the pair missed). Each meeting is at least MEETING_GAP_DAYS
    after the one before, so the dates rise strictly and each meeting's next meeting comes after
    it, even when the pair started at the end of a month."""
    held = started_on + timedelta(days=rng.randint(2, 6))
    if held >= until:
        return []
    dates = [held]
    month = 1
    while True:
        drawn = add_months(started_on.replace(day=1), month) + timedelta(days=rng.randint(2, 25))
        held = max(drawn, dates[-1] + timedelta(days=MEETING_GAP_DAYS))
        if held >= until:
            return dates
        if month != skip_month:
            dates.append(held)
        month += 1


def next_meeting_date(held_on: date, following: date | None, *, ended: bool) -> date | None:
    """The next meeting agreed at the meeting held on `held_on`: the pair's following meeting;
    after their last, four weeks on (or none if the relationship has ended). Always after
    `held_on`."""
    if following is not None:
        return max(following, held_on + timedelta(days=1))
    return None if ended else held_on + timedelta(days=28)


def copy_to_mentor_date(held_on: date, after_days: int, today: date) -> date | None:
    """When the mentor was sent a copy of the log: `after_days` after the meeting, or not yet
    (None) if that day has not come."""
    sent = held_on + timedelta(days=max(0, after_days))
    return sent if sent <= today else None


def support_contact_date(
    due_on: date, shift_days: int, started_on: date, ended_on: date | None, today: date
) -> date | None:
    """The day a support contact due on `due_on` was held: `shift_days` early (negative) or
    late, but not before the match started nor after it ended; None if it has not happened
    yet (it would be after `today`)."""
    held = max(due_on + timedelta(days=shift_days), started_on)
    if held > today:
        return None
    return min(held, ended_on) if ended_on is not None else held


def goals_until(ended_on: date | None, today: date, *, paused: bool) -> date:
    """The last day a match's goals were worked on: the day it ended, or today;
    PAUSED_GOALS_DAYS ago for the paused pair."""
    until = min(ended_on or today, today)
    if paused:
        until = min(until, today - timedelta(days=PAUSED_GOALS_DAYS))
    return until


def goal_start_date(started_on: date, until: date, index: int) -> date:
    """When the pair set their `index`th goal: a week after they started, then every three
    weeks; on the day they started if that would not be before `until`. Never before
    `started_on`, and before `until` unless `until` is the start itself."""
    start = started_on + timedelta(days=7 + max(0, index) * 21)
    return start if start < until else started_on


def action_done_date(agreed_on: date, due_on: date, until: date, early_days: int) -> date | None:
    """When a goal's action was done: `early_days` before it was due, but not before it was
    agreed; None if it fell due after `until` (the last day worked on)."""
    if due_on > until:
        return None
    return max(agreed_on, due_on - timedelta(days=max(0, early_days)))


def pvg_issued_renewing_in(today: date, days: int) -> date:
    """The issue date of a PVG membership that must be renewed `days` after `today` (run out
    `-days` ago when negative), or a day sooner when that day is a 29 February."""
    renews = today + timedelta(days=days)
    if renews.month == 2 and renews.day == 29:
        renews = renews.replace(day=28)
    return renews.replace(year=renews.year - PVG_TERM_YEARS)


def create_demo(s: Session, today: date) -> int:
    """Fill an empty database with the demo programmes as they stand on `today`; return the
    main programme's id. Every date is drawn relative to `today` (see the date helpers above),
    so the demo is valid whatever day it is built on."""
    start = programme_start(today, max(days_ago for *_, days_ago in DEMO_MATCHES))
    main = Programme(
        name="Growing Together Mentoring Programme",
        organisation="Riverside Early Years Network",
        description=(
            "Experienced practitioners across the network mentor newly qualified staff and "
            "those working towards the Childhood Practice award."
        ),
        coordinator="Seonag Morrison",
        coordinator_phone="0131 496 0123",
        coordinator_email="seonag.morrison@example.org.uk",
        programme_model=ProgrammeModel.SHARED_PARTNERSHIP,
        partner_organisations="Wee Acorns Nursery; Sunflower Family Centre; Rainbow Childminding",
        mentoring_type=MentoringType.ONE_TO_ONE,
        status=ProgrammeStatus.RUNNING,
        start_date=start,
        end_date=None,
    )
    peer = Programme(
        name="New Childminders Peer Support",
        organisation="Riverside Early Years Network",
        description="Small peer groups for childminders in their first year of registration.",
        coordinator="Seonag Morrison",
        programme_model=ProgrammeModel.PEER_GROUP,
        mentoring_type=MentoringType.GROUP,
        max_mentees_per_mentor=4,
        status=ProgrammeStatus.PLANNING,
        start_date=today + timedelta(days=40),
    )
    s.add_all([main, peer])
    s.flush()
    rng = random.Random(2026)
    for i, (first, last, job) in enumerate(MENTORS):
        person = Person(
            first_name=first,
            last_name=last,
            email=_email(first, last),
            phone=f"0131 496 {1000 + i * 37:04d}",
            setting=SETTINGS[i % len(SETTINGS)],
            job_role=job,
        )
        person.roles.append(Participant(programme=main, role=Role.MENTOR, joined_on=start))
        s.add(person)
    for i, (first, last) in enumerate(MENTEES):
        person = Person(
            first_name=first,
            last_name=last,
            email=_email(first, last),
            phone=f"07700 900{100 + i * 13:03d}",
            setting=SETTINGS[(i * 3 + 1) % len(SETTINGS)],
            job_role=rng.choice(MENTEE_ROLES),
        )
        joined = start + timedelta(days=rng.randint(0, 300))
        person.roles.append(Participant(programme=main, role=Role.MENTEE, joined_on=joined))
        s.add(person)
    s.flush()
    _demo_matches(s, main, today)
    _demo_goals(s, main, today)
    _demo_meetings(s, main, today)
    _demo_framework(s, main, peer, today)
    _demo_people(s, main, today, rng)
    _demo_matching(s, main, today)
    _demo_reviews_and_endings(s, main, today)
    _demo_today(s, main, today)
    return main.id


def _demo_today(s: Session, programme: Programme, today: date) -> None:
    """A few touches so the Today page shows its kinds: the introduced pair's agreement signed
    by the mentor only, and one pair whose agreement asks for two meetings a month (they meet
    about monthly, and nobody has checked in with them since last month)."""
    agreements = {
        a.match_id: a
        for a in s.scalars(
            select(Agreement)
            .join(Match, Match.id == Agreement.match_id)
            .where(Match.programme_id == programme.id)
        )
    }
    matches = list(
        s.scalars(select(Match).where(Match.programme_id == programme.id).order_by(Match.id))
    )
    introduced = next(m for m in matches if m.status is MatchStatus.INTRODUCED)
    waiting = agreements[introduced.id]
    waiting.mentor_signed_on = waiting.agreed_on
    waiting.signatures_recorded_by = COORDINATOR
    fortnightly = next(
        m for m in matches if m.status is MatchStatus.ACTIVE and m.id != matches[0].id
    )
    agreements[fortnightly.id].min_meetings_per_month = 2
    s.flush()


#: The main demo programme's planning answers: a nursery network's plan, in a manager's words.
DEMO_ANSWERS = {
    "purpose.purpose": (
        "Too many newly qualified practitioners leave the network in their first year, and "
        "managers studying for the Childhood Practice award have nobody outside their own "
        "setting to think things through with."
    ),
    "purpose.definition": (
        "a voluntary, confidential partnership in which an experienced practitioner from "
        "another setting helps a colleague to find their own way forward, and both learn."
    ),
    "purpose.goals": (
        "Keep more newly qualified staff in the network past their first year\n"
        "Help managers complete the Childhood Practice award\n"
        "Share good practice between the partner settings"
    ),
    "purpose.why_mentoring": (
        "Courses give knowledge but not the confidence to use it. A mentor from another "
        "setting can be honest without being a line manager."
    ),
    "purpose.stakeholders": (
        "Staff in all four settings, the owners, the local authority early years team and "
        "parents. A launch at the network meeting, a leaflet and a page in the newsletter."
    ),
    "purpose.timescales": (
        "Recruit mentors in August, training in September, first matches in October, "
        "review after one year."
    ),
    "purpose.success": (
        "Retention of first-year staff, award completions, meetings held, and what mentees "
        "say in their end-of-year review."
    ),
    "support.driver": "The network manager, with the backing of the four owners.",
    "support.helpers": (
        "Each setting's depute to cover rooms during meetings; the network administrator."
    ),
    "support.managers": (
        "A short report to the owners each term with numbers and one story; ask for an hour "
        "a month off the floor for each mentor."
    ),
    "support.resources": (
        "Cover for mentors' time, the training room at Riverside, mileage between settings, "
        "printing. About £1,200 for the year from the training budget."
    ),
    "managing.coordinator": (
        "The coordinator spends half a day a week on the programme and reports to the "
        "network manager each term."
    ),
    "managing.communication": (
        "A termly mentors' get-together, a phone call to each pair in the first month, e-mail "
        "otherwise."
    ),
    "managing.reporting": (
        "Mentors send the coordinator dates and durations of meetings; the coordinator "
        "reports figures to the owners. Nobody reports what was discussed."
    ),
    "managing.line_management": (
        "Mentors always come from a different setting from their mentee, so no one mentors "
        "somebody they manage. Line managers are told who is mentored and when they meet."
    ),
    "managing.when_where": (
        "In working time, at the mentee's setting or a quiet room at Riverside; online if "
        "travel is hard."
    ),
    "participants.sources": (
        "Mentors: experienced practitioners and managers across the four settings, by "
        "invitation and open call. Mentees: all newly qualified staff, and managers on the award."
    ),
    "participants.access": "Any newly qualified practitioner can ask; managers suggest it too.",
    "participants.criteria": (
        "Mentors need three years' experience, time to give and willingness to train. "
        "Matching looks at availability, travel and what the mentee wants to work on."
    ),
    "participants.several_mentees": "No: one mentee each, so mentors are not overloaded.",
    "participants.roles": (
        "Mentors listen, ask questions, share experience and keep to the agreement. Mentees "
        "bring their goals and act on what is agreed. The coordinator matches, supports and "
        "keeps the records. Line managers release time and stay out of the content."
    ),
    "training.mentor_training": (
        "A three-hour session before matching on listening, boundaries and confidentiality; "
        "termly get-togethers after."
    ),
    "training.mentee_induction": (
        "A one-hour induction: what mentoring is and is not, boundaries, confidentiality, how "
        "to raise a worry."
    ),
    "training.coordinator_training": (
        "The Scottish Mentoring Network's coordinator course, and a visit to a scheme in "
        "another council area."
    ),
    "relationships.meetings": (
        "At least monthly for an hour or two, for a year; in person where possible."
    ),
    "relationships.records": (
        "A meeting log with the date, how long they met and the actions agreed; never the "
        "content of the conversation."
    ),
    "relationships.boundaries": (
        "Contact between meetings is kept to two calls or messages; no contact through "
        "personal social media; meetings happen in working time and in work places."
    ),
    "relationships.problems": (
        "Either person speaks to the coordinator, who meets them separately, then together "
        "if they both wish. A pair who cannot work together is ended without blame and a new "
        "match offered."
    ),
    "relationships.mentor_support": (
        "A check-in from the coordinator twice in the first month, then monthly, and a "
        "termly get-together of mentors."
    ),
    "relationships.coordinator_support": ("Supervision from the network manager every six weeks."),
    "risk.risks": (
        "Mentors running out of time; mismatched pairs; a breach of confidence; a "
        "safeguarding concern raised in a meeting."
    ),
    "risk.actions": (
        "Agree time with owners up front; a no-blame re-match; confidentiality in training "
        "and in the agreement; a clear route to the setting's child protection lead."
    ),
    "risk.policies": (
        "The SSSC Codes of Practice for employers and workers\n"
        "Riverside Early Years Network child protection policy\n"
        "Confidentiality and data protection policy\n"
        "Social media policy"
    ),
    "monitoring.what": "Meetings held, hours, goals met, retention, and how people feel about it.",
    "monitoring.information": (
        "Meeting logs, a short questionnaire at the start and end of each relationship, and a "
        "review conversation every three months."
    ),
    "monitoring.reviews": (
        "A yearly review meeting with mentors, mentees and owners, with a short written "
        "report; changes go into the next version of this policy."
    ),
}

PEER_ANSWERS = {
    "purpose.purpose": (
        "New childminders work alone and told us that the first year is isolating."
    ),
    "purpose.definition": (
        "childminders in their first year meeting in a small group with an experienced "
        "childminder, to learn from each other."
    ),
    "purpose.goals": "Fewer childminders giving up in the first year\nA local support network",
    "support.driver": "The network's childminding development worker.",
}


def _demo_framework(s: Session, main: Programme, peer: Programme, today: date) -> None:
    """A finished plan and an approved policy (with a draft of version 2) for the main
    programme; a plan half done for the peer programme."""
    from app.model import PlanningAnswer, PlanningProgress
    from app.services import policy

    for programme, answers in ((main, DEMO_ANSWERS), (peer, PEER_ANSWERS)):
        for question, text in answers.items():
            s.add(PlanningAnswer(programme_id=programme.id, question=question, answer=text))
    start = main.start_date or today
    s.add(
        PlanningProgress(
            programme_id=main.id, current_step="finish", completed_on=start - timedelta(days=60)
        )
    )
    s.add(PlanningProgress(programme_id=peer.id, current_step="section:support"))
    s.flush()
    policy.write_draft(s, main.id, today=start - timedelta(days=50))
    policy.approve(
        s, main.id, start - timedelta(days=30), "Riverside Early Years Network owners", today=today
    )
    policy.edit_passage(
        s,
        main.id,
        "review",
        "How we monitor and review the programme: a yearly review meeting with mentors, "
        "mentees and owners, and from this year a short survey of line managers.\n\n"
        "This policy is reviewed at least once a year, and sooner if the law, the Codes of "
        "Practice or the programme change. Each change is approved as a new version.",
        today=today - timedelta(days=5),
    )


#: (mentor index, mentee index, status, days since proposed) for the demo's matches: a year's
#: worth of relationships in every state. Mentees 14 onwards are still waiting.
DEMO_MATCHES = [
    (0, 0, MatchStatus.ACTIVE, 320),
    (1, 1, MatchStatus.ACTIVE, 300),
    (2, 2, MatchStatus.ACTIVE, 260),
    (3, 3, MatchStatus.ACTIVE, 210),
    (4, 4, MatchStatus.ACTIVE, 150),
    (5, 5, MatchStatus.ACTIVE, 120),
    (6, 6, MatchStatus.ACTIVE, 75),
    (7, 7, MatchStatus.ACTIVE, 40),
    (8, 8, MatchStatus.PAUSED, 180),
    (9, 9, MatchStatus.ENDING, 330),
    (10, 10, MatchStatus.CLOSED, 325),
    (11, 11, MatchStatus.CLOSED, 280),
    (10, 12, MatchStatus.INTRODUCED, 12),
    (11, 13, MatchStatus.PROPOSED, 3),
]


def _demo_matches(s: Session, programme: Programme, today: date) -> None:

    def role_list(role: Role) -> list[Participant]:
        return list(
            s.scalars(
                select(Participant)
                .where(Participant.programme_id == programme.id, Participant.role == role)
                .order_by(Participant.id)
            )
        )

    mentors, mentees = role_list(Role.MENTOR), role_list(Role.MENTEE)
    for mentor_i, mentee_i, status, days_ago in DEMO_MATCHES:
        closed = status is MatchStatus.CLOSED
        dates = match_dates(
            today,
            days_ago,
            started=status not in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED),
            ended_after_days=(200 if mentee_i == 10 else 60) if closed else None,
        )
        match = Match(
            programme_id=programme.id,
            mentor_id=mentors[mentor_i].id,
            mentee_id=mentees[mentee_i].id,
            status=status,
            proposed_on=dates.proposed_on,
            started_on=dates.started_on,
            planned_end_on=dates.planned_end_on,
            ended_on=dates.ended_on,
        )
        if closed:
            match.end_reason = (
                "Planned ending: goals met early"
                if mentee_i == 10
                else "Mentee moved to a new job outside the network"
            )
        s.add(match)
    s.flush()


COORDINATOR = "Seonag Morrison"

#: What the demo's partnerships work on, and the risks their coordinator noted.
DEMO_ISSUES = [
    "Confidence leading a room\nPlanning for the Childhood Practice award",
    "Working with families who are new to the nursery\nObservations and next steps",
    "Outdoor learning in all weathers\nSharing practice with the team",
    "Supporting children with additional support needs\nWriting a child's plan",
]
DEMO_RISKS = [
    (
        "First meetings away from the workplace; mentor and mentee do not know each other.",
        "Meet at the network office for the first two meetings; coordinator checks in after each.",
    ),
    (
        "Mentee works part-time, so meetings may slip.",
        "Agree a standing fortnightly slot; coordinator reviews after the first month.",
    ),
    (
        "Mentor and mentee are in neighbouring settings that share some families.",
        "Agree at the first meeting not to discuss named children or families.",
    ),
]


# --------------------------------------------------------------------------- goals

#: Goals childcare practitioners commonly set with a mentor: (title, why, term, baseline,
#: baseline note, target, target rating, success criteria, actions). Each action is
#: (what, who, timescale, milestone, success criteria).
#: One demo goal: title, why, term, baseline, note, target, target rating, success criteria,
#: and its actions (description, who, timescale, milestone, success criteria).
GoalTemplate = tuple[
    str, str, GoalTerm, int, str, str, int, str, list[tuple[str, str, str, str, str]]
]

DEMO_GOALS: list[GoalTemplate] = [
    (
        "Lead the morning group time in my room with confidence",
        "Group time is where the whole room comes together; I want to lead it without freezing.",
        GoalTerm.SHORT,
        3,
        "Joins in with songs but hands over to the room leader when it is her turn to lead.",
        "Plan and lead group time on three mornings a week",
        8,
        "Room leader observes two sessions and agrees the children were engaged throughout.",
        [
            (
                "Watch my mentor lead a story and song session",
                "Mentee",
                "Within 2 weeks",
                "Notes on what worked",
                "Three ideas written down to try",
            ),
            (
                "Lead the closing song on two mornings",
                "Mentee",
                "Weeks 3 to 4",
                "First sessions led",
                "Led without handing over",
            ),
            (
                "Plan a full group time using the children's current interest",
                "Mentee",
                "By half-term",
                "Plan shared with the room leader",
                "Plan used on the day",
            ),
            (
                "Observe a group time and give feedback",
                "Mentor",
                "After the first full session",
                "Feedback meeting held",
                "Two strengths and one next step agreed",
            ),
        ],
    ),
    (
        "Plan my route to the Childhood Practice award",
        "Needed for my registration as a manager, and I have put it off for two years.",
        GoalTerm.LONG,
        2,
        "Knows the award is needed; has not looked at providers or funding.",
        "Place accepted on a BA Childhood Practice course starting next year",
        9,
        "Offer of a place and a funding plan agreed with my manager.",
        [
            (
                "Compare two providers' entry requirements and timetables",
                "Mentee",
                "This month",
                "Shortlist of providers",
                "Shortlist shared at the next meeting",
            ),
            (
                "Ask my manager about study time and funding",
                "Mentee",
                "Before applications open",
                "Meeting with manager",
                "Study time agreed in writing",
            ),
            (
                "Share my own experience of studying while working",
                "Mentor",
                "Next meeting",
                "Conversation held",
                "Mentee has a realistic weekly study plan",
            ),
            (
                "Submit the application",
                "Mentee",
                "By the closing date",
                "Application sent",
                "Acknowledgement received",
            ),
        ],
    ),
    (
        "Write observations that lead to clear next steps for my key children",
        "Good observations show parents and inspectors how each child is doing.",
        GoalTerm.SHORT,
        4,
        "Writes descriptive observations; next steps are often missing or very general.",
        "Two observations a week for each key child, each with a next step",
        8,
        "Depute manager's monthly sample finds next steps that are specific and acted on.",
        [
            (
                "Go through three of my recent observations with my mentor",
                "Mentee and mentor",
                "Next meeting",
                "Examples agreed",
                "Mentee can say what makes a good next step",
            ),
            (
                "Rewrite one observation a week with a specific next step",
                "Mentee",
                "For four weeks",
                "Four rewritten observations",
                "Next steps acted on in planning",
            ),
            (
                "Bring a sample to the room's planning meeting",
                "Mentee",
                "End of term",
                "Shared at the meeting",
                "Colleagues use the next steps in planning",
            ),
        ],
    ),
    (
        "Talk with parents about their child's day at collection time",
        "Parents tell us they want to hear more than 'had a good day'.",
        GoalTerm.SHORT,
        4,
        "Comfortable with familiar parents; avoids the ones she does not know.",
        "Share one thing each child did with their parent at collection, four days a week",
        8,
        "Feedback from three parents in the next parent survey mentions her by name.",
        [
            (
                "Keep a note of one moment per key child during the day",
                "Mentee",
                "Daily for two weeks",
                "Notebook in use",
                "A note for every key child",
            ),
            (
                "Role-play a tricky conversation with a parent",
                "Mentee and mentor",
                "Next meeting",
                "Practice done",
                "Mentee feels ready to try it",
            ),
            (
                "Ask the manager for a slot at the next parents' evening",
                "Mentee",
                "Before parents' evening",
                "Slot agreed",
                "Attended and spoke with parents",
            ),
        ],
    ),
    (
        "Use the outdoor area for planned learning each week",
        "Our outdoor space is mostly free play; I would like it to be part of our planning.",
        GoalTerm.SHORT,
        3,
        "Supervises outdoor play; has not planned an outdoor experience yet.",
        "One planned outdoor experience a week, written into the room plan",
        7,
        "Four outdoor experiences in the plan over a month, with observations from each.",
        [
            (
                "Visit my mentor's setting to see their outdoor classroom",
                "Mentee",
                "This term",
                "Visit done",
                "Three ideas to adapt",
            ),
            (
                "Plan a mud kitchen session linked to the children's interest in cooking",
                "Mentee",
                "Within a month",
                "Plan written",
                "Session run and observed",
            ),
        ],
    ),
    (
        "Settle new children using our key-person approach",
        "Settling-in is often rushed when the room is busy; children and parents notice.",
        GoalTerm.SHORT,
        5,
        "Follows the settling policy; unsure how to pace visits for an anxious child.",
        "Lead the settling of my next two key children from first visit to full days",
        9,
        "Both families say in the settling review that they felt supported.",
        [
            (
                "Read our settling-in policy with my mentor and note questions",
                "Mentee",
                "Next meeting",
                "Questions listed",
                "Questions answered",
            ),
            (
                "Plan the first visits with the family",
                "Mentee",
                "Before the start date",
                "Visit plan agreed",
                "Parent signs the plan",
            ),
            (
                "Hold a settling review with the family after four weeks",
                "Mentee",
                "Four weeks after the start",
                "Review held",
                "Review recorded in the child's file",
            ),
        ],
    ),
    (
        "Support children's early language through stories and songs",
        "Several of my key children are late talkers.",
        GoalTerm.SHORT,
        4,
        "Reads stories to the group; rarely adapts them for children with little language.",
        "Use props and signing with stories at least three times a week",
        8,
        "Speech and language therapist's visit notes the strategies in use.",
        [
            (
                "Attend the local authority's early language training",
                "Mentee",
                "Next available date",
                "Training attended",
                "Certificate in file",
            ),
            (
                "Make a story sack for a favourite book",
                "Mentee",
                "Within three weeks",
                "Story sack made",
                "Used with a small group",
            ),
        ],
    ),
    (
        "Manage my time so paperwork is done within non-contact time",
        "I keep taking learning journals home, and it is wearing me out.",
        GoalTerm.SHORT,
        3,
        "Finishes paperwork at home two or three evenings a week.",
        "No paperwork taken home for four weeks running",
        8,
        "A month without taking work home, confirmed at supervision.",
        [
            (
                "Keep a simple log of what fills my non-contact time for a week",
                "Mentee",
                "One week",
                "Log kept",
                "Log brought to the meeting",
            ),
            (
                "Agree a weekly plan for non-contact time",
                "Mentee and mentor",
                "Next meeting",
                "Plan agreed",
                "Plan followed for three weeks",
            ),
        ],
    ),
]


def _demo_matching(s: Session, programme: Programme, today: date) -> None:
    """The matching records behind the demo's matches: each status change with who made it,
    risk assessments, introductions and agreements (with the policy version in force)
    consistent with each match's state; and a waiting mentee marked as a priority."""
    from dateutil.relativedelta import relativedelta

    matches = list(
        s.scalars(select(Match).where(Match.programme_id == programme.id).order_by(Match.id))
    )
    mentees = list(
        s.scalars(
            select(Participant)
            .where(Participant.programme_id == programme.id, Participant.role == Role.MENTEE)
            .order_by(Participant.id)
        )
    )

    def change(
        match: Match, old: MatchStatus | None, new: MatchStatus, on: date, note: str = ""
    ) -> None:
        s.add(
            MatchStatusChange(
                match_id=match.id,
                from_status=old,
                to_status=new,
                changed_on=on,
                changed_by=COORDINATOR,
                note=note,
            )
        )

    def proposed_day(match: Match) -> date:
        assert match.proposed_on is not None  # every demo match was proposed first
        return match.proposed_on

    def risk(match: Match, n: int) -> None:
        risks, actions = DEMO_RISKS[n % len(DEMO_RISKS)]
        s.add(
            RiskAssessment(
                match_id=match.id,
                assessed_on=proposed_day(match) + timedelta(days=3),
                assessed_by=COORDINATOR,
                risks=risks,
                actions=actions,
            )
        )

    def introduction(match: Match, outcome: IntroductionOutcome, notes: str) -> date:
        held = proposed_day(match) + timedelta(days=7)
        s.add(
            Introduction(
                match_id=match.id,
                held_on=held,
                staff_present=COORDINATOR,
                outcome=outcome,
                notes=notes,
            )
        )
        return held

    def agreement(match: Match, n: int, agreed: date, signed: bool) -> None:
        version, approved_on = agreement_policy(s, programme.id, agreed)
        s.add(
            Agreement(
                match_id=match.id,
                relationship_months=programme.relationship_months,
                review_interval_months=programme.review_interval_months,
                min_meetings_per_month=programme.min_meetings_per_month,
                min_meeting_minutes=programme.min_meeting_minutes,
                max_meeting_minutes=programme.max_meeting_minutes,
                max_contacts_between_meetings=programme.max_contacts_between_meetings,
                cancellation_notice_hours=programme.cancellation_notice_hours,
                issues=DEMO_ISSUES[n % len(DEMO_ISSUES)],
                mentor_role=DEFAULT_MENTOR_ROLE,
                mentee_role=DEFAULT_MENTEE_ROLE,
                agreed_on=agreed,
                review_on=agreed + relativedelta(months=programme.review_interval_months),
                mentor_signed_on=agreed if signed else None,
                mentee_signed_on=agreed if signed else None,
                coordinator_signed_on=agreed if signed else None,
                signatures_recorded_by=COORDINATOR if signed else "",
                policy_version=version,
                policy_approved_on=approved_on,
            )
        )

    for n, match in enumerate(matches):
        proposed = match.proposed_on or today
        change(match, None, MatchStatus.PROPOSED, proposed)
        if match.status is MatchStatus.PROPOSED:
            continue
        risk(match, n)
        held = introduction(match, IntroductionOutcome.GO_AHEAD, "Both keen to start.")
        change(match, MatchStatus.PROPOSED, MatchStatus.INTRODUCED, held)
        if match.status is MatchStatus.INTRODUCED:
            agreement(match, n, held, signed=False)
            continue
        started = match.started_on or held
        agreement(match, n, started, signed=True)
        change(match, MatchStatus.INTRODUCED, MatchStatus.ACTIVE, started, "Agreement signed.")
        if match.status is MatchStatus.PAUSED:
            change(
                match,
                MatchStatus.ACTIVE,
                MatchStatus.PAUSED,
                today - timedelta(days=30),
                "Mentee on sick leave; both want to carry on when she is back.",
            )
        elif match.status is MatchStatus.ENDING:
            change(
                match,
                MatchStatus.ACTIVE,
                MatchStatus.ENDING,
                today - timedelta(days=20),
                "Twelve months nearly up: planning the final review.",
            )
        elif match.status is MatchStatus.CLOSED:
            planned = "Planned" in match.end_reason
            match.ending_kind = EndingKind.PLANNED if planned else EndingKind.EARLY
            ended = match.ended_on or today
            change(
                match,
                MatchStatus.ACTIVE,
                MatchStatus.ENDING,
                ending_begun(started, ended),
                "The ending procedure began.",
            )
            change(match, MatchStatus.ENDING, MatchStatus.CLOSED, ended, match.end_reason)

    s.add(
        WaitingPriority(
            participant_id=mentees[14].id,
            note="Newly qualified and leading a room on her own from January.",
            set_on=today - timedelta(days=6),
        )
    )
    s.flush()


def ending_begun(started_on: date, ended_on: date) -> date:
    """The day a demo match's ending procedure began: two weeks before it ended, never before
    the match started."""
    return max(started_on, ended_on - timedelta(days=14))


def review_dates(first_due: date, until: date, interval_months: int) -> list[tuple[date, date]]:
    """(due, held) for each review of a demo match from its first due day up to `until`: each
    held two days after it fell due (never after `until`), the next due an interval later."""
    held_dates: list[tuple[date, date]] = []
    due = first_due
    while due < until:
        held = min(due + timedelta(days=2), until)
        held_dates.append((due, held))
        due = add_months(held, interval_months)
    return held_dates


def _demo_reviews_and_endings(s: Session, programme: Programme, today: date) -> None:
    """Reviews every few months for each relationship that has run long enough (the second
    pair's latest review is overdue), an extension agreed at the first pair's latest review,
    an ending in progress, and two closed matches with their closure records: a planned ending
    with certificates, and an early one with its decision about what comes next."""
    matches = list(
        s.scalars(select(Match).where(Match.programme_id == programme.id).order_by(Match.id))
    )
    agreements = {a.match_id: a for a in s.scalars(select(Agreement))}
    months = programme.review_interval_months
    for n, match in enumerate(matches):
        started = match.started_on
        agreement = agreements.get(match.id)
        if started is None or agreement is None:
            continue
        if match.status is MatchStatus.PAUSED:
            until = today - timedelta(days=30)  # no review while paused
        elif match.status is MatchStatus.ENDING:
            until = today - timedelta(days=21)
        elif match.ended_on is not None:
            until = ending_begun(started, match.ended_on)
        else:
            until = today
        if n == 1:
            until = today - timedelta(days=100)  # this pair's latest review is overdue
        first_due = agreement.review_on or add_months(started, months)
        held = review_dates(first_due, until, months)
        for i, (due, on) in enumerate(held):
            last = i == len(held) - 1
            review = Review(
                match_id=match.id,
                held_on=on,
                due_on=due,
                others_present="",
                working_for_mentor=Working.YES,
                working_for_mentee=Working.YES if (n + i) % 3 else Working.PARTLY,
                goals_still_right=True,
                goals_note="",
                progress_note=DEMO_REVIEW_NOTES[(n + i) % len(DEMO_REVIEW_NOTES)],
                changes_agreed="Meet at the mentee's setting every other month.",
                decision=ReviewDecision.CONTINUE,
                next_review_on=add_months(on, months),
                recorded_by=COORDINATOR,
            )
            if last and n == 0 and match.planned_end_on:
                review.decision = ReviewDecision.EXTEND
                review.changes_agreed = (
                    "Both want three more months to see the award portfolio through."
                )
                review.previous_end_on = match.planned_end_on
                review.new_end_on = add_months(match.planned_end_on, 3)
                review.mentor_agreed_on = review.mentee_agreed_on = on
                match.planned_end_on = review.new_end_on
            if (
                last
                and match.status is MatchStatus.CLOSED
                and match.ending_kind is (EndingKind.PLANNED)
            ):
                review.decision = ReviewDecision.MOVE_TO_ENDING
                review.changes_agreed = "The goals are met: both agreed to plan the ending."
                review.next_review_on = None
            s.add(review)
        if match.status is MatchStatus.ENDING:
            begun = max(started, today - timedelta(days=20))
            s.add(
                MatchClosure(
                    match_id=match.id,
                    started_on=begun,
                    step="exit-mentee",
                    path=ClosurePath.PLANNED,
                    reasons="The agreed twelve months are nearly up and the goals are met.",
                    mentor_exit_on=max(begun, today - timedelta(days=6)),
                    mentor_went_well="Seeing her grow in confidence with parents.",
                    mentor_changed="I listen more before I suggest anything.",
                    mentor_better="Fewer cancelled meetings over the summer.",
                    mentor_again=TakePartAgain.YES,
                    contact_rule=DEFAULT_CONTACT_RULE,
                )
            )
        if match.status is MatchStatus.CLOSED and match.ended_on:
            _demo_closure(s, match, match.ended_on, DEFAULT_CONTACT_RULE)
    s.flush()


DEMO_REVIEW_NOTES = [
    "Good progress on the first goal; the second has barely started.",
    "Confidence leading group time is much better, her room leader has noticed.",
    "Ratings are up on both goals since the last review.",
    "A slow few months with staff shortages, but they kept meeting.",
]


def _demo_closure(s: Session, match: Match, ended: date, rule: str) -> None:
    """The closure record of a closed demo match: planned with certificates, or early."""
    assert match.started_on is not None
    planned = match.ending_kind is EndingKind.PLANNED
    mentee = s.get_one(Participant, match.mentee_id)
    s.get_one(Person, mentee.person_id).retention_from = ended
    closure = MatchClosure(
        match_id=match.id,
        started_on=ending_begun(match.started_on, ended),
        step="confirm",
        contact_rule=rule,
        end_on=ended,
        mentor_exit_on=ended,
        mentee_exit_on=ended,
        mentor_acknowledged_on=ended,
        mentee_acknowledged_on=ended,
        mentee_next=MenteeNext.LEAVES,
        mentor_next=MentorNext.CONTINUES,
        confirmed_on=ended,
        confirmed_by=COORDINATOR,
        mentor_again=TakePartAgain.YES,
    )
    if planned:
        closure.path = ClosurePath.PLANNED
        closure.reasons = "Goals met early; at the review both agreed to end on a high."
        closure.final_meeting_on = ended
        closure.mentor_went_well = "Watching her take the lead at the parents' evening."
        closure.mentee_went_well = "Having someone outside the nursery to think things through."
        closure.mentee_changed = "I plan my week instead of reacting to it."
        closure.mentee_better = "More time at the start to get to know each other."
        closure.mentee_again = TakePartAgain.YES
        closure.certificates_on = ended
        closure.next_note = "She has finished her award and would like to mentor next year."
    else:
        closure.path = ClosurePath.EARLY
        closure.early_by = EarlyBy.UNREACHABLE
        closure.reasons = match.end_reason
        closure.no_final_meeting = (
            "She started her new job within a week; we spoke on the phone instead."
        )
        closure.mentee_went_well = "The first meetings, before everything changed."
        closure.mentee_again = TakePartAgain.MAYBE
        closure.mentor_better = "Knowing sooner that she was thinking of leaving."
        closure.next_note = (
            "Offered a new mentor through her new employer's network; she chose to leave "
            "for now and is welcome back."
        )
        closure.certificates_on = ended
    s.add(closure)


def _demo_goals(s: Session, programme: Programme, today: date) -> None:
    """Goals with baselines, action plans and ratings over time for every match that has been
    working together (active, paused, ending and closed)."""

    rng = random.Random(1307)
    matches = s.scalars(
        select(Match)
        .where(
            Match.programme_id == programme.id,
            Match.status.in_(
                [MatchStatus.ACTIVE, MatchStatus.PAUSED, MatchStatus.ENDING, MatchStatus.CLOSED]
            ),
        )
        .order_by(Match.id)
    ).all()
    for n, match in enumerate(matches):
        started = match.started_on or today
        until = goals_until(match.ended_on, today, paused=match.status is MatchStatus.PAUSED)
        count = 4 if n == 2 else 3 if n % 3 == 0 else 2
        first = (n * 3) % len(DEMO_GOALS)
        for g in range(count):
            template = DEMO_GOALS[(first + g) % len(DEMO_GOALS)]
            # Erin's four open goals show the nudge about starting with a few.
            _demo_goal(s, match, template, g, started, until, rng, may_achieve=n != 2)
    s.flush()
    # A baseline corrected after the first rating, and a goal reshaped part of the way through.
    first_goal = s.scalars(
        select(Goal).where(Goal.match_id == matches[0].id).order_by(Goal.id)
    ).first()
    if first_goal is not None and first_goal.ratings:
        first_goal.baseline_changes.append(
            BaselineChange(
                changed_on=first_goal.ratings[0].rated_on,
                old_rating=first_goal.baseline_rating,
                new_rating=(first_goal.baseline_rating or 2) - 1,
                old_note=first_goal.baseline_note,
                new_note=first_goal.baseline_note + " Mentor and mentee agreed the first "
                "rating had been generous.",
                reason="At the first review both agreed the starting point had been rated too "
                "high.",
            )
        )
        first_goal.baseline_rating = (first_goal.baseline_rating or 2) - 1
        first_goal.baseline_note += " Mentor and mentee agreed the first rating had been generous."
    reshaped = s.scalars(
        select(Goal)
        .where(Goal.match_id == matches[1].id, Goal.status == GoalStatus.IN_PROGRESS)
        .order_by(Goal.id.desc())
    ).first()
    if reshaped is not None:
        on = min(today, (reshaped.ratings[-1].rated_on if reshaped.ratings else today))
        reshaped.status_changes.append(
            GoalStatusChange(
                changed_on=on,
                from_status=reshaped.status,
                to_status=GoalStatus.CHANGED,
                reason="Too big as one goal: split into two smaller goals for next term.",
            )
        )
        reshaped.status = GoalStatus.CHANGED


def _demo_goal(
    s: Session,
    match: Match,
    template: GoalTemplate,
    g: int,
    started: date,
    until: date,
    rng: random.Random,
    *,
    may_achieve: bool,
) -> None:
    title, why, term, baseline, note, target, target_rating, criteria, actions = template
    start = goal_start_date(started, until, g)
    length = 120 if term is GoalTerm.SHORT else 300
    goal = Goal(
        match_id=match.id,
        title=title,
        why=why,
        term=term,
        baseline_rating=baseline,
        baseline_note=note,
        target=target,
        target_rating=target_rating,
        success_criteria=criteria,
        start_on=start,
        target_on=start + timedelta(days=length),
        status=GoalStatus.NOT_STARTED,
    )
    goal.status_changes.append(
        GoalStatusChange(changed_on=start, from_status=None, to_status=GoalStatus.NOT_STARTED)
    )
    s.add(goal)

    def move(to: GoalStatus, on: date, reason: str = "") -> None:
        goal.status_changes.append(
            GoalStatusChange(changed_on=on, from_status=goal.status, to_status=to, reason=reason)
        )
        goal.status = to

    working_days = (until - start).days
    if working_days > 10:
        move(GoalStatus.IN_PROGRESS, start + timedelta(days=min(10, working_days // 2)))
    met_early = match.status is MatchStatus.CLOSED and match.end_reason.startswith("Planned")
    achieve = met_early or (
        may_achieve and term is GoalTerm.SHORT and working_days > length + 30 and rng.random() < 0.6
    )
    # Ratings roughly every five weeks, climbing towards the target with the odd setback.
    rated_on, rating = start + timedelta(days=35), baseline
    while rated_on <= until:
        ceiling = target_rating if achieve else target_rating - 1
        step = rng.choice([0, 0, 1, 1, 2]) if rating < ceiling else 0
        rating = max(1, min(ceiling, rating + step - (1 if rng.random() < 0.1 else 0)))
        goal.ratings.append(
            ProgressRating(
                rated_on=rated_on,
                rating=rating,
                recorded_at=RecordedAt.REVIEW if rated_on.month % 3 == 0 else RecordedAt.MEETING,
                note=rng.choice(
                    [
                        "",
                        "Agreed at the meeting.",
                        "Mentor and mentee agreed on this together.",
                        "Room leader's view taken into account.",
                    ]
                ),
            )
        )
        rated_on += timedelta(days=rng.randint(28, 42))
    if achieve and goal.ratings:
        goal.ratings[-1].rating = target_rating
        move(GoalStatus.ACHIEVED, goal.ratings[-1].rated_on, "Success criteria met")
    if match.status is MatchStatus.CLOSED and goal.status is not GoalStatus.ACHIEVED:
        reason = (
            "Relationship ended early: mentee moved to a new job"
            if match.end_reason.startswith("Mentee moved")
            else "Carried into the mentee's own development plan at the planned ending"
        )
        move(GoalStatus.DROPPED, match.ended_on or until, reason)
    for position, (what, who, timescale, milestone, success) in enumerate(actions):
        due = start + timedelta(days=14 + position * 21)
        done = action_done_date(start, due, until, rng.randint(0, 4)) if due <= until else None
        # Leave the odd step undone in open relationships, so the plan shows what is overdue.
        if (
            done is not None
            and match.status is MatchStatus.ACTIVE
            and goal.status is GoalStatus.IN_PROGRESS
            and rng.random() < 0.2
        ):
            done = None
        goal.actions.append(
            GoalAction(
                description=what,
                who=who,
                timescale=timescale,
                milestone=milestone,
                success_criteria=success,
                agreed_on=start,
                due_on=due,
                done_on=done,
                position=position,
            )
        )


POSTCODES = ["EH6", "EH15", "EH16", "EH21", "EH22", "EH7", "EH8", "EH11"]
INTERESTS = [
    "Outdoor learning",
    "Supporting children with additional support needs",
    "Leadership and managing a team",
    "Working with families",
    "Early literacy and storytelling",
    "Gaelic-medium early years",
    "Transitions to primary school",
]
AVAILABILITY = [
    "Tuesday and Thursday afternoons",
    "Monday evenings after 6pm",
    "Wednesday mornings",
    "Friday lunchtimes",
    "Any weekday after 4pm",
]

#: Mentors who have not been matched yet: (first, last, job, stage, what they have done so far).
WAITING_MENTORS = [
    ("Lorna", "Gibson", "Senior practitioner", Stage.READY, "pvg_due"),
    ("Iain", "McIntyre", "Room leader", Stage.REFERENCES, "one_reference"),
    ("Shona", "Baird", "Depute manager", Stage.CHECKS, "pvg_pending"),
    ("Deborah", "Clark", "Senior practitioner", Stage.CHECKS, "pvg_expired"),
    ("Karen", "Lindsay", "Lead practitioner", Stage.TRAINING, "part_training"),
    ("Alison", "Cunningham", "Nursery manager", Stage.LEFT, "left"),
]

#: Where the waiting mentees (index 14 onwards) are in the pipeline.
WAITING_MENTEES = {
    14: (Stage.READY, "ready"),
    15: (Stage.READY, "ready"),
    16: (Stage.TRAINING, "no_induction"),
    17: (Stage.INTERVIEW, "applied"),
    18: (Stage.APPLIED, "applied"),
    19: (Stage.ENQUIRY, ""),
    20: (Stage.ON_HOLD, "on_hold"),
    21: (Stage.WITHDRAWN, "withdrawn"),
    22: (Stage.INTERVIEW, "undecided"),
    23: (Stage.ENQUIRY, ""),
}

REFEREES = [
    ("Margaret Duffy", "Former manager"),
    ("Graham Lockhart", "College tutor"),
    ("Anne Brodie", "Current line manager"),
    ("Stephen Muir", "Colleague"),
]


def _history(
    s: Session, participant: Participant, stages: list[Stage], start: date, step_days: int
) -> date:
    """Record the pipeline moves for `participant`, `step_days` apart, ending at the last."""
    on = start
    for n, stage in enumerate(stages):
        if n:
            on = on + timedelta(days=step_days)
        s.add(StageChange(participant_id=participant.id, stage=stage, changed_on=on))
    participant.stage = stages[-1]
    participant.stage_on = on
    return on


def _screen(
    s: Session,
    person: Person,
    participant: Participant,
    start: date,
    rng: random.Random,
    *,
    steps: set[str],
    pvg_issued: date | None = None,
    pvg_decision: RecruitmentDecision = RecruitmentDecision.PROCEED,
    references: int = 2,
    training_hours: float = 6,
) -> None:
    """Add realistic screening records; `steps` says which ones are done."""
    mentor = participant.role is Role.MENTOR
    if "application" in steps:
        participant.application_on = start + timedelta(days=3)
    if "interview" in steps or "interview_undecided" in steps:
        qualities = MENTOR_QUALITIES if mentor else MENTEE_QUALITIES
        s.add(
            Interview(
                participant_id=participant.id,
                held_on=start + timedelta(days=12),
                interviewer="Seonag Morrison",
                qualities=[k for k, _label in qualities if rng.random() < 0.8],
                outcome=(
                    InterviewOutcome.SUITABLE
                    if "interview" in steps
                    else InterviewOutcome.UNDECIDED
                ),
                notes=(
                    "Keen to share what they have learned leading a room."
                    if mentor
                    else "Wants support with planning for the Childhood Practice award."
                ),
            )
        )
    if mentor and "references" in steps:
        for n, (referee, relationship) in enumerate(rng.sample(REFEREES, 2)):
            arrived = n < references
            s.add(
                Reference(
                    person_id=person.id,
                    referee=referee,
                    relationship=relationship,
                    contact=f"{referee.split()[0].lower()}@example.org.uk",
                    requested_on=start + timedelta(days=14),
                    received_on=start + timedelta(days=24 + n * 5) if arrived else None,
                    satisfactory=True if arrived else None,
                )
            )
    if mentor and pvg_issued is not None:
        s.add(
            PvgRecord(
                person_id=person.id,
                issued_on=pvg_issued,
                disclosure_type=(
                    DisclosureType.LEVEL_2
                    if pvg_issued >= date(2025, 4, 1)
                    else DisclosureType.SCHEME_RECORD
                ),
                position=person.job_role,
                reference_number=f"{rng.randrange(10**15, 10**16):016d}",
                decision=pvg_decision,
            )
        )
    if mentor and "training" in steps:
        sessions = [("Introduction to mentoring", 3.0), ("Boundaries and confidentiality", 3.0)]
        done = 0.0
        for n, (topic, hours) in enumerate(sessions):
            if done >= training_hours:
                break
            length = min(hours, training_hours - done)
            s.add(
                TrainingSession(
                    person_id=person.id,
                    held_on=start + timedelta(days=35 + n * 7),
                    topic=topic,
                    hours=length,
                )
            )
            done += length
    if not mentor and "induction" in steps:
        participant.induction_on = start + timedelta(days=35)
    if "code" in steps:
        participant.code_signed_on = start + timedelta(days=36)


ALL_STEPS = {"application", "interview", "references", "training", "induction", "code"}
PIPELINE_TO_MATCHED = [
    Stage.ENQUIRY,
    Stage.APPLIED,
    Stage.INTERVIEW,
    Stage.REFERENCES,
    Stage.CHECKS,
    Stage.TRAINING,
    Stage.READY,
    Stage.MATCHED,
]


def _demo_people(s: Session, programme: Programme, today: date, rng: random.Random) -> None:
    """Screening records and pipeline stages for everyone in the demo programme."""

    people = {
        (p.role, p.id): (p, s.get_one(Person, p.person_id))
        for p in s.scalars(
            select(Participant)
            .where(Participant.programme_id == programme.id)
            .order_by(Participant.id)
        )
    }
    mentors = [v for (role, _id), v in people.items() if role is Role.MENTOR]
    mentees = [v for (role, _id), v in people.items() if role is Role.MENTEE]
    matches = {m.mentee_id: m for m in s.scalars(select(Match).order_by(Match.id))}
    first_match: dict[int, date] = {}
    for m in matches.values():
        if m.proposed_on:
            first_match[m.mentor_id] = min(
                first_match.get(m.mentor_id, m.proposed_on), m.proposed_on
            )
            first_match[m.mentee_id] = min(
                first_match.get(m.mentee_id, m.proposed_on), m.proposed_on
            )

    def details(person: Person, n: int) -> None:
        person.postcode = POSTCODES[n % len(POSTCODES)]
        person.locality = person.setting.split(", ")[-1] if ", " in person.setting else "Edinburgh"
        person.availability = AVAILABILITY[n % len(AVAILABILITY)]
        person.interests = INTERESTS[n % len(INTERESTS)]
        person.consent_basis = ConsentBasis.CONSENT
        person.date_of_birth = date(1970 + (n * 7) % 30, 1 + n % 12, 1 + (n * 5) % 27)
        person.languages = "English" if n % 5 else "English, Gaelic"

    # Everyone matched: fully screened, at "matched"; their membership is current. One
    # mentor's membership is due for renewal within 90 days.
    for n, (participant, person) in enumerate(mentors):
        details(person, n)
        person.sssc_number = f"{2000000 + n * 7919:07d}"
        person.sssc_category = (
            "Manager" if "manager" in person.job_role.lower() else ("Practitioner")
        )
        person.qualifications = "BA Childhood Practice" if n % 2 else "SVQ 3 Social Services"
        matched_on = first_match[participant.id]
        start = matched_on - timedelta(days=MENTOR_LEAD_DAYS)
        participant.joined_on = start
        person.consent_on = start
        pvg_issued = (
            pvg_issued_renewing_in(today, 40) if n == 3 else start - timedelta(days=200 + n * 30)
        )
        _screen(s, person, participant, start, rng, steps=ALL_STEPS, pvg_issued=pvg_issued)
        _history(s, participant, PIPELINE_TO_MATCHED[:-1], start, 9)
        s.add(
            StageChange(participant_id=participant.id, stage=Stage.MATCHED, changed_on=matched_on)
        )
        participant.stage, participant.stage_on = Stage.MATCHED, matched_on

    for n, (participant, person) in enumerate(mentees):
        details(person, n + 3)
        person.qualifications = (
            "Working towards the BA Childhood Practice" if n % 3 == 0 else "HNC Childhood Practice"
        )
        person.areas_to_develop = (
            "Confidence leading a room" if n % 2 else "Planning for the Childhood Practice award"
        )
        person.partner_preferences = "A mentor from a different setting" if n % 4 == 0 else ""
        person.preference_reason = (
            "Wants to see how another nursery does things" if n % 4 == 0 else ""
        )
        match = matches.get(participant.id)
        if match is not None:
            matched_on = match.proposed_on or today
            start = matched_on - timedelta(days=MENTEE_LEAD_DAYS)
            participant.joined_on = start
            person.consent_on = start
            _screen(s, person, participant, start, rng, steps=ALL_STEPS)
            _history(s, participant, PIPELINE_TO_MATCHED[:-1], start, 8)
            s.add(
                StageChange(
                    participant_id=participant.id, stage=Stage.MATCHED, changed_on=matched_on
                )
            )
            participant.stage, participant.stage_on = Stage.MATCHED, matched_on
            if match.status is MatchStatus.CLOSED and match.ended_on:
                reason = match.end_reason
                s.add(
                    StageChange(
                        participant_id=participant.id,
                        stage=Stage.LEFT,
                        changed_on=match.ended_on,
                        reason=reason,
                    )
                )
                participant.stage, participant.stage_on = Stage.LEFT, match.ended_on
                participant.stage_reason = reason
            continue
        stage, plan = WAITING_MENTEES[n]
        start = today - timedelta(days=20 + (23 - n) * 14)
        participant.joined_on = start
        person.consent_on = start
        pipeline = (
            PIPELINE_TO_MATCHED[: PIPELINE_TO_MATCHED.index(stage) + 1]
            if stage in (PIPELINE_TO_MATCHED)
            else [Stage.ENQUIRY, Stage.APPLIED, stage]
        )
        steps = {
            "ready": ALL_STEPS,
            "no_induction": {"application", "interview", "code"},
            "applied": {"application"},
            "undecided": {"application", "interview_undecided"},
            "on_hold": {"application", "interview"},
            "withdrawn": {"application"},
            "": set(),
        }[plan]
        _screen(s, person, participant, start, rng, steps=steps)
        _history(s, participant, pipeline, start, 10)
        if plan == "on_hold":
            participant.stage_reason = "On maternity leave until the spring"
        if plan == "withdrawn":
            participant.stage_reason = "Workload too heavy this year; may reapply"
        s.execute(
            update(StageChange)
            .where(
                StageChange.participant_id == participant.id,
                StageChange.stage == participant.stage,
            )
            .values(reason=participant.stage_reason)
        )

    # Mentors not matched yet, at every stage, and one who has left.
    for n, (first, last, job, stage, plan) in enumerate(WAITING_MENTORS):
        person = Person(
            first_name=first,
            last_name=last,
            email=_email(first, last),
            phone=f"0131 496 {1500 + n * 41:04d}",
            setting=SETTINGS[(n * 5 + 2) % len(SETTINGS)],
            job_role=job,
        )
        details(person, n + 40)
        start = today - timedelta(days=60 + n * 25)
        participant = Participant(programme=programme, role=Role.MENTOR, joined_on=start)
        person.roles.append(participant)
        person.consent_on = start
        s.add(person)
        s.flush()
        pvg: date | None = start - timedelta(days=400)
        decision = RecruitmentDecision.PROCEED
        steps = set(ALL_STEPS)
        references, hours = 2, 6.0
        if plan == "pvg_due":
            pvg = pvg_issued_renewing_in(today, 60)
        elif plan == "one_reference":
            steps -= {"training", "code"}
            references, pvg = 1, None
        elif plan == "pvg_pending":
            steps -= {"training", "code"}
            pvg, decision = today - timedelta(days=10), RecruitmentDecision.PENDING
        elif plan == "pvg_expired":
            steps -= {"training"}
            pvg = pvg_issued_renewing_in(today, -30)
        elif plan == "part_training":
            hours = 1.5
        _screen(
            s,
            person,
            participant,
            start,
            rng,
            steps=steps,
            pvg_issued=pvg,
            pvg_decision=decision,
            references=references,
            training_hours=hours,
        )
        if plan == "left":
            # A week between stages, so she leaves after her last training session.
            last_day = _history(s, participant, PIPELINE_TO_MATCHED[:-1], start, 7)
            left_on = last_day + timedelta(days=5)
            participant.stage, participant.stage_on = Stage.LEFT, left_on
            participant.stage_reason = "Moved to a post in Fife"
            s.add(
                StageChange(
                    participant_id=participant.id,
                    stage=Stage.LEFT,
                    changed_on=left_on,
                    reason=participant.stage_reason,
                )
            )
            s.add(
                Task(
                    programme_id=programme.id,
                    person_id=person.id,
                    kind=TaskKind.NOTIFY_DISCLOSURE_SCOTLAND,
                    due_on=left_on + timedelta(days=91),
                    note=f"She stopped doing regulated work for the programme on "
                    f"{format_date(left_on)}.",
                )
            )
        else:
            pipeline = PIPELINE_TO_MATCHED[: PIPELINE_TO_MATCHED.index(stage) + 1]
            _history(s, participant, pipeline, start, 7)

    # Someone who is both: a mentor who is also being mentored towards her award.
    _eilidh_as_mentor, eilidh = mentors[7]
    second = Participant(
        programme=programme, role=Role.MENTEE, joined_on=today - timedelta(days=30)
    )
    eilidh.roles.append(second)
    s.flush()
    second.application_on = today - timedelta(days=26)
    _history(s, second, [Stage.ENQUIRY, Stage.APPLIED], today - timedelta(days=30), 4)
    s.flush()


#: The spread of pipeline stages in the large data set.
LARGE_STAGES = [
    Stage.MATCHED,
    Stage.MATCHED,
    Stage.READY,
    Stage.TRAINING,
    Stage.CHECKS,
    Stage.REFERENCES,
    Stage.INTERVIEW,
    Stage.APPLIED,
    Stage.ENQUIRY,
    Stage.ON_HOLD,
    Stage.WITHDRAWN,
    Stage.LEFT,
]


def _large_screening(s: Session, person_ids: Sequence[int], rng: random.Random) -> None:
    """Interviews, references, PVG records and training for the large set, in bulk."""

    participants = s.execute(
        select(Participant.id, Participant.person_id, Participant.role)
        .where(Participant.person_id.between(min(person_ids), max(person_ids)))
        .order_by(Participant.id)
    ).all()
    interviews, references, pvgs, training = [], [], [], []
    for n, (participant_id, person_id, role) in enumerate(participants):
        held = date(2024, 8, 20) + timedelta(days=n % 500)
        if n % 6:
            interviews.append(
                {
                    "participant_id": participant_id,
                    "held_on": held,
                    "interviewer": "Coordinator",
                    "qualities": [],
                    "outcome": InterviewOutcome.SUITABLE if n % 9 else InterviewOutcome.UNDECIDED,
                    "notes": "",
                    "version_id": 1,
                }
            )
        if role is not Role.MENTOR:
            continue
        for k in range(2 if n % 8 else 1):
            references.append(
                {
                    "person_id": person_id,
                    "referee": rng.choice(REFEREES)[0],
                    "relationship": "Former manager",
                    "contact": "",
                    "requested_on": held,
                    "received_on": held + timedelta(days=10 + k),
                    "satisfactory": True,
                    "note": "",
                    "version_id": 1,
                }
            )
        if n % 10:
            pvgs.append(
                {
                    "person_id": person_id,
                    "issued_on": date(2020, 1, 1) + timedelta(days=(n * 37) % 2400),
                    "disclosure_type": DisclosureType.SCHEME_RECORD,
                    "position": "Mentor",
                    "reference_number": f"{1000000000000000 + n}",
                    "decision": RecruitmentDecision.PROCEED,
                    "regulated_role": True,
                    "version_id": 1,
                }
            )
        training.append(
            {
                "person_id": person_id,
                "held_on": held + timedelta(days=30),
                "topic": "Introduction to mentoring",
                "hours": 3.0 if n % 11 else 1.5,
                "version_id": 1,
            }
        )
    for model, rows in (
        (Interview, interviews),
        (Reference, references),
        (PvgRecord, pvgs),
        (TrainingSession, training),
    ):
        if rows:
            s.execute(insert(model), rows)


def generate_large(s: Session, people: int = 2000, matches: int = 1000, seed: int = 7) -> int:
    """A network-sized programme for benchmarks: `people` people (a third of them mentors) and
    `matches` matches. Each part of the product adds its rows here (meetings, goals, ...)."""
    rng = random.Random(seed)
    programme = Programme(
        name="Citywide Early Years Mentoring",
        organisation="City Early Years Team",
        status=ProgrammeStatus.RUNNING,
        start_date=date(2024, 8, 1),
    )
    s.add(programme)
    s.flush()
    firsts = [m[0] for m in MENTORS] + [m[0] for m in MENTEES]
    lasts = [m[1] for m in MENTORS] + [m[1] for m in MENTEES]
    rows = []
    for i in range(people):
        first, last = rng.choice(firsts), rng.choice(lasts)
        rows.append(
            {
                "first_name": first,
                "last_name": f"{last}",
                "preferred_name": "",
                "email": f"person{i}@example.org.uk",
                "phone": "",
                "notes": "",
                "setting": rng.choice(SETTINGS),
                "job_role": rng.choice(MENTEE_ROLES),
                "version_id": 1,
            }
        )

    s.execute(insert(Person), rows)
    ids = s.scalars(select(Person.id).order_by(Person.id)).all()[-people:]
    s.execute(
        insert(Participant),
        [
            {
                "programme_id": programme.id,
                "person_id": pid,
                "role": Role.MENTOR if n % 3 == 0 else Role.MENTEE,
                "version_id": 1,
                "joined_on": date(2024, 8, 1) + timedelta(days=n % 500),
                "stage": LARGE_STAGES[n % len(LARGE_STAGES)],
                "stage_on": date(2024, 8, 1) + timedelta(days=n % 500 + 20),
                "stage_reason": "",
                "application_on": (date(2024, 8, 3) + timedelta(days=n % 500) if n % 7 else None),
                "code_signed_on": (date(2024, 9, 10) + timedelta(days=n % 500) if n % 5 else None),
                "induction_on": (date(2024, 9, 12) + timedelta(days=n % 500) if n % 4 else None),
            }
            for n, pid in enumerate(ids)
        ],
    )
    _large_screening(s, ids, rng)
    participants = s.execute(
        select(Participant.id, Participant.role)
        .where(Participant.programme_id == programme.id)
        .order_by(Participant.id)
    ).all()
    mentor_ids = [p for p, role in participants if role == Role.MENTOR]
    mentee_ids = [p for p, role in participants if role == Role.MENTEE]
    statuses = [MatchStatus.ACTIVE] * 6 + [MatchStatus.CLOSED] * 3 + [MatchStatus.PROPOSED]
    match_rows = []
    for n in range(min(matches, len(mentee_ids))):
        started = date(2024, 9, 1) + timedelta(days=n % 600)
        match_rows.append(
            {
                "programme_id": programme.id,
                "mentor_id": mentor_ids[n % len(mentor_ids)],
                "mentee_id": mentee_ids[n],
                "status": statuses[n % len(statuses)],
                "proposed_on": started - timedelta(days=14),
                "started_on": started,
                "planned_end_on": started + timedelta(days=365),
                "end_reason": "",
                "version_id": 1,
            }
        )
    s.execute(insert(Match), match_rows)
    _large_goals(s, programme.id, goals_per_match=8, rng=rng)
    _large_meetings(s, programme.id)
    return programme.id


def _large_goals(s: Session, programme_id: int, goals_per_match: int, rng: random.Random) -> None:
    """`goals_per_match` goals for every match (8,000 for the default 1,000 matches), each with
    its first status, two actions and two ratings, inserted in bulk."""

    match_rows = s.execute(
        select(Match.id, Match.started_on)
        .where(Match.programme_id == programme_id)
        .order_by(Match.id)
    ).all()
    statuses = [GoalStatus.IN_PROGRESS] * 5 + [GoalStatus.ACHIEVED] * 2 + [GoalStatus.NOT_STARTED]
    goal_rows = []
    for match_id, started in match_rows:
        for g in range(goals_per_match):
            template = DEMO_GOALS[(match_id + g) % len(DEMO_GOALS)]
            start = (started or date(2024, 9, 1)) + timedelta(days=7 + g * 7)
            goal_rows.append(
                {
                    "match_id": match_id,
                    "title": template[0],
                    "why": template[1],
                    "term": template[2],
                    "baseline_rating": template[3],
                    "baseline_note": template[4],
                    "target": template[5],
                    "target_rating": template[6],
                    "success_criteria": template[7],
                    "start_on": start,
                    "target_on": start + timedelta(days=120),
                    "status": statuses[(match_id + g) % len(statuses)],
                    "version_id": 1,
                }
            )
    s.execute(insert(Goal), goal_rows)
    goals = s.execute(
        select(Goal.id, Goal.start_on, Goal.baseline_rating, Goal.status)
        .join(Match, Match.id == Goal.match_id)
        .where(Match.programme_id == programme_id)
        .order_by(Goal.id)
    ).all()
    changes, actions, ratings = [], [], []
    for goal_id, goal_start, baseline, status in goals:
        assert goal_start is not None  # every goal in the large set has a goal_start date
        changes.append(
            {
                "goal_id": goal_id,
                "changed_on": goal_start,
                "from_status": None,
                "to_status": GoalStatus.NOT_STARTED,
                "reason": "",
            }
        )
        if status is not GoalStatus.NOT_STARTED:
            changes.append(
                {
                    "goal_id": goal_id,
                    "changed_on": goal_start + timedelta(days=10),
                    "from_status": GoalStatus.NOT_STARTED,
                    "to_status": status,
                    "reason": "",
                }
            )
        for position in range(2):
            due = goal_start + timedelta(days=21 * (position + 1))
            actions.append(
                {
                    "goal_id": goal_id,
                    "description": f"Step {position + 1} of the plan",
                    "timescale": "Three weeks",
                    "milestone": "",
                    "success_criteria": "",
                    "who": "Mentee",
                    "agreed_on": goal_start,
                    "due_on": due,
                    "done_on": due if rng.random() < 0.7 else None,
                    "position": position,
                    "version_id": 1,
                }
            )
            ratings.append(
                {
                    "goal_id": goal_id,
                    "rated_on": goal_start + timedelta(days=35 * (position + 1)),
                    "rating": min(10, (baseline or 3) + position + rng.randint(0, 2)),
                    "note": "",
                    "recorded_at": RecordedAt.MEETING,
                }
            )
    s.execute(insert(GoalStatusChange), changes)
    s.execute(insert(GoalAction), actions)
    s.execute(insert(ProgressRating), ratings)


# ----------------------------------------------------------------------- meetings and support

DEMO_ACTIONS = [
    "Read the SSSC codes of practice and note two questions",
    "Observe a snack-time routine in the toddler room",
    "Draft a plan for the next floor-book topic",
    "Visit the forest kindergarten at Wee Acorns",
    "Bring an example of a learning story to discuss",
    "Try a new transition song with the pre-school group",
    "Ask the manager about release time for study",
    "Write a short reflection on the parents' evening",
    "Look up the Realising the Ambition chapter on play",
    "Share a schema-spotting checklist",
    "Book a place on the child protection refresher",
    "Plan the next unit of the Childhood Practice award",
]

DEMO_PRIVATE_NOTES = [
    "Mentee seemed tired; mentioned a lot of cover shifts this month.",
    "Mentor asked to move to fortnightly telephone calls over the summer.",
]


def _demo_stage(months_in: int, months_total: int, ending: bool) -> RelationshipStage:
    if ending and months_in >= months_total - 1:
        return RelationshipStage.ENDING
    if months_in < 2:
        return RelationshipStage.BEGINNING
    if months_in < 4:
        return RelationshipStage.CHALLENGING
    return RelationshipStage.PROGRESSION


def _demo_meetings(s: Session, programme: Programme, today: date) -> None:
    """About a year of meeting logs, support contacts and two concerns for the demo's matches
    that have started, entered through the same services the window uses."""

    from app.model.meeting import ActionOwner, ActionStatus, MeetingMode
    from app.model.support import ContactParty, RaisedBy, RelationshipQuality
    from app.services import meetings, support
    from app.services.meetings import ActionReview, MeetingDetails, NewAction
    from app.services.schedule import support_contact_schedule, whole_months_between
    from app.services.support import ConcernDetails, ContactDetails

    rng = random.Random(6)
    modes = [MeetingMode.FACE_TO_FACE] * 5 + [MeetingMode.TELEPHONE] * 2 + [MeetingMode.VIDEO]
    started = s.scalars(
        select(Match)
        .where(Match.programme_id == programme.id, Match.started_on.is_not(None))
        .order_by(Match.id)
    ).all()
    for n, match in enumerate(started):
        assert match.started_on is not None
        end = meetings_until(
            match.started_on, match.ended_on, today, paused=match.status is MatchStatus.PAUSED
        )
        total_months = max(1, whole_months_between(match.started_on, end))
        # One meeting a month, on a day that suits; one pair skips a summer month.
        dates = monthly_meeting_dates(match.started_on, end, rng, skip_month=5 if n == 3 else None)
        place = SETTINGS[n % len(SETTINGS)]
        for i, held in enumerate(dates):
            mode = rng.choice(modes)
            if i and rng.random() < 0.12:
                mode = MeetingMode.MESSAGE
            reviews = tuple(
                ActionReview(
                    **{
                        **r.__dict__,
                        "outcome": rng.choices(
                            [ActionStatus.DONE, ActionStatus.CARRIED_FORWARD, ActionStatus.DROPPED],
                            [7, 2, 1],
                        )[0],
                    }
                )
                for r in meetings.open_action_points(s, match.id)
            )
            last = i == len(dates) - 1
            recent = (today - held).days < 10
            signed = None if (last and recent) else held
            copy_on = copy_to_mentor_date(held, rng.choice([1, 2, 3, 5, 6, 9]), today)
            actions = (
                ()
                if mode is MeetingMode.MESSAGE
                else tuple(
                    NewAction(
                        text,
                        rng.choice(list(ActionOwner)),
                        held + timedelta(days=rng.choice([14, 21, 28])),
                    )
                    for text in rng.sample(DEMO_ACTIONS, rng.randint(1, 3))
                )
            )
            details = MeetingDetails(
                held_on=held,
                mode=mode,
                duration_minutes=None
                if mode is MeetingMode.MESSAGE
                else rng.choice([45, 55, 60, 75, 90, 90, 105, 120, 135]),
                place={
                    MeetingMode.FACE_TO_FACE: place,
                }.get(mode, ""),
                attended="Mentor and mentee",
                stage=_demo_stage(
                    whole_months_between(match.started_on, held),
                    total_months,
                    match.status in (MatchStatus.ENDING, MatchStatus.CLOSED),
                ),
                next_meeting_on=next_meeting_date(
                    held, None if last else dates[i + 1], ended=match.ended_on is not None
                ),
                mentee_signed_on=signed,
                mentor_signed_on=signed,
                copy_to_mentor_on=None if last and recent else copy_on,
                reviews=reviews,
                actions=actions,
                private_note=DEMO_PRIVATE_NOTES[n % 2] if i == 2 and n < 4 else "",
            )
            meetings.record_meeting(s, match.id, details, today)

        # The coordinator's check-ins, mostly on time; recent ones missed for two matches.
        schedule = support_contact_schedule(
            programme.support_contact_rule,
            match.started_on,
            min(end, today),
            custom_contacts_first_month=programme.custom_contacts_first_month,
            custom_interval_weeks=programme.custom_contact_interval_weeks,
        )
        parties = [ContactParty.MENTOR, ContactParty.MENTEE]
        if n == 0:
            parties.append(ContactParty.THIRD_PARTY)
        for party in parties:
            for k, due in enumerate(schedule):
                contact_on = support_contact_date(
                    due.due_on, rng.randint(-4, 3), match.started_on, match.ended_on, today
                )
                if contact_on is None or (n in (1, 5) and (today - due.due_on).days < 40):
                    continue
                if rng.random() < 0.08 and (today - due.due_on).days > 60:
                    continue  # the odd one missed, long ago
                support.record_support_contact(
                    s,
                    match.id,
                    ContactDetails(
                        party=party,
                        third_party_name="Mentee's room leader"
                        if party is ContactParty.THIRD_PARTY
                        else "",
                        held_on=contact_on,
                        mode=rng.choice([MeetingMode.TELEPHONE, MeetingMode.FACE_TO_FACE]),
                        depth=due.depth,
                        activities="Meeting monthly; working through the action plan."
                        if k
                        else "First meetings arranged; agreement signed.",
                        progress="Steady progress on the award units.",
                        quality=rng.choice(
                            [RelationshipQuality.STRONG, RelationshipQuality.GOOD]
                            + [RelationshipQuality.MIXED] * (n == 8)
                        ),
                        to_act_on="",
                    ),
                    today,
                )

    by_status = {m.status: m for m in reversed(started)}
    active = started[2]
    assert active.started_on is not None
    raised = min(active.started_on + timedelta(days=70), today)
    support.raise_concern(
        s,
        active.id,
        ConcernDetails(
            RaisedBy.MENTEE,
            raised,
            "Two meetings cancelled at short notice by the mentor.",
            "Spoke to both; agreed a fixed slot on Tuesday afternoons with cover arranged.",
            min(raised + timedelta(days=12), today),
        ),
        today,
    )
    paused = by_status.get(MatchStatus.PAUSED)
    if paused is not None:
        support.raise_concern(
            s,
            paused.id,
            ConcernDetails(
                RaisedBy.MENTOR,
                today - timedelta(days=20),
                "Mentee is finding it hard to get release time from the room; meetings paused.",
                "Meeting with the mentee's manager booked.",
            ),
            today,
        )
    s.flush()


def _large_meetings(s: Session, programme_id: int, per_match: int = 40, seed: int = 11) -> None:
    """`per_match` meeting logs for every match of the large programme, in bulk."""

    from app.model import MeetingLog
    from app.model.meeting import MeetingMode, RelationshipStage

    rng = random.Random(seed)
    last_day = date(2026, 11, 1)
    modes = list(MeetingMode)
    stages = list(RelationshipStage)
    rows = []
    for match_id, started in s.execute(
        select(Match.id, Match.started_on).where(Match.programme_id == programme_id)
    ):
        start = started or date(2025, 1, 1)
        step = max(1, (last_day - start).days // per_match)
        for k in range(per_match):
            held = start + timedelta(days=k * step)
            rows.append(
                {
                    "match_id": match_id,
                    "held_on": held,
                    "mode": rng.choice(modes),
                    "duration_minutes": rng.choice([45, 60, 75, 90, 120]),
                    "place": rng.choice(SETTINGS),
                    "attended": "Mentor and mentee",
                    "stage": stages[min(3, k * 4 // per_match)],
                    "next_meeting_on": held + timedelta(days=step),
                    "mentee_signed_on": held if k % 7 else None,
                    "mentor_signed_on": held if k % 9 else None,
                    "copy_to_mentor_on": held + timedelta(days=3) if k % 5 else None,
                    "version_id": 1,
                }
            )
    for first in range(0, len(rows), 5000):
        s.execute(insert(MeetingLog), rows[first : first + 5000])
