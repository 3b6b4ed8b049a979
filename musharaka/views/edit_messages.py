"""What a save said (musharaka.services.edit's SaveResult), in the editor's language and
next to the field it is about: the page of data entry's messages, apart from its forms."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from musharaka.i18n import t
from musharaka.views.data_status import said
from musharaka.views.edit import FIELDS

# --- what a save said, put next to the fields ------------------------------------------------
# The ETL's messages (etl.validate, musharaka.parsing, etl.plan, services.edit) by their reason,
# so that a form names the problem in the editor's language; the message follows.
_REASONS = (
    ("missing_required", re.compile(r"is required and is blank")),
    ("bad_date", re.compile(r"is not a date|neither a date|date that exists")),
    (
        "out_of_range",
        re.compile(r"outside 0-100|is negative|is more than|is after today|is before"),
    ),
    ("bad_number", re.compile(r"is not a (whole )?number")),
    ("unknown_value", re.compile(r"is not one of")),
    ("unknown_reference", re.compile(r"exists neither")),
    ("exists", re.compile(r"exists already")),
    ("not_yours", re.compile(r"outside the communes you may edit|only editors")),
    ("files_new_entry", re.compile(r"send the files with a new entry")),
)
_REASON_KEYS = {
    "exists": "edit_problem_exists",
    "not_yours": "edit_problem_not_yours",
    "files_new_entry": "edit_problem_files_new_entry",
}


def problem_reason(message: str) -> str | None:
    """The reason behind one of the ETL's messages, or None when it is none known."""
    return next((reason for reason, pattern in _REASONS if pattern.search(message)), None)


def problem_text(message: str, lang: str) -> str:
    """A problem as the editor reads it: the reason in their language, then the detail."""
    reason = problem_reason(message)
    if reason is None:
        return said(message, lang)
    key = _REASON_KEYS.get(reason, f"data_status_reason_{reason}")
    return f"{t(key, lang)} — {said(message, lang)}"


def field_problems(
    table: str, problems: Mapping[str, str], lang: str
) -> tuple[dict[str, str], list[str]]:
    """A save's problems as (text under each field by column, texts about the whole
    form); a problem about a column the form does not show names it by its label."""
    labels = {f.column: f.label for f in FIELDS[table]}
    by_field: dict[str, str] = {}
    general: list[str] = []
    for column, message in problems.items():
        text = problem_text(message, lang)
        if column in labels:
            by_field[column] = text
        else:
            general.append(f"{column}: {text}" if column else text)
    return by_field, general


def save_messages(
    result, code: object, table: str, lang: str, escape: Callable[[object], str]
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """What a save (services.edit.SaveResult, or None before any) says, as (kind, markdown)
    messages for the top of the form, kind being success, warning or error, and the
    problems to show under each field. Text from the data goes through `escape`."""
    if result is None:
        return [], {}
    if result.saved:
        saved = t(f"edit_saved_{result.outcome}", lang).format(code=escape(code))
        warnings = (("warning", escape(said(w, lang))) for w in result.warnings)
        return [("success", saved), *warnings], {}
    if result.conflict:
        return [("error", t("edit_conflict", lang))], {}
    by_field, general = field_problems(table, result.problems, lang)
    messages = [("error", t("edit_refused", lang)), *(("error", escape(g)) for g in general)]
    return messages, by_field
