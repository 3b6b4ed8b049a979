"""Pure pieces of the administration page (pages/10_Admin.py): the audit log and the users
as tables labelled in the reader's language, with each entry's before/after turned into
"field: before → after" in words: fields named and values written in the reader's language,
ids replaced by names. No Streamlit here.

Direction controls and other control characters in stored text are shown as visible
marks (⟨U+202E⟩): an audit log shows what was written, it must not be reordered by it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from musharaka import formats
from musharaka import vocabulary as vocab
from musharaka.formats import number
from musharaka.i18n import UI, t, term_label
from musharaka.views.edit import FIELDS

ARROW = "→"
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


@dataclass(frozen=True)
class Names:
    """What the ids a log entry holds stand for, as the page can look them up: commune and
    association names by id. An id not found is shown as it is."""

    communes: Mapping[int, str] = field(default_factory=dict)
    associations: Mapping[int, str] = field(default_factory=dict)


# A field's label where the editing forms' (views.edit.FIELDS) is not the one: the fields
# of users, loads and field reports.
_FIELD_LABELS = {
    "role": "admin_role",
    "communes": "admin_communes",
    "association_id": "admin_association",
    "association": "admin_association",
    "active": "admin_active",
    "password": "password",
    "minutes": "audit_field_minutes",
    "files": "audit_field_files",
    "tables": "audit_field_tables",
    "rows_rejected": "upload_rejected",
    "state": "audit_field_state",
    "status_update_id": "audit_field_status_update",
    "parent_id": "audit_field_parent",
    "name": "assoc_col_name",
    "phone": "audit_field_phone",
    "email": "audit_field_email",
    "note": "rec_note",
}
# The vocabularies whose keys a field holds, by field.
_TERMS = {
    "status": vocab.STATUSES,
    "initial_status": vocab.STATUSES,
    "domain": vocab.DOMAINS,
    "priority": vocab.PRIORITIES,
}
_DATES = frozenset({"date", "target_date"})


def field_label(table: str, name: str, lang: str) -> str:
    """A field of `table` as the reader's language names it: the editing form's label,
    else the log's own, else the label another table's form gives it; the name as it is
    when none does."""
    own = next((f.label for f in FIELDS.get(table, ()) if f.column == name), None)
    other = next((f.label for fs in FIELDS.values() for f in fs if f.column == name), None)
    key = own or _FIELD_LABELS.get(name) or other
    return t(key, lang) if key else visible(name)


def _counts_text(tables: dict, lang: str) -> str:
    """A load's counts per table: "Meetings: 3 read, 2 inserted, 1 unchanged"."""
    parts = []
    for table, counts in tables.items():
        if not isinstance(counts, dict):
            return _value(tables, lang)
        said = [
            f"{number(n, lang)} {t(f'upload_{outcome}', lang)}"
            for outcome, n in counts.items()
            if n and f"upload_{outcome}" in UI
        ]
        counted = t("audit_list_separator", lang).join(said) or number(0, lang)
        parts.append(
            t("audit_field_value", lang).format(field=table_label(table, lang), value=counted)
        )
    return " · ".join(parts) or NOTHING


def _id_name(names: Mapping[int, str], value: object) -> str:
    try:
        return names.get(int(str(value)), str(value))
    except ValueError:
        return str(value)


def _value(value: object, lang: str, name: str = "", names: Names = Names()) -> str:
    """A field's value in words: labels for the vocabularies' keys, roles and states,
    names for commune and association ids, dates, amounts and progress as the language
    writes them; "—" for nothing."""
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, bool):
        return t("audit_value_yes" if value else "audit_value_no", lang)
    if name == "communes" and isinstance(value, list):
        return t("audit_list_separator", lang).join(_id_name(names.communes, v) for v in value)
    if isinstance(value, list):
        return t("audit_list_separator", lang).join(_value(v, lang) for v in value)
    if name == "tables" and isinstance(value, dict):
        return _counts_text(value, lang)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if name == "association_id":
        return _id_name(names.associations, value)
    if name in _TERMS:
        return term_label(_TERMS[name], str(value), lang)
    if name == "role" and f"role_{value}" in UI:
        return t(f"role_{value}", lang)
    if name == "state" and f"field_state_{value}" in UI:
        return t(f"field_state_{value}", lang)
    if name == "password":
        return t("audit_value_changed", lang)
    if name == "progress" and isinstance(value, int | float):
        return formats.progress(value, lang)
    if name == "budget_mad" and isinstance(value, int | float):
        return formats.money(value, lang)
    if isinstance(value, int | float):
        return formats.number(value, lang)
    if name in _DATES:
        try:
            return formats.day(dt.date.fromisoformat(str(value)[:10]), lang)
        except ValueError:
            return str(value)
    return str(value)


