"""The schema comes up on both engines and a first load commits."""

from sqlalchemy import inspect


def test_migrations_create_every_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"communes", "meetings", "recommendations", "status_updates", "load_runs"} <= tables
