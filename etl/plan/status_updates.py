"""The status updates' planner: an update is known by its recommendation and the
fingerprint of its date, status, progress and note (etl.validate.status_fingerprint);
only its evidence link, reporter and stall reason can change. It needs its recommendation (in the
database or this load) and a date not before that recommendation's meeting."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator

import numpy
from sqlalchemy import bindparam, select, update

from etl.bulk import bulk_insert, converter
from etl.plan import halves
from etl.plan.base import (
    Candidate,
    Field,
    TablePlanner,
    fetch_where,
    has_rows,
    look_up_new,
    reject_before_meeting,
    reject_unknown,
)
from etl.plan.spill import FLAG, INSERT, SKIP, UPDATE, Spill
from etl.report import LoadReport
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
    record: dict,
    source: tuple[str, int],
    recommendation_id: int,
    created,
    day: Callable = lambda d: d,
) -> tuple:
    """A status update's row as written (COLUMNS), from its record: the row shaping the
    load and the demo share. `source`: the file and row it was read from (not an Origin:
    one made for each of millions of rows cost a national load seconds). `day` turns a
    date into what the driver stores (bulk converters); `created` is already converted."""
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
        source[0],
        source[1],
        created,
    )


def fingerprinted(record: dict) -> None:
    """A status update's record with its fingerprint (etl.validate.status_fingerprint),
    given as it is appended to the spill of the updates read (Spill.prepare)."""
    record["fingerprint"] = status_fingerprint(record)


class StatusUpdatePlanner(TablePlanner):
    table = "status_updates"
    model = StatusUpdate
    key = "recommendation_id"
    fields = FIELDS

    def __init__(self, plan) -> None:
        super().__init__(plan)
        self.codes: set[str] = set()  # the recommendations of the updates kept
        self.carrying: list[Candidate] = []  # the updates kept that name evidence files
        # The updates that passed their checks, on disk in read order (etl.plan.spill),
        # and what becomes of each, by its place among them: SKIP (merged, a conflicting
        # repeat or unchanged), INSERT or UPDATE. A national load's five million updates
        # are not held in memory: a byte each here, their rows in the spill.
        self.valid = Spill()
        self.flags = bytearray()
        self.inserting = 0

    def audit_key(self, key, record: dict) -> str:
        return f"{key[0]} {record['date']} {record['status']}"

    def resolve(self, candidates: Iterable[Candidate]) -> None:
        # A first load of updates has no history to compare with: each update that
        # passes its check is inserted, unless it repeats another, which only all of
        # them tell. Their outcomes are decided in the check's own pass (a pass over five
        # million rows at national scale saved) and taken back when some repeat.
        first = not has_rows(self.conn, StatusUpdate)
        early = Inserting(self) if first and self.plan.allowed_communes is None else None
        shared = _shared_places(self._check(candidates, early))
        if early is not None:
            if not shared:
                self._keep(early)
                return
            self.plan.recommendations.forget_latest()
        self._dedupe(shared)
        codes = list(self.codes) if not first else []
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
        self._decide()

    def _keep(self, inserting: Inserting) -> None:
        """The outcomes decided, counted in the report."""
        inserting.tally.close()
        self.inserting, self.carrying = inserting.count, inserting.carrying

    def _check(self, candidates: Iterable[Candidate], early: Inserting | None) -> array:
        """Each update against its recommendation (known, and met before the update), a
        chunk at a time. `valid` is the spill of the updates as read (fingerprinted as
        they were appended): those that fail are flagged SKIP in it, not copied out, so
        that its rows are pickled once. Returns a 64-bit digest of each one's key, by its
        place in `valid` (a failed row's is its place: compared with no other row).
        `early`: where the updates that pass go as inserted (a first load's)."""
        plan, report = self.plan, self.report
        loaded = plan.recommendations.kept
        meeting_dates = plan.recommendations.meeting_dates
        # The date of each recommendation's meeting, as this load leaves it: those of this
        # load first, those of the database as a chunk names them.
        meeting_of = {
            code: meeting_dates[plan.recommendations.meeting_at[place]]
            for code, place in loaded.items()
        }
        absent: set[str] = set()
        stored = has_rows(self.conn, Recommendation)
        query = select(Recommendation.code, Meeting.code, Meeting.date).join(
            Meeting, Meeting.id == Recommendation.meeting_id
        )
        rejected = report.rejected_ids.get("recommendations", set())

        def find(codes: set) -> list:
            if not stored:  # a first load: nothing to ask
                return []
            found = fetch_where(self.conn, query, Recommendation.code, codes)
            return [(code, meeting_dates.get(meeting, date)) for code, meeting, date in found]

        if not isinstance(candidates, Spill) or candidates.prepare is not fingerprinted:
            candidates = Spill.of(candidates, prepare=fingerprinted)  # a form's row

        def check(
            chunks: Iterator[list[Candidate]], report: LoadReport, early: Inserting | None
        ) -> tuple[array, bytearray, set[str]]:
            """Each update's key digest and what becomes of it, and the recommendations
            of those kept, taken as it is checked: not a pass of their own over the spill."""
            digests, flags, codes = array("q"), bytearray(), set()
            for chunk in chunks:
                look_up_new(
                    meeting_of, absent, {c.record["recommendation_id"] for c in chunk}, find
                )
                for candidate in chunk:
                    code = candidate.record["recommendation_id"]
                    known = code in meeting_of
                    # The date compared here first: millions of updates, nearly all after
                    # their meeting.
                    if known and (
                        candidate.record["date"] >= meeting_of[code]
                        or not reject_before_meeting(report, candidate, "date", meeting_of[code])
                    ):
                        codes.add(code)
                        digests.append(hash((code, candidate.record["fingerprint"])))
                        flags.append(INSERT)
                        if early is not None:
                            early.add(candidate)
                        continue
                    digests.append(len(flags))  # its place: compared with no other row
                    flags.append(SKIP)
                    if not known:
                        reject_unknown(
                            report,
                            candidate,
                            "recommendation_id",
                            rejected,
                            "loader_unknown_recommendation",
                            "loader_unknown_recommendation_rejected",
                        )
            return digests, flags, codes

        def second_half(chunks: Iterator[list[Candidate]]) -> tuple:
            """The second half's check, in a process of its own (etl.plan.halves): into a
            report and an Inserting of its own, joined to the first half's after."""
            own = LoadReport(keep_cells=report.keep_cells)
            inserting = Inserting(self, own)
            return (*check(chunks, own, inserting), own, inserting.handed_over())

        if early is not None and not stored and halves.splittable(candidates):
            # A first load, which asks the database nothing (`find`): two processes.
            mine, theirs = halves.in_halves(
                candidates, lambda chunks: check(chunks, report, early), second_half
            )
            digests, flags, codes = mine
            more, their_flags, their_codes, their_report, inserted = theirs
            digests.extend(_placed(more, their_flags, len(flags)))
            flags += their_flags
            codes |= their_codes
            report.absorb(their_report)
            early.join(inserted)
        else:
            digests, flags, codes = check(candidates.chunks(), report, early)
        self.codes |= codes
        self.valid, self.flags = candidates, flags
        if plan.allowed_communes is not None:  # an editor's upload: a few rows
            passed = [c for place, c in enumerate(candidates) if flags[place] != SKIP]
            self.valid = Spill.of(plan.rights.updates(passed, loaded), prepare=fingerprinted)
            self.flags = bytearray([INSERT]) * len(self.valid)
            digests = array("q")
            codes = self.codes
            codes.clear()
            for candidate in self.valid:
                r = candidate.record
                codes.add(r["recommendation_id"])
                digests.append(hash((r["recommendation_id"], r["fingerprint"])))
        return digests

    def _dedupe(self, shared: set[int]) -> None:
        """The first of each update; the same update with another evidence or reporter
        is rejected, an exact repeat merged (flagged SKIP). Only the updates whose key's
        digest is shared (`shared`: their places) are read again, to compare their keys
        and records."""
        if not shared:
            return
        kept: dict[tuple[str, str], Candidate] = {}
        for place, candidate in enumerate(self.valid):
            if place not in shared or self.flags[place] == SKIP:  # SKIP: failed its check
                continue
            r = candidate.record
            key = (r["recommendation_id"], r["fingerprint"])
            first = kept.get(key)
            if first is None:
                kept[key] = candidate
                continue
            self.flags[place] = SKIP
            if first.record == r:
                self.report.outcome(candidate.place, "merged")
                continue
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

    def _decide(self) -> None:
        """TablePlanner.decide, over the spill: inserted, unchanged or updated."""
        existing, flags = self.existing, self.flags
        inserting = Inserting(self)
        tally, carrying = inserting.tally, inserting.carrying
        for place, candidate in enumerate(self.valid):
            if flags[place] == SKIP:
                continue
            record = candidate.record
            key = (record["recommendation_id"], record["fingerprint"])
            old = existing.get(key)
            if old is None:
                inserting.add(candidate)
                continue
            outcome = self.outcome_of(key, record, old)
            flags[place] = FLAG[outcome]
            tally.add(candidate.place, outcome)
            # The few updates that bring files, unchanged ones included (a file may be
            # new to them): etl.evidence_files' proof, attached once the rows are written.
            if record.get("evidence_files"):
                carrying.append(candidate)
        self._keep(inserting)

    def write(self, recommendation_ids: dict[str, int], inserted_now: set[int], now) -> set[int]:
        """Insert the new updates and write the changed links and reporters; the ids of
        the recommendations that existed before and got an update (their current state is
        read again). `inserted_now`: the recommendations this load inserted.

        The rows come from the spill a chunk at a time and are written as they come:
        the biggest table of a load is never held whole."""
        table = StatusUpdate.__table__
        ids = recommendation_ids
        changed, updated = [], set()
        if UPDATE in self.flags:
            for c in self.valid.flagged(self.flags, UPDATE):
                r = c.record
                stored = self.existing[(r["recommendation_id"], r["fingerprint"])]
                changed.append(
                    {
                        "b_id": stored["id"],
                        "evidence_url": r["evidence_url"],
                        "reported_by": r["reported_by"],
                        "stall_reason": stall_reason(r, stored),
                    }
                )
                # A changed reason may change the current one: those are read again too.
                updated.add(ids[r["recommendation_id"]])
        # Existing rows first: they and the new ones are different rows, and the new
        # ones' ids follow their read order either way.
        if changed:
            self.conn.execute(update(table).where(table.c.id == bindparam("b_id")), changed)
        del changed
        # Tuples straight away: this is the biggest table of a load.
        day = converter(self.conn, table, "date")
        created = converter(self.conn, table, "created_at")(now)

        # Made as they are copied (etl.bulk.bulk_insert), their recommendations noted.
        def new_rows() -> Iterator[tuple]:
            for record, source in self.valid.sources_flagged(self.flags, INSERT):
                recommendation = ids[record["recommendation_id"]]
                updated.add(recommendation)
                yield row(record, source, recommendation, created, day)

        bulk_insert(self.conn, table, COLUMNS, new_rows(), converted=True, binary=True)
        self.valid.close()
        self.flags = bytearray()
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


class Inserting:
    """What the updates a load inserts leave besides their rows, as each is decided in
    read order: the latest update of each new recommendation, folded (etl.plan.latest:
    the recommendations' planner writes its current state from it); their count, which
    ranks them; their outcome, tallied; those that bring files (etl.evidence_files)."""

    def __init__(self, planner: StatusUpdatePlanner, report: LoadReport | None = None) -> None:
        recommendations = planner.plan.recommendations
        self._new_ones, self._latest = recommendations.kept, recommendations.latest
        self._until, self._stored = recommendations.until, recommendations.existing
        self.count = 0
        self.tally = (report or planner.report).tally()
        self.carrying: list[Candidate] = []

    def add(self, candidate: Candidate) -> None:
        record = candidate.record
        code, date = record["recommendation_id"], record["date"]
        at = self._new_ones.get(code)
        if at is not None and date <= self._until and code not in self._stored:
            self._latest.fold(
                at,
                self.count,
                date,
                record["status"],
                record["progress"],
                record.get("stall_reason"),
            )
        self.count += 1
        self.tally.add(candidate.place, "inserted")
        if record.get("evidence_files"):
            self.carrying.append(candidate)

    def handed_over(self) -> tuple:
        """What `join` takes: this one's updates, decided in another process (the
        second half of a first load's, etl.plan.halves)."""
        return self.count, self.tally.pending(), self.carrying, self._latest

    def join(self, later: tuple) -> None:
        """The updates another Inserting decided (`handed_over`), read after this one's."""
        count, tallied, carrying, latest = later
        self._latest.join_later(latest, self.count)
        self.tally.include(tallied)
        self.carrying += carrying
        self.count += count


def _placed(digests: array, flags: bytearray, offset: int) -> array:
    """The digests of rows checked from place `offset` on, counted from 0 (the second
    half's, etl.plan.halves): a failed row's digest is its place, now in the whole."""
    values = numpy.frombuffer(digests, dtype=numpy.int64).copy()
    failed = numpy.frombuffer(bytes(flags), dtype=numpy.uint8) == SKIP
    values[failed] = numpy.flatnonzero(failed) + offset
    return array("q", values.tobytes())


def _shared_places(digests: array) -> set[int]:
    """The places whose digest another place has too: the candidates for a repeat. A
    sort of 8-byte digests, not a dict of millions of keys."""
    if len(digests) < 2:
        return set()
    values = numpy.frombuffer(digests, dtype=numpy.int64)
    order = numpy.argsort(values, kind="stable")
    ranked = values[order]
    same = ranked[1:] == ranked[:-1]
    if not same.any():
        return set()
    member = numpy.zeros(len(ranked), dtype=bool)
    member[1:] |= same
    member[:-1] |= same
    return {int(place) for place in order[member]}
