"""A gentle SMART check for a goal as the coordinator types it.

Pure functions over the text typed so far: each prompt is a question to think about, never a
rule that stops the goal being saved. Goals are best when specific, measurable, achievable,
realistic and time-bound; these prompts notice the common gaps.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

from app.i18n import N_, _


class Smart(enum.StrEnum):
    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    ACHIEVABLE = "achievable"
    REALISTIC = "realistic"
    TIME_BOUND = "time_bound"


SMART_LABELS = {
    Smart.SPECIFIC: N_("Specific"),
    Smart.MEASURABLE: N_("Measurable"),
    Smart.ACHIEVABLE: N_("Achievable"),
    Smart.REALISTIC: N_("Realistic"),
    Smart.TIME_BOUND: N_("Time-bound"),
}


def smart_label(quality: Smart) -> str:
    return _(SMART_LABELS[quality])


@dataclass(frozen=True)
class Prompt:
    """Something to think about for one of the five qualities."""

    quality: Smart
    message: str


#: Words that say a direction without saying what will be different.
_VAGUE = (
    "better",
    "improve",
    "improving",
    "more confident",
    "confidence",
    "develop",
    "work on",
    "get good",
    "learn about",
    "understand",
)
#: Words that set a bar nobody reaches every time.
_ABSOLUTE = ("always", "never", "every", "all the", "perfect", "perfectly", "100%")
_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|once|twice|"
    r"half|daily|weekly|fortnightly|monthly|each|per)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

#: A target closer than this leaves little room to practise and show change.
SOON_DAYS = 14
#: A short-term goal further away than this is hard to keep in view.
FAR_DAYS = 18 * 31


def _has(text: str, words: tuple[str, ...]) -> bool:
    lowered = f" {text.lower()} "
    return any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", lowered) for w in words)


def smart_prompts(
    title: str,
    target: str,
    success_criteria: str,
    target_date: date | None,
    *,
    today: date,
) -> list[Prompt]:
    """The prompts for a goal as typed so far, in SMART order; an empty list when nothing
    stands out. Never raises and never blocks saving."""
    title, target, criteria = title.strip(), target.strip(), success_criteria.strip()
    prompts: list[Prompt] = []

    words = _WORD.findall(title)
    if len(words) < 4:
        prompts.append(
            Prompt(
                Smart.SPECIFIC,
                _(
                    "Say in a few more words what will be different, and where: for example "
                    "“Lead the morning group time in the Acorns room”."
                ),
            )
        )
    elif _has(title, _VAGUE) and not target:
        prompts.append(
            Prompt(
                Smart.SPECIFIC,
                _(
                    "The goal says which way to go; add a target that says what the mentee "
                    "will actually be doing when it is reached."
                ),
            )
        )
    elif re.search(r"\b(and|also)\b", title.lower()) and len(words) > 10:
        prompts.append(
            Prompt(
                Smart.SPECIFIC,
                _("This may be two goals in one. Would it be clearer to split it?"),
            )
        )

    if not criteria and not _NUMBER.search(target):
        prompts.append(
            Prompt(
                Smart.MEASURABLE,
                _(
                    "How will you both know it has happened? Add success criteria: something "
                    "you can count, see or point to."
                ),
            )
        )

    if _has(" ".join((title, target, criteria)), _ABSOLUTE):
        prompts.append(
            Prompt(
                Smart.ACHIEVABLE,
                _(
                    "Words like “always”, “every” or “perfect” set a bar that is hard to reach. "
                    "Is a smaller first step more within reach?"
                ),
            )
        )

    if target_date is not None and target_date < today:
        prompts.append(
            Prompt(
                Smart.REALISTIC,
                _("The target date has already passed. Is a new date needed?"),
            )
        )
    elif target_date is not None and (target_date - today).days < SOON_DAYS:
        prompts.append(
            Prompt(
                Smart.REALISTIC,
                _(
                    "That is less than two weeks away. Is there time to practise and show the "
                    "change, alongside the mentee's work and rota?"
                ),
            )
        )
    elif target_date is not None and (target_date - today).days > FAR_DAYS:
        prompts.append(
            Prompt(
                Smart.REALISTIC,
                _(
                    "That is more than a year and a half away. Could it be broken into shorter "
                    "goals that can be reviewed along the way?"
                ),
            )
        )

    if target_date is None:
        prompts.append(
            Prompt(
                Smart.TIME_BOUND,
                _("Add a target date, so progress can be reviewed against it."),
            )
        )
    return prompts
