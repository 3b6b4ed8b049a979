"""The table of evidence files: the photos and PDFs a status update carries. Part of
musharaka.models, which imports it (import it from there)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from musharaka.models import Base, utc_now


class EvidenceFile(Base):
    """One photo or PDF attached to one status update, or waiting with a field report.

    The files are stored under MUSHARAKA_MEDIA_DIR, named by their sha256: `sha256` names
    the published file (for a photo, its re-encoding without metadata), `thumb_sha256` its
    thumbnail, `original_sha256` the file as sent when the administrator keeps originals
    (editors only, never served to visitors). A file is public exactly when its status
    update exists (status_update_id set); a field report's files wait for its approval.
    """

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    status_update_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_updates.id", ondelete="CASCADE")
    )
    field_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("field_reports.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(default=0)  # the order they were sent in
    file_name: Mapped[str] = mapped_column(String(255))  # as sent, shown, never a path
    media_type: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]  # bytes of the published file
    width: Mapped[int | None]
    height: Mapped[int | None]
    pages: Mapped[int | None]  # a PDF's
    thumb_sha256: Mapped[str | None] = mapped_column(String(64))
    original_sha256: Mapped[str | None] = mapped_column(String(64))
    original_size: Mapped[int | None]
    uploaded_by: Mapped[str] = mapped_column(String(120))  # user name
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    __table_args__ = (
        Index("ix_evidence_files_status_update", "status_update_id", "position"),
        Index("ix_evidence_files_field_report", "field_report_id"),
        Index("ix_evidence_files_sha256", "sha256"),
        Index("ix_evidence_files_thumb_sha256", "thumb_sha256"),
    )
