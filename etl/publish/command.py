"""The body of `python -m etl publish --out DIR [--db URL] [--report FILE.json]`: publish,
print the report's summary, and exit 0, or 1 with the reason when the folder cannot be
written."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from etl.publish import Progress, publish


def run(
    engine: Engine,
    out: Path,
    report_path: Path | None,
    progress: Progress,
    close: Callable[[], None],
) -> int:
    try:
        report = publish(engine, out, progress=progress)
    except (OSError, SQLAlchemyError) as error:
        close()
        print(f"error: the site was not published: {error}", file=sys.stderr)
        return 1
    close()
    print(report.summary())
    if report_path is not None:
        try:
            report_path.parent.mkdir(parents=True, exist_ok=True)
            report_path.write_text(report.to_json() + "\n", encoding="utf-8")
        except OSError as error:
            print(f"error: cannot write {report_path}: {error}", file=sys.stderr)
            return 1
    return 0
