"""The map on the overview and on the recommendations list: a commune's recommendations
where they are (or, across the country, its communes), filtered as the page is, with its
text alternative (how many are on the map and how many have no place, then its numbers
as a table) and a note on where the tiles come from. A click on a point opens its
recommendation; a click on a commune opens that commune's overview."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from musharaka import queries
from musharaka.queries import RecommendationFilter
from musharaka.ui import charts
from musharaka.ui.display import number
from musharaka.ui.frame import Page
from musharaka.views import maps

OVERVIEW_PATH = "pages/0_Overview.py"
RECOMMENDATIONS_PATH = "pages/1_Recommendations.py"


def national(page: Page, chosen: RecommendationFilter) -> bool:
    """Whether the map shows communes: no commune chosen among several. One commune's
    recommendations are points; a country's would be a million of them."""
    return not chosen.commune_ids and len(page.query(queries.communes)) > 1


def recommendations_map(
    page: Page, chosen: RecommendationFilter, *, key: str, keep: dict[str, str] | None = None
) -> None:
    """The map of what `chosen` keeps, under its own heading. `keep`: the URL parameters a
    recommendation opened from here keeps (the list's filters, for the way back)."""
    st.subheader(page.t("map_title"))
    figure: go.Figure | None
    if national(page, chosen):
        communes = page.query(queries.places.commune_points, chosen)
        figure = maps.commune_map(communes, page.lang) if len(communes) else None
        summary = page.t("map_communes_summary").format(count=number(len(communes), page.lang))
        hint = page.t("map_click_commune")
    else:
        points = page.query(queries.places.recommendation_points, chosen)
        unplaced = int(page.query(queries.places.unplaced_count, chosen).iloc[0, 0])
        figure = maps.recommendation_map(points, page.lang) if len(points) else None
        summary = page.t("map_summary").format(
            placed=number(len(points), page.lang), unplaced=number(unplaced, page.lang)
        )
        hint = page.t("map_click_point")
    if figure is None:
        st.caption(summary)
        return
    clicked = charts.clickable_map(
        page, figure, key=key, notes=(f"{summary} {hint}", page.t("map_tiles_note")),
        title=page.t("map_title"),
    )  # fmt: skip
    _open_pick(page, maps.picked(clicked), key=key, keep=keep or {})


def _open_pick(page: Page, pick: maps.Pick | None, *, key: str, keep: dict[str, str]) -> None:
    """Open what was clicked, once: a selection stays on the chart after the click, so the
    same pick seen again (the reader came back) does not open it a second time."""
    seen = f"{key}_opened"
    if pick is None:
        st.session_state.pop(seen, None)
        return
    if st.session_state.get(seen) == pick:
        return
    st.session_state[seen] = pick
    if pick.kind == "recommendation":
        st.switch_page(
            RECOMMENDATIONS_PATH, query_params={**keep, "lang": page.lang, "rec": pick.value}
        )
    # The overview's commune picker keeps its own value once drawn: it is forgotten, so
    # that the URL's commune is the one the overview opens on.
    st.session_state.pop("commune_filter", None)
    st.switch_page(OVERVIEW_PATH, query_params={"lang": page.lang, "commune": pick.value})
