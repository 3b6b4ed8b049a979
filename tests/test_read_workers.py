"""A load's files read by worker processes (etl.read_workers) give what reading them one
after the other gives: the same report (rows, rejects, warnings and skipped files, in
the same order), the same rows in the same order, the same export and the same audit
log; a file that cannot be read stops the load with its own message and nothing is
written; no worker and no spill file outlives a load. On both engines."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_load_memory import _second_files, _state

from conftest import SAMPLE_DIR, run_etl
from etl import read_workers
from etl.demo import write_files
from etl.load import LoadError, run_load
from etl.plan import spill
from musharaka.models import Recommendation


def _mixed_folder(tmp_path: Path) -> Path:
    """Files of every kind a secretary brings, with rejects, warnings and a load report
    among them: the demo's CSV files of three communes, the sample's workbooks and CSV
    files, a file of bad rows and the report of an earlier load (skipped, said so)."""
    folder = tmp_path / "mixed"
    write_files(folder, 3)
    for source in Path(SAMPLE_DIR).iterdir():
        if source.suffix in {".xlsx", ".csv"}:
            shutil.copy(source, folder / f"sample-{source.name}")
    (folder / "bad-recommendations.csv").write_text(
        "recommendation_id,meeting_id,domain,title,status,progress\n"
        "BAD-1,NO-SUCH-MEETING,water,بئر,planned,0\n"
        "BAD-2,,roads,طريق,planned,0\n"
        "BAD-3,KHN-2020-02,health,مستوصف,done,250\n",
        encoding="utf-8",
    )
    earlier = {"committed": True, "tables": {}, "files": [], "rejects": [], "warnings": []}
    (folder / "earlier-load-report.json").write_text(json.dumps(earlier), encoding="utf-8")
    return folder


def _load(engine, folder: Path, workers: int) -> dict:
    report = run_load(engine, [folder], workers=workers)
    assert report.committed and report.balanced()
    return report.as_dict()  # its files in their order, rows, rejects and warnings


def test_files_read_by_workers_load_as_files_read_one_by_one(
    engine, second_engine, tmp_path, monkeypatch
):
    folder = _mixed_folder(tmp_path)
    one = _load(second_engine, folder, workers=1)
    # Small spill chunks: each worker's file holds many chunks of many files.
    monkeypatch.setattr(spill, "SPILL_CHUNK", 11)
    three = _load(engine, folder, workers=3)

    assert three == one
    assert len(one["sources"]) == len(list(folder.iterdir())) - 1  # all but the report
    assert [s["reason"] for s in one["skipped"]] == ["load_report"]
    assert {r["file"] for r in one["rejects"]} >= {"bad-recommendations.csv"}
    assert one["tables"]["status_updates"]["inserted"] > 11 * 50  # many chunks
    assert _state(engine) == _state(second_engine)
    assert multiprocessing.active_children() == []


def test_a_second_load_by_workers_updates_merges_and_rejects_as_one_reader_does(
    engine, second_engine, tmp_path, monkeypatch
):
    first, second = tmp_path / "first", tmp_path / "second"
    write_files(first, 3)
    _second_files(first, second)
    by_one = [_load(second_engine, f, workers=1) for f in (first, second)]
    monkeypatch.setattr(spill, "SPILL_CHUNK", 11)
    by_two = [_load(engine, f, workers=2) for f in (first, second)]

    assert by_two == by_one
    updates = by_two[1]["tables"]["status_updates"]
    assert (updates["inserted"], updates["updated"], updates["merged"]) == (4, 5, 1)
    assert _state(engine) == _state(second_engine)


def test_a_file_that_cannot_be_read_stops_the_load_with_its_message(engine, tmp_path):
    folder = tmp_path / "files"
    write_files(folder, 2)
    (folder / "m-broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook at all")
    with pytest.raises(LoadError) as alone:
        run_load(engine, [folder], workers=1)
    with pytest.raises(LoadError) as by_workers:
        run_load(engine, [folder], workers=2)

    assert str(by_workers.value) == str(alone.value)
    assert "m-broken.xlsx" in str(by_workers.value)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Recommendation)).scalar() == 0
    assert multiprocessing.active_children() == []


def test_the_command_line_reads_with_workers_and_refuses_none(db_url, tmp_path):
    folder = tmp_path / "files"
    write_files(folder, 2)
    report = tmp_path / "report.json"
    done = run_etl(["load", str(folder), "--workers", "2", "--report", str(report)], db_url)
    assert done.returncode == 0, done.stderr
    tables = json.loads(report.read_text(encoding="utf-8"))["tables"]
    assert tables["recommendations"]["inserted"] > 0

    refused = run_etl(["load", str(folder), "--workers", "0"], db_url)
    assert refused.returncode == 2
    assert "--workers" in refused.stderr


def test_the_biggest_files_are_read_first_and_the_bar_counts_files_read(
    engine, tmp_path, monkeypatch
):
    folder = tmp_path / "files"
    write_files(folder, 3)
    sent: list[str] = []
    send = read_workers._Worker.send

    def recorded(worker, index, path, name):
        sent.append(name)
        send(worker, index, path, name)

    monkeypatch.setattr(read_workers._Worker, "send", recorded)
    bar: list[tuple[int, int]] = []
    report = run_load(
        engine,
        [folder],
        workers=2,
        progress=lambda stage, done, total: (
            bar.append((done, total)) if stage == "reading files" else None
        ),
    )

    assert report.committed
    sizes = {p.name: p.stat().st_size for p in folder.iterdir()}
    # A worker left with the biggest file last would read it alone at the end.
    assert [sizes[name] for name in sent] == sorted(sizes.values(), reverse=True)
    assert report.sources == sorted(sizes)  # the files still taken in their order
    counts = [done for done, _ in bar]
    assert counts == sorted(counts) and counts[-1] == len(sizes) == bar[-1][1]
    assert len(set(counts)) == len(sizes) + 1  # 0 to every file, one at a time
