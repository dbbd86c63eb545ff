"""Errors a coordinator can fix: bad values (with a message per field) or a refused action."""

from __future__ import annotations


class ValidationError(Exception):
    """One or more fields hold values the rules refuse; `errors` maps field name to message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class ActionRefused(Exception):
    """The action cannot be done now; the message says why in plain words."""


class NotFound(ActionRefused):
    pass


def check(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
