"""The meetings page under AppTest: the list per commune, a meeting's page with its facts,
and the achievements between two meetings checked against a count made here by hand."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from reading import tables
from sqlalchemy import create_engine, text

from conftest import add_user, run_page
from musharaka.i18n import t
from musharaka.views.meetings import safe_link

PAGE = "pages/2_Meetings.py"
CATEGORIES = (
    "completed",
    "partially_completed",
    "advanced",
    "stalled",
    "cancelled",
    "untouched",
)


def _run(url, monkeypatch, lang="en", user=None, **params):
    app = run_page(PAGE, url, monkeypatch, lang=lang, params=params, user=user)
    assert not app.exception, app.exception
    return app


def _scalar(engine, sql: str, **params):
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar_one()


def _khnafif(engine) -> int:
    return _scalar(engine, "SELECT id FROM communes WHERE name = 'الخنافيف'")


def _category_metrics(app, lang="en") -> dict[str, int]:
    shown = {m.label: m.value for m in app.metric}
    return {key: int(shown[t(f"meet_cat_{key}", lang)].replace(",", "")) for key in CATEGORIES}


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def expected_report(engine, earlier_code: str, later_code: str) -> dict[str, set[str]]:
    """The between-meetings report counted here the plain way, from the rules in
    musharaka/between.py's docstring: codes per category."""
    with engine.connect() as connection:
        meetings = {
            code: (commune, _day(day))
            for code, commune, day in connection.execute(
                text("SELECT code, commune_id, date FROM meetings")
            )
        }
        commune, start = meetings[earlier_code]
        end = meetings[later_code][1]
        recommendations = connection.execute(
            text(
                "SELECT r.id, r.code, m.date, r.initial_status, r.initial_progress "
                "FROM recommendations r JOIN meetings m ON m.id = r.meeting_id "
                "WHERE r.commune_id = :commune AND m.code <> :later "
                # A recommendation with parts is counted through its parts' histories.
                "AND NOT EXISTS (SELECT 1 FROM recommendations p WHERE p.parent_code = r.code)"
            ),
            {"commune": commune, "later": later_code},
        ).all()
        history: dict[int, list] = {}
        for rec, day, update_id, status, progress in connection.execute(
            text(
                "SELECT recommendation_id, date, id, status, progress FROM status_updates "
                "WHERE recommendation_id IN (SELECT id FROM recommendations "
                "WHERE commune_id = :commune)"
            ),
            {"commune": commune},
        ):
            history.setdefault(rec, []).append((_day(day), update_id, status, progress))

    rank = {"not_started": 0, "planned": 1, "in_progress": 2, "completed": 3}
    report: dict[str, set[str]] = {key: set() for key in CATEGORIES}
    for rec, code, meeting_day, initial_status, initial_progress in recommendations:
        meeting_day = _day(meeting_day)
        if meeting_day > start:
            continue
        entries = sorted(u for u in history.get(rec, []) if u[0] >= meeting_day)

        def state(day, entries=entries, first=(initial_status, initial_progress)):
            known = [(status, progress) for d, _, status, progress in entries if d <= day]
            return known[-1] if known else first

        (s0, p0), (s1, p1) = state(start), state(end)
        touched = any(start < d <= end for d, *_ in entries)
        if s1 == "completed" and s0 != "completed":
            found = "completed"
        elif s0 in ("completed", "partially_completed", "cancelled"):
            continue
        elif s1 in ("partially_completed", "cancelled"):
            found = s1
        elif not touched:
            found = "untouched"
        elif s1 == "stalled":
            found = "stalled"
        elif (p1 or 0) > (p0 or 0) or (
            rank.get(s1, -1) > rank.get(s0, 99)
            or (s0 == "stalled" and s1 in ("planned", "in_progress"))
        ):
            found = "advanced"
        else:
            found = "stalled"
        report[found].add(code)
    return report


