"""Reading files by their contents: the fixtures were written by LibreOffice Calc from
tests/fixtures/import/people.csv (see make_fixtures.sh there)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.importing.columns import find_table, guess_mapping
from app.importing.reading import decode, read_book
from app.services.errors import ActionRefused

FIXTURES = Path(__file__).parents[2] / "fixtures" / "import"

EXPECTED_FIELDS = {
    0: "full_name",
    1: "role",
    2: "email",
    3: "phone",
    4: "date_of_birth",
    5: "setting",
    6: "job_role",
    7: "start_date",
    8: "pvg_number",
    9: "pvg_issued_on",
    10: "references",
    11: "training_hours",
    12: "notes",
}


@pytest.mark.parametrize(
    ("name", "kind", "encoding"),
    [
        ("people.csv", "csv", "UTF-8"),
        ("people_calc.xlsx", "xlsx", ""),
        ("people_calc.ods", "ods", ""),
        ("people_calc.xls", "xls", ""),
        ("people_utf16.txt", "csv", "UTF-16"),
        ("people_semicolon_1252.csv", "csv", "Windows-1252"),
        ("workbook_renamed.csv", "xlsx", ""),
    ],
)
def test_every_fixture_reads_the_same_list(name: str, kind: str, encoding: str) -> None:
    book = read_book(FIXTURES / name)
    assert (book.kind, book.encoding) == (kind, encoding)
    table = find_table(book)
    assert table is not None
    assert table.header_line == 4
    assert [n for n, _text in table.above] == [1, 2]
    assert guess_mapping(table.headers) == EXPECTED_FIELDS
    assert table.headers[13] == "Lanyard colour"
    first = dict(zip(table.headers, table.rows[0][1], strict=True))
    assert first["Name"] == "Nic a' Phì, Seònaid"
    assert first["Setting"] == 'Bairns "R" Us'  # the doubled quotes, not a shifted row
    assert first["Lanyard colour"] == "Green"
    assert table.rows[0][0] == 5


def test_spreadsheets_give_real_dates() -> None:
    for name in ("people_calc.xlsx", "people_calc.ods", "people_calc.xls"):
        table = find_table(read_book(FIXTURES / name))
        assert table is not None
        assert table.rows[0][1][4] == date(1988, 4, 3)


def test_an_empty_workbook_says_so(tmp_path: Path) -> None:
    with pytest.raises(ActionRefused, match="has no rows in it"):
        read_book(FIXTURES / "empty_calc.xlsx")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"PK\x03\x04broken", "damaged or incomplete"),
        (b"\x00\x01\x02\x03" * 100, "neither a spreadsheet nor a text file"),
    ],
)
def test_hostile_files_get_a_plain_sentence(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "people.xlsx"
    path.write_bytes(content)
    if content.startswith(b"\x00"):
        path = path.rename(tmp_path / "people.csv")
    with pytest.raises(ActionRefused, match=message):
        read_book(path)


def test_junk_named_xlsx_and_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    path.write_text("Name,Email\n", encoding="utf-8")
    with pytest.raises(ActionRefused, match="is not a spreadsheet"):
        read_book(path)
    with pytest.raises(ActionRefused, match="There is no file"):
        read_book(tmp_path / "gone.csv")


def test_encodings() -> None:
    text = "Name\nSeònaid\n"
    assert decode(text.encode("utf-16")) == (text, "UTF-16")
    assert decode(text.encode("utf-16-le")) == (text, "UTF-16")
    assert decode(b"\xef\xbb\xbf" + text.encode()) == (text, "UTF-8")
    assert decode(text.encode("cp1252")) == (text, "Windows-1252")


def test_a_header_not_found_gives_no_table(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("Shopping\nMilk,Bread\nEggs,Jam\n", encoding="utf-8")
    assert find_table(read_book(path)) is None
