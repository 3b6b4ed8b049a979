"""On a phone (390 x 844), in Chromium: what AppTest cannot see of the layout.

- The scorecards' table shows each commune as a card with the figure the communes are
  ranked by, without scrolling sideways (it came after the province and the count, off
  the screen).
- The stacked charts of the overview (why things stall, by domain and status) keep their
  legend under the value axis: it never covers the axis's numbers or its title, and it
  shows every entry (it used to grow up over the axis as a scroll box).
"""

from __future__ import annotations

import csv

import pytest
import test_browser
from browser import open_page, start_server
from sqlalchemy import select

from etl.load import run_load
from musharaka import db
from musharaka import vocabulary as vocab
from musharaka.i18n import t
from musharaka.models import Commune
from musharaka.scorecards import FIGURES

pytestmark = pytest.mark.browser

chromium = test_browser.chromium
PHONE = {"width": 390, "height": 844}
# Every domain has a stalled recommendation in the first commune (twelve legend entries in
# the chart of why things stall); the second has one recommendation per status in a
# single domain (one row of bars under seven legend entries in the chart by domain).
STATUS_PROGRESS = {
    "not_started": 0,
    "planned": 0,
    "in_progress": 40,
    "completed": 100,
    "partially_completed": 60,
    "stalled": 20,
    "cancelled": 10,
}
REASONS = ("land", "budget", "")
RECOMMENDATION_COLUMNS = (
    "recommendation_id",
    "meeting_id",
    "domain",
    "title",
    "target_date",
    "status",
    "progress",
    "stall_reason",
)


