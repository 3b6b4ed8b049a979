"""The achievements between each two consecutive meetings of a commune, every period at
once: the commune's recommendations and their history are read once, then each period is
classified by musharaka.between's own rules (state_on, updates_in, category), the same
that the Meetings page and the council's report apply. Reading them again per period, and
through DataFrames, cost a commune with ten meetings seconds instead of milliseconds."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from musharaka import between
from musharaka.queries import meetings as meeting_queries

NO_MEETING = -1  # no meeting is left out: every recommendation up to the last day counts


@dataclass
class CommuneHistory:
    made: list[Any]  # rows of meetings.between_recommendations
    updates: dict[int, list[between.Update]]  # recommendation id -> its history


def read_history(conn: Connection, commune_id: int, last_day: dt.date) -> CommuneHistory:
    """Every recommendation of the commune made up to `last_day`, and its history to then."""
    made = list(
        conn.execute(meeting_queries.between_recommendations(commune_id, last_day, NO_MEETING))
    )
    updates: dict[int, list[between.Update]] = defaultdict(list)
    for row in conn.execute(
        meeting_queries.between_updates(commune_id, last_day, last_day, NO_MEETING)
    ):
        updates[int(row.recommendation_id)].append(
            (row.date, int(row.id), row.status, row.progress)
        )
    return CommuneHistory(made, dict(updates))


def period(
    history: CommuneHistory, start: dt.date, end: dt.date, later_code: str
) -> tuple[dict[str, int], list[Any]]:
    """The category counts of the period from the meeting held on `start` (excluded) to
    meeting `later_code` held on `end`, and the recommendations completed in it."""
    span = between.Period(start, end)
    counts = dict.fromkeys(between.CATEGORIES, 0)
    completed = []
    for row in history.made:
        if row.meeting_date > start or row.meeting_code == later_code:
            continue  # the same recommendations the report's query selects
        entries = [u for u in history.updates.get(int(row.id), []) if u[0] <= end]
        initial = between.State(row.initial_status, row.initial_progress)
        before = between.state_on(start, row.meeting_date, initial, entries)
        after = between.state_on(end, row.meeting_date, initial, entries)
        found = between.category(before, after, between.updates_in(span, row.meeting_date, entries))
        if found is None:
            continue
        counts[found] += 1
        if found == "completed":
            completed.append(row)
    return counts, completed
