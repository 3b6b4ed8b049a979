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
from musharaka.text import search_key

PAGE_SIZE = 50


def _listed(commune_ids: tuple[int, ...], search: str) -> Select:
    """The ids of the associations the list shows: all (or those of these communes or
    active there: proposing there or attending a meeting there), whose folded name holds
    every word searched."""
    query = select(Association.id, Association.name)
    if commune_ids:
        proposers = recommendation_proposers.c
        present = meeting_associations.c
        query = query.where(
            or_(
                Association.commune_id.in_(commune_ids),
                Association.id.in_(
                    select(proposers.association_id)
                    .join(Recommendation, Recommendation.id == proposers.recommendation_id)
                    .where(Recommendation.commune_id.in_(commune_ids))
                ),
                Association.id.in_(
                    select(present.association_id)
                    .join(Meeting, Meeting.id == present.meeting_id)
                    .where(Meeting.commune_id.in_(commune_ids))
                ),
            )
        )
    for word in search_key(search).split():
        # The key is the folded name: 'الامل' finds 'جمعية الأمل', 'eveil' finds 'Éveil'.
        query = query.where(Association.key.contains(word, autoescape=True))
    return query


def association_count(commune_ids: tuple[int, ...] = (), search: str = "") -> Select:
    """How many associations the list holds (one row, column `count`)."""
    return select(func.count().label("count")).select_from(_listed(commune_ids, search).subquery())


def association_list(
    commune_ids: tuple[int, ...] = (),
    search: str = "",
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> Select:
    """One page of the associations, by name, with how many recommendations each proposed
    (and how many of those are completed) and how many meetings it attended, in these
    communes (everywhere when empty).

    The page is chosen first and only its rows are counted: counting every association's
    proposals would read the whole country's recommendations for 50 lines."""
    shown = (
        _listed(commune_ids, search)
        .order_by(Association.name, Association.id)
        .limit(limit)
        .offset(offset)
        .cte("shown")
    )
    proposers = recommendation_proposers.c
    completed = func.sum(case((Recommendation.current_status == "completed", 1), else_=0))
    proposed = (
        select(
            proposers.association_id,
            func.count().label("proposed"),
            completed.label("completed"),
        )
        .join(Recommendation, Recommendation.id == proposers.recommendation_id)
        .where(proposers.association_id.in_(select(shown.c.id)))
        .group_by(proposers.association_id)
    )
    present = meeting_associations.c
    attended = (
        select(present.association_id, func.count().label("attended"))
        .join(Meeting, Meeting.id == present.meeting_id)
        .where(present.association_id.in_(select(shown.c.id)))
        .group_by(present.association_id)
    )
    if commune_ids:
        proposed = proposed.where(Recommendation.commune_id.in_(commune_ids))
        attended = attended.where(Meeting.commune_id.in_(commune_ids))
    by_proposer = proposed.subquery()
    by_attendee = attended.subquery()
    return (
        select(
            Association.id,
            Association.name,
            Association.domain,
            func.coalesce(by_proposer.c.proposed, 0).label("proposed"),
            func.coalesce(by_proposer.c.completed, 0).label("completed"),
            func.coalesce(by_attendee.c.attended, 0).label("attended"),
        )
        .join(shown, shown.c.id == Association.id)
        .outerjoin(by_proposer, by_proposer.c.association_id == Association.id)
        .outerjoin(by_attendee, by_attendee.c.association_id == Association.id)
        .order_by(Association.name, Association.id)
    )


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
