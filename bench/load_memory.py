"""Where a load's memory goes: `python bench/load_memory.py --communes 150 --engine sqlite`
loads the demo files of bench/run.py into a fresh database in this process, under
tracemalloc, and prints at each stage of the load the memory Python holds, its peak, and
(after the rows are checked) the deep size of what the plan keeps, table by table.
tracemalloc slows the load about threefold: the times printed are not the load's."""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import WORK, drop_database, fresh_database  # noqa: E402
from etl import demo  # noqa: E402
from etl.plan import Candidate, orchestrator  # noqa: E402
from musharaka import db  # noqa: E402

MB = 1024 * 1024


def deep_size(roots, seen: set[int]) -> int:
    """The bytes of `roots` and everything they hold that `seen` does not already count
    (strings shared between records are counted once, by the first holder)."""
    total = 0
    stack = list(roots)
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None or isinstance(item, bool | type):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        elif hasattr(item, "__slots__"):
            stack.extend(getattr(item, s, None) for s in item.__slots__)
    return total


def attribute(plan) -> list[tuple[str, int]]:
    """Deep sizes of what the plan holds once every row is checked, largest first."""
    seen: set[int] = set()
    sizes = []
    for planner in (
        plan.status_updates,
        plan.recommendations,
        plan.meetings,
        plan.associations,
        plan.douars,
    ):
        # The recommendations and status updates keep their rows on disk (etl.plan.spill):
        # of those, what is held is the codes' places, flags and digests, not candidates.
        held = [*planner.kept.values(), *planner.to_write]
        candidates = [c for c in held if isinstance(c, Candidate)]
        if len(candidates) < len(held):
            sizes.append(
                (f"{planner.table}: kept (codes and places)", deep_size([planner.kept], seen))
            )
        for name in ("flags", "meeting_at", "parent_at", "codes", "proposer_names"):
            if hasattr(planner, name):
                sizes.append(
                    (f"{planner.table}: {name}", deep_size([getattr(planner, name)], seen))
                )
        # What a candidate keeps of its origin (not the Origin its property makes).
        origins = [part for c in candidates for part in (c.place, c._row)]
        records = [c.record for c in candidates]
        sizes.append((f"{planner.table}: origins", deep_size(origins, seen)))
        sizes.append((f"{planner.table}: records", deep_size(records, seen)))
        sizes.append((f"{planner.table}: the rest of the candidates", deep_size(candidates, seen)))
        sizes.append((f"{planner.table}: kept (dict)", sys.getsizeof(planner.kept)))
        sizes.append((f"{planner.table}: to_write (list)", sys.getsizeof(planner.to_write)))
        sizes.append((f"{planner.table}: existing", deep_size([planner.existing], seen)))
    report = plan.report
    sizes.append(("report: rejects", deep_size([report.rejects, report.reject_refs], seen)))
    sizes.append(("report: counts and warnings", deep_size([report.files, report.warnings], seen)))
    sizes.append(("audit changes", deep_size([plan.changes], seen)))
    sizes.append(("meeting dates", deep_size([plan.meeting_dates], seen)))
    return sorted(sizes, key=lambda s: -s[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = WORK / f"demo-{args.communes}-seed{args.seed}"
    if not (files / ".complete").exists():
        demo.write_files(files, args.communes, args.seed)
        (files / ".complete").write_text("ok\n")
    url = fresh_database(args.engine, f"musharaka_memory_{args.engine}_{args.communes}")
    engine = db.make_engine(url)
    db.upgrade(engine)
    started = time.perf_counter()
    last = [""]

    def stage(name: str, done: int, total: int) -> None:
        label = f"{name} {done}/{total}" if name != "reading rows" else name
        if name in ("reading rows",) or label == last[0]:
            return
        last[0] = label
        now, peak = tracemalloc.get_traced_memory()
        print(
            f"{time.perf_counter() - started:7.1f}s  {label:<24} held {now / MB:7.0f} MB"
            f"  peak {peak / MB:7.0f} MB",
            flush=True,
        )

    write = orchestrator.Plan.write
    peaks: list[int] = []

    def write_measured(plan) -> None:
        peak = tracemalloc.get_traced_memory()[1]
        print("after the rows are checked, deep sizes:")
        for name, size in attribute(plan):
            if size >= MB:
                print(f"  {size / MB:8.1f} MB  {name}")
        # The walk above made its own peak: the write's is measured from here.
        tracemalloc.reset_peak()
        peaks.append(peak)
        write(plan)

    orchestrator.Plan.write = write_measured  # type: ignore[method-assign]
    tracemalloc.start()
    from etl.load import run_load

    report = run_load(engine, [files], progress=stage)
    now, peak = tracemalloc.get_traced_memory()
    peak = max([peak, *peaks])
    print(f"done: {report.rows_read:,} rows read; held {now / MB:.0f} MB, peak {peak / MB:.0f} MB")
    engine.dispose()
    drop_database(args.engine, url)


if __name__ == "__main__":
    main()
