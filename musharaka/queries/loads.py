"""The data status page's queries: the recent loads, how many rows each table holds, and
the rows the latest loads rejected (where, which column, why)."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from musharaka.models import (
    Association,
    Commune,
    LoadReject,
    LoadRun,
    Meeting,
    Recommendation,
    StatusUpdate,
)

# "The latest loads" whose rejects are shown when the reader has not chosen one.
LATEST_LOADS = 5
# The most rejected rows listed at once; the counts by reason cover them all.
REJECTS_SHOWN = 1000
COUNTED_TABLES = {
    "communes": Commune,
    "associations": Association,
    "meetings": Meeting,
    "recommendations": Recommendation,
    "status_updates": StatusUpdate,
}


def recent_runs(limit: int = 50) -> Select:
    """The latest loads, newest first: when, from where, which files, rows read and
    rejected (not the whole report, which can be large)."""
    return (
        select(
            LoadRun.id,
            LoadRun.started_at,
            LoadRun.finished_at,
            LoadRun.source,
            LoadRun.files,
            LoadRun.rows_read,
            LoadRun.rows_rejected,
        )
        .order_by(LoadRun.id.desc())
        .limit(limit)
    )


def table_counts() -> Select:
    """One row: how many rows each data table holds now, one column per table."""
    return select(
        *(
            select(func.count()).select_from(model).scalar_subquery().label(name)
            for name, model in COUNTED_TABLES.items()
        )
    )


def _scope(query: Select, load_id: int | None, latest: int) -> Select:
    """Rejects of one load, or of the `latest` loads when none is chosen."""
    if load_id is not None:
        return query.where(LoadReject.load_run_id == load_id)
    recent = select(LoadRun.id).order_by(LoadRun.id.desc()).limit(latest)
    return query.where(LoadReject.load_run_id.in_(recent.scalar_subquery()))


def reject_reasons(load_id: int | None = None, latest: int = LATEST_LOADS) -> Select:
    """How many rows were rejected for each reason."""
    query = (
        select(LoadReject.reason, func.count().label("count"))
        .group_by(LoadReject.reason)
        .order_by(func.count().desc(), LoadReject.reason)
    )
    return _scope(query, load_id, latest)


def rejects(
    load_id: int | None = None, latest: int = LATEST_LOADS, limit: int = REJECTS_SHOWN
) -> Select:
    """The rejected rows, newest load first, then in the order of their files."""
    query = (
        select(
            LoadReject.load_run_id,
            LoadRun.finished_at,
            LoadReject.file,
            LoadReject.sheet,
            LoadReject.row,
            LoadReject.table_name,
            LoadReject.column_name,
            LoadReject.reason,
            LoadReject.value,
            LoadReject.message,
        )
        .join(LoadRun, LoadRun.id == LoadReject.load_run_id)
        .order_by(LoadReject.load_run_id.desc(), LoadReject.file, LoadReject.sheet, LoadReject.row)
        .limit(limit)
    )
    return _scope(query, load_id, latest)
