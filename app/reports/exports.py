"""The programme's records as plain tables, for a funder's own template: one Excel workbook (a
sheet a table) or CSV files (one a table, in a folder).

People, matches, meetings, support contacts, goals, reviews and endings, each row with the
number of its record so the tables can be joined (a meeting's match number is the match's
number in the Matches table). The coordinator's private meeting notes are never in them, nor
half-typed forms, nor anything in the restore bin. Every cell is safe to open in a spreadsheet:
text that looks like a formula is written as text and control characters are dropped
(`app/services/exporting.py`).
"""

from __future__ import annotations

import csv
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.formatting import format_date
from app.i18n import N_, _
from app.model import (
    Goal,
    Match,
    MatchClosure,
    MeetingLog,
    Participant,
    Person,
    ProgressRating,
    Review,
)
from app.model.support import SupportContact
from app.services.exporting import _safe


class ExportCancelled(Exception):
    """The coordinator stopped the export before it was finished."""


@dataclass(frozen=True)
class ExportTable:
    key: str  # the CSV file's name, without .csv
    title: str  # the sheet's name
    headers: list[str]
    rows: list[list[object]]


TABLES: tuple[tuple[str, str], ...] = (
    ("people", N_("People")),
    ("matches", N_("Matches")),
    ("meetings", N_("Meetings")),
    ("support_contacts", N_("Support contacts")),
    ("goals", N_("Goals")),
    ("reviews", N_("Reviews")),
    ("endings", N_("Endings")),
)


def _word(labels: Mapping[Any, str], value: enum.Enum | None) -> str:
    return _(labels[value]) if value is not None else ""


