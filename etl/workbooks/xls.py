"""Excel 97-2003 workbooks (.xls), read with xlrd: every sheet, each cell's saved value
(Musharaka never runs formulas), dates and percent cells known by their number format
as in an .xlsx, merged cells filled (etl.workbooks.merged).

xlrd, not python-calamine, because calamine gives no cell's number format: a progress
cell showing 45% would read 0.45 instead of 45.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from etl.extract import ExtractError, RawSheet, sheet_damaged
from etl.workbooks.cells import cell_value, row_of
from etl.workbooks.merged import MergedCells, Range, filled
from musharaka.loader_text import english

# The first bytes of an Office 97-2003 file (an OLE2 compound document).
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_xls(path: Path, name: str) -> list[RawSheet]:
    import xlrd

    _check_kind(path, name)
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as error:  # xlrd raises many types for a damaged workbook
        raise ExtractError(
            english("loader_extract_cannot_open_workbook", name=name, error=str(error))
        ) from error
    sheets = []
    for index, title in enumerate(book.sheet_names()):
        where = f"{name} [{title}]"
        sheet = RawSheet(name, title, Path(name).stem, iter(()), merged=MergedCells(where))
        sheet.rows = filled(_rows(book, index, where, sheet), sheet.merged)
        sheets.append(sheet)
    if not sheets:
        book.release_resources()
    return sheets


def _check_kind(path: Path, name: str) -> None:
    """A file saved under a .xls name that is not one gets a message saying what it is:
    an .xlsx renamed, or a web page, as some systems export "Excel" files."""
    with path.open("rb") as file:
        start = file.read(512)
    if start.startswith(_OLE2):
        return
    if zipfile.is_zipfile(path):
        raise ExtractError(english("loader_extract_xls_is_xlsx", name=name))
    if b"<" in start[:200] and (b"html" in start.lower() or b"<table" in start.lower()):
        raise ExtractError(english("loader_extract_xls_is_html", name=name))
    raise ExtractError(english("loader_extract_xls_not_xls", name=name))


def _rows(book, index: int, where: str, sheet: RawSheet) -> Iterator[tuple[int, list[object]]]:
    import xlrd

    try:
        worksheet = book.sheet_by_index(index)
        merged = sheet.merged
        assert merged is not None, "made with the sheet"
        merged.add_all(
            Range(top + 1, left, bottom, right - 1)
            for top, bottom, left, right in worksheet.merged_cells
            if bottom - top > 1 or right - left > 1
        )
        percent = _percent_formats(book)
        for r in range(worksheet.nrows):
            types, values = worksheet.row_types(r), worksheet.row_values(r)
            cells: list[object] = [None] * len(values)
            for c, (kind, value) in enumerate(zip(types, values, strict=True)):
                if kind == xlrd.XL_CELL_TEXT:
                    cells[c] = cell_value(value)
                elif kind == xlrd.XL_CELL_NUMBER:
                    cells[c] = cell_value(value, worksheet.cell_xf_index(r, c) in percent)
                elif kind == xlrd.XL_CELL_DATE:
                    cells[c] = _date(value, book.datemode)
                elif kind == xlrd.XL_CELL_BOOLEAN:
                    cells[c] = bool(value)
                elif kind == xlrd.XL_CELL_ERROR:
                    cells[c] = xlrd.error_text_from_code.get(value, "#ERROR")
            row = row_of(cells)
            if row is not None:
                yield r + 1, row
    except ExtractError:
        raise
    except Exception as error:  # a sheet damaged past its first rows (the load stops)
        raise ExtractError(sheet_damaged(where, error)) from error
    finally:
        book.unload_sheet(index)
        if index == book.nsheets - 1:
            book.release_resources()


def _percent_formats(book) -> set[int]:
    """The cell formats (XF indexes) that show a number as a percentage, as in .xlsx."""
    return {
        index
        for index, xf in enumerate(book.xf_list)
        if "%" in getattr(book.format_map.get(xf.format_key), "format_str", "")
    }


def _date(value: float, datemode: int) -> object:
    import xlrd

    try:
        # The workbook's date system: 0 from 1900 (Windows), 1 from 1904 (old Macs).
        return cell_value(xlrd.xldate.xldate_as_datetime(value, 1 if datemode else 0))
    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
        return cell_value(value)  # not a date a calendar holds: the number, as saved
