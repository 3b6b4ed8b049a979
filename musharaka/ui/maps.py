"""The map on the overview and on the recommendations list: a commune's recommendations
where they are (or, across the country, its communes), filtered as the page is, with its
text alternative (how many are on the map and how many have no place, then its numbers
as a table) and a note on where the tiles come from. A click on a point opens its
recommendation; a click on a commune opens that commune's overview (each point carries
its link, as a list's title does)."""

from __future__ import annotations

from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from musharaka import queries
from musharaka.queries import RecommendationFilter
from musharaka.ui import charts
from musharaka.ui.display import number
from musharaka.ui.frame import Page
from musharaka.ui.url_state import RECOMMENDATIONS_PAGE
from musharaka.views import maps


def national(page: Page, chosen: RecommendationFilter) -> bool:
    """Whether the map shows communes: no commune chosen among several. One commune's
    recommendations are points; a country's would be a million of them."""
    return not chosen.commune_ids and len(page.query(queries.communes)) > 1


def recommendations_map(
    page: Page, chosen: RecommendationFilter, *, key: str, keep: dict[str, str] | None = None
) -> None:
    """The map of what `chosen` keeps, under its own heading. `keep`: on the list's own
    page, its URL parameters, which a recommendation opened from the map keeps (for the
    way back); elsewhere None, and a point opens the list's page."""
    st.subheader(page.t("map_title"))
    figure: go.Figure | None
    if national(page, chosen):
        communes = page.query(queries.places.commune_points, chosen)
        overview = f"./?{urlencode({'lang': page.lang})}&commune="
        figure = maps.commune_map(communes, page.lang, overview) if len(communes) else None
        summary = page.t("map_communes_summary").format(count=number(len(communes), page.lang))
        hint = page.t("map_click_commune")
    else:
        points = page.query(queries.places.recommendation_points, chosen)
        unplaced = int(page.query(queries.places.unplaced_count, chosen).iloc[0, 0])
        # Relative, as a list's titles are: the list's own page keeps its filters.
        params = {**(keep or {}), "lang": page.lang}
        params.pop("rec", None)
        link = f"{'' if keep is not None else RECOMMENDATIONS_PAGE}?{urlencode(params)}&rec="
        figure = maps.recommendation_map(points, page.lang, link) if len(points) else None
        summary = page.t("map_summary").format(
            placed=number(len(points), page.lang), unplaced=number(unplaced, page.lang)
        )
        hint = page.t("map_click_point")
    if figure is None:
        st.caption(summary)
        return
    charts.clickable_map(
        page, figure, key=key, notes=(f"{summary} {hint}", page.t("map_tiles_note"))
    )
