"""Musharaka's benchmark: build the demo data at chosen scales, then measure, in one run on
one machine, the ETL against a bare insert of the same rows, every page under AppTest
(cold and warm, all communes and one commune), the overview against the naive pandas
way, and the page process's peak memory. Prints a Markdown table and saves it under
bench/results/.

    python bench/run.py --communes 1 15 150 [--engine sqlite postgresql] [--runs 5]
    python bench/run.py --communes 1503 --load-only   # the ETL alone: load-*.md

PostgreSQL databases are created (and dropped) on MUSHARAKA_BENCH_POSTGRES_URL, default
postgresql+psycopg://postgres@127.0.0.1:5432/test. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from etl import demo  # noqa: E402
from etl.cli import default_workers  # noqa: E402
from musharaka import db  # noqa: E402

WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
POSTGRES = os.environ.get(
    "MUSHARAKA_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# Tables in dependency order: what a bare insert has to write to hold the same data.
DATA_TABLES = demo.DIRECT_TABLES


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- databases -----------------------------------------------------------------------
def fresh_database(engine_kind: str, name: str) -> str:
    """The URL of a new, empty database of that kind."""
    if engine_kind == "sqlite":
        path = WORK / f"{name}.db"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)


def drop_database(engine_kind: str, url: str) -> None:
    if engine_kind == "postgresql":
        admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            name = make_url(url).database
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# How often the memory of a measured command's processes is sampled, in seconds.
SAMPLE_EVERY = 0.2


class Measured(NamedTuple):
    """A command run: wall seconds, its process's peak RSS, its output, the largest peak
    RSS of the processes it started (the load's readers), and the largest sum of the
    proportional set sizes of all of them at once (sampled: pages shared after a fork
    are counted once)."""

    seconds: float
    rss_mb: float
    stdout: str
    readers_mb: float
    whole_mb: float


def tree_pss_mb(pid: int) -> float:
    """The proportional set size of a process and all its descendants, in MB (Linux)."""
    total, waiting = 0, [pid]
    while waiting:
        current = waiting.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    waiting += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue  # a process that ended between two reads
    return total / 1024


# --- measurements --------------------------------------------------------------------
def run_measured(args: list[str], url: str) -> Measured:
    """Run a Python command against `url` and measure it (Measured)."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child would
    # report its parent's peak. The children's ru_maxrss is right for forked readers.
    wrapper = (
        "import runpy, sys\n"
        "sys.argv = sys.argv[1:]\n"
        "try:\n"
        "    runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "else:\n"
        "    code = 0\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "rss = int(status.split()[0]) / 1024\n"
        "print(f'PEAK_RSS_MB={rss:.0f}', file=sys.stderr)\n"
        "import resource\n"
        "child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(f'CHILD_PEAK_MB={child:.0f}', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", wrapper, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    whole = [0.0]
    finished = threading.Event()

    def sample() -> None:
        while not finished.wait(SAMPLE_EVERY):
            whole[0] = max(whole[0], tree_pss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    finished.set()
    sampler.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{stderr[-3000:]}")
    said = dict(
        line.split("=", 1)
        for line in stderr.splitlines()
        if line.startswith(("PEAK_RSS_MB=", "CHILD_PEAK_MB="))
    )
    return Measured(
        elapsed, float(said["PEAK_RSS_MB"]), stdout, float(said["CHILD_PEAK_MB"]), whole[0]
    )


def start_seconds(url: str) -> float:
    """How long the ETL command takes to start and stop with nothing to do."""
    return min(run_measured(["etl", "load", "--help"], url).seconds for _ in range(3))


def etl_load(files: Path, url: str, workers: int) -> dict[str, float]:
    measured = run_measured(
        [
            *("etl", "load", str(files), "--progress", "none"),
            *("--report", str(WORK / "report.json"), "--workers", str(workers)),
        ],
        url,
    )
    report = json.loads((WORK / "report.json").read_text(encoding="utf-8"))
    rows = sum(t["read"] for t in report["tables"].values())
    rejected = sum(t["rejected"] for t in report["tables"].values())
    if rejected:
        raise RuntimeError(f"the demo files had {rejected} rejected rows")
    return {
        "seconds": measured.seconds,
        "start_seconds": start_seconds(url),
        "rows": rows,
        "rss_mb": measured.rss_mb,
        "workers": workers,
        "reader_peak_mb": measured.readers_mb,
        "whole_peak_mb": measured.whole_mb,
        "output": measured.stdout,
    }


def final_rows(url: str) -> dict[str, tuple[list[str], list[tuple]]]:
    engine = db.make_engine(url)
    rows = {}
    with engine.connect() as connection:
        for table in DATA_TABLES:
            result = connection.exec_driver_sql(f"SELECT * FROM {table}")
            rows[table] = (list(result.keys()), [tuple(r) for r in result])
    engine.dispose()
    return rows


def settle() -> None:
    """What the step before wrote, on disk before the next step is timed: a national
    load writes gigabytes, and the system flushing them while the next step ran slowed
    it by a sixth to a third (the bare inserts after their loads, PostgreSQL's load after
    SQLite's bare insert)."""
    os.sync()
    time.sleep(2)


def bare_insert(engine_kind: str, rows: dict, url: str) -> float:
    """The practical limit: the same final rows written by the bare driver in one
    transaction, into the same schema (indexes included)."""
    engine = db.make_engine(url)
    db.upgrade(engine)
    engine.dispose()
    if engine_kind == "sqlite":
        connection = sqlite3.connect(make_url(url).database)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        started = time.perf_counter()
        for table in DATA_TABLES:
            columns, data = rows[table]
            marks = ", ".join("?" for _ in columns)
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
        connection.commit()
        elapsed = time.perf_counter() - started
        connection.close()
        return elapsed
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as connection:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for table in DATA_TABLES:
                columns, data = rows[table]
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
        connection.commit()
        return time.perf_counter() - started


def one_commune_id(url: str) -> int:
    engine = db.make_engine(url)
    with engine.connect() as connection:
        commune = connection.execute(text("SELECT min(id) FROM communes")).scalar_one()
    engine.dispose()
    return int(commune)


def measure(
    engine_kind: str, communes: int, seed: int, runs: int, workers: int, pages_too: bool = True
) -> dict[str, object]:
    files = WORK / f"demo-{communes}-seed{seed}"
    if not (files / ".complete").exists():
        log(f"writing demo files for {communes} communes")
        demo.write_files(files, communes, seed)
        (files / ".complete").write_text("ok\n")
    name = f"musharaka_bench_{engine_kind}_{communes}"
    url = fresh_database(engine_kind, name)
    log(f"{engine_kind} {communes}: etl load")
    settle()
    etl = etl_load(files, url, workers)
    log(f"{engine_kind} {communes}: bare insert of the same rows")
    rows = final_rows(url)
    final = sum(len(data) for _, data in rows.values())
    bare_url = fresh_database(engine_kind, f"{name}_bare")
    settle()
    bare = bare_insert(engine_kind, rows, bare_url)
    del rows
    drop_database(engine_kind, bare_url)
    result: dict[str, object] = {
        "engine": engine_kind,
        "communes": communes,
        "etl": etl,
        "final_rows": final,
        "bare_seconds": bare,
    }
    if pages_too:
        log(f"{engine_kind} {communes}: pages")
        commune = one_commune_id(url)
        pages_out = run_measured(
            ["bench.pages", "--commune", str(commune), "--runs", str(runs)], url
        )
        pages = json.loads(pages_out.stdout)
        log(f"{engine_kind} {communes}: naive overview")
        naive_run = run_measured(["bench.pages", "--commune", "0", "--naive"], url)
        naive, naive_rss = json.loads(naive_run.stdout), naive_run.rss_mb
        if naive["naive"]["total"] != pages["ours"]["total"]:
            raise RuntimeError("the naive overview and ours disagree")
        result |= {"pages": pages, "naive": {**naive["naive"], "rss_mb": naive_rss}}
    drop_database(engine_kind, url)
    return result


# --- the table -----------------------------------------------------------------------
def markdown(results: list[dict], runs: int) -> str:
    lines = [
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on one machine: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {runs} runs per page "
        "(median). One run of `python bench/run.py`; the machines are noisy, so read ratios "
        "rather than absolute times.",
        "",
        "ETL: `python -m etl load` of the demo files in a fresh database (parsing and "
        "validation included, process start included) against a bare insert of the same "
        "final rows in one transaction (SQLite `executemany`, PostgreSQL `COPY`).",
        "",
        "Peak memory: of the load's process, of its largest reading process (each of "
        "`--workers` reads a file at a time), and of all of them at once (the largest sum "
        f"of their proportional set sizes, sampled every {SAMPLE_EVERY} s: pages shared "
        "after the fork counted once).",
        "",
        "| engine | communes | rows read | ETL s | of which start | ETL rows/s | ETL peak MB "
        "| readers | reader peak MB | all at once MB | final rows | bare s | ETL / bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for r in results:
        etl = r["etl"]
        lines.append(
            f"| {r['engine']} | {r['communes']:,} | {etl['rows']:,} | {etl['seconds']:.1f} "
            f"| {etl['start_seconds']:.1f} | {etl['rows'] / etl['seconds']:,.0f} "
            f"| {etl['rss_mb']:,.0f} | {etl.get('workers', 1)} "
            f"| {etl.get('reader_peak_mb', 0):,.0f} | {etl.get('whole_peak_mb', 0):,.0f} "
            f"| {r['final_rows']:,} | {r['bare_seconds']:.1f} "
            f"| {etl['seconds'] / r['bare_seconds']:.1f} |"
        )
    if not all("pages" in r for r in results):  # --load-only
        return "\n".join(lines) + "\n"
    lines += [
        "",
        "Pages: script run time under AppTest, cold (data caches cleared before each run) "
        "and warm, for all communes and filtered to one commune; the overview computed in "
        "SQL (ours) against reading the whole table into pandas (naive); peak memory (RSS) "
        "of each process.",
        "",
        "| engine | communes | page | cold, all | warm, all | cold, one commune "
        "| warm, one commune |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for page, timing in r["pages"]["pages"].items():
            lines.append(
                f"| {r['engine']} | {r['communes']:,} | {page} "
                f"| {timing['all']['cold']:.3f} s | {timing['all']['warm']:.3f} s "
                f"| {timing['one_commune']['cold']:.3f} s "
                f"| {timing['one_commune']['warm']:.3f} s |"
            )
    lines += [
        "",
        "| engine | communes | overview, ours | overview, naive | naive / ours "
        "| pages peak MB | naive peak MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        ours, naive = r["pages"]["ours"]["seconds"], r["naive"]["seconds"]
        lines.append(
            f"| {r['engine']} | {r['communes']:,} | {ours:.3f} s | {naive:.3f} s "
            f"| {naive / ours:.0f}x | {r['pages']['peak_rss_mb']:,.0f} "
            f"| {r['naive']['rss_mb']:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, nargs="+", default=[1, 15, 150])
    parser.add_argument("--engine", nargs="+", choices=("sqlite", "postgresql"), default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--load-only", action="store_true", help="the ETL against the bare insert, no pages"
    )
    parser.add_argument("--workers", type=int, default=default_workers(), help="etl load --workers")
    args = parser.parse_args()
    engines = args.engine or ["sqlite", "postgresql"]
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = [
        measure(engine_kind, communes, args.seed, args.runs, args.workers, not args.load_only)
        for communes in args.communes
        for engine_kind in engines
    ]
    table = markdown(results, args.runs)
    name = "-".join(engines) + "-" + "-".join(str(c) for c in args.communes)
    name = f"load-{name}" if args.load_only else name
    (RESULTS / f"{name}.md").write_text(table, encoding="utf-8")
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    print(table)


if __name__ == "__main__":
    main()
