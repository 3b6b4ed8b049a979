"""The scorecards page under AppTest, in Arabic and French: one row per commune of the
chosen scope, each figure named in the reader's language with its definition beside it, a
commune's row opening its overview, the ranking chart following the figure chosen."""

from __future__ import annotations

import json

import pytest

from conftest import run_page
from musharaka.i18n import t
from musharaka.scorecards import FIGURES

PAGE = "pages/13_Scorecards.py"


def _run(url, monkeypatch, lang, **params):
    app = run_page(PAGE, url, monkeypatch, lang=lang, params=params)
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_country_is_one_row_per_commune_with_each_figure_defined(sample_url, monkeypatch, lang):
    app = _run(sample_url, monkeypatch, lang)
    assert app.title[0].value == t("score_title", lang)
    table = app.dataframe[0].value
    assert len(table) == 4
    names = set(table[t("commune", lang)])
    assert ("الخنافيف" if lang == "ar" else "Lakhnafif") in names
    for figure in FIGURES:
        assert t(figure.label_key, lang) in table.columns
    # Each figure's definition is shown in words beside the chart, in the reader's language.
    shown = " ".join(m.value for m in app.markdown)
    for figure in FIGURES:
        assert t(figure.definition_key, lang) in shown
    # A commune's row opens its overview, in the same language.
    links = list(table[t("score_overview", lang)])
    assert f"./?lang={lang}&commune=1" in links
    # The completion rate of Lakhnafif, as its overview computes it, in percent.
    lakhnafif = table[table[t("score_overview", lang)] == f"./?lang={lang}&commune=1"].iloc[0]
    assert lakhnafif[t("completion_rate", lang)] == pytest.approx(38.9)
    # Ranked best first by completion (the default figure): Tighirt Ouzzal leads.
    assert table[t("score_overview", lang)].iloc[0] == f"./?lang={lang}&commune=3"


def test_a_province_and_a_name_narrow_the_rows(sample_url, monkeypatch):
    app = _run(sample_url, monkeypatch, "fr", scope="province", province="taroudant")
    table = app.dataframe[0].value
    assert sorted(table["Commune"]) == ["Lakhnafif", "تيزكي الخير"]
    assert app.query_params["scope"] == "province"
    app = _run(sample_url, monkeypatch, "fr", q="tala")
    assert list(app.dataframe[0].value["Commune"]) == ["Tala Ouzrou"]
    app = _run(sample_url, monkeypatch, "fr", q="zzzz")
    assert not app.dataframe
    assert app.info[0].value == t("score_none", "fr")


def test_the_chart_ranks_by_the_figure_chosen(sample_url, monkeypatch):
    app = _run(sample_url, monkeypatch, "fr", rank="overdue_share")
    table = app.dataframe[0].value
    # The least overdue first: Tighirt Ouzzal (42.9 %), Tala Ouzrou last (76.9 %).
    overdue = list(table[t("score_overdue_share", "fr")])
    assert overdue == sorted(overdue)
    chart = app.get("plotly_chart")[0]
    title = json.loads(chart.proto.spec)["layout"]["title"]["text"]
    assert title == t("score_ranked_by", "fr").format(figure=t("score_overdue_share", "fr"))
    # Changing the figure in the page reorders the rows and writes it in the URL.
    app.selectbox(key="score_rank").select("meetings_per_year").run()
    assert not app.exception
    meetings = list(app.dataframe[0].value[t("score_meetings_per_year", "fr")])
    assert meetings == sorted(meetings, reverse=True)
    assert app.query_params["rank"] == "meetings_per_year"


@pytest.mark.parametrize(("lang", "rank"), [("ar", None), ("fr", "overdue_share")])
def test_the_ranked_figure_comes_right_after_the_commune(sample_url, monkeypatch, lang, rank):
    # On a phone the table shows two or three columns without scrolling sideways: the
    # commune and the figure the communes are ranked by, whichever it is.
    app = _run(sample_url, monkeypatch, lang, **({"rank": rank} if rank else {}))
    columns = list(app.dataframe[0].value.columns)
    ranked = next(f for f in FIGURES if f.column == (rank or "completion_rate"))
    assert columns[:2] == [t("commune", lang), t(ranked.label_key, lang)]
    # Every column is still there, once, and the link to the overview stays the last one.
    expected = {t("province", lang), t("recommendations", lang), t("score_overview", lang)}
    expected |= {t(f.label_key, lang) for f in FIGURES}
    assert len(columns) == len(set(columns)) == len(expected) + 1
    assert set(columns) == expected | {t("commune", lang)}
    assert columns[-1] == t("score_overview", lang)
    # Changing the figure in the page moves its column beside the commune.
    app.selectbox(key="score_rank").select("answer_days").run()
    assert list(app.dataframe[0].value.columns)[1] == t("score_answer_days", lang)
