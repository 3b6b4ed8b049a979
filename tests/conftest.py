"""Shared fixtures: a fresh, migrated database on SQLite and on PostgreSQL for each test.

PostgreSQL is the one named by MUSHARAKA_TEST_POSTGRES_URL, or DATABASE_URL when that is
a PostgreSQL URL, or the local server at 127.0.0.1:5432 (database `test`, user
`postgres`). Each test gets its own empty database on it. Where no server answers, the
PostgreSQL cases are skipped with a reason that says so, except under CI (CI=true),
where they must run and fail instead.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from etl.load import run_load
from musharaka import db

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@functools.cache
def _postgres_admin_url() -> str:
    # Read once, when the run starts: page tests point DATABASE_URL at their own test
    # database, which must not become the server to create and drop databases on.
    url = os.environ.get("MUSHARAKA_TEST_POSTGRES_URL", "")
    if not url and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        url = os.environ["DATABASE_URL"]
    url = url or DEFAULT_POSTGRES
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


_postgres_problem: list[str | None] = []


def _postgres_unavailable() -> str | None:
    """None when the PostgreSQL server answers, else why not (checked once per run)."""
    if not _postgres_problem:
        try:
            engine = create_engine(_postgres_admin_url(), connect_args={"connect_timeout": 3})
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            engine.dispose()
            _postgres_problem.append(None)
        except Exception as error:
            _postgres_problem.append(f"no PostgreSQL at {_postgres_admin_url()}: {error}")
    return _postgres_problem[0]


def _fresh_postgres_database() -> str:
    admin = make_url(_postgres_admin_url())
    name = f"musharaka_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(url: str) -> None:
    target = make_url(url)
    engine = create_engine(_postgres_admin_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """The URL of a fresh, empty, migrated database of each kind."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'musharaka.db'}"
        yield url
        return
    problem = _postgres_unavailable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests must run in CI: {problem}")
        pytest.skip(problem)
    url = _fresh_postgres_database()
    try:
        yield url
    finally:
        _drop_postgres_database(url)


@pytest.fixture
def engine(db_url):
    """An engine on the fresh database, already at the newest schema."""
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path):
    """An SQLite-only engine, for tests about files rather than databases."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'files.db'}")
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def load():
    """Run a load in-process: load(engine, *paths, dry_run=False, strict=False)."""

    def _load(engine, *paths, **options):
        return run_load(engine, [Path(p) for p in paths], **options)

    return _load


def run_etl(args: list[str], database_url: str, **kwargs) -> subprocess.CompletedProcess:
    """`python -m etl ARGS` as a user runs it, against `database_url`."""
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


@pytest.fixture
def postgres_engine():
    """An engine on a fresh PostgreSQL database, for tests that compare the two engines."""
    problem = _postgres_unavailable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests must run in CI: {problem}")
        pytest.skip(problem)
    url = _fresh_postgres_database()
    engine = db.make_engine(url)
    db.upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        _drop_postgres_database(url)


@pytest.fixture
def empty_url(db_url, tmp_path) -> Iterator[str]:
    """A second empty database of the same kind as `db_url`'s (not migrated), for round
    trips: export from one database, load into the other."""
    if make_url(db_url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url = _fresh_postgres_database()
    try:
        yield url
    finally:
        _drop_postgres_database(url)


@pytest.fixture
def empty_engine(empty_url):
    """An engine on that second database, already at the newest schema."""
    engine = db.make_engine(empty_url)
    db.upgrade(engine)
    yield engine
    engine.dispose()


# --- Pages ---------------------------------------------------------------------------
@pytest.fixture
def sample_url(engine, db_url):
    """A fresh database of each kind holding the bundled sample."""
    report = run_load(engine, [SAMPLE_DIR])
    assert report.committed and not report.rejects
    return db_url


@pytest.fixture(scope="session")
def demo150_url(tmp_path_factory):
    """An SQLite database with 150 communes of demo data (about 100,000 recommendations),
    built once per test process."""
    from etl import demo

    path = tmp_path_factory.mktemp("demo150") / "demo150.db"
    url = f"sqlite:///{path}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_direct(engine, 150, seed=1)
    engine.dispose()
    return url


@pytest.fixture
def sink(monkeypatch):
    """A real SMTP server on 127.0.0.1 (tests/smtp_sink.py), named by MUSHARAKA_SMTP_URL;
    links in messages start with https://musharaka.example.ma; the signing key is the
    one the database keeps."""
    from smtp_sink import SmtpSink

    server = SmtpSink().start()
    monkeypatch.setenv("MUSHARAKA_PUBLIC_URL", "https://musharaka.example.ma")
    monkeypatch.setenv("MUSHARAKA_SMTP_URL", server.url)
    monkeypatch.delenv("MUSHARAKA_SECRET_KEY", raising=False)
    yield server
    server.stop()


@pytest.fixture
def downloads(monkeypatch):
    """The files a page's download buttons would build when clicked, by file name.
    AppTest drops its media store after each run, so the builders are kept as they are
    registered; calling one builds the file as a click would."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    builders = {}
    register = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **options):
        builders[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name=file_name, **options)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return builders


