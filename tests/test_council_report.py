"""The council's between-meetings report (musharaka.council_report) on the sample's
Khnafif meetings: its figures are the query layer's, its PDF has the pages and the Arabic
text a reader expects, its first page renders as a picture, data cannot inject markup into
it, and it is offered by the command line and by the meetings page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import text
from test_page_meetings import expected_report

from conftest import PROJECT_ROOT, run_etl, run_page
from musharaka import between
from musharaka.council_report import (
    ReportError,
    bars,
    build_report,
    file_name,
    render_html,
    render_pdf,
)
from musharaka.i18n import t
from musharaka.queries import meetings as meeting_queries
from musharaka.queries import read_frame
from musharaka.vocabulary import STATUS_KEYS

KHNAFIF = "الخنافيف"
KHNAFIF_FR = "Lakhnafif"  # its French name, from the reference list of communes
# The sample's Khnafif meetings: 2019-09-29, 2020-02-16, 2022-03-13, 2024-04-21.
LAST_TWO = ("KHN-2022-3", "KHN-2024-4")
SCREENSHOT = PROJECT_ROOT / "docs" / "screenshots" / "council-report-ar.png"
# Bidi controls pdftotext writes around right-to-left runs, the isolates of the HTML, and
# the Arabic vowel marks (tashkeel), which poppler writes away from their letters.
_STRIPPED = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u0652\u0670]")


def _khnafif(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT id FROM communes WHERE name = :name"), {"name": KHNAFIF}
        ).scalar_one()


def _page_layer(engine, commune: int, later: str):
    """The meetings page's own way to the report: its pair, its rows and their classes."""
    meetings = read_frame(engine, meeting_queries.meeting_list((commune,)))
    pair = between.pair_ending(between.consecutive_pairs(meetings), later)
    scope = (commune, pair["earlier_date"])
    considered = read_frame(
        engine, meeting_queries.between_recommendations(*scope, int(pair["later_id"]))
    )
    history = read_frame(
        engine,
        meeting_queries.between_updates(*scope, pair["later_date"], int(pair["later_id"])),
    )
    period = between.Period(pair["earlier_date"], pair["later_date"])
    return pair, considered, between.classify(considered, history, period)


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _statuses_on(engine, commune: int, last_meeting_day: dt.date, day: dt.date) -> dict:
    """How many of the commune's recommendations made up to `last_meeting_day` were in each
    status at the end of `day`, counted here the plain way (the contract's rule: the latest
    update dated on or before it and not before its meeting, else its initial status)."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT r.id, m.date, r.initial_status FROM recommendations r "
                "JOIN meetings m ON m.id = r.meeting_id WHERE r.commune_id = :c"
            ),
            {"c": commune},
        ).all()
        updates = connection.execute(
            text("SELECT recommendation_id, date, id, status FROM status_updates")
        ).all()
    counts = dict.fromkeys(STATUS_KEYS, 0)
    for rec, meeting_day, initial in rows:
        if _day(meeting_day) > last_meeting_day:
            continue
        known = sorted(
            (_day(d), i, s)
            for r, d, i, s in updates
            if r == rec and _day(meeting_day) <= _day(d) <= day
        )
        counts[known[-1][2] if known else initial] += 1
    return counts


def _pdftotext(pdf: Path, page: int) -> str:
    """One page's text as poppler extracts it, bidi controls removed, spaces collapsed."""
    found = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(_STRIPPED.sub("", found).split())


def _first_page_png(pdf: Path, dpi: int, stem: Path) -> Path:
    """The PDF's first page as a PNG, as poppler's pdftoppm renders it."""
    command = ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def _written_pdf(report, tmp_path: Path, lang: str) -> Path:
    path = tmp_path / f"report-{lang}.pdf"
    path.write_bytes(render_pdf(render_html(report, lang)))
    return path


