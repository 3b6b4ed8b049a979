"""The overview's action programme section (PAC, organic law 113-14 art. 78): how many of
the chosen recommendations were taken into the commune's programme, with a link to them,
and a table by partner institution. Shown only when the data records the programme."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from musharaka import queries
from musharaka.formats import percent
from musharaka.queries import RecommendationFilter
from musharaka.ui.display import number
from musharaka.ui.frame import Page
from musharaka.ui.url_state import RECOMMENDATIONS_PAGE
from musharaka.views import programme as view


def programme_section(page: Page, chosen: RecommendationFilter) -> None:
    counts = page.query(queries.programme.by_institution, chosen)
    figures = view.figures(counts)
    if not figures.recorded:
        return
    lang = page.lang
    st.subheader(page.t("programme_title"))
    params = {"lang": lang, "pac": "in"}
    if chosen.commune_ids:
        params["commune"] = ",".join(str(c) for c in chosen.commune_ids)
    left, right = st.container(key="programme_figures").columns(2)
    left.metric(page.t("programme_in"), number(figures.in_programme, lang))
    left.markdown(f"[{page.t('see_list')}]({RECOMMENDATIONS_PAGE}?{urlencode(params)})")
    right.metric(page.t("programme_share"), percent(figures.share, lang))
    st.dataframe(view.institution_table(counts, lang), hide_index=True)
