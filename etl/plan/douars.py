"""The douars' planner: a douar is named by its commune and its name (Arabic first, else
French, matched as musharaka.places.place_key matches a recommendation's location); its
names and coordinates are compared and written. Its commune must exist, in the database
or in this load's meetings or associations: a douar list does not create communes."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update

from etl.plan.base import Candidate, Field, TablePlanner, dedupe, fetch, fetch_where, insert_dicts
from musharaka.loader_text import english
from musharaka.models import Commune, Douar
from musharaka.places import place_key
from musharaka.text import fold

FIELDS = (Field("name_ar"), Field("name_fr"), Field("latitude"), Field("longitude"))


def douar_keys(record: dict) -> tuple[str, str | None]:
    """A douar's key (its Arabic name's place_key, else its French name's) and the other
    key (its French name's, when it has both names)."""
    ar, fr = place_key(record["name_ar"]), place_key(record["name_fr"])
    if ar:
        return ar, fr if fr and fr != ar else None
    assert fr, "the validator requires a name"
    return fr, None


def douar_row(record: dict, origin) -> dict[str, object]:
    """A douar's row as written (its commune apart): the row shaping the load and the
    demo share."""
    key, other = douar_keys(record)
    return {
        "key": key,
        "key_other": other,
        **{name: record[name] for name in ("name_ar", "name_fr", "latitude", "longitude")},
        "source_file": origin.file,
        "source_row": origin.row,
    }


class DouarPlanner(TablePlanner):
    table = "douars"
    model = Douar
    key = "commune"
    fields = FIELDS

    def __init__(self, plan) -> None:
        super().__init__(plan)
        self.commune_keys: set[str] = set()

    def audit_key(self, key, record: dict) -> str:
        return f"{record['commune']} / {record['name_ar'] or record['name_fr']}"

    def resolve(self, candidates: list[Candidate]) -> None:
        plan, report = self.plan, self.report
        named = {fold(c.record["commune"]) for c in candidates}
        stored = {r.key for r in fetch(self.conn, Commune.key, named, Commune.key)}
        known = stored | {fold(c.record["commune"]) for c in plan.meetings.kept.values()}
        known |= {
            fold(c.record["commune"])
            for c in plan.associations.kept.values()
            if c.record["commune"]
        }
        if plan.allowed_communes is not None:
            candidates = plan.rights.douars(candidates)
        valid = []
        for candidate in candidates:
            commune = candidate.record["commune"]
            if fold(commune) not in known:
                message = english("loader_douar_unknown_commune", commune=commune)
                report.reject(
                    candidate.origin, "commune", "unknown_reference", commune, message,
                    record=candidate.record,
                )  # fmt: skip
            else:
                valid.append(candidate)
        self.kept = dedupe(
            valid,
            lambda r: f"{fold(r['commune'])}\x1f{douar_keys(r)[0]}",
            "name_ar",
            report,
        )
        self.commune_keys = {fold(c.record["commune"]) for c in self.kept.values()}
        query = select(Douar.__table__, Commune.key.label("commune_key")).join(
            Commune, Commune.id == Douar.commune_id
        )
        for row in fetch_where(self.conn, query, Commune.key, self.commune_keys):
            entry = {"id": row.id, "compare": self.stored_values(row, {})}
            for key in (row.key, row.key_other):
                if key:
                    self.existing.setdefault(f"{row.commune_key}\x1f{key}", entry)
        self.decide()

    def write(self) -> None:
        ids = dict(fetch(self.conn, Commune.key, self.commune_keys, Commune.key, Commune.id))
        new, changed = [], []
        for candidate in self.to_write:
            r = candidate.record
            row = douar_row(r, candidate.origin)
            old = self.existing.get(f"{fold(r['commune'])}\x1f{row['key']}")
            if old is None:
                new.append({"commune_id": ids[fold(r["commune"])], **row})
            else:
                changed.append({"b_id": old["id"], **row})
        insert_dicts(self.conn, Douar.__table__, new)
        if changed:
            table = Douar.__table__
            self.conn.execute(update(table).where(table.c.id == bindparam("b_id")), changed)
