"""The scorecards page's widgets: the scope (the country, a region or a province, kept in
the URL), the communes' table one page at a time, each figure defined in its header, and
the list of definitions (the same words as docs/scorecards.md)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from musharaka import formats, geography, quarterly
from musharaka.council_report import render_pdf
from musharaka.queries.scorecards import SCOPES
from musharaka.scorecards import FIGURE_COLUMNS, FIGURES
from musharaka.ui.frame import Page
from musharaka.ui.url_state import pager, url_choice, url_select
from musharaka.views import reading_list
from musharaka.views import scorecards as views

# How many communes the ranked chart draws, and the table shows on one of its pages.
CHART_ROWS = 40
TABLE_ROWS = 50


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


def table(page: Page, rows: pd.DataFrame, rank: str) -> None:
    """One page of the communes' table (TABLE_ROWS of them, ?page=N in the URL), ranked by
    `rank`, under how many were found. An HTML table, not the data grid: the grid writes
    numbers in one way for every language (57.1%, 120.0) where the chart and the report
    write each language's (57,1%, 120), and its progress bars do not fill from the right
    in Arabic. Ranking by another figure is the chooser above it."""
    number = 1
    if len(rows) > TABLE_ROWS:
        number = pager(
            page,
            len(rows),
            TABLE_ROWS,
            found="score_found",
            key="score_page",
            view=(tuple(rows["commune_id"]), rank),
            heading=False,
        )
    else:
        st.markdown(page.t("score_found").format(count=formats.number(len(rows), page.lang)))
    shown = rows.iloc[(number - 1) * TABLE_ROWS : number * TABLE_ROWS]
    st.html(reading_list.STYLE + views.STYLE + views.table_html(shown, page.lang, rank))


def definitions(page: Page) -> None:
    """Each figure's name and definition, as docs/scorecards.md writes them."""
    st.markdown(
        "\n".join(f"- **{page.t(f.label_key)}**: {page.t(f.definition_key)}" for f in FIGURES)
    )


# How many quarters back the report's chooser goes.
QUARTERS_OFFERED = 8


def quarterly_downloads(page: Page, scope_kind: str, key: str) -> None:
    """The governor's quarterly report (musharaka.quarterly) of the chosen region or
    province, for a quarter chosen among the last ones, as HTML and as PDF in the page's
    language; each built only when its button is clicked. The country has no such report."""
    if scope_kind not in ("region", "province") or not key:
        st.caption(page.t("qr_choose_scope"))
        return
    try:
        scope = quarterly.find_scope(scope_kind, key)
    except quarterly.QuarterlyError:
        return  # a key no longer known (an old link): no report to offer
    today = dt.date.today()
    quarters = [quarterly.quarter_of(today)]
    while len(quarters) < QUARTERS_OFFERED:
        quarters.append(quarterly.previous(quarters[-1]))
    quarter_box, html_box, pdf_box = st.columns([1, 1, 1], vertical_alignment="bottom")
    chosen = quarter_box.selectbox(
        page.t("qr_quarter"),
        quarters,
        index=1,  # the last quarter over
        format_func=lambda q: q.code,
        key="qr_quarter",
    )
    # The callables run outside the script's thread: they take what they need with them.
    engine, lang = page.engine, page.lang

    def html() -> str:
        return quarterly.render_quarterly(quarterly.build_quarterly(engine, scope, chosen), lang)

    def pdf() -> bytes:
        return render_pdf(html())

    # Each button's label names its catalog id literally (`make messages` finds it there).
    for box, label, extension, data, mime, widget in (
        (
            html_box,
            page.t("qr_download_html"),
            "html",
            lambda: html().encode("utf-8"),
            "text/html",
            "qr_download_html",
        ),
        (pdf_box, page.t("qr_download_pdf"), "pdf", pdf, "application/pdf", "qr_download_pdf"),
    ):
        box.download_button(
            label,
            data=data,
            file_name=quarterly.file_name(scope, chosen, lang, extension),
            mime=mime,
            help=page.t("qr_download_help"),
            on_click="ignore",
            icon=":material/download:",
            key=widget,
        )
