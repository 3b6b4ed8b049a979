"""A load's lookups on PostgreSQL are planned for their own values (etl.bulk
statements_unprepared): the driver prepares a statement run five times, and a plan made
once for any values, while the load's own tables still looked empty to the server, read
every row of them for each lookup (16 s of a national load's associations)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from conftest import SAMPLE_DIR
from etl import bulk
from etl.bulk import statements_unprepared
from etl.demo import write_files
from etl.plan import orchestrator


@pytest.mark.postgres
def test_a_load_prepares_none_of_its_statements(postgres_engine, load, monkeypatch):
    seen: list[int] = []
    resolve, write = orchestrator.Plan.resolve, orchestrator.Plan.write

    def prepared(plan) -> int:
        query = text("SELECT count(*) FROM pg_prepared_statements")
        return plan.conn.execute(query).scalar_one()

    def resolve_and_look(plan, accepted):
        resolve(plan, accepted)
        seen.append(prepared(plan))

    def write_and_look(plan):
        write(plan)
        seen.append(prepared(plan))

    monkeypatch.setattr(orchestrator.Plan, "resolve", resolve_and_look)
    monkeypatch.setattr(orchestrator.Plan, "write", write_and_look)
    report = load(postgres_engine, SAMPLE_DIR)
    assert report.committed
    # The sample's load runs the same lookups more than five times: none was prepared.
    assert seen == [0, 0]
    # The connection goes back to the pool preparing as it did (the pages' statements).
    with postgres_engine.connect() as conn:
        assert conn.connection.driver_connection.prepare_threshold == 5


def test_sqlite_is_left_alone(sqlite_engine):
    with sqlite_engine.begin() as conn, statements_unprepared(conn):
        assert conn.execute(text("SELECT 1")).scalar_one() == 1


@pytest.mark.postgres
def test_a_big_load_reads_back_what_it_wrote_with_its_statistics(
    postgres_engine, load, monkeypatch, tmp_path
):
    """The current states and the summaries are read back inside the load's transaction:
    planned on the statistics of the empty tables, each lookup of 500 recommendations'
    histories walked all the status updates (12 s of a national load's last step)."""
    seen: list[tuple[int, int, int]] = []  # statistics' columns, rows guessed, rows found
    refresh = orchestrator.refresh_with_parents

    def look_then_refresh(conn, *args):
        known = "SELECT count(*) FROM pg_stats WHERE tablename = 'status_updates'"
        ids = conn.execute(text("SELECT id FROM recommendations ORDER BY id LIMIT 500"))
        where = f"recommendation_id IN ({', '.join(str(i) for (i,) in ids)})"
        plan = conn.execute(text(f"EXPLAIN SELECT * FROM status_updates WHERE {where}"))
        guessed = int(re.search(r"rows=(\d+)", plan.scalars().first()).group(1))
        real = conn.execute(text(f"SELECT count(*) FROM status_updates WHERE {where}"))
        seen.append((conn.execute(text(known)).scalar_one(), guessed, real.scalar_one()))
        refresh(conn, *args)

    monkeypatch.setattr(orchestrator, "refresh_with_parents", look_then_refresh)
    monkeypatch.setattr(bulk, "VACUUM_AFTER_ROWS", 1_000)  # a small demo for a big load
    write_files(tmp_path / "files", 6)
    report = load(postgres_engine, tmp_path / "files")

    assert report.committed and report.tables["status_updates"]["inserted"] > 10_000
    ((columns, guessed, real),) = seen
    assert columns > 0, "no statistics of the status updates yet"
    assert real / 2 < guessed < real * 2, (guessed, real)  # the planner's guess is right
