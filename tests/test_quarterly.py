"""The governor's quarterly report (issue 18): quarters read as people write them; the
communes that moved most and least counted by hand from the status history of the sample's
Souss-Massa (SQLite and PostgreSQL); `python -m etl report --province|--region` writes it as
HTML and as PDF in Arabic and French, shaped Arabic in the PDF, and says clearly what it
cannot do; the scorecards page offers it for a province or a region."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from html import escape

import pandas as pd
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from conftest import PROJECT_ROOT, run_etl, run_page
from musharaka import messages, quarterly
from musharaka.i18n import t, term_label
from musharaka.quarterly.content import Quarter, movers
from musharaka.vocabulary import STALL_REASONS

SCORECARDS = "pages/13_Scorecards.py"
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
# The sample's communes are in Taroudant (two), Tiznit and Chtouka-Aït Baha, all of Souss-Massa.
SOUSS_MASSA = quarterly.Scope("region", "souss_massa", "سوس ماسة", "Souss-Massa")
_STRIPPED = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u0652\u0670]")


# --- quarters -------------------------------------------------------------------------------
@pytest.mark.parametrize("written", ["2026Q3", "2026-Q3", "2026q3", "Q3 2026", "Q3-2026"])
def test_a_quarter_is_read_as_people_write_it(written):
    assert quarterly.parse_quarter(written) == Quarter(2026, 3)


@pytest.mark.parametrize("written", ["2026Q5", "2026", "T3 2026", ""])
def test_a_wrong_quarter_says_how_to_write_one(written):
    with pytest.raises(quarterly.QuarterlyError, match="2026Q3"):
        quarterly.parse_quarter(written)


def test_a_quarter_runs_from_its_first_day_to_its_last():
    assert [(q.start, q.end) for q in (Quarter(2026, n) for n in (1, 2, 3, 4))] == [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ]
    assert quarterly.last_full_quarter(dt.date(2026, 1, 15)) == Quarter(2025, 4)
    assert quarterly.last_full_quarter(dt.date(2026, 12, 3)) == Quarter(2026, 3)


def test_movers_rank_by_completions_then_by_share_and_never_twice():
    card = pd.DataFrame(
        {
            "commune_id": [1, 2, 3, 4],
            "commune": ["A", "B", "C", "D"],
            "name_ar": None,
            "name_fr": None,
            "recommendations": [10, 4, 20, 0],
        }
    )
    moved = pd.DataFrame({"commune_id": [1, 2, 3], "updated": [2, 2, 1], "completed": [1, 0, 1]})
    most, least = movers(card, moved)
    # A and C completed one each: A first, a larger share of it moved (2/10 > 1/20).
    assert most["commune"].tolist() == ["A", "C", "B"]
    assert least.empty  # every commune with recommendations is already among the most
    quiet = moved[moved["commune_id"] == 1]
    most, least = movers(card, quiet)
    assert most["commune"].tolist() == ["A"]
    assert least["commune"].tolist() == ["B", "C"]  # D has no recommendation


# --- by hand, on the sample --------------------------------------------------------------------
def _hand_movement(engine, start: dt.date, end: dt.date) -> dict[int, tuple[int, int]]:
    """(updated, completed) per commune, from the raw history: entries dated in the
    quarter, those a correction replaced left out, a part's counted in its top parent."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT r.commune_id, u.recommendation_id, u.status, u.date, u.id "
                "FROM status_updates u JOIN recommendations r ON r.id = u.recommendation_id"
            )
        ).all()
        tree = conn.execute(text("SELECT id, code, parent_code FROM recommendations")).all()
        corrected = {
            r[0]
            for r in conn.execute(
                text("SELECT corrects_id FROM status_updates WHERE corrects_id IS NOT NULL")
            )
        }
    # A part's entry moves the top-level recommendation above it (docs/scorecards.md).
    id_of = {code: rec_id for rec_id, code, _ in tree}
    parent_of = {rec_id: id_of[parent] for rec_id, _, parent in tree if parent is not None}

    def root(rec: int) -> int:
        while rec in parent_of:
            rec = parent_of[rec]
        return rec

    updated: dict[int, set] = {}
    completed: dict[int, set] = {}
    for commune, rec, status, day, update_id in rows:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
        if update_id in corrected or not start <= day <= end:
            continue
        updated.setdefault(commune, set()).add(root(rec))
        if status == "completed" and root(rec) == rec:
            completed.setdefault(commune, set()).add(rec)
    return {c: (len(updated[c]), len(completed.get(c, ()))) for c in updated}


@pytest.mark.parametrize("quarter", [Quarter(2026, 3), Quarter(2025, 4), Quarter(2024, 2)])
def test_the_movement_of_each_commune_matches_a_hand_count(engine, sample_url, quarter):
    report = quarterly.build_quarterly(engine, SOUSS_MASSA, quarter, dt.date(2026, 12, 3))
    found = {
        int(r.commune_id): (int(r.updated), int(r.completed))
        for r in report.moved.itertuples(index=False)
    }
    assert found == _hand_movement(engine, quarter.start, quarter.end)
    assert len(report.scorecard) == 4  # the sample's four communes, all of Souss-Massa
    assert report.totals["updated"] == sum(u for u, _ in found.values())
    # A moving commune is among the most or the least, never both.
    assert not set(report.most["commune_id"]) & set(report.least["commune_id"])


