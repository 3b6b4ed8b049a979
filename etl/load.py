"""Load: read files, validate every row, resolve ids against this load and the database,
then upsert by natural key in dependency order, in one transaction.

Every input row ends in exactly one outcome (inserted, updated, unchanged, merged,
rejected), counted in the report. A rejected row never stops the others unless `strict`;
a file that cannot be read stops the whole load before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from etl.bulk import bulk_insert, converter
from etl.extract import ExtractError, RawSheet, read_file, supported_files
from etl.report import LoadReport, Origin
from etl.tables import LayoutError, find_layout, table_from_name
from etl.validate import VALIDATORS, status_fingerprint
from musharaka import geography
from musharaka.models import (
    Association,
    Commune,
    LoadReject,
    LoadRun,
    Meeting,
    Recommendation,
    StatusUpdate,
    meeting_associations,
    recommendation_proposers,
    utc_now,
)
from musharaka.parsing import is_blank
from musharaka.text import fold, has_arabic

# progress(stage, done, total): called as work advances, for a terminal bar or a page.
Progress = Callable[[str, int, int], None]

CHUNK = 500
_ID_COLUMN = {"meetings": "meeting_id", "recommendations": "recommendation_id"}


class LoadError(Exception):
    """The load cannot go on (unreadable file, unrecognisable sheet, database error)."""


@dataclass(slots=True)
class Candidate:
    """An accepted row waiting for its outcome."""

    origin: Origin
    record: dict[str, object]


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


# --- Reading -------------------------------------------------------------------------
def read_sources(
    paths: list[Path], report: LoadReport, progress: Progress = _no_progress
) -> dict[str, list[Candidate]]:
    """Every data row of every file, validated; rejects and warnings go to the report."""
    try:
        files = supported_files(paths)
    except ExtractError as error:
        raise LoadError(str(error)) from error
    if not files:
        raise LoadError("no file to load (Musharaka reads .xlsx, .csv, .tsv, .txt and .json)")
    accepted: dict[str, list[Candidate]] = {t: [] for t in VALIDATORS}
    report.sources = [path.name for path in files]
    for done, path in enumerate(files):
        progress("reading files", done, len(files))
        try:
            sheets = read_file(path)
            for sheet in sheets:
                _read_sheet(sheet, report, accepted)
        except ExtractError as error:
            raise LoadError(str(error)) from error
    progress("reading files", len(files), len(files))
    return accepted


def _read_sheet(sheet: RawSheet, report: LoadReport, accepted: dict[str, list[Candidate]]):
    where = sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
    rows = iter(sheet.rows)
    head = list(islice(rows, 30))
    # A workbook's sheet is named for its table; a text file by its file name.
    named = sheet.table or table_from_name(sheet.sheet if sheet.sheet else sheet.stem)
    try:
        layout = find_layout(head, named, where)
    except LayoutError as error:
        raise LoadError(str(error)) from error
    if layout is None:
        if any(not all(is_blank(c) for c in cells) for _, cells in head):
            report.warn(
                None,
                "",
                f"{where}: no table recognised in this sheet: skipped",
                sheet.file,
                sheet.sheet,
            )
        return
    report.add_sheet(sheet.file, sheet.sheet, layout.table)
    for note in layout.notes:
        report.warn(Origin(sheet.file, sheet.sheet, layout.table, layout.header_row), "", note)
    validator = VALIDATORS[layout.table]
    positions = list(layout.columns.items())
    data = (r for r in head if r[0] > layout.header_row)
    read = 0
    file, sheet_name, table = sheet.file, sheet.sheet, layout.table
    for row_number, cells in _chain(data, rows):
        if _blank_row(cells):
            continue
        read += 1
        origin = Origin(file, sheet_name, table, row_number)
        values = {col: (cells[i] if i < len(cells) else None) for i, col in positions}
        result = validator(values)
        for column, message in result.warnings:
            report.warn(origin, column, message)
        if result.problem:
            p = result.problem
            report.reject(origin, p.column, p.reason, p.value, p.message)
            key = _ID_COLUMN.get(layout.table)
            if key and not is_blank(values.get(key)):
                report.rejected_ids.setdefault(layout.table, set()).add(str(values[key]).strip())
        else:
            accepted[layout.table].append(Candidate(origin, result.record))  # type: ignore[arg-type]
    report.read(Origin(file, sheet_name, table, 0), read)


def _blank_row(cells: list[object]) -> bool:
    try:  # text files: every cell is a string
        return not "".join(cells).strip()  # type: ignore[arg-type]
    except TypeError:
        return all(is_blank(c) for c in cells)


def _chain(first: Iterable, rest: Iterable):
    yield from first
    yield from rest


# --- Resolving -----------------------------------------------------------------------
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
            )
    return kept


def _fetch(conn: Connection, column, keys: Iterable[str], *columns) -> list:
    """Rows of `column`'s table whose `column` is among `keys`, in chunks."""
    keys = list(keys)
    found = []
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        found.extend(conn.execute(select(*columns).where(column.in_(chunk))).all())
    return found


def _join(items: list[str]) -> str | None:
    return "; ".join(items) if items else None


