"""Checking what a coordinator types: e-mail, UK phone numbers, UK postcodes and names, and
text with characters that cannot be typed or printed.

Each check returns the tidied value and a plain message ("" when the value is fine), so the
person editor and the import can both show the message next to the field or row.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from datetime import date

from app.formatting import format_date
from app.i18n import _
from app.model.text import CONTROL_CHARACTERS


def strip_control(text: str) -> str:
    """`text` without control characters (for files read in, and as a last safeguard)."""
    return CONTROL_CHARACTERS.sub("", text)


def text_errors(details: object) -> dict[str, str]:
    """A message for each text field of a details dataclass holding a control character
    (usually pasted from another program, or a damaged file)."""
    assert is_dataclass(details), "details are a dataclass"
    errors: dict[str, str] = {}
    for f in fields(details):
        value = getattr(details, f.name)
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            errors[f.name] = _(
                "This has a hidden character that cannot be saved or printed (often pasted "
                "from another program). Delete it, or retype the text."
            )
    return errors


_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?$")


def check_email(text: str) -> tuple[str, str]:
    """An e-mail address in its usual form; works offline (no look-up of the domain)."""
    text = text.strip()
    if not text:
        return "", ""
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return text, _("This does not look like an e-mail address: {text}").format(text=text)
    return result.normalized, ""


def check_phone(text: str) -> tuple[str, str]:
    """A UK phone number written the usual way (0131 496 0000, 07700 900123); +44 accepted."""
    text = text.strip()
    if not text:
        return "", ""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return text, _("This does not look like a phone number: {text}").format(text=text)
    national = str(number.national_number)
    # Ofcom keeps 07700 900000 to 900999 for examples and drama: never a real person's phone.
    example = number.country_code == 44 and len(national) == 10 and national.startswith("7700900")
    if not (phonenumbers.is_valid_number(number) or example):
        return text, _("This is not a UK phone number: {text}. Check the digits.").format(text=text)
    if number.country_code == 44:
        style = phonenumbers.PhoneNumberFormat.NATIONAL
    else:
        style = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style), ""


def check_postcode(text: str) -> tuple[str, str]:
    """A full UK postcode (EH6 5AB) or just its district (EH6), in capitals."""
    cleaned = " ".join(text.upper().split())
    if not cleaned:
        return "", ""
    match = _POSTCODE.match(cleaned)
    if not match:
        return text.strip(), _(
            "Write a UK postcode such as EH6 5AB, or just the district such as EH6."
        )
    outward, inward = match.groups()
    return (f"{outward} {inward}" if inward else outward), ""


def check_birth_date(value: date | None, today: date) -> str:
    if value is None:
        return ""
    if value >= today:
        return _("The date of birth must be in the past.")
    if today.year - value.year > 110:
        return _("Check the year of birth: {date} is more than 110 years ago.").format(
            date=format_date(value)
        )
    return ""


def check_not_future(value: date | None, today: date) -> str:
    if value is not None and value > today:
        return _("This date is in the future ({date}).").format(date=format_date(value))
    return ""
