"""The action programme (PAC, organic law 113-14 art. 78): a recommendation's pac_ref,
budget_line and partner_institution read from files with Arabic and French headers, an
unknown institution and a too long reference rejected with their rows, the columns kept by
a file without them, the list's filters, the overview's count and the edit form; and the
sample's figures as they were, since it has none of the columns. On both engines."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select, text

from conftest import SAMPLE_DIR, add_user, run_page
from etl.load import run_load
from etl.validate import validate_recommendation
from musharaka import metrics, queries
from musharaka.i18n import t, term_label
from musharaka.models import Recommendation
from musharaka.parsing import CellError, parse_institution
from musharaka.queries import RecommendationFilter, read_frame
from musharaka.queries import programme as programme_queries
from musharaka.views import programme as programme_view
from musharaka.vocabulary import INSTITUTIONS


# --- reading a cell --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ONEE", "onee"),
        ("onep", "onee"),
        ("المكتب الوطني للكهرباء والماء الصالح للشرب", "onee"),
        ("Office National de l'Electricité et de l'Eau Potable", "onee"),
        ("المبادرة الوطنية للتنمية البشرية", "indh"),
        ("INDH", "indh"),
        ("Province", "province"),
        ("العمالة", "province"),
        ("Conseil régional", "region"),
        ("وزارة الصحة", "health"),
        ("Direction provinciale de l'équipement", "equipment"),
        ("ORMVA", "ormva"),
        ("andzoa", "andzoa"),
        ("الشباب والرياضة", "youth"),
        ("Autre", "other"),
    ],
)
def test_an_institution_is_read_by_its_code_name_or_usual_spelling(written, key):
    assert parse_institution(written) == key


def test_an_unknown_institution_is_refused_with_the_list():
    with pytest.raises(CellError) as error:
        parse_institution("Banque mondiale")
    assert error.value.reason == "unknown_institution"
    assert "'Banque mondiale'" in error.value.message
    assert "onee, province, region, indh" in error.value.message


ROW = {"recommendation_id": "R1", "meeting_id": "M1", "domain": "water", "title": "Puits"}


def test_a_row_reads_the_programme_only_when_it_has_the_columns():
    record = validate_recommendation(ROW).record
    assert not {"pac_ref", "budget_line", "partner_institution"} & set(record)
    record = validate_recommendation(
        {**ROW, "pac_ref": "  PAC-2022-07 ", "budget_line": "", "partner_institution": ""}
    ).record
    assert (record["pac_ref"], record["budget_line"], record["partner_institution"]) == (
        "PAC-2022-07",
        None,
        None,
    )
    problem = validate_recommendation({**ROW, "partner_institution": "Banque"}).problem
    assert (problem.column, problem.reason, problem.value) == (
        "partner_institution",
        "unknown_institution",
        "Banque",
    )


# --- files -----------------------------------------------------------------------------
def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


MEETINGS = [["meeting_id", "commune", "date"], ["TG-1", "Tighza", "2024-03-01"]]


def _files(folder: Path) -> list[Path]:
    """A French file and an Arabic one, each with the programme's columns under its
    language's headers and aliases, and two bad rows."""
    folder.mkdir(exist_ok=True)
    french = _csv(
        folder / "recommandations.csv",
        [
            ["code", "réunion", "domaine", "titre", "réf pac", "ligne budgétaire",
             "institution partenaire"],
            ["TG-1-R1", "TG-1", "eau", "Adduction d'eau", "PAC-2022-07", "Chap. 20 art. 31",
             "Office National de l'Electricité et de l'Eau Potable"],
            ["TG-1-R2", "TG-1", "routes", "Piste", "", "", "Province"],
            ["TG-1-R3", "TG-1", "santé", "Dispensaire", "PAC-2022-09", "", "Banque mondiale"],
            ["TG-1-R4", "TG-1", "santé", "Ambulance", "P" * 61, "", ""],
            ["TG-1-R5", "TG-1", "éducation", "École", "", "", ""],
        ],
    )  # fmt: skip
    arabic = _csv(
        folder / "التوصيات.csv",
        [
            ["رمز التوصية", "رمز اللقاء", "المجال", "التوصية", "مرجع برنامج عمل الجماعة",
             "السطر الميزانياتي", "المؤسسة الشريكة"],
            ["TG-1-R6", "TG-1", "الصحة", "سيارة إسعاف", "PAC-2022-11", "الفصل 30",
             "المبادرة الوطنية للتنمية البشرية"],
        ],
    )  # fmt: skip
    return [_csv(folder / "meetings.csv", MEETINGS), french, arabic]


def _programme(engine) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Recommendation.code,
                Recommendation.pac_ref,
                Recommendation.budget_line,
                Recommendation.partner_institution,
            )
        ).all()
    return {row.code: tuple(row[1:]) for row in rows}


