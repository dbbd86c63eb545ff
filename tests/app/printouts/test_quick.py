"""`mentordesk print agreement ID` reads straight from SQLite when opening the file has nothing
to do: the same agreement as the window prints, without loading SQLAlchemy."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.model import Agreement, Match
from app.paths import DataPaths
from app.printouts import catalogue, quick
from app.services import matching
from app.storage import Database
from app.storage.engine import open_read_only

ROOT = Path(__file__).resolve().parents[3]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_quick_reading_matches_the_services_for_every_match(
    demo_db: Database, today: date
) -> None:
    with demo_db.session() as s:
        ids = list(s.scalars(select(Match.id).order_by(Match.id)))
        records = {a.match_id: a for a in s.scalars(select(Agreement))}
        expected = {i: catalogue.agreement_sheet(s, i, today) for i in [0, *ids]}
    # The demo has every case: no agreement yet, drawn up and waiting, signed by all three.
    assert set(ids) - set(records)
    assert any(not a.coordinator_signed_on for a in records.values())
    assert any(
        a.mentor_signed_on and a.mentee_signed_on and a.coordinator_signed_on
        for a in records.values()
    )
    conn = open_read_only(demo_db.paths.database)
    conn.row_factory = sqlite3.Row
    try:
        for match_id, sheet in expected.items():
            assert quick.agreement_sheet(conn, match_id, today) == sheet, match_id
    finally:
        conn.close()


def test_the_quick_reading_uses_the_services_wording() -> None:
    assert quick.DEFAULT_MENTOR_ROLE == matching.DEFAULT_MENTOR_ROLE
    assert quick.DEFAULT_MENTEE_ROLE == matching.DEFAULT_MENTEE_ROLE


def _print(data: Path, match_id: str, out: Path) -> subprocess.CompletedProcess[str]:
    """`mentordesk print agreement` in a fresh process; says whether it loaded SQLAlchemy."""
    code = (
        "import sys\nfrom ui.__main__ import main\n"
        f"code = main(['--data', {str(data)!r}, 'print', 'agreement', {match_id!r},"
        f" '-o', {str(out)!r}])\n"
        "print('sqlalchemy' if 'sqlalchemy' in sys.modules else 'plain')\nsys.exit(code)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_prints_an_agreement_without_sqlalchemy(
    demo_db: Database, tmp_path: Path, today: date
) -> None:
    with demo_db.session() as s:
        match_id = s.scalars(select(Agreement.match_id).order_by(Agreement.id)).first()
        assert match_id is not None
        in_the_window = text_of(catalogue.build("agreement", s, match_id, today))
        several = [*list(s.scalars(select(Match.id).order_by(Match.id)))[:3], 0]
        batch_in_the_window = catalogue.build_many("agreement", s, several, today)
    data = demo_db.paths.folder
    demo_db.close(backup=False)

    # No backup yet: the first print opens the file the ordinary way, which makes one.
    first = _print(data, str(match_id), tmp_path / "first.pdf")
    assert first.returncode == 0, first.stderr
    assert first.stdout.split()[-1] == "sqlalchemy"
    assert list((data / "backups").glob("*on-open*"))

    again = _print(data, str(match_id), tmp_path / "again.pdf")
    assert again.returncode == 0, again.stderr
    assert again.stdout.split()[-1] == "plain"
    assert text_of((tmp_path / "again.pdf").read_bytes()) == in_the_window
    assert text_of((tmp_path / "first.pdf").read_bytes()) == in_the_window

    batch = _print(data, ",".join(map(str, several)), tmp_path / "batch.pdf")
    assert batch.returncode == 0, batch.stderr
    assert batch.stdout.split()[-1] == "plain"
    made = PdfReader(str(tmp_path / "batch.pdf"))
    expected = PdfReader(io.BytesIO(batch_in_the_window))
    assert [p.extract_text() for p in made.pages] == [p.extract_text() for p in expected.pages]
    assert made.metadata is not None and expected.metadata is not None
    assert made.metadata.title == expected.metadata.title

    blank = _print(data, "0", tmp_path / "blank.pdf")
    assert blank.stdout.split()[-1] == "plain"
    assert "Mentoring agreement" in text_of((tmp_path / "blank.pdf").read_bytes())

    missing = _print(data, "9999", tmp_path / "missing.pdf")
    assert missing.returncode == 1
    assert "That match no longer exists." in missing.stderr
    assert not (tmp_path / "missing.pdf").exists()

    # Changed since the last backup (the window saved something): the ordinary way again.
    time.sleep(0.01)
    os.utime(data / "mentordesk.sqlite3")
    changed = _print(data, str(match_id), tmp_path / "changed.pdf")
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.split()[-1] == "sqlalchemy"


def test_the_quick_way_leaves_a_due_backup_to_the_ordinary_way(
    demo_db: Database, today: date
) -> None:
    assert quick.agreement_pdf(demo_db.paths, 1, today) is None  # no backup yet
    demo_db.backup("manual")
    pdf = quick.agreement_pdf(demo_db.paths, 1, today)
    assert pdf is not None and "Mentoring agreement" in text_of(pdf)


def test_the_catalogue_loads_a_document_only_when_it_is_built(today: date) -> None:
    code = (
        "import sys\nfrom app.printouts import catalogue\n"
        "assert catalogue.PRINTOUTS['review-record'].title\n"
        "heavy = [m for m in ('sqlalchemy', 'reportlab', 'app.model',"
        " 'app.printouts.review_record', 'app.printouts.certificates') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert catalogue.PRINTOUTS['review-record'].function.__name__ == 'review_record'\n"
        "assert 'app.printouts.review_record' in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    given = catalogue.Printout("x", "X", catalogue.agreement, "match")
    assert given.function is catalogue.agreement


def test_protected_data_is_printed_the_ordinary_way(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A password-protected file is opened through SQLCipher with its key: the quick reader
    (plain sqlite3) leaves it alone, and the command still prints."""
    from app.storage import encryption, password

    data = demo_db.paths.folder
    demo_db.close(backup=False)
    try:
        password.change_password(DataPaths(data), "lantern-puffin-22", current=None)
        assert quick.readable_without_opening(DataPaths(data)) is False
        monkeypatch.setenv("MENTORDESK_PASSWORD", "lantern-puffin-22")
        printed = _print(data, "1", tmp_path / "protected.pdf")
        assert printed.returncode == 0, printed.stderr
        assert printed.stdout.split()[-1] == "sqlalchemy"
        assert "Mentoring agreement" in text_of((tmp_path / "protected.pdf").read_bytes())
    finally:
        encryption.forget_all()
