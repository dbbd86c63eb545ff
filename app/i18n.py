"""Translations through gettext, so the library, the printouts and the window share one catalogue.

Every user-visible string goes through `_()`. The sources are `resources/translations/<lang>.po`
(made and merged by `packaging/extract-messages.sh`); a build compiles them to
`resources/translations/<lang>/LC_MESSAGES/mentordesk.mo`. When no `.mo` is there (a source
checkout), the `.po` is compiled in memory here, so choosing a language always works.
British English is the source language: with no catalogue the strings show as written.

The language is chosen, in this order, by the `MENTORDESK_LANGUAGE` variable, then the
preference saved in Settings (`app.settings.Preferences.language`), then British English.
"""

from __future__ import annotations

import ast
import gettext
import io
import os
import struct
from importlib import resources
from importlib.resources.abc import Traversable

DOMAIN = "mentordesk"
#: Set to a language code ("gd", "en_GB") to choose the language for one run.
LANGUAGE_VARIABLE = "MENTORDESK_LANGUAGE"
#: The source language: every message is written in it.
SOURCE_LANGUAGE = "en_GB"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def chosen_language(preference: str = "") -> str:
    """The language to use: the environment variable, then the saved preference, then en_GB."""
    return os.environ.get(LANGUAGE_VARIABLE, "").strip() or preference.strip() or SOURCE_LANGUAGE


def current_language() -> str:
    """The language installed now (for Qt's own translations and for formatting)."""
    return _language


def _folder() -> Traversable:
    return resources.files("resources") / "translations"


def available_languages() -> list[str]:
    """Languages with a catalogue, as codes ("en_GB", "gd")."""
    return sorted(
        entry.name.removesuffix(".po")
        for entry in _folder().iterdir()
        if entry.name.endswith(".po")
    )


def _candidates(language: str) -> list[str]:
    """ "gd_GB" falls back to "gd"; "en" to "en_GB" (the source)."""
    found = [language]
    if "_" in language:
        found.append(language.split("_")[0])
    return found


def install(language: str | None) -> None:
    """Use the catalogue for `language` (e.g. "gd"); None or an unknown language means English."""
    global _translation, _language
    _translation, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
    if not language or language in (SOURCE_LANGUAGE, "en"):
        return  # messages are written in British English: nothing to look up
    folder = _folder()
    for code in _candidates(language):
        compiled = folder / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        source = folder / f"{code}.po"
        if compiled.is_file():
            with compiled.open("rb") as data:
                _translation = gettext.GNUTranslations(data)
        elif source.is_file():
            _translation = gettext.GNUTranslations(
                io.BytesIO(compile_po(source.read_text("utf-8")))
            )
        else:
            continue
        _language = code
        return


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (module-level tables)."""
    return message


# --- compiling a .po in memory (what msgfmt does, for a checkout without the .mo files) ------


def _unquote(text: str) -> str:
    value = ast.literal_eval(text)
    assert isinstance(value, str)
    return value


def parse_po(text: str) -> dict[str, str]:
    """The translated entries of a .po file: msgid (singular NUL plural) -> msgstr (forms
    joined by NUL). Untranslated, fuzzy and obsolete entries are left out, as msgfmt does."""
    catalogue: dict[str, str] = {}
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields: dict[str, list[str]] = {}
        current: list[str] | None = None
        fuzzy = False
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                if current is not None:
                    current.append(_unquote(line))
                continue
            keyword, _space, rest = line.partition(" ")
            current = fields.setdefault(keyword, [])
            current.append(_unquote(rest))
        if "msgid" not in fields:
            continue
        key = "".join(fields["msgid"])
        if "msgid_plural" in fields:
            key += "\0" + "".join(fields["msgid_plural"])
            forms = sorted(
                (k for k in fields if k.startswith("msgstr[")), key=lambda k: int(k[7:-1])
            )
            value = "\0".join("".join(fields[k]) for k in forms)
        else:
            value = "".join(fields.get("msgstr", []))
        if value.replace("\0", "") and not (fuzzy and key):
            catalogue[key] = value
    return catalogue


def compile_po(text: str) -> bytes:
    """The .mo file (GNU gettext's binary format) for a .po file's text."""
    catalogue = parse_po(text)
    keys = sorted(catalogue)
    ids = [k.encode("utf-8") for k in keys]
    strs = [catalogue[k].encode("utf-8") for k in keys]
    count = len(keys)
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + count * 8
    data_start = strs_table + count * 8
    offsets: list[int] = []
    blob = b""
    for chunk in (*ids, *strs):
        offsets += [len(chunk), data_start + len(blob)]
        blob += chunk + b"\0"
    return (
        struct.pack("<7I", 0x950412DE, 0, count, ids_table, strs_table, 0, 0)
        + struct.pack(f"<{4 * count}I", *offsets)
        + blob
    )
