"""Issue 18's promise: on data without its new columns (no part, no partially completed
recommendation, no stall reason, no action programme line), every figure that existed
before it still has its old value.

The old values are those commit f241a2e's code (before issue 18 started) gave for the
bundled sample, recorded in tests/fixtures/figures_before_issue_18.json by
tests/reader_figures.py, which calls the same public functions by reference. Here today's
code reads the same sample on both engines through the same module.

Issue 18 added "partially completed" as a status and a category: a count of it is new
(not a figure that existed before), so it is allowed beside the old ones, and must be 0
on this data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reader_figures import figures_of

RECORDED = Path(__file__).parent / "fixtures" / "figures_before_issue_18.json"
# Counts that issue 18 added: none of them is a figure that existed before.
NEW_COUNTS = ("partially_completed",)


def differences(before, now, where: str = "") -> list[str]:
    """Every place where `now` does not give the value `before` recorded, as
    "path: before -> now" lines. A key of NEW_COUNTS may appear in `now` only as 0."""
    if isinstance(before, dict) and isinstance(now, dict):
        found = [f"{where}/{key}: missing now" for key in before if key not in now]
        for key in now:
            if key in before:
                found += differences(before[key], now[key], f"{where}/{key}")
            elif key not in NEW_COUNTS:
                found.append(f"{where}/{key}: new, {now[key]!r}")
            elif now[key] != 0:
                found.append(f"{where}/{key}: {now[key]!r} on data that has none")
        return found
    if isinstance(before, list) and isinstance(now, list):
        if len(before) != len(now):
            return [f"{where}: {len(before)} rows before -> {len(now)} now"]
        return [
            line
            for index, (old, new) in enumerate(zip(before, now, strict=True))
            for line in differences(old, new, f"{where}[{index}]")
        ]
    return [] if before == now else [f"{where}: {before!r} -> {now!r}"]


@pytest.fixture(scope="module")
def recorded() -> dict:
    figures = json.loads(RECORDED.read_text(encoding="utf-8"))
    del figures["_about"]
    return figures


@pytest.fixture
def figures_now(engine, sample_url) -> dict:
    """Today's code's figures of the sample, on each engine."""
    return figures_of(engine)


SECTIONS = {
    "days": "key figures of every filter (overview, meeting, association, public display)",
    "rollups": "the comparison of regions, provinces and communes with its rates",
    "counts": "by domain and status, by domain, the list's length",
    "over_time": "completion by year and by meeting, latest updates and completions",
    "communes": "meetings per commune",
    "meetings": "recommendations and completed per meeting",
    "associations": "proposed, completed, attended per association",
    "between": "achieved between meetings, and the council report's figures",
}


def test_every_section_recorded_is_compared(recorded):
    assert set(recorded) == set(SECTIONS)


def test_every_figure_is_as_before(recorded, figures_now):
    """One load per engine, every section compared: the failure lists each figure that
    moved, by section, so a reviewer sees the whole change at once."""
    moved = {
        section: differences(recorded[section], figures_now[section], section)
        for section in SECTIONS
    }
    report = [f"{SECTIONS[s]}:\n  " + "\n  ".join(lines) for s, lines in moved.items() if lines]
    assert not report, "figures that moved since f241a2e:\n" + "\n".join(report)


def test_a_moved_figure_is_caught(recorded):
    """The comparison sees one overdue recommendation more, and a count of partially
    completed recommendations where the sample has none."""
    day = next(iter(recorded["days"]))
    moved = json.loads(json.dumps(recorded["days"]))
    moved[day]["all"]["key_figures"]["overdue"] += 1
    moved[day]["all"]["key_figures"]["by_status"]["partially_completed"] = 1
    moved[day]["all"]["key_figures"]["by_status"]["stalled_since"] = 0
    assert sorted(differences(recorded["days"], moved, "days")) == [
        f"days/{day}/all/key_figures/by_status/partially_completed: 1 on data that has none",
        f"days/{day}/all/key_figures/by_status/stalled_since: new, 0",
        f"days/{day}/all/key_figures/overdue: "
        f"{recorded['days'][day]['all']['key_figures']['overdue']} -> "
        f"{recorded['days'][day]['all']['key_figures']['overdue'] + 1}",
    ]
