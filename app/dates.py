"""Dates as coordinators type them: dd/mm/yyyy, plain local dates, never shifted by time zones.

Writing dates for people is `app.formatting.format_date`."""

from __future__ import annotations

import re
from datetime import date

from app.i18n import _

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")


def parse_date(text: str) -> date | None:
    """Parse dd/mm/yyyy (also d/m/yy, with . or - between); empty text is None.

    Raises ValueError with a message fit to show next to the field.
    """
    if not text or not text.strip():
        return None
    match = _DMY.match(text)
    if not match:
        raise ValueError(_("Write the date as dd/mm/yyyy, for example 05/09/2026."))
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("There is no such date: {text}.").format(text=text.strip())) from None
