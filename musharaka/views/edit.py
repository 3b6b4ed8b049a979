"""What the data-entry page (pages/7_Edit.py) needs that is not Streamlit: the fields of
each form, a record as it stands turned into the form's row of contract columns, the
records an editor may open, codes for new records, and the problems a save returns put
next to the field they are about.

A form sends every contract column of its record (services.edit.save writes a missing one as
empty), as text typed by a person: dates, numbers and lists are read by the ETL's own
parsers, so a form accepts and refuses exactly what a file does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import SupportsFloat, TypeVar

import pandas as pd

from musharaka.auth import Identity
from musharaka.charts import status_text
from musharaka.i18n import t, term_label
from musharaka.queries import editing
from musharaka.views.edit_codes import next_meeting_code, next_recommendation_code
from musharaka.vocabulary import (
    DOMAIN_KEYS,
    DOMAINS,
    INSTITUTION_KEYS,
    INSTITUTIONS,
    PRIORITIES,
    PRIORITY_KEYS,
    STALL_REASON_KEYS,
    STALL_REASONS,
    STATUS_KEYS,
    STATUSES,
)

# What an editor can do, in the order offered; the table each one writes.
ACTIONS = ("new_meeting", "edit_meeting", "new_recommendation", "edit_recommendation", "update")
TABLES = {
    "new_meeting": "meetings",
    "edit_meeting": "meetings",
    "new_recommendation": "recommendations",
    "edit_recommendation": "recommendations",
    "update": "status_updates",
}
# What each action opens: a commune (for a new meeting), a meeting (to edit it, or to add
# a recommendation to it) or a recommendation; the URL parameter that can name it.
TARGETS = {
    "new_meeting": "commune",
    "edit_meeting": "meeting",
    "new_recommendation": "meeting",
    "edit_recommendation": "recommendation",
    "update": "recommendation",
}
URL_PARAMS = {"meeting": "meeting", "recommendation": "rec"}


@dataclass(frozen=True)
class Field:
    """One input of a form: its contract column, the vocabulary key of its label, and
    how it is entered: code, text, area (several lines), list (one item a line), date,
    number (typed as text, read by the ETL's parsers) or choice (a list to pick from)."""

    column: str
    label: str
    kind: str = "text"


FIELDS: dict[str, tuple[Field, ...]] = {
    "meetings": (
        Field("meeting_id", "edit_meeting_code", "code"),
        Field("commune", "commune", "choice"),
        Field("province", "province"),
        Field("date", "rec_meeting_date", "date"),
        Field("title", "meet_col_title"),
        Field("kind", "meet_kind"),
        Field("edition", "meet_edition"),
        Field("location", "meet_location"),
        Field("chair", "meet_chair"),
        Field("facilitator", "meet_facilitator"),
        Field("participants", "meet_participants", "number"),
        Field("associations", "meet_associations_present", "list"),
        Field("summary", "meet_summary", "area"),
        Field("source_url", "meet_source"),
    ),
    "recommendations": (
        Field("recommendation_id", "edit_rec_code", "code"),
        Field("meeting_id", "rec_meeting", "choice"),
        Field("domain", "domain", "choice"),
        Field("domain_text", "edit_domain_text"),
        Field("title", "meet_col_title"),
        Field("description", "rec_description", "area"),
        Field("proposed_by", "rec_proposed_by", "list"),
        Field("responsible", "rec_responsible"),
        Field("partners", "rec_partners", "list"),
        Field("location", "rec_location"),
        Field("priority", "rec_priority", "choice"),
        Field("budget_mad", "rec_budget", "number"),
        Field("target_date", "rec_target_date", "date"),
        Field("status", "edit_initial_status", "choice"),
        Field("progress", "edit_initial_progress", "number"),
        # The action programme (PAC, organic law 113-14 art. 78).
        Field("pac_ref", "rec_pac_ref"),
        Field("budget_line", "rec_budget_line"),
        Field("partner_institution", "rec_partner_institution", "choice"),
    ),
    "status_updates": (
        Field("recommendation_id", "recommendation", "code"),
        Field("date", "date", "date"),
        Field("status", "status", "choice"),
        Field("progress", "progress", "number"),
        Field("stall_reason", "stall_reason", "choice"),
        Field("note", "rec_note", "area"),
        Field("evidence_url", "edit_evidence_url"),
        Field("reported_by", "edit_reported_by"),
    ),
}
CODE_COLUMNS = {"meetings": "meeting_id", "recommendations": "recommendation_id"}
# The choices that are the vocabulary's keys ("" for a priority or an institution not
# given); a commune and a meeting are chosen among those the editor may edit.
VOCABULARY_CHOICES = {
    "domain": list(DOMAIN_KEYS),
    "priority": ["", *PRIORITY_KEYS],
    "partner_institution": ["", *INSTITUTION_KEYS],
    "status": list(STATUS_KEYS),
    "stall_reason": ["", *STALL_REASON_KEYS],
}
_HINTS = {"list": "edit_list_help", "date": "edit_date_help", "number": "edit_number_help"}
# The fields that make a status update the same update (etl.validate.status_fingerprint):
# a correction must change one of them, else it would be the entry it corrects.
UPDATE_IDENTITY = ("date", "status", "progress", "note")


@dataclass(frozen=True)
class Scope:
    """Whose records an editor may open: their communes, or every one (an admin)."""

    commune_ids: tuple[int, ...]
    every: bool

    def args(self) -> tuple[tuple[int, ...], bool]:
        return self.commune_ids, self.every


def scope_of(user: Identity) -> Scope:
    """The scope of a signed-in user (musharaka.auth.Identity)."""
    return Scope(tuple(sorted(user.commune_ids)), user.role == "admin")


def code_is_fixed(action: str) -> bool:
    """An edited record keeps its code (it is how the record is found); a new one is given
    a code the editor may change."""
    return action not in ("new_meeting", "new_recommendation")


def record_code(table: str, values: Mapping[str, object]) -> object:
    """The code a form's values name: the record's own, or the recommendation updated."""
    return values.get(CODE_COLUMNS.get(table, "recommendation_id"))


def hint_key(table: str, field: Field) -> str | None:
    """The vocabulary key of the help shown beside an input, if any."""
    if table == "recommendations" and field.column in ("status", "progress"):
        return "edit_initial_help"
    if field.column == "stall_reason":
        return "edit_stall_reason_help"
    return _HINTS.get(field.kind)


def choice_label(column: str, value: str | None, lang: str) -> str:
    """A choice as the editor reads it: a domain, priority or status by its label."""
    if column == "domain":
        return term_label(DOMAINS, value, lang)
    if column == "priority":
        return term_label(PRIORITIES, value, lang) if value else "—"
    if column == "partner_institution":
        return term_label(INSTITUTIONS, value, lang) if value else "—"
    if column == "status":
        return status_text(value, lang)
    if column == "stall_reason":
        return term_label(STALL_REASONS, value, lang) if value else "—"
    return str(value)


def action_from_url(params: Mapping[str, str]) -> str:
    """The action a link asks for: ?do=ACTION, else editing what ?rec= or ?meeting= names,
    else the first one."""
    wanted = params.get("do", "")
    if wanted in ACTIONS:
        return wanted
    if params.get("rec"):
        return "edit_recommendation"
    if params.get("meeting"):
        return "edit_meeting"
    return ACTIONS[0]


# --- a record as the form's row -----------------------------------------------------------
def _blank(value: object) -> bool:
    return value is None or value != value  # None, NaN or NaT


T = TypeVar("T")


def _value(value: T) -> T | None:
    return None if _blank(value) else value


def meeting_row(record: Mapping, associations: Sequence[str]) -> dict[str, object]:
    """A meeting as it stands (editing.meeting_record) as the contract's row."""
    row = {f.column: _value(record.get(f.column)) for f in FIELDS["meetings"]}
    row["meeting_id"] = record["code"]
    row["associations"] = list(associations)
    return row


def recommendation_row(record: Mapping, proposers: Sequence[str]) -> dict[str, object]:
    """A recommendation as it stands (editing.recommendation_record) as the contract's row:
    its status and progress are its own initial ones; later changes are status updates."""
    row = {f.column: _value(record.get(f.column)) for f in FIELDS["recommendations"]}
    row["recommendation_id"] = record["code"]
    row["meeting_id"] = record["meeting"]
    row["proposed_by"] = list(proposers)
    row["partners"] = record["partners"].split("; ") if not _blank(record["partners"]) else []
    row["status"] = record["initial_status"]
    row["progress"] = _value(record["initial_progress"])
    return row


def update_row(code: str, entry: Mapping) -> dict[str, object]:
    """A status history entry (editing.status_history) as the contract's row."""
    row = {f.column: _value(entry.get(f.column)) for f in FIELDS["status_updates"]}
    row["recommendation_id"] = code
    return row


def new_meeting_row(code: str, commune: str, province: str | None, today: dt.date) -> dict:
    row: dict[str, object] = {f.column: None for f in FIELDS["meetings"]}
    row.update(meeting_id=code, commune=commune, province=_value(province), date=today)
    return row


def new_recommendation_row(code: str, meeting_code: str) -> dict:
    row: dict[str, object] = {f.column: None for f in FIELDS["recommendations"]}
    row.update(recommendation_id=code, meeting_id=meeting_code, status="not_started")
    return row


def new_update_row(
    code: str,
    status: str,
    progress: float | None,
    reported_by: str,
    today: dt.date,
    stall_reason: str | None = None,
) -> dict:
    """A new entry of a recommendation's history, starting from its current state (its
    reason for stalling among it)."""
    row: dict[str, object] = {f.column: None for f in FIELDS["status_updates"]}
    progress = _value(progress)
    row.update(
        recommendation_id=code,
        date=today,
        status=status,
        progress=progress,
        reported_by=reported_by,
        stall_reason=_value(stall_reason),
    )
    return row


def _number_text(value: SupportsFloat) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def widget_values(table: str, row: Mapping) -> dict[str, object]:
    """What each input of the form shows for a row: text for what is typed (ISO dates,
    numbers without a needless '.0', one list item a line), the key for a choice."""
    values: dict[str, object] = {}
    for f in FIELDS[table]:
        value = _value(row.get(f.column))
        if f.kind == "choice":
            optional = f.column in ("priority", "stall_reason", "partner_institution")
            values[f.column] = "" if value is None and optional else value
        elif value is None:
            values[f.column] = ""
        elif f.kind == "list":
            values[f.column] = "\n".join(str(item) for item in value)
        elif f.kind == "date":
            values[f.column] = pd.Timestamp(value).date().isoformat()
        elif f.kind == "number":
            values[f.column] = _number_text(value)
        else:
            values[f.column] = str(value)
    return values


def form_row(table: str, values: Mapping[str, object]) -> dict[str, object]:
    """The row a form sends to services.edit.save: every contract column of its table."""
    return {f.column: values.get(f.column) for f in FIELDS[table]}


def with_current(options: Sequence, current: object) -> list:
    """The options of a choice, with the record's own value kept when it is not among them
    (a record's meeting or commune is always offered, never silently replaced)."""
    options = list(options)
    if not _blank(current) and current not in options:
        options.append(current)
    return options


def correction_is_same(values: Mapping[str, object], corrected: Mapping[str, object]) -> bool:
    """True when a correction leaves the date, status, progress and note of the entry it
    corrects as they were: it would be that same entry, not a new one."""
    return all(
        str(values.get(c) or "").strip() == str(corrected.get(c) or "").strip()
        for c in UPDATE_IDENTITY
    )


# --- opening a record ------------------------------------------------------------------------
@dataclass(frozen=True)
class Opened:
    """What a form opens on: its row (None when the record is not there), and the version
    it was read at (None for a new record or a status update, which have none)."""

    table: str
    row: dict[str, object] | None
    version: int | None = None


# fetch(editing.meeting_record, code): a query function of musharaka.queries.editing and its
# arguments, read by the caller (the page reads them now, without the cache).
Fetch = Callable[..., pd.DataFrame]


def _first(frame: pd.DataFrame) -> dict | None:
    return None if frame.empty else frame.iloc[0].to_dict()


def open_record(
    action: str,
    target: str,
    *,
    fetch: Fetch,
    scope: Scope,
    user_name: str,
    corrects: int | None = None,
    today: dt.date | None = None,
) -> Opened:
    """The row a form opens on for an action and its target (a commune's name, a meeting's
    or a recommendation's code), read through `fetch` (a query of musharaka.queries.editing):
    a record as it stands, or a new one with a fresh code; a correction starts from the
    entry it corrects. New records are dated `today` (the real today when None)."""
    table, today = TABLES[action], today or dt.date.today()
    if action == "new_meeting":
        communes = fetch(editing.communes, *scope.args())
        commune = _first(communes[communes["name"] == target])
        if commune is None:
            return Opened(table, None)
        codes = fetch(editing.meetings, (int(commune["id"]),), False)["code"].tolist()
        code = next_meeting_code(target, int(commune["id"]), today.year, codes)
        return Opened(table, new_meeting_row(code, target, commune["province"], today))
    if action == "new_recommendation":
        codes = fetch(editing.recommendation_codes, target)["code"].tolist()
        return Opened(
            table, new_recommendation_row(next_recommendation_code(target, codes), target)
        )
    if action == "edit_meeting":
        record = _first(fetch(editing.meeting_record, target))
        if record is None:
            return Opened(table, None)
        names = fetch(editing.meeting_association_names, target)["name"].tolist()
        return Opened(table, meeting_row(record, names), int(record["version"]))
    record = _first(fetch(editing.recommendation_record, target))
    if record is None:
        return Opened(table, None)
    if action == "edit_recommendation":
        proposers = fetch(editing.proposer_names, target)["name"].tolist()
        return Opened(table, recommendation_row(record, proposers), int(record["version"]))
    if corrects is not None:
        history = fetch(editing.status_history, target)
        entry = _first(history[history["id"] == corrects])
        return Opened(table, None if entry is None else update_row(target, entry))
    row = new_update_row(
        target,
        record["current_status"],
        record["current_progress"],
        user_name,
        today,
        record.get("current_stall_reason"),
    )
    return Opened(table, row)


def linked_commune(params: Mapping[str, str], fetch: Fetch) -> int | None:
    """The commune of the record a link names (?rec=CODE, else ?meeting=CODE), if any."""
    for param, query in (
        ("rec", editing.recommendation_record),
        ("meeting", editing.meeting_record),
    ):
        if params.get(param):
            record = _first(fetch(query, params.get(param)))
            return None if record is None else int(record["commune_id"])
    return None


def target_labels(kind: str, frame: pd.DataFrame) -> dict[str, str]:
    """The records a picker offers (editing.meetings or editing.recommendations), code ->
    label: a meeting by code, date and commune; a recommendation by code and title."""
    if kind == "meeting":
        return {
            row.code: f"{row.code} · {pd.Timestamp(row.date).date().isoformat()} · {row.commune}"
            for row in frame.itertuples(index=False)
        }
    return {
        row.code: f"{row.code} · {_shortened(row.title)}" for row in frame.itertuples(index=False)
    }


def _shortened(text: object, limit: int = 80) -> str:
    text = "" if _blank(text) else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- what the page shows ---------------------------------------------------------------------
def shown_values(table: str, values: Mapping[str, object], lang: str) -> pd.DataFrame:
    """A record's values as a two-column table (field, value) of plain text, to show
    someone else's newer version beside the form."""
    return pd.DataFrame(
        {
            t("edit_field", lang): [t(f.label, lang) for f in FIELDS[table]],
            t("edit_value", lang): [str(values.get(f.column) or "") for f in FIELDS[table]],
        }
    )


def history_label(entry: Mapping, lang: str) -> str:
    """One history entry as the correction picker names it: #id · date · status · progress."""
    progress = "" if _blank(entry["progress"]) else f" · {_number_text(entry['progress'])}%"
    day = pd.Timestamp(entry["date"]).date().isoformat()
    return f"#{int(entry['id'])} · {day} · {status_text(entry['status'], lang)}{progress}"


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A recommendation's whole history, corrected entries kept and marked, as a table."""
    corrected = {int(c) for c in history["corrects_id"].dropna()}
    table = pd.DataFrame(
        {
            "#": history["id"].astype(int),
            t("date", lang): history["date"].map(lambda d: pd.Timestamp(d).date().isoformat()),
            t("status", lang): history["status"].map(lambda s: term_label(STATUSES, s, lang)),
            t("progress", lang): history["progress"],
            t("rec_note", lang): history["note"],
            t("edit_evidence_url", lang): history["evidence_url"],
            t("edit_reported_by", lang): history["reported_by"],
            t("edit_corrects", lang): history["corrects_id"].map(
                lambda c: "" if _blank(c) else f"#{int(c)}"
            ),
        }
    )
    table[t("edit_corrected", lang)] = table["#"].isin(corrected)
    return table
