"""What reading a workbook costs when its sheet claims more than it holds.

A real meetings workbook and the same workbook with its sheet's `<dimension>` forged to
A1:XFD1048576 (every row and column Excel has), read the way Musharaka read workbooks
before (openpyxl's read-only rows, padded to the dimension) and the way it reads them now
(etl.extract: rows as the cells the sheet holds); then the dry run of a load of each into
an empty SQLite database. Prints a table; times are the median of --runs runs.

    python bench/forged_workbook.py [--rows 12000] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from etl.extract import read_file  # noqa: E402
from etl.load import run_load  # noqa: E402
from musharaka import db  # noqa: E402

HEAD = ["meeting_id", "commune", "date", "title"]


def workbook(rows: int, dimension: str | None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "meetings"
    sheet.append(HEAD)
    for n in range(1, rows + 1):
        sheet.append([f"KHN-2026-{n}", "الخنافيف", "2026-01-10", f"meeting {n}"])
    plain = io.BytesIO()
    book.save(plain)
    if dimension is None:
        return plain.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as to:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), content
                )
            to.writestr(part, content)
    return out.getvalue()


def read_before(path: Path) -> int:
    """Cells visited the way extract read workbooks before: openpyxl's padded rows."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    visited = 0
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            visited += sum(1 for _ in (c.value for c in cells))
    return visited


def read_now(path: Path) -> int:
    return sum(len(cells) for sheet in read_file(path) for _, cells in sheet.rows)


def dry_run(path: Path, folder: Path) -> int:
    engine = db.make_engine(f"sqlite:///{folder / f'bench-{time.monotonic_ns()}.db'}")
    db.upgrade(engine)
    report = run_load(engine, [path], dry_run=True)
    engine.dispose()
    return report.rows_read


def timed(function, *args, runs: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=12_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        files = {
            "real": base / "real.xlsx",
            "forged A1:XFD1048576": base / "forged.xlsx",
        }
        files["real"].write_bytes(workbook(args.rows, None))
        files["forged A1:XFD1048576"].write_bytes(workbook(args.rows, "A1:XFD1048576"))
        print(f"{args.rows:,} data rows of 4 cells; median of {args.runs} runs\n")
        print(
            "| workbook | size | read before | cells visited before | read now "
            "| cells visited now | dry run now |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for label, path in files.items():
            before, visited_before = timed(read_before, path, runs=args.runs)
            now, visited_now = timed(read_now, path, runs=args.runs)
            load, _ = timed(dry_run, path, base, runs=args.runs)
            print(
                f"| {label} | {path.stat().st_size / 1024:,.0f} KB | {before:.2f} s "
                f"| {visited_before:,} | {now:.2f} s | {visited_now:,} | {load:.2f} s |"
            )


if __name__ == "__main__":
    main()
