"""A commune's and a douar's poster (`python -m etl poster --commune ... [--douar ...]`):
its QR codes, read back from the PDF with zbarimg, open the commune's overview (or the
douar's recommendations) and each recommendation's view; the douar's lists only what
names it; a long list says how many more the page's code shows. SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from test_notify import write_csv
from test_poster import _STRIPPED, PUBLIC, _decoders, qr_codes  # noqa: F401 (the fixture)

from conftest import run_etl
from etl.load import run_load
from musharaka.i18n import term_label
from musharaka.place_poster import names_douar
from musharaka.vocabulary import STATUSES

PLACES = {1: "Douar Tizi", 2: "douar tizi", 3: "Douar Agadir Oufella", 4: "دوار تيزي"}


def pdf_text(pdf) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(_STRIPPED.sub("", out.stdout).split())


@pytest.fixture
def places(engine, tmp_path, monkeypatch):
    """Khnafif's M1 and 40 recommendations: R1 completed, R2 in progress, the others
    planned; R1..R4 in the places above, the others nowhere."""
    monkeypatch.setenv("MUSHARAKA_PUBLIC_URL", PUBLIC)
    folder = tmp_path / "data"
    write_csv(
        folder / "meetings.csv",
        ["meeting_id", "commune", "province", "date", "title"],
        [["M1", "Khnafif", "Taroudant", "2024-02-16", "Première rencontre"]],
    )
    write_csv(
        folder / "recommendations.csv",
        ["recommendation_id", "meeting_id", "domain", "title", "status", "progress", "location"],
        [
            [
                f"R{i}",
                "M1",
                "health",
                f"Équiper le dispensaire {i}" if i % 2 else f"تهيئة المسلك {i}",
                {1: "completed", 2: "in_progress"}.get(i, "planned"),
                {1: "100", 2: "40"}.get(i, ""),
                PLACES.get(i, ""),
            ]
            for i in range(1, 41)
        ],
    )
    report = run_load(engine, [folder])
    assert report.committed and not report.rejects, report.rejects
    return engine


@pytest.mark.parametrize(
    ("location", "douar", "named"),
    [
        ("Douar Tizi", "Tizi", True),
        ("douar TIZI", "tizi", True),
        ("Douar Tizi-n-Ouadou", "Tizi n Ouadou", True),
        ("Douar Tizint", "Tizi", False),
        ("دوار تيزي", "تيزي", True),
        ("Douar Agadir Oufella", "Agadir", True),
        (None, "Tizi", False),
        ("Douar Tizi", "", False),
    ],
)
def test_a_place_names_a_douar_by_its_words(location, douar, named):
    assert names_douar(location, douar) is named


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_douars_poster_lists_what_names_it(places, db_url, tmp_path, lang):
    out = tmp_path / f"douar-{lang}.pdf"
    done = run_etl(
        ["poster", "--commune", "Khnafif", "--douar", "Tizi", "--lang", lang, "--out", str(out)],
        db_url,
    )
    assert done.returncode == 0, done.stderr
    assert "2 recommendations" in done.stdout
    codes = qr_codes(out)
    page = [url for url in codes if "/Recommendations?commune=" in url]
    assert len(page) == 1, codes
    query = parse_qs(urlsplit(page[0]).query)
    assert query["location"] == ["Douar Tizi", "douar tizi"] and query["lang"] == [lang]
    assert codes - set(page) == {f"{PUBLIC}/Recommendations?rec=R{i}&lang={lang}" for i in (1, 2)}
    text = pdf_text(out)
    assert "Tizi" in text and "R3" not in text
    assert term_label(STATUSES, "completed", lang) in text
    if lang == "ar":
        assert "أين وصلت التوصيات" in text and "التوصيات التي تذكر هذا الدوار" in text
    else:
        assert "Où en sont les recommandations" in text


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_communes_poster_says_how_many_more_it_does_not_list(places, db_url, tmp_path, lang):
    out = tmp_path / f"commune-{lang}.pdf"
    done = run_etl(["poster", "--commune", "Khnafif", "--lang", lang, "--out", str(out)], db_url)
    assert done.returncode == 0, done.stderr
    codes = qr_codes(out)
    overview = [url for url in codes if "/?commune=" in url]
    assert len(overview) == 1 and overview[0].endswith(f"&lang={lang}"), codes
    recs = codes - set(overview)
    assert len(recs) == 30  # the first 30, what was achieved first
    assert {f"{PUBLIC}/Recommendations?rec=R{i}&lang={lang}" for i in (1, 2)} <= recs
    text = pdf_text(out)
    if lang == "ar":
        # pdftotext puts Arabic's digits beside the word after them: the number, the words
        assert "10" in text and "توصيات أخرى غير مذكورة هنا" in text
    else:
        assert "Et 10 autres recommandations, non listées ici" in text


def test_a_douar_no_recommendation_names_has_no_poster(places, db_url, tmp_path):
    out = tmp_path / "x.pdf"
    done = run_etl(
        ["poster", "--commune", "Khnafif", "--douar", "Nowhere", "--out", str(out)], db_url
    )
    assert done.returncode == 1 and "names the douar 'Nowhere'" in done.stderr
    unknown = run_etl(["poster", "--commune", "Atlantis", "--out", str(out)], db_url)
    assert unknown.returncode == 1 and "no commune 'Atlantis'" in unknown.stderr
    assert not out.exists()
