"""Achievements between two consecutive meetings of a commune (pure): the report the
council presents at the start of a meeting.

The period runs from the earlier meeting's day, EXCLUSIVE, to the later meeting's day,
INCLUSIVE. An update dated on the earlier meeting's day is part of the state the earlier
meeting knew (the recommendations it produced count as of that day too), so it is not an
achievement of the period; an update dated on the later meeting's day is the council's
report to that meeting, so it is. A recommendation's state on a day is the latest entry
of its history dated on or before it (equal dates: the one read last), its own initial
status counting as of its meeting's day, as for `current_status` (etl.current).

Recommendations considered: those of every meeting of the commune held on or before the
earlier meeting's day that were still open at the start (neither completed nor
cancelled), plus those completed during the period. Each gets one category, the first
that applies:

- completed: completed at the end and not at the start;
- partially_completed: open at the start and closed with part of its work done at the end;
- cancelled: open at the start and cancelled at the end;
- untouched: no status update dated within the period;
- stalled: touched, and stalled at the end (even if its progress went up: it is stuck now);
- advanced: touched, and its progress went up (a missing progress counts as 0) or its
  status moved forward (not started -> planned -> in progress; out of stalled into
  planned or in progress counts as moving forward);
- stalled: touched, and none of the above (the updates moved nothing forward).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from musharaka.vocabulary import CLOSED_STATUSES, DOMAIN_KEYS

CATEGORIES = ("completed", "partially_completed", "advanced", "stalled", "cancelled", "untouched")
# The life of a recommendation, in order: moving right is moving forward.
_FORWARD = {"not_started": 0, "planned": 1, "in_progress": 2, "completed": 3}
_RESUMED = ("planned", "in_progress")

# One entry of a recommendation's history: date, id (the order read), status, progress.
Update = tuple[dt.date, int, str, float | None]


@dataclass(frozen=True)
class State:
    """Where a recommendation stood on a day."""

    status: str
    progress: float | None = None


@dataclass(frozen=True)
class Period:
    """From the earlier meeting's day (excluded) to the later meeting's day (included)."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.start < day <= self.end


def state_on(
    day: dt.date, meeting_day: dt.date, initial: State, updates: Iterable[Update]
) -> State | None:
    """The state of a recommendation at the end of `day`; None before its meeting."""
    if meeting_day > day:
        return None
    best_key, best = (meeting_day, -1), initial
    for date, update_id, status, progress in updates:
        if date <= day and (date, update_id) >= best_key:
            best_key, best = (date, update_id), State(status, _number(progress))
    return best


def updates_in(period: Period, meeting_day: dt.date, updates: Iterable[Update]) -> int:
    """How many entries of the history are dated within the period (entries dated before
    the recommendation's meeting never count, as for its current state)."""
    return sum(1 for date, *_ in updates if date in period and date >= meeting_day)


def moved_forward(before: State, after: State) -> bool:
    """Progress went up, or the status moved on in the life of a recommendation."""
    if (after.progress or 0) > (before.progress or 0):
        return True
    if before.status == "stalled":
        return after.status in _RESUMED or after.status == "completed"
    if before.status in _FORWARD and after.status in _FORWARD:
        return _FORWARD[after.status] > _FORWARD[before.status]
    return False


def category(before: State | None, after: State | None, touched: int) -> str | None:
    """The category of one recommendation over the period; None when it is not considered
    (not yet made at the start, or closed at the start and not completed since)."""
    if before is None or after is None:
        return None
    if after.status == "completed" and before.status != "completed":
        return "completed"
    if before.status in CLOSED_STATUSES:
        return None
    if after.status in ("partially_completed", "cancelled"):
        return after.status
    if touched == 0:
        return "untouched"
    if after.status == "stalled":
        return "stalled"
    return "advanced" if moved_forward(before, after) else "stalled"


def classify(recommendations: pd.DataFrame, updates: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The report: one row per recommendation considered, with its state at the start and
    at the end of the period, how many updates it had within it, and its category.

    `recommendations` has at least id, meeting_date, initial_status, initial_progress
    (queries.meetings.between_recommendations); `updates` has recommendation_id, date, id,
    status, progress (queries.meetings.between_updates). Other columns are kept.
    """
    history: dict[int, list[Update]] = {}
    for row in updates.itertuples(index=False):
        history.setdefault(int(row.recommendation_id), []).append(
            (_day(row.date), int(row.id), row.status, row.progress)
        )
    rows = []
    for row in recommendations.itertuples(index=False):
        meeting_day = _day(row.meeting_date)
        initial = State(row.initial_status, _number(row.initial_progress))
        entries = history.get(int(row.id), [])
        before = state_on(period.start, meeting_day, initial, entries)
        after = state_on(period.end, meeting_day, initial, entries)
        touched = updates_in(period, meeting_day, entries)
        found = category(before, after, touched)
        if found is None or before is None or after is None:  # None states: no category
            continue
        rows.append(
            {
                **row._asdict(),
                "start_status": before.status,
                "start_progress": before.progress,
                "end_status": after.status,
                "end_progress": after.progress,
                "updates": touched,
                "category": found,
            }
        )
    columns = [
        *recommendations.columns,
        "start_status",
        "start_progress",
        "end_status",
        "end_progress",
        "updates",
        "category",
    ]
    return pd.DataFrame(rows, columns=columns)


def category_counts(report: pd.DataFrame) -> dict[str, int]:
    """How many recommendations fall in each category (every category, zeros included)."""
    counts = report["category"].value_counts() if len(report) else {}
    return {key: int(counts.get(key, 0)) for key in CATEGORIES}


def domain_counts(report: pd.DataFrame) -> pd.DataFrame:
    """One row per domain present (vocabulary order), one column per category, and total."""
    table = pd.crosstab(report["domain"], report["category"]) if len(report) else pd.DataFrame()
    table = table.reindex(columns=list(CATEGORIES), fill_value=0)
    order = [d for d in DOMAIN_KEYS if d in table.index]
    order += sorted(d for d in table.index if d not in DOMAIN_KEYS)
    table = table.reindex(order).fillna(0).astype(int)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table.rename_axis("domain").reset_index()


def consecutive_pairs(meetings: pd.DataFrame) -> pd.DataFrame:
    """Each meeting of a commune with the one before it, in the order they were held.

    `meetings` has commune_id, id, code and date, one commune or several; the result has
    commune_id, earlier_id, earlier_code, earlier_date, later_id, later_code, later_date.
    """
    columns = ["commune_id", "earlier_id", "earlier_code", "earlier_date"]
    columns += ["later_id", "later_code", "later_date"]
    rows = []
    ordered = meetings.sort_values(["commune_id", "date", "id"])
    for _, held in ordered.groupby("commune_id", sort=False):
        for earlier, later in pairwise(held.itertuples(index=False)):
            rows.append(
                (
                    int(earlier.commune_id),
                    int(earlier.id),
                    earlier.code,
                    _day(earlier.date),
                    int(later.id),
                    later.code,
                    _day(later.date),
                )
            )
    return pd.DataFrame(rows, columns=columns)


def pair_ending(pairs: pd.DataFrame, later_code: str):
    """The row of `consecutive_pairs` whose later meeting is `later_code`; None if none."""
    found = pairs[pairs["later_code"] == later_code]
    return None if found.empty else found.iloc[0]


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def _number(value) -> float | None:
    if value is None or value != value:  # NaN from a DataFrame
        return None
    return float(value)
