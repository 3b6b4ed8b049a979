"""Cells a spreadsheet would run as formulas: made inert on the way out (a leading
quote), given back as written on the way in. Kept apart from musharaka.exports so that
the ETL can read files without importing pandas."""

from __future__ import annotations

# What makes a spreadsheet read a cell as a formula (or as a command, for tab and CR).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading quote.

    Text that already starts with quotes before such a character gets one more, so that
    `unneutralise` (what the loader does with a cell) gives back exactly what was written.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """A cell read from a CSV or XLSX file without the quote `neutralise` put before a
    formula character: a leading apostrophe is how spreadsheets mark text, not part of it."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text
