"""The house style: every printout reads right, numbers its pages and can be completed by pen."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.fonts import tt2ps
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from app.printouts import style

LETTERHEAD = style.Letterhead(
    organisation="Wee Acorns Nursery", programme="Growing Together", title="Meeting log"
)
#: Not the test day: a day and month below ten, to see them printed with their leading zeros.
PRINTED = date(2026, 1, 5)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def line_segments(pdf: bytes) -> int:
    """How many straight strokes the first page draws (ruled lines, box edges, ticks)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    content = ContentStream(page.get_contents(), page.pdf)
    return sum(1 for _operands, operator in content.operations if operator == b"l")


def test_register_fonts_is_idempotent_and_maps_bold_and_italic() -> None:
    style.register_fonts()
    style.register_fonts()
    names = pdfmetrics.getRegisteredFontNames()
    for name in ("MentorSans", "MentorSans-Bold", "MentorSans-Italic", "MentorSans-BoldItalic"):
        assert names.count(name) == 1
    assert tt2ps("MentorSans", 1, 0) == "MentorSans-Bold"
    assert tt2ps("MentorSans", 0, 1) == "MentorSans-Italic"
    assert tt2ps("MentorSans", 1, 1) == "MentorSans-BoldItalic"


@pytest.mark.parametrize(
    "font", ["MentorSans", "MentorSans-Bold", "MentorSans-Italic", "MentorSans-BoldItalic"]
)
def test_bundled_fonts_have_gaelic_welsh_and_polish_letters(font: str) -> None:
    style.register_fonts()
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    for letter in "òìàùèÒÌÀŵŴłŁ’–…":
        assert ord(letter) in glyphs, letter


def test_format_date_is_day_month_year_and_blank_when_unknown() -> None:
    assert style.format_date(date(2026, 1, 5)) == "05/01/2026"
    assert style.format_date(date(987, 12, 31)) == "31/12/0987"
    assert style.format_date(None) == ""


def test_every_page_has_letterhead_and_numbered_footer() -> None:
    story = [style.heading("Meeting log"), style.writing_lines(70)]
    texts = pages_text(style.build_pdf(LETTERHEAD, story, printed_on=PRINTED))
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert "Wee Acorns Nursery" in text
        assert "Growing Together" in text
        assert "Meeting log" in text
        assert f"Page {number} of {len(texts)}" in text
        assert "Printed 05/01/2026" in text


def test_the_print_date_is_the_day_it_is_printed_on(today: date) -> None:
    text = pages_text(style.build_pdf(LETTERHEAD, [style.paragraph("Hello")], printed_on=today))[0]
    assert f"Printed {today:%d/%m/%Y}" in text


def test_pdf_metadata_names_the_document_and_organisation() -> None:
    pdf = style.build_pdf(LETTERHEAD, [style.paragraph("Hello")], printed_on=PRINTED)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == "Meeting log – Growing Together"
    assert reader.metadata.author == "Wee Acorns Nursery"


def test_an_empty_story_still_prints_a_page() -> None:
    texts = pages_text(style.build_pdf(LETTERHEAD, [], printed_on=PRINTED))
    assert len(texts) == 1
    assert "Page 1 of 1" in texts[0]


def test_long_letterhead_is_shortened_not_overprinted() -> None:
    long_name = "The Very Long Name of a Partnership of Nurseries " * 4
    letterhead = style.Letterhead(long_name, "Growing Together", "Meeting log")
    text = pages_text(style.build_pdf(letterhead, [style.paragraph("x")], printed_on=PRINTED))[0]
    assert "The Very Long Name of a Partnership" in text
    assert "…" in text


def test_paragraph_prints_markup_characters_literally_and_keeps_line_breaks() -> None:
    story = [
        style.heading("Fish & chips <b>"),
        style.paragraph("Tom & Jerry <b>not bold</b> <unclosed\nSecond line"),
    ]
    text = pages_text(style.build_pdf(LETTERHEAD, story, printed_on=PRINTED))[0]
    assert "Fish & chips <b>" in text
    assert "Tom & Jerry <b>not bold</b> <unclosed" in text
    assert "Second line" in text


def test_accented_names_survive_into_the_pdf_text() -> None:
    story = [style.field_rows([("Mentor", "Seònaid Nic a' Phì"), ("Mentee", "Ŵyn Łukasz")])]
    text = pages_text(style.build_pdf(LETTERHEAD, story, printed_on=PRINTED))[0]
    assert "Seònaid Nic a' Phì" in text
    assert "Ŵyn Łukasz" in text


def test_heading_levels() -> None:
    for level in (1, 2, 3):
        assert style.heading("Section", level).getPlainText() == "Section"
    with pytest.raises(ValueError):
        style.heading("Section", 4)


