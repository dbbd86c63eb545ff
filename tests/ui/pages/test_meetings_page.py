"""The Meetings page on the demo: timeline, logging a meeting (with drafts), support contacts,
concerns, the list of all logs, printing and export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.model import MeetingLog
from app.model.meeting import ActionOwner, MeetingMode
from app.services import meetings
from app.services.timeline import Timeline
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.support_dialogs import ConcernDialog, SupportContactDialog
from ui.main_window import MainWindow
from ui.pages import meetings_page
from ui.pages.meetings_page import MeetingsPage
from ui.widgets import drafts


def _page(window: MainWindow) -> MeetingsPage:
    window.go_to("meetings")
    page = window.stack.currentWidget()
    assert isinstance(page, MeetingsPage)
    return page


def _timeline(page: MeetingsPage) -> Timeline:
    """The timeline of the chosen match, which must be shown."""
    assert page.timeline_data is not None
    return page.timeline_data


def _match_id(page: MeetingsPage) -> int:
    """The chosen match's id (a match is always chosen on the demo)."""
    match_id = page.selected_match_id()
    assert match_id is not None
    return match_id


def test_the_page_lists_matches_and_shows_the_first_timeline(window: MainWindow) -> None:
    page = _page(window)
    names = [m.mentee_name for m in page.matches_model.rows]
    assert "Amy Johnstone" in names and len(names) == 14
    assert page.timeline_data is not None
    assert page.timeline_model.rowCount() > 10
    assert page.figures["meetings"].text() == str(page.timeline_data.totals.meetings)
    flagged = [
        page.matches_model.index(r, 0).data()
        for r in range(page.matches_model.rowCount())
        if page.matches_model.rows[r].open_concerns
    ]
    assert flagged and all(text.startswith("⚠") for text in flagged)
    assert page.due_model.rowCount() > 0
    assert page.logs_model.rowCount() == 0  # read when first looked at
    page.tabs.setCurrentIndex(1)
    assert page.logs_model.rowCount() > 50


