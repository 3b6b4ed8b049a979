"""The contrast of the charts' own text, which axe-core cannot check (plotly draws it in
SVG, the report's bars are read on paper): every number written on a bar reaches WCAG AA
against the bar's colour, 4.5:1, or 3:1 for large text (24 px and more)."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from musharaka import charts, colours
from musharaka.council_report import bars
from musharaka.council_report.content import Chart
from musharaka.vocabulary import DOMAIN_KEYS, STATUS_KEYS

# plotly.js's text colour when neither the trace nor the layout names one.
PLOTLY_DEFAULT_TEXT = "#444444"


def test_contrast_ratio_matches_the_wcag_formula():
    assert colours.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert colours.contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert colours.contrast_ratio("#31333F", "#31333F") == pytest.approx(1.0)
    # The classic borderline: #767676 passes AA on white, #777777 does not.
    assert colours.contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert colours.contrast_ratio("#777777", "#FFFFFF") < 4.5
    # The light blue of "planned" with white on it: the pair that was drawn.
    assert colours.contrast_ratio("#FFFFFF", "#56B4E9") < 2.4


def required(size_px: float) -> float:
    return colours.AA_LARGE_CONTRAST if size_px >= 24 else colours.AA_CONTRAST


@pytest.mark.parametrize("fill", sorted({*colours.STATUS_COLOURS.values(), "#999999"}))
def test_text_on_each_status_colour_reaches_aa(fill):
    assert colours.contrast_ratio(colours.text_on(fill), fill) >= colours.AA_CONTRAST


# --- plotly -----------------------------------------------------------------------------
def _figures(lang: str) -> list[go.Figure]:
    statuses = pd.DataFrame({"status": list(STATUS_KEYS), "count": [3] * len(STATUS_KEYS)})
    domains = pd.DataFrame(
        [(d, s, 2) for d in DOMAIN_KEYS for s in STATUS_KEYS],
        columns=["domain", "status", "count"],
    )
    over_time = pd.DataFrame({"year": [2022, 2023], "recommendations": [5, 8], "completed": [2, 4]})
    return [
        charts.status_bar(statuses, lang),
        charts.domain_bar(domains, lang),
        charts.completion_over_time(over_time, "year", lang),
    ]


def _each(value, count: int) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value] * count


def _text_pairs(fig: go.Figure) -> list[tuple[str, str, float, str]]:
    """(text colour, background, font size in px, where) for every number a bar carries."""
    layout_font = fig.layout.font
    default_colour = layout_font.color or PLOTLY_DEFAULT_TEXT
    size = layout_font.size or 12
    page = {"white": "#FFFFFF"}.get(fig.layout.plot_bgcolor, fig.layout.plot_bgcolor or "#FFFFFF")
    pairs = []
    for trace in fig.data:
        if not isinstance(trace, go.Bar) or trace.text is None:
            continue
        count = len(trace.x)
        fills = _each(trace.marker.color, count)
        position = trace.textposition or "auto"
        if position in ("inside", "auto"):
            inside = trace.insidetextfont.color or trace.textfont.color
            assert inside is not None, (
                f"{trace.name or 'a bar'}: the colour of the numbers inside it is left to "
                "plotly, which writes #444 or white by brightness alone (white on light blue)"
            )
            for fill, text in zip(fills, _each(inside, count), strict=True):
                pairs.append((text, fill, trace.insidetextfont.size or size, "inside"))
        if position in ("outside", "auto"):
            outside = trace.outsidetextfont.color or trace.textfont.color or default_colour
            for text in _each(outside, count):
                pairs.append((text, page, trace.outsidetextfont.size or size, "outside"))
    return pairs


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_numbers_on_plotly_bars_reach_aa(lang):
    low = [
        f"{charts.chart_title(fig)}: {text} on {fill} ({where}) is "
        f"{colours.contrast_ratio(text, fill):.2f}:1"
        for fig in _figures(lang)
        for text, fill, size, where in _text_pairs(fig)
        if colours.contrast_ratio(text, fill) < required(size)
    ]
    assert not low, "\n".join(low)


# --- the council report's and the public display's bars (HTML) -------------------------
SEGMENT = re.compile(r'<span class="seg" style="([^"]*)">([^<]+)')
DEFAULT_SEG_COLOUR = re.search(r"\.seg \{[^}]*?[^-]color: (#[0-9a-fA-F]+)", bars.STYLE)


def _hex(colour: str) -> str:
    colour = colour.strip()
    if len(colour) == 4:  # #fff
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour.upper()


def _segment_pairs(markup: str) -> list[tuple[str, str]]:
    pairs = []
    for style, _text in SEGMENT.findall(markup):
        declarations = dict(
            (part.split(":")[0].strip(), part.split(":")[1].strip())
            for part in style.split(";")
            if ":" in part
        )
        text = declarations.get("color") or (
            DEFAULT_SEG_COLOUR.group(1) if DEFAULT_SEG_COLOUR else "#000000"
        )
        pairs.append((_hex(text), _hex(declarations["background"])))
    return pairs


STACKED = [
    # The report's domains, one segment per category.
    Chart(
        title="cr_chart_domains",
        rows=("health", "education"),
        row_kind="domain",
        series=tuple(bars.CATEGORY_COLOURS),
        series_kind="category",
        values=((5,) * len(bars.CATEGORY_COLOURS), (4,) * len(bars.CATEGORY_COLOURS)),
        stacked=True,
    ),
    # The same with the meetings' two blues.
    Chart(
        title="cr_chart_statuses",
        rows=("health",),
        row_kind="domain",
        series=tuple(bars.MEETING_COLOURS),
        series_kind="meeting",
        values=((5, 5),),
        stacked=True,
    ),
    # One series stacked, each row in its status's colour. (The public display's bars are
    # not stacked: their numbers stand after the bar, in the page's text colour.)
    Chart(
        title="by_status",
        rows=tuple(STATUS_KEYS),
        row_kind="status",
        series=("count",),
        series_kind="count",
        values=tuple((5,) for _ in STATUS_KEYS),
        stacked=True,
    ),
]


@pytest.mark.parametrize("chart", STACKED, ids=lambda chart: chart.title)
def test_the_numbers_on_html_bars_reach_aa(chart):
    pairs = _segment_pairs(bars.bar_chart(chart, "fr"))
    assert pairs, "the chart wrote no number inside a bar"
    low = [
        f"{text} on {fill}: {colours.contrast_ratio(text, fill):.2f}:1"
        for text, fill in pairs
        # The segments' text is 7 pt in the report, 0.9 rem on the display: small text.
        if colours.contrast_ratio(text, fill) < colours.AA_CONTRAST
    ]
    assert not low, "\n".join(low)
