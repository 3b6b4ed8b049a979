"""The rows of evidence files, written in the transaction of what they belong to (a status
update saved by a form or a load, a field report), and the administrator's choice to keep
originals. The files themselves are staged before that transaction and take their names
after it commits (musharaka.media_store): `stage_files`, then `attach` inside it.

Core, not a service: the load (etl) attaches the files a status-update file names, the
forms and field reports (musharaka.services) theirs, through the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Engine, delete, func, insert, select

from musharaka import media_store
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
    first_position: int = 0,
) -> None:
    """The files' rows, for one status update or one field report, in the order given
    (after the `first_position` files it already has)."""
    now = utc_now()
    for position, prepared in enumerate(files, start=first_position):
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


def attached(conn: Connection, status_update_ids: Iterable[int]) -> dict[int, set[str]]:
    """The published files (sha256) each of these status updates already carries, and
    how many: a file given again is not attached twice."""
    ids = sorted(set(status_update_ids))
    found: dict[int, set[str]] = {i: set() for i in ids}
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(EvidenceFile.status_update_id, EvidenceFile.sha256).where(
                EvidenceFile.status_update_id.in_(ids[start : start + 500])
            )
        )
        for update_id, sha256 in rows:
            if update_id is not None:  # the query names ids: never None
                found[update_id].add(sha256)
    return found


def next_positions(conn: Connection, status_update_ids: Iterable[int]) -> dict[int, int]:
    """The position after the last file of each status update (0 for none)."""
    ids = sorted(set(status_update_ids))
    positions = {i: 0 for i in ids}
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(EvidenceFile.status_update_id, func.max(EvidenceFile.position))
            .where(EvidenceFile.status_update_id.in_(ids[start : start + 500]))
            .group_by(EvidenceFile.status_update_id)
        )
        for update_id, last in rows:
            if update_id is not None:
                positions[update_id] = int(last) + 1
    return positions
