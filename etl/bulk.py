"""Bulk inserts at the database's own speed: COPY on PostgreSQL, the driver's
executemany elsewhere. Used inside the caller's transaction, so they stay atomic."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, text


def converter(conn: Connection, table: Table, column: str):
    """A function that turns a Python value into what the driver should store for this
    column, remembering each distinct value (identity where the driver needs nothing).

    Use it while building rows for `bulk_insert(..., converted=True)`."""
    process = _processor(conn, table, column)
    if process is None:
        return lambda value: value
    memo: dict = {}

    def convert(value):
        if value is None:
            return None
        done = memo.get(value)
        if done is None:
            done = memo[value] = process(value)
        return done

    return convert


def _processor(conn: Connection, table: Table, column: str):
    """What turns a value of this column into what SQLite stores, or None (PostgreSQL's
    COPY and plain values need nothing): the column type's own converter, else, for dates
    and timestamps, the driver's adapter, which SQLAlchemy leaves them to. Called once per
    distinct value by `converter` instead of once per row by the driver (a national load
    has five million dated rows and a few thousand dates)."""
    if conn.dialect.name != "sqlite":
        return None
    process = table.c[column].type.bind_processor(conn.dialect)
    if process is not None:
        return process
    try:
        python_type = table.c[column].type.python_type
    except NotImplementedError:
        return None
    adapt = sqlite3.adapters.get((python_type, sqlite3.PrepareProtocol))
    if adapt is None:
        return None

    def driver_adapter(value):
        # A date column may be handed a datetime (and the reverse): each value is adapted
        # as the driver would adapt it, by its own type.
        exact = sqlite3.adapters.get((type(value), sqlite3.PrepareProtocol))
        return exact(value) if exact is not None else value

    return driver_adapter


# How many rows SQLite is handed at a time when they come one by one (bulk_insert).
SQLITE_BATCH = 5_000


def bulk_insert(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    converted: bool = False,
    binary: bool = False,
) -> int:
    """Insert rows (tuples in `columns` order) into `table`; returns how many.

    `rows` may be a generator that makes them as they are written: on PostgreSQL they go
    in one COPY, which the server inserts as they arrive, while the next ones are made;
    a COPY per few thousand rows made the two wait for each other, each idle while the
    other worked (a national load's status updates took a third longer). Nothing else may
    use the connection until the rows are all made. `converted` says the rows' values
    already went through `converter`.

    `binary`: on PostgreSQL, the rows copied in COPY's binary format, each value sent as
    the column's own type instead of as text the server parses: a third of the client's
    time and less of the server's (a national load's status updates and recommendations).
    Only for rows whose values are of their columns' types (int for an integer column,
    str for a text one: `_BINARY_FIXES` adapts the others a load writes), which the
    text format forgave."""
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    if conn.dialect.name == "postgresql":
        driver = conn.connection.driver_connection
        assert driver is not None  # None only once the connection is invalidated
        rows = iter(rows)
        first = next(rows, None)
        if first is None:  # no COPY at all for nothing (the server would still answer)
            return 0
        form = " (FORMAT BINARY)" if binary else ""
        oids = _column_types(conn, table, columns) if binary else []  # asked before the COPY
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN{form}") as copy,
        ):
            if binary:
                copy.set_types(oids)
                fixes = [
                    (at, fix) for at, oid in enumerate(oids) if (fix := _BINARY_FIXES.get(oid))
                ]
                if fixes:
                    zone = driver.info.timezone
                    first = _fixed(first, fixes, zone)
                    rows = (_fixed(row, fixes, zone) for row in rows)
            copy.write_row(first)
            count = 1
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    count = 0
    for batch in _batches(rows, SQLITE_BATCH):
        if conn.dialect.name == "sqlite":
            # The column types' own converters (dates and timestamps as SQLAlchemy stores
            # them), so rows written here read back exactly like rows written by the ORM.
            if not converted:
                batch = _converted(conn, table, columns, batch)
            marks = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"
            conn.exec_driver_sql(sql, batch)
        else:
            conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in batch])
        count += len(batch)
    return count


def _column_types(conn: Connection, table: Table, columns: Sequence[str]) -> list[int]:
    """The type (oid) of each of the columns, as the server has them."""
    found: dict[str, int] = dict(
        conn.execute(
            text(
                "SELECT attname, atttypid::int FROM pg_attribute"
                " WHERE attrelid = CAST(:table AS regclass) AND attnum > 0 AND NOT attisdropped"
            ),
            {"table": table.name},
        ).all()
    )
    return [found[column] for column in columns]


def _numeric(value, zone):
    # The float's shortest text, as the text format sent it: the server rounds it to the
    # column's scale alike.
    return Decimal(repr(value)) if type(value) is float else value


def _aware(value, zone):
    # A time without its zone is in the session's, as the server reads one in text.
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


# What binary COPY refuses that the text format took, by column type: a float in a
# numeric column (a budget), a time without its zone in a timestamptz one.
_BINARY_FIXES = {1700: _numeric, 1184: _aware}


def _fixed(row: Sequence, fixes: list, zone) -> tuple:
    values = list(row)
    for at, fix in fixes:
        values[at] = fix(values[at], zone)
    return tuple(values)


def _batches(rows: Iterable[Sequence], size: int) -> Iterator[list[Sequence]]:
    """`rows` in lists of `size` (a list given whole as one)."""
    if isinstance(rows, list):
        if rows:
            yield rows
        return
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _converted(
    conn: Connection, table: Table, columns: Sequence[str], rows: list[Sequence]
) -> list[Sequence]:
    """Rows with the values of the columns that need it (dates, timestamps) converted."""
    needed = []
    for position, column in enumerate(columns):
        if _processor(conn, table, column) is not None:
            needed.append((position, converter(conn, table, column)))
    if not needed:
        return rows
    converted: list[Sequence] = []
    for row in rows:
        row = list(row)
        for position, convert in needed:
            row[position] = convert(row[position])
        converted.append(tuple(row))
    return converted


@contextmanager
def statements_unprepared(conn: Connection) -> Iterator[None]:
    """On PostgreSQL, the load's own statements planned each for its own values while
    the block runs. The driver prepares a statement run five times, and the server then
    plans it once for any values: a load's lookups (`key IN (500 values)`, over and
    over) were planned while the tables the load fills still looked empty, so as a scan
    comparing every row with each of the 500 values: 0.36 s a lookup, 16 s of a national
    load for its 21,025 associations. Only the statements the load sends: the server's
    own (the foreign keys' checks) keep their plans. Telling the server to plan every
    statement anew (plan_cache_mode) planned again the check of each row a COPY inserts."""
    if conn.dialect.name != "postgresql":
        yield
        return
    driver: Any = conn.connection.driver_connection  # psycopg's: prepare_threshold
    before = driver.prepare_threshold
    driver.prepare_threshold = None
    try:
        yield
    finally:
        driver.prepare_threshold = before


# The tables the pages aggregate with index-only scans. PostgreSQL takes those only for
# pages its visibility map marks all-visible, which a fresh bulk load leaves unmarked until
# autovacuum passes (minutes later): until then every national page reads the whole table.
PAGE_TABLES = ("recommendations", "meetings", "recommendation_proposers", "meeting_associations")
# The other tables a load fills need only their statistics: without them the planner
# guessed the status history of one commune's recommendations by a walk of all five
# million entries (0.38 s on the meetings page, 0.01 s once analyzed; ANALYZE takes 0.3 s).
ANALYZED_TABLES = ("status_updates", "associations", "communes")
VACUUM_AFTER_ROWS = 10_000


def vacuum_after_bulk(engine: Engine, rows_written: int) -> None:
    """After a committed load of many rows on PostgreSQL, mark the tables the pages read
    all-visible and refresh the statistics of every table it filled (VACUUM cannot run
    inside the load's transaction). Nothing to do on SQLite."""
    if engine.dialect.name != "postgresql" or rows_written < VACUUM_AFTER_ROWS:
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"VACUUM (ANALYZE) {', '.join(PAGE_TABLES)}"))
        conn.execute(text(f"ANALYZE {', '.join(ANALYZED_TABLES)}"))


