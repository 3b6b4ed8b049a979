"""Files loaded from the browser (pages/8_Upload.py), without Streamlit: the size and type
checks, the private folder the files wait in, the dry run and the load (both through
etl.load.run_load, so an upload follows the command line's rules), and the report and
its rejected rows as tables and as files to correct and upload again.

A batch is the set of files shown in one report, named by a hash of their names and
bytes: confirming loads exactly the files that report was made from. A file waits under a
name of the page's own (upload-1.csv...): the name it was sent with is only text, shown
in the report and recorded with the load, and never a path (it may be longer than a disk
takes, or hold '/' or '..').
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import pandas as pd
from sqlalchemy import Engine

from etl.budget import ReadLimits
from etl.extract import SUPPORTED_SUFFIXES
from etl.load import MAX_CELL_CHARS, CommuneNeeded, LoadError, run_load
from etl.report import OUTCOMES, LoadReport, Reject
from etl.sources import EVIDENCE_SUFFIXES
from musharaka import exports
from musharaka.auth import Identity
from musharaka.formats import number
from musharaka.i18n import t
from musharaka.loader_text import english
from musharaka.parsing import PercentCell
from musharaka.views.data_status import reason_label, said, table_label
from musharaka.vocabulary import COLUMNS

# The largest file accepted, in MB of 1024 * 1024 bytes as Streamlit counts them: the same
# as server.maxUploadSize in .streamlit/config.toml (a test keeps the two equal). The
# browser widget enforces it too, but a file is measured here before it is read.
MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
SUFFIXES = (*SUPPORTED_SUFFIXES, *EVIDENCE_SUFFIXES)  # and photos and PDFs, the proof
TYPES = tuple(s.lstrip(".") for s in SUFFIXES)
FOLDER_PREFIX = "musharaka-upload-"
FOLDER_LIFETIME_S = 24 * 3600  # folders of sessions that ended without cleaning up
BATCHES_KEPT = 3
REJECTS_XLSX = "musharaka-rejects.xlsx"
# The most an upload is read for, while its editor waits and others use the same server:
# cells in all its files (a 20 MB upload of real data holds 2 to 3 million; a workbook
# that unpacks to a hundred times its size could hold far more), and seconds of reading
# for the check (5 million cells, every row rejected, were checked in 53 s on a busy
# 2-core machine).
MAX_CELLS = 5_000_000
CHECK_SECONDS = 120

log = logging.getLogger("musharaka.services.uploads")


class UploadedLike(Protocol):
    """What the page gets from st.file_uploader (streamlit's UploadedFile)."""

    name: str
    size: int

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class Refusal:
    """A file refused unread: its name, the vocabulary key of why, and its size."""

    name: str
    reason: str  # upload_too_large, upload_wrong_type, upload_lock_file
    size: int


@dataclass
class Screened:
    accepted: list[tuple[str, bytes]]  # (safe name, bytes)
    refused: list[Refusal]


@dataclass
class Batch:
    """Files saved for one report: the dry run, then (once confirmed) the load."""

    key: str
    folder: Path
    paths: list[Path]  # where the files wait, under names of the page's own
    names: list[str]  # the files' names as sent (made safe to show): the report's
    report: LoadReport | None = None  # the dry run
    error: str | None = None  # why the dry run could not be made
    result: LoadReport | None = None  # the load, once confirmed
    result_error: str | None = None  # why the load committed nothing
    # Decidim results files name no commune: the editor chooses it, for the whole batch.
    needs_commune: bool = False
    commune: str | None = None
    created: float = field(default_factory=time.time)


# --- names, sizes, types ----------------------------------------------------------------
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069<>:\"|?*]")


