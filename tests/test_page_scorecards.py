"""The scorecards page under AppTest, in Arabic and French: one row per commune of the
chosen scope, each figure named in the reader's language with its definition beside it, a
commune's row opening its overview, the ranking chart following the figure chosen."""

from __future__ import annotations

import json
import re

import pytest
from reading import reading_lists

from conftest import run_page
from musharaka.i18n import t
from musharaka.scorecards import FIGURES
from musharaka.ui import scorecards as ui_scorecards
from musharaka.views import scorecards as views

PAGE = "pages/13_Scorecards.py"


def _run(url, monkeypatch, lang, **params):
    app = run_page(PAGE, url, monkeypatch, lang=lang, params=params)
    assert not app.exception, app.exception
    return app


def _table(app):
    """The communes' table as a reader sees it: one row per commune, each cell's text, and
    the address its commune's name opens (`link`)."""
    (table,) = reading_lists(app)
    return table


def _number(text: str) -> float:
    """A figure's text ("57,1%", "1 234", "2,25") as a number, to compare orders."""
    return float(re.sub(r"[%\s\u202f\u00a0.]", "", text).replace(",", "."))


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_country_is_one_row_per_commune_with_each_figure_defined(sample_url, monkeypatch, lang):
    app = _run(sample_url, monkeypatch, lang)
    assert app.title[0].value == t("score_title", lang)
    table = _table(app)
    assert len(table) == 4
    names = set(table[t("commune", lang)])
    assert ("الخنافيف" if lang == "ar" else "Lakhnafif") in names
    for figure in FIGURES:
        assert t(figure.label_key, lang) in table.columns
    # Each figure's definition is shown in words beside the chart, in the reader's language.
    shown = " ".join(m.value for m in app.markdown)
    for figure in FIGURES:
        assert t(figure.definition_key, lang) in shown
    # A commune's name opens its overview, in the same language.
    assert f"./?lang={lang}&commune=1" in list(table["link"])
    # The completion rate of Lakhnafif, as its overview computes it, in percent, written
    # as the language writes it (a decimal comma in Arabic and French alike).
    lakhnafif = table[table["link"] == f"./?lang={lang}&commune=1"].iloc[0]
    assert lakhnafif[t("completion_rate", lang)] == "38,9%"
    # Ranked best first by completion (the default figure): Tighirt Ouzzal leads.
    assert table["link"].iloc[0] == f"./?lang={lang}&commune=3"
    # In the page's direction: in Arabic the commune is at the right, the table reads leftwards.
    body = next(h.proto.body for h in app.get("html") if "mk-scores" in h.proto.body)
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in body


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
@pytest.mark.parametrize("rank", [f.column for f in FIGURES])
def test_a_figure_is_written_the_same_in_the_table_and_the_chart(
    sample_url, monkeypatch, lang, rank
):
    # The table wrote 57.1% and 885.0 where the chart wrote 57,1% and 885 (French, Arabic).
    app = _run(sample_url, monkeypatch, lang, rank=rank)
    figure = next(f for f in FIGURES if f.column == rank)
    table = _table(app)
    in_table = [v for v in table[t(figure.label_key, lang)] if v != "—"]
    chart = json.loads(app.get("plotly_chart")[0].proto.spec)["data"][0]
    assert in_table == chart["text"]
    for text in in_table:
        if figure.share:
            assert text.endswith("%")
        if figure.column.endswith("days"):
            assert re.fullmatch(r"\d+", text), text  # whole days, no ".0"
        if lang != "en":
            assert "." not in text, text  # a decimal comma, as the chart's


def test_days_are_whole_and_a_share_keeps_one_decimal():
    days = next(f for f in FIGURES if f.column == "days_to_completion")
    share = next(f for f in FIGURES if f.column == "completion_rate")
    meetings = next(f for f in FIGURES if f.column == "meetings_per_year")
    assert views.figure_text(days, 120.0, "fr") == "120"
    assert views.figure_text(days, 120.5, "ar") == "120"  # a median between two days
    assert views.figure_text(days, 1234.0, "ar") == "1.234"
    assert views.figure_text(share, 4 / 7, "fr") == "57,1%"
    assert views.figure_text(share, 4 / 7, "ar") == "57,1%"
    assert views.figure_text(share, 4 / 7, "en") == "57.1%"
    assert views.figure_text(meetings, 2.25, "fr") == "2,25"
    assert views.figure_text(meetings, None, "fr") == "—"


