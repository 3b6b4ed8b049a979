"""Word minutes (.docx): a council's minutes (محضر) hold their recommendations in a table
with the headers a sheet would have. Each table of the document becomes a sheet of its own
("table 1", "table 2"...), its rows numbered as the table's rows (from 1, the header and
any row above it counted), so that the readers treat it as they treat a sheet. The text
around the tables is not data: only the document's title and its first paragraphs are
kept, where a table without a meeting column may find its meeting
(etl.readers.meeting_hint).

Cells merged in Word: a cell spanning several columns holds one value, read in its first
column (the others are empty, so no value is counted twice nor moves to another column);
a cell spanning several rows is one value beside each of them, read in each row it spans
(a domain written once beside its recommendations is the domain of each).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from etl.extract import ExtractError, NotData, RawSheet, archive_parts
from musharaka.loader_text import english

# Paragraphs read for a meeting's code or date: a title comes after the letterhead
# (kingdom, ministry, province, commune), rarely further down.
PREAMBLE_PARAGRAPHS = 10
# python-docx holds a whole document in memory (its XML as a tree), unlike the workbook
# reader, which streams: a document is refused when it would unpack to more than this.
# Minutes of a hundred pages with photographs unpack to a few MB; their XML to less.
MAX_DOCX_UNPACKED = 256 * 1024**2
MAX_DOCX_XML = 64 * 1024**2


def read_docx(path: Path, name: str) -> list[RawSheet]:
    """Every table of a Word document, as a sheet; its title and first paragraphs as the
    sheets' preamble. Raises NotData for a document without a table."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_document(path, name)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        # python-docx's own message names the file by its path on this machine: not shown.
        raise ExtractError(english("loader_extract_docx_not_word", name=name)) from error
    except Exception as error:  # python-docx and lxml raise many types for a damaged file
        raise ExtractError(
            english(
                "loader_extract_docx_damaged",
                name=name,
                kind=type(error).__name__,
                error=str(error),
            )
        ) from error
    if not document.tables:  # a letter, or minutes written as prose: nothing to load
        raise NotData(english("loader_word_no_table", name=name))
    preamble = _preamble(document)
    stem = Path(name).stem
    sheets = []
    for number, table in enumerate(document.tables, start=1):
        sheet = RawSheet(name, f"table {number}", stem, _table_rows(table), preamble=preamble)
        sheets.append(sheet)
    return sheets


def _check_document(path: Path, name: str) -> None:
    """Refuse a file that is no zip archive, or would unpack to more than a document."""
    if not zipfile.is_zipfile(path):
        raise ExtractError(english("loader_extract_docx_not_zip", name=name))
    parts = archive_parts(path, name, "loader_extract_docx_not_archive")
    total = sum(part.file_size for part in parts)
    xml = sum(part.file_size for part in parts if part.filename.endswith((".xml", ".rels")))
    if total > MAX_DOCX_UNPACKED or xml > MAX_DOCX_XML:
        raise ExtractError(
            english(
                "loader_extract_docx_too_big",
                name=name,
                size=f"{total / 2**20:,.0f}",
                xml=f"{xml / 2**20:,.0f}",
                limit=f"{MAX_DOCX_UNPACKED / 2**20:,.0f}",
                xml_limit=f"{MAX_DOCX_XML / 2**20:,.0f}",
            )
        )


def _preamble(document) -> list[tuple[str, str]]:
    """(place, text): the document's title (its properties) and first paragraphs."""
    places: list[tuple[str, str]] = []
    title = (document.core_properties.title or "").strip()
    if title:
        places.append((english("loader_place_title"), title))
    number = 0
    for paragraph in document.paragraphs:  # the body's, outside the tables
        text = paragraph.text.strip()
        if not text:
            continue
        number += 1
        places.append((english("loader_place_paragraph", paragraph=number), text))
        if number == PREAMBLE_PARAGRAPHS:
            break
    return places


def _table_rows(table) -> Iterator[tuple[int, list[object]]]:
    """The rows of a table by grid column, numbered from 1.

    python-docx repeats a merged cell in each grid column and row it spans; here the
    table's XML is read instead, so that a horizontal span is one value (in its first
    column) and a vertical one the same value in each row, and that a row starting
    after the first column (w:gridBefore) keeps its cells in their columns."""
    from docx.table import _Cell

    above: list[object] = []
    for number, row in enumerate(table.rows, start=1):
        tr = row._tr  # python-docx==1.2.0: the row's XML
        cells: list[object] = [None] * tr.grid_before
        for tc in tr.tc_lst:
            column = len(cells)
            if tc.vMerge == "continue":  # the cell above goes on into this row
                value = above[column] if column < len(above) else None
            else:
                value = _Cell(tc, table).text
            cells.append(value)
            cells.extend([None] * (tc.grid_span - 1))
        above = cells
        yield number, cells