# --- the figures are the query layer's -----------------------------------------------
@pytest.mark.parametrize(
    ("lang", "asked", "pair"),
    [
        ("ar", (None, None), LAST_TWO),  # default: the last two meetings
        ("fr", ("KHN-2020-2", "KHN-2022-3"), ("KHN-2020-2", "KHN-2022-3")),
        ("fr", (None, "KHN-2020-2"), ("KHN-2019-1", "KHN-2020-2")),
        ("ar", ("KHN-2020-2", None), ("KHN-2020-2", "KHN-2022-3")),
    ],
)
def test_the_reports_figures_are_the_query_layers(sample_url, engine, lang, asked, pair):
    commune = _khnafif(engine)
    report = build_report(engine, commune, *asked, lang=lang)
    assert (report.earlier.code, report.later.code) == pair
    assert report.commune.label(lang) == (KHNAFIF if lang == "ar" else KHNAFIF_FR)
    assert report.commune.province_label(lang) == ("تارودانت" if lang == "ar" else "Taroudant")

    page_pair, considered, classified = _page_layer(engine, commune, pair[1])
    assert (report.earlier.date, report.later.date) == (
        page_pair["earlier_date"],
        page_pair["later_date"],
    )
    # What happened in the period: the page's classes, and an independent count's.
    # "Partially completed" is left out of a report that has none.
    counts = between.category_counts(classified)
    assert report.categories == {k: v for k, v in counts.items() if v or k != "partially_completed"}
    independent = expected_report(engine, *pair)
    for category, codes in independent.items():
        assert {i.code for i in report.items if i.category == category} == codes, category
        # A category the report leaves out (partially completed, unused) counts none.
        assert report.categories.get(category, 0) == len(codes)
    assert sum(report.categories.values()) == len(classified) == len(report.items) > 0
    domains = between.domain_counts(classified)
    assert report.domains.equals(
        domains[
            [c for c in domains.columns if c in report.categories or c not in between.CATEGORIES]
        ]
    )
    stored = {row.code: row for row in considered.itertuples(index=False)}
    for item in report.items:  # responsible and partners as stored
        row = stored[item.code]
        assert item.responsible == (row.responsible or "")
        assert "; ".join(item.partners) == (row.partners if isinstance(row.partners, str) else "")

    # The key figures: the recommendations made up to the earlier meeting, in their state on
    # each meeting's day.
    assert report.figures_start.total == report.figures_end.total == len(considered)
    assert report.figures_start.by_status == _statuses_on(
        engine, commune, report.earlier.date, report.earlier.date
    )
    assert report.figures_end.by_status == _statuses_on(
        engine, commune, report.earlier.date, report.later.date
    )
    # The previous meeting's recommendations, one by one, with their state at the later one.
    with engine.connect() as connection:
        made = connection.execute(
            text(
                "SELECT r.code FROM recommendations r JOIN meetings m ON m.id = r.meeting_id "
                "WHERE m.code = :code ORDER BY r.code"
            ),
            {"code": pair[0]},
        ).scalars()
        assert [i.code for i in report.previous] == list(made)
    by_code = {i.code: i for i in report.items}
    for item in report.previous:
        assert item.category == (by_code[item.code].category if item.code in by_code else None)


def test_in_the_sample_nothing_completed_was_reopened(sample_url, engine):
    """So "completed" went up by exactly the recommendations completed in the period."""
    report = build_report(engine, _khnafif(engine))
    start, end = report.figures_start.by_status, report.figures_end.by_status
    assert (start["completed"], end["completed"], report.categories["completed"]) == (9, 14, 5)
    assert end["cancelled"] - start["cancelled"] == report.categories["cancelled"] == 1


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        (("KHN-2019-1", "KHN-2024-4"), "are not consecutive meetings"),
        ((None, "KHN-2019-1"), "is the first meeting"),
        (("KHN-2024-4", None), "is the last meeting"),
        (("KHN-2024-4", "KHN-2022-3"), "was not held before"),
        ((None, "TLO-2023-2"), "is not a meeting of commune"),
    ],
)
def test_a_pair_that_makes_no_report_is_refused_clearly(sample_url, engine, asked, message):
    with pytest.raises(ReportError, match=message):
        build_report(engine, _khnafif(engine), *asked)


