"""The small value every service returns: which kinds of record a unit of work changed."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    programmes: bool = False
    people: bool = False
    screening: bool = False
    framework: bool = False
    matches: bool = False
    meetings: bool = False
    goals: bool = False
    #: Only the Today list's own state (a snooze set or lifted).
    today: bool = False
    created_id: int | None = None

    def __or__(self, other: Changes) -> Changes:
        merged = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "created_id"
        }
        return Changes(**merged, created_id=self.created_id or other.created_id)

    @property
    def anything(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "created_id")


EVERYTHING = Changes(
    programmes=True,
    people=True,
    screening=True,
    framework=True,
    matches=True,
    meetings=True,
    goals=True,
    today=True,
)
