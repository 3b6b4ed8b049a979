"""A load that is interrupted or fails keeps the schema as it was, not only the data; and
two loads at once into the same database take turns instead of failing on each other.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, inspect, text

from conftest import PROJECT_ROOT
from etl.export import export
from etl.load import LoadError

BULK = 12_000  # more than the 10,000 rows above which a load rebuilds the indexes


def write_csv(path: Path, header: list[str], rows) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def meetings_file(folder: Path, prefix: str = "M", commune: str = "Khnafif") -> Path:
    return write_csv(
        folder / "meetings.csv",
        ["meeting_id", "commune", "province", "date", "title"],
        [
            [f"{prefix}{i}", commune, "Taroudant", dt.date(2020, 1, 1) + dt.timedelta(i), "Réunion"]
            for i in range(20)
        ],
    )


def recommendations_file(folder: Path, count: int = BULK, prefix: str = "M") -> Path:
    return write_csv(
        folder / "recommendations.csv",
        ["recommendation_id", "meeting_id", "domain", "title", "status", "progress"],
        [
            [f"{prefix}R{i}", f"{prefix}{i % 20}", "health", f"Recommandation {i}", "planned", ""]
            for i in range(count)
        ],
    )


def schema_indexes(engine) -> dict[str, set[tuple]]:
    """Every index of every table: name, columns, unique."""
    inspector = inspect(engine)
    return {
        table: {
            (i["name"], tuple(i["column_names"]), bool(i["unique"]))
            for i in inspector.get_indexes(table)
        }
        for table in inspector.get_table_names()
    }


def export_json(engine, path: Path) -> bytes:
    export(engine, "json", path, generated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    return path.read_bytes()


def count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


# --- finding: an interrupted bulk load keeps its indexes --------------------------------
@pytest.mark.parametrize("signal_name", ["KILL", "INT"])
@pytest.mark.parametrize("point", ["dropped", "rebuilding", "committing"])
def test_a_bulk_load_interrupted_keeps_every_index(
    db_url, engine, load, tmp_path, point, signal_name
):
    fresh = schema_indexes(engine)  # a freshly migrated database's indexes
    assert load(engine, meetings_file(tmp_path / "meetings")).committed
    before = export_json(engine, tmp_path / "before.json")
    big = recommendations_file(tmp_path / "big")

    finished = subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "tests" / "interrupted_load.py"),
            point,
            signal_name,
            "load",
            str(big),
            "--progress",
            "none",
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": db_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert f"interrupted at {point}" in finished.stderr, finished.stderr
    expected = -signal.SIGKILL if signal_name == "KILL" else -signal.SIGINT
    assert finished.returncode == expected, finished.stderr
    assert "committed" not in finished.stdout

    # The schema is the migrated one, every index in place; the data is as it was.
    assert schema_indexes(engine) == fresh
    assert export_json(engine, tmp_path / "after.json") == before
    assert count(engine, "recommendations") == 0
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"

    # A later bulk load of the same file works and keeps the indexes.
    report = load(engine, big)
    assert report.committed
    assert report.as_dict()["tables"]["recommendations"]["inserted"] == BULK
    assert schema_indexes(engine) == fresh


def refuse_recommendation(engine, code: str, reason: str) -> None:
    """A trigger that makes the database refuse one row of a load, as a full disk or a
    broken connection would, after thousands of rows were written."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON recommendations "
                f"WHEN NEW.code = '{code}' BEGIN SELECT RAISE(ABORT, '{reason}'); END"
            )
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.code = '{code}' THEN RAISE EXCEPTION '{reason}'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON recommendations "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )


def drop_refusal(engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "DROP TRIGGER refuse"
            + ("" if engine.dialect.name == "sqlite" else " ON recommendations")
        )
        if engine.dialect.name != "sqlite":
            conn.exec_driver_sql("DROP FUNCTION refuse()")


def test_a_bulk_load_the_database_refuses_midway_keeps_every_index(engine, load, tmp_path):
    fresh = schema_indexes(engine)
    assert load(engine, meetings_file(tmp_path / "meetings")).committed
    before = export_json(engine, tmp_path / "before.json")
    big = recommendations_file(tmp_path / "big")
    refuse_recommendation(engine, "MR11000", "no space left on the device")

    with pytest.raises(LoadError) as refused:
        load(engine, big)
    # The user reads the database's own reason, not a later error it caused.
    assert "nothing was committed" in str(refused.value)
    assert "no space left on the device" in str(refused.value)
    assert schema_indexes(engine) == fresh
    assert export_json(engine, tmp_path / "after.json") == before

    drop_refusal(engine)
    assert load(engine, big).committed
    assert schema_indexes(engine) == fresh


def test_a_bulk_load_on_a_full_disk_keeps_every_index(sqlite_engine, load, tmp_path):
    """SQLite, a real full disk: the file may not grow past its size after the meetings."""
    engine = sqlite_engine
    fresh = schema_indexes(engine)
    assert load(engine, meetings_file(tmp_path / "meetings")).committed
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    engine.dispose()

    @event.listens_for(engine, "connect")
    def small_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 20}")

    big = recommendations_file(tmp_path / "big")
    with pytest.raises(LoadError, match="full"):
        load(engine, big)
    event.remove(engine, "connect", small_disk)
    engine.dispose()
    assert schema_indexes(engine) == fresh
    assert count(engine, "recommendations") == 0
    assert load(engine, big).committed
    assert schema_indexes(engine) == fresh
