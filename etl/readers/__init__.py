"""Readers: one module per source layout, each recognising its header and yielding
validated rows of the data contract's tables.

The interface (`base.Reader`):

- `recognise(row_number, cells, named_table) -> Layout | None`: asked about each of a
  sheet's first rows (HEADER_SEARCH_ROWS), in the order of READERS; the first layout
  returned is the sheet's. `named_table` is the table the sheet's or its file's name
  announces (None when it announces none).
- `read(sheet, layout, rows, report, context)`: the data rows under the header, each
  validated; accepted rows go to `context.accepted[table]` as `Candidate`s (their table's
  planner decides their outcome, etl.plan), rejects and warnings to the report, with the
  file, row and column they concern and why; the rows read are counted there too.

Adding a layout is one module with a class of these two methods, and its line in READERS.
Extracting (etl.extract) has already turned the file into sheets of cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from etl.errors import LoadError
from etl.extract import RawSheet, export_companion
from etl.readers.base import Layout, LayoutError, ReadContext, Reader, Rows
from etl.readers.contract import ContractTables, map_header, missing_headers, table_from_name
from etl.readers.decidim_results import DecidimResults

# Asked in this order about each header row: a Decidim results file is known by its own
# header, whatever the file is called, so it is asked first.
READERS: list[Reader] = [DecidimResults(), ContractTables()]
HEADER_SEARCH_ROWS = 30

__all__ = [
    "HEADER_SEARCH_ROWS",
    "READERS",
    "Layout",
    "LayoutError",
    "ReadContext",
    "Reader",
    "Rows",
    "find_layout",
    "map_header",
    "sheet_layout",
    "table_from_name",
]


def find_layout(
    head: list[tuple[int, list[object]]], named_table: str | None, where: str
) -> Layout | None:
    """The layout of a sheet from its first rows, or None if it holds no known table.

    Raises LayoutError when the sheet's name announces a table but no row has the headers
    of that table's required columns, so the user learns which headers are missing.
    """
    head = head[:HEADER_SEARCH_ROWS]
    for row_number, cells in head:
        for reader in READERS:
            layout = reader.recognise(row_number, cells, named_table)
            if layout is not None:
                return layout
    if named_table:
        raise LayoutError(missing_headers(head, named_table, where))
    return None


def sheet_layout(
    sheet: RawSheet,
) -> tuple[Layout | None, list[tuple[int, list[object]]], Iterator[tuple[int, list[object]]]]:
    """The sheet's layout (None: no table), its first rows and an iterator over the rest."""
    place = sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
    rows = iter(sheet.rows)
    head = list(islice(rows, HEADER_SEARCH_ROWS))
    if export_companion(head):  # an export's dictionary or metadata: not data, skipped
        return None, [], rows
    # A workbook's sheet is named for its table; a text file by its file name.
    named = sheet.table or table_from_name(sheet.sheet if sheet.sheet else sheet.stem)
    try:
        layout = find_layout(head, named, place)
    except LayoutError as error:
        raise LoadError(str(error)) from error
    return layout, head, rows
