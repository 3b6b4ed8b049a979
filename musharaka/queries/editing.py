"""The data-entry page's queries: what an editor may open (the communes, meetings and
recommendations of their communes, or all for an admin), one record as it stands now with
its version, and a recommendation's status history with the entries corrections name.

`commune_ids` with `every=False` limits a list to those communes; `every=True` (an
admin) lists everything, whatever `commune_ids` holds.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    StatusUpdate,
    meeting_associations,
    recommendation_proposers,
)
from musharaka.queries.meetings import meeting as meeting_facts


def _scoped(query: Select, column, commune_ids: tuple[int, ...], every: bool) -> Select:
    return query if every else query.where(column.in_(commune_ids))


def communes(commune_ids: tuple[int, ...] = (), every: bool = False) -> Select:
    """The communes one may enter meetings for, by name, with their province."""
    query = select(Commune.id, Commune.name, Commune.province).order_by(Commune.name, Commune.id)
    return _scoped(query, Commune.id, commune_ids, every)


def meetings(commune_ids: tuple[int, ...] = (), every: bool = False) -> Select:
    """The meetings one may edit or add recommendations to, newest first."""
    query = (
        select(
            Meeting.code,
            Meeting.date,
            Meeting.title,
            Meeting.commune_id,
            Commune.name.label("commune"),
        )
        .join(Commune, Commune.id == Meeting.commune_id)
        .order_by(Meeting.date.desc(), Meeting.code)
    )
    return _scoped(query, Meeting.commune_id, commune_ids, every)


def recommendations(commune_ids: tuple[int, ...] = (), every: bool = False) -> Select:
    """The recommendations one may edit or record updates of, by code, with their meeting."""
    query = (
        select(
            Recommendation.code,
            Recommendation.title,
            Meeting.code.label("meeting"),
            Recommendation.commune_id,
        )
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .order_by(Recommendation.code)
    )
    return _scoped(query, Recommendation.commune_id, commune_ids, every)


def recommendation_codes(meeting_code: str) -> Select:
    """The codes of a meeting's recommendations (a new one gets the next number)."""
    return (
        select(Recommendation.code)
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .where(Meeting.code == meeting_code)
        .order_by(Recommendation.code)
    )


def meeting_record(code: str) -> Select:
    """One meeting as it stands (the facts the meetings page shows, who chaired and
    facilitated it included: the form saves them back), with its commune's province and
    its version."""
    return meeting_facts(code, people=True).add_columns(Commune.province, Meeting.version)


def _association_names(link, owner, owner_column: str, code: str) -> Select:
    """The associations `link` ties to the `owner` row with this code, in the order they
    were written."""
    return (
        select(Association.name)
        .join(link, link.c.association_id == Association.id)
        .join(owner, owner.id == link.c[owner_column])
        .where(owner.code == code)
        .order_by(link.c.position, Association.name)
    )


def meeting_association_names(code: str) -> Select:
    """The associations present at a meeting, in the order they were written."""
    return _association_names(meeting_associations, Meeting, "meeting_id", code)


def recommendation_record(code: str) -> Select:
    """One recommendation as it stands: its own fields (the initial status among them),
    its current state, its meeting's code and its version."""
    r = Recommendation
    return (
        select(
            r.code,
            Meeting.code.label("meeting"),
            r.commune_id,
            r.domain,
            r.domain_text,
            r.title,
            r.description,
            r.responsible,
            r.partners,
            r.location,
            r.priority,
            r.budget_mad,
            r.target_date,
            r.initial_status,
            r.initial_progress,
            r.pac_ref,
            r.budget_line,
            r.partner_institution,
            r.current_status,
            r.current_progress,
            r.current_stall_reason,
            r.version,
        )
        .join(Meeting, Meeting.id == r.meeting_id)
        .where(r.code == code)
    )


def proposer_names(code: str) -> Select:
    """The associations that proposed a recommendation, in the order they were written."""
    return _association_names(recommendation_proposers, Recommendation, "recommendation_id", code)


def status_history(code: str) -> Select:
    """A recommendation's status history, every entry kept (corrected ones too), oldest
    first, with the entry each correction corrects."""
    return (
        select(
            StatusUpdate.id,
            StatusUpdate.date,
            StatusUpdate.status,
            StatusUpdate.progress,
            StatusUpdate.note,
            StatusUpdate.evidence_url,
            StatusUpdate.reported_by,
            StatusUpdate.stall_reason,
            StatusUpdate.corrects_id,
        )
        .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        .where(Recommendation.code == code)
        .order_by(StatusUpdate.date, StatusUpdate.id)
    )
