"""The national overview's counts read from the communes' summaries (commune_status_counts,
commune_institution_counts and meeting_counts, rewritten by every load, form and field
report decision: etl.scores) when the reader's filter keeps every recommendation
(filters.keeps_everything): sums over a few thousand rows instead of reads of a million
index entries each. What moves with the day, overdue, is the summary's count on the day
it was counted, corrected by the open recommendations whose target date lies between that
day and the day asked about (overdue_per_commune).

Like the summaries, every count is of top-level recommendations: a recommendation with
parts counts once, its parts not at all. The columns are those of the same queries
counted from the recommendations (musharaka.queries.overview)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, Select, and_, case, cast, func, literal, select, union_all

from musharaka.models import (
    CommuneInstitutionCount,
    CommuneScore,
    CommuneStatusCount,
    Meeting,
    MeetingCount,
    Recommendation,
    open_top_level,
)
from musharaka.score_tables import NO_INSTITUTION
from musharaka.vocabulary import CLOSED_STATUSES


def _summed(column, name: str):
    # Sums of counts come back as numeric on PostgreSQL: cast, so both engines agree.
    return cast(func.sum(column), Integer).label(name)


def overdue_per_commune(today: dt.date):
    """Per commune and open status: how many are past their target date on `today`
    (columns: commune_id, status, overdue). A subquery.

    Each commune's summary holds how many were past their target date on the day it was
    counted (commune_scores.counted_on, the day of the commune's last change); between
    that day and `today`, only the open recommendations whose target date falls between
    the two days count, and those are one range of the target-date index (none at all
    when the summary was counted today). Counting every open recommendation's date
    instead read 566,000 index entries at 1,503 communes, twice a page."""
    s, r = CommuneStatusCount, Recommendation
    stored = select(
        s.commune_id.label("commune_id"),
        s.status.label("status"),
        s.past_target.label("overdue"),
    ).where(s.status.not_in(CLOSED_STATUSES))
    moved = since_counted(
        today, r.commune_id.label("commune_id"), r.current_status.label("status")
    ).group_by(r.commune_id, r.current_status)
    both = union_all(stored, moved).subquery()
    return (
        select(both.c.commune_id, both.c.status, _summed(both.c.overdue, "overdue"))
        .group_by(both.c.commune_id, both.c.status)
        .subquery()
    )


def since_counted(today: dt.date, *columns) -> Select:
    """`columns` and, labelled "overdue", how many more open top-level recommendations
    are past their target date on `today` than on the day their commune's summary was
    counted (fewer, when `today` is before it): those whose target date lies between the
    two days, one range of the target-date index (score_tables.OPEN_BY_TARGET). Group it
    by `columns`."""
    c, r = CommuneScore, Recommendation
    first = select(func.min(c.counted_on)).scalar_subquery()
    last = select(func.max(c.counted_on)).scalar_subquery()
    day = literal(today, Date)
    # Past its target on `today`, not on the day counted; and the other way round.
    since = and_(r.target_date >= c.counted_on, r.target_date < day)
    before = and_(r.target_date >= day, r.target_date < c.counted_on)
    return (
        select(
            *columns,
            (func.count(case((since, 1))) - func.count(case((before, 1)))).label("overdue"),
        )
        .join(c, c.commune_id == r.commune_id)
        .where(
            open_top_level(),
            r.target_date >= case((first < day, first), else_=day),
            r.target_date < case((last > day, last), else_=day),
        )
    )


def status_counts(today: dt.date) -> Select:
    """Per current status: count, overdue (on `today`) and budget, for the country."""
    s = CommuneStatusCount
    counts = (
        select(
            s.status.label("status"),
            _summed(s.recommendations, "count"),
            func.sum(s.budget_mad).label("budget_mad"),
        )
        .group_by(s.status)
        .subquery()
    )
    per_commune = overdue_per_commune(today)
    overdue = (
        select(per_commune.c.status, _summed(per_commune.c.overdue, "overdue"))
        .group_by(per_commune.c.status)
        .subquery()
    )
    return select(
        counts.c.status,
        counts.c["count"],
        func.coalesce(overdue.c.overdue, 0).label("overdue"),
        func.coalesce(counts.c.budget_mad, 0).label("budget_mad"),
    ).outerjoin(overdue, overdue.c.status == counts.c.status)


def domain_status_counts() -> Select:
    """Per domain and current status: count, for the country."""
    s = CommuneStatusCount
    return select(
        s.domain.label("domain"), s.status.label("status"), _summed(s.recommendations, "count")
    ).group_by(s.domain, s.status)


def per_commune_status(today: dt.date):
    """Per commune and status: recommendations, those past their target date (overdue
    when the status is open; none counted for a closed one) and budget (columns:
    commune_id, status, recommendations, past_target, budget_mad). A subquery, what
    overview.rollup sums per region, province or commune."""
    s = CommuneStatusCount
    counts = (
        select(
            s.commune_id.label("commune_id"),
            s.status.label("status"),
            _summed(s.recommendations, "recommendations"),
            func.sum(s.budget_mad).label("budget_mad"),
        )
        .group_by(s.commune_id, s.status)
        .subquery()
    )
    overdue = overdue_per_commune(today)
    return (
        select(
            counts.c.commune_id,
            counts.c.status,
            counts.c.recommendations,
            func.coalesce(overdue.c.overdue, 0).label("past_target"),
            counts.c.budget_mad,
        )
        .outerjoin(
            overdue,
            (overdue.c.commune_id == counts.c.commune_id) & (overdue.c.status == counts.c.status),
        )
        .subquery()
    )


def completion_by_year() -> Select:
    """Per year of the meetings: recommendations made and completed since, for the
    country (the columns of overview.completion_by_year)."""
    m = MeetingCount
    year = cast(func.extract("year", Meeting.date), Integer).label("year")
    return (
        select(
            year,
            _summed(m.recommendations, "recommendations"),
            _summed(m.completed, "completed"),
        )
        .join(Meeting, Meeting.id == m.meeting_id)
        .group_by(year)
        .order_by(year)
    )


def by_institution() -> Select:
    """Per partner institution (None: none named): recommendations, those in the action
    programme, those completed, for the country (the columns of programme.by_institution)."""
    s = CommuneInstitutionCount
    return select(
        func.nullif(s.institution, NO_INSTITUTION).label("institution"),
        _summed(s.recommendations, "count"),
        _summed(s.in_programme, "in_programme"),
        _summed(s.completed, "completed"),
    ).group_by(s.institution)
