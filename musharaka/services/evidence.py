"""Evidence files for the screens and the command line: the rows (musharaka.evidence_rows,
which the load writes through too), the administrator's choice to keep originals with its
audit entry, and a field report's files made public when it is approved."""

from __future__ import annotations

from sqlalchemy import Connection, update

from musharaka import audit, media_store
from musharaka.audit import Change
from musharaka.evidence_rows import attach, keeps_originals, set_keep_originals, stage_files
from musharaka.models import EvidenceFile

__all__ = [
    "attach",
    "choose_keep_originals",
    "keeps_originals",
    "publish_report_files",
    "set_keep_originals",
    "stage_files",
]


def choose_keep_originals(conn: Connection, keep: bool, *, actor: str, source: str) -> None:
    """The administrator's choice, with its audit entry (Administration page, command line)."""
    before = keeps_originals(conn)
    set_keep_originals(conn, keep)
    change = Change(
        "settings", media_store.KEEP_ORIGINALS_SETTING, "update", {"keep": before}, {"keep": keep}
    )
    audit.record(conn, [change], actor=actor, source=source)


def publish_report_files(conn: Connection, field_report_id: int, status_update_id: int) -> None:
    """An approved report's files become its status update's: public from now on."""
    conn.execute(
        update(EvidenceFile)
        .where(EvidenceFile.field_report_id == field_report_id)
        .values(status_update_id=status_update_id)
    )
