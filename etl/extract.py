"""Extract: the only code that opens input files (with etl.minutes, for Word documents).
Turns each file into sheets of numbered rows of raw cells, whatever the format, encoding
or delimiter.

A row number is the one the spreadsheet shows: for xlsx the sheet's own row, for text
files the record's position (blank lines and lines above the header count), for a Word
table its row in the table.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from etl.delimited import DecodeError, RowNote, decode, sniff_delimiter, text_rows
from etl.report import is_load_report
from etl.workbooks.merged import MergedCells, filled, xlsx_ranges
from musharaka.formulas import unneutralise
from musharaka.loader_text import english
from musharaka.parsing import PercentCell
from musharaka.vocabulary import DICTIONARY_COLUMNS

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
# .xlsx and .xlsm (the same with macros, never run) are read here; the others by
# etl.workbooks.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
SUPPORTED_SUFFIXES = (*WORKBOOK_SUFFIXES, ".json", *TEXT_SUFFIXES, ".docx")
EXPORT_FORMAT = "musharaka-export"

# A workbook is a zip archive. Its parts' declared sizes are checked before anything is
# unpacked, so that a small file cannot unpack to gigabytes (a "zip bomb"); Python's
# zipfile, which openpyxl reads through, never unpacks more than a part declares. Real
# workbooks' sheets compress 4 to 20 times (measured); the limits follow Apache POI's.
MAX_XLSX_UNPACKED = 2 * 1024**3
MAX_XLSX_RATIO = 100
RATIO_CHECKED_FROM = 1024**2  # smaller parts may compress better and cannot hurt
# Formula cells named in a sheet's warnings; more are counted, not listed.
FORMULAS_LISTED = 1000


class ExtractError(Exception):
    """A file that cannot be read at all (the message says which and why)."""


class NotData(ExtractError):
    """A file that is recognisably not data, such as a load report written into the
    folder being loaded: skipped, with a note in the report (the message)."""


@dataclass
class RawSheet:
    """One sheet of a workbook, or one delimited text file, as numbered rows of cells."""

    file: str  # the file's own name, without folders
    sheet: str  # "" for text files
    stem: str  # the file name without its suffix, used to recognise the table
    rows: Iterator[tuple[int, list[object]]]
    # Set for the project's own JSON export: the table each sheet holds is known.
    table: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    # Workbook cells that hold a formula, by (row, cell index): its text. Musharaka never
    # runs a formula; the rows carry the value the spreadsheet saved with it (or None).
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    formula_count: int = 0  # all formula cells of the sheet, listed or not
    # What was found about a row while reading it (a line in another encoding, a quote
    # left open), by row number; filled before the row is yielded.
    row_notes: dict[int, RowNote] = field(default_factory=dict)
    # A Word document's title and first paragraphs, as (place, text), where a table
    # without a meeting column may find its meeting (etl.minutes); None for other files,
    # whose sheet's (or text file's) name stands there.
    preamble: list[tuple[str, str]] | None = None

    # A workbook sheet's merged ranges, filled into its rows as they are read.
    merged: MergedCells | None = None


def read_file(path: Path, name: str | None = None) -> list[RawSheet]:
    """Every sheet of one file. `name` is the file's name for the report and messages when
    it is not the name on disk (an upload waits under a name of the page's own).

    Raises NotData for a file that is recognisably not data (a load report)."""
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, name)
    if suffix in (".xls", ".ods", ".xlsb"):
        from etl.workbooks import read_workbook

        return read_workbook(path, name)
    if suffix == ".json":
        return _read_json(path, name)
    if suffix == ".docx":
        from etl.minutes import read_docx

        return read_docx(path, name)
    if _holds_load_report(path):
        raise NotData(_not_data(name))
    return [_read_text(path, name)]


# --- xlsx ----------------------------------------------------------------------------
def _read_xlsx(path: Path, name: str) -> list[RawSheet]:
    import openpyxl

    if not zipfile.is_zipfile(path):
        raise ExtractError(english("loader_extract_xlsx_not_zip", name=name))
    check_archive(path, name)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise ExtractError(
            english("loader_extract_cannot_open_workbook", name=name, error=str(error))
        ) from error
    sheets = []
    for title in workbook.sheetnames:
        where = f"{name} [{title}]"
        try:
            worksheet = workbook[title]
        except Exception as error:  # openpyxl and zipfile raise many types
            raise ExtractError(sheet_damaged(where, error)) from error
        sheet = RawSheet(name, title, Path(name).stem, iter(()), merged=MergedCells(where))
        sheet.rows = _xlsx_filled(worksheet, sheet, where)
        sheets.append(sheet)
    return sheets


def sheet_damaged(where: str, error: BaseException) -> str:
    """Why the sheet at `where` cannot be read, with the reading library's own words."""
    return english(
        "loader_extract_sheet_damaged", where=where, kind=type(error).__name__, error=str(error)
    )


def archive_parts(path: Path, name: str, refusal: str) -> list[zipfile.ZipInfo]:
    """The parts of a zip-based file (a workbook, a Word document), listed without being
    unpacked; `refusal` is the id of the error's message when the file is no such archive
    (loader_text.MESSAGES, its fields {name} and {error})."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ExtractError(english(refusal, name=name, error=str(error))) from error


def check_archive(path: Path, name: str | None = None) -> None:
    """Refuse a workbook whose parts would unpack to far more than a real one's."""
    name = name or path.name
    parts = archive_parts(path, name, "loader_extract_xlsx_not_archive")
    total = sum(part.file_size for part in parts)
    if total > MAX_XLSX_UNPACKED:
        raise ExtractError(
            english(
                "loader_extract_workbook_too_big",
                name=name,
                size=f"{total / 2**20:,.0f}",
                limit=f"{MAX_XLSX_UNPACKED / 2**20:,.0f}",
            )
        )
    for part in parts:
        if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_XLSX_RATIO * max(
            part.compress_size, 1
        ):
            raise ExtractError(
                english(
                    "loader_extract_zip_bomb",
                    name=name,
                    part=part.filename,
                    size=f"{part.file_size / 2**20:,.0f}",
                    packed=f"{part.compress_size / 2**20:,.1f}",
                    ratio=str(MAX_XLSX_RATIO),
                )
            )


def _xlsx_filled(worksheet, sheet: RawSheet, where: str) -> Iterator[tuple[int, list[object]]]:
    """The sheet's rows, its merged cells filled (etl.workbooks.merged)."""
    member = getattr(worksheet, "_worksheet_path", None)  # openpyxl==3.1.5
    if member is None:
        return  # a chart sheet: no cells
    try:
        merged = sheet.merged
        assert merged is not None, "made with the sheet (_read_xlsx)"
        with worksheet.parent._archive.open(member) as source:
            merged.add_all(xlsx_ranges(source))
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error) as error:
        raise ExtractError(sheet_damaged(where, error)) from error
    yield from filled(_xlsx_rows(worksheet, sheet, where), sheet.merged)


