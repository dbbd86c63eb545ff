"""`mentordesk print agreement ID` in a fraction of the time: read straight from SQLite.

A whole `mentordesk print` process spent about 1 s of its 1.5 s importing SQLAlchemy and
declaring every model class (on these shared machines), to run five small queries. The
agreement is the paper printed most often from scripts, so here its data is read with plain
SQL through the standard library's `sqlite3` and laid out by the same renderer
(`app/printouts/agreement.py`). It is a fast path only: whenever opening the file has work to
do (an upgrade, a backup that is due, a folder that cannot be written to, a problem to report),
`agreement_pdf` answers None and the command opens the data the ordinary way. Inside the
window, and for every other printout, `catalogue.agreement` gathers the same data through the
services; a test compares the two on every match of the demo.

Only SQL every database understands (plain SELECTs, quoted names); dates arrive as SQLite
stores them for SQLAlchemy, as ISO text.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

from app.agreement_template import DEFAULT_MENTEE_ROLE as DEFAULT_MENTEE_ROLE
from app.agreement_template import DEFAULT_MENTOR_ROLE as DEFAULT_MENTOR_ROLE
from app.i18n import _
from app.paths import DataPaths
from app.printouts.agreement import AgreementSheet

_RULES = (
    "relationship_months",
    "review_interval_months",
    "min_meetings_per_month",
    "min_meeting_minutes",
    "max_meeting_minutes",
    "max_contacts_between_meetings",
    "cancellation_notice_hours",
)


def readable_without_opening(paths: DataPaths) -> bool:
    """True when opening the data file the ordinary way would only read it: the file is sound
    and at this version's schema, not protected by a password, the folder can be written to,
    and no backup is due. Then a printout may read it directly."""
    from app.storage import backups, encryption, health, migrate
    from app.storage.folder import writable

    database = paths.database
    if not database.exists() or not writable(paths.folder) or not os.access(database, os.W_OK):
        return False
    if encryption.is_encrypted(database):  # the key comes through the ordinary opening
        return False
    found = health.diagnose(database, migrate.SCHEMA_VERSION)
    if found.problem is not None or found.version != migrate.SCHEMA_VERSION:
        return False
    return not backups.database_changed_since_last_backup(paths)


def agreement_pdf(paths: DataPaths, match_id: int, printed_on: date) -> bytes | None:
    """The agreement for a match (0: a blank one), or None when the data file must be opened
    the ordinary way first. The caller holds the data folder's lock."""
    return agreements_pdf(paths, [match_id], printed_on)


def agreements_pdf(paths: DataPaths, match_ids: Sequence[int], printed_on: date) -> bytes | None:
    """Several agreements as one PDF, each on its own pages, as `catalogue.build_many` makes
    them (`mentordesk print agreement 3,7,9`); None as for `agreement_pdf`."""
    if not match_ids or not readable_without_opening(paths):
        return None
    from app.printouts import agreement as document
    from app.printouts import catalogue, style
    from app.storage.engine import open_read_only

    conn = open_read_only(paths.database)
    try:
        conn.row_factory = sqlite3.Row
        sheets = [agreement_sheet(conn, match_id, printed_on) for match_id in match_ids]
    finally:
        conn.close()
    if len(sheets) == 1:
        return document.render(sheets[0], printed_on=printed_on)
    with style.collecting() as documents:
        for sheet in sheets:
            document.render(sheet, printed_on=printed_on)
    return style.build_documents(documents, title=catalogue.batch_title("agreement", len(sheets)))


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _name(row: sqlite3.Row, prefix: str) -> str:
    # As app.services.matching.display_name: the preferred name, else the first, then the last.
    first = row[f"{prefix}_preferred"] or row[f"{prefix}_first"]
    return f"{first} {row[f'{prefix}_last']}".strip()


def _policy_in_force(
    conn: sqlite3.Connection, programme_id: int, on: date
) -> tuple[int | None, date | None]:
    """As app.services.policy.policy_reference: the newest version approved on or before `on`."""
    row = conn.execute(
        "SELECT number, approved_on FROM policy_version"
        " WHERE programme_id = ? AND approved_on IS NOT NULL AND approved_on <= ?"
        " ORDER BY approved_on DESC, number DESC LIMIT 1",
        (programme_id, on.isoformat()),
    ).fetchone()
    return (int(row["number"]), _day(row["approved_on"])) if row else (None, None)


def _blank_programme(conn: sqlite3.Connection) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM programme ORDER BY archived_on IS NOT NULL, id LIMIT 1"
    ).fetchone()
    if row is None:
        from app.services.errors import ActionRefused

        raise ActionRefused(_("There is no programme yet, so there is nothing to print."))
    return row


def agreement_sheet(conn: sqlite3.Connection, match_id: int, printed_on: date) -> AgreementSheet:
    """Everything the agreement prints, read with plain SQL: the same values as
    `catalogue.agreement` gathers through the services."""
    if match_id == 0:
        p = _blank_programme(conn)
        version, approved_on = _policy_in_force(conn, p["id"], printed_on)
        return AgreementSheet(
            organisation=p["organisation"],
            programme=p["name"],
            coordinator=p["coordinator"],
            mentor="",
            mentee="",
            **{rule: p[rule] for rule in _RULES},
            issues="",
            mentor_role=_(DEFAULT_MENTOR_ROLE),
            mentee_role=_(DEFAULT_MENTEE_ROLE),
            agreed_on=None,
            review_on=None,
            policy_version=version,
            policy_approved_on=approved_on,
        )
    pair = conn.execute(
        "SELECT m.programme_id, a.first_name AS mentor_first, a.last_name AS mentor_last,"
        " a.preferred_name AS mentor_preferred, b.first_name AS mentee_first,"
        " b.last_name AS mentee_last, b.preferred_name AS mentee_preferred"
        ' FROM "match" m'
        " JOIN participant pa ON pa.id = m.mentor_id JOIN person a ON a.id = pa.person_id"
        " JOIN participant pb ON pb.id = m.mentee_id JOIN person b ON b.id = pb.person_id"
        " WHERE m.id = ?",
        (match_id,),
    ).fetchone()
    if pair is None:
        from app.services.errors import NotFound

        raise NotFound(_("That match no longer exists."))
    p = conn.execute("SELECT * FROM programme WHERE id = ?", (pair["programme_id"],)).fetchone()
    record = conn.execute("SELECT * FROM agreement WHERE match_id = ?", (match_id,)).fetchone()
    if record is not None:
        rules = record
        policy = (record["policy_version"], _day(record["policy_approved_on"]))
    else:
        rules = p
        policy = _policy_in_force(conn, p["id"], printed_on)
    return AgreementSheet(
        organisation=p["organisation"],
        programme=p["name"],
        coordinator=p["coordinator"],
        mentor=_name(pair, "mentor"),
        mentee=_name(pair, "mentee"),
        **{rule: rules[rule] for rule in _RULES},
        issues=record["issues"] if record is not None else "",
        mentor_role=record["mentor_role"] if record is not None else _(DEFAULT_MENTOR_ROLE),
        mentee_role=record["mentee_role"] if record is not None else _(DEFAULT_MENTEE_ROLE),
        agreed_on=_day(record["agreed_on"]) if record is not None else None,
        review_on=_day(record["review_on"]) if record is not None else None,
        policy_version=policy[0],
        policy_approved_on=policy[1],
        mentor_signed_on=_day(record["mentor_signed_on"]) if record is not None else None,
        mentee_signed_on=_day(record["mentee_signed_on"]) if record is not None else None,
        coordinator_signed_on=_day(record["coordinator_signed_on"]) if record is not None else None,
    )
