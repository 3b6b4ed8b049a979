"""The home page under AppTest: on the sample, on an empty database, and on hostile text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from reading import data_html, tables
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from conftest import PROJECT_ROOT, run_page

DASHBOARD = str(PROJECT_ROOT / "dashboard.py")


def _run(url: str, monkeypatch, lang=None, locale=None, params=None) -> AppTest:
    app = run_page("dashboard.py", url, monkeypatch, lang=lang, locale=locale, params=params)
    assert not app.exception, app.exception
    return app


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _count(url_engine, where: str = "") -> int:
    """Recommendations as the figures count them: a part is counted in its parent."""
    top_level = f"{where} AND parent_code IS NULL" if where else "WHERE parent_code IS NULL"
    with url_engine.connect() as connection:
        return connection.execute(
            text(f"SELECT count(*) FROM recommendations {top_level}")
        ).scalar()


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("ar", ("التوصيات", "منجزة", "متعثرة")),
        ("fr", ("Recommandations", "Réalisées", "En retard")),
        ("en", ("Recommendations", "Completed", "Stalled")),
    ],
)
def test_home_page_shows_the_sample_figures_in_each_language(
    sample_url, engine, monkeypatch, lang, labels
):
    app = _run(sample_url, monkeypatch, lang=lang)
    figures = _metrics(app)
    total, completed, stalled = labels
    # The figures are those of the database, counted here the obvious way.
    assert figures[total] == str(_count(engine))
    assert figures[completed] == str(_count(engine, "WHERE current_status = 'completed'"))
    assert figures[stalled] == str(_count(engine, "WHERE current_status = 'stalled'"))
    charts = {c.key: json.loads(c.proto.spec) for c in app.get("plotly_chart")}
    assert set(charts) == {
        "chart_by_status",
        "chart_by_domain",
        "chart_over_time",
        "overview_map",
        "chart_stall_reasons",  # the sample has stalled recommendations
    }
    assert sum(charts["chart_by_status"]["data"][0]["x"]) == _count(engine)
    per_year = charts["chart_over_time"]["data"]
    assert sum(per_year[0]["y"]) == _count(engine)  # made, by year of meeting
    assert sum(per_year[1]["y"]) == _count(engine, "WHERE current_status = 'completed'")


def test_arabic_is_the_default_and_mirrors_the_layout(sample_url, monkeypatch):
    app = _run(sample_url, monkeypatch)
    assert app.title[0].value == "مشاركة"
    assert any("direction: rtl" in str(h.proto) for h in app.get("html"))
    chart = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["xaxis"]["autorange"] == "reversed"
    assert chart["layout"]["yaxis"]["side"] == "right"


def test_browser_language_chooses_french_when_the_url_says_nothing(sample_url, monkeypatch):
    app = _run(sample_url, monkeypatch, locale="fr-MA")
    assert "Recommandations" in _metrics(app)
    assert not any("direction: rtl" in str(h.proto) for h in app.get("html"))


def test_completion_rate_leaves_out_cancelled_recommendations(sample_url, engine, monkeypatch):
    app = _run(sample_url, monkeypatch, lang="en")
    completed = _count(engine, "WHERE current_status = 'completed'")
    owed = _count(engine, "WHERE current_status <> 'cancelled'")
    expected = f"{100 * completed / owed:.1f}".rstrip("0").rstrip(".") + "%"
    assert _metrics(app)["Completion rate"] == expected


def test_empty_database_says_how_to_load_data(db_url, monkeypatch):
    for lang in ("ar", "fr", "en"):
        app = _run(db_url, monkeypatch, lang=lang)
        assert len(app.info) == 1
        assert "python -m etl sample" in app.info[0].body
        assert not app.metric


HOSTILE_TITLES = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://example.invalid","clic")',
    "**gras** et [lien](javascript:alert(1))",
    "\u202eRTL override",
]


def test_markup_and_formulas_in_titles_are_shown_as_text(
    engine, db_url, load, tmp_path: Path, monkeypatch
):
    (tmp_path / "reunions.csv").write_text(
        "meeting_id,commune,date\nM1,<b>Commune</b>,2020-02-16\n", encoding="utf-8"
    )
    rows = ["recommendation_id,meeting_id,domain,title,status,progress"]
    rows += [
        f'R{i},M1,health,"{t.replace(chr(34), chr(34) * 2)}",in progress,10'
        for i, t in enumerate(HOSTILE_TITLES)
    ]
    (tmp_path / "recommendations.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["recommendation_id,date,status,progress"]
    rows += [f"R{i},2021-01-0{i + 1},in progress,20" for i in range(len(HOSTILE_TITLES))]
    (tmp_path / "status.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = load(engine, tmp_path)
    assert report.committed and not report.rejects

    app = _run(db_url, monkeypatch, lang="fr")
    table = tables(app)[0]
    titles = set(table["Recommandation"])
    # Shown as given, except direction controls (U+202E...), which would reorder the page.
    controls = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
    assert titles == {controls.sub("", title).strip() for title in HOSTILE_TITLES}
    # Nothing from the data reached a place where it would be read as markup.
    for element in [*app.markdown, *app.caption]:
        rendered = str(element.proto)
        assert "<script>" not in rendered and "onerror" not in rendered
    for element in data_html(app):  # the lists: every tag from the data escaped
        assert "<script" not in element.proto.body and "<img" not in element.proto.body


def _commune_id(engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT id FROM communes WHERE name = :name"), {"name": name}
        ).scalar_one()


def test_choosing_a_commune_narrows_the_figures_to_it(sample_url, engine, monkeypatch):
    app = _run(sample_url, monkeypatch, lang="en")
    assert _metrics(app)["Recommendations"] == "80"
    khnafif = _commune_id(engine, "الخنافيف")
    app.selectbox(key="commune_filter").select(khnafif).run()
    assert not app.exception
    expected = _count(engine, f"WHERE commune_id = {khnafif}")
    assert 0 < expected < 80
    assert _metrics(app)["Recommendations"] == str(expected)
    assert app.query_params["commune"] == str(khnafif)  # the URL to share


def test_a_shared_link_opens_on_its_commune(sample_url, engine, monkeypatch):
    khnafif = _commune_id(engine, "الخنافيف")
    monkeypatch.setenv("DATABASE_URL", sample_url)
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    app.query_params["lang"] = "fr"
    app.query_params["commune"] = str(khnafif)
    app.run()
    assert not app.exception
    expected = _count(engine, f"WHERE commune_id = {khnafif}")
    assert _metrics(app)["Recommandations"] == str(expected)
    assert set(tables(app)[0]["Commune"]) == {"الخنافيف"}


def test_home_page_at_150_communes_and_for_one_of_them(demo150_url, monkeypatch):
    from sqlalchemy import create_engine

    engine = create_engine(demo150_url)
    total = _count(engine)
    commune = _commune_id_any(engine)
    in_commune = _count(engine, f"WHERE commune_id = {commune}")
    engine.dispose()
    app = run_page("dashboard.py", demo150_url, monkeypatch, lang="en")
    assert not app.exception
    assert _metrics(app)["Recommendations"] == f"{total:,}"
    app = run_page(
        "dashboard.py", demo150_url, monkeypatch, lang="en", params={"commune": str(commune)}
    )
    assert not app.exception
    assert _metrics(app)["Recommendations"] == f"{in_commune:,}"
    assert in_commune < total


def _commune_id_any(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT min(id) FROM communes")).scalar_one()


def test_each_key_figure_links_to_the_list_behind_it(sample_url, engine, monkeypatch):
    khnafif = _commune_id(engine, "الخنافيف")
    app = _run(sample_url, monkeypatch, lang="fr")
    links = " ".join(m.value for m in app.markdown)
    assert "(Recommendations?lang=fr&status=stalled)" in links
    assert "(Recommendations?lang=fr&overdue=1)" in links
    app.selectbox(key="commune_filter").select(khnafif).run()
    links = " ".join(m.value for m in app.markdown)
    assert f"(Recommendations?lang=fr&commune={khnafif}&status=completed)" in links


def _comparison(app: AppTest, level: str) -> pd.DataFrame:
    """The comparison's table: the one with a column of the level compared (the reasons
    things stall across communes are another table, its column "Communes" a count)."""
    return next(table for table in tables(app) if level in table.columns)


def test_communes_are_compared_by_region_province_and_commune(sample_url, engine, monkeypatch):
    app = _run(sample_url, monkeypatch, lang="fr")
    table = _comparison(app, "Région")
    assert list(table["Région"]) == ["Souss-Massa"]
    assert table["Recommandations"].sum() == _count(engine)
    app.radio(key="url_choice_level").set_value("commune").run()
    table = _comparison(app, "Commune")
    assert len(table) == 4
    khnafif = table[table["Commune"] == "الخنافيف"].iloc[0]
    expected = _count(engine, f"WHERE commune_id = {_commune_id(engine, 'الخنافيف')}")
    assert khnafif["Recommandations"] == expected
    assert app.query_params["level"] == "commune"


def test_one_commune_shows_its_meetings_one_by_one(sample_url, engine, monkeypatch):
    khnafif = _commune_id(engine, "الخنافيف")
    app = _run(sample_url, monkeypatch, lang="en", params={"commune": str(khnafif)})
    chart = next(
        json.loads(c.proto.spec) for c in app.get("plotly_chart") if c.key == "chart_over_time"
    )
    assert chart["data"][0]["x"][:2] == ["2019-09-29", "2020-02-16"]  # the reported meetings
    assert not any("Comparison" in s.value for s in app.subheader)


def test_one_communes_overview_offers_its_poster(sample_url, engine, monkeypatch):
    """The poster button is there for one commune only, labelled in the page's language."""
    from musharaka.i18n import t

    everyone = _run(sample_url, monkeypatch, lang="fr")
    assert t("poster_download", "fr") not in [b.label for b in everyone.get("download_button")]
    khnafif = _commune_id(engine, "الخنافيف")
    one = _run(sample_url, monkeypatch, lang="ar", params={"commune": str(khnafif)})
    assert [b.label for b in one.get("download_button")] == [t("poster_download", "ar")]
