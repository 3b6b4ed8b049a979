"""Normalise and validate one row (pure): cells by canonical column in, a clean record or
the first problem out, with warnings for what was accepted with a doubt.

One function per table; the same functions serve the command line, the upload page and
the editing forms, so a value is read the same way wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal, Protocol, overload

from musharaka import vocabulary as vocab
from musharaka.dates import (
    EARLIEST_MEETING,
    DateBounds,
    meeting_date_problem,
    target_date_problem,
    update_date_problem,
)
from musharaka.loader_text import english
from musharaka.parsing import (
    CellError,
    is_blank,
    parse_amount,
    parse_count,
    parse_date,
    parse_domain,
    parse_institution,
    parse_priority,
    parse_progress,
    parse_stall_reason,
    parse_status,
    parse_weight,
)
from musharaka.places import coordinates
from musharaka.text import split_list, stored_text, to_ascii_digits


@dataclass(frozen=True)
class Problem:
    """Why a row is rejected: the column, the contract's reason code, the value, a message."""

    column: str
    reason: str
    value: str
    message: str


# A clean row, by canonical column. Each column's value has the type the data contract
# gives it (text, date, number, list of names), which one dict type cannot state: Any lets
# the code that reads a column use its value as what that column holds.
Record = dict[str, Any]


@dataclass
class RowResult:
    record: Record | None
    problem: Problem | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (column, message)


class _Row:
    """Reads the cells of one row, collecting warnings; the first error stops the row."""

    def __init__(self, cells: dict[str, object], bounds: DateBounds) -> None:
        self.cells = cells
        self.bounds = bounds
        self.warnings: list[tuple[str, str]] = []

    def raw(self, column: str) -> object:
        return self.cells.get(column)

    def scalar(self, column: str, lists: bool = False) -> object:
        """The cell's value, refused when it is a JSON object (or a list, unless the
        column takes a list): its Python text is not what the file meant."""
        value = self.cells.get(column)
        if isinstance(value, dict) or (
            isinstance(value, list)
            and (not lists or any(isinstance(v, dict | list) for v in value))
        ):
            key = "loader_holds_object" if isinstance(value, dict) else "loader_holds_list"
            raise _Reject(column, "unknown_value", english(key, column=column))
        return value

    def blank(self, column: str) -> bool:
        return is_blank(self.cells.get(column))

    @overload
    def text(self, column: str, required: Literal[True]) -> str: ...
    @overload
    def text(self, column: str, required: bool = False) -> str | None: ...
    def text(self, column: str, required: bool = False) -> str | None:
        value = self.cells.get(column)
        if type(value) is str:  # most cells of most files: no conversion needed
            text = value.strip() or None
        elif value is None:  # an empty or absent cell
            text = None
        else:
            value = self.scalar(column, lists=True)
            if isinstance(value, list):  # a list cell from the JSON export
                value = "; ".join(str(v) for v in value)
            text = stored_text(value)
        if text is None and required:
            raise _Reject(column, "missing_required", english("loader_required", column=column))
        return text

    def identifier(self, column: str) -> str:
        """An id as text; '12' typed in a spreadsheet arrives as 12.0 and means '12'."""
        text = self.text(column, required=True)
        return to_ascii_digits(text)

    def items(self, column: str) -> list[str]:
        value = self.cells.get(column)
        if value is not None and type(value) is not str:
            value = self.scalar(column, lists=True)
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        return split_list(value)

    def parsed(self, column: str, parser: Callable[[object], object], required: bool = False):
        value = self.cells.get(column)
        if type(value) is not str:
            value = self.scalar(column)
        if (not value.strip()) if type(value) is str else is_blank(value):
            if required:
                raise _Reject(column, "missing_required", english("loader_required", column=column))
            return None
        try:
            return parser(value)
        except CellError as error:
            raise _Reject(column, error.reason, error.message) from None

    def warn(self, column: str, message: str | None) -> None:
        if message:
            self.warnings.append((column, message))


def _out_of_range(column: str, message: str | None) -> None:
    """Reject a date that cannot be right. Each validator compares a date with its bounds
    itself (a row's dates are checked in line: millions of rows); the message is made by
    the same function as for a single date, and only for a date beyond a bound."""
    if message:
        raise _Reject(column, "out_of_range", message)


