"""Sub-recommendations: a file's `weight` column loads (in French and Arabic headers) and
a bad weight is rejected with its row; a parent's progress is rolled up from its parts by
their weights after a load, after a later update of a part, after a part leaves it and
after a form's update, two levels up (SQLite and PostgreSQL); the recommendation's page
shows its parts and the one it is a part of; the export carries the weight."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import add_user, run_page
from etl import export
from etl.parts import levels
from musharaka import auth
from musharaka.i18n import t
from musharaka.models import Recommendation
from musharaka.parts import rolled_progress
from musharaka.services import edit

RECOMMENDATIONS = "pages/1_Recommendations.py"
MEETINGS = [
    ["meeting_id", "commune", "province", "date", "title"],
    ["PT-1", "Parts", "Taroudant", "2024-03-10", "Rencontre"],
]
HEADER = [
    "recommendation_id", "meeting_id", "domain", "title", "status", "progress",
    "recommandation parente", "poids",
]  # fmt: skip
# G has two parts, P and D; P has three, C1 (weight 3), C2 (weight 1) and C3 (cancelled).
ROWS = [
    ["G", "PT-1", "routes", "Désenclaver le douar", "in_progress", "10", "", ""],
    ["P", "PT-1", "routes", "Piste de Tagant", "in_progress", "5", "G", ""],
    ["D", "PT-1", "routes", "Pont sur l'oued", "not_started", "", "G", ""],
    ["C1", "PT-1", "routes", "Terrassement", "in_progress", "40", "P", "3"],
    ["C2", "PT-1", "routes", "Buses", "completed", "", "P", "1"],
    ["C3", "PT-1", "routes", "Goudron", "cancelled", "", "P", "2,5"],
]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def progress(engine) -> dict[str, float | None]:
    with engine.connect() as conn:
        rows = conn.execute(select(Recommendation.code, Recommendation.current_progress))
        return {code: value for code, value in rows}


@pytest.fixture
def loaded(engine, load, tmp_path):
    meetings = write(tmp_path / "reunions.csv", MEETINGS)
    recommendations = write(tmp_path / "recommandations.csv", [HEADER, *ROWS])
    report = load(engine, meetings, recommendations)
    assert report.committed and report.rejects == []
    return engine


# --- the roll-up, pure ---------------------------------------------------------------------
def test_a_parents_progress_is_its_parts_weighted_mean():
    assert rolled_progress([("in_progress", 40, 3), ("completed", None, 1)]) == 55.0
    assert rolled_progress([("in_progress", 40, None), ("not_started", None, None)]) == 20.0
    # A cancelled part is left out; a partially completed one counts what it kept.
    assert rolled_progress([("cancelled", 0, 5), ("partially_completed", 60, 1)]) == 60.0
    assert rolled_progress([("cancelled", 0, 1)]) is None
    assert rolled_progress([]) is None


def test_parents_are_refreshed_from_the_deepest_up():
    parent_of = {"C1": "P", "P": "G", "D": "G"}
    assert levels(["C1"], parent_of, {"P", "G"}) == {"P": 1, "G": 2}
    # A touched parent comes first, its own parent after it, whichever path reaches it.
    assert levels(["P", "D", "C1"], parent_of, {"P", "G"}) == {"P": 1, "G": 2}
    assert levels(["D"], parent_of, {"P", "G"}) == {"G": 1}


# --- loads and forms --------------------------------------------------------------------------
def test_a_load_rolls_each_parents_progress_up_from_its_parts(loaded):
    found = progress(loaded)
    assert found["P"] == 55.0  # (3 x 40 + 1 x 100) / 4; the cancelled C3 left out
    assert found["G"] == 27.5  # (55 + 0) / 2: P, and D not started
    assert (found["C1"], found["D"]) == (40.0, 0.0)  # parts keep their own
    with loaded.connect() as conn:
        weights = dict(conn.execute(select(Recommendation.code, Recommendation.weight)).all())
    assert weights == {"G": None, "P": None, "D": None, "C1": 3.0, "C2": 1.0, "C3": 2.5}


def test_an_update_of_a_part_moves_its_parents(loaded, load, tmp_path):
    updates = write(
        tmp_path / "suivi.csv",
        [
            ["recommendation_id", "date", "status", "progress"],
            ["C1", "2024-06-01", "in_progress", "80"],
        ],
    )
    assert load(loaded, updates).rejects == []
    found = progress(loaded)
    assert (found["C1"], found["P"], found["G"]) == (80.0, 85.0, 42.5)


def test_a_part_that_leaves_its_parent_no_longer_counts(loaded, load, tmp_path):
    moved = [row[:] for row in ROWS if row[0] == "C2"]
    moved[0][6] = ""  # C2 is no longer a part of P
    assert load(loaded, write(tmp_path / "r2.csv", [HEADER, *moved])).rejects == []
    found = progress(loaded)
    assert found["P"] == 40.0  # C1 alone: C3 is cancelled
    assert found["G"] == 20.0


def test_a_forms_update_of_a_part_moves_its_parent(loaded, engine, db_url):
    user_id = add_user(db_url, "parts", "editor", communes=("Parts",))
    with engine.connect() as conn:
        editor = auth.load_identity(conn, user_id)
    entry = {"recommendation_id": "C2", "date": "2024-07-01", "status": "cancelled"}
    assert edit.save(engine, "status_updates", entry, user=editor).saved
    found = progress(engine)
    assert found["P"] == 40.0 and found["G"] == 20.0


@pytest.mark.parametrize(
    ("weight", "reason"),
    [("0", "out_of_range"), ("-2", "out_of_range"), ("beaucoup", "bad_number")],
)
def test_a_bad_weight_is_rejected_with_its_row(sqlite_engine, load, tmp_path, weight, reason):
    header = ["رقم التوصية", "رقم اللقاء", "القطاع", "التوصية", "التوصية الأم", "الوزن"]
    rows = [
        header,
        ["A", "PT-1", "الطرق", "طريق", "", ""],
        ["B", "PT-1", "الطرق", "قنطرة", "A", weight],
    ]
    meetings = write(tmp_path / "reunions.csv", MEETINGS)
    report = load(sqlite_engine, meetings, write(tmp_path / "توصيات.csv", rows))
    (reject,) = report.rejects
    assert (reject["row"], reject["column"], reject["reason"]) == (3, "weight", reason)
    assert weight in reject["message"]
    assert set(progress(sqlite_engine)) == {"A"}


# --- what a reader sees -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_parents_page_lists_its_parts_and_a_parts_page_names_its_parent(
    loaded, db_url, monkeypatch, lang
):
    app = run_page(RECOMMENDATIONS, db_url, monkeypatch, lang=lang, params={"rec": "P"})
    assert not app.exception, app.exception
    text = " ".join(m.value for m in app.markdown) + " ".join(h.value for h in app.get("html"))
    assert t("rec_parts", lang) in text
    for title in ("Terrassement", "Buses", "Goudron"):
        assert title in text
    assert t("rec_parts_rolled", lang) in [c.value for c in app.caption]
    # P is a part of G: a link to G's own page, its title isolated in its direction.
    assert f"**{t('rec_part_of', lang)}:** [\u2068Désenclaver le douar\u2069](" in text
    assert "rec=G" in text
    app = run_page(RECOMMENDATIONS, db_url, monkeypatch, lang=lang, params={"rec": "C1"})
    text = " ".join(m.value for m in app.markdown)
    assert "[\u2068Piste de Tagant\u2069](" in text and "rec=P" in text
    assert t("rec_parts", lang) not in text


def test_the_export_carries_each_parts_weight(loaded, tmp_path):
    with loaded.connect() as conn:
        rows = export.collect(conn, public=True)["recommendations"]
    assert {r["recommendation_id"]: r["weight"] for r in rows} == {
        "G": None, "P": None, "D": None, "C1": 3, "C2": 1, "C3": 2.5
    }  # fmt: skip


def test_a_parent_whose_parts_are_all_cancelled_keeps_its_own_progress(engine, load, tmp_path):
    """docs/data-contract.md: when all its parts are cancelled, its own history's progress
    stands (not a blank progress, as if nothing were known of it)."""
    rows = [
        ["W", "PT-1", "eau", "Adduction d'eau", "in_progress", "35", "", ""],
        ["W1", "PT-1", "eau", "Forage", "cancelled", "", "W", ""],
        ["W2", "PT-1", "eau", "Réservoir", "cancelled", "", "W", "2"],
    ]
    meetings = write(tmp_path / "reunions.csv", MEETINGS)
    recommendations = write(tmp_path / "recommandations.csv", [HEADER, *rows])
    report = load(engine, meetings, recommendations)
    assert report.committed and report.rejects == []
    assert progress(engine)["W"] == 35.0