# --- The load ------------------------------------------------------------------------
def run_load(
    engine: Engine,
    paths: list[Path],
    *,
    dry_run: bool = False,
    strict: bool = False,
    source: str = "cli",
    progress: Progress = _no_progress,
) -> LoadReport:
    """Load files into the database. The report says what happened to every row.

    Raises LoadError when nothing could be committed because of an error.
    """
    report = LoadReport(dry_run=dry_run)
    started = utc_now()
    accepted = read_sources(paths, report, progress)
    try:
        with engine.begin() as conn:
            plan = _Plan(conn, report, progress)
            plan.resolve(accepted)
            if dry_run or (strict and report.rejects):
                conn.rollback()
                return report
            plan.write()
            _record_run(conn, report, paths, source, started)
            report.committed = True
    except LoadError:
        raise
    except SQLAlchemyError as error:  # a database that refuses: nothing was committed
        # The driver's own message, without the statement and its (maybe huge) parameters.
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise LoadError(
            f"the database refused the load, nothing was committed: {reason}"
        ) from error
    return report


def _record_run(conn, report: LoadReport, paths, source: str, started: dt.datetime) -> None:
    result = conn.execute(
        insert(LoadRun).values(
            started_at=started,
            finished_at=utc_now(),
            source=source,
            files="; ".join(report.sources),
            rows_read=report.rows_read,
            rows_rejected=report.rows_rejected,
            report_json=json.dumps({**report.as_dict(), "committed": True}, ensure_ascii=False),
        )
    )
    run_id = result.inserted_primary_key[0]
    rejects = [
        {
            "load_run_id": run_id,
            "file": r["file"],
            "sheet": r["sheet"],
            "row": r["row"],
            "table_name": r["table"],
            "column_name": r["column"],
            "reason": r["reason"],
            "value": r["value"],
            "message": r["message"],
        }
        for r in report.rejects
    ]
    if rejects:
        conn.execute(insert(LoadReject), rejects)


