"""The "achievements between meetings" classification, rule by rule, and its boundaries:
the period runs from the earlier meeting's day (excluded) to the later one's (included)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from musharaka import between
from musharaka.between import Period, State

S = State


@pytest.mark.parametrize(
    ("before", "after", "touched", "expected"),
    [
        # completed: completed at the end and not at the start
        (S("in_progress", 60), S("completed", 100), 1, "completed"),
        (S("not_started"), S("completed", 100), 3, "completed"),
        (S("stalled", 40), S("completed", None), 1, "completed"),
        # ... which brings in a recommendation cancelled at the start and completed since
        (S("cancelled"), S("completed", 100), 1, "completed"),
        # closed at the start and not completed since: not considered
        (S("completed", 100), S("completed", 100), 0, None),
        (S("completed", 100), S("in_progress", 80), 1, None),
        (S("cancelled"), S("cancelled"), 0, None),
        (S("cancelled"), S("in_progress", 10), 1, None),
        # not yet made at the start: not considered
        (None, S("planned"), 0, None),
        # closed with part of the work done during the period: its own category
        (S("in_progress", 40), S("partially_completed", 60), 1, "partially_completed"),
        (S("stalled", 40), S("partially_completed", 40), 1, "partially_completed"),
        # partially completed at the start: closed, not considered unless completed since
        (S("partially_completed", 60), S("partially_completed", 60), 0, None),
        (S("partially_completed", 60), S("completed", 100), 1, "completed"),
        # cancelled during the period
        (S("planned"), S("cancelled"), 1, "cancelled"),
        (S("in_progress", 30), S("cancelled", 30), 2, "cancelled"),
        # untouched: no update within the period, whatever the state
        (S("not_started"), S("not_started"), 0, "untouched"),
        (S("in_progress", 50), S("in_progress", 50), 0, "untouched"),
        (S("stalled", 20), S("stalled", 20), 0, "untouched"),
        # advanced: progress went up or the status moved forward
        (S("not_started"), S("planned"), 1, "advanced"),
        (S("planned"), S("in_progress", 10), 1, "advanced"),
        (S("in_progress", 20), S("in_progress", 50), 2, "advanced"),
        (S("not_started", None), S("not_started", 10), 1, "advanced"),
        (S("stalled", 40), S("in_progress", 40), 1, "advanced"),
        (S("stalled", 40), S("planned", 40), 1, "advanced"),
        # stalled: ends stalled (even with more progress), or touched with nothing moved
        (S("in_progress", 40), S("stalled", 40), 1, "stalled"),
        (S("in_progress", 40), S("stalled", 60), 1, "stalled"),
        (S("stalled", 40), S("stalled", 40), 2, "stalled"),
        (S("in_progress", 40), S("in_progress", 40), 1, "stalled"),
        (S("in_progress", 60), S("in_progress", 40), 1, "stalled"),
        (S("planned"), S("not_started"), 1, "stalled"),
        (S("stalled", 40), S("not_started", 0), 1, "stalled"),
        (S("in_progress", 40), S("in_progress", None), 1, "stalled"),
    ],
)
def test_category(before, after, touched, expected):
    assert between.category(before, after, touched) == expected


A_DAY = dt.date(2020, 1, 10)  # the earlier meeting
B_DAY = dt.date(2020, 6, 10)  # the later meeting
PERIOD = Period(A_DAY, B_DAY)
PLANNED = S("planned", 0)


def _classify(updates: list[tuple[dt.date, int, str, float | None]], meeting_day=A_DAY):
    recommendations = pd.DataFrame(
        [
            {
                "id": 1,
                "code": "R1",
                "domain": "health",
                "meeting_date": meeting_day,
                "initial_status": "planned",
                "initial_progress": 0.0,
            }
        ]
    )
    history = pd.DataFrame(
        [(1, *u) for u in updates],
        columns=["recommendation_id", "date", "id", "status", "progress"],
    )
    report = between.classify(recommendations, history, PERIOD)
    return None if report.empty else report.iloc[0]


D = dt.date


@pytest.mark.parametrize(
    ("updates", "expected"),
    [
        # On the earlier meeting's day: the state that meeting knew, not an achievement.
        ([(A_DAY, 1, "completed", 100)], None),
        ([(A_DAY, 1, "in_progress", 30)], "untouched"),
        ([(A_DAY, 1, "cancelled", None)], None),
        # The day after it: within the period.
        ([(D(2020, 1, 11), 1, "in_progress", 30)], "advanced"),
        # On the later meeting's day: the report to that meeting, within the period.
        ([(B_DAY, 1, "completed", 100)], "completed"),
        ([(B_DAY, 1, "stalled", 0)], "stalled"),
        # After the later meeting: not yet known to it.
        ([(D(2020, 6, 11), 1, "completed", 100)], "untouched"),
        # The last entry within the period decides; equal dates: the one read last.
        ([(D(2020, 2, 1), 1, "in_progress", 50), (D(2020, 5, 1), 2, "stalled", 50)], "stalled"),
        ([(D(2020, 3, 1), 2, "in_progress", 20), (D(2020, 3, 1), 1, "stalled", 0)], "advanced"),
        ([(D(2020, 3, 1), 1, "in_progress", 20), (D(2020, 3, 1), 2, "stalled", 0)], "stalled"),
        # Completed in the period but reopened by the later meeting's day: not completed.
        ([(D(2020, 3, 1), 1, "completed", 100), (B_DAY, 2, "in_progress", 90)], "advanced"),
        # Entries dated before the recommendation's own meeting never count.
        ([(D(2019, 12, 1), 1, "completed", 100)], "untouched"),
        ([], "untouched"),
    ],
)
def test_period_boundaries(updates, expected):
    row = _classify(updates)
    assert (None if row is None else row["category"]) == expected


def test_updates_within_the_period_are_counted_and_the_states_reported():
    row = _classify(
        [
            (A_DAY, 1, "in_progress", 10),  # the start state, not counted
            (D(2020, 3, 1), 2, "in_progress", 40),
            (B_DAY, 3, "in_progress", 70),
            (D(2020, 7, 1), 4, "completed", 100),  # after the period
        ]
    )
    assert row["updates"] == 2
    assert (row["start_status"], row["start_progress"]) == ("in_progress", 10)
    assert (row["end_status"], row["end_progress"]) == ("in_progress", 70)
    assert row["code"] == "R1"  # the listing's columns are kept


def test_a_recommendation_made_at_the_later_meeting_is_not_considered():
    assert _classify([], meeting_day=B_DAY) is None


def test_state_on_uses_the_initial_status_until_an_update():
    history = [(D(2020, 3, 1), 7, "in_progress", 25.0)]
    assert between.state_on(D(2020, 2, 1), A_DAY, PLANNED, history) == PLANNED
    assert between.state_on(D(2020, 3, 1), A_DAY, PLANNED, history) == S("in_progress", 25)
    assert between.state_on(D(2020, 1, 1), A_DAY, PLANNED, history) is None


def test_counts_cover_every_category_and_every_domain_present():
    report = pd.DataFrame(
        {
            "domain": ["health", "health", "education", "roads_transport"],
            "category": ["completed", "untouched", "untouched", "advanced"],
        }
    )
    assert between.category_counts(report) == {
        "completed": 1,
        "partially_completed": 0,
        "advanced": 1,
        "stalled": 0,
        "cancelled": 0,
        "untouched": 2,
    }
    table = between.domain_counts(report)
    # Vocabulary order of domains, every category as a column, and a total.
    assert list(table["domain"]) == ["roads_transport", "education", "health"]
    assert list(table.columns) == ["domain", *between.CATEGORIES, "total"]
    health = table.set_index("domain").loc["health"]
    assert (health["completed"], health["untouched"], health["stalled"], health["total"]) == (
        1,
        1,
        0,
        2,
    )
    empty = report.iloc[0:0]
    assert between.category_counts(empty) == dict.fromkeys(between.CATEGORIES, 0)
    assert between.domain_counts(empty).empty


def test_consecutive_pairs_follow_each_commune_in_the_order_held():
    meetings = pd.DataFrame(
        {
            "commune_id": [1, 2, 1, 1, 2],
            "id": [10, 20, 11, 12, 21],
            "code": ["A2", "B1", "A1", "A3", "B2"],
            "date": [D(2020, 5, 1), D(2021, 1, 1), D(2019, 9, 29), D(2022, 3, 13), D(2023, 1, 1)],
        }
    )
    pairs = between.consecutive_pairs(meetings)
    assert [(p.earlier_code, p.later_code) for p in pairs.itertuples()] == [
        ("A1", "A2"),
        ("A2", "A3"),
        ("B1", "B2"),
    ]
    assert between.pair_ending(pairs, "A3").earlier_code == "A2"
    assert between.pair_ending(pairs, "A1") is None
    assert between.consecutive_pairs(meetings.iloc[0:1]).empty
