"""The overview, Musharaka's home page (the site's root): what became of the
recommendations, at a glance.

Each key figure links to the Recommendations page filtered to the rows behind it.
"""

import streamlit as st

from musharaka import charts, metrics, queries, ui
from musharaka.queries import ROLLUP_LEVELS, RecommendationFilter
from musharaka.ui import follow, lists, maps, programme, share, stall_reasons
from musharaka.ui import meetings as posters

page = ui.setup_page()
st.title(page.t("app_title"))
st.caption(page.t("app_tagline"))

if page.database_is_empty():
    ui.empty_state(page)
    st.stop()

communes = ui.commune_filter(page)
chosen = RecommendationFilter(commune_ids=communes)
figures = metrics.key_figures(page.query(queries.status_counts, chosen))

# Each figure, and a link to the list behind it (same commune, same language).
behind = ui.list_links(page, communes)
cards = [
    ("recommendations", figures.total, "all"),
    ("completed", figures.completed, "completed"),
    ("partially_completed", figures.partially_completed, "partially_completed"),
    ("in_progress", figures.in_progress, "in_progress"),
    ("stalled", figures.stalled, "stalled"),
    ("overdue", figures.overdue, "overdue"),
]
columns = st.container(key="key_figures").columns(len(cards) + 1)
for column, (key, value, link) in zip(columns, cards, strict=False):
    column.metric(page.t(key), ui.number(value, page.lang))
    column.markdown(f"[{page.t('see_list')}]({behind[link]})")
columns[-1].metric(page.t("completion_rate"), ui.percent(figures.completion_rate, page.lang))
st.metric(page.t("budget_total"), ui.money(figures.budget_mad, page.lang))

left, right = st.columns(2)
with left:
    ui.chart(
        page, charts.status_bar(metrics.status_table(figures), page.lang), key="chart_by_status"
    )
with right:
    by_domain = page.query(queries.domain_status_counts, chosen)
    ui.chart(page, charts.domain_bar(by_domain, page.lang), key="chart_by_domain")

# Why the recommendations that did not move are stuck, by reason and domain.
stall_reasons.why_things_stall(page, chosen, national=not communes)

if communes:
    over_time, x_column = page.query(queries.completion_by_meeting, chosen), "date"
else:
    over_time, x_column = page.query(queries.completion_by_year, chosen), "year"
ui.chart(page, charts.completion_over_time(over_time, x_column, page.lang), key="chart_over_time")

# How many were taken into the commune's action programme, by partner institution.
programme.programme_section(page, chosen)

# Where the recommendations are: one commune's as points, the country's as its communes.
maps.recommendations_map(page, chosen, key="overview_map")

if not communes and len(page.query(queries.communes)) > 1:
    st.subheader(page.t("comparison"))
    level = ui.url_choice(page, "level", ROLLUP_LEVELS, default="region")
    rollup = page.query(queries.rollup, level, chosen)
    st.dataframe(
        metrics.rollup_table(rollup, level, page.lang),
        hide_index=True,
        column_config={
            page.t("completion_rate"): ui.progress_column(page.t("completion_rate")),
            page.t("overdue_rate"): ui.progress_column(page.t("overdue_rate")),
        },
    )

# One commune's overview can be followed, read as a feed or a static page, and printed:
# after its figures, which are what a reader comes for.
if len(communes) == 1:
    st.subheader(page.t("follow_and_share"))
    follow.follow_form(page, "commune", communes[0])
    share.feed_link(page, "commune", communes[0])
    share.static_page_link(page, communes[0])
    posters.place_poster_download(page, communes[0])

st.subheader(page.t("latest_updates"))
updates = page.query(queries.latest_updates, chosen)
lists.show(updates.rename(columns={"recommendation_id": "code"}), lists.UPDATE_COLUMNS, page)

last = page.query(queries.last_load)
if len(last):
    st.caption(f"{page.t('data_as_of')}: {ui.day(last['finished_at'].iloc[0], page.lang)}")
