"""The password recovery sheet: printed when a password is put on the data file.

A forgotten password cannot be recovered by anyone (that is what keeps a lost laptop's data
safe), so the coordinator keeps the password on paper, locked away from the computer. The sheet
says that plainly, has a line to write the password by hand (or the password printed on it, if
the coordinator asks) and says where the data is, so whoever finds the sheet later knows what
it opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.i18n import _

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class RecoverySheet:
    organisation: str
    data_folder: str
    set_by: str
    #: The password to print, or "" for a line to write it on by hand.
    password: str = ""


def render(sheet: RecoverySheet, printed_on: date) -> bytes:
    from app.printouts import style

    title = _("Password recovery sheet")
    story: list[Flowable] = [
        style.heading(title, 1),
        style.paragraph(
            _(
                "The Mentor Desk data file and its backups are protected with a password. "
                "Nobody can open them without it: not you, not your IT helper, not the makers of "
                "Mentor Desk. If the password is forgotten and this sheet is lost, the data "
                "cannot be recovered."
            )
        ),
        style.heading(_("Keep this sheet safe"), 2),
        style.bullet_list(
            [
                _("Keep it locked away, and never with the computer or its bag."),
                _("Anyone who has this sheet and the computer can read the data."),
                _("When the password is changed, print a new sheet and shred this one."),
            ]
        ),
        style.heading(_("The data this password opens"), 2),
        style.field_rows(
            [
                (_("Organisation"), sheet.organisation),
                (_("Data folder"), sheet.data_folder),
                (_("Password set on"), style.format_date(printed_on)),
                (_("Set by"), sheet.set_by),
            ]
        ),
        style.heading(_("The password"), 2),
    ]
    if sheet.password:
        from xml.sax.saxutils import escape

        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        big = ParagraphStyle(
            "RecoveryPassword", fontName=style.FONT_BOLD, fontSize=16, leading=22, spaceAfter=8
        )
        story.append(Paragraph(escape(sheet.password), big))
        story.append(
            style.paragraph(_("Type it exactly as printed: capitals, dashes and numbers count."))
        )
    else:
        story.append(
            style.paragraph(_("Write the password here, clearly, exactly as you type it:"))
        )
        story.append(style.writing_lines(2))
    letterhead = style.Letterhead(organisation=sheet.organisation, programme="", title=title)
    return style.build_pdf(letterhead, story, printed_on=printed_on)
