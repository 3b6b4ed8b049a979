"""A meeting's poster (A4 or A3, Arabic or French): what was achieved since the meeting
before it, in large type, each recommendation's status with its icon and its word, and a
QR code per recommendation and one for the meeting's page, linking to their views under
MUSHARAKA_PUBLIC_URL. The content is the council's report of the period ending at the
meeting (musharaka.council_report, musharaka.between); the HTML reuses its font and its
care for text from the records; WeasyPrint makes the PDF.

    html = poster_html(build_report_for(engine, "M2", "ar"), "ar", "A3")
    pdf = render_pdf(html)
"""

from __future__ import annotations

from html import escape

import segno
from sqlalchemy import Engine

from musharaka import formats, sharing
from musharaka.charts import STATUS_ICONS
from musharaka.council_report import Report, ReportError, build_report
from musharaka.council_report.document import FONT_STACK, data, font_faces, ltr
from musharaka.i18n import t, term_label
from musharaka.queries import meetings as meeting_queries
from musharaka.queries import read_frame
from musharaka.report_photos import PHOTO_CSS, photo_tag
from musharaka.vocabulary import STATUSES

SIZES = ("A4", "A3")
POSTER_LANGUAGES = ("ar", "fr")
# Type grows with the sheet: A3 is A4 scaled by √2.
BASE_TYPE = {"A4": 15, "A3": 21}


def build_report_for(
    engine: Engine, meeting_code: str, lang: str, *, photos: bool = True
) -> Report:
    """The council report of the period that ends at this meeting (with a photo of each
    recommendation completed in it that has one, unless `photos` is False). ReportError
    when the meeting is unknown or is its commune's first."""
    with engine.connect() as conn:
        found = read_frame(conn, meeting_queries.meeting(meeting_code))
    if found.empty:
        raise ReportError(f"unknown meeting: {meeting_code!r}")
    commune_id = int(found["commune_id"].iloc[0])
    return build_report(engine, commune_id, None, meeting_code, lang, photos=photos)


def recommendation_url(code: str, lang: str) -> str:
    return sharing.view_url("Recommendations", {"rec": code, "lang": lang})


def meeting_url(code: str, lang: str) -> str:
    return sharing.view_url("Meetings", {"meeting": code, "lang": lang})


def qr_svg(url: str, scale: int) -> str:
    """A QR code as inline SVG (no file, nothing fetched)."""
    return segno.make(url, error="m").svg_inline(scale=scale, border=2)


def _status(key: str, lang: str) -> str:
    return f'<span class="icon">{STATUS_ICONS.get(key, "")}</span> ' + escape(
        term_label(STATUSES, key, lang)
    )


def poster_html(report: Report, lang: str, size: str = "A4") -> str:
    """The poster as a self-contained HTML document."""
    later = report.later
    period = escape(t("poster_period", lang)).format(
        commune=data(report.commune.label(lang)),
        start=escape(formats.day(report.earlier.date, lang)),
        end=escape(formats.day(later.date, lang)),
    )
    rows = [
        item_row(
            item.code,
            item.title,
            item.end_status,
            item.end_progress,
            lang,
            report.photos.get(item.code),
        )
        for item in report.items
    ]
    body = (
        f'<table class="items"><tbody>{"".join(rows)}</tbody></table>'
        if rows
        else f"<p>{escape(t('poster_none', lang))}</p>"
    )
    title = f"{t('poster_title', lang)} · {report.commune.label(lang)}"
    return document(
        lang,
        size,
        title,
        f"<h1>{escape(t('poster_title', lang))}</h1>\n"
        f'<p class="period">{period}</p>\n'
        f'<div class="meeting">{qr_svg(meeting_url(later.code, lang), 4)}'
        f"<p>{data(later.title or later.code)}<br>"
        f'<span class="scan">{escape(t("poster_meeting_qr", lang))}</span></p></div>\n'
        f'<p class="scan">{escape(t("poster_scan", lang))}</p>\n'
        f"{body}",
    )


def item_row(
    code: str,
    title: str,
    status: str,
    progress: float | None,
    lang: str,
    photo: str | None = None,
) -> str:
    """One recommendation's row: its QR code, its title and code (and its photo, a data:
    URL, when given), its status and progress."""
    shown = ltr(formats.progress(progress, lang)) if progress is not None else ""
    picture = photo_tag(photo, t("evidence_photo_alt", lang).format(name=code))
    return (
        "<tr>"
        f'<td class="qr">{qr_svg(recommendation_url(code, lang), 3)}</td>'
        f'<td><p class="rec">{data(title)}</p><p class="code">{data(code)}</p>{picture}</td>'
        f'<td class="status s-{escape(status)}">{_status(status, lang)}<br>{shown}</td>'
        "</tr>"
    )


def document(lang: str, size: str, title: str, body: str) -> str:
    """A poster's self-contained HTML document around its body: the sheet, the large type,
    the direction of the language."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}: one of {', '.join(SIZES)}")
    base = BASE_TYPE[size]
    style = f"""{font_faces()}
@page {{ size: {size}; margin: 12mm; }}
html {{ font-family: {FONT_STACK}; font-size: {base}pt; line-height: 1.35; color: #111; }}
html[dir="rtl"] {{ direction: rtl; }}
body {{ margin: 0; }}
h1 {{ font-size: 2.1em; margin: 0 0 2mm; color: #0b4f6c; }}
h2 {{ font-size: 1.3em; margin: 4mm 0 1mm; color: #0b4f6c; break-after: avoid; }}
.period {{ font-size: 1.1em; margin: 0 0 2mm; }}
.meeting {{ display: flex; align-items: center; gap: 4mm; margin-bottom: 4mm; }}
.meeting svg {{ width: 38mm; height: 38mm; }}
.counts {{ font-size: 1.1em; font-weight: bold; margin: 0 0 2mm; }}
.more {{ font-size: 1.15em; font-weight: bold; margin-top: 4mm; padding: 2mm;
  border: 1pt solid #0b4f6c; }}
table {{ width: 100%; border-collapse: collapse; }}
td {{ border-bottom: 0.8pt solid #bbb; padding: 2mm; vertical-align: middle; text-align: start; }}
tr {{ break-inside: avoid; }}
td.qr {{ width: 30mm; }}
td.qr svg {{ width: 28mm; height: 28mm; }}
td.status {{ width: 28%; font-weight: bold; }}
.rec {{ margin: 0; font-weight: bold; }}
.code {{ margin: 0; font-size: 0.7em; color: #555; }}
.icon {{ font-family: "DejaVu Sans", sans-serif; }}
.num {{ white-space: nowrap; }}
.scan {{ font-size: 0.8em; color: #444; }}
{PHOTO_CSS}
"""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{escape(formats.CONTROLS.sub("", title))}</title>\n'
        f"<style>\n{style}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def file_name(meeting_code: str, lang: str, size: str) -> str:
    import re

    safe = re.sub(r"[^A-Za-z0-9_-]+", "", str(meeting_code))[:40] or "x"
    return f"musharaka-poster-{safe}-{lang}-{size}.pdf"
