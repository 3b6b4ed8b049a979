"""Load: read files, validate every row, resolve ids against this load and the database,
then upsert by natural key in dependency order, in one transaction.

Every input row ends in exactly one outcome (inserted, updated, unchanged, merged,
rejected), counted in the report. A rejected row never stops the others unless `strict`;
a file that cannot be read stops the whole load before anything is written.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from sqlalchemy import Engine, insert
from sqlalchemy.exc import SQLAlchemyError

from etl import decidim
from etl.budget import OverBudget, ReadBudget, ReadLimits
from etl.bulk import vacuum_after_bulk
from etl.delimited import RowNote
from etl.extract import (
    ExtractError,
    NotData,
    RawSheet,
    export_companion,
    read_file,
    supported_files,
)
from etl.plan import Candidate, Plan, Progress
from etl.reject_communes import reject_communes
from etl.report import LoadReport, Origin
from etl.tables import LayoutError, find_layout, table_from_name
from etl.validate import VALIDATORS, Problem, validate_meeting, validate_recommendation
from musharaka import audit, db
from musharaka.audit import Change
from musharaka.db import WriterBusy, exclusive_write
from musharaka.models import (
    Association,
    Commune,
    LoadReject,
    LoadRun,
    Meeting,
    Recommendation,
    load_run_communes,
    utc_now,
)
from musharaka.parsing import is_blank

_ID_COLUMN = {"meetings": "meeting_id", "recommendations": "recommendation_id"}

# The most characters a spreadsheet cell holds (Excel's limit): a longer cell cannot have
# been typed in one, and is refused with its row rather than stored (text is never cut).
MAX_CELL_CHARS = 32_767
# Columns stored in shorter database columns: a longer value is refused with its row,
# instead of the database refusing the whole load.
CELL_LIMITS = {
    "meeting_id": Meeting.__table__.c.code.type.length,
    "recommendation_id": Recommendation.__table__.c.code.type.length,
    "commune": Commune.__table__.c.name.type.length,
    "province": Commune.__table__.c.province.type.length,
    "edition": Meeting.__table__.c.edition.type.length,
    "name": Association.__table__.c.key.type.length,
    "phone": Association.__table__.c.phone.type.length,
    "email": Association.__table__.c.email.type.length,
    "parent_id": Recommendation.__table__.c.parent_code.type.length,
}


SHORTEST_LIMIT = min(CELL_LIMITS.values())


class LoadError(Exception):
    """The load cannot go on (unreadable file, unrecognisable sheet, database error)."""


class CommuneNeeded(LoadError):
    """Decidim results files were given without the commune their results belong to."""


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


# --- Reading -------------------------------------------------------------------------
def read_sources(
    paths: list[Path],
    report: LoadReport,
    progress: Progress = _no_progress,
    commune: str | None = None,
    names: Mapping[Path, str] | None = None,
    limits: ReadLimits | None = None,
) -> dict[str, list[Candidate]]:
    """Every data row of every file, validated; rejects and warnings go to the report.
    `commune`: the commune of the results of Decidim files (which do not name one).
    `names`: the name to report for a file whose name on disk is not its own (an upload).
    `limits`: the most cells and seconds the reading may take (an upload's)."""
    try:
        files = supported_files(paths)
    except ExtractError as error:
        raise LoadError(str(error)) from error
    if not files:
        raise LoadError("no file to load (Musharaka reads .xlsx, .csv, .tsv, .txt and .json)")
    accepted: dict[str, list[Candidate]] = {t: [] for t in VALIDATORS}
    budget = ReadBudget(limits) if limits else None
    for done, path in enumerate(files):
        progress("reading files", done, len(files))
        name = (names or {}).get(path, path.name)
        try:
            sheets = read_file(path, name)
        except NotData as note:  # a load report in the folder: not data, said so
            report.warn(None, "", str(note), name, "")
            continue
        except ExtractError as error:
            raise LoadError(str(error)) from error
        report.sources.append(name)
        try:
            for sheet in sheets:
                if budget:
                    where = sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
                    sheet.rows = budget.rows(sheet.rows, where)
                _read_sheet(sheet, report, accepted, progress, commune)
        except (ExtractError, OverBudget) as error:
            raise LoadError(str(error)) from error
    progress("reading files", len(files), len(files))
    return accepted


ROWS_PER_TICK = 50_000


def _sheet_layout(sheet: RawSheet):
    """The sheet's layout (None: no table), its first rows and an iterator over the rest."""
    where = sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
    rows = iter(sheet.rows)
    head = list(islice(rows, 30))
    if export_companion(head):  # an export's dictionary or metadata: not data, skipped
        return None, [], rows
    # A workbook's sheet is named for its table; a text file by its file name.
    named = sheet.table or table_from_name(sheet.sheet if sheet.sheet else sheet.stem)
    try:
        layout = find_layout(head, named, where)
    except LayoutError as error:
        raise LoadError(str(error)) from error
    return layout, head, rows


def _read_sheet(
    sheet: RawSheet,
    report: LoadReport,
    accepted: dict[str, list[Candidate]],
    progress: Progress = _no_progress,
    commune: str | None = None,
):
    where = sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
    layout, head, rows = _sheet_layout(sheet)
    if layout is not None and layout.table == decidim.TABLE:
        data = (r for r in head if r[0] > layout.header_row)
        _read_decidim(sheet, layout.columns, _chain(data, rows), report, accepted, commune)
        return
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

    def origin_of(row: int) -> Origin:
        return Origin(file, sheet_name, table, row)

    formulas = sheet.formulas
    notes = sheet.row_notes
    for row_number in list(notes):  # the header and the lines above it
        if row_number <= layout.header_row:
            _noted(report, origin_of(row_number), notes.pop(row_number), layout.columns, {})
    for row_number, cells in _chain(data, rows):
        if _blank_row(cells):
            continue
        read += 1
        if (before + read) % ROWS_PER_TICK == 0:
            # Rows of all files so far; the total is unknown until the files are read.
            progress("reading rows", before + read, 0)
        origin = Origin(file, sheet_name, table, row_number)
        values = {col: (cells[i] if i < len(cells) else None) for i, col in positions}
        if formulas:
            _warn_formulas(report, origin, formulas, positions, values)
        if (
            notes
            and row_number in notes
            and _noted(report, origin, notes.pop(row_number), layout.columns, values)
        ):
            continue
        try:  # text files: every cell a string, measured in one pass
            short = max(map(len, cells), default=0) <= SHORTEST_LIMIT
        except TypeError:  # workbooks: numbers and dates too
            short = False
        problem = None if short else too_long(values)
        if problem is None:
            result = validator(values)
            for column, message in result.warnings:
                report.warn(origin, column, message)
            problem = result.problem
        if problem:
            p = problem
            report.reject(origin, p.column, p.reason, p.value, p.message, values)
            key = _ID_COLUMN.get(layout.table)
            if key and not is_blank(values.get(key)):
                report.rejected_ids.setdefault(layout.table, set()).add(str(values[key]).strip())
        else:
            accepted[layout.table].append(Candidate(origin, result.record))  # type: ignore[arg-type]
    report.read(Origin(file, sheet_name, table, 0), read)
    if sheet.formula_count > len(formulas):
        report.warn(
            Origin(file, sheet_name, table, 0),
            "",
            f"{where}: {sheet.formula_count} cells hold formulas; the first "
            f"{len(formulas)} are listed. Musharaka never runs formulas: it reads the value "
            "saved with each",
        )


def _read_decidim(sheet: RawSheet, columns, rows, report, accepted, commune) -> None:
    """A Decidim results file (etl.decidim): each result a recommendation, each component a
    meeting of `commune`, dated by its results' earliest start_date or created_at."""
    where = sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
    if not commune:
        raise CommuneNeeded(
            f"{where}: a Decidim results file names no commune: say which commune its "
            "results belong to (python -m etl load FILE --commune NAME)"
        )
    file, name = sheet.file, sheet.sheet
    report.add_sheet(file, name, "recommendations")
    read, taken = 0, []
    for row_number, cells in rows:
        if _blank_row(cells):
            continue
        read += 1
        origin = Origin(file, name, "recommendations", row_number)
        values = {col: (cells[i] if i < len(cells) else None) for i, col in columns.items()}
        result = decidim.read_result(values)
        problem = result.problem or too_long(result.cells)  # type: ignore[arg-type]
        for column, message in result.warnings:
            report.warn(origin, column, message)
        if problem is None:
            validated = validate_recommendation(result.cells)  # type: ignore[arg-type]
            for column, message in validated.warnings:
                report.warn(
                    origin, column, f"{decidim.SOURCE_COLUMNS.get(column, column)}: {message}"
                )
            problem = validated.problem
        if problem is None:
            taken.append((origin, validated.record, result))
            continue
        source = decidim.SOURCE_COLUMNS.get(problem.column)
        message = problem.message
        if source and not message.startswith(source):
            message = f"{source}: {message}"  # the file's own column, for the reader
        report.reject(origin, problem.column, problem.reason, problem.value, message, values)
        if result.code:
            report.rejected_ids.setdefault("recommendations", set()).add(result.code)
    report.read(Origin(file, name, "recommendations", 0), read)
    # One meeting per component, on the earliest day its results tell.
    meetings: dict[str, list] = {}
    for origin, record, result in taken:
        meeting = meetings.setdefault(record["meeting_id"], [origin, None, None])
        if result.date and (meeting[1] is None or result.date < meeting[1]):
            meeting[1] = result.date
        meeting[2] = meeting[2] or result.url
    for origin, record, _ in taken:
        if meetings[record["meeting_id"]][1] is None:
            message = (
                "start_date, created_at: no result of this component has a date, and its "
                "meeting takes its date from them"
            )
            report.reject(origin, "start_date", "missing_required", "", message, record=record)
        else:
            accepted["recommendations"].append(Candidate(origin, record))
    dated = {code: m for code, m in meetings.items() if m[1] is not None}
    if dated:
        report.add_sheet(file, name, "meetings")
        report.read(Origin(file, name, "meetings", 0), len(dated))
    for code, (first, day, url) in dated.items():
        origin = first._replace(table="meetings")
        cells = decidim.component_meeting(code, day, commune, url)
        problem = too_long(cells)
        validated = validate_meeting(cells) if problem is None else None
        problem = problem or validated.problem  # type: ignore[union-attr]
        if problem is None:
            accepted["meetings"].append(Candidate(origin, validated.record))  # type: ignore[union-attr,arg-type]
        else:
            report.reject(
                origin, problem.column, problem.reason, problem.value, problem.message, record=cells
            )
            report.rejected_ids.setdefault("meetings", set()).add(code)


def too_long(values: dict[str, object]) -> Problem | None:
    """A cell longer than its column takes (too_long), or None."""
    for column, value in values.items():
        # Called for every row of every load: most cells are shorter than any limit.
        if type(value) is str and len(value) > SHORTEST_LIMIT:
            limit = CELL_LIMITS.get(column, MAX_CELL_CHARS)
            if len(value) > limit and len(value.strip()) > limit:
                why = (
                    "the most a spreadsheet cell holds"
                    if limit == MAX_CELL_CHARS
                    else f"the longest {column} Musharaka stores"
                )
                return Problem(
                    column,
                    "too_long",
                    value[:60] + "…",
                    f"{column} holds {len(value):,} characters: at most {limit:,} are "
                    f"accepted ({why}); shorten it (text is never cut on loading)",
                )
    return None


def _noted(report, origin: Origin, note: RowNote, columns, values) -> bool:
    """Report what reading found about a row; True when the row is rejected for it."""
    column = columns.get(note.cell, "") if note.cell is not None else ""
    if note.reason is None:
        report.warn(origin, column, note.message)
        return False
    value = values.get(column) if column else None
    shown = "" if is_blank(value) else str(value)[:60]
    report.reject(origin, column, note.reason, shown, note.message, values)
    return True


def _warn_formulas(report, origin: Origin, formulas, positions, values) -> None:
    for index, column in positions:
        formula = formulas.get((origin.row, index))
        if formula is None:
            continue
        shown = formula if len(formula) <= 100 else formula[:100] + "…"
        if is_blank(values.get(column)):
            message = (
                f"the cell holds a formula ({shown}) with no value saved with it: Musharaka "
                "never runs formulas, so it was read as empty; type the value, or open and "
                "save the file in Excel or LibreOffice"
            )
        else:
            message = (
                f"the cell holds a formula ({shown}): Musharaka never runs formulas and read "
                "the value saved with it"
            )
        report.warn(origin, column, message)


def _blank_row(cells: list[object]) -> bool:
    try:  # text files: every cell is a string
        return not "".join(cells).strip()  # type: ignore[arg-type]
    except TypeError:
        return all(is_blank(c) for c in cells)


def _chain(first: Iterable, rest: Iterable):
    yield from first
    yield from rest


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
    progress: Progress = _no_progress,
    commune: str | None = None,
    names: Mapping[Path, str] | None = None,
    limits: ReadLimits | None = None,
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
    its reading may take (an upload's; none for the command line).

    Raises LoadError when nothing could be committed because of an error.
    """
    report = LoadReport(dry_run=dry_run, keep_cells=keep_cells)
    started = utc_now()
    accepted = read_sources(paths, report, progress, commune, names, limits)
    try:
        with _transaction(engine, dry_run, progress) as conn:
            plan = Plan(conn, report, progress, allowed_communes=allowed_communes)
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
    except (SQLAlchemyError, *_driver_errors(engine)) as error:
        # A database that refuses: nothing was committed. The driver's own errors come
        # unwrapped from COPY (etl.bulk), which talks to the driver directly.
        # The driver's own message, without the statement and its (maybe huge) parameters,
        # and without where the database is when it could not be reached.
        reason = db.refusal_reason(error)
        if reason == db.NOT_AVAILABLE:
            raise LoadError(f"nothing was committed: {reason}") from error
        raise LoadError(
            f"the database refused the load, nothing was committed: {reason}"
        ) from error
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


def _transaction(engine: Engine, dry_run: bool, progress: Progress):
    """The load's transaction. A load that writes is the only writer of the database
    until it commits: a second load waits for it (saying so), then reads what the first
    one wrote, instead of both inserting the same new commune. A dry run commits nothing
    and reads without waiting."""
    if dry_run:
        return engine.begin()
    return exclusive_write(engine, on_wait=lambda: progress(WAITING, 0, 0))


WAITING = "waiting for another load"


def _driver_errors(engine: Engine) -> tuple[type[Exception], ...]:
    error = getattr(getattr(engine.dialect, "loaded_dbapi", None), "Error", None)
    return (error,) if isinstance(error, type) and issubclass(error, Exception) else ()


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
            wanted.setdefault(place[0], {}).setdefault(place[1], set()).add(place[2])  # type: ignore[arg-type]
    if not wanted:
        return
    budget = ReadBudget(ReadLimits(cells=limits.cells)) if limits else None
    try:
        for path in supported_files(paths):
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
                layout, head, rest = _sheet_layout(sheet)
                if layout is None:
                    continue
                last = max(rows)
                for row_number, cells in _chain(head, rest):
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
    result = conn.execute(
        insert(LoadRun).values(
            started_at=started,
            finished_at=utc_now(),
            source=source,
            actor=actor,
            files="; ".join(report.sources),
            rows_read=report.rows_read,
            rows_rejected=report.rows_rejected,
            report_json=json.dumps({**report.as_dict(), "committed": True}, ensure_ascii=False),
        )
    )
    run_id = result.inserted_primary_key[0]
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
