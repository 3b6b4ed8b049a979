"""The action programme's queries (PAC, organic law 113-14 art. 78): how many of the
chosen recommendations were taken into their commune's programme, by partner institution.
Aggregation happens in SQL."""

from __future__ import annotations

from sqlalchemy import Select, case, func, select

from musharaka.models import Recommendation
from musharaka.queries.filters import RecommendationFilter, filtered, in_programme_clause


def by_institution(f: RecommendationFilter) -> Select:
    """Per partner institution (None: none named): the recommendations, those taken into
    the action programme and those completed."""
    institution = Recommendation.partner_institution
    query = select(
        institution.label("institution"),
        func.count().label("count"),
        func.sum(case((in_programme_clause(), 1), else_=0)).label("in_programme"),
        func.sum(case((Recommendation.current_status == "completed", 1), else_=0)).label(
            "completed"
        ),
    ).group_by(institution)
    return filtered(query, f)
