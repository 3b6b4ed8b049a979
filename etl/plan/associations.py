"""The associations' planner: an association is named by its name (folded), and its
commune, domain, location and contacts are compared and written."""

from __future__ import annotations

from sqlalchemy import bindparam, insert, select, update

from etl.plan.base import Candidate, Field, TablePlanner, dedupe, fetch
from musharaka.models import Association, Commune
from musharaka.text import fold


def _commune_key(record: dict, old: dict | None) -> str | None:
    return fold(record["commune"]) if record["commune"] else None


FIELDS = (
    Field(
        "commune",
        column="",
        incoming=_commune_key,
        stored=lambda row, communes: communes.get(row.commune_id) if row.commune_id else None,
    ),
    Field("domain"),
    Field("location"),
    Field("phone"),
    Field("email"),
)


def details(record: dict, origin, commune_ids: dict[str, int]) -> dict[str, object]:
    """What an association's row of a file writes over its record: the row shaping the
    load and the demo share."""
    commune = record.get("commune")
    return {
        "commune_id": commune_ids.get(fold(commune)) if commune else None,
        **{name: record.get(name) for name in ("domain", "location", "phone", "email")},
        "source_file": origin.file,
        "source_row": origin.row,
    }


class AssociationPlanner(TablePlanner):
    table = "associations"
    model = Association
    key = "name"
    fields = FIELDS

    def resolve(self, candidates: list[Candidate]) -> None:
        if self.plan.allowed_communes is not None:
            candidates = self.plan.rights.associations(candidates)
        self.kept = dedupe(candidates, lambda r: fold(r["name"]), "name", self.report)
        rows = fetch(self.conn, Association.key, self.kept, Association.__table__)
        communes = dict(self.conn.execute(select(Commune.id, Commune.key)).all())
        self.existing = {
            row.key: {"id": row.id, "compare": self.stored_values(row, communes)} for row in rows
        }
        self.decide()

    def audit_key(self, key, record: dict) -> str:
        return record["name"]

    def write(self, commune_ids: dict[str, int]) -> dict[str, int]:
        """Every association named by this load (its own rows, a meeting's, a
        recommendation's proposers): created by name when new, then the details of the
        association rows written. Association key -> id."""
        plan = self.plan
        names: dict[str, str] = {}
        for candidate in self.to_write:
            names.setdefault(fold(candidate.record["name"]), candidate.record["name"])
        for candidate in plan.meetings.to_write:
            for name in candidate.record["associations"]:
                names.setdefault(fold(name), name)
        for key, name in plan.recommendations.proposer_names.items():
            names.setdefault(key, name)
        rows = fetch(self.conn, Association.key, names, Association.id, Association.key)
        ids = {r.key: r.id for r in rows}
        new = [{"key": k, "name": n} for k, n in names.items() if k not in ids]
        if new:
            self.conn.execute(insert(Association), new)
            for row in fetch(
                self.conn, Association.key, [n["key"] for n in new], Association.id, Association.key
            ):
                ids[row.key] = row.id
        written = [
            {"b_id": ids[fold(c.record["name"])], **details(c.record, c.origin, commune_ids)}
            for c in self.to_write
        ]
        if written:
            table = Association.__table__
            self.conn.execute(update(table).where(table.c.id == bindparam("b_id")), written)
        return ids
