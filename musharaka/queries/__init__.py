"""Read-only queries, one module per subject; `filters` holds what they share.

from musharaka.queries import overview
overview.status_counts(RecommendationFilter(commune_ids=(3,)))
"""

from musharaka.queries.filters import RecommendationFilter, filtered, overdue_clause, read_frame
from musharaka.queries.overview import (
    ROLLUP_LEVELS,
    communes,
    completion_by_meeting,
    completion_by_year,
    domain_status_counts,
    last_load,
    latest_updates,
    rollup,
    status_counts,
)

__all__ = [
    "ROLLUP_LEVELS",
    "RecommendationFilter",
    "communes",
    "completion_by_meeting",
    "completion_by_year",
    "domain_status_counts",
    "filtered",
    "last_load",
    "latest_updates",
    "overdue_clause",
    "read_frame",
    "rollup",
    "status_counts",
]
