"""Decidim interop: Decidim's own accountability results file (its importer's test fixture)
loads as recommendations with their hierarchy, status and progress, with the same report
and reject rules as any load; Musharaka writes the same format, which Decidim's importer
reads and which loads back into an empty database as the same recommendations. On SQLite
and PostgreSQL.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from conftest import PROJECT_ROOT, run_etl
from etl import decidim
from etl.readers import decidim_results
from musharaka.i18n import term_label
from musharaka.models import Commune, LoadRun, Meeting, Recommendation
from musharaka.vocabulary import STATUS_KEYS, STATUSES

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "decidim" / "valid_result.csv"
KHNAFIF = "الخنافيف"


def recommendations(engine) -> dict[str, dict]:
    """Every recommendation with the fields the two formats share, by code."""
    query = (
        select(
            Recommendation.code,
            Meeting.code.label("meeting"),
            Meeting.date.label("meeting_date"),
            Commune.name.label("commune"),
            Recommendation.parent_code,
            Recommendation.domain,
            Recommendation.domain_text,
            Recommendation.title,
            Recommendation.description,
            Recommendation.location,
            Recommendation.target_date,
            Recommendation.current_status,
            Recommendation.current_progress,
        )
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .join(Commune, Commune.id == Recommendation.commune_id)
    )
    with engine.connect() as conn:
        return {row.code: row._asdict() for row in conn.execute(query)}


FIXTURE_HEADER = FIXTURE.read_text(encoding="utf-8").splitlines()[0].split(";")


def decidim_file(path: Path, rows: list[dict[str, str]], extra: tuple[str, ...] = ()) -> Path:
    """A results file with the fixture's header (and `extra` columns) and these rows."""
    header = [*FIXTURE_HEADER, *extra]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
    return path


def result(id_: str, title: str, **cells: str) -> dict[str, str]:
    return {
        "id": id_,
        "title/en": title,
        "component/id": "15",
        "created_at": "2020-05-10 21:14:45 UTC",
        **{k.replace("__", "/"): v for k, v in cells.items()},
    }


# --- The fixture ---------------------------------------------------------------------
def test_decidims_own_fixture_loads_with_its_hierarchy_statuses_and_text(engine, load):
    report = load(engine, FIXTURE, commune=KHNAFIF)

    assert report.committed and report.balanced()
    assert report.rejects == []
    assert report.tables["recommendations"]["inserted"] == 8
    assert report.tables["meetings"]["inserted"] == 1
    rows = recommendations(engine)
    assert sorted(rows) == sorted(f"decidim-{n}" for n in (291, 290, 69, 65, 37, 38, 39, 73))
    # Sub-results 38 and 39 stay under result 37; the others stand alone.
    parents = {code: r["parent_code"] for code, r in rows.items() if r["parent_code"]}
    assert parents == {"decidim-38": "decidim-37", "decidim-39": "decidim-37"}
    # One meeting for component 15, in the commune named, on its results' earliest day.
    assert {r["meeting"] for r in rows.values()} == {"decidim-component-15"}
    assert {r["commune"] for r in rows.values()} == {KHNAFIF}
    assert {r["meeting_date"] for r in rows.values()} == {dt.date(2020, 5, 10)}
    # Its status keys (status_0, status_1) are no Musharaka status: progress decides.
    progress = {code: r["current_progress"] for code, r in rows.items()}
    assert progress == {
        "decidim-291": 25,
        "decidim-290": 14,
        "decidim-69": 46.33,
        "decidim-65": 52.67,
        # A parent's progress is its parts' (38 and 39, equal weights: the export has no
        # weight): Decidim's own 22 stays its initial progress.
        "decidim-37": 24.5,
        "decidim-38": 15,
        "decidim-39": 34,
        "decidim-73": 25,
    }
    with engine.connect() as conn:
        initial = select(Recommendation.initial_progress).where(Recommendation.code == "decidim-37")
        assert conn.execute(initial).scalar_one() == 22
    assert {r["current_status"] for r in rows.values()} == {"in_progress"}
    # No Arabic or French in the file: the English title and description, as text.
    assert rows["decidim-291"]["title"] == "test2"
    assert rows["decidim-291"]["description"] == "test2 test2 test2 test2 test2"
    assert rows["decidim-69"]["description"] == (
        "Inventore provident soluta. Optio sit sunt. Non ut hic."
    )
    assert rows["decidim-290"]["description"] is None
    for row in rows.values():
        assert "<" not in (row["description"] or "") and "&" not in (row["description"] or "")
    assert rows["decidim-291"]["target_date"] == dt.date(2020, 5, 22)
    assert rows["decidim-291"]["location"] == "Considineville"  # its scope
    # A category that is no Musharaka domain is kept as 'other' with its name, and said.
    assert rows["decidim-291"]["domain"] == "other"
    assert rows["decidim-291"]["domain_text"] == "Consequuntur ipsam et esse cupiditate."
    assert [w["row"] for w in report.warnings if w["column"] == "domain"] == [2, 3]
    assert rows["decidim-69"]["domain"] == "other" and rows["decidim-69"]["domain_text"] is None


