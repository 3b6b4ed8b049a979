"""The commune each rejected row belongs to, as far as its own cells tell (its commune,
else its meeting's, else its recommendation's). A rejected row is kept as it was read,
personal data included: an editor is shown only the rejected rows of their communes, and
a row whose commune cannot be told is shown to admins only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection

from etl.plan.base import fetch
from etl.report import Ref
from musharaka.communes import CommuneNames
from musharaka.models import Meeting, Recommendation


def _lookup(conn: Connection, key_column, id_column, keys: Iterable[str]) -> dict[str, int]:
    return dict(fetch(conn, key_column, set(keys), key_column, id_column))


def reject_communes(conn: Connection, refs: Sequence[Ref]) -> list[int | None]:
    """The commune id of each rejected row (None: its commune cannot be told), read in
    the load's transaction once its rows are written."""
    # A commune by any of its names (an alias, another spelling): musharaka.communes.
    names = CommuneNames.read(conn) if any(c for c, _, _ in refs) else None
    meetings = _lookup(conn, Meeting.code, Meeting.commune_id, (m for _, m, _ in refs if m))
    recommendations = _lookup(
        conn, Recommendation.code, Recommendation.commune_id, (r for _, _, r in refs if r)
    )
    found: list[int | None] = []
    for commune, meeting, recommendation in refs:
        if commune and names is not None:  # what the row says, whatever its meeting says
            place = names.find(commune)
            found.append(place.id if place is not None else None)
        elif meeting:
            found.append(meetings.get(meeting))
        elif recommendation:
            found.append(recommendations.get(recommendation))
        else:
            found.append(None)
    return found
