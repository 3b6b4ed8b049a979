"""The overview's queries: counts by status and domain, latest updates, roll-ups by region,
province and commune, the communes and the last load. Aggregation happens in SQL."""

from __future__ import annotations

from sqlalchemy import Integer, Select, case, cast, func, select

from musharaka.dates import latest_update_day
from musharaka.models import Commune, LoadRun, Meeting, Recommendation, StatusUpdate
from musharaka.queries import overview_summary
from musharaka.queries.filters import (
    RecommendationFilter,
    chosen_first,
    counted,
    filtered,
    keeps_everything,
    narrow,
)
from musharaka.vocabulary import CLOSED_STATUSES


def status_counts(f: RecommendationFilter) -> Select:
    """Recommendations per current status, with how many are overdue and their budget.

    Whether a status can be overdue is asked of each group, not of each row: a row is
    only tested against the date (0.21 s of CPU on SQLite for the country otherwise, 0.12 s).
    For the whole country, the communes' summaries (overview_summary)."""
    if keeps_everything(f):
        return overview_summary.status_counts(f.as_of())
    query = select(
        Recommendation.current_status.label("status"),
        func.count().label("count"),
        _overdue_in_status(Recommendation.current_status, _past_target(f)).label("overdue"),
        func.coalesce(func.sum(Recommendation.budget_mad), 0).label("budget_mad"),
    ).group_by(Recommendation.current_status)
    return counted(query, f)


def _past_target(f: RecommendationFilter):
    """How many of a group are past their target date (a count, any status)."""
    return func.count(case((Recommendation.target_date < f.as_of(), 1)))


def _overdue_in_status(status, past_target):
    """Of a group of one status, those overdue: those past their target date unless the
    status closes them (filters.overdue_clause)."""
    return case((status.in_(CLOSED_STATUSES), 0), else_=past_target)


def domain_status_counts(f: RecommendationFilter) -> Select:
    """Recommendations per domain and current status (for the whole country, the communes'
    summaries)."""
    if keeps_everything(f):
        return overview_summary.domain_status_counts()
    query = select(
        Recommendation.domain.label("domain"),
        Recommendation.current_status.label("status"),
        func.count().label("count"),
    ).group_by(Recommendation.domain, Recommendation.current_status)
    return counted(query, f)


def latest_updates(f: RecommendationFilter, limit: int = 10) -> Select:
    """The most recent entries of the status history, newest first.

    For the whole country the newest entries are found by walking the date index. For a
    commune, a province, a meeting or an association that walk may pass hundreds of
    thousands of other communes' entries first (1.2 s on PostgreSQL at 1,503 communes):
    their recommendations are chosen first instead (a materialized CTE, which the
    planner cannot fold back), and only their histories are read (5 ms)."""
    query = select(
        StatusUpdate.date,
        Commune.name.label("commune"),
        Recommendation.code.label("recommendation_id"),
        Recommendation.title,
        StatusUpdate.status,
        StatusUpdate.progress,
    )
    if narrow(f):
        chosen = chosen_first(f)
        query = query.join(chosen, chosen.c.id == StatusUpdate.recommendation_id)
    query = (
        query.join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        .join(Commune, Commune.id == Recommendation.commune_id)
        # An entry dated in the future (stored before loads refused them) would stay on
        # top of this list until its day: it does not count as the current status either.
        .where(StatusUpdate.date <= latest_update_day())
        .order_by(StatusUpdate.date.desc(), StatusUpdate.id.desc())
        .limit(limit)
    )
    return filtered(query, f)


ROLLUP_LEVELS = ("region", "province", "commune")


