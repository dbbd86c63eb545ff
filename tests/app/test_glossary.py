"""The glossary: each word of art a coordinator may not know is explained once, plainly, and
every screen or printout that shows such a word explains it.

The rules read the messages in the source (every string given to `_`, `N_` or `ngettext` in
app/ and ui/), so they hold whether or not the .pot has been refreshed:

1. Any acronym in a message (two or more capitals) is a glossary term or an everyday word
   (PDF, UK, USB, ...). A new acronym with no explanation anywhere fails here.
2. A module that builds a screen or a printout (ui/, app/printouts/) and shows a glossary term
   in one of its messages also explains that term: one of its messages spells it out (as in
   "Protecting Vulnerable Groups (PVG)"), or it hands the glossary's explanation to the
   screen (`glossary.PVG` in its code, or `glossary.help_for` for acronyms in labels built
   from data). Messages from services appear inside those screens, which is where the help is.
   The UI tests (tests/ui/test_glossary_help.py) check the help really shows on the windows.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app import glossary
from app.model import Person
from app.storage import Database

ROOT = Path(__file__).resolve().parents[2]
SURFACES = ("ui/", "app/printouts/")


@dataclass(frozen=True)
class Message:
    path: str
    line: int
    text: str


def _messages_in(path: Path) -> list[Message]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("_", "N_", "ngettext"):
                count = 2 if node.func.id == "ngettext" else 1
                for arg in node.args[:count]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        relative = path.relative_to(ROOT).as_posix()
                        found.append(Message(relative, node.lineno, arg.value))
    return found


def _all_messages() -> list[Message]:
    files = sorted((ROOT / "app").rglob("*.py")) + sorted((ROOT / "ui").rglob("*.py"))
    return [m for f in files if "migrations" not in f.parts for m in _messages_in(f)]


MESSAGES = _all_messages()


def _constant_for(key: str) -> str:
    return next(name for name in dir(glossary) if getattr(glossary, name) == key)


def _explains(path: str, term: glossary.Term, messages: list[Message]) -> bool:
    if any(term.spelled_out_in(m.text) for m in messages):
        return True
    source = (ROOT / path).read_text("utf-8")
    if re.search(rf"\bglossary\.{_constant_for(term.key)}\b", source):
        return True
    return bool(term.acronym) and "glossary.help_for(" in source


def unexplained(messages: list[Message]) -> list[str]:
    """'path: TERM' for each screen or printout module that shows a term and never explains
    it."""
    by_file: dict[str, list[Message]] = {}
    for m in messages:
        if m.path.startswith(SURFACES):
            by_file.setdefault(m.path, []).append(m)
    missing = []
    for path, file_messages in sorted(by_file.items()):
        for term in glossary.TERMS:
            shown = [m for m in file_messages if term.found_in(m.text)]
            if shown and not _explains(path, term, file_messages):
                missing.append(f"{path}:{shown[0].line}: {term.key}")
    return missing


def test_the_source_messages_are_found() -> None:
    # a guard for the reader above: it sees the messages it must judge
    assert len(MESSAGES) > 2500
    assert any(m.path == "ui/dialogs/rules_dialog.py" and "PVG" in m.text for m in MESSAGES)


def test_every_acronym_in_a_message_is_in_the_glossary_or_an_everyday_word() -> None:
    known = set(glossary.acronym_terms()) | glossary.EVERYDAY_ACRONYMS
    strays = {
        f"{m.path}:{m.line}: {word}"
        for m in MESSAGES
        for word in glossary.acronyms_in(m.text)
        if word not in known
    }
    assert not strays, sorted(strays)


def test_a_new_acronym_without_help_is_caught() -> None:
    made_up = [Message("ui/dialogs/made_up.py", 1, "Record their CLPL hours.")]
    known = set(glossary.acronym_terms()) | glossary.EVERYDAY_ACRONYMS
    assert glossary.acronyms_in(made_up[0].text) - known == {"CLPL"}


def test_every_screen_and_printout_that_shows_a_term_explains_it() -> None:
    assert unexplained(MESSAGES) == []


def test_a_screen_showing_a_term_with_no_help_is_caught() -> None:
    shown = [Message("ui/dialogs/rules_dialog.py", 1, "Check their SSSC registration.")]
    assert unexplained(shown) == ["ui/dialogs/rules_dialog.py:1: sssc"]
    spelled = [*shown, Message(shown[0].path, 2, "Scottish Social Services Council (SSSC)")]
    assert unexplained(spelled) == []


@pytest.mark.parametrize("term", glossary.TERMS, ids=lambda t: t.key)
def test_each_explanation_is_short_plain_and_names_its_term(term: glossary.Term) -> None:
    meaning = term.meaning
    assert term.found_in(meaning), "the explanation names the word it explains"
    if term.spelled_out:
        assert term.spelled_out_in(meaning), "an acronym is spelled out in its explanation"
    for sentence in re.split(r"(?<=[.!?])\s+", meaning):
        assert len(sentence.split()) <= 20, sentence
    assert meaning.endswith(".")


@pytest.mark.parametrize("term", glossary.TERMS, ids=lambda t: t.key)
def test_each_explanation_is_a_message_to_translate(term: glossary.Term) -> None:
    assert any(m.path == "app/glossary.py" and m.text == term.meaning for m in MESSAGES)


def test_help_for_a_label_explains_each_term_it_mentions() -> None:
    help_text = glossary.help_for("SSSC registration and PVG")
    assert help_text == glossary.explain(glossary.PVG, glossary.SSSC)
    assert "Scottish Social Services Council" in help_text
    assert glossary.help_for("Job role") == ""


def _unexplained_on_paper(pdf: bytes) -> set[str]:
    """The terms a printout shows without its explanation (or the spelled-out words) on it."""
    import io

    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for t in glossary.TERMS:
        text = text.replace(glossary.explain(t.key), f"<{t.key}>")
    shown = {t.key for t in glossary.terms_in(text)}
    return {
        key
        for key in shown
        if f"<{key}>" not in text and not glossary.term(key).spelled_out_in(text)
    }


@pytest.mark.parametrize(
    ("kind", "last_name"),
    [("person", "Clark"), ("application-form", "Mackenzie"), ("application-form", "")],
)
def test_the_person_printouts_explain_their_words(
    demo_db: Database, today: date, kind: str, last_name: str
) -> None:
    from app.printouts import catalogue

    with demo_db.session() as s:
        person_id = s.scalars(select(Person.id).where(Person.last_name == last_name)).first()
        pdf = catalogue.build(kind, s, person_id or 0, today)
    assert _unexplained_on_paper(pdf) == set()


def test_the_subject_access_printout_explains_its_words(demo_db: Database, today: date) -> None:
    from app.printouts import subject_access
    from app.services import privacy

    with demo_db.session() as s:
        person_id = s.scalars(select(Person.id).where(Person.last_name == "Clark")).one()
        export = privacy.subject_access(s, person_id, today)
    pdf = subject_access.render(export.data, today)
    assert _unexplained_on_paper(pdf) == set()


def test_the_guide_explains_the_words_it_uses() -> None:
    html = (ROOT / "resources" / "guide" / "guide.html").read_text("utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    shown = glossary.terms_in(text)
    assert glossary.term(glossary.PVG) in shown  # the guide speaks of the PVG check
    explained = [t for t in shown if t.spelled_out_in(text) or glossary.explain(t.key) in text]
    assert explained == shown
