"""Dates, times and numbers as text for people: the one module that writes them.

Everything shown on screen, on paper or in an export goes through here, so a date always
reads dd/mm/yyyy, a month name is always translated (Gaelic gets Gaelic month names) and a
large count always has its thousands separator. File-name stamps are not for people, but they
live here too so that every format is in one place.

The dates are built with f-strings rather than `strftime`: the matching board formats
thousands of them, and `strftime` takes its month names from the C library, never from our
translations.
"""

from __future__ import annotations

from datetime import date, datetime, time

from app.i18n import N_, _

MONTH_NAMES = (
    # Translators: a month's name on its own, as in "November 2026" and "21 November 2026".
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)

#: Chart labels: a month in a few letters and a two-figure year. The year is part of the
#: message so that "May {year}" is not the month's full name "May" (a translation
#: may be longer there).
SHORT_MONTHS_AND_YEARS = (
    # Translators: a month in a few letters and a two-figure year, for a chart label: "Jan 26".
    N_("Jan {year}"),
    N_("Feb {year}"),
    N_("Mar {year}"),
    N_("Apr {year}"),
    N_("May {year}"),
    N_("Jun {year}"),
    N_("Jul {year}"),
    N_("Aug {year}"),
    N_("Sep {year}"),
    N_("Oct {year}"),
    N_("Nov {year}"),
    N_("Dec {year}"),
)


# ----------------------------------------------------------------------------- dates


def format_date(value: date | None) -> str:
    """A date as dd/mm/yyyy ("05/09/2026"); "" when there is none."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_day_month(value: date | None) -> str:
    """Day and month only, as dd/mm ("23/11"); "" when there is none."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}"


def format_time(value: datetime | time | None, *, seconds: bool = False) -> str:
    """The time of day on a 24-hour clock, "14:05" (or "14:05:09"); "" when there is none."""
    if value is None:
        return ""
    text = f"{value.hour:02d}:{value.minute:02d}"
    return f"{text}:{value.second:02d}" if seconds else text


def format_date_time(value: datetime | None, *, seconds: bool = False) -> str:
    """A moment as "23/11/2026 14:05" (the audit trail adds seconds); "" when there is none.

    The time is written as the value holds it: convert to local time first if it is in UTC."""
    if value is None:
        return ""
    return f"{format_date(value)} {format_time(value, seconds=seconds)}"


def month_name(month: int) -> str:
    """The name of a month (1 to 12) in the chosen language: "November", "An t-Samhain"."""
    return _(MONTH_NAMES[month - 1])


def month_year(value: date) -> str:
    """A month and its year: "November 2026"."""
    # Translators: a month and its year, as "November 2026".
    return _("{month} {year}").format(month=month_name(value.month), year=value.year)


def short_month_year(value: date) -> str:
    """A month in a few letters with a two-figure year, for chart labels: "Mar 26"."""
    return _(SHORT_MONTHS_AND_YEARS[value.month - 1]).format(year=f"{value.year % 100:02d}")


def long_date(value: date) -> str:
    """A date written out, as on a certificate: "21 November 2026"."""
    return _("{day} {month} {year}").format(
        day=value.day, month=month_name(value.month), year=value.year
    )


# ----------------------------------------------------------------------------- numbers


def format_number(value: float, digits: int = 0) -> str:
    """A number with a comma between thousands, as British English writes it: "1,234",
    "1,234.5" with `digits=1`."""
    return f"{value:,.{digits}f}"


def format_percent(value: float, digits: int = 0) -> str:
    """A percentage (already out of 100, as 42.5) written "43%", or "42.5%" with `digits=1`."""
    return f"{format_number(value, digits)}%"


# ----------------------------------------------------------------------------- file names


def file_stamp(value: datetime) -> str:
    """A moment for a file name, sorting in time order: "20261123-140509"."""
    return (
        f"{value.year:04d}{value.month:02d}{value.day:02d}"
        f"-{value.hour:02d}{value.minute:02d}{value.second:02d}"
    )


def date_stamp(value: date, separator: str = "-") -> str:
    """A date for a file name, sorting in time order: "2026-11-23" ("20261123" with
    `separator=""`)."""
    return f"{value.year:04d}{separator}{value.month:02d}{separator}{value.day:02d}"
