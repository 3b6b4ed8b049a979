"""A load's lookups on PostgreSQL are planned for their own values (etl.bulk
statements_unprepared): the driver prepares a statement run five times, and a plan made
once for any values, while the load's own tables still looked empty to the server, read
every row of them for each lookup (16 s of a national load's associations)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from conftest import SAMPLE_DIR
from etl.bulk import statements_unprepared
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
