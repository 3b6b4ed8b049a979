"""The open-data page's queries: how many rows each table of the export holds, and the
version of the data (the newest audit entry: every load, form and review writes one), which
tells when a file built earlier is stale; and, for the static site's open data, the same
counts and the date of the newest change by commune."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from musharaka.models import (
    Association,
    AuditEntry,
    Commune,
    Meeting,
    Recommendation,
    StatusUpdate,
)
from musharaka.queries.row_counts import rows_of

# The export's tables in its order (etl.export.TABLES).
TABLES = ("associations", "meetings", "recommendations", "status_updates")


def table_counts() -> Select:
    """One row: how many rows each table of the export holds, one column per table."""
    return select(
        *(
            rows_of(name, model).label(name)
            for name, model in (
                ("associations", Association),
                ("meetings", Meeting),
                ("recommendations", Recommendation),
                ("status_updates", StatusUpdate),
            )
        ),
    )


def data_version() -> Select:
    """One row, one column `version`: the newest audit entry's id (0 on a new database)."""
    return select(func.coalesce(func.max(AuditEntry.id), 0).label("version"))


def commune_rows() -> Select:
    """One row per commune holding data (a meeting or an association): its id, names,
    official code, province and region keys, and its rows in each table of the export,
    for the static site's catalog of per-commune files. Counted in SQL, by commune."""
    rows = func.count().label("count")
    counted = {
        "associations": select(Association.commune_id.label("commune_id"), rows),
        "meetings": select(Meeting.commune_id.label("commune_id"), rows),
        "recommendations": select(Recommendation.commune_id.label("commune_id"), rows),
        "status_updates": select(Recommendation.commune_id.label("commune_id"), rows).join(
            StatusUpdate, StatusUpdate.recommendation_id == Recommendation.id
        ),
    }
    counts = {
        name: query.group_by(query.selected_columns[0]).subquery(name)
        for name, query in counted.items()
    }
    columns = [func.coalesce(subquery.c.count, 0).label(name) for name, subquery in counts.items()]
    query = select(
        Commune.id,
        Commune.name,
        Commune.name_ar,
        Commune.name_fr,
        Commune.code,
        Commune.province,
        Commune.province_key,
        Commune.region_key,
        *columns,
    )
    for subquery in counts.values():
        query = query.outerjoin(subquery, subquery.c.commune_id == Commune.id)
    has_data = (counts["meetings"].c.count > 0) | (counts["associations"].c.count > 0)
    return query.where(has_data).order_by(Commune.id)


def commune_updated() -> tuple[Select, ...]:
    """When each commune's data last changed, as three queries of (commune_id, newest):
    its meetings' and recommendations' last edit, its status updates' last entry. The
    newest of the three dates its files; data alone decides it, never the clock."""
    return (
        select(Meeting.commune_id, func.max(Meeting.updated_at).label("newest")).group_by(
            Meeting.commune_id
        ),
        select(
            Recommendation.commune_id, func.max(Recommendation.updated_at).label("newest")
        ).group_by(Recommendation.commune_id),
        select(Recommendation.commune_id, func.max(StatusUpdate.created_at).label("newest"))
        .join(StatusUpdate, StatusUpdate.recommendation_id == Recommendation.id)
        .group_by(Recommendation.commune_id),
    )
