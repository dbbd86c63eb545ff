"""Dates, times and numbers written for people, by app.formatting and nowhere else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from app import formatting as f
from app import i18n

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.install(None)


def test_dates_are_day_month_year_with_leading_zeros() -> None:
    assert f.format_date(date(2026, 9, 5)) == "05/09/2026"
    assert f.format_date(date(2028, 2, 29)) == "29/02/2028"
    assert f.format_date(date(2026, 12, 31)) == "31/12/2026"
    assert f.format_date(date(1, 1, 1)) == "01/01/0001"
    assert f.format_date(datetime(2026, 11, 23, 14, 5)) == "23/11/2026"  # a datetime too
    assert f.format_date(None) == ""


def test_dates_match_what_strftime_wrote() -> None:
    """The f-string versions say exactly what the old strftime calls said."""
    for day in (date(2026, 1, 1), date(2028, 2, 29), date(2026, 12, 31), date(2027, 7, 9)):
        assert f.format_date(day) == day.strftime("%d/%m/%Y")
        assert f.format_day_month(day) == day.strftime("%d/%m")
        assert f.date_stamp(day) == day.strftime("%Y-%m-%d")
        assert f.date_stamp(day, "") == day.strftime("%Y%m%d")
    moment = datetime(2026, 12, 31, 23, 59, 7)
    assert f.format_date_time(moment) == moment.strftime("%d/%m/%Y %H:%M")
    assert f.format_date_time(moment, seconds=True) == moment.strftime("%d/%m/%Y %H:%M:%S")
    assert f.file_stamp(moment) == moment.strftime("%Y%m%d-%H%M%S")


def test_day_month() -> None:
    assert f.format_day_month(date(2028, 2, 29)) == "29/02"
    assert f.format_day_month(None) == ""


def test_times_on_a_24_hour_clock() -> None:
    assert f.format_time(datetime(2026, 11, 23, 9, 5, 3)) == "09:05"
    assert f.format_time(time(23, 59, 59), seconds=True) == "23:59:59"
    assert f.format_time(time(0, 0)) == "00:00"
    assert f.format_time(None) == ""


def test_date_and_time() -> None:
    moment = datetime(2028, 2, 29, 0, 0, 9, tzinfo=UTC)
    assert f.format_date_time(moment) == "29/02/2028 00:00"
    assert f.format_date_time(moment, seconds=True) == "29/02/2028 00:00:09"
    assert f.format_date_time(None) == ""


def test_months_and_long_dates_in_english() -> None:
    assert f.month_name(1) == "January" and f.month_name(12) == "December"
    assert f.month_year(date(2026, 11, 1)) == "November 2026"
    assert f.month_year(date(2028, 2, 29)) == "February 2028"
    assert f.short_month_year(date(2026, 3, 1)) == "Mar 26"
    assert f.short_month_year(date(2030, 12, 31)) == "Dec 30"
    assert f.long_date(date(2026, 11, 21)) == "21 November 2026"
    assert f.long_date(date(2028, 2, 29)) == "29 February 2028"
    assert f.long_date(date(2026, 12, 1)) == "1 December 2026"


def test_months_in_gaelic() -> None:
    i18n.install("gd")
    assert f.month_year(date(2026, 11, 1)) == "An t-Samhain 2026"
    assert f.short_month_year(date(2026, 5, 1)) == "Cèit 26"
    assert [f.month_name(m) for m in range(1, 13)] == [
        "Am Faoilleach",
        "An Gearran",
        "Am Màrt",
        "An Giblean",
        "An Cèitean",
        "An t-Ògmhios",
        "An t-Iuchar",
        "An Lùnastal",
        "An t-Sultain",
        "An Dàmhair",
        "An t-Samhain",
        "An Dùbhlachd",
    ]
    assert f.format_date(date(2026, 11, 1)) == "01/11/2026"  # numbers stay as they are
    i18n.install(None)
    assert f.month_year(date(2026, 11, 1)) == "November 2026"


def test_numbers_have_a_comma_between_thousands() -> None:
    assert f.format_number(0) == "0"
    assert f.format_number(999) == "999"
    assert f.format_number(1234) == "1,234"
    assert f.format_number(1234567) == "1,234,567"
    assert f.format_number(-4321) == "-4,321"
    assert f.format_number(1234.56) == "1,235"
    assert f.format_number(1234.56, digits=1) == "1,234.6"
    assert f.format_number(12.5, digits=2) == "12.50"


def test_percentages() -> None:
    assert f.format_percent(30.3) == "30%"
    assert f.format_percent(100) == "100%"
    assert f.format_percent(0) == "0%"
    assert f.format_percent(42.46, digits=1) == "42.5%"


#: A date or time written by hand: strftime, or a format string such as "%d/%m/%Y",
#: f"{day:%d/%m}", "%H:%M" or "%B" (the C library's untranslated month name).
_HAND_MADE = re.compile(r"strftime|%d/%m|%H:%M|%B|%b\b|:%[YdmHMS]")


def _hand_made(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if _HAND_MADE.search(line)]


def test_dates_are_written_only_by_the_formatting_module() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in ("app", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != ROOT / "app" / "formatting.py"
        for line in _hand_made(path.read_text(encoding="utf-8"))
    ]
    assert not found, "write dates through app.formatting instead: " + ", ".join(found)


def test_the_guard_catches_every_spelling() -> None:
    for bad in (
        'when.strftime("%d/%m/%Y")',
        'f"{when:%d/%m/%Y}"',
        'f"{when:%Y%m%d}"',
        '"%H:%M"',
        'format(when, "%B %Y")',
    ):
        assert _hand_made(bad) == [1], bad
    for fine in (
        'datetime.strptime(text, "%Y%m%d-%H%M%S")',
        'f"%{text}%"',
        'f"{value:,}"',
        "format_date(when)",
    ):
        assert _hand_made(fine) == [], fine
