"""Which commune a command-line option names: its id, or any of its names (its name,
Arabic, French, an alias; matched as musharaka.communes matches a file's commune column)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from musharaka.communes import CommuneNames
from musharaka.models import Commune


def find_commune(conn: Connection, given: str) -> tuple[int, str] | None:
    """(id, name) of the commune `given` names, or None when none does."""
    text = given.strip()
    if text.isdigit():
        query = select(Commune.id, Commune.name).where(Commune.id == int(text))
        by_id = conn.execute(query).first()
        if by_id is not None:
            return by_id.id, by_id.name
    place = CommuneNames.read(conn).find(text)
    if place is None or place.id is None:
        return None
    name = conn.execute(select(Commune.name).where(Commune.id == place.id)).scalar_one()
    return place.id, name
