"""The widgets of the public display (pages/4_Public_display.py): rows of key figures in
large type and the latest completions, never who reported them."""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from musharaka import metrics
from musharaka.council_report.bars import STYLE as BARS_STYLE
from musharaka.council_report.bars import bar_chart
from musharaka.council_report.content import Chart
from musharaka.i18n import term_label
from musharaka.ui.display import data_text, day, number, percent
from musharaka.ui.frame import Page
from musharaka.vocabulary import DOMAINS, STATUS_KEYS

KEY_FIGURES = (
    "recommendations",
    "completed",
    "partially_completed",
    "in_progress",
    "stalled",
    "overdue",
    "completion_rate",
)
DOMAIN_FIGURES = ("recommendations", "completed", "in_progress", "completion_rate")


def figure_row(page: Page, figures: metrics.KeyFigures, keys: tuple[str, ...]) -> None:
    """One line of figures across the screen. "Partially completed" takes a place only
    where there are some: six figures fit a 720p screen's line, a seventh wraps."""
    statuses = metrics.shown_status_keys(figures)
    keys = tuple(k for k in keys if k in statuses or k not in STATUS_KEYS)
    values = _figure_values(page, figures)
    for column, key in zip(st.columns(len(keys)), keys, strict=True):
        column.metric(page.t(key), values[key])


def figure_grid(page: Page, figures: metrics.KeyFigures, keys: tuple[str, ...]) -> None:
    """Key figures two by two, for a narrow panel (metrics in columns would stack there)."""
    values = _figure_values(page, figures)
    cells = "".join(
        f'<div class="pd-figure"><div class="pd-value">{escape(values[key])}</div>'
        f'<div class="pd-label">{escape(page.t(key))}</div></div>'
        for key in keys
    )
    st.html(f'<div class="pd-grid" {_language(page)}>{cells}</div>')


def _figure_values(page: Page, figures: metrics.KeyFigures) -> dict[str, str]:
    return {
        "recommendations": number(figures.total, page.lang),
        "completed": number(figures.completed, page.lang),
        "partially_completed": number(figures.partially_completed, page.lang),
        "in_progress": number(figures.in_progress, page.lang),
        "stalled": number(figures.stalled, page.lang),
        "overdue": number(figures.overdue, page.lang),
        "completion_rate": percent(figures.completion_rate, page.lang),
    }


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


def status_bars(page: Page, figures: metrics.KeyFigures) -> None:
    """How many recommendations are in each status, as bars drawn in HTML: they grow with
    the screen's type, follow the page's direction and have no toolbar (a plotly chart's
    toolbar covered its title on phones, and its height does not follow the screen's)."""
    # As for the figures, a status used nowhere has no bar: the display's height is counted
    # to fit a television.
    keys = metrics.shown_status_keys(figures)
    chart = Chart(
        title="by_status",
        rows=keys,
        row_kind="status",
        series=("count",),
        series_kind="count",
        values=tuple((figures.by_status.get(key, 0),) for key in keys),
    )
    st.html(
        f"<style>{BARS_STYLE}</style><div {_language(page)}>{bar_chart(chart, page.lang)}</div>"
    )


def _language(page: Page) -> str:
    """The attributes that give our own HTML the page's language and direction."""
    return f'lang="{escape(page.lang)}" dir="{"rtl" if page.rtl else "ltr"}"'
