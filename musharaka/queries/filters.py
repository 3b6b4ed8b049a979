"""What every query shares: the filter a reader sets, the clauses it adds, and running a
query into a DataFrame. A filter is a frozen dataclass; a clause is added only for what
is set, so the same builder serves the whole country and one commune."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, Select, and_, exists, select
from sqlalchemy.orm import aliased

from musharaka.models import Commune, Recommendation, recommendation_proposers, top_level
from musharaka.text import search_key
from musharaka.vocabulary import CLOSED_STATUSES


@dataclass(frozen=True)
class RecommendationFilter:
    """What a reader narrowed the recommendations to; an empty field means 'all'."""

    commune_ids: tuple[int, ...] = ()
    province_keys: tuple[str, ...] = ()
    region_keys: tuple[str, ...] = ()
    meeting_ids: tuple[int, ...] = ()
    domains: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    association_ids: tuple[int, ...] = ()  # proposed by any of these associations
    responsible: tuple[str, ...] = ()  # exactly as stored
    locations: tuple[str, ...] = ()  # douars, exactly as stored
    institutions: tuple[str, ...] = ()  # partner institutions' keys
    in_programme: bool | None = None  # True: with a PAC line; False: without; None: all
    target_from: dt.date | None = None
    target_to: dt.date | None = None
    overdue_only: bool = False
    search: str = ""  # words typed in Arabic, French or English, matched folded
    today: dt.date | None = None  # what 'overdue' is measured against (default: today)

    def as_of(self) -> dt.date:
        return self.today or dt.date.today()


def overdue_clause(today: dt.date):
    """Past its target date and neither completed nor cancelled."""
    return and_(
        Recommendation.target_date.is_not(None),
        Recommendation.target_date < today,
        Recommendation.current_status.not_in(CLOSED_STATUSES),
    )


def in_programme_clause():
    """Taken into the commune's action programme: it names its line there (pac_ref)."""
    return Recommendation.pac_ref.is_not(None)


def without_parts():
    """Has no part of its own: its history holds its work. What the figures of a period
    count (what moved between two meetings, in a quarter), where `top_level` would miss
    the work of parts: a parent's own history does not carry its parts' progress, only
    its current state does. A parent and its parts are again never both counted."""
    part = aliased(Recommendation)
    return ~exists().where(part.parent_code == Recommendation.code)


def counted(query: Select, f: RecommendationFilter) -> Select:
    """`filtered`, kept to the recommendations that figures count (`top_level`, from
    musharaka.score_tables): for the counts, charts, roll-ups and reports; the lists and
    exports show every row."""
    return filtered(query, f).where(top_level())


def filtered(query: Select, f: RecommendationFilter) -> Select:
    """`query` (over recommendations) with a clause for each field the filter sets."""
    r = Recommendation
    if f.commune_ids:
        query = query.where(r.commune_id.in_(f.commune_ids))
    if f.province_keys or f.region_keys:
        places = select(Commune.id)
        if f.province_keys:
            places = places.where(Commune.province_key.in_(f.province_keys))
        if f.region_keys:
            places = places.where(Commune.region_key.in_(f.region_keys))
        query = query.where(r.commune_id.in_(places))
    if f.meeting_ids:
        query = query.where(r.meeting_id.in_(f.meeting_ids))
    if f.domains:
        query = query.where(r.domain.in_(f.domains))
    if f.statuses:
        query = query.where(r.current_status.in_(f.statuses))
    if f.priorities:
        query = query.where(r.priority.in_(f.priorities))
    if f.association_ids:
        proposed = select(recommendation_proposers.c.recommendation_id).where(
            recommendation_proposers.c.association_id.in_(f.association_ids)
        )
        query = query.where(r.id.in_(proposed))
    if f.responsible:
        query = query.where(r.responsible.in_(f.responsible))
    if f.locations:
        query = query.where(r.location.in_(f.locations))
    if f.institutions:
        query = query.where(r.partner_institution.in_(f.institutions))
    if f.in_programme is not None:
        query = query.where(in_programme_clause() if f.in_programme else ~in_programme_clause())
    if f.target_from:
        query = query.where(r.target_date >= f.target_from)
    if f.target_to:
        query = query.where(r.target_date <= f.target_to)
    if f.overdue_only:
        query = query.where(overdue_clause(f.as_of()))
    for word in search_key(f.search).split():
        # Every word must appear; `%` and `_` typed by a reader are matched as themselves.
        query = query.where(r.search_text.contains(word, autoescape=True))
    return query


def keeps_everything(f: RecommendationFilter) -> bool:
    """Whether the filter keeps every recommendation (at most the day is set): what the
    communes' summary (commune_scores) then says of them is what counting them would."""
    return f == RecommendationFilter(today=f.today)


def narrow(f: RecommendationFilter) -> bool:
    """Whether the filter keeps a few communes' worth of recommendations at most."""
    return bool(f.commune_ids or f.province_keys or f.meeting_ids or f.association_ids)


def chosen_first(f: RecommendationFilter, *conditions):
    """The ids of the recommendations a narrow filter keeps, as a CTE computed first.

    The newest rows of a commune are otherwise found by walking the whole country's date
    index until enough of that commune's turn up (hundreds of thousands of entries at
    1,503 communes). MATERIALIZED stops the planner from folding the CTE back into that
    walk; SQLite (3.35+) and PostgreSQL (12+) both read it."""
    query = filtered(select(Recommendation.id).where(*conditions), f)
    return query.cte("chosen").prefix_with("MATERIALIZED")


def read_frame(bind: Engine | Connection, query: Select) -> pd.DataFrame:
    """Run a query and return its rows as a DataFrame (columns named by the query's labels),
    on an engine (its own connection) or inside a connection's transaction."""
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            return read_frame(connection, query)
    result = bind.execute(query)
    # Plain tuples: pandas builds a frame from SQLAlchemy's Row objects ten times slower
    # (0.08 s instead of 0.008 s for the 21,000 associations of the country).
    rows = [tuple(row) for row in result]
    return pd.DataFrame(rows, columns=list(result.keys()))
