"""Open data: the whole public data set (meetings, recommendations, their follow-up and
associations) as CSV, Excel and JSON, the rows each table holds, the data dictionary in
three languages, and the licence the commune chose (MUSHARAKA_DATA_LICENCE). The files are
those `python -m etl export --public` writes, built only when a button is clicked: no
column that can hold a person's name, phone or e-mail (etl.export.WITHHELD); the
dictionary lists those as withheld and says why."""

import streamlit as st

from musharaka import data_dictionary, licences, ui
from musharaka.exports import CSV_MIME, XLSX_MIME
from musharaka.services import open_data as export
from musharaka.ui import open_data as widgets
from musharaka.views.data_status import table_label

page = ui.setup_page("open_data_title")
lang = page.lang
st.title(page.t("open_data_title"))
st.markdown(page.t("open_data_intro"))
licence = licences.configured()
st.markdown(page.t("open_data_licence").format(licence=widgets.licence_link(licence)))

empty = page.database_is_empty()
if empty:
    ui.empty_state(page)
rows = widgets.open_data_rows(page)
total = sum(rows.values())


def file(fmt: str, name: str | None = None):
    """What a download button builds when clicked (nothing before)."""
    return lambda: widgets.open_data_file(page, fmt, name, licence.id, total)


# --- the whole data set, in each format ------------------------------------------------
st.subheader(page.t("open_data_download"))
too_large = max(rows.values()) + 1 > export.XLSX_MAX_ROWS
whole_set = (  # format, label, file name, MIME type, icon
    ("zip", "open_data_csv", export.ZIP_NAME, "application/zip", "folder_zip"),
    ("xlsx", "open_data_xlsx", export.XLSX_NAME, XLSX_MIME, "table_view"),
    ("json", "open_data_json", export.JSON_NAME, "application/json", "data_object"),
)
for box, (fmt, label, name, mime, icon) in zip(st.columns(3), whole_set, strict=True):
    box.download_button(
        page.t(label),
        data=file(fmt),
        file_name=name,
        mime=mime,
        on_click="ignore",
        key=f"open_data_{fmt}",
        disabled=empty or (fmt == "xlsx" and too_large),
        icon=f":material/{icon}:",
    )
if too_large:
    limit = ui.number(export.XLSX_MAX_ROWS - 1, lang)
    st.warning(page.t("open_data_xlsx_too_large").format(rows=limit))
st.caption(page.t("open_data_download_help"))

# --- rows per table, each table alone as CSV -------------------------------------------
st.subheader(page.t("open_data_rows"))
for box, table in zip(st.columns(len(export.TABLES)), export.TABLES, strict=True):
    label = table_label(table, lang)
    box.metric(label, ui.number(rows[table], lang))
    box.download_button(
        page.t("open_data_table_csv").format(table=label),
        data=file("csv", f"{table}.csv"),
        file_name=f"{table}.csv",
        mime=CSV_MIME,
        on_click="ignore",
        key=f"open_data_{table}",
        disabled=empty,
    )
    if table in export.WITHHELD:  # what the count's rows leave out, and why
        box.caption(page.t(f"open_data_withheld_{table}"))

# --- the data dictionary ---------------------------------------------------------------
st.subheader(page.t("open_data_dictionary"))
st.caption(page.t("open_data_dictionary_intro"))
# Each name isolated left to right (U+2066 ... U+2069): in an Arabic sentence the commas
# between Latin names otherwise land on the wrong side of them.
withheld = ", ".join(
    f"\u2066`{name}.{c}`\u2069" for name, cols in export.WITHHELD.items() for c in cols
)
st.caption(page.t("open_data_withheld").format(columns=withheld))
dictionary = export.dictionary(public=True)
tabs = st.tabs([table_label(table, lang) for table in export.TABLES])
for tab, table in zip(tabs, export.TABLES, strict=True):
    tab.table(data_dictionary.shown(dictionary, table, lang), hide_index=True)
