"""The associations page's queries: associations with what they proposed and attended,
one association's public facts, its recommendations and its meetings.

No query here ever selects an association's phone or e-mail: they are personal data,
kept for the council and shown on no page.
"""

from __future__ import annotations

from sqlalchemy import Select, case, func, or_, select

from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    meeting_associations,
    recommendation_proposers,
)
from musharaka.queries.filters import RecommendationFilter
from musharaka.queries.meetings import recommendation_states


def association_list(commune_ids: tuple[int, ...] = ()) -> Select:
    """Associations with how many recommendations they proposed (and how many of those
    are completed) and how many meetings they attended, in these communes (all when
    empty). With communes set, only the associations of those communes or active there."""
    proposers = recommendation_proposers.c
    completed = func.sum(case((Recommendation.current_status == "completed", 1), else_=0))
    proposed = (
        select(
            proposers.association_id,
            func.count().label("proposed"),
            completed.label("completed"),
        )
        .join(Recommendation, Recommendation.id == proposers.recommendation_id)
        .group_by(proposers.association_id)
    )
    present = meeting_associations.c
    attended = (
        select(present.association_id, func.count().label("attended"))
        .join(Meeting, Meeting.id == present.meeting_id)
        .group_by(present.association_id)
    )
    if commune_ids:
        proposed = proposed.where(Recommendation.commune_id.in_(commune_ids))
        attended = attended.where(Meeting.commune_id.in_(commune_ids))
    proposed = proposed.subquery()
    attended = attended.subquery()
    query = (
        select(
            Association.id,
            Association.name,
            Association.domain,
            func.coalesce(proposed.c.proposed, 0).label("proposed"),
            func.coalesce(proposed.c.completed, 0).label("completed"),
            func.coalesce(attended.c.attended, 0).label("attended"),
        )
        .outerjoin(proposed, proposed.c.association_id == Association.id)
        .outerjoin(attended, attended.c.association_id == Association.id)
        .order_by(Association.name, Association.id)
    )
    if commune_ids:
        query = query.where(
            or_(
                Association.commune_id.in_(commune_ids),
                proposed.c.association_id.is_not(None),
                attended.c.association_id.is_not(None),
            )
        )
    return query


def association(association_id: int) -> Select:
    """One association's public facts (never its phone or e-mail)."""
    return (
        select(
            Association.id,
            Association.name,
            Association.domain,
            Association.location,
            Commune.name.label("commune"),
        )
        .outerjoin(Commune, Commune.id == Association.commune_id)
        .where(Association.id == association_id)
    )


def proposed_recommendations(association_id: int) -> Select:
    """The recommendations an association proposed, with their current state."""
    return recommendation_states(RecommendationFilter(association_ids=(association_id,)))


def attended_meetings(association_id: int) -> Select:
    """The meetings an association attended, in the order they were held."""
    present = meeting_associations.c
    return (
        select(
            Meeting.id,
            Meeting.code,
            Commune.name.label("commune"),
            Meeting.date,
            Meeting.edition,
            Meeting.title,
        )
        .join(meeting_associations, present.meeting_id == Meeting.id)
        .join(Commune, Commune.id == Meeting.commune_id)
        .where(present.association_id == association_id)
        .order_by(Meeting.date, Meeting.id)
    )
