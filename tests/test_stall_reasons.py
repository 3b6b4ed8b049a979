"""Why a recommendation stalls (issue 18): a stalled, cancelled or overdue recommendation
carries a reason from a short vocabulary, loaded from files in the words people write
(Arabic, French, English), set in the Data entry form, counted by reason and domain on
the overview and listed by the council report; a bad reason rejects its row."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from etl.validate import validate_recommendation, validate_status_update
from musharaka import queries
from musharaka.models import Recommendation, StatusUpdate
from musharaka.parsing import CellError, parse_stall_reason

SAMPLE_DIR = queries.__file__.rsplit("/musharaka/", 1)[0] + "/data/sample"
# A follow-up file of one sample commune with a reason column, written as a secretary
# would: the reason in Arabic, in French, and one that is no reason Musharaka knows.
STALL_FILE = (
    "ID recommandation;Date de mise à jour;Statut;Avancement;Motif du blocage\n"
    "TGZ-2019-1-R05;01/11/2026;En retard;20;الوعاء العقاري غير متوفر\n"
    "TGZ-2019-1-R06;01/11/2026;Bloquée;10;Foncier non disponible\n"
    "TGZ-2019-1-R07;01/11/2026;Annulée;;Hors compétence de la commune\n"
    "TGZ-2019-1-R03;01/11/2026;متعثرة;30;عدم توفر الاعتمادات\n"
    "TGZ-2019-1-R04;01/11/2026;En retard;30;la pluie\n"
)
LOADED = {
    "TGZ-2019-1-R05": "land",
    "TGZ-2019-1-R06": "land",
    "TGZ-2019-1-R07": "competence",
    "TGZ-2019-1-R03": "budget",
}


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("الوعاء العقاري غير متوفر", "land"),
        ("عدم توفر الوعاء العقاري", "land"),
        ("Foncier non disponible", "land"),
        ("problème foncier", "land"),
        ("Land not available", "land"),
        ("الاعتمادات المالية غير متوفرة", "budget"),
        ("Budget non disponible", "budget"),
        ("manque de budget", "budget"),
        ("عدم التزام الشريك", "partner"),
        ("Partenaire non engagé", "partner"),
        ("في انتظار الترخيص", "studies"),
        ("Études en cours", "studies"),
        ("autorisation en attente", "studies"),
        ("خارج اختصاص الجماعة", "competence"),
        ("Hors compétence", "competence"),
        ("Autre", "other"),
        ("other", "other"),
    ],
)
def test_the_words_people_write_read_as_a_reason(written, key):
    assert parse_stall_reason(written) == key


def test_an_unknown_reason_is_an_unknown_value_naming_the_reasons_known():
    with pytest.raises(CellError) as error:
        parse_stall_reason("la pluie")
    assert error.value.reason == "unknown_value"
    assert "la pluie" in error.value.message and "land, budget, partner" in error.value.message


def test_a_reason_is_not_kept_with_a_completion_and_says_so():
    result = validate_status_update(
        {
            "recommendation_id": "R1",
            "date": "2020-01-01",
            "status": "completed",
            "stall_reason": "budget",
        }
    )
    assert result.record is not None and result.record["stall_reason"] is None
    assert [column for column, _ in result.warnings] == ["stall_reason"]


def test_a_row_without_the_column_sets_no_reason():
    update = validate_status_update(
        {"recommendation_id": "R1", "date": "2020-01-01", "status": "stalled"}
    )
    assert update.record is not None and "stall_reason" not in update.record
    row = {"recommendation_id": "R1", "meeting_id": "M1", "domain": "health", "title": "x"}
    assert "stall_reason" not in validate_recommendation(row).record
    row["stall_reason"] = "Foncier"
    row["status"] = "Bloquée"
    assert validate_recommendation(row).record["stall_reason"] == "land"


@pytest.fixture
def stall_folder(tmp_path):
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE_DIR, folder)
    (folder / "tighirt-ouzzal-suivi-blocages.csv").write_text(STALL_FILE, encoding="utf-8")
    return folder


def _current(engine) -> dict[str, tuple[str, str | None]]:
    with Session(engine) as session:
        return {
            r.code: (r.current_status, r.current_stall_reason)
            for r in session.scalars(select(Recommendation))
        }


def test_reasons_load_in_arabic_and_french_and_a_bad_one_is_rejected_with_its_row(
    engine, load, stall_folder
):
    report = load(engine, stall_folder)
    assert report.committed
    rejects = [r for r in report.rejects if r.get("column") == "stall_reason"]
    assert len(rejects) == 1, report.rejects
    reject = rejects[0]
    assert reject["reason"] == "unknown_value"
    assert reject["file"].endswith("tighirt-ouzzal-suivi-blocages.csv")
    assert reject["row"] == 6 and reject["value"] == "la pluie"
    current = _current(engine)
    assert {code: current[code][1] for code in LOADED} == LOADED
    assert current["TGZ-2019-1-R07"] == ("cancelled", "competence")
    # The rejected row's recommendation keeps the state it had, without a reason.
    assert current["TGZ-2019-1-R04"][1] is None
    with Session(engine) as session:
        stored = session.scalars(
            select(StatusUpdate.stall_reason).where(StatusUpdate.stall_reason.is_not(None))
        ).all()
    assert sorted(stored) == sorted(LOADED.values())
    # Loaded again: nothing changes.
    again = load(engine, stall_folder)
    assert again.committed
    assert all(c["updated"] == 0 for c in again.as_dict()["tables"].values())


def test_a_later_update_without_a_reason_ends_the_reason(engine, load, stall_folder, tmp_path):
    assert load(engine, stall_folder).committed
    later = tmp_path / "later-suivi.csv"
    later.write_text(
        "ID recommandation;Date de mise à jour;Statut;Avancement;Motif du blocage\n"
        "TGZ-2019-1-R05;02/11/2026;En cours;40;\n",
        encoding="utf-8",
    )
    assert load(engine, later).committed
    assert _current(engine)["TGZ-2019-1-R05"] == ("in_progress", None)


def test_the_sample_without_the_column_loads_as_before_with_no_reason(engine, load):
    """Files without the column (the whole sample) load without a warning about reasons,
    every recommendation without one, and the overview's key figures are the statuses'."""
    from musharaka import metrics

    report = load(engine, SAMPLE_DIR)
    assert report.committed and not report.rejects
    assert not [w for w in report.warnings if "stall" in str(w)]
    assert all(reason is None for _, reason in _current(engine).values())
    f = queries.RecommendationFilter(today=dt.date(2026, 11, 30))
    figures = metrics.key_figures(queries.read_frame(engine, queries.status_counts(f)))
    assert figures.total == len(_current(engine))


TODAY = dt.date(2026, 11, 30)


def test_the_chart_counts_the_reasons_by_domain(engine, load, stall_folder):
    from musharaka import charts

    assert load(engine, stall_folder).committed
    f = queries.RecommendationFilter(today=TODAY)
    counts = queries.read_frame(engine, queries.stall_reasons.reason_domain_counts(f))
    by_reason = counts.groupby(counts["reason"].fillna(""))["count"].sum().to_dict()
    assert (by_reason["land"], by_reason["competence"], by_reason["budget"]) == (2, 1, 1)
    # Every recommendation that did not move is counted once, reason or not.
    figures = metrics_key_figures(engine, f)
    assert sum(by_reason.values()) >= figures.stalled + figures.by_status["cancelled"]
    figure = charts.stall_reason_bar(counts, "en")
    assert charts.chart_title(figure) == "Why things stall"
    headers, rows = charts.numbers(figure)
    assert headers[0] == "Why it stalled"
    shown = {row[0]: sum(int(cell or 0) for cell in row[1:]) for row in rows}
    assert shown["Land not available"] == 2
    assert shown["Outside the commune's competence"] == 1
    assert [row[0] for row in rows][-1] == "No reason given"
    # In Arabic, the words a secretary wrote.
    _, rows_ar = charts.numbers(charts.stall_reason_bar(counts, "ar"))
    assert "الوعاء العقاري غير متوفر" in [row[0] for row in rows_ar]


def metrics_key_figures(engine, f):
    from musharaka import metrics

    return metrics.key_figures(queries.read_frame(engine, queries.status_counts(f)))


def test_the_overview_shows_why_things_stall_across_communes(
    engine, db_url, load, stall_folder, monkeypatch
):
    from conftest import run_page

    assert load(engine, stall_folder).committed
    app = run_page("pages/0_Overview.py", db_url, monkeypatch, lang="fr")
    assert not app.exception
    assert any("Pourquoi ça n'avance pas" in e.label for e in app.expander)
    across = next(d.value for d in app.dataframe if "Pourquoi en retard" in d.value.columns)
    rows = {
        r["Pourquoi en retard"]: (r["Recommandations"], r["Communes"]) for _, r in across.iterrows()
    }
    assert rows["Foncier non disponible"] == (2, 1)
    assert rows["Hors compétence de la commune"] == (1, 1)


def test_an_editor_sets_a_reason_in_the_form_and_the_next_update_starts_from_it(
    engine, sample_url, monkeypatch
):
    """The Data entry form's status update has a reason to choose; saved, it is the
    recommendation's current reason, and the next update's form opens on it."""
    from conftest import add_user, run_page
    from musharaka.i18n import t

    editor = add_user(sample_url, "khnafif", "editor", communes=("الخنافيف",))
    code = "KHN-2019-1-R04"
    key = "edit_status_updates_"

    def open_form():
        app = run_page(
            "pages/7_Edit.py",
            sample_url,
            monkeypatch,
            lang="fr",
            params={"do": "update", "rec": code},
            user=editor,
        )
        assert not app.exception, app.exception
        return app

    app = open_form()
    reason = app.selectbox(key=key + "stall_reason")
    assert reason.value in ("", None)
    assert "Foncier non disponible" in reason.options and "Budget non disponible" in reason.options
    app.text_input(key=key + "date").input("2026-03-01")
    app.selectbox(key=key + "status").set_value("stalled")
    app.text_input(key=key + "progress").input("20")
    reason.set_value("land")
    next(b for b in app.button if b.label == t("edit_save", "fr")).click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    with Session(engine) as session:
        rec = session.scalars(select(Recommendation).where(Recommendation.code == code)).one()
        assert (rec.current_status, rec.current_stall_reason) == ("stalled", "land")
        latest = session.scalars(
            select(StatusUpdate)
            .where(StatusUpdate.recommendation_id == rec.id)
            .order_by(StatusUpdate.id.desc())
        ).first()
        assert latest is not None and latest.stall_reason == "land"
    assert open_form().selectbox(key=key + "stall_reason").value == "land"


def test_the_council_report_gives_the_reason_beside_what_did_not_move(
    engine, sample_url, load, tmp_path
):
    """A recommendation that did not move between the last two meetings, stalled for want
    of land on the later meeting's day: the report says so beside it, and the others of
    the sample (no reason column) are listed as they were."""
    from sqlalchemy import text

    from musharaka.council_report import build_report, render_html
    from musharaka.council_report.document import NOT_MOVED

    with engine.connect() as connection:
        commune = connection.execute(
            text("SELECT id FROM communes WHERE name = :name"), {"name": "الخنافيف"}
        ).scalar_one()
    before = build_report(engine, commune, lang="fr", photos=False)
    assert all(item.stall_reason is None for item in before.items)
    html_before = render_html(before)
    assert "Pourquoi en retard" not in html_before
    stuck = next(i for i in before.items if i.category in NOT_MOVED and i.end_status != "cancelled")
    progress = "" if stuck.end_progress is None else f"{stuck.end_progress:g}"
    update = tmp_path / "khnafif-suivi.csv"
    update.write_text(
        "ID recommandation;Date de mise à jour;Statut;Avancement;Motif du blocage\n"
        f"{stuck.code};{before.later.date:%d/%m/%Y};En retard;{progress};Foncier non mobilisé\n",
        encoding="utf-8",
    )
    report = load(engine, update)
    assert report.committed and not report.rejects, report.rejects
    after = build_report(engine, commune, lang="fr", photos=False)
    item = next(i for i in after.items if i.code == stuck.code)
    assert item.category in NOT_MOVED and item.stall_reason == "land"
    html = render_html(after)
    assert "Pourquoi en retard : Foncier non disponible" in html or (
        "Pourquoi en retard: Foncier non disponible" in html
    )
    assert html.count("Foncier non disponible") == 1
    arabic = render_html(build_report(engine, commune, lang="ar", photos=False))
    assert "الوعاء العقاري غير متوفر" in arabic
