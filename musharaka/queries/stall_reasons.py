"""Why things stall: the current reasons of the recommendations that did not move
(stalled, cancelled or overdue), counted in SQL by reason and domain, and by reason
across communes. A recommendation without a reason counts under no reason (None).

Both are counted per reason and commune first, in the order of the index that covers
them (musharaka.page_indexes): neither engine then reads the table, nor sorts the half
of the country's recommendations that did not move."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, Select, cast, func, or_, select, union_all

from musharaka import vocabulary as vocab
from musharaka.models import CommuneReasonCount, Recommendation, may_be_asked_a_reason
from musharaka.queries.filters import (
    RecommendationFilter,
    counted,
    keeps_everything,
    overdue_clause,
)
from musharaka.queries.overview_summary import since_counted
from musharaka.score_tables import NO_REASON, status_not_in


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


def _summed(today: dt.date, stored_key, counted_key):
    """For the whole country, from the communes' summaries: those that did not move on
    `today`, per reason and key (the summary's column `stored_key`, the same as the
    recommendations' `counted_key`: domain or commune), where any did (columns: reason,
    the key's name, count). A subquery.

    Each sum is read in the order of a summary's index (by reason, then the key), the
    correction for the day apart (overview_summary.since_counted): a sum over the
    communes' rows grouped in another order sorted 98,000 of them."""
    k, r = CommuneReasonCount, Recommendation
    name = stored_key.key
    stored = select(
        k.reason.label("reason"),
        stored_key.label(name),
        (func.sum(k.stuck) + func.sum(k.past_target)).label("count"),
    ).group_by(k.reason, stored_key)
    # Stalled ones are counted whatever their date: only the others move with the day.
    reason = func.coalesce(r.current_stall_reason, NO_REASON).label("reason")
    moved = (
        since_counted(today, reason, counted_key.label(name))
        .where(status_not_in(vocab.STALL_REASON_STATUSES))
        .group_by(reason, counted_key)
    )
    both = union_all(stored, moved).subquery()
    total = cast(func.sum(both.c["count"]), Integer)
    return (
        select(
            func.nullif(both.c.reason, NO_REASON).label("reason"),
            both.c[name],
            total.label("count"),
        )
        .group_by(both.c.reason, both.c[name])
        .having(total > 0)
        .subquery()
    )


def reason_domain_counts(f: RecommendationFilter) -> Select:
    """Recommendations that did not move, per current reason and domain
    (columns: reason, domain, count). For the whole country, the communes' summaries."""
    if keeps_everything(f):
        summed = _summed(f.as_of(), CommuneReasonCount.domain, Recommendation.domain)
        return select(summed.c.reason, summed.c.domain, summed.c["count"])
    counts = _per_commune(f, Recommendation.domain.label("domain"))
    return select(
        counts.c.reason, counts.c.domain, cast(func.sum(counts.c["count"]), Integer).label("count")
    ).group_by(counts.c.reason, counts.c.domain)


def reason_commune_counts(f: RecommendationFilter) -> Select:
    """Per current reason: the recommendations that did not move and in how many communes
    (columns: reason, count, communes): the reasons across the country. For the whole
    country, the communes' summaries."""
    if keeps_everything(f):
        counts = _summed(f.as_of(), CommuneReasonCount.commune_id, Recommendation.commune_id)
    else:
        counts = _per_commune(f)
    return select(
        counts.c.reason,
        cast(func.sum(counts.c["count"]), Integer).label("count"),
        func.count().label("communes"),
    ).group_by(counts.c.reason)
