"""What AppTest cannot see, checked in headless Chromium against `streamlit run`: the Arabic
layout is mirrored and uses the bundled font, every page opened first by its URL on a
fresh server renders, the public display sends no personal data to the browser, and the
screenshots in docs/screenshots/ are taken on the way.

Chromium is Debian's (/usr/bin/chromium); where it is missing these tests are skipped with
the reason, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import re
import struct
from pathlib import Path

import pytest
from browser import (
    APP_READY,
    ERROR,
    EXCEPTION,
    PROJECT_ROOT,
    chromium_unavailable,
    launch_chromium,
    open_page,
    page_path,
    save_screenshot,
    start_server,
    wait_until_open,
    websocket_frames,
)
from sqlalchemy import func, select, update

from etl.load import run_load
from musharaka import auth, db
from musharaka.i18n import t
from musharaka.models import Association, Recommendation, StatusUpdate
from musharaka.ui import navigation

pytestmark = pytest.mark.browser

PAGES = sorted((PROJECT_ROOT / "pages").glob("*.py"))
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}
# Planted in the database: none of it may reach the public display.
PERSONAL = {
    "phone": "0661 48 27 93",
    "email": "h.ouazzani.prive@example.ma",
    "note": "Appeler M. Ouazzani chez lui avant la séance",
    "reporter": "Hanane Ouazzani",
}


def _page_file(pattern: str) -> Path:
    """The one page file matching `pattern` (a glob under pages/), or a clear failure."""
    found = sorted((PROJECT_ROOT / "pages").glob(pattern))
    if len(found) != 1:
        pytest.fail(f"expected one page pages/{pattern}, found {[p.name for p in found]}")
    return found[0]


def _title_key(script: Path) -> str:
    """The vocabulary key a page passes to ui.setup_page (its title)."""
    source = script.read_text(encoding="utf-8")
    match = re.search(r"setup_page\(\s*(?:title_key\s*=\s*)?[\"'](\w+)[\"']", source)
    return match.group(1) if match else "app_title"


def _assert_png(path: Path, min_width: int = 1000) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= min_width and height >= 600, f"{path} is only {width}x{height}"
    assert len(data) > 30_000, f"{path} is nearly blank ({len(data)} bytes)"


def _screenshot(page, name: str, min_width: int = 1000) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    path.unlink(missing_ok=True)
    save_screenshot(page, path)
    _assert_png(path, min_width)


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box, f"{selector} is not on screen"
    return box


def _direction(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e).direction")


def _text_box(page, selector: str) -> dict:
    """Where the text of the first element matching `selector` is drawn."""
    return page.locator(selector).first.evaluate(
        """e => { const range = document.createRange(); range.selectNodeContents(e);
            const r = range.getBoundingClientRect();
            return {left: r.left, right: r.right}; }"""
    )


def _chart_sides(page) -> dict:
    """Where the first chart's category labels (y axis) are, against its bars."""
    return page.locator("[data-testid='stPlotlyChart']").first.evaluate(
        """e => { const bars = e.querySelector('rect.nsewdrag').getBoundingClientRect();
            const labels = [...e.querySelectorAll('.ytick text')]
                .map(t => t.getBoundingClientRect());
            return {bars_left: bars.left, bars_right: bars.right,
                    labels_left: Math.min(...labels.map(r => r.left)),
                    labels_right: Math.max(...labels.map(r => r.right))}; }"""
    )


def _assert_renders(page, title_key: str, lang: str) -> None:
    """No exception box nor error message (the public display turns errors into a neutral
    one); the page's title (ui.setup_page's) in the tab and a heading on screen."""
    errors = page.locator(f"{EXCEPTION}, {ERROR}")
    assert errors.count() == 0, errors.first.inner_text()
    title = t(title_key, lang)
    assert page.title().startswith(title), f"tab title {page.title()!r}, not {title!r}"
    heading = page.locator("[data-testid='stMain'] h1").first
    assert heading.is_visible() and heading.inner_text().strip()


