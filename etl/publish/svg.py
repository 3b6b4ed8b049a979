"""The static pages' charts (pure: numbers and labels in, markup out): horizontal bars
drawn as SVG rectangles, their names and numbers written as HTML text around them.

Only the rectangles are SVG: a browser shapes Arabic in SVG `<text>` but other renderers
(WeasyPrint, some feed readers and page savers) write it unshaped, letters reversed, and an
SVG label does not wrap. In HTML the names are shaped everywhere and follow the page's
direction; the bar is mirrored for Arabic so that it grows from the right, where an Arabic
reader starts. Every bar carries its number, so colour is never the only cue; the SVG is
hidden from screen readers, which read the table's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from musharaka import formats
from musharaka.colours import STATUS_COLOURS

WIDTH = 100.0  # the viewBox's width: a bar's length is its share of the longest, in %
HEIGHT = 12.0


@dataclass(frozen=True)
class Bar:
    """One row: its name (plain text, escaped when drawn) and its segments (value, colour)."""

    label: str
    segments: tuple[tuple[int, str], ...]

    @property
    def total(self) -> int:
        return sum(value for value, _ in self.segments)


def bar_svg(segments: Sequence[tuple[int, str]], longest: int, rtl: bool) -> str:
    """The rectangles of one bar, scaled so that `longest` fills the width."""
    scale = WIDTH / max(1, longest)
    position = WIDTH if rtl else 0.0
    rects = []
    for value, colour in segments:
        if value <= 0:
            continue
        width = value * scale
        if rtl:
            position -= width
        rects.append(
            f'<rect x="{position:.2f}" y="0" width="{width:.2f}" height="{HEIGHT:g}" '
            f'fill="{colour}"/>'
        )
        if not rtl:
            position += width
    return (
        f'<svg class="bar" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false">{"".join(rects)}</svg>'
    )


def bar_chart(title: str, bars: Sequence[Bar], lang: str, legend: str = "") -> str:
    """A titled chart: one table row per bar (name, bar, number), then its legend."""
    rtl = lang == "ar"
    longest = max((bar.total for bar in bars), default=0)
    rows = "".join(
        f'<tr><th scope="row">{escape(bar.label)}</th>'
        f"<td>{bar_svg(bar.segments, longest, rtl)}</td>"
        f'<td class="num">{escape(formats.number(bar.total, lang))}</td></tr>'
        for bar in bars
    )
    return (
        f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
        f'<table class="bars"><tbody>{rows}</tbody></table>{legend}</figure>'
    )


def legend(items: Sequence[tuple[str, str]]) -> str:
    """Coloured squares and their names (already in the reader's language)."""
    keys = "".join(
        f'<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
        f'<rect width="10" height="10" fill="{colour}"/></svg>{escape(name)}</li>'
        for name, colour in items
    )
    return f'<ul class="legend">{keys}</ul>'


def progress_bar(progress: float | None, status: str, rtl: bool) -> str:
    """A small bar of a recommendation's progress (its number is written next to it),
    filling from the right in Arabic."""
    share = max(0.0, min(100.0, float(progress))) if progress is not None else 0.0
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["in_progress"])
    return (
        '<svg class="progress" viewBox="0 0 100 6" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false"><rect width="100" height="6" fill="#E6E6E6"/>'
        f'<rect x="{100 - share if rtl else 0:.1f}" width="{share:.1f}" height="6" '
        f'fill="{colour}"/></svg>'
    )
