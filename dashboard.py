"""Musharaka's home page: what became of the recommendations, at a glance."""

import streamlit as st

from musharaka import charts, metrics, ui
from musharaka.queries import RecommendationFilter

page = ui.setup_page()
st.title(page.t("app_title"))
st.caption(page.t("app_tagline"))

if ui.cached_is_empty(page.url):
    ui.empty_state(page)
    st.stop()

chosen = RecommendationFilter(commune_ids=ui.commune_filter(page))
figures = metrics.key_figures(ui.cached_frame(page.url, "status_counts", chosen))

cols = st.columns(6)
cols[0].metric(page.t("recommendations"), ui.number(figures.total, page.lang))
cols[1].metric(page.t("completed"), ui.number(figures.completed, page.lang))
cols[2].metric(page.t("in_progress"), ui.number(figures.in_progress, page.lang))
cols[3].metric(page.t("stalled"), ui.number(figures.stalled, page.lang))
cols[4].metric(page.t("overdue"), ui.number(figures.overdue, page.lang))
cols[5].metric(page.t("completion_rate"), ui.percent(figures.completion_rate, page.lang))
st.metric(page.t("budget_total"), ui.money(figures.budget_mad, page.lang))

left, right = st.columns(2)
with left:
    st.plotly_chart(
        charts.status_bar(metrics.status_table(figures), page.lang),
        key="chart_by_status",
    )
with right:
    by_domain = ui.cached_frame(page.url, "domain_status_counts", chosen)
    st.plotly_chart(charts.domain_bar(by_domain, page.lang), key="chart_by_domain")

st.subheader(page.t("latest_updates"))
updates = ui.cached_frame(page.url, "latest_updates", chosen)
# st.dataframe shows text as text: titles from files are never rendered as HTML.
st.dataframe(
    metrics.labelled_updates(updates, page.lang),
    hide_index=True,
    column_config={page.t("progress"): ui.progress_column(page.t("progress"))},
)

last = ui.cached_frame(page.url, "last_load", None)
if len(last):
    st.caption(f"{page.t('data_as_of')}: {last['finished_at'].iloc[0]:%Y-%m-%d %H:%M} UTC")
