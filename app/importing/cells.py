"""One cell at a time: names, UK dates, phone numbers, PVG numbers, hours.

Each function returns the value it could make of the cell and a warning ("" when all is well),
so a questionable value becomes something to check, never a refusal of the whole person.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from app.formatting import format_date, month_name
from app.i18n import _

#: Words that begin a surname in Gaelic, Irish, Dutch, French, Spanish and German names.
SURNAME_PARTICLES = frozenset(
    {
        "mac",
        "mc",
        "nic",
        "ní",
        "ni",
        "nì",
        "ó",
        "o'",
        "ua",
        "uí",
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "der",
        "van",
        "von",
        "le",
        "la",
        "st",
        "st.",
        "bin",
        "bint",
        "al",
        "el",
    }
)

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b\ufeff]+")

#: Spreadsheet day 0 (Excel's 1900 system with its leap-year slip; LibreOffice agrees).
_EPOCH = date(1899, 12, 30)

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}


def tidy(text: str) -> str:
    """Spaces, non-breaking spaces and zero-width spaces trimmed and collapsed to one space."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip(" ")  # the usual cell: nothing inside it to change
    return _SPACES.sub(" ", text).strip()


def text_of(value: object) -> str:
    """What a cell shows as plain text: whole numbers without ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return format_date(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value) if abs(value) >= 1e15 else f"{value:g}"
    return tidy(str(value))


# ----------------------------------------------------------------------------- names


def split_name(text: str) -> tuple[str, str, str]:
    """(forename, surname, warning) from one "name" cell.

    "Surname, Forename" splits on the comma. Without a comma the last word is the surname,
    unless a surname particle (Mac, Nic, Ní, Ó, de, van ...) starts it earlier; a particle or a
    hyphen makes the split a guess, so it comes with a warning to confirm it."""
    text = tidy(text)
    if not text:
        return "", "", ""
    if "," in text:
        surname, _comma, forename = text.partition(",")
        forename, surname = tidy(forename.replace(",", " ")), tidy(surname)
        return forename, surname, ""
    words = text.split(" ")
    if len(words) == 1:
        return words[0], "", ""
    start = len(words) - 1
    for n, word in enumerate(words[1:], start=1):
        if word.casefold() in SURNAME_PARTICLES or word.casefold().startswith(("o'", "ó'")):
            start = n
            break
    forename, surname = " ".join(words[:start]), " ".join(words[start:])
    guessed = start < len(words) - 1 or "-" in text or surname.casefold() in SURNAME_PARTICLES
    warning = ""
    if guessed:
        warning = _(
            "The name “{name}” was split as forename “{first}” and surname “{last}”: "
            "check the split."
        ).format(name=text, first=forename, last=surname)
    return forename, surname, warning


# ----------------------------------------------------------------------------- dates

_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_WORDY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-z]+)\.?,?[\s\-/.]+(\d{2,4})$")
_WORDY_US = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DATETIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) <= 2:
        year += 2000
        if year > today.year + 10:
            year -= 100
    return year


def _make(day: int, month: int, year: int, typed: str) -> tuple[date | None, str]:
    if not 1 <= month <= 12:
        return None, _(
            "“{text}” is not a date: there is no month {month} (dates are read day first, "
            "as 31/01/2024)."
        ).format(text=typed, month=month)
    try:
        return date(year, month, day), ""
    except ValueError:
        return None, _("“{text}” is not a real date: {month} {year} has no day {day}.").format(
            text=typed, month=month_name(month), year=year, day=day
        )


def read_date(value: object, today: date) -> tuple[date | None, str]:
    """A date from a real date cell, or from text in a UK form: 31/01/2024, 3/1/24, 31.01.2024,
    2024-01-31, 2024/01/31, 3 Sept 2024. Never month first with digits; impossible dates are
    named, never guessed."""
    if value is None:
        return None, ""
    if isinstance(value, datetime):
        return value.date(), ""
    if isinstance(value, date):
        return value, ""
    if isinstance(value, (time, timedelta, bool)):
        return None, _("“{text}” is not a date.").format(text=text_of(value))
    if isinstance(value, (int, float)):
        # A date cell without a date format: a day count from the spreadsheet's epoch.
        if 1 <= value < 2958466:
            return _EPOCH + timedelta(days=int(value)), ""
        return None, _("“{text}” is not a date.").format(text=text_of(value))
    typed = tidy(str(value))
    if not typed:
        return None, ""
    text = _DATETIME_TAIL.sub("", typed.casefold())
    if m := _NUMERIC.match(text):
        a, b, c = m.groups()
        if len(a) == 4:  # year first: ISO 2024-01-31 or 2024/01/31
            return _make(int(c), int(b), int(a), typed)
        if len(c) in (1, 3):
            return None, _("“{text}” is not a date: the year is not clear.").format(text=typed)
        return _make(int(a), int(b), _year(c, today), typed)
    if m := _WORDY.match(text):
        day, month_word, year = m.groups()
        if month_word in MONTHS:
            return _make(int(day), MONTHS[month_word], _year(year, today), typed)
    if m := _WORDY_US.match(text):
        month_word, day, year = m.groups()
        if month_word in MONTHS:
            return _make(int(day), MONTHS[month_word], int(year), typed)
    return None, _("“{text}” is not a date Mentor Desk can read; write it as 31/01/2024.").format(
        text=typed
    )


def birth_date(value: object, today: date) -> tuple[date | None, str]:
    """A date of birth: a two-digit year that would be in the future is last century."""
    found, warning = read_date(value, today)
    if found and found >= today and isinstance(value, str) and re.search(r"\D\d{2}$", value):
        found = found.replace(year=found.year - 100)
    return found, warning


# ----------------------------------------------------------------------------- phones


def restore_phone(value: object) -> str:
    """The number as it was typed, with a leading zero put back where a spreadsheet took it
    off (a number cell holding 7700900123 was 07700 900123)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = tidy(str(value))
    digits = re.sub(r"[\s\-().]", "", text)
    if digits.isdigit() and digits[0] != "0":
        if len(digits) == 12 and digits.startswith("44"):
            return "+" + digits
        if len(digits) in (9, 10):
            return "0" + digits
    return text


