"""Field reports: what an association saw on the ground about a recommendation it
proposed, sent for an editor's decision.

`submit`, `approve` and `reject` each write in one transaction with their audit entry.
Approval writes the status update through `services.edit.save_in` (the ETL's validation, plan
and rights), in the same transaction as the report's decision: a report is approved
exactly when its status update exists. The first write of a decision is a guarded
UPDATE ... WHERE state = 'pending', so of two editors deciding at once, one wins and the
other is told the report was already decided.

Messages are reason codes per form field ("" for the form as a whole); the page shows
them in the reader's language (vocabulary keys `field_problem_<reason>`). Text is stored
as typed (trimmed), never escaped: it is escaped where it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from etl.scores import refresh_scores
from etl.validate import VALIDATORS, status_fingerprint
from musharaka import audit, db, evidence
from musharaka.audit import Change
from musharaka.auth import Identity
from musharaka.charts import status_text
from musharaka.db import WriterBusy, exclusive_write
from musharaka.formats import CONTROLS
from musharaka.i18n import t
from musharaka.models import (
    Association,
    FieldReport,
    Recommendation,
    StatusUpdate,
    recommendation_proposers,
    utc_now,
)
from musharaka.parsing import CellError, is_blank, parse_date, parse_progress, parse_status
from musharaka.services import edit
from musharaka.services import evidence as evidence_files
from musharaka.text import stored_text
from musharaka.views.recommendations import safe_href

# A report's state is pending, approved or rejected; the audit names each decision.
DECISIONS = {"approved": "approve", "rejected": "reject"}
NOTE_MAX = 4000  # characters of a note or a decision note
URL_MAX = 2000
FIELDS = ("recommendation", "date", "status", "progress", "note", "evidence_url")


@dataclass
class Outcome:
    """What became of a submission or a decision: done, or refused with a reason code
    per field ("" for the whole form) and, for a refusal by the ETL or the database,
    its own message in `detail`."""

    done: bool = False
    problems: dict[str, str] = field(default_factory=dict)
    detail: str | None = None
    report_id: int | None = None
    status_update_id: int | None = None
    file_problems: list[evidence.Problem] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.problems)
        self.outcome = outcome


def _refuse(name: str, reason: str, detail: str | None = None) -> _Refused:
    return _Refused(Outcome(problems={name: reason}, detail=detail))


# --- the form's values ------------------------------------------------------------------
def check_report(
    date: object,
    status: object,
    progress: object,
    note: object,
    evidence_url: object,
    *,
    today: dt.date | None = None,
) -> tuple[dict[str, object], dict[str, str]]:
    """The report's values as they will be stored, and the problems by field (pure).

    Read with the ETL's own parsers, so a date, a status or a progress is accepted in a
    form exactly as in a file (٤٥٪, 16/02/2026, "en cours"); besides, a note is required,
    the day seen is not in the future, and evidence is a web address (http or https).
    """
    values: dict[str, object] = {}
    problems: dict[str, str] = {}
    for name, raw, parse in (("date", date, parse_date), ("status", status, parse_status)):
        if is_blank(raw):
            problems[name] = "missing_required"
            continue
        try:
            values[name] = parse(raw)
        except CellError as error:
            problems[name] = error.reason
    seen = values.get("date")
    if isinstance(seen, dt.date) and seen > (today or dt.date.today()):
        problems["date"] = "date_in_future"
    values["progress"] = None
    if not is_blank(progress):
        try:
            values["progress"] = parse_progress(progress)[0]
        except CellError as error:
            problems["progress"] = error.reason
    values["note"] = text = stored_text(note)
    if text is None:
        problems["note"] = "missing_required"
    elif len(text) > NOTE_MAX:
        problems["note"] = "too_long"
    values["evidence_url"] = url = stored_text(evidence_url)
    if url is not None:
        if len(url) > URL_MAX:
            problems["evidence_url"] = "too_long"
        elif safe_href(url) is None:
            problems["evidence_url"] = "not_web_address"
    return values, problems


def status_update_row(report: dict[str, object], recommendation_code: str, reporter: str) -> dict:
    """The status update a report becomes, as a row of the data contract."""
    return {
        "recommendation_id": recommendation_code,
        "date": report["date"],
        "status": report["status"],
        "progress": report["progress"],
        "note": report["note"],
        "evidence_url": report["evidence_url"],
        "reported_by": reporter,
    }


# --- writes -----------------------------------------------------------------------------
def submit(
    engine: Engine,
    user: Identity,
    recommendation_id: int | None,
    *,
    date: object,
    status: object,
    progress: object,
    note: object,
    evidence_url: object,
    files: Sequence[tuple[str, bytes]] = (),
    today: dt.date | None = None,
) -> Outcome:
    """Send a field report on a recommendation the user's association proposed; it waits
    for an editor (state pending), with its photos and PDFs (`files`: name and bytes),
    which no visitor sees before it is approved."""
    if user.role != "association" or user.association_id is None:
        return Outcome(problems={"": "not_allowed"})
    values, problems = check_report(date, status, progress, note, evidence_url, today=today)
    if recommendation_id is None:
        problems["recommendation"] = "missing_required"
    checked = evidence.prepare(list(files))
    if checked.problems:
        problems["files"] = "evidence"
    if problems or recommendation_id is None:
        return Outcome(problems=problems, file_problems=checked.problems)
    try:
        staged, keep = evidence_files.stage_files(engine, checked.files)
    except OSError as error:
        return Outcome(problems={"": "refused"}, detail=error.strerror)
    outcome = Outcome(problems={"": "refused"})
    try:
        with db.writing(engine).begin() as conn:
            outcome = _submit(conn, user, int(recommendation_id), values)
            evidence_files.attach(
                conn,
                checked.files,
                uploaded_by=user.username,
                keep_originals=keep,
                field_report_id=outcome.report_id,
            )
    except _Refused as refused:
        outcome = refused.outcome
    except SQLAlchemyError as error:
        outcome = Outcome(problems={"": "refused"}, detail=_database_reason(error))
    finally:
        # Committed: the files take their names; refused or failed: they are deleted.
        staged.promote() if outcome.done else staged.discard()
    return outcome


def _submit(conn: Connection, user: Identity, recommendation_id: int, values: dict) -> Outcome:
    proposers = recommendation_proposers.c
    # Checked here, not only in the page's list: an association reports only on the
    # recommendations it proposed.
    found = conn.execute(
        select(Recommendation.code, Association.name)
        .join(recommendation_proposers, proposers.recommendation_id == Recommendation.id)
        .join(Association, Association.id == proposers.association_id)
        .where(
            Recommendation.id == recommendation_id,
            proposers.association_id == user.association_id,
        )
    ).first()
    if found is None:
        raise _refuse("recommendation", "not_yours")
    code, association_name = found
    # The report must be able to become a status update as it stands: the ETL's row check.
    checked = VALIDATORS["status_updates"](status_update_row(values, code, association_name))
    if checked.problem:
        column = checked.problem.column
        raise _refuse(column if column in FIELDS else "", checked.problem.reason)
    report_id = db.insert_one(
        conn,
        insert(FieldReport).values(
            recommendation_id=recommendation_id,
            association_id=user.association_id,
            submitted_by=user.id,
            submitted_at=utc_now(),
            date=values["date"],
            note=values["note"],
            evidence_url=values["evidence_url"],
            proposed_status=values["status"],
            proposed_progress=values["progress"],
            state="pending",
        ),
    )
    after = {"recommendation_id": code, "association": association_name, **values}
    after["state"] = "pending"
    change = Change("field_reports", str(report_id), "submit", None, after)
    audit.record(conn, [change], actor=user.username, source="field_report")
    return Outcome(done=True, report_id=report_id)


def approve(engine: Engine, user: Identity, report_id: int, note: object = None) -> Outcome:
    """Accept a pending report: its status update enters the recommendation's history
    (reported by the association), and the recommendation's current status follows."""
    return _decide(engine, user, report_id, "approved", note)


