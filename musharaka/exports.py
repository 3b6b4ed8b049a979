"""A table as a file to download: pure DataFrame -> CSV bytes (UTF-8 with a BOM, so Excel
reads Arabic) and XLSX bytes (openpyxl). Text a spreadsheet would run as a formula gets a
leading quote in both. The caller decides the columns: never contact details.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd

from musharaka.formulas import FORMULA_START, neutralise, unneutralise  # noqa: F401

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: object) -> object:
    """A value as a spreadsheet cell: blanks as None, whole numbers as integers, text inert."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, bool | int | dt.date):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    return neutralise(str(value))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV: a header row, then one row per record; dates ISO, blanks empty."""
    cells = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    out = io.StringIO()
    pd.DataFrame(cells, columns=[str(c) for c in frame.columns], dtype=object).to_csv(
        out, index=False, lineterminator="\r\n"
    )
    # UTF-8 with a BOM: Excel then opens Arabic text correctly.
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """The table as a one-sheet workbook: numbers as numbers, dates as dates."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    worksheet.append([neutralise(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        worksheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
