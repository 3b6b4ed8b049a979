"""Pure pieces of the administration page (pages/10_Admin.py): the audit log and the users
as tables labelled in the reader's language, with each entry's before/after turned into
readable "field: before → after" text. No Streamlit here.

Direction controls and other control characters in stored text are shown as visible
marks (⟨U+202E⟩): an audit log shows what was written, it must not be reordered by it.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from musharaka.i18n import UI, t

ARROW = "→"
SEPARATOR = "; "
NOTHING = "—"
# Embeddings, overrides and isolates reorder text; C0/C1 controls (other than line breaks
# and tabs) hide it.
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(value: object) -> str:
    """Text with its direction controls and control characters shown as ⟨U+XXXX⟩."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return _HIDDEN.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", str(value))


def _label(prefixes: tuple[str, ...], key: object, lang: str) -> str:
    """The vocabulary's label under the first prefix that has one, else the key as text."""
    for prefix in prefixes:
        if f"{prefix}{key}" in UI:
            return t(f"{prefix}{key}", lang)
    return visible(key)


def source_label(source: str, lang: str) -> str:
    return _label(("audit_source_", "data_status_source_"), source, lang)


def action_label(action: str, lang: str) -> str:
    return _label(("audit_action_",), action, lang)


def table_label(table: str, lang: str) -> str:
    return _label(("audit_table_", "data_status_table_"), table, lang)


# --- before and after ------------------------------------------------------------------
def _loads(text: object) -> dict | None:
    if text is None or (isinstance(text, float) and text != text) or text == "":
        return None
    try:
        value = json.loads(str(text))
    except ValueError:
        return {"": str(text)}  # not JSON: shown as it is
    return value if isinstance(value, dict) else {"": value}


def _value(value: object) -> str:
    if value is None or value == "":
        return NOTHING
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or NOTHING
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def changes_text(before_json: object, after_json: object) -> str:
    """The fields of one entry as "field: before → after", separated by "; " (a table cell
    shows one line); a new record's fields as "field: value"; a removed one's as
    "field: value → —"."""
    before, after = _loads(before_json), _loads(after_json)
    fields = list(dict.fromkeys([*(after or {}), *(before or {})]))
    lines = []
    for field in fields:
        name = f"{field}: " if field else ""
        if before is None:
            assert after is not None  # without `before`, the fields come from `after`
            lines.append(f"{name}{_value(after.get(field))}")
        else:
            was = _value(before.get(field))
            now = _value(after.get(field)) if after is not None else NOTHING
            lines.append(f"{name}{was} {ARROW} {now}")
    return visible(SEPARATOR.join(lines))


# --- the log as a table -------------------------------------------------------------------
def _utc(values: pd.Series) -> pd.Series:
    """Timestamps as naive UTC (SQLite gives naive UTC, PostgreSQL aware ones)."""
    return pd.to_datetime(values, utc=True).dt.tz_localize(None)


ENTRY_COLUMNS = (
    "audit_col_no",
    "audit_col_at",
    "audit_col_actor",
    "audit_col_source",
    "audit_col_action",
    "audit_col_table",
    "audit_col_record",
    "audit_col_changes",
)


def labelled_entries(entries: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Entries of `queries.audit.entries` as the page shows them and the export holds them."""
    columns = [t(key, lang) for key in ENTRY_COLUMNS]
    if entries.empty:
        return pd.DataFrame({name: [] for name in columns})
    values = [
        entries["id"].astype(int),
        _utc(entries["at"]).dt.floor("s"),  # to the second, as shown and as a sheet keeps it
        [visible(a) for a in entries["actor"]],
        [source_label(s, lang) for s in entries["source"]],
        [action_label(a, lang) for a in entries["action"]],
        [table_label(n, lang) for n in entries["table_name"]],
        [visible(k) for k in entries["record_key"]],
        [
            changes_text(b, a)
            for b, a in zip(entries["before_json"], entries["after_json"], strict=True)
        ],
    ]
    return pd.DataFrame({name: list(value) for name, value in zip(columns, values, strict=True)})


def page_count(total: int, size: int) -> int:
    """How many pages `total` entries fill (at least one, so an empty log has a page)."""
    return max(1, -(-int(total) // size))


# --- users ------------------------------------------------------------------------------
def commune_ids(text: object) -> tuple[int, ...]:
    """The ids of `queries.audit.users`' comma-separated `commune_ids`, in order."""
    if text is None or (isinstance(text, float) and text != text):
        return ()
    return tuple(sorted({int(part) for part in str(text).split(",") if part.strip().isdigit()}))


USER_COLUMNS = (
    "username",
    "admin_display_name",
    "admin_role",
    "admin_communes",
    "admin_association",
    "admin_active",
    "admin_locked_until",
    "admin_last_sign_in",
)


def users_table(users: pd.DataFrame, communes: dict[int, str], lang: str) -> pd.DataFrame:
    """The users with their role, commune names and association in the reader's language;
    a lock that has run out is not shown."""
    columns = [t(key, lang) for key in USER_COLUMNS]
    if users.empty:
        return pd.DataFrame({name: [] for name in columns})
    now = pd.Timestamp.now(tz="UTC").tz_localize(None)
    locked = _utc(users["locked_until"])
    values = [
        [visible(u) for u in users["username"]],
        [visible(n) for n in users["display_name"]],
        [t(f"role_{r}", lang) if f"role_{r}" in UI else visible(r) for r in users["role"]],
        [
            ", ".join(visible(communes.get(i, i)) for i in commune_ids(ids))
            for ids in users["commune_ids"]
        ],
        [visible(a) for a in users["association"]],
        users["active"].astype(bool),
        locked.where(locked > now),
        _utc(users["last_sign_in_at"]),
    ]
    return pd.DataFrame({name: list(value) for name, value in zip(columns, values, strict=True)})


def is_locked(locked_until: object, now: pd.Timestamp | None = None) -> bool:
    """Whether a user's lock (a `locked_until` value) is still running."""
    if locked_until is None or pd.isna(locked_until):
        return False
    when = pd.Timestamp(locked_until)
    when = when.tz_localize("UTC") if when.tzinfo is None else when.tz_convert("UTC")
    return when > (now or pd.Timestamp.now(tz="UTC"))


def optional_id(value: float | None) -> int | None:
    """An id column's value as an int, None when missing (pandas gives NaN)."""
    if value is None or pd.isna(value):
        return None
    return int(value)


def when_text(value: object) -> str:
    """A timestamp as "YYYY-MM-DD HH:MM" in UTC; "" when missing."""
    if value is None or pd.isna(value):
        return ""
    when = pd.Timestamp(value)
    when = when.tz_localize("UTC") if when.tzinfo is None else when.tz_convert("UTC")
    return f"{when:%Y-%m-%d %H:%M}"
