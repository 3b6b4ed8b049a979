"""The meetings' planner: a meeting is named by its meeting_id; its commune (created when
new), province, date, details and the associations present are compared and written."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select, update

from etl.plan.base import (
    PLACE_FIELDS,
    Candidate,
    Field,
    TablePlanner,
    association_links,
    copied,
    dedupe,
    fetch,
    fetch_where,
    has_rows,
    insert_dicts,
    place_values,
    relink,
    update_versioned,
)
from musharaka.models import Commune, Meeting, Recommendation, meeting_associations
from musharaka.text import fold

FIELDS = (
    Field(
        "commune",
        column="",
        incoming=lambda record, old: fold(record["commune"]),
        stored=lambda row, links: row.commune_key,
    ),
    # A blank province keeps the one the commune has.
    Field(
        "province",
        column="",
        incoming=lambda record, old: record["province"] or old["province"],
        stored=lambda row, links: row.commune_province,
    ),
    Field("date"),
    Field("title"),
    Field("kind"),
    Field("edition"),
    Field("location"),
    Field("chair"),
    Field("facilitator"),
    Field("participants"),
    Field(
        "associations",
        column="",
        incoming=lambda record, old: tuple(fold(a) for a in record["associations"]),
        stored=lambda row, links: links.get(row.id, ()),
    ),
    Field("summary"),
    Field("source_url"),
    *PLACE_FIELDS,
)
COPIED = copied(FIELDS)


def values(
    record: dict, origin, commune_id: int, now: dt.datetime, old: dict | None = None
) -> dict[str, object]:
    """A meeting's row as written, from its record: the row shaping the load and the demo
    share (the code and the links apart). `old`: the stored meeting, if any."""
    return {
        "commune_id": commune_id,
        **{name: record[name] for name in COPIED},
        **place_values(record, old),
        "source_file": origin.file,
        "source_row": origin.row,
        "updated_at": now,
    }


class MeetingPlanner(TablePlanner):
    table = "meetings"
    model = Meeting
    key = "meeting_id"
    fields = FIELDS

    def __init__(self, plan) -> None:
        super().__init__(plan)
        self.moved: set[str] = set()  # meetings whose date changes: their recommendations'
        self.ids: dict[str, int] = {}  # current state is computed again

    def resolve(self, candidates: list[Candidate]) -> None:
        if self.plan.allowed_communes is not None:
            candidates = self.plan.rights.meetings(candidates)
        self.kept = kept = dedupe(candidates, lambda r: r["meeting_id"], "meeting_id", self.report)
        codes = list(kept) if has_rows(self.conn, Meeting) else []
        query = select(
            Meeting.__table__,
            Commune.key.label("commune_key"),
            Commune.province.label("commune_province"),
        ).join(Commune, Commune.id == Meeting.commune_id)
        rows = fetch_where(self.conn, query, Meeting.code, codes)
        links = association_links(
            self.conn, meeting_associations, "meeting_id", [r.id for r in rows]
        )
        for row in rows:
            self.existing[row.code] = {
                "id": row.id,
                "commune_id": row.commune_id,  # its commune before this load
                "date": row.date,
                "province": row.commune_province,
                "latitude": row.latitude,
                "longitude": row.longitude,
                "compare": self.stored_values(row, links),
            }
        self.decide()
        self.moved = {
            code
            for code, candidate in kept.items()
            if code in self.existing and self.existing[code]["date"] != candidate.record["date"]
        }

    def write(self, commune_ids, association_ids, now) -> dict[str, int]:
        table = Meeting.__table__
        new, changed = [], []
        for candidate in self.to_write:
            r = candidate.record
            old = self.existing.get(r["meeting_id"])
            row = values(r, candidate.origin, commune_ids[fold(r["commune"])], now, old)
            if old is None:
                new.append({"code": r["meeting_id"], **row})
            else:
                changed.append({"b_id": old["id"], **row})
        insert_dicts(self.conn, table, new)
        update_versioned(self.conn, table, changed)
        if changed:
            # Recommendations carry a copy of their meeting's commune: a corrected commune
            # moves the meeting's recommendations with it.
            recommendations = Recommendation.__table__
            self.conn.execute(
                update(recommendations)
                .where(recommendations.c.meeting_id == bindparam("b_id"))
                .values(commune_id=bindparam("b_commune_id")),
                [{"b_id": c["b_id"], "b_commune_id": c["commune_id"]} for c in changed],
            )
        codes = set(self.kept) | self.plan.recommendations.kept_meetings()
        self.ids = {
            r.code: r.id for r in fetch(self.conn, Meeting.code, codes, Meeting.id, Meeting.code)
        }
        relink(
            self.conn,
            meeting_associations,
            "meeting_id",
            [(self.ids[c.record["meeting_id"]], c.record["associations"]) for c in self.to_write],
            association_ids,
        )
        return self.ids
