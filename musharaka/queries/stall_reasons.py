"""Why things stall: the current reasons of the recommendations that did not move
(stalled, cancelled or overdue), counted in SQL by reason and domain, and by reason
across communes. A recommendation without a reason counts under no reason (None)."""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select

from musharaka import vocabulary as vocab
from musharaka.models import Recommendation
from musharaka.queries.filters import RecommendationFilter, filtered, overdue_clause


def did_not_move(f: RecommendationFilter):
    """The recommendations a reason is asked of: stalled, cancelled or overdue."""
    return or_(
        Recommendation.current_status.in_(vocab.STALL_REASON_STATUSES),
        overdue_clause(f.as_of()),
    )


def reason_domain_counts(f: RecommendationFilter) -> Select:
    """Recommendations that did not move, per current reason and domain
    (columns: reason, domain, count)."""
    query = (
        select(
            Recommendation.current_stall_reason.label("reason"),
            Recommendation.domain.label("domain"),
            func.count().label("count"),
        )
        .where(did_not_move(f))
        .group_by(Recommendation.current_stall_reason, Recommendation.domain)
    )
    return filtered(query, f)


def reason_commune_counts(f: RecommendationFilter) -> Select:
    """Per current reason: the recommendations that did not move and in how many communes
    (columns: reason, count, communes): the reasons across the country."""
    query = (
        select(
            Recommendation.current_stall_reason.label("reason"),
            func.count().label("count"),
            func.count(func.distinct(Recommendation.commune_id)).label("communes"),
        )
        .where(did_not_move(f))
        .group_by(Recommendation.current_stall_reason)
    )
    return filtered(query, f)
