"""What day and time it is: the only code in Mentor Desk that asks the system.

Everything else is told the date: services take `today` (or `now`) as an argument, and the
window asks its context, which asks this module. Setting `MENTORDESK_TODAY=YYYY-MM-DD` makes
the whole application live on that day (for demonstrations, for support, and in the tests); the
time of day still runs, so timestamps keep their order.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime

from app.i18n import _

#: The environment variable that sets the day for the whole application.
TODAY_VARIABLE = "MENTORDESK_TODAY"


class ClockError(ValueError):
    """MENTORDESK_TODAY is set to something that is not a date."""


def _override() -> date | None:
    text = os.environ.get(TODAY_VARIABLE, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ClockError(
            _(
                "{variable} must be a date written YYYY-MM-DD, for example 2027-02-28, "
                "not “{text}”."
            ).format(variable=TODAY_VARIABLE, text=text)
        ) from None


def set_day() -> date | None:
    """The day MENTORDESK_TODAY sets, or None when the application follows the PC's clock."""
    return _override()


def today() -> date:
    """Today's date on this PC, or the day MENTORDESK_TODAY sets."""
    return _override() or date.today()


def now() -> datetime:
    """The local date and time (naive), on the day MENTORDESK_TODAY sets if it is set."""
    real = datetime.now()
    day = _override()
    return datetime.combine(day, real.time()) if day else real


def utc_now() -> datetime:
    """The time in UTC without a zone, for the created/updated stamps on records."""
    real = datetime.now(UTC).replace(tzinfo=None)
    day = _override()
    return datetime.combine(day, real.time()) if day else real


def check() -> None:
    """Raise ClockError now if MENTORDESK_TODAY is malformed, so start-up can say so plainly."""
    _override()


def epoch_seconds() -> float:
    """Seconds since 1970 on the real clock, for timing start-up across processes (benchmarks);
    never for dates a coordinator sees."""
    return time.time()
