"""Accessibility, checked in headless Chromium against `streamlit run` on the sample data:
axe-core finds no critical or serious violation on any public page in Arabic, French and
English, nor on the pages behind sign-in (as an administrator) in Arabic and French, every
page with a list can be used with the keyboard alone (the language switch, the menu
and the list's links are reached with Tab and show where the focus is), and every chart
has its numbers as a table in the page's language.

axe-core comes from the npm registry at the version tests/a11y/package-lock.json pins
(`make test` runs `npm ci` there); docs/accessibility.md says what is checked and which
parts of Streamlit's own markup are left out, and why.
"""

from __future__ import annotations

import os

import pandas as pd
import pytest
import test_browser
from browser import PROJECT_ROOT, open_page, wait_after_run, wait_until_settled
from sqlalchemy import select

from musharaka import auth, charts, db
from musharaka.i18n import t
from musharaka.models import Association, Meeting, Recommendation
from musharaka.ui import navigation

pytestmark = pytest.mark.browser

# The browser tests' fixtures: Debian's Chromium, the sample database, one server for the
# module and a fresh tab per test.
chromium, database = test_browser.chromium, test_browser.database
server, new_page = test_browser.server, test_browser.new_page

AXE = PROJECT_ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("critical", "serious")
# Parts of Streamlit's own front end that the project cannot change, left out of the axe
# run one selector at a time (never a rule as a whole), each with the reason. Listed in
# docs/accessibility.md.
STREAMLIT_EXCLUSIONS: dict[str, str] = {}

# The public pages, as a visitor who is not signed in opens them; "{rec}", "{meeting}" and
# "{association}" are filled with an item of the sample.
PUBLIC_ADDRESSES = (
    "/",
    "/Recommendations",
    "/Recommendations?rec={rec}",
    "/Meetings",
    "/Meetings?meeting={meeting}",
    "/Associations",
    "/Associations?association={association}",
    "/Public_display",
    "/Data_status",
    "/Open_data",
    "/Sign_in",
)


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE.is_file():
        problem = f"axe-core is not installed at {AXE.relative_to(PROJECT_ROOT)} (make test)"
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    return str(AXE)


@pytest.fixture(scope="module")
def items(database) -> dict[str, str]:
    """One recommendation, meeting and association of the sample, the fullest first."""
    engine = db.make_engine(database)
    with engine.connect() as connection:
        found = {
            "rec": connection.execute(
                select(Recommendation.code).order_by(Recommendation.code).limit(1)
            ).scalar_one(),
            "meeting": connection.execute(
                select(Meeting.code).order_by(Meeting.date.desc()).limit(1)
            ).scalar_one(),
            "association": str(
                connection.execute(
                    select(Association.id).order_by(Association.id).limit(1)
                ).scalar_one()
            ),
        }
    engine.dispose()
    return found


def _address(template: str, items: dict[str, str], lang: str) -> str:
    address = template.format(**items)
    return f"{address}{'&' if '?' in address else '?'}lang={lang}"


# Counts the script runs the page starts (its state attribute changing), so that a reading
# taken while a run began can be told apart and taken again.
COUNT_RUNS = """() => {
    if (!window.mkRuns) {
        window.mkRuns = {n: 0};
        new MutationObserver(() => { window.mkRuns.n += 1; }).observe(
            document.querySelector('[data-testid="stApp"]'),
            {attributes: true, attributeFilter: ['data-test-script-state']});
    }
    return window.mkRuns.n;
}"""