def rollup(level: str, f: RecommendationFilter) -> Select:
    """Recommendations, completed, partially completed, cancelled, stalled and overdue per
    region, province or commune: what a provincial auditor compares. Rates come from
    `metrics.with_rates`.

    Counted per commune and status first (from the commune covering index alone, in its
    order, each row tested only against its target date), then summed per region,
    province or commune over those few thousand rows: a condition per status tested on
    every row cost twice as much (0.34 s of CPU on SQLite for the country, 0.15 s). For the
    whole country, those per commune and status counts are the communes' summaries."""
    per_status = _per_commune_status(f)
    status, n = per_status.c.status, per_status.c.recommendations

    def of_status(key: str):
        return case((status == key, n), else_=0)

    keys = {
        "region": (Commune.region_key.label("region"),),
        "province": (Commune.region_key.label("region"), Commune.province_key.label("province")),
        "commune": (
            Commune.region_key.label("region"),
            Commune.province_key.label("province"),
            Commune.id.label("commune_id"),
            Commune.name.label("commune"),
        ),
    }[level]
    counts = {
        "recommendations": n,
        "completed": of_status("completed"),
        "partially_completed": of_status("partially_completed"),
        "cancelled": of_status("cancelled"),
        "stalled": of_status("stalled"),
        "overdue": _overdue_in_status(status, per_status.c.past_target),
    }
    # Sums of counts come back as numeric on PostgreSQL: cast, so both engines agree.
    summed = [cast(func.sum(value), Integer).label(name) for name, value in counts.items()]
    budget = func.coalesce(func.sum(per_status.c.budget_mad), 0).label("budget_mad")
    return (
        select(*keys, *summed, budget)
        .join(Commune, Commune.id == per_status.c.commune_id)
        .group_by(*keys)
        .order_by(*keys)
    )


def _per_commune_status(f: RecommendationFilter):
    if keeps_everything(f):
        return overview_summary.per_commune_status(f.as_of())
    return counted(
        select(
            Recommendation.commune_id,
            Recommendation.current_status.label("status"),
            func.count().label("recommendations"),
            _past_target(f).label("past_target"),
            func.sum(Recommendation.budget_mad).label("budget_mad"),
        ).group_by(Recommendation.commune_id, Recommendation.current_status),
        f,
    ).subquery()


def communes() -> Select:
    """Every commune with how many meetings it held."""
    return (
        select(
            Commune.id,
            Commune.name,
            Commune.name_ar,
            Commune.name_fr,
            Commune.province,
            Commune.region_key,
            func.count(Meeting.id).label("meetings"),
        )
        .outerjoin(Meeting, Meeting.commune_id == Commune.id)
        .group_by(Commune.id)
        .order_by(Commune.name)
    )


def last_load() -> Select:
    """When data was last loaded, and from which files."""
    return (
        select(LoadRun.finished_at, LoadRun.files, LoadRun.rows_read)
        .order_by(LoadRun.id.desc())
        .limit(1)
    )


def completion_by_meeting(f: RecommendationFilter) -> Select:
    """Per meeting: its date, how many recommendations it made and how many are completed;
    for one commune, the council's record meeting by meeting.

    Counted per meeting first, from the (meeting, status) index alone, then joined to the
    few thousand meetings: joining first would read the whole recommendations table."""
    per_meeting = _per_meeting(f)
    return (
        select(
            Meeting.date,
            Meeting.code.label("meeting"),
            per_meeting.c.recommendations,
            per_meeting.c.completed,
        )
        .join(Meeting, Meeting.id == per_meeting.c.meeting_id)
        .order_by(Meeting.date, Meeting.code)
    )


def _per_meeting(f: RecommendationFilter):
    return counted(
        select(
            Recommendation.meeting_id,
            func.count().label("recommendations"),
            func.sum(case((Recommendation.current_status == "completed", 1), else_=0)).label(
                "completed"
            ),
        ).group_by(Recommendation.meeting_id),
        f,
    ).subquery()


def completion_by_year(f: RecommendationFilter) -> Select:
    """Per year of the meetings: recommendations made and completed since.

    Counted per meeting first (from the (meeting, status) index alone), then summed per
    year over the few thousand meetings. For the whole country, the meetings' summaries
    (overview_summary)."""
    if keeps_everything(f):
        return overview_summary.completion_by_year()
    per_meeting = _per_meeting(f)
    year = cast(func.extract("year", Meeting.date), Integer).label("year")
    return (
        select(
            year,
            cast(func.sum(per_meeting.c.recommendations), Integer).label("recommendations"),
            cast(func.sum(per_meeting.c.completed), Integer).label("completed"),
        )
        .join(Meeting, Meeting.id == per_meeting.c.meeting_id)
        .group_by(year)
        .order_by(year)
    )
