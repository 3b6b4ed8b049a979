"""Pure display tables of the meetings and associations pages: query rows in, columns named
in the reader's language and vocabulary values labelled out. Text from data stays text
(st.dataframe never renders it as HTML); links are checked before they are shown."""

from __future__ import annotations

import pandas as pd

from musharaka.between import CATEGORIES
from musharaka.charts import status_text
from musharaka.i18n import t, term_label
from musharaka.views.recommendations import safe_href as safe_link  # noqa: F401 (pages use it)
from musharaka.vocabulary import DOMAINS


def domain_text(key: str | None, lang: str) -> str:
    if not key or key != key:
        return ""
    return term_label(DOMAINS, key, lang)


def isolate(value: object) -> str:
    """Text in its own direction, for plain-text places (a choice's label): a Latin code
    inside an Arabic label keeps its place, and the reverse."""
    return f"\u2068{value}\u2069"


def category_label(key: str, lang: str) -> str:
    return t(f"meet_cat_{key}", lang)


def meeting_list_table(meetings: pd.DataFrame, lang: str, *, with_commune: bool) -> pd.DataFrame:
    """The meetings (queries.meetings.meeting_list) as the list shows them."""
    columns = {
        "date": t("date", lang),
        "commune": t("commune", lang),
        "code": t("code", lang),
        "edition": t("meet_edition", lang),
        "title": t("meet_col_title", lang),
        "recommendations": t("recommendations", lang),
        "completed": t("completed", lang),
    }
    if not with_commune:
        del columns["commune"]
    return meetings[list(columns)].rename(columns=columns)


def between_rows(report: pd.DataFrame, category: str, lang: str) -> pd.DataFrame:
    """One category's rows of the between-meetings report for its reading list: how the
    status moved over the period ("▲ Stalled → ● Completed") beside the raw columns."""
    rows = report[report["category"] == category]
    arrow = t("meet_arrow", lang)
    change = [
        f"{status_text(a, lang)} {arrow} {status_text(b, lang)}" if a != b else status_text(a, lang)
        for a, b in zip(rows["start_status"], rows["end_status"], strict=True)
    ]
    return rows.assign(change=change)


def domain_category_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """between.domain_counts with domains and categories named in the reader's language."""
    columns = {"domain": t("domain", lang)}
    columns |= {key: category_label(key, lang) for key in CATEGORIES}
    columns["total"] = t("meet_col_total", lang)
    shown = counts.assign(domain=[domain_text(d, lang) for d in counts["domain"]])
    return shown[list(columns)].rename(columns=columns)


def association_list_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Associations (queries.associations.association_list) as the list shows them."""
    shown = rows.assign(domain=[domain_text(d, lang) for d in rows["domain"]])
    columns = {
        "id": "#",
        "name": t("assoc_col_name", lang),
        "domain": t("domain", lang),
        "proposed": t("assoc_col_proposed", lang),
        "completed": t("completed", lang),
        "attended": t("assoc_col_attended", lang),
    }
    return shown[list(columns)].rename(columns=columns)


def attended_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Meetings an association attended (queries.associations.attended_meetings)."""
    columns = {
        "date": t("date", lang),
        "commune": t("commune", lang),
        "code": t("code", lang),
        "edition": t("meet_edition", lang),
        "title": t("meet_col_title", lang),
    }
    return rows[list(columns)].rename(columns=columns)