# --- the documents ---------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_html_is_self_contained_and_prints_on_a4(sample_url, engine, lang):
    report = build_report(engine, _khnafif(engine), lang=lang)
    html = render_html(report)
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    assert "@page {" in html and "size: A4;" in html
    assert "thead { display: table-header-group; }" in html  # headers on every page
    assert html.count("<section") == 4 and "section + section { break-before: page; }" in html
    assert html.count('src: url("data:font/ttf;base64,') == 2  # the bundled Arabic font
    # Nothing is fetched: no address at all in an attribute or a CSS url().
    assert not re.search(r"""(src|href)\s*=|url\(\s*(?!["']?data:)""", html)
    assert html.count('<table class="bars">') == 3  # the charts, in HTML
    # The cover's tiles are the category counts, in order.
    tiles = re.findall(r'<span class="count"><span class="num">\u2066\u200e([\d.,\s]+)\u2069', html)
    assert [int(n) for n in tiles] == list(report.categories.values())
    # Every recommendation considered is listed with its responsible body.
    for item in report.items:
        assert item.code in html and item.responsible in html


def _green_columns(pdf: Path, stem: Path) -> tuple[int, int, int]:
    """Where the summary page's "completed" bars lie: the leftmost and rightmost pixel
    columns of their colour, and the page's width, as poppler renders the page."""
    command = ["pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", "-singlefile"]
    subprocess.run([*command, str(pdf), str(stem)], check=True)
    image = Image.open(stem.with_suffix(".png")).convert("RGB")
    width, height = image.size
    green = bars.CATEGORY_COLOURS["completed"].lstrip("#")
    target = tuple(int(green[i : i + 2], 16) for i in (0, 2, 4))
    pixels = image.load()
    columns = [
        x
        for x in range(width)
        for y in range(0, height, 2)
        if sum(abs(a - b) for a, b in zip(pixels[x, y], target, strict=True)) < 40
    ]
    assert columns, "no completed bar on the summary page"
    return min(columns), max(columns), width


def test_the_charts_are_mirrored_in_arabic(sample_url, engine, tmp_path):
    """In Arabic the bars start at the right edge and grow leftwards, their names at the
    right; in French the reverse. Seen on the PDF's page as drawn."""
    report = {lang: build_report(engine, _khnafif(engine), lang=lang) for lang in ("ar", "fr")}
    html = {lang: render_html(r) for lang, r in report.items()}
    assert html["ar"].count('<table class="bars">') == 3
    left, right, width = _green_columns(_written_pdf(report["ar"], tmp_path, "ar"), tmp_path / "a")
    assert right > width * 0.6 and left > width * 0.3, (left, right, width)
    left, right, width = _green_columns(_written_pdf(report["fr"], tmp_path, "fr"), tmp_path / "f")
    assert left < width * 0.4 and right < width * 0.7, (left, right, width)


