"""Pure transformations for the recommendations page: the list and the export as a reader
sees them (columns and values in their language), one recommendation's history, and which
evidence links are safe to show as links.
"""

from __future__ import annotations

import math
from urllib.parse import quote, urlsplit

import pandas as pd

from musharaka.charts import status_text

# Dates as words (the charts write them the same way, through musharaka.formats).
from musharaka.formats import day_text
from musharaka.i18n import t, term_label
from musharaka.vocabulary import DOMAINS, PRIORITIES, STATUSES


def page_count(total: int, size: int) -> int:
    """How many pages `total` rows take, at least one."""
    return max(1, math.ceil(total / size))


# The list's columns (the query's names) and the vocabulary key of each header.
LIST_HEADERS = {
    "code": "code",
    "title": "recommendation",
    "commune": "commune",
    "meeting_date": "rec_meeting_date",
    "domain": "domain",
    "priority": "rec_priority",
    "status": "status",
    "progress": "progress",
    "target_date": "rec_target_date",
    "budget_mad": "rec_budget",
    "updated": "rec_updated",
}
DATE_COLUMNS = {"meeting_date", "target_date", "updated"}
EXPORT_HEADERS = {
    "code": "code",
    "commune": "commune",
    "meeting": "rec_meeting",
    "meeting_date": "rec_meeting_date",
    "domain": "domain",
    "title": "recommendation",
    "description": "rec_description",
    "proposed_by": "rec_proposed_by",
    "responsible": "rec_responsible",
    "partners": "rec_partners",
    "location": "rec_location",
    "priority": "rec_priority",
    "budget_mad": "rec_budget",
    "target_date": "rec_target_date",
    "status": "status",
    "progress": "progress",
    "updated": "rec_updated",
}


def _labelled(
    rows: pd.DataFrame, lang: str, headers: dict[str, str], on_screen: bool
) -> pd.DataFrame:
    table = rows[[c for c in headers if c in rows.columns]].copy()
    if on_screen:  # a file keeps real dates, for its readers to sort and compute with
        for column in DATE_COLUMNS & set(table.columns):
            table[column] = [day_text(v, lang) for v in table[column]]
    if "domain" in table:
        table["domain"] = [term_label(DOMAINS, k, lang) for k in table["domain"]]
    if "priority" in table:
        table["priority"] = [
            term_label(PRIORITIES, k, lang) if k else "" for k in table["priority"]
        ]
    if "status" in table:
        label = status_text if on_screen else (lambda k, lang: term_label(STATUSES, k, lang))
        table["status"] = [label(k, lang) for k in table["status"]]
    return table.rename(columns={c: t(key, lang) for c, key in headers.items()})


def shown_list(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One page of `recommendations.listing` as the table shows it: headers, domains,
    priorities, statuses (icon and name) and dates in the reader's language."""
    return _labelled(rows, lang, LIST_HEADERS, on_screen=True)


def export_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows of `recommendations.export_rows` as the downloaded file holds them:
    headers and values in the reader's language, codes kept, one row per recommendation."""
    return _labelled(rows, lang, EXPORT_HEADERS, on_screen=False)


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A recommendation's history (`recommendations.history`) for the table under its chart;
    its notes when the history holds them (a reader who may see them)."""
    table = history[[c for c in ("date", "status", "progress", "note") if c in history]].copy()
    table["date"] = [day_text(v, lang) for v in table["date"]]
    table["status"] = [status_text(k, lang) for k in table["status"]]
    return table.rename(
        columns={
            "date": t("date", lang),
            "status": t("status", lang),
            "progress": t("progress", lang),
            "note": t("rec_note", lang),
        }
    )


# Characters kept as they are in a link's address; the rest (spaces, brackets, quotes,
# parentheses, which would end a markdown link) are percent-encoded.
_URL_SAFE = "/:?#@!$&*+,;=%"


def safe_href(url: object) -> str | None:
    """The address to link to when `url` is an http(s) URL with a host; None otherwise
    (javascript:, data:, file paths and free text are never made links)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(text, safe=_URL_SAFE)


def evidence(history: pd.DataFrame) -> list[tuple[object, str, str | None]]:
    """Each piece of evidence of a history, oldest first: (date, text as written, the
    address to link to or None when it is not a web address)."""
    items = []
    for row in history.itertuples(index=False):
        if isinstance(row.evidence_url, str) and row.evidence_url.strip():
            items.append((row.date, row.evidence_url.strip(), safe_href(row.evidence_url)))
    return items


# The vocabulary key naming each order of the list (recommendations.SORTS).
SORT_LABELS = {
    "code": "code",
    "meeting_date": "rec_meeting_date",
    "target_date": "rec_target_date",
    "progress": "progress",
    "budget": "rec_budget",
    "updated": "rec_updated",
    "status": "status",
}


def fraction(progress: object) -> float | None:
    """A progress in percent (0-100, blank allowed) as a fraction for ui.percent."""
    value = pd.to_numeric(progress, errors="coerce")
    return None if pd.isna(value) else float(value) / 100


def meeting_labels(meetings: pd.DataFrame, day) -> dict[int, str]:
    """The meeting filter's choices: id -> 'code · date' (dates written by `day`)."""
    return {int(r.id): f"{r.code} · {day(r.date)}" for r in meetings.itertuples(index=False)}


def timeline(
    history: pd.DataFrame,
    meeting_date: object,
    initial_status: str,
    initial_progress: object,
    today: object,
) -> pd.DataFrame:
    """A recommendation's whole path for its chart (columns date, status, progress, kind):
    its initial status on its meeting's day, each update, and where it stands today, so
    that one update still draws a step from where it started, and the last step runs to
    today. `kind` is "start", "update" or "today"."""
    start = pd.DataFrame(
        {
            "date": [pd.Timestamp(meeting_date)],
            "status": [initial_status],
            "progress": [pd.to_numeric(initial_progress, errors="coerce")],
            "kind": ["start"],
        }
    )
    updates = history[["date", "status", "progress"]].copy()
    updates["date"] = pd.to_datetime(updates["date"])
    updates["progress"] = pd.to_numeric(updates["progress"], errors="coerce")
    updates["kind"] = "update"
    path = pd.concat([start, updates], ignore_index=True) if len(updates) else start
    path["progress"] = path["progress"].ffill().fillna(0.0)
    last = path.iloc[-1]
    end = pd.Timestamp(today)
    if end > last["date"]:
        path = pd.concat(
            [
                path,
                pd.DataFrame(
                    {
                        "date": [end],
                        "status": [last["status"]],
                        "progress": [last["progress"]],
                        "kind": ["today"],
                    }
                ),
            ],
            ignore_index=True,
        )
    return path
