"""Which commune a command-line option names: its id, or its name in any of its spellings
(matched as headers are: case, accents, hamzas and spaces do not matter)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from musharaka.models import Commune
from musharaka.text import fold


def find_commune(conn: Connection, given: str) -> tuple[int, str] | None:
    """(id, name) of the commune `given` names, or None when none does."""
    text = given.strip()
    if text.isdigit():
        query = select(Commune.id, Commune.name).where(Commune.id == int(text))
        by_id = conn.execute(query).first()
        if by_id is not None:
            return by_id.id, by_id.name
    wanted = fold(text)
    for row in conn.execute(
        select(Commune.id, Commune.name, Commune.key, Commune.name_ar, Commune.name_fr)
    ):
        if wanted in {row.key, fold(row.name), fold(row.name_ar or ""), fold(row.name_fr or "")}:
            return row.id, row.name
    return None
