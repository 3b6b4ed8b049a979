"""`python -m etl publish`: the static public site, on SQLite and PostgreSQL.

What a reader and the person who runs it would notice: every commune has its pages in
Arabic (right to left, the vocabulary's status words) and French, each under 60 KB and
well-formed; nothing personal and nothing from the data read as markup; a second run
writes nothing; after one commune's update only its files and the pages above it are
written again; no temporary file is ever left behind.
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import lxml.html
import pytest
from sqlalchemy import insert, select, text
from test_privacy import SECRETS, personal_document
from test_publish_open_data import frictionless_validate

from conftest import SAMPLE_DIR, add_user, run_etl
from etl.publish import open_data, publish
from etl.publish.incremental import MANIFEST, TEMP_PREFIX
from musharaka import auth, static_site
from musharaka.i18n import term_label
from musharaka.models import Association, Commune, Recommendation
from musharaka.vocabulary import STATUSES

STATIC_URL = "https://static.example.ma"
MAX_PAGE = 60 * 1024


@pytest.fixture(autouse=True)
def addresses(monkeypatch):
    monkeypatch.setenv("MUSHARAKA_STATIC_URL", STATIC_URL)
    monkeypatch.setenv("MUSHARAKA_PUBLIC_URL", "https://musharaka.example.ma")


def site_files(out: Path) -> dict[str, Path]:
    return {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file()}


def commune_ids(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {row.name: row.id for row in conn.execute(select(Commune.id, Commune.name))}


class _Checker(HTMLParser):
    """Python's own parser, strict about what lxml forgives: every tag it opens closes."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "rect", "path"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def well_formed(html: str) -> None:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.open == [], f"never closed: {checker.open}"


def test_the_sample_becomes_a_site_in_arabic_and_french(engine, load, tmp_path):
    assert load(engine, SAMPLE_DIR).committed
    out = tmp_path / "site"
    report = publish(engine, out)
    files = site_files(out)
    assert report.written and not report.removed
    for name in ("index.html", "ar/index.html", "fr/index.html", "sitemap.xml", "static/site.css"):
        assert name in files, name
    assert "static/fonts/NotoSansArabic-Regular.woff2" in files

    ids = commune_ids(engine)
    assert len(ids) == 4
    arabic_words = {term_label(STATUSES, s.key, "ar") for s in STATUSES}
    for commune_id in ids.values():
        for lang in ("ar", "fr"):
            path = static_site.commune_page(lang, commune_id)
            assert path in files, path
            assert static_site.commune_feed(lang, commune_id) in files
        arabic = files[static_site.commune_page("ar", commune_id)].read_text(encoding="utf-8")
        document = lxml.html.fromstring(arabic)
        assert document.get("dir") == "rtl" and document.get("lang") == "ar"
        shown = {w for w in arabic_words if w in arabic}
        assert "منجزة" in shown or len(shown) >= 3, shown  # the status chart names them all
        french = lxml.html.fromstring(
            files[static_site.commune_page("fr", commune_id)].read_bytes()
        )
        assert french.get("dir") == "ltr" and french.get("lang") == "fr"
        assert "Réalisée" in french.text_content()

    # Each recommendation is listed with its status in the vocabulary's words.
    first = next(iter(ids.values()))
    listing = files[static_site.recommendations_page("ar", first, 1)].read_text(encoding="utf-8")
    with engine.connect() as conn:
        statuses = set(
            conn.execute(
                select(Recommendation.current_status).where(Recommendation.commune_id == first)
            ).scalars()
        )
    for key in statuses:
        assert term_label(STATUSES, key, "ar") in listing

    # One page per meeting, in both languages.
    with engine.connect() as conn:
        meetings = conn.execute(text("SELECT id FROM meetings")).scalars().all()
    assert len(meetings) >= 8
    for meeting in meetings:
        for lang in ("ar", "fr"):
            assert static_site.meeting_page(lang, meeting) in files

    pages = [p for name, p in files.items() if name.endswith(".html")]
    assert len(pages) > 20
    for page in pages:
        content = page.read_bytes()
        assert len(content) < MAX_PAGE, f"{page.name}: {len(content)} bytes"
        well_formed(content.decode("utf-8"))
        assert b"<script" not in content  # nothing needs JavaScript
    # The link back to the dashboard, on the commune's own overview.
    assert f"https://musharaka.example.ma/?commune={first}&amp;lang=ar" in (
        files[static_site.commune_page("ar", first)].read_text(encoding="utf-8")
    )
    sitemap = files["sitemap.xml"].read_text(encoding="utf-8")
    assert f"{STATIC_URL}/fr/commune/{first}.html" in sitemap
    feed = files[static_site.commune_feed("fr", first)].read_text(encoding="utf-8")
    assert f'href="{STATIC_URL}/feeds/commune/{first}.fr.atom"' in feed

    # A second publish on the same data writes nothing.
    again = publish(engine, out)
    assert again.written == [] and again.removed == []
    assert again.unchanged == len(site_files(out)) - 1  # all but the manifest
    assert not [p for p in out.rglob(f"{TEMP_PREFIX}*")]


