"""The recommendations' planner: a recommendation is named by its recommendation_id; it
needs its meeting (in the database or this load; for a table without a meeting column,
the one where the table is names: etl.plan.meeting_hints), a target date not before that meeting,
and a parent that exists and is not one of its parts. Its current state is decided here
for a new recommendation, from the history this load brings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from sqlalchemy import func, select

from etl.current import latest_state
from etl.plan.base import (
    PLACE_FIELDS,
    Candidate,
    Field,
    TablePlanner,
    association_links,
    copied,
    fetch,
    fetch_where,
    has_rows,
    insert_dicts,
    join_list,
    look_up_new,
    place_values,
    reject_before_meeting,
    reject_unknown,
    relink,
    report_repeat,
    update_versioned,
)
from etl.plan.latest import LatestByPlace
from etl.plan.meeting_hints import assign_meetings
from etl.plan.parents import check_parents
from etl.plan.spill import FLAG, INSERT, SKIP, UPDATE, Spill
from etl.report import Tally
from musharaka.dates import latest_update_day
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


# What a recommendation's row derives from its record alone (its partners as stored, its
# search text, its place's key): made as the record is spilled while the files are read,
# by the reading processes when there are several (etl.read_workers), instead of in the
# one process that writes.
DERIVED = "_derived"


def derive(record: dict) -> None:
    """Keep in `record` what its row derives from it alone (DERIVED)."""
    partners = join_list(record["partners"])
    search = search_key(
        record["recommendation_id"],
        record["title"],
        record["description"],
        record["location"],
        record["responsible"],
        partners,
    )
    record[DERIVED] = (partners, search, place_key(record["location"]))


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
    if DERIVED not in record:  # a record not read from a file (the demo's)
        derive(record)
    partners, search, place = record[DERIVED]
    return {
        "meeting_id": meeting_id,
        "commune_id": commune_id,
        **{name: record[name] for name in COPIED},
        "partners": partners,
        "search_text": search,
        "initial_status": record["status"],
        "initial_progress": record["progress"],
        "initial_stall_reason": initial_stall_reason(record, old),
        "parent_code": parent,
        "weight": weight(record, old),
        **place_values(record, old),
        **programme_values(record, old),
        "place_key": place,
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
        # The recommendations that passed their checks, on disk in read order
        # (etl.plan.spill); what becomes of each by its place among them (SKIP, INSERT,
        # UPDATE); and of the kept ones, by place, their meeting and the parent their row
        # names. `kept` maps a kept recommendation's code to its place: a national load's
        # million recommendations are held as codes, not records.
        self.valid = Spill()
        self.flags = bytearray()
        self.kept: dict[str, int] = {}  # type: ignore[assignment]
        self.meeting_at: list[str] = []
        self.parent_at: dict[int, tuple[str, str]] = {}  # place: (code, parent code)
        self.has_parent_column = bytearray()
        # The associations the written recommendations name, folded: their first spelling.
        self.proposer_names: dict[str, str] = {}
        # The latest update of each new recommendation, and the last day one may bear.
        self.latest = LatestByPlace(0)
        self.until = latest_update_day()

    def meeting_of(self, code: str) -> str:
        """The meeting code of a recommendation this load keeps."""
        return self.meeting_at[self.kept[code]]

    def kept_meetings(self) -> set[str]:
        return {self.meeting_at[place] for place in self.kept.values()}

    def resolve(self, candidates: Iterable[Candidate]) -> None:
        plan = self.plan
        if not isinstance(candidates, Spill) or candidates.hinted:
            # Rows waiting for their meeting are chosen for all together (a few: tables
            # of minutes without a meeting column).
            candidates = Spill.of(assign_meetings(plan, list(candidates)))
        repeats: list[tuple[int, int]] = []
        # A first load's rows kept are all inserted: decided as they are checked, not in
        # a pass of their own over a national load's million (unless a parent is refused).
        stored = has_rows(self.conn, Recommendation)
        early = self.report.tally() if plan.allowed_communes is None and not stored else None
        passed = self._check(candidates, repeats, early)
        self.valid = candidates
        del candidates
        if plan.allowed_communes is not None:  # an editor's upload: a few rows
            passing = [c for place, c in enumerate(self.valid) if passed[place]]
            self.valid = Spill.of(plan.rights.recommendations(passing, plan.meetings.kept))
            repeats = self._index()
        self._dedupe(repeats)
        skipped = self.flags.count(SKIP)
        check_parents(self)
        # A first load has nothing to compare with: no lookups, row after row.
        codes = list(self.kept) if stored else []
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
        if early is not None and self.flags.count(SKIP) == skipped:
            early.close()
        else:  # decided again, a refused parent's parts refused with it
            self.proposer_names = {}
            self._decide()
        self.until = latest_update_day()
        self.forget_latest()

    def forget_latest(self) -> None:
        """The latest update of each new recommendation, none yet: filled by the status
        updates' planner as it decides them (and emptied if it decides them again)."""
        self.latest = LatestByPlace(len(self.flags))

    def _check(
        self, candidates: Spill, repeats: list[tuple[int, int]], early: Tally | None = None
    ) -> bytearray:
        """Each recommendation against its meeting (known, and held before its target
        date), a chunk at a time, noted (`_note`) by its place in `candidates`: one that
        fails is flagged SKIP there, not copied out of it, so that the rows are pickled
        once. The repeats found go to `repeats`; returns whether each row passed.
        `early`: where the rows kept are counted as inserted (a first load's)."""
        self._reset_index()
        report = self.report
        loaded_meetings = self.plan.meetings.kept
        rejected_meetings = report.rejected_ids.get("meetings", set())
        meeting_dates = {code: c.record["date"] for code, c in loaded_meetings.items()}
        absent: set[str] = set()
        stored = has_rows(self.conn, Meeting)

        def find(codes: set) -> list:
            if not stored:  # a first load: nothing to ask
                return []
            found = fetch(self.conn, Meeting.code, codes, Meeting.code, Meeting.date)
            return [(code, date) for code, date in found]

        passed = bytearray()
        for chunk in candidates.chunks():
            look_up_new(meeting_dates, absent, {c.record["meeting_id"] for c in chunk}, find)
            for candidate in chunk:
                meeting_id = candidate.record["meeting_id"]
                known = meeting_id in meeting_dates
                if known and not reject_before_meeting(
                    report, candidate, "target_date", meeting_dates[meeting_id]
                ):
                    self._note(len(passed), candidate, repeats)
                    passed.append(1)
                    if early is not None and self.flags[-1] == INSERT:
                        self._counted(early, candidate, "inserted")
                    continue
                self._failed(meeting_id)
                passed.append(0)
                if known:  # dated before its meeting: rejected as such
                    continue
                reject_unknown(
                    report,
                    candidate,
                    "meeting_id",
                    rejected_meetings,
                    "loader_unknown_meeting",
                    "loader_unknown_meeting_rejected",
                )
                rejected_here = report.rejected_ids.setdefault("recommendations", set())
                rejected_here.add(candidate.record["recommendation_id"])
        self.meeting_dates = meeting_dates
        return passed

    def _reset_index(self) -> None:
        self.flags, self.has_parent_column = bytearray(), bytearray()
        self.kept, self.meeting_at, self.parent_at = {}, [], {}

    def _failed(self, meeting_id: str) -> None:
        """A row at the next place that failed its check: let go (SKIP)."""
        self.meeting_at.append(meeting_id)
        self.flags.append(SKIP)
        self.has_parent_column.append(0)

    def _note(self, place: int, candidate: Candidate, repeats: list[tuple[int, int]]) -> None:
        """A checked row at `place`: `kept` takes the first place of each code; by place,
        its meeting, what becomes of it and the parent its row names. A repeat goes to
        `repeats` as (place, place of the first)."""
        r = candidate.record
        self.meeting_at.append(r["meeting_id"])
        first = self.kept.setdefault(r["recommendation_id"], place)
        if first != place:
            repeats.append((place, first))
            self.flags.append(SKIP)
            self.has_parent_column.append(0)
            return
        self.flags.append(INSERT)
        if "parent_id" not in r:
            self.has_parent_column.append(0)
            return
        self.has_parent_column.append(1)
        if r["parent_id"] is not None:
            self.parent_at[place] = (r["recommendation_id"], r["parent_id"])

    def _index(self) -> list[tuple[int, int]]:
        """`_note` again for every checked row (after an editor's rights dropped some);
        the repeats."""
        self._reset_index()
        repeats: list[tuple[int, int]] = []
        for place, candidate in enumerate(self.valid):
            self._note(place, candidate, repeats)
        return repeats

    def _dedupe(self, repeats: list[tuple[int, int]]) -> None:
        """An exact repeat of a recommendation is merged, another row with its code
        rejected (etl.plan.base.dedupe, over the spill)."""
        if not repeats:
            return
        rows = self.valid.at({p for pair in repeats for p in pair})
        for place, first in repeats:
            report_repeat(rows[place], rows[first], "recommendation_id", self.report)

    def _decide(self) -> None:
        """TablePlanner.decide, over the spill: inserted, unchanged or updated."""
        existing, flags, tally = self.existing, self.flags, self.report.tally()
        for place, candidate in enumerate(self.valid):
            if flags[place] == SKIP:
                continue
            key = candidate.record["recommendation_id"]
            outcome = self.outcome_of(key, candidate.record, existing.get(key))
            flags[place] = FLAG[outcome]
            self._counted(tally, candidate, outcome)
        tally.close()

    def _counted(self, tally: Tally, candidate: Candidate, outcome: str) -> None:
        """A kept row's outcome counted; the spelling of the associations it names kept
        when it is written (the first spelling of each)."""
        tally.add(candidate.place, outcome)
        if FLAG[outcome] != SKIP:
            for name in candidate.record["proposed_by"]:
                self.proposer_names.setdefault(fold(name), name)

    def rows_to_write(self) -> Iterator[Candidate]:
        """The recommendations inserted or updated, in read order."""
        return self.valid.flagged(self.flags, INSERT, UPDATE)

    @property
    def writing(self) -> int:
        """How many recommendations this load inserts or updates."""
        return len(self.flags) - self.flags.count(SKIP)

    def write(self, meeting_ids, association_ids, now) -> set[int]:
        """Insert and update, a chunk at a time from the spill; the ids of the updated
        recommendations (their current state is read again)."""
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
        # decided here instead of being read back from the database. Of its updates only
        # the latest (by date, then read order) counts (latest_state): one kept per
        # recommendation (`latest`, folded as the status updates were decided).
        until, latest, kept = self.until, self.latest, self.kept
        # Rows inserted now get ids above the highest one before: one query finds them all.
        highest = conn.execute(select(func.max(Recommendation.id))).scalar() or 0
        changed: list[dict] = []
        # Who proposed each: linked once the ids are known.
        proposers = Spill()

        def new_rows() -> Iterator[dict]:
            """The new recommendations' rows, made as they are copied (etl.bulk), the
            changed ones' kept for an update after."""
            for candidate in self.rows_to_write():
                r = candidate.record
                code = r["recommendation_id"]
                meeting_id = meeting_ids[r["meeting_id"]]
                commune_id, meeting_date = meeting_info[meeting_id]
                old = existing.get(code)
                parent = parent_code(r, old)
                if old is not None and old["parent"] not in (None, parent):
                    self.former_parents.add(old["parent"])
                row = values(r, candidate.origin, meeting_id, commune_id, parent, now, old)
                proposers.append(
                    Candidate(candidate.origin, {"code": code, "names": r["proposed_by"]})
                )
                if old is not None:
                    changed.append({"b_id": old["id"], **row})
                    continue
                date, status, progress, reason = latest_state(
                    (meeting_date, r["status"], r["progress"], r.get("stall_reason")),
                    (state,) if (state := latest.get(kept[code])) is not None else (),
                    until,
                )
                yield {
                    "code": code,
                    **row,
                    "current_status": status,
                    "current_progress": progress,
                    "current_status_date": date,
                    "current_stall_reason": reason,
                }

        insert_dicts(conn, table, new_rows(), binary=True)
        self.latest = LatestByPlace(0)
        update_versioned(conn, table, changed)
        # The existing recommendations written: their current state is read again.
        updated = {row["b_id"] for row in changed}
        changed.clear()
        inserted = dict(
            conn.execute(
                select(Recommendation.code, Recommendation.id).where(Recommendation.id > highest)
            ).all()
        )
        self.inserted_ids = set(inserted.values())
        self.ids = inserted  # and the existing ones': one dict, not a copy
        self.ids.update((c, old["id"]) for c, old in existing.items())
        del inserted
        others = self.plan.status_updates.codes - self.ids.keys()
        rows = fetch(conn, Recommendation.code, others, Recommendation.id, Recommendation.code)
        self.ids |= {r.code: r.id for r in rows}
        ids = self.ids
        relink(
            conn,
            recommendation_proposers,
            "recommendation_id",
            ((ids[c.record["code"]], c.record["names"]) for c in proposers),
            association_ids,
            stale=sorted(updated),
        )
        proposers.close()
        self.valid.close()
        self.flags = bytearray()
        return updated
