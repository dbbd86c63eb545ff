"""The house style every printout shares: A4, bundled Lato fonts, letterhead, numbered footer.

Documents build a list of flowables with the helpers below and hand it to `build_pdf`, so a
form printed from any part of the app looks the same and can be completed by pen: a missing
value is always a blank writing line, never "None".
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app import APP_NAME
from app.formatting import format_date as format_date  # printouts write style.format_date
from app.i18n import _

FONT = "MentorSans"
FONT_BOLD = "MentorSans-Bold"
FONT_ITALIC = "MentorSans-Italic"
FONT_BOLD_ITALIC = "MentorSans-BoldItalic"

_FONT_FILES = {
    FONT: "Lato-Regular.ttf",
    FONT_BOLD: "Lato-Bold.ttf",
    FONT_ITALIC: "Lato-Italic.ttf",
    FONT_BOLD_ITALIC: "Lato-BoldItalic.ttf",
}

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 24 * mm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1D1D1F")
ACCENT = colors.HexColor("#24466B")
MUTED = colors.HexColor("#5F6670")
RULE = colors.HexColor("#C3C8CF")
HAIRLINE = colors.HexColor("#E1E4E8")
PEN_LINE = colors.HexColor("#8A9099")
PANEL = colors.HexColor("#F3F5F7")

LABEL_WIDTH = 52 * mm
WRITING_LINE_GAP = 8 * mm
BOX_SIZE = 3.8 * mm


def register_fonts() -> None:
    """Register the bundled Lato family as "MentorSans" (safe to call any number of times)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    folder = resources.files("resources") / "fonts"
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            data = (folder / filename).read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


def escape(text: str) -> str:
    """Text made safe inside ReportLab's paragraph markup (& < > as entities), as
    xml.sax.saxutils.escape; defined here because that module imports urllib.request and
    http.client, a tenth of the command line's start."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _markup(text: str) -> str:
    """Plain text made safe for a ReportLab paragraph: XML escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in str(text).splitlines()) if text else ""


_BODY = ParagraphStyle(
    "MentorBody", fontName=FONT, fontSize=10, leading=14, textColor=INK, spaceAfter=6
)
_LABEL = ParagraphStyle(
    "MentorLabel",
    parent=_BODY,
    fontName=FONT_BOLD,
    fontSize=9,
    leading=12.5,
    textColor=MUTED,
    spaceAfter=0,
)
_VALUE = ParagraphStyle("MentorValue", parent=_BODY, leading=13, spaceAfter=0)
_HEADINGS = {
    1: ParagraphStyle(
        "MentorH1",
        parent=_BODY,
        fontName=FONT_BOLD,
        fontSize=20,
        leading=24,
        textColor=ACCENT,
        spaceBefore=0,
        spaceAfter=10,
        keepWithNext=True,
    ),
    2: ParagraphStyle(
        "MentorH2",
        parent=_BODY,
        fontName=FONT_BOLD,
        fontSize=12.5,
        leading=16,
        textColor=ACCENT,
        spaceBefore=12,
        spaceAfter=6,
        keepWithNext=True,
    ),
    3: ParagraphStyle(
        "MentorH3",
        parent=_BODY,
        fontName=FONT_BOLD,
        fontSize=10.5,
        leading=14,
        textColor=INK,
        spaceBefore=8,
        spaceAfter=3,
        keepWithNext=True,
    ),
}
_FIGURE = ParagraphStyle(
    "MentorFigure",
    parent=_BODY,
    fontName=FONT_BOLD,
    fontSize=20,
    leading=24,
    textColor=ACCENT,
    alignment=TA_CENTER,
    spaceAfter=0,
)
_FIGURE_LABEL = ParagraphStyle("MentorFigureLabel", parent=_LABEL, alignment=TA_CENTER)


@dataclass(frozen=True)
class Letterhead:
    """What the header of every page says: whose paper this is and what the document is."""

    organisation: str
    programme: str
    title: str
    #: A warning every page carries in its header and footer (the coordinator's copy).
    banner: str = ""


# ----------------------------------------------------------------------------- the page

# A heading may start a long table or text at the foot of a page if this much room is left.
ROOM_TO_START_UNDER_HEADING = 45 * mm


