"""Charts on a page, each with its text alternative: the plotly figure, then, in an
expander under it, its numbers as a table in the page's language (musharaka.charts keeps
them with every figure it builds). A page draws a chart through `chart`, never with
st.plotly_chart alone."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from musharaka import charts
from musharaka.ui.frame import Page
from musharaka.views import reading_list


def chart(page: Page, figure: go.Figure, *, key: str) -> None:
    st.plotly_chart(figure, key=key)
    headers, rows = charts.numbers(figure)
    title = charts.chart_title(figure)
    with st.expander(f"{page.t('chart_numbers')} · {title}" if title else page.t("chart_numbers")):
        st.html(
            reading_list.NUMBERS_STYLE
            + reading_list.numbers_table(headers, rows, page.lang, caption=title)
        )
