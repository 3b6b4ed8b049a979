"""A recommendation with parts is counted once in every figure, its parts not at all
(SQLite and PostgreSQL): the overview's key figures, domains, roll-ups and meetings, the
public display, the reasons things stall, the action programme, the map, the scorecard,
the static site's counts. What moved in a period (between two meetings, in a quarter) is
read from the parts' histories, whose work a parent's own history does not hold: between
two meetings the parts are counted instead of their parent; in a quarter a parent moved
when a part did, and counts once. Lists and exports still show every row."""

from __future__ import annotations

import csv
import datetime as dt
from html import escape
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from conftest import run_page
from etl.publish import queries as site_queries
from musharaka import ui
from musharaka.i18n import t
from musharaka.models import Commune, Douar, Meeting
from musharaka.queries import (
    meetings,
    overview,
    places,
    programme,
    public,
    quarterly,
    scorecards,
    stall_reasons,
)
from musharaka.queries import recommendations as listing
from musharaka.queries.filters import RecommendationFilter, read_frame

TODAY = dt.date(2024, 12, 31)
MEETINGS = [
    ["meeting_id", "commune", "province", "date", "title"],
    ["PC-1", "Parts", "Taroudant", "2024-03-10", "Rencontre"],
    ["PC-2", "Parts", "Taroudant", "2024-11-20", "Rencontre suivante"],
]
HEADER = [
    "recommendation_id", "meeting_id", "domain", "title", "status", "progress",
    "recommandation parente", "poids", "date d'échéance", "budget",
]  # fmt: skip
# G has two parts, P and D; P has three. S stands alone. Only G and S are counted now;
# the parts' work shows in G's rolled-up progress. Every part is overdue, stalled or
# cancelled, with a budget: counting one of them changes a figure.
ROWS = [
    ["G", "PC-1", "routes", "Désenclaver le douar", "in_progress", "10", "", "", "", "1000"],
    ["P", "PC-1", "routes", "Piste de Tagant", "stalled", "5", "G", "", "2024-06-01", "200"],
    ["D", "PC-1", "eau", "Pont sur l'oued", "not_started", "", "G", "", "2024-06-01", "300"],
    ["C1", "PC-1", "eau", "Terrassement", "in_progress", "40", "P", "3", "2024-06-01", "40"],
    ["C2", "PC-1", "routes", "Buses", "completed", "", "P", "1", "", "50"],
    ["C3", "PC-1", "santé", "Goudron", "cancelled", "", "P", "2", "", "60"],
    ["S", "PC-1", "eau", "Puits", "completed", "", "", "", "", "500"],
]
UPDATES = [
    ["recommendation_id", "date", "status", "progress"],
    ["C1", "2024-08-01", "in_progress", "70"],
    ["C2", "2024-08-02", "completed", ""],
]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def tree(engine, load, tmp_path):
    files = [
        write(tmp_path / "reunions.csv", MEETINGS),
        write(tmp_path / "recommandations.csv", [HEADER, *ROWS]),
        write(tmp_path / "suivi.csv", UPDATES),
    ]
    report = load(engine, *files)
    assert report.committed and report.rejects == []
    with engine.connect() as conn:
        commune = conn.execute(select(Commune.id, Commune.province_key)).one()
    return engine, commune


def frame(engine, query):
    return read_frame(engine, query)


@pytest.mark.parametrize("scope", ["country", "commune"])
def test_the_overviews_figures_count_a_parent_once_and_its_parts_not(tree, scope):
    engine, commune = tree
    f = RecommendationFilter(today=TODAY)
    if scope == "commune":
        f = RecommendationFilter(commune_ids=(commune.id,), today=TODAY)
    status = frame(engine, overview.status_counts(f)).set_index("status")
    assert status["count"].to_dict() == {"in_progress": 1, "completed": 1}
    assert int(status["overdue"].sum()) == 0  # the overdue parts are not counted
    assert float(status["budget_mad"].sum()) == 1500  # G's and S's own budgets
    domains = frame(engine, overview.domain_status_counts(f))
    assert sorted(domains[["domain", "status", "count"]].itertuples(index=False, name=None)) == [
        ("roads_transport", "in_progress", 1),
        ("water_sanitation", "completed", 1),
    ]
    for level in overview.ROLLUP_LEVELS:
        row = frame(engine, overview.rollup(level, f)).iloc[0]
        assert (row.recommendations, row.completed, row.cancelled) == (2, 1, 0)
        assert (row.stalled, row.overdue) == (0, 0)
    by_meeting = frame(engine, overview.completion_by_meeting(f))
    assert by_meeting[["meeting", "recommendations", "completed"]].values.tolist() == [
        ["PC-1", 2, 1]
    ]
    by_year = frame(engine, overview.completion_by_year(f))
    assert by_year[["recommendations", "completed"]].values.tolist() == [[2, 1]]


