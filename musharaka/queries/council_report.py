"""The council's between-meetings report's queries: a commune's facts and the report's
recommendations (those of the "between meetings" view, with their target date and budget
for the key figures)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select

from musharaka.models import Commune, Recommendation, StatusUpdate
from musharaka.queries.meetings import between_recommendations, between_updates


def commune_facts(commune_id: int) -> Select:
    """One commune's names and province."""
    return select(
        Commune.id,
        Commune.name,
        Commune.name_ar,
        Commune.name_fr,
        Commune.province,
        Commune.province_key,
    ).where(Commune.id == commune_id)


def report_recommendations(commune_id: int, start: dt.date, later_meeting_id: int) -> Select:
    """`meetings.between_recommendations` (the rows the page's report classifies) with the
    target date and budget of each, for the key figures on each meeting's day."""
    return between_recommendations(commune_id, start, later_meeting_id).add_columns(
        Recommendation.target_date, Recommendation.budget_mad, Recommendation.initial_stall_reason
    )


def report_updates(commune_id: int, start: dt.date, end: dt.date, later_meeting_id: int) -> Select:
    """`meetings.between_updates` with each entry's stall reason: why what did not move
    was stuck on the later meeting's day."""
    return between_updates(commune_id, start, end, later_meeting_id).add_columns(
        StatusUpdate.stall_reason
    )