class _Plan:
    """Decides each accepted row's outcome against the database, then writes the changes."""

    def __init__(self, conn: Connection, report: LoadReport, progress: Progress) -> None:
        self.conn = conn
        self.report = report
        self.progress = progress
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

    def _commune_keys_by_id(self) -> dict[int, str]:
        return dict(self.conn.execute(select(Commune.id, Commune.key)).all())

    def _resolve_meetings(self, candidates: list[Candidate]) -> None:
        kept = _dedupe(candidates, lambda r: r["meeting_id"], "meeting_id", self.report)
        self.meetings = kept
        rows = []
        codes = list(kept)
        for start in range(0, len(codes), CHUNK):
            query = (
                select(
                    Meeting.__table__,
                    Commune.key.label("commune_key"),
                    Commune.province.label("commune_province"),
                )
                .join(Commune, Commune.id == Meeting.commune_id)
                .where(Meeting.code.in_(codes[start : start + CHUNK]))
            )
            rows.extend(self.conn.execute(query).all())
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
                if old["date"] != r["date"]:
                    self.moved_meetings.add(code)
            self.report.outcome(candidate.origin, outcome)
            if outcome != "unchanged":
                self.meetings_to_write.append(candidate)

    def _links(self, table, owner_column: str, owner_ids: list[int]) -> dict[int, list[str]]:
        """Association keys linked to each owner id, in their written order."""
        links: dict[int, list[tuple[int, str]]] = {}
        owner = table.c[owner_column]
        for start in range(0, len(owner_ids), CHUNK):
            chunk = owner_ids[start : start + CHUNK]
            query = (
                select(owner, table.c.position, Association.key)
                .join(Association, Association.id == table.c.association_id)
                .where(owner.in_(chunk))
            )
            for owner_id, position, key in self.conn.execute(query):
                links.setdefault(owner_id, []).append((position, key))
        return {k: [key for _, key in sorted(v)] for k, v in links.items()}

    def _known_codes(self, column, codes: Iterable[str]) -> set[str]:
        return {r[0] for r in _fetch(self.conn, column, codes, column)}

    def _resolve_recommendations(self, candidates: list[Candidate]) -> None:
        rejected_meetings = self.report.rejected_ids.get("meetings", set())
        referenced = {c.record["meeting_id"] for c in candidates} - set(self.meetings)
        known_meetings = set(self.meetings) | self._known_codes(Meeting.code, referenced)
        valid = []
        for candidate in candidates:
            meeting_id = candidate.record["meeting_id"]
            if meeting_id in known_meetings:
                valid.append(candidate)
                continue
            note = " (its row was rejected in this load)" if meeting_id in rejected_meetings else ""
            self.report.reject(
                candidate.origin,
                "meeting_id",
                "unknown_reference",
                meeting_id,
                f"meeting '{meeting_id}' exists neither in the database nor in this load{note}",
            )
            rejected_here = self.report.rejected_ids.setdefault("recommendations", set())
            rejected_here.add(candidate.record["recommendation_id"])
        kept = _dedupe(valid, lambda r: r["recommendation_id"], "recommendation_id", self.report)
        self.recommendations = kept
        rows = []
        codes = list(kept)
        for start in range(0, len(codes), CHUNK):
            chunk = codes[start : start + CHUNK]
            rows.extend(
                self.conn.execute(
                    select(Recommendation.__table__, Meeting.code.label("meeting_code"))
                    .join(Meeting, Meeting.id == Recommendation.meeting_id)
                    .where(Recommendation.code.in_(chunk))
                ).all()
            )
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
                )
                outcome = "unchanged" if compare == old["compare"] else "updated"
            self.report.outcome(candidate.origin, outcome)
            if outcome != "unchanged":
                self.recommendations_to_write.append(candidate)

    def _resolve_updates(self, candidates: list[Candidate]) -> None:
        referenced = {c.record["recommendation_id"] for c in candidates} - set(self.recommendations)
        known = set(self.recommendations) | self._known_codes(Recommendation.code, referenced)
        rejected = self.report.rejected_ids.get("recommendations", set())
        valid = []
        for candidate in candidates:
            code = candidate.record["recommendation_id"]
            if code in known:
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
            )
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
                )
        self.updates = kept
        codes = list({code for code, _ in kept})
        for start in range(0, len(codes), CHUNK):
            chunk = codes[start : start + CHUNK]
            query = (
                select(
                    Recommendation.code,
                    StatusUpdate.id,
                    StatusUpdate.fingerprint,
                    StatusUpdate.evidence_url,
                    StatusUpdate.reported_by,
                )
                .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
                .where(Recommendation.code.in_(chunk))
            )
            for code, update_id, fingerprint, evidence, reporter in self.conn.execute(query):
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
        affected = self._write_recommendations(meeting_ids, association_ids, now)
        self.progress("writing", 3, steps)
        affected |= self._write_updates(now)
        self.progress("writing", 4, steps)
        if self.moved_meetings:
            moved = [meeting_ids[c] for c in self.moved_meetings]
            for start in range(0, len(moved), CHUNK):
                query = select(Recommendation.id).where(
                    Recommendation.meeting_id.in_(moved[start : start + CHUNK])
                )
                affected.update(r[0] for r in self.conn.execute(query))
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
        if changed:
            self.conn.execute(update(table).where(table.c.id == bindparam("b_id")), changed)
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
                "initial_status": r["status"],
                "initial_progress": r["progress"],
                "source_file": candidate.origin.file,
                "source_row": candidate.origin.row,
                "updated_at": now,
            }
            old = self.existing_recommendations.get(r["recommendation_id"])
            if old is None:
                date, status, progress = latest_state(
                    (meeting_date, r["status"], r["progress"]),
                    pending.get(r["recommendation_id"], ()),
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
        if changed:
            self.conn.execute(update(table).where(table.c.id == bindparam("b_id")), changed)
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


def _insert_dicts(conn: Connection, table, rows: list[dict]) -> None:
    if rows:
        columns = list(rows[0])
        bulk_insert(conn, table, columns, [tuple(row[c] for c in columns) for row in rows])


def latest_state(
    initial: tuple[dt.date, str, float | None],
    updates: Iterable[tuple[dt.date, int, str, float | None]],
) -> tuple[dt.date, str, float | None]:
    """The current (date, status, progress) of a recommendation (pure).

    The latest entry by date wins; for equal dates the one read last (the higher id).
    The recommendation's own status counts as of its meeting's date, read before its updates.
    """
    best_key = (initial[0], -1)
    best = initial
    for date, update_id, status, progress in updates:
        if (date, update_id) >= best_key:
            best_key, best = (date, update_id), (date, status, progress)
    return best


def refresh_current_status(conn: Connection, recommendation_ids: list[int]) -> None:
    """Rewrite current_status/progress/date of these recommendations from their history."""
    table = Recommendation.__table__
    for start in range(0, len(recommendation_ids), CHUNK):
        chunk = recommendation_ids[start : start + CHUNK]
        initial = {
            r.id: (r.date, r.initial_status, r.initial_progress)
            for r in conn.execute(
                select(
                    Recommendation.id,
                    Meeting.date,
                    Recommendation.initial_status,
                    Recommendation.initial_progress,
                )
                .join(Meeting, Meeting.id == Recommendation.meeting_id)
                .where(Recommendation.id.in_(chunk))
            )
        }
        history: dict[int, list] = {}
        query = select(
            StatusUpdate.recommendation_id,
            StatusUpdate.date,
            StatusUpdate.id,
            StatusUpdate.status,
            StatusUpdate.progress,
        ).where(StatusUpdate.recommendation_id.in_(chunk))
        for rec_id, date, update_id, status, progress in conn.execute(query):
            history.setdefault(rec_id, []).append((date, update_id, status, progress))
        values = []
        for rec_id, first in initial.items():
            date, status, progress = latest_state(first, history.get(rec_id, ()))
            values.append(
                {
                    "b_id": rec_id,
                    "current_status": status,
                    "current_progress": progress,
                    "current_status_date": date,
                }
            )
        if values:
            conn.execute(update(table).where(table.c.id == bindparam("b_id")), values)
