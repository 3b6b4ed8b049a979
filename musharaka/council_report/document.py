"""The report as one self-contained HTML file (pure: a content.Report in, text out).

Everything is inside the file: the Arabic font (static/, as base64 @font-face), the CSS,
the charts (HTML bars from bars.py). Nothing is fetched, so the file opens offline, can be
mailed, and WeasyPrint turns it into the same PDF anywhere. It prints on A4: one section
per page at least, table headers repeated on every page, rows never cut in two.

Every value that came from the records goes through `data()`: markup escaped, direction
controls removed, and the value isolated in its own direction (<bdi>), so a French name
in an Arabic report (or the reverse) keeps its place and cannot reorder its neighbours.
Numbers and signed changes are kept left to right with `ltr()`.
"""

from __future__ import annotations

import base64
import functools
from html import escape

from musharaka import formats
from musharaka.charts import status_text
from musharaka.config import PROJECT_ROOT
from musharaka.council_report import bars
from musharaka.council_report.content import Item, Report
from musharaka.i18n import t, term_label
from musharaka.metrics import KeyFigures
from musharaka.report_photos import PHOTO_CSS, photo_tag
from musharaka.vocabulary import DOMAINS, STALL_REASONS

FONT_DIR = PROJECT_ROOT / "static"
FONTS = (("NotoSansArabic-Regular.ttf", 400), ("NotoSansArabic-Bold.ttf", 700))
FONT_STACK = '"Noto Sans Arabic", "Noto Sans", "DejaVu Sans", Arial, sans-serif'

# Direction marks and overrides (a U+202E in a title would turn the text after it around),
# and C0 controls other than tab and new line.


def data(value: object) -> str:
    """Text from the records, safe in HTML: escaped, direction controls removed, isolated."""
    text = formats.text_without_controls(value)
    # <bdi> and a first-strong isolate (U+2068..U+2069) for browsers and copied text.
    # WeasyPrint honours neither: there a value takes its paragraph's direction, which
    # reads right for the one-script names, titles and codes of the records.
    return f"<bdi>\u2068{escape(text)}\u2069</bdi>" if text else "—"


def words(key: str, lang: str, **values: str) -> str:
    """A vocabulary sentence, escaped, with `values` (already HTML) put in its blanks."""
    return escape(t(key, lang)).format(**values)


def ltr(text: str) -> str:
    """Text kept left to right inside Arabic ('+3' must not become '3+'): a left-to-right
    isolate (U+2066..U+2069) for browsers, and a left-to-right mark (U+200E) opening it
    for WeasyPrint, which ignores isolates: after a strong left-to-right character the
    sign and the digits resolve left to right as well."""
    return f'<span class="num">\u2066\u200e{escape(text)}\u2069</span>'


def number(value: float, lang: str) -> str:
    """A count, left to right."""
    return ltr(formats.number(value, lang))


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@functools.cache
def font_faces() -> str:
    """The bundled Noto Sans Arabic, embedded (read once per process)."""
    faces = []
    for name, weight in FONTS:
        encoded = base64.b64encode((FONT_DIR / name).read_bytes()).decode("ascii")
        faces.append(
            '@font-face { font-family: "Noto Sans Arabic"; font-style: normal; '
            f"font-weight: {weight}; "
            f'src: url("data:font/ttf;base64,{encoded}") format("truetype"); }}'
        )
    return "\n".join(faces)


