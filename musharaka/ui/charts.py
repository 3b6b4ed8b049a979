"""Charts on a page, each with its text alternative: the plotly figure, then, in an
expander under it, its numbers as a table in the page's language (musharaka.charts keeps
them with every figure it builds). A page draws a chart through `chart` (or a map through
`clickable_map`), never with st.plotly_chart alone."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from musharaka import charts
from musharaka.ui.frame import Page
from musharaka.views import reading_list


def chart(page: Page, figure: go.Figure, *, key: str) -> None:
    st.plotly_chart(figure, key=key)
    title = charts.chart_title(figure)
    label = f"{page.t('chart_numbers')} · {title}" if title else page.t("chart_numbers")
    _numbers(page, figure, label, title)


def clickable_map(
    page: Page, figure: go.Figure, *, key: str, notes: Sequence[str], title: str
) -> list[dict]:
    """A map whose points can be clicked, the `notes` under it (what it shows, where its
    tiles come from), then its numbers; the points the reader clicked (each with its
    customdata), none before a click."""
    event = st.plotly_chart(
        figure,
        key=key,
        on_select="rerun",
        selection_mode="points",
        config={"scrollZoom": True, "displaylogo": False},
    )
    for note in notes:
        st.caption(note)
    _numbers(page, figure, page.t("map_numbers"), title)
    return list(event.selection.points)


def _numbers(page: Page, figure: go.Figure, label: str, caption: str) -> None:
    headers, rows = charts.numbers(figure)
    with st.expander(label):
        st.html(
            reading_list.NUMBERS_STYLE
            + reading_list.numbers_table(headers, rows, page.lang, caption=caption)
        )
