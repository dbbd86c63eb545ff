"""Bugs the type checker led to: each test is the coordinator's view of one of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.model import Role
from app.services import importing
from app.storage import Database


def test_a_full_name_column_beside_a_first_name_column_is_checked_not_a_crash(
    db: Database, tmp_path: Path, today: date
) -> None:
    # "Name" is read as the full name and kept, because no column says "Last name"; the rows
    # with a first name used to stop the whole import with a TypeError. The surname now comes
    # from the full name.
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,First name,E-mail\n"
        "Amy Johnstone,Amy,amy.johnstone@example.org.uk\n"
        "Jack Reid,,jack.reid@example.org.uk\n",
        encoding="utf-8",
    )
    source = importing.read_source(path)
    mapping = importing.guess_mapping(source.headers)
    assert set(mapping.values()) == {"full_name", "first_name", "email"}
    with db.session() as s:
        plan = importing.plan_import(s, source, mapping, (Role.MENTEE,), today)

    amy, jack = plan.rows
    assert amy.line == 2 and amy.can_import and amy.name == "Amy Johnstone"
    assert jack.can_import and jack.name == "Jack Reid"
