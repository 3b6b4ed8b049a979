"""The screens' layer, the only part of the core (with musharaka.access) that imports
Streamlit. One module per concern:

    frame       setup_page, the Page (language, database, user, cached queries)
    navigation  the pages in menu order, their titles and roles; the entry script's routing
    display     numbers, dates, statuses and text from files as the reader sees them
    charts      a chart and its numbers as a table (its text alternative)
    url_state   widgets kept in the URL, links between pages
    <page>      the widgets of one page (recommendations, meetings, admin, open_data, ...)

The shared names below are re-exported, so a page writes `ui.setup_page`, `ui.number`;
a page's own widgets are imported from their module (`from musharaka.ui import admin`).
"""

from musharaka.ui.charts import chart
from musharaka.ui.display import (
    DAY_FIRST,
    DAY_FIRST_TIME,
    data_text,
    date_column,
    day,
    days_since,
    figure_row,
    money,
    number,
    percent,
    progress_column,
    status_label,
)
from musharaka.ui.frame import (
    Page,
    choose_language,
    empty_state,
    neutral_errors,
    query_name,
    setup_page,
)
from musharaka.ui.url_state import (
    back_button,
    commune_filter,
    country_wide,
    detail_picker,
    forget_url_param,
    list_links,
    pager,
    share_url,
    url_choice,
    url_date,
    url_flag,
    url_multiselect,
    url_page_number,
    url_row_choice,
    url_select,
    url_text,
    url_values,
)

__all__ = [
    "DAY_FIRST",
    "DAY_FIRST_TIME",
    "Page",
    "back_button",
    "chart",
    "choose_language",
    "commune_filter",
    "country_wide",
    "data_text",
    "date_column",
    "day",
    "days_since",
    "detail_picker",
    "empty_state",
    "figure_row",
    "forget_url_param",
    "list_links",
    "money",
    "neutral_errors",
    "number",
    "pager",
    "percent",
    "progress_column",
    "query_name",
    "setup_page",
    "share_url",
    "status_label",
    "url_choice",
    "url_date",
    "url_flag",
    "url_multiselect",
    "url_page_number",
    "url_row_choice",
    "url_select",
    "url_text",
    "url_values",
]
