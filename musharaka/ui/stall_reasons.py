"""The overview's "why things stall" section: the chart of the current reasons of the
recommendations that did not move (stalled, cancelled or overdue), by domain, and for the
whole country the reasons across communes."""

from __future__ import annotations

import streamlit as st

from musharaka import charts, queries
from musharaka.queries.filters import RecommendationFilter
from musharaka.ui.charts import chart
from musharaka.ui.frame import Page
from musharaka.views.stall_reasons import reasons_across_communes


def why_things_stall(page: Page, chosen: RecommendationFilter, national: bool) -> None:
    """The chart, and under it for the whole country the table across communes; nothing
    when every recommendation moves."""
    counts = page.query(queries.stall_reasons.reason_domain_counts, chosen)
    if not len(counts):
        return
    chart(page, charts.stall_reason_bar(counts, page.lang), key="chart_stall_reasons")
    st.caption(page.t("why_things_stall_help"))
    if national:
        across = page.query(queries.stall_reasons.reason_commune_counts, chosen)
        st.dataframe(reasons_across_communes(across, page.lang), hide_index=True)
