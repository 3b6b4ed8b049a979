"""One record written from a form: the same validation and the same plan as a file's row
(one code path), with the editor's rights checked, a version check against concurrent
edits, and the audit entry, all in one transaction.

A form passes the record as a row of the data contract (the same column names as a
file), so a form can accept and refuse exactly what a load accepts and refuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import SQLAlchemyError

from etl.load import too_long
from etl.plan import Candidate, Plan
from etl.report import LoadReport, Origin
from etl.validate import VALIDATORS, status_fingerprint
from musharaka import audit, db
from musharaka.audit import Change
from musharaka.auth import Identity
from musharaka.db import WriterBusy, exclusive_write
from musharaka.evidence import Prepared
from musharaka.models import Meeting, Recommendation, StatusUpdate
from musharaka.services import evidence as evidence_files

_CODE = {"meetings": "meeting_id", "recommendations": "recommendation_id"}
_MODEL: dict[str, type[Meeting] | type[Recommendation]] = {
    "meetings": Meeting,
    "recommendations": Recommendation,
}


@dataclass
class SaveResult:
    """What became of a form: saved, or refused with a message per field, or refused
    because someone else saved a newer version first (`current` holds it)."""

    saved: bool = False
    outcome: str = ""  # inserted, updated, unchanged
    problems: dict[str, str] = field(default_factory=dict)  # column -> message
    reasons: dict[str, str] = field(default_factory=dict)  # column -> the contract's reason
    warnings: list[str] = field(default_factory=list)
    conflict: bool = False
    current: dict | None = None
    version: int | None = None  # the version now in the database
    status_update_id: int | None = None  # the status update written, when one was


class Refused(Exception):
    def __init__(self, result: SaveResult) -> None:
        super().__init__(result.problems)
        self.result = result


def save(
    engine: Engine,
    table: str,
    row: dict[str, object],
    *,
    user: Identity,
    expected_version: int | None = None,
    corrects_id: int | None = None,
    source: str = "form",
    files: Sequence[Prepared] = (),
) -> SaveResult:
    """Validate and write one meeting, recommendation or status update.

    `expected_version` is the version the form was opened on (None for a new record);
    `corrects_id` makes a status update the correction of an earlier entry; `files` are
    a new status update's evidence (musharaka.evidence.prepare), stored with it or not
    at all.
    """
    try:
        staged, keep = evidence_files.stage_files(engine, files)
    except OSError as error:
        return SaveResult(problems={"": f"the files could not be stored: {error.strerror}"})
    try:
        result = _save_once(
            engine, table, row, user, expected_version, corrects_id, source, files, keep
        )
    except BaseException:
        staged.discard()
        raise
    # The rows are committed (or not): the files take their names (or are deleted).
    staged.promote() if result.saved else staged.discard()
    return result


def _save_once(engine, table, row, user, expected_version, corrects_id, source, files, keep):
    try:
        # The one writer of the database while it saves, as a load is (musharaka.db).
        with exclusive_write(engine) as conn:
            result = save_in(
                conn,
                table,
                row,
                user=user,
                expected_version=expected_version,
                corrects_id=corrects_id,
                source=source,
                files=files,
                keep_originals=keep,
            )
            if not result.saved:
                raise Refused(result)
            return result
    except Refused as refused:
        return refused.result
    except WriterBusy as busy:
        return SaveResult(problems={"": str(busy)})
    except SQLAlchemyError as error:
        reason = db.refusal_reason(error)
        if reason == db.NOT_AVAILABLE:
            return SaveResult(problems={"": f"the change was not saved: {reason}"})
        return SaveResult(problems={"": f"the database refused the change: {reason}"})


def save_in(
    conn: Connection,
    table: str,
    row: dict[str, object],
    *,
    user: Identity,
    expected_version: int | None = None,
    corrects_id: int | None = None,
    source: str = "form",
    files: Sequence[Prepared] = (),
    keep_originals: bool = False,
) -> SaveResult:
    """As `save`, inside the caller's transaction, for a write that must commit together
    with another one (an approved field report and its status update). When the result is
    not saved, nothing was changed; the caller commits, and a database error propagates
    for the caller to roll back."""
    # The same length limits as a file's cell, before the validator, as in a load.
    long = too_long(row)
    if long:
        return SaveResult(problems={long.column: long.message}, reasons={long.column: long.reason})
    result = VALIDATORS[table](dict(row))
    if result.problem:
        p = result.problem
        return SaveResult(problems={p.column: p.message}, reasons={p.column: p.reason})
    record = result.record
    assert record is not None  # a row without a problem has its record
    warnings = [message for _, message in result.warnings]
    if corrects_id is not None:
        record["corrects_id"] = corrects_id
    try:
        result = _save(
            conn, table, record, user, expected_version, corrects_id, source, warnings, files
        )
    except Refused as refused:
        return refused.result
    if table == "status_updates":
        result.status_update_id = _update_id(conn, record)
        if files:
            evidence_files.attach(
                conn,
                files,
                uploaded_by=user.username,
                keep_originals=keep_originals,
                status_update_id=result.status_update_id,
            )
    return result


def _update_id(conn: Connection, record: dict) -> int | None:
    """The id of the status update `record` is (found by its fingerprint)."""
    return conn.execute(
        select(StatusUpdate.id)
        .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        .where(
            Recommendation.code == record["recommendation_id"],
            StatusUpdate.fingerprint == status_fingerprint(record),
        )
        .order_by(StatusUpdate.id.desc())
    ).scalar()


def _save(conn, table, record, user, expected_version, corrects_id, source, warnings, files):
    code = record.get(_CODE.get(table, ""), None)
    _check_role(user)
    if table in _MODEL:
        model = _MODEL[table]
        if expected_version is None:
            if conn.execute(select(model.id).where(model.code == code)).first():
                raise Refused(
                    SaveResult(problems={_CODE[table]: f"'{code}' exists already: open it to edit"})
                )
        else:
            # The guard is the first write of the transaction: it takes the row (PostgreSQL)
            # or the database (SQLite) for this transaction, so of two editors saving the
            # same version, exactly one passes it.
            guarded = conn.execute(
                update(model)
                .where(model.code == code, model.version == expected_version)
                .values(version=model.version)
            )
            if guarded.rowcount != 1:
                raise Refused(_conflict(conn, table, code))
    if corrects_id is not None:
        _check_correction(conn, record, corrects_id)
    report = LoadReport()
    plan = Plan(conn, report, lambda *_: None, allowed_communes=user.editable_communes())
    accepted: dict[str, list[Candidate]] = {t: [] for t in VALIDATORS}
    accepted[table] = [Candidate(Origin("form", "", table, 1), record)]
    plan.resolve(accepted)
    if report.rejects:
        problems = {r["column"]: r["message"] for r in report.rejects}
        reasons = {r["column"]: r["reason"] for r in report.rejects}
        raise Refused(SaveResult(problems=problems, reasons=reasons))
    outcome = next(
        iter(o for o in ("inserted", "updated", "unchanged") if report.tables[table][o]),
        "unchanged",
    )
    if table == "status_updates" and (
        outcome == "updated" or (corrects_id and outcome != "inserted")
    ):
        # The history is never edited in place from a form: the same entry with another
        # link or reporter, or a correction that repeats an entry, is refused.
        raise Refused(
            SaveResult(
                problems={
                    "": "this entry is already in the history: record a correction that "
                    "differs in date, status, progress or note"
                }
            )
        )
    if table == "status_updates" and files and outcome != "inserted":
        # Files belong to a new entry (or a correction): an entry already in the history
        # is never changed, not even by adding files to it.
        raise Refused(
            SaveResult(
                problems={
                    "": "this entry is already in the history: send the files with a new "
                    "entry or a correction"
                }
            )
        )
    plan.write()
    changes = list(plan.changes)
    if outcome == "inserted":
        key = code or _update_key(record)
        after = dict(record)
        if files:  # the audit names the files by their checksums
            after["evidence_sha256"] = [f.published.sha256 for f in files]
        changes.append(Change(table, key, "correct" if corrects_id else "insert", None, after))
    audit.record(conn, changes, actor=user.username, source=source)
    version = None
    if table in _MODEL:
        model = _MODEL[table]
        version = conn.execute(select(model.version).where(model.code == code)).scalar()
    return SaveResult(saved=True, outcome=outcome, warnings=warnings, version=version)


def _update_key(record: dict) -> str:
    return f"{record['recommendation_id']} {record['date']} {record['status']}"


def _conflict(conn: Connection, table: str, code: str) -> SaveResult:
    model = _MODEL[table]
    row = conn.execute(select(model.__table__).where(model.code == code)).mappings().first()
    if row is None:
        return SaveResult(conflict=True, problems={_CODE[table]: f"'{code}' no longer exists"})
    return SaveResult(conflict=True, current=dict(row), version=row["version"])


def _check_role(user: Identity) -> None:
    """Only editors and administrators change the data; which communes an editor may
    change is the plan's check, the same as for an editor's upload."""
    if user.role not in ("admin", "editor"):
        raise Refused(SaveResult(problems={"": "only editors change the data"}))


def _check_correction(conn: Connection, record: dict, corrects_id: int) -> None:
    target = conn.execute(
        select(Recommendation.code)
        .join(StatusUpdate, StatusUpdate.recommendation_id == Recommendation.id)
        .where(StatusUpdate.id == corrects_id)
    ).scalar()
    if target != record["recommendation_id"]:
        raise Refused(
            SaveResult(
                problems={"": "a correction must correct an entry of the same recommendation"}
            )
        )
