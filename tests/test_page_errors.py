"""A database that cannot be reached (a wrong DATABASE_URL, a server down, an SQLite file
in a folder that cannot exist) gives every page a plain message in the reader's language,
never a traceback naming the database's host, port, name or file; the details go to the
server's log. Behind that, .streamlit/config.toml hides the details of any other error."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

import pytest
from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.testing.v1 import AppTest

from conftest import PROJECT_ROOT, proto_strings, run_page
from musharaka.i18n import t
from musharaka.ui import navigation

PAGES = [entry.path for entry in navigation.PAGES]
LANGS = ("ar", "fr", "en")


@pytest.fixture(params=["postgres", "sqlite"])
def unreachable(request, tmp_path: Path) -> tuple[str, list[str]]:
    """A DATABASE_URL that cannot work, and the details of it no visitor may read."""
    if request.param == "postgres":
        # Nothing listens on port 1: the connection is refused at once.
        url = "postgresql+psycopg://council_reader@127.0.0.1:1/council_records_db"
        return url, ["127.0.0.1", "port 1", "council_records_db", "council_reader"]
    blocker = tmp_path / "council_files"
    blocker.write_text("a file where the folder should be\n")
    path = blocker / "council_records.db"
    return f"sqlite:///{path}", [str(tmp_path), "council_files", "council_records.db"]


def _sent_text(app: AppTest) -> str:
    """Every text the page sent to the browser, of every element."""
    parts = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.extend(proto_strings(proto))
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_unreachable_database_gives_a_plain_message(page, unreachable, monkeypatch, caplog):
    url, details = unreachable
    lang = LANGS[PAGES.index(page) % len(LANGS)]
    with caplog.at_level(logging.ERROR):
        app = run_page(page, url, monkeypatch, lang=lang)
    assert not app.exception, [e.message for e in app.exception]
    assert [e.value for e in app.error] == [t("data_unavailable", lang)]
    sent = _sent_text(app)
    for detail in [*details, "Traceback", "OperationalError", "sqlalchemy", "psycopg"]:
        assert detail not in sent, (page, detail)
    # The operator finds the real error in the server's log.
    logged = "\n".join(r.getMessage() + str(r.exc_info and r.exc_info[1]) for r in caplog.records)
    assert details[-1] in logged or details[1] in logged, logged


def test_config_hides_error_details_from_visitors():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    shown = config["client"]["showErrorDetails"]
    assert ShowErrorDetailsConfigOptions(shown) is ShowErrorDetailsConfigOptions.NONE


def test_a_write_that_cannot_reach_the_database_names_no_host(monkeypatch, caplog):
    """The messages forms, field reports and uploads show signed-in users say that the
    database is not available, never where it is."""
    from conftest import SAMPLE_DIR
    from etl.load import LoadError, run_load
    from musharaka import auth, db
    from musharaka.services import edit, field_reports

    details = ["127.0.0.1", "port 1", "council_records_db", "council_reader"]
    engine = db.make_engine("postgresql+psycopg://council_reader@127.0.0.1:1/council_records_db")
    admin = auth.Identity(1, "boss", None, "admin", frozenset(), None)
    association = auth.Identity(2, "tifawt", None, "association", frozenset(), 1)
    row = {"meeting_id": "M-1", "commune": "Khnafif", "date": "2026-03-01"}
    with caplog.at_level(logging.ERROR):
        saved = edit.save(engine, "meetings", row, user=admin)
        reported = field_reports.submit(
            engine,
            association,
            1,
            date="2026-03-01",
            status="completed",
            progress=100,
            note="The fountain runs",
            evidence_url=None,
        )
        with pytest.raises(LoadError) as load:
            run_load(engine, [SAMPLE_DIR])
    messages = {
        "form": " ".join(saved.problems.values()),
        "field report": str(reported.detail),
        "upload": str(load.value),
    }
    for where, message in messages.items():
        assert "not available" in message, (where, message)
        for detail in details:
            assert detail not in message, (where, detail, message)
    assert "port 1" in caplog.text  # the operator's log keeps the real error
