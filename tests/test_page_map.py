"""The map on the overview and on the recommendations list, under AppTest on the sample
(SQLite and PostgreSQL): a commune's placed recommendations, as many per status as SQL
counts, the rest counted as without a place; the page's filters narrow it; across the
country, one point per commune; an Arabic page's labels in Arabic; a click opens what it
names (views.maps.picked)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
import streamlit as st
from sqlalchemy import text

from conftest import run_page
from musharaka import formats
from musharaka import vocabulary as vocab
from musharaka.charts import STATUS_ICONS
from musharaka.colours import STATUS_COLOURS
from musharaka.i18n import t, term_label
from musharaka.views import maps

OVERVIEW = "pages/0_Overview.py"
RECOMMENDATIONS = "pages/1_Recommendations.py"
ARABIC = re.compile(r"[\u0600-\u06FF]")
KHNAFIF = 1  # the sample's first commune: Arabic files, douars named in Arabic

# A recommendation is placed when its location (without a leading "douar") names a douar
# of its commune's list, by its Arabic or its French name: counted here without the app's
# query, from the douars' own names.
PLACED = """
SELECT r.current_status, count(*) FROM recommendations r
WHERE r.commune_id = :commune AND EXISTS (
  SELECT 1 FROM douars d WHERE d.commune_id = r.commune_id
  AND (d.key = r.place_key OR d.key_other = r.place_key))
GROUP BY r.current_status
"""


def _map(app, key: str) -> dict:
    (chart,) = [c for c in app.get("plotly_chart") if c.key == key]
    return json.loads(chart.proto.spec)


def _placed(engine, commune: int) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(text(PLACED), {"commune": commune}).all()
    return {status: int(count) for status, count in rows}


def _total(engine, commune: int) -> int:
    with engine.connect() as connection:
        query = text("SELECT count(*) FROM recommendations WHERE commune_id = :c")
        return int(connection.execute(query, {"c": commune}).scalar_one())


def _per_status(figure: dict, lang: str) -> dict[str, int]:
    by_label = {f"{STATUS_ICONS[k]} {term_label(vocab.STATUSES, k, lang)}": k for k in STATUS_ICONS}
    return {by_label[trace["name"]]: len(trace["lat"]) for trace in figure["data"]}


MAPS = [(OVERVIEW, "overview_map"), (RECOMMENDATIONS, "rec_map")]


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize(("page", "key"), MAPS)
def test_a_communes_map_shows_its_placed_recommendations_by_status(
    sample_url, engine, monkeypatch, lang, page, key
):
    app = run_page(page, sample_url, monkeypatch, lang=lang, params={"commune": str(KHNAFIF)})
    assert not app.exception, app.exception
    figure = _map(app, key)
    placed = _placed(engine, KHNAFIF)
    assert 0 < sum(placed.values()) < _total(engine, KHNAFIF)  # some have no douar
    assert _per_status(figure, lang) == placed
    for trace in figure["data"]:
        assert trace["type"] == "scattermap"
        assert trace["cluster"]["enabled"] is False  # a commune's few points, each shown
        status = _per_status({"data": [trace]}, lang).popitem()[0]
        # A point in its status's colour, or the white hole drawn over it (a ring).
        hole = not trace.get("showlegend", True)
        assert trace["marker"]["color"] == ("#FFFFFF" if hole else STATUS_COLOURS[status])
        # Each point carries what a click opens: its recommendation's code.
        assert all(point[0] == "recommendation" for point in trace["customdata"])
    assert figure["layout"]["map"]["style"] == "open-street-map"
    # Its text alternative: how many are on the map and how many have no place.
    summary = t("map_summary", lang).format(
        placed=formats.number(sum(placed.values()), lang),
        unplaced=formats.number(_total(engine, KHNAFIF) - sum(placed.values()), lang),
    )
    captions = [c.value for c in app.caption]
    assert any(summary in c for c in captions), captions
    assert t("map_tiles_note", lang) in captions


def test_the_lists_filters_narrow_the_map(sample_url, engine, monkeypatch):
    app = run_page(
        RECOMMENDATIONS,
        sample_url,
        monkeypatch,
        lang="fr",
        params={"commune": str(KHNAFIF), "status": "stalled"},
    )
    assert not app.exception, app.exception
    figure = _map(app, "rec_map")
    assert _per_status(figure, "fr") == {"stalled": _placed(engine, KHNAFIF)["stalled"]}


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_country_map_shows_one_point_per_commune(sample_url, engine, monkeypatch, lang):
    app = run_page(OVERVIEW, sample_url, monkeypatch, lang=lang)
    assert not app.exception, app.exception
    (trace,) = _map(app, "overview_map")["data"]
    with engine.connect() as connection:
        communes = connection.execute(
            text(
                "SELECT c.id, count(r.id) FROM communes c JOIN recommendations r"
                " ON r.commune_id = c.id GROUP BY c.id ORDER BY c.id"
            )
        ).all()
    assert [int(point[1]) for point in trace["customdata"]] == [c[0] for c in communes]
    assert [point[0] for point in trace["customdata"]] == ["commune"] * len(communes)
    # The commune with the most recommendations has the largest point.
    sizes = dict(zip([c[0] for c in communes], trace["marker"]["size"], strict=True))
    biggest = max(communes, key=lambda c: c[1])[0]
    assert sizes[biggest] == max(sizes.values())
    assert trace["marker"]["cmin"] == 0 and trace["marker"]["cmax"] == 1
    assert trace["marker"]["colorbar"]["title"]["text"] == t("completion_rate", lang)


def _country_figures(app) -> dict[int, tuple[str, str]]:
    """Per commune on the country's map: the count and completion its hover writes."""
    (trace,) = _map(app, "overview_map")["data"]
    return {int(point[1]): (point[3], point[4]) for point in trace["customdata"]}


