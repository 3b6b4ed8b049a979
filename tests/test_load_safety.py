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
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, inspect, text

from conftest import PROJECT_ROOT
from etl.export import export
from etl.load import LoadError
from musharaka import db
from musharaka.auth import Identity
from musharaka.services import edit, uploads

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
    """Every index of every table (name, columns, unique) and every foreign key (name,
    columns, the table and columns it points to, what a delete does): what a bulk load
    drops and puts back."""
    inspector = inspect(engine)
    return {
        table: {
            *(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            *(
                (
                    "foreign key",
                    k["name"],
                    tuple(k["constrained_columns"]),
                    k["referred_table"],
                    tuple(k["referred_columns"]),
                    k["options"].get("ondelete"),
                )
                for k in inspector.get_foreign_keys(table)
            ),
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


def test_a_bulk_load_leaves_what_readers_already_see_readable(postgres_engine, load, tmp_path):
    """A first bulk load of recommendations into a database whose meetings are already on
    the pages: while it writes, a page still reads the meetings. The load checks the
    recommendations' keys to them row by row: dropping those keys while it inserts (as it
    does when every table they point to was empty) would lock the meetings until it
    commits."""
    engine = postgres_engine
    assert load(engine, meetings_file(tmp_path / "meetings")).committed
    reader = db.make_engine(engine.url.render_as_string(hide_password=False))
    seen: list[object] = []

    def read_meetings_meanwhile(conn, cursor, statement, parameters, context, executemany):
        # Every row written, the indexes about to be built again: the load's transaction
        # holds whatever locks its bulk insert took.
        if statement.lstrip().upper().startswith("CREATE INDEX") and not seen:
            try:
                with reader.connect() as other:
                    other.execute(text("SET lock_timeout = '2s'"))
                    seen.append(other.execute(text("SELECT count(*) FROM meetings")).scalar())
            except Exception as error:  # the lock's timeout: the page would hang
                seen.append(error)

    event.listen(engine, "before_cursor_execute", read_meetings_meanwhile)
    try:
        report = load(engine, recommendations_file(tmp_path / "big"))
    finally:
        event.remove(engine, "before_cursor_execute", read_meetings_meanwhile)
        reader.dispose()
    assert report.committed
    assert seen == [20], seen  # read while the load wrote, not after a wait


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


# --- finding: two loads at once take turns ---------------------------------------------
class PausedLoad:
    """A load into `engine` that stops inside its transaction, after it wrote its communes
    and meetings, until `resume` is set; `run` runs it in a thread."""

    def __init__(self, engine, paths: list[Path]) -> None:
        self.engine, self.paths = engine, paths
        self.writing = threading.Event()
        self.resume = threading.Event()
        self.report = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run)

    def _progress(self, stage: str, done: int, total: int) -> None:
        if stage == "writing" and done == 2:
            self.writing.set()
            # Bounded, so that a test that fails does not hang: the wait is not measured.
            self.resume.wait(120)

    def _run(self) -> None:
        from etl.load import run_load

        try:
            self.report = run_load(self.engine, self.paths, progress=self._progress)
        except BaseException as error:  # reported by the test
            self.error = error

    def start(self) -> PausedLoad:
        self.thread.start()
        assert self.writing.wait(120), f"the first load never started writing: {self.error}"
        return self

    def finish(self):
        self.resume.set()
        self.thread.join()
        assert self.error is None, self.error
        return self.report


def two_files(folder: Path, prefix: str, commune: str = "Khnafif") -> list[Path]:
    return [
        meetings_file(folder / prefix, prefix, commune),
        recommendations_file(folder / prefix, 200, prefix),
    ]


def test_two_loads_into_the_same_commune_take_turns(engine, empty_engine, db_url, load, tmp_path):
    first_files = two_files(tmp_path, "A")
    second_files = two_files(tmp_path, "B")
    first = PausedLoad(db.make_engine(db_url), first_files).start()

    # The second load starts while the first holds its transaction open, and waits.
    waiting = threading.Event()
    second: dict = {}

    def second_progress(stage: str, done: int, total: int) -> None:
        if stage == "waiting for another load":
            waiting.set()

    def run_second() -> None:
        try:
            second["report"] = load(db.make_engine(db_url), *second_files, progress=second_progress)
        except BaseException as error:
            second["error"] = error

    thread = threading.Thread(target=run_second)
    thread.start()
    waiting.wait(120)  # bounded: before the fix the second never waits
    first_report = first.finish()
    thread.join()
    assert "error" not in second, second.get("error")
    assert waiting.is_set()
    assert first_report.committed and second["report"].committed
    assert second["report"].as_dict()["tables"]["meetings"]["inserted"] == 20

    # The same data as the two loads one after the other.
    assert load(empty_engine, *first_files).committed
    assert load(empty_engine, *second_files).committed
    assert export_json(engine, tmp_path / "together.json") == export_json(
        empty_engine, tmp_path / "in_turn.json"
    )
    assert count(engine, "communes") == 1


def test_a_load_that_cannot_wait_long_enough_says_another_load_is_running(
    engine, db_url, load, tmp_path, monkeypatch
):
    first_files = two_files(tmp_path, "A")
    second_files = two_files(tmp_path, "B")
    first = PausedLoad(db.make_engine(db_url), first_files).start()
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "etl", "load", *map(str, second_files), "--progress", "plain"],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DATABASE_URL": db_url, "MUSHARAKA_LOAD_WAIT_SECONDS": "0.5"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        monkeypatch.setenv("MUSHARAKA_LOAD_WAIT_SECONDS", "0.5")
        with pytest.raises(LoadError) as in_process:
            load(db.make_engine(db_url), *second_files)
    finally:
        first_report = first.finish()
    assert finished.returncode == 1, finished.stderr
    message = "another load is running into this database; try again when it has finished"
    assert message in finished.stderr
    assert "waiting for another load" in finished.stderr
    assert message in str(in_process.value)
    # Nothing of the second load was written; the first is whole.
    assert first_report.committed
    assert count(engine, "meetings") == 20
    assert count(engine, "recommendations") == 200
    assert count(engine, "load_runs") == 1


def test_an_upload_and_a_form_that_collide_with_a_load_say_so(
    engine, db_url, load, tmp_path, monkeypatch
):
    assert load(engine, *two_files(tmp_path, "A")).committed
    monkeypatch.setenv("MUSHARAKA_LOAD_WAIT_SECONDS", "0.5")
    admin = Identity(1, "admin", None, "admin", frozenset(), None)
    message = "another load is running into this database; try again when it has finished"

    first = PausedLoad(db.make_engine(db_url), two_files(tmp_path, "B")).start()
    try:
        files = two_files(tmp_path, "C")
        batch = uploads.Batch("c", tmp_path / "C", files, [p.name for p in files])
        uploads.commit(db.make_engine(db_url), batch, admin)
        saved = edit.save(
            db.make_engine(db_url),
            "meetings",
            {
                "meeting_id": "FORM-1",
                "commune": "Khnafif",
                "date": "2021-03-04",
                "title": "Réunion du formulaire",
            },
            user=admin,
        )
    finally:
        assert first.finish().committed
    assert batch.result is None and message in batch.result_error
    assert not saved.saved and message in saved.problems[""]
    assert count(engine, "meetings") == 40
