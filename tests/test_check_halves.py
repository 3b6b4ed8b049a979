"""A first load's status updates checked by two processes (etl.plan.halves) give what one
process checking them all gives: the same report (outcomes, rejects in their order), the
same rows, the same current state of every recommendation (a later update of the same
day wins, whichever half read it) and the same audit log. On both engines."""

from __future__ import annotations

import csv
import datetime as dt
import multiprocessing
import threading
from array import array
from pathlib import Path

import pytest
from sqlalchemy import select
from test_load_memory import _state

from etl.demo import write_files
from etl.load import run_load
from etl.plan import halves, spill
from etl.plan.spill import INSERT, SKIP
from etl.plan.status_updates import StatusUpdatePlanner, _placed
from musharaka.models import Recommendation

UPDATE_COLUMNS = ["recommendation_id", "date", "status", "progress", "note", "reported_by"]


def _updates_file(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(UPDATE_COLUMNS)
        writer.writerows(rows)


def _folder(tmp_path: Path, repeats: bool) -> tuple[Path, str]:
    """The demo's files of three communes, with updates read first and last (the two
    halves): the same recommendation's update of one day in each, which the last read
    must win; and rejected rows in each half. With `repeats`, the same update in both
    halves too (merged) and once with another reporter (rejected)."""
    folder = tmp_path / ("repeats" if repeats else "plain")
    write_files(folder, 3)
    with next(folder.glob("*-recommendations.csv")).open(encoding="utf-8") as file:
        code = next(csv.DictReader(file))["recommendation_id"]
    day = dt.date.today().isoformat()
    first = [
        [code, day, "in_progress", "40", "أشغال أولى", "المصلحة التقنية"],
        ["NO-SUCH-REC", day, "planned", "0", "", ""],
    ]
    last = [
        [code, day, "completed", "100", "أشغال منتهية", "المصلحة التقنية"],
        [code, "1990-01-01", "planned", "0", "قبل اللقاء", ""],
        ["ANOTHER-UNKNOWN", day, "planned", "0", "", ""],
    ]
    if repeats:
        yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
        repeated = [code, yesterday, "planned", "10", "تكرار", "لجنة التتبع"]
        first.append(repeated)
        last += [repeated, [*repeated[:5], "جهة أخرى"]]
    _updates_file(folder / "0-first-status_updates.csv", first)
    _updates_file(folder / "z-last-status_updates.csv", last)
    return folder, code


def _load(engine, folder: Path) -> dict:
    report = run_load(engine, [folder])
    assert report.committed and report.balanced()
    return report.as_dict()


@pytest.mark.parametrize("repeats", [False, True], ids=["distinct", "with-repeats"])
def test_updates_checked_in_two_processes_load_as_checked_in_one(
    engine, second_engine, tmp_path, monkeypatch, repeats
):
    folder, code = _folder(tmp_path, repeats)
    alone = _load(second_engine, folder)

    split = []
    in_halves = halves.in_halves

    def recorded(*args):
        split.append(True)
        return in_halves(*args)

    monkeypatch.setattr(halves, "in_halves", recorded)
    # The updates compared again as possible repeats: none when none repeats (a failed
    # row of the second half must not look like one of the first by its place).
    compared: list[set[int]] = []
    dedupe = StatusUpdatePlanner._dedupe
    monkeypatch.setattr(
        StatusUpdatePlanner,
        "_dedupe",
        lambda planner, shared: (compared.append(shared), dedupe(planner, shared))[1],
    )
    monkeypatch.setattr(halves, "SPLIT_FROM", 0)
    # Threads other tests leave behind (a page's) would keep the check in one process.
    monkeypatch.setattr(halves, "_only_thread", lambda: True)
    monkeypatch.setattr(spill, "SPILL_CHUNK", 13)  # many chunks: a real middle
    in_two = _load(engine, folder)

    assert split == [True]
    assert [len(shared) for shared in compared] == ([3] if repeats else [])
    assert in_two == alone
    updates = alone["tables"]["status_updates"]
    assert updates["rejected"] == (4 if repeats else 3)
    assert updates["merged"] == (1 if repeats else 0)
    with engine.connect() as conn:
        state = conn.execute(
            select(Recommendation.current_status, Recommendation.current_progress).where(
                Recommendation.code == code
            )
        ).one()
    assert tuple(state) == ("completed", 100)
    assert _state(engine) == _state(second_engine)
    assert multiprocessing.active_children() == []


def test_a_process_running_other_threads_checks_in_one(engine, tmp_path, monkeypatch):
    # A dashboard server runs threads: a fork copies the locks they hold, held for ever.
    folder, _ = _folder(tmp_path, repeats=False)
    monkeypatch.setattr(halves, "SPLIT_FROM", 0)
    monkeypatch.setattr(spill, "SPILL_CHUNK", 13)
    monkeypatch.setattr(halves, "in_halves", lambda *args: pytest.fail("forked"))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _load(engine, folder)["tables"]["status_updates"]["inserted"] > 13 * 2
    finally:
        stop.set()
        other.join()


def test_a_defect_in_the_second_half_stops_the_load_and_writes_nothing(
    engine, tmp_path, monkeypatch
):
    folder, _ = _folder(tmp_path, repeats=False)
    monkeypatch.setattr(halves, "SPLIT_FROM", 0)
    monkeypatch.setattr(halves, "_only_thread", lambda: True)
    monkeypatch.setattr(spill, "SPILL_CHUNK", 13)

    serve = halves._serve

    def broken(connection, work, spill_, middle):
        serve(connection, lambda chunks: 1 / 0, spill_, middle)

    monkeypatch.setattr(halves, "_serve", broken)
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        run_load(engine, [folder])
    with engine.connect() as conn:
        assert conn.execute(select(Recommendation.id)).first() is None
    assert multiprocessing.active_children() == []


def test_a_failed_row_of_the_second_half_is_known_by_its_place_in_the_whole():
    # Each failed row's digest is its place, compared with no other row: the second
    # half's count from 0, and would match the first half's failed rows if kept so.
    digests = array("q", [-7, 1, 99, 3])
    flags = bytearray([INSERT, SKIP, INSERT, SKIP])
    assert list(_placed(digests, flags, 100)) == [-7, 101, 99, 103]
