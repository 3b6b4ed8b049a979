"""The engine and session factory, and bringing a database to the current schema."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from musharaka.config import PROJECT_ROOT, database_url

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
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the dashboard read while a load writes; the load's transaction stays atomic.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


# The DB-API (PEP 249) names the errors of a connection that failed or was lost alike in
# every driver; SQLAlchemy wraps them under the same names.
_CONNECTION_ERRORS = {"OperationalError", "InterfaceError", "DisconnectionError", "TimeoutError"}
NOT_AVAILABLE = "the database is not available right now; try again later"


def refusal_reason(error: BaseException) -> str:
    """What a database error tells the person whose change it stopped: the driver's first
    line when the database refused the data (a constraint, a value), or NOT_AVAILABLE when
    it could not be reached. The connection's message names its host, port, database and
    user: it goes to the server's log only."""
    driver_error = getattr(error, "orig", None) or error
    kinds = {kind.__name__ for kind in (*type(error).__mro__, *type(driver_error).__mro__)}
    if kinds & _CONNECTION_ERRORS:
        logging.getLogger("musharaka.db").error("database not available: %s", error)
        return NOT_AVAILABLE
    return str(driver_error).splitlines()[0]


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
