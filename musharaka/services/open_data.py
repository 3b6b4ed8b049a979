"""The public export's files for the open-data page: those `python -m etl export --public`
writes, through the same code, with the names and limits the page shows."""

from __future__ import annotations

from sqlalchemy import Engine

from etl.export import (
    JSON_NAME,
    TABLES,
    WITHHELD,
    XLSX_MAX_ROWS,
    XLSX_NAME,
    ZIP_NAME,
    dictionary,
)
from etl.export import build_files as _build_files
from musharaka.licences import licence

__all__ = [
    "JSON_NAME",
    "TABLES",
    "WITHHELD",
    "XLSX_MAX_ROWS",
    "XLSX_NAME",
    "ZIP_NAME",
    "build_public_files",
    "dictionary",
]


def build_public_files(engine: Engine, fmt: str, licence_id: str) -> dict[str, bytes]:
    """The files of the public export in `fmt` (csv, zip, xlsx, json), by file name.
    Public: anyone may download these, so no column that can hold personal data."""
    return _build_files(engine, fmt, licence=licence(licence_id), public=True)