def test_loading_the_fixture_again_changes_nothing(engine, load):
    load(engine, FIXTURE, commune=KHNAFIF)
    again = load(engine, FIXTURE, commune=KHNAFIF)
    assert again.committed and again.balanced()
    for table, count in (("meetings", 1), ("recommendations", 8)):
        assert again.tables[table]["read"] == count
        assert again.tables[table]["unchanged"] == count


def test_the_fixture_saved_as_a_workbook_loads_the_same(engine, load, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Results"
    for line in csv.reader(io.StringIO(FIXTURE.read_text(encoding="utf-8")), delimiter=";"):
        sheet.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in line])
    workbook.save(tmp_path / "results.xlsx")
    report = load(engine, tmp_path / "results.xlsx", commune=KHNAFIF)
    assert report.rejects == []
    rows = recommendations(engine)
    assert len(rows) == 8
    assert rows["decidim-38"]["parent_code"] == "decidim-37"
    assert rows["decidim-69"]["current_progress"] == 46.33


# --- The command line ----------------------------------------------------------------
def test_a_decidim_file_without_commune_is_a_clear_error_and_commits_nothing(db_url, engine):
    result = run_etl(["load", str(FIXTURE), "--progress", "none"], db_url)
    assert result.returncode == 1
    assert "Decidim results file" in result.stderr and "--commune" in result.stderr
    with engine.connect() as conn:
        assert conn.execute(select(Recommendation.id)).first() is None
        assert conn.execute(select(Meeting.id)).first() is None
        assert conn.execute(select(LoadRun.id)).first() is None


def test_the_commune_is_named_by_its_name_or_its_id(sample_url, engine):
    result = run_etl(["load", str(FIXTURE), "--commune", "1", "--progress", "none"], sample_url)
    assert result.returncode == 0, result.stderr
    rows = recommendations(engine)
    assert rows["decidim-291"]["commune"] == KHNAFIF
    with engine.connect() as conn:
        assert len(conn.execute(select(Commune.id)).all()) == 4  # no commune "1" made


def test_export_options_are_checked(sample_url, tmp_path):
    out = tmp_path / "out.csv"
    unknown = run_etl(
        ["export", "--format", "decidim", "--commune", "Nowhere", "--out", str(out)], sample_url
    )
    assert unknown.returncode == 1 and "no commune 'Nowhere'" in unknown.stderr
    assert not out.exists()
    misplaced = run_etl(
        ["export", "--format", "json", "--commune", "1", "--out", str(out)], sample_url
    )
    assert misplaced.returncode == 2 and "--format decidim only" in misplaced.stderr


