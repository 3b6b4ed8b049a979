"""Where the database is (`DATABASE_URL`, or an SQLite file under data/ when it is unset),
and how long a load waits for another one to finish."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
DEFAULT_SQLITE_PATH = DATA_DIR / "musharaka.db"


def database_url() -> str:
    """The SQLAlchemy URL every entry point uses (pages, ETL, tests)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{DEFAULT_SQLITE_PATH}"
    # Heroku-style URLs and bare postgresql:// both mean psycopg 3 here.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


DEFAULT_LOAD_WAIT_SECONDS = 300.0


def load_wait_seconds() -> float:
    """How long a load (or a form) waits for another load writing into the same database
    before it gives up: `MUSHARAKA_LOAD_WAIT_SECONDS`, default five minutes (a national
    load takes about three)."""
    value = os.environ.get("MUSHARAKA_LOAD_WAIT_SECONDS", "").strip()
    try:
        seconds = float(value) if value else DEFAULT_LOAD_WAIT_SECONDS
    except ValueError:
        return DEFAULT_LOAD_WAIT_SECONDS
    return seconds if seconds >= 0 else DEFAULT_LOAD_WAIT_SECONDS
