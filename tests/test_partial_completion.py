"""A recommendation closed with part of its work done ("partially completed") is a status
of its own: the words people write for it load as it, its progress is kept, and it is
counted apart from completed and from cancelled in the figures, the roll-ups, the
between-meetings report and the overview (issue: partly done is a result)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from conftest import run_page
from musharaka import metrics, queries
from musharaka.council_report import build_report, render_html
from musharaka.models import Commune, Recommendation
from musharaka.parsing import parse_status

SAMPLE_DIR = queries.__file__.rsplit("/musharaka/", 1)[0] + "/data/sample"
TODAY = dt.date(2026, 11, 30)
# The follow-up file of one sample commune, with four more lines: three closings with
# part of the work done, written as a secretary would in French, Arabic and English, and
# one at 100 % (loaded as given, with a warning).
PARTIAL_LINES = (
    "TGZ-2019-1-R01;01/11/2026;Partiellement réalisée;60;Tronçon de 3 km sur 5;;\n"
    "TGZ-2019-1-R02;01/11/2026;منجزة جزئيا;40;فتح قسمين من أصل خمسة;;\n"
    "TGZ-2019-1-R03;01/11/2026;partly done;75;;;\n"
    "TGZ-2019-1-R04;01/11/2026;Partiellement réalisée;100;;;\n"
)
PARTIAL = {"TGZ-2019-1-R01": 60, "TGZ-2019-1-R02": 40, "TGZ-2019-1-R03": 75, "TGZ-2019-1-R04": 100}


@pytest.mark.parametrize(
    "written",
    [
        "Partiellement réalisée",
        "réalisée partiellement",
        "منجزة جزئيا",
        "منجزة جزئياً",
        "إنجاز جزئي",
        "Partially completed",
        "partially_completed",
        "partly done",
    ],
)
def test_the_words_people_write_read_as_partially_completed(written):
    assert parse_status(written) == "partially_completed"


def test_completed_and_cancelled_still_read_as_themselves():
    assert parse_status("Réalisée") == "completed"
    assert parse_status("منجزة") == "completed"
    assert parse_status("Annulée") == "cancelled"


@pytest.fixture
def partial_folder(tmp_path):
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE_DIR, folder)
    tracking = folder / "tighirt-ouzzal-suivi.csv"
    text = tracking.read_text(encoding="utf-8")
    tracking.write_text(text.rstrip("\n") + "\n" + PARTIAL_LINES, encoding="utf-8")
    return folder


def _figures(engine):
    f = queries.RecommendationFilter(today=TODAY)
    return metrics.key_figures(queries.read_frame(engine, queries.status_counts(f)))


def test_partial_completions_load_with_their_progress_and_count_apart(engine, load, partial_folder):
    before = load(engine, SAMPLE_DIR)
    assert before.committed
    old = _figures(engine)
    report = load(engine, partial_folder)
    assert report.committed and not report.rejects
    with Session(engine) as session:
        recs = {
            r.code: r
            for r in session.scalars(select(Recommendation).where(Recommendation.code.in_(PARTIAL)))
        }
    assert {code: r.current_status for code, r in recs.items()} == dict.fromkeys(
        PARTIAL, "partially_completed"
    )
    assert {code: r.current_progress for code, r in recs.items()} == PARTIAL
    # The line at 100 % is loaded as written, and the report says why it looks wrong.
    warnings = [w for w in report.warnings if "partially completed" in str(w)]
    assert len(warnings) == 1 and "100%" in str(warnings[0])

    new = _figures(engine)
    assert new.partially_completed == 4
    assert new.total == old.total
    # Counted apart: the four left the statuses they had (none was cancelled), and
    # completed and cancelled keep their counts.
    assert new.by_status["cancelled"] == old.by_status["cancelled"]
    assert sum(new.by_status.values()) == sum(old.by_status.values())
    left = {s: old.by_status[s] - new.by_status[s] for s in old.by_status}
    assert sum(v for s, v in left.items() if s != "partially_completed") == 4
    # The completion rate is completed over the recommendations not cancelled: a partial
    # completion is owed and not done.
    owed = new.total - new.by_status["cancelled"]
    assert new.completion_rate == pytest.approx(new.completed / owed)
    # Closed: a partially completed recommendation is never overdue.
    overdue = queries.RecommendationFilter(overdue_only=True, today=TODAY)
    late = metrics.key_figures(queries.read_frame(engine, queries.status_counts(overdue)))
    assert late.partially_completed == 0


def test_the_rollup_counts_partial_completions_in_their_own_column(engine, load, partial_folder):
    assert load(engine, partial_folder).committed
    f = queries.RecommendationFilter(today=TODAY)
    table = queries.read_frame(engine, queries.rollup("commune", f))
    by_commune = dict(zip(table["commune"], table["partially_completed"], strict=True))
    assert sum(by_commune.values()) == 4
    assert max(by_commune.values()) == 4
    shown = metrics.rollup_table(table, "commune", "fr")
    assert shown["Partiellement réalisées"].sum() == 4


@pytest.mark.parametrize(
    ("lang", "label"), [("fr", "Partiellement réalisées"), ("ar", "منجزة جزئيا")]
)
def test_the_overview_shows_partial_completions_as_a_key_figure(
    engine, db_url, load, partial_folder, monkeypatch, lang, label
):
    assert load(engine, partial_folder).committed
    app = run_page("pages/0_Overview.py", db_url, monkeypatch, lang=lang)
    assert not app.exception
    figures = {m.label: m.value for m in app.metric}
    assert figures[label] in ("4", "٤")


def test_the_council_report_gives_partial_completions_their_own_category(engine, load, tmp_path):
    """A recommendation closed part done between two meetings is reported as such (its
    tile, its row, its column), and a report with none keeps the layout it had."""
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE_DIR, folder)
    tracking = folder / "tighirt-ouzzal-suivi.csv"
    text = tracking.read_text(encoding="utf-8").rstrip("\n")
    tracking.write_text(
        text + "\nTGZ-2019-1-R07;01/10/2022;Partiellement réalisée;75;Première tranche;;\n",
        encoding="utf-8",
    )
    assert load(engine, folder).committed
    with engine.connect() as connection:
        ids = dict(connection.execute(select(Commune.name, Commune.id)).all())
    report = build_report(engine, ids["Tighirt Ouzzal"], "TGZ-2019-1", "TGZ-2022-2", lang="fr")
    assert report.categories["partially_completed"] == 1
    assert "partially_completed" in report.status_keys
    item = next(i for i in report.items if i.code == "TGZ-2019-1-R07")
    assert (item.category, item.end_status, item.end_progress) == (
        "partially_completed",
        "partially_completed",
        75,
    )
    html = render_html(report)
    assert html.count("Partiellement réalisées dans la période") >= 3  # tile, table, details
    # Another commune's report, with no partial completion: no empty row or column for it.
    other = build_report(engine, ids["الخنافيف"], lang="fr")
    assert "partially_completed" not in other.categories
    assert "partially_completed" not in other.status_keys
    assert "Partiellement réalisée" not in render_html(other)
