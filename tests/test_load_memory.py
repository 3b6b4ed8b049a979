"""A load keeps its biggest tables on disk between reading and writing, a chunk at a time
(etl.plan.spill), writes them as they come (one COPY a table on PostgreSQL, a batch at a
time on SQLite: etl.bulk.SQLITE_BATCH), and shares the
texts many rows repeat (etl.readers.base.SHARED). None of it may change what a load does:
the same files loaded twice, once in chunks of a few rows and once in one chunk per
table, give the same report, the same export, the same rows in the same order and the
same audit log, on a first load and on a second one that updates, adds, merges and
rejects rows (repeats whose first row is in another chunk among them)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from sqlalchemy import select

from etl import bulk, export
from etl.demo import write_files
from etl.load import run_load
from etl.plan import spill
from musharaka.models import AuditEntry, Recommendation, StatusUpdate


def _rewrite(path: Path, change) -> None:
    """Rewrite a CSV file: `change(rows)` edits the data rows in place (header apart)."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    change(header, rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


def _second_files(first: Path, second: Path) -> None:
    """The demo files with changes a commune's next update brings: new entries of
    existing recommendations' histories, corrected reporters and titles, an exact
    repeat (merged) and a repeat with another link (rejected)."""
    shutil.copytree(first, second)
    updates = next(second.glob("*-status_updates.csv"))
    chosen = next(second.glob("*-recommendations.csv"))

    def change_updates(header: list[str], rows: list[list[str]]) -> None:
        at = {name: i for i, name in enumerate(header)}
        for row in rows[:5]:
            row[at["reported_by"]] = "مصلحة التتبع"
        later = [list(row) for row in rows[10:14]]
        for row in later:
            row[at["note"]] = "تتبع ميداني جديد"
        repeat = list(rows[20])
        conflict = list(rows[21])
        conflict[at["evidence_url"]] = "https://example.org/evidence/other"
        rows.extend([*later, repeat, conflict])

    def change_titles(header: list[str], rows: list[list[str]]) -> None:
        for row in rows[:3]:
            row[header.index("title")] += " (مصححة)"
        # Repeats far from their first row: in another chunk when chunks are small.
        repeat, conflict = list(rows[30]), list(rows[31])
        conflict[header.index("title")] += " (نسخة أخرى)"
        rows.extend([repeat, conflict])

    _rewrite(updates, change_updates)
    _rewrite(chosen, change_titles)


def _state(engine) -> dict[str, object]:
    """What a load leaves that a reader could notice: the export, the rows' provenance and
    order (ids aside), and the audit log (times aside)."""
    with engine.connect() as conn:
        codes = dict(conn.execute(select(Recommendation.id, Recommendation.code)).all())
        return {
            "export": export.collect(conn),
            "updates": [
                (codes[r.recommendation_id], r.fingerprint, r.source_file, r.source_row)
                for r in conn.execute(select(StatusUpdate.__table__).order_by(StatusUpdate.id))
            ],
            "recommendations": [
                (r.code, r.source_file, r.source_row, r.current_status_date, r.version)
                for r in conn.execute(select(Recommendation.__table__).order_by(Recommendation.id))
            ],
            "audit": [
                (a.action, a.table_name, a.record_key, a.before_json, a.after_json)
                for a in conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.id))
                if a.table_name != "load_runs"
            ],
        }


def _loads(engine, folders: list[Path]) -> list[dict]:
    reports = []
    for folder in folders:
        report = run_load(engine, [folder])
        assert report.committed and report.balanced()
        reports.append(report.as_dict())
    return reports


def test_a_load_in_small_chunks_does_what_a_load_in_one_chunk_does(
    engine, second_engine, tmp_path, monkeypatch
):
    first, second = tmp_path / "first", tmp_path / "second"
    write_files(first, 3)
    _second_files(first, second)

    monkeypatch.setattr(spill, "SPILL_CHUNK", 10_000_000)
    whole = _loads(second_engine, [first, second])
    monkeypatch.setattr(bulk, "SQLITE_BATCH", 7)
    monkeypatch.setattr(spill, "SPILL_CHUNK", 11)
    chunked = _loads(engine, [first, second])

    assert chunked == whole
    first_report, second_report = whole
    assert first_report["rejects"] == []
    assert first_report["tables"]["status_updates"]["inserted"] > 7 * 100  # many chunks
    updates = second_report["tables"]["status_updates"]
    assert (updates["inserted"], updates["updated"], updates["merged"]) == (4, 5, 1)
    assert [(r["table"], r["reason"]) for r in second_report["rejects"]] == [
        ("recommendations", "duplicate_conflict"),
        ("status_updates", "duplicate_conflict"),
    ]
    recommendations_counts = second_report["tables"]["recommendations"]
    assert (recommendations_counts["updated"], recommendations_counts["merged"]) == (3, 1)
    state = _state(engine)
    assert state == _state(second_engine)
    assert len(state["audit"]) == 3 + 5  # the titles and the reporters, before and after
