"""The demo programme (a nursery network) and the large data set the benchmarks use.

Each part of the product adds its records here as it arrives, so the demo always shows every
feature with realistic data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.model import (
    Agreement,
    EndingKind,
    Introduction,
    IntroductionOutcome,
    Match,
    MatchStatus,
    MatchStatusChange,
    Participant,
    Person,
    Programme,
    RiskAssessment,
    Role,
    WaitingPriority,
)
from app.model.programme import MentoringType, ProgrammeModel, ProgrammeStatus
from app.services.matching import DEFAULT_MENTEE_ROLE, DEFAULT_MENTOR_ROLE

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


def create_demo(s: Session, today: date | None = None) -> int:
    """Fill an empty database with the demo programmes; return the main programme's id."""
    today = today or date.today()
    main = Programme(
        name="Growing Together Mentoring Programme",
        organisation="Riverside Early Years Network",
        description=(
            "Experienced practitioners across the network mentor newly qualified staff and "
            "those working towards the Childhood Practice award."
        ),
        coordinator="Seonag Morrison",
        programme_model=ProgrammeModel.SHARED_PARTNERSHIP,
        partner_organisations="Wee Acorns Nursery; Sunflower Family Centre; Rainbow Childminding",
        mentoring_type=MentoringType.ONE_TO_ONE,
        status=ProgrammeStatus.RUNNING,
        start_date=today.replace(day=1) - timedelta(days=330),
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
        person.roles.append(
            Participant(programme=main, role=Role.MENTOR, joined_on=main.start_date)
        )
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
        joined = (main.start_date or today) + timedelta(days=rng.randint(0, 300))
        person.roles.append(Participant(programme=main, role=Role.MENTEE, joined_on=joined))
        s.add(person)
    s.flush()
    _demo_matches(s, main, today)
    _demo_matching(s, main, today)
    return main.id


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
    from sqlalchemy import select

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
        proposed = today - timedelta(days=days_ago)
        started = (
            proposed + timedelta(days=14)
            if status not in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED)
            else None
        )
        match = Match(
            programme_id=programme.id,
            mentor_id=mentors[mentor_i].id,
            mentee_id=mentees[mentee_i].id,
            status=status,
            proposed_on=proposed,
            started_on=started,
            planned_end_on=(started + timedelta(days=365)) if started else None,
        )
        if status is MatchStatus.CLOSED:
            match.ended_on = proposed + timedelta(days=200 if mentee_i == 10 else 60)
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


def _demo_matching(s: Session, programme: Programme, today: date) -> None:
    """The matching records behind the demo's matches: each status change with who made it,
    risk assessments, introductions and agreements consistent with each match's state; one
    earlier introduction that was not a good fit; and a waiting mentee marked as a priority."""
    from dateutil.relativedelta import relativedelta
    from sqlalchemy import select

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
    mentors = list(
        s.scalars(
            select(Participant)
            .where(Participant.programme_id == programme.id, Participant.role == Role.MENTOR)
            .order_by(Participant.id)
        )
    )

    def change(match: Match, old: MatchStatus | None, new: MatchStatus, on: date, note=""):  # type: ignore[no-untyped-def]
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

    def risk(match: Match, n: int) -> None:
        risks, actions = DEMO_RISKS[n % len(DEMO_RISKS)]
        s.add(
            RiskAssessment(
                match_id=match.id,
                assessed_on=match.proposed_on + timedelta(days=3),
                assessed_by=COORDINATOR,
                risks=risks,
                actions=actions,
            )
        )

    def introduction(match: Match, outcome: IntroductionOutcome, notes: str) -> date:
        held = match.proposed_on + timedelta(days=7)
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
            change(
                match,
                MatchStatus.ACTIVE,
                MatchStatus.CLOSED,
                match.ended_on or today,
                match.end_reason,
            )

    # An earlier introduction that did not work out: these two are never proposed again.
    proposed = today - timedelta(days=100)
    tried = Match(
        programme_id=programme.id,
        mentor_id=mentors[11].id,
        mentee_id=mentees[15].id,
        status=MatchStatus.CLOSED,
        proposed_on=proposed,
        ended_on=proposed + timedelta(days=7),
        ending_kind=EndingKind.NOT_A_GOOD_FIT,
        end_reason="Not a good fit at the introduction meeting.",
    )
    s.add(tried)
    s.flush()
    change(tried, None, MatchStatus.PROPOSED, proposed)
    risk(tried, 0)
    held = introduction(
        tried,
        IntroductionOutcome.NOT_A_GOOD_FIT,
        "They had worked together before and both would rather start afresh with someone new.",
    )
    change(tried, MatchStatus.PROPOSED, MatchStatus.CLOSED, held, "Not a good fit at introduction.")
    s.add(
        WaitingPriority(
            participant_id=mentees[14].id,
            note="Newly qualified and leading a room on her own from January.",
            set_on=today - timedelta(days=6),
        )
    )
    s.flush()


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
    from sqlalchemy import insert, select

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
            }
            for n, pid in enumerate(ids)
        ],
    )
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
    return programme.id
