"""The report's charts as inline SVG (pure: a content.Chart and a language in, markup out).

Horizontal bars with each row's label above its bar, so a long Arabic or French label
never has to fit beside it. For Arabic the chart is mirrored: labels and bars start at the
right edge and grow leftwards, and the legend reads from the right. Every bar carries its
number, so colour is never the only cue. Every text is escaped.

The SVG's own direction is left to right, whatever the page's: then `text-anchor="end"`
means "the right edge of the text is here" in every renderer (Chromium, WeasyPrint).
Labels are vocabulary words without digits, so their letters read the same either way.
"""

from __future__ import annotations

import re
from html import escape

from musharaka import formats
from musharaka.colours import STATUS_COLOURS
from musharaka.council_report.content import Chart
from musharaka.i18n import t, term_label
from musharaka.vocabulary import DOMAINS, STATUSES

# Each category of the report in the colour of the status it stands closest to.
CATEGORY_COLOURS = {
    "completed": STATUS_COLOURS["completed"],
    "advanced": STATUS_COLOURS["in_progress"],
    "stalled": STATUS_COLOURS["stalled"],
    "cancelled": STATUS_COLOURS["cancelled"],
    "untouched": STATUS_COLOURS["not_started"],
}
MEETING_COLOURS = {"earlier": "#9AC3E6", "later": "#0072B2"}
FONT_FAMILY = "Noto Sans Arabic, Noto Sans, DejaVu Sans, sans-serif"

WIDTH = 640
FONT = 11
BAR = 12
GAP = 2
ROW_GAP = 5
LABEL_HEIGHT = 15  # a label above its bars, when it is too long to stand beside them
VALUE_ROOM = 36  # beyond the longest bar, for its number
# Arabic marks (tashkeel): WeasyPrint's SVG text draws them apart from their letter.
_MARKS = re.compile("[\u064b-\u0652\u0670]")


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


def text_width(text: str, factor: float = 0.56) -> float:
    """An estimate of a label's width in pixels (no font metrics here): by default an
    upper one, so that a label beside a bar never runs into it."""
    return len(text) * FONT * factor


def bar_chart(chart: Chart, lang: str, width: int = WIDTH) -> str:
    """The chart as an <svg> element, mirrored for Arabic."""
    rtl = lang == "ar"
    names = [label(chart.row_kind, key, lang) for key in chart.rows]
    label_room = max((text_width(n) for n in names), default=0) + 10
    beside = label_room <= width * 0.42  # else each label stands above its bars
    bars_from = label_room if beside else 0
    totals = [sum(v) if chart.stacked else max(v, default=0) for v in chart.values]
    scale = (width - bars_from - VALUE_ROOM) / max(1, max(totals, default=0))

    def at(offset: float) -> float:
        """A distance from the chart's starting edge (right in Arabic) as an x coordinate."""
        return round(width - offset if rtl else offset, 1)

    def text(x: float, y: float, value: str, *, anchor: str, fill: str = "#1F1F1F", bold=False):
        weight = ' font-weight="bold"' if bold else ""
        return (
            f'<text x="{x}" y="{round(y, 1)}" text-anchor="{anchor}" fill="{fill}"{weight}>'
            f"{escape(value)}</text>"
        )

    # "end" puts the right edge of a text at x (the SVG runs left to right).
    anchor = "end" if rtl else "start"
    parts: list[str] = []
    y = 0.0
    for row_key, name, values, total in zip(chart.rows, names, chart.values, totals, strict=True):
        bars = [(0, values)] if chart.stacked else [(i, (v,)) for i, v in enumerate(values)]
        block = len(bars) * (BAR + GAP) - GAP
        if beside:
            parts.append(text(at(0), y + block / 2 + 4, name, anchor=anchor))
        else:
            parts.append(text(at(0), y + 11, name, anchor=anchor))
            y += LABEL_HEIGHT
        for index, segment_values in bars:
            offset = bars_from
            for position, value in enumerate(segment_values):
                series = chart.series[position if chart.stacked else index]
                length = value * scale
                if value:
                    left = width - offset - length if rtl else offset
                    fill = colour(chart.series_kind, series, row_key)
                    parts.append(
                        f'<rect x="{round(left, 1)}" y="{round(y, 1)}" '
                        f'width="{round(length, 1)}" height="{BAR}" fill="{fill}"/>'
                    )
                    if chart.stacked and length >= 18:
                        parts.append(
                            text(
                                at(offset + length / 2),
                                y + BAR - 2,
                                formats.number(value, lang),
                                anchor="middle",
                                fill="#FFFFFF",
                            )
                        )
                offset += length
            shown = total if chart.stacked else segment_values[0]
            parts.append(
                text(
                    at(offset + 4),
                    y + BAR - 2,
                    formats.number(shown, lang),
                    anchor=anchor,
                    bold=True,
                )
            )
            y += BAR + GAP
        y += ROW_GAP
    if len(chart.series) > 1:
        legend, y = _legend(chart, lang, width, y, rtl)
        parts.extend(legend)
    height = round(y + 2)
    title = escape(t(chart.title, lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{title}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" direction="ltr" '
        f'style="direction: ltr" font-family="{FONT_FAMILY}" font-size="{FONT}">'
        + "".join(parts)
        + "</svg>"
    )


def _legend(chart: Chart, lang: str, width: int, y: float, rtl: bool) -> tuple[list[str], float]:
    """One swatch and name per series, wrapped onto as many lines as needed."""
    parts: list[str] = []
    offset = 0.0
    for key in chart.series:
        name = label(chart.series_kind, key, lang)
        room = 14 + text_width(name, 0.5) + 14
        if offset and offset + room > width:
            offset, y = 0.0, y + 18
        swatch = width - offset - 10 if rtl else offset
        parts.append(
            f'<rect x="{round(swatch, 1)}" y="{y + 2}" width="10" height="10" '
            f'fill="{colour(chart.series_kind, key, "")}"/>'
        )
        x = width - offset - 14 if rtl else offset + 14
        anchor = "end" if rtl else "start"
        parts.append(
            f'<text x="{round(x, 1)}" y="{y + 11}" text-anchor="{anchor}" fill="#1F1F1F">'
            f"{escape(name)}</text>"
        )
        offset += room
    return parts, y + 18