def _shown_codes(app, lang="en") -> dict[str, set[str]]:
    """The codes listed in each category's tab."""
    shown = {}
    for key, tab in zip(CATEGORIES, app.tabs, strict=True):
        assert tab.label.startswith(t(f"meet_cat_{key}", lang))
        shown[key] = set(tables(tab)[0][t("code", lang)]) if tables(tab) else set()
    return shown


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_page_runs_in_each_language(sample_url, engine, monkeypatch, lang):
    app = _run(sample_url, monkeypatch, lang=lang)
    assert app.title[0].value == t("meet_title", lang)
    assert len(tables(app)[0]) == _scalar(engine, "SELECT count(*) FROM meetings")
    assert app.info[0].body == t("meet_between_pick_commune", lang)  # no commune chosen

    app = _run(sample_url, monkeypatch, lang=lang, meeting="KHN-2022-3")
    assert "KHN\\-2022\\-3" in app.markdown[0].value
    counts = _category_metrics(app, lang)
    expected = expected_report(engine, "KHN-2020-2", "KHN-2022-3")
    assert counts == {key: len(codes) for key, codes in expected.items()}
    assert any("direction: rtl" in str(h.proto) for h in app.get("html")) == (lang == "ar")


@pytest.mark.parametrize(
    ("code", "day", "facts", "source"),
    [
        (
            "KHN-2019-1",
            dt.date(2019, 9, 29),
            ("رئيس الجماعة",),
            "https://ahdatsouss.ma/126798.html",
        ),
        (
            "KHN-2020-2",
            dt.date(2020, 2, 16),
            ("محمد أمصيلحة", "سمير أوداد"),
            "https://ahdatsouss.ma/135160.html",
        ),
    ],
)
def test_khnafif_meetings_show_their_facts_and_source(
    sample_url, engine, monkeypatch, code, day, facts, source
):
    from musharaka.ui import day as format_day

    editor = add_user(sample_url, "khnafif-staff", "editor", communes=[_khnafif(engine)])
    for lang in ("ar", "fr"):
        app = _run(sample_url, monkeypatch, lang=lang, meeting=code)
        shown = app.markdown[0].value
        assert format_day(day, lang) in shown
        assert f"**{t('meet_edition', lang)}:** \u2068{code[-1]}\u2069" in shown
        # Who chaired and facilitated it: names of people, for the commune's staff only.
        for fact in facts:
            assert fact not in shown
        assert t("meet_chair", lang) not in shown
        staff_view = _run(sample_url, monkeypatch, lang=lang, user=editor, meeting=code)
        for fact in facts:
            assert fact in staff_view.markdown[0].value
        assert f"]({source})" in shown  # the source, as a link
        assert "الخنافيف" in shown
        produced = _scalar(
            engine,
            "SELECT count(*) FROM recommendations r JOIN meetings m ON m.id = r.meeting_id "
            "WHERE m.code = :code",
            code=code,
        )
        assert len(tables(app)[0]) == produced
        assert {m.label: m.value for m in app.metric}[t("recommendations", lang)] == str(produced)


def test_between_meetings_counts_equal_an_independent_count(sample_url, engine, monkeypatch):
    khnafif = _khnafif(engine)
    app = _run(sample_url, monkeypatch, commune=str(khnafif))
    # By default, the last two meetings.
    expected = expected_report(engine, "KHN-2022-3", "KHN-2024-4")
    assert _category_metrics(app) == {key: len(codes) for key, codes in expected.items()}
    assert _shown_codes(app) == expected
    assert sum(len(codes) for codes in expected.values()) > 0
    # Choosing another period: the counts, the lists and the URL follow.
    for earlier, later in (("KHN-2019-1", "KHN-2020-2"), ("KHN-2020-2", "KHN-2022-3")):
        app.selectbox(key="meet_between").select(later).run()
        assert not app.exception
        assert app.query_params["between"] == later
        expected = expected_report(engine, earlier, later)
        assert _category_metrics(app) == {key: len(codes) for key, codes in expected.items()}
        assert _shown_codes(app) == expected
        # By domain: each domain's total is the number of its recommendations considered.
        by_domain = tables(app)[1].set_index(t("domain", "en"))
        considered = set().union(*expected.values())
        with engine.connect() as connection:
            domains = Counter(
                d
                for c, d in connection.execute(text("SELECT code, domain FROM recommendations"))
                if c in considered
            )
        from musharaka.views.meetings import domain_text

        assert {domain_text(d, "en"): n for d, n in domains.items()} == dict(
            by_domain[t("meet_col_total", "en")]
        )