def run_page(
    page: str,
    url: str,
    monkeypatch,
    *,
    lang: str | None = None,
    params: dict[str, str] | None = None,
    locale: str | None = None,
    user: int | None = None,
):
    """Run a page (path relative to the project, e.g. "pages/1_Recommendations.py") under
    AppTest against `url`, as a reader opening it with these URL parameters; signed in
    as the user with id `user` when given (as the sign-in form leaves the session)."""
    from musharaka.apptest import app_test

    monkeypatch.setenv("DATABASE_URL", url)
    # As a server runs it: dashboard.py is the entry point and the page is switched to,
    # so links between pages resolve as they do in the browser.
    app = app_test(PROJECT_ROOT / "dashboard.py")
    if page != "dashboard.py":
        app.switch_page(page)
    if lang:
        app.query_params["lang"] = lang
    for key, value in (params or {}).items():
        app.query_params[key] = value
    if locale:
        app.context["locale"] = locale
    if user is not None:
        from musharaka.access import SESSION_KEY
        from musharaka.models import utc_now

        app.session_state[SESSION_KEY] = (user, utc_now())
    app.run()
    return app


def proto_strings(value) -> Iterator[str]:
    """Every text field of a protobuf message (an AppTest element's proto), nested messages
    and lists included, as sent (not as text_format writes them, which escapes quotes and
    non-ASCII letters)."""
    if hasattr(value, "ListFields"):
        for _field, item in value.ListFields():
            yield from proto_strings(item)
    elif isinstance(value, str):
        yield value
    elif not isinstance(value, bytes) and hasattr(value, "__iter__"):
        for item in value:
            yield from proto_strings(item)


PASSWORD = "a-long-test-password-1"


def add_user(
    url: str,
    username: str,
    role: str,
    *,
    communes=(),
    association=None,
    password: str = PASSWORD,
) -> int:
    """A user in the database at `url` (communes and association by name or id); its id."""
    from musharaka import auth, db

    engine = db.make_engine(url)
    db.upgrade(engine)
    with engine.begin() as conn:
        user_id = auth.create_user(
            conn,
            username,
            password,
            role,
            communes=communes,
            association=association,
            actor="test",
            source="cli",
        )
    engine.dispose()
    return user_id


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives Debian's headless Chromium against `streamlit run`"
    )
    _postgres_admin_url()  # fixed now, before any test points DATABASE_URL elsewhere


def identity(engine, user_id: int):
    """The signed-in identity of a user of the database (musharaka.auth.Identity)."""
    from musharaka import auth

    with engine.connect() as conn:
        found = auth.load_identity(conn, user_id)
    assert found is not None
    return found


def send_field_report(
    engine, url: str, username: str, *, status: str, progress: str, note: str, condition=""
):
    """A field report sent today by a new user of the association that proposed the first
    recommendation of commune 1 (with the SQL `condition` on `r`, if any); its result."""
    import datetime as dt

    from musharaka.services import field_reports

    with engine.connect() as conn:
        association, recommendation = conn.execute(
            text(
                "SELECT p.association_id, p.recommendation_id FROM recommendation_proposers p "
                "JOIN recommendations r ON r.id = p.recommendation_id WHERE r.commune_id = 1 "
                f"{condition} ORDER BY p.recommendation_id LIMIT 1"
            )
        ).one()
    sender = add_user(url, username, "association", association=association)
    sent = field_reports.submit(
        engine,
        identity(engine, sender),
        recommendation,
        date=dt.date.today(),
        status=status,
        progress=progress,
        note=note,
        evidence_url=None,
    )
    assert sent.done
    return sent


def load_completion(load, engine, folder: Path, code: str):
    """Load a file of one status update: recommendation `code` completed today; the
    load's report (committed, nothing rejected)."""
    import datetime as dt

    updates = folder / "status_updates.csv"
    updates.write_text(
        f"recommendation_id,date,status\n{code},{dt.date.today().isoformat()},completed\n",
        encoding="utf-8",
    )
    report = load(engine, updates)
    assert report.committed and not report.rejects
    return report


@pytest.fixture
def second_engine(engine, tmp_path):
    """Another fresh database of the engine's kind."""
    if engine.dialect.name == "sqlite":
        url = f"sqlite:///{tmp_path / 'second.db'}"
    else:
        url = _fresh_postgres_database()
    other = db.make_engine(url)
    db.upgrade(other)
    yield other
    other.dispose()
    if engine.dialect.name != "sqlite":
        _drop_postgres_database(url)
