"""The recommendations' planner: a recommendation is named by its recommendation_id; it
needs its meeting (in the database or this load; for a table without a meeting column,
the one where the table is names: etl.plan.meeting_hints), a target date not before that meeting,
and a parent that exists and is not one of its parts. Its current state is decided here
for a new recommendation, from the history this load brings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from etl.current import latest_state
from etl.plan.base import (
    PLACE_FIELDS,
    WRITE_CHUNK,
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
    join_list,
    place_values,
    reject_before_meeting,
    relink,
    update_versioned,
)
from etl.plan.meeting_hints import assign_meetings
from musharaka.dates import latest_update_day
from musharaka.loader_text import english
from musharaka.models import Meeting, Recommendation, recommendation_proposers
from musharaka.places import place_key
from musharaka.text import fold, search_key


def parent_code(record: dict, old: dict | None) -> str | None:
    """The parent a recommendation is written with: its row's parent_id when the row has
    the column, else the one it has (files and forms without the column keep it)."""
    if "parent_id" in record:
        return record["parent_id"]
    return old["parent"] if old else None


def weight(record: dict, old: dict | None) -> float | None:
    """The weight a recommendation is written with: as `parent_code`, its row's when the
    row has the column, else the one it has."""
    if "weight" in record:
        return record["weight"]
    return old["weight"] if old else None


def initial_stall_reason(record: dict, old: dict | None) -> str | None:
    """The reason given with a recommendation's initial status: its row's when the row has
    the column, else the one it has (files and forms without the column keep it)."""
    if "stall_reason" in record:
        return record["stall_reason"]
    return old["stall_reason"] if old else None


def _kept(name: str):
    """An action programme field as a row gives it, or the stored one when the row has no
    such column (a file or form without it: etl.validate._programme)."""
    return lambda record, old: record[name] if name in record else old[name]


def programme_values(record: dict, old: dict | None) -> dict[str, str | None]:
    """The action programme's fields a row writes: its own, else those stored."""
    return {
        name: record[name] if name in record else (old[name] if old else None) for name in PROGRAMME
    }


PROGRAMME = ("pac_ref", "budget_line", "partner_institution")

FIELDS = (
    Field("meeting_id", column="", stored=lambda row, links: row.meeting_code),
    Field("domain"),
    Field("domain_text"),
    Field("title"),
    Field("description"),
    Field(
        "proposed_by",
        column="",
        incoming=lambda record, old: tuple(fold(a) for a in record["proposed_by"]),
        stored=lambda row, links: links.get(row.id, ()),
    ),
    Field("responsible"),
    Field("partners", incoming=lambda record, old: join_list(record["partners"])),
    Field("location"),
    Field("priority"),
    Field(
        "budget_mad",
        stored=lambda row, links: (
            None if row.budget_mad is None else round(float(row.budget_mad), 2)
        ),
    ),
    Field("target_date"),
    # A file's status and progress are the recommendation's state when it was made.
    Field("status", column="initial_status"),
    Field("progress", column="initial_progress"),
    Field("parent_id", column="parent_code", incoming=parent_code),
    Field("weight", incoming=weight),
    Field("stall_reason", column="initial_stall_reason", incoming=initial_stall_reason),
    *PLACE_FIELDS,
    *(Field(name, incoming=_kept(name)) for name in PROGRAMME),
)
COPIED = copied(FIELDS)


def values(
    record: dict,
    origin,
    meeting_id: int,
    commune_id: int,
    parent: str | None,
    now: dt.datetime,
    old: dict | None = None,
) -> dict[str, object]:
    """A recommendation's row as written, from its record: the row shaping the load and
    the demo share (the code, the current state and the proposers apart). `old`: the
    stored recommendation, if any."""
    partners = join_list(record["partners"])
    return {
        "meeting_id": meeting_id,
        "commune_id": commune_id,
        **{name: record[name] for name in COPIED},
        "partners": partners,
        "search_text": search_key(
            record["recommendation_id"],
            record["title"],
            record["description"],
            record["location"],
            record["responsible"],
            partners,
        ),
        "initial_status": record["status"],
        "initial_progress": record["progress"],
        "initial_stall_reason": initial_stall_reason(record, old),
        "parent_code": parent,
        "weight": weight(record, old),
        **place_values(record, old),
        **programme_values(record, old),
        "place_key": place_key(record["location"]),
        "source_file": origin.file,
        "source_row": origin.row,
        "updated_at": now,
    }


