"""Following and posters as a visitor meets them, in headless Chromium against
`streamlit run serve.py` on the sample data after one status update: the Atom feed link of a
commune's and of an association's page, fetched from the running server and read by
feedparser (entries, in the page's language); and a meeting's poster, downloaded by its
button, whose text names the meeting and whose QR code opens the meeting's page."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import subprocess
import urllib.request
from urllib.parse import urlsplit

import feedparser
import pytest
import test_browser
from browser import PROJECT_ROOT, open_page, start_server
from sqlalchemy import func, select
from test_poster import _STRIPPED, _decoders, qr_codes  # noqa: F401 (the fixture)

from etl.load import run_load
from musharaka import db
from musharaka.i18n import t
from musharaka.models import Meeting, Recommendation, recommendation_proposers

pytestmark = pytest.mark.browser

# Debian's Chromium and a fresh tab per test, as the other browser tests have them.
chromium, new_page = test_browser.chromium, test_browser.new_page

PUBLIC = "https://musharaka.example.ma"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict:
    """The sample, then a status update of a recommendation an association proposed: its
    commune's and its association's feeds have an entry. Returns the database's URL, those
    ids, and a meeting that has one before it (so a poster)."""
    folder = tmp_path_factory.mktemp("following")
    url = f"sqlite:///{folder / 'musharaka.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    assert run_load(engine, [PROJECT_ROOT / "data" / "sample"]).committed
    with engine.connect() as conn:
        code, commune, association = conn.execute(
            select(
                Recommendation.code,
                Recommendation.commune_id,
                recommendation_proposers.c.association_id,
            )
            .join(recommendation_proposers)
            .where(Recommendation.current_status != "completed")
            .order_by(Recommendation.code)
            .limit(1)
        ).one()
        firsts = (
            select(Meeting.commune_id, func.min(Meeting.date).label("first"))
            .group_by(Meeting.commune_id)
            .subquery()
        )
        meeting, title = conn.execute(
            select(Meeting.code, Meeting.title)
            .join(firsts, firsts.c.commune_id == Meeting.commune_id)
            .where(Meeting.date > firsts.c.first)
            .order_by(Meeting.date.desc())
            .limit(1)
        ).one()
    updates = folder / "updates" / "status_updates.csv"
    updates.parent.mkdir()
    with updates.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["recommendation_id", "date", "status", "progress", "note"])
        writer.writerow(
            [code, (dt.date.today() - dt.timedelta(days=1)).isoformat(), "completed", "100", ""]
        )
    assert run_load(engine, [updates.parent]).committed
    engine.dispose()
    return {
        "url": url,
        "commune": commune,
        "association": association,
        "meeting": meeting,
        "title": title,
    }


@pytest.fixture(scope="module")
def server(sample, tmp_path_factory):
    """`streamlit run serve.py` whose public address is PUBLIC, as a deployment's would be."""
    before = os.environ.get("MUSHARAKA_PUBLIC_URL")
    os.environ["MUSHARAKA_PUBLIC_URL"] = PUBLIC
    try:
        # A shared machine can take minutes to start Streamlit.
        log = tmp_path_factory.mktemp("srv") / "streamlit.log"
        running = start_server(sample["url"], log, timeout=300)
    finally:
        if before is None:
            del os.environ["MUSHARAKA_PUBLIC_URL"]
        else:
            os.environ["MUSHARAKA_PUBLIC_URL"] = before
    yield running
    running.stop()


@pytest.mark.parametrize(
    ("path", "target", "lang"),
    [
        ("/", "commune", "fr"),
        ("/", "commune", "ar"),
        ("/Associations", "association", "ar"),
        ("/Associations", "association", "fr"),
    ],
)
def test_a_pages_feed_link_gives_its_changes_in_its_language(
    server, sample, new_page, path, target, lang
):
    page = new_page("fr-FR" if lang == "fr" else "ar-MA")
    open_page(page, server.url(path, **{target: str(sample[target]), "lang": lang}))
    link = page.locator(f'a[href*="/feeds/{target}/"]').first
    href = link.get_attribute("href")
    assert href == f"{PUBLIC}/feeds/{target}/{sample[target]}.atom?lang={lang}"
    assert link.inner_text().strip() == t(f"feed_link_{target}", lang)
    # The public address is the deployment's; the same path is asked of the running server.
    where = urlsplit(href)
    with urllib.request.urlopen(f"{server.base_url}{where.path}?{where.query}") as answer:
        assert answer.headers["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(answer.read())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == lang
    assert feed.entries, "the updated recommendation's change"
    assert all(entry.link.startswith(f"{PUBLIC}/Recommendations?rec=") for entry in feed.entries)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_meetings_poster_downloads_with_its_title_and_its_pages_code(
    server, sample, new_page, tmp_path, lang
):
    page = new_page("fr-FR" if lang == "fr" else "ar-MA")
    open_page(page, server.url("/Meetings", meeting=sample["meeting"], lang=lang))
    # By its accessible name: the button's text alone (its icon is not named).
    button = page.get_by_role("button", name=t("poster_download", lang), exact=True)
    with page.expect_download(timeout=300_000) as downloading:
        button.click()
    pdf = tmp_path / "poster.pdf"
    downloading.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Its words: pdftotext orders an Arabic title's runs around its colon by the paragraph's
    # direction (a French poster's is left to right), so the words, not their order.
    words = set(re.findall(r"\w+", _STRIPPED.sub("", text)))
    assert set(re.findall(r"\w+", _STRIPPED.sub("", sample["title"]))) <= words
    assert f"{PUBLIC}/Meetings?meeting={sample['meeting']}&lang={lang}" in qr_codes(pdf)
