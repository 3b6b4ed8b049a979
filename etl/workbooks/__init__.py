"""Workbooks other than .xlsx (etl.extract reads those): Excel 97-2003 `.xls`
(workbooks.xls), OpenDocument `.ods` (workbooks.ods) and Excel's binary `.xlsb`
(workbooks.xlsb), each turned into the same sheets of numbered rows as an .xlsx; and the
merged cells of every kind of workbook (workbooks.merged)."""

from __future__ import annotations

from pathlib import Path


def read_workbook(path: Path, name: str) -> list:
    """Every sheet of an .xls, .ods or .xlsb workbook (etl.extract.RawSheet). Its readers
    are imported here, when one is needed: etl.extract imports this package."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        from etl.workbooks.xls import read_xls

        return read_xls(path, name)
    if suffix == ".ods":
        from etl.workbooks.ods import read_ods

        return read_ods(path, name)
    from etl.workbooks.xlsb import read_xlsb

    return read_xlsb(path, name)
