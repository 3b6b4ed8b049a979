"""Migrations: an existing database at an older schema is brought up with its data, and
every migration can be undone and done again, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from musharaka import db
from musharaka.models import Base


def test_upgrading_a_database_with_data_fills_the_search_text(db_url):
    engine = db.make_engine(db_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO communes (id, key, name) VALUES (1, 'khnafif', 'Khnafif')")
        )
        connection.execute(
            text(
                "INSERT INTO meetings (id, code, commune_id, date, updated_at) "
                "VALUES (1, 'M1', 1, '2020-02-16', '2020-02-16 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO recommendations (id, code, meeting_id, commune_id, domain, title,"
                " location, initial_status, current_status, current_status_date, updated_at)"
                " VALUES (1, 'R1', 1, 1, 'electricity_lighting', 'Éclairage public',"
                " 'دوار الإنارة', 'planned', 'planned', '2020-02-16', '2020-02-16 00:00:00')"
            )
        )
    db.upgrade(engine)
    with engine.connect() as connection:
        search = connection.execute(text("SELECT search_text FROM recommendations")).scalar()
    assert "eclairage public" in search
    assert "دوار الاناره" in search  # hamza and taa marbuta folded, as typed searches are
    indexes = {i["name"] for i in inspect(engine).get_indexes("recommendations")}
    assert "ix_recommendations_status_cover" in indexes
    engine.dispose()


def test_every_migration_can_be_undone_and_done_again(db_url):
    engine = db.make_engine(db_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    assert "recommendations" not in inspect(engine).get_table_names()
    command.upgrade(config, "head")
    columns = {c["name"] for c in inspect(engine).get_columns("recommendations")}
    assert "search_text" in columns
    engine.dispose()


def test_upgrading_restores_the_indexes_an_interrupted_load_dropped(db_url):
    """A database an interrupted bulk load of an earlier version left without some of its
    indexes gets them back when it is brought to the newest schema."""
    engine = db.make_engine(db_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "head")
    fresh = {i["name"] for i in inspect(engine).get_indexes("recommendations")}
    command.downgrade(config, "0005")
    with engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_recommendations_location"))
        connection.execute(text("DROP INDEX ix_recommendations_commune_cover"))
        connection.execute(text("DROP INDEX ix_status_updates_date"))
    db.upgrade(engine)
    assert {i["name"] for i in inspect(engine).get_indexes("recommendations")} == fresh
    assert "ix_status_updates_date" in {
        i["name"] for i in inspect(engine).get_indexes("status_updates")
    }


def test_loads_recorded_before_their_communes_were_are_shown_to_admins_only(db_url):
    """0007 records the communes of each load; an older load has none, so no editor sees
    its rejected rows (they may be any commune's), an admin does."""
    from musharaka.queries import loads

    engine = db.make_engine(db_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "0005")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO communes (id, key, name) VALUES (1, 'khnafif', 'Khnafif')")
        )
        connection.execute(
            text(
                "INSERT INTO load_runs (id, started_at, finished_at, source, files, rows_read,"
                " rows_rejected, report_json) VALUES (1, '2024-01-01 00:00:00',"
                " '2024-01-01 00:00:00', 'cli', 'old.csv', 1, 1, '{}')"
            )
        )
    db.upgrade(engine)
    assert "load_run_communes" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        admin = connection.execute(loads.recent_runs(50, None)).all()
        editor = connection.execute(loads.recent_runs(50, (1,))).all()
    assert [run.files for run in admin] == ["old.csv"]
    assert editor == []
    engine.dispose()


def test_the_migrated_schema_has_every_index_the_models_declare(db_url):
    """A load drops and builds again the indexes the models declare: each must be the one
    the migrations made, by name and columns (and only over the rows it was made for)."""
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        made = {
            i["name"]: (tuple(i["column_names"]), i.get("dialect_options", {}))
            for i in inspector.get_indexes(table.name)
        }
        for index in table.indexes:
            assert index.name in made, f"{table.name}: {index.name} missing"
            assert made[index.name][0] == tuple(c.name for c in index.columns), index.name
    stall = {i["name"]: i for i in inspector.get_indexes("recommendations")}[
        "ix_recommendations_stall_cover"
    ]
    where = stall["dialect_options"][f"{engine.dialect.name}_where"]
    assert "completed" in str(where) and "partially_completed" in str(where)
    engine.dispose()
