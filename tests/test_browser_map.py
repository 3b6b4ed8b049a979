"""The map in Chromium: on a commune's overview, in Arabic and in French, the map's canvas
is drawn and its points show in their status colours, whether or not the browser can
fetch OpenStreetMap's tiles (here it is kept from them: the points must show anyway);
the screenshots docs/screenshots/map-{ar,fr}-{desktop,phone}.png. On a phone, the legend
sits under the map and covers none of its points."""

from __future__ import annotations

import io

import pytest
import test_browser
from browser import PROJECT_ROOT, open_page, start_server
from PIL import Image

from etl.load import run_load
from musharaka import db
from musharaka import vocabulary as vocab
from musharaka.colours import STATUS_COLOURS
from musharaka.i18n import t, term_label

pytestmark = pytest.mark.browser

# Debian's Chromium and a fresh tab per test, as the other browser tests have them.
chromium, new_page = test_browser.chromium, test_browser.new_page

SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
MAP = ".st-key-overview_map"
KHNAFIF = 1


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("map")
    url = f"sqlite:///{folder / 'musharaka.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    assert run_load(engine, [PROJECT_ROOT / "data" / "sample"]).committed
    engine.dispose()
    running = start_server(url, folder / "streamlit.log")
    yield running
    running.stop()


def _rgb(colour: str) -> tuple[int, int, int]:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue


def _pixels_near(image: Image.Image, colour: str, tolerance: int = 40) -> int:
    """How many pixels of `image` are within `tolerance` of `colour` on every channel
    (points are drawn at 0.9 opacity, so a little lighter than their colour)."""
    want = _rgb(colour)
    return sum(
        1
        for pixel in image.convert("RGB").get_flattened_data()
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, want, strict=True))
    )


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_communes_map_draws_its_points_without_the_tiles(server, new_page, lang):
    page = new_page("ar-MA" if lang == "ar" else "fr-MA")
    # The tiles are kept from the browser, as when a reader is offline.
    page.route("**/*openstreetmap*/**", lambda route: route.abort())
    open_page(page, server.url("/", lang=lang, commune=str(KHNAFIF)))
    chart = page.locator(f"{MAP} .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    canvas = chart.locator("canvas.maplibregl-canvas")
    canvas.wait_for(state="visible", timeout=30_000)
    box = canvas.bounding_box()
    assert box and box["width"] > 500 and box["height"] > 300
    page.wait_for_timeout(2500)  # the map's first frame, then its clusters
    # The legend names each status in the page's language.
    legend = chart.locator(".legend").text_content() or ""
    assert term_label(vocab.STATUSES, "completed", lang) in legend
    page.screenshot(path=str(SCREENSHOTS / f"map-{lang}-desktop.png"))
    # The points themselves, without the legend's swatches: only the canvas, with the
    # layers plotly draws over it (legend, hover) hidden.
    page.add_style_tag(content=f"{MAP} .infolayer, {MAP} .hoverlayer {{ display: none; }}")
    drawn = Image.open(io.BytesIO(canvas.screenshot()))
    counts = {key: _pixels_near(drawn, STATUS_COLOURS[key]) for key in ("completed", "stalled")}
    assert all(count > 30 for count in counts.values()), counts
    note = page.get_by_text(t("map_tiles_note", lang))
    assert note.is_visible()


# Where a trace's first point is drawn, in pixels from the map's top left corner, by the
# map's own projection; and what it opens (its customdata's code).
FIRST_POINT = """(selector) => {
    const plot = document.querySelector(selector);
    const map = plot._fullLayout.map._subplot.map;
    const trace = plot._fullData.find(t => t.lat && t.lat.length);
    const at = map.project([trace.lon[0], trace.lat[0]]);
    return {x: at.x, y: at.y, code: trace.customdata[0][1]};
}"""


def test_a_click_on_a_point_opens_its_recommendation(server, new_page):
    page = new_page("fr-MA")
    page.route("**/*openstreetmap*/**", lambda route: route.abort())
    open_page(page, server.url("/", lang="fr", commune=str(KHNAFIF)))
    chart = page.locator(f"{MAP} .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    canvas = chart.locator("canvas.maplibregl-canvas")
    canvas.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(2500)
    point = page.evaluate(FIRST_POINT, f"{MAP} .js-plotly-plot")
    canvas.hover(position={"x": point["x"], "y": point["y"]})
    canvas.click(position={"x": point["x"], "y": point["y"]})
    page.wait_for_url(f"**rec={point['code']}**", timeout=30_000)
    open_page(page, page.url)
    assert point["code"] in page.locator("[data-testid='stMain']").inner_text()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_on_a_phone_the_legend_sits_under_the_map_not_over_its_points(server, chromium, lang):
    context = chromium.new_context(
        locale=f"{lang}-MA", viewport={"width": 390, "height": 844}, device_scale_factor=1
    )
    page = context.new_page()
    page.route("**/*openstreetmap*/**", lambda route: route.abort())
    open_page(page, server.url("/", lang=lang, commune=str(KHNAFIF)))
    chart = page.locator(f"{MAP} .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    canvas = chart.locator("canvas.maplibregl-canvas")
    canvas.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(2500)
    map_box, legend_box = canvas.bounding_box(), chart.locator(".legend").bounding_box()
    assert map_box and legend_box
    assert map_box["height"] > 250  # still a map, not a strip above its legend
    assert legend_box["y"] >= map_box["y"] + map_box["height"] - 1, (legend_box, map_box)
    legend = chart.locator(".legend").text_content() or ""
    assert term_label(vocab.STATUSES, "completed", lang) in legend
    page.screenshot(path=str(SCREENSHOTS / f"map-{lang}-phone.png"))
    context.close()
