"""The scorecards' query: one row per commune of the country, a region or a province,
with every figure of musharaka.scorecards computed in SQL from the communes' summary rows
(commune_scores) and, for what moves with the day, from the index of the open top-level
recommendations (musharaka.score_tables.OPEN_COVER). Like the summary, it counts
top-level recommendations only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, Integer, Select, case, cast, func, literal, select

from musharaka.models import Commune, CommuneScore, Recommendation, open_top_level
from musharaka.scorecards import recent_since

SCOPES = ("country", "region", "province")


def _share(part, whole):
    """part / whole as a real number; NULL where whole is 0."""
    return cast(part, Float) / func.nullif(whole, 0)


def scorecard(scope: str, key: str, today: dt.date) -> Select:
    """The communes of the scope ("country"; "region" or "province" with its key), each
    with its counts and figures as of `today`, ordered by name."""
    r = Recommendation
    # Only the open top-level recommendations are read (overdue and updated lately are
    # open ones): the rows of their own index, about half the country's.
    of_day = (
        select(
            r.commune_id.label("commune_id"),
            # Open already, so overdue is only past its target date (filters.overdue_clause).
            func.sum(case((r.target_date < today, 1), else_=0)).label("overdue"),
            func.count().label("open"),
            func.sum(case((r.current_status_date >= recent_since(today), 1), else_=0)).label(
                "updated"
            ),
        )
        .where(open_top_level())
        .group_by(r.commune_id)
    )
    place = select(Commune.id)
    if scope == "region":
        place = place.where(Commune.region_key == key)
    elif scope == "province":
        place = place.where(Commune.province_key == key)
    of_day = of_day.where(r.commune_id.in_(place)).subquery()
    s = CommuneScore
    owed = s.recommendations - s.cancelled
    # Sums come back as numeric on PostgreSQL: cast, so both engines agree.
    overdue = cast(func.coalesce(of_day.c.overdue, 0), Integer)
    open_count = cast(func.coalesce(of_day.c.open, 0), Integer)
    updated = cast(func.coalesce(of_day.c.updated, 0), Integer)
    years = literal(today.year) - s.first_meeting_year + 1
    query = (
        select(
            Commune.id.label("commune_id"),
            Commune.name.label("commune"),
            Commune.name_ar,
            Commune.name_fr,
            Commune.region_key.label("region"),
            Commune.province_key.label("province"),
            s.recommendations,
            s.completed,
            s.partially_completed,
            s.cancelled,
            overdue.label("overdue"),
            open_count.label("open"),
            updated.label("updated"),
            s.meetings,
            s.field_reports_answered,
            _share(s.completed, owed).label("completion_rate"),
            _share(s.partially_completed, owed).label("partial_rate"),
            _share(overdue, owed).label("overdue_share"),
            s.days_to_completion,
            _share(updated, open_count).label("updated_share"),
            s.answer_days,
            # A first meeting dated after this year counts as this year's.
            (cast(s.meetings, Float) / func.nullif(case((years < 1, 1), else_=years), 0)).label(
                "meetings_per_year"
            ),
        )
        .join(s, s.commune_id == Commune.id)
        .outerjoin(of_day, of_day.c.commune_id == Commune.id)
        .order_by(Commune.name, Commune.id)
    )
    if scope == "region":
        query = query.where(Commune.region_key == key)
    elif scope == "province":
        query = query.where(Commune.province_key == key)
    return query
