"""Rows copied in PostgreSQL's binary format (etl.bulk.bulk_insert(binary=True), as a
load writes its recommendations and status updates) read back as the same rows copied
as text: a float in a numeric column rounded to its scale alike, a time without its zone
read in the session's, dates, texts and missing values unchanged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Column, Date, DateTime, Float, Integer, MetaData, Numeric, String, Table

from etl.bulk import bulk_insert

COLUMNS = ("budget", "at", "progress", "day", "note", "row")
ROWS = [
    (123456.789, dt.datetime(2020, 2, 16, 10, 30), 40, dt.date(2020, 2, 16), "بئر", 2),
    (0.1 + 0.2, dt.datetime(2020, 2, 16, 10, 30, tzinfo=dt.UTC), 12.5, None, None, 3),
    (7, None, None, dt.date(2021, 1, 1), "a\tb\nc\\d", 4),
    (Decimal("1.005"), None, 0.0, None, "", 5),
    (None, None, None, None, None, 6),
]


def _written(conn, name: str, binary: bool) -> list[tuple]:
    table = Table(
        name,
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("budget", Numeric(16, 2)),
        Column("at", DateTime(timezone=True)),
        Column("progress", Float),
        Column("day", Date),
        Column("note", String(20)),
        Column("row", Integer),
    )
    table.create(conn)
    assert bulk_insert(conn, table, COLUMNS, iter(ROWS), binary=binary) == len(ROWS)
    return [tuple(r) for r in conn.execute(table.select().order_by(table.c.id))]


def test_rows_copied_in_binary_read_back_as_rows_copied_as_text(postgres_engine):
    with postgres_engine.begin() as conn:
        as_text = _written(conn, "copied_as_text", binary=False)
        in_binary = _written(conn, "copied_in_binary", binary=True)

    assert in_binary == as_text
    assert [r[1] for r in in_binary][:2] == [Decimal("123456.79"), Decimal("0.30")]
    assert in_binary[0][2] == dt.datetime(2020, 2, 16, 10, 30, tzinfo=dt.UTC)
