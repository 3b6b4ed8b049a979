"""The engine and session factory, and bringing a database to the current schema."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from musharaka.config import PROJECT_ROOT, database_url

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: DATABASE_URL); SQLite gets foreign keys and WAL."""
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
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
    conn.exec_driver_sql("BEGIN")


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
