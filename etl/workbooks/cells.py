"""A workbook cell's value as every workbook reader gives it, whatever the format: the
same types as an .xlsx cell's (etl.extract), so that the validators read them alike."""

from __future__ import annotations

import datetime as dt

from musharaka.formulas import unneutralise
from musharaka.parsing import PercentCell


def cell_value(value: object, percent: bool = False) -> object:
    """A date at midnight as a date; a number formatted as a percentage as a PercentCell
    (0.45 shown as 45%); a whole number saved as a float (as .xls and .ods save every
    number) as an int, so that a code typed 12 reads "12"; the `'` an export put before
    a formula-like text taken away; an empty text as no value."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if percent:
            return PercentCell(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    if isinstance(value, str):
        if not value:
            return None
        if value[:1] == "'":
            return unneutralise(value)
    return value


def row_of(cells: list[object]) -> list[object] | None:
    """A row's cells up to its last value, or None when it holds none."""
    last = len(cells)
    while last and cells[last - 1] is None:
        last -= 1
    return cells[:last] if last else None
