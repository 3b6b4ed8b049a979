"""The report's charts as HTML (pure: a content.Chart and a language in, markup out).

Horizontal bars drawn as boxes in the page's own text flow, not as SVG: WeasyPrint shapes
Arabic in HTML text but writes SVG `<text>` unshaped, its letters reversed, so a chart in
SVG reads right in a browser and wrong in the PDF the council presents. In HTML the labels
are shaped and stored in reading order in both, and the chart follows the page's
direction by itself: in Arabic the bars start at the right edge and grow leftwards.

Each row's name stands in the first third of the width, wrapping when long, its bars in
the rest. Every bar carries its number, so colour is never the only cue; a chart with
several series has a legend. Every text is escaped.
"""

from __future__ import annotations

import re
from html import escape

from musharaka import formats
from musharaka.colours import STATUS_COLOURS, text_on
from musharaka.council_report.content import Chart
from musharaka.i18n import t, term_label
from musharaka.vocabulary import DOMAINS, STATUSES

# Each category of the report in the colour of the status it stands closest to.
CATEGORY_COLOURS = {
    "completed": STATUS_COLOURS["completed"],
    "partially_completed": STATUS_COLOURS["partially_completed"],
    "advanced": STATUS_COLOURS["in_progress"],
    "stalled": STATUS_COLOURS["stalled"],
    "cancelled": STATUS_COLOURS["cancelled"],
    "untouched": STATUS_COLOURS["not_started"],
}
MEETING_COLOURS = {"earlier": "#9AC3E6", "later": "#0072B2"}
# The longest bar's share of the line: the rest holds its number.
LONGEST = 86.0
# A segment of a stacked bar narrower than this share shows its number only in the total.
INNER_NUMBER = 7.0
# Arabic marks (tashkeel): the charts' words are shown without them, as on the screens.
_MARKS = re.compile("[\u064b-\u0652\u0670]")

STYLE = """
table.bars { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 1mm 0 2mm;
             font-size: 8.5pt; }
table.bars th, table.bars td { border: none; padding: 0.6mm 0; vertical-align: middle; }
table.bars th { width: 32%; font-weight: normal; line-height: 1.2; padding-inline-end: 2mm;
                text-align: start; }
table.bars td { padding-inline-start: 0; }
table.bars .line { white-space: nowrap; line-height: 9pt; height: 9pt; margin: 0.3mm 0; }
table.bars .seg { display: inline-block; height: 9pt; vertical-align: top; overflow: hidden;
                  font-size: 7pt; line-height: 9pt; text-align: center; }
table.bars .total { display: inline-block; font-weight: bold; padding: 0 1.2mm;
                    vertical-align: top; }
.legend { margin: 0 0 2mm; font-size: 8.5pt; }
.legend .key { display: inline-block; margin-inline-end: 3mm; white-space: nowrap; }
.legend .swatch { display: inline-block; width: 2.4mm; height: 2.4mm; margin-inline-end: 1mm;
                  vertical-align: middle; }
"""


def label(kind: str, key: str, lang: str) -> str:
    """A row's or a series' name in the reader's language."""
    if kind == "category":
        name = t(f"meet_cat_{key}", lang)
    elif kind == "status":
        name = term_label(STATUSES, key, lang)
    elif kind == "domain":
        name = term_label(DOMAINS, key, lang)
    elif kind == "meeting":
        name = t(f"cr_col_at_{key}", lang)
    else:
        name = t("count", lang)
    return _MARKS.sub("", name)


def colour(kind: str, key: str, row_key: str) -> str:
    if kind == "category":
        return CATEGORY_COLOURS.get(key, "#8C8C8C")
    if kind == "meeting":
        return MEETING_COLOURS.get(key, "#8C8C8C")
    # One series: each row in its own colour (a category's or a status's).
    return CATEGORY_COLOURS.get(row_key) or STATUS_COLOURS.get(row_key, "#0072B2")


def _number(value: float, lang: str) -> str:
    # Digits kept left to right inside Arabic (see document.ltr).
    return f"\u2066\u200e{escape(formats.number(value, lang))}\u2069"


def _segment(share: float, fill: str, text: str) -> str:
    # The number in white or black, whichever stands out on the fill (WCAG AA).
    return (
        f'<span class="seg" style="width: {share:.2f}%; background: {fill}; '
        f'color: {text_on(fill)}">{text}</span>'
        if share > 0
        else ""
    )


def bar_chart(chart: Chart, lang: str) -> str:
    """The chart as a <table class="bars"> (a row's name, then its bars) and its legend,
    in the direction of the page around it."""
    totals = [sum(v) if chart.stacked else max(v, default=0) for v in chart.values]
    scale = LONGEST / max(1, max(totals, default=0))
    rows: list[str] = []
    for row_key, values, total in zip(chart.rows, chart.values, totals, strict=True):
        lines: list[str] = []
        if chart.stacked:
            segments = "".join(
                _segment(
                    value * scale,
                    colour(chart.series_kind, series, row_key),
                    _number(value, lang) if value * scale >= INNER_NUMBER else "",
                )
                for series, value in zip(chart.series, values, strict=True)
            )
            lines.append(segments + f'<span class="total">{_number(total, lang)}</span>')
        else:
            for series, value in zip(chart.series, values, strict=True):
                bar = _segment(value * scale, colour(chart.series_kind, series, row_key), "")
                lines.append(bar + f'<span class="total">{_number(value, lang)}</span>')
        rows.append(
            f'<tr><th scope="row">{escape(label(chart.row_kind, row_key, lang))}</th><td>'
            + "".join(f'<div class="line">{line}</div>' for line in lines)
            + "</td></tr>"
        )
    legend = ""
    if len(chart.series) > 1:
        legend = (
            '<div class="legend">'
            + "".join(
                f'<span class="key"><span class="swatch" style="background: '
                f'{colour(chart.series_kind, key, "")}"></span>'
                f"{escape(label(chart.series_kind, key, lang))}</span>"
                for key in chart.series
            )
            + "</div>"
        )
    return f'<table class="bars"><tbody>{"".join(rows)}</tbody></table>{legend}'