def stylesheet(lang: str) -> str:
    page = _css_string(t("cr_page", lang) + " ")
    return (
        font_faces()
        + f"""
@page {{
  size: A4;
  margin: 14mm 14mm 16mm 14mm;
  @bottom-center {{
    content: {page} counter(page) " / " counter(pages);
    font-family: {FONT_STACK}; font-size: 8.5pt; color: #555;
  }}
}}
html {{ font-family: {FONT_STACK}; font-size: 10pt; line-height: 1.45; color: #1f1f1f; }}
html[dir="rtl"] {{ direction: rtl; }}
body {{ margin: 0; }}
@media screen {{
  html {{ background: #e9e9e9; }}
  body {{ max-width: 182mm; margin: 8mm auto; padding: 14mm; background: #fff; }}
}}
section + section {{ break-before: page; }}
h1 {{ font-size: 21pt; line-height: 1.3; margin: 2mm 0 3mm; color: #0b4f6c; }}
h2 {{ font-size: 13.5pt; color: #0b4f6c; border-bottom: 1.2pt solid #0b4f6c;
      padding-bottom: 1mm; margin: 6mm 0 3mm; break-after: avoid; }}
h3 {{ font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }}
p {{ margin: 1.5mm 0; }}
.kicker {{ color: #555; font-size: 10.5pt; margin-top: 0; }}
.commune {{ font-size: 14pt; font-weight: bold; margin: 2mm 0; }}
.period {{ font-size: 11pt; }}
.note, .prepared {{ color: #555; font-size: 9pt; }}
.prepared {{ margin-top: 6mm; }}
table {{ width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; }}
th, td {{ border: 0.5pt solid #c4c4c4; padding: 1.1mm 1.6mm; text-align: start;
          vertical-align: top; }}
thead {{ display: table-header-group; }}
thead th {{ background: #e6eef4; font-size: 9pt; }}
tr {{ break-inside: avoid; }}
tfoot td, tfoot th {{ font-weight: bold; background: #f4f4f4; }}
.num {{ white-space: nowrap; }}
td.num, th.num {{ text-align: center; }}
thead th.num {{ white-space: normal; }}
tr.group {{ break-after: avoid; }}
tr.group th {{ background: #f2f2f2; font-size: 9.5pt; }}
.code {{ white-space: nowrap; font-size: 8.5pt; }}
.domains th, .domains td {{ font-size: 8.5pt; padding: 0.5mm 1.4mm; }}
.domains tbody th, .domains tfoot th {{ white-space: nowrap; }}
.small {{ color: #555; font-size: 8.5pt; }}
.meetings th, .meetings td {{ font-size: 9pt; padding: 0.8mm 1.6mm; }}
.meetings th[scope="row"] {{ width: 26%; background: #f6f6f6; font-weight: normal; }}
.tiles td {{ width: 20%; text-align: center; border-top-width: 3pt; padding: 2.5mm 1mm; }}
.tiles .count {{ display: block; font-size: 20pt; font-weight: bold; line-height: 1.2; }}
figure {{ margin: 2mm 0 3mm; break-inside: avoid; }}
figcaption {{ font-weight: bold; margin-bottom: 1mm; }}
.pair {{ border: none; }}
.pair > tbody > tr > td {{ border: none; padding: 0 1mm; width: 50%; }}
"""
        + bars.STYLE
        + PHOTO_CSS
    )


