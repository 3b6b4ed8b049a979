"""The audit log from the load's side: every committed load (command line, sample, demo)
leaves an entry saying who loaded what, every record a load changed has its values before
and after, a dry run leaves nothing, and the log itself refuses to be changed."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from conftest import SAMPLE_DIR, run_etl
from etl import demo
from etl.load import run_load
from musharaka.models import AuditEntry, Recommendation


def _entries(engine, **where):
    query = select(AuditEntry).order_by(AuditEntry.id)
    for column, value in where.items():
        query = query.where(getattr(AuditEntry, column) == value)
    with engine.connect() as conn:
        return conn.execute(query).all()


def test_command_line_load_says_who_loaded_what(engine, db_url):
    result = run_etl(["load", str(SAMPLE_DIR)], db_url)
    assert result.returncode == 0, result.stderr
    (entry,) = _entries(engine, action="load")
    assert entry.actor.startswith("cli") and entry.source == "cli"
    after = json.loads(entry.after_json)
    assert "khnafif.xlsx" in after["files"]
    assert after["tables"]["recommendations"]["inserted"] == 80
    with engine.connect() as conn:
        run = conn.execute(text("SELECT id, actor FROM load_runs")).one()
    assert entry.record_key == str(run.id) and run.actor == entry.actor


def _write(folder, title):
    folder.mkdir(exist_ok=True)
    (folder / "meetings.csv").write_text(
        "meeting_id,commune,date,title\nM-1,Aoulouz,2025-03-01,لقاء تواصلي\n", encoding="utf-8"
    )
    (folder / "recommendations.csv").write_text(
        f"recommendation_id,meeting_id,domain,title,status\nR-1,M-1,water,{title},planned\n",
        encoding="utf-8",
    )
    return folder


def test_a_changed_record_keeps_its_values_before_and_after(engine, tmp_path):
    run_load(engine, [_write(tmp_path / "a", "حفر بئر")], actor="first")
    with engine.connect() as conn:
        version = conn.execute(select(Recommendation.version)).scalar()

    report = run_load(engine, [_write(tmp_path / "b", "حفر بئر ثان")], actor="second")

    assert report.tables["recommendations"]["updated"] == 1
    (change,) = _entries(engine, action="update", table_name="recommendations")
    assert change.actor == "second" and change.record_key == "R-1"
    assert json.loads(change.before_json) == {"title": "حفر بئر"}
    assert json.loads(change.after_json) == {"title": "حفر بئر ثان"}
    with engine.connect() as conn:
        # A form opened on the old version is now stale.
        assert conn.execute(select(Recommendation.version)).scalar() == version + 1


def test_dry_run_and_unchanged_reload_write_no_change(engine):
    run_load(engine, [SAMPLE_DIR])
    before = len(_entries(engine))
    run_load(engine, [SAMPLE_DIR], dry_run=True)
    assert len(_entries(engine)) == before
    run_load(engine, [SAMPLE_DIR])  # all unchanged: one more load entry, no record entries
    assert len(_entries(engine)) == before + 1
    assert not _entries(engine, action="update")


def test_demo_load_is_audited(engine):
    demo.load_direct(engine, 1, seed=3)
    (entry,) = _entries(engine)
    assert entry.source == "demo" and entry.action == "load"


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"]
)
def test_the_log_cannot_be_changed_even_in_sql(engine, statement):
    run_load(engine, [SAMPLE_DIR])
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert len(_entries(engine)) == 1


@pytest.mark.postgres
def test_a_big_load_leaves_postgresql_ready_for_index_only_scans(postgres_engine, monkeypatch):
    """After a bulk load the pages' tables are vacuumed (visibility map set) and analysed,
    so the national pages read their covering indexes instead of whole tables."""
    from etl import bulk

    monkeypatch.setattr(bulk, "VACUUM_AFTER_ROWS", 50)  # the sample stands in for a big load
    run_load(postgres_engine, [SAMPLE_DIR])
    with postgres_engine.connect() as conn:
        vacuumed = {
            name: (vacuum, analyze)
            for name, vacuum, analyze in conn.execute(
                text(
                    "SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL "
                    "FROM pg_stat_user_tables "
                    "WHERE relname IN ('recommendations', 'meetings', 'status_updates')"
                )
            )
        }
    # The status history is analysed (one commune's history is then read by its index),
    # not vacuumed: no page reads it from an index alone.
    assert vacuumed == {
        "recommendations": (True, True),
        "meetings": (True, True),
        "status_updates": (False, True),
    }