# --- fixtures ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def chromium():
    problem = chromium_unavailable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """An SQLite file with the sample loaded and personal data planted on every association
    and every status update."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'musharaka.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    report = run_load(engine, [PROJECT_ROOT / "data" / "sample"])
    assert report.committed and not report.rejects
    with engine.begin() as connection:
        connection.execute(
            update(Association).values(phone=PERSONAL["phone"], email=PERSONAL["email"])
        )
        connection.execute(
            update(StatusUpdate).values(note=PERSONAL["note"], reported_by=PERSONAL["reporter"])
        )
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(database, tmp_path_factory):
    """One `streamlit run` for the module's layout and content tests."""
    running = start_server(database, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield running
    running.stop()


@pytest.fixture
def new_page(chromium):
    """A fresh browser tab (own context) for a locale; closed after the test."""
    contexts = []

    def _open(locale: str = "ar-MA"):
        context = chromium.new_context(locale=locale, viewport=VIEWPORT)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def _busiest_commune(database: str) -> int:
    """The commune with the most completed recommendations: the fullest display."""
    engine = db.make_engine(database)
    with engine.connect() as connection:
        commune_id = connection.execute(
            select(Recommendation.commune_id)
            .where(Recommendation.current_status == "completed")
            .group_by(Recommendation.commune_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    engine.dispose()
    return commune_id


# --- layout --------------------------------------------------------------------------
def test_arabic_page_is_mirrored(server, new_page):
    page = new_page("ar-MA")
    open_page(page, server.url("/", lang="ar"))
    _assert_renders(page, "app_title", "ar")
    main, sidebar = "[data-testid='stMain']", "[data-testid='stSidebar']"
    assert _direction(page, main) == "rtl"
    assert _direction(page, sidebar) == "rtl"
    # The sidebar sits on the right of the main area.
    assert _box(page, sidebar)["x"] > _box(page, main)["x"]
    # The title's text ends at the right edge of its line, as Arabic reads.
    title = "[data-testid='stMain'] h1"
    line = _box(page, title)
    assert line["x"] + line["width"] - _text_box(page, title)["right"] < 20
    # Key figures run from right to left: the first one is the rightmost.
    metrics = page.locator("[data-testid='stMain'] [data-testid='stMetric']")
    assert metrics.nth(0).bounding_box()["x"] > metrics.nth(1).bounding_box()["x"]
    # Charts are mirrored: categories on the right of their bars.
    chart = _chart_sides(page)
    assert chart["labels_left"] >= chart["bars_right"] - 2, chart
    _screenshot(page, "overview-ar.png")


def test_french_page_is_left_to_right(server, new_page):
    page = new_page("fr-MA")
    open_page(page, server.url("/", lang="fr"))
    _assert_renders(page, "app_title", "fr")
    main, sidebar = "[data-testid='stMain']", "[data-testid='stSidebar']"
    assert _direction(page, main) == "ltr"
    assert _direction(page, sidebar) == "ltr"
    assert _box(page, sidebar)["x"] < _box(page, main)["x"]
    title = "[data-testid='stMain'] h1"
    assert _text_box(page, title)["left"] - _box(page, title)["x"] < 20
    metrics = page.locator("[data-testid='stMain'] [data-testid='stMetric']")
    assert metrics.nth(0).bounding_box()["x"] < metrics.nth(1).bounding_box()["x"]
    chart = _chart_sides(page)
    assert chart["labels_right"] <= chart["bars_left"] + 2, chart
    _screenshot(page, "overview-fr.png")


# Where the scorecards' first row puts each of its cells, by the column's header.
SCORECARD_CELLS = """() => {
    const table = document.querySelector('.mk-scores table.mk-list');
    return [...table.querySelectorAll('tbody tr:first-child td')].map(td => {
        const r = td.getBoundingClientRect();
        return {label: td.dataset.label, left: r.left, right: r.right}; });
}"""


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_scorecards_table_reads_in_the_pages_direction(server, new_page, lang):
    page = new_page(f"{lang}-MA")
    page.route("**/*openstreetmap*/**", lambda route: route.abort())
    open_page(page, server.url("/Scorecards", lang=lang))
    _assert_renders(page, "score_title", lang)
    table = page.locator(".mk-scores")
    table.scroll_into_view_if_needed()
    assert _direction(page, ".mk-scores table") == ("rtl" if lang == "ar" else "ltr")
    cells = page.evaluate(SCORECARD_CELLS)
    order = [c["label"] for c in cells]
    assert order[:2] == [t("commune", lang), t("completion_rate", lang)]
    # Each column after the one before it, leftwards in Arabic: the commune at the right.
    lefts = [c["left"] for c in cells]
    assert lefts == sorted(lefts, reverse=(lang == "ar")), cells
    box = _box(page, ".mk-scores")
    commune = cells[0]
    if lang == "ar":
        assert box["x"] + box["width"] - commune["right"] < 20, (box, commune)
    else:
        assert commune["left"] - box["x"] < 20, (box, commune)


def _sidebar_items_on_screen(page) -> list[str]:
    """Labels, texts and fields of the sidebar that the reader can see: on screen and the
    topmost thing at their centre (so neither clipped nor hidden)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
                '[data-testid=stSidebar] :is(label, p, input, a)')]
            .filter(e => {
                const r = e.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (!(r.width > 0 && r.height > 0) || x < 0 || x >= innerWidth
                    || y < 0 || y >= innerHeight) return false;
                const hit = document.elementFromPoint(x, y);
                return hit !== null && (e.contains(hit) || hit.contains(e));
            })
            .map(e => e.textContent || e.value)"""
    )


def test_arabic_sidebar_stays_off_a_phone_screen(server, chromium):
    """On a narrow screen the sidebar starts collapsed: mirrored, it must not lie over the
    page; opened, it slides in from the right."""
    context = chromium.new_context(locale="ar-MA", viewport={"width": 420, "height": 860})
    try:
        page = context.new_page()
        open_page(page, server.url("/", lang="ar"))
        assert _sidebar_items_on_screen(page) == [], "the collapsed sidebar lies over the page"
        page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_function(
            """() => { const b = document.querySelector('[data-testid=stSidebar]')
                .getBoundingClientRect();
                return b.width > 200 && Math.abs(b.right - innerWidth) < 2; }"""
        )
        assert t("language", "ar") in _sidebar_items_on_screen(page)
    finally:
        context.close()


def test_bundled_arabic_font_is_served_and_used(server, new_page):
    page = new_page("ar-MA")
    answer = page.request.get(server.url("/app/static/NotoSansArabic-Regular.ttf"))
    assert answer.status == 200
    assert answer.body()[:4] == b"\x00\x01\x00\x00"  # a TrueType font, not an error page
    open_page(page, server.url("/", lang="ar"))
    page.evaluate("document.fonts.ready.then(() => true)")
    loaded = page.evaluate(
        """[...document.fonts]
            .filter(f => f.family.replace(/["']/g, '') === 'noto-sans-arabic')
            .map(f => f.status)"""
    )
    assert "loaded" in loaded, f"noto-sans-arabic faces: {loaded}"
    family = page.locator("[data-testid='stMain'] h1").first.evaluate(
        "e => getComputedStyle(e).fontFamily"
    )
    assert "noto-sans-arabic" in family
    # The glyphs on screen come from the served file, not from a font of the machine.
    devtools = page.context.new_cdp_session(page)
    root = devtools.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    heading = devtools.send(
        "DOM.querySelector", {"nodeId": root, "selector": "[data-testid='stMain'] h1"}
    )["nodeId"]
    devtools.send("CSS.enable")
    fonts = devtools.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    assert any(f["isCustomFont"] and f["familyName"] == "Noto Sans Arabic" for f in fonts), fonts


# --- every page, first thing on a fresh server ----------------------------------------
@pytest.mark.parametrize(
    "script",
    [PROJECT_ROOT / "dashboard.py", *PAGES],
    ids=lambda script: page_path(script),
)
def test_page_renders_when_opened_first_by_its_url(script, database, new_page, tmp_path):
    """Streamlit serves pages/X.py at /X without running dashboard.py first: each page
    must set itself up (language, direction, database) and render."""
    fresh = start_server(database, tmp_path / "streamlit.log")
    try:
        page = new_page("ar-MA")  # no ?lang=: the browser's language decides
        open_page(page, fresh.url(page_path(script)))
        _assert_renders(page, _title_key(script), "ar")
        assert _direction(page, "[data-testid='stMain']") == "rtl"
    finally:
        fresh.stop()
    assert "Traceback" not in fresh.log(), fresh.log()


# --- every page, once the entry script routes them ------------------------------------
def test_every_address_opens_its_page_once_the_entry_script_routes_them(
    database, new_page, tmp_path
):
    """After a visitor has opened the site's root, Streamlit routes every page through the
    entry script's navigation: each page keeps its address and its URL's parameters, an
    anonymous visitor's menu lists only the public pages in the menu's order, a restricted
    page's address gives the sign-in form, and the public display keeps its kiosk layout."""
    fresh = start_server(database, tmp_path / "streamlit.log")
    try:
        page = new_page("fr-MA")
        open_page(page, fresh.url("/", lang="fr"))
        _assert_renders(page, "app_title", "fr")
        menu = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink-NavLink']")
        public = [t(entry.title_key, "fr") for entry in navigation.PUBLIC]
        assert menu.all_inner_texts()[: len(public)] == public
        assert t("nav_edit", "fr") not in menu.all_inner_texts()
        for entry in navigation.PUBLIC[1:]:
            if entry.url_path == "Public_display":
                continue
            open_page(page, fresh.url("/" + entry.url_path, lang="fr"))
            _assert_renders(page, entry.title_key, "fr")
        open_page(page, fresh.url("/Recommendations", lang="ar", q="ماء"))
        _assert_renders(page, "recommendations", "ar")
        # The search box is drawn with the address's words (it may paint after the run).
        page.locator("input[value='ماء']").wait_for(timeout=30_000)
        assert page.locator("input[value='ماء']").count() == 1
        for entry in navigation.RESTRICTED:
            open_page(page, fresh.url("/" + entry.url_path, lang="fr"))
            heading = page.locator("[data-testid='stMain'] h1").first
            assert heading.inner_text().strip() == t("sign_in", "fr"), entry.url_path
        open_page(page, fresh.url("/Public_display", lang="fr"))
        _assert_renders(page, "public_title", "fr")
        assert not page.locator("[data-testid='stSidebar']").is_visible()
    finally:
        fresh.stop()
    assert "Traceback" not in fresh.log(), fresh.log()


def test_a_page_is_not_read_before_its_own_style_is_drawn(server, new_page):
    """Streamlit draws the page's style (the mirrored layout in Arabic) in a part of its
    page that loads after the first paint, at times after the run has ended and the network
    fallen idle: a test or a screenshot taken then saw an Arabic page left to right. Here
    that part never loads: the page looks ready by every other sign (the run over, the
    title drawn, the network idle) and is still not taken as open."""
    from playwright.sync_api import TimeoutError as PageTimeout

    page = new_page("ar-MA")
    page.route("**/Html.*.js", lambda route: route.abort())
    page.goto(server.url("/", lang="ar"), wait_until="domcontentloaded")
    page.wait_for_selector(APP_READY, timeout=60_000)
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    assert _direction(page, "[data-testid='stMain']") == "ltr"
    with pytest.raises(PageTimeout):
        wait_until_open(page, timeout=5_000)


# --- the recommendations page and the public display ---------------------------------
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_recommendations_page(server, new_page, lang):
    script = _page_file("*_Recommendations.py")
    page = new_page(f"{lang}-MA")
    open_page(page, server.url(page_path(script), lang=lang))
    _assert_renders(page, _title_key(script), lang)
    assert _direction(page, "[data-testid='stMain']") == ("rtl" if lang == "ar" else "ltr")
    _assert_answer_in_view(page, VIEWPORT["width"], VIEWPORT["height"], lang)
    _screenshot(page, f"recommendations-{lang}.png")


def _assert_answer_in_view(page, width: int, height: int, lang: str) -> None:
    """The first rows' status and progress are on the screen as the page opens, not beyond
    the list's edge; in Arabic the title is right of them (the list reads from the right)."""
    for row in range(2 if width >= 640 else 1):  # a phone shows one card whole
        boxes = {
            kind: page.locator(
                f"table.mk-list tbody tr >> nth={row} >> td.mk-col-{kind}"
            ).first.bounding_box()
            for kind in ("title", "status", "progress")
        }
        for kind, box in boxes.items():
            assert box and box["width"] > 0, (row, kind)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (row, kind, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, (row, kind, box)
    if width >= 640:  # a table; a phone's card puts them one under the other
        title, status = boxes["title"], boxes["status"]
        assert (title["x"] > status["x"]) == (lang == "ar"), (title, status)


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_recommendations_on_a_phone(server, chromium, lang):
    context = chromium.new_context(locale=f"{lang}-MA", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        open_page(page, server.url("/Recommendations", lang=lang))
        page.locator("table.mk-list").wait_for()
        _assert_answer_in_view(page, 390, 844, lang)
        if lang != "en":
            _screenshot(page, f"recommendations-phone-{lang}.png", min_width=390)
    finally:
        context.close()


# Where the line breaks in a heading: the character offsets that start a new line.
_LINE_STARTS = """(element) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const starts = []; let text = ""; let top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (box.width && top !== null && box.top > top + 2) starts.push(text.length);
      if (box.width) top = box.top;
      text += node.data[i];
    }
  }
  return {text, starts};
}"""


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize(
    "path", ["/", "/Recommendations", "/Meetings", "/Associations", "/Open_data"]
)
def test_page_titles_break_between_words_on_a_phone(server, chromium, lang, path):
    """ "Recommandations" at 390 px broke as "Recommandation/s": a title may wrap, but
    only between words."""
    context = chromium.new_context(locale=f"{lang}-MA", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        open_page(page, server.url(path, lang=lang))
        title = page.locator("h1").first
        title.wait_for()
        lines = title.evaluate(_LINE_STARTS)
        text = lines["text"]
        inside_words = [
            n for n in lines["starts"] if not text[n - 1].isspace() and not text[n].isspace()
        ]
        assert not inside_words, f"{text!r} breaks inside a word at {inside_words}"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_public_display_shows_no_personal_data(server, database, new_page, lang):
    script = _page_file("*_Public_display.py")
    page = new_page(f"{lang}-MA")
    received = websocket_frames(page)
    # All communes first (each completion names its commune), then the busiest one.
    for params in ({}, {"commune": str(_busiest_commune(database))}):
        received.clear()
        open_page(page, server.url(page_path(script), lang=lang, **params))
        _assert_renders(page, _title_key(script), lang)
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        shown = page.locator("body").inner_text()
        sent = "\n".join(received)
        assert sent, "no WebSocket frames were seen"
        for kind, value in PERSONAL.items():
            assert value not in shown, f"the {kind} is on the public display ({params})"
            assert value not in sent, f"the {kind} is sent to the display's browser ({params})"
        assert PERSONAL["phone"].replace(" ", "") not in shown + sent
    assert "Traceback" not in server.log(), server.log()
    _screenshot(page, f"public-display-{lang}.png")


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
def test_public_display_fits_a_screen_across_the_room(server, chromium, lang, size):
    """A television shows the whole display without scrolling, the rotating domain panel
    included; at 1080p the figures and the latest completions are at least 28 px tall; no
    chart toolbar anywhere."""
    width, height = size
    context = chromium.new_context(locale=f"{lang}-MA", viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        open_page(page, server.url("/Public_display", lang=lang))  # all communes: the most text
        page.locator(".st-key-public_spotlight").wait_for()
        fit = page.evaluate(
            """() => { const main = document.querySelector('[data-testid="stMain"]');
              const panel = document.querySelector('.st-key-public_spotlight');
              const size = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
              return {scroll: main.scrollHeight, shown: main.clientHeight,
                      panel: panel.getBoundingClientRect().bottom,
                      item: size('[data-testid="stMarkdownContainer"] li'),
                      figure: size('[data-testid="stMetricValue"]')}; }"""
        )
        assert fit["scroll"] <= fit["shown"] + 1, fit
        assert fit["panel"] <= height, fit
        if height == 1080:
            assert fit["item"] >= 28 and fit["figure"] >= 28, fit
        assert page.locator(".modebar, [data-testid='stPlotlyChart']").count() == 0
        if lang == "fr" and height == 1080:
            _screenshot(page, "public-display-1080p-fr.png")
    finally:
        context.close()


def test_public_display_is_one_column_on_a_phone(server, chromium):
    context = chromium.new_context(locale="ar-MA", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        open_page(page, server.url("/Public_display", lang="ar"))
        page.locator(".st-key-public_spotlight").wait_for()
        widths = page.locator(".st-key-public_panels [data-testid='stColumn']").evaluate_all(
            "columns => columns.map(c => c.getBoundingClientRect().width)"
        )
        assert len(widths) == 3 and all(w >= 330 for w in widths), widths
    finally:
        context.close()


# --- access: the editing and admin pages by their URL ----------------------------------
RESTRICTED_PAGES = [PROJECT_ROOT / entry.path for entry in navigation.RESTRICTED]


@pytest.mark.parametrize("script", RESTRICTED_PAGES, ids=lambda script: page_path(script))
def test_restricted_page_by_url_on_a_fresh_server_gives_only_sign_in(
    script, database, new_page, tmp_path
):
    """Opened first, by its URL, by an anonymous visitor: the sign-in form, and not one
    byte of what the page holds is sent to the browser."""
    fresh = start_server(database, tmp_path / "streamlit.log")
    try:
        page = new_page("fr-MA")
        received = websocket_frames(page)
        open_page(page, fresh.url(page_path(script), lang="fr"))
        heading = page.locator("[data-testid='stMain'] h1").first
        assert heading.inner_text().strip() == t("sign_in", "fr")
        # Widgets paint after the script's run: wait for the form's fields themselves.
        page.locator("input[type='password']").wait_for()
        assert page.locator("input[type='password']").count() == 1
        for widget in ("stDataFrame", "stFileUploader", "stPlotlyChart", "stSelectbox"):
            assert page.locator(f"[data-testid='{widget}']").count() == 0, widget
        sent = "\n".join(received)
        assert sent, "no WebSocket frames were seen"
        for private in (PERSONAL["phone"], PERSONAL["email"], PERSONAL["note"]):
            assert private not in sent
    finally:
        fresh.stop()
    assert "Traceback" not in fresh.log(), fresh.log()


def test_sign_in_in_the_browser_opens_the_editing_page(database, new_page, tmp_path):
    engine = db.make_engine(database)
    with engine.begin() as connection:
        auth.create_user(
            connection,
            "secretaire",
            "une-phrase-de-passe-longue",
            "editor",
            communes=["الخنافيف"],
            actor="test",
            source="cli",
        )
    engine.dispose()
    script = _page_file("*_Edit.py")
    fresh = start_server(database, tmp_path / "streamlit.log")
    try:
        page = new_page("fr-MA")
        open_page(page, fresh.url(page_path(script), lang="fr"))
        page.locator("input[type='password']").wait_for()
        page.get_by_label(t("username", "fr")).fill("secretaire")
        page.get_by_label(t("password", "fr")).fill("une-phrase-de-passe-longue")
        page.get_by_role("button", name=t("sign_in", "fr")).click()
        page.locator("[data-testid='stSidebar']").get_by_text(t("signed_in_as", "fr")).wait_for()
        # The sidebar can be drawn before the main area's rerun replaces the form: the form
        # must go (a form that stays fails here, after the wait), then the page is Edit's.
        page.locator("input[type='password']").first.wait_for(state="detached", timeout=20_000)
        heading = page.locator("[data-testid='stMain'] h1").first
        assert heading.inner_text().strip() != t("sign_in", "fr")
        assert page.locator("input[type='password']").count() == 0
    finally:
        fresh.stop()
    assert "Traceback" not in fresh.log(), fresh.log()