def test_missing_values_print_blank_never_none() -> None:
    story = [
        style.field_rows([("Mentor", "Alex Brown"), ("Mentee", None), ("Start date", "")]),
    ]
    text = pages_text(style.build_pdf(LETTERHEAD, story, printed_on=PRINTED))[0]
    assert "Mentee" in text and "Start date" in text and "Alex Brown" in text
    assert "None" not in text


def test_a_missing_value_leaves_room_to_write_by_hand() -> None:
    blank = style.field_rows([("Mentee", None)])
    filled = style.field_rows([("Mentee", "Alex Brown")])
    _w, blank_height = blank.wrap(style.CONTENT_WIDTH, 500)
    _w, filled_height = filled.wrap(style.CONTENT_WIDTH, 500)
    assert blank_height >= 8 * mm
    assert blank_height > filled_height
    with pytest.raises(ValueError):
        style.field_rows([])


def test_tick_box_is_ticked_only_when_true() -> None:
    def strokes(checked: bool | None) -> int:
        pdf = style.build_pdf(
            LETTERHEAD, [style.tick_box("PVG checked", checked)], printed_on=PRINTED
        )
        return line_segments(pdf)

    assert strokes(None) == strokes(False)
    assert strokes(True) == strokes(False) + 2  # the two strokes of the tick
    pdf = style.build_pdf(LETTERHEAD, [style.tick_box("PVG checked", True)], printed_on=PRINTED)
    text = pages_text(pdf)[0]
    assert "PVG checked" in text


def test_tick_list_takes_labels_or_label_and_tick() -> None:
    items: list[str | tuple[str, bool | None]] = [
        "Induction completed",
        ("Agreement signed", True),
        ("References", None),
    ]
    pdf = style.build_pdf(LETTERHEAD, [style.tick_list(items)], printed_on=PRINTED)
    text = pages_text(pdf)[0]
    for label in ("Induction completed", "Agreement signed", "References"):
        assert label in text
    one_ticked = line_segments(pdf)
    none_ticked = line_segments(
        style.build_pdf(
            LETTERHEAD,
            [style.tick_list(["Induction completed", "Agreement signed", "References"])],
            printed_on=PRINTED,
        )
    )
    assert one_ticked == none_ticked + 2
    with pytest.raises(ValueError):
        style.tick_list([])


def test_signature_block_has_signed_and_date_for_each_role() -> None:
    block = style.signature_block(["Mentor", "Mentee"])
    text = pages_text(style.build_pdf(LETTERHEAD, [block], printed_on=PRINTED))[0]
    assert "Mentor" in text and "Mentee" in text
    assert text.count("Signed") == 2
    # "Date" also appears nowhere else on this page (the footer says "Printed").
    assert text.count("Date") == 2
    with pytest.raises(ValueError):
        style.signature_block([])


def test_writing_lines_continue_onto_the_next_page() -> None:
    assert style.writing_lines(3).wrap(style.CONTENT_WIDTH, 500)[1] == pytest.approx(24 * mm)
    texts = pages_text(style.build_pdf(LETTERHEAD, [style.writing_lines(45)], printed_on=PRINTED))
    assert len(texts) == 2
    with pytest.raises(ValueError):
        style.writing_lines(0)


def test_long_table_starts_under_its_heading_instead_of_leaving_a_gap() -> None:
    rows = [(f"Rule {i}", f"Value {i}") for i in range(1, 60)]
    story = [style.spacer(120), style.heading("Programme rules", 2), style.field_rows(rows)]
    texts = pages_text(style.build_pdf(LETTERHEAD, story, printed_on=PRINTED))
    assert "Programme rules" in texts[0]
    assert "Rule 1" in texts[0]
    assert "Rule 59" in texts[-1]


@pytest.mark.parametrize(
    ("space_above_mm", "roles"),
    [
        (205, ["Coordinator", "Manager"]),  # 38 mm left: room for the heading alone
        (170, ["Coordinator", "Manager", "Mentor", "Mentee"]),  # 73 mm left, block taller
    ],
)
def test_heading_is_not_left_alone_at_the_foot_of_a_page(
    space_above_mm: int, roles: list[str]
) -> None:
    story = [
        style.spacer(space_above_mm),
        style.heading("Approved by", 2),
        style.signature_block(roles),
    ]
    texts = pages_text(style.build_pdf(LETTERHEAD, story, printed_on=PRINTED))
    assert len(texts) == 2
    assert "Approved by" not in texts[0]
    assert "Approved by" in texts[1]
    assert texts[1].count("Signed") == len(roles)


def test_key_figures_print_numbers_with_labels() -> None:
    figures = style.key_figures([("Mentors", "7"), ("Mentees", "9")])
    text = pages_text(style.build_pdf(LETTERHEAD, [figures], printed_on=PRINTED))[0]
    assert "Mentors" in text and "7" in text and "Mentees" in text and "9" in text
    with pytest.raises(ValueError):
        style.key_figures([])


def test_spacer_is_measured_in_millimetres() -> None:
    assert style.spacer(10).wrap(100, 100)[1] == pytest.approx(10 * mm)
