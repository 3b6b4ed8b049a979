"""Indexes of the recommendations that the overview's national sections are read from,
each covering what its query reads and ordered as it groups (PostgreSQL aggregates in
that order, SQLite without sorting): the reasons things stall, and the action programme
by partner institution. Part of musharaka.models, which imports it (import from there).

The reasons' index holds only the recommendations that may be asked one: a completed or
partially completed recommendation is never stalled, cancelled nor overdue, and leaving
those out leaves a third of the country's rows out of every scan of it. Both end with
parent_code, which every figure tests (score_tables.top_level)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Index

from musharaka.models import Recommendation, status_not_in
from musharaka.score_tables import partial_index
from musharaka.vocabulary import CLOSED_STATUSES, STALL_REASON_STATUSES

# Closed without being stalled or cancelled: never asked why it stalls.
NEVER_ASKED_STATUSES = tuple(s for s in CLOSED_STATUSES if s not in STALL_REASON_STATUSES)


def may_be_asked_a_reason() -> ColumnElement[bool]:
    """Not closed by completion: the rows the reasons' index holds (its statuses written
    into the SQL: score_tables.status_not_in)."""
    return status_not_in(NEVER_ASKED_STATUSES)


STALL_COVER = partial_index(
    "ix_recommendations_stall_cover",
    may_be_asked_a_reason(),
    Recommendation.current_stall_reason,
    Recommendation.commune_id,
    Recommendation.domain,
    Recommendation.current_status,
    Recommendation.target_date,
    Recommendation.parent_code,
)
INSTITUTION_COVER = Index(
    "ix_recommendations_institution_cover",
    Recommendation.partner_institution,
    Recommendation.current_status,
    Recommendation.pac_ref,
    Recommendation.parent_code,
)