def test_a_shared_link_opens_on_its_period(sample_url, engine, monkeypatch):
    khnafif = _khnafif(engine)
    app = _run(sample_url, monkeypatch, lang="fr", commune=str(khnafif), between="KHN-2020-2")
    expected = expected_report(engine, "KHN-2019-1", "KHN-2020-2")
    assert _category_metrics(app, "fr") == {key: len(codes) for key, codes in expected.items()}


def test_choosing_a_commune_and_opening_a_meeting(sample_url, engine, monkeypatch):
    app = _run(sample_url, monkeypatch)
    khnafif = _khnafif(engine)
    app.selectbox(key="commune_filter").select(khnafif).run()
    assert not app.exception
    listed = tables(app)[0]
    assert len(listed) == _scalar(
        engine, "SELECT count(*) FROM meetings WHERE commune_id = :c", c=khnafif
    )
    assert list(listed["Code"]) == ["KHN-2019-1", "KHN-2020-2", "KHN-2022-3", "KHN-2024-4"]

    app.selectbox(key="meet_open").select("KHN-2024-4").run()
    assert not app.exception
    assert app.query_params["meeting"] == "KHN-2024-4"
    produced = _scalar(
        engine,
        "SELECT count(*) FROM recommendations r JOIN meetings m ON m.id = r.meeting_id "
        "WHERE m.code = 'KHN-2024-4'",
    )
    assert len(tables(app)[0]) == produced
    expected = expected_report(engine, "KHN-2022-3", "KHN-2024-4")
    assert _category_metrics(app) == {key: len(codes) for key, codes in expected.items()}

    app.button[0].click().run()  # back to the list
    assert not app.exception
    assert "meeting" not in app.query_params
    assert len(tables(app)[0]) == 4

    # The first meeting of a commune has no earlier period.
    app.selectbox(key="meet_open").select("KHN-2019-1").run()
    assert app.info[0].body == t("meet_between_first", "en")


def test_empty_database_says_how_to_load_data(db_url, monkeypatch):
    for lang in ("ar", "fr", "en"):
        app = _run(db_url, monkeypatch, lang=lang)
        assert len(app.info) == 1
        assert "python -m etl sample" in app.info[0].body
        assert not tables(app) and not app.metric


def test_at_150_communes(demo150_url, monkeypatch):
    engine = create_engine(demo150_url)
    try:
        meetings = _scalar(engine, "SELECT count(*) FROM meetings")
        with engine.connect() as connection:
            commune, held = connection.execute(
                text(
                    "SELECT commune_id, count(*) FROM meetings GROUP BY commune_id "
                    "ORDER BY count(*) DESC, commune_id LIMIT 1"
                )
            ).one()
            codes = [
                c
                for (c,) in connection.execute(
                    text("SELECT code FROM meetings WHERE commune_id = :c ORDER BY date, id"),
                    {"c": commune},
                )
            ]
        expected = expected_report(engine, codes[-2], codes[-1])
    finally:
        engine.dispose()
    app = _run(demo150_url, monkeypatch, lang="ar")
    assert len(tables(app)[0]) == meetings
    app = _run(demo150_url, monkeypatch, lang="fr", commune=str(commune))
    assert len(tables(app)[0]) == held
    assert _category_metrics(app, "fr") == {key: len(codes) for key, codes in expected.items()}