class RecommendationPlanner(TablePlanner):
    table = "recommendations"
    model = Recommendation
    key = "recommendation_id"
    fields = FIELDS

    def __init__(self, plan) -> None:
        super().__init__(plan)
        # The date of every meeting a row of this load names, as this load leaves it.
        self.meeting_dates: dict[str, dt.date] = {}
        self.ids: dict[str, int] = {}
        self.inserted_ids: set[int] = set()  # the recommendations this load inserted
        # The parents that a part of theirs left (its row named another parent or none):
        # their progress is rolled up again from the parts they have left (etl.parts).
        self.former_parents: set[str] = set()

    def resolve(self, candidates: list[Candidate]) -> None:
        plan, report = self.plan, self.report
        candidates = assign_meetings(plan, candidates)
        loaded_meetings = plan.meetings.kept
        rejected_meetings = report.rejected_ids.get("meetings", set())
        referenced = {c.record["meeting_id"] for c in candidates} - set(loaded_meetings)
        meeting_dates = dict(fetch(self.conn, Meeting.code, referenced, Meeting.code, Meeting.date))
        meeting_dates.update((code, c.record["date"]) for code, c in loaded_meetings.items())
        self.meeting_dates = meeting_dates
        valid = []
        for candidate in candidates:
            meeting_id = candidate.record["meeting_id"]
            if meeting_id in meeting_dates:
                if not reject_before_meeting(
                    report, candidate, "target_date", meeting_dates[meeting_id]
                ):
                    valid.append(candidate)
                continue
            unknown = (
                "loader_unknown_meeting_rejected"
                if meeting_id in rejected_meetings
                else "loader_unknown_meeting"
            )
            report.reject(
                candidate.origin,
                "meeting_id",
                "unknown_reference",
                meeting_id,
                english(unknown, code=meeting_id),
                record=candidate.record,
            )
            rejected_here = report.rejected_ids.setdefault("recommendations", set())
            rejected_here.add(candidate.record["recommendation_id"])
        if plan.allowed_communes is not None:
            valid = plan.rights.recommendations(valid, loaded_meetings)
        kept = dedupe(valid, lambda r: r["recommendation_id"], "recommendation_id", report)
        self._check_parents(kept)
        self.kept = kept
        # A first load has nothing to compare with: no lookups, row after row.
        codes = list(kept) if has_rows(self.conn, Recommendation) else []
        query = select(Recommendation.__table__, Meeting.code.label("meeting_code")).join(
            Meeting, Meeting.id == Recommendation.meeting_id
        )
        rows = fetch_where(self.conn, query, Recommendation.code, codes)
        links = association_links(
            self.conn, recommendation_proposers, "recommendation_id", [r.id for r in rows]
        )
        for row in rows:
            self.existing[row.code] = {
                "id": row.id,
                "parent": row.parent_code,
                "weight": row.weight,
                "stall_reason": row.initial_stall_reason,
                "latitude": row.latitude,
                "longitude": row.longitude,
                **{name: getattr(row, name) for name in PROGRAMME},
                "compare": self.stored_values(row, links),
            }
        self.decide()

    def _check_parents(self, kept: dict[str, Candidate]) -> None:
        """A recommendation under a parent (parent_id) needs that parent in the database or
        among this load's recommendations, and cannot be a part of itself; otherwise it is
        rejected (unknown_reference), and so are the parts of a rejected parent."""
        named = {c.record.get("parent_id") for c in kept.values()} - {None}
        if not named:
            return
        parents: dict[str, str | None] = dict(
            fetch(
                self.conn,
                Recommendation.code,
                named,
                Recommendation.code,
                Recommendation.parent_code,
            )
        )
        in_database = set(parents)

        def parent_of(code: str) -> str | None:
            candidate = kept.get(code)
            if candidate is not None and "parent_id" in candidate.record:
                return candidate.record["parent_id"]
            if code not in parents:
                row = self.conn.execute(
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

        rejected = self.report.rejected_ids.setdefault("recommendations", set())
        removed = True
        while removed:
            removed = False
            for code, candidate in list(kept.items()):
                parent = candidate.record.get("parent_id")
                if parent is None:
                    continue
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
                self.report.reject(
                    candidate.origin,
                    "parent_id",
                    "unknown_reference",
                    parent,
                    message,
                    record=candidate.record,
                )
                rejected.add(code)
                del kept[code]
                removed = True

    def write(self, meeting_ids, association_ids, now) -> set[int]:
        """Insert and update; the ids of the updated recommendations (their current state
        is read again)."""
        conn, existing = self.conn, self.existing
        table = Recommendation.__table__
        meeting_rows = fetch(
            conn,
            Meeting.id,
            set(meeting_ids.values()),
            Meeting.id,
            Meeting.commune_id,
            Meeting.date,
        )
        meeting_info = {r.id: (r.commune_id, r.date) for r in meeting_rows}
        # A new recommendation's whole history is in this load: its current state is
        # decided here, in read order, instead of being read back from the database. Of
        # its updates only the latest (by date, then read order) counts (latest_state):
        # one kept per recommendation, not its whole history.
        until = latest_update_day()
        latest: dict[str, tuple] = {}
        for order, c in enumerate(self.plan.status_updates.to_insert()):
            r = c.record
            code = r["recommendation_id"]
            if code in existing or r["date"] > until:
                continue
            best = latest.get(code)
            if best is None or (r["date"], order) >= best[:2]:
                latest[code] = (
                    r["date"],
                    order,
                    r["status"],
                    r["progress"],
                    r.get("stall_reason"),
                )
        # Rows inserted now get ids above the highest one before: one query finds them all.
        highest = conn.execute(select(func.max(Recommendation.id))).scalar() or 0
        new, changed = [], []
        for candidate in self.to_write:
            r = candidate.record
            code = r["recommendation_id"]
            meeting_id = meeting_ids[r["meeting_id"]]
            commune_id, meeting_date = meeting_info[meeting_id]
            old = existing.get(code)
            parent = parent_code(r, old)
            if old is not None and old["parent"] not in (None, parent):
                self.former_parents.add(old["parent"])
            row = values(r, candidate.origin, meeting_id, commune_id, parent, now, old)
            if old is None:
                date, status, progress, reason = latest_state(
                    (meeting_date, r["status"], r["progress"], r.get("stall_reason")),
                    (latest[code],) if code in latest else (),
                    until,
                )
                new.append(
                    {
                        "code": code,
                        **row,
                        "current_status": status,
                        "current_progress": progress,
                        "current_status_date": date,
                        "current_stall_reason": reason,
                    }
                )
            else:
                changed.append({"b_id": old["id"], **row})
            if len(new) == WRITE_CHUNK:  # written as they are made, not all at once
                insert_dicts(conn, table, new)
                new = []
        del latest
        insert_dicts(conn, table, new)
        update_versioned(conn, table, changed)
        del new, changed
        inserted = dict(
            conn.execute(
                select(Recommendation.code, Recommendation.id).where(Recommendation.id > highest)
            ).all()
        )
        self.ids = {c: old["id"] for c, old in existing.items()} | inserted
        self.inserted_ids = set(inserted.values())
        others = self.plan.status_updates.codes - set(self.ids)
        rows = fetch(conn, Recommendation.code, others, Recommendation.id, Recommendation.code)
        self.ids |= {r.code: r.id for r in rows}
        relink(
            conn,
            recommendation_proposers,
            "recommendation_id",
            [
                (self.ids[c.record["recommendation_id"]], c.record["proposed_by"])
                for c in self.to_write
            ],
            association_ids,
            fresh=self.inserted_ids,
        )
        return {
            self.ids[c.record["recommendation_id"]]
            for c in self.to_write
            if c.record["recommendation_id"] in existing
        }
