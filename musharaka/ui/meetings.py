"""The widgets of the meetings page (pages/2_Meetings.py): the council's report of the
period between two meetings, as download buttons."""

from __future__ import annotations

import streamlit as st

from musharaka import council_report as report
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
