"""The field reports page's queries (read-only): the recommendations an association
proposed and the reports it sent, and the reports waiting for, or given, an editor's
decision in some communes.

An association reports on the recommendations it proposed (recommendation_proposers):
those are its own. No query here selects an association's phone or e-mail.
"""

from __future__ import annotations

from sqlalchemy import Select, false, select

from musharaka.models import (
    Association,
    Commune,
    FieldReport,
    Recommendation,
    recommendation_proposers,
)

DECISIONS_SHOWN = 50  # the latest decisions an editor sees under the pending reports


def association_recommendations(association_id: int) -> Select:
    """The recommendations this association proposed, with their current state."""
    proposers = recommendation_proposers.c
    return (
        select(
            Recommendation.id,
            Recommendation.code,
            Recommendation.title,
            Commune.name.label("commune"),
            Recommendation.current_status,
            Recommendation.current_progress,
            Recommendation.current_status_date,
        )
        .join(recommendation_proposers, proposers.recommendation_id == Recommendation.id)
        .join(Commune, Commune.id == Recommendation.commune_id)
        .where(proposers.association_id == association_id)
        .order_by(Recommendation.code)
    )


def _report_columns() -> tuple:
    return (
        FieldReport.id,
        Recommendation.code,
        Recommendation.title,
        FieldReport.date,
        FieldReport.proposed_status,
        FieldReport.proposed_progress,
        FieldReport.note,
        FieldReport.evidence_url,
        FieldReport.submitted_at,
        FieldReport.state,
    )


def association_reports(association_id: int) -> Select:
    """Every report this association sent, newest first, with the editor's decision."""
    return (
        select(
            *_report_columns(),
            FieldReport.decided_at,
            FieldReport.decision_note,
        )
        .join(Recommendation, Recommendation.id == FieldReport.recommendation_id)
        .where(FieldReport.association_id == association_id)
        .order_by(FieldReport.submitted_at.desc(), FieldReport.id.desc())
    )


def _for_editor(query: Select, commune_ids: tuple[int, ...], everywhere: bool) -> Select:
    """Only the reports on recommendations of these communes, unless `everywhere` (admin)."""
    if everywhere:
        return query
    if not commune_ids:
        return query.where(false())
    return query.where(Recommendation.commune_id.in_(commune_ids))


def _editor_query(*extra) -> Select:
    return (
        select(
            *_report_columns(),
            Commune.name.label("commune"),
            Association.name.label("association"),
            *extra,
        )
        .join(Recommendation, Recommendation.id == FieldReport.recommendation_id)
        .join(Commune, Commune.id == Recommendation.commune_id)
        .join(Association, Association.id == FieldReport.association_id)
    )


def pending_reports(commune_ids: tuple[int, ...], everywhere: bool = False) -> Select:
    """The reports waiting for a decision in these communes, oldest first (first come,
    first decided), with the recommendation's current status to compare with."""
    query = _editor_query(Recommendation.current_status, Recommendation.current_progress).where(
        FieldReport.state == "pending"
    )
    query = _for_editor(query, commune_ids, everywhere)
    return query.order_by(FieldReport.submitted_at, FieldReport.id)


def decided_reports(
    commune_ids: tuple[int, ...], everywhere: bool = False, limit: int = DECISIONS_SHOWN
) -> Select:
    """The latest decisions taken on reports of these communes, newest first."""
    query = _editor_query(FieldReport.decided_at, FieldReport.decision_note).where(
        FieldReport.state != "pending"
    )
    query = _for_editor(query, commune_ids, everywhere)
    return query.order_by(FieldReport.decided_at.desc(), FieldReport.id.desc()).limit(limit)
