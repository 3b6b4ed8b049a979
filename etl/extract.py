"""Extract: the only code that opens input files. Turns each file into sheets of numbered
rows of raw cells, whatever the format, encoding or delimiter.

A row number is the one the spreadsheet shows: for xlsx the sheet's own row, for text
files the record's position (blank lines and lines above the header count).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from musharaka.parsing import PercentCell

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED_SUFFIXES = (".xlsx", ".json", *TEXT_SUFFIXES)
EXPORT_FORMAT = "musharaka-export"

# Cells above this size are almost certainly not data a person typed; the csv module's
# default limit (128 KiB) would stop the whole file instead of naming the row.
csv.field_size_limit(16 * 1024 * 1024)


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
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise ExtractError(f"{path.name}: cannot open the workbook ({error})") from error
    return [
        RawSheet(path.name, name, path.stem, _xlsx_rows(workbook[name]))
        for name in workbook.sheetnames
    ]


def _xlsx_rows(sheet) -> Iterator[tuple[int, list[object]]]:
    for cells in sheet.iter_rows():
        row_number = next((c.row for c in cells if getattr(c, "row", None)), None)
        if row_number is None:
            continue  # an entirely empty row: nothing to read, numbering comes from cells
        yield row_number, [_xlsx_value(c) for c in cells]


def _xlsx_value(cell) -> object:
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and "%" in (cell.number_format or ""):
        return PercentCell(value)
    return value


# --- text ----------------------------------------------------------------------------
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ARABIC_RUN = re.compile(r"[\u0621-\u064a]{2,}")
_MIXED_WORD = re.compile(r"[A-Za-z][\u0621-\u064a]|[\u0621-\u064a][A-Za-z]")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a file and the encoding it was read in (BOM, UTF-8, UTF-16, CP1256, CP1252)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise ExtractError(f"{name}: starts as {encoding} but is not ({error})") from error
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        # UTF-16 without its BOM: ASCII characters leave one zero byte in two.
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = ""
        # Text typed by a person never holds NUL characters: zero-padded binary
        # (an old .xls renamed .csv) decodes as UTF-16 but is not text.
        if text and "\x00" not in text:
            return text, encoding
    if b"\x00" in data:
        raise ExtractError(
            f"{name}: not a text file in a known encoding "
            "(UTF-8, UTF-16, Windows-1256 or Windows-1252): save it as CSV UTF-8 and try again"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1256 and Windows-1252 both decode almost any byte: Arabic text read as
    # 1256 forms runs of Arabic letters, French text read as 1256 forms odd mixed words.
    arabic = data.decode("cp1256", errors="replace")
    if len(_ARABIC_RUN.findall(arabic)) > len(_MIXED_WORD.findall(arabic)):
        return arabic, "cp1256"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    best, best_score = ",", -1
    for delimiter in ("\t", ";", ","):
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        widths = [w for w in widths if w > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = widths.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_text(path: Path) -> RawSheet:
    data = path.read_bytes()
    text, encoding = decode(data, path.name)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(text)
    return RawSheet(
        path.name,
        "",
        path.stem,
        _text_rows(text, delimiter, path.name),
        encoding=encoding,
        delimiter=delimiter,
    )


def _text_rows(text: str, delimiter: str, name: str) -> Iterator[tuple[int, list[object]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, list(row)
    except csv.Error as error:
        raise ExtractError(f"{name}: line {reader.line_num}: {error}") from error


# --- Musharaka's own JSON export -----------------------------------------------------
def _read_json(path: Path) -> list[RawSheet]:
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExtractError(f"{path.name}: not valid JSON ({error})") from error
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
