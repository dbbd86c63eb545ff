"""A small crafted programme for the report tests: every record is here so each figure can be
worked out by hand (the working is in the comments beside the records)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.model import (
    EndingKind,
    Goal,
    GoalStatus,
    Match,
    MatchClosure,
    MatchStatus,
    MeetingLog,
    Participant,
    Person,
    Programme,
    ProgrammeStatus,
    ProgressRating,
    Review,
    ReviewDecision,
    Role,
    SupportContact,
    TrainingSession,
)
from app.model.ending import EarlyBy
from app.model.meeting import MeetingMode
from app.model.person import Stage
from app.model.support import ContactParty

START, END = date(2026, 1, 1), date(2026, 6, 30)
#: The day the figures are made on: after the period, so every contact due in it has passed.
AS_AT = date(2026, 7, 15)


def add_person(
    s: Session,
    programme: Programme,
    name: str,
    role: Role,
    stage: Stage,
    joined: date | None,
    *,
    removed: date | None = None,
    training: tuple[float, ...] = (),
) -> Participant:
    person = Person(first_name=name, last_name="Test", removed_on=removed)
    s.add(person)
    s.flush()
    for n, hours in enumerate(training):
        s.add(
            TrainingSession(
                person_id=person.id, held_on=date(2025, 11, 1 + n), topic="Induction", hours=hours
            )
        )
    participant = Participant(
        programme_id=programme.id, person_id=person.id, role=role, stage=stage, joined_on=joined
    )
    s.add(participant)
    s.flush()
    return participant


def add_match(
    s: Session,
    programme: Programme,
    mentor: Participant,
    mentee: Participant,
    status: MatchStatus,
    started: date | None,
    ended: date | None = None,
    kind: EndingKind | None = None,
    proposed: date | None = None,
) -> Match:
    match = Match(
        programme_id=programme.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        status=status,
        proposed_on=proposed,
        started_on=started,
        ended_on=ended,
        ending_kind=kind,
    )
    s.add(match)
    s.flush()
    return match


def add_meeting(
    s: Session,
    match: Match,
    on: date,
    minutes: int | None,
    mode: MeetingMode = MeetingMode.FACE_TO_FACE,
    removed: date | None = None,
) -> None:
    s.add(
        MeetingLog(
            match_id=match.id, held_on=on, mode=mode, duration_minutes=minutes, removed_on=removed
        )
    )


def add_contact(
    s: Session,
    match: Match,
    party: ContactParty,
    on: date,
    removed: date | None = None,
    name: str = "",
) -> None:
    s.add(
        SupportContact(
            match_id=match.id, party=party, held_on=on, removed_on=removed, third_party_name=name
        )
    )


def add_goal(
    s: Session,
    match: Match,
    status: GoalStatus,
    baseline: int | None,
    *ratings: tuple[date, int],
) -> None:
    goal = Goal(match_id=match.id, title="A goal", status=status, baseline_rating=baseline)
    s.add(goal)
    s.flush()
    for on, rating in ratings:
        s.add(ProgressRating(goal_id=goal.id, rated_on=on, rating=rating))


def build(s: Session) -> int:
    """The crafted programme; returns its id."""
    p = Programme(
        name="Crafted",
        organisation="Test Nursery",
        status=ProgrammeStatus.RUNNING,
        min_training_hours=2,
        review_interval_months=3,
    )
    s.add(p)
    s.flush()
    mentor, mentee = Role.MENTOR, Role.MENTEE
    # Mentors: two trained (3 h; 1 h + 1 h), one not (no training), one gone (left: not counted).
    ann = add_person(s, p, "Ann", mentor, Stage.MATCHED, date(2025, 12, 1), training=(3,))
    bea = add_person(s, p, "Bea", mentor, Stage.MATCHED, date(2026, 2, 10), training=(1, 1))
    add_person(s, p, "Cal", mentor, Stage.CHECKS, date(2026, 7, 1))
    dee = add_person(s, p, "Dee", mentor, Stage.LEFT, date(2025, 6, 1), training=(5,))
    # Mentees
    eve = add_person(s, p, "Eve", mentee, Stage.MATCHED, date(2025, 12, 1))
    fay = add_person(s, p, "Fay", mentee, Stage.LEFT, date(2026, 1, 15))
    add_person(s, p, "Gus", mentee, Stage.READY, date(2026, 3, 1))  # waits 136 days
    hal = add_person(s, p, "Hal", mentee, Stage.ON_HOLD, None)  # waits from 20/05: 56 days
    add_person(s, p, "Ivy", mentee, Stage.ENQUIRY, None)  # waits, for how long is not known
    jo = add_person(s, p, "Jo", mentee, Stage.WITHDRAWN, date(2026, 2, 1))
    kim = add_person(s, p, "Kim", mentee, Stage.MATCHED, date(2026, 4, 1))
    lou = add_person(s, p, "Lou", mentee, Stage.MATCHED, date(2026, 5, 1))
    # Removed from the records: counted nowhere.
    add_person(s, p, "Max", mentee, Stage.READY, date(2026, 3, 1), removed=date(2026, 4, 1))

    a = add_match(s, p, ann, eve, MatchStatus.ACTIVE, date(2026, 1, 5), proposed=date(2025, 12, 20))
    b = add_match(
        s, p, bea, fay, MatchStatus.CLOSED, date(2026, 2, 15), date(2026, 6, 15), EndingKind.PLANNED
    )  # 120 days
    c = add_match(
        s, p, ann, hal, MatchStatus.CLOSED, date(2026, 3, 1), date(2026, 5, 20), EndingKind.EARLY
    )  # 80 days
    s.add(MatchClosure(match_id=c.id, started_on=date(2026, 5, 1), early_by=EarlyBy.MENTEE))
    add_match(s, p, bea, kim, MatchStatus.PROPOSED, None, proposed=date(2026, 6, 20))
    e = add_match(s, p, bea, jo, MatchStatus.CLOSED, date(2025, 10, 1))  # closed, no end date
    f = add_match(
        s, p, dee, eve, MatchStatus.CLOSED, date(2025, 6, 1), date(2025, 11, 30), EndingKind.PLANNED
    )  # ended before the period
    h = add_match(s, p, bea, lou, MatchStatus.PAUSED, date(2026, 5, 10))  # never reviewed

    # Meetings: A 60 (Jan), 90 (Feb), unknown length (Mar), a message (not a meeting), 45 (Apr),
    # one in July (after the period); B 60 (Mar) and a removed one; C a group session of 120.
    add_meeting(s, a, date(2026, 1, 20), 60)
    add_meeting(s, a, date(2026, 2, 18), 90)
    add_meeting(s, a, date(2026, 3, 17), None, MeetingMode.TELEPHONE)
    add_meeting(s, a, date(2026, 3, 25), 10, MeetingMode.MESSAGE)
    add_meeting(s, a, date(2026, 4, 14), 45, MeetingMode.VIDEO)
    add_meeting(s, a, date(2026, 7, 10), 60)
    add_meeting(s, b, date(2026, 3, 1), 60)
    add_meeting(s, b, date(2026, 4, 1), 60, removed=date(2026, 4, 2))
    add_meeting(s, c, date(2026, 3, 20), 120, MeetingMode.GROUP)
    add_meeting(s, e, date(2025, 12, 1), 60)  # before the period

    # Support contacts (twice in the first month, then monthly):
    # A from 05/01 is due 20/01, 05/02, 05/03, 05/04, 05/05, 05/06 with each party.
    #   Mentor 19/01, 06/02, 10/03, 06/05: 4 of 6. Mentee 21/01, 01/03: 2 of 6 (a removed
    #   contact on 06/04 does not count).
    for on in (date(2026, 1, 19), date(2026, 2, 6), date(2026, 3, 10), date(2026, 5, 6)):
        add_contact(s, a, ContactParty.MENTOR, on)
    for on in (date(2026, 1, 21), date(2026, 3, 1)):
        add_contact(s, a, ContactParty.MENTEE, on)
    add_contact(s, a, ContactParty.MENTEE, date(2026, 4, 6), removed=date(2026, 4, 7))
    # B from 15/02 to its end on 15/06 is due 01/03, 15/03, 15/04, 15/05, 15/06: none with
    #   mentor or mentee; the line manager once on 02/03, so a third party is due too: 1 of 15.
    add_contact(s, b, ContactParty.THIRD_PARTY, date(2026, 3, 2), name="Line manager")
    # C from 01/03 to 20/05 is due 16/03, 01/04, 01/05. Mentor 16/03, 02/04: 2 of 3. Mentee
    #   02/05 (counts for 01/05 only): 1 of 3.
    for on in (date(2026, 3, 16), date(2026, 4, 2)):
        add_contact(s, c, ContactParty.MENTOR, on)
    add_contact(s, c, ContactParty.MENTEE, date(2026, 5, 2))

    # Goals of the matches running in the period (A, B, C, E, H; not F):
    add_goal(
        s,
        a,
        GoalStatus.IN_PROGRESS,
        3,
        (date(2026, 3, 1), 5),
        (date(2026, 6, 1), 6),
        (date(2026, 7, 5), 9),
    )  # 3 -> 6 (the July rating is after the period)
    add_goal(s, a, GoalStatus.ACHIEVED, 4, (date(2026, 2, 1), 8))  # 4 -> 8
    add_goal(s, a, GoalStatus.NOT_STARTED, None)  # no baseline
    add_goal(s, b, GoalStatus.ACHIEVED, 5, (date(2026, 4, 1), 5))  # 5 -> 5
    add_goal(s, c, GoalStatus.DROPPED, 6, (date(2026, 4, 10), 4))  # 6 -> 4
    add_goal(s, c, GoalStatus.IN_PROGRESS, 2)  # no rating yet
    add_goal(s, f, GoalStatus.ACHIEVED, 1, (date(2025, 10, 1), 10))  # not in the period

    # Reviews: A on 01/04 (next on 01/07: overdue on 15/07), B on 15/05, F long before.
    review = {"decision": ReviewDecision.CONTINUE}
    s.add(
        Review(match_id=a.id, held_on=date(2026, 4, 1), next_review_on=date(2026, 7, 1), **review)
    )
    s.add(Review(match_id=b.id, held_on=date(2026, 5, 15), **review))
    s.add(Review(match_id=f.id, held_on=date(2025, 9, 1), **review))
    del h
    s.flush()
    return p.id
