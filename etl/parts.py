"""Keeping sub-recommendations' parents up to date: after a load or a form changes some
recommendations, their current state is read again from their history (etl.current),
and every parent above them has its progress rolled up from its parts by their weights
(musharaka.parts), the deepest parents first, so that a grandparent counts its children's
new progress. A recommendation that has parts is refreshed once, with its rolled-up
progress: followers are told of one change, not of its own history's then its parts'."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from etl.current import refresh_current_status
from etl.plan.base import fetch
from musharaka.models import Recommendation
from musharaka.parts import Part, rolled_progress


def levels(touched: Iterable[str], parent_of: dict[str, str], parents: set[str]) -> dict[str, int]:
    """Each parent to refresh, with its height above the touched recommendations (pure):
    a touched parent 0, its parent 1 or more. A parent is refreshed after every parent
    below it; `parent_of` maps a part's code to its parent's (the load refuses loops; a
    walk still stops after as many steps as there are parts)."""
    height: dict[str, int] = {}
    for code in touched:
        if code in parents:
            height[code] = max(height.get(code, 0), 0)
        current, depth = parent_of.get(code), 1
        while current is not None and depth <= len(parent_of):
            height[current] = max(height.get(current, 0), depth)
            current, depth = parent_of.get(current), depth + 1
    return height


def refresh_with_parents(
    conn: Connection,
    refreshed: Iterable[int],
    unchanged: Iterable[int] = (),
    former_parents: Iterable[str] = (),
) -> None:
    """Refresh the `refreshed` recommendations' current state, then roll up the progress
    of every parent above them or above the `unchanged` ones (inserted with their state
    already decided), and of `former_parents` (that a part left)."""
    refreshed = set(refreshed)
    R = Recommendation
    query = select(R.id, R.code, R.parent_code).where(R.parent_code.is_not(None))
    parent_of: dict[str, str] = {}
    code_of: dict[int, str] = {}
    for rec_id, code, parent in conn.execute(query):
        if parent is not None:  # as the query asks: said again for the type checker
            parent_of[code] = parent
            code_of[rec_id] = code
    parents = set(parent_of.values())
    if not parents and not former_parents:  # no sub-recommendation anywhere: the usual case
        refresh_current_status(conn, sorted(refreshed))
        return
    ids = dict(fetch(conn, R.code, parents | set(former_parents), R.code, R.id))
    code_of.update((rec_id, code) for code, rec_id in ids.items())
    touched = [code_of[i] for i in (*refreshed, *unchanged) if i in code_of]
    height = levels([*touched, *former_parents], parent_of, parents)
    for code in former_parents:
        height.setdefault(code, 0)
    above = {ids[code] for code in height if code in ids}
    refresh_current_status(conn, sorted(refreshed - above))
    for level in sorted(set(height.values())):
        codes = [code for code, h in height.items() if h == level and code in ids]
        parts: dict[str, list[Part]] = {code: [] for code in codes}
        columns = (R.parent_code, R.current_status, R.current_progress, R.weight)
        for parent, status, progress, weight in fetch(conn, R.parent_code, codes, *columns):
            parts[parent].append((status, progress, weight))
        # A former parent with no part left, or with only cancelled ones, goes back to
        # its own history's progress: nothing is rolled up for it.
        rolled = {
            ids[code]: mean for code, p in parts.items() if (mean := rolled_progress(p)) is not None
        }
        refresh_current_status(conn, sorted(ids[code] for code in codes), rolled)
