"""Associations: what each association proposed and what became of it, and the meetings it
attended. An association's own page has a link to share (?association=ID). No phone or
e-mail is ever shown: the queries behind this page do not even read them."""

import streamlit as st

from musharaka import metrics, queries, ui
from musharaka.queries import RecommendationFilter
from musharaka.queries.associations import PAGE_SIZE
from musharaka.ui import follow, lists, share
from musharaka.views import meetings as tables

page = ui.setup_page("assoc_title")
st.title(page.t("assoc_title"))

if page.database_is_empty():
    ui.empty_state(page)
    st.stop()

communes = ui.commune_filter(page)
chosen = st.query_params.get("association", "")
if chosen and not chosen.isdigit():  # a mistyped link: the list, not a dead end
    ui.forget_url_param("association")
    chosen = ""

if not chosen:  # the list of associations, one page at a time
    st.subheader(page.t("assoc_list"))
    search = ui.url_text(
        page.t("assoc_search"), "q", key="assoc_q", hint=page.t("assoc_search_help")
    )
    counted = page.query(queries.associations.association_count, communes, search)
    total = int(counted["count"].iloc[0])
    number = ui.pager(
        page,
        total,
        PAGE_SIZE,
        found="assoc_found",
        key="assoc_page",
        view=(communes, search),
        heading=False,
    )
    listed = page.query(
        queries.associations.association_list,
        communes,
        search,
        PAGE_SIZE,
        (number - 1) * PAGE_SIZE,
    )
    if listed.empty:
        st.info(page.t("assoc_none" if not search else "assoc_no_match"))
        st.stop()
    event = st.dataframe(
        tables.association_list_table(listed, page.lang),
        hide_index=True,
        key="assoc_table",
        on_select="rerun",
        selection_mode="single-row",
    )
    st.caption(page.t("assoc_select_hint"))
    picked = ui.url_row_choice(
        event.selection.rows, [str(i) for i in listed["id"]], "association", key="assoc_rows"
    )
    if picked:
        st.rerun()  # the association's own page, with its link in the URL
    st.stop()

association_id = int(chosen)
found = page.query(queries.associations.association, association_id)
st.button(
    page.t("assoc_back"),
    on_click=ui.forget_url_param,
    args=("association",),
    icon=":material/list:",
)
if found.empty:
    st.warning(page.t("assoc_not_found"))
    st.stop()
association = found.iloc[0]
st.header(ui.data_text(association["name"]))
missing = page.t("meet_not_given")
facts = {
    "domain": ui.data_text(tables.domain_text(association["domain"], page.lang) or None) or missing,
    "assoc_location": ui.data_text(association["location"]) or missing,
}
if ui.data_text(association["commune"]):
    facts["commune"] = ui.data_text(association["commune"])
st.markdown("  \n".join(f"**{page.t(key)}:** {value}" for key, value in facts.items()))

share.share_view(
    page,
    "Associations",
    {"association": chosen},
    page.t("share_message_association").format(name=association["name"]),
)
share.feed_link(page, "association", association_id)
follow.follow_form(page, "association", association_id)
follow.offer_to_association(page, association_id)

st.subheader(page.t("assoc_proposed_title"))
proposed_by = RecommendationFilter(association_ids=(association_id,))
ui.figure_row(page, metrics.key_figures(page.query(queries.status_counts, proposed_by)))
proposed = page.query(queries.associations.proposed_recommendations, association_id)
if proposed.empty:
    st.info(page.t("assoc_no_proposed"))
else:
    lists.show(proposed, lists.STATE_COLUMNS, page)

st.subheader(page.t("assoc_attended_title"))
attended = page.query(queries.associations.attended_meetings, association_id)
if attended.empty:
    st.info(page.t("assoc_no_attended"))
else:
    st.dataframe(tables.attended_table(attended, page.lang), hide_index=True)
