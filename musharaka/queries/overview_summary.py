"""The national overview's counts read from the communes' summaries (commune_status_counts,
rewritten by every load, form and field report decision: etl.scores) when the reader's
filter keeps every recommendation (filters.keeps_everything): sums over a few thousand
rows instead of reads of a million index entries each. What moves with the day, overdue,
is counted per commune and status from the index of the open top-level recommendations
(musharaka.score_tables.OPEN_COVER), in its order; only those past their target date
count, whatever their number.

Like the summaries, every count is of top-level recommendations: a recommendation with
parts counts once, its parts not at all. The columns are those of the same queries
counted from the recommendations (musharaka.queries.overview)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, Select, cast, func, select

from musharaka.models import CommuneStatusCount, Recommendation, open_top_level


def _summed(column, name: str):
    # Sums of counts come back as numeric on PostgreSQL: cast, so both engines agree.
    return cast(func.sum(column), Integer).label(name)


def overdue_per_commune(today: dt.date):
    """Per commune and open status: how many are past their target date on `today`
    (columns: commune_id, status, overdue). A subquery."""
    r = Recommendation
    return (
        select(
            r.commune_id.label("commune_id"),
            r.current_status.label("status"),
            func.count().label("overdue"),
        )
        .where(open_top_level(), r.target_date < today)
        .group_by(r.commune_id, r.current_status)
        .subquery()
    )


def status_counts(today: dt.date) -> Select:
    """Per current status: count, overdue (on `today`) and budget, for the country."""
    s = CommuneStatusCount
    counts = (
        select(
            s.status.label("status"),
            _summed(s.recommendations, "count"),
            func.sum(s.budget_mad).label("budget_mad"),
        )
        .group_by(s.status)
        .subquery()
    )
    per_commune = overdue_per_commune(today)
    overdue = (
        select(per_commune.c.status, _summed(per_commune.c.overdue, "overdue"))
        .group_by(per_commune.c.status)
        .subquery()
    )
    return select(
        counts.c.status,
        counts.c["count"],
        func.coalesce(overdue.c.overdue, 0).label("overdue"),
        func.coalesce(counts.c.budget_mad, 0).label("budget_mad"),
    ).outerjoin(overdue, overdue.c.status == counts.c.status)


def domain_status_counts() -> Select:
    """Per domain and current status: count, for the country."""
    s = CommuneStatusCount
    return select(
        s.domain.label("domain"), s.status.label("status"), _summed(s.recommendations, "count")
    ).group_by(s.domain, s.status)


def per_commune_status(today: dt.date):
    """Per commune and status: recommendations, those past their target date (overdue
    when the status is open; none counted for a closed one) and budget (columns:
    commune_id, status, recommendations, past_target, budget_mad). A subquery, what
    overview.rollup sums per region, province or commune."""
    s = CommuneStatusCount
    counts = (
        select(
            s.commune_id.label("commune_id"),
            s.status.label("status"),
            _summed(s.recommendations, "recommendations"),
            func.sum(s.budget_mad).label("budget_mad"),
        )
        .group_by(s.commune_id, s.status)
        .subquery()
    )
    overdue = overdue_per_commune(today)
    return (
        select(
            counts.c.commune_id,
            counts.c.status,
            counts.c.recommendations,
            func.coalesce(overdue.c.overdue, 0).label("past_target"),
            counts.c.budget_mad,
        )
        .outerjoin(
            overdue,
            (overdue.c.commune_id == counts.c.commune_id) & (overdue.c.status == counts.c.status),
        )
        .subquery()
    )
