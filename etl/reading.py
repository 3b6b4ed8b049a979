"""Reading a load's files: every data row of every file validated, its rejects and
warnings in the report, its accepted rows collected by table (the biggest spilled to
disk: etl.plan.spill). Files are read one after the other here, or by worker processes
(etl.read_workers) with the same rows in the same order and the same report."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from multiprocessing import get_all_start_methods
from pathlib import Path
from typing import IO

from etl import evidence_files
from etl.budget import OverBudget, ReadBudget, ReadLimits
from etl.errors import LoadError
from etl.extract import ExtractError, NotData, RawSheet, read_file
from etl.plan import Candidate, Progress, recommendations
from etl.plan.spill import Spill
from etl.plan.status_updates import fingerprinted
from etl.readers import ReadContext, sheet_layout
from etl.readers.base import where
from etl.report import LoadReport
from etl.sources import list_sources, types_read
from etl.validate import VALIDATORS
from musharaka.loader_text import english
from musharaka.parsing import is_blank

# Workers are forked (etl.read_workers): where processes cannot be, files are read here.
FORK = "fork"
# The tables whose rows are spilled to disk as they are read, and how each spill is made.
SPILLED = ("recommendations", "status_updates")


def new_spill(table: str, file: IO[bytes] | None = None) -> Spill:
    """The spill of one of SPILLED: the status updates are fingerprinted as they are
    spilled, and looked at for evidence files; the recommendations get what their rows
    derive from them alone."""
    if table == "status_updates":
        return Spill(watch=evidence_files.COLUMN, prepare=fingerprinted, file=file)
    return Spill(prepare=recommendations.derive, file=file)


def no_progress(stage: str, done: int, total: int) -> None:
    pass


def read_sources(
    paths: list[Path],
    report: LoadReport,
    progress: Progress = no_progress,
    commune: str | None = None,
    names: Mapping[Path, str] | None = None,
    limits: ReadLimits | None = None,
    workers: int = 1,
) -> tuple[dict[str, list[Candidate]], list[Candidate]]:
    """Every data row of every file, validated; rejects and warnings go to the report;
    and the status updates that carry evidence files.
    `commune`: the commune of the results of Decidim files (which do not name one).
    `names`: the name to report for a file whose name on disk is not its own (an upload).
    `limits`: the most cells and seconds the reading may take (an upload's).
    `workers`: how many processes read the files when there are several (and no limits,
    which count the cells of all files together)."""
    try:
        sources = list_sources(paths)
    except ExtractError as error:
        raise LoadError(str(error)) from error
    files = sources.files
    given = evidence_files.given_files(sources.evidence, names)
    if not files:  # photos and PDFs alone: no status update to name them
        unused = [
            english("loader_evidence_unused", name=g.name, column=evidence_files.COLUMN)
            for g in given.values()
        ]
        skipped = "; ".join([*unused, *(s.message for s in sources.skipped)][:5])
        if skipped:
            raise LoadError(english("loader_no_file_skipped", types=types_read(), skipped=skipped))
        raise LoadError(english("loader_no_file", types=types_read()))
    for skipped in sources.skipped:
        report.skip(skipped.file, skipped.reason, skipped.message, skipped.reason != "hidden")
    accepted: dict[str, list[Candidate]] = {t: [] for t in VALIDATORS}
    for table in SPILLED:  # the biggest tables, read to disk instead of held
        accepted[table] = new_spill(table)  # type: ignore[assignment]
    named = [(path, (names or {}).get(path, path.name)) for path in files]
    if workers > 1 and len(files) > 1 and limits is None and FORK in get_all_start_methods():
        from etl.read_workers import read_in_workers  # forks: only when asked

        read_in_workers(named, report, accepted, progress, commune, workers)
    else:
        budget = ReadBudget(limits) if limits else None
        shared: dict[str, str] = {}  # etl.readers.base.SHARED, for all the files
        for done, (path, name) in enumerate(named):
            progress("reading files", done, len(files))
            read_one_file(path, name, report, accepted, progress, commune, shared, budget)
    progress("reading files", len(files), len(files))
    read = accepted["status_updates"]
    if not given and not read.watched:  # type: ignore[attr-defined]
        return accepted, []  # no row names a file, and none is given: nothing to attach
    kept = Spill(prepare=fingerprinted)
    carrying = evidence_files.attach_to_updates(read, given, report, kept)
    accepted["status_updates"] = kept  # type: ignore[assignment]
    del read
    return accepted, carrying


def read_one_file(
    path: Path,
    name: str,
    report: LoadReport,
    accepted: dict[str, list[Candidate]],
    progress: Progress = no_progress,
    commune: str | None = None,
    shared: dict[str, str] | None = None,
    budget: ReadBudget | None = None,
) -> None:
    """One file's sheets, each by the reader whose header it has, into `accepted` and
    `report`. Raises LoadError for a file that cannot be read."""
    try:
        sheets = read_file(path, name)
    except NotData as note:  # a load report in the folder: not data, said so
        report.skip(name, "load_report", str(note))
        return
    except ExtractError as error:
        raise LoadError(str(error)) from error
    report.sources.append(name)
    try:
        for sheet in sheets:
            if budget:
                at = sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
                sheet.rows = budget.rows(sheet.rows, at)
            read_sheet(sheet, report, accepted, progress, commune, shared)
    except (ExtractError, OverBudget) as error:
        raise LoadError(str(error)) from error


def read_sheet(
    sheet: RawSheet,
    report: LoadReport,
    accepted: dict[str, list[Candidate]],
    progress: Progress = no_progress,
    commune: str | None = None,
    shared: dict[str, str] | None = None,
) -> None:
    """One sheet, by the reader whose header it has (etl.readers)."""
    layout, head, rows = sheet_layout(sheet)
    if layout is not None and layout.table == "associations" and sheet.preamble is not None:
        # In minutes, a table of names is those present or who signed: people, whom
        # loading as associations would show on public pages.
        _warn(report, sheet, english("loader_names_in_minutes", where=where(sheet)))
        return
    if layout is None:
        if any(not all(is_blank(c) for c in cells) for _, cells in head):
            _warn(report, sheet, english("loader_no_table", where=where(sheet)))
        return
    data = (r for r in head if r[0] > layout.header_row)
    above = [r for r in head if r[0] < layout.header_row]
    context = ReadContext(accepted, progress, commune, above, {} if shared is None else shared)
    assert layout.reader is not None, "every reader's layout names it"
    layout.reader.read(sheet, layout, itertools.chain(data, rows), report, context)
    filled = sheet.merged.warning(where(sheet)) if sheet.merged else None
    if filled:  # once per sheet, its rows all read
        _warn(report, sheet, filled)


def _warn(report: LoadReport, sheet: RawSheet, message: str) -> None:
    """A warning about a whole sheet (no row, no column)."""
    report.warn(None, "", message, sheet.file, sheet.sheet)
