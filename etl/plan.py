"""The plan of a load: each accepted row's outcome decided against the load itself and
the database (resolve), then the changes written in dependency order (write).

Nothing here opens a file or commits: `etl.load.run_load` owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from etl.bulk import bulk_insert, converter
from etl.current import latest_state, refresh_current_status
from etl.dates import before_meeting_problem, latest_update_day
from etl.report import LoadReport, Origin
from etl.validate import status_fingerprint
from musharaka import geography
from musharaka.audit import Change, diff
from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    StatusUpdate,
    meeting_associations,
    recommendation_proposers,
    utc_now,
)
from musharaka.text import fold, has_arabic, search_key

# progress(stage, done, total): called as work advances, for a terminal bar or a page.
Progress = Callable[[str, int, int], None]

CHUNK = 500


@dataclass(slots=True)
class Candidate:
    """An accepted row waiting for its outcome."""

    origin: Origin
    record: dict[str, object]


def _dedupe(
    candidates: list[Candidate], key_of: Callable[[dict], str], column: str, report: LoadReport
) -> dict[str, Candidate]:
    """The first row of each natural key; exact repeats are merged, others rejected."""
    kept: dict[str, Candidate] = {}
    for candidate in candidates:
        key = key_of(candidate.record)
        first = kept.get(key)
        if first is None:
            kept[key] = candidate
        elif first.record == candidate.record:
            report.outcome(candidate.origin, "merged")
        else:
            at = first.origin
            report.reject(
                candidate.origin,
                column,
                "duplicate_conflict",
                key,
                f"{column} '{key}' was already read with different content at "
                f"{at.file}{f' [{at.sheet}]' if at.sheet else ''} row {at.row} (the first wins)",
                record=candidate.record,
            )
    return kept


def _fetch(conn: Connection, column, keys: Iterable, *columns) -> list:
    """Rows of `columns` whose `column` is among `keys`, in chunks."""
    return _fetch_where(conn, select(*columns), column, keys)


def _fetch_where(conn: Connection, query, column, keys: Iterable) -> list:
    """The rows of `query` whose `column` is among `keys`, asked in chunks so that no
    statement carries more parameters than a database accepts."""
    keys = list(keys)
    found = []
    for start in range(0, len(keys), CHUNK):
        found.extend(conn.execute(query.where(column.in_(keys[start : start + CHUNK]))).all())
    return found


def _join(items: list[str]) -> str | None:
    return "; ".join(items) if items else None


# The fields each record is compared on, in the order of the comparison tuples below;
# an update's audit entry names the ones that changed.
ASSOCIATION_FIELDS = ("commune", "domain", "location", "phone", "email")
MEETING_FIELDS = (
    "commune",
    "date",
    "title",
    "kind",
    "edition",
    "location",
    "chair",
    "facilitator",
    "participants",
    "associations",
    "summary",
    "source_url",
)
RECOMMENDATION_FIELDS = (
    "meeting_id",
    "domain",
    "domain_text",
    "title",
    "description",
    "proposed_by",
    "responsible",
    "partners",
    "location",
    "priority",
    "budget_mad",
    "target_date",
    "status",
    "progress",
    "parent_id",
)


def _parent_code(record: dict, old: dict | None) -> str | None:
    """The parent a recommendation is written with: its row's parent_id when the row has
    the column, else the one it has (files and forms without the column keep it)."""
    if "parent_id" in record:
        return record["parent_id"]
    return old["compare"][-1] if old else None


class Plan:
    """Decides each accepted row's outcome against the database, then writes the changes."""

    def __init__(
        self,
        conn: Connection,
        report: LoadReport,
        progress: Progress,
        *,
        allowed_communes: set[int] | None = None,
    ) -> None:
        self.conn = conn
        self.report = report
        self.progress = progress
        # An editor's communes (None: anywhere). A row outside them is rejected as
        # not_allowed: a meeting (new or existing) in another commune, a recommendation or
        # status update of such a meeting, an association of another commune.
        self.allowed_communes = allowed_communes
        self._allowed_keys: set[str] | None = None
        self.association_rows: dict[str, Candidate] = {}
        self.meetings: dict[str, Candidate] = {}
        self.recommendations: dict[str, Candidate] = {}
        self.updates: dict[tuple[str, str], Candidate] = {}
        self.existing_meetings: dict[str, dict] = {}
        self.existing_recommendations: dict[str, dict] = {}
        self.existing_updates: dict[tuple[str, str], dict] = {}
        self.meetings_to_write: list[Candidate] = []
        self.recommendations_to_write: list[Candidate] = []
        self.updates_to_insert: list[Candidate] = []
        self.updates_to_change: list[Candidate] = []
        self.associations_to_write: list[Candidate] = []
        self.moved_meetings: set[str] = set()
        # The date of every meeting a row of this load names, as this load leaves it.
        self.meeting_dates: dict[str, dt.date] = {}
        # What the audit log keeps: every record this plan changes, before and after.
        self.changes: list[Change] = []

    def loaded_communes(self) -> set[int]:
        """The communes of the rows this plan kept (inserted, updated, unchanged, merged),
        read once they are written: a meeting's, a recommendation's meeting's, an updated
        recommendation's, an association's. Who may see the load follows from them."""
        meeting_codes = set(self.meetings)
        meeting_codes |= {c.record["meeting_id"] for c in self.recommendations.values()}
        updated_codes = {code for code, _ in self.updates} - set(self.recommendations)
        found: set[int] = set()
        for key, keys, commune in (
            (Meeting.code, meeting_codes, Meeting.commune_id),
            (Recommendation.code, updated_codes, Recommendation.commune_id),
            (Association.key, set(self.association_rows), Association.commune_id),
        ):
            query = select(commune).distinct()
            found |= {row[0] for row in _fetch_where(self.conn, query, key, keys)}
        found.discard(None)
        return found

    # --- resolve: outcomes, no writes ---
    def resolve(self, accepted: dict[str, list[Candidate]]) -> None:
        self.progress("checking rows", 0, 4)
        self._resolve_associations(accepted["associations"])
        self.progress("checking rows", 1, 4)
        self._resolve_meetings(accepted["meetings"])
        self.progress("checking rows", 2, 4)
        self._resolve_recommendations(accepted["recommendations"])
        self.progress("checking rows", 3, 4)
        self._resolve_updates(accepted["status_updates"])
        self.progress("checking rows", 4, 4)

    def _resolve_associations(self, candidates: list[Candidate]) -> None:
        if self.allowed_communes is not None:
            candidates = self._allowed_associations(candidates)
        kept = _dedupe(candidates, lambda r: fold(r["name"]), "name", self.report)
        self.association_rows = kept
        rows = _fetch(self.conn, Association.key, kept, Association.__table__)
        existing = {r.key: r for r in rows}
        communes = self._commune_keys_by_id()
        for key, candidate in kept.items():
            record = candidate.record
            old = existing.get(key)
            if old is None:
                self.report.outcome(candidate.origin, "inserted")
                self.associations_to_write.append(candidate)
                continue
            same = (
                (communes.get(old.commune_id) if old.commune_id else None)
                == (fold(record["commune"]) if record["commune"] else None)
                and old.domain == record["domain"]
                and old.location == record["location"]
                and old.phone == record["phone"]
                and old.email == record["email"]
            )
            self.report.outcome(candidate.origin, "unchanged" if same else "updated")
            if not same:
                self.associations_to_write.append(candidate)
                self._changed(
                    "associations",
                    record["name"],
                    ASSOCIATION_FIELDS,
                    (
                        communes.get(old.commune_id) if old.commune_id else None,
                        old.domain,
                        old.location,
                        old.phone,
                        old.email,
                    ),
                    (
                        fold(record["commune"]) if record["commune"] else None,
                        record["domain"],
                        record["location"],
                        record["phone"],
                        record["email"],
                    ),
                )

    def _commune_keys_by_id(self) -> dict[int, str]:
        return dict(self.conn.execute(select(Commune.id, Commune.key)).all())

    def _resolve_meetings(self, candidates: list[Candidate]) -> None:
        if self.allowed_communes is not None:
            candidates = self._allowed_meetings(candidates)
        kept = _dedupe(candidates, lambda r: r["meeting_id"], "meeting_id", self.report)
        self.meetings = kept
        codes = list(kept) if _has_rows(self.conn, Meeting) else []
        query = select(
            Meeting.__table__,
            Commune.key.label("commune_key"),
            Commune.province.label("commune_province"),
        ).join(Commune, Commune.id == Meeting.commune_id)
        rows = _fetch_where(self.conn, query, Meeting.code, codes)
        links = self._links(meeting_associations, "meeting_id", [r.id for r in rows])
        for row in rows:
            self.existing_meetings[row.code] = {
                "id": row.id,
                "date": row.date,
                "compare": (
                    row.commune_key,
                    row.date,
                    row.title,
                    row.kind,
                    row.edition,
                    row.location,
                    row.chair,
                    row.facilitator,
                    row.participants,
                    tuple(links.get(row.id, ())),
                    row.summary,
                    row.source_url,
                ),
                "province": row.commune_province,
            }
        for code, candidate in kept.items():
            old = self.existing_meetings.get(code)
            if old is None:
                outcome = "inserted"
            else:
                r = candidate.record
                compare = (
                    fold(r["commune"]),
                    r["date"],
                    r["title"],
                    r["kind"],
                    r["edition"],
                    r["location"],
                    r["chair"],
                    r["facilitator"],
                    r["participants"],
                    tuple(fold(a) for a in r["associations"]),
                    r["summary"],
                    r["source_url"],
                )
                province_changed = bool(r["province"]) and r["province"] != old["province"]
                outcome = (
                    "unchanged" if compare == old["compare"] and not province_changed else "updated"
                )
                if outcome == "updated":
                    self._changed(
                        "meetings",
                        code,
                        (*MEETING_FIELDS, "province"),
                        (*old["compare"], old["province"]),
                        (*compare, r["province"] or old["province"]),
                    )
                if old["date"] != r["date"]:
                    self.moved_meetings.add(code)
            self.report.outcome(candidate.origin, outcome)
            if outcome != "unchanged":
                self.meetings_to_write.append(candidate)

    def _links(self, table, owner_column: str, owner_ids: list[int]) -> dict[int, list[str]]:
        """Association keys linked to each owner id, in their written order."""
        links: dict[int, list[tuple[int, str]]] = {}
        owner = table.c[owner_column]
        query = select(owner, table.c.position, Association.key).join(
            Association, Association.id == table.c.association_id
        )
        for owner_id, position, key in _fetch_where(self.conn, query, owner, owner_ids):
            links.setdefault(owner_id, []).append((position, key))
        return {k: [key for _, key in sorted(v)] for k, v in links.items()}

    def _resolve_recommendations(self, candidates: list[Candidate]) -> None:
        rejected_meetings = self.report.rejected_ids.get("meetings", set())
        referenced = {c.record["meeting_id"] for c in candidates} - set(self.meetings)
        meeting_dates = dict(
            _fetch(self.conn, Meeting.code, referenced, Meeting.code, Meeting.date)
        )
        meeting_dates.update((code, c.record["date"]) for code, c in self.meetings.items())
        self.meeting_dates = meeting_dates
        valid = []
        for candidate in candidates:
            meeting_id = candidate.record["meeting_id"]
            if meeting_id in meeting_dates:
                if not self._before_meeting(candidate, "target_date", meeting_dates[meeting_id]):
                    valid.append(candidate)
                continue
            note = " (its row was rejected in this load)" if meeting_id in rejected_meetings else ""
            self.report.reject(
                candidate.origin,
                "meeting_id",
                "unknown_reference",
                meeting_id,
                f"meeting '{meeting_id}' exists neither in the database nor in this load{note}",
                record=candidate.record,
            )
            rejected_here = self.report.rejected_ids.setdefault("recommendations", set())
            rejected_here.add(candidate.record["recommendation_id"])
        if self.allowed_communes is not None:
            valid = self._allowed_recommendations(valid)
        kept = _dedupe(valid, lambda r: r["recommendation_id"], "recommendation_id", self.report)
        self._check_parents(kept)
        self.recommendations = kept
        # A first load has nothing to compare with: no lookups, row after row.
        codes = list(kept) if _has_rows(self.conn, Recommendation) else []
        query = select(Recommendation.__table__, Meeting.code.label("meeting_code")).join(
            Meeting, Meeting.id == Recommendation.meeting_id
        )
        rows = _fetch_where(self.conn, query, Recommendation.code, codes)
        links = self._links(recommendation_proposers, "recommendation_id", [r.id for r in rows])
        for row in rows:
            self.existing_recommendations[row.code] = {
                "id": row.id,
                "compare": (
                    row.meeting_code,
                    row.domain,
                    row.domain_text,
                    row.title,
                    row.description,
                    tuple(links.get(row.id, ())),
                    row.responsible,
                    row.partners,
                    row.location,
                    row.priority,
                    None if row.budget_mad is None else round(float(row.budget_mad), 2),
                    row.target_date,
                    row.initial_status,
                    row.initial_progress,
                    row.parent_code,
                ),
            }
        for code, candidate in kept.items():
            old = self.existing_recommendations.get(code)
            if old is None:
                outcome = "inserted"
            else:
                r = candidate.record
                compare = (
                    r["meeting_id"],
                    r["domain"],
                    r["domain_text"],
                    r["title"],
                    r["description"],
                    tuple(fold(a) for a in r["proposed_by"]),
                    r["responsible"],
                    _join(r["partners"]),
                    r["location"],
                    r["priority"],
                    r["budget_mad"],
                    r["target_date"],
                    r["status"],
                    r["progress"],
                    _parent_code(r, old),
                )
                outcome = "unchanged" if compare == old["compare"] else "updated"
                if outcome == "updated":
                    self._changed(
                        "recommendations", code, RECOMMENDATION_FIELDS, old["compare"], compare
                    )
            self.report.outcome(candidate.origin, outcome)
            if outcome != "unchanged":
                self.recommendations_to_write.append(candidate)

    def _before_meeting(self, candidate: Candidate, column: str, meeting: dt.date) -> bool:
        """Reject (out_of_range) a target or update dated before its recommendation's
        meeting; True when it was."""
        date = candidate.record.get(column)
        what = "target date" if column == "target_date" else "update date"
        message = before_meeting_problem(what, date, meeting) if date is not None else None
        if message is None:
            return False
        self.report.reject(
            candidate.origin,
            column,
            "out_of_range",
            date.isoformat(),
            message,
            record=candidate.record,
        )
        if column == "target_date":
            rejected = self.report.rejected_ids.setdefault("recommendations", set())
            rejected.add(candidate.record["recommendation_id"])
        return True

    def _check_parents(self, kept: dict[str, Candidate]) -> None:
        """A recommendation under a parent (parent_id) needs that parent in the database or
        among this load's recommendations, and cannot be a part of itself; otherwise it is
        rejected (unknown_reference), and so are the parts of a rejected parent."""
        named = {c.record.get("parent_id") for c in kept.values()} - {None}
        if not named:
            return
        parents: dict[str, str | None] = dict(
            _fetch(
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
                    note = " (its row was rejected in this load)" if parent in rejected else ""
                    message = (
                        f"parent recommendation '{parent}' exists neither in the database "
                        f"nor in this load{note}"
                    )
                elif in_a_loop(code):
                    message = (
                        f"parent recommendation '{parent}' is '{code}' itself or one of its "
                        "parts: a recommendation cannot be a part of itself"
                    )
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

    def _resolve_updates(self, candidates: list[Candidate]) -> None:
        referenced = {c.record["recommendation_id"] for c in candidates} - set(self.recommendations)
        # The date of each recommendation's meeting, as this load leaves it.
        query = select(Recommendation.code, Meeting.code, Meeting.date).join(
            Meeting, Meeting.id == Recommendation.meeting_id
        )
        meeting_of = {
            code: self.meeting_dates.get(meeting, date)
            for code, meeting, date in _fetch_where(
                self.conn, query, Recommendation.code, referenced
            )
        }
        meeting_of.update(
            (code, self.meeting_dates[c.record["meeting_id"]])
            for code, c in self.recommendations.items()
        )
        rejected = self.report.rejected_ids.get("recommendations", set())
        valid = []
        for candidate in candidates:
            code = candidate.record["recommendation_id"]
            if code in meeting_of:
                if not self._before_meeting(candidate, "date", meeting_of[code]):
                    candidate.record["fingerprint"] = status_fingerprint(candidate.record)
                    valid.append(candidate)
                continue
            note = " (its row was rejected in this load)" if code in rejected else ""
            self.report.reject(
                candidate.origin,
                "recommendation_id",
                "unknown_reference",
                code,
                f"recommendation '{code}' exists neither in the database nor in this load{note}",
                record=candidate.record,
            )
        if self.allowed_communes is not None:
            valid = self._allowed_updates(valid)
        kept: dict[tuple[str, str], Candidate] = {}
        for candidate in valid:
            r = candidate.record
            key = (r["recommendation_id"], r["fingerprint"])
            first = kept.get(key)
            if first is None:
                kept[key] = candidate
            elif first.record == r:
                self.report.outcome(candidate.origin, "merged")
            else:
                at = first.origin
                self.report.reject(
                    candidate.origin,
                    "evidence_url"
                    if first.record["evidence_url"] != r["evidence_url"]
                    else "reported_by",
                    "duplicate_conflict",
                    r["recommendation_id"],
                    f"the same update of '{r['recommendation_id']}' on {r['date']} was already "
                    f"read with a different evidence or reporter at {at.file} row {at.row}",
                    record=r,
                )
        self.updates = kept
        codes = list({code for code, _ in kept})
        if not _has_rows(self.conn, StatusUpdate):
            codes = []  # a first load: there is no history to compare with
        query = select(
            Recommendation.code,
            StatusUpdate.id,
            StatusUpdate.fingerprint,
            StatusUpdate.evidence_url,
            StatusUpdate.reported_by,
        ).join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        for code, update_id, fingerprint, evidence, reporter in _fetch_where(
            self.conn, query, Recommendation.code, codes
        ):
            self.existing_updates[(code, fingerprint)] = {
                "id": update_id,
                "compare": (evidence, reporter),
            }
        for key, candidate in kept.items():
            old = self.existing_updates.get(key)
            r = candidate.record
            if old is None:
                self.report.outcome(candidate.origin, "inserted")
                self.updates_to_insert.append(candidate)
            elif old["compare"] == (r["evidence_url"], r["reported_by"]):
                self.report.outcome(candidate.origin, "unchanged")
            else:
                self.report.outcome(candidate.origin, "updated")
                self.updates_to_change.append(candidate)
                self._changed(
                    "status_updates",
                    f"{key[0]} {r['date']} {r['status']}",
                    ("evidence_url", "reported_by"),
                    old["compare"],
                    (r["evidence_url"], r["reported_by"]),
                )

    # --- rights: an editor's upload stays in the editor's communes ---
    def _allowed_commune_keys(self) -> set[str]:
        if self._allowed_keys is None:
            ids = self.allowed_communes or set()
            self._allowed_keys = {r.key for r in _fetch(self.conn, Commune.id, ids, Commune.key)}
        return self._allowed_keys

    def _commune_of(self, key, codes: Iterable[str]) -> dict[str, str]:
        """Code -> folded commune name (the commune the row is in now), for the rows whose
        `key` (Meeting.code, Recommendation.code, Association.key) is among `codes`."""
        query = select(key, Commune.key).join(Commune, Commune.id == key.class_.commune_id)
        return dict(_fetch_where(self.conn, query, key, set(codes)))

    def _not_allowed(self, candidate: Candidate, column: str, value, message: str) -> None:
        self.report.reject(
            candidate.origin, column, "not_allowed", value, message, record=candidate.record
        )
        table = candidate.origin.table
        code = candidate.record.get({"meetings": "meeting_id"}.get(table, "recommendation_id"))
        if table in ("meetings", "recommendations") and code:
            self.report.rejected_ids.setdefault(table, set()).add(code)

    def _outside(self, what: str) -> str:
        return f"{what} is in a commune outside the communes you may edit"

    def _not_your_commune(self, candidate: Candidate, commune: str) -> None:
        self._not_allowed(
            candidate,
            "commune",
            commune,
            f"commune '{commune}' is outside the communes you may edit",
        )

    def _allowed_meetings(self, candidates: list[Candidate]) -> list[Candidate]:
        allowed = self._allowed_commune_keys()
        wanted = {fold(c.record["commune"]) for c in candidates}
        known = {r[0] for r in _fetch(self.conn, Commune.key, wanted, Commune.key)}
        current = self._commune_of(Meeting.code, (c.record["meeting_id"] for c in candidates))
        kept = []
        for candidate in candidates:
            r = candidate.record
            key, old = fold(r["commune"]), current.get(r["meeting_id"])
            if old is not None and old not in allowed:
                self._not_allowed(
                    candidate,
                    "meeting_id",
                    r["meeting_id"],
                    self._outside(f"meeting '{r['meeting_id']}'"),
                )
            elif key not in known:
                self._not_allowed(
                    candidate,
                    "commune",
                    r["commune"],
                    f"commune '{r['commune']}' does not exist yet: only an administrator "
                    "can add a commune",
                )
            elif key not in allowed:
                self._not_your_commune(candidate, r["commune"])
            else:
                kept.append(candidate)
        return kept

    def _allowed_recommendations(self, candidates: list[Candidate]) -> list[Candidate]:
        allowed = self._allowed_commune_keys()
        meetings = self._commune_of(
            Meeting.code, {c.record["meeting_id"] for c in candidates} - set(self.meetings)
        )
        current = self._commune_of(
            Recommendation.code, (c.record["recommendation_id"] for c in candidates)
        )
        kept = []
        for candidate in candidates:
            r = candidate.record
            code, meeting = r["recommendation_id"], r["meeting_id"]
            if code in current and current[code] not in allowed:
                self._not_allowed(
                    candidate, "recommendation_id", code, self._outside(f"recommendation '{code}'")
                )
            elif meeting not in self.meetings and meetings.get(meeting) not in allowed:
                self._not_allowed(
                    candidate, "meeting_id", meeting, self._outside(f"meeting '{meeting}'")
                )
            else:
                kept.append(candidate)
        return kept

    def _allowed_updates(self, candidates: list[Candidate]) -> list[Candidate]:
        allowed = self._allowed_commune_keys()
        current = self._commune_of(
            Recommendation.code,
            {c.record["recommendation_id"] for c in candidates} - set(self.recommendations),
        )
        kept = []
        for candidate in candidates:
            code = candidate.record["recommendation_id"]
            if code in self.recommendations or current.get(code) in allowed:
                kept.append(candidate)
            else:
                self._not_allowed(
                    candidate, "recommendation_id", code, self._outside(f"recommendation '{code}'")
                )
        return kept

    def _allowed_associations(self, candidates: list[Candidate]) -> list[Candidate]:
        allowed = self._allowed_commune_keys()
        current = self._commune_of(Association.key, {fold(c.record["name"]) for c in candidates})
        kept = []
        for candidate in candidates:
            r = candidate.record
            old = current.get(fold(r["name"]))
            if old is not None and old not in allowed:
                self._not_allowed(
                    candidate, "name", r["name"], self._outside(f"association '{r['name']}'")
                )
            elif r["commune"] and fold(r["commune"]) not in allowed:
                self._not_your_commune(candidate, r["commune"])
            else:
                kept.append(candidate)
        return kept

    def _changed(self, table: str, key: str, fields, old, new) -> None:
        before, after = diff(fields, old, new)
        self.changes.append(Change(table, key, "update", before, after))

    # --- write ---
    def write(self) -> None:
        now = utc_now()
        steps = 6
        self.progress("writing", 0, steps)
        commune_ids = self._write_communes()
        association_ids = self._write_associations(commune_ids)
        self.progress("writing", 1, steps)
        meeting_ids = self._write_meetings(commune_ids, association_ids, now)
        self.progress("writing", 2, steps)
        with _indexes_rebuilt_if_bulk(
            self.conn, Recommendation, len(self.recommendations_to_write)
        ):
            affected = self._write_recommendations(meeting_ids, association_ids, now)
        self.progress("writing", 3, steps)
        with _indexes_rebuilt_if_bulk(self.conn, StatusUpdate, len(self.updates_to_insert)):
            affected |= self._write_updates(now)
        self.progress("writing", 4, steps)
        if self.moved_meetings:
            moved = [meeting_ids[c] for c in self.moved_meetings]
            rows = _fetch(self.conn, Recommendation.meeting_id, moved, Recommendation.id)
            affected.update(r[0] for r in rows)
        self.progress("writing", 5, steps)
        refresh_current_status(self.conn, sorted(affected))
        self.progress("writing", steps, steps)

    def _write_communes(self) -> dict[str, int]:
        wanted: dict[str, tuple[str, str | None]] = {}
        for candidate in self.meetings_to_write:
            r = candidate.record
            wanted[fold(r["commune"])] = (r["commune"], r["province"])
        for candidate in self.associations_to_write:
            r = candidate.record
            if r["commune"]:
                wanted.setdefault(fold(r["commune"]), (r["commune"], None))
        rows = _fetch(self.conn, Commune.key, wanted, Commune.id, Commune.key, Commune.province)
        ids = {r.key: r.id for r in rows}
        provinces = {r.key: r.province for r in rows}
        new = []
        for key, (name, province) in wanted.items():
            place = geography.province_by_name(province) if province else None
            values = {
                "province": province,
                "province_key": place.key if place else None,
                "region_key": place.region if place else None,
            }
            if key not in ids:
                arabic = has_arabic(name)
                new.append(
                    {
                        "key": key,
                        "name": name,
                        "name_ar": name if arabic else None,
                        "name_fr": None if arabic else name,
                        **values,
                    }
                )
            elif province and province != provinces[key]:
                self.conn.execute(update(Commune).where(Commune.id == ids[key]).values(**values))
        if new:
            self.conn.execute(insert(Commune), new)
            for row in _fetch(
                self.conn, Commune.key, [n["key"] for n in new], Commune.id, Commune.key
            ):
                ids[row.key] = row.id
        return ids

    def _write_associations(self, commune_ids: dict[str, int]) -> dict[str, int]:
        names: dict[str, str] = {}
        for candidate in self.associations_to_write:
            names.setdefault(fold(candidate.record["name"]), candidate.record["name"])
        for candidate in self.meetings_to_write:
            for name in candidate.record["associations"]:
                names.setdefault(fold(name), name)
        for candidate in self.recommendations_to_write:
            for name in candidate.record["proposed_by"]:
                names.setdefault(fold(name), name)
        rows = _fetch(self.conn, Association.key, names, Association.id, Association.key)
        ids = {r.key: r.id for r in rows}
        new = [{"key": k, "name": n} for k, n in names.items() if k not in ids]
        if new:
            self.conn.execute(insert(Association), new)
            for row in _fetch(
                self.conn, Association.key, [n["key"] for n in new], Association.id, Association.key
            ):
                ids[row.key] = row.id
        details = [
            {
                "b_id": ids[fold(c.record["name"])],
                "commune_id": commune_ids.get(fold(c.record["commune"]))
                if c.record["commune"]
                else None,
                "domain": c.record["domain"],
                "location": c.record["location"],
                "phone": c.record["phone"],
                "email": c.record["email"],
                "source_file": c.origin.file,
                "source_row": c.origin.row,
            }
            for c in self.associations_to_write
        ]
        if details:
            table = Association.__table__
            self.conn.execute(
                update(table).where(table.c.id == bindparam("b_id")),
                details,
            )
        return ids

    def _write_meetings(self, commune_ids, association_ids, now) -> dict[str, int]:
        table = Meeting.__table__
        new, changed = [], []
        for candidate in self.meetings_to_write:
            r = candidate.record
            values = {
                "commune_id": commune_ids[fold(r["commune"])],
                "date": r["date"],
                **{
                    k: r[k]
                    for k in (
                        "title",
                        "kind",
                        "edition",
                        "location",
                        "chair",
                        "facilitator",
                        "participants",
                        "summary",
                        "source_url",
                    )
                },
                "source_file": candidate.origin.file,
                "source_row": candidate.origin.row,
                "updated_at": now,
            }
            old = self.existing_meetings.get(r["meeting_id"])
            if old is None:
                new.append({"code": r["meeting_id"], **values})
            else:
                changed.append({"b_id": old["id"], **values})
        _insert_dicts(self.conn, table, new)
        _update_versioned(self.conn, table, changed)
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
        codes = set(self.meetings) | {c.record["meeting_id"] for c in self.recommendations.values()}
        ids = {
            r.code: r.id for r in _fetch(self.conn, Meeting.code, codes, Meeting.id, Meeting.code)
        }
        self._relink(
            meeting_associations,
            "meeting_id",
            [
                (ids[c.record["meeting_id"]], c.record["associations"])
                for c in self.meetings_to_write
            ],
            association_ids,
        )
        return ids

    def _relink(self, table, owner_column, owners, association_ids, fresh=frozenset()) -> None:
        """Replace the association links of `owners`; `fresh` owners were just inserted
        and have none to delete."""
        owner_ids = [owner_id for owner_id, _ in owners if owner_id not in fresh]
        for start in range(0, len(owner_ids), CHUNK):
            chunk = owner_ids[start : start + CHUNK]
            self.conn.execute(delete(table).where(table.c[owner_column].in_(chunk)))
        links = []
        for owner_id, names in owners:
            for position, name in enumerate(names):
                links.append(
                    {
                        owner_column: owner_id,
                        "association_id": association_ids[fold(name)],
                        "position": position,
                    }
                )
        _insert_dicts(self.conn, table, links)

    def _write_recommendations(self, meeting_ids, association_ids, now) -> set[int]:
        table = Recommendation.__table__
        meeting_rows = _fetch(
            self.conn,
            Meeting.id,
            set(meeting_ids.values()),
            Meeting.id,
            Meeting.commune_id,
            Meeting.date,
        )
        meeting_info = {r.id: (r.commune_id, r.date) for r in meeting_rows}
        # A new recommendation's whole history is in this load: its current state is
        # decided here, in read order, instead of being read back from the database.
        pending: dict[str, list] = {}
        for order, c in enumerate(self.updates_to_insert):
            r = c.record
            if r["recommendation_id"] not in self.existing_recommendations:
                pending.setdefault(r["recommendation_id"], []).append(
                    (r["date"], order, r["status"], r["progress"])
                )
        new, changed = [], []
        for candidate in self.recommendations_to_write:
            r = candidate.record
            meeting_id = meeting_ids[r["meeting_id"]]
            commune_id, meeting_date = meeting_info[meeting_id]
            values = {
                "meeting_id": meeting_id,
                "commune_id": commune_id,
                **{
                    k: r[k]
                    for k in (
                        "domain",
                        "domain_text",
                        "title",
                        "description",
                        "responsible",
                        "location",
                        "priority",
                        "budget_mad",
                        "target_date",
                    )
                },
                "partners": _join(r["partners"]),
                "search_text": search_key(
                    r["recommendation_id"],
                    r["title"],
                    r["description"],
                    r["location"],
                    r["responsible"],
                    _join(r["partners"]),
                ),
                "initial_status": r["status"],
                "initial_progress": r["progress"],
                "parent_code": _parent_code(
                    r, self.existing_recommendations.get(r["recommendation_id"])
                ),
                "source_file": candidate.origin.file,
                "source_row": candidate.origin.row,
                "updated_at": now,
            }
            old = self.existing_recommendations.get(r["recommendation_id"])
            if old is None:
                date, status, progress = latest_state(
                    (meeting_date, r["status"], r["progress"]),
                    pending.get(r["recommendation_id"], ()),
                    latest_update_day(),
                )
                new.append(
                    {
                        "code": r["recommendation_id"],
                        **values,
                        "current_status": status,
                        "current_progress": progress,
                        "current_status_date": date,
                    }
                )
            else:
                changed.append({"b_id": old["id"], **values})
        # Rows inserted now get ids above the highest one before: one query finds them all.
        highest = self.conn.execute(select(func.max(Recommendation.id))).scalar() or 0
        _insert_dicts(self.conn, table, new)
        _update_versioned(self.conn, table, changed)
        inserted = {
            code: rec_id
            for code, rec_id in self.conn.execute(
                select(Recommendation.code, Recommendation.id).where(Recommendation.id > highest)
            )
        }
        self.recommendation_ids = {c: old["id"] for c, old in self.existing_recommendations.items()}
        self.recommendation_ids |= inserted
        others = {code for code, _ in self.updates} - set(self.recommendation_ids)
        rows = _fetch(
            self.conn, Recommendation.code, others, Recommendation.id, Recommendation.code
        )
        self.recommendation_ids |= {r.code: r.id for r in rows}
        self._relink(
            recommendation_proposers,
            "recommendation_id",
            [
                (self.recommendation_ids[c.record["recommendation_id"]], c.record["proposed_by"])
                for c in self.recommendations_to_write
            ],
            association_ids,
            fresh=set(inserted.values()),
        )
        return {
            self.recommendation_ids[c.record["recommendation_id"]]
            for c in self.recommendations_to_write
            if c.record["recommendation_id"] in self.existing_recommendations
        }

    def _write_updates(self, now) -> set[int]:
        table = StatusUpdate.__table__
        ids = self.recommendation_ids
        inserted_now = {
            ids[c.record["recommendation_id"]]
            for c in self.recommendations_to_write
            if c.record["recommendation_id"] not in self.existing_recommendations
        }
        columns = (
            "recommendation_id",
            "date",
            "status",
            "progress",
            "note",
            "evidence_url",
            "reported_by",
            "fingerprint",
            "corrects_id",
            "source_file",
            "source_row",
            "created_at",
        )
        # Tuples straight away: this is the biggest table of a load.
        as_date = converter(self.conn, table, "date")
        created = converter(self.conn, table, "created_at")(now)
        new = []
        for c in self.updates_to_insert:
            r = c.record
            new.append(
                (
                    ids[r["recommendation_id"]],
                    as_date(r["date"]),
                    r["status"],
                    r["progress"],
                    r["note"],
                    r["evidence_url"],
                    r["reported_by"],
                    r["fingerprint"],
                    r.get("corrects_id"),
                    c.origin.file,
                    c.origin.row,
                    created,
                )
            )
        bulk_insert(self.conn, table, columns, new, converted=True)
        changed = [
            {
                "b_id": self.existing_updates[
                    (c.record["recommendation_id"], c.record["fingerprint"])
                ]["id"],
                "evidence_url": c.record["evidence_url"],
                "reported_by": c.record["reported_by"],
            }
            for c in self.updates_to_change
        ]
        if changed:
            self.conn.execute(update(table).where(table.c.id == bindparam("b_id")), changed)
        # Only recommendations that existed before need their current state read back.
        return {row[0] for row in new} - inserted_now


@contextmanager
def _indexes_rebuilt_if_bulk(conn: Connection, model, incoming: int):
    """When a load brings more rows than a table holds, drop its secondary indexes while
    inserting and build them again after: one sorted build is much cheaper than millions of
    single updates. Both happen inside the load's transaction (on SQLite too: the engine
    begins every transaction itself, see musharaka.db), so a load that fails or is killed
    before it commits keeps them: its rollback restores them."""
    indexes = [i for i in model.__table__.indexes if not i.unique]
    bulk = incoming > 10_000 and indexes
    if bulk:
        present = conn.execute(select(func.count()).select_from(model.__table__)).scalar()
        # On PostgreSQL dropping an index locks the table against readers until the load
        # commits: only worth it for a first load, when there is nothing to read yet.
        bulk = present == 0 if conn.dialect.name == "postgresql" else incoming > present
    if bulk:
        for index in indexes:
            index.drop(conn)
    yield
    # Built again only after the inserts succeeded: after an error the transaction rolls
    # back, which restores them, and on PostgreSQL a failed transaction refuses any further
    # statement (that error would hide the one the user needs to read).
    if bulk:
        for index in indexes:
            index.create(conn)


def _has_rows(conn: Connection, model) -> bool:
    return conn.execute(select(model.id).limit(1)).first() is not None


def _insert_dicts(conn: Connection, table, rows: list[dict]) -> None:
    if rows:
        columns = list(rows[0])
        bulk_insert(conn, table, columns, [tuple(row[c] for c in columns) for row in rows])


def _update_versioned(conn: Connection, table, rows: list[dict]) -> None:
    """Write `rows` over the records their `b_id` names, each one version newer, so that a
    form opened on the version before refuses to overwrite the change."""
    if rows:
        conn.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(version=table.c.version + 1),
            rows,
        )
