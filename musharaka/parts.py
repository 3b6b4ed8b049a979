"""Sub-recommendations: a parent's progress rolled up from its parts, as Decidim rolls a
result's progress up from its sub-results (pure; etl.parts keeps it up to date).

A part counts by its weight (blank: 1). A completed part counts as done (100) whatever its
own progress says; a cancelled one is left out, since it will not be done and should not
hold its parent back; any other part counts by its progress (blank: 0, nothing done yet).
A partially completed part counts by the progress it kept."""

from __future__ import annotations

from collections.abc import Iterable

# (status, progress in percent or None, weight or None) of one part.
Part = tuple[str, float | None, float | None]


def rolled_progress(parts: Iterable[Part]) -> float | None:
    """The weighted mean progress of `parts`, in percent, to one decimal; None when no
    part counts (none, or all cancelled)."""
    done = total = 0.0
    for status, progress, weight in parts:
        if status == "cancelled":
            continue
        share = 1.0 if weight is None else float(weight)
        value = 100.0 if status == "completed" else float(progress or 0.0)
        done += share * value
        total += share
    if total <= 0:
        return None
    return round(done / total, 1)