def test_the_display_the_reasons_the_programme_and_the_map_count_a_parent_once(tree):
    engine, commune = tree
    for f in (
        RecommendationFilter(today=TODAY),
        RecommendationFilter(commune_ids=(commune.id,), today=TODAY),
    ):
        domains = frame(engine, public.domain_counts(f))
        assert dict(domains[["domain", "count"]].itertuples(index=False, name=None)) == {
            "roads_transport": 1,
            "water_sanitation": 1,
        }
        # Every part is stalled, cancelled or overdue; the two counted ones are not.
        assert frame(engine, stall_reasons.reason_commune_counts(f)).empty
        assert frame(engine, stall_reasons.reason_domain_counts(f)).empty
        institutions = frame(engine, programme.by_institution(f))
        assert institutions["count"].sum() == 2 and institutions["completed"].sum() == 1
    with engine.begin() as conn:  # the commune's douar list places it on the country's map
        conn.execute(
            insert(Douar).values(
                commune_id=commune.id, key="tagant", name_fr="Tagant", latitude=30.2, longitude=-8.9
            )
        )
    narrowed = RecommendationFilter(domains=("roads_transport", "water_sanitation"), today=TODAY)
    points = frame(engine, places.commune_points(narrowed))
    assert points[["count", "completed"]].values.tolist() == [[2, 1]]


def test_the_meetings_list_the_scorecard_and_the_site_count_a_parent_once(tree):
    engine, commune = tree
    held = frame(engine, meetings.meeting_list((commune.id,)))
    assert held[["code", "recommendations", "completed"]].values.tolist() == [
        ["PC-1", 2, 1],
        ["PC-2", 0, 0],
    ]
    card = frame(engine, scorecards.scorecard("country", "", TODAY)).iloc[0]
    assert (card.recommendations, card.completed, card.cancelled) == (2, 1, 0)
    assert (card.open, card.overdue) == (1, 0)
    with engine.connect() as conn:
        counts = conn.execute(site_queries.commune_counts()).one()
    assert (counts.recommendations, counts.completed, counts.cancelled) == (2, 1, 0)


def test_what_moved_is_counted_from_the_parts_histories_once(tree):
    engine, commune = tree
    with engine.connect() as conn:
        later = conn.execute(select(Meeting.id).where(Meeting.code == "PC-2")).scalar_one()
    considered = frame(
        engine, meetings.between_recommendations(commune.id, dt.date(2024, 3, 10), later)
    )
    # G and P have parts: their work is the histories of D, C1, C2 and C3.
    assert sorted(considered["code"]) == ["C1", "C2", "C3", "D", "S"]
    moved = frame(
        engine,
        quarterly.movement(
            "province", commune.province_key, dt.date(2024, 7, 1), dt.date(2024, 9, 30)
        ),
    )
    # C1 and C2 moved: G, which they are parts of, moved; none of G's own entries says
    # completed, so nothing was completed in the quarter.
    assert moved[["updated", "completed"]].values.tolist() == [[1, 0]]


def test_the_list_and_its_count_still_show_every_row(tree):
    engine, commune = tree
    f = RecommendationFilter(commune_ids=(commune.id,), today=TODAY)
    assert frame(engine, listing.listing_count(f))["count"].iloc[0] == 7
    rows = frame(engine, listing.listing(f))
    assert len(rows) == 7


def test_the_countrys_counts_stay_read_from_covering_indexes_on_sqlite(
    sqlite_engine, load, tmp_path
):
    """Without statistics (a load gathers none on SQLite), the test of parent_code must
    not send SQLite through the parent_code index to every row of the table: the
    national pages would read the whole table (seconds at 1,503 communes)."""
    files = [
        write(tmp_path / "reunions.csv", MEETINGS),
        write(tmp_path / "recommandations.csv", [HEADER, *ROWS]),
    ]
    assert load(sqlite_engine, *files).committed
    f = RecommendationFilter(today=TODAY)
    # One domain: the recommendations are counted, not the communes' summaries.
    water = RecommendationFilter(domains=("water_sanitation",), today=TODAY)
    figures = [
        overview.status_counts(water),
        overview.domain_status_counts(water),
        overview.rollup("commune", RecommendationFilter(commune_ids=(1,), today=TODAY)),
        overview.completion_by_meeting(f),
        stall_reasons.reason_commune_counts(f),
        programme.by_institution(
            RecommendationFilter(institutions=("onee", "commune"), today=TODAY)
        ),
        meetings.meeting_list(),
        # The country's: the summaries, and the open recommendations whose target date
        # lies between the day they were counted on and a day ahead.
        overview.status_counts(RecommendationFilter(today=TODAY + dt.timedelta(days=300))),
        overview.rollup("region", RecommendationFilter(today=TODAY - dt.timedelta(days=300))),
    ]
    with sqlite_engine.connect() as conn:
        for query in figures:
            sql = str(query.compile(sqlite_engine, compile_kwargs={"literal_binds": True}))
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
            reads = [step for step in plan if "recommendations" in step]
            assert reads and all("COVERING INDEX" in step for step in reads), (sql, plan)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_meetings_figures_and_its_list_say_which_rows_are_parts(tree, db_url, monkeypatch, lang):
    """The meeting's figures count 2; its list shows the 7 rows, each part saying which
    recommendation it is a part of, so that the reader sees why the two differ."""
    app = run_page(
        "pages/2_Meetings.py", db_url, monkeypatch, lang=lang, params={"meeting": "PC-1"}
    )
    assert not app.exception, app.exception
    figures = {m.label: m.value for m in app.metric}
    assert figures[t("recommendations", lang)] == ui.number(2, lang)
    listed = " ".join(h.value for h in app.get("html"))
    part_of = t("rec_part_of", lang)
    for parent, parts in (("G", ("Piste de Tagant", "Pont sur l'oued")), ("P", ("Buses",))):
        assert f"{part_of}: <bdi>{parent}</bdi>" in listed
        for title in parts:
            assert escape(title) in listed
    assert listed.count(f"{part_of}: ") == 5
