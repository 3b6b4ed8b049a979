"""The recommendations: filters kept in the URL, a sorted list one page at a time (each title
opens its recommendation), the export of exactly the filtered rows; with ?rec=CODE, that
recommendation at the top of the page, its history from its first status, and the way back.

URL parameters (all optional; other pages link here with them):
    commune=3,5        communes (ids)             meeting=12,14    meetings (ids)
    domain=health      domain keys                status=stalled   status keys
    priority=high      priority keys              association=7    proposing associations (ids)
    responsible=TEXT   responsible, as written    location=TEXT    douar, as written
    from=2024-01-01    target date on or after    to=2024-12-31    target date on or before
    overdue=1          only the overdue ones      q=WORDS          search, Arabic or French
    institution=onee   partner institution keys   pac=in|out       in the action programme
                                                                   (PAC) or not
    sort=KEY           code (default), meeting_date, target_date, progress, budget, updated,
                       status                     desc=1           descending order
    page=2             page number (50 a page)    rec=CODE         open this recommendation
    lang=ar|fr|en      the reader's language
Several values are comma-separated (?status=stalled,in_progress); responsible and location
are free text, so they repeat the parameter instead (?location=A&location=B).
"""

import streamlit as st

from musharaka import exports, queries, ui
from musharaka.queries.recommendations import PAGE_SIZE, SORTS
from musharaka.ui import follow, lists, maps, share
from musharaka.ui import meetings as posters
from musharaka.ui import recommendations as widgets
from musharaka.views import recommendations as view

page = ui.setup_page("recommendations")
lang = page.lang
st.title(page.t("recommendations"))
if page.database_is_empty():
    ui.empty_state(page)
    st.stop()

# --- one recommendation, opened by a link (?rec=CODE): at the top, with the way back ----
if code := st.query_params.get("rec"):
    widgets.recommendation_detail(page, code)
    follow.follow_recommendation(page, code)
    st.stop()

# --- filters, each kept in the URL ------------------------------------------------------
search_box, sort_box, order_box = st.columns([3, 2, 1], vertical_alignment="bottom")
with search_box:
    search = ui.url_text(page.t("rec_search"), "q", key="rec_q", hint=page.t("rec_search_help"))
with sort_box:
    sort = ui.url_select(
        page.lang,
        page.t("rec_sort"),
        "sort",
        list(SORTS),
        key="rec_sort",
        format_func=lambda k: page.t(view.SORT_LABELS[k]),
    )
with order_box:
    descending = ui.url_flag(page.t("rec_descending"), "desc", key="rec_desc")
chosen = widgets.recommendation_filters(page, search)
if len(chosen.commune_ids) == 1:  # a commune's list: it can be followed from here
    follow.follow_form(page, "commune", chosen.commune_ids[0])
    share.feed_link(page, "commune", chosen.commune_ids[0])
    if len(chosen.locations) == 1:  # one douar's list: its poster to put up there
        posters.place_poster_download(page, chosen.commune_ids[0], chosen.locations[0])

# --- the list, one page at a time -------------------------------------------------------
total = int(page.query(queries.recommendations.listing_count, chosen)["count"].iloc[0])
number = ui.pager(
    page,
    total,
    PAGE_SIZE,
    found="rec_found",
    key="rec_page",
    view=(chosen, sort, descending),
    heading=True,
)

offset = (number - 1) * PAGE_SIZE
rows = page.query(queries.recommendations.listing, chosen, sort, descending, PAGE_SIZE, offset)
if total == 0:
    st.info(page.t("rec_no_match"))
# Each title opens its recommendation here; the link keeps the list's filters for the way back.
lists.recommendations(rows, page, path="", link_params=dict(st.query_params))


# --- the same rows on the map: each point opens its recommendation, as a title does -----
maps.recommendations_map(page, chosen, key="rec_map", keep=dict(st.query_params))


# --- the export: every filtered row, all pages, built only when a button is clicked ------
def export_frame():
    rows = page.read(queries.recommendations.export_rows, chosen, sort, descending)
    return view.export_table(rows, lang)


csv_box, xlsx_box, help_box = st.columns([1, 1, 3], vertical_alignment="center")
csv_box.download_button(
    page.t("rec_export_csv"),
    data=lambda: exports.csv_bytes(export_frame()),
    file_name="recommendations.csv",
    mime=exports.CSV_MIME,
    on_click="ignore",
    key="rec_csv",
    disabled=total == 0,
)
xlsx_box.download_button(
    page.t("rec_export_xlsx"),
    data=lambda: exports.xlsx_bytes(export_frame(), "recommendations"),
    file_name="recommendations.xlsx",
    mime=exports.XLSX_MIME,
    on_click="ignore",
    key="rec_xlsx",
    disabled=total == 0,
)
help_box.caption(page.t("rec_export_help").format(count=ui.number(total, lang)))
