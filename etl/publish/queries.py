"""The static site's own queries (read-only `select()` builders). Everything else the site
shows comes from the public queries the dashboard uses (musharaka.queries.public,
meetings, overview): none of them selects a phone number, an e-mail address, a meeting's
chair or facilitator, or a status update's note or reporter.

`fingerprint_parts` tells which communes changed since the last publish without reading
their rows: per commune, the count, newest update time and sum of versions of its
meetings and recommendations, the count and newest id of its status history, and the
count of its meetings' attendance. Every write path (load, form, approved field report)
raises a version or adds a history entry, so any change to what a page shows moves one
of these numbers.
"""

from __future__ import annotations

from sqlalchemy import Integer, Select, case, cast, func, select

from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    StatusUpdate,
    meeting_associations,
    recommendation_proposers,
)
from musharaka.queries.filters import top_level


def communes() -> Select:
    """Every commune: its names and where it is."""
    return select(
        Commune.id,
        Commune.name,
        Commune.name_ar,
        Commune.name_fr,
        Commune.province,
        Commune.province_key,
        Commune.region_key,
    ).order_by(Commune.id)


def commune(commune_id: int) -> Select:
    return communes().where(Commune.id == commune_id)


def commune_counts() -> Select:
    """Per commune with recommendations: how many, completed, cancelled (the indexes'
    roll-ups; summed per province and region in Python)."""

    def count_where(condition):
        return cast(func.sum(case((condition, 1), else_=0)), Integer)

    return (
        select(
            Recommendation.commune_id,
            func.count().label("recommendations"),
            count_where(Recommendation.current_status == "completed").label("completed"),
            count_where(Recommendation.current_status == "cancelled").label("cancelled"),
        )
        .where(top_level())
        .group_by(Recommendation.commune_id)
    )


def meeting_counts() -> Select:
    return select(Meeting.commune_id, func.count().label("meetings")).group_by(Meeting.commune_id)


def fingerprint_parts() -> list[Select]:
    """Queries whose rows are (commune_id, numbers...): joined per commune, they are its
    fingerprint."""
    recommendations = select(
        Recommendation.commune_id,
        func.count(),
        func.max(Recommendation.updated_at),
        func.sum(Recommendation.version),
        func.max(Recommendation.id),
    ).group_by(Recommendation.commune_id)
    meetings = select(
        Meeting.commune_id,
        func.count(),
        func.max(Meeting.updated_at),
        func.sum(Meeting.version),
        func.max(Meeting.id),
    ).group_by(Meeting.commune_id)
    history = (
        select(Recommendation.commune_id, func.count(), func.max(StatusUpdate.id))
        .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        .group_by(Recommendation.commune_id)
    )
    attendance = (
        select(Meeting.commune_id, func.count(), func.max(meeting_associations.c.association_id))
        .join(Meeting, Meeting.id == meeting_associations.c.meeting_id)
        .group_by(Meeting.commune_id)
    )
    # The recommendations its associations proposed, wherever they are, and their updates:
    # the associations' feeds are in their commune's scope.
    proposers = recommendation_proposers
    proposer = proposers.c
    proposed = (
        select(
            Association.commune_id,
            func.count(),
            func.max(Recommendation.updated_at),
            func.sum(Recommendation.version),
        )
        .join(proposers, proposer.association_id == Association.id)
        .join(Recommendation, Recommendation.id == proposer.recommendation_id)
        .where(Association.commune_id.is_not(None))
        .group_by(Association.commune_id)
    )
    proposed_history = (
        select(Association.commune_id, func.count(), func.max(StatusUpdate.id))
        .join(proposers, proposer.association_id == Association.id)
        .join(StatusUpdate, StatusUpdate.recommendation_id == proposer.recommendation_id)
        .where(Association.commune_id.is_not(None))
        .group_by(Association.commune_id)
    )
    return [
        communes(),
        recommendations,
        meetings,
        history,
        attendance,
        proposed,
        proposed_history,
    ]


def associations_of(commune_id: int | None) -> Select:
    """The ids of a commune's associations (None: those known by name alone), in order."""
    where = (
        Association.commune_id.is_(None)
        if commune_id is None
        else Association.commune_id == commune_id
    )
    return select(Association.id).where(where).order_by(Association.id)


def last_change() -> Select:
    """Per commune, the newest change to its meetings and recommendations (the sitemap's
    lastmod)."""
    return select(Recommendation.commune_id, func.max(Recommendation.updated_at)).group_by(
        Recommendation.commune_id
    )


def recommendations_of(commune_id: int) -> Select:
    """A commune's recommendations with their current state, by meeting then code: the
    columns its list and its meetings' pages show."""
    return (
        select(
            Recommendation.id,
            Recommendation.code,
            Recommendation.meeting_id,
            Meeting.date.label("meeting_date"),
            Recommendation.domain,
            Recommendation.title,
            Recommendation.responsible,
            Recommendation.target_date,
            Recommendation.current_status.label("status"),
            Recommendation.current_progress.label("progress"),
            Recommendation.current_status_date.label("status_date"),
        )
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .where(Recommendation.commune_id == commune_id)
        .order_by(Meeting.date, Meeting.code, Recommendation.code)
    )