def safe_name(name: str) -> str:
    """A browser's file name as a name to show: no folders, no control or direction
    characters (an RTL override can disguise 'gpj.xlsx'), no leading dots, no longer than
    a real file's. It is text only: the file waits under a name of the page's own."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("", name).strip()
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = suffix.strip().lower()[:10]
    stem = stem.strip().lstrip(".").strip()[:250] or "upload"
    return f"{stem}.{suffix}" if suffix else stem


def screen(files: Iterable[UploadedLike], limit: int = MAX_UPLOAD_BYTES) -> Screened:
    """The files to check, read, and those refused unread: too large, or of a type
    Musharaka does not read. Names are made safe and distinct."""
    accepted: list[tuple[str, bytes]] = []
    refused: list[Refusal] = []
    taken: set[str] = set()
    for file in files:
        name = safe_name(file.name)
        size = int(file.size)
        if size > limit:
            refused.append(Refusal(name, "upload_too_large", size))
            continue
        if Path(name).suffix.lower() not in SUFFIXES:
            refused.append(Refusal(name, "upload_wrong_type", size))
            continue
        if name.startswith("~$"):  # the lock file Excel or Word keeps beside an open file
            refused.append(Refusal(name, "upload_lock_file", size))
            continue
        name = _distinct(name, taken)
        taken.add(name.casefold())
        accepted.append((name, file.getvalue()))
    return Screened(accepted, refused)


def _distinct(name: str, taken: set[str]) -> str:
    """Two uploads with one name (from two folders) are saved and reported apart."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    return candidate


def megabytes(size: int) -> float:
    return round(size / (1024 * 1024), 1)


def batch_key(files: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0")
        digest.update(data)
    return digest.hexdigest()


# --- the private folder -----------------------------------------------------------------
def upload_root() -> Path:
    """Where uploaded files wait: MUSHARAKA_UPLOAD_DIR, else the system's temporary folder."""
    configured = os.environ.get("MUSHARAKA_UPLOAD_DIR", "").strip()
    if not configured:
        return Path(tempfile.gettempdir())
    root = Path(configured)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def stage(files: list[tuple[str, bytes]], root: Path | None = None) -> Batch:
    """Save the files in a new folder only this process's user can read, each under a
    name of the page's own that keeps only its type; the names sent are kept as text."""
    root = root or upload_root()
    sweep(root)
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=root))  # mode 0700
    paths = []
    for position, (name, data) in enumerate(files, start=1):
        path = folder / staged_name(position, name)
        path.write_bytes(data)
        paths.append(path)
    return Batch(batch_key(files), folder, paths, [safe_name(name) for name, _ in files])


_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")


def staged_name(number: int, name: str) -> str:
    """The name the `number`th file of a batch waits under: upload-N and the suffix of the
    name it was sent with (which says how it is read), when that is a plain one."""
    suffix = Path(safe_name(name)).suffix.lower()
    return f"upload-{number}{suffix if _SUFFIX.fullmatch(suffix) else ''}"


def discard(batch: Batch) -> None:
    shutil.rmtree(batch.folder, ignore_errors=True)


def sweep(root: Path | None = None, now: float | None = None) -> None:
    """Remove upload folders left for a day by sessions that ended without discarding."""
    now = now or time.time()
    base = root or upload_root()
    for folder in base.glob(FOLDER_PREFIX + "*"):
        try:
            info = folder.stat()
            mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
            if folder.is_dir() and mine and now - info.st_mtime > FOLDER_LIFETIME_S:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def keep(batches: dict[str, Batch], batch: Batch) -> None:
    """Remember `batch`; forget (and delete) the oldest beyond BATCHES_KEPT."""
    batches[batch.key] = batch
    for old in sorted(batches.values(), key=lambda b: b.created)[:-BATCHES_KEPT]:
        discard(batches.pop(old.key))


def forget_all(batches: dict[str, Batch]) -> None:
    for batch in list(batches.values()):
        discard(batch)
    batches.clear()


# --- the dry run and the load -------------------------------------------------------------
def check(engine: Engine, batch: Batch, user: Identity, commune: str | None = None) -> Batch:
    """The dry run: what the load would do, rejects with their cells; nothing written.
    `commune` is the commune of the batch's Decidim results files, when it holds some.
    Its reading is limited in cells and time (MAX_CELLS, CHECK_SECONDS)."""
    batch.commune = commune or None
    limits = ReadLimits(cells=MAX_CELLS, seconds=CHECK_SECONDS)
    batch.report, batch.error = _run(engine, batch, user, dry_run=True, limits=limits)
    return batch


def commune_choices(communes: pd.DataFrame, user: Identity) -> list[str]:
    """The names of the communes a user may load Decidim results into (the communes
    query's rows): an editor's own, every commune for an admin."""
    editable = user.editable_communes()
    return [
        name
        for commune_id, name in zip(communes["id"], communes["name"], strict=True)
        if editable is None or int(commune_id) in editable
    ]