STORED = {
    "TG-1-R1": ("PAC-2022-07", "Chap. 20 art. 31", "onee"),
    "TG-1-R2": (None, None, "province"),
    "TG-1-R5": (None, None, None),
    "TG-1-R6": ("PAC-2022-11", "الفصل 30", "indh"),
}


def test_a_file_with_the_programme_loads_and_bad_values_are_rejected(engine, tmp_path):
    report = run_load(engine, _files(tmp_path / "first"))
    rejects = {(r["table"], r["row"]): (r["column"], r["reason"]) for r in report.rejects}
    assert rejects == {
        ("recommendations", 4): ("partner_institution", "unknown_institution"),
        ("recommendations", 5): ("pac_ref", "too_long"),
    }
    message = next(r["message"] for r in report.rejects if r["row"] == 4)
    assert "'Banque mondiale' is not one of the list" in message
    assert _programme(engine) == STORED

    # Loaded again without the columns: nothing changes, what is stored stays.
    folder = tmp_path / "again"
    folder.mkdir()
    plain = _csv(
        folder / "recommendations.csv",
        [
            ["recommendation_id", "meeting_id", "domain", "title"],
            ["TG-1-R1", "TG-1", "eau", "Adduction d'eau"],
            ["TG-1-R6", "TG-1", "الصحة", "سيارة إسعاف"],
        ],
    )
    report = run_load(engine, [_csv(folder / "meetings.csv", MEETINGS), plain])
    assert report.tables["recommendations"]["unchanged"] == 2
    assert _programme(engine) == STORED

    # A blank cell of a file that has the column clears it; a new value is an update.
    cleared = _csv(
        folder / "recommendations.csv",
        [
            ["recommendation_id", "meeting_id", "domain", "title", "pac_ref",
             "partner_institution"],
            ["TG-1-R1", "TG-1", "eau", "Adduction d'eau", "", "ONEE"],
            ["TG-1-R2", "TG-1", "routes", "Piste", "PAC-2023-01", "province"],
        ],
    )  # fmt: skip
    report = run_load(engine, [_csv(folder / "meetings.csv", MEETINGS), cleared])
    assert report.tables["recommendations"]["updated"] == 2
    stored = _programme(engine)
    assert stored["TG-1-R1"] == (None, "Chap. 20 art. 31", "onee")
    assert stored["TG-1-R2"] == ("PAC-2023-01", None, "province")


def test_the_filters_and_the_count_in_the_programme(engine, tmp_path):
    run_load(engine, _files(tmp_path))

    def codes(**chosen) -> set[str]:
        query = queries.filtered(select(Recommendation.code), RecommendationFilter(**chosen))
        with engine.connect() as conn:
            return set(conn.execute(query).scalars())

    assert codes(in_programme=True) == {"TG-1-R1", "TG-1-R6"}
    assert codes(in_programme=False) == {"TG-1-R2", "TG-1-R5"}
    assert codes(institutions=("onee", "province")) == {"TG-1-R1", "TG-1-R2"}
    assert codes(institutions=("indh",), in_programme=True) == {"TG-1-R6"}

    counts = read_frame(engine, programme_queries.by_institution(RecommendationFilter()))
    figures = programme_view.figures(counts)
    assert (figures.total, figures.in_programme, figures.with_institution) == (4, 2, 3)
    assert figures.share == 0.5
    table = programme_view.institution_table(counts, "fr")
    assert table.to_dict("list") == {
        "Institution partenaire": [
            term_label(INSTITUTIONS, "onee", "fr"),
            "Province ou préfecture",
            term_label(INSTITUTIONS, "indh", "fr"),
            "Sans institution partenaire",
        ],
        "Recommandations": [1, 1, 1, 1],
        t("programme_in", "fr"): [1, 0, 1, 0],
        t("completed", "fr"): [0, 0, 0, 0],
    }


def test_the_export_and_its_dictionary_carry_the_programme(engine, tmp_path):
    from etl import export
    from musharaka import data_dictionary

    run_load(engine, _files(tmp_path))
    assert {"pac_ref", "budget_line", "partner_institution"} <= set(
        export.COLUMNS["recommendations"]
    )
    with engine.connect() as conn:
        tables = export.collect(conn)
    rows = {r["recommendation_id"]: r for r in tables["recommendations"]}
    assert (rows["TG-1-R6"]["pac_ref"], rows["TG-1-R6"]["partner_institution"]) == (
        "PAC-2022-11",
        "indh",
    )
    entries = data_dictionary.entries({"recommendations": export.COLUMNS["recommendations"]})
    institution = next(e for e in entries if e.column == "partner_institution")
    assert institution.kind == "code"
    assert "onee = Office national de l'électricité" in institution.values("fr")


