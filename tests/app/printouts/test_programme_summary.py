"""The programme summary sheet: what the manager reads, checks and signs."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from app.printouts.programme_summary import ProgrammeSummary, render

SUMMARY = ProgrammeSummary(
    name="Growing Together",
    organisation="Wee Acorns Nursery & Family Centre",
    model="Single organisation",
    mentoring_type="One-to-one",
    status="Active",
    start_date=date(2026, 8, 17),
    end_date=date(2027, 8, 16),
    description="Supports newly qualified practitioners in their first year.",
    coordinator="Seònaid Nic a' Phì",
    partner_organisations="Bright Starts Childminding Network",
    mentors=7,
    mentees=9,
    active_matches=6,
    rules=[("Relationship length", "12 months"), ("Notice of cancellation", "24 hours")],
)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_summary_prints_the_programme_details_people_and_rules(today: date) -> None:
    texts = pages_text(render(SUMMARY, printed_on=today))
    assert len(texts) == 1
    text = texts[0]
    for expected in (
        "Programme summary",
        "Wee Acorns Nursery & Family Centre",
        "Growing Together",
        "Single organisation",
        "One-to-one",
        "Active",
        "17/08/2026",
        "16/08/2027",
        "Supports newly qualified practitioners in their first year.",
        "Seònaid Nic a' Phì",
        "Bright Starts Childminding Network",
        "Relationship length",
        "12 months",
        "Notice of cancellation",
        "24 hours",
        "Page 1 of 1",
        f"Printed {today:%d/%m/%Y}",
    ):
        assert expected in text, expected


def test_people_counts_are_labelled(today: date) -> None:
    text = pages_text(
        render(replace(SUMMARY, mentors=11, mentees=13, active_matches=5), printed_on=today)
    )[0]
    assert "11" in text and "Mentors" in text
    assert "13" in text and "Mentees" in text
    assert "5" in text and "Active matches" in text


def test_summary_ends_with_approval_by_coordinator_and_manager(today: date) -> None:
    text = pages_text(render(SUMMARY, printed_on=today))[0]
    assert "Approved by" in text
    assert "Coordinator: Seònaid Nic a' Phì" in text
    assert "Manager" in text
    assert text.count("Signed") == 2


def test_missing_details_print_as_blanks_never_none(today: date) -> None:
    sparse = replace(
        SUMMARY,
        end_date=None,
        start_date=None,
        description="",
        partner_organisations="",
        coordinator="",
        rules=[("Supervision for mentors", "")],
    )
    text = pages_text(render(sparse, printed_on=today))[0]
    assert "None" not in text
    assert "End date" in text and "Start date" in text
    assert "Supervision for mentors" in text
    assert "Coordinator" in text


def test_values_the_database_left_empty_print_as_blanks(today: date) -> None:
    # Optional columns may arrive as None rather than "", whatever the fields' types say.
    blank: str = None  # type: ignore[assignment]  # what an empty database column gives
    empty = replace(
        SUMMARY, description=blank, coordinator=blank, partner_organisations=blank, status=blank
    )
    text = pages_text(render(empty, printed_on=today))[0]
    assert "None" not in text
    assert "Purpose" in text and "Status" in text


def test_no_rules_still_prints_a_sheet_to_fill_in(today: date) -> None:
    text = pages_text(render(replace(SUMMARY, rules=[]), printed_on=today))[0]
    assert "Programme rules" in text
    assert "Page 1 of 1" in text


def test_many_rules_spill_onto_a_second_numbered_page(today: date) -> None:
    rules = [(f"Rule number {i}", f"Setting {i}") for i in range(1, 41)]
    texts = pages_text(render(replace(SUMMARY, rules=rules), printed_on=today))
    assert len(texts) == 2
    assert "Page 1 of 2" in texts[0]
    assert "Page 2 of 2" in texts[1]
    for text in texts:
        assert "Wee Acorns Nursery & Family Centre" in text
        assert f"Printed {today:%d/%m/%Y}" in text
    assert "Rule number 40" in texts[1]
    assert "Approved by" in texts[1]


def test_text_the_coordinator_typed_is_printed_literally(today: date) -> None:
    typed = replace(SUMMARY, description="Mentors & mentees <meet> monthly")
    text = pages_text(render(typed, printed_on=today))[0]
    assert "Mentors & mentees <meet> monthly" in text


def test_pdf_title_names_the_sheet_and_programme(today: date) -> None:
    reader = PdfReader(io.BytesIO(render(SUMMARY, printed_on=today)))
    assert reader.metadata is not None
    assert reader.metadata.title == "Programme summary – Growing Together"
