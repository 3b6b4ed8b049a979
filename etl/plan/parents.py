"""A recommendation's parent (parent_id): it must exist, in the database or this load,
and a recommendation cannot be a part of itself. Checked over what the planner keeps of
its rows (their codes and the parents they name), not their records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from etl.plan.base import fetch
from etl.plan.spill import SKIP
from musharaka.loader_text import english
from musharaka.models import Recommendation

if TYPE_CHECKING:
    from etl.plan.recommendations import RecommendationPlanner


def _parent_of_kept(planner: RecommendationPlanner, code: str) -> tuple[bool, str | None]:
    """Whether a kept row names its parent (has the column), and which."""
    place = planner.kept.get(code)
    if place is None or not planner.has_parent_column[place]:
        return False, None
    named = planner.parent_at.get(place)
    return True, named[1] if named else None


def check_parents(planner: RecommendationPlanner) -> None:
    """A recommendation under a parent (parent_id) needs that parent in the database or
    among this load's recommendations, and cannot be a part of itself; otherwise it is
    rejected (unknown_reference), and so are the parts of a rejected parent."""
    kept, parent_at = planner.kept, planner.parent_at
    named = {parent for _, parent in parent_at.values()}
    if not named:
        return
    parents: dict[str, str | None] = dict(
        fetch(
            planner.conn,
            Recommendation.code,
            named,
            Recommendation.code,
            Recommendation.parent_code,
        )
    )
    in_database = set(parents)

    def parent_of(code: str) -> str | None:
        has_column, parent = _parent_of_kept(planner, code)
        if has_column:
            return parent
        if code not in parents:
            row = planner.conn.execute(
                select(Recommendation.parent_code).where(Recommendation.code == code)
            ).first()
            parents[code] = row[0] if row else None
        return parents[code]

    def in_a_loop(code: str) -> bool:
        seen, current = {code}, parent_of(code)
        while current is not None and current not in seen:
            seen.add(current)
            current = parent_of(current)
        return current == code

    rejected = planner.report.rejected_ids.setdefault("recommendations", set())
    refused: list[tuple[int, str, str]] = []  # place, parent, why: in order
    removed = True
    while removed:
        removed = False
        for place, (code, parent) in list(parent_at.items()):
            if parent not in kept and parent not in in_database:
                unknown = (
                    "loader_unknown_parent_rejected"
                    if parent in rejected
                    else "loader_unknown_parent"
                )
                message = english(unknown, code=parent)
            elif in_a_loop(code):
                message = english("loader_parent_loop", code=parent, child=code)
            else:
                continue
            refused.append((place, parent, message))
            rejected.add(code)
            del kept[code], parent_at[place]
            planner.flags[place] = SKIP
            removed = True
    rows = planner.valid.at({place for place, _, _ in refused})
    for place, parent, message in refused:
        candidate = rows[place]
        planner.report.reject(
            candidate.origin,
            "parent_id",
            "unknown_reference",
            parent,
            message,
            record=candidate.record,
        )
