"""A file into sheets of cells, or one plain sentence saying why it cannot be read.

The file's contents decide how it is read, not its name: an .xlsx renamed .csv is still read
as a workbook, and junk named .xlsx is refused in words. Spreadsheets go through
python-calamine (.xlsx, .xls, .ods; real date cells arrive as dates, formulas as their
values); text files through the csv module with the dialect Excel and Calc write (doubled
quotes), after finding the encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) and the
separator (comma, semicolon or tab).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.i18n import _
from app.services.errors import ActionRefused

#: (row number as the spreadsheet shows it, the cells of that row)
Line = tuple[int, list[object]]

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")


@dataclass(frozen=True)
class Sheet:
    name: str
    lines: list[Line]


@dataclass(frozen=True)
class Book:
    """What a file holds: its sheets, and how it was read (for the summary)."""

    sheets: list[Sheet]
    kind: str  # "xlsx", "xls", "ods" or "csv"
    encoding: str = ""
    separator: str = ""


def _refuse(message: str) -> ActionRefused:
    return ActionRefused(message)


def read_book(path: Path) -> Book:
    """Every sheet of the file, hidden sheets left out."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            size = path.stat().st_size
    except FileNotFoundError:
        raise _refuse(_("There is no file at {path}.").format(path=path)) from None
    except IsADirectoryError:
        raise _refuse(_("{path} is a folder, not a file.").format(path=path)) from None
    except PermissionError:
        raise _refuse(
            _("Mentor Desk is not allowed to open {name}; check the file's permissions.").format(
                name=path.name
            )
        ) from None
    except OSError as exc:
        raise _refuse(
            _("The file {name} could not be opened ({problem}).").format(
                name=path.name, problem=exc.strerror or exc
            )
        ) from None
    if size == 0:
        raise _refuse(
            _("The file {name} is empty (0 bytes): there is nothing in it to import.").format(
                name=path.name
            )
        )
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _read_zip_book(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _read_spreadsheet(path, "xls")
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        raise _refuse(
            _(
                "{name} is not a spreadsheet, although its name ends in {suffix}. Open it in "
                "Excel or LibreOffice and save it again as .xlsx, .ods or .csv."
            ).format(name=path.name, suffix=path.suffix)
        )
    return _read_text(path)


def _read_zip_book(path: Path) -> Book:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        raise _refuse(
            _(
                "{name} looks like a spreadsheet but is damaged or incomplete. Open it in Excel "
                "or LibreOffice and save it again."
            ).format(name=path.name)
        ) from None
    if "[Content_Types].xml" in names:
        return _read_spreadsheet(path, "xlsx")
    if "content.xml" in names or "mimetype" in names:
        return _read_spreadsheet(path, "ods")
    raise _refuse(
        _(
            "{name} is a zip archive, not a spreadsheet. Take the spreadsheet out of it, or "
            "save the list as .xlsx, .ods or .csv."
        ).format(name=path.name)
    )


def _read_spreadsheet(path: Path, kind: str) -> Book:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    damaged = _(
        "{name} could not be read as a spreadsheet: it may be damaged, protected by a "
        "password, or saved by a program Mentor Desk does not know. Open it in Excel or "
        "LibreOffice and save it again as .xlsx or .csv."
    ).format(name=path.name)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises several kinds (zip, XML, password, format)
        raise _refuse(damaged) from None
    try:
        sheets: list[Sheet] = []
        for meta in book.sheets_metadata:
            if meta.visible != SheetVisibleEnum.Visible:
                continue
            try:
                sheet = book.get_sheet_by_name(meta.name)
                cells = sheet.to_python(skip_empty_area=False)
            except Exception:
                raise _refuse(damaged) from None
            sheets.append(
                Sheet(meta.name, [(n, list(row)) for n, row in enumerate(cells, start=1)])
            )
    finally:
        book.close()
    if not any(any(_filled(c) for c in cells) for s in sheets for _n, cells in s.lines):
        raise _refuse(
            _("The spreadsheet {name} has no rows in it: there is nothing to import.").format(
                name=path.name
            )
        )
    return Book(sheets=sheets, kind=kind)


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


# ----------------------------------------------------------------------------- text files


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name) for the encodings spreadsheets save text as."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    elif raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
    else:
        sample = raw[:4000]
        # UTF-16 without its mark: every other byte is zero for Latin text.
        if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
            try:
                return raw.decode("utf-16-le"), "UTF-16"
            except UnicodeDecodeError:
                pass
        if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
            try:
                return raw.decode("utf-16-be"), "UTF-16"
            except UnicodeDecodeError:
                pass
        try:
            return raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            pass
    raise UnicodeError


def _looks_binary(text: str) -> bool:
    sample = text[:8000]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n") or ch == "\ufffd")
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def _separator(text: str) -> str:
    """The separator that splits the first lines most evenly (outside quotes)."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1.0
    for candidate in (",", ";", "\t"):
        counts = []
        for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=candidate):
            counts.append(len(row) - 1)
        if not counts or max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)
        score = common * counts.count(common) / len(counts)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_text(path: Path) -> Book:
    raw = path.read_bytes()
    not_text = _(
        "{name} is neither a spreadsheet nor a text file Mentor Desk can read. Open it in Excel "
        "or LibreOffice and save it as .xlsx or .csv."
    ).format(name=path.name)
    try:
        text, encoding = decode(raw)
    except UnicodeError:
        raise _refuse(not_text) from None
    if _looks_binary(text):
        raise _refuse(not_text)
    if not text.strip():
        raise _refuse(
            _("The file {name} has no rows in it: there is nothing to import.").format(
                name=path.name
            )
        )
    separator = _separator(text)

    class Dialect(csv.excel):
        delimiter = separator

    reader = csv.reader(io.StringIO(text, newline=""), Dialect)
    lines: list[Line] = []
    try:
        # Rows are numbered as a spreadsheet opening the file shows them (a cell with a line
        # break in it is still one row).
        for n, cells in enumerate(reader, start=1):
            lines.append((n, list(cells)))
    except csv.Error:
        raise _refuse(
            _(
                "{name} could not be read as a list: a quotation mark near line {line} is not "
                "closed. Open it in Excel or LibreOffice and save it again as .csv."
            ).format(name=path.name, line=reader.line_num)
        ) from None
    return Book(
        sheets=[Sheet(path.stem, lines)],
        kind="csv",
        encoding=encoding,
        separator={",": _("commas"), ";": _("semicolons"), "\t": _("tabs")}[separator],
    )
