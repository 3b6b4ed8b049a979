"""The data dictionary of the open-data export (pure): for every exported column of every
table, its type, its meaning and its allowed values with their labels, in Arabic, French
and English.

Built from the catalogs (the meanings are their `dictionary_<table>_<column>` messages)
and the vocabulary (the values are its statuses, domains and priorities, as the contract
spells them) for the columns the export names, which are passed in:
`entries(etl.export.COLUMNS)`. A column without a meaning in all three
languages raises, so the export cannot publish an undocumented column.

The public export withholds the columns that can hold a person's name, phone number or
e-mail address; its dictionary still lists each of them, typed `withheld`, its meaning
followed by why it is not published (`entries(columns, withheld=...)`), so that a reuser
knows the column exists and why it is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from musharaka.i18n import UI, t, term_label
from musharaka.vocabulary import (
    DICTIONARY_COLUMNS,
    DOMAINS,
    INSTITUTIONS,
    LANGUAGES,
    PRIORITIES,
    STALL_REASONS,
    STATUSES,
    Term,
)

# The dictionary as a table, in every export (dictionary.csv, the "dictionary" sheet, the
# JSON's "dictionary" key): one row per exported column.
COLUMNS = DICTIONARY_COLUMNS
# Types: text; date (YYYY-MM-DD); integer; number (a point for decimals); list (items
# separated by "; " in CSV and XLSX, an array in JSON); code (one of the listed values);
# withheld (not in the public export: it can hold personal data).
WITHHELD = "withheld"
TYPES = ("text", "date", "integer", "number", "list", "code", WITHHELD)
_TYPE_OF = {
    "date": "date",
    "target_date": "date",
    "participants": "integer",
    "budget_mad": "number",
    "progress": "number",
    "initial_progress": "number",
    "latitude": "number",
    "longitude": "number",
    "weight": "number",
    "associations": "list",
    "proposed_by": "list",
    "partners": "list",
    "evidence_files": "list",
    "evidence_sha256": "list",
    "domain": "code",
    "priority": "code",
    "status": "code",
    "initial_status": "code",
    "stall_reason": "code",
    "initial_stall_reason": "code",
    "partner_institution": "code",
}
_VALUES: dict[str, tuple[Term, ...]] = {
    "domain": DOMAINS,
    "priority": PRIORITIES,
    "status": STATUSES,
    "initial_status": STATUSES,
    "stall_reason": STALL_REASONS,
    "initial_stall_reason": STALL_REASONS,
    "partner_institution": INSTITUTIONS,
}


class UndocumentedColumn(KeyError):
    """An exported column with no meaning in the vocabulary (in some language)."""


@dataclass(frozen=True)
class Entry:
    """One exported column: which table, its name, its type and its allowed values."""

    table: str
    column: str
    kind: str
    terms: tuple[Term, ...] = ()

    def meaning(self, lang: str) -> str:
        meaning = t(meaning_key(self.table, self.column), lang)
        if self.kind == WITHHELD:
            return f"{meaning} {t('dictionary_withheld_reason', lang)}"
        return meaning

    def values(self, lang: str, separator: str = "; ") -> str:
        """The allowed values as 'key = label' in one language, or '' when any value goes.
        The labels are the catalog's, which for Arabic, French and English are the
        contract's spellings (tests/test_i18n.py holds them equal) and which a screen
        language beyond the contract's (Tamazight) translates too."""
        return separator.join(
            f"{term.key} = {term_label(self.terms, term.key, lang)}" for term in self.terms
        )


def meaning_key(table: str, column: str) -> str:
    """The vocabulary key of a column's meaning."""
    return f"dictionary_{table}_{column}"


def undocumented(columns: Mapping[str, tuple[str, ...]]) -> list[str]:
    """'table.column' of every column without its meaning in all three languages."""
    missing = []
    for table, names in columns.items():
        for column in names:
            entry = UI.get(meaning_key(table, column), {})
            if not all(entry.get(lang, "").strip() for lang in LANGUAGES):
                missing.append(f"{table}.{column}")
    return missing


def entries(
    columns: Mapping[str, tuple[str, ...]], withheld: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[Entry, ...]:
    """The dictionary of these tables' columns (table -> column names), in their order;
    then, per table, the `withheld` columns (table -> column names) typed `withheld`."""
    withheld = withheld or {}
    missing = undocumented(columns) + undocumented(withheld)
    if missing:
        raise UndocumentedColumn(f"no data dictionary entry for {', '.join(missing)}")
    return tuple(
        entry
        for table, names in columns.items()
        for entry in (
            *(
                Entry(table, column, _TYPE_OF.get(column, "text"), _VALUES.get(column, ()))
                for column in names
            ),
            *(Entry(table, column, WITHHELD) for column in withheld.get(table, ())),
        )
    )


def records(dictionary: tuple[Entry, ...]) -> list[dict[str, str]]:
    """The dictionary as the export writes it: one record per column, keys `COLUMNS`."""
    return [
        {
            "table": entry.table,
            "column": entry.column,
            "type": entry.kind,
            **{f"meaning_{lang}": entry.meaning(lang) for lang in LANGUAGES},
            **{f"values_{lang}": entry.values(lang) for lang in LANGUAGES},
        }
        for entry in dictionary
    ]


def shown(dictionary: tuple[Entry, ...], table: str, lang: str) -> list[dict[str, str]]:
    """One table's columns as the page shows them, headed in the reader's language."""
    return [
        {
            t("dictionary_column", lang): entry.column,
            t("dictionary_type", lang): t(f"dictionary_type_{entry.kind}", lang),
            t("dictionary_meaning", lang): entry.meaning(lang),
            t("dictionary_values", lang): entry.values(lang, " · "),
        }
        for entry in dictionary
        if entry.table == table
    ]