# The page count of the sample's report: the cover, the summary by domain (its table and
# charts), the details by category and domain (22 recommendations: three pages), and the
# previous meeting's 8 recommendations. Each section starts on a page of its own.
SECTION_PAGES = {"cover": 1, "summary": 2, "details": 3, "previous": 6}
PAGES = 6


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_pdf_has_its_pages_and_its_text_in_reading_order(
    sample_url, engine, lang, tmp_path, caplog
):
    report = build_report(engine, _khnafif(engine), lang=lang)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = _written_pdf(report, tmp_path, lang)
    assert not caplog.records  # the embedded fonts loaded, nothing was missing
    reader = PdfReader(pdf)
    assert len(reader.pages) == PAGES
    for page in reader.pages:  # A4 portrait (595 x 842 points)
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )

    pages = [_pdftotext(pdf, n) for n in range(1, PAGES + 1)]
    # Each section's heading opens its page. The Arabic strings asserted on pdftotext's
    # output hold no lam-alef (لا، لأ، لإ) nor lam-alef-maqsura (لى): poppler writes those
    # ligatures' letters in reverse ("الإقليم" comes out "اإلقليم"). Strings with them are
    # checked on pypdf's text instead, which keeps them in order.
    openings = {
        "ar": {
            "summary": "المنجزات حسب المجال",
            "details": "التفاصيل حسب المجال",
            "previous": "توصيات اللقاء السابق",
        },
        "fr": {
            "summary": t("cr_summary", "fr"),
            "details": t("cr_details", "fr"),
            "previous": t("cr_previous", "fr"),
        },
    }[lang]
    for section, opening in openings.items():
        # (within the first words: poppler may move a word of a heading after the rest)
        assert opening in pages[SECTION_PAGES[section] - 1][: len(opening) + 30], section
    cover = pages[0]
    if lang == "ar":
        for expected in ("حصيلة المنجزات بين لقاءين تواصليين", KHNAFIF, "تارودانت", "لم تنطلق بعد"):
            assert expected in cover
    else:
        for expected in (t("cr_title", "fr"), KHNAFIF_FR, "Taroudant", "13 mars 2022"):
            assert expected in cover
    # Every recommendation of the details is on a details page, with its code.
    details = " ".join(pages[2:5])
    assert all(item.code in details for item in report.items)
    assert all(item.code in pages[5] for item in report.previous)

    extracted = reader.pages[0].extract_text()
    if lang == "ar":  # lam-alef, in logical order through pypdf
        assert "الأرقام الرئيسية وتطورها" in extracted
        assert "ما جرى خلال الفترة" in extracted
        assert "الإقليم" in extracted


def _chart_labels(report, lang: str) -> set[str]:
    """Every word the report's charts write: row and series names, as the reader sees them."""
    named = set()
    for chart in report.charts:
        named |= {bars.label(chart.row_kind, key, lang) for key in chart.rows}
        if len(chart.series) > 1:  # a legend
            named |= {bars.label(chart.series_kind, key, lang) for key in chart.series}
    return named


def _letters(text: str) -> str:
    """Letters only (no spaces, marks or bidi controls): what remains comparable between
    the label and a PDF's extracted text, however the extractor spaces and orders words."""
    return "".join(_STRIPPED.sub("", text).split())


def test_every_arabic_chart_label_reads_right_in_the_pdf(sample_url, engine, tmp_path):
    """A PDF viewer shows, and a screen reader reads, the text as the PDF stores it. Each
    Arabic word of the charts must be stored in reading order, shaped: not its letters
    reversed (how WeasyPrint writes text it does not shape, as in SVG)."""
    report = build_report(engine, _khnafif(engine), lang="ar")
    pdf = _written_pdf(report, tmp_path, "ar")
    stored = _letters("".join(page.extract_text() for page in PdfReader(pdf).pages))
    shown = _letters(" ".join(_pdftotext(pdf, n) for n in range(1, PAGES + 1)))
    labels = _chart_labels(report, "ar")
    assert len(labels) >= 10
    for label in labels:
        letters = _letters(label)
        if letters == letters[::-1]:
            continue
        assert letters[::-1] not in stored and letters[::-1] not in shown, label
        assert letters in stored or letters in shown, label


def test_the_first_page_renders_as_a_picture(sample_url, engine, tmp_path):
    report = build_report(engine, _khnafif(engine), lang="ar")
    pdf = _written_pdf(report, tmp_path, "ar")
    data = _first_page_png(pdf, 60, tmp_path / "first").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data)).convert("RGB")
    width, height = image.size  # A4 at 60 dpi: 8.27 x 11.69 inches
    assert (width in (496, 497), height) == (True, 702)
    raw = image.tobytes()
    pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]
    inked = sum(1 for r, g, b in pixels if r + g + b < 600) / len(pixels)
    assert 0.02 < inked < 0.5, inked  # text and tables, not a blank or a black page
    title_blue = sum(1 for r, g, b in pixels if b > r + 40 and b > 80)  # the headings' colour
    assert title_blue > 200

    # The picture in the README: the same page, large enough to read.
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_first_page_png(pdf, 100, tmp_path / "readme"), SCREENSHOT)