def reject(engine: Engine, user: Identity, report_id: int, reason: object) -> Outcome:
    """Refuse a pending report with a reason the association sees; the history is unchanged."""
    return _decide(engine, user, report_id, "rejected", reason)


def _decide(engine: Engine, user: Identity, report_id: int, state: str, note: object) -> Outcome:
    if not user.has_role("editor"):
        return Outcome(problems={"": "not_allowed"})
    decision_note = stored_text(note)
    if state == "rejected" and decision_note is None:
        return Outcome(problems={"decision_note": "reason_required"})
    if decision_note is not None and len(decision_note) > NOTE_MAX:
        return Outcome(problems={"decision_note": "too_long"})
    try:
        # An approval writes a status update through the load's plan: one writer at a time.
        with exclusive_write(engine) as conn:
            return _decide_in(conn, user, report_id, state, decision_note)
    except _Refused as refused:
        return refused.outcome
    except WriterBusy as busy:
        return Outcome(problems={"": "refused"}, detail=str(busy))
    except SQLAlchemyError as error:
        return Outcome(problems={"": "refused"}, detail=_database_reason(error))


def _decide_in(
    conn: Connection, user: Identity, report_id: int, state: str, decision_note: str | None
) -> Outcome:
    report = (
        conn.execute(
            select(
                FieldReport.__table__,
                Recommendation.code.label("code"),
                Recommendation.commune_id.label("commune_id"),
                Association.name.label("association"),
            )
            .join(Recommendation, Recommendation.id == FieldReport.recommendation_id)
            .join(Association, Association.id == FieldReport.association_id)
            .where(FieldReport.id == report_id)
        )
        .mappings()
        .first()
    )
    # A report outside the editor's communes is answered as a missing one: it tells nothing.
    if report is None or not user.can_edit_commune(report["commune_id"]):
        raise _refuse("", "not_found")
    # The first write: of two decisions on the same report, exactly one passes it (the
    # row on PostgreSQL, the database on SQLite, is held until this transaction ends).
    decided = conn.execute(
        update(FieldReport)
        .where(FieldReport.id == report_id, FieldReport.state == "pending")
        .values(state=state, decided_by=user.id, decided_at=utc_now(), decision_note=decision_note)
    )
    if decided.rowcount != 1:
        raise _refuse("", "already_decided")
    after: dict[str, object] = {"state": state, "decision_note": decision_note}
    update_id = None
    if state == "approved":
        update_id = _write_status_update(conn, user, report)
        conn.execute(
            update(FieldReport)
            .where(FieldReport.id == report_id)
            .values(status_update_id=update_id)
        )
        after["status_update_id"] = update_id
        # The report's photos and PDFs are published with it, in the same transaction.
        evidence_files.publish_report_files(conn, report_id, update_id)
    # The council's answer times are part of the commune's scorecard.
    refresh_scores(conn, [report["commune_id"]])
    change = Change("field_reports", str(report_id), DECISIONS[state], {"state": "pending"}, after)
    audit.record(conn, [change], actor=user.username, source="review")
    return Outcome(done=True, report_id=report_id, status_update_id=update_id)


