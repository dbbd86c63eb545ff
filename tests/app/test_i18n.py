"""Translations: the language chosen by variable or setting, catalogues compiled from the .po
sources (as msgfmt would), British English complete, and the Gaelic starter reaching the
agreement printout."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app import i18n
from app.cli import main
from app.model import Match, MatchStatus
from app.paths import DataPaths
from app.printouts import catalogue
from app.settings import LANGUAGES, Preferences, save_preferences
from app.storage import Database

FOLDER = Path(str(resources.files("resources") / "translations"))
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.install(None)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_variable_comes_before_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_VARIABLE, raising=False)
    assert i18n.chosen_language() == "en_GB"
    assert i18n.chosen_language("gd") == "gd"
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "en_GB")
    assert i18n.chosen_language("gd") == "en_GB"


def test_every_language_offered_has_a_catalogue() -> None:
    assert set(LANGUAGES) == set(i18n.available_languages()) == {"en_GB", "gd"}


def test_gaelic_is_installed_and_an_unknown_language_is_english() -> None:
    i18n.install("gd")
    assert i18n.current_language() == "gd"
    assert i18n._("People") == "Daoine"
    assert i18n._("&File") == "&Faidhle"
    # Gaelic has four plural forms: 1 and 11; 2 and 12; 3 to 19; the rest
    forms = [i18n.ngettext("{n} hour", "{n} hours", n) for n in (1, 2, 3, 20)]
    assert forms == [
        "{n} uair a thìde",
        "{n} uair a thìde",
        "{n} uairean a thìde",
        "{n} uair a thìde",
    ]
    assert i18n._("A message nobody has translated yet") == "A message nobody has translated yet"
    i18n.install("xx")
    assert i18n.current_language() == "en_GB" and i18n._("People") == "People"
    i18n.install("gd_GB")  # a regional code falls back to the language
    assert i18n._("Today") == "An-diugh"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_the_catalogue_compiled_in_memory_is_what_msgfmt_makes(tmp_path: Path) -> None:
    import gettext

    for language in ("gd", "en_GB"):
        source = FOLDER / f"{language}.po"
        made = tmp_path / f"{language}.mo"
        subprocess.run(["msgfmt", "-o", str(made), str(source)], check=True)
        with made.open("rb") as data:
            expected = dict(gettext.GNUTranslations(data)._catalog)  # type: ignore[attr-defined]  # gettext keeps its catalogue private
        ours = gettext.GNUTranslations(io.BytesIO(i18n.compile_po(source.read_text("utf-8"))))
        got = dict(ours._catalog)  # type: ignore[attr-defined]  # as above
        expected.pop("", None), got.pop("", None)  # headers: msgfmt drops a line or two
        assert got == expected, language


def test_british_english_is_complete_and_translations_keep_their_placeholders() -> None:
    template = i18n.parse_po(
        (FOLDER / "mentordesk.pot").read_text("utf-8").replace('msgstr ""', 'msgstr "x"')
    )
    english = i18n.parse_po((FOLDER / "en_GB.po").read_text("utf-8"))
    assert set(template) - {""} <= set(english), (
        "en_GB.po is missing messages: run extract-messages.sh"
    )
    assert len(template) > 1500
    gaelic = i18n.parse_po((FOLDER / "gd.po").read_text("utf-8"))
    assert len(gaelic) > 80
    for message, translation in gaelic.items():
        if message:
            wanted = set(PLACEHOLDER.findall(message))
            for form in translation.split("\0"):
                assert set(PLACEHOLDER.findall(form)) == wanted, (message, form)


def test_the_agreement_prints_in_gaelic(demo_db: Database, tmp_path: Path, today: date) -> None:
    with demo_db.session() as s:
        match = s.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE)).first()
        assert match is not None
        match_id = match.id
        i18n.install("gd")
        pdf = catalogue.build("agreement", s, match_id, today)
    text = text_of(pdf)
    for gaelic in ("Aonta comhairleachaidh", "Comhairliche", "Air a shoidhneadh", "Duilleag 1 à"):
        assert gaelic in text, gaelic
    assert "Mentoring agreement" not in text
    demo_db.close(backup=False)
    # AND the command line prints it in Gaelic too, with the language saved in Settings
    i18n.install(None)
    paths = DataPaths(demo_db.paths.folder)
    save_preferences(paths.preferences, Preferences(language="gd"))
    out = tmp_path / "agreement.pdf"
    assert (
        main(["--data", str(paths.folder), "print", "agreement", str(match_id), "-o", str(out)])
        == 0
    )
    assert "Aonta comhairleachaidh" in text_of(out.read_bytes())
