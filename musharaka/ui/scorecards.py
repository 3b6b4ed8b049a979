"""The scorecards page's widgets: the scope (the country, a region or a province, kept in
the URL), the table with each figure's definition beside its column, and the list of
definitions (the same words as docs/scorecards.md)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from musharaka import geography
from musharaka.queries.scorecards import SCOPES
from musharaka.scorecards import FIGURE_COLUMNS, FIGURES
from musharaka.ui.frame import Page
from musharaka.ui.url_state import url_choice, url_select

# How many communes the ranked chart draws (the table holds them all).
CHART_ROWS = 40


def scope(page: Page) -> tuple[str, str]:
    """The scope the reader chose: ("country", ""), ("region", key) or ("province", key)."""
    chosen = url_choice(page, "scope", SCOPES, default="country")
    if chosen == "country":
        return chosen, ""
    places = geography.REGIONS if chosen == "region" else geography.PROVINCES
    names = {p.key: (p.name_ar if page.lang == "ar" else p.name_fr) for p in places}
    key = url_select(
        page.lang,
        page.t(chosen),
        chosen,
        sorted(names, key=lambda k: names[k]),
        key=f"score_{chosen}",
        format_func=names.get,
    )
    return chosen, key


def rank_choice(page: Page) -> str:
    """The figure the communes are ranked by (?rank=column; the completion rate first)."""
    labels = {f.column: page.t(f.label_key) for f in FIGURES}
    return url_select(
        page.lang,
        page.t("score_rank_by"),
        "rank",
        list(FIGURE_COLUMNS),
        key="score_rank",
        format_func=labels.get,
    )


def table(page: Page, shown: pd.DataFrame) -> None:
    """The communes' table, sortable by any column; each figure's definition is its
    column's help, and the last column opens the commune's overview."""
    config: dict = {}  # label -> st.column_config's column
    for figure in FIGURES:
        label = page.t(figure.label_key)
        definition = page.t(figure.definition_key)
        if figure.share:
            config[label] = st.column_config.ProgressColumn(
                label, help=definition, min_value=0, max_value=100, format="%.1f%%"
            )
        else:
            digits = "%.2f" if figure.column == "meetings_per_year" else "%.1f"
            config[label] = st.column_config.NumberColumn(label, help=definition, format=digits)
    overview = page.t("score_overview")
    config[overview] = st.column_config.LinkColumn(
        overview, display_text=page.t("score_open_overview")
    )
    st.dataframe(shown, hide_index=True, column_config=config, key="score_table")


def definitions(page: Page) -> None:
    """Each figure's name and definition, as docs/scorecards.md writes them."""
    st.markdown(
        "\n".join(f"- **{page.t(f.label_key)}**: {page.t(f.definition_key)}" for f in FIGURES)
    )
