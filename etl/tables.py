"""Recognise which logical table a sheet holds and where its header row is (pure).

A sheet is recognised by its name (or its file's name) first, then by its headers. The
header row is the first row, among the top ones, whose cells name the table's required
columns: titles and notes above it are normal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl import decidim
from musharaka import vocabulary as vocab
from musharaka.text import fold

HEADER_SEARCH_ROWS = 30

_HEADER_INDEX: dict[str, dict[str, str]] = {
    table: {fold(h): column.name for column in columns for h in (column.name, *column.headers)}
    for table, columns in vocab.COLUMNS.items()
}
_REQUIRED = {
    table: [c.name for c in columns if c.required] for table, columns in vocab.COLUMNS.items()
}
_TABLE_BY_NAME = {fold(n): table for table, names in vocab.TABLE_NAMES.items() for n in names}


@dataclass
class Layout:
    """Where a table's data is in a sheet: its header row and which cell holds which column."""

    table: str
    header_row: int
    columns: dict[int, str]  # cell index -> canonical column
    notes: list[str] = field(default_factory=list)  # ignored or repeated headers


class LayoutError(Exception):
    """A sheet named as a table whose header row cannot be found (the message says why)."""


def table_from_name(*names: str) -> str | None:
    """The table a sheet or file name announces: exactly, or as words inside it."""
    for name in names:
        folded = fold(name)
        if folded in _TABLE_BY_NAME:
            return _TABLE_BY_NAME[folded]
    for name in names:
        words = f" {fold(name)} "
        found = {t for alias, t in _TABLE_BY_NAME.items() if f" {alias} " in words}
        if len(found) == 1:
            return found.pop()
    return None


def map_header(table: str, cells: list[object]) -> tuple[dict[int, str], list[str]]:
    """Which cell is which canonical column; notes on unknown or repeated headers."""
    index = _HEADER_INDEX[table]
    columns: dict[int, str] = {}
    notes: list[str] = []
    for position, cell in enumerate(cells):
        if cell is None or not str(cell).strip():
            continue
        column = index.get(fold(cell))
        if column is None:
            notes.append(f"column '{str(cell).strip()}' is not a known column: ignored")
        elif column in columns.values():
            notes.append(f"column '{str(cell).strip()}' repeats '{column}': ignored")
        else:
            columns[position] = column
    return columns, notes


def find_layout(
    head: list[tuple[int, list[object]]], named_table: str | None, where: str
) -> Layout | None:
    """The table and header row of a sheet from its first rows, or None if it holds no table.

    A Decidim results header (etl.decidim) gives the layout of table decidim.TABLE, its
    columns named as in the file.

    Raises LayoutError when the sheet's name announces a table but no row has the headers
    of that table's required columns, so the user learns which headers are missing.
    """
    tables = [named_table] if named_table else list(vocab.TABLE_ORDER)
    best: tuple[int, int, Layout] | None = None
    closest: tuple[int, list[str]] | None = None
    for row_number, cells in head[:HEADER_SEARCH_ROWS]:
        # A Decidim results file is known by its header, whatever the file is called.
        decidim_columns = decidim.header_columns(cells)
        if decidim_columns is not None:
            return Layout(decidim.TABLE, row_number, decidim_columns)
        for table in tables:
            columns, notes = map_header(table, cells)
            found = set(columns.values())
            missing = [c for c in _REQUIRED[table] if c not in found]
            if missing:
                if named_table and (closest is None or len(found) > closest[0]):
                    closest = (len(found), missing)
                continue
            # More recognised columns wins; for equal counts the table listed first.
            score = (len(found), -tables.index(table))
            if best is None or score > best[:2]:
                best = (*score, Layout(table, row_number, columns, notes))
        if best is not None:
            return best[2]
    if named_table:
        missing = closest[1] if closest else _REQUIRED[named_table]
        raise LayoutError(
            f"{where}: looks like the {named_table} table but no header row names "
            f"the required column(s) {', '.join(missing)} "
            f"(accepted headers: see docs/data-contract.md)"
        )
    return None
