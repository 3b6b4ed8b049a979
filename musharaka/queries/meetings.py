"""The meetings page's queries: the meetings of communes with their recommendations
counted, one meeting's facts and the associations present, recommendations with their
current state, and the bounded rows of the "achievements between meetings" report
(classified by musharaka.between)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, case, func, select

from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    StatusUpdate,
    meeting_associations,
)
from musharaka.queries.filters import RecommendationFilter, filtered, top_level, without_parts


def meeting_list(commune_ids: tuple[int, ...] = ()) -> Select:
    """Every meeting of these communes (all when empty), in the order held, with how many
    recommendations it produced and how many of them are completed now.

    Counted per meeting first, from the (meeting, status) index alone, then joined to the
    meetings: grouping the joined rows would read every recommendation of the country."""
    counts = (
        select(
            Recommendation.meeting_id,
            func.count().label("recommendations"),
            func.sum(case((Recommendation.current_status == "completed", 1), else_=0)).label(
                "completed"
            ),
        )
        .where(top_level())
        .group_by(Recommendation.meeting_id)
    )
    if commune_ids:
        counts = counts.where(Recommendation.commune_id.in_(commune_ids))
    per_meeting = counts.subquery()
    query = (
        select(
            Meeting.id,
            Meeting.code,
            Meeting.commune_id,
            Commune.name.label("commune"),
            Meeting.date,
            Meeting.edition,
            Meeting.title,
            func.coalesce(per_meeting.c.recommendations, 0).label("recommendations"),
            func.coalesce(per_meeting.c.completed, 0).label("completed"),
        )
        .join(Commune, Commune.id == Meeting.commune_id)
        .outerjoin(per_meeting, per_meeting.c.meeting_id == Meeting.id)
        .order_by(Commune.name, Meeting.commune_id, Meeting.date, Meeting.id)
    )
    if commune_ids:
        query = query.where(Meeting.commune_id.in_(commune_ids))
    return query


def meeting(code: str, people: bool = False) -> Select:
    """One meeting's facts, by its code, with its commune's name. Who chaired and
    facilitated it only when asked (`people`): names that are not always a public office
    holder's, for the commune's editors, never for the public."""
    personal = (Meeting.chair, Meeting.facilitator) if people else ()
    return (
        select(
            Meeting.id,
            Meeting.code,
            Meeting.commune_id,
            Commune.name.label("commune"),
            Meeting.date,
            Meeting.title,
            Meeting.kind,
            Meeting.edition,
            Meeting.location,
            *personal,
            Meeting.participants,
            Meeting.summary,
            Meeting.source_url,
        )
        .join(Commune, Commune.id == Meeting.commune_id)
        .where(Meeting.code == code)
    )


def associations_present(meeting_id: int) -> Select:
    """The associations present at a meeting, in the order the source listed them."""
    link = meeting_associations.c
    return (
        select(Association.id, Association.name)
        .join(meeting_associations, link.association_id == Association.id)
        .where(link.meeting_id == meeting_id)
        .order_by(link.position, Association.name)
    )


def recommendation_states(f: RecommendationFilter) -> Select:
    """Recommendations with their current state, by meeting then code."""
    query = (
        select(
            Recommendation.id,
            Recommendation.code,
            Meeting.code.label("meeting_code"),
            Meeting.date.label("meeting_date"),
            Commune.name.label("commune"),
            Recommendation.domain,
            Recommendation.title,
            Recommendation.responsible,
            Recommendation.partners,
            Recommendation.priority,
            Recommendation.target_date,
            Recommendation.current_status.label("status"),
            Recommendation.current_progress.label("progress"),
            Recommendation.current_status_date.label("status_date"),
            Recommendation.parent_code,
        )
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .join(Commune, Commune.id == Recommendation.commune_id)
        .order_by(Meeting.date, Meeting.code, Recommendation.code)
    )
    return filtered(query, f)


def _earlier(commune_id: int, start: dt.date, later_meeting_id: int):
    """Recommendations of the commune's meetings held on or before the period's start,
    those with parts left to their parts (filters.without_parts)."""
    return (
        Recommendation.commune_id == commune_id,
        Meeting.date <= start,
        Meeting.id != later_meeting_id,
        without_parts(),
    )


def between_recommendations(commune_id: int, start: dt.date, later_meeting_id: int) -> Select:
    """The recommendations the "between meetings" report may consider: every one made at a
    meeting of the commune on or before `start` (the earlier meeting's day), with what
    the report lists about it and its initial state."""
    return (
        select(
            Recommendation.id,
            Recommendation.code,
            Meeting.code.label("meeting_code"),
            Meeting.date.label("meeting_date"),
            Recommendation.domain,
            Recommendation.title,
            Recommendation.responsible,
            Recommendation.partners,
            Recommendation.initial_status,
            Recommendation.initial_progress,
        )
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .where(*_earlier(commune_id, start, later_meeting_id))
        .order_by(Meeting.date, Recommendation.code)
    )


def between_updates(commune_id: int, start: dt.date, end: dt.date, later_meeting_id: int) -> Select:
    """The history of those recommendations up to `end` (the later meeting's day): all the
    report needs to know their state at the start and at the end, bounded by one commune."""
    return (
        select(
            StatusUpdate.recommendation_id,
            StatusUpdate.date,
            StatusUpdate.id,
            StatusUpdate.status,
            StatusUpdate.progress,
        )
        .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .where(*_earlier(commune_id, start, later_meeting_id), StatusUpdate.date <= end)
    )
