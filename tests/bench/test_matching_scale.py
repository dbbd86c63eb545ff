"""Matching at network scale: suggestions for 500 waiting mentees and 500 mentors, and the
board opening on a programme with 1,000 active matches.

Run with: ./run-tests.sh -m bench -s tests/bench/test_matching_scale.py
Each figure is a median of several runs (the machines are shared and noisy).
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.paths import DataPaths
from app.services.fit import Candidate, SettingPreference, parse_availability, suggest_pairs
from app.storage import open_database

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
WEIGHTS = {"availability": 3, "locality": 2, "interests": 2, "preferences": 2, "experience": 1}
AVAILABILITY = [
    "Tuesday and Thursday afternoons",
    "Monday evenings",
    "Wednesday mornings",
    "Friday lunchtimes",
    "Any weekday after work",
    "Mon am, Wed pm",
]
INTERESTS = [
    "outdoor learning",
    "additional support needs",
    "leadership",
    "working with families",
    "early literacy",
    "gaelic-medium",
    "transitions",
    "makaton",
    "nurture",
    "risky play",
    "observation",
    "planning",
]
SETTINGS = [f"Setting {n}" for n in range(40)]
POSTCODES = [f"EH{n} {n % 9}AB" for n in range(1, 30)] + [f"G{n} 1AA" for n in range(1, 10)]


def candidates(
    n_mentors: int, n_mentees: int, seed: int = 3
) -> tuple[list[Candidate], list[Candidate]]:
    rng = random.Random(seed)

    def profile() -> dict[str, Any]:
        return {
            "availability": parse_availability(rng.choice(AVAILABILITY)),
            "interests": frozenset(rng.sample(INTERESTS, rng.randint(1, 4))),
            "locality": rng.choice(POSTCODES),
            "setting": rng.choice(SETTINGS),
            "gender": rng.choice(["female", "female", "female", "male"]),
            "wants_setting": rng.choice(list(SettingPreference)),
            "wants_gender": rng.choice(["", "", "", "female"]),
        }

    mentors = [
        Candidate(
            id=i,
            person_id=i,
            name=f"Mentor {i}",
            places=(places := rng.choice([1, 1, 2, 4])),
            taken=rng.randint(0, places),
            experience=rng.randint(0, 4),
            gaps=("Training not done.",) if rng.random() < 0.1 else (),
            **profile(),
        )
        for i in range(n_mentors)
    ]
    mentees = [
        Candidate(
            id=10_000 + i,
            person_id=10_000 + i,
            name=f"Mentee {i}",
            gaps=("No induction.",) if rng.random() < 0.1 else (),
            managers=frozenset(rng.sample(range(n_mentors), rng.randint(0, 1))),
            ended_badly_with=frozenset(rng.sample(range(n_mentors), rng.randint(0, 1))),
            **profile(),
        )
        for i in range(n_mentees)
    ]
    return mentors, mentees


@pytest.mark.bench
def test_suggestions_for_500_mentees_and_500_mentors() -> None:
    mentors, mentees = candidates(500, 500)
    suggest_pairs(mentors[:3], mentees[:3], WEIGHTS)  # NumPy imported once
    times, pairs = [], []
    for _run in range(RUNS):
        started = time.perf_counter()
        pairs = suggest_pairs(mentors, mentees, WEIGHTS)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(
        f"\nsuggestions, 500 mentees x 500 mentors: {len(pairs)} pairs, median "
        f"{median * 1000:.0f} ms over {RUNS} runs (min {min(times) * 1000:.0f}, "
        f"max {max(times) * 1000:.0f})"
    )
    assert pairs
    assert median < 1.0


@pytest.mark.bench
def test_the_board_opens_with_1000_active_matches(qtbot: QtBot, tmp_path: Path) -> None:
    from sqlalchemy import select, update

    from app.demo import generate_large
    from app.model import Match, MatchStatus, MentoringType, Programme
    from app.settings import Preferences
    from ui.application import create_application
    from ui.context import AppContext
    from ui.pages.matching_page import MatchingPage

    db = open_database(DataPaths(tmp_path / "data"))
    with db.session() as s:
        programme_id = generate_large(s, people=3000, matches=1200)
        ids = s.scalars(select(Match.id).where(Match.programme_id == programme_id)).all()
        s.execute(update(Match).where(Match.id.in_(ids[:1000])).values(status=MatchStatus.ACTIVE))
        s.execute(update(Match).where(Match.id.in_(ids[1000:])).values(status=MatchStatus.CLOSED))
        s.flush()
        programme = s.get(Programme, programme_id)
        assert programme is not None
        programme.mentoring_type = MentoringType.GROUP
        programme.max_mentees_per_mentor = 4
    create_application()
    context = AppContext(db, Preferences(current_programme_id=programme_id), synchronous_tasks=True)
    times = []
    page = None
    for _run in range(RUNS):
        started = time.perf_counter()
        page = MatchingPage(context)
        page.resize(1300, 850)
        page.show()
        qtbot.waitExposed(page)
        page.repaint()
        times.append(time.perf_counter() - started)
        active = sum(r.status is MatchStatus.ACTIVE for r in page.match_model.rows)
        page.close()
        page.deleteLater()
    median = statistics.median(times)
    print(
        f"\nmatching board, {active} active matches: opens in median {median * 1000:.0f} ms "
        f"over {RUNS} runs (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
    )
    assert active == 1000
    assert median < 0.2
    db.close(backup=False)
