"""Excel binary workbooks (.xlsb), read with python-calamine: every sheet, each cell's
saved value, dates. Calamine gives no number formats, so a percent cell reads as the
number it holds (0.45, with the load's warning for a bare fraction); its merged ranges
are filled where calamine reports them (for .xlsx and .xls only, in 0.9): the data
contract says so.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

from etl.extract import ExtractError, RawSheet, check_archive, sheet_damaged
from etl.workbooks.cells import cell_value, row_of
from etl.workbooks.merged import MergedCells, Range, filled
from musharaka.loader_text import english


def read_xlsb(path: Path, name: str) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook

    if not zipfile.is_zipfile(path):
        raise ExtractError(english("loader_extract_xlsb_not_zip", name=name))
    check_archive(path, name)
    try:
        titles = list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except BaseException as error:  # calamine's Rust panics are BaseExceptions
        _reraise_interrupts(error)
        raise ExtractError(
            english("loader_extract_cannot_open_workbook", name=name, error=str(error))
        ) from error
    sheets = []
    for title in titles:
        where = f"{name} [{title}]"
        sheet = RawSheet(name, title, Path(name).stem, iter(()), merged=MergedCells(where))
        sheet.rows = filled(_rows(path, title, where, sheet), sheet.merged)
        sheets.append(sheet)
    return sheets


def _reraise_interrupts(error: BaseException) -> None:
    if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
        raise error


def _rows(path: Path, title: str, where: str, sheet: RawSheet) -> Iterator[tuple[int, list]]:
    from python_calamine import CalamineWorkbook

    try:
        worksheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(title)
        merged = sheet.merged
        assert merged is not None, "made with the sheet"
        merged.add_all(
            Range(top + 1, left, bottom + 1, right)
            for (top, left), (bottom, right) in worksheet.merged_cell_ranges or ()
        )
        first_row, first_column = worksheet.start or (0, 0)
        for offset, values in enumerate(worksheet.iter_rows()):
            row = row_of([None] * first_column + [_value(v) for v in values])
            if row is not None:
                yield first_row + offset + 1, row
    except BaseException as error:
        _reraise_interrupts(error)
        raise ExtractError(sheet_damaged(where, error)) from error


def _value(value: object) -> object:
    if isinstance(value, dt.timedelta):  # a duration cell: as the text a sheet shows
        return str(value)
    return cell_value(value)
