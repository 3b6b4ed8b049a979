"""Data status: when each file was last loaded, how many rows each table holds now, and
the rows the latest loads rejected, with the file, sheet, row, column and reason. For the
council's staff only: a rejected row is shown as it was read, personal data included, so
an editor sees the loads (and their rejects) whose loaded rows all lie in their communes;
an admin sees every load, and alone those whose communes are unknown."""

import streamlit as st

from musharaka import queries, ui
from musharaka.queries.loads import LATEST_LOADS, REJECTS_SHOWN
from musharaka.ui import data_status as widgets
from musharaka.views import data_status as view

page = ui.setup_page("data_status_title", roles=("editor",))
st.title(page.t("data_status_title"))
st.caption(page.t("data_status_read_only"))
# None: every load (an admin); else the editor's communes.
editable = page.user.editable_communes()
communes = None if editable is None else tuple(sorted(editable))
if communes is not None:
    st.caption(page.t("data_status_scope_editor"))

runs = page.query(queries.loads.recent_runs, 50, communes)
if page.database_is_empty():
    ui.empty_state(page)
    if runs.empty:
        st.stop()
    # Loads whose every row was rejected leave the database empty: their rejects say why.

st.subheader(page.t("data_status_rows"))
counts = view.table_rows(page.query(queries.loads.table_counts), page.lang)
for column, (label, rows) in zip(st.columns(len(counts)), counts, strict=True):
    column.metric(label, ui.number(rows, page.lang))

loaded_at = {
    page.t("data_status_loaded_at"): st.column_config.DatetimeColumn(format=ui.DAY_FIRST_TIME)
}
st.subheader(page.t("data_status_sources"))
# st.dataframe shows file names and messages as text, never as markup.
st.dataframe(view.files_last_loaded(runs, page.lang), hide_index=True, column_config=loaded_at)
st.subheader(page.t("data_status_loads"))
st.dataframe(view.labelled_runs(runs, page.lang), hide_index=True, column_config=loaded_at)

st.subheader(page.t("data_status_rejects"))
load_id = widgets.load_run_filter(page, runs, LATEST_LOADS)
reasons = page.query(queries.loads.reject_reasons, load_id, LATEST_LOADS, communes)
if reasons.empty:
    st.success(page.t("data_status_no_rejects"))
    st.stop()

st.caption(page.t("data_status_by_reason"))
st.dataframe(view.labelled_reasons(reasons, page.lang), hide_index=True)
rejects = page.query(queries.loads.rejects, load_id, LATEST_LOADS, REJECTS_SHOWN, communes)
total = int(reasons["count"].sum())
if total > len(rejects):
    st.caption(
        page.t("data_status_shown").format(
            shown=ui.number(len(rejects), page.lang), total=ui.number(total, page.lang)
        )
    )
st.dataframe(view.labelled_rejects(rejects, page.lang), hide_index=True)
