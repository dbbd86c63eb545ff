"""The subject access printout: everything held on one person, readable, for sending to them.

Made from the same data as the machine-readable file (`app.services.privacy.subject_access`),
one section for each kind of record, each record as a list of its fields in plain words.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from app import glossary
from app.formatting import format_date
from app.i18n import _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

#: Bookkeeping fields nobody needs to read.
_HIDDEN = frozenset(
    {
        "id",
        "version_id",
        "person_id",
        "programme_id",
        "line_manager_id",
        "created_at",
        "updated_at",
        "position",
    }
)


#: The words the opening paragraphs explain.
_EXPLAINED_FIRST = frozenset({glossary.SUBJECT_ACCESS, glossary.JSON})


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    text = str(value)
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":  # an ISO date (and time)
        try:
            return format_date(date.fromisoformat(text[:10]))
        except ValueError:
            return text
    return text


def render(data: dict[str, Any], printed_on: date) -> bytes:
    from app.printouts import style
    from app.services.audit import record_label

    person = data["person"]
    name = f"{person.get('first_name', '')} {person.get('last_name', '')}".strip()
    title = _("Subject access: what we hold about you")
    story: list[Flowable] = [
        style.heading(title, 1),
        style.paragraph(
            _(
                "This is everything the mentoring programme's records hold about {name}, as at "
                "{date}. Other people in your matches are named by their role (your mentor, "
                "your mentee). A machine-readable copy (JSON) comes with it."
            ).format(name=name, date=format_date(printed_on))
        ),
        style.paragraph(glossary.explain(glossary.SUBJECT_ACCESS)),
        style.paragraph(glossary.explain(glossary.JSON)),
        style.heading(_("Your details"), 2),
        style.field_rows(
            [(_label(k), _text(v)) for k, v in person.items() if k not in _HIDDEN and _text(v)]
        ),
    ]
    headings: list[str] = []
    for table, rows in data["records"].items():
        headings.append(record_label(table))
        story.append(style.heading(headings[-1], 2))
        for row in rows:
            fields = [
                (_label(k), _text(v))
                for k, v in row.items()
                if k not in _HIDDEN and not k.endswith("_id") and _text(v)
            ]
            headings += [label for label, _value in fields]
            if fields:
                story.append(style.field_rows(fields))
                story.append(style.spacer(4))
    words = [t for t in glossary.terms_in(" ".join(headings)) if t.key not in _EXPLAINED_FIRST]
    if words:
        story.append(style.heading(_("Words used here"), 2))
        story += [style.paragraph(glossary.explain(t.key)) for t in words]
    trail = data.get("audit_trail") or []
    if trail:
        story.append(style.heading(_("Who worked on your records"), 2))
        story.append(
            style.field_rows(
                [
                    (
                        _text(e["at"][:10]),
                        f"{e['who']}: {record_label(e['record'])} {e['action']}",
                    )
                    for e in trail[-200:]
                ]
            )
        )
    letterhead = style.Letterhead(
        organisation="", programme=", ".join(data["programmes"]), title=title
    )
    return style.build_pdf(letterhead, story, printed_on=printed_on)