def axe_violations(page, axe_script: str, attempts: int = 3) -> list[str]:
    """What axe-core finds on the page as it stands, critical and serious only, one line
    per element: rule, impact, element, what to do.

    Contrast is read from the colours drawn, and Streamlit fades a page's blocks while a
    run is under way: axe reads the page once it is settled, and reads it again if a run
    started while it was reading (a widget's first value can start one)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=axe_script)
    # Colours are read as they end, not halfway through a fade: with no transition a block
    # is drawn at its final opacity at once (a loaded machine caught captions mid-fade).
    page.add_style_tag(
        content="*, *::before, *::after "
        "{ transition: none !important; animation: none !important; }"
    )
    for _ in range(attempts):
        wait_until_settled(page)
        runs = page.evaluate(COUNT_RUNS)
        found = page.evaluate(
            """async exclude => {
                const context = exclude.length ? {include: [document], exclude} : document;
                const result = await axe.run(context, {resultTypes: ['violations']});
                return result.violations.flatMap(v => v.nodes.map(n => ({
                    id: v.id, impact: n.impact || v.impact, help: v.help,
                    target: n.target.join(' '), html: n.html.slice(0, 160),
                    summary: n.failureSummary})));
            }""",
            list(STREAMLIT_EXCLUSIONS),
        )
        if page.evaluate(COUNT_RUNS) == runs:
            break
    return [
        f"{v['id']} ({v['impact']}) at {v['target']}: {v['help']}\n    {v['html']}"
        f"\n    {v['summary']}"
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
@pytest.mark.parametrize("template", PUBLIC_ADDRESSES)
def test_public_page_has_no_serious_accessibility_violation(
    server,
    new_page,
    axe_script,
    items,
    template,
    lang,
):
    page = new_page(f"{lang}-MA")
    open_page(page, server.url(_address(template, items, lang)))
    if template.startswith("/Public_display"):
        page.locator(".st-key-public_spotlight").wait_for()
    violations = axe_violations(page, axe_script)
    assert not violations, f"{len(violations)} on {template} in {lang}:\n" + "\n".join(violations)
    # A screen reader picks its voice from the page's language: the document says which,
    # and so does each block of our own HTML, with its direction.
    # Set by the page's own script, which a new run draws again: wait for it to have run.
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
    assert page.evaluate("() => document.documentElement.lang") == lang
    unmarked = page.evaluate(
        """() => [...document.querySelectorAll('table.mk-list, table.mk-numbers, table.bars')]
            .filter(e => !e.closest('[lang][dir]')).map(e => e.className)"""
    )
    assert not unmarked, f"our tables without their language and direction: {unmarked}"


# --- behind sign-in ----------------------------------------------------------------------
ADMIN = ("a11y_admin", "une-phrase-de-passe-longue")


@pytest.fixture(scope="module")
def admin(database) -> tuple[str, str]:
    """An administrator (who is an editor too, so sees every page behind sign-in)."""
    engine = db.make_engine(database)
    with engine.begin() as connection:
        auth.create_user(connection, *ADMIN, "admin", actor="test", source="cli")
    engine.dispose()
    return ADMIN


def _check(page, axe_script: str, where: str) -> list[str]:
    """axe on the page as shown, then on each of its other tabs in turn."""
    found = [f"{where}: {v}" for v in axe_violations(page, axe_script)]
    tabs = page.locator("[data-testid='stMain'] [role='tab']")
    for index in range(1, tabs.count()):
        tabs.nth(index).click()
        page.wait_for_timeout(300)
        wait_after_run(page)
        name = tabs.nth(index).inner_text().strip()
        found += [f"{where}, tab {name!r}: {v}" for v in axe_violations(page, axe_script)]
    return found


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_pages_behind_sign_in_have_no_serious_accessibility_violation(
    server, new_page, axe_script, admin, lang
):
    """Signed in as an administrator: the account page, then every page behind sign-in,
    each opened from the menu's link (a new address would start a new session, signed
    out), each of its tabs in turn."""
    page = new_page(f"{lang}-MA")
    open_page(page, server.url(f"/{navigation.SIGN_IN.url_path}?lang={lang}"))
    page.get_by_label(t("username", lang)).fill(admin[0])
    page.get_by_label(t("password", lang)).fill(admin[1])
    page.get_by_role("button", name=t("sign_in", lang)).click()
    page.locator("[data-testid='stSidebar']").get_by_text(t("signed_in_as", lang)).wait_for()
    wait_after_run(page)
    violations = _check(page, axe_script, "account")
    for entry in navigation.RESTRICTED:
        name = entry.url_path
        links = page.locator("[data-testid='stSidebar'] a")
        hrefs = links.evaluate_all("l => l.map(a => a.getAttribute('href'))")
        found = [i for i, h in enumerate(hrefs) if (h or "").split("?")[0] == name]
        assert found, f"no link to {name} among {hrefs}"
        links.nth(found[0]).click()
        page.wait_for_timeout(300)
        wait_after_run(page)
        page.locator("[data-testid='stMain'] h1").first.wait_for()
        signed_in = page.locator("[data-testid='stSidebar']").get_by_text(t("signed_in_as", lang))
        assert signed_in.count(), f"{name}: opened signed out"
        violations += _check(page, axe_script, f"/{name}")
    # Set by the page's own script, which a new run draws again: wait for it to have run.
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert not violations, f"{len(violations)} in {lang}:\n" + "\n".join(violations)


# --- the keyboard alone ----------------------------------------------------------------
# What has the focus, and which of the things a reader must reach it is. The element gets
# a number (data-focus-step) so that it can be found again once the focus has moved on.
FOCUSED = """step => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    e.setAttribute('data-focus-step', step);
    let kind = 'other';
    if (e.closest('.st-key-language_switch')) kind = 'language';
    else if (e.matches('[data-testid=stSidebar] [data-testid=stPageLink-NavLink]')) kind = 'menu';
    else if (e.matches('table.mk-list a')) kind = 'list';
    else if (e.matches('[data-testid=stMain] canvas[data-testid=data-grid-canvas]')) kind = 'grid';
    return {kind, text: (e.innerText || e.value || e.getAttribute('aria-label') || '')
        .trim().slice(0, 60)};
}"""
# What the reader sees of a focused element: the element and the label drawn around it (a
# radio button's input is invisible, its circle is the label's), with room for a ring.
AROUND = """e => { const shown = e.closest('label') || e;
    shown.scrollIntoView({block: 'center', inline: 'center'});
    const r = shown.getBoundingClientRect();
    return {x: Math.max(0, r.left - 6), y: Math.max(0, r.top - 6),
            width: r.width + 12, height: r.height + 12}; }"""


def _looks(page, step: int) -> bytes:
    element = page.locator(f"[data-focus-step='{step}']")
    clip = element.evaluate(AROUND)
    page.wait_for_timeout(150)  # transitions of the focus ring
    return page.screenshot(clip=clip)


def tab_through(page, wanted: set[str], limit: int = 250) -> dict[str, dict]:
    """Press Tab until an element of each wanted kind has had the focus (or `limit` presses):
    the first of each kind, with whether it looked different focused than not."""
    # From the top of the document, as a page opens.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached: dict[str, dict] = {}
    pending: list[tuple[str, int, bytes]] = []
    for step in range(limit):
        page.keyboard.press("Tab")
        # The previous element has lost the focus: it must look otherwise than it did.
        for kind, at, focused_look in pending:
            reached[kind]["visible_focus"] = _looks(page, at) != focused_look
        pending.clear()
        if set(reached) >= wanted:
            break
        focused = page.evaluate(FOCUSED, step)
        if focused and focused["kind"] in wanted and focused["kind"] not in reached:
            reached[focused["kind"]] = {"text": focused["text"], "step": step}
            pending.append((focused["kind"], step, _looks(page, step)))
    return reached


KEYBOARD_PAGES = {
    "/": {"language", "menu", "list"},
    "/Recommendations": {"language", "menu", "list"},
    "/Meetings": {"language", "menu", "grid"},
    "/Meetings?meeting={meeting}": {"language", "menu", "list"},
    "/Associations": {"language", "menu", "grid"},
    "/Associations?association={association}": {"language", "menu", "list"},
}


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("template", list(KEYBOARD_PAGES))
def test_page_is_usable_with_the_keyboard_alone(
    server,
    new_page,
    items,
    template,
    lang,
):
    """Tab reaches the language switch, the menu's links and the page's main list, and each
    shows it has the focus."""
    page = new_page(f"{lang}-MA")
    open_page(page, server.url(_address(template, items, lang)))
    wanted = KEYBOARD_PAGES[template]
    reached = tab_through(page, wanted)
    assert set(reached) == wanted, f"Tab never reached {wanted - set(reached)}: {reached}"
    unseen = {kind: where for kind, where in reached.items() if not where["visible_focus"]}
    assert not unseen, f"no visible focus on {unseen}"


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_list_link_opens_its_recommendation_from_the_keyboard(
    server,
    new_page,
    lang,
):
    page = new_page(f"{lang}-MA")
    open_page(page, server.url("/Recommendations", lang=lang))
    reached = tab_through(page, {"list"})
    assert "list" in reached, "Tab never reached the list's links"
    title = reached["list"]["text"]
    page.locator(f"[data-focus-step='{reached['list']['step']}']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**rec=**")
    open_page(page, page.url)
    heading = page.locator("[data-testid='stMain'] :is(h1, h2, h3)")
    assert any(title.split("\n")[0] in text for text in heading.all_inner_texts()), title


# --- charts' text alternative ----------------------------------------------------------
CHART_NUMBERS = """chart => {
    const numbers = texts => texts.map(s => s.replace(/[^0-9]/g, ''))
        .filter(s => s && s !== '0').sort();
    const block = chart.closest('[data-testid=stElementContainer]');
    let next = block && block.nextElementSibling;
    while (next && !next.querySelector('[data-testid=stExpander]')) next = next.nextElementSibling;
    const expander = next && next.querySelector('[data-testid=stExpander]');
    const table = expander && expander.querySelector('table.mk-numbers');
    const plot = chart.querySelector('.js-plotly-plot');
    const subplots = plot && plot._fullLayout && plot._fullLayout._subplots;
    return {
        map: Boolean(subplots && subplots.map && subplots.map.length),
        drawn: numbers([...chart.querySelectorAll('text.bartext')].map(e => e.textContent)),
        points: chart.querySelectorAll('.scatterlayer .trace:last-child path.point').length,
        title: (chart.querySelector('.gtitle') || {}).textContent || '',
        label: expander ? expander.querySelector('summary').innerText : null,
        caption: table && table.caption ? table.caption.textContent : null,
        headers: table ? [...table.tHead.rows[0].cells].map(c => c.textContent) : [],
        rows: table ? table.tBodies[0].rows.length : 0,
        lang: table ? table.closest('[lang]').lang : null,
        numbers: table ? numbers([...table.querySelectorAll('tbody td')]
            .map(c => c.textContent)) : [],
    };
}"""


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("template", ["/", "/Recommendations?rec={rec}"])
def test_every_chart_has_its_numbers_as_a_table(
    server,
    new_page,
    items,
    template,
    lang,
):
    """Under each chart, an expander named after it holds a table in the page's language
    with the numbers the chart draws (a bar's every number, a history's every point); under
    the map, the map's numbers (per status, or per commune)."""
    page = new_page(f"{lang}-MA")
    open_page(page, server.url(_address(template, items, lang)))
    shown = page.locator("[data-testid='stMain'] [data-testid='stPlotlyChart']")
    shown.first.locator(".gtitle").wait_for()
    assert shown.count() >= 1
    for index in range(shown.count()):
        chart = shown.nth(index).evaluate(CHART_NUMBERS)
        if chart["map"]:  # drawn on a canvas, with no title: its numbers are the map's
            assert t("map_numbers", lang) in chart["label"], chart
            assert chart["caption"] == t("map_title", lang) and chart["lang"] == lang, chart
            assert chart["rows"] > 0 and len(chart["headers"]) >= 2, chart
            continue
        assert chart["label"] and chart["title"] in chart["label"], chart
        assert t("chart_numbers", lang) in chart["label"], chart
        assert chart["caption"] == chart["title"] and chart["lang"] == lang, chart
        assert chart["rows"] > 0 and len(chart["headers"]) >= 2, chart
        if chart["drawn"]:
            assert chart["numbers"] == chart["drawn"], chart
        else:
            assert chart["rows"] == chart["points"], chart
    # Opened, the first one shows its table.
    expander = page.locator("[data-testid='stMain'] [data-testid='stExpander']").first
    expander.locator("summary").click()
    table = expander.locator("table.mk-numbers")
    table.wait_for()
    assert table.is_visible() and table.locator("tbody tr").count() > 0


