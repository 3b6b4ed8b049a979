"""Decidim's accountability results file: recognised by its header (an `id`, a
`title/<locale>` and two of its result columns), whatever the file is called. Each result
becomes a recommendation, validated like any other; each component a meeting of the
commune the load is given, dated by its results' earliest start_date or created_at. The
rules are those of etl.decidim."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from etl.decidim import (
    COMPONENT_PREFIX,
    SECOND_LANGUAGE,
    combine,
    component_code,
    html_to_text,
    result_code,
)
from etl.errors import CommuneNeeded
from etl.extract import RawSheet
from etl.plan import Candidate
from etl.readers.base import Layout, ReadContext, Rows, blank_row, too_long, where
from etl.report import LoadReport, Origin
from etl.validate import Problem, validate_meeting, validate_recommendation
from musharaka.dates import DateBounds
from musharaka.formulas import FORMULA_START
from musharaka.loader_text import english
from musharaka.parsing import (
    CellError,
    is_blank,
    parse_date,
    parse_domain,
    parse_progress,
    parse_status,
)
from musharaka.text import stem, stored_text, to_ascii_digits

# The table name a recognised Decidim sheet gets in its layout (etl.readers).
TABLE = "decidim_results"
# Which locale's title a recommendation takes, first found first; then any other locale.
LOCALE_PREFERENCE = ("ar", "fr", "en")
# Columns besides id and title/<locale> of which a results file has at least two.
_RESULT_MARKS = (
    "parent/id",
    "status/key",
    "status/id",
    "progress",
    "start_date",
    "end_date",
    "component/id",
)
_LOCALE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?", re.IGNORECASE)

# Status keys that Decidim installations often define (Decidim ships none of its own),
# read as Musharaka statuses. Matched like any status value (case, accents, '_' as space).
DECIDIM_STATUS_KEYS = {
    "finished": "completed",
    "executed": "completed",
    "partially finished": "partially_completed",
    "partially executed": "partially_completed",
    "partial": "partially_completed",
    "execution": "in_progress",
    "executing": "in_progress",
    "in execution": "in_progress",
    "ongoing": "in_progress",
    "started": "in_progress",
    "pending": "not_started",
    "in preparation": "planned",
    "preparation": "planned",
    "planning": "planned",
    "discarded": "cancelled",
    "rejected": "cancelled",
    "paused": "stalled",
    "suspended": "stalled",
}
_DECIDIM_STATUS_INDEX = {stem(k): v for k, v in DECIDIM_STATUS_KEYS.items()}


# --- The header ----------------------------------------------------------------------
def header_name(cell: object) -> str:
    return "" if cell is None else str(cell).strip().lstrip("\ufeff").lower()


def header_columns(cells: list[object]) -> dict[int, str] | None:
    """Cell index -> Decidim column name when `cells` are the header of a results file
    (an `id`, one `title/<locale>` or more, and two of parent/id, status/key, status/id,
    progress, start_date, end_date, component/id); None for any other row."""
    names = [header_name(c) for c in cells]
    if "id" not in names or not any(_localized(n, "title") for n in names):
        return None
    if sum(mark in names for mark in _RESULT_MARKS) < 2:
        return None
    columns: dict[int, str] = {}
    for position, name in enumerate(names):
        if name and name not in columns.values():
            columns[position] = name
    return columns


def _localized(name: str, field_name: str) -> str | None:
    """The locale of a `field/<locale>` column name, or None."""
    prefix = field_name + "/"
    if name.startswith(prefix) and _LOCALE.fullmatch(name[len(prefix) :]):
        return name[len(prefix) :]
    return None


def locales(values: Mapping[str, object], field_name: str) -> list[str]:
    """The locales a row has `field/<locale>` columns for, in preference order."""
    found = [loc for name in values if (loc := _localized(name, field_name))]
    preferred = [loc for loc in LOCALE_PREFERENCE if loc in found]
    return preferred + [loc for loc in found if loc not in preferred]


# --- Reading a result ----------------------------------------------------------------
@dataclass
class ResultRow:
    """One result read: the cells of its recommendation (None when rejected), the problem
    that rejects it, the day it gives its component's meeting, and that meeting's link."""

    cells: dict[str, object] | None
    problem: Problem | None = None
    code: str | None = None  # its recommendation_id, rejected or not
    date: dt.date | None = None
    url: str | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)


def _text(value: object) -> str | None:
    """A cell as text, without the quote an export puts before a formula-like text."""
    text = stored_text(value)
    if text and text[0] == "'" and text[1:2] and text[1] in FORMULA_START:
        text = text[1:]
    return text


def _identifier(value: object) -> str | None:
    text = _text(value)
    return to_ascii_digits(text) if text else None


def _first(values: Mapping[str, object], field_name: str) -> str | None:
    for loc in locales(values, field_name):
        text = _text(values.get(f"{field_name}/{loc}"))
        if text:
            return text
    return None


def status_of(values: Mapping[str, object], progress: float | None) -> str:
    """The status of a result: its key or a name matching a Musharaka status (or a
    Decidim key of DECIDIM_STATUS_KEYS), else read from its progress."""
    for name in ("status/key", *(f"status/name/{loc}" for loc in locales(values, "status/name"))):
        text = _text(values.get(name))
        if not text:
            continue
        try:
            return parse_status(text)
        except CellError:
            key = _DECIDIM_STATUS_INDEX.get(stem(text.replace("_", " ")))
            if key:
                return key
    if progress is None or progress == 0:
        return "not_started"
    return "completed" if progress >= 100 else "in_progress"


def _domain(values: Mapping[str, object]) -> str:
    """The category name that is a Musharaka domain, else the preferred name (stored as
    'other' with its text), else 'other'."""
    names = [
        text
        for loc in locales(values, "category/name")
        if (text := _text(values.get(f"category/name/{loc}")))
    ]
    for name in names:
        if parse_domain(name).key != "other" or stem(name) in _OTHER_LABELS:
            return name
    return names[0] if names else "other"


_OTHER_LABELS = {stem(label) for label in ("other", "أخرى", "Autre", "Other")}


def _title_and_description(values: Mapping[str, object]) -> tuple[str | None, str | None]:
    titles = {loc: _text(values.get(f"title/{loc}")) for loc in locales(values, "title")}
    primary = next((loc for loc, text in titles.items() if text), None)
    if primary is None:
        return None, None
    title = titles[primary]
    description = html_to_text(_text(values.get(f"description/{primary}")))
    if primary == "ar" and titles.get(SECOND_LANGUAGE):
        second = html_to_text(_text(values.get(f"description/{SECOND_LANGUAGE}")))
        description = combine(title, description, titles[SECOND_LANGUAGE], second)
    return title, description


def _day(values: Mapping[str, object], column: str) -> dt.date:
    value = _text(values.get(column))
    try:
        return parse_date(value)
    except CellError as error:
        message = english("loader_in_column", column=column, message=error.message)
        raise _Rejected(column, error.reason, value or "", message) from None


class _Rejected(Exception):
    def __init__(self, column: str, reason: str, value: str, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(column, reason, value, message)


def read_result(values: Mapping[str, object]) -> ResultRow:
    """One row of a results file (cells by Decidim column) as recommendation cells.

    Rejected here: a blank id or title, an unreadable start_date or progress (the rest is
    validated as every recommendation is). An unreadable created_at is only a warning.
    """
    try:
        return _read_result(values)
    except _Rejected as rejected:
        return ResultRow(None, rejected.problem, result_code(_identifier(values.get("id"))))


def _read_result(values: Mapping[str, object]) -> ResultRow:
    code = result_code(_identifier(values.get("id")))
    if code is None:
        message = english("loader_decidim_no_id")
        raise _Rejected("recommendation_id", "missing_required", "", message)
    title, description = _title_and_description(values)
    if title is None:
        title_columns = [f"title/{loc}" for loc in locales(values, "title")]
        raise _Rejected(
            "title",
            "missing_required",
            "",
            english("loader_decidim_no_title", columns=", ".join(title_columns)),
        )
    warnings: list[tuple[str, str]] = []
    days = []
    if not is_blank(values.get("start_date")):
        days.append(_day(values, "start_date"))
    if not is_blank(values.get("created_at")):
        try:
            days.append(_day(values, "created_at"))
        except _Rejected as rejected:
            warnings.append(
                ("created_at", english("loader_ignored", message=rejected.problem.message))
            )
    progress_text = _text(values.get("progress"))
    progress = None
    if progress_text is not None:
        try:
            progress = parse_progress(progress_text)[0]
        except CellError as error:
            message = english("loader_in_column", column="progress", message=error.message)
            raise _Rejected("progress", error.reason, progress_text, message) from None
    cells: dict[str, object] = {
        "recommendation_id": code,
        "meeting_id": component_code(_identifier(values.get("component/id"))),
        "domain": _domain(values),
        "title": title,
        "description": description,
        "location": _first(values, "scope/name"),
        "target_date": _text(values.get("end_date")),
        "status": status_of(values, progress),
        "progress": progress_text,
    }
    if "parent/id" in values:
        cells["parent_id"] = result_code(_identifier(values.get("parent/id")))
    url = _text(values.get("url"))
    component_url = url.split("/results/")[0] + "/" if url and "/results/" in url else None
    day = min(days) if days else None
    return ResultRow(cells, None, code, day, component_url, warnings)


# The Decidim column to name in a message about a recommendation's column.
SOURCE_COLUMNS = {
    "recommendation_id": "id",
    "meeting_id": "component/id",
    "domain": "category/name",
    "title": "title",
    "description": "description",
    "location": "scope/name",
    "target_date": "end_date",
    "status": "status/key",
    "progress": "progress",
    "parent_id": "parent/id",
}


def component_meeting(
    meeting_id: str, day: dt.date, commune: str, url: str | None
) -> dict[str, object]:
    """The cells of the meeting a Decidim component becomes in `commune`."""
    shown = meeting_id.removeprefix(COMPONENT_PREFIX)
    return {
        "meeting_id": meeting_id,
        "commune": commune,
        "date": day,
        "title": f"Decidim {shown}",
        "kind": "Decidim",
        "source_url": url,
    }


class DecidimResults:
    """The reader of Decidim results files."""

    def recognise(
        self, row_number: int, cells: list[object], named_table: str | None
    ) -> Layout | None:
        columns = header_columns(cells)
        return None if columns is None else Layout(TABLE, row_number, columns, reader=self)

    def read(
        self, sheet: RawSheet, layout: Layout, rows: Rows, report: LoadReport, context: ReadContext
    ) -> None:
        commune, accepted = context.commune, context.accepted
        if not commune:
            raise CommuneNeeded(english("loader_decidim_no_commune", where=where(sheet)))
        file, name = sheet.file, sheet.sheet
        report.add_sheet(file, name, "recommendations")
        read = 0
        bounds = DateBounds.from_day()  # the same bounds for every row of the file
        taken: list[tuple[Origin, dict, ResultRow]] = []
        for row_number, cells in rows:
            if blank_row(cells):
                continue
            read += 1
            origin = Origin(file, name, "recommendations", row_number)
            values = {
                col: (cells[i] if i < len(cells) else None) for i, col in layout.columns.items()
            }
            result = read_result(values)
            # The ignore below: a result without a problem has its cells.
            problem = result.problem or too_long(result.cells)  # type: ignore[arg-type]
            for column, message in result.warnings:
                report.warn(origin, column, message)
            if problem is None:
                validated = validate_recommendation(result.cells, bounds)  # type: ignore[arg-type]  # idem
                for column, message in validated.warnings:
                    source = SOURCE_COLUMNS.get(column, column)
                    report.warn(
                        origin, column, english("loader_in_column", column=source, message=message)
                    )
                problem = validated.problem
            if problem is None:
                # The ignore below: a validated row without a problem has its record.
                taken.append((origin, validated.record, result))  # type: ignore[arg-type]
                continue
            source = SOURCE_COLUMNS.get(problem.column)
            message = problem.message
            if source and not message.startswith(source):
                # The file's own column, for the reader.
                message = english("loader_in_column", column=source, message=message)
            report.reject(origin, problem.column, problem.reason, problem.value, message, values)
            if result.code:
                report.rejected_ids.setdefault("recommendations", set()).add(result.code)
        report.read(Origin(file, name, "recommendations", 0), read)
        # One meeting per component, on the earliest day its results tell.
        meetings: dict[str, list] = {}
        for origin, record, result in taken:
            meeting = meetings.setdefault(record["meeting_id"], [origin, None, None])
            if result.date and (meeting[1] is None or result.date < meeting[1]):
                meeting[1] = result.date
            meeting[2] = meeting[2] or result.url
        for origin, record, _ in taken:
            if meetings[record["meeting_id"]][1] is None:
                message = english("loader_decidim_no_date")
                report.reject(origin, "start_date", "missing_required", "", message, record=record)
            else:
                accepted["recommendations"].append(Candidate(origin, record))
        dated = {code: m for code, m in meetings.items() if m[1] is not None}
        if dated:
            report.add_sheet(file, name, "meetings")
            report.read(Origin(file, name, "meetings", 0), len(dated))
        for code, (first, day, url) in dated.items():
            origin = first._replace(table="meetings")
            cells = component_meeting(code, day, commune, url)
            problem = too_long(cells)
            validated = validate_meeting(cells, bounds) if problem is None else None
            # The ignore below: `validated` is None only with a problem, and a row
            # validated without a problem has its record.
            problem = problem or validated.problem  # type: ignore[union-attr]
            if problem is None:
                accepted["meetings"].append(Candidate(origin, validated.record))  # type: ignore[union-attr,arg-type]
            else:
                report.reject(
                    origin,
                    problem.column,
                    problem.reason,
                    problem.value,
                    problem.message,
                    record=cells,
                )
                report.rejected_ids.setdefault("meetings", set()).add(code)
