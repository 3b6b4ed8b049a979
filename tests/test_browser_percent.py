"""In Arabic, in Debian's headless Chromium: every percentage reads as it does in the
tables and charts, its sign after its number ("57,1%"), on a laptop and on a phone.

A number that follows Arabic words in the same line (a phone's card names the column
before the value; a sentence of the static site gives the rate after its name) is laid
out by the bidirectional algorithm as an Arabic number, and its sign went to its other
side ("%57,1"), unlike the same figure a row above. Each place that writes a percentage
into HTML is opened here and every percentage on the screen is checked where it is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import test_browser
from sqlalchemy import Engine

from conftest import SAMPLE_DIR
from etl.load import run_load
from etl.publish import publish
from musharaka import db, static_site
from musharaka.council_report import build_report, render_html
from musharaka.views import reading_list, scorecards
from musharaka.views.reading_list import Column

pytestmark = pytest.mark.browser

chromium = test_browser.chromium
SIZES = {"laptop": (1400, 900), "phone": (390, 844)}

# Every number followed by a percent sign in the page's text, with the sign's place on
# the screen against the number's first digit's: [text, sign's x, digit's x].
PERCENTAGES = r"""() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const pattern = /[0-9\u0660-\u0669][0-9\u0660-\u0669.,\u066b\u066c\u00a0\u202f ]*[%\u066a]/g;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.textContent;
        for (const match of value.matchAll(pattern)) {
            const at = (i) => {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const box = range.getBoundingClientRect();
                return box.width > 0 ? box.x + box.width / 2 : null;
            };
            const digit = at(match.index);
            const sign = at(match.index + match[0].length - 1);
            if (digit !== null && sign !== null) found.push([match[0], sign, digit]);
        }
    }
    return found;
}"""


def misplaced_signs(page) -> tuple[int, list[str]]:
    """How many percentages are on the screen, and those whose sign is drawn before
    their number (at its left)."""
    found = page.evaluate(PERCENTAGES)
    return len(found), [text for text, sign, digit in found if sign < digit]


def check_page(chromium, size: str, open_in) -> None:
    width, height = SIZES[size]
    context = chromium.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        open_in(page)
        page.wait_for_load_state("load")
        shown, wrong = misplaced_signs(page)
        assert shown, "the page shows no percentage: nothing was checked"
        assert wrong == [], f"{len(wrong)} of {shown} percentages read sign first: {wrong[:5]}"
    finally:
        context.close()


def _html(body: str) -> str:
    return (
        '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"></head>'
        f"<body>{body}</body></html>"
    )


@pytest.mark.parametrize("size", SIZES)
def test_a_reading_lists_progress_reads_number_then_sign(chromium, size):
    rows = pd.DataFrame(
        [
            {"title": "تهيئة الطريق إلى دوار تيزي", "status": "in_progress", "progress": 57.1},
            {"title": "بناء قاعة متعددة الاختصاصات", "status": "completed", "progress": 100},
        ]
    )
    columns = (
        Column("title", "recommendation", "title"),
        Column("status", "status", "status"),
        Column("progress", "progress", "progress"),
    )
    table = reading_list.STYLE + reading_list.html_table(rows, columns, "ar")
    check_page(chromium, size, lambda page: page.set_content(_html(table)))


@pytest.mark.parametrize("size", SIZES)
def test_the_scorecards_shares_read_number_then_sign(chromium, size):
    frame = pd.DataFrame(
        [
            {
                "commune_id": 1,
                "commune": "Khnafif",
                "name_ar": "لخنافيف",
                "name_fr": "Khnafif",
                "province": "taroudant",
                "recommendations": 7,
                **{f.column: (4 / 7 if f.share else 3.0) for f in scorecards.FIGURES},
            }
        ]
    )
    table = reading_list.STYLE + scorecards.table_html(frame, "ar")
    check_page(chromium, size, lambda page: page.set_content(_html(table)))


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Iterator[tuple[Engine, Path, int]]:
    """The sample loaded, its static site published, and the commune with the most
    recommendations (Khnafif)."""
    folder = tmp_path_factory.mktemp("percent")
    engine = db.make_engine(f"sqlite:///{folder / 'musharaka.db'}")
    db.upgrade(engine)
    assert run_load(engine, [SAMPLE_DIR]).committed
    with engine.connect() as conn:
        commune = conn.exec_driver_sql(
            "SELECT commune_id FROM recommendations GROUP BY commune_id ORDER BY count(*) DESC"
        ).scalar()
    publish(engine, folder / "site")
    yield engine, folder / "site", int(commune or 1)
    engine.dispose()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("which", ["commune", "index"])
def test_the_static_sites_percentages_read_number_then_sign(chromium, sample, which, size):
    _, out, commune = sample
    page_of = {
        "commune": static_site.commune_page("ar", commune),
        "index": static_site.index_page("ar"),
    }
    check_page(chromium, size, lambda page: page.goto((out / page_of[which]).as_uri()))


def test_the_council_reports_percentages_read_number_then_sign(chromium, sample):
    """The report's HTML, as its PDF is made from, in an A4 page's width."""
    engine, _, commune = sample
    html = render_html(build_report(engine, commune, lang="ar"), "ar")
    check_page(chromium, "laptop", lambda page: page.set_content(html))
