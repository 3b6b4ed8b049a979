"""Communes in a load: first, every row's commune resolved to the commune it names, by
any of its names (musharaka.communes), so that the planners after it know a commune by
one name only; then the communes the written meetings and associations name created when
new. The row shaping the load and the demo share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, update

from etl.plan.base import Candidate, fetch
from musharaka import communes as names
from musharaka import geography
from musharaka.audit import Change
from musharaka.models import Commune
from musharaka.text import fold, has_arabic

if TYPE_CHECKING:
    from etl.plan.orchestrator import Plan

# The tables whose rows name a commune, parents first: a meeting gives its province.
NAMING_TABLES = ("meetings", "associations", "douars")


def place_values(province: str | None) -> dict[str, object]:
    """A commune's province and the keys of its province and region (when known)."""
    place = geography.province_by_name(province) if province else None
    return {
        "province": province,
        "province_key": place.key if place else None,
        "region_key": place.region if place else None,
    }


def new_commune(name: str, province: str | None) -> dict[str, object]:
    """A new commune's row: the reference list's code and names when it knows the name
    (and its province, when the row gives none); else its name is Arabic or French by its
    letters."""
    ref = names.reference_named(name, province)
    if ref is not None:
        official = {"code": ref.code, "name_ar": ref.name_ar, "name_fr": ref.name_fr}
        where = place_values(province or ref.province)
        return {"key": fold(name), "name": name, **official, **where}
    arabic = has_arabic(name)
    return {
        "key": fold(name),
        "name": name,
        "name_ar": name if arabic else None,
        "name_fr": None if arabic else name,
        "code": None,
        **place_values(province),
    }


class CommuneResolution:
    """The first step of a plan: each row's `commune` rewritten as the name of the commune
    it names (whose folded form is that commune's key), or the row refused when the name is
    only close to a known commune (unknown_value, naming it and how to add the alias).
    The communes and the reference list are read once per load; each name once."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._names: names.CommuneNames | None = None

    @property
    def names(self) -> names.CommuneNames:
        if self._names is None:
            self._names = names.CommuneNames.read(self.plan.conn)
        return self._names

    def resolve(self, accepted: dict[str, list[Candidate]]) -> None:
        report = self.plan.report
        decided: dict[tuple[str, str | None], names.Resolution] = {}
        for table in NAMING_TABLES:
            kept = []
            for candidate in accepted.get(table, []):
                record = candidate.record
                written = record.get("commune")
                if not written:
                    kept.append(candidate)
                    continue
                place = (written, record.get("province"))
                result = decided.get(place)
                if result is None:
                    result = decided[place] = self.names.resolve(*place)
                if result.name is not None:
                    record["commune"] = result.name
                    kept.append(candidate)
                    continue
                message = names.near_message(written, result.near)
                report.reject(
                    candidate.origin, "commune", "unknown_value", written, message, record=record
                )
                if table == "meetings":
                    report.rejected_ids.setdefault("meetings", set()).add(record["meeting_id"])
            accepted[table] = kept

    def names_of(self, key: str) -> frozenset[str]:
        """Every folded name of the commune whose key is `key`."""
        return self.names.names_of(key)

    def fills(self) -> dict[int, dict[str, str]]:
        return self._names.fills if self._names is not None else {}


def write_communes(
    conn: Connection,
    meetings: list[Candidate],
    associations: list[Candidate],
    fills: dict[int, dict[str, str]] | None = None,
) -> tuple[dict[str, int], list[Change]]:
    """The communes the written meetings and associations name, created when new; a
    meeting's province updates its commune's; `fills` (commune id -> values) give
    communes of the database the code and names the reference list knows them by.
    Commune key -> id, and the changes to existing communes for the audit log."""
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
    changes = []
    keys = {commune_id: key for key, commune_id in ids.items()}
    for commune_id, values in sorted((fills or {}).items()):
        conn.execute(update(Commune).where(Commune.id == commune_id).values(**values))
        key = keys.get(commune_id, str(commune_id))
        changes.append(Change("communes", key, "update", dict.fromkeys(values), dict(values)))
    if new:
        conn.execute(insert(Commune), new)
        for row in fetch(conn, Commune.key, [n["key"] for n in new], Commune.id, Commune.key):
            ids[row.key] = row.id
    return ids, changes
