"""The council's between-meetings report: what was completed, advanced, stalled and left
untouched since the previous meeting, as data (`build_report`), as a self-contained HTML
file that prints on A4 (`render_html`) and as PDF (`render_pdf`).

    report = build_report(engine, commune_id)          # the last two meetings
    html = render_html(report, "fr")
    pdf = render_pdf(html)
"""

from musharaka.council_report.content import (
    Chart,
    Item,
    MeetingFacts,
    Report,
    ReportError,
    build_report,
    choose_pair,
)
from musharaka.council_report.document import render_html
from musharaka.council_report.pdf import render_pdf

__all__ = [
    "Chart",
    "Item",
    "MeetingFacts",
    "Report",
    "ReportError",
    "build_report",
    "choose_pair",
    "file_name",
    "render_html",
    "render_pdf",
]


def file_name(
    commune_id: int, earlier_code: str, later_code: str, lang: str, extension: str
) -> str:
    """A portable file name for a report: the commune's id, the two meetings' codes (letters,
    digits, '-' and '_' only) and the language."""
    import re

    def safe(text: str) -> str:
        return re.sub(r"[^A-Za-z0-9_-]+", "", str(text))[:40] or "x"

    parts = ("musharaka-report", str(int(commune_id)), safe(earlier_code), safe(later_code), lang)
    return "-".join(parts) + f".{extension}"
