"""`mentordesk today [--json]` and `mentordesk print today`: the same list on the command line
and on one page to pin up."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.paths import DataPaths
from app.printouts import catalogue
from app.printouts import today as printout
from app.storage import Database
from app.today import service
from app.today.items import Kind, Place, Target, TodayItem, TodayList


def test_today_prints_the_list_and_json(
    paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    capsys.readouterr()
    assert main(["--data", data, "today"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Today, 23/11/2026: Growing Together Mentoring Programme")
    assert "Open concerns (1)" in out and "! 03/11/2026  Rachel Kerr and Kirsty Robertson" in out
    assert main(["--data", data, "today", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["overdue"] > 0 and len(listing["groups"]) >= 8
    assert main(["--data", data, "today", "--programme", "99"]) == 1
    assert "programme" in capsys.readouterr().err.lower()


def test_print_today_writes_one_page(
    paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(paths.folder)
    assert main(["--data", data, "demo"]) == 0
    pdf = tmp_path / "today.pdf"
    assert main(["--data", data, "print", "today", "-o", str(pdf)]) == 0
    pages = PdfReader(pdf).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "Due and overdue on 23/11/2026" in text and "Open concerns (1)" in text
    assert "more on the Today page" in text


def _words(n: int) -> tuple[str, str]:
    return f"Person {n}", "A long reason that wraps onto a second line " * 3


def _many(today: date) -> TodayList:
    """Every kind, forty items each, with long reasons."""
    items = [
        TodayItem(
            kind,
            f"{kind.value}:{n}",
            today - timedelta(days=n),
            n > 0,
            Target(Place.MATCH, match_id=n),
            partial(_words, n),
        )
        for kind in Kind
        for n in range(40)
    ]
    return service.group(items, today, [])


def test_the_printout_stays_on_one_page_however_long_the_list(today: date) -> None:
    pdf = printout.render("Programme", "Organisation", _many(today), today)
    assert printout.page_count(pdf) == 1
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_each_group_gets_a_line_before_the_first_groups_take_more(today: date) -> None:
    listing = _many(today)
    shown = printout.allocate(listing, 16)
    assert shown[:3] == [4, 1, 1] and sum(shown) == 16
    assert printout.allocate(listing, 5) == [1] * 5 + [0] * 8


def test_the_printout_is_in_the_catalogue(demo_db: Database, today: date) -> None:
    assert "today" in catalogue.PRINTOUTS
    with demo_db.session() as s:
        pdf = catalogue.build("today", s, 0, today)
    assert printout.page_count(pdf) == 1