# --- hostile text from the data ---------------------------------------------------------
HOSTILE = '<script>alert("x")</script><img src=http://example.org/x.png onerror=alert(1)>'
OVERRIDE = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: would turn the text after it around
PRIVATE_NOTE = "Appeler M. Ouazzani chez lui avant la séance"
REPORTER = "Hanane Ouazzani"


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])


def test_markup_and_direction_overrides_in_the_data_are_only_text(engine, db_url, load, tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    commune = f"Douar {OVERRIDE}Test"
    _write_csv(
        folder / "meetings.csv",
        ["meeting_id", "commune", "province", "date", "title", "location"],
        [
            ["M1", commune, "Tiznit", "2021-01-10", HOSTILE, f"{OVERRIDE}lieu"],
            ["M2", commune, "Tiznit", "2022-01-10", f"Deux {OVERRIDE}", ""],
        ],
    )
    _write_csv(
        folder / "recommendations.csv",
        ["recommendation_id", "meeting_id", "domain", "title", "responsible", "partners", "status"],
        [
            [
                "R1",
                "M1",
                "health",
                HOSTILE,
                f"{OVERRIDE}<b>Resp</b>",
                f"<i>P1</i>; {HOSTILE}",
                "planned",
            ],
            ["R2", "M1", "education", f"Ecole {OVERRIDE}", "</td></tr></table>", "", ""],
        ],
    )
    _write_csv(
        folder / "status_updates.csv",
        ["recommendation_id", "date", "status", "progress", "note", "reported_by"],
        [["R1", "2021-06-01", "completed", "100", PRIVATE_NOTE, REPORTER]],
    )
    result = load(engine, folder)
    assert result.committed and not result.rejects
    with engine.connect() as connection:
        commune = connection.execute(text("SELECT id FROM communes")).scalar_one()
    for lang in ("ar", "fr"):
        report = build_report(engine, commune, lang=lang)
        assert report.categories["completed"] == 1 and report.categories["untouched"] == 1
        html = render_html(report)
        assert "<script" not in html and "<img" not in html
        assert "<b>" not in html and "<i>" not in html and "</td></tr></table>" not in html
        assert OVERRIDE not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;" in html
        assert html.count("<table") == html.count("</table>")
        # Notes and who reported an update are not the report's business.
        assert PRIVATE_NOTE not in html and REPORTER not in html
        # The document still renders, and fetches nothing the data names.
        assert render_pdf(html).startswith(b"%PDF")


def test_the_pdf_fetches_nothing(caplog, tmp_path):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (40, 40), "red").save(secret)
    html = f'<html><body><p>x</p><img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        assert render_pdf(html + "</body></html>").startswith(b"%PDF")
    refused = [r.getMessage() for r in caplog.records]
    assert len(refused) == 2 and all("disallowed protocol" in m for m in refused)


# --- the command line -------------------------------------------------------------------
def test_the_command_line_writes_html_and_pdf(sample_url, tmp_path):
    out = tmp_path / "out" / "report.html"
    done = run_etl(["report", "--commune", KHNAFIF, "--out", str(out)], sample_url)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'dir="rtl"' in html
    assert t("cr_title", "ar") in html and "KHN-2024-4" in done.stdout

    pdf = tmp_path / "report.pdf"
    period = ["--from", "KHN-2020-2", "--to", "KHN-2022-3"]
    done = run_etl(
        ["report", "--commune", "1", *period, "--lang", "fr", "--out", str(pdf)], sample_url
    )
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Bilan des réalisations" in _pdftotext(pdf, 1)
    assert "KHN-2020-2" in _pdftotext(pdf, 1)

    forced = tmp_path / "report.bin"
    done = run_etl(
        ["report", "--commune", KHNAFIF, "--format", "pdf", "--out", str(forced)], sample_url
    )
    assert done.returncode == 0 and forced.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--commune", "Nowhere"], 1, "unknown commune: 'Nowhere'"),
        (["--commune", "999"], 1, "unknown commune"),
        (["--commune", KHNAFIF, "--to", "KHN-2019-1"], 1, "is the first meeting"),
        (["--commune", KHNAFIF, "--from", "KHN-2019-1", "--to", "KHN-2024-4"], 1, "consecutive"),
        (["--commune", KHNAFIF, "--lang", "es"], 2, "invalid choice"),
        ([], 2, "--commune"),
    ],
)
def test_the_command_line_fails_clearly(sample_url, tmp_path, args, code, message):
    out = tmp_path / "report.html"
    done = run_etl(["report", *args, "--out", str(out)], sample_url)
    assert done.returncode == code
    assert message in done.stderr
    assert not out.exists()


