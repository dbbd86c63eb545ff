"""`mentordesk audit`, `export-person`, `erase-person` and `retention` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import main
from app.model import Match, Participant, Person
from app.paths import DataPaths
from app.storage import Database


def _mentee(db: Database) -> tuple[int, str, str]:
    with db.session() as s:
        match = s.scalars(select(Match).order_by(Match.id)).first()
        assert match is not None
        person = s.get_one(Person, s.get_one(Participant, match.mentee_id).person_id)
        mentor = s.get_one(Person, s.get_one(Participant, match.mentor_id).person_id)
        return person.id, person.last_name, mentor.last_name


def test_export_erase_and_retention(
    paths: DataPaths, demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person_id, last_name, mentor_last = _mentee(demo_db)
    demo_db.close(backup=False)
    data = str(paths.folder)
    out = tmp_path / "request"
    assert main(["--data", data, "export-person", str(person_id), "-o", str(out)]) == 0
    exported = json.loads((out / f"subject-access-{person_id}.json").read_text(encoding="utf-8"))
    assert exported["person"]["last_name"] == last_name
    pdf_text = "".join(
        p.extract_text() for p in PdfReader(out / f"subject-access-{person_id}.pdf").pages
    )
    assert last_name in pdf_text and mentor_last not in pdf_text

    assert main(["--data", data, "retention"]) == 0
    assert "Nobody's retention period is over." in capsys.readouterr().out

    assert (
        main(
            ["--data", data, "erase-person", str(person_id), "--reason", "Asked by letter", "--yes"]
        )
        == 0
    )
    assert "Erased" in capsys.readouterr().out
    assert main(["--data", data, "audit", "--record", "person", "--id", str(person_id)]) == 0
    trail = capsys.readouterr().out
    assert "anonymised" in trail
    assert main(["--data", data, "export-person", str(person_id), "-o", str(out)]) == 0
    again = (out / f"subject-access-{person_id}.json").read_text(encoding="utf-8")
    assert last_name not in again
