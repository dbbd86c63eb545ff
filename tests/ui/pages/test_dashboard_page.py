"""The Dashboard page on the demo: every figure with its chart, the filters, the monitoring
answers kept as a draft, and the evaluation report printed for the chosen period."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.model import MeetingLog, MeetingPrivateNote
from app.reports import charts, figures, monitoring
from tests.ui.helpers import open_page, programme_id
from ui.main_window import MainWindow
from ui.pages.dashboard_page import DashboardPage
from ui.widgets.print_preview import PrintPreviewDialog


def _page(window: MainWindow) -> DashboardPage:
    return open_page(window, "dashboard", DashboardPage)


def test_the_dashboard_is_in_the_navigation_before_settings(window: MainWindow) -> None:
    keys = [p.KEY for p in window.pages]
    assert keys.index("goals") < keys.index("dashboard") < keys.index("settings")


def test_every_figure_shows_with_its_chart(window: MainWindow, today: date) -> None:
    page = _page(window)
    start, end = figures.default_period(today)
    expected = window.context.ops.read(
        lambda s: figures.figures(s, programme_id(window), start, end, today)
    )
    assert page.result is not None and page.result.figures == expected
    assert list(page.cards) == [c.key for c in charts.CHARTS]
    for chart in charts.CHARTS:
        card = page.cards[chart.key]
        assert card.chart.renderer().isValid(), chart.key
        assert card.headline.text() == chart.headline(expected)
        assert card.chart.accessibleDescription() == chart.describe(expected)
    assert page.cards["meetings"].headline.text() == f"{expected.meetings} meetings"
    assert f"Trained mentors now: {expected.network.trained_mentors}" in page.network.text()
    assert "None" not in page.network.text() + page.gaps.text()
    for sentence in expected.missing:
        assert sentence in page.gaps.text()


def test_charts_are_painted_on_white_not_black(window: MainWindow) -> None:
    """QtSvg paints a black background under an SVG clip path outside <defs>; the page's
    charts must show their white-and-blue drawing."""
    page = _page(window)
    image = page.cards["matches"].chart.grab().toImage()
    corner = QColor(image.pixel(image.width() - 3, 3))
    assert corner.lightness() > 200, corner.name()


def test_a_narrower_period_changes_the_figures(window: MainWindow, today: date) -> None:
    page = _page(window)
    page.from_field.set_value(date(2026, 5, 1))
    page.to_field.set_value(date(2026, 5, 31))
    page.show_button.click()
    may = window.context.ops.read(
        lambda s: figures.figures(
            s, programme_id(window), date(2026, 5, 1), date(2026, 5, 31), today
        )
    )
    assert page.result is not None and page.result.figures == may
    assert [m.first for m in may.months] == [date(2026, 5, 1)]
    assert "01/05/2026 to 31/05/2026" in page.status.text()


def test_a_bad_period_is_explained_and_nothing_breaks(window: MainWindow) -> None:
    page = _page(window)
    before = page.result
    page.from_field.edit.setText("31/02/2026")
    page.show_button.click()
    assert "There is no such date" in page.status.text()
    page.from_field.set_value(date(2026, 6, 1))
    page.to_field.set_value(date(2026, 5, 1))
    page.show_button.click()
    assert "ends on or after" in page.status.text()
    assert page.result is before


def test_another_programme_can_be_chosen(window: MainWindow) -> None:
    page = _page(window)
    assert page.programme_box.count() >= 2
    other = page.programme_box.itemData(1)
    page.programme_box.setCurrentIndex(1)
    page.programme_box.activated.emit(1)
    assert page.result is not None and page.result.figures.programme_id == other


def test_answers_are_kept_as_typed_and_printed_without_private_notes(
    qtbot: QtBot, window: MainWindow
) -> None:
    # GIVEN a distinctive private note on one of the programme's meetings
    with window.context.database.session() as s:
        meeting_id = s.scalars(select(MeetingLog.id).where(MeetingLog.removed_on.is_(None))).first()
        assert meeting_id is not None
        note = s.scalar(
            select(MeetingPrivateNote).where(MeetingPrivateNote.meeting_id == meeting_id)
        )
        if note is None:
            s.add(MeetingPrivateNote(meeting_id=meeting_id, text="quokka-lantern-5519"))
        else:
            note.text = "quokka-lantern-5519"
    page = _page(window)
    # WHEN an answer is typed, the page saves it after a pause
    page.answers["going_well"].setPlainText("Mentors feel supported by the monthly calls.")
    assert page._save_timer.isActive()
    qtbot.waitUntil(lambda: "kept" in page.saved_label.text(), timeout=3000)
    saved = window.context.ops.read(lambda s: monitoring.answers(s, programme_id(window)))
    assert saved == {"going_well": "Mentors feel supported by the monthly calls."}
    # AND another answer typed just before printing goes into the report too
    page.answers["less_well"].setPlainText("Reviews slip in the summer.")
    page.print_button.click()
    previews = page.findChildren(PrintPreviewDialog)
    assert len(previews) == 1
    pdf = previews[0]._pdf_bytes
    previews[0].close()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Mentors feel supported by the monthly calls." in text
    assert "Reviews slip in the summer." in text
    assert "quokka-lantern" not in text
    # THEN leaving the page straight after typing keeps the answer too
    page.answers["differently"].setPlainText("Recruit mentors earlier.")
    window.go_to("goals")
    saved = window.context.ops.read(lambda s: monitoring.answers(s, programme_id(window)))
    assert saved["differently"] == "Recruit mentors earlier."
    assert saved["less_well"] == "Reviews slip in the summer."


def test_the_pack_and_the_export_open_from_the_dashboard_for_its_programme(
    window: MainWindow,
) -> None:
    from ui.dialogs.evidence_pack_dialog import EvidencePackDialog
    from ui.dialogs.export_tables_dialog import ExportTablesDialog

    page = _page(window)
    page.pack_button.click()
    packs = page.findChildren(EvidencePackDialog)
    assert len(packs) == 1 and packs[0].isVisible()
    assert packs[0].programme_id == page.selected_programme()
    packs[0].reject()
    page.export_button.click()
    exports = page.findChildren(ExportTablesDialog)
    assert len(exports) == 1 and exports[0].isVisible()
    assert exports[0].programme_id == page.selected_programme()
    exports[0].reject()