def _yes(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Yes") if value else _("No")


def _people(s: Session, programme_id: int) -> ExportTable:
    from app.model.person import ROLE_LABELS, STAGE_LABELS

    rows: list[list[object]] = []
    for part, person in s.execute(
        select(Participant, Person)
        .join(Person, Person.id == Participant.person_id)
        .where(Participant.programme_id == programme_id)
        .order_by(Person.last_name, Person.first_name, Person.id, Participant.role)
    ):
        rows.append(
            [
                person.id,
                person.first_name,
                person.last_name,
                person.preferred_name,
                _word(ROLE_LABELS, part.role),
                _word(STAGE_LABELS, part.stage),
                part.stage_on,
                part.joined_on,
                person.email,
                person.phone,
                person.setting,
                person.job_role,
                person.locality,
                person.postcode,
                person.gender,
                person.languages,
            ]
        )
    headers = [
        _("Person number"),
        _("First name"),
        _("Last name"),
        _("Preferred name"),
        _("Role"),
        _("Stage"),
        _("Stage since"),
        _("Joined"),
        _("E-mail"),
        _("Phone"),
        _("Setting"),
        _("Job role"),
        _("Area"),
        _("Postcode"),
        _("Gender"),
        _("Languages"),
    ]
    return ExportTable("people", _("People"), headers, rows)


def _matches(s: Session, programme_id: int) -> ExportTable:
    from app.model.match import ENDING_LABELS, MATCH_STATUS_LABELS

    mentor_p, mentee_p = aliased(Participant), aliased(Participant)
    mentor, mentee = aliased(Person), aliased(Person)
    rows: list[list[object]] = []
    for m, mentor_id, mentor_name, mentee_id, mentee_name in s.execute(
        select(
            Match,
            mentor.id,
            mentor.first_name + " " + mentor.last_name,
            mentee.id,
            mentee.first_name + " " + mentee.last_name,
        )
        .join(mentor_p, mentor_p.id == Match.mentor_id)
        .join(mentor, mentor.id == mentor_p.person_id)
        .join(mentee_p, mentee_p.id == Match.mentee_id)
        .join(mentee, mentee.id == mentee_p.person_id)
        .where(Match.programme_id == programme_id)
        .order_by(Match.id)
    ):
        length = (m.ended_on - m.started_on).days if m.started_on and m.ended_on else ""
        rows.append(
            [
                m.id,
                mentor_id,
                mentor_name,
                mentee_id,
                mentee_name,
                _word(MATCH_STATUS_LABELS, m.status),
                m.proposed_on,
                m.started_on,
                m.planned_end_on,
                m.ended_on,
                length,
                _word(ENDING_LABELS, m.ending_kind),
                m.end_reason,
            ]
        )
    headers = [
        _("Match number"),
        _("Mentor's person number"),
        _("Mentor"),
        _("Mentee's person number"),
        _("Mentee"),
        _("Status"),
        _("Proposed"),
        _("Started"),
        _("Planned end"),
        _("Ended"),
        _("Length in days"),
        _("How it ended"),
        _("Why it ended"),
    ]
    return ExportTable("matches", _("Matches"), headers, rows)


def _match_ids(s: Session, programme_id: int) -> list[int]:
    return list(s.scalars(select(Match.id).where(Match.programme_id == programme_id)))


def _meetings(s: Session, ids: list[int]) -> ExportTable:
    from app.model.meeting import MEETING_MODE_LABELS, STAGE_LABELS

    rows: list[list[object]] = []
    # Only the log's own columns: the private note lives in another table and is not read.
    for m in s.scalars(
        select(MeetingLog)
        .where(MeetingLog.match_id.in_(ids), MeetingLog.removed_on.is_(None))
        .order_by(MeetingLog.held_on, MeetingLog.id)
    ):
        rows.append(
            [
                m.id,
                m.match_id,
                m.held_on,
                _word(MEETING_MODE_LABELS, m.mode),
                m.duration_minutes if m.duration_minutes is not None else "",
                m.place,
                m.attended,
                _word(STAGE_LABELS, m.stage),
                m.next_meeting_on,
                m.mentee_signed_on,
                m.mentor_signed_on,
                m.copy_to_mentor_on,
            ]
        )
    headers = [
        _("Meeting number"),
        _("Match number"),
        _("Date"),
        _("How they met"),
        _("Minutes"),
        _("Where"),
        _("Who was there"),
        _("Stage of the relationship"),
        _("Next meeting"),
        _("Signed by the mentee"),
        _("Signed by the mentor"),
        _("Copy sent to the mentor"),
    ]
    return ExportTable("meetings", _("Meetings"), headers, rows)


def _support(s: Session, ids: list[int]) -> ExportTable:
    from app.model.meeting import MEETING_MODE_LABELS
    from app.model.support import DEPTH_LABELS, PARTY_LABELS, QUALITY_LABELS

    rows: list[list[object]] = []
    for c in s.scalars(
        select(SupportContact)
        .where(SupportContact.match_id.in_(ids), SupportContact.removed_on.is_(None))
        .order_by(SupportContact.held_on, SupportContact.id)
    ):
        rows.append(
            [
                c.id,
                c.match_id,
                c.held_on,
                _word(PARTY_LABELS, c.party),
                c.third_party_name,
                _word(MEETING_MODE_LABELS, c.mode),
                _word(DEPTH_LABELS, c.depth),
                c.activities,
                c.progress,
                _yes(c.safety_concern),
                _word(QUALITY_LABELS, c.quality),
                c.to_act_on,
            ]
        )
    headers = [
        _("Contact number"),
        _("Match number"),
        _("Date"),
        _("With"),
        _("Other person"),
        _("How"),
        _("Kind of contact"),
        _("Activities"),
        _("Progress"),
        _("Safety concern"),
        _("How the relationship is going"),
        _("To act on"),
    ]
    return ExportTable("support_contacts", _("Support contacts"), headers, rows)


def _goals(s: Session, ids: list[int]) -> ExportTable:
    from app.model.goal import goal_label

    latest_on = (
        select(ProgressRating.goal_id, func.max(ProgressRating.rated_on).label("on"))
        .group_by(ProgressRating.goal_id)
        .subquery()
    )
    latest: dict[int, tuple[int | None, date | None]] = {}
    for goal_id, rated, rated_on in s.execute(
        select(ProgressRating.goal_id, ProgressRating.rating, ProgressRating.rated_on)
        .join(
            latest_on,
            (latest_on.c.goal_id == ProgressRating.goal_id)
            & (latest_on.c.on == ProgressRating.rated_on),
        )
        .order_by(ProgressRating.id)
    ):
        latest[goal_id] = (rated, rated_on)
    rows: list[list[object]] = []
    for g in s.scalars(select(Goal).where(Goal.match_id.in_(ids)).order_by(Goal.match_id, Goal.id)):
        rating, on = latest.get(g.id, (None, None))
        change = (
            rating - g.baseline_rating
            if rating is not None and g.baseline_rating is not None
            else ""
        )
        rows.append(
            [
                g.id,
                g.match_id,
                g.title,
                goal_label(g.term),
                goal_label(g.status),
                g.baseline_rating if g.baseline_rating is not None else "",
                g.target_rating if g.target_rating is not None else "",
                rating if rating is not None else "",
                on,
                change,
                g.start_on,
                g.target_on,
                g.why,
                g.baseline_note,
                g.target,
                g.success_criteria,
            ]
        )
    headers = [
        _("Goal number"),
        _("Match number"),
        _("Goal"),
        _("Short or long term"),
        _("Status"),
        _("Baseline rating"),
        _("Target rating"),
        _("Latest rating"),
        _("Latest rating on"),
        _("Change from baseline"),
        _("Start date"),
        _("Target date"),
        _("Why it matters"),
        _("Where we start"),
        _("Target"),
        _("Success criteria"),
    ]
    return ExportTable("goals", _("Goals"), headers, rows)


def _reviews(s: Session, ids: list[int]) -> ExportTable:
    from app.model.review import REVIEW_DECISION_LABELS, WORKING_LABELS

    rows: list[list[object]] = []
    for r in s.scalars(
        select(Review).where(Review.match_id.in_(ids)).order_by(Review.held_on, Review.id)
    ):
        rows.append(
            [
                r.id,
                r.match_id,
                r.held_on,
                r.due_on,
                _yes(r.mentor_present),
                _yes(r.mentee_present),
                _yes(r.coordinator_present),
                r.others_present,
                _word(WORKING_LABELS, r.working_for_mentor),
                _word(WORKING_LABELS, r.working_for_mentee),
                _yes(r.goals_still_right),
                r.goals_note,
                r.progress_note,
                r.changes_agreed,
                _word(REVIEW_DECISION_LABELS, r.decision),
                r.new_end_on,
                r.next_review_on,
            ]
        )
    headers = [
        _("Review number"),
        _("Match number"),
        _("Date"),
        _("Due"),
        _("Mentor there"),
        _("Mentee there"),
        _("Coordinator there"),
        _("Others there"),
        _("Working for the mentor"),
        _("Working for the mentee"),
        _("Goals still right"),
        _("About the goals"),
        _("About progress"),
        _("Changes agreed"),
        _("Decision"),
        _("New planned end"),
        _("Next review"),
    ]
    return ExportTable("reviews", _("Reviews"), headers, rows)


def _endings(s: Session, ids: list[int]) -> ExportTable:
    from app.model.ending import (
        CLOSURE_PATH_LABELS,
        EARLY_BY_LABELS,
        MENTEE_NEXT_LABELS,
        MENTOR_NEXT_LABELS,
        TAKE_PART_AGAIN_LABELS,
    )

    rows: list[list[object]] = []
    for c in s.scalars(
        select(MatchClosure).where(MatchClosure.match_id.in_(ids)).order_by(MatchClosure.match_id)
    ):
        rows.append(
            [
                c.match_id,
                c.started_on,
                _word(CLOSURE_PATH_LABELS, c.path),
                _word(EARLY_BY_LABELS, c.early_by),
                _yes(c.not_a_good_fit),
                c.reasons,
                c.end_on,
                c.final_meeting_on,
                c.mentor_exit_on,
                c.mentor_went_well,
                c.mentor_changed,
                c.mentor_better,
                _word(TAKE_PART_AGAIN_LABELS, c.mentor_again),
                c.mentee_exit_on,
                c.mentee_went_well,
                c.mentee_changed,
                c.mentee_better,
                _word(TAKE_PART_AGAIN_LABELS, c.mentee_again),
                _word(MENTEE_NEXT_LABELS, c.mentee_next),
                _word(MENTOR_NEXT_LABELS, c.mentor_next),
                c.certificates_on,
                c.confirmed_on,
            ]
        )
    headers = [
        _("Match number"),
        _("Ending begun"),
        _("How it ended"),
        _("Ended early by"),
        _("Not a good fit"),
        _("Reasons"),
        _("End date"),
        _("Final meeting"),
        _("Mentor's exit conversation"),
        _("Mentor: what went well"),
        _("Mentor: what changed"),
        _("Mentor: what could be better"),
        _("Mentor would take part again"),
        _("Mentee's exit conversation"),
        _("Mentee: what went well"),
        _("Mentee: what changed"),
        _("Mentee: what could be better"),
        _("Mentee would take part again"),
        _("What next for the mentee"),
        _("What next for the mentor"),
        _("Certificates given"),
        _("Closure confirmed"),
    ]
    return ExportTable("endings", _("Endings"), headers, rows)


def gather(
    s: Session,
    programme_id: int,
    *,
    on_progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ExportTable]:
    """Every table of the programme, in the order of TABLES."""
    from app.services.lookups import get_programme

    get_programme(s, programme_id)  # refuses a programme that no longer exists
    ids = _match_ids(s, programme_id)
    makers: list[Callable[[], ExportTable]] = [
        lambda: _people(s, programme_id),
        lambda: _matches(s, programme_id),
        lambda: _meetings(s, ids),
        lambda: _support(s, ids),
        lambda: _goals(s, ids),
        lambda: _reviews(s, ids),
        lambda: _endings(s, ids),
    ]
    tables = []
    for n, make in enumerate(makers, start=1):
        if cancelled is not None and cancelled():
            raise ExportCancelled
        tables.append(make())
        if on_progress is not None:
            on_progress(n, len(makers))
    return tables


def _cell(value: object) -> object:
    return _safe(value)


def write_xlsx(tables: Sequence[ExportTable], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
        for n, column in enumerate(sheet.columns):
            cells = list(column)
            longest = max(len(str(c.value)) if c.value is not None else 0 for c in cells)
            letter = cells[0].column_letter
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 50)
            if any(isinstance(r[n], date) for r in table.rows):
                for c in cells[1:]:
                    c.number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
    _save(book, path)


def _save(book: Any, path: Path) -> None:
    """Write the workbook beside `path` first, so a failure leaves no half-written file."""
    part = path.with_name(path.name + ".part")
    try:
        book.save(part)
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)


def _csv_value(value: object) -> object:
    if isinstance(value, date):
        return format_date(value)
    return _cell(value)


def write_csv(tables: Sequence[ExportTable], folder: Path) -> list[Path]:
    """One CSV file a table in `folder` (made if missing); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.key}.csv"
        part = path.with_name(path.name + ".part")
        try:
            with part.open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow(table.headers)
                writer.writerows([[_csv_value(v) for v in row] for row in table.rows])
            part.replace(path)
        finally:
            part.unlink(missing_ok=True)
        written.append(path)
    return written


def export_tables(
    s: Session,
    programme_id: int,
    target: Path,
    *,
    on_progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ExportTable]:
    """The tables to `target`: an .xlsx workbook, or else a folder of CSV files."""
    tables = gather(s, programme_id, on_progress=on_progress, cancelled=cancelled)
    if target.suffix.lower() == ".xlsx":
        write_xlsx(tables, target)
    else:
        write_csv(tables, target)
    return tables
