"""The widgets of the public display (pages/4_Public_display.py): rows of key figures in
large type and the latest completions, never who reported them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from musharaka import metrics
from musharaka.i18n import term_label
from musharaka.ui.display import data_text, day, number, percent
from musharaka.ui.frame import Page
from musharaka.vocabulary import DOMAINS

KEY_FIGURES = (
    "recommendations",
    "completed",
    "in_progress",
    "stalled",
    "overdue",
    "completion_rate",
)
DOMAIN_FIGURES = ("recommendations", "completed", "in_progress", "completion_rate")


def figure_row(page: Page, figures: metrics.KeyFigures, keys: tuple[str, ...]) -> None:
    values = {
        "recommendations": number(figures.total, page.lang),
        "completed": number(figures.completed, page.lang),
        "in_progress": number(figures.in_progress, page.lang),
        "stalled": number(figures.stalled, page.lang),
        "overdue": number(figures.overdue, page.lang),
        "completion_rate": percent(figures.completion_rate, page.lang),
    }
    for column, key in zip(st.columns(len(keys)), keys, strict=True):
        column.metric(page.t(key), values[key])


def completions_list(page: Page, rows: pd.DataFrame, with_domain: bool, with_commune: bool) -> None:
    """Date, title (escaped, in its own direction), domain: never who reported it."""
    if rows.empty:
        st.caption(page.t("public_no_completions"))
        return
    lines = []
    for row in rows.itertuples(index=False):
        # The title on a line of its own: a title in the other script then wraps cleanly.
        details = [f"**{day(row.date, page.lang)}**"]
        if with_domain:
            details.append(term_label(DOMAINS, row.domain, page.lang))
        if with_commune:
            details.append(data_text(row.commune))
        lines.append(f"- {data_text(row.title)}  \n  {' · '.join(details)}")
    st.markdown("\n".join(lines))
