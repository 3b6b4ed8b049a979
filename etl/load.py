"""Load: read files, validate every row, resolve ids against this load and the database,
then upsert by natural key in dependency order, in one transaction.

Every input row ends in exactly one outcome (inserted, updated, unchanged, merged,
rejected), counted in the report. A rejected row never stops the others unless `strict`;
a file that cannot be read stops the whole load before anything is written.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import json
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, insert
from sqlalchemy.exc import SQLAlchemyError

from etl.budget import OverBudget, ReadBudget, ReadLimits
from etl.bulk import statements_unprepared, vacuum_after_bulk
from etl.errors import CommuneNeeded, LoadError
from etl.extract import ExtractError, read_file
from etl.plan import Candidate, Plan, Progress
from etl.readers import sheet_layout
from etl.readers.base import MAX_CELL_CHARS, too_long
from etl.reading import no_progress, read_sources
from etl.reject_communes import reject_communes
from etl.report import LoadReport
from etl.sources import list_sources
from musharaka import audit, db, evidence_rows, media_store
from musharaka.audit import Change
from musharaka.db import WriterBusy, exclusive_write
from musharaka.evidence import Prepared
from musharaka.loader_text import english
from musharaka.models import (
    LoadReject,
    LoadRun,
    load_run_communes,
    utc_now,
)

# Re-exported: the pages and the forms use them from here.
__all__ = ["MAX_CELL_CHARS", "CommuneNeeded", "LoadError", "Progress", "run_load", "too_long"]


# --- The load ------------------------------------------------------------------------
@contextmanager
def _without_cycle_collector():
    """Python's cycle collector paused while a load runs. A national load holds millions
    of rows (dicts of text and dates, which form no cycles), and every full collection
    walks them all again: 15 % of a load of 150 communes, more the bigger the load. The
    collector is resumed after, only if it was running (two loads may overlap in a
    server)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_without_cycle_collector()
def run_load(
    engine: Engine,
    paths: list[Path],
    *,
    dry_run: bool = False,
    strict: bool = False,
    source: str = "cli",
    actor: str = "cli",
    allowed_communes: set[int] | None = None,
    keep_cells: bool = False,
    progress: Progress = no_progress,
    commune: str | None = None,
    names: Mapping[Path, str] | None = None,
    limits: ReadLimits | None = None,
    workers: int = 1,
) -> LoadReport:
    """Load files into the database. The report says what happened to every row.

    The audit log gets, in the same transaction, one entry for the load (who, files,
    counts) and one for every record it changed, before and after. Records it inserted
    are known by the load's entry and their own source file and row.

    `allowed_communes` (an editor's communes; None: anywhere) rejects rows of meetings in
    other communes, and what hangs on them, as `not_allowed`; no commune is created.
    `keep_cells` keeps the cells of every rejected row in the report (`rejected_cells`).
    `commune` is the commune of Decidim results files (required when one is loaded).
    `names` gives the name a file is reported by when it is not its name on disk (an
    upload waits under a name of the page's own); `limits` the most cells and seconds
    its reading may take (an upload's; none for the command line). `workers`: how many
    processes read the files (etl.read_workers), with the same result as one.

    Raises LoadError when nothing could be committed because of an error.
    """
    report = LoadReport(dry_run=dry_run, keep_cells=keep_cells)
    started = utc_now()
    accepted, carrying = read_sources(paths, report, progress, commune, names, limits, workers)
    # The photos and PDFs the status updates carry, stored under temporary names before
    # the transaction, named after it commits, deleted if it does not (media_store).
    staged, keep_originals = media_store.Staged(), False
    if not dry_run:
        staged, keep_originals = _stage_evidence(engine, carrying)
    try:
        report = _load(
            engine, accepted, report, started, dry_run, strict, source, actor,
            allowed_communes, progress, keep_originals,
        )  # fmt: skip
    finally:
        staged.promote() if report.committed else staged.discard()
    if report.committed:
        written = sum(
            report.tables[t]["inserted"] + report.tables[t]["updated"]
            for t in ("meetings", "recommendations")
            if t in report.tables
        )
        vacuum_after_bulk(engine, written)
    if keep_cells:
        _collect_rejected_cells(paths, report, names, limits)
    return report


def _stage_evidence(engine: Engine, updates: list[Candidate]) -> tuple[media_store.Staged, bool]:
    files: dict[str, Prepared] = {}
    for candidate in updates:
        for prepared in candidate.record.get("evidence") or ():
            files.setdefault(prepared.published.sha256, prepared)
    try:
        return evidence_rows.stage_files(engine, list(files.values()))
    except OSError as error:
        raise LoadError(english("loader_evidence_not_stored", why=error.strerror)) from error


