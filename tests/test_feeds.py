"""The Atom feeds of status changes (musharaka.feeds, served by serve.py) and the sharing
links of the recommendation, meeting and association views: a change loaded from a file
shows in the commune's and the association's feed, read through a real server and parsed
by feedparser; the WhatsApp link carries the message in the page's language and the
view's address. SQLite and PostgreSQL alike."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest
from browser import start_server
from test_notify import association_id, commune_id, load_base, load_updates

from conftest import run_page
from musharaka import sharing
from musharaka.i18n import t, term_label
from musharaka.vocabulary import STATUSES

PUBLIC = "https://musharaka.example.ma"
HOSTILE = 'Route <b>R1</b> & "piste"'


@pytest.fixture
def changed(engine, db_url, tmp_path, monkeypatch):
    """Khnafif's meeting M1 and R1..R4, then R1 moved to in progress (40 %) by a file."""
    monkeypatch.setenv("MUSHARAKA_PUBLIC_URL", PUBLIC)
    load_base(engine, tmp_path / "base")
    report = load_updates(
        engine, tmp_path / "updates", [["R1", "2025-03-03", "in_progress", "40", "travaux"]]
    )
    assert report.committed
    return engine


@pytest.fixture
def server(changed, db_url, tmp_path):
    running = start_server(db_url, tmp_path / "server.log")
    yield running
    running.stop()


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.headers["Content-Type"], answer.read()


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_communes_feed_shows_the_change_in_its_language(server, changed, lang):
    kind, body = fetch(server.url(f"/feeds/commune/{commune_id(changed)}.atom", lang=lang))
    assert kind.startswith("application/atom+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.language == lang
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert "R1" in entry.title and "Équiper le dispensaire 1" in entry.title
    assert entry.link == f"{PUBLIC}/Recommendations?rec=R1&lang={lang}"
    assert term_label(STATUSES, "in_progress", lang) in entry.summary
    assert term_label(STATUSES, "planned", lang) in entry.summary
    assert entry.updated_parsed is not None
    title = t("feed_title_commune", lang).split("{")[0].strip()
    assert feed.feed.title.startswith(title)


def test_the_associations_feed_lists_only_its_recommendations(server, changed, tmp_path):
    load_updates(changed, tmp_path / "more", [["R3", "2025-03-04", "completed", "100", ""]])
    _, body = fetch(server.url(f"/feeds/association/{association_id(changed)}.atom", lang="en"))
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries] == [f"{PUBLIC}/Recommendations?rec=R1&lang=en"]
    _, body = fetch(server.url(f"/feeds/commune/{commune_id(changed)}.atom", lang="en"))
    codes = [parse_qs(urlsplit(e.link).query)["rec"][0] for e in feedparser.parse(body).entries]
    assert codes == ["R3", "R1"]  # newest first


def test_an_unknown_feed_is_not_found(server):
    for path in ("/feeds/commune/999999.atom", "/feeds/douar/1.atom"):
        with pytest.raises(urllib.error.HTTPError) as answer:
            fetch(server.url(path, lang="fr"))
        assert answer.value.code == 404


def test_text_from_the_records_is_escaped_in_the_feed(changed):
    from sqlalchemy import update

    from musharaka import feeds
    from musharaka.models import Recommendation

    with changed.begin() as conn:
        conn.execute(
            update(Recommendation).where(Recommendation.code == "R1").values(title=HOSTILE)
        )
    with changed.connect() as conn:
        document = feeds.build_feed(conn, "commune", commune_id(changed), "fr")
    assert b"<b>" not in document and b"&lt;b&gt;" in document
    feed = feedparser.parse(document)
    assert not feed.bozo, feed.bozo_exception
    assert HOSTILE in feed.entries[0].title


# --- sharing ---------------------------------------------------------------------------
def whatsapp(app) -> tuple[str, str]:
    """The message and the address a page's WhatsApp link would send."""
    for block in app.markdown:
        if sharing.WHATSAPP in block.value:
            href = block.value.split("](", 1)[1].rstrip(")")
            message, _, url = unquote(href.removeprefix(sharing.WHATSAPP)).rpartition("\n")
            return message, url
    raise AssertionError("no WhatsApp link on the page")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_each_view_has_a_whatsapp_link_to_itself_in_the_pages_language(
    changed, db_url, monkeypatch, lang
):
    views = [
        ("pages/1_Recommendations.py", {"rec": "R1"}, "Recommendations"),
        ("pages/2_Meetings.py", {"meeting": "M1"}, "Meetings"),
        ("pages/3_Associations.py", {"association": str(association_id(changed))}, "Associations"),
    ]
    for page, params, path in views:
        app = run_page(page, db_url, monkeypatch, lang=lang, params=params)
        assert not app.exception, app.exception
        message, url = whatsapp(app)
        ((name, value),) = params.items()
        assert url == f"{PUBLIC}/{path}?{name}={value}&lang={lang}"
        assert url in [code.value for code in app.code]  # the same address, to copy
        key = {"rec": "recommendation", "meeting": "meeting", "association": "association"}[name]
        opening = t(f"share_message_{key}", lang).split("{")[0]
        assert message.startswith(opening), message
    assert "Association Tilelli" in whatsapp(app)[0]


def test_the_commune_and_association_pages_link_their_feeds(changed, db_url, monkeypatch):
    commune = str(commune_id(changed))
    app = run_page(
        "pages/0_Overview.py", db_url, monkeypatch, lang="fr", params={"commune": commune}
    )
    assert any(f"{PUBLIC}/feeds/commune/{commune}.atom?lang=fr" in m.value for m in app.markdown)
    association = str(association_id(changed))
    app = run_page(
        "pages/3_Associations.py",
        db_url,
        monkeypatch,
        lang="ar",
        params={"association": association},
    )
    link = f"{PUBLIC}/feeds/association/{association}.atom?lang=ar"
    assert any(link in m.value for m in app.markdown)