def changes_text(
    before_json: object, after_json: object, lang: str, table: str = "", names: Names = Names()
) -> str:
    """The fields of one entry in words, as "field: before → after", separated by "; " (a
    table cell shows one line); a new record's fields as "field: value"; a removed one's as
    "field: value → —". Fields are named in the reader's language, their values too
    (`_value`), with its punctuation (French "field : value", Arabic "؛" between fields)."""
    before, after = _loads(before_json), _loads(after_json)
    fields = list(dict.fromkeys([*(after or {}), *(before or {})]))
    lines = []
    for name in fields:
        if before is None:
            assert after is not None  # without `before`, the fields come from `after`
            value = _value(after.get(name), lang, name, names)
        else:
            was = _value(before.get(name), lang, name, names)
            now = _value(after.get(name), lang, name, names) if after is not None else NOTHING
            value = f"{was} {ARROW} {now}"
        field = field_label(table, name, lang) if name else ""
        lines.append(
            t("audit_field_value", lang).format(field=field, value=value) if name else value
        )
    return visible(t("audit_entry_separator", lang).join(lines))


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


def labelled_entries(entries: pd.DataFrame, lang: str, names: Names = Names()) -> pd.DataFrame:
    """Entries of `queries.audit.entries` as the page shows them and the export holds them,
    their changes in words (`names` for the ids they hold)."""
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
            changes_text(b, a, lang, n, names)
            for b, a, n in zip(
                entries["before_json"], entries["after_json"], entries["table_name"], strict=True
            )
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
        # Written out: the data grid shows a missing time as "None".
        [f"{when:%Y-%m-%d %H:%M}" if pd.notna(when) and when > now else "" for when in locked],
        [_minute(when) for when in _utc(users["last_sign_in_at"])],
    ]
    return pd.DataFrame({name: list(value) for name, value in zip(columns, values, strict=True)})


def _minute(when: object) -> str:
    """A time to the minute, '' when there is none."""
    return "" if when is None or pd.isna(when) else f"{pd.Timestamp(when):%Y-%m-%d %H:%M}"


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


# --- communes ---------------------------------------------------------------------------
COMMUNE_COLUMNS = (
    "admin_commune_name",
    "admin_commune_name_ar",
    "admin_commune_name_fr",
    "province",
    "admin_commune_code",
    "admin_commune_aliases",
)


def communes_table(communes: pd.DataFrame, aliases: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The communes with their names, province, official code and aliases, labelled in
    the reader's language (the names shown as text, their control characters visible)."""
    columns = [t(key, lang) for key in COMMUNE_COLUMNS]
    if communes.empty:
        return pd.DataFrame({name: [] for name in columns})
    known: dict[int, list[str]] = {}
    for alias, commune_id in zip(aliases["alias"], aliases["commune_id"], strict=True):
        known.setdefault(int(commune_id), []).append(visible(alias))
    values = [
        [visible(v) for v in communes[column]]
        for column in ("name", "name_ar", "name_fr", "province", "code")
    ]
    values.append([", ".join(known.get(int(i), [])) for i in communes["id"]])
    return pd.DataFrame({name: list(value) for name, value in zip(columns, values, strict=True)})


def refusal_text(key: str, values: dict[str, str], lang: str) -> str:
    """A refused change of the communes' names, in the reader's language."""
    return t(key, lang).format(**{k: visible(v) for k, v in values.items()})
