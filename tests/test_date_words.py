"""The date picker in the page's language, in Chromium: its fields, its calendar button,
its calendar (months, days) are named for screen readers in Arabic and French, not in
react-aria's English (musharaka.ui.inputs.date_names_script), and its empty fields show
the language's dd/mm/yyyy."""

from __future__ import annotations

import re

import pytest
import test_browser
from browser import open_page, start_server

from conftest import SAMPLE_DIR
from etl.load import run_load
from musharaka import db
from musharaka.i18n import t
from musharaka.ui import inputs

chromium = test_browser.chromium
# The English react-aria names a date picker has: any of them on an ar/fr page is a leak.
ENGLISH = re.compile(
    r"Choose date|Previous month|Next month|^(day|month|year)(, |$)|^Empty$|Today|"
    r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|June|July|"
    r"August|September|October|November|December"
)
_NAMES = """() => [...document.querySelectorAll('[aria-label], [aria-valuetext]')]
  .filter(e => e.closest('[data-testid="stDateInput"], [role="dialog"], [data-baseweb="popover"]')
    || e.getAttribute('data-testid') === 'stDateInputCalendarButton')
  .flatMap(e => [e.getAttribute('aria-label'), e.getAttribute('aria-valuetext')])
  .filter(Boolean)"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('dates') / 'musharaka.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    assert run_load(engine, [SAMPLE_DIR]).committed
    engine.dispose()
    running = start_server(url, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield running
    running.stop()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_date_picker_is_named_in_the_pages_language(server, chromium, lang):
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    try:
        open_page(page, server.url("/Recommendations", lang=lang))
        fields = page.locator("[data-testid='stDateInput'] [role='spinbutton']")
        fields.first.wait_for()
        page.wait_for_timeout(500)
        closed = page.evaluate(_NAMES)
        day = f"{t('input_date_day', lang)}{t('audit_list_separator', lang)}"
        assert any(name.startswith(day) for name in closed), closed
        assert t("input_date_choose", lang) in closed
        page.locator("[data-testid='stDateInputCalendarButton']").first.click(force=True)
        page.get_by_role("button", name=t("input_date_next", lang)).wait_for()
        page.wait_for_timeout(500)
        opened = page.evaluate(_NAMES)
        assert len(opened) > 30  # the calendar's days are named too
        leaks = [name for name in opened if ENGLISH.search(name)]
        assert leaks == []
        # A day is named by its date in the page's language (the sample's months too).
        today = t("input_date_today", lang)
        assert any(name.startswith(today) for name in opened), opened
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_an_empty_date_field_shows_the_languages_dd_mm_yyyy(lang):
    css = inputs.words_css(lang)
    for part in ("day", "month", "year"):
        assert inputs.css_string(t(f"input_date_placeholder_{part}", lang)) in css
    assert t("input_date_placeholder_year", lang) != "yyyy"
    script = inputs.date_names_script(lang)
    assert script.count("</script>") == 1
