"""How well a mentor and a mentee fit, why, what rules a pairing out, and the best set of pairs.

Everything here is a pure function over plain `Candidate` values (no database, no Qt), so the
rules can be tested with every near miss and run for a waiting list of hundreds at once. The
gatherer in `app/services/matching.py` builds the candidates from the records.

The fit score is a weighted average of five criteria, each valued from 0 to 1, with the
weights taken from the programme's settings. A criterion nobody has recorded anything for
counts as a neutral half, so missing details neither help nor sink a pairing. Hard blocks are
not part of the score: a blocked pair is never suggested and cannot be proposed.

Suggestions solve an assignment problem (`app/services/assignment.py`, a minimum-cost
assignment solver of our own): each mentee is a row; each mentor appears as a column once per
free place, and there are as many "stay waiting" columns as mentees. The objective is first to
match as many waiting mentees as the blocks and places allow, then the highest total fit among
those sets.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.i18n import N_, _, ngettext

if TYPE_CHECKING:
    import numpy as np

#: Group and team mentoring keep to one mentor for at most four mentees (the 1:4 ratio).
GROUP_RATIO = 4

CRITERIA = ("availability", "locality", "interests", "preferences", "experience")
CRITERION_LABELS = {
    "availability": N_("Availability"),
    "locality": N_("Locality"),
    "interests": N_("Interests and areas to develop"),
    "preferences": N_("Partner preferences"),
    "experience": N_("Mentoring experience"),
}

#: What a criterion counts for when nothing is recorded on one side or the other.
UNKNOWN = 0.5


class SettingPreference(enum.StrEnum):
    ANY = "any"
    SAME = "same"
    DIFFERENT = "different"


@dataclass(frozen=True)
class Candidate:
    """One mentor or mentee as the matching rules see them: plain values only.

    For a mentee, `interests` holds their interests and the areas they want to develop; for a
    mentor, their interests and strengths. `managers` are the person ids of the mentee's line
    manager and everyone above them; `manager_names` the same where only a name is recorded.
    `open_with` and `ended_badly_with` are the person ids of mentors this mentee has an open
    match with, or had a match with that ended badly. `names` are the ways a person's name may
    be written (full name, known as), compared with `manager_names` in lower case.
    """

    id: int
    person_id: int
    name: str
    gaps: tuple[str, ...] = ()
    availability: frozenset[str] = frozenset()
    locality: str = ""
    interests: frozenset[str] = frozenset()
    setting: str = ""
    gender: str = ""
    wants_setting: SettingPreference = SettingPreference.ANY
    wants_gender: str = ""
    experience: int = 0
    places: int = 1
    taken: int = 0
    ratio_limited: bool = False
    managers: frozenset[int] = frozenset()
    manager_names: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    open_with: frozenset[int] = frozenset()
    ended_badly_with: frozenset[int] = frozenset()

    @property
    def remaining(self) -> int:
        return max(0, self.places - self.taken)

    @property
    def written_names(self) -> frozenset[str]:
        return self.names or frozenset({normalise_name(self.name)})

    @property
    def ready(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class Reason:
    """One criterion of a fit: its value from 0 to 1 (None: nothing recorded), its weight in
    this programme, and a sentence saying why."""

    criterion: str
    value: float | None
    weight: float
    text: str

    @property
    def label(self) -> str:
        return _(CRITERION_LABELS[self.criterion])


@dataclass(frozen=True)
class Block:
    """A rule that rules a pairing out: `kind` is a stable key, `text` says why."""

    kind: str
    text: str


@dataclass(frozen=True)
class Fit:
    score: float  # 0 to 100
    reasons: tuple[Reason, ...]
    blocks: tuple[Block, ...]

    @property
    def allowed(self) -> bool:
        return not self.blocks


@dataclass(frozen=True, order=True)
class Pair:
    mentee_id: int
    mentor_id: int
    score: float = field(compare=False)


# ----------------------------------------------------------------------------- places


def mentor_places(max_mentees_per_mentor: int, group_or_team: bool) -> tuple[int, bool]:
    """How many mentees a mentor may have at once, and whether the 1:4 ratio is what limits it."""
    places = max(1, max_mentees_per_mentor)
    if group_or_team and places > GROUP_RATIO:
        return GROUP_RATIO, True
    return places, group_or_team and places == GROUP_RATIO


# ----------------------------------------------------------------------------- reading text

_DAYS = {
    "mon": "mon",
    "tue": "tue",
    "wed": "wed",
    "thu": "thu",
    "fri": "fri",
    "sat": "sat",
    "sun": "sun",
}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
_PERIODS = (
    (re.compile(r"\b(all|full|whole) days?\b"), ("am", "pm")),
    (re.compile(r"\b(mornings?|am|a\.m\.)(?!\w)"), ("am",)),
    (re.compile(r"\b(afternoons?|pm|p\.m\.|lunchtimes?)(?!\w)"), ("pm",)),
    (re.compile(r"\b(evenings?|eve|after work|nights?)\b"), ("eve",)),
)
_DAY_WORD = re.compile(r"\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)[a-z]*\b")
_WEEKDAY_WORD = re.compile(r"\b(weekdays?|any ?day|every ?day|flexible|anytime|any time)\b")
_WEEKEND_WORD = re.compile(r"\bweekends?\b")

SLOT_DAYS = {
    "mon": N_("Monday"),
    "tue": N_("Tuesday"),
    "wed": N_("Wednesday"),
    "thu": N_("Thursday"),
    "fri": N_("Friday"),
    "sat": N_("Saturday"),
    "sun": N_("Sunday"),
}
SLOT_PERIODS = {"am": N_("morning"), "pm": N_("afternoon"), "eve": N_("evening")}
_DAY_ORDER = list(SLOT_DAYS)
_PERIOD_ORDER = list(SLOT_PERIODS)


def _segment_slots(text: str) -> set[str]:
    days = {_DAYS[m.group(1)[:3]] for m in _DAY_WORD.finditer(text)}
    if _WEEKDAY_WORD.search(text):
        days |= set(_WEEKDAYS)
    if _WEEKEND_WORD.search(text):
        days |= {"sat", "sun"}
    periods: set[str] = set()
    for pattern, found in _PERIODS:
        if pattern.search(text):
            periods |= set(found)
    if not days and not periods:
        return set()
    days = days or set(_WEEKDAYS)
    periods = periods or {"am", "pm"}
    return {f"{d}-{p}" for d in days for p in periods}


def parse_availability(text: str) -> frozenset[str]:
    """Times someone can meet, from what they wrote ("Mon and Wed mornings; Thursday after
    work"), as slots like "mon-am". A day with no time of day means morning and afternoon."""
    slots: set[str] = set()
    for segment in re.split(r"[;\n]+", text.lower()):
        parts = [p for p in segment.split(",") if p.strip()]
        each = [_segment_slots(p) for p in parts]
        separate = len(parts) > 1 and all(
            _DAY_WORD.search(p) and any(pat.search(p) for pat, _f in _PERIODS) for p in parts
        )
        if separate:
            for found in each:
                slots |= found
        else:
            slots |= _segment_slots(segment)
    return frozenset(slots)


def slot_label(slot: str) -> str:
    day, period = slot.split("-")
    return _("{day} {period}").format(day=_(SLOT_DAYS[day]), period=_(SLOT_PERIODS[period]))


def _slot_key(slot: str) -> tuple[int, int]:
    day, period = slot.split("-")
    return _DAY_ORDER.index(day), _PERIOD_ORDER.index(period)


def parse_terms(text: str) -> frozenset[str]:
    """Interests or areas to develop, one per comma, semicolon or line, compared in lower case."""
    terms = (re.sub(r"\s+", " ", t).strip(" .").lower() for t in re.split(r"[,;\n]+", text))
    return frozenset(t for t in terms if t)


def parse_preferences(text: str) -> tuple[SettingPreference, str]:
    """A partner preference as written ("someone from a different setting, a woman") read as a
    setting preference and a gender ("" for none)."""
    lower = text.lower()
    setting = SettingPreference.ANY
    if re.search(r"\b(different|another|other|outside|not from my|not my own)\b", lower):
        setting = SettingPreference.DIFFERENT
    elif re.search(r"\b(same|my own|own) (setting|nursery|centre|workplace|service)", lower):
        setting = SettingPreference.SAME
    gender = ""
    if re.search(r"\b(female|woman|women|lady)\b", lower):
        gender = "female"
    elif re.search(r"\b(male|man|men)\b", lower):
        gender = "male"
    return setting, gender


def normalise_gender(text: str) -> str:
    lower = text.strip().lower()
    if lower in {"f", "female", "woman", "girl"}:
        return "female"
    if lower in {"m", "male", "man", "boy"}:
        return "male"
    return lower


def normalise_name(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


_POSTCODE = re.compile(r"^([A-Z]{1,2})(\d[A-Z\d]?)(\s*\d[A-Z]{2})?$")


def locality_key(text: str) -> tuple[str, str]:
    """(district, area) for comparing where two people are: "EH6 5AB" gives ("EH6", "EH");
    a place name gives (the name in lower case, "")."""
    raw = re.sub(r"\s+", " ", text).strip()
    if not raw:
        return "", ""
    found = _POSTCODE.match(raw.upper())
    if found:
        return found.group(1) + found.group(2), found.group(1)
    return raw.casefold(), ""


# ----------------------------------------------------------------------------- one pair


def _availability(mentor: Candidate, mentee: Candidate) -> tuple[float | None, str]:
    if not mentor.availability or not mentee.availability:
        missing = [c.name for c in (mentor, mentee) if not c.availability]
        return None, _("No availability recorded for {names}.").format(names=" and ".join(missing))
    shared = sorted(mentor.availability & mentee.availability, key=_slot_key)
    if not shared:
        return 0.0, _("No times in common.")
    value = 0.5 if len(shared) == 1 else 1.0
    return value, _("Both free: {times}.").format(times=", ".join(slot_label(s) for s in shared))


def _locality(mentor: Candidate, mentee: Candidate) -> tuple[float | None, str]:
    m_district, m_area = locality_key(mentor.locality)
    e_district, e_area = locality_key(mentee.locality)
    if not m_district or not e_district:
        missing = [c.name for c in (mentor, mentee) if not c.locality.strip()]
        return None, _("No locality recorded for {names}.").format(names=" and ".join(missing))
    if m_district == e_district:
        return 1.0, _("Both in {place}.").format(place=mentor.locality.strip())
    if m_area and m_area == e_area:
        return 0.5, _("Nearby: {mentor} and {mentee}.").format(
            mentor=mentor.locality.strip(), mentee=mentee.locality.strip()
        )
    return 0.0, _("Far apart: {mentor} and {mentee}.").format(
        mentor=mentor.locality.strip(), mentee=mentee.locality.strip()
    )


def _interests(mentor: Candidate, mentee: Candidate) -> tuple[float | None, str]:
    if not mentor.interests or not mentee.interests:
        missing = [c.name for c in (mentor, mentee) if not c.interests]
        return None, _("No interests recorded for {names}.").format(names=" and ".join(missing))
    shared = sorted(mentor.interests & mentee.interests)
    if not shared:
        return 0.0, _("No interests or development areas in common.")
    value = min(1.0, len(shared) / min(3, len(mentee.interests)))
    return value, _("In common: {terms}.").format(terms=", ".join(shared))


def _preference_checks(mentor: Candidate, mentee: Candidate) -> list[tuple[float, str]]:
    checks: list[tuple[float, str]] = []
    same_setting = (
        None
        if not mentor.setting.strip() or not mentee.setting.strip()
        else normalise_name(mentor.setting) == normalise_name(mentee.setting)
    )
    for asker, other in ((mentee, mentor), (mentor, mentee)):
        if asker.wants_setting is not SettingPreference.ANY:
            wanted = asker.wants_setting is SettingPreference.SAME
            if same_setting is None:
                checks.append(
                    (
                        UNKNOWN,
                        _("{name} asked about the setting; not known.").format(name=asker.name),
                    )
                )
            elif same_setting == wanted:
                text = (
                    _("{name} asked for someone from the same setting: met.")
                    if wanted
                    else _("{name} asked for someone from another setting: met.")
                )
                checks.append((1.0, text.format(name=asker.name)))
            else:
                text = (
                    _("{name} asked for someone from the same setting: not met.")
                    if wanted
                    else _("{name} asked for someone from another setting: not met.")
                )
                checks.append((0.0, text.format(name=asker.name)))
        if asker.wants_gender:
            if not other.gender:
                checks.append(
                    (
                        UNKNOWN,
                        _(
                            "{name} stated a gender preference; {other}'s gender is not recorded."
                        ).format(name=asker.name, other=other.name),
                    )
                )
            elif other.gender == asker.wants_gender:
                checks.append((1.0, _("{name}'s gender preference: met.").format(name=asker.name)))
            else:
                checks.append(
                    (0.0, _("{name}'s gender preference: not met.").format(name=asker.name))
                )
    return checks


def _preferences(mentor: Candidate, mentee: Candidate) -> tuple[float | None, str]:
    checks = _preference_checks(mentor, mentee)
    if not checks:
        return 1.0, _("No partner preferences stated.")
    return sum(v for v, _t in checks) / len(checks), " ".join(t for _v, t in checks)


def _experience_value(experience: int) -> float:
    return 0.0 if experience <= 0 else 0.5 if experience == 1 else 1.0


def _experience(mentor: Candidate, mentee: Candidate) -> tuple[float | None, str]:
    if mentor.experience <= 0:
        return 0.0, _("{name} has not mentored in a programme here before.").format(
            name=mentor.name
        )
    return _experience_value(mentor.experience), ngettext(
        "{name} has seen {n} mentoring relationship through.",
        "{name} has seen {n} mentoring relationships through.",
        mentor.experience,
    ).format(name=mentor.name, n=mentor.experience)


_CRITERION_FUNCTIONS = {
    "availability": _availability,
    "locality": _locality,
    "interests": _interests,
    "preferences": _preferences,
    "experience": _experience,
}


def _weights(weights: Mapping[str, float]) -> dict[str, float]:
    return {c: max(0.0, float(weights.get(c, 0) or 0)) for c in CRITERIA}


def pair_blocks(mentor: Candidate, mentee: Candidate) -> tuple[Block, ...]:
    """Everything that rules this pairing out, each with its reason in plain words."""
    blocks: list[Block] = []
    if mentor.person_id == mentee.person_id:
        blocks.append(Block("same_person", _("A person cannot mentor themselves.")))
    if mentor.gaps:
        blocks.append(
            Block(
                "mentor_not_ready",
                _("{name} is not ready to mentor yet: {gaps}").format(
                    name=mentor.name, gaps=" ".join(mentor.gaps)
                ),
            )
        )
    if mentee.gaps:
        blocks.append(
            Block(
                "mentee_not_ready",
                _("{name} is not ready to be matched yet: {gaps}").format(
                    name=mentee.name, gaps=" ".join(mentee.gaps)
                ),
            )
        )
    if mentor.person_id in mentee.open_with:
        blocks.append(
            Block(
                "open_match",
                _("{mentor} and {mentee} already have a match.").format(
                    mentor=mentor.name, mentee=mentee.name
                ),
            )
        )
    elif mentor.remaining <= 0:
        if mentor.ratio_limited:
            text = _(
                "{name} already has {n} mentees: group and team mentoring keeps to at most "
                "{ratio} mentees for each mentor."
            ).format(name=mentor.name, n=mentor.taken, ratio=GROUP_RATIO)
            blocks.append(Block("ratio", text))
        else:
            text = ngettext(
                "{name} has no place left: the programme allows {places} mentee at a time.",
                "{name} has no place left: the programme allows {places} mentees at a time.",
                mentor.places,
            ).format(name=mentor.name, places=mentor.places)
            blocks.append(Block("no_capacity", text))
    if mentor.person_id in mentee.managers or (mentor.written_names & mentee.manager_names):
        blocks.append(
            Block(
                "authority",
                _(
                    "{mentor} is {mentee}'s line manager or has authority over them; a mentor "
                    "must have no say over their mentee's work."
                ).format(mentor=mentor.name, mentee=mentee.name),
            )
        )
    if mentor.person_id in mentee.ended_badly_with:
        blocks.append(
            Block(
                "ended_badly",
                _("An earlier match between {mentor} and {mentee} ended badly.").format(
                    mentor=mentor.name, mentee=mentee.name
                ),
            )
        )
    return tuple(blocks)


def explain_fit(mentor: Candidate, mentee: Candidate, weights: Mapping[str, float]) -> Fit:
    """Why this pair fits (criterion by criterion, with the programme's weights), its score
    from 0 to 100, and what blocks it."""
    w = _weights(weights)
    reasons = []
    total = 0.0
    for criterion in CRITERIA:
        value, text = _CRITERION_FUNCTIONS[criterion](mentor, mentee)
        reasons.append(Reason(criterion, value, w[criterion], text))
        total += w[criterion] * (UNKNOWN if value is None else value)
    weight_sum = sum(w.values())
    score = 100.0 * total / weight_sum if weight_sum else 0.0
    return Fit(score=score, reasons=tuple(reasons), blocks=pair_blocks(mentor, mentee))


# ----------------------------------------------------------------------------- many pairs


def _codes(values: Iterable[str]) -> list[int]:
    """Equal non-empty strings get equal codes; empty strings get -1."""
    seen: dict[str, int] = {}
    return [-1 if not v else seen.setdefault(v, len(seen)) for v in values]


def _membership(sets: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    import numpy as np

    matrix = np.zeros((len(sets), max(1, len(vocabulary))), dtype=np.float64)
    for row, items in enumerate(sets):
        for item in items:
            matrix[row, vocabulary[item]] = 1.0
    return matrix


def score_matrix(
    mentors: Sequence[Candidate], mentees: Sequence[Candidate], weights: Mapping[str, float]
) -> np.ndarray:
    """`explain_fit(...).score` for every mentee (rows) and mentor (columns) at once."""
    import numpy as np

    w = _weights(weights)
    n_e, n_m = len(mentees), len(mentors)
    total = np.zeros((n_e, n_m))

    # availability
    vocabulary: dict[str, int] = {}
    for c in (*mentors, *mentees):
        for slot in c.availability:
            vocabulary.setdefault(slot, len(vocabulary))
    shared = (
        _membership([e.availability for e in mentees], vocabulary)
        @ _membership([m.availability for m in mentors], vocabulary).T
    )
    value = np.where(shared == 0, 0.0, np.where(shared == 1, 0.5, 1.0))
    known = np.outer(
        [bool(e.availability) for e in mentees], [bool(m.availability) for m in mentors]
    )
    total += w["availability"] * np.where(known, value, UNKNOWN)

    # locality
    e_keys = [locality_key(e.locality) for e in mentees]
    m_keys = [locality_key(m.locality) for m in mentors]
    districts = _codes([k[0] for k in e_keys] + [k[0] for k in m_keys])
    areas = _codes([k[1] for k in e_keys] + [k[1] for k in m_keys])
    e_d, m_d = np.array(districts[:n_e]), np.array(districts[n_e:])
    e_a, m_a = np.array(areas[:n_e]), np.array(areas[n_e:])
    same_district = e_d[:, None] == m_d[None, :]
    same_area = (e_a[:, None] == m_a[None, :]) & (e_a[:, None] >= 0)
    value = np.where(same_district, 1.0, np.where(same_area, 0.5, 0.0))
    known = (e_d[:, None] >= 0) & (m_d[None, :] >= 0)
    total += w["locality"] * np.where(known, value, UNKNOWN)

    # interests
    vocabulary = {}
    for c in (*mentors, *mentees):
        for term in c.interests:
            vocabulary.setdefault(term, len(vocabulary))
    shared = (
        _membership([e.interests for e in mentees], vocabulary)
        @ _membership([m.interests for m in mentors], vocabulary).T
    )
    denominator = np.array([max(1, min(3, len(e.interests))) for e in mentees], dtype=float)
    value = np.minimum(1.0, shared / denominator[:, None])
    known = np.outer([bool(e.interests) for e in mentees], [bool(m.interests) for m in mentors])
    total += w["interests"] * np.where(known, value, UNKNOWN)

    # preferences
    settings = _codes(
        [normalise_name(c.setting) if c.setting.strip() else "" for c in (*mentees, *mentors)]
    )
    e_s, m_s = np.array(settings[:n_e]), np.array(settings[n_e:])
    setting_known = (e_s[:, None] >= 0) & (m_s[None, :] >= 0)
    same_setting = e_s[:, None] == m_s[None, :]
    genders = _codes(
        [c.gender for c in (*mentees, *mentors)] + [c.wants_gender for c in (*mentees, *mentors)]
    )
    e_g, m_g = np.array(genders[:n_e]), np.array(genders[n_e : n_e + n_m])
    wanted = genders[n_e + n_m :]
    e_w, m_w = np.array(wanted[:n_e]), np.array(wanted[n_e:])
    pref_sum = np.zeros((n_e, n_m))
    pref_count = np.zeros((n_e, n_m))

    def setting_check(wants: np.ndarray, rows: bool) -> None:
        nonlocal pref_sum, pref_count
        same = np.array([p is SettingPreference.SAME for p in wants])
        stated = np.array([p is not SettingPreference.ANY for p in wants])
        if not stated.any():
            return
        stated_m = stated[:, None] if rows else stated[None, :]
        same_m = same[:, None] if rows else same[None, :]
        met = np.where(setting_known, (same_setting == same_m).astype(float), UNKNOWN)
        pref_sum = pref_sum + np.where(stated_m, met, 0.0)
        pref_count = pref_count + np.broadcast_to(stated_m, (n_e, n_m))

    setting_check(np.array([e.wants_setting for e in mentees], dtype=object), True)
    setting_check(np.array([m.wants_setting for m in mentors], dtype=object), False)
    # the mentee's wish about the mentor's gender
    stated = (e_w >= 0)[:, None]
    met = np.where(m_g[None, :] >= 0, (m_g[None, :] == e_w[:, None]).astype(float), UNKNOWN)
    pref_sum += np.where(stated, met, 0.0)
    pref_count += np.broadcast_to(stated, (n_e, n_m))
    # the mentor's wish about the mentee's gender
    stated = (m_w >= 0)[None, :]
    met = np.where(e_g[:, None] >= 0, (e_g[:, None] == m_w[None, :]).astype(float), UNKNOWN)
    pref_sum += np.where(stated, met, 0.0)
    pref_count += np.broadcast_to(stated, (n_e, n_m))
    value = np.where(pref_count > 0, pref_sum / np.maximum(pref_count, 1), 1.0)
    total += w["preferences"] * value

    # experience
    experience = np.array([_experience_value(m.experience) for m in mentors])
    total += w["experience"] * experience[None, :]

    weight_sum = sum(w.values())
    return 100.0 * total / weight_sum if weight_sum else np.zeros((n_e, n_m))


def pair_blocked(mentor: Candidate, mentee: Candidate) -> bool:
    """Whether anything rules this pair out; quicker than `pair_blocks` (no wording)."""
    return (
        not mentor.ready
        or not mentee.ready
        or mentor.remaining <= 0
        or mentor.person_id == mentee.person_id
        or mentor.person_id in mentee.open_with
        or mentor.person_id in mentee.managers
        or mentor.person_id in mentee.ended_badly_with
        or bool(mentee.manager_names and mentor.written_names & mentee.manager_names)
    )


def pair_value(score: float, waiting: int) -> float:
    """What one suggested pair is worth to the objective: matching one more mentee always
    outweighs any gain in fit, then the fit counts."""
    return 100.0 * (waiting + 1) + score


def suggest_pairs(
    mentors: Sequence[Candidate], mentees: Sequence[Candidate], weights: Mapping[str, float]
) -> list[Pair]:
    """The best set of pairs for the whole waiting list at once: as many mentees matched as
    the blocks and mentors' free places allow, and among those the highest total fit. Never
    suggests a blocked pair or more mentees than a mentor has places for."""
    import numpy as np

    from app.services.assignment import min_cost_assignment

    waiting = [e for e in mentees if e.ready]
    free = [m for m in mentors if m.ready and m.remaining > 0]
    if not waiting or not free:
        return []
    scores = score_matrix(free, waiting, weights)
    allowed = np.ones(scores.shape, dtype=bool)
    for i, mentee in enumerate(waiting):
        if mentee.open_with or mentee.managers or mentee.ended_badly_with or mentee.manager_names:
            for j, mentor in enumerate(free):
                if pair_blocked(mentor, mentee):
                    allowed[i, j] = False
        for j, mentor in enumerate(free):
            if mentor.person_id == mentee.person_id:
                allowed[i, j] = False
    n = len(waiting)
    values = np.where(allowed, pair_value(0.0, n) + scores, np.nan)
    columns = np.repeat(np.arange(len(free)), [min(m.remaining, n) for m in free])
    # Cost: minus the value for an allowed pair; 1 for a blocked one (worse than waiting, 0),
    # so every cost is finite, as the solver needs, and a blocked pair is never chosen.
    cost = np.hstack([np.nan_to_num(-values[:, columns], nan=1.0), np.zeros((n, n))])
    rows, chosen = min_cost_assignment(cost)
    pairs = []
    for row, column in zip(rows, chosen, strict=True):
        if column >= len(columns):
            continue
        j = int(columns[column])
        if not allowed[row, j]:
            continue
        pairs.append(Pair(waiting[row].id, free[j].id, float(scores[row, j])))
    return sorted(pairs)
