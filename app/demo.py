"""The demo programme (a nursery network) and the large data set the benchmarks use.

Each part of the product adds its records here as it arrives, so the demo always shows every
feature with realistic data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.model import Match, MatchStatus, Participant, Person, Programme, Role
from app.model.programme import MentoringType, ProgrammeModel, ProgrammeStatus

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
    _demo_framework(s, main, peer, today)
    return main.id


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
    policy.approve(s, main.id, start - timedelta(days=30), "Riverside Early Years Network owners")
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
