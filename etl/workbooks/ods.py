"""OpenDocument spreadsheets (.ods, LibreOffice's own): every sheet (`table:table`) of its
content.xml, read as a stream with expat, so that memory stays flat however long the
sheet. A cell's saved value is read by its type: numbers, percentages (as PercentCell),
dates, booleans, text (paragraphs joined by new lines, comments left out). Merged cells
are filled (etl.workbooks.merged); formulas are noted, never run.

Repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`, how the
format writes identical neighbours and empty stretches) cost nothing when empty; copies
of a value are made, up to a sheet's limits, and a file whose repeats claim more cells
than a real sheet holds is refused.

python-calamine reads .ods too, but gives neither merged ranges nor percentages.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.parsers import expat

from etl.extract import FORMULAS_LISTED, ExtractError, RawSheet, check_archive, sheet_damaged
from etl.workbooks.cells import cell_value, row_of
from etl.workbooks.merged import MergedCells, Range, filled
from musharaka.loader_text import english

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
TABLE, ROW = _TABLE + "table", _TABLE + "table-row"
CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")
NAME, REPEAT_ROWS, REPEAT_COLUMNS = (
    _TABLE + "name",
    _TABLE + "number-rows-repeated",
    _TABLE + "number-columns-repeated",
)
SPAN_ROWS, SPAN_COLUMNS, FORMULA = (
    _TABLE + "number-rows-spanned",
    _TABLE + "number-columns-spanned",
    _TABLE + "formula",
)
VALUE_TYPE = _OFFICE + "value-type"
PARAGRAPH, SPACE, TAB, BREAK = (_TEXT + "p", _TEXT + "s", _TEXT + "tab", _TEXT + "line-break")
# Text inside a cell that is not its value: comments, drawn shapes.
_NOT_VALUE = (_OFFICE + "annotation", _TABLE + "shapes")

# LibreOffice's largest sheet (Excel's too): beyond it, nothing real is written.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
# Cells made by repeating a written one: LibreOffice repeats identical neighbours, so a
# real sheet has some, never more than the cells it shows.
MAX_REPEATED_CELLS = 10_000_000
_CHUNK = 1 << 16
_MOST_SPACES = 32_767  # a cell's text is no longer


def read_ods(path: Path, name: str) -> list[RawSheet]:
    if not zipfile.is_zipfile(path):
        raise ExtractError(english("loader_extract_ods_not_zip", name=name))
    check_archive(path, name)
    try:
        with zipfile.ZipFile(path) as archive:
            if "content.xml" not in archive.namelist():
                raise ExtractError(english("loader_extract_ods_no_content", name=name))
            if b"encryption-data" in _manifest(archive):
                raise ExtractError(english("loader_extract_ods_password", name=name))
            titles = _sheet_names(archive, name)
    except (zipfile.BadZipFile, OSError) as error:
        raise ExtractError(
            english("loader_extract_ods_cannot_open", name=name, error=str(error))
        ) from error
    sheets = [
        RawSheet(name, title, Path(name).stem, iter(()), merged=MergedCells(f"{name} [{title}]"))
        for title in titles
    ]
    content = _Content(path, sheets)
    for index, sheet in enumerate(sheets):
        sheet.rows = filled(content.rows(index), sheet.merged)
    return sheets


def _manifest(archive: zipfile.ZipFile) -> bytes:
    try:
        return archive.read("META-INF/manifest.xml")[:1_000_000]
    except KeyError:
        return b""


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    # No entity of any DTD is expanded; expat itself limits entity amplification.
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    return parser


def _sheet_names(archive: zipfile.ZipFile, name: str) -> list[str]:
    names: list[str] = []
    depth = [0]

    def start(tag, attributes):
        if tag == TABLE:
            if depth[0] == 0:
                names.append(attributes.get(NAME) or f"Sheet{len(names) + 1}")
            depth[0] += 1

    def end(tag):
        if tag == TABLE:
            depth[0] -= 1

    parser = _parser()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        with archive.open("content.xml") as source:
            parser.ParseFile(source)
    except expat.ExpatError as error:
        raise ExtractError(
            english("loader_extract_ods_damaged", name=name, error=str(error))
        ) from error
    return names


class _Content:
    """One pass over content.xml, shared by its sheets, which are read in order (as a
    load reads them): a sheet's rows are taken as the pass reaches them, the rest of a
    sheet left unread is passed over. So the file is parsed twice in all (once for the
    sheets' names), however many sheets it has.

    expat calls `start`, `text` and `end`; finished rows wait in `ready` as (sheet, row
    number, cells, times repeated) until their sheet's reader takes them."""

    def __init__(self, path: Path, sheets: list[RawSheet]) -> None:
        self.path, self.sheets = path, sheets
        self.parser: expat.XMLParserType | None = None
        self.archive: zipfile.ZipFile | None = None
        self.source: IO[bytes] | None = None
        self.parsed = False  # the whole of content.xml
        self.started = 0  # sheets whose reading has begun
        self.tables = -1  # top-level tables begun
        self.ended = 0  # top-level tables ended
        self.depth = 0  # tables open (a sheet's, and any inside it)
        self.ready: deque[tuple[int, int, list[object], int]] = deque()
        self.number = 0  # the row being read
        self.row: list[object] | None = None
        self.row_repeat = 1
        self.trailing = 0  # empty cells read since the row's last value
        self.cell: dict | None = None  # attributes of the cell being read
        self.paragraphs: list[list[str]] = []
        self.skipping = 0  # inside a comment or a shape
        self.repeated = 0

    @property
    def sheet(self) -> RawSheet:
        return self.sheets[self.tables]

    def start(self, tag: str, attributes: dict) -> None:
        if tag == TABLE:
            if self.depth == 0:
                self.tables += 1
                self.number = 0
            self.depth += 1
            return
        if self.depth != 1:  # outside the sheets, or in a table inside one
            return
        if self.cell is not None:
            if tag in _NOT_VALUE or self.skipping:
                self.skipping += 1
            elif tag == PARAGRAPH:
                self.paragraphs.append([])
            elif self.paragraphs and tag == SPACE:
                self.paragraphs[-1].append(" " * _count(attributes.get(_TEXT + "c"), _MOST_SPACES))
            elif self.paragraphs and tag == TAB:
                self.paragraphs[-1].append("\t")
            elif self.paragraphs and tag == BREAK:
                self.paragraphs[-1].append("\n")
        elif tag == ROW:
            self.number += 1
            self.row, self.trailing = [], 0
            self.row_repeat = _count(attributes.get(REPEAT_ROWS), MAX_ROWS)
        elif tag in CELLS and self.row is not None:
            self.cell, self.paragraphs = attributes, []

    def text(self, data: str) -> None:
        if self.cell is not None and self.paragraphs and not self.skipping:
            self.paragraphs[-1].append(data)

    def end(self, tag: str) -> None:
        if tag == TABLE:
            self.depth -= 1
            if self.depth == 0:
                self.ended += 1
            return
        if self.depth != 1:
            return
        if self.cell is not None:
            if self.skipping:
                self.skipping -= 1
            elif tag in CELLS:
                self._end_cell()
        elif tag == ROW and self.row is not None:
            row = row_of(self.row)
            if row is not None:
                if self.number > MAX_ROWS:
                    raise ExtractError(
                        english(
                            "loader_extract_ods_beyond_rows",
                            where=f"{self.sheet.file} [{self.sheet.sheet}]",
                            limit=f"{MAX_ROWS:,}",
                        )
                    )
                repeat = min(self.row_repeat, MAX_ROWS - self.number + 1)
                self.ready.append((self.tables, self.number, row, repeat))
            self.number += self.row_repeat - 1
            self.row = None

    def _end_cell(self) -> None:
        attributes, self.cell = self.cell, None
        row = self.row
        assert attributes is not None and row is not None
        repeat = _count(attributes.get(REPEAT_COLUMNS), MAX_COLUMNS)
        column = len(row) + self.trailing
        formula = attributes.get(FORMULA)
        if formula is not None:
            self.sheet.formula_count += 1
            if len(self.sheet.formulas) < FORMULAS_LISTED:
                shown = re.sub(r"^(of:)?=?", "=", formula)
                self.sheet.formulas[(self.number, column)] = shown
        rows_spanned = _count(attributes.get(SPAN_ROWS), MAX_ROWS)
        columns_spanned = _count(attributes.get(SPAN_COLUMNS), MAX_COLUMNS)
        if rows_spanned > 1 or columns_spanned > 1:
            merged = self.sheet.merged
            assert merged is not None, "made with the sheet"
            merged.add(
                Range(
                    self.number,
                    column,
                    self.number + rows_spanned - 1,
                    min(column + columns_spanned, MAX_COLUMNS) - 1,
                )
            )
        value = _value(attributes, self.paragraphs)
        if value is None:  # empty cells are placed only when a value follows them
            self.trailing += repeat
            return
        if column + repeat > MAX_COLUMNS:
            raise ExtractError(
                english(
                    "loader_extract_ods_beyond_columns",
                    where=f"{self.sheet.file} [{self.sheet.sheet}]",
                    row=str(self.number),
                )
            )
        row.extend([None] * self.trailing)
        row.extend([value] * repeat)
        self.trailing = 0
        self.count_repeated(repeat - 1)

    def count_repeated(self, cells: int) -> None:
        self.repeated += cells
        if self.repeated > MAX_REPEATED_CELLS:
            raise ExtractError(
                english(
                    "loader_extract_ods_repeated",
                    where=f"{self.sheet.file} [{self.sheet.sheet}]",
                    limit=f"{MAX_REPEATED_CELLS:,}",
                )
            )

    # --- the pass, as the sheets' readers ask for rows ---------------------------------
    def rows(self, index: int) -> Iterator[tuple[int, list[object]]]:
        """The rows of sheet `index`."""
        if index < self.started:
            raise RuntimeError("the sheets of an .ods are read in order, each once")
        self.started = index + 1
        where = f"{self.sheets[index].file} [{self.sheets[index].sheet}]"
        try:
            while True:
                while self.ready and self.ready[0][0] <= index:
                    table, number, row, repeat = self.ready.popleft()
                    if table < index:
                        continue  # a sheet left unread
                    self.count_repeated(len(row) * (repeat - 1))
                    for copy in range(repeat):
                        yield number + copy, row if copy == 0 else list(row)
                if self.ready or self.ended > index or self.parsed:
                    return
                self._parse_more()
        except ExtractError:
            raise
        except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError) as error:
            raise ExtractError(sheet_damaged(where, error)) from error

    def _parse_more(self) -> None:
        if self.parser is None:
            self.parser = _parser()
            self.parser.StartElementHandler = self.start
            self.parser.EndElementHandler = self.end
            self.parser.CharacterDataHandler = self.text
            self.archive = zipfile.ZipFile(self.path)
            self.source = self.archive.open("content.xml")
        assert self.source is not None and self.archive is not None, "opened above"
        chunk = self.source.read(_CHUNK)
        self.parser.Parse(chunk, not chunk)
        if not chunk or self.ended == len(self.sheets):
            self.parsed = True
            self.source.close()
            self.archive.close()


