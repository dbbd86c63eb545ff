"""The demo programme (a nursery network) and the large data set the benchmarks use.

Each part of the product adds its records here as it arrives, so the demo always shows every
feature with realistic data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.model import (
    Interview,
    Match,
    MatchStatus,
    Participant,
    Person,
    Programme,
    PvgRecord,
    Reference,
    Role,
    StageChange,
    Task,
    TrainingSession,
)
from app.model.person import ConsentBasis, Stage
from app.model.programme import MentoringType, ProgrammeModel, ProgrammeStatus
from app.model.screening import (
    MENTEE_QUALITIES,
    MENTOR_QUALITIES,
    DisclosureType,
    InterviewOutcome,
    RecruitmentDecision,
    TaskKind,
)

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
    _demo_people(s, main, today, rng)
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
    from sqlalchemy import select

    people = {
        (p.role, p.id): (p, s.get(Person, p.person_id))
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
        start = matched_on - timedelta(days=70)
        participant.joined_on = start
        person.consent_on = start
        pvg_issued = (
            today - timedelta(days=5 * 365 - 40) if n == 3 else start - timedelta(days=200 + n * 30)
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
            start = matched_on - timedelta(days=60)
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
            StageChange.__table__.update()
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
            pvg = today - timedelta(days=5 * 365 - 60)
        elif plan == "one_reference":
            steps -= {"training", "code"}
            references, pvg = 1, None
        elif plan == "pvg_pending":
            steps -= {"training", "code"}
            pvg, decision = today - timedelta(days=10), RecruitmentDecision.PENDING
        elif plan == "pvg_expired":
            steps -= {"training"}
            pvg = today.replace(day=1) - timedelta(days=5 * 366)
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
            last_day = _history(s, participant, PIPELINE_TO_MATCHED[:-1], start, 6)
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
                    f"{left_on:%d/%m/%Y}.",
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


def _large_screening(s: Session, person_ids: list[int], rng: random.Random) -> None:
    """Interviews, references, PVG records and training for the large set, in bulk."""
    from sqlalchemy import insert, select

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
    return programme.id