def render_html(report: Report, lang: str | None = None) -> str:
    """The report as a complete HTML document in `lang` (default: the report's)."""
    lang = lang or report.lang
    rtl = lang == "ar"
    title = f"{t('cr_title', lang)} · {report.commune.label(lang)}"
    body = "\n".join(
        (
            _cover(report, lang),
            _summary(report, lang),
            _details(report, lang),
            _previous(report, lang),
        )
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{"rtl" if rtl else "ltr"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(formats.CONTROLS.sub('', title))}</title>\n"
        f"<style>\n{stylesheet(lang)}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# --- the sections ----------------------------------------------------------------------
def _cover(report: Report, lang: str) -> str:
    earlier, later = report.earlier, report.later
    commune = report.commune
    province = commune.province_label(lang)
    place = data(commune.label(lang))
    if province:
        place += f' <span class="small">· {escape(t("province", lang))}: {data(province)}</span>'
    period = words(
        "meet_between_period",
        lang,
        earlier=data(earlier.code),
        start=escape(formats.day(earlier.date, lang)),
        later=data(later.code),
        end=escape(formats.day(later.date, lang)),
    )

    def meeting_row(label_key: str, cell) -> str:
        return (
            f'<tr><th scope="row">{escape(t(label_key, lang))}</th>'
            f"<td>{cell(earlier)}</td><td>{cell(later)}</td></tr>"
        )

    def participants(m) -> str:
        return "—" if m.participants is None else number(m.participants, lang)

    meetings = (
        '<table class="meetings"><thead><tr><th></th>'
        f"<th>{escape(t('cr_earlier', lang))}</th><th>{escape(t('cr_later', lang))}</th>"
        "</tr></thead><tbody>"
        + meeting_row("code", lambda m: data(m.code))
        + meeting_row("date", lambda m: escape(formats.day(m.date, lang)))
        + meeting_row("meet_col_title", lambda m: data(m.title))
        + meeting_row("meet_location", lambda m: data(m.location))
        + meeting_row("meet_participants", participants)
        + meeting_row("meet_associations_present", lambda m: number(m.associations, lang))
        + "</tbody></table>"
    )
    tiles = "".join(
        f'<td style="border-top-color: {bars.CATEGORY_COLOURS[key]}">'
        f'<span class="count">{number(count, lang)}</span>'
        f"{escape(t(f'meet_cat_{key}', lang))}</td>"
        for key, count in report.categories.items()
    )
    scope = words("cr_figures_scope", lang, count=number(report.figures_end.total, lang))
    prepared = words("cr_prepared_on", lang, date=escape(formats.day(report.prepared_on, lang)))
    return (
        '<section class="cover">\n'
        f'<p class="kicker">{escape(t("cr_kicker", lang))}</p>\n'
        f"<h1>{escape(t('cr_title', lang))}</h1>\n"
        f'<p class="commune">{escape(t("commune", lang))}: {place}</p>\n'
        f'<p class="period">{period}</p>\n'
        f"{meetings}\n"
        f"<h2>{escape(t('cr_key_figures', lang))}</h2>\n"
        f'<p class="note">{scope}</p>\n'
        f"{_figures_table(report, lang)}\n"
        f"<h2>{escape(t('cr_in_period', lang))}</h2>\n"
        f'<table class="tiles"><tbody><tr>{tiles}</tr></tbody></table>\n'
        f'<p class="prepared">{prepared}</p>\n'
        "</section>"
    )


def _figures_table(report: Report, lang: str) -> str:
    start, end = report.figures_start, report.figures_end
    rows = []

    def row(label: str, before: str, after: str, change: str) -> None:
        rows.append(
            f"<tr><th>{label}</th><td class='num'>{before}</td><td class='num'>{after}</td>"
            f"<td class='num'>{change}</td></tr>"
        )

    def counted(label: str, pick) -> None:
        a, b = pick(start), pick(end)
        row(label, number(a, lang), number(b, lang), _change(b - a, lang))

    for status in report.status_keys:
        counted(escape(status_text(status, lang)), lambda f, s=status: f.by_status.get(s, 0))
    counted(escape(t("overdue", lang)), lambda f: f.overdue)
    row(
        escape(t("completion_rate", lang)),
        _percent(start, lang),
        _percent(end, lang),
        _rate_change(start, end, lang),
    )
    day = (
        escape(formats.day(report.earlier.date, lang)),
        escape(formats.day(report.later.date, lang)),
    )
    return (
        "<table class='figures'><thead><tr>"
        f"<th>{escape(t('cr_col_figure', lang))}</th>"
        f"<th class='num'>{escape(t('cr_col_at_earlier', lang))}<br>"
        f"<span class='small'>{day[0]}</span></th>"
        f"<th class='num'>{escape(t('cr_col_at_later', lang))}<br>"
        f"<span class='small'>{day[1]}</span></th>"
        f"<th class='num'>{escape(t('cr_col_change', lang))}</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _summary(report: Report, lang: str) -> str:
    domains = report.domains
    head = (
        f"<th>{escape(t('domain', lang))}</th>"
        + "".join(
            f"<th class='num'>{escape(t(f'meet_cat_{c}', lang))}</th>" for c in report.categories
        )
        + f"<th class='num'>{escape(t('meet_col_total', lang))}</th>"
    )
    body = "".join(
        f"<tr><th>{escape(term_label(DOMAINS, row['domain'], lang))}</th>"
        + "".join(f"<td class='num'>{number(int(row[c]), lang)}</td>" for c in report.categories)
        + f"<td class='num'>{number(int(row['total']), lang)}</td></tr>"
        for _, row in domains.iterrows()
    )
    foot = (
        f"<tr><th>{escape(t('meet_col_total', lang))}</th>"
        + "".join(
            f"<td class='num'>{number(report.categories[c], lang)}</td>" for c in report.categories
        )
        + f"<td class='num'>{number(sum(report.categories.values()), lang)}</td></tr>"
    )
    charts = {chart.title: chart for chart in report.charts}

    def figure(key: str) -> str:
        if key not in charts:
            return ""
        return (
            f"<figure><figcaption>{escape(t(key, lang))}</figcaption>"
            f"{bars.bar_chart(charts[key], lang)}</figure>"
        )

    table = (
        f"<table class='domains'><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
        f"<tfoot>{foot}</tfoot></table>"
        if len(domains)
        else f"<p>{escape(t('meet_between_none', lang))}</p>"
    )
    pair = (
        "<table class='pair'><tbody><tr>"
        f"<td>{figure('cr_chart_categories')}</td>"
        f"<td>{figure('cr_chart_statuses')}</td>"
        "</tr></tbody></table>"
    )
    return (
        '<section class="summary">\n'
        f"<h2>{escape(t('cr_summary', lang))}</h2>\n{table}\n"
        f"{figure('cr_chart_domains')}\n{pair}\n</section>"
    )


def _details(report: Report, lang: str) -> str:
    parts = ['<section class="details">', f"<h2>{escape(t('cr_details', lang))}</h2>"]
    for category in report.categories:
        items = [i for i in report.items if i.category == category]
        parts.append(
            f"<h3>{escape(t(f'meet_cat_{category}', lang))} ({number(len(items), lang)})</h3>"
        )
        if not items:
            parts.append(f"<p class='note'>{escape(t('meet_between_empty_category', lang))}</p>")
            continue
        head = "".join(
            f"<th>{escape(label)}</th>"
            for label in (
                t("code", lang),
                t("recommendation", lang),
                f"{t('meet_col_responsible', lang)} · {t('meet_col_partners', lang)}",
                t("meet_col_change", lang),
                t("progress", lang),
            )
        )
        rows = []
        for domain, group in _by_domain(items):
            rows.append(
                f"<tr class='group'><th colspan='5'>{escape(term_label(DOMAINS, domain, lang))}"
                f" ({number(len(group), lang)})</th></tr>"
            )
            for item in group:
                photo = photo_tag(
                    report.photos.get(item.code),
                    t("evidence_photo_alt", lang).format(name=item.code),
                )
                rows.append(
                    f"<tr><td>{_code(item)}</td><td>{data(item.title)}{photo}</td>"
                    f"<td>{_who(item, lang)}</td><td>{_status_change(item, lang)}</td>"
                    f"<td class='num'>{_progress_change(item, lang)}</td></tr>"
                )
        parts.append(
            f"<table class='items'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _previous(report: Report, lang: str) -> str:
    intro = words(
        "cr_previous_intro",
        lang,
        code=data(report.earlier.code),
        date=escape(formats.day(report.earlier.date, lang)),
    )
    parts = [
        '<section class="previous">',
        f"<h2>{escape(t('cr_previous', lang))}</h2>",
        f"<p>{intro}</p>",
    ]
    if not report.previous:
        parts.append(f"<p class='note'>{escape(t('meet_no_recs', lang))}</p>")
    else:
        head = "".join(
            f"<th>{escape(label)}</th>"
            for label in (
                t("code", lang),
                t("recommendation", lang),
                t("domain", lang),
                f"{t('meet_col_responsible', lang)} · {t('meet_col_partners', lang)}",
                t("cr_col_status_end", lang),
                t("cr_col_in_period", lang),
            )
        )
        rows = "".join(
            f"<tr><td class='code'>{data(item.code)}</td><td>{data(item.title)}</td>"
            f"<td>{escape(term_label(DOMAINS, item.domain, lang))}</td>"
            f"<td>{_who(item, lang)}</td>"
            f"<td>{escape(status_text(item.end_status, lang))}"
            f"<br><span class='small'>{ltr(formats.progress(item.end_progress, lang))}</span></td>"
            f"<td>{_category(item, lang)}</td></tr>"
            for item in report.previous
        )
        parts.append(
            f"<table class='items'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
    parts.append("</section>")
    return "\n".join(parts)


# --- cells -----------------------------------------------------------------------------
def _by_domain(items: list[Item]) -> list[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for item in items:  # already in the vocabulary's order of domains
        groups.setdefault(item.domain, []).append(item)
    return list(groups.items())


def _code(item: Item) -> str:
    meeting = f"<span class='small code'>{data(item.meeting_code)}</span>"
    return f"<span class='code'>{data(item.code)}</span><br>{meeting}"


def _small(text: str) -> str:
    return f"<span class='small'>{escape(text)}</span>"


def _who(item: Item, lang: str) -> str:
    responsible = data(item.responsible) if item.responsible else "—"
    if not item.partners:
        return responsible
    separator = "، " if lang == "ar" else ", "
    partners = separator.join(data(p) for p in item.partners)
    return (
        f"{responsible}<br><span class='small'>{escape(t('meet_col_partners', lang))}: "
        f"{partners}</span>"
    )


def _status_change(item: Item, lang: str) -> str:
    before = escape(status_text(item.start_status, lang))
    after = escape(status_text(item.end_status, lang))
    change = (
        after
        if item.start_status == item.end_status
        else (f"{before} {escape(t('meet_arrow', lang))} {after}")
    )
    return change + _stall_reason(item, lang)


# The categories of what did not move: beside each, why, when its history says.
NOT_MOVED = ("stalled", "cancelled", "untouched")


def _stall_reason(item: Item, lang: str) -> str:
    if item.category not in NOT_MOVED or not item.stall_reason:
        return ""
    reason = term_label(STALL_REASONS, item.stall_reason, lang)
    return f"<br>{_small(t('stall_reason', lang) + ': ' + reason)}"


def _progress_change(item: Item, lang: str) -> str:
    before = formats.progress(item.start_progress, lang)
    after = formats.progress(item.end_progress, lang)
    if before == after:
        return ltr(after)
    return f"{ltr(before)} {escape(t('meet_arrow', lang))} {ltr(after)}"


def _category(item: Item, lang: str) -> str:
    if item.category is None:
        return escape(t("cr_closed_before", lang))
    return escape(t(f"meet_cat_{item.category}", lang))


def _change(value: float, lang: str) -> str:
    return ltr(formats.signed(value, lang))


def _percent(figures: KeyFigures, lang: str) -> str:
    return ltr(formats.percent(figures.completion_rate, lang))


def _rate_change(start: KeyFigures, end: KeyFigures, lang: str) -> str:
    if start.completion_rate is None or end.completion_rate is None:
        return "—"
    points = round((end.completion_rate - start.completion_rate) * 100, 1)
    return words("cr_points", lang, value=_change(points, lang))
