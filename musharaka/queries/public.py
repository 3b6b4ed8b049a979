"""The public display's queries. They select only public columns: counts, titles, domains,
dates and commune names, never an association's phone or e-mail, a status update's note or
the name of who reported it. Aggregation happens in SQL."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from musharaka.models import Commune, LoadRun, Recommendation
from musharaka.queries import overview
from musharaka.queries.filters import RecommendationFilter, chosen_first, counted, filtered, narrow


def status_counts(f: RecommendationFilter) -> Select:
    """Recommendations per current status with how many are overdue (the overview's query:
    counts and budget only)."""
    return overview.status_counts(f)


def commune_names() -> Select:
    """Every commune's id and names (as first written, in Arabic, in French)."""
    return select(Commune.id, Commune.name, Commune.name_ar, Commune.name_fr).order_by(Commune.name)


def domain_counts(f: RecommendationFilter) -> Select:
    """Recommendations per domain: the domains the display rotates through."""
    query = select(Recommendation.domain.label("domain"), func.count().label("count")).group_by(
        Recommendation.domain
    )
    return counted(query, f)


def latest_completions(f: RecommendationFilter, limit: int = 6) -> Select:
    """Recommendations completed now, the most recently completed first: the date of their
    latest update, their title, domain and commune. For a commune, its completed
    recommendations are chosen first (filters.chosen_first)."""
    completed = Recommendation.current_status == "completed"
    query = select(
        Recommendation.current_status_date.label("date"),
        Recommendation.title,
        Recommendation.domain,
        Commune.name.label("commune"),
    )
    if narrow(f):
        chosen = chosen_first(f, completed)
        query = query.join(chosen, chosen.c.id == Recommendation.id)
    query = (
        query.join(Commune, Commune.id == Recommendation.commune_id)
        .where(completed)
        .order_by(Recommendation.current_status_date.desc(), Recommendation.id.desc())
        .limit(limit)
    )
    return filtered(query, f)


def last_load_time() -> Select:
    """When data was last loaded; the display needs nothing else about loads."""
    return select(func.max(LoadRun.finished_at).label("finished_at"))
