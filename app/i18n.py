"""Translations through gettext, so the library, the printouts and the window share one catalogue.

Every user-visible string goes through `_()`. Catalogues live in
`resources/translations/<lang>/LC_MESSAGES/mentordesk.mo`; British English is the source
language, so with no catalogue installed the strings show as written.
"""

from __future__ import annotations

import gettext
from importlib import resources

_translation: gettext.NullTranslations = gettext.NullTranslations()


def install(language: str | None) -> None:
    """Use the catalogue for `language` (e.g. "gd"); None or an unknown language means English."""
    global _translation
    if not language:
        _translation = gettext.NullTranslations()
        return
    folder = resources.files("resources") / "translations"
    _translation = gettext.translation(
        "mentordesk", localedir=str(folder), languages=[language], fallback=True
    )


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (module-level tables)."""
    return message