def commit(
    engine: Engine,
    batch: Batch,
    user: Identity,
    progress: Callable[[str, int, int], None] | None = None,
) -> Batch:
    """The load itself, on the files the dry run was made from, in one transaction. The
    check measured them: the cells are limited as then, the time is not (writing takes
    longer than checking, and the editor asked for it)."""
    limits = ReadLimits(cells=MAX_CELLS)
    batch.result, batch.result_error = _run(
        engine, batch, user, dry_run=False, progress=progress, limits=limits
    )
    return batch


def _run(
    engine, batch, user, *, dry_run, progress=None, limits=None
) -> tuple[LoadReport | None, str | None]:
    options = {"progress": progress} if progress else {}
    try:
        report = run_load(
            engine,
            batch.paths,
            dry_run=dry_run,
            source="upload",
            actor=user.username,
            allowed_communes=user.editable_communes(),
            keep_cells=True,
            commune=batch.commune,
            names=dict(zip(batch.paths, batch.names, strict=True)),
            limits=limits,
            **options,
        )
    except CommuneNeeded as error:
        batch.needs_commune = True
        return None, str(error)
    except LoadError as error:
        return None, str(error)
    except Exception as error:  # a file no reader expected: say so, keep serving
        log.exception("upload failed", exc_info=error)
        return None, english("loader_unreadable", kind=type(error).__name__)
    return report, None


# progress(stage, done, total) from run_load: each stage fills its share of the bar.
STAGES = {
    "reading files": ("upload_stage_reading", 0.0, 0.4),
    "reading rows": ("upload_stage_reading", 0.0, 0.4),
    # Another load holds the database: the bar stays where reading left it.
    "waiting for another load": ("upload_stage_waiting", 0.4, 0.4),
    "checking rows": ("upload_stage_checking", 0.4, 0.55),
    "writing": ("upload_stage_writing", 0.55, 1.0),
}


def progress_step(stage: str, done: int, total: int) -> tuple[str, float | None]:
    """The vocabulary key of a stage and how full the bar is (None: unchanged, for a
    stage whose total is not known yet)."""
    key, start, end = STAGES.get(stage, ("upload_stage_writing", 0.55, 1.0))
    if total <= 0:
        return key, None
    return key, min(1.0, start + (end - start) * min(done, total) / total)


# --- the report as tables -----------------------------------------------------------------
def _outcome_columns(lang: str) -> dict[str, str]:
    return {o: t(f"upload_{o}", lang) for o in ("read", *OUTCOMES)}


def totals(report: LoadReport) -> dict[str, int]:
    """Rows per outcome over the whole load (and `read`)."""
    counts = dict.fromkeys(("read", *OUTCOMES), 0)
    for table in report.tables.values():
        for outcome in counts:
            counts[outcome] += table[outcome]
    return counts


def counts_by_table(report: LoadReport, lang: str) -> pd.DataFrame:
    names = _outcome_columns(lang)
    rows = [
        {t("data_status_table", lang): table_label(table, lang)}
        | {names[o]: counts[o] for o in names}
        for table, counts in report.as_dict()["tables"].items()
    ]
    return pd.DataFrame(rows, columns=[t("data_status_table", lang), *names.values()])


def counts_by_file(report: LoadReport, lang: str) -> pd.DataFrame:
    names = _outcome_columns(lang)
    head = [t(k, lang) for k in ("data_status_file", "data_status_sheet", "data_status_table")]
    rows = [
        dict(zip(head, (f, s, table_label(table, lang)), strict=True))
        | {names[o]: counts[o] for o in names}
        for (f, s, table), counts in report.files.items()
    ]
    return pd.DataFrame(rows, columns=[*head, *names.values()])


def files_frame(report: LoadReport, lang: str) -> pd.DataFrame:
    """Every file of the batch and what became of it: read, the proof of status updates,
    or skipped and why (the report's `sources`, `evidence` and `skipped`)."""
    head = [t("data_status_file", lang), t("upload_file_outcome", lang)]
    rows = [(name, t("upload_file_read", lang)) for name in report.sources]
    rows += [
        (e["file"], t("upload_file_evidence", lang).format(count=number(e["rows"], lang)))
        for e in report.evidence
    ]
    rows += [(s["file"], t(f"upload_skipped_{s['reason']}", lang)) for s in report.skipped]
    return pd.DataFrame(rows, columns=head)


