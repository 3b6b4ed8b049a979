"""Reading lists on a page (musharaka.views.reading_list draws them): recommendations with
their title first, then status and progress, mirrored in Arabic, cards on a phone; each
title a link that opens the recommendation at the top of its page."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from musharaka.ui.frame import Page
from musharaka.ui.url_state import RECOMMENDATIONS_PAGE
from musharaka.views import reading_list
from musharaka.views.reading_list import Column

# A recommendation in a list: what it is, where it stands, then when and where.
RECOMMENDATION_COLUMNS = (
    Column("title", "recommendation", "title"),
    Column("status", "status", "status"),
    Column("progress", "progress", "progress"),
    Column("meeting_date", "rec_meeting_date", "date", on_phone=True),
    Column("target_date", "rec_target_date", "date"),
    Column("domain", "domain", "domain"),
    Column("commune", "commune", "text"),
    Column("budget_mad", "rec_budget", "money", wide_only=True),
    Column("updated", "rec_updated", "date", wide_only=True),
)
# A meeting's or an association's recommendations (queries.meetings.recommendation_states).
STATE_COLUMNS = (
    Column("title", "recommendation", "title"),
    Column("status", "status", "status"),
    Column("progress", "progress", "progress"),
    Column("status_date", "meet_col_status_date", "date", on_phone=True),
    Column("target_date", "meet_col_target", "date"),
    Column("domain", "domain", "domain"),
    Column("responsible", "meet_col_responsible", "text"),
    Column("meeting_code", "meet_col_meeting", "text", wide_only=True),
    Column("commune", "commune", "text", wide_only=True),
)
# One category of the between-meetings report (views.meetings.between_rows).
BETWEEN_COLUMNS = (
    Column("title", "recommendation", "title"),
    Column("change", "meet_col_change", "text", on_phone=True),
    Column("end_progress", "meet_col_end_progress", "progress"),
    Column("start_progress", "meet_col_start_progress", "progress", wide_only=True),
    Column("domain", "domain", "domain"),
    Column("responsible", "meet_col_responsible", "text"),
    Column("partners", "meet_col_partners", "text", wide_only=True),
    Column("updates", "meet_col_updates", "number", wide_only=True),
)
# The latest entries of the status history (queries.latest_updates).
UPDATE_COLUMNS = (
    Column("title", "recommendation", "title"),
    Column("status", "status", "status"),
    Column("progress", "progress", "progress"),
    Column("date", "date", "date", on_phone=True),
    Column("commune", "commune", "text"),
)


def show(
    rows: pd.DataFrame,
    columns: tuple[Column, ...],
    page: Page,
    *,
    link_params: Mapping[str, str] | None = None,
    path: str = RECOMMENDATIONS_PAGE,
    caption: str = "",
) -> None:
    """`rows` as a reading list. Each title links to `path` with ?rec=<its code> (and
    `link_params`, e.g. the list's own filters, so that the way back keeps them)."""
    shown = tuple(c for c in columns if c.key in rows.columns)
    extra = dict(link_params or {})
    extra["lang"] = page.lang

    def href(record: Mapping[str, object]) -> str | None:
        code = record.get("code")
        if not isinstance(code, str) or not code:
            return None
        return reading_list.link(path, {**extra, "rec": code})

    st.html(
        reading_list.STYLE
        + reading_list.html_table(
            rows,
            shown,
            page.lang,
            href=href,
            sub="code" if "code" in rows else None,
            caption=caption,
        )
    )


def recommendations(rows: pd.DataFrame, page: Page, **options) -> None:
    """Recommendations (columns as the queries name them) as a reading list."""
    show(rows, RECOMMENDATION_COLUMNS, page, **options)
