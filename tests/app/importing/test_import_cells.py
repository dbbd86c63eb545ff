"""One cell at a time: names split on the comma or flagged, UK dates never read month first,
phone numbers given back their leading zero, PVG numbers in four groups of four."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.importing import cells


def test_surname_comma_forename_splits_on_the_comma() -> None:
    assert cells.split_name("Nic a' Phì, Seònaid") == ("Seònaid", "Nic a' Phì", "")
    assert cells.split_name("  MacLeod ,\u00a0Eilidh  ") == ("Eilidh", "MacLeod", "")


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("Seònaid Nic a' Phì", "Seònaid", "Nic a' Phì"),
        ("Anna de la Cruz", "Anna", "de la Cruz"),
        ("Màiri Ó Briain", "Màiri", "Ó Briain"),
        ("Mary Smith-Jones", "Mary", "Smith-Jones"),
    ],
)
def test_particles_and_hyphens_are_split_and_flagged(typed: str, first: str, last: str) -> None:
    forename, surname, warning = cells.split_name(typed)
    assert (forename, surname) == (first, last)
    assert "check the split" in warning


def test_a_plain_two_word_name_needs_no_check() -> None:
    assert cells.split_name("Eilidh MacLeod") == ("Eilidh", "MacLeod", "")
    assert cells.split_name("Niamh O'Neill") == ("Niamh", "O'Neill", "")
    assert cells.split_name("Madonna") == ("Madonna", "", "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31/01/2024", date(2024, 1, 31)),
        ("3/1/24", date(2024, 1, 3)),
        ("31.01.2024", date(2024, 1, 31)),
        ("2024-01-31", date(2024, 1, 31)),
        ("2024/01/31", date(2024, 1, 31)),
        ("3 Sept 2024", date(2024, 9, 3)),
        ("3rd September 2024", date(2024, 9, 3)),
        ("2024-01-31 00:00:00", date(2024, 1, 31)),
        (datetime(2024, 1, 31, 9, 30), date(2024, 1, 31)),
        (date(2024, 1, 31), date(2024, 1, 31)),
        (45322.0, date(2024, 1, 31)),
    ],
)
def test_uk_dates(value: object, expected: date, today: date) -> None:
    assert cells.read_date(value, today) == (expected, "")


def test_impossible_and_month_first_dates_are_named_not_guessed(today: date) -> None:
    found, warning = cells.read_date("31/02/2024", today)
    assert found is None and "February 2024 has no day 31" in warning
    found, warning = cells.read_date("12/25/2024", today)
    assert found is None and "no month 25" in warning and "day first" in warning
    found, warning = cells.read_date("next Tuesday", today)
    assert found is None and "31/01/2024" in warning


def test_a_two_digit_birth_year_is_last_century(today: date) -> None:
    assert cells.birth_date("3/4/98", today) == (date(1998, 4, 3), "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7700900123, "07700900123"),
        (7700900123.0, "07700900123"),
        (1314960999.0, "01314960999"),
        (441314960999, "+441314960999"),
        ("0131 496 0999", "0131 496 0999"),
        ("+44 7700 900123", "+44 7700 900123"),
    ],
)
def test_phone_numbers_get_their_leading_zero_back(value: object, expected: str) -> None:
    assert cells.restore_phone(value) == expected


def test_pvg_numbers_in_four_groups_of_four() -> None:
    assert cells.pvg_number("1234567890123456") == ("1234 5678 9012 3456", "")
    assert cells.pvg_number("1234-5678-9012-3456") == ("1234 5678 9012 3456", "")
    assert cells.pvg_number(" 1234 5678 9012 3456\u00a0") == ("1234 5678 9012 3456", "")


def test_a_pvg_number_stored_as_a_spreadsheet_number_is_kept_with_a_warning() -> None:
    number, warning = cells.pvg_number(1234567890123460.0)
    assert number == "1234 5678 9012 3460"
    assert "15" in warning and "check the last digits" in warning
    number, warning = cells.pvg_number("1.23457E+15")
    assert number == "" and "scientific notation" in warning
    number, warning = cells.pvg_number("12345")
    assert number == "12345" and "5 digits, not 16" in warning


def test_training_hours() -> None:
    assert cells.hours("12 hrs") == (12.0, "")
    assert cells.hours("1h30") == (1.5, "")
    assert cells.hours(6.5) == (6.5, "")
    assert cells.hours("") == (None, "")
    assert cells.hours("lots")[1] == "“lots” is not a number of hours."


def test_text_of_a_cell() -> None:
    assert cells.text_of(12.0) == "12"
    assert cells.text_of(date(2024, 1, 31)) == "31/01/2024"
    assert cells.text_of(" a\u00a0 b ") == "a b"
    assert cells.text_of(None) == ""