class _Reject(Exception):
    def __init__(self, column: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.column, self.reason, self.message = column, reason, message


class Validator(Protocol):
    """A table's row validator: the row's cells by canonical column in, a RowResult out.
    `bounds`: the dates a row may not pass, worked out once by a caller that validates
    many rows (by default from today)."""

    def __call__(self, cells: dict[str, object], bounds: DateBounds | None = None) -> RowResult: ...


def _validated(build: Callable[[_Row], dict[str, object]]) -> Validator:
    def validate(cells: dict[str, object], bounds: DateBounds | None = None) -> RowResult:
        row = _Row(cells, bounds or DateBounds.from_day())
        try:
            record = build(row)
        except _Reject as reject:
            value = row.raw(reject.column)
            shown = "" if is_blank(value) else str(value)
            problem = Problem(reject.column, reject.reason, shown, reject.message)
            return RowResult(None, problem, row.warnings)
        return RowResult(record, None, row.warnings)

    validate.__doc__ = build.__doc__
    return validate


def _place(row: _Row, record: dict[str, object]) -> None:
    """A row's latitude and longitude, read when the row has either column: both or
    neither, each a coordinate, the point in Morocco. A row without the columns (a form,
    an older file) sets no key, and the place stored stays as it is."""
    if "latitude" not in row.cells and "longitude" not in row.cells:
        return
    latitude, longitude, problem = coordinates(row.scalar("latitude"), row.scalar("longitude"))
    if problem is not None:
        raise _Reject(*problem)
    record["latitude"] = latitude
    record["longitude"] = longitude


def _progress(row: _Row, column: str) -> float | None:
    result = row.parsed(column, parse_progress)
    if result is None:
        return None
    progress, warning = result
    row.warn(column, warning)
    return progress


def implied_progress(status: str, progress: float | None) -> float | None:
    """The progress the contract reads for a status: as given, else 100 for completed and
    0 for not started (any other status with no progress stays without one)."""
    if progress is not None:
        return progress
    return {"completed": 100.0, "not_started": 0.0}.get(status)


def _consistent_progress(row: _Row, status: str, progress: float | None, column: str):
    """The contract's consistency rules between a status and its progress."""
    if progress is None:
        return implied_progress(status, progress)
    if status == "completed" and progress < 100:
        row.warn(column, english("loader_completed_not_100", progress=f"{progress:g}"))
    elif status == "partially_completed" and progress >= 100:
        row.warn(column, english("loader_partial_at_100"))
    return progress


def _stall_reason(row: _Row, status: str, column: str = "stall_reason") -> str | None:
    """Why the recommendation stalls, as its row says; kept with any status but a
    completion (a recommendation overdue while in progress may have one): with
    `completed` or `partially_completed` it is dropped, with a warning."""
    reason = row.parsed(column, parse_stall_reason)
    if reason is not None and status in ("completed", "partially_completed"):
        row.warn(column, english("loader_stall_reason_dropped", status=status))
        return None
    return reason


# The parsers of counted and priced cells, made once rather than for every row.
_parse_participants = partial(parse_count, what=english("loader_word_participants"))
_parse_budget = partial(parse_amount, what=english("loader_word_budget"))


@_validated
def validate_meeting(row: _Row) -> dict[str, object]:
    """A meeting row: id, commune and date are required."""
    meeting_id = row.identifier("meeting_id")
    commune = row.text("commune", required=True)
    province = row.text("province")
    date = row.parsed("date", parse_date, required=True)
    if date < EARLIEST_MEETING or date > row.bounds.latest_meeting:
        _out_of_range("date", meeting_date_problem(date, row.bounds.on))
    record: dict[str, object] = {
        "meeting_id": meeting_id,
        "commune": commune,
        "province": province,
        "date": date,
        "title": row.text("title"),
        "kind": row.text("kind"),
        "edition": row.text("edition"),
        "location": row.text("location"),
        "chair": row.text("chair"),
        "facilitator": row.text("facilitator"),
        "participants": row.parsed("participants", _parse_participants),
        "associations": row.items("associations"),
        "summary": row.text("summary"),
        "source_url": row.text("source_url"),
    }
    _place(row, record)
    return record


@_validated
def validate_recommendation(row: _Row) -> dict[str, object]:
    """A recommendation row: id, meeting, domain and title are required."""
    recommendation_id = row.identifier("recommendation_id")
    meeting_id = row.identifier("meeting_id")
    domain = row.parsed("domain", parse_domain, required=True)
    domain_text = domain.original
    if domain.key == "other" and not row.blank("domain_text"):
        domain_text = row.text("domain_text")
    else:
        row.warn("domain", domain.warning)
    title = row.text("title", required=True)
    record: dict[str, object] = {
        "recommendation_id": recommendation_id,
        "meeting_id": meeting_id,
        "domain": domain.key,
        "domain_text": domain_text,
        "title": title,
        "description": row.text("description"),
        "proposed_by": row.items("proposed_by"),
        "responsible": row.text("responsible"),
        "partners": row.items("partners"),
        "location": row.text("location"),
    }
    priority = None
    if not row.blank("priority"):
        priority, warning = parse_priority(row.scalar("priority"))
        row.warn("priority", warning)
    record["priority"] = priority
    record["budget_mad"] = row.parsed("budget_mad", _parse_budget)
    target = row.parsed("target_date", parse_date)
    if target is not None and target > row.bounds.latest_target:
        _out_of_range("target_date", target_date_problem(target, row.bounds.on))
    record["target_date"] = target
    # Musharaka's own export carries the first state apart from the current one.
    status_column = "initial_status" if not row.blank("initial_status") else "status"
    progress_column = "initial_progress" if status_column == "initial_status" else "progress"
    status = row.parsed(status_column, parse_status) or "not_started"
    progress = _progress(row, progress_column)
    record["status"] = status
    record["progress"] = _consistent_progress(row, status, progress, progress_column)
    # Why it stalls, with its initial status (the export's initial_stall_reason beside its
    # initial_status). As parent_id: only a row that has the column sets it, so files and
    # forms without it keep the reason stored.
    reason_column = "initial_stall_reason" if status_column == "initial_status" else "stall_reason"
    if reason_column in row.cells:
        record["stall_reason"] = _stall_reason(row, status, reason_column)
    # The recommendation this one is a part of. Only a row that has the column sets it (a
    # blank cell clears it): files and forms without it leave the grouping as it is.
    if "parent_id" in row.cells:
        record["parent_id"] = None if row.blank("parent_id") else row.identifier("parent_id")
    # Its share of its parent's progress: likewise only set by a row that has the column.
    if "weight" in row.cells:
        record["weight"] = row.parsed("weight", parse_weight)
    _place(row, record)
    _programme(row, record)
    return record


# The action programme's columns of a recommendation (PAC, organic law 113-14 art. 78).
PROGRAMME_COLUMNS = ("pac_ref", "budget_line", "partner_institution")


def _programme(row: _Row, record: dict[str, object]) -> None:
    """The recommendation's line in the commune's action programme, its budget line and its
    partner institution (a code of the list), each read only when the row has its column:
    a file or form without it leaves what is stored as it is (a blank cell clears it)."""
    for column in ("pac_ref", "budget_line"):
        if column in row.cells:
            record[column] = row.text(column)
    if "partner_institution" in row.cells:
        record["partner_institution"] = row.parsed("partner_institution", parse_institution)


@_validated
def validate_status_update(row: _Row) -> dict[str, object]:
    """A status update row: recommendation, date and status are required."""
    recommendation_id = row.identifier("recommendation_id")
    date = row.parsed("date", parse_date, required=True)
    if date > row.bounds.latest_update:
        _out_of_range("date", update_date_problem(date, row.bounds.on))
    record: Record = {
        "recommendation_id": recommendation_id,
        "date": date,
        "status": row.parsed("status", parse_status, required=True),
    }
    progress = _progress(row, "progress")
    record["progress"] = _consistent_progress(row, record["status"], progress, "progress")
    # Only a row that has the column sets it: a file without it keeps what is stored.
    if "stall_reason" in row.cells:
        record["stall_reason"] = _stall_reason(row, record["status"])
    record["note"] = row.text("note")
    record["evidence_url"] = row.text("evidence_url")
    record["reported_by"] = row.text("reported_by")
    # Names of photos and PDFs given with the file (etl.evidence_files checks them); only
    # on the rows that name some: a national load holds millions of status updates.
    if "evidence_files" in row.cells and not row.blank("evidence_files"):
        record["evidence_files"] = tuple(row.items("evidence_files"))
    return record


@_validated
def validate_association(row: _Row) -> dict[str, object]:
    """An association row: its name is required."""
    domain = None
    if not row.blank("domain"):
        match = parse_domain(row.scalar("domain"))
        row.warn("domain", match.warning)
        domain = match.key
    return {
        "name": row.text("name", required=True),
        "commune": row.text("commune"),
        "domain": domain,
        "location": row.text("location"),
        "phone": row.text("phone"),
        "email": row.text("email"),
    }


@_validated
def validate_douar(row: _Row) -> dict[str, object]:
    """A douar of a commune's list: its commune, a name (Arabic, French or both) and its
    coordinates are required."""
    commune = row.text("commune", required=True)
    name_ar, name_fr = row.text("name_ar"), row.text("name_fr")
    if name_ar is None and name_fr is None:
        raise _Reject("name_fr", "missing_required", english("loader_douar_unnamed"))
    record: dict[str, object] = {
        "commune": commune,
        "province": row.text("province"),
        "name_ar": name_ar,
        "name_fr": name_fr,
    }
    _place(row, record)
    if record.get("latitude") is None:
        raise _Reject("latitude", "missing_required", english("loader_required", column="latitude"))
    return record


VALIDATORS: dict[str, Validator] = {
    "meetings": validate_meeting,
    "recommendations": validate_recommendation,
    "status_updates": validate_status_update,
    "associations": validate_association,
    "douars": validate_douar,
}


def status_fingerprint(record: Record) -> str:
    """What makes a status update the same update: recommendation, date, status, progress, note."""
    progress = record.get("progress")
    date = record["date"]
    # Computed for each of a national load's five million updates: a date's own
    # isoformat is what str() gives it, without str()'s dispatch (a datetime's differs).
    parts = [
        str(record["recommendation_id"]),
        date.isoformat() if date.__class__ is dt.date else str(date),
        str(record["status"]),
        "" if progress is None else f"{float(progress):g}",
        str(record.get("note") or ""),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def known_status(key: str) -> bool:
    return key in vocab.STATUS_KEYS