def _write_status_update(conn: Connection, user: Identity, report) -> int:
    """The report's status update, written by the ETL's own path; its id."""
    values = {
        "date": report["date"],
        "status": report["proposed_status"],
        "progress": report["proposed_progress"],
        "note": report["note"],
        "evidence_url": report["evidence_url"],
    }
    row = status_update_row(values, report["code"], report["association"])
    checked = VALIDATORS["status_updates"](row)
    if checked.problem:
        raise _refuse("", "refused", checked.problem.message)
    assert checked.record is not None  # a row without a problem has its record
    fingerprint = status_fingerprint(checked.record)

    def same_update():
        return conn.execute(
            select(StatusUpdate.id)
            .where(
                StatusUpdate.recommendation_id == report["recommendation_id"],
                StatusUpdate.fingerprint == fingerprint,
            )
            .order_by(StatusUpdate.id.desc())
        ).scalar()

    # The same update (day, status, progress and note) already in the history: writing
    # it would change that entry's reporter in place, which the history never allows.
    if same_update() is not None:
        raise _refuse("", "already_in_history")
    saved = edit.save_in(conn, "status_updates", row, user=user, source="review")
    if not saved.saved:
        raise _refuse("", "refused", "; ".join(saved.problems.values()))
    return same_update()


def _database_reason(error: SQLAlchemyError) -> str:
    return db.refusal_reason(error)


