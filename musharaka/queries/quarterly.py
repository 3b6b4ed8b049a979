"""The governor's quarterly report's query: for each commune of a region or a province,
how many of its recommendations moved during a quarter (an entry of their history dated in
it) and how many were completed in it. Entries that a correction replaced do not count."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, Select, and_, case, cast, exists, func, select
from sqlalchemy.orm import aliased

from musharaka.models import Commune, Recommendation, StatusUpdate


def movement(scope: str, key: str, start: dt.date, end: dt.date) -> Select:
    """(commune_id, updated, completed) of the communes of the scope ("region" or
    "province" with its key) that had an entry dated from `start` to `end`: `updated`
    recommendations with at least one entry, `completed` those with a "completed" one."""
    u, r = StatusUpdate, Recommendation
    correction = aliased(StatusUpdate)
    place = select(Commune.id).where(
        (Commune.region_key if scope == "region" else Commune.province_key) == key
    )
    completed = case((u.status == "completed", u.recommendation_id), else_=None)
    return (
        select(
            r.commune_id,
            cast(func.count(u.recommendation_id.distinct()), Integer).label("updated"),
            cast(func.count(completed.distinct()), Integer).label("completed"),
        )
        .join(r, r.id == u.recommendation_id)
        .where(
            and_(u.date >= start, u.date <= end),
            r.commune_id.in_(place),
            ~exists().where(correction.corrects_id == u.id),
        )
        .group_by(r.commune_id)
    )
