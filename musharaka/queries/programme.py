"""The action programme's queries (PAC, organic law 113-14 art. 78): how many of the
chosen recommendations were taken into their commune's programme, by partner institution.
Aggregation happens in SQL."""

from __future__ import annotations

from sqlalchemy import Integer, Select, case, cast, func, select

from musharaka.models import Recommendation
from musharaka.queries import overview_summary
from musharaka.queries.filters import RecommendationFilter, counted, keeps_everything


def by_institution(f: RecommendationFilter) -> Select:
    """Per partner institution (None: none named): the recommendations, those taken into
    the action programme and those completed.

    Counted per institution and status first, from the index that holds both and the
    programme's line (ix_recommendations_institution_cover), then summed: for the whole
    country neither engine reads the table, and no condition is tested row by row; nor
    even that index, since the communes' summaries hold these counts (overview_summary)."""
    if keeps_everything(f):
        return overview_summary.by_institution()
    r = Recommendation
    counts = counted(
        select(
            r.partner_institution.label("institution"),
            r.current_status.label("status"),
            func.count().label("count"),
            # Those naming their line in the programme (filters.in_programme_clause).
            func.count(r.pac_ref).label("in_programme"),
        ).group_by(r.partner_institution, r.current_status),
        f,
    ).subquery()
    completed = case((counts.c.status == "completed", counts.c["count"]), else_=0)
    return select(
        counts.c.institution,
        cast(func.sum(counts.c["count"]), Integer).label("count"),
        cast(func.sum(counts.c.in_programme), Integer).label("in_programme"),
        cast(func.sum(completed), Integer).label("completed"),
    ).group_by(counts.c.institution)
