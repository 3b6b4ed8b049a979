"""Associations: what each association proposed and what became of it, and the meetings it
attended. An association's own page has a link to share (?association=ID). No phone or
e-mail is ever shown: the queries behind this page do not even read them."""

import streamlit as st

from musharaka import meeting_tables as tables
from musharaka import metrics, ui
from musharaka.queries import RecommendationFilter

page = ui.setup_page("assoc_title")
st.title(page.t("assoc_title"))

if ui.cached_is_empty(page.url):
    ui.empty_state(page)
    st.stop()

communes = ui.commune_filter(page)
listed = ui.cached_query(page.url, "associations.association_list", communes)
names = {str(row.id): row.name for row in listed.itertuples()}
chosen = ui.detail_picker(
    page.t("assoc_open"), "association", names, key="assoc_open", none=page.t("assoc_none_chosen")
)

if not chosen:  # the list of associations
    st.subheader(page.t("assoc_list"))
    if listed.empty:
        st.info(page.t("assoc_none"))
    else:
        st.dataframe(tables.association_list_table(listed, page.lang), hide_index=True)
    st.stop()

association_id = int(chosen)
association = ui.cached_query(page.url, "associations.association", association_id).iloc[0]
ui.back_button(page.t("assoc_back"), "assoc_open")
st.header(ui.data_text(association["name"]))
missing = page.t("meet_not_given")
facts = {
    "domain": ui.data_text(tables.domain_text(association["domain"], page.lang) or None) or missing,
    "assoc_location": ui.data_text(association["location"]) or missing,
}
if ui.data_text(association["commune"]):
    facts["commune"] = ui.data_text(association["commune"])
st.markdown("  \n".join(f"**{page.t(key)}:** {value}" for key, value in facts.items()))

st.markdown(f"**{page.t('assoc_share')}**")
st.code(
    ui.share_url("Associations", {"association": chosen, "lang": page.lang}),
    language=None,
    wrap_lines=True,
)
st.caption(page.t("assoc_share_help"))

st.subheader(page.t("assoc_proposed_title"))
proposed_by = RecommendationFilter(association_ids=(association_id,))
ui.figure_row(page, metrics.key_figures(ui.cached_frame(page.url, "status_counts", proposed_by)))
proposed = ui.cached_query(page.url, "associations.proposed_recommendations", association_id)
if proposed.empty:
    st.info(page.t("assoc_no_proposed"))
else:
    st.dataframe(
        tables.recommendation_table(proposed, page.lang, with_meeting=True),
        hide_index=True,
        column_config={page.t("progress"): ui.progress_column(page.t("progress"))},
    )

st.subheader(page.t("assoc_attended_title"))
attended = ui.cached_query(page.url, "associations.attended_meetings", association_id)
if attended.empty:
    st.info(page.t("assoc_no_attended"))
else:
    st.dataframe(tables.attended_table(attended, page.lang), hide_index=True)