# --- Rejects -------------------------------------------------------------------------
def test_bad_rows_are_rejected_with_their_row_column_and_reason(engine, load, tmp_path):
    path = decidim_file(
        tmp_path / "results.csv",
        [
            result("1", "Good", progress="40", start_date="2021-03-01"),
            result("2", "Bad progress", progress="beaucoup"),
            result("3", "Too much", progress="140"),
            result("4", "No such day", end_date="31/02/2021"),
            result("5", "Bad start", start_date="someday"),
            result("6", "", description__en="<p>no title</p>"),
        ],
    )
    report = load(engine, path, commune=KHNAFIF)
    assert report.committed and report.balanced()
    found = [(r["row"], r["column"], r["reason"]) for r in report.rejects]
    assert found == [
        (3, "progress", "bad_number"),
        (4, "progress", "out_of_range"),
        (5, "target_date", "bad_date"),
        (6, "start_date", "bad_date"),
        (7, "title", "missing_required"),
    ]
    assert all(r["file"] == "results.csv" and r["sheet"] == "" for r in report.rejects)
    end_date = next(r for r in report.rejects if r["row"] == 5)
    assert end_date["message"].startswith("end_date: ")  # the file's own column is named
    assert end_date["value"] == "31/02/2021"
    assert sorted(recommendations(engine)) == ["decidim-1"]


def test_a_sub_result_needs_its_parent_in_the_file_or_the_database(engine, load, tmp_path):
    # Children before their parent, one under a result that exists nowhere, one under a
    # rejected result, and one under itself.
    path = decidim_file(
        tmp_path / "results.csv",
        [
            result("11", "Child", parent__id="10"),
            result("10", "Parent"),
            result("12", "Orphan", parent__id="999"),
            result("13", "Rejected parent", progress="x"),
            result("14", "Under a rejected parent", parent__id="13"),
            result("15", "Its own parent", parent__id="15"),
        ],
    )
    report = load(engine, path, commune=KHNAFIF)
    found = {r["row"]: (r["column"], r["reason"], r["value"]) for r in report.rejects}
    assert found == {
        4: ("parent_id", "unknown_reference", "decidim-999"),
        5: ("progress", "bad_number", "x"),
        6: ("parent_id", "unknown_reference", "decidim-13"),
        7: ("parent_id", "unknown_reference", "decidim-15"),
    }
    assert "rejected in this load" in next(r for r in report.rejects if r["row"] == 6)["message"]
    assert recommendations(engine)["decidim-11"]["parent_code"] == "decidim-10"
    # A later file may name a parent that is now in the database.
    later = decidim_file(tmp_path / "later.csv", [result("16", "Later child", parent__id="10")])
    assert load(engine, later, commune=KHNAFIF).rejects == []
    assert recommendations(engine)["decidim-16"]["parent_code"] == "decidim-10"


def test_a_file_without_the_parent_column_keeps_the_grouping(engine, load, tmp_path):
    load(engine, FIXTURE, commune=KHNAFIF)
    path = tmp_path / "recommendations.csv"
    path.write_text(
        "recommendation_id,meeting_id,domain,title,status,progress\n"
        "decidim-38,decidim-component-15,health,Ut veritatis (corrigé),in_progress,15\n",
        encoding="utf-8",
    )
    report = load(engine, path)
    assert report.tables["recommendations"]["updated"] == 1
    row = recommendations(engine)["decidim-38"]
    assert row["title"] == "Ut veritatis (corrigé)" and row["parent_code"] == "decidim-37"