# The fields that place a reject or a warning; Literal, so that each can be read by name.
_Place = Literal["file", "sheet", "row", "table", "column"]
_PLACE: tuple[_Place, ...] = ("file", "sheet", "row", "table", "column")


def _place_columns(lang: str) -> dict[str, str]:
    return {k: t(f"data_status_{k}", lang) for k in _PLACE}


def warnings_frame(report: LoadReport, lang: str) -> pd.DataFrame:
    place = _place_columns(lang)
    rows = [
        {place[k]: w[k] for k in _PLACE}
        | {
            place["row"]: w["row"] or None,
            place["table"]: table_label(w["table"], lang),
            t("data_status_message", lang): said(w["message"], lang),
        }
        for w in report.as_dict()["warnings"]
    ]
    return pd.DataFrame(rows, columns=[*place.values(), t("data_status_message", lang)])


def rejects_frame(report: LoadReport, lang: str) -> pd.DataFrame:
    """Every rejected row: where, why (in the reader's language), the value, the details."""
    place = _place_columns(lang)
    why = [t(k, lang) for k in ("data_status_reason", "data_status_value", "data_status_message")]
    rows = [
        {place[k]: r[k] for k in _PLACE}
        | {place["table"]: table_label(r["table"], lang)}
        | dict(
            zip(
                why,
                (reason_label(r["reason"], lang), r["value"], said(r["message"], lang)),
                strict=True,
            )
        )
        for r in report.as_dict()["rejects"]
    ]
    return pd.DataFrame(rows, columns=[*place.values(), *why])


# --- the rejects, to correct and upload again -------------------------------------------------
_EXPLAINED = ("file", "sheet", "row", "column", "reason", "message")


def explanation_headers(lang: str) -> list[str]:
    """The columns that say where and why, before the row's own cells; none of them is a
    header the loader knows, so a corrected file loads with them still in it."""
    return [t(f"upload_reject_{k}", lang) for k in _EXPLAINED]


def rejected_tables(report: LoadReport, lang: str) -> dict[str, pd.DataFrame]:
    """Per table with rejects: the rejected rows, each with where and why, then its cells
    under the contract's column names (as read, as far as the report kept them)."""
    by_table: dict[str, list[Reject]] = {}
    for reject in report.as_dict()["rejects"]:
        by_table.setdefault(reject["table"], []).append(reject)
    tables = {}
    for table, rejects in by_table.items():
        columns = [c.name for c in COLUMNS.get(table, ())]
        cells = [report.rejected_cells.get((r["file"], r["sheet"], r["row"]), {}) for r in rejects]
        for row in cells:
            columns.extend(c for c in row if c not in columns)
        head = explanation_headers(lang)
        rows = []
        for reject, row in zip(rejects, cells, strict=True):
            explained = (
                reject["file"],
                reject["sheet"],
                reject["row"],
                reject["column"],
                reason_label(reject["reason"], lang),
                said(reject["message"], lang),
            )
            rows.append(
                [*explained, *(_as_cell(row.get(c)) for c in columns)],
            )
        tables[table] = pd.DataFrame(rows, columns=[*head, *columns], dtype=object)
    return tables


def _as_cell(value: object) -> object:
    """A cell as it was read, as a spreadsheet cell again."""
    if isinstance(value, PercentCell):
        return f"{float(value) * 100:g}%"
    if isinstance(value, list):  # a list from Musharaka's JSON export
        return "; ".join(str(v) for v in value)
    return value


def rejects_xlsx(report: LoadReport, lang: str) -> bytes:
    """The rejected rows as a workbook, a sheet per table named for it, so that the
    corrected workbook loads again. Formula-like text is made inert."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for table, frame in rejected_tables(report, lang).items():
        sheet = workbook.create_sheet(table[:31])
        sheet.append([exports.neutralise(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_xlsx_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_cell(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | dt.date):
        return value
    text = str(value)
    if len(text) > MAX_CELL_CHARS:  # what a spreadsheet cell holds; the row says why
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return exports.neutralise(text)


def rejects_csv(report: LoadReport, table: str, lang: str) -> bytes:
    """One table's rejected rows as CSV (UTF-8 with BOM), formula-like text made inert."""
    frame = rejected_tables(report, lang).get(table)
    return exports.csv_bytes(frame if frame is not None else pd.DataFrame())


def rejects_csv_name(table: str) -> str:
    return f"musharaka-rejects-{table}.csv"
