"""The governor's quarterly report as one self-contained HTML file, in the council report's
style (its fonts, its stylesheet, its escaping: musharaka.council_report.document), which
WeasyPrint prints as an A4 PDF with shaped Arabic. Pure: a QuarterlyReport in, text out.
Every value from the records goes through `data()`."""

from __future__ import annotations

from html import escape

import pandas as pd

from musharaka import formats
from musharaka.council_report.document import data, ltr, number, stylesheet, words
from musharaka.i18n import t
from musharaka.quarterly.content import QuarterlyReport
from musharaka.scorecards import FIGURES
from musharaka.views.scorecards import commune_names, figure_text
from musharaka.views.stall_reasons import reasons_across_communes

# The scorecard's wide table: smaller type, so that nine columns fit across A4.
QUARTERLY_CSS = """
.scorecard th, .scorecard td { font-size: 7.8pt; padding: 0.7mm 1mm; }
.scorecard thead th { font-size: 7.4pt; }
.definitions dt { font-weight: bold; margin-top: 1.5mm; }
.definitions dd { margin: 0 0 1mm; }
"""


def render_quarterly(report: QuarterlyReport, lang: str) -> str:
    """The report as a complete HTML document in `lang` (ar, fr or en)."""
    rtl = lang == "ar"
    title = f"{t('qr_title', lang)} · {report.scope.label(lang)} · {report.quarter.code}"
    # Two sections, each opening a page: the cover and the scorecard; then the movers and
    # the definitions.
    body = (
        f'<section class="cover">\n{_cover(report, lang)}\n{_scorecard(report, lang)}\n'
        f"</section>\n<section>\n{_movers(report, lang)}\n{_reasons(report, lang)}\n"
        f"{_definitions(lang)}\n</section>"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{"rtl" if rtl else "ltr"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(formats.CONTROLS.sub('', title))}</title>\n"
        f"<style>\n{stylesheet(lang)}{QUARTERLY_CSS}\n</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )


def _day(value, lang: str) -> str:
    return escape(formats.day(value, lang))


def _cover(report: QuarterlyReport, lang: str) -> str:
    quarter, totals = report.quarter, report.totals
    period = words(
        "qr_period",
        lang,
        quarter=ltr(quarter.code),
        start=_day(quarter.start, lang),
        end=_day(quarter.end, lang),
    )
    owed = totals["recommendations"] - totals["cancelled"]
    rate = formats.percent(totals["completed"] / owed, lang) if owed else "—"
    tiles = (
        ("qr_communes", number(totals["communes"], lang)),
        ("recommendations", number(totals["recommendations"], lang)),
        ("completion_rate", ltr(rate)),
        ("qr_col_updated", number(totals["updated"], lang)),
        ("qr_col_completed", number(totals["completed_in_quarter"], lang)),
    )
    cells = "".join(
        f'<td style="border-top-color: #0072B2"><span class="count">{value}</span>'
        f"{escape(t(key, lang))}</td>"
        for key, value in tiles
    )
    as_of = words("qr_as_of", lang, day=_day(report.as_of, lang), made=_day(report.made_on, lang))
    return (
        f'<p class="kicker">{escape(t("qr_kicker", lang))}</p>\n'
        f"<h1>{escape(t('qr_title', lang))}</h1>\n"
        f'<p class="commune">{escape(t(report.scope.kind, lang))}: '
        f"{data(report.scope.label(lang))}</p>\n"
        f'<p class="period">{period}</p>\n'
        f'<table class="tiles"><tbody><tr>{cells}</tr></tbody></table>\n'
        f'<p class="note">{as_of}</p>'
    )


def _scorecard(report: QuarterlyReport, lang: str) -> str:
    frame = report.scorecard
    names = commune_names(frame, lang)
    head = (
        f"<th>{escape(t('commune', lang))}</th>"
        f"<th class='num'>{escape(t('recommendations', lang))}</th>"
        + "".join(f"<th class='num'>{escape(t(f.label_key, lang))}</th>" for f in FIGURES)
    )
    rows = []
    for name, (_, row) in zip(names, frame.iterrows(), strict=True):
        cells = "".join(
            f"<td class='num'>{ltr(figure_text(f, row[f.column], lang))}</td>" for f in FIGURES
        )
        rows.append(
            f"<tr><th>{data(name)}</th>"
            f"<td class='num'>{number(int(row['recommendations']), lang)}</td>{cells}</tr>"
        )
    return (
        f"<h2>{escape(t('qr_scorecard', lang))}</h2>\n"
        f"<p class='note'>{words('qr_scorecard_note', lang, day=_day(report.as_of, lang))}</p>\n"
        f"<table class='scorecard'><thead><tr>{head}</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _movers_table(frame: pd.DataFrame, lang: str) -> str:
    if frame.empty:
        return f"<p class='note'>{escape(t('qr_nobody_moved', lang))}</p>"
    head = "".join(
        f"<th{' class=num' if key != 'commune' else ''}>{escape(t(key, lang))}</th>"
        for key in ("commune", "qr_col_completed", "qr_col_updated", "qr_col_share")
    )
    rows = "".join(
        f"<tr><th>{data(name)}</th>"
        f"<td class='num'>{number(int(row['completed']), lang)}</td>"
        f"<td class='num'>{number(int(row['updated']), lang)}</td>"
        f"<td class='num'>{ltr(formats.percent(float(row['share']), lang))}</td></tr>"
        for name, (_, row) in zip(commune_names(frame, lang), frame.iterrows(), strict=True)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _movers(report: QuarterlyReport, lang: str) -> str:
    return (
        f"<h2>{escape(t('qr_moved_most', lang))}</h2>\n"
        f"{_movers_table(report.most, lang)}\n"
        f"<h2>{escape(t('qr_moved_least', lang))}</h2>\n"
        f"{_movers_table(report.least, lang)}\n"
        f"<p class='note'>{escape(t('qr_movement_def', lang))}</p>"
    )


def _reasons(report: QuarterlyReport, lang: str) -> str:
    """Why the recommendations that did not move are stuck: per reason, how many and in
    how many communes (the overview's table across communes)."""
    heading = f"<h2>{escape(t('why_things_stall', lang))}</h2>\n"
    if report.reasons.empty:
        return heading + f"<p class='note'>{escape(t('qr_no_stall', lang))}</p>"
    table = reasons_across_communes(report.reasons, lang)
    head = "".join(
        f"<th{' class=num' if i else ''}>{escape(str(c))}</th>" for i, c in enumerate(table)
    )
    rows = "".join(
        f"<tr><th>{escape(str(reason))}</th><td class='num'>{number(int(count), lang)}</td>"
        f"<td class='num'>{number(int(communes), lang)}</td></tr>"
        for reason, count, communes in table.itertuples(index=False)
    )
    note = words("qr_stall_note", lang, day=_day(report.as_of, lang))
    return (
        heading
        + f"<p class='note'>{note}</p>\n"
        + f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _definitions(lang: str) -> str:
    items = "".join(
        f"<dt>{escape(t(f.label_key, lang))}</dt><dd>{escape(t(f.definition_key, lang))}</dd>"
        for f in FIGURES
    )
    return (
        f"<h2>{escape(t('score_definitions', lang))}</h2>\n"
        f"<dl class='definitions'>{items}</dl>\n"
        f"<p class='note'>{escape(t('score_method', lang))}</p>"
    )
