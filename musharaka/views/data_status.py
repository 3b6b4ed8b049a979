"""Pure pieces of the data status page (pages/5_Data_status.py): the loads, the files they
read, the rows per table and the rejected rows, labelled in the reader's language.
No Streamlit here."""

from __future__ import annotations

import pandas as pd

from musharaka.i18n import UI, t
from musharaka.loader_text import NESTED, PHRASES, recognise

# The contract's reasons for rejecting a row (docs/command-line.md, the load report).
REJECT_REASONS = (
    "missing_required",
    "bad_date",
    "bad_number",
    "unknown_value",
    "out_of_range",
    "unknown_reference",
    "duplicate_conflict",
    "not_allowed",
    "too_long",
    "bad_encoding",
    "missing_file",
    "bad_file",
    "unknown_institution",
)
TABLES = ("communes", "associations", "meetings", "recommendations", "status_updates")


def _label(prefix: str, key: object, lang: str) -> str:
    """The vocabulary's label for `prefix + key`, or the key itself when it has none."""
    entry = f"{prefix}{key}"
    return t(entry, lang) if entry in UI else str(key or "")


def said(message: object, lang: str) -> str:
    """One of the loader's messages (musharaka.loader_text) in the reader's language, with
    its values as they were (from the file) but the loader's own words and phrases
    ({what}: 'target date', {place}: 'row 3'...) and messages ({message}) said in turn;
    as written when it is none the loader writes (a report stored before its message
    was one)."""
    text = "" if message is None else str(message)
    found = recognise(text)
    if found is None:
        return text
    key, values = found
    for name in (*PHRASES, NESTED):
        if name in values:
            values[name] = said(values[name], lang)
    return t(key, lang).format(**values)


def reason_label(reason: str, lang: str) -> str:
    return _label("data_status_reason_", reason, lang)


def source_label(source: str, lang: str) -> str:
    return _label("data_status_source_", source, lang)


def table_label(table: str, lang: str) -> str:
    return _label("data_status_table_", table, lang)


def table_rows(counts: pd.DataFrame, lang: str) -> list[tuple[str, int]]:
    """(label, rows) for each data table, from the one row of `loads.table_counts`."""
    row = counts.iloc[0] if len(counts) else {}
    return [(table_label(name, lang), int(row.get(name, 0) or 0)) for name in TABLES]


def files_last_loaded(runs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per file named by the loads in `runs` (newest load first): when it was
    last loaded, and by which load."""
    seen: dict[str, tuple[object, int]] = {}
    for run in runs.itertuples(index=False):
        for name in str(run.files or "").split("; "):
            if name and name not in seen:
                seen[name] = (run.finished_at, int(run.id))
    return pd.DataFrame(
        {
            t("data_status_file", lang): list(seen),
            t("data_status_loaded_at", lang): [when for when, _ in seen.values()],
            t("data_status_load", lang): [run_id for _, run_id in seen.values()],
        }
    )


def labelled_runs(runs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The loads with their columns and sources in the reader's language."""
    return pd.DataFrame(
        {
            t("data_status_load", lang): runs["id"].astype(int),
            t("data_status_loaded_at", lang): runs["finished_at"],
            t("data_status_source", lang): [source_label(s, lang) for s in runs["source"]],
            t("data_status_rows_read", lang): runs["rows_read"].astype(int),
            t("data_status_rows_rejected", lang): runs["rows_rejected"].astype(int),
            t("data_status_files", lang): runs["files"],  # last: the widest
        }
    )


def labelled_reasons(reasons: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rejected rows per reason, the reason in the reader's language."""
    return pd.DataFrame(
        {
            t("data_status_reason", lang): [reason_label(r, lang) for r in reasons["reason"]],
            t("count", lang): reasons["count"].astype(int),
        }
    )


def labelled_rejects(rejects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rejected rows: where (load, file, sheet, row, table, column), why (the reason
    in the reader's language and the loader's message) and the value as read."""
    return pd.DataFrame(
        {
            t("data_status_load", lang): rejects["load_run_id"].astype(int),
            t("data_status_file", lang): rejects["file"],
            t("data_status_sheet", lang): rejects["sheet"],
            t("data_status_row", lang): rejects["row"].astype(int),
            t("data_status_table", lang): [table_label(x, lang) for x in rejects["table_name"]],
            t("data_status_column", lang): rejects["column_name"],
            t("data_status_reason", lang): [reason_label(r, lang) for r in rejects["reason"]],
            t("data_status_value", lang): rejects["value"],
            # A commune refused as close to a known one says so in the reader's language too.
            t("data_status_message", lang): [said(m, lang) for m in rejects["message"]],
        }
    )
