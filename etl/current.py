"""A recommendation's current state: the latest entry of its history, kept up to date in
the same transaction as every change to that history. Each change of a current status or
progress is recorded there too, with the alerts it makes due (musharaka.outbox)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, bindparam, select, update

from etl.bulk import bulk_insert
from musharaka.dates import latest_update_day
from musharaka.models import Meeting, Recommendation, StatusUpdate
from musharaka.outbox import Change, is_change, record_changes

CHUNK = 500


def latest_state(
    initial: tuple,
    updates: Iterable[tuple],
    until: dt.date | None = None,
) -> tuple:
    """The current (date, status, progress, ...) of a recommendation (pure).

    `initial` is (date, status, progress, ...), each update (date, id, status, progress,
    ...): what follows the progress (the stall reason) comes with the entry that wins.
    The latest entry by date wins; for equal dates the one read last (the higher id).
    The recommendation's own status counts as of its meeting's date, read before its updates.
    An entry dated after `until` (the last day an update may bear) never counts: one
    dated in the future would otherwise hide every real update until that day.
    """
    best_key = (initial[0], -1)
    best = initial
    for date, update_id, *state in updates:
        if until is not None and date > until:
            continue
        if (date, update_id) >= best_key:
            best_key, best = (date, update_id), (date, *state)
    return best


def refresh_current_status(
    conn: Connection,
    recommendation_ids: list[int],
    rolled: Mapping[int, float | None] | None = None,
) -> None:
    """Rewrite the current status, progress, date and stall reason of these recommendations
    from their history, recording each change of status or progress
    (musharaka.outbox.record_changes). `rolled`: the progress of those that have parts,
    rolled up from them (etl.parts), which stands for their own history's."""
    table = Recommendation.__table__
    rolled = rolled or {}
    changes: list[Change] = []
    for start in range(0, len(recommendation_ids), CHUNK):
        chunk = recommendation_ids[start : start + CHUNK]
        initial, before = {}, {}
        for r in conn.execute(
            select(
                Recommendation.id,
                Meeting.date,
                Recommendation.initial_status,
                Recommendation.initial_progress,
                Recommendation.initial_stall_reason,
                Recommendation.commune_id,
                Recommendation.current_status,
                Recommendation.current_progress,
            )
            .join(Meeting, Meeting.id == Recommendation.meeting_id)
            .where(Recommendation.id.in_(chunk))
        ):
            initial[r.id] = (
                r.date,
                r.initial_status,
                r.initial_progress,
                r.initial_stall_reason,
            )
            before[r.id] = (r.commune_id, r.current_status, r.current_progress)
        history: dict[int, list] = {}
        query = select(
            StatusUpdate.recommendation_id,
            StatusUpdate.date,
            StatusUpdate.id,
            StatusUpdate.status,
            StatusUpdate.progress,
            StatusUpdate.stall_reason,
            StatusUpdate.corrects_id,
        ).where(StatusUpdate.recommendation_id.in_(chunk))
        corrected: set[int] = set()
        for rec_id, date, update_id, status, progress, reason, corrects in conn.execute(query):
            history.setdefault(rec_id, []).append((date, update_id, status, progress, reason))
            if corrects is not None:
                corrected.add(corrects)
        if corrected:  # a corrected entry stays in the history but no longer counts
            history = {
                rec_id: [entry for entry in entries if entry[1] not in corrected]
                for rec_id, entries in history.items()
            }
        values = []
        until = latest_update_day()
        for rec_id, first in initial.items():
            date, status, progress, reason = latest_state(first, history.get(rec_id, ()), until)
            if rec_id in rolled:
                progress = rolled[rec_id]
            commune_id, old_status, old_progress = before[rec_id]
            if is_change((old_status, old_progress), (status, progress)):
                changes.append(
                    Change(rec_id, commune_id, old_status, status, old_progress, progress, date)
                )
            values.append(
                {
                    "b_id": rec_id,
                    "current_status": status,
                    "current_progress": progress,
                    "current_status_date": date,
                    "current_stall_reason": reason,
                }
            )
        if values:
            conn.execute(update(table).where(table.c.id == bindparam("b_id")), values)
    # COPY on PostgreSQL; on SQLite the ORM's own insert, which stores timestamps as the
    # models read them back (the lines are matched by their time, musharaka.outbox).
    record_changes(conn, changes, *([bulk_insert] if conn.dialect.name == "postgresql" else []))
