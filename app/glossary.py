"""The words a coordinator may not know (PVG, SSSC, SMART, ...), each explained once.

A window, dialog or printout that shows one of these words puts its explanation beside it: the
words spelled out in the text, or a tooltip built from `explain()`. Keeping the explanations
here means the screens and the paper say the same thing, and translators write each once.
Tests read `TERMS` to check that every place that shows a term also explains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.i18n import N_, _


@dataclass(frozen=True)
class Term:
    """One word of art: how it is written in English messages and what it means."""

    key: str
    #: A regular expression that finds the term in an English message.
    pattern: str
    #: One plain sentence that explains it (marked for translation).
    meaning: str
    #: For an acronym: its letters, and words of its spelled-out form that show it is spelled out.
    acronym: str = ""
    spelled_out: str = ""

    def found_in(self, text: str) -> bool:
        return re.search(self.pattern, text) is not None

    def spelled_out_in(self, text: str) -> bool:
        return bool(self.spelled_out) and self.spelled_out.lower() in text.lower()


PVG = "pvg"
SSSC = "sssc"
SMART = "smart"
REGULATED_WORK = "regulated_work"
DISCLOSURE_SCOTLAND = "disclosure_scotland"
DISCLOSURE_LEVELS = "disclosure_levels"
SCHEME_RECORD = "scheme_record"
CODE_OF_PRACTICE = "code_of_practice"
SUBJECT_ACCESS = "subject_access"
ANONYMISE = "anonymise"
CSV = "csv"
JSON = "json"

TERMS: tuple[Term, ...] = (
    Term(
        PVG,
        r"\bPVG\b",
        N_(
            "PVG (Protecting Vulnerable Groups) scheme: the check by Disclosure Scotland that "
            "people working with children must have. Membership lasts five years."
        ),
        "PVG",
        "Vulnerable Groups",
    ),
    Term(
        SSSC,
        r"\bSSSC\b",
        N_(
            "SSSC (Scottish Social Services Council): the body that registers childcare and "
            "social care staff in Scotland."
        ),
        "SSSC",
        "Scottish Social Services Council",
    ),
    Term(
        SMART,
        r"\bSMART\b",
        N_(
            "SMART: a goal that is Specific, Measurable, Achievable, Realistic and Time-bound, "
            "so you can tell when it is met."
        ),
        "SMART",
        "Specific, Measurable, Achievable, Realistic",
    ),
    Term(
        REGULATED_WORK,
        r"\b[Rr]egulated (work|role)",
        N_(
            "Regulated work: work with children, such as caring for or teaching them, that "
            "needs PVG scheme membership by law."
        ),
    ),
    Term(
        DISCLOSURE_SCOTLAND,
        r"\bDisclosure Scotland\b",
        N_(
            "Disclosure Scotland: the Scottish Government agency that runs the PVG scheme and "
            "criminal record checks."
        ),
    ),
    Term(
        DISCLOSURE_LEVELS,
        r"\bLevel [12] disclosure",
        N_(
            "Level 1 disclosure: a basic criminal record check. Level 2 disclosure: the "
            "fuller check that comes with PVG scheme membership."
        ),
    ),
    Term(
        SCHEME_RECORD,
        r"\b[Ss]cheme record\b",
        N_(
            "Scheme record: the paper Disclosure Scotland sent to PVG scheme members before "
            "April 2025. It is now called a Level 2 disclosure."
        ),
    ),
    Term(
        CODE_OF_PRACTICE,
        r"\bCode of Practice\b",
        N_(
            "Disclosure Code of Practice: Disclosure Scotland's rules on what you may keep "
            "about someone's check, and for how long."
        ),
    ),
    Term(
        SUBJECT_ACCESS,
        r"\b[Ss]ubject access\b",
        N_(
            "Subject access request: when a person asks for a copy of everything held about "
            "them. The law gives one month to reply."
        ),
    ),
    Term(
        ANONYMISE,
        r"\b[Aa]nonymis",
        N_(
            "Anonymise: take out names and contact details for good, but keep the numbers "
            "for your reports."
        ),
    ),
    Term(
        CSV,
        r"\bCSV\b",
        N_("CSV file: a simple spreadsheet file that Excel and most other programs can open."),
        "CSV",
    ),
    Term(
        JSON,
        r"\bJSON\b",
        N_("JSON file: a plain text file that another computer program can read."),
        "JSON",
    ),
)

_BY_KEY = {term.key: term for term in TERMS}

#: Capitalised words in messages that need no explanation: everyday words (PDF, UK, USB, PC),
#: sizes (KB, MB), the word DRAFT on a printout, the GPL licence name, the BA degree, and the
#: letters of a date pattern (YYYY-MM-DD). Any other acronym must be a glossary term.
EVERYDAY_ACRONYMS = frozenset(
    {"PDF", "UK", "PC", "USB", "IT", "ID", "KB", "MB", "DRAFT", "FILE", "GPL", "BA"}
    | {"YYYY", "MM", "DD"}
)


def term(key: str) -> Term:
    return _BY_KEY[key]


def explain(*keys: str) -> str:
    """The plain explanation of one or more terms, one per line: for a tooltip or a note."""
    return "\n".join(_(term(key).meaning) for key in keys)


def terms_in(text: str) -> list[Term]:
    """The glossary terms an English message mentions, in glossary order."""
    return [t for t in TERMS if t.found_in(text)]


def help_for(text: str) -> str:
    """The explanations of the terms a label mentions ('' for none): a tooltip for a label built
    from data. Terms are found by their English words; acronyms stay the same in translations."""
    return explain(*(t.key for t in terms_in(text)))


def acronyms_in(text: str) -> set[str]:
    """Words of two or more capitals (no digits, so postcodes such as EH6 are left out)."""
    return set(re.findall(r"\b[A-Z]{2,}\b", text))


def acronym_terms() -> dict[str, Term]:
    """The glossary's acronyms, by the letters they are written with."""
    return {t.acronym: t for t in TERMS if t.acronym}