def _count(text: str | None, most: int) -> int:
    try:
        return max(1, min(int(text), most)) if text else 1
    except ValueError:
        return 1


def _value(attributes: dict, paragraphs: list[list[str]]) -> object:
    kind = attributes.get(VALUE_TYPE)
    try:
        if kind in ("float", "currency"):
            return cell_value(float(attributes[_OFFICE + "value"]))
        if kind == "percentage":
            return cell_value(float(attributes[_OFFICE + "value"]), percent=True)
        if kind == "date":
            return cell_value(_date(attributes[_OFFICE + "date-value"]))
        if kind == "boolean":
            return attributes[_OFFICE + "boolean-value"].strip().lower() == "true"
        if kind == "time":
            return _time(attributes[_OFFICE + "time-value"])
    except (KeyError, ValueError):
        pass  # a value the type does not match: the text shown is read instead
    if kind == "string" and _OFFICE + "string-value" in attributes:
        return cell_value(attributes[_OFFICE + "string-value"])
    return cell_value("\n".join("".join(p) for p in paragraphs)) if paragraphs else None


def _date(text: str) -> dt.date | dt.datetime:
    text = text.strip()
    if "T" in text:
        return dt.datetime.fromisoformat(text[:26])
    return dt.date.fromisoformat(text)


_DURATION = re.compile(r"-?PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?")


def _time(text: str) -> object:
    """A time cell (`PT10H30M00S`) as a time of day, as an .xlsx time cell reads."""
    match = _DURATION.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if not 0 <= total < 86400:
        raise ValueError(text)
    return (dt.datetime.min + dt.timedelta(seconds=total)).time()
