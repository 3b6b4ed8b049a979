"""The widgets of the meetings page (pages/2_Meetings.py): the council's report of the
period between two meetings, and a meeting's poster, as download buttons; and the poster of
a commune (the overview) or of a douar (the recommendations filtered to it)."""

from __future__ import annotations

import streamlit as st

from musharaka import council_report as report
from musharaka import place_poster, poster
from musharaka.i18n import t
from musharaka.ui.frame import Page


def council_report_downloads(page: Page, commune_id: int, earlier: str, later: str) -> None:
    """Download buttons for the council's report (musharaka.council_report) of the period
    between these two meetings, as HTML and as PDF, in the page's language. Each file is
    built only when its button is clicked (a callable as data)."""
    # The callables run outside the script's thread: they take the engine and the language
    # with them rather than reading anything from Streamlit.
    engine, lang = page.engine, page.lang

    def html() -> str:
        return report.render_html(report.build_report(engine, commune_id, earlier, later, lang))

    def pdf() -> bytes:
        return report.render_pdf(html())

    html_box, pdf_box, _ = st.columns([1, 1, 2])
    for box, kind, data, mime in (
        (html_box, "html", lambda: html().encode("utf-8"), "text/html"),
        (pdf_box, "pdf", pdf, "application/pdf"),
    ):
        box.download_button(
            t(f"cr_download_{kind}", lang),
            data=data,
            file_name=report.file_name(commune_id, earlier, later, lang, kind),
            mime=mime,
            help=t("cr_download_help", lang),
            on_click="ignore",
            icon=":material/download:",
            key=f"cr_download_{kind}",
        )


def poster_download(page: Page, meeting_code: str) -> None:
    """The meeting's poster (musharaka.poster) as a PDF in the page's language (French
    for a reader in English or Tamazight: the poster is printed in Arabic or French), at
    the size chosen; built only when the button is clicked."""
    engine = page.engine
    lang = page.lang if page.lang in poster.POSTER_LANGUAGES else "fr"
    size_box, button_box, _ = st.columns([1, 1, 2], vertical_alignment="bottom")
    size = size_box.selectbox(t("poster_size", page.lang), poster.SIZES, key="poster_size")

    def pdf() -> bytes:
        return report.render_pdf(
            poster.poster_html(poster.build_report_for(engine, meeting_code, lang), lang, size)
        )

    button_box.download_button(
        t("poster_download", page.lang),
        data=pdf,
        file_name=poster.file_name(meeting_code, lang, size),
        mime="application/pdf",
        help=t("poster_download_help", page.lang),
        on_click="ignore",
        icon=":material/download:",
        key="poster_download",
    )


def place_poster_download(page: Page, commune_id: int, douar: str | None = None) -> None:
    """The poster of a commune or of one of its douars (musharaka.place_poster): its
    recommendations by status, in Arabic or French as poster_download chooses, at the size
    chosen; built only when the button is clicked."""
    engine = page.engine
    lang = page.lang if page.lang in poster.POSTER_LANGUAGES else "fr"
    size_box, button_box, _ = st.columns([1, 1, 2], vertical_alignment="bottom")
    size = size_box.selectbox(t("poster_size", page.lang), poster.SIZES, key="poster_size")

    def pdf() -> bytes:
        content = place_poster.build_place_poster(engine, commune_id, douar, lang)
        return report.render_pdf(place_poster.place_poster_html(content, size))

    button_box.download_button(
        t("poster_download", page.lang),
        data=pdf,
        file_name=place_poster.file_name(commune_id, douar, lang, size),
        mime="application/pdf",
        help=t("poster_download_help", page.lang),
        on_click="ignore",
        icon=":material/download:",
        key="poster_download",
    )
