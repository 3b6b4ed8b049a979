"""A load's lookups on PostgreSQL are planned for their own values (etl.bulk
plans_for_each_statement): the driver prepares a statement run five times, and a plan made
once for any values, while the load's own tables still looked empty to the server, read
every row of them for each lookup (16 s of a national load's associations)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from conftest import SAMPLE_DIR
from etl.bulk import plans_for_each_statement
from etl.plan import orchestrator


@pytest.mark.postgres
def test_a_load_plans_its_lookups_for_their_values(postgres_engine, load, monkeypatch):
    seen: list[str] = []
    resolve = orchestrator.Plan.resolve

    def resolve_and_look(plan, accepted):
        seen.append(plan.conn.execute(text("SHOW plan_cache_mode")).scalar_one())
        resolve(plan, accepted)

    monkeypatch.setattr(orchestrator.Plan, "resolve", resolve_and_look)
    report = load(postgres_engine, SAMPLE_DIR)
    assert report.committed
    assert seen == ["force_custom_plan"]
    # Only for the load's own transaction: the pages' connections plan as they did.
    with postgres_engine.connect() as conn:
        assert conn.execute(text("SHOW plan_cache_mode")).scalar_one() == "auto"


def test_only_postgresql_is_told(sqlite_engine):
    with sqlite_engine.begin() as conn:
        plans_for_each_statement(conn)  # nothing to say to SQLite, and no error
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