def test_a_period_with_nothing_to_report_still_makes_a_report(engine, db_url, load, tmp_path):
    (tmp_path / "meetings.csv").write_text(
        "meeting_id,commune,date\nM1,Vide,2021-01-10\nM2,Vide,2022-01-10\n", encoding="utf-8"
    )
    assert load(engine, tmp_path).committed
    with engine.connect() as connection:
        commune = connection.execute(text("SELECT id FROM communes")).scalar_one()
    report = build_report(engine, commune, lang="fr")
    assert report.figures_end.total == 0 and not report.items and not report.previous
    assert sum(report.categories.values()) == 0
    html = render_html(report)
    assert t("meet_between_none", "fr").replace("'", "&#x27;") in html
    assert html.count('<table class="bars">') == 2  # no chart by domain without a domain
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(render_pdf(html))
    assert len(PdfReader(pdf).pages) == 4  # one page per section


def test_a_commune_with_one_meeting_has_no_report_yet(engine, db_url, load, tmp_path):
    (tmp_path / "meetings.csv").write_text(
        "meeting_id,commune,date\nM1,Seule,2021-01-10\n", encoding="utf-8"
    )
    assert load(engine, tmp_path).committed
    done = run_etl(["report", "--commune", "Seule", "--out", str(tmp_path / "r.html")], db_url)
    assert done.returncode == 1
    assert "has 1 meeting(s): a report needs two meetings" in done.stderr


# --- the meetings page ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_meetings_page_offers_the_report(sample_url, engine, monkeypatch, downloads, lang):
    import musharaka.council_report.content as content

    commune = _khnafif(engine)
    built = []
    real_build = content.build_report

    def counted(*args, **kwargs):
        built.append(args)
        return real_build(*args, **kwargs)

    # The package's name for it is what the page's helper calls.
    monkeypatch.setattr("musharaka.council_report.build_report", counted)
    app = run_page(
        "pages/2_Meetings.py", sample_url, monkeypatch, lang=lang, params={"commune": str(commune)}
    )
    assert not app.exception, app.exception
    buttons = app.get("download_button")
    assert [b.label for b in buttons] == [t("cr_download_html", lang), t("cr_download_pdf", lang)]
    assert not built  # nothing is built until a button is clicked

    html_name = file_name(commune, *LAST_TWO, lang, "html")
    pdf_name = file_name(commune, *LAST_TWO, lang, "pdf")
    assert set(downloads) >= {html_name, pdf_name}
    html = downloads[html_name]().decode("utf-8")
    assert built and f'lang="{lang}"' in html and t("cr_title", lang) in html
    assert "KHN-2022-3" in html and "KHN-2024-4" in html
    assert downloads[pdf_name]().startswith(b"%PDF")

    # Another period: the buttons follow it.
    app.selectbox(key="meet_between").select("KHN-2020-2").run()
    assert not app.exception
    assert file_name(commune, "KHN-2019-1", "KHN-2020-2", lang, "html") in downloads

    # No period, no report: the commune's first meeting, or no commune chosen.
    app = run_page(
        "pages/2_Meetings.py", sample_url, monkeypatch, lang=lang, params={"meeting": "KHN-2019-1"}
    )
    assert not app.get("download_button")
    app = run_page("pages/2_Meetings.py", sample_url, monkeypatch, lang=lang)
    assert not app.get("download_button")