# --- what the page shows ----------------------------------------------------------------
# Direction controls (U+202E and its kin) could make a note read backwards in a table;
# they are kept in the database, as typed, and left out where the note is shown
# (formats.CONTROLS, which every page and document uses).


def shown_text(value: object) -> str | None:
    """A person's text for a table cell: as typed, without direction controls."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return CONTROLS.sub("", str(value))


def problem_text(reason: str, lang: str) -> str:
    """A refusal's reason in the reader's language."""
    return t(f"field_problem_{reason}", lang)


def recommendation_choice(recommendations: pd.DataFrame) -> dict[int, str]:
    """The recommendations an association may report on, as the form's choices."""
    return {
        int(row.id): f"{row.code} · {_short(shown_text(row.title))}"
        for row in recommendations.itertuples(index=False)
    }


def report_choice(reports: pd.DataFrame) -> dict[int, str]:
    """The pending reports an editor may decide, as choices: number, recommendation, who."""
    return {
        int(row.id): f"#{row.id} · {row.code} · {_short(shown_text(row.association))}"
        for row in reports.itertuples(index=False)
    }


def _short(text: str | None, length: int = 70) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= length else text[: length - 1] + "…"


def _labelled(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    table = frame[list(columns)].copy()
    for name in ("title", "note", "decision_note", "association", "commune", "code"):
        if name in table:
            table[name] = [shown_text(v) for v in table[name]]
    if "evidence_url" in table:
        table["evidence_url"] = [safe_href(v) for v in table["evidence_url"]]
    for name in ("proposed_status", "current_status"):
        if name in table:
            table[name] = [status_text(v, lang) for v in table[name]]
    if "state" in table:
        table["state"] = [t(f"field_state_{v}", lang) for v in table["state"]]
    for name in ("date", "current_status_date"):
        if name in table:
            table[name] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in table[name]]
    return table.rename(columns={name: t(key, lang) for name, key in columns.items()})


RECOMMENDATION_COLUMNS = {
    "code": "code",
    "title": "recommendation",
    "commune": "commune",
    "current_status": "field_current_status",
    "current_progress": "progress",
    "current_status_date": "field_status_date",
}
OWN_REPORT_COLUMNS = {
    "code": "code",
    "title": "recommendation",
    "date": "field_date_seen",
    "proposed_status": "field_proposed_status",
    "proposed_progress": "field_proposed_progress",
    "note": "field_note",
    "evidence_url": "field_evidence",
    "state": "field_state",
    "decision_note": "field_decision_note",
    "decided_at": "field_decided_at",
}
PENDING_COLUMNS = {
    "id": "field_report_no",
    "code": "code",
    "title": "recommendation",
    "commune": "commune",
    "association": "field_association",
    "date": "field_date_seen",
    "current_status": "field_current_status",
    "proposed_status": "field_proposed_status",
    "proposed_progress": "field_proposed_progress",
    "note": "field_note",
    "evidence_url": "field_evidence",
    "submitted_at": "field_submitted_at",
}
DECIDED_COLUMNS = {
    "id": "field_report_no",
    "code": "code",
    "association": "field_association",
    "date": "field_date_seen",
    "proposed_status": "field_proposed_status",
    "state": "field_state",
    "decision_note": "field_decision_note",
    "decided_at": "field_decided_at",
}


def recommendations_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _labelled(frame, RECOMMENDATION_COLUMNS, lang)


def own_reports_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _labelled(frame, OWN_REPORT_COLUMNS, lang)


def pending_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _labelled(frame, PENDING_COLUMNS, lang)


def decided_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _labelled(frame, DECIDED_COLUMNS, lang)
