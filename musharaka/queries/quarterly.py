"""The governor's quarterly report's query: for each commune of a region or a province,
how many of its recommendations moved during a quarter (an entry of their history dated in
it) and how many were completed in it. Entries that a correction replaced do not count.

A recommendation is counted as the other figures count it (filters.top_level): one with
parts moved when it or any part below it has an entry in the quarter (its parts' work is
in their histories, not in its own), and was completed when its own history says so."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, Select, and_, case, cast, exists, func, select
from sqlalchemy.orm import aliased

from musharaka.models import Commune, Recommendation, StatusUpdate
from musharaka.queries.filters import top_level


def _roots(place):
    """(id, root_id) of every recommendation of the communes `place` selects, with the
    top-level recommendation it is counted in: itself, or the one its parents lead to."""
    r = Recommendation
    top = (
        select(r.id.label("id"), r.code.label("code"), r.id.label("root_id"))
        .where(r.commune_id.in_(place), top_level())
        .cte("roots", recursive=True)
    )
    part = aliased(Recommendation)
    return top.union_all(
        select(part.id, part.code, top.c.root_id).join(top, part.parent_code == top.c.code)
    )


def movement(scope: str, key: str, start: dt.date, end: dt.date) -> Select:
    """(commune_id, updated, completed) of the communes of the scope ("region" or
    "province" with its key) that had an entry dated from `start` to `end`: `updated`
    recommendations with at least one entry (theirs or a part's), `completed` those with a
    "completed" one of their own."""
    u, r = StatusUpdate, Recommendation
    correction = aliased(StatusUpdate)
    place = select(Commune.id).where(
        (Commune.region_key if scope == "region" else Commune.province_key) == key
    )
    roots = _roots(place)
    own_completion = and_(u.status == "completed", u.recommendation_id == roots.c.root_id)
    completed = case((own_completion, roots.c.root_id), else_=None)
    return (
        select(
            r.commune_id,
            cast(func.count(roots.c.root_id.distinct()), Integer).label("updated"),
            cast(func.count(completed.distinct()), Integer).label("completed"),
        )
        .join(roots, roots.c.id == u.recommendation_id)
        .join(r, r.id == roots.c.root_id)
        .where(
            and_(u.date >= start, u.date <= end),
            ~exists().where(correction.corrects_id == u.id),
        )
        .group_by(r.commune_id)
    )