# ----------------------------------------------------------------------------- PVG numbers


def pvg_number(value: object) -> tuple[str, str]:
    """A PVG membership number as four groups of four digits (1234 5678 9012 3456).

    A number cell cannot hold 16 digits exactly (spreadsheets keep 15), so a PVG number that
    arrives as a number is kept with a warning to check it against the disclosure."""
    if value is None or value == "":
        return "", ""
    as_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(value, float):
        if not value.is_integer():
            return "", _(
                "The PVG number “{text}” was stored as a number and has lost digits; "
                "write it in from the disclosure."
            ).format(text=text_of(value))
        value = int(value)
    typed = tidy(str(value))
    if re.fullmatch(r"\d(\.\d+)?e\+?\d+", typed.casefold()):
        return "", _(
            "The PVG number “{text}” was saved in scientific notation and its digits are lost; "
            "write it in from the disclosure."
        ).format(text=typed)
    digits = re.sub(r"[\s\-/.]", "", typed)
    if not digits.isdigit():
        if len(typed) > 40 or not digits.isalnum():
            return "", _("“{text}” does not look like a PVG number; left empty.").format(text=typed)
        return typed, _("“{text}” is not 16 digits; check the PVG number.").format(text=typed)
    if as_number and len(digits) < 16:
        digits = digits.zfill(16)
    if len(digits) != 16:
        return typed, _(
            "The PVG number “{text}” has {n} digits, not 16; check it against the disclosure."
        ).format(text=typed, n=len(digits))
    grouped = " ".join(digits[i : i + 4] for i in range(0, 16, 4))
    if as_number:
        return grouped, _(
            "The PVG number {number} was stored as a spreadsheet number, which keeps only 15 "
            "digits: check the last digits against the disclosure."
        ).format(number=grouped)
    return grouped, ""


# ----------------------------------------------------------------------------- numbers


def hours(value: object) -> tuple[float | None, str]:
    """Training hours: 12, 12.5, "12 hrs", "1h30"."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = tidy(str(value)).casefold().replace(",", ".")
        if m := re.fullmatch(r"(\d+)\s*h(?:rs?|ours?)?\s*(\d+)\s*(?:m|mins?)?", text):
            number = int(m.group(1)) + int(m.group(2)) / 60
        elif m := re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)?", text):
            number = float(m.group(1))
        else:
            return None, _("“{text}” is not a number of hours.").format(text=tidy(str(value)))
    if number == 0:
        return None, ""
    if not 0 < number <= 1000:
        return None, _("{n} is not a number of training hours; left out.").format(n=text_of(value))
    return number, ""
