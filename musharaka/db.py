"""The engine and session factory, and bringing a database to the current schema."""

from __future__ import annotations

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
