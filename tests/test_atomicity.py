"""A load is one transaction: killed in the middle of writing, it leaves the database
exactly as it was, and the next load works as if the killed one never started.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from conftest import PROJECT_ROOT
from etl.export import export

MEETINGS = 300
RECOMMENDATIONS = 20_000
UPDATES = 40_000
WRITING = re.compile(r"^writing: (\d+)/(\d+)$")


def write_csv(path: Path, header: list[str], rows) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_base(folder: Path) -> Path:
    write_csv(
        folder / "meetings.csv",
        ["meeting_id", "commune", "province", "date", "title"],
        [["BASE-M1", "Khnafif", "Taroudant", "2020-02-16", "Deuxième rencontre"]],
    )
    write_csv(
        folder / "recommendations.csv",
        ["recommendation_id", "meeting_id", "domain", "title", "status", "progress"],
        [
            ["BASE-R1", "BASE-M1", "roads_transport", "Aménager la piste", "in_progress", "30"],
            ["BASE-R2", "BASE-M1", "health", "Équiper le dispensaire", "planned", ""],
        ],
    )
    write_csv(
        folder / "status_updates.csv",
        ["recommendation_id", "date", "status", "progress", "note"],
        [["BASE-R1", "2020-06-01", "in_progress", "50", "Travaux lancés"]],
    )
    return folder


def write_big(folder: Path) -> Path:
    """Hundreds of meetings, tens of thousands of rows, and edits to the base rows."""
    start = dt.date(2018, 1, 1)
    write_csv(
        folder / "meetings.csv",
        ["meeting_id", "commune", "province", "date", "title"],
        [
            ["BASE-M1", "Khnafif", "Taroudant", "2020-02-16", "Deuxième rencontre (corrigé)"],
            *(
                [
                    f"BIG-M{i}",
                    f"Commune {i % 40}",
                    "Taroudant",
                    start + dt.timedelta(days=3 * i),
                    f"Rencontre {i}",
                ]
                for i in range(MEETINGS)
            ),
        ],
    )
    write_csv(
        folder / "recommendations.csv",
        ["recommendation_id", "meeting_id", "domain", "title", "status", "progress"],
        [
            ["BASE-R2", "BASE-M1", "health", "Équiper et ouvrir le dispensaire", "planned", ""],
            *(
                [
                    f"BIG-R{i}",
                    f"BIG-M{i % MEETINGS}",
                    "education",
                    f"Recommandation {i}",
                    "planned",
                    "",
                ]
                for i in range(RECOMMENDATIONS)
            ),
        ],
    )
    write_csv(
        folder / "status_updates.csv",
        ["recommendation_id", "date", "status", "progress", "note"],
        [
            ["BASE-R1", "2021-01-10", "completed", "100", "Piste ouverte"],
            *(
                [
                    f"BIG-R{i % RECOMMENDATIONS}",
                    dt.date(2022, 1, 1) + dt.timedelta(days=i // RECOMMENDATIONS),
                    "in_progress",
                    10 + i // RECOMMENDATIONS,
                    f"Suivi {i}",
                ]
                for i in range(UPDATES)
            ),
        ],
    )
    return folder


def export_json(engine, path: Path) -> bytes:
    # Dated alike, so that two exports of the same data are the same bytes.
    export(engine, "json", path, generated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    return path.read_bytes()


def table_counts(engine) -> dict[str, int]:
    tables = (
        "communes",
        "associations",
        "meetings",
        "recommendations",
        "status_updates",
        "load_runs",
        "load_rejects",
    )
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def test_a_load_killed_while_writing_leaves_the_database_as_it_was(db_url, engine, load, tmp_path):
    base = load(engine, write_base(tmp_path / "base"))
    assert base.committed
    before = export_json(engine, tmp_path / "before.json")
    counts_before = table_counts(engine)
    big = write_big(tmp_path / "big")

    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", str(big), "--progress", "plain"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": db_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = []
    for line in process.stderr:
        seen.append(line.rstrip("\n"))
        match = WRITING.match(seen[-1])
        # Step 2 of writing: communes and meetings are written inside the open
        # transaction, twenty thousand recommendations and their history are not yet.
        if match and 2 <= int(match[1]) < int(match[2]):
            process.send_signal(signal.SIGKILL)
            break
    stdout, rest = process.communicate()
    seen.extend(rest.splitlines())
    assert process.returncode == -signal.SIGKILL, (
        f"the load was not killed while writing (exit {process.returncode}): {seen}"
    )
    assert not any(line == "writing: 6/6" for line in seen)
    assert "committed" not in stdout

    # Nothing of the killed load is visible: not one row, not the edits of base rows.
    assert export_json(engine, tmp_path / "after.json") == before
    assert table_counts(engine) == counts_before
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []

    # The database is not left locked or half-written: the same load now succeeds.
    report = load(engine, big)
    assert report.committed
    assert {t: c["inserted"] for t, c in report.as_dict()["tables"].items()} == {
        "meetings": MEETINGS,
        "recommendations": RECOMMENDATIONS,
        "status_updates": UPDATES + 1,
    }
    assert report.as_dict()["tables"]["meetings"]["updated"] == 1
    assert report.as_dict()["tables"]["recommendations"]["updated"] == 1
    assert table_counts(engine)["load_runs"] == counts_before["load_runs"] + 1
