"""What a change of a recommendation's current state leaves behind, in the transaction of
the change itself: its line in `status_changes`, and for each confirmed follower alerted
at once whom it concerns, an alert in the outbox listing it.

`record_changes` is called by etl.current.refresh_current_status, the one place every
writer's change of a current status or progress goes through (a file load, a form, an
approved field report, a Decidim import: all of them write through etl.plan.Plan). A
change rolled back takes its alerts with it; a committed one has them committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, insert, select

from musharaka.models import (
    Follower,
    OutboxMessage,
    StatusChange,
    outbox_changes,
    recommendation_proposers,
    utc_now,
)

CHUNK = 500


@dataclass(frozen=True)
class Change:
    """One recommendation's current state before and after a change."""

    recommendation_id: int
    commune_id: int
    old_status: str
    new_status: str
    old_progress: float | None
    new_progress: float | None
    status_date: dt.date


CHANGE_FIELDS = (
    "recommendation_id",
    "commune_id",
    "old_status",
    "new_status",
    "old_progress",
    "new_progress",
    "status_date",
)


def is_change(old: tuple[str, float | None], new: tuple[str, float | None]) -> bool:
    """Whether the status or the progress differs (pure): a new date alone is no news."""
    return old[0] != new[0] or _progress(old[1]) != _progress(new[1])


def _progress(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


BulkInsert = Callable[[Connection, Table, Sequence[str], list[tuple]], int]


def _plain_insert(conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple]) -> int:
    conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
    return len(rows)


def record_changes(
    conn: Connection, changes: list[Change], bulk_insert: BulkInsert = _plain_insert
) -> None:
    """Write the changes' lines and the alerts they make due (see the module's doc).
    `bulk_insert` writes many rows at once (a load passes COPY's: etl.bulk)."""
    if not changes:
        return
    # In the recommendations' order, whatever order the database read them in: an alert
    # lists one load's changes in that order (the same on SQLite and PostgreSQL).
    changes = sorted(changes, key=lambda change: change.recommendation_id)
    now = utc_now()
    table = StatusChange.__table__
    highest = conn.execute(select(func.max(StatusChange.id))).scalar() or 0
    columns = (*CHANGE_FIELDS, "changed_at")
    bulk_insert(
        conn, table, columns, [(*(getattr(c, f) for f in CHANGE_FIELDS), now) for c in changes]
    )
    # This transaction's lines: above the highest id before, stamped with its time (ids
    # come from the table's sequence, in the order written).
    inserted = conn.execute(
        select(StatusChange.id, StatusChange.recommendation_id)
        .where(StatusChange.id > highest, StatusChange.changed_at == now)
        .order_by(StatusChange.id)
    ).all()
    followers = conn.execute(
        select(Follower.id, Follower.target, Follower.target_id).where(
            Follower.confirmed_at.is_not(None), Follower.frequency == "immediate"
        )
    ).all()
    if not followers:
        return
    by_target: dict[tuple[str, int], list[int]] = {}
    for follower_id, target, target_id in followers:
        by_target.setdefault((target, target_id), []).append(follower_id)
    change_of = {rec_id: change_id for change_id, rec_id in inserted}
    proposers = _proposers(conn, list(change_of), {t for k, t in by_target if k == "association"})
    due: dict[int, list[int]] = {}
    for change in changes:
        rec_id = change.recommendation_id
        change_id = change_of[rec_id]
        keys = [("commune", change.commune_id), ("recommendation", rec_id)]
        keys += [("association", a) for a in proposers.get(rec_id, ())]
        for key in keys:
            for follower_id in by_target.get(key, ()):
                due.setdefault(follower_id, []).append(change_id)
    if not due:
        return
    messages = conn.execute(
        insert(OutboxMessage.__table__).returning(
            OutboxMessage.__table__.c.id, sort_by_parameter_order=True
        ),
        [
            {
                "follower_id": follower_id,
                "kind": "alert",
                "state": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            for follower_id in due
        ],
    ).scalars()
    links = [
        (outbox_id, change_id)
        for outbox_id, change_ids in zip(messages, due.values(), strict=True)
        for change_id in dict.fromkeys(change_ids)
    ]
    bulk_insert(conn, outbox_changes, ("outbox_id", "status_change_id"), links)


def _proposers(
    conn: Connection, recommendation_ids: list[int], associations: set[int]
) -> dict[int, list[int]]:
    """recommendation id -> the followed associations among its proposers."""
    found: dict[int, list[int]] = {}
    if not associations:
        return found
    link = recommendation_proposers.c
    for start in range(0, len(recommendation_ids), CHUNK):
        chunk = recommendation_ids[start : start + CHUNK]
        query = select(link.recommendation_id, link.association_id).where(
            link.recommendation_id.in_(chunk), link.association_id.in_(sorted(associations))
        )
        for rec_id, association_id in conn.execute(query):
            found.setdefault(rec_id, []).append(association_id)
    return found