def _load(
    engine: Engine,
    accepted: dict[str, list[Candidate]],
    report: LoadReport,
    started: dt.datetime,
    dry_run: bool,
    strict: bool,
    source: str,
    actor: str,
    allowed_communes: set[int] | None,
    progress: Progress,
    keep_originals: bool,
) -> LoadReport:
    """The load's transaction: the plan resolved, then written and recorded (or not)."""
    try:
        with _transaction(engine, dry_run, progress) as conn, statements_unprepared(conn):
            plan = Plan(conn, report, progress, allowed_communes=allowed_communes)
            plan.evidence_by = (actor, keep_originals)
            plan.resolve(accepted)
            if dry_run or (strict and report.rejects):
                conn.rollback()
            else:
                plan.write()
                run_id = _record_run(conn, report, source, actor, started, plan.loaded_communes())
                load = Change(
                    "load_runs",
                    str(run_id),
                    "load",
                    None,
                    {
                        "files": report.sources,
                        "tables": report.as_dict()["tables"],
                        "rows_rejected": report.rows_rejected,
                    },
                )
                audit.record(conn, [load, *plan.changes], actor=actor, source=source)
                report.committed = True
    except LoadError:
        raise
    except WriterBusy as busy:
        raise LoadError(str(busy)) from busy
    except _refusals(engine) as error:
        # A database that refuses: nothing was committed. The driver's own errors come
        # unwrapped from COPY (etl.bulk), which talks to the driver directly.
        # The driver's own message, without the statement and its (maybe huge) parameters,
        # and without where the database is when it could not be reached.
        reason = db.refusal_reason(error)
        if reason == db.NOT_AVAILABLE:
            raise LoadError(english("loader_nothing_committed", message=reason)) from error
        raise LoadError(english("loader_db_refused", reason=reason)) from error
    return report


def _transaction(engine: Engine, dry_run: bool, progress: Progress):
    """The load's transaction. A load that writes is the only writer of the database
    until it commits: a second load waits for it (saying so), then reads what the first
    one wrote, instead of both inserting the same new commune. A dry run commits nothing
    and reads without waiting."""
    if dry_run:
        return engine.begin()
    return exclusive_write(engine, on_wait=lambda: progress(WAITING, 0, 0))


WAITING = "waiting for another load"


def _refusals(engine: Engine) -> tuple[type[Exception], ...]:
    """SQLAlchemy's errors and the database driver's own."""
    error = getattr(getattr(engine.dialect, "loaded_dbapi", None), "Error", None)
    driver = (error,) if isinstance(error, type) and issubclass(error, Exception) else ()
    return (SQLAlchemyError, *driver)


def _collect_rejected_cells(
    paths: list[Path],
    report: LoadReport,
    names: Mapping[Path, str] | None = None,
    limits: ReadLimits | None = None,
) -> None:
    """The cells of rows rejected after reading (a reference, a duplicate, a right), read
    again from their files: the plan keeps only clean records, not what was read. No more
    cells than the load read (its cell limit), in no limit of time: the load is done."""
    wanted: dict[str, dict[str, set[int]]] = {}
    for reject in report.rejects:
        place = (reject["file"], reject["sheet"], reject["row"])
        if place not in report.rejected_cells:
            wanted.setdefault(place[0], {}).setdefault(place[1], set()).add(place[2])
    if not wanted:
        return
    budget = ReadBudget(ReadLimits(cells=limits.cells)) if limits else None
    try:
        for path in list_sources(paths).files:
            name = (names or {}).get(path, path.name)
            sheets = wanted.get(name)
            if not sheets:
                continue
            for sheet in read_file(path, name):
                rows = sheets.get(sheet.sheet)
                if not rows:
                    continue
                if budget:
                    sheet.rows = budget.rows(sheet.rows, name)
                layout, head, rest = sheet_layout(sheet)
                if layout is None:
                    continue
                last = max(rows)
                for row_number, cells in itertools.chain(head, rest):
                    if row_number > last:
                        break
                    if row_number in rows:
                        report.rejected_cells[(sheet.file, sheet.sheet, row_number)] = {
                            col: (cells[i] if i < len(cells) else None)
                            for i, col in layout.columns.items()
                        }
    except (ExtractError, LoadError, OverBudget, OSError):
        pass  # the files changed since they were read: the rejects keep no cells


def _record_run(
    conn,
    report: LoadReport,
    source: str,
    actor: str,
    started: dt.datetime,
    communes: set[int],
) -> int:
    """Keep the load, its rejected rows and the communes of the rows it loaded (which
    decide which editors may read its rejects: models.load_run_communes)."""
    run_id = db.insert_one(
        conn,
        insert(LoadRun).values(
            started_at=started,
            finished_at=utc_now(),
            source=source,
            actor=actor,
            files="; ".join(report.sources),
            rows_read=report.rows_read,
            rows_rejected=report.rows_rejected,
            report_json=json.dumps({**report.as_dict(), "committed": True}, ensure_ascii=False),
        ),
    )
    places = reject_communes(conn, report.reject_refs) if report.rejects else []
    rejects = [
        {
            "load_run_id": run_id,
            "commune_id": commune_id,
            "file": r["file"],
            "sheet": r["sheet"],
            "row": r["row"],
            "table_name": r["table"],
            "column_name": r["column"],
            "reason": r["reason"],
            "value": r["value"],
            "message": r["message"],
        }
        for r, commune_id in zip(report.rejects, places, strict=True)
    ]
    if rejects:
        conn.execute(insert(LoadReject), rejects)
    if communes:
        conn.execute(
            insert(load_run_communes),
            [{"load_run_id": run_id, "commune_id": c} for c in sorted(communes)],
        )
    return run_id
