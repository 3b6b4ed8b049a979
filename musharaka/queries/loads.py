"""The data status page's queries: the recent loads, how many rows each table holds, and
the rows the latest loads rejected (where, which column, why).

A rejected row is kept as it was read, personal data included, so the loads and rejects
are asked for a reader's communes: `communes` None is every load (an admin); a tuple of
commune ids is the loads whose loaded rows all lie in those communes (an editor). A load
with no commune recorded (every row rejected, or loaded before communes were recorded)
is an admin's only."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, func, select, true

from musharaka.models import (
    Association,
    Commune,
    LoadReject,
    LoadRun,
    Meeting,
    Recommendation,
    StatusUpdate,
    load_run_communes,
)
from musharaka.queries.row_counts import rows_of

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


def visible_runs(communes: tuple[int, ...] | None) -> ColumnElement[bool]:
    """The loads a reader of these communes may see (None: all of them)."""
    if communes is None:
        return true()
    link = load_run_communes.c
    theirs = select(link.load_run_id).where(link.commune_id.in_(communes))
    elsewhere = select(link.load_run_id).where(link.commune_id.not_in(communes))
    return and_(LoadRun.id.in_(theirs), LoadRun.id.not_in(elsewhere))


def recent_runs(limit: int = 50, communes: tuple[int, ...] | None = None) -> Select:
    """The latest loads a reader of `communes` may see, newest first: when, from where,
    which files, rows read and rejected (not the whole report, which can be large)."""
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
        .where(visible_runs(communes))
        .order_by(LoadRun.id.desc())
        .limit(limit)
    )


def table_counts() -> Select:
    """One row: how many rows each data table holds now, one column per table."""
    return select(*(rows_of(name, model).label(name) for name, model in COUNTED_TABLES.items()))


def _scope(
    query: Select, load_id: int | None, latest: int, communes: tuple[int, ...] | None
) -> Select:
    """Rejects of one load, or of the `latest` loads when none is chosen, among the loads
    a reader of `communes` may see."""
    visible = select(LoadRun.id).where(visible_runs(communes))
    if load_id is not None:
        visible = visible.where(LoadRun.id == load_id)
    else:
        visible = visible.order_by(LoadRun.id.desc()).limit(latest)
    query = query.where(LoadReject.load_run_id.in_(visible.scalar_subquery()))
    if communes is not None:
        # A load of the reader's communes may still have rejected a row of another one
        # (or one whose commune its cells do not tell): that row is an admin's only.
        query = query.where(LoadReject.commune_id.in_(communes))
    return query


def reject_reasons(
    load_id: int | None = None,
    latest: int = LATEST_LOADS,
    communes: tuple[int, ...] | None = None,
) -> Select:
    """How many rows were rejected for each reason."""
    query = (
        select(LoadReject.reason, func.count().label("count"))
        .group_by(LoadReject.reason)
        .order_by(func.count().desc(), LoadReject.reason)
    )
    return _scope(query, load_id, latest, communes)


def rejects(
    load_id: int | None = None,
    latest: int = LATEST_LOADS,
    limit: int = REJECTS_SHOWN,
    communes: tuple[int, ...] | None = None,
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
    return _scope(query, load_id, latest, communes)
