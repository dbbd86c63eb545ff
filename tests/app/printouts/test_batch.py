"""Many printouts in one PDF: each keeps its own pages, header and page numbers."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import main
from app.model import Agreement, Match
from app.printouts import catalogue
from app.storage import Database


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_batch_numbers_each_agreement_from_page_1(demo_db: Database, today: date) -> None:
    with demo_db.session() as s:
        ids = list(s.scalars(select(Match.id).order_by(Match.id)))[:3]
        pdf = catalogue.build_many("agreement", s, ids, today)
        singles = [catalogue.build("agreement", s, i, today) for i in ids]
    pages = pages_text(pdf)
    expected: list[str] = []
    for single in singles:
        expected += pages_text(single)
    # The same pages as printing each alone, in order: same text, same "Page x of y".
    assert pages == expected
    footers = [re.search(r"Page \d+ of \d+", page).group(0) for page in pages]  # type: ignore[union-attr]
    assert footers.count("Page 1 of 2") == 3
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None and metadata.title == "Mentoring agreement (3)"


def test_several_numbers_all_and_all_waiting_from_the_command_line(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_db.session() as s:
        every = catalogue.every_id(s, "agreement")
        waiting = catalogue.agreements_waiting_for_signatures(s)
        signed = {
            a.match_id
            for a in s.scalars(select(Agreement))
            if a.mentor_signed_on and a.mentee_signed_on and a.coordinator_signed_on
        }
    assert len(every) > 3
    assert waiting and not set(waiting) & signed
    demo_db.close(backup=False)
    data = str(demo_db.paths.folder)

    out = tmp_path / "three.pdf"
    listed = ",".join(str(i) for i in every[:3])
    assert main(["--data", data, "print", "agreement", listed, "-o", str(out)]) == 0
    assert "3 printouts" in capsys.readouterr().out
    assert sum("Page 1 of" in t for t in pages_text(out.read_bytes())) == 3

    out = tmp_path / "all.pdf"
    assert main(["--data", data, "print", "agreement", "--all", "-o", str(out)]) == 0
    assert sum("Page 1 of" in t for t in pages_text(out.read_bytes())) == len(every)

    out = tmp_path / "waiting.pdf"
    assert main(["--data", data, "print", "agreement", "--all-waiting", "-o", str(out)]) == 0
    assert sum("Page 1 of" in t for t in pages_text(out.read_bytes())) == len(waiting)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agreement", "3,x"], "must be a number"),
        (["agreement"], "Say which one"),
        (["agreement", "3", "--all"], "not both"),
        (["action-plan", "--all-waiting"], "for agreements"),
        (["person", "--all"], "not available for person"),
    ],
)
def test_batch_mistakes_are_one_plain_line(
    demo_db: Database, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    demo_db.close(backup=False)
    assert main(["--data", str(demo_db.paths.folder), "print", *args]) == 1
    assert message in capsys.readouterr().err
