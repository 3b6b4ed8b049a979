"""The widgets of the open-data page (pages/6_Open_data.py): rows per table, the
licence, and the files of the public export built when a button is clicked."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from musharaka import queries
from musharaka.queries.open_data import TABLES
from musharaka.services.open_data import build_public_files
from musharaka.ui.frame import Page

# The files of a data set up to this many rows are kept an hour for each version of the
# data; larger ones are built afresh at each click rather than held in the server's memory.
OPEN_DATA_KEPT_ROWS = 50_000


def open_data_rows(page: Page) -> dict[str, int]:
    """How many rows each table of the open-data export holds (cached for a minute)."""
    counts = page.query(queries.open_data.table_counts)
    row = counts.iloc[0] if len(counts) else {}
    return {table: int(row.get(table, 0) or 0) for table in TABLES}


def licence_link(licence) -> str:
    """A `licences.Licence` as Markdown: its name linked to its text, then its identifier."""
    name = f"[{licence.name}]({licence.url})" if licence.url else licence.name
    return name if licence.name == licence.id else f"{name} (`{licence.id}`)"


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _kept_open_data(
    url: str, _engine: Engine, fmt: str, licence_id: str, version: int
) -> dict[str, bytes]:
    # Keyed by the database's URL (`_engine` is left out of the key), format and version.
    return build_public_files(_engine, fmt, licence_id)


def open_data_file(page: Page, fmt: str, name: str | None, licence_id: str, rows: int) -> bytes:
    """One file of the public export, the bytes `python -m etl export --public` writes: `fmt` is
    json, zip or xlsx, or csv with the `name` of one table's file. For a download button's
    click; `rows` (the data set's size) decides whether the files are kept for the next."""
    if rows <= OPEN_DATA_KEPT_ROWS:
        version = int(page.read(queries.open_data.data_version)["version"].iloc[0])
        files = _kept_open_data(page.url, page.engine, fmt, licence_id, version)
    else:
        files = build_public_files(page.engine, fmt, licence_id)
    return files[name] if name else next(iter(files.values()))