# --- pages -----------------------------------------------------------------------------
@pytest.fixture
def programme_url(engine, db_url, tmp_path) -> str:
    """The bundled sample, plus a commune whose recommendations name their PAC lines."""
    report = run_load(engine, [SAMPLE_DIR, *_files(tmp_path)])
    assert report.committed
    return db_url


def _metrics(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_the_overview_counts_the_recommendations_taken_into_the_programme(
    programme_url, engine, monkeypatch
):
    with engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM recommendations")).scalar_one()
        tighza = conn.execute(text("SELECT id FROM communes WHERE name = 'Tighza'")).scalar_one()
    app = run_page("pages/0_Overview.py", programme_url, monkeypatch, lang="fr")
    assert not app.exception, app.exception
    shown = _metrics(app)
    assert shown[t("programme_in", "fr")] == "2"
    assert shown[t("programme_share", "fr")].startswith(f"{2 / total * 100:.1f}".replace(".", ","))
    assert t("programme_title", "fr") in [s.value for s in app.subheader]
    # One commune: its four recommendations, two of them in its programme.
    app = run_page(
        "pages/0_Overview.py",
        programme_url,
        monkeypatch,
        lang="en",
        params={"commune": str(tighza)},
    )
    assert not app.exception, app.exception
    assert _metrics(app)["Share taken into the action programme"] == "50%"
    links = [m.value for m in app.markdown if "pac=in" in m.value]
    assert links and f"commune={tighza}" in links[0]


def test_the_list_is_filtered_by_institution_and_by_the_programme(programme_url, monkeypatch):
    page = "pages/1_Recommendations.py"
    app = run_page(page, programme_url, monkeypatch, lang="en", params={"pac": "in"})
    assert not app.exception, app.exception
    assert app.subheader[0].value == t("rec_found", "en").format(count=2)
    assert app.selectbox(key="rec_pac").value == "in"
    app = run_page(page, programme_url, monkeypatch, lang="ar", params={"institution": "onee"})
    assert not app.exception, app.exception
    assert app.subheader[0].value == t("rec_found", "ar").format(count=1)
    # Chosen in the sidebar, the filter narrows the list and is written into the URL.
    app.selectbox(key="rec_pac").set_value("out").run()
    assert not app.exception, app.exception
    assert app.subheader[0].value == t("rec_found", "ar").format(count=0)
    assert app.query_params["pac"] == "out"


def test_the_detail_shows_the_programme(programme_url, monkeypatch):
    app = run_page(
        "pages/1_Recommendations.py",
        programme_url,
        monkeypatch,
        lang="fr",
        params={"rec": "TG-1-R6"},
    )
    assert not app.exception, app.exception
    texts = " ".join(m.value for m in app.markdown).replace("\\", "")
    assert "PAC-2022-11" in texts
    assert term_label(INSTITUTIONS, "indh", "fr") in texts


def test_the_edit_form_sets_the_programme(programme_url, engine, monkeypatch):
    admin = add_user(programme_url, "admin", "admin")
    app = run_page(
        "pages/7_Edit.py", programme_url, monkeypatch, lang="en", user=admin,
        params={"rec": "TG-1-R5"},
    )  # fmt: skip
    assert not app.exception, app.exception
    assert app.selectbox(key="edit_recommendations_partner_institution").value == ""
    app.text_input(key="edit_recommendations_pac_ref").input(" PAC-2024-03 ")
    app.text_input(key="edit_recommendations_budget_line").input("Chap. 10")
    app.selectbox(key="edit_recommendations_partner_institution").set_value("education")
    button = next(b for b in app.button if b.label == t("edit_save", "en"))
    button.click().run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert _programme(engine)["TG-1-R5"] == ("PAC-2024-03", "Chap. 10", "education")


# --- the figures that were there before -------------------------------------------------
def test_the_samples_figures_are_as_before(sample_url, engine, monkeypatch):
    """The sample has none of the columns: its figures do not move, and the overview
    shows no programme section rather than saying none was taken into it."""
    everything = RecommendationFilter()
    figures = metrics.key_figures(read_frame(engine, queries.status_counts(everything)))
    both = RecommendationFilter(in_programme=None, institutions=())
    assert metrics.key_figures(read_frame(engine, queries.status_counts(both))) == figures
    assert figures.total == 80  # the sample's recommendations, as the other tests count them
    counts = read_frame(engine, programme_queries.by_institution(everything))
    assert not programme_view.figures(counts).recorded
    app = run_page("pages/0_Overview.py", sample_url, monkeypatch, lang="en")
    assert not app.exception, app.exception
    assert t("programme_in", "en") not in _metrics(app)
    assert _metrics(app)["Recommendations"] == "80"
