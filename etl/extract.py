"""Extract: the only code that opens input files. Turns each file into sheets of numbered
rows of raw cells, whatever the format, encoding or delimiter.

A row number is the one the spreadsheet shows: for xlsx the sheet's own row, for text
files the record's position (blank lines and lines above the header count).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from etl.delimited import Decoded, DecodeError, RowNote, decode, sniff_delimiter, text_rows
from musharaka.data_dictionary import COLUMNS as DICTIONARY_COLUMNS
from musharaka.formulas import unneutralise
from musharaka.parsing import PercentCell

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED_SUFFIXES = (".xlsx", ".json", *TEXT_SUFFIXES)
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


def supported_files(paths: list[Path]) -> list[Path]:
    """The files to read: each file named, and every supported file in each folder named."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(("~$", ".", "rejects"))
            )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ExtractError(f"{path.name}: no such file or folder")
    for path in files:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise ExtractError(
                f"{path.name}: unsupported file type '{path.suffix}' "
                f"(Musharaka reads {', '.join(SUPPORTED_SUFFIXES)})"
            )
    return files


def read_file(path: Path) -> list[RawSheet]:
    """Every sheet of one file."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix == ".json":
        return _read_json(path)
    return [_read_text(path)]


# --- xlsx ----------------------------------------------------------------------------
def _read_xlsx(path: Path) -> list[RawSheet]:
    import openpyxl

    if not zipfile.is_zipfile(path):
        raise ExtractError(f"{path.name}: not an xlsx workbook (the file is not a zip archive)")
    check_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise ExtractError(f"{path.name}: cannot open the workbook ({error})") from error
    sheets = []
    with zipfile.ZipFile(path) as archive:
        for name in workbook.sheetnames:
            where = f"{path.name} [{name}]"
            try:
                worksheet = workbook[name]
                sheet = RawSheet(path.name, name, path.stem, _xlsx_rows(worksheet, where))
                member = getattr(worksheet, "_worksheet_path", None)
                if member:
                    sheet.formulas, sheet.formula_count = _formula_cells(archive, member)
            except Exception as error:  # openpyxl and zipfile raise many types
                raise ExtractError(_damaged(where, error)) from error
            sheets.append(sheet)
    return sheets


def _damaged(where: str, error: Exception) -> str:
    return f"{where}: the sheet is damaged and cannot be read ({type(error).__name__}: {error})"


def check_archive(path: Path) -> None:
    """Refuse a workbook whose parts would unpack to far more than a real one's."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ExtractError(f"{path.name}: not an xlsx workbook ({error})") from error
    total = sum(part.file_size for part in parts)
    if total > MAX_XLSX_UNPACKED:
        raise ExtractError(
            f"{path.name}: refused: the workbook would unpack to {total / 2**20:,.0f} MB, "
            f"more than the {MAX_XLSX_UNPACKED / 2**20:,.0f} MB Musharaka opens"
        )
    for part in parts:
        if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_XLSX_RATIO * max(
            part.compress_size, 1
        ):
            raise ExtractError(
                f"{path.name}: refused: its part '{part.filename}' would unpack to "
                f"{part.file_size / 2**20:,.0f} MB from {part.compress_size / 2**20:,.1f} MB, "
                f"over {MAX_XLSX_RATIO} times its size (a real workbook's sheets compress "
                "4 to 20 times): a damaged or malicious file (a 'zip bomb'). "
                "Open it in Excel or LibreOffice and save it again"
            )


# "<f>", "<f t=...>", "<x:f>": a formula element, in the sheet's XML as stored.
_FORMULA_MARK = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _formula_cells(archive: zipfile.ZipFile, member: str) -> tuple[dict[tuple[int, int], str], int]:
    """The formula cells of one sheet, by (row, cell index), and how many there are.

    A quick byte scan first: most sheets have none, and need no second parse."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.functions import iterparse

    with archive.open(member) as source:
        tail, found = b"", False
        while chunk := source.read(1 << 20):
            if _FORMULA_MARK.search(tail + chunk):
                found = True
                break
            tail = chunk[-16:]
    if not found:
        return {}, 0
    formulas: dict[tuple[int, int], str] = {}
    count = row = column = 0
    with archive.open(member) as source:
        for event, element in iterparse(source, events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    row = int(element.get("r") or row + 1)
                    column = 0
                continue
            if tag == "c":
                coordinate = element.get("r")
                if coordinate:
                    row, column = coordinate_to_tuple(coordinate)
                else:
                    column += 1
                formula = next((e for e in element if e.tag.rpartition("}")[2] == "f"), None)
                if formula is not None:
                    count += 1
                    if len(formulas) < FORMULAS_LISTED:
                        formulas[(row, column - 1)] = "=" + (formula.text or "…")
            elif tag == "row":
                element.clear()
    return formulas, count


def _xlsx_rows(sheet, where: str) -> Iterator[tuple[int, list[object]]]:
    try:
        for cells in sheet.iter_rows():
            row_number = next((c.row for c in cells if getattr(c, "row", None)), None)
            if row_number is None:
                continue  # an entirely empty row: nothing to read, numbering comes from cells
            yield row_number, [_xlsx_value(c) for c in cells]
    except Exception as error:  # a sheet damaged past its first rows (the load stops)
        raise ExtractError(_damaged(where, error)) from error


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
def _read_text(path: Path) -> RawSheet:
    try:
        decoded = decode(path.read_bytes(), path.name)
    except DecodeError as error:
        raise ExtractError(str(error)) from error
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(decoded.text)
    sheet = RawSheet(path.name, "", path.stem, iter(()), encoding=decoded.encoding)
    sheet.delimiter = delimiter
    sheet.rows = _text_rows(decoded, delimiter, sheet.row_notes, path.name)
    return sheet


def _text_rows(decoded: Decoded, delimiter: str, notes: dict[int, RowNote], name: str):
    try:
        yield from text_rows(decoded, delimiter, notes, name)
    except DecodeError as error:
        raise ExtractError(str(error)) from error


# --- Musharaka's own JSON export -----------------------------------------------------
def _read_json(path: Path) -> list[RawSheet]:
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExtractError(f"{path.name}: not valid JSON ({error})") from error
    except RecursionError as error:  # Musharaka's export nests three levels deep
        raise ExtractError(
            f"{path.name}: not a Musharaka export (its JSON is nested too deeply to read)"
        ) from error
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ExtractError(
            f"{path.name}: not a Musharaka export (JSON files must be written by "
            "`python -m etl export --format json`)"
        )
    sheets = []
    for table in ("associations", "meetings", "recommendations", "status_updates"):
        records = document.get(table) or []
        if records:
            sheets.append(RawSheet(path.name, table, path.stem, _json_rows(records), table=table))
    return sheets


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