def test_a_quarter_not_begun_or_a_place_without_data_is_said(engine, sample_url):
    with pytest.raises(quarterly.QuarterlyError, match="not begun"):
        quarterly.build_quarterly(engine, SOUSS_MASSA, Quarter(2027, 2), dt.date(2026, 12, 3))
    oriental = quarterly.find_scope("region", "الشرق")
    with pytest.raises(quarterly.QuarterlyError, match="no commune"):
        quarterly.build_quarterly(engine, oriental, Quarter(2026, 3), dt.date(2026, 12, 3))


# --- the command ---------------------------------------------------------------------------------
def _pdf_text(pdf) -> str:
    found = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(_STRIPPED.sub("", found).split())


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_command_writes_the_report_as_html_and_pdf(sample_url, tmp_path, lang):
    html_file, pdf_file = tmp_path / "q.html", tmp_path / "q.pdf"
    done = run_etl(
        ["report", "--province", "تارودانت", "--quarter", "2026Q3", "--lang", lang,
         "--out", str(html_file)],
        sample_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    html = html_file.read_text(encoding="utf-8")
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    for key in ("qr_title", "qr_scorecard", "qr_moved_most", "qr_moved_least"):
        assert t(key, lang) in html
    assert "تيزكي الخير" in html  # a commune of Taroudant...
    assert "Tala Ouzrou" not in html  # ... and not one of Tiznit
    done = run_etl(
        ["report", "--region", "Souss-Massa", "--quarter", "2026-Q3", "--lang", lang,
         "--out", str(pdf_file)],
        sample_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "4 communes" in done.stdout
    # The cover and the scorecard, then the movers, the reasons and the definitions.
    assert 2 <= len(PdfReader(pdf_file).pages) <= 3
    words = _pdf_text(pdf_file)
    # Shaped, in reading order: the title and a commune's Arabic name as words.
    assert ("التقرير الفصلي" if lang == "ar" else t("qr_title", lang)) in words
    assert "تيزكي الخير" in words and "Tighirt Ouzzal" in words
    # Its first page, as docs/ shows it.
    stem = SCREENSHOTS / f"quarterly-report-{lang}"
    command = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(pdf_file), str(stem)], check=True)
    assert stem.with_suffix(".png").stat().st_size > 20_000


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--province", "Atlantis", "--quarter", "2026Q3"], "unknown province: 'Atlantis'"),
        (["--region", "Souss-Massa", "--quarter", "T3"], "write it as 2026Q3"),
        (["--region", "Souss-Massa", "--quarter", "2099Q1"], "has not begun"),
        (["--province", "Taroudant", "--commune", "1"], "not allowed with argument"),
    ],
)
def test_the_command_says_what_it_cannot_do(sample_url, tmp_path, args, said):
    done = run_etl(["report", *args, "--out", str(tmp_path / "q.html")], sample_url)
    assert done.returncode != 0
    assert said in done.stderr
    assert not (tmp_path / "q.html").exists()


# --- the page ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_scorecards_page_offers_a_provinces_quarterly_report(sample_url, monkeypatch, lang):
    app = run_page(
        SCORECARDS, sample_url, monkeypatch, lang=lang,
        params={"scope": "province", "province": "taroudant"},
    )  # fmt: skip
    assert not app.exception, app.exception
    buttons = {b.proto.label for b in app.get("download_button")}
    assert {t("qr_download_html", lang), t("qr_download_pdf", lang)} <= buttons
    (chooser,) = [s for s in app.selectbox if s.label == t("qr_quarter", lang)]
    assert chooser.value == quarterly.last_full_quarter(dt.date.today())
    app = run_page(SCORECARDS, sample_url, monkeypatch, lang=lang)
    assert not app.exception, app.exception
    assert t("qr_choose_scope", lang) in [c.value for c in app.caption]
    assert not app.get("download_button")


def test_the_report_says_why_things_stall(engine, sample_url, load, tmp_path):
    updates = tmp_path / "suivi.csv"
    updates.write_text(
        "رقم التوصية,التاريخ,الحالة,سبب التعثر\n"
        "TZK-2023-1-R01,2026-08-10,متعثرة,الوعاء العقاري غير متوفر\n",
        encoding="utf-8",
    )
    assert load(engine, updates).rejects == []
    report = quarterly.build_quarterly(engine, SOUSS_MASSA, Quarter(2026, 3), dt.date(2026, 12, 3))
    counts = {r.reason: (int(r.count), int(r.communes)) for r in report.reasons.itertuples()}
    assert counts["land"] == (1, 1)
    # Every other recommendation that did not move counts under no reason.
    with engine.connect() as conn:
        stuck = conn.execute(
            text(
                "SELECT count(*) FROM recommendations WHERE current_status IN "
                "('stalled', 'cancelled') OR (target_date < :day AND current_status NOT IN "
                "('completed', 'partially_completed', 'cancelled'))"
            ),
            {"day": report.as_of},
        ).scalar_one()
    assert sum(c for c, _ in counts.values()) == stuck
    for lang in ("ar", "fr"):
        html = quarterly.render_quarterly(report, lang)
        assert escape(t("why_things_stall", lang)) in html
        assert escape(term_label(STALL_REASONS, "land", lang)) in html


def test_the_report_buttons_name_their_catalog_ids_where_make_messages_finds_them():
    # An id built at run time (f"qr_download_{kind}") is invisible to the extractor and to a
    # reader's search: the buttons' labels are called by their ids, written in full.
    with (PROJECT_ROOT / "musharaka/ui/scorecards.py").open("rb") as handle:
        named = {key for _, _, key, _ in messages.extract(handle, None, None, None)}
    assert {"qr_download_html", "qr_download_pdf"} <= named