def _counted_figures(engine, lang: str) -> dict[int, tuple[str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT commune_id, count(*), sum(CASE WHEN current_status = 'completed'"
                " THEN 1 ELSE 0 END) FROM recommendations GROUP BY commune_id"
            )
        ).all()
    return {
        int(commune): (formats.number(count, lang), formats.percent(done / count, lang))
        for commune, count, done in rows
    }


def test_the_country_maps_figures_are_each_communes_own_and_follow_a_load(
    sample_url, engine, load, monkeypatch, tmp_path
):
    """Each commune's point says how many recommendations it has and the share completed,
    as counting its rows does, and again once a load has completed one of them."""
    app = run_page(OVERVIEW, sample_url, monkeypatch, lang="fr")
    before = _country_figures(app)
    assert before == _counted_figures(engine, "fr")
    later = tmp_path / "tighirt-ouzzal-suivi-2026.csv"
    later.write_text(
        "ID recommandation;Date de mise à jour;Statut;Avancement\n"
        "TGZ-2019-1-R05;01/11/2026;Réalisée;100\n",
        encoding="utf-8",
    )
    assert load(engine, later).committed
    st.cache_data.clear()  # a minute later, when the page's cached figures have expired
    after = _country_figures(run_page(OVERVIEW, sample_url, monkeypatch, lang="fr"))
    assert after == _counted_figures(engine, "fr")
    assert after != before


def test_an_arabic_pages_map_speaks_arabic(sample_url, monkeypatch):
    app = run_page(OVERVIEW, sample_url, monkeypatch, lang="ar", params={"commune": "2"})
    assert not app.exception, app.exception
    figure = _map(app, "overview_map")
    names = [trace["name"] for trace in figure["data"]]
    assert names and all(ARABIC.search(name) for name in names)
    # Tala Ouzrou's files are French; what the map says of a point is still in Arabic.
    statuses = {point[4] for trace in figure["data"] for point in trace["customdata"]}
    assert all(ARABIC.search(status) for status in statuses)
    national = _map(run_page(OVERVIEW, sample_url, monkeypatch, lang="ar"), "overview_map")
    template = national["data"][0]["hovertemplate"]
    assert t("recommendations", "ar") in template and t("completion_rate", "ar") in template


@pytest.mark.parametrize(
    ("page", "key", "path", "kept"),
    [
        # From the overview, the list's page; on the list, the list itself with its filters.
        (OVERVIEW, "overview_map", "Recommendations", {"lang": "fr"}),
        (RECOMMENDATIONS, "rec_map", "", {"lang": "fr", "commune": "1"}),
    ],
)
def test_each_point_links_to_its_recommendation(sample_url, monkeypatch, page, key, path, kept):
    app = run_page(page, sample_url, monkeypatch, lang="fr", params={"commune": str(KHNAFIF)})
    for trace in _map(app, key)["data"]:
        for point in trace["customdata"]:
            link = urlsplit(point[-1])
            assert link.path == path
            assert dict(parse_qsl(link.query)) == {**kept, "rec": point[1]}
    national = _map(run_page(OVERVIEW, sample_url, monkeypatch, lang="fr"), "overview_map")
    assert national["data"][0]["customdata"][0][-1] == "./?lang=fr&commune=1"


def test_a_map_frames_its_points():
    centre, zoom = maps.view_of([30.35, 30.41], [-8.68, -8.61])
    assert 30.35 < centre["lat"] < 30.41 and -8.68 < centre["lon"] < -8.61
    assert 9 <= zoom <= 13  # a commune's douars, up close
    _, country = maps.view_of([21.0, 35.5], [-16.9, -1.5])
    assert country < 6
    empty = maps.recommendation_map(
        pd.DataFrame(columns=["code", "title", "status", "location", "latitude", "longitude"]),
        "fr",
    )
    assert empty.data == ()


def test_many_points_are_clustered_and_few_are_drawn_apart_around_their_douar():
    def douar(count: int) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "code": [f"R{i:04d}" for i in range(count)],
                "title": "t",
                "status": ["completed", "stalled"] * (count // 2),
                "location": "Tagant",
                "latitude": [30.40, 30.41] * (count // 2),
                "longitude": [-8.60, -8.62] * (count // 2),
            }
        )

    few = maps.recommendation_map(douar(20), "fr")
    places = {
        (lat, lon) for trace in few.data for lat, lon in zip(trace.lat, trace.lon, strict=True)
    }
    assert len(places) == 20  # none hidden under another
    assert all(abs(lat - 30.405) < 0.05 for lat, _ in places)  # still around their douars
    assert not any(trace.cluster.enabled for trace in few.data)
    many = maps.recommendation_map(douar(maps.CLUSTER_FROM), "fr")
    assert all(trace.cluster.enabled for trace in many.data)
    assert sum(len(trace.lat) for trace in many.data) == maps.CLUSTER_FROM


def test_a_points_shape_follows_its_status_icon_not_only_its_colour():
    statuses = ["not_started", "in_progress", "completed", "stalled"]
    points = pd.DataFrame(
        {
            "code": [f"R{i}" for i in range(4)],
            "title": "t",
            "status": statuses,
            "location": "Tagant",
            "latitude": [30.40, 30.41, 30.42, 30.43],
            "longitude": -8.6,
        }
    )
    figure = maps.recommendation_map(points, "fr", link="?rec=")
    by_status: dict[str, list] = {}
    for trace in figure.data:
        by_status.setdefault(trace.legendgroup, []).append(trace)
    # Empty icons are rings, half-filled ones discs with a white centre, the rest discs.
    holes = {
        key: [round(trace.marker.size / maps.POINT_SIZE, 1) for trace in traces[1:]]
        for key, traces in by_status.items()
    }
    assert holes == {"not_started": [0.6], "in_progress": [0.3], "completed": [], "stalled": []}
    for key in ("not_started", "in_progress"):
        point, hole = by_status[key]
        assert hole.marker.color == "#FFFFFF" and not hole.showlegend and point.showlegend
        # A click or a hover on the hole is one on its point.
        assert hole.customdata == point.customdata
        assert (hole.lat, hole.lon) == (point.lat, point.lon)
    # The legend lists each status once, under the map, not over its points.
    assert [t.name for t in figure.data if t.showlegend] == [
        f"{STATUS_ICONS[k]} {term_label(vocab.STATUSES, k, 'fr')}" for k in statuses
    ]
    assert figure.layout.legend.orientation == "h" and figure.layout.legend.yanchor == "top"
    assert figure.layout.legend.y <= 0
