"""The open-data page's queries: how many rows each table of the export holds, and the
version of the data (the newest audit entry: every load, form and review writes one), which
tells when a file built earlier is stale."""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select

from musharaka.models import Association, AuditEntry, Meeting, Recommendation, StatusUpdate

# The export's tables in its order (etl.export.TABLES).
TABLES = ("associations", "meetings", "recommendations", "status_updates")


def exported_associations():
    """The associations the export lists as rows: those it knows more of than a name (the
    others appear only in the meetings' and recommendations' lists)."""
    return or_(
        Association.commune_id.is_not(None),
        func.coalesce(Association.domain, "") != "",
        func.coalesce(Association.location, "") != "",
    )


def table_counts() -> Select:
    """One row: how many rows each table of the export holds, one column per table."""
    return select(
        select(func.count())
        .select_from(Association)
        .where(exported_associations())
        .scalar_subquery()
        .label("associations"),
        *(
            select(func.count()).select_from(model).scalar_subquery().label(name)
            for name, model in (
                ("meetings", Meeting),
                ("recommendations", Recommendation),
                ("status_updates", StatusUpdate),
            )
        ),
    )


def data_version() -> Select:
    """One row, one column `version`: the newest audit entry's id (0 on a new database)."""
    return select(func.coalesce(func.max(AuditEntry.id), 0).label("version"))