# --- Export and round trips ----------------------------------------------------------
def read_export(path: Path) -> list[dict[str, str]]:
    """The file as Decidim's importer reads it: `;`-separated, the first line the header."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # Decidim's CSV reader would keep a BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8")), delimiter=";"))


def test_the_export_has_the_header_and_cells_decidims_importer_reads(sample_url, tmp_path):
    out = tmp_path / "khnafif.csv"
    result = run_etl(
        ["export", "--format", "decidim", "--commune", KHNAFIF, "--out", str(out)], sample_url
    )
    assert result.returncode == 0, result.stderr
    # Decidim's own export header, with Arabic, French and English as the locales.
    expected = []
    for column in FIXTURE_HEADER:
        stem_, _, locale = column.rpartition("/")
        if locale == "ca":
            expected += [f"{stem_}/{lang}" for lang in ("ar", "fr", "en")]
        elif locale not in ("en", "es"):
            expected.append(column)
    rows = read_export(out)
    assert list(rows[0]) == expected
    assert len(rows) == 38  # Khnafif's recommendations, and no other commune's
    for row in rows:
        assert None not in row.values()  # every line has exactly the header's cells
        assert row["id"].startswith("KHN-") and row["component/id"].startswith("KHN-")
        assert row["status/key"] in STATUS_KEYS
        assert row["status/name/fr"] == term_label(STATUSES, row["status/key"], "fr")
        dt.date.fromisoformat(row["start_date"])
        if row["end_date"]:
            dt.date.fromisoformat(row["end_date"])
        if row["progress"]:
            assert 0 <= float(row["progress"]) <= 100
        assert row["title/ar"] and row["title/fr"] and row["title/en"]
        if row["description/ar"]:
            assert row["description/ar"].startswith("<p>")
    first = rows[0]
    assert first["start_date"] == "2019-09-29"  # the meeting's date


def test_the_sample_round_trips_through_decidims_format(sample_url, engine, empty_engine, tmp_path):
    first = tmp_path / "first.csv"
    run_etl(["export", "--format", "decidim", "--commune", "1", "--out", str(first)], sample_url)
    target = empty_engine.url.render_as_string(hide_password=False)
    loaded = run_etl(
        ["load", str(first), "--commune", KHNAFIF, "--report", str(tmp_path / "r.json")], target
    )
    assert loaded.returncode == 0, loaded.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["rejects"] == []
    assert report["tables"]["recommendations"]["inserted"] == 38
    assert report["tables"]["meetings"]["inserted"] == 4
    source = {c: r for c, r in recommendations(engine).items() if r["commune"] == KHNAFIF}
    assert recommendations(empty_engine) == source
    # Written again from the new database, the file is the same.
    second = tmp_path / "second.csv"
    run_etl(["export", "--format", "decidim", "--out", str(second)], target)
    assert second.read_bytes() == first.read_bytes()


def test_decidim_results_round_trip_with_their_hierarchy(engine, empty_engine, load, tmp_path):
    load(engine, FIXTURE, commune=KHNAFIF)
    first = tmp_path / "first.csv"
    first.write_bytes(decidim_export(engine))
    ids = {row["id"]: row["parent/id"] for row in read_export(first)}
    assert ids["38"] == ids["39"] == "37" and ids["291"] == ""  # Decidim's own ids again
    report = load(empty_engine, first, commune=KHNAFIF)
    assert report.rejects == [] and report.balanced()
    assert recommendations(empty_engine) == recommendations(engine)
    assert decidim_export(empty_engine) == first.read_bytes()


def decidim_export(engine) -> bytes:
    from etl.export import decidim_csv

    return decidim_csv(engine)


def test_arabic_and_french_versions_survive_both_ways(engine, empty_engine, load, tmp_path):
    ar_fr = {
        "title/ar": "إصلاح الطريق",
        "title/fr": "Réparer la route",
        "description/ar": "<p>الطريق&nbsp;المؤدي إلى الدوار</p><p>سطر ثانٍ</p>",
        "description/fr": "<p>La route du douar &amp; l'école</p>",
        "category/name/en": "Roads and transport",
        "status/key": "finished",
    }
    path = decidim_file(
        tmp_path / "results.csv",
        [{**result("7", ""), **ar_fr}],
        extra=("title/ar", "title/fr", "description/ar", "description/fr", "category/name/fr"),
    )
    assert load(engine, path, commune=KHNAFIF).rejects == []
    stored = recommendations(engine)["decidim-7"]
    assert stored["title"] == "إصلاح الطريق"
    assert stored["description"] == (
        "الطريق المؤدي إلى الدوار\n\nسطر ثانٍ\n\nFR: Réparer la route\n\nLa route du douar & l'école"
    )
    assert stored["domain"] == "roads_transport" and stored["domain_text"] is None
    assert (stored["current_status"], stored["current_progress"]) == ("completed", 100)
    exported = tmp_path / "out.csv"
    exported.write_bytes(decidim_export(engine))
    (written,) = read_export(exported)
    assert written["title/ar"] == "إصلاح الطريق" and written["title/fr"] == "Réparer la route"
    assert written["description/fr"] == "<p>La route du douar &amp; l'école</p>"
    assert written["category/name/fr"] == "Routes et transport"
    load(empty_engine, exported, commune=KHNAFIF)
    assert recommendations(empty_engine) == recommendations(engine)


# --- The pure mapping ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("cells", "progress", "expected"),
    [
        ({"status/key": "completed"}, None, "completed"),
        ({"status/key": "in_progress"}, 10, "in_progress"),
        ({"status/key": "status_1", "status/name/fr": "En cours"}, 0, "in_progress"),
        ({"status/key": "finished"}, 80, "completed"),  # a key Decidim sites often use
        ({"status/key": "discarded"}, 30, "cancelled"),
        ({"status/key": "partially_executed"}, 60, "partially_completed"),
        ({"status/key": "partial"}, 60, "partially_completed"),
        ({"status/name/fr": "Partiellement réalisée"}, 40, "partially_completed"),
        ({"status/key": "status_1"}, 100, "completed"),
        ({"status/key": "status_1"}, 99.5, "in_progress"),
        ({"status/key": "status_0"}, 0, "not_started"),
        ({}, None, "not_started"),
        ({"status/name/en": "Stalled"}, 40, "stalled"),
    ],
)
def test_status_from_key_name_or_progress(cells, progress, expected):
    assert decidim_results.status_of(cells, progress) == expected


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>test2&nbsp;test2&nbsp;</p>", "test2 test2"),
        ("<p>one</p>\n<p>two</p>", "one\n\ntwo"),
        ("<p>line<br>next</p>", "line\nnext"),
        ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
        ("<p>a <strong>b</strong>\n   c</p>", "a b c"),
        ("<p>&lt;script&gt; &amp; &quot;x&quot;</p><script>alert(1)</script>", '<script> & "x"'),
        ("plain text", "plain text"),
        ("<p></p>", None),
        ("", None),
    ],
)
def test_html_is_reduced_to_text(markup, text):
    assert decidim.html_to_text(markup) == text


@pytest.mark.parametrize(
    "text",
    [
        "one line",
        "two\nlines",
        "para one\n\npara two",
        "a\n\n\nb",
        "a\n\n\n\n\nb",
        "double  space and\ttab",
        "line with trailing space \nnext",
        "<b>not markup</b> & co",
        "السطر الأول\n\nFR: pas un bloc",
    ],
)
def test_text_survives_html_and_back(text):
    assert decidim.html_to_text(decidim.text_to_html(text)) == text


@pytest.mark.parametrize(
    ("code", "decidim_id", "prefix"),
    [
        ("decidim-291", "291", decidim.RESULT_PREFIX),
        ("KHN-2020-2-R01", "KHN-2020-2-R01", decidim.RESULT_PREFIX),
        ("decidim-x1", "decidim-x1", decidim.RESULT_PREFIX),
        ("decidim-component-15", "15", decidim.COMPONENT_PREFIX),
        ("KHN-2020-2", "KHN-2020-2", decidim.COMPONENT_PREFIX),
    ],
)
def test_ids_map_both_ways(code, decidim_id, prefix):
    assert decidim.decidim_id(code, prefix) == decidim_id
    back = decidim.result_code if prefix == decidim.RESULT_PREFIX else decidim.component_code
    assert back(decidim_id) == code


def test_a_contract_file_is_not_taken_for_a_decidim_file():
    contract = ["recommendation_id", "meeting_id", "domain", "title", "status", "progress"]
    assert decidim_results.header_columns(contract) is None
    assert decidim_results.header_columns(["id", "title/fr", "description/fr"]) is None
    assert decidim_results.header_columns(FIXTURE_HEADER) is not None
