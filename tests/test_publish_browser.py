"""The static site in Debian's headless Chromium, from the disk (file://, as a CDN would
serve it: no server-side code): a commune's page in Arabic and French on a laptop and a
phone reads in its direction, fits the screen, draws its bars from the reader's side and
uses the bundled Arabic font (its subset, still shaping Arabic).

Set MUSHARAKA_SCREENSHOTS=DIR to keep the screenshots (docs/screenshots holds two).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import test_browser

from conftest import SAMPLE_DIR
from etl.load import run_load
from etl.publish import publish
from musharaka import db, static_site

chromium = test_browser.chromium
SIZES = {"laptop": (1400, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("static")
    engine = db.make_engine(f"sqlite:///{folder / 'musharaka.db'}")
    db.upgrade(engine)
    assert run_load(engine, [SAMPLE_DIR]).committed
    with engine.connect() as conn:
        commune = (
            conn.exec_driver_sql(
                "SELECT commune_id FROM recommendations GROUP BY commune_id ORDER BY count(*) DESC"
            ).scalar()
            or 1
        )
    publish(engine, folder / "site")
    engine.dispose()
    return folder / "site", int(commune)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_commune_page_reads_in_its_direction_on_a_laptop_and_a_phone(
    chromium, site, lang, size, tmp_path
):
    out, commune = site
    width, height = SIZES[size]
    context = chromium.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto((out / static_site.commune_page(lang, commune)).as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready")
        rtl = lang == "ar"
        assert page.evaluate("getComputedStyle(document.body).direction") == (
            "rtl" if rtl else "ltr"
        )
        # Nothing runs off the side of the screen (a phone scrolls down, never sideways).
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The heading starts on the reader's side.
        heading = page.locator("h1").bounding_box()
        main = page.locator("main").bounding_box()
        assert heading and main
        if rtl:
            assert abs((heading["x"] + heading["width"]) - (main["x"] + main["width"])) < 2
            assert page.evaluate(
                "document.fonts.check('16px \"Noto Sans Arabic\"', 'منجزة')"
                " && [...document.fonts].some(f => f.family.includes('Noto Sans Arabic')"
                " && f.status === 'loaded')"
            )
            # The subset font (the stylesheet names no other) still shapes: a word's
            # joined letters are narrower than the same letters kept apart by non-joiners.
            joined, apart = page.evaluate(
                """() => {
                    const c = document.createElement('canvas').getContext('2d');
                    c.font = '32px "Noto Sans Arabic"';
                    return [c.measureText('منجزة').width,
                            c.measureText([...'منجزة'].join('\\u200c')).width];
                }"""
            )
            assert apart - joined > 4, (joined, apart)
        else:
            assert abs(heading["x"] - main["x"]) < 2
        # The status chart's bars grow from the reader's side of their column.
        bar = page.locator("figure.chart svg.bar").nth(3)  # completed: never empty here
        rect = bar.locator("rect").first.bounding_box()
        frame = bar.bounding_box()
        assert rect and frame and rect["width"] > 0
        if rtl:
            assert abs((rect["x"] + rect["width"]) - (frame["x"] + frame["width"])) < 2
        else:
            assert abs(rect["x"] - frame["x"]) < 2
        keep = os.environ.get("MUSHARAKA_SCREENSHOTS")
        target = Path(keep) if keep else tmp_path
        target.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target / f"static-commune-{lang}-{size}.png"), full_page=True)
    finally:
        context.close()