def analyze_if_bulk(conn: Connection, rows_written: int) -> None:
    """Inside a load's transaction on PostgreSQL, once it has written many rows and before
    it reads them back (the current states and the communes' summaries): the statistics
    of the tables it filled. Planned on the statistics of the empty tables, each lookup of
    500 recommendations' histories walked the status updates (0.3 s each, 12 s of a
    national load's last step). ANALYZE, unlike VACUUM, may run in a transaction; it reads
    a sample (a second or so for a national load). Nothing to do on SQLite."""
    if conn.dialect.name != "postgresql" or rows_written < VACUUM_AFTER_ROWS:
        return
    conn.execute(text(f"ANALYZE {', '.join((*PAGE_TABLES, *ANALYZED_TABLES))}"))


@contextmanager
def foreign_keys_checked_after(
    conn: Connection, tables: Sequence[Table], unseen: Collection[str]
) -> Iterator[None]:
    """On PostgreSQL, the foreign keys of `tables` dropped while the block inserts and
    added again after it, inside the caller's transaction. Each row a COPY inserts
    otherwise runs a lookup (and a lock) of the row it points to: two fifths of the time
    of a national first load's status updates and recommendations, and seven eighths of
    their proposers'. Adding a key back checks every row in one join, and fails the load
    (rolled back, keys and all) if one points nowhere.

    Dropping a key locks the table it points to against readers until the load commits,
    not only its own: only the keys that point to `unseen` tables (those that held no
    rows when the load began: nothing there for a reader yet) are dropped, the others
    check each row as before. Nothing to do on SQLite, which checks each row where it
    stands."""
    if conn.dialect.name != "postgresql":
        yield
        return
    keys = [
        (table, name, definition)
        for table, name, definition, target in conn.execute(
            text(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid),"
                " confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'"
                " AND conrelid = ANY(CAST(:tables AS regclass[]))"
                " ORDER BY conrelid::regclass::text, conname"
            ),
            {"tables": [t.name for t in tables]},
        )
        if target in unseen
    ]
    quote = conn.dialect.identifier_preparer.quote
    for table, name, _ in keys:
        conn.execute(text(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}"))
    yield
    # Added back only after the inserts succeeded, as etl.plan.base rebuilds the indexes:
    # after an error the rollback restores them.
    for table, name, definition in keys:
        conn.execute(text(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"))
