"""Communes as a load creates them: named by a meeting (or an association) row, with the
province the row gives. The row shaping the load and the demo share."""

from __future__ import annotations

from sqlalchemy import Connection, insert, update

from etl.plan.base import Candidate, fetch
from musharaka import geography
from musharaka.models import Commune
from musharaka.text import fold, has_arabic


def place_values(province: str | None) -> dict[str, object]:
    """A commune's province and the keys of its province and region (when known)."""
    place = geography.province_by_name(province) if province else None
    return {
        "province": province,
        "province_key": place.key if place else None,
        "region_key": place.region if place else None,
    }


def new_commune(name: str, province: str | None) -> dict[str, object]:
    """A new commune's row: its name is Arabic or French by its letters."""
    arabic = has_arabic(name)
    return {
        "key": fold(name),
        "name": name,
        "name_ar": name if arabic else None,
        "name_fr": None if arabic else name,
        **place_values(province),
    }


def write_communes(
    conn: Connection, meetings: list[Candidate], associations: list[Candidate]
) -> dict[str, int]:
    """The communes the written meetings and associations name, created when new; a
    meeting's province updates its commune's. Commune key -> id."""
    wanted: dict[str, tuple[str, str | None]] = {}
    for candidate in meetings:
        r = candidate.record
        wanted[fold(r["commune"])] = (r["commune"], r["province"])
    for candidate in associations:
        r = candidate.record
        if r["commune"]:
            wanted.setdefault(fold(r["commune"]), (r["commune"], None))
    rows = fetch(conn, Commune.key, wanted, Commune.id, Commune.key, Commune.province)
    ids = {r.key: r.id for r in rows}
    provinces = {r.key: r.province for r in rows}
    new = []
    for key, (name, province) in wanted.items():
        if key not in ids:
            new.append(new_commune(name, province))
        elif province and province != provinces[key]:
            conn.execute(
                update(Commune).where(Commune.id == ids[key]).values(**place_values(province))
            )
    if new:
        conn.execute(insert(Commune), new)
        for row in fetch(conn, Commune.key, [n["key"] for n in new], Commune.id, Commune.key):
            ids[row.key] = row.id
    return ids