def _write_files(folder) -> None:
    with open(folder / "meetings.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["meeting_id", "commune", "province", "date"])
        writer.writerow(["PH-1", "Aït Tasrirt", "Taroudant", "2024-03-02"])
        writer.writerow(["PH-2", "Tala Ouzemmour", "Taroudant", "2024-04-06"])
    rows = [
        (
            f"PH-1-R{i:02d}",
            "PH-1",
            domain,
            f"Projet {i}",
            "2025-01-31",
            "stalled",
            20,
            REASONS[i % 3],
        )
        for i, domain in enumerate(vocab.DOMAIN_KEYS, start=1)
    ]
    for i, (status, progress) in enumerate(STATUS_PROGRESS.items(), start=1):
        reason = "budget" if status == "stalled" else ""
        code, title = f"PH-2-R{i:02d}", f"Eau {i}"
        rows.append(
            (code, "PH-2", "water_sanitation", title, "2025-01-31", status, progress, reason)
        )
    with open(folder / "recommendations.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(RECOMMENDATION_COLUMNS)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def phone_site(tmp_path_factory):
    """A `streamlit run` on the two communes above; with the second commune's id."""
    folder = tmp_path_factory.mktemp("phone")
    files = folder / "files"
    files.mkdir()
    _write_files(files)
    url = f"sqlite:///{folder / 'musharaka.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    report = run_load(engine, [files])
    assert report.committed and not report.rejects, report.rejects
    with engine.connect() as conn:
        ids = dict(conn.execute(select(Commune.name, Commune.id)).all())
    engine.dispose()
    running = start_server(url, folder / "streamlit.log")
    yield running, ids["Tala Ouzemmour"]
    running.stop()


@pytest.fixture
def phone(chromium):
    contexts = []

    def _open(lang: str):
        context = chromium.new_context(locale=f"{lang}-MA", viewport=PHONE)
        contexts.append(context)
        page = context.new_page()
        page.route("**/*openstreetmap*/**", lambda route: route.abort())
        return page

    yield _open
    for context in contexts:
        context.close()


# Where the first commune's card and its cells are drawn, and which of them show.
FIRST_CARD = """() => {
    const table = document.querySelector('.mk-scores table.mk-list');
    const row = table.querySelector('tbody tr');
    const box = e => { const r = e.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    return {card: box(row),
            cells: [...row.querySelectorAll('td')]
                .filter(td => getComputedStyle(td).display !== 'none')
                .map(td => ({label: td.dataset.label, box: box(td)}))};
}"""


@pytest.mark.parametrize(("lang", "rank"), [("ar", "completion_rate"), ("fr", "overdue_share")])
def test_the_ranked_figure_is_on_a_phones_screen(phone_site, phone, lang, rank):
    server, _ = phone_site
    page = phone(lang)
    open_page(page, server.url("/Scorecards", lang=lang, rank=rank))
    page.locator(".mk-scores").scroll_into_view_if_needed()
    shown = page.evaluate(FIRST_CARD)
    # Each commune is a card within the screen: its name, the ranked figure, its count.
    card = shown["card"]
    assert card["left"] >= 0 and card["right"] <= PHONE["width"], shown
    ranked = next(f for f in FIGURES if f.column == rank)
    labels = [cell["label"] for cell in shown["cells"]]
    expected = [t("commune", lang), t(ranked.label_key, lang), t("recommendations", lang)]
    assert labels == expected, labels
    for cell in shown["cells"]:
        assert cell["box"]["left"] >= 0 and cell["box"]["right"] <= PHONE["width"], cell


# Where each part of a chart is drawn, in the page's pixels.
CHART_PARTS = """(selector) => {
    const root = document.querySelector(selector);
    const box = e => { const r = e.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const legend = root.querySelector('.legend');
    return {
        chart: box(root),
        plot: box(root.querySelector('rect.nsewdrag')),
        legend: box(legend.querySelector('rect.bg')),
        entries: [...legend.querySelectorAll('.traces')].map(box),
        names: [...legend.querySelectorAll('.traces .legendtext')].map(e => e.textContent),
        title: box(root.querySelector('.g-xtitle text')),
        title_text: root.querySelector('.g-xtitle text').textContent,
        ticks: [...root.querySelectorAll('.xtick text')].map(box),
    };
}"""


def _assert_legend_under_the_axis(parts: dict, lang: str, entries: int) -> None:
    legend, title = parts["legend"], parts["title"]
    assert parts["title_text"] == t("count", lang)
    axis_bottom = max([title["bottom"], *(tick["bottom"] for tick in parts["ticks"])])
    # Under the axis's numbers and title, not over them; inside the chart.
    assert legend["top"] >= axis_bottom - 1, (legend, title, parts["ticks"])
    assert legend["bottom"] <= parts["chart"]["bottom"] + 1, (legend, parts["chart"])
    # Every entry shown whole in the legend's box: no scroll box hiding some of them.
    assert len(parts["entries"]) == entries, parts["names"]
    for entry in parts["entries"]:
        assert legend["top"] - 1 <= entry["top"] and entry["bottom"] <= legend["bottom"] + 1, (
            entry,
            legend,
        )
    # And the bars keep room of their own.
    assert parts["plot"]["bottom"] - parts["plot"]["top"] >= 40, parts["plot"]


def _chart_parts(page, key: str) -> dict:
    selector = f".st-key-{key} .js-plotly-plot"
    chart = page.locator(selector)
    chart.scroll_into_view_if_needed()
    chart.locator(".legend").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    return page.evaluate(CHART_PARTS, selector)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_stall_chart_legend_stays_under_its_axis(phone_site, phone, lang):
    server, _ = phone_site
    page = phone(lang)
    open_page(page, server.url("/", lang=lang))
    parts = _chart_parts(page, "chart_stall_reasons")
    _assert_legend_under_the_axis(parts, lang, entries=len(vocab.DOMAIN_KEYS))


def test_the_domain_chart_legend_stays_under_its_axis(phone_site, phone):
    server, one_domain = phone_site
    page = phone("ar")
    open_page(page, server.url("/", lang="ar", commune=str(one_domain)))
    parts = _chart_parts(page, "chart_by_domain")
    _assert_legend_under_the_axis(parts, "ar", entries=len(STATUS_PROGRESS))