def test_log_a_meeting_carrying_forward_last_times_action_points(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    page = _page(window)
    match_id = _match_id(page)
    before = _timeline(page).totals.meetings
    open_before = window.context.ops.read(lambda s: meetings.open_action_points(s, match_id))

    class Filled(MeetingDialog):
        def exec(self) -> int:
            assert self.reviews.rowCount() == len(open_before)
            self.duration.setValue(75)
            self.place.setText("Wee Acorns Nursery, Leith")
            self._add_action(
                meetings.NewAction("Observe a story session", ActionOwner.MENTEE), focus=True
            )
            due = self.action_points.item(self.action_points.rowCount() - 1, 2)
            assert due is not None
            due.setText((today + timedelta(days=14)).strftime("%d/%m/%Y"))
            self.accept()
            return int(self.result())

    monkeypatch.setattr(meetings_page, "MeetingDialog", Filled)
    page.log_button.click()
    assert _timeline(page).totals.meetings == before + 1
    still_open = window.context.ops.read(lambda s: meetings.open_action_points(s, match_id))
    texts = [r.text for r in still_open]
    assert "Observe a story session" in texts
    assert all(r.text in texts for r in open_before)  # carried forward by default


def test_dialog_shows_problems_by_the_fields_and_warns_about_length(
    qtbot: QtBot, window: MainWindow, today: date
) -> None:
    page = _page(window)
    match_id = _match_id(page)
    form = window.context.ops.read(lambda s: meetings.new_meeting_form(s, match_id, today))
    dialog = MeetingDialog(form, today=today)
    qtbot.addWidget(dialog)
    dialog.duration.setValue(20)
    assert dialog.duration_warning.isVisibleTo(dialog)
    assert "Shorter than the programme's 60 to 120 minutes" in dialog.duration_warning.text()
    dialog.duration.setValue(0)
    dialog.held_on.edit.setText("31/02/2026")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "no such date" in dialog.left_form.error_text("held_on")
    assert "how long" in dialog.left_form.error_text("duration_minutes")
    dialog.held_on.edit.setText(today.strftime("%d/%m/%Y"))
    dialog.mode.setCurrentIndex(dialog.mode.findData(MeetingMode.MESSAGE))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.details().duration_minutes is None


def test_what_is_typed_is_kept_as_a_draft_and_restored(
    qtbot: QtBot, window: MainWindow, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafts, "ask_to_discard", lambda parent, can_keep: drafts.KEEP)
    page = _page(window)
    match_id = _match_id(page)
    form = window.context.ops.read(lambda s: meetings.new_meeting_form(s, match_id, today))
    saved: list[dict[str, Any]] = []
    dialog = MeetingDialog(form, today=today, save_draft=saved.append)
    qtbot.addWidget(dialog)
    dialog.place.setText("Sunflower Family Centre")
    dialog.place.textEdited.emit("Sunflower Family Centre")
    qtbot.waitUntil(lambda: bool(saved), timeout=3000)  # saved a moment after typing
    dialog.private_note.setPlainText("Ask about the new room")
    dialog.reject()  # closing asks; keeping it as a draft keeps the latest
    assert saved[-1]["private_note"] == "Ask about the new room"

    key = form.draft_key
    window.context.ops.run(None, lambda s: meetings.save_draft(s, key, saved[-1]))
    draft = window.context.ops.read(lambda s: meetings.load_draft(s, key))
    again = MeetingDialog(form, today=today, draft=draft)
    qtbot.addWidget(again)
    assert again.place.text() == "Sunflower Family Centre"
    assert again.draft_banner.isVisibleTo(again)
    # Drafts never reach the lists.
    assert (
        window.context.ops.read(
            lambda s: s.scalar(
                select(MeetingLog.id).where(MeetingLog.place == "Sunflower Family Centre")
            )
        )
        is None
    )


def test_filtering_all_meeting_logs(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    page.tabs.setCurrentIndex(1)
    everything = page.logs_model.rowCount()
    page.log_filter.setText("amy john")
    amy = page.logs_model.rowCount()
    assert 0 < amy < everything
    assert {page.logs_model.index(r, 1).data() for r in range(amy)} == {"Amy Johnstone"}
    assert page.logs_count.text() == f"{amy} meeting logs"
    page.log_filter.clear()
    page.mode_filter.setCurrentIndex(page.mode_filter.findData(MeetingMode.MESSAGE))
    assert {page.logs_model.index(r, 3).data() for r in range(page.logs_model.rowCount())} == {
        "E-mail or message"
    }


def test_record_a_due_support_contact(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    page.tabs.setCurrentIndex(2)
    first = page.due_model.rows[0]
    before = page.due_model.rowCount()

    class Filled(SupportContactDialog):
        def exec(self) -> int:
            assert self.party.currentData() == first.party
            self.activities.setPlainText("Meeting every three weeks.")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(meetings_page, "SupportContactDialog", Filled)
    page.due.selectRow(0)
    page.record_due_button.click()
    assert page.due_model.rowCount() == before - 1
    assert (first.match_id, first.party) not in {
        (r.match_id, r.party) for r in page.due_model.rows if r.overdue
    }


def test_raise_a_concern_flags_the_match(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    page.select_match(page.matches_model.rows[1].id)
    assert not page.matches_model.rows[1].open_concerns

    class Filled(ConcernDialog):
        def exec(self) -> int:
            self.description.setPlainText("Mentor has missed two meetings.")
            self.accept()
            return int(self.result())

    monkeypatch.setattr(meetings_page, "ConcernDialog", Filled)
    page.concern_button.click()
    row = next(m for m in page.matches_model.rows if m.id == page.selected_match_id())
    assert row.open_concerns == 1
    assert any("concern is open" in w for w in _timeline(page).warnings)


def test_print_a_log_asks_before_including_the_private_note(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    page = _page(window)
    entries = page.timeline_model.rows
    row = max(i for i, e in enumerate(entries) if e.source == "meetings")
    meeting_id = entries[row].record_id
    assert meeting_id is not None
    form = window.context.ops.read(lambda s: meetings.meeting_form(s, meeting_id))
    details = meetings.MeetingDetails(**{**form.details.__dict__, "private_note": "Just for me"})
    window.context.ops.run(None, lambda s: meetings.update_meeting(s, meeting_id, details, today))
    printed: list[str] = []
    monkeypatch.setattr(
        meetings_page, "show_printout", lambda parent, context, kind, rid: printed.append(kind)
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.timeline.selectRow(row)
    page.print_button.click()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.print_button.click()
    assert printed == ["meeting-log", "meeting-log-with-private-note"]


def test_export_leaves_private_notes_out(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = _page(window)
    page.export_to(tmp_path / "logs.csv")
    text = (tmp_path / "logs.csv").read_text(encoding="utf-8-sig")
    assert "Amy Johnstone" in text
    assert "Private note" not in text
    assert "cover shifts" not in text  # a demo private note
    page.export_to(tmp_path / "with-notes.csv", include_private_notes=True)
    assert "cover shifts" in (tmp_path / "with-notes.csv").read_text(encoding="utf-8-sig")


def test_open_on_each_kind_of_timeline_entry_shows_its_own_form(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open… on a meeting, a support contact and a concern opens that record's own form (the
    smoke test's first row is never a meeting, so this presses each kind on purpose)."""
    page = _page(window)
    shown: list[str] = []

    def cancel(dialog: QDialog) -> int:
        shown.append(type(dialog).__name__)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", cancel)
    with_concern = next(m for m in page.matches_model.rows if m.open_concerns)
    assert page.select_match(with_concern.id)
    entries = page.timeline_model.rows
    for source in ("meetings", "support", "concerns"):
        row = next(i for i, e in enumerate(entries) if e.source == source)
        page.timeline.selectRow(row)
        assert page.open_button.isEnabled(), source
        page.open_button.click()
    assert shown == ["MeetingDialog", "SupportContactDialog", "ConcernDialog"]