def test_one_communes_update_rewrites_its_files_and_the_pages_above_it(
    engine, db_url, load, tmp_path
):
    from musharaka.services import edit

    assert load(engine, SAMPLE_DIR).committed
    out = tmp_path / "site"
    publish(engine, out)
    before = {name: p.stat().st_mtime_ns for name, p in site_files(out).items()}

    ids = commune_ids(engine)
    changed = ids["Khnafif"] if "Khnafif" in ids else next(iter(ids.values()))
    with engine.connect() as conn:
        code = (
            conn.execute(
                select(Recommendation.code)
                .where(
                    Recommendation.commune_id == changed,
                    Recommendation.current_status != "completed",
                )
                .order_by(Recommendation.code)
            )
            .scalars()
            .first()
        )
        province, region = conn.execute(
            select(Commune.province_key, Commune.region_key).where(Commune.id == changed)
        ).one()
    with engine.connect() as conn:
        admin = auth.load_identity(conn, add_user(db_url, "admin1", "admin"))
    saved = edit.save(
        engine,
        "status_updates",
        {"recommendation_id": code, "date": "2025-11-03", "status": "completed", "progress": 100},
        user=admin,
    )
    assert saved.saved, saved.problems

    report = publish(engine, out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    own = set(manifest["scopes"][f"commune/{changed}"]["files"])
    above = {"index.html", "sitemap.xml"}
    for lang in ("ar", "fr"):
        above |= {
            static_site.index_page(lang),
            static_site.region_page(lang, region),
            static_site.province_page(lang, province),
        }
    # The country's open data holds every commune's rows: its files change too (the
    # other communes' folders under data/commune/ do not).
    national_data = set(manifest["scopes"]["national/data"]["files"])
    above |= national_data
    # The feeds of the associations (known by name alone: in the national scope) that
    # proposed the recommendation get its change.
    proposers = {
        path
        for path in manifest["scopes"]["national"]["files"]
        if path.startswith("feeds/association/")
    }
    above |= proposers
    written = set(report.written)
    assert "data/recommendations.csv" in written
    assert f"data/commune/{changed}/recommendations.csv" in written
    assert static_site.commune_page("ar", changed) in written
    assert static_site.commune_page("fr", changed) in written
    assert static_site.province_page("fr", province) in written  # its completed count
    assert written <= own | above, sorted(written - own - above)
    changed_feeds = [path for path in written if path.startswith("feeds/association/")]
    assert changed_feeds
    for path in changed_feeds:
        feed = feedparser.parse((out / path).read_bytes())
        assert not feed.bozo and code in feed.entries[0].title, path
    # The national pages, the commune, the country's open data.
    assert report.scopes_built == 3 and report.scopes_skipped == len(ids) - 1
    # Every other file kept its time: it was not even opened for writing.
    after = {name: p.stat().st_mtime_ns for name, p in site_files(out).items()}
    untouched = [name for name in before if name not in written and name != MANIFEST]
    assert untouched and all(after[name] == before[name] for name in untouched)
    assert not [p for p in out.rglob(f"{TEMP_PREFIX}*")]
    # The change is on the page.
    page = (out / static_site.recommendations_page("fr", changed, 1)).read_text(encoding="utf-8")
    assert code in page

    # The country's files, put together from the communes' files, are those a first
    # publish of the same data writes, and those built from the database in memory.
    full = tmp_path / "full"
    publish(engine, full)
    with engine.connect() as conn:
        in_memory = open_data.national_files(conn)
    assert set(in_memory) == national_data
    for path in sorted(national_data):
        assert (out / path).read_bytes() == (full / path).read_bytes() == in_memory[path], path
    answer = frictionless_validate(out / "data" / "datapackage.json")
    assert answer.returncode == 0 and json.loads(answer.stdout)["valid"], answer.stdout[:4000]


def test_an_association_known_by_name_alone_reaches_the_countrys_files(engine, load, tmp_path):
    assert load(engine, SAMPLE_DIR).committed
    out = tmp_path / "site"
    publish(engine, out)
    with engine.begin() as conn:
        conn.execute(
            insert(Association).values(key="jamiyat al amal", name="جمعية الأمل", commune_id=None)
        )
    report = publish(engine, out)
    assert "data/associations.csv" in report.written and "data/associations.json" in report.written
    assert "جمعية الأمل" in (out / "data" / "associations.csv").read_text(encoding="utf-8-sig")
    names = [
        a["name"] for a in json.loads((out / "data/associations.json").read_bytes())["associations"]
    ]
    assert "جمعية الأمل" in names
    # In no commune's files.
    for path in out.glob("data/commune/*/associations.csv"):
        assert "جمعية الأمل" not in path.read_text(encoding="utf-8-sig")
    with engine.connect() as conn:
        assert (out / "data/associations.csv").read_bytes() == open_data.national_files(conn)[
            "data/associations.csv"
        ]


def test_no_personal_data_and_no_markup_from_the_data(engine, load, tmp_path):
    document = personal_document()
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    document["recommendations"][1]["title"] = hostile
    document["meetings"][0]["title"] = f"\u202e{hostile}"
    source = tmp_path / "personal.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    report = load(engine, source)
    assert report.committed and not report.rejects, report.rejects
    out = tmp_path / "site"
    publish(engine, out)
    files = site_files(out)
    for name, path in files.items():
        if name.startswith("static/fonts/"):
            continue
        content = path.read_text(encoding="utf-8")
        for secret in SECRETS:
            assert secret not in content, f"{secret!r} in {name}"
        if name.startswith("data/"):
            continue  # the open data holds the text as written, as data, never as markup
        assert "<script" not in content and "<img" not in content, name
        assert "\u202e" not in content, name
    pages = "".join(p.read_text(encoding="utf-8") for n, p in files.items() if n.endswith(".html"))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in pages  # shown, as text
    assert any(name.startswith("feeds/association/") for name in files)  # read above too


def test_each_association_has_its_feed_linked_from_its_meetings(engine, load, tmp_path):
    assert load(engine, SAMPLE_DIR).committed
    out = tmp_path / "site"
    publish(engine, out)
    with engine.connect() as conn:
        associations = dict(conn.execute(select(Association.id, Association.name)).all())
    for association_id, name in associations.items():
        for lang in ("ar", "fr"):
            path = static_site.association_feed(lang, association_id)
            feed = feedparser.parse((out / path).read_bytes())
            assert not feed.bozo, (path, feed.bozo_exception)
            assert name in feed.feed.title and feed.feed.language == lang
            assert {"rel": "self", "href": f"{STATIC_URL}/{path}"}.items() <= next(
                link for link in feed.feed.links if link["rel"] == "self"
            ).items()
    # A meeting's page links each association present to its feed, in the page's language.
    linked = 0
    for page_path in out.glob("*/meeting/*.html"):
        lang = page_path.relative_to(out).parts[0]
        document = lxml.html.fromstring(page_path.read_bytes())
        for anchor in document.xpath('//a[@class="feed"]'):
            target = (page_path.parent / anchor.get("href")).resolve()
            assert target.is_file() and target.name.endswith(f".{lang}.atom"), target
            assert "Atom" in anchor.get("aria-label") and anchor.text == "Atom"
            linked += 1
    assert linked


def test_a_removed_commune_takes_its_files_away(engine, load, tmp_path):
    assert load(engine, SAMPLE_DIR).committed
    out = tmp_path / "site"
    publish(engine, out)
    gone = max(commune_ids(engine).values())
    with engine.begin() as conn:
        for statement in (
            "DELETE FROM status_updates WHERE recommendation_id IN "
            "(SELECT id FROM recommendations WHERE commune_id = :c)",
            "DELETE FROM recommendation_proposers WHERE recommendation_id IN "
            "(SELECT id FROM recommendations WHERE commune_id = :c)",
            "DELETE FROM recommendations WHERE commune_id = :c",
            "DELETE FROM meeting_associations WHERE meeting_id IN "
            "(SELECT id FROM meetings WHERE commune_id = :c)",
            "DELETE FROM meetings WHERE commune_id = :c",
            "UPDATE associations SET commune_id = NULL WHERE commune_id = :c",
            "DELETE FROM load_run_communes WHERE commune_id = :c",
            "DELETE FROM commune_aliases WHERE commune_id = :c",
            "DELETE FROM communes WHERE id = :c",
        ):
            conn.execute(text(statement), {"c": gone})
    report = publish(engine, out)
    assert static_site.commune_page("ar", gone) in report.removed
    assert not (out / static_site.commune_page("ar", gone)).exists()
    assert not (out / "ar" / "commune" / str(gone)).exists()  # its empty folder too


def test_the_command_line_publishes_with_a_report(db_url, tmp_path):
    assert run_etl(["sample", "--progress", "none"], db_url).returncode == 0
    out, report = tmp_path / "site", tmp_path / "publish.json"
    env_url = os.environ.get("MUSHARAKA_STATIC_URL")
    assert env_url == STATIC_URL
    first = run_etl(
        ["publish", "--out", str(out), "--report", str(report), "--progress", "plain"], db_url
    )
    assert first.returncode == 0, first.stderr
    assert "files written" in first.stdout and "publish: scopes" in first.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["written"]
    second = run_etl(["publish", "--out", str(out), "--db", db_url, "--progress", "none"], "")
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("published: 0 files written")


def test_the_dashboard_links_a_commune_to_its_static_page(engine, db_url, load, monkeypatch):
    from conftest import run_page

    assert load(engine, SAMPLE_DIR).committed
    commune = next(iter(commune_ids(engine).values()))
    for lang, site_lang in (("ar", "ar"), ("en", "fr")):
        app = run_page(
            "pages/0_Overview.py", db_url, monkeypatch, lang=lang, params={"commune": str(commune)}
        )
        assert not app.exception, app.exception
        link = f"{STATIC_URL}/{site_lang}/commune/{commune}.html"
        assert any(link in m.value for m in app.markdown), lang
    monkeypatch.delenv("MUSHARAKA_STATIC_URL")
    app = run_page(
        "pages/0_Overview.py", db_url, monkeypatch, lang="fr", params={"commune": str(commune)}
    )
    assert not any("/commune/" in m.value and ".html" in m.value for m in app.markdown)


def test_a_killed_publishs_temporary_file_is_cleared_by_the_next(engine, load, tmp_path):
    assert load(engine, SAMPLE_DIR).committed
    out = tmp_path / "site"
    publish(engine, out)
    leftover = out / "fr" / "commune" / f"{TEMP_PREFIX}abc123"
    leftover.write_bytes(b"<html>half")
    (out / "fr" / "index.html").unlink()  # and a page it had not written yet
    report = publish(engine, out)
    assert not leftover.exists()
    assert report.written == ["fr/index.html"]


def test_each_period_counts_as_the_meetings_page_does(engine, load):
    """The site classifies all of a commune's periods from one read; the Meetings page
    and the council's report, one period at a time (between.classify): they agree."""
    import pandas as pd

    from etl.publish import periods
    from musharaka import between
    from musharaka.queries import meetings as queries
    from musharaka.queries.filters import read_frame

    assert load(engine, SAMPLE_DIR).committed
    compared = 0
    with engine.connect() as conn:
        for commune in commune_ids(engine).values():
            held = read_frame(conn, queries.meeting_list((commune,)))
            days = [pd.Timestamp(d).date() for d in held["date"]]
            history = periods.read_history(conn, commune, max(days))
            rows = list(held.itertuples(index=False))
            for earlier, start, later, end in zip(rows, days, rows[1:], days[1:], strict=False):
                made = read_frame(conn, queries.between_recommendations(commune, start, later.id))
                updates = read_frame(conn, queries.between_updates(commune, start, end, later.id))
                report = between.classify(made, updates, between.Period(start, end))
                counts, completed = periods.period(history, start, end, later.code)
                assert counts == between.category_counts(report), (earlier.code, later.code)
                done = report[report["category"] == "completed"] if len(report) else report
                assert sorted(r.code for r in completed) == sorted(
                    done["code"] if len(done) else []
                )
                compared += 1
    assert compared >= 4
