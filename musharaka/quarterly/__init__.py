"""The governor's quarterly report of a province or a region: the communes' scorecard, the
communes that moved most and least in the quarter, each figure's definition; as data
(`build_quarterly`), as a self-contained HTML file (`render_quarterly`) and as PDF
(musharaka.council_report.render_pdf).

    report = build_quarterly(engine, find_scope("province", "Taroudant"), parse_quarter("2026Q3"))
    html = render_quarterly(report, "fr")
"""

import re

from musharaka.quarterly.content import (
    Quarter,
    QuarterlyError,
    QuarterlyReport,
    Scope,
    build_quarterly,
    find_scope,
    last_full_quarter,
    parse_quarter,
    previous,
    quarter_of,
)
from musharaka.quarterly.document import render_quarterly

__all__ = [
    "Quarter",
    "QuarterlyError",
    "QuarterlyReport",
    "Scope",
    "build_quarterly",
    "file_name",
    "find_scope",
    "last_full_quarter",
    "parse_quarter",
    "previous",
    "quarter_of",
    "render_quarterly",
]


def file_name(scope: Scope, quarter: Quarter, lang: str, extension: str) -> str:
    """A portable file name: the scope's key (letters, digits, '_'), the quarter, the
    language."""
    key = re.sub(r"[^A-Za-z0-9_]+", "", scope.key)[:40] or "x"
    return f"musharaka-quarterly-{scope.kind}-{key}-{quarter.code}-{lang}.{extension}"
