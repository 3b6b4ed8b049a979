"""Bulk inserts at the database's own speed: COPY on PostgreSQL, the driver's
executemany elsewhere. Used inside the caller's transaction, so they stay atomic."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Table, insert


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence]
) -> int:
    """Insert rows (tuples in `columns` order) into `table`; returns how many."""
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return 0
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return len(rows)
    if conn.dialect.name == "sqlite":
        # The column types' own converters (dates and timestamps as SQLAlchemy stores
        # them), so rows written here read back exactly like rows written by the ORM.
        processors = [table.c[c].type.bind_processor(conn.dialect) for c in columns]
        if any(processors):
            rows = [
                tuple(
                    v if p is None or v is None else p(v)
                    for p, v in zip(processors, row, strict=True)
                )
                for row in rows
            ]
        marks = ", ".join("?" for _ in columns)
        conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", rows)
        return len(rows)
    conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
    return len(rows)