class _KeepHeadingWithNext(KeepTogether):  # type: ignore[misc]  # ReportLab has no type hints
    """ReportLab's keep-with-next, but a long table may start under its heading.

    Plain keep-with-next moves a heading and everything after it to a new page when they do not
    fit together, leaving half a page empty before a long list of rules. Here, with enough room
    left, the heading stays and the table continues overleaf; a block that will not split (a
    signature block) still moves with its heading.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > aH and aH >= ROOM_TO_START_UNDER_HEADING and self._next_can_start(aW, aH):
            return list(self._content)
        parts: list[Flowable] = super().split(aW, aH)
        return parts

    def _next_can_start(self, aW: float, aH: float) -> bool:
        *lead, last = self._content
        if not lead:
            return False
        used = 0.0
        for flowable in lead:
            used += flowable.wrapOn(self.canv, aW, aH)[1] + flowable.getSpaceAfter()
            used += flowable.getSpaceBefore()
        room = aH - used - last.getSpaceBefore()
        if room <= 0:
            return False
        last.wrapOn(self.canv, aW, room)
        return bool(last.splitOn(self.canv, aW, room))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis so it fits in `width` points on one line."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass(frozen=True)
class Document:
    """One printout, laid out but not yet built: several can share one PDF (a batch)."""

    letterhead: Letterhead
    story: list[Flowable]
    printed_on: date


class _DocumentStart(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Marks where each document of a batch begins, so its pages get its own header and count."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.document_index = self.index


def _canvas_class(documents: Sequence[Document]) -> type[Canvas]:
    """A canvas that holds back every page until the end, so each footer knows the page total
    of its own document (in a batch of agreements, each is "Page 1 of 2", "Page 2 of 2")."""

    class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            self.document_index = 0

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for state in self._held_pages:
                index = state["document_index"]
                totals[index] = totals.get(index, 0) + 1
            numbers: dict[int, int] = {}
            for state in self._held_pages:
                self.__dict__.update(state)
                index = state["document_index"]
                numbers[index] = numbers.get(index, 0) + 1
                document = documents[index]
                self._draw_letterhead(document.letterhead)
                self._draw_footer(document.printed_on, numbers[index], totals[index])
                if document.letterhead.banner:
                    _draw_banner(self, document.letterhead.banner, 3.5 * mm)
                super().showPage()
            super().save()

        def _draw_letterhead(self, letterhead: Letterhead) -> None:
            top = PAGE_HEIGHT - 13 * mm
            left, right = MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT
            half = CONTENT_WIDTH * 0.58
            self.saveState()
            self.setFillColor(ACCENT)
            self.setFont(FONT_BOLD, 11)
            self.drawString(left, top, _fit(letterhead.organisation, FONT_BOLD, 11, half))
            self.setFillColor(MUTED)
            self.setFont(FONT, 9)
            self.drawString(left, top - 4.6 * mm, _fit(letterhead.programme, FONT, 9, half))
            self.setFont(FONT, 9)
            title_width = CONTENT_WIDTH - half - 6 * mm
            self.drawRightString(
                right, top - 4.6 * mm, _fit(letterhead.title, FONT, 9, title_width)
            )
            self.setStrokeColor(RULE)
            self.setLineWidth(0.6)
            self.line(left, top - 8 * mm, right, top - 8 * mm)
            self.restoreState()
            if letterhead.banner:
                _draw_banner(self, letterhead.banner, top - 8 * mm - 1.5 * mm - BANNER_HEIGHT)

        def _draw_footer(self, printed_on: date, number: int, total: int) -> None:
            baseline = 13 * mm
            left, right = MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.6)
            self.line(left, baseline + 4.5 * mm, right, baseline + 4.5 * mm)
            self.setFillColor(MUTED)
            self.setFont(FONT, 8.5)
            self.drawString(
                left, baseline, _("Printed {date}").format(date=format_date(printed_on))
            )
            self.drawRightString(
                right, baseline, _("Page {page} of {pages}").format(page=number, pages=total)
            )
            self.restoreState()

    return _NumberedCanvas


#: The colour of a banner that must not be missed (the coordinator's copy).
WARNING = colors.HexColor("#9B1C1C")
BANNER_HEIGHT = 6 * mm


def _draw_banner(canvas: Canvas, text: str, y: float) -> None:
    """A filled band across the text width with `text` in white bold, its foot at `y`."""
    canvas.saveState()
    canvas.setFillColor(WARNING)
    canvas.rect(MARGIN_LEFT, y, CONTENT_WIDTH, BANNER_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(FONT_BOLD, 9.5)
    canvas.drawCentredString(
        PAGE_WIDTH / 2, y + 1.9 * mm, _fit(text, FONT_BOLD, 9.5, CONTENT_WIDTH - 4 * mm)
    )
    canvas.restoreState()


#: While `collecting()` is on, `build_pdf` keeps each document instead of building it.
_collected: ContextVar[list[Document] | None] = ContextVar("collected", default=None)


@contextmanager
def collecting() -> Iterator[list[Document]]:
    """Gather the documents that printouts would build, to build them as one PDF afterwards
    (`build_documents`): how a batch of any kind of printout is made in one go. Inside, every
    `build_pdf` call returns b"" and adds its document to the list."""
    documents: list[Document] = []
    token = _collected.set(documents)
    try:
        yield documents
    finally:
        _collected.reset(token)


def build_pdf(letterhead: Letterhead, story: Sequence[Flowable], *, printed_on: date) -> bytes:
    """Lay out `story` on A4 in the house style and return the finished PDF."""
    document = Document(letterhead, list(story), printed_on)
    collected = _collected.get()
    if collected is not None:
        collected.append(document)
        return b""
    return build_documents([document])


def build_documents(documents: Sequence[Document], title: str = "") -> bytes:
    """Several documents in one PDF, each starting on a new page with its own header and its
    own page numbers; `title` names the whole file (else the first document's title)."""
    if not documents:
        raise ValueError("build_documents needs at least one document")
    register_fonts()
    buffer = io.BytesIO()
    first = documents[0].letterhead
    document_title = title or (
        _("{title} – {programme}").format(title=first.title, programme=first.programme)
        if first.programme
        else first.title
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=document_title,
        author=first.organisation,
        subject=first.programme,
        creator=APP_NAME,
        lang="en-GB",
        displayDocTitle=True,
        initialFontName=FONT,
        keepTogetherClass=_KeepHeadingWithNext,
    )
    # No frame padding, so text, tables and ruled lines line up with the header and footer.
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list[Flowable] = []
    for index, document in enumerate(documents):
        if index:
            story.append(PageBreak())
        story.append(_DocumentStart(index))
        story.extend(document.story or [Spacer(1, 1)])
    doc.build(story, canvasmaker=_canvas_class(documents))
    return buffer.getvalue()


# ----------------------------------------------------------------------------- flowables


def heading(text: str, level: int = 1) -> Paragraph:
    """A heading: 1 for the document title, 2 for a section, 3 for a sub-section."""
    style = _HEADINGS.get(level)
    if style is None:
        raise ValueError(f"heading level must be 1, 2 or 3, not {level!r}")
    register_fonts()
    return Paragraph(_markup(text), style)


def paragraph(text: str) -> Paragraph:
    """Body text exactly as given: &, < and > are printed, never read as markup."""
    register_fonts()
    return Paragraph(_markup(text), _BODY)


def unbroken(name: str) -> str:
    """A name that never breaks across lines ("Seònaid Nic a' Phì" stays on one line)."""
    return "\u00a0".join(str(name).split())


def _list(items: Sequence[str], **kind: Any) -> Flowable:
    from reportlab.platypus import ListFlowable, ListItem

    register_fonts()
    item_style = ParagraphStyle("MentorListItem", parent=_BODY, spaceAfter=3)
    return ListFlowable(
        [ListItem(Paragraph(_markup(item), item_style)) for item in items],
        bulletFontName=FONT,
        bulletFontSize=_BODY.fontSize,
        bulletColor=INK,
        leftIndent=7 * mm,
        spaceAfter=_BODY.spaceAfter,
        **kind,
    )


def numbered_list(items: Sequence[str]) -> Flowable:
    """Terms numbered 1., 2., 3. with a hanging indent: wrapped lines start under the text."""
    if not items:
        raise ValueError("numbered_list needs at least one item")
    return _list(items, bulletType="1", bulletFormat="%s.", bulletDedent=7 * mm)


def bullet_list(items: Sequence[str]) -> Flowable:
    """Points with a bullet and a hanging indent."""
    if not items:
        raise ValueError("bullet_list needs at least one item")
    return _list(items, bulletType="bullet", start="•", bulletDedent=5 * mm)


class _KeepIfItFits(KeepTogether):  # type: ignore[misc]  # ReportLab has no type hints
    """ReportLab's KeepTogether, except that content taller than a whole page starts where it
    is (ReportLab moves it to a new page first, leaving the rest of this one empty)."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > FRAME_HEIGHT and aH >= ROOM_TO_START_UNDER_HEADING:
            return list(self._content)
        parts: list[Flowable] = super().split(aW, aH)
        return parts


def keep_together(flowables: Sequence[Flowable]) -> Flowable:
    """These flowables on one page when they fit on one: moved over together, never split,
    unless together they are taller than a page (then they flow on as usual)."""
    return _KeepIfItFits(list(flowables))


FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
_CONTINUED = ParagraphStyle(
    "MentorContinued", parent=_LABEL, fontName=FONT_BOLD_ITALIC, spaceAfter=2 * mm
)


class ContinuedTable(Table):  # type: ignore[misc]  # ReportLab has no type hints
    """A table that, split across pages, repeats its header row overleaf under a caption
    saying it continues ("Action points from last time (continued)"). Build it with
    `continued_table`."""

    continued = ""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            part.continued = self.continued  # ReportLab builds the parts afresh
        if len(parts) < 2 or not self.continued:
            return parts
        # The caption starts the next page, never ends this one, and stays with the rows.
        caption = Paragraph(_markup(self.continued), _CONTINUED)
        caption.keepWithNext = True
        return [parts[0], CondPageBreak(FRAME_HEIGHT), caption, *parts[1:]]


def continued_table(
    data: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    *,
    title: str,
    header_rows: int = 1,
    row_heights: Sequence[float | None] | None = None,
) -> ContinuedTable:
    """The house table for rows that may run over a page: the header row(s) repeat on each
    page, under "`title` (continued)"."""
    table = ContinuedTable(
        [list(row) for row in data],
        colWidths=list(col_widths),
        rowHeights=list(row_heights) if row_heights is not None else None,
        repeatRows=header_rows,
        hAlign="LEFT",
    )
    table.continued = _("{title} (continued)").format(title=title) if title else ""
    return table


def _height(flowables: Sequence[Flowable]) -> float:
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(CONTENT_WIDTH, FRAME_HEIGHT)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def end_with_signatures(
    sections: Sequence[Sequence[Flowable]],
    closing: Sequence[Flowable],
    continued: str = "",
    lead: Sequence[Flowable] = (),
) -> list[Flowable]:
    """The document's sections, each kept on one page where it fits, then `closing` (the
    signature block and what goes with it) kept with as much of the last section as fits on
    one page with it: the whole section, else its last parts. Signatures never stand alone on
    a page, and a section is split from its heading only when it is longer than a page.
    `continued` names the last section overleaf when it has to be split ("Goal 4 (continued)").
    `lead` is what comes before the sections on the first page: when all of it and all but the
    last section fit on that page, the last section's first parts fill what is left of it
    rather than leave it half empty (a blank action plan: its goal on page 1, its steps and the
    signatures on page 2)."""
    register_fonts()
    story: list[Flowable] = [keep_together(section) for section in sections[:-1] if section]
    last = list(sections[-1]) if sections else []
    room = FRAME_HEIGHT - _height(closing) - 2 * mm
    start = 0
    while start < len(last) and _height(last[start:]) > room:
        start += 1
    before = [f for section in sections[:-1] for f in section]
    left_on_page = FRAME_HEIGHT - _height([*lead, *before]) - 2 * mm
    if lead and left_on_page > 0 and _height(last + list(closing)) > left_on_page:
        # It all goes overleaf unless split: put as much of the section here as fits.
        fits = start
        while fits < len(last) and _height(last[: fits + 1]) <= left_on_page:
            fits += 1
        # At least the section's last part goes overleaf with the signatures, and a heading
        # (or a spacer after it) is never the last thing left on this page.
        fits = min(fits, len(last) - 1)
        while fits and (last[fits - 1].getKeepWithNext() or isinstance(last[fits - 1], Spacer)):
            fits -= 1
        start = max(start, fits)
    rest = list(last[start:])
    if start and start < len(last):
        story.append(keep_together(last[:start]))
        if continued:
            rest.insert(0, Paragraph(_markup(continued), _CONTINUED))
    elif start:
        story.extend(last)
    story.append(keep_together(rest + list(closing)))
    return story


def spacer(height_mm: float) -> Spacer:
    """Vertical space of `height_mm` millimetres."""
    return Spacer(1, height_mm * mm)


class _WritingLines(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Ruled lines across the page for a handwritten answer; splits across pages."""

    def __init__(self, count: int, gap: float = WRITING_LINE_GAP) -> None:
        super().__init__()
        self.count = count
        self.gap = gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * self.gap
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // self.gap)
        if fits <= 0 or fits >= self.count:
            return []
        return [_WritingLines(fits, self.gap), _WritingLines(self.count - fits, self.gap)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(PEN_LINE)
        canvas.setLineWidth(0.5)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def writing_lines(n: int) -> Flowable:
    """`n` ruled blank lines to answer by hand."""
    if n < 1:
        raise ValueError("writing_lines needs at least one line")
    return _WritingLines(n)


def _value_cell(value: str | None) -> Paragraph | str:
    return Paragraph(_markup(value), _VALUE) if value and str(value).strip() else ""


def field_rows(rows: Sequence[tuple[str, str | None]]) -> Table:
    """Label and value in two columns; a missing value is a blank line to fill in by pen."""
    if not rows:
        raise ValueError("field_rows needs at least one row")
    register_fonts()
    data = [[Paragraph(_markup(label), _LABEL), _value_cell(value)] for label, value in rows]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    heights: list[float | None] = []
    for i in range(len(rows)):
        if data[i][1] == "":
            heights.append(8.5 * mm)
            commands.append(("LINEBELOW", (1, i), (1, i), 0.5, PEN_LINE))
            commands.append(("BOTTOMPADDING", (0, i), (0, i), 0))
        else:
            heights.append(None)
            commands.append(("LINEBELOW", (0, i), (1, i), 0.4, HAIRLINE))
            # Written values read from the top, so a wrapped value keeps its label beside
            # its first line; a blank keeps the label down by the pen line.
            commands.append(("VALIGN", (0, i), (1, i), "TOP"))
    table = Table(
        data,
        colWidths=[LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
        rowHeights=heights,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    return table


def field_pairs(rows: Sequence[tuple[str, str | None]]) -> Table:
    """Like `field_rows`, two to a line: for short facts on a form to complete by hand."""
    if not rows:
        raise ValueError("field_pairs needs at least one row")
    register_fonts()
    gutter = 6 * mm
    label_width = 30 * mm
    value_width = (CONTENT_WIDTH - gutter) / 2 - label_width
    cells = list(rows) + [("", "x")] * (len(rows) % 2)
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("RIGHTPADDING", (4, 0), (4, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    for i in range(0, len(cells), 2):
        row = len(data)
        line: list[Any] = []
        for j, (label, value) in enumerate(cells[i : i + 2]):
            column = j * 3
            if label == "" and value == "x":  # the odd one out: an empty half line
                line += ["", ""]
                continue
            line += [Paragraph(_markup(label), _LABEL), _value_cell(value)]
            if _value_cell(value) == "":
                commands.append(("LINEBELOW", (column + 1, row), (column + 1, row), 0.5, PEN_LINE))
            else:
                commands.append(("LINEBELOW", (column, row), (column + 1, row), 0.4, HAIRLINE))
            if j == 0:
                line.append("")
        data.append(line)
    table = Table(
        data,
        colWidths=[label_width, value_width, gutter, label_width, value_width],
        rowHeights=[8.5 * mm] * len(data),
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    return table


class _TickBox(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """A square to tick by pen (or already ticked) with its label wrapped beside it."""

    def __init__(self, label: str, checked: bool | None) -> None:
        super().__init__()
        self.checked = bool(checked)
        self.label = Paragraph(_markup(label), _VALUE)
        self.indent = BOX_SIZE + 3 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, label_height = self.label.wrap(avail_width - self.indent, avail_height)
        self.width = avail_width
        self.height = max(label_height, BOX_SIZE) + 2 * mm
        self._label_height = label_height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height - 1 * mm
        # Sit the box on the label's first baseline, whatever the label's length.
        box_y = top - _VALUE.fontSize - 0.35 * mm
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.7)
        canvas.rect(0, box_y, BOX_SIZE, BOX_SIZE, stroke=1, fill=0)
        if self.checked:
            canvas.setLineWidth(1.2)
            canvas.setLineCap(1)
            canvas.setLineJoin(1)
            tick = canvas.beginPath()
            tick.moveTo(0.75 * mm, box_y + 1.9 * mm)
            tick.lineTo(1.6 * mm, box_y + 0.85 * mm)
            tick.lineTo(3.1 * mm, box_y + 3.0 * mm)
            canvas.drawPath(tick, stroke=1, fill=0)
        canvas.restoreState()
        self.label.drawOn(canvas, self.indent, top - self._label_height)


def tick_box(label: str, checked: bool | None) -> Flowable:
    """One tick box: True prints a tick; False or None leave the box empty for pen."""
    register_fonts()
    return _TickBox(label, checked)


def tick_list(items: Iterable[str | tuple[str, bool | None]]) -> Table:
    """A column of tick boxes; each item is a label or a (label, checked) pair."""
    boxes = []
    for item in items:
        label, checked = (item, None) if isinstance(item, str) else item
        boxes.append([tick_box(label, checked)])
    if not boxes:
        raise ValueError("tick_list needs at least one item")
    table = Table(boxes, colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


class _WholeTable(Table):  # type: ignore[misc]  # ReportLab has no type hints
    """A table that moves to the next page rather than split (unless it is taller than a page)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._height > PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM:
            parts: list[Flowable] = super().split(availWidth, availHeight)
            return parts
        return []


_RECORDED = ParagraphStyle(
    "MentorRecorded", parent=_VALUE, fontName=FONT_ITALIC, fontSize=9, textColor=MUTED
)


def _signature_cell(role: str, width: float, signed_on: date | None = None) -> Table:
    label_width = 14 * mm
    date_width = min(40 * mm, width - label_width)
    signed: Paragraph | str = ""
    when: Paragraph | str = ""
    if signed_on is not None:
        signed = Paragraph(escape(_("Signed on the original")), _RECORDED)
        when = Paragraph(escape(format_date(signed_on)), _VALUE)
    cell = Table(
        [
            [Paragraph(_markup(role), _HEADINGS[3]), "", ""],
            [Paragraph(escape(_("Signed")), _LABEL), signed, ""],
            [Paragraph(escape(_("Date")), _LABEL), when, ""],
        ],
        colWidths=[label_width, date_width, width - label_width - date_width],
        rowHeights=[None, 12 * mm, 10 * mm],
        hAlign="LEFT",
    )
    cell.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("SPAN", (0, 0), (-1, 0)),
                ("SPAN", (1, 1), (2, 1)),
                ("LINEBELOW", (1, 1), (2, 1), 0.6, INK),
                ("LINEBELOW", (1, 2), (1, 2), 0.6, INK),
            ]
        )
    )
    return cell


def signature_block(roles: Sequence[str], signed_on: Sequence[date | None] = ()) -> Flowable:
    """For each role, a "Signed" line and a "Date" line with room to sign by hand.

    Roles sit two to a row. The block is never split across pages, and a heading just before it
    moves with it. `signed_on`, beside the roles, gives the day each signed when that is
    recorded: a reprint then says "Signed on the original" with the date, in place of a blank.
    Keep it with the section it signs for (`keep_together`), so it never sits alone on a page.
    """
    register_fonts()
    if not roles:
        raise ValueError("signature_block needs at least one role")
    gutter = 12 * mm
    width = (CONTENT_WIDTH - gutter) / 2
    dates = list(signed_on) + [None] * (len(roles) - len(signed_on))
    cells = [_signature_cell(role, width, on) for role, on in zip(roles, dates, strict=False)]
    rows = [
        [cells[i], "", cells[i + 1] if i + 1 < len(cells) else ""] for i in range(0, len(cells), 2)
    ]
    table = _WholeTable(rows, colWidths=[width, gutter, width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, -1), 6 * mm),
            ]
        )
    )
    return table


def key_figures(figures: Sequence[tuple[str, str]]) -> Table:
    """A row of headline numbers, each over its label, on a pale panel (e.g. people counts)."""
    register_fonts()
    if not figures:
        raise ValueError("key_figures needs at least one figure")
    gutter = 4 * mm
    width = (CONTENT_WIDTH - gutter * (len(figures) - 1)) / len(figures)
    row: list[Any] = []
    widths: list[float] = []
    for i, (label, value) in enumerate(figures):
        if i:
            row.append("")
            widths.append(gutter)
        row.append([Paragraph(_markup(value), _FIGURE), Paragraph(_markup(label), _FIGURE_LABEL)])
        widths.append(width)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]
    for column in range(0, len(row), 2):
        commands.append(("BACKGROUND", (column, 0), (column, 0), PANEL))
    table = Table([row], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table
