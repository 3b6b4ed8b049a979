"""The map's queries: where each recommendation the page's filter keeps is (its own
coordinates, else those of the douar of its commune's list that its location names),
and, across the country, one point per commune (where its douars are, on average) with
its recommendations counted by status. Aggregation happens in SQL."""

from __future__ import annotations

from sqlalchemy import Select, and_, case, func, or_, select

from musharaka.models import Commune, CommuneScore, Douar, Recommendation
from musharaka.queries.filters import RecommendationFilter, counted, filtered, keeps_everything

# The most points one commune's map draws (a commune has a few thousand at most).
POINT_LIMIT = 20_000


def _douar_join():
    return and_(
        Douar.commune_id == Recommendation.commune_id,
        or_(Douar.key == Recommendation.place_key, Douar.key_other == Recommendation.place_key),
    )


def recommendation_points(f: RecommendationFilter, limit: int = POINT_LIMIT) -> Select:
    """The placed recommendations the filter keeps: code, title, status, location, where
    (latitude, longitude) and how it is placed (`own` coordinates, or its `douar`'s)."""
    latitude = func.coalesce(Recommendation.latitude, Douar.latitude)
    longitude = func.coalesce(Recommendation.longitude, Douar.longitude)
    placed_by = case((Recommendation.latitude.is_not(None), "own"), else_="douar")
    query = (
        select(
            Recommendation.code.label("code"),
            Recommendation.title.label("title"),
            Recommendation.current_status.label("status"),
            Recommendation.location.label("location"),
            latitude.label("latitude"),
            longitude.label("longitude"),
            placed_by.label("placed_by"),
        )
        .outerjoin(Douar, _douar_join())
        .where(latitude.is_not(None))
        .order_by(Recommendation.code)
        .limit(limit)
    )
    return filtered(query, f)


def unplaced_count(f: RecommendationFilter) -> Select:
    """How many recommendations the filter keeps have no place (neither their own nor a
    known douar's): the map says so under it."""
    query = (
        select(func.count())
        .select_from(Recommendation)
        .outerjoin(Douar, _douar_join())
        .where(Recommendation.latitude.is_(None), Douar.id.is_(None))
    )
    return filtered(query, f)


def commune_points(f: RecommendationFilter) -> Select:
    """One row per commune with a douar list and recommendations the filter keeps: its
    names, where (its douars' mean), how many recommendations, and how many completed."""
    centres = (
        select(
            Douar.commune_id.label("commune_id"),
            func.avg(Douar.latitude).label("latitude"),
            func.avg(Douar.longitude).label("longitude"),
        )
        .group_by(Douar.commune_id)
        .subquery()
    )
    counts = _commune_counts(f)
    return (
        select(
            Commune.id.label("commune_id"),
            Commune.name.label("name"),
            Commune.name_ar.label("name_ar"),
            Commune.name_fr.label("name_fr"),
            centres.c.latitude,
            centres.c.longitude,
            counts.c.count,
            counts.c.completed,
        )
        .join(centres, centres.c.commune_id == Commune.id)
        .join(counts, counts.c.commune_id == Commune.id)
        .order_by(Commune.id)
    )


def _commune_counts(f: RecommendationFilter):
    """Per commune with recommendations the filter keeps: how many, how many completed.
    All of them are the communes' summary, which every load and form keeps (a scan of
    the country's recommendations otherwise: 0.09 s on SQLite, for 1,503 rows)."""
    if keeps_everything(f):
        s = CommuneScore
        return (
            select(s.commune_id, s.recommendations.label("count"), s.completed)
            .where(s.recommendations > 0)
            .subquery()
        )
    return counted(
        select(
            Recommendation.commune_id.label("commune_id"),
            func.count().label("count"),
            func.sum(case((Recommendation.current_status == "completed", 1), else_=0)).label(
                "completed"
            ),
        ).group_by(Recommendation.commune_id),
        f,
    ).subquery()
