"""Why things stall: the current reasons of the recommendations that did not move
(stalled, cancelled or overdue), counted in SQL by reason and domain, and by reason
across communes. A recommendation without a reason counts under no reason (None).

Both are counted per reason and commune first, in the order of the index that covers
them (musharaka.page_indexes): neither engine then reads the table, nor sorts the half
of the country's recommendations that did not move."""

from __future__ import annotations

from sqlalchemy import Integer, Select, cast, func, or_, select

from musharaka import vocabulary as vocab
from musharaka.models import Recommendation, may_be_asked_a_reason
from musharaka.queries.filters import RecommendationFilter, counted, overdue_clause


def did_not_move(f: RecommendationFilter):
    """The recommendations a reason is asked of: stalled, cancelled or overdue."""
    return or_(
        Recommendation.current_status.in_(vocab.STALL_REASON_STATUSES),
        overdue_clause(f.as_of()),
    )


def _per_commune(f: RecommendationFilter, *columns):
    """Those that did not move, per reason, commune and `columns` (column: count)."""
    r = Recommendation
    keys = (r.current_stall_reason.label("reason"), r.commune_id.label("commune_id"), *columns)
    # may_be_asked_a_reason: implied by did_not_move, said so that the index is used.
    query = (
        select(*keys, func.count().label("count"))
        .where(did_not_move(f), may_be_asked_a_reason())
        .group_by(*keys)
    )
    return counted(query, f).subquery()


def reason_domain_counts(f: RecommendationFilter) -> Select:
    """Recommendations that did not move, per current reason and domain
    (columns: reason, domain, count)."""
    counts = _per_commune(f, Recommendation.domain.label("domain"))
    return select(
        counts.c.reason, counts.c.domain, cast(func.sum(counts.c["count"]), Integer).label("count")
    ).group_by(counts.c.reason, counts.c.domain)


def reason_commune_counts(f: RecommendationFilter) -> Select:
    """Per current reason: the recommendations that did not move and in how many communes
    (columns: reason, count, communes): the reasons across the country."""
    counts = _per_commune(f)
    return select(
        counts.c.reason,
        cast(func.sum(counts.c["count"]), Integer).label("count"),
        func.count().label("communes"),
    ).group_by(counts.c.reason)
