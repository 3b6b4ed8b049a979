"""Evidence files' queries: a recommendation's published photos and PDFs (its history's),
a field report's waiting ones (for the editor deciding it), and the file a name asks for
when it may be served to anyone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, or_, select

from musharaka.models import EvidenceFile, Recommendation, StatusUpdate

_SHOWN = (
    EvidenceFile.id,
    EvidenceFile.file_name,
    EvidenceFile.media_type,
    EvidenceFile.sha256,
    EvidenceFile.size,
    EvidenceFile.width,
    EvidenceFile.height,
    EvidenceFile.pages,
    EvidenceFile.thumb_sha256,
    EvidenceFile.original_sha256,
)


def published(code: str) -> Select:
    """The files of a recommendation's status updates, in the history's order."""
    return (
        select(*_SHOWN, StatusUpdate.date, EvidenceFile.status_update_id)
        .join(StatusUpdate, StatusUpdate.id == EvidenceFile.status_update_id)
        .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        .where(Recommendation.code == code)
        .order_by(StatusUpdate.date, StatusUpdate.id, EvidenceFile.position)
    )


def of_report(report_id: int) -> Select:
    """A field report's files, in the order they were sent."""
    return (
        select(*_SHOWN)
        .where(EvidenceFile.field_report_id == report_id)
        .order_by(EvidenceFile.position)
    )


def servable(sha256: str) -> Select:
    """The media type of a published file or thumbnail named `sha256`; no row when the
    name is an original's or a waiting report's only."""
    return (
        select(EvidenceFile.media_type, EvidenceFile.thumb_sha256 == sha256)
        .where(
            EvidenceFile.status_update_id.is_not(None),
            or_(EvidenceFile.sha256 == sha256, EvidenceFile.thumb_sha256 == sha256),
        )
        .limit(1)
    )


def latest_photos(codes: list[str], until: dt.date | None = None) -> Select:
    """The published photos' thumbnails of these recommendations, newest update first
    (then the order they were sent in), of updates dated up to `until` when given."""
    query = (
        select(Recommendation.code, EvidenceFile.thumb_sha256)
        .join(StatusUpdate, StatusUpdate.id == EvidenceFile.status_update_id)
        .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        .where(Recommendation.code.in_(codes), EvidenceFile.thumb_sha256.is_not(None))
        .order_by(
            Recommendation.code,
            StatusUpdate.date.desc(),
            StatusUpdate.id.desc(),
            EvidenceFile.position,
        )
    )
    return query if until is None else query.where(StatusUpdate.date <= until)
