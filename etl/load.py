"""Load: read files, validate every row, resolve ids against this load and the database,
then upsert by natural key in dependency order, in one transaction.

Every input row ends in exactly one outcome (inserted, updated, unchanged, merged,
rejected), counted in the report. A rejected row never stops the others unless `strict`;
a file that cannot be read stops the whole load before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from sqlalchemy import Engine, insert
from sqlalchemy.exc import SQLAlchemyError

from etl.extract import ExtractError, RawSheet, read_file, supported_files
from etl.plan import Candidate, Plan, Progress
from etl.report import LoadReport, Origin
from etl.tables import LayoutError, find_layout, table_from_name
from etl.validate import VALIDATORS
from musharaka.models import (
    LoadReject,
    LoadRun,
    utc_now,
)
from musharaka.parsing import is_blank

_ID_COLUMN = {"meetings": "meeting_id", "recommendations": "recommendation_id"}


class LoadError(Exception):
    """The load cannot go on (unreadable file, unrecognisable sheet, database error)."""


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


# --- Reading -------------------------------------------------------------------------
def read_sources(
    paths: list[Path], report: LoadReport, progress: Progress = _no_progress
) -> dict[str, list[Candidate]]:
    """Every data row of every file, validated; rejects and warnings go to the report."""
    try:
        files = supported_files(paths)
    except ExtractError as error:
        raise LoadError(str(error)) from error
    if not files:
        raise LoadError("no file to load (Musharaka reads .xlsx, .csv, .tsv, .txt and .json)")
    accepted: dict[str, list[Candidate]] = {t: [] for t in VALIDATORS}
    report.sources = [path.name for path in files]
    for done, path in enumerate(files):
        progress("reading files", done, len(files))
        try:
            sheets = read_file(path)
            for sheet in sheets:
                _read_sheet(sheet, report, accepted, progress)
        except ExtractError as error:
            raise LoadError(str(error)) from error
    progress("reading files", len(files), len(files))
    return accepted


ROWS_PER_TICK = 50_000


def _read_sheet(
    sheet: RawSheet,
    report: LoadReport,
    accepted: dict[str, list[Candidate]],
    progress: Progress = _no_progress,
):
    where = sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
    rows = iter(sheet.rows)
    head = list(islice(rows, 30))
    # A workbook's sheet is named for its table; a text file by its file name.
    named = sheet.table or table_from_name(sheet.sheet if sheet.sheet else sheet.stem)
    try:
        layout = find_layout(head, named, where)
    except LayoutError as error:
        raise LoadError(str(error)) from error
    if layout is None:
        if any(not all(is_blank(c) for c in cells) for _, cells in head):
            report.warn(
                None,
                "",
                f"{where}: no table recognised in this sheet: skipped",
                sheet.file,
                sheet.sheet,
            )
        return
    report.add_sheet(sheet.file, sheet.sheet, layout.table)
    for note in layout.notes:
        report.warn(Origin(sheet.file, sheet.sheet, layout.table, layout.header_row), "", note)
    validator = VALIDATORS[layout.table]
    positions = list(layout.columns.items())
    data = (r for r in head if r[0] > layout.header_row)
    read = 0
    before = report.rows_read
    file, sheet_name, table = sheet.file, sheet.sheet, layout.table
    for row_number, cells in _chain(data, rows):
        if _blank_row(cells):
            continue
        read += 1
        if (before + read) % ROWS_PER_TICK == 0:
            # Rows of all files so far; the total is unknown until the files are read.
            progress("reading rows", before + read, 0)
        origin = Origin(file, sheet_name, table, row_number)
        values = {col: (cells[i] if i < len(cells) else None) for i, col in positions}
        result = validator(values)
        for column, message in result.warnings:
            report.warn(origin, column, message)
        if result.problem:
            p = result.problem
            report.reject(origin, p.column, p.reason, p.value, p.message)
            key = _ID_COLUMN.get(layout.table)
            if key and not is_blank(values.get(key)):
                report.rejected_ids.setdefault(layout.table, set()).add(str(values[key]).strip())
        else:
            accepted[layout.table].append(Candidate(origin, result.record))  # type: ignore[arg-type]
    report.read(Origin(file, sheet_name, table, 0), read)


def _blank_row(cells: list[object]) -> bool:
    try:  # text files: every cell is a string
        return not "".join(cells).strip()  # type: ignore[arg-type]
    except TypeError:
        return all(is_blank(c) for c in cells)


def _chain(first: Iterable, rest: Iterable):
    yield from first
    yield from rest


# --- The load ------------------------------------------------------------------------
def run_load(
    engine: Engine,
    paths: list[Path],
    *,
    dry_run: bool = False,
    strict: bool = False,
    source: str = "cli",
    progress: Progress = _no_progress,
) -> LoadReport:
    """Load files into the database. The report says what happened to every row.

    Raises LoadError when nothing could be committed because of an error.
    """
    report = LoadReport(dry_run=dry_run)
    started = utc_now()
    accepted = read_sources(paths, report, progress)
    try:
        with engine.begin() as conn:
            plan = Plan(conn, report, progress)
            plan.resolve(accepted)
            if dry_run or (strict and report.rejects):
                conn.rollback()
                return report
            plan.write()
            _record_run(conn, report, paths, source, started)
            report.committed = True
    except LoadError:
        raise
    except SQLAlchemyError as error:  # a database that refuses: nothing was committed
        # The driver's own message, without the statement and its (maybe huge) parameters.
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise LoadError(
            f"the database refused the load, nothing was committed: {reason}"
        ) from error
    return report


def _record_run(conn, report: LoadReport, paths, source: str, started: dt.datetime) -> None:
    result = conn.execute(
        insert(LoadRun).values(
            started_at=started,
            finished_at=utc_now(),
            source=source,
            files="; ".join(report.sources),
            rows_read=report.rows_read,
            rows_rejected=report.rows_rejected,
            report_json=json.dumps({**report.as_dict(), "committed": True}, ensure_ascii=False),
        )
    )
    run_id = result.inserted_primary_key[0]
    rejects = [
        {
            "load_run_id": run_id,
            "file": r["file"],
            "sheet": r["sheet"],
            "row": r["row"],
            "table_name": r["table"],
            "column_name": r["column"],
            "reason": r["reason"],
            "value": r["value"],
            "message": r["message"],
        }
        for r in report.rejects
    ]
    if rejects:
        conn.execute(insert(LoadReject), rejects)
