"""`python -m etl publish` at a chosen scale: the first publish of the demo data, a second
one with nothing changed, and a republish after one commune's change (one recommendation
edited), each timed, with the files and bytes it wrote. Prints a Markdown table and saves
it under bench/results/. Nothing here asserts a time.

    python bench/publish.py [--communes 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, update  # noqa: E402

from etl import demo  # noqa: E402
from etl.load import run_load  # noqa: E402
from etl.publish import publish  # noqa: E402
from musharaka import db  # noqa: E402
from musharaka.models import Recommendation  # noqa: E402

WORK = ROOT / "bench" / "work" / "publish"
RESULTS = ROOT / "bench" / "results"


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def database(communes: int, seed: int) -> str:
    """A SQLite database of the demo at that scale (kept between runs)."""
    path = WORK / f"demo-{communes}-seed{seed}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    files = WORK / f"demo-{communes}-seed{seed}"
    log(f"writing and loading the demo for {communes} communes")
    demo.write_files(files, communes, seed)
    partial = WORK / "loading.db"
    partial.unlink(missing_ok=True)
    engine = db.make_engine(f"sqlite:///{partial}")
    db.upgrade(engine)
    if not run_load(engine, [files]).committed:
        sys.exit("the demo did not load")
    engine.dispose()
    partial.rename(path)
    return url


def edit_one_commune(url: str) -> None:
    """One recommendation of the first commune gets a new title and version, as an editor's
    form would (its time left as it was: the version alone marks the commune changed)."""
    engine = db.make_engine(url)
    with engine.begin() as connection:
        first = connection.scalar(select(func.min(Recommendation.id)))
        connection.execute(
            update(Recommendation)
            .where(Recommendation.id == first)
            .values(title=Recommendation.title + " (bench)", version=Recommendation.version + 1)
        )
    engine.dispose()


def timed(url: str, out: Path) -> tuple[float, int, int]:
    engine = db.make_engine(url)
    started = time.perf_counter()
    report = publish(engine, out)
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds, len(report.written), report.bytes_written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    source = database(args.communes, args.seed)
    # Each run edits a copy, so that the kept database stays as loaded.
    copy = WORK / "run.db"
    shutil.copyfile(source.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    out = WORK / "site"
    shutil.rmtree(out, ignore_errors=True)
    rows = []
    log("first publish")
    rows.append(("first publish", *timed(url, out)))
    log("nothing changed")
    rows.append(("nothing changed", *timed(url, out)))
    edit_one_commune(url)
    log("one commune changed")
    rows.append(("one commune changed", *timed(url, out)))
    lines = [
        f"`python -m etl publish`, {args.communes} demo communes on SQLite, "
        f"{dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}",
        "",
        "| run | seconds | files written | bytes written |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {name} | {s:.1f} | {n:,} | {b:,} |" for name, s, n, b in rows),
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"publish-{args.communes}.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
