"""Merged cells. A spreadsheet shows a merged range's value over every cell of it (a
meeting code merged down the rows of its meeting, a header over two columns), but keeps
the value in the range's first cell only. Each cell of a range is given that value here,
in every row and column of it, as the sheet shows it; the load says so once per sheet.

Only rows that hold a value of their own are filled (a row left empty but for a merged
range is a blank row, as it was), and the first cell of a range must hold a value (merged
empty cells stay empty). The work is bounded: a sheet of more ranges, or whose ranges
would fill more cells, than a real one has is refused.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from etl.errors import LoadError
from musharaka.loader_text import english
from musharaka.parsing import is_blank

# A real sheet with merged codes over a national load's million rows fills a few
# million cells; these stop a forged file that claims ranges over the whole sheet.
MAX_MERGED_RANGES = 500_000
MAX_FILLED_CELLS = 20_000_000
RANGES_NAMED = 10  # ranges listed in the warning; more are counted


class TooManyMerged(LoadError):
    """A sheet whose merged ranges are beyond any real sheet's (the message says which)."""


@dataclass(frozen=True)
class Range:
    """A merged range: rows as the sheet numbers them (from 1), columns as cell indexes
    (from 0), both inclusive."""

    top: int
    left: int
    bottom: int
    right: int

    def label(self) -> str:
        return (
            f"{column_letter(self.left + 1)}{self.top}:{column_letter(self.right + 1)}{self.bottom}"
        )


# One cell of an A1 reference: column letters and row number, either maybe $-anchored.
# Read here rather than with openpyxl's helpers: importing openpyxl costs every load
# half a second at start, files of other kinds included.
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})")


def column_letter(number: int) -> str:
    """The letters of a 1-based column number: 1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cell(ref: str) -> tuple[int, int] | None:
    """(1-based column, row) of one cell's reference, or None when it is not one."""
    found = _CELL.fullmatch(ref.strip())
    if found is None:
        return None
    column = 0
    for letter in found.group(1).upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return column, int(found.group(2))


def from_ref(ref: str) -> Range | None:
    """A range from its A1 reference (`A4:A6`), or None for one cell or a bad reference
    (a whole row or column, "A:A", is not a merge a sheet writes)."""
    if not isinstance(ref, str) or ref.count(":") != 1:
        return None
    first, last = (_cell(part) for part in ref.split(":"))
    if first is None or last is None or first == last:
        return None
    (left, top), (right, bottom) = first, last
    return Range(min(top, bottom), min(left, right) - 1, max(top, bottom), max(left, right) - 1)


class MergedCells:
    """The merged ranges of one sheet, filled into its rows as they are read. Ranges are
    added in the order of their first row (all at once, or as a streamed sheet meets
    them), before the rows they start on."""

    def __init__(self, where: str) -> None:
        self.where = where
        self._waiting: deque[Range] = deque()
        self._active: list[tuple[Range, object]] = []
        self.ranges = 0  # ranges added
        self.filled: list[str] = []  # the first ranges that filled a cell, as A1 labels
        self.filled_ranges = 0
        self.filled_cells = 0

    def add(self, merged: Range) -> None:
        self.ranges += 1
        if self.ranges > MAX_MERGED_RANGES:
            raise TooManyMerged(
                english(
                    "loader_extract_merged_ranges",
                    where=self.where,
                    limit=f"{MAX_MERGED_RANGES:,}",
                )
            )
        self._waiting.append(merged)

    def add_all(self, ranges: Iterable[Range]) -> None:
        for merged in sorted(ranges, key=lambda r: (r.top, r.left)):
            self.add(merged)

    def fill(self, number: int, row: list[object]) -> list[object]:
        """Row `number` with its merged cells given their range's value."""
        waiting = self._waiting
        while waiting and waiting[0].top <= number:
            merged = waiting.popleft()
            # The range's first cell is in this row, or in a row without a value (skipped)
            if merged.top == number and merged.left < len(row) and not is_blank(row[merged.left]):
                self._active.append((merged, row[merged.left]))
                self.filled_ranges += 1
                if len(self.filled) < RANGES_NAMED:
                    self.filled.append(merged.label())
        if not self._active:
            return row
        still = []
        for merged, value in self._active:
            if merged.bottom < number:
                continue
            still.append((merged, value))
            if len(row) <= merged.right:
                row.extend([None] * (merged.right + 1 - len(row)))
            first = merged.left + 1 if merged.top == number else merged.left
            row[first : merged.right + 1] = [value] * (merged.right + 1 - first)
            self.filled_cells += merged.right + 1 - first
        self._active = still
        if self.filled_cells > MAX_FILLED_CELLS:
            raise TooManyMerged(
                english(
                    "loader_extract_merged_cells",
                    where=self.where,
                    row=str(number),
                    limit=f"{MAX_FILLED_CELLS:,}",
                )
            )
        return row

    def warning(self, where: str) -> str | None:
        """What the load says of the merged cells of the sheet `where`, when some were
        filled."""
        if not self.filled_ranges:
            return None
        more = self.filled_ranges - len(self.filled)
        named, ranges = ", ".join(self.filled), str(self.filled_ranges)
        if more:
            return english(
                "loader_merged_filled_more", where=where, ranges=ranges, named=named, more=str(more)
            )
        return english("loader_merged_filled", where=where, ranges=ranges, named=named)


def filled(
    rows: Iterable[tuple[int, list[object]]], merged: MergedCells | None
) -> Iterator[tuple[int, list[object]]]:
    """The rows with their merged cells filled (as they are, for a sheet without any)."""
    if merged is None:
        yield from rows
        return
    for number, row in rows:
        yield number, merged.fill(number, row)


# --- .xlsx: the <mergeCells> of a sheet's XML ---------------------------------------
# openpyxl's read-only mode, which keeps memory flat on big sheets, does not read them;
# they follow the sheet's rows, so the part is scanned once for them before its rows
# are read, a chunk at a time (its size was checked: etl.extract.check_archive).
_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']{1,40})"
)
_CHUNK = 1 << 20
_TAG_MOST = 512  # a <mergeCell ...> tag is far shorter: kept between chunks


def xlsx_ranges(source) -> Iterator[Range]:
    """The merged ranges of a sheet's XML, read from the binary stream `source`."""
    carry = b""
    while True:
        chunk = source.read(_CHUNK)
        data = carry + chunk
        end = 0
        for match in _MERGE_CELL.finditer(data):
            end = match.end()
            found = from_ref(match.group(1).decode("ascii", "replace"))
            if found is not None:
                yield found
        if not chunk:
            return
        carry = data[max(end, len(data) - _TAG_MOST) :]
