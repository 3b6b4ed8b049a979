"""The report's HTML as PDF, with WeasyPrint (which lays out right-to-left Arabic, shapes
it with the embedded font, charts included: they are HTML, see bars.py). Imported only when a PDF is
asked for: WeasyPrint takes a moment to load."""

from __future__ import annotations


def render_pdf(html: str) -> bytes:
    """A4 PDF bytes of a self-contained HTML document. Only data: URLs (the embedded fonts)
    are read: an address anywhere else, from the data or a mistake, is never fetched."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
