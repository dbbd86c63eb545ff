"""Today, on one page to pin up: what is overdue and due this week, grouped as on screen, with
a box to tick by pen.

The page holds the most urgent items of each group; when there are more than fit, each group
says how many more there are on the Today page. The caller gathers the list; this module only
lays it out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.i18n import _, ngettext
from app.today.items import TodayList

if TYPE_CHECKING:
    from datetime import date

    from reportlab.platypus import Flowable

#: Items on the page in all to start with (each may wrap to two lines); fewer are tried until
#: the page is one page.
PAGE_ITEMS = 16
#: Items every group shows at least (before the most urgent groups take the rest).
GROUP_ITEMS = 1


def allocate(listing: TodayList, budget: int = PAGE_ITEMS) -> list[int]:
    """How many items of each group go on the page: a couple for every group first, then the
    rest in the groups' order (most urgent first)."""
    sizes = [len(g.items) for g in listing.groups]
    shown = []
    left = budget
    for n in sizes:
        shown.append(min(n, GROUP_ITEMS, left))
        left -= shown[-1]
    for i, n in enumerate(sizes):
        extra = min(n - shown[i], left)
        shown[i] += extra
        left -= extra
    return shown


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page[^s]", pdf))


def render(programme: str, organisation: str, listing: TodayList, printed_on: date) -> bytes:
    """The page; with fewer items each time until it fits on one sheet."""
    budget = PAGE_ITEMS
    while True:
        pdf = _render(programme, organisation, listing, printed_on, budget)
        if page_count(pdf) <= 1 or budget <= 0:
            return pdf
        budget -= 1


def _render(
    programme: str, organisation: str, listing: TodayList, printed_on: date, budget: int
) -> bytes:
    from app.printouts import style

    title = _("Today")
    story: list[Flowable] = [
        style.heading(
            _("Due and overdue on {date}").format(date=style.format_date(listing.today)), 1
        ),
        style.paragraph(
            _("{overdue} overdue · {due} due soon · {aside} put aside until later").format(
                overdue=listing.overdue,
                due=len(listing.items) - listing.overdue,
                aside=len(listing.snoozed),
            )
        ),
    ]
    if not listing.groups:
        story.append(style.paragraph(_("Nothing is due or overdue. Well done.")))
    for group, count in zip(listing.groups, allocate(listing, budget), strict=True):
        more = len(group.items) - count
        heading = (
            ngettext(
                "{group} ({n}: {more} more on the Today page)",
                "{group} ({n}: {more} more on the Today page)",
                more,
            ).format(group=group.label, n=len(group.items), more=more)
            if more and count
            else _("{group} ({n} on the Today page)").format(group=group.label, n=more)
            if more
            else f"{group.label} ({len(group.items)})"
        )
        if not count:  # no room for its items: a line saying where they are, not a heading
            story.append(style.paragraph(heading))
            continue
        story.append(style.heading(heading, 3))
        lines = []
        for item in group.items[:count]:
            subject, why = item.words()
            mark = _("Overdue: ") if item.overdue else ""
            lines.append(f"{mark}{subject}: {why}")
        story.append(style.tick_list(lines))
    letterhead = style.Letterhead(organisation=organisation, programme=programme, title=title)
    return style.build_pdf(letterhead, story, printed_on=printed_on)
