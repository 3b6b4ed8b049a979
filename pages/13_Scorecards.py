"""Scorecards: one row per commune of the country, a region or a province, with its
completion, delays, updates, answers to field reports and meetings, each figure defined
beside it (docs/scorecards.md); ranked by any figure, in the table and a chart; a commune's
name opens its overview."""

import datetime as dt

import streamlit as st

from musharaka import queries, ui
from musharaka.ui import scorecards
from musharaka.views import scorecards as views

page = ui.setup_page("score_title")
st.title(page.t("score_title"))
st.caption(page.t("score_intro"))

if page.database_is_empty():
    ui.empty_state(page)
    st.stop()

scope, key = scorecards.scope(page)
with st.expander(page.t("qr_title"), icon=":material/summarize:"):
    scorecards.quarterly_downloads(page, scope, key)
search = ui.url_text(page.t("score_search"), "q", key="score_q")
rank = scorecards.rank_choice(page)

rows = page.query(queries.scorecards.scorecard, scope, key, dt.date.today())
rows = views.ranked(views.matching(rows, search, page.lang), rank)
if rows.empty:
    st.info(page.t("score_none"))
    st.stop()

scorecards.table(page, rows, rank)

chart, definitions = st.columns([3, 2])
with chart:
    first = rows.head(scorecards.CHART_ROWS)
    ui.chart(page, views.ranked_bar(first, rank, page.lang), key="score_chart")
    if len(rows) > len(first):
        st.caption(
            page.t("score_chart_first").format(
                listed=ui.number(len(first), page.lang), count=ui.number(len(rows), page.lang)
            )
        )
with definitions:
    st.subheader(page.t("score_definitions"))
    scorecards.definitions(page)
    st.caption(page.t("score_method"))