HOSTILE = "<img src=x onerror=alert(1)>"


def test_markup_in_meetings_is_shown_as_text_and_only_web_links_are_links(
    engine, db_url, load, tmp_path: Path, monkeypatch
):
    (tmp_path / "meetings.csv").write_text(
        "meeting_id,commune,date,title,chair,summary,source_url,associations\n"
        f'M1,Commune,2020-02-16,"{HOSTILE}",**gras**,"[lien](javascript:alert(1))",'
        f'javascript:alert(1),"{HOSTILE}"\n'
        'M2,Commune,2021-02-16,Deux,,,"https://example.org/a) [x](javascript:alert(1)",\n',
        encoding="utf-8",
    )
    (tmp_path / "recommendations.csv").write_text(
        f'recommendation_id,meeting_id,domain,title,status\nR1,M1,health,"{HOSTILE}",planned\n',
        encoding="utf-8",
    )
    report = load(engine, tmp_path)
    assert report.committed and not report.rejects

    app = _run(db_url, monkeypatch, lang="fr", meeting="M1")
    assert tables(app)[0]["Recommandation"].tolist() == [HOSTILE]  # shown as given
    share = re.compile(r":material/share: \[[^\]]+\]\(https://wa\.me/\?text=[^\s()<>\[\]]+\)")
    for element in [*app.markdown, *app.header, *app.caption]:
        if share.fullmatch(element.value):  # our WhatsApp link: the data only URL-encoded in it
            continue
        if element.value in {t(key, "fr") for key in ("share_copy_help", "poster_download_help")}:
            continue  # the page's own words, no data in them
        # Every markup character is escaped: markdown shows it as the character itself.
        assert not re.search(r"(?<!\\)[<>\[\]()*]", element.value.replace("**", "")), element
    assert t("meet_source", "fr") not in app.markdown[0].value  # not a web link: not shown

    app = _run(db_url, monkeypatch, lang="fr", meeting="M2")
    facts = app.markdown[0].value
    assert "(https://example.org/a%29%20%5Bx%5D%28javascript:alert%281%29)" in facts
    assert "](javascript" not in facts


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://ahdatsouss.ma/135160.html", "https://ahdatsouss.ma/135160.html"),
        ("http://example.org/a b", "http://example.org/a%20b"),
        ("HTTPS://example.org/(x)", "HTTPS://example.org/%28x%29"),
        ("https://example.org/?q=1&r=%D8%A7", "https://example.org/?q=1&r=%D8%A7"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//example.org/x", None),
        ("ahdatsouss.ma/135160.html", None),
        ("https://", None),
        ("http://[bad", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_safe_link(url, expected):
    assert safe_link(url) == expected


def test_across_many_communes_a_meeting_is_opened_within_its_commune(
    sample_url, engine, monkeypatch
):
    # A country's 15,000 meetings are not offered in one picker: a commune first, or a
    # link. (The sample has few communes: the line is lowered to it.)
    from musharaka.ui import url_state

    monkeypatch.setattr(url_state, "LONG_LIST_COMMUNES", 1)
    app = _run(sample_url, monkeypatch)
    assert app.selectbox(key="meet_open").options == [t("meet_none_chosen", "en")]
    assert t("meet_pick_commune_first", "en") in [c.value for c in app.caption]
    assert len(tables(app)[0]) == _scalar(engine, "SELECT count(*) FROM meetings")

    app = _run(sample_url, monkeypatch, meeting="KHN-2024-4")  # a shared link still opens
    assert app.query_params["meeting"] == "KHN-2024-4"
    assert len(app.selectbox(key="meet_open").options) == 2

    app = _run(sample_url, monkeypatch, commune=str(_khnafif(engine)))
    assert len(app.selectbox(key="meet_open").options) == 1 + 4
    assert t("meet_pick_commune_first", "en") not in [c.value for c in app.caption]
