"""Places: coordinates read as people write them and checked to lie in Morocco, a
commune's douar list, and a recommendation placed by its douar when it has no point of
its own; on both engines."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from etl.load import run_load
from etl.validate import validate_douar, validate_meeting, validate_recommendation
from musharaka.models import Douar, Meeting, Recommendation
from musharaka.parsing import CellError
from musharaka.places import parse_coordinate, place_key
from musharaka.queries.filters import RecommendationFilter, read_frame
from musharaka.queries.places import commune_points, recommendation_points, unplaced_count


@pytest.mark.parametrize(
    ("written", "axis", "degrees"),
    [
        ("30.2533", "latitude", 30.2533),
        ("30,2533", "latitude", 30.2533),
        (30.2533, "latitude", 30.2533),
        ("٣٠٫٥", "latitude", None),  # Arabic decimal separator: not a coordinate
        ("30°15'12\"N", "latitude", 30.253333),
        ("30° 15′ 12″ N", "latitude", 30.253333),
        ("N 30°15'12\"", "latitude", 30.253333),
        ("30 15 12 N", "latitude", 30.253333),
        ("-9.5", "longitude", -9.5),
        ("9°30'W", "longitude", -9.5),
        ("9°30'O", "longitude", -9.5),  # French: ouest
        ("9,5 W", "longitude", -9.5),
        ("9°30'N", "longitude", None),  # a latitude's letter on a longitude
        ("30°75'N", "latitude", None),  # 75 minutes
        ("-9.5W", "longitude", None),  # a sign and a letter
        ("près du puits", "latitude", None),
    ],
)
def test_coordinates_are_read_as_written(written, axis, degrees):
    if degrees is None:
        with pytest.raises(CellError) as error:
            parse_coordinate(written, axis)
        assert error.value.reason == "bad_number"
    else:
        assert parse_coordinate(written, axis) == pytest.approx(degrees, abs=1e-6)


GOOD_RECOMMENDATION = {
    "recommendation_id": "R1",
    "meeting_id": "M1",
    "domain": "roads_transport",
    "title": "Piste",
}


@pytest.mark.parametrize(
    ("latitude", "longitude", "column", "reason", "said"),
    [
        ("48.8566", "2.3522", "latitude", "out_of_range", "outside Morocco (20.5..36.1"),
        ("30.25", "9.5", "longitude", "out_of_range", "write -9.5 or 9.5W"),
        ("-9.5", "30.25", "latitude", "out_of_range", "look swapped"),
        ("19.9", "-16.5", "latitude", "out_of_range", "outside Morocco"),  # south of Lagouira
        ("30.25", "", "longitude", "missing_required", "give both or neither"),
        ("", "-9.5", "latitude", "missing_required", "give both or neither"),
        ("trente", "-9.5", "latitude", "bad_number", "is not a coordinate"),
    ],
)
def test_bad_coordinates_reject_the_row_with_a_reason(latitude, longitude, column, reason, said):
    result = validate_recommendation(
        {**GOOD_RECOMMENDATION, "latitude": latitude, "longitude": longitude}
    )
    assert result.record is None
    assert (result.problem.column, result.problem.reason) == (column, reason)
    assert said in result.problem.message


def test_the_southern_provinces_are_in_morocco():
    for latitude, longitude in (("23.6848", "-15.9580"), ("20.93", "-17.05"), ("27.15", "-13.2")):
        result = validate_meeting(
            {"meeting_id": "M1", "commune": "Bir Gandouz", "date": "2024-03-01",
             "latitude": latitude, "longitude": longitude}
        )  # fmt: skip
        assert result.problem is None, result.problem
        assert result.record["latitude"] == float(latitude)


def test_a_row_without_the_columns_sets_no_place():
    """A form (or an older file) without coordinates leaves the stored place alone."""
    record = validate_recommendation(GOOD_RECOMMENDATION).record
    assert "latitude" not in record and "longitude" not in record


def test_a_douar_needs_a_name_and_its_coordinates():
    unnamed = validate_douar({"commune": "Tighza", "latitude": "31.5", "longitude": "-7.9"})
    assert unnamed.problem.reason == "missing_required"
    unplaced = validate_douar(
        {"commune": "Tighza", "name_fr": "Tagant", "latitude": "", "longitude": ""}
    )
    assert (unplaced.problem.column, unplaced.problem.reason) == ("latitude", "missing_required")


def test_place_key_drops_the_word_douar():
    assert place_key("Douar Tagant") == place_key("tagant") == place_key("DOUAR  Tagant")
    assert place_key("دوار تاكانت") == place_key("تاكانت")
    assert place_key("  ") is None


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _files(folder: Path, with_places: bool = True) -> list[Path]:
    place = ["latitude", "longitude"] if with_places else []

    def at(*cells: str) -> list[str]:
        return list(cells) if with_places else []

    meetings = _csv(
        folder / "meetings.csv",
        [
            ["meeting_id", "commune", "date", *place],
            ["TG-1", "Tighza", "2024-03-01", *at("31,5", "7°54'W")],
        ],
    )
    recommendations = _csv(
        folder / "recommendations.csv",
        [
            ["recommendation_id", "meeting_id", "domain", "title", "douar", *place],
            ["TG-1-R1", "TG-1", "routes", "Piste vers Tagant", "Douar Tagant",
             *at("", "")],
            ["TG-1-R2", "TG-1", "eau", "Puits", "Ighil", *at("31.51", "-7.91")],
            ["TG-1-R3", "TG-1", "santé", "Dispensaire", "Douar Inconnu", *at("", "")],
            ["TG-1-R4", "TG-1", "santé", "Ambulance", "", *at("48.85", "2.35")],
        ],
    )  # fmt: skip
    return [meetings, recommendations]


def _douars(folder: Path) -> Path:
    return _csv(
        folder / "douars.csv",
        [
            ["commune", "الدوار", "nom du douar", "latitude", "longitude"],
            ["Tighza", "تاكانت", "Tagant", "31.52", "-7.95"],
            ["Tighza", "", "Ighil", "31,53", "7°56'W"],
            ["Nowhere", "", "Lost", "31.5", "-7.9"],
            ["Tighza", "", "Paris", "48.85", "2.35"],
        ],
    )


def test_a_file_with_coordinates_and_a_douar_list_places_the_recommendations(engine, tmp_path):
    report = run_load(engine, [*_files(tmp_path), _douars(tmp_path)])
    rejects = {(r["table"], r["row"]): (r["column"], r["reason"]) for r in report.rejects}
    assert rejects == {
        ("recommendations", 5): ("latitude", "out_of_range"),
        ("douars", 4): ("commune", "unknown_reference"),
        ("douars", 5): ("latitude", "out_of_range"),
    }
    with engine.connect() as conn:
        meeting = conn.execute(select(Meeting.latitude, Meeting.longitude)).one()
        assert tuple(meeting) == (31.5, -7.9)
        douars = conn.execute(select(Douar.name_ar, Douar.name_fr).order_by(Douar.id)).all()
        assert [tuple(d) for d in douars] == [("تاكانت", "Tagant"), (None, "Ighil")]
        points = read_frame(conn, recommendation_points(RecommendationFilter()))
        unplaced = conn.execute(unplaced_count(RecommendationFilter())).scalar_one()
        communes = read_frame(conn, commune_points(RecommendationFilter()))
    placed = {row.code: (row.latitude, row.longitude, row.placed_by) for row in points.itertuples()}
    assert placed == {
        "TG-1-R1": (31.52, -7.95, "douar"),  # "Douar Tagant" names the douar Tagant
        "TG-1-R2": (31.51, -7.91, "own"),  # its own point wins over its douar's
    }
    assert unplaced == 1  # "Douar Inconnu" is on no list
    assert communes.to_dict("records") == [
        {
            "commune_id": 1, "name": "Tighza", "name_ar": None, "name_fr": "Tighza",
            "latitude": pytest.approx((31.52 + 31.53) / 2, abs=1e-5),
            "longitude": pytest.approx((-7.95 - (7 + 56 / 60)) / 2, abs=1e-5),
            "count": 3, "completed": 0,
        }
    ]  # fmt: skip


def test_a_file_without_coordinates_keeps_the_stored_ones(engine, tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    run_load(engine, _files(first))
    again = tmp_path / "again"
    again.mkdir()
    report = run_load(engine, _files(again, with_places=False))
    assert report.tables["recommendations"]["unchanged"] == 3
    assert report.tables["meetings"]["unchanged"] == 1
    with engine.connect() as conn:
        own = conn.execute(
            select(Recommendation.latitude).where(Recommendation.code == "TG-1-R2")
        ).scalar_one()
    assert own == 31.51


def test_a_douar_list_loaded_again_is_unchanged_and_a_moved_douar_updated(engine, tmp_path):
    run_load(engine, _files(tmp_path))
    run_load(engine, [_douars(tmp_path)])
    again = run_load(engine, [_douars(tmp_path)])
    assert again.tables["douars"]["unchanged"] == 2
    moved = _csv(
        tmp_path / "moved.csv",
        [["commune", "name_fr", "latitude", "longitude"], ["Tighza", "Tagant", "31.6", "-7.95"]],
    )
    report = run_load(engine, [moved])
    assert report.tables["douars"]["updated"] == 1  # Tagant found by its French name
    with engine.connect() as conn:
        assert (
            conn.execute(select(Douar.latitude).where(Douar.name_fr == "Tagant")).scalar_one()
            == 31.6
        )


def test_an_editors_douar_list_stays_in_the_editors_communes(engine, tmp_path):
    """An editor of Tighza loads a douar list that also names a douar of another commune:
    that row is refused as not the editor's (and says which commune), Tighza's are written."""
    other = _csv(
        tmp_path / "other.csv",
        [["meeting_id", "commune", "date"], ["AM-1", "Amalou", "2024-03-02"]],
    )
    run_load(engine, [*_files(tmp_path), other])
    with engine.connect() as conn:
        tighza = conn.execute(select(Meeting.commune_id).where(Meeting.code == "TG-1")).scalar_one()
    douars = _csv(
        tmp_path / "douars.csv",
        [
            ["commune", "name_fr", "latitude", "longitude"],
            ["Tighza", "Tagant", "31.52", "-7.95"],
            ["Amalou", "Tizi", "31.4", "-7.8"],
        ],
    )
    report = run_load(engine, [douars], allowed_communes={tighza}, source="upload")
    refused = [(r["row"], r["column"], r["reason"]) for r in report.rejects]
    assert refused == [(3, "commune", "not_allowed")]
    assert "Amalou" in report.rejects[0]["message"]
    with engine.connect() as conn:
        assert conn.execute(select(Douar.name_fr)).scalars().all() == ["Tagant"]


def test_the_demo_places_every_commune_inside_morocco_near_its_province():
    from etl.demo_coordinates import PROVINCE_POINTS, province_radius
    from etl.demo_places import commune_profiles
    from musharaka.places import place_problem

    for profile in commune_profiles(1503):
        assert place_problem(*profile.centre) is None, profile.name
        point = PROVINCE_POINTS[profile.province.key]
        km = 111 * max(abs(profile.centre[0] - point[0]), abs(profile.centre[1] - point[1]))
        assert km <= province_radius(profile.province) * 1.3, profile.name
        assert len(profile.douar_places) == len(profile.douars)
        assert all(place_problem(*p) is None for p in profile.douar_places)


def test_demo_recommendations_are_placed_by_their_douars(engine):
    from etl.demo import load_direct

    load_direct(engine, 1)
    with engine.connect() as conn:
        points = read_frame(conn, recommendation_points(RecommendationFilter()))
        unplaced = conn.execute(unplaced_count(RecommendationFilter())).scalar_one()
        communes = read_frame(conn, commune_points(RecommendationFilter()))
        total = conn.execute(select(func.count()).select_from(Recommendation)).scalar_one()
        # The commune's point counts as the figures do: a part is counted in its parent.
        top_level = conn.execute(
            select(func.count()).where(Recommendation.parent_code.is_(None))
        ).scalar_one()
    assert set(points["placed_by"]) == {"own", "douar"}
    assert len(points) + unplaced == total
    assert len(points) > total / 2  # most recommendations name a douar or the centre
    assert 0 < top_level < total  # the demo has parts
    assert len(communes) == 1 and communes["count"][0] == top_level
