"""Evidence files in the database: their rows, written in the transaction of the status
update or field report they belong to, and the administrator's choice to keep originals.

The files themselves are staged before that transaction and take their names after it
commits (musharaka.media_store); `saving` wraps the two.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, delete, insert, select, update

from musharaka import audit, media_store
from musharaka.audit import Change
from musharaka.evidence import Prepared
from musharaka.models import EvidenceFile, Setting, utc_now


def keeps_originals(conn: Connection) -> bool:
    """Whether photos are kept as sent, for editors (default: no, only the clean copy)."""
    value = conn.execute(
        select(Setting.value).where(Setting.key == media_store.KEEP_ORIGINALS_SETTING)
    ).scalar()
    return value == "1"


def set_keep_originals(conn: Connection, keep: bool) -> None:
    conn.execute(delete(Setting).where(Setting.key == media_store.KEEP_ORIGINALS_SETTING))
    conn.execute(
        insert(Setting).values(key=media_store.KEEP_ORIGINALS_SETTING, value="1" if keep else "0")
    )


def choose_keep_originals(conn: Connection, keep: bool, *, actor: str, source: str) -> None:
    """The administrator's choice, with its audit entry (Administration page, command line)."""
    before = keeps_originals(conn)
    set_keep_originals(conn, keep)
    change = Change(
        "settings", media_store.KEEP_ORIGINALS_SETTING, "update", {"keep": before}, {"keep": keep}
    )
    audit.record(conn, [change], actor=actor, source=source)


def stage_files(engine: Engine, files: Sequence[Prepared]) -> tuple[media_store.Staged, bool]:
    """Write the files under temporary names before the save's transaction (the caller
    promotes them when it committed, discards them when it did not), and whether
    originals are kept."""
    if not files:
        return media_store.Staged(), False
    with engine.connect() as conn:
        keep = keeps_originals(conn)
    return media_store.stage(files, keep_originals=keep), keep


def attach(
    conn: Connection,
    files: Sequence[Prepared],
    *,
    uploaded_by: str,
    keep_originals: bool,
    status_update_id: int | None = None,
    field_report_id: int | None = None,
) -> None:
    """The files' rows, for one status update or one field report."""
    now = utc_now()
    for position, prepared in enumerate(files):
        kept = keep_originals and prepared.original.sha256 != prepared.published.sha256
        conn.execute(
            insert(EvidenceFile).values(
                status_update_id=status_update_id,
                field_report_id=field_report_id,
                position=position,
                file_name=prepared.file_name[:255],
                media_type=prepared.media_type,
                sha256=prepared.published.sha256,
                size=len(prepared.published.data),
                width=prepared.width,
                height=prepared.height,
                pages=prepared.pages,
                thumb_sha256=prepared.thumbnail.sha256 if prepared.thumbnail else None,
                original_sha256=prepared.original.sha256 if kept else None,
                original_size=len(prepared.original.data) if kept else None,
                uploaded_by=uploaded_by,
                uploaded_at=now,
            )
        )


def publish_report_files(conn: Connection, field_report_id: int, status_update_id: int) -> None:
    """An approved report's files become its status update's: public from now on."""
    conn.execute(
        update(EvidenceFile)
        .where(EvidenceFile.field_report_id == field_report_id)
        .values(status_update_id=status_update_id)
    )
