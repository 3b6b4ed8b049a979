"""The status updates' planner: an update is known by its recommendation and the
fingerprint of its date, status, progress and note (etl.validate.status_fingerprint);
only its evidence link, reporter and stall reason can change. It needs its recommendation (in the
database or this load) and a date not before that recommendation's meeting."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, select, update

from etl.bulk import bulk_insert, converter
from etl.plan.base import (
    WRITE_CHUNK,
    Candidate,
    Field,
    TablePlanner,
    fetch_where,
    has_rows,
    reject_before_meeting,
)
from etl.validate import status_fingerprint
from musharaka import evidence_rows
from musharaka.loader_text import english
from musharaka.models import Meeting, Recommendation, StatusUpdate
from musharaka.text import fold


def stall_reason(record: dict, old: dict | None) -> str | None:
    """The reason an update is written with: its row's when the row has the column, else
    the one it has (a file without the column changes no reason)."""
    if "stall_reason" in record:
        return record["stall_reason"]
    return old["stall_reason"] if old else None


FIELDS = (
    # The update's identity: a different one is another update of the history.
    Field("date", compared=False),
    Field("status", compared=False),
    Field("progress", compared=False),
    Field("note", compared=False),
    Field("evidence_url"),
    Field("reported_by"),
    Field("stall_reason", incoming=stall_reason),
)
# The columns a status update is written with, in the order of `row`.
COLUMNS = (
    "recommendation_id",
    *(f.name for f in FIELDS),
    "fingerprint",
    "corrects_id",
    "source_file",
    "source_row",
    "created_at",
)


def row(
    record: dict, origin, recommendation_id: int, created, day: Callable = lambda d: d
) -> tuple:
    """A status update's row as written (COLUMNS), from its record: the row shaping the
    load and the demo share. `day` turns a date into what the driver stores (bulk
    converters); `created` is already converted."""
    return (
        recommendation_id,
        day(record["date"]),
        record["status"],
        record["progress"],
        record["note"],
        record["evidence_url"],
        record["reported_by"],
        record.get("stall_reason"),
        record["fingerprint"],
        record.get("corrects_id"),
        origin.file,
        origin.row,
        created,
    )


class StatusUpdatePlanner(TablePlanner):
    table = "status_updates"
    model = StatusUpdate
    key = "recommendation_id"
    fields = FIELDS

    def __init__(self, plan) -> None:
        super().__init__(plan)
        self._to_insert: list[Candidate] | None = None
        self.codes: set[str] = set()  # the recommendations of the updates kept
        self.carrying: list[Candidate] = []  # the updates kept that name evidence files

    def audit_key(self, key, record: dict) -> str:
        return f"{key[0]} {record['date']} {record['status']}"

    def to_insert(self) -> list[Candidate]:
        """The updates new to the history, in read order."""
        if self._to_insert is None:
            existing = self.existing
            self._to_insert = [
                c
                for c in self.to_write
                if (c.record["recommendation_id"], c.record["fingerprint"]) not in existing
            ]
        return self._to_insert

    def resolve(self, candidates: list[Candidate]) -> None:
        plan, report = self.plan, self.report
        loaded = plan.recommendations.kept
        meeting_dates = plan.recommendations.meeting_dates
        referenced = {c.record["recommendation_id"] for c in candidates} - set(loaded)
        # The date of each recommendation's meeting, as this load leaves it.
        query = select(Recommendation.code, Meeting.code, Meeting.date).join(
            Meeting, Meeting.id == Recommendation.meeting_id
        )
        meeting_of = {
            code: meeting_dates.get(meeting, date)
            for code, meeting, date in fetch_where(
                self.conn, query, Recommendation.code, referenced
            )
        }
        meeting_of.update(
            (code, meeting_dates[c.record["meeting_id"]]) for code, c in loaded.items()
        )
        rejected = report.rejected_ids.get("recommendations", set())
        valid = []
        for candidate in candidates:
            code = candidate.record["recommendation_id"]
            if code in meeting_of:
                # Compared here first: millions of updates, nearly all after their meeting.
                meeting = meeting_of[code]
                if candidate.record["date"] >= meeting or not reject_before_meeting(
                    report, candidate, "date", meeting
                ):
                    candidate.record["fingerprint"] = status_fingerprint(candidate.record)
                    valid.append(candidate)
                continue
            unknown = (
                "loader_unknown_recommendation_rejected"
                if code in rejected
                else "loader_unknown_recommendation"
            )
            report.reject(
                candidate.origin,
                "recommendation_id",
                "unknown_reference",
                code,
                english(unknown, code=code),
                record=candidate.record,
            )
        if plan.allowed_communes is not None:
            valid = plan.rights.updates(valid, loaded)
        del candidates  # the rows rejected above go now, the merged ones below
        self.kept = self._dedupe(valid)
        del valid
        self.codes = {code for code, _ in self.kept}
        # A first load has no history to compare with.
        codes = list(self.codes) if has_rows(self.conn, StatusUpdate) else []
        stored = select(
            Recommendation.code,
            StatusUpdate.id,
            StatusUpdate.fingerprint,
            StatusUpdate.evidence_url,
            StatusUpdate.reported_by,
            StatusUpdate.stall_reason,
        ).join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        for found in fetch_where(self.conn, stored, Recommendation.code, codes):
            self.existing[(found.code, found.fingerprint)] = {
                "id": found.id,
                "stall_reason": found.stall_reason,
                "compare": self.stored_values(found, {}),
            }
        self.decide()
        # The few updates that bring files, unchanged ones included (a file may be new to
        # them): etl.evidence_files' proof, attached once the rows are written.
        self.carrying = [c for c in self.kept.values() if c.record.get("evidence_files")]
        # The kept rows are all in `to_write` (or unchanged, nothing more to do with them)
        # and their codes in `codes`: the biggest dict of a load is not held to the end.
        self.kept = {}

    def _dedupe(self, valid: list[Candidate]) -> dict[tuple[str, str], Candidate]:
        """The first of each update; the same update with another evidence or reporter
        is rejected, an exact repeat merged."""
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
                differs = (
                    name
                    for name in ("evidence_url", "reported_by", "stall_reason")
                    if first.record.get(name) != r.get(name)
                )
                self.report.reject(
                    candidate.origin,
                    next(differs, "reported_by"),
                    "duplicate_conflict",
                    r["recommendation_id"],
                    english(
                        "loader_duplicate_update",
                        code=r["recommendation_id"],
                        date=r["date"],
                        where=at.file,
                        row=at.row,
                    ),
                    record=r,
                )
        return kept

    def write(self, recommendation_ids: dict[str, int], inserted_now: set[int], now) -> set[int]:
        """Insert the new updates and write the changed links and reporters; the ids of
        the recommendations that existed before and got an update (their current state is
        read again). `inserted_now`: the recommendations this load inserted.

        The planner's rows are let go as they are written (its `kept` is emptied first:
        Plan.write has taken what it needs of it): the biggest table of a load is not
        held whole beside the rows made of it."""
        table = StatusUpdate.__table__
        ids = recommendation_ids
        changed = []
        for c in self.to_write:
            stored = self.existing.get((c.record["recommendation_id"], c.record["fingerprint"]))
            if stored is not None:
                changed.append(
                    {
                        "b_id": stored["id"],
                        "evidence_url": c.record["evidence_url"],
                        "reported_by": c.record["reported_by"],
                        "stall_reason": stall_reason(c.record, stored),
                    }
                )
        # A changed reason may change the current one: those are read again too.
        updated: set[int] = {
            ids[c.record["recommendation_id"]]
            for c in self.to_write
            if (c.record["recommendation_id"], c.record["fingerprint"]) in self.existing
        }
        # Existing rows first: they and the new ones are different rows, and the new
        # ones' ids follow their read order either way.
        if changed:
            self.conn.execute(update(table).where(table.c.id == bindparam("b_id")), changed)
        to_insert = self.to_insert()
        self.kept, self.to_write = {}, []
        # Tuples straight away: this is the biggest table of a load.
        day = converter(self.conn, table, "date")
        created = converter(self.conn, table, "created_at")(now)
        for start in range(0, len(to_insert), WRITE_CHUNK):
            end = min(start + WRITE_CHUNK, len(to_insert))
            new = [
                row(c.record, c.origin, ids[c.record["recommendation_id"]], created, day)
                for c in to_insert[start:end]
            ]
            to_insert[start:end] = [None] * (end - start)  # type: ignore[list-item]
            bulk_insert(self.conn, table, COLUMNS, new, converted=True)
            updated.update(r[0] for r in new)
        self._to_insert = []
        self._attach_evidence(ids, self.carrying)
        self.carrying = []
        # Only recommendations that existed before need their current state read back.
        return updated - inserted_now

    def _attach_evidence(
        self, recommendation_ids: dict[str, int], carrying: list[Candidate]
    ) -> None:
        """The photos and PDFs each kept update names (etl.evidence_files), attached after
        those it already carries; a file it already carries is not attached again. The
        update, new or not, is found by its recommendation and fingerprint."""
        if not carrying:
            return
        wanted = {
            (recommendation_ids[c.record["recommendation_id"]], c.record["fingerprint"])
            for c in carrying
        }
        query = select(StatusUpdate.recommendation_id, StatusUpdate.fingerprint, StatusUpdate.id)
        found = {
            (row.recommendation_id, row.fingerprint): row.id
            for row in fetch_where(
                self.conn, query, StatusUpdate.recommendation_id, {r for r, _ in wanted}
            )
        }
        update_ids = [found[key] for key in wanted]
        carried = evidence_rows.attached(self.conn, update_ids)
        positions = evidence_rows.next_positions(self.conn, update_ids)
        actor, keep_originals = self.plan.evidence_by
        attached: dict[str, int] = {}
        for candidate in carrying:
            r = candidate.record
            update_id = found[(recommendation_ids[r["recommendation_id"]], r["fingerprint"])]
            for sha in r.get("evidence_published") or ():
                if sha not in carried[update_id]:
                    self.report.warn(
                        candidate.origin,
                        "evidence_files",
                        english("loader_evidence_address", sha=sha[:12]),
                    )
            new = [
                p for p in r.get("evidence") or () if p.published.sha256 not in carried[update_id]
            ]
            if not new:
                continue
            evidence_rows.attach(
                self.conn,
                new,
                uploaded_by=actor,
                keep_originals=keep_originals,
                status_update_id=update_id,
                first_position=positions[update_id],
            )
            positions[update_id] += len(new)
            carried[update_id].update(p.published.sha256 for p in new)
            for prepared in new:
                attached[fold(prepared.file_name)] = attached.get(fold(prepared.file_name), 0) + 1
        for entry in self.report.evidence:
            entry["attached"] = attached.get(fold(entry["file"]), 0)