_CELL_FIELDS = ("column", "value", "data_type", "style_id")


def _xlsx_rows(worksheet, sheet: RawSheet, where: str) -> Iterator[tuple[int, list[object]]]:
    """The rows of a sheet as the cells its XML holds.

    A sheet's `<dimension>` and row numbers are claims, not content: openpyxl's own row
    reader makes every row as wide as the dimension says and yields an empty row for every
    missing row number, so that a forged dimension (A1:XFD1048576) in a small file costs
    16,384 cells a row, and a last row numbered 1,048,576 a million empty rows. Here a row
    runs to its last cell with a value, rows without one are left out (the numbers kept
    are the sheet's own), and formula cells are noted in the same single pass."""
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):  # the value saved with a formula, and its formula
            cell = super().parse_cell(element)
            formula = element.find(FORMULA_TAG)
            if formula is not None:
                sheet.formula_count += 1
                if len(sheet.formulas) < FORMULAS_LISTED:
                    key = (cell["row"], cell["column"] - 1)
                    sheet.formulas[key] = "=" + (formula.text or "…")
            return cell

    member = getattr(worksheet, "_worksheet_path", None)  # openpyxl==3.1.5
    if member is None:
        return  # a chart sheet: no cells
    book = worksheet.parent
    try:
        with book._archive.open(member) as source:
            parser = Parser(
                source,
                worksheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for number, cells in parser.parse():
                filled = [c for c in cells if c["value"] is not None]
                if not filled:
                    continue  # no value: nothing to read (a styled or formula-only row)
                row: list[object] = [None] * max(c["column"] for c in filled)
                for c in filled:
                    cell = ReadOnlyCell(worksheet, number, **{k: c[k] for k in _CELL_FIELDS})
                    row[cell.column - 1] = _xlsx_value(cell)
                yield number, row
    except Exception as error:  # a sheet damaged past its first rows (the load stops)
        raise ExtractError(sheet_damaged(where, error)) from error


def _xlsx_value(cell) -> object:
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and "%" in (cell.number_format or ""):
        return PercentCell(value)
    if isinstance(value, str) and value[:1] == "'":
        return unneutralise(value)
    return value


# --- text ----------------------------------------------------------------------------
def _read_text(path: Path, name: str) -> RawSheet:
    try:
        decoded = decode(path.read_bytes(), name)
    except DecodeError as error:
        raise ExtractError(str(error)) from error
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(decoded.text)
    sheet = RawSheet(name, "", Path(name).stem, iter(()), encoding=decoded.encoding)
    sheet.delimiter = delimiter
    # A text file's cells are all strings; readers take them as cells of any kind and
    # never add to a row, hence the cast (lists are invariant).
    rows = text_rows(decoded, delimiter, sheet.row_notes, name, error=ExtractError)
    sheet.rows = cast(Iterator[tuple[int, list[object]]], rows)
    return sheet


# --- Musharaka's own JSON export -----------------------------------------------------
def _read_json(path: Path, name: str) -> list[RawSheet]:
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExtractError(
            english("loader_extract_json_invalid", name=name, error=str(error))
        ) from error
    except RecursionError as error:  # Musharaka's export nests three levels deep
        raise ExtractError(english("loader_extract_json_too_deep", name=name)) from error
    if is_load_report(document):
        raise NotData(_not_data(name))
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ExtractError(english("loader_extract_json_not_export", name=name))
    sheets = []
    stem = Path(name).stem
    for table in ("associations", "meetings", "recommendations", "status_updates"):
        records = document.get(table) or []
        if records:
            sheets.append(RawSheet(name, table, stem, _json_rows(records), table=table))
    return sheets


# --- Load reports --------------------------------------------------------------------
# `python -m etl load --report FILE` may write its report into the folder it loads, under
# any name; the next load of that folder knows the report by its content and skips it.
def _not_data(name: str) -> str:
    return english("loader_load_report", name=name)


def _holds_load_report(path: Path) -> bool:
    """A text file (.csv, .txt...) that holds a load report: JSON that starts with '{'.
    Only such a file is parsed as JSON; data files are known by their first bytes."""
    with path.open("rb") as file:
        start = file.read(64)
    if not start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return is_load_report(document)


def _json_rows(records: list[dict]) -> Iterator[tuple[int, list[object]]]:
    # Row 1 is the header, record i is row i + 1: as the same table would be in a sheet.
    columns: list[str] = []
    for record in records:
        columns.extend(k for k in record if k not in columns)
    yield 1, list(columns)
    for number, record in enumerate(records, start=2):
        yield number, [record.get(c) for c in columns]


# --- The other parts of Musharaka's own export ---------------------------------------
# Beside its tables, an export holds its data dictionary and its metadata (etl.export):
# a loader recognises them by their first rows and skips them, so that an export loads
# back as it is.
def export_companion(head: list[tuple[int, list[object]]]) -> bool:
    """True when these first rows of a sheet are an export's dictionary or metadata."""
    rows = [
        [str(c).strip() for c in cells if c is not None and str(c).strip()]
        for _, cells in head
        if any(c is not None and str(c).strip() for c in cells)
    ]
    if not rows:
        return False
    if tuple(rows[0]) == DICTIONARY_COLUMNS:
        return True
    return rows[0] == ["key", "value"] and len(rows) > 1 and rows[1] == ["format", EXPORT_FORMAT]
