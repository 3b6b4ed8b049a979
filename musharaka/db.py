"""The engine and session factory, and bringing a database to the current schema."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, Insert, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from musharaka.config import PROJECT_ROOT, database_url, load_wait_seconds
from musharaka.loader_text import english

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
SQLITE_BUSY_SECONDS = 30


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: DATABASE_URL); SQLite gets foreign keys and WAL."""
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    is_sqlite = url.startswith("sqlite")
    # SQLite lets one writer at a time: another connection that writes (a sign-in counting
    # a failure, a form, a load) waits for it up to this many seconds rather than failing
    # at once with "database is locked" (Python's default is 5).
    connect_args = {"timeout": SQLITE_BUSY_SECONDS} if is_sqlite else {}
    engine = create_engine(url, pool_pre_ping=not is_sqlite, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver's own transaction handling opens a transaction only before INSERT,
    # UPDATE and DELETE: reads before them and DDL (a load's DROP INDEX) ran outside any
    # transaction and committed alone. The driver is told to leave transactions alone and
    # each one starts with BEGIN (`_sqlite_begin`), as SQLAlchemy's documentation advises.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the dashboard read while a load writes; the load's transaction stays atomic.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # BEGIN IMMEDIATE takes the write lock at once (`exclusive_write`); a plain BEGIN
    # takes it at the first write and lets readers share the database until then.
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def writing(engine: Engine) -> Engine:
    """The engine for a transaction that reads and then writes (a sign-in counting a
    failure, a user's change, a field report). On SQLite its BEGIN takes the write lock
    at once, waiting for another writer: a transaction that has read under a plain BEGIN
    cannot wait to write, and fails at once with "database is locked" when another
    writer is busy. Elsewhere it is the engine as it is."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


# --- One writer at a time -------------------------------------------------------------
# A PostgreSQL advisory lock's key: any fixed number, the same in every process.
WRITE_LOCK_KEY = zlib.crc32(b"musharaka write lock")
# The wait for a lock of every other statement: the connection's own (make_engine).
SQLITE_BUSY_MS = SQLITE_BUSY_SECONDS * 1000
LONGEST_WAIT_MS = 2**31 - 1


class WriterBusy(Exception):
    """Another load holds the database's write lock and did not finish within the wait."""

    def __init__(self, waited: float) -> None:
        super().__init__(english("loader_db_busy", seconds=f"{waited:g}"))


@contextmanager
def exclusive_write(
    engine: Engine,
    wait_seconds: float | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[Connection]:
    """A transaction that is the only writer of the database while it lasts: loads and
    forms write through it, so that two of them never decide against the same rows and
    then collide on a key or an index the other one is changing. It commits when the
    block ends, rolls back on an exception.

    The lock is taken before the first read, so everything the transaction reads stays
    true until it commits. A second writer waits up to `wait_seconds` (default
    MUSHARAKA_LOAD_WAIT_SECONDS), calling `on_wait` once when it starts waiting, then
    raises WriterBusy. Readers (the pages) never wait for it.
    """
    wait = load_wait_seconds() if wait_seconds is None else wait_seconds
    locked = _locked(engine, 0)
    if locked is None:
        if on_wait is not None:
            on_wait()
        locked = _locked(engine, wait)
        if locked is None:
            raise WriterBusy(wait)
    conn, transaction = locked
    with conn, transaction:
        yield conn


def _locked(engine: Engine, wait: float):
    """A connection and its open transaction holding the write lock, or None when another
    transaction held it for all of `wait` seconds."""
    milliseconds = max(1, min(LONGEST_WAIT_MS, int(wait * 1000)))
    conn = engine.connect()
    try:
        if engine.dialect.name == "sqlite":
            return conn, _sqlite_immediate(conn, milliseconds)
        transaction = conn.begin()
        if engine.dialect.name == "postgresql":
            _postgres_advisory(conn, milliseconds)
        return conn, transaction
    except OperationalError as error:
        conn.close()
        if _is_lock_wait(error):
            return None
        raise
    except BaseException:
        conn.close()
        raise


def _sqlite_immediate(conn: Connection, milliseconds: int):
    driver = conn.connection.driver_connection
    assert driver is not None  # None only once the connection is invalidated
    driver.execute(f"PRAGMA busy_timeout = {milliseconds}")
    try:
        return conn.execution_options(sqlite_begin="IMMEDIATE").begin()
    finally:
        driver.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")


def _postgres_advisory(conn: Connection, milliseconds: int) -> None:
    # Held until the transaction ends, whether it commits, rolls back or its process dies.
    before = conn.execute(text("SELECT current_setting('lock_timeout')")).scalar()
    conn.execute(
        text("SELECT set_config('lock_timeout', :wait, true)"), {"wait": f"{milliseconds}ms"}
    )
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
    conn.execute(text("SELECT set_config('lock_timeout', :before, true)"), {"before": before})


def _is_lock_wait(error: OperationalError) -> bool:
    """The error of a lock that was still held at the end of the wait."""
    original = error.orig
    if getattr(original, "sqlstate", None) == "55P03":  # PostgreSQL: lock_not_available
        return True
    return getattr(original, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED")


# The DB-API (PEP 249) names the errors of a connection that failed or was lost alike in
# every driver; SQLAlchemy wraps them under the same names.
_CONNECTION_ERRORS = {"OperationalError", "InterfaceError", "DisconnectionError", "TimeoutError"}
NOT_AVAILABLE = english("loader_db_not_available")


def refusal_reason(error: BaseException) -> str:
    """What a database error tells the person whose change it stopped: the driver's first
    line when the database refused the data (a constraint, a value), or NOT_AVAILABLE when
    it could not be reached. The connection's message names its host, port, database and
    user: it goes to the server's log only."""
    driver_error = getattr(error, "orig", None) or error
    if _unreachable(error, driver_error):
        logging.getLogger("musharaka.db").error("database not available: %s", error)
        return NOT_AVAILABLE
    return str(driver_error).splitlines()[0]


def _unreachable(error: BaseException, driver_error: BaseException) -> bool:
    """True for a database that could not be reached, as opposed to one that answered
    and refused (a full disk, a lock, a constraint): those keep their reason, which
    names no host."""
    kinds = {kind.__name__ for kind in (*type(error).__mro__, *type(driver_error).__mro__)}
    if not kinds & _CONNECTION_ERRORS:
        return False
    state = getattr(driver_error, "sqlstate", None)
    if state:  # PostgreSQL's class 08 is "connection exception"
        return str(state).startswith("08")
    if type(driver_error).__module__.startswith("sqlite3"):
        return "unable to open" in str(driver_error)
    return True


def insert_one(conn: Connection, statement: Insert) -> int:
    """Run an INSERT of one row and give its id (each table's key is one integer)."""
    key = conn.execute(statement).inserted_primary_key
    assert key is not None  # set by every INSERT of one row
    return key[0]


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (every entry point calls this first)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != head:
        command.upgrade(config, "head")


def is_empty(engine: Engine) -> bool:
    """True when the database has no schema yet or no meeting loaded."""
    if not inspect(engine).has_table("meetings"):
        return True
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT 1 FROM meetings LIMIT 1").first() is None