def test_an_association_opens_from_the_keyboard(server, new_page):
    """The associations' grid: Tab to it, an arrow to a row, Shift+Space selects the row,
    which opens the association (docs/accessibility.md says so)."""
    page = new_page("fr-MA")
    open_page(page, server.url("/Associations", lang="fr"))
    reached = tab_through(page, {"grid"})
    assert "grid" in reached, "Tab never reached the associations' grid"
    page.locator(f"[data-focus-step='{reached['grid']['step']}']").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    page.wait_for_url("**association=**")
    open_page(page, page.url)
    assert page.locator("[data-testid='stMain'] h2").first.is_visible()


def test_pages_draw_charts_only_with_their_numbers():
    """Every plotly chart on a page goes through ui.chart, which shows its table."""
    drawing = [
        str(path.relative_to(PROJECT_ROOT))
        for path in [
            PROJECT_ROOT / "dashboard.py",
            *(PROJECT_ROOT / "pages").glob("*.py"),
            *(PROJECT_ROOT / "musharaka").rglob("*.py"),
        ]
        if "st.plotly_chart(" in path.read_text(encoding="utf-8")
    ]
    assert drawing == ["musharaka/ui/charts.py"]


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_chart_builder_keeps_its_numbers(lang):
    statuses = pd.DataFrame({"status": ["completed", "stalled"], "count": [12, 3]})
    by_domain = pd.DataFrame(
        {
            "domain": ["water_sanitation", "water_sanitation", "roads_transport"],
            "status": ["completed", "stalled", "completed"],
            "count": [4, 1, 2],
        }
    )
    by_year = pd.DataFrame({"year": [2019, 2020], "recommendations": [8, 7], "completed": [3, 0]})
    path = pd.DataFrame(
        {
            "date": pd.to_datetime(["2019-09-29", "2020-03-01", "2026-01-01"]),
            "status": ["planned", "in_progress", "in_progress"],
            "progress": [0.0, 40.0, 40.0],
            "kind": ["start", "update", "today"],
        }
    )
    built = {
        "status": charts.status_bar(statuses, lang),
        "domain": charts.domain_bar(by_domain, lang),
        "year": charts.completion_over_time(by_year, "year", lang),
        "history": charts.status_timeline(path, lang),
    }
    expected_rows = {"status": 2, "domain": 2, "year": 2, "history": 2}
    for name, figure in built.items():
        headers, rows = charts.numbers(figure)
        assert len(rows) == expected_rows[name], (name, rows)
        assert all(len(row) == len(headers) for row in rows), (name, headers, rows)
    assert charts.numbers(built["status"])[0] == [t("status", lang), t("count", lang)]
    assert charts.numbers(built["year"])[1][0][:2] == ["2019", "8"]
    assert charts.numbers(built["history"])[1][1][2] == "40%"