def test_a_province_and_a_name_narrow_the_rows(sample_url, monkeypatch):
    app = _run(sample_url, monkeypatch, "fr", scope="province", province="taroudant")
    table = _table(app)
    assert sorted(table["Commune"]) == ["Lakhnafif", "تيزكي الخير"]
    assert app.query_params["scope"] == "province"
    app = _run(sample_url, monkeypatch, "fr", q="tala")
    assert list(_table(app)["Commune"]) == ["Tala Ouzrou"]
    app = _run(sample_url, monkeypatch, "fr", q="zzzz")
    assert not reading_lists(app)
    assert app.info[0].value == t("score_none", "fr")


def test_the_chart_ranks_by_the_figure_chosen(sample_url, monkeypatch):
    app = _run(sample_url, monkeypatch, "fr", rank="overdue_share")
    table = _table(app)
    # The least overdue first: Tighirt Ouzzal (42.9 %), Tala Ouzrou last (76.9 %).
    overdue = [_number(v) for v in table[t("score_overdue_share", "fr")]]
    assert overdue == sorted(overdue) and overdue[0] == 42.9 and overdue[-1] == 76.9
    chart = app.get("plotly_chart")[0]
    title = json.loads(chart.proto.spec)["layout"]["title"]["text"]
    assert title == t("score_ranked_by", "fr").format(figure=t("score_overdue_share", "fr"))
    # Changing the figure in the page reorders the rows and writes it in the URL.
    app.selectbox(key="score_rank").select("meetings_per_year").run()
    assert not app.exception
    meetings = [_number(v) for v in _table(app)[t("score_meetings_per_year", "fr")]]
    assert meetings == sorted(meetings, reverse=True)
    assert app.query_params["rank"] == "meetings_per_year"


def test_a_long_table_is_shown_a_page_at_a_time(sample_url, monkeypatch):
    # 1,503 communes are not one page: TABLE_ROWS at a time, the page in the URL.
    monkeypatch.setattr(ui_scorecards, "TABLE_ROWS", 3)
    app = _run(sample_url, monkeypatch, "fr")
    assert list(_table(app)["link"]) == [f"./?lang=fr&commune={i}" for i in (3, 1, 2)]
    app = _run(sample_url, monkeypatch, "fr", page="2")
    assert list(_table(app)["link"]) == ["./?lang=fr&commune=4"]
    # The chart still ranks them all.
    assert len(json.loads(app.get("plotly_chart")[0].proto.spec)["data"][0]["y"]) == 4


@pytest.mark.parametrize(("lang", "rank"), [("ar", None), ("fr", "overdue_share")])
def test_the_ranked_figure_comes_right_after_the_commune(sample_url, monkeypatch, lang, rank):
    # On a phone the table shows two or three columns without scrolling sideways: the
    # commune and the figure the communes are ranked by, whichever it is.
    app = _run(sample_url, monkeypatch, lang, **({"rank": rank} if rank else {}))
    columns = [c for c in _table(app).columns if c != "link"]
    ranked = next(f for f in FIGURES if f.column == (rank or "completion_rate"))
    assert columns[:2] == [t("commune", lang), t(ranked.label_key, lang)]
    # Every column is there, once.
    expected = {t("commune", lang), t("province", lang), t("recommendations", lang)}
    expected |= {t(f.label_key, lang) for f in FIGURES}
    assert len(columns) == len(set(columns)) == len(expected)
    assert set(columns) == expected
    # Changing the figure in the page moves its column beside the commune.
    app.selectbox(key="score_rank").select("answer_days").run()
    assert list(_table(app).columns)[1] == t("score_answer_days", lang)
