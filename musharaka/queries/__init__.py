"""Read-only queries, one module per subject; `filters` holds what they share.

Every subject module is imported here, so a page names a query by reference:
page.query(queries.recommendations.listing, RecommendationFilter(commune_ids=(3,)), ...)
"""

from musharaka.queries import (
    associations,
    audit,
    changes,
    council_report,
    editing,
    evidence,
    field_reports,
    loads,
    meetings,
    open_data,
    places,
    programme,
    public,
    recommendations,
    scorecards,
    stall_reasons,
)
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
    "associations",
    "audit",
    "changes",
    "communes",
    "completion_by_meeting",
    "completion_by_year",
    "council_report",
    "domain_status_counts",
    "editing",
    "evidence",
    "field_reports",
    "filtered",
    "last_load",
    "latest_updates",
    "loads",
    "meetings",
    "open_data",
    "overdue_clause",
    "overview",
    "places",
    "programme",
    "public",
    "read_frame",
    "recommendations",
    "rollup",
    "scorecards",
    "stall_reasons",
    "status_counts",
]
