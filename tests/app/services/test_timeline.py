"""The relationship timeline: entries from every source in date order, totals and warnings,
checked against a real mentor log (Tool N of the guidance: January to June 2010)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Match, MatchStatus, Participant, Person, Programme
from app.model.meeting import MeetingMode
from app.model.person import Role
from app.model.support import ContactParty, RaisedBy
from app.services import meetings, support, timeline
from app.services.meetings import MeetingDetails
from app.services.support import ConcernDetails, ContactDetails
from app.storage import Database

SEED = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "002_bdaf597c501ef05a.txt"

#: Tool N as transcribed by hand: date, mode and minutes of each contact (an e-mail has none).
TOOL_N = [
    (date(2010, 1, 25), MeetingMode.MESSAGE, None),
    (date(2010, 2, 9), MeetingMode.TELEPHONE, 30),
    (date(2010, 3, 2), MeetingMode.FACE_TO_FACE, 180),
    (date(2010, 3, 26), MeetingMode.TELEPHONE, 60),
    (date(2010, 4, 30), MeetingMode.TELEPHONE, 60),
    (date(2010, 6, 1), MeetingMode.FACE_TO_FACE, 120),
]

_ENTRY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2})\b(.*)$")


def read_tool_n(text: str) -> list[tuple[date, MeetingMode, int | None]]:
    """The contacts in the Tool N mentor log: each paragraph that opens with a date."""
    section = text[text.index("TOOL N:") : text.index("TOOL O:")]
    entries = []
    for line in section.splitlines():
        found = _ENTRY.match(line.strip())
        if not found:
            continue
        day, month, year, rest = found.groups()
        lower = rest.lower()
        positions = {
            MeetingMode.MESSAGE: lower.find("email"),
            MeetingMode.TELEPHONE: lower.find("telephone"),
            MeetingMode.FACE_TO_FACE: min(
                (i for i in (lower.find("face-to-"), lower.find("face to face")) if i >= 0),
                default=-1,
            ),
        }
        mode = min((i, m) for m, i in positions.items() if i >= 0)[1]
        minutes = None
        if m := re.search(r"(\d+)\s*mins", lower):
            minutes = int(m.group(1))
        elif m := re.search(r"(\d+)\s*hrs?\b", lower):
            minutes = int(m.group(1)) * 60
        entries.append((date(2000 + int(year), int(month), int(day)), mode, minutes))
    return entries


def tool_n_contacts() -> list[tuple[date, MeetingMode, int | None]]:
    if SEED.exists():
        return read_tool_n(SEED.read_text(encoding="utf-8"))
    return TOOL_N


@pytest.mark.skipif(not SEED.exists(), reason="the guidance seed file is not beside the repository")
def test_the_seed_file_reads_as_the_hand_transcription() -> None:
    assert read_tool_n(SEED.read_text(encoding="utf-8")) == TOOL_N


def _pair(s: Session, started: date, status: MatchStatus = MatchStatus.ACTIVE) -> int:
    programme = Programme(name="CCUO pilot", organisation="CCUO", start_date=date(2010, 1, 1))
    s.add(programme)
    s.flush()
    ids: list[int] = []
    for first, role in (("Mentor", Role.MENTOR), ("Mentee", Role.MENTEE)):
        person = Person(first_name=first, last_name="Pilot")
        participant = Participant(programme=programme, role=role)
        person.roles.append(participant)
        s.add(person)
        s.flush()
        ids.append(participant.id)
    match = Match(
        programme_id=programme.id,
        mentor_id=ids[0],
        mentee_id=ids[1],
        status=status,
        proposed_on=started,
        started_on=started,
    )
    s.add(match)
    s.flush()
    return match.id


def test_tool_n_mentor_log_totals(db: Database) -> None:
    today = date(2010, 7, 1)
    with db.session() as s:
        match_id = _pair(s, date(2010, 1, 25))
        for held_on, mode, minutes in tool_n_contacts():
            meetings.record_meeting(
                s,
                match_id,
                MeetingDetails(held_on=held_on, mode=mode, duration_minutes=minutes),
                today,
            )
    with db.session() as s:
        tl = timeline.match_timeline(s, match_id, today)
    totals = tl.totals
    assert totals.contacts == 6  # every contact, the opening e-mail included
    assert totals.meetings == 5  # telephone and face to face
    assert totals.minutes == 450 and totals.hours == 7.5
    assert totals.months_active == 5  # 25/01 to 01/07
    assert totals.days_since_last_contact == 30  # since 01/06
    frequency = [w for w in tl.warnings if "Fewer meetings" in w]
    assert frequency == [
        "Fewer meetings than agreed in May 2010: the programme asks for at least 1 meeting a month."
    ]
    dates = [e.on for e in tl.entries]
    assert dates == sorted(dates)
    assert [e.kind for e in tl.entries][:3] == ["match", "match", "message"]


def test_entries_from_every_source_with_open_concerns_and_overdue_contacts(db: Database) -> None:
    today = date(2026, 4, 15)
    with db.session() as s:
        match_id = _pair(s, date(2026, 1, 5))
        s.get_one(Match, match_id).programme.min_meetings_per_month = 2
        for on in (date(2026, 1, 20), date(2026, 2, 3), date(2026, 2, 17), date(2026, 3, 3)):
            meetings.record_meeting(
                s, match_id, MeetingDetails(held_on=on, duration_minutes=60), today
            )
        support.record_support_contact(
            s, match_id, ContactDetails(ContactParty.MENTOR, date(2026, 4, 10)), today
        )
        support.raise_concern(
            s,
            match_id,
            ConcernDetails(RaisedBy.MENTOR, date(2026, 3, 20), "Missed sessions"),
            today,
        )
        tl = timeline.match_timeline(s, match_id, today)
    kinds = [e.kind for e in tl.entries]
    assert kinds == [
        "match",
        "match",
        "meeting",
        "meeting",
        "meeting",
        "meeting",
        "concern-raised",
        "support-contact",
    ]
    assert tl.totals.open_concerns == 1 and tl.totals.support_contacts == 1
    assert any("March 2026" in w and "at least 2 meetings a month" in w for w in tl.warnings)
    assert not any("February" in w for w in tl.warnings)  # two meetings in February
    assert "1 concern is open." in tl.warnings
    assert any(w.startswith("Check-in with Mentee Pilot overdue since") for w in tl.warnings)
    assert any("copies of 4 meeting logs" in w for w in tl.warnings)


def test_a_paused_match_is_not_warned_for_months_after_its_last_meeting(db: Database) -> None:
    today = date(2026, 9, 1)
    with db.session() as s:
        match_id = _pair(s, date(2026, 1, 5), MatchStatus.PAUSED)
        for on in (date(2026, 2, 3), date(2026, 3, 3)):
            meetings.record_meeting(
                s, match_id, MeetingDetails(held_on=on, duration_minutes=60), today
            )
        tl = timeline.match_timeline(s, match_id, today)
    assert not [w for w in tl.warnings if "Fewer meetings" in w]


def test_another_source_can_add_entries(db: Database) -> None:
    """How the reviews feature will plug in: one more source in the mapping."""
    today = date(2026, 4, 15)

    def reviews(s: Session, match: Match, today: date) -> Iterator[timeline.TimelineEntry]:
        yield timeline.TimelineEntry(date(2026, 4, 5), "review", "reviews", 1, "Three-month review")

    with db.session() as s:
        match_id = _pair(s, date(2026, 1, 5))
        tl = timeline.match_timeline(
            s, match_id, today, sources={**timeline.default_sources(), "reviews": reviews}
        )
        assert tl.entries[-1].title == "Three-month review"
        assert s.scalar(select(Match.id)) == match_id
