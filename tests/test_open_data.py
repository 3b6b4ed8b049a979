"""Open data, on SQLite and on PostgreSQL: the page offers the whole public data set as CSV,
XLSX and JSON with its dictionary and licence, in Arabic, French and English; what it
downloads is byte for byte what `python -m etl export --public` writes and holds no
personal data (test_privacy.py plants it in every field that can hold it);
every format loads back into an empty database with `python -m etl load` and exports the
same again, hostile text included.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from browser import chromium_unavailable, launch_chromium, start_server
from browser import open_page as open_in_browser
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from conftest import SAMPLE_DIR, proto_strings, run_etl, run_page
from etl import export
from etl.extract import EXPORT_FORMAT
from etl.load import run_load
from musharaka import data_dictionary, db, licences, ui
from musharaka.i18n import t
from musharaka.services.open_data import build_public_files
from musharaka.views import data_status as load_status
from musharaka.vocabulary import DOMAINS, LANGUAGES, PRIORITIES, STATUSES

PAGE = "pages/6_Open_data.py"
# 2026-01-01T00:00:00Z: the page and the command line dated alike give the same bytes.
EPOCH = "1767225600"
PHONE, EMAIL = "0661234987", "private.contact@assoc.example"
FORMULAS = ['=HYPERLINK("http://evil.example","clic")', "+212 600 000 000", "-1+2", "@SUM(A1)"]


# --- Data sets -------------------------------------------------------------------------
def hostile_document() -> dict:
    """A data set in the export's own JSON form (text exactly as written): markup, a
    right-to-left override, formulas, text already starting with a quote, Arabic, lists,
    an unknown domain, same-day updates, and associations with contact details."""
    return {
        "format": EXPORT_FORMAT,
        "associations": [
            {
                "name": "جمعية <b>الأمل</b>",
                "commune": "Bled <i>x</i>",
                "domain": "health",
                "location": "\u202edouar evil",
                "phone": PHONE,
                "email": EMAIL,
            },
            {"name": "=SUM(A1)", "commune": "Bled <i>x</i>", "phone": "+212 5 28 00 00 00"},
        ],
        "meetings": [
            {
                "meeting_id": "M-1",
                "commune": "Bled <i>x</i>",
                "province": "+Taroudant",
                "date": "2020-02-16",
                "title": "=1+1",
                "summary": "<script>alert('x')</script>\nسطر ثان «مقتبس» \u202eRTL",
                "participants": 37,
                "associations": ["جمعية <b>الأمل</b>", "=SUM(A1)"],
                "source_url": "javascript:alert(1)",
            },
            {"meeting_id": "م-٢", "commune": "تيزكي الخير", "date": "2021-03-01"},
        ],
        "recommendations": [
            *(
                {
                    "recommendation_id": f"R{i}",
                    "meeting_id": "M-1",
                    "domain": "health",
                    "title": title,
                    "status": "planned",
                }
                for i, title in enumerate(FORMULAS)
            ),
            {
                "recommendation_id": "R-quote",
                "meeting_id": "M-1",
                "domain": "Tourisme rural",
                "title": "'=already quoted",
                "description": "'plain apostrophe",
                "proposed_by": ["=SUM(A1)", "جمعية <b>الأمل</b>"],
                "responsible": "@council",
                "partners": ["الإقليم", "-Region"],
                "location": "\u202eدوار",
                "priority": "high",
                "budget_mad": 1200000.5,
                "target_date": "2022-12-31",
                "status": "in_progress",
                "progress": 30,
            },
            {
                "recommendation_id": "ت-١",
                "meeting_id": "م-٢",
                "domain": "education",
                "title": "تهيئة المدرسة <img src=x onerror=alert(1)>",
                "priority": "low",
                "status": "not_started",
            },
        ],
        "status_updates": [
            {
                "recommendation_id": "R-quote",
                "date": "2021-06-01",
                "status": "in_progress",
                "progress": 50,
                "note": "=cmd|' /C calc'!A0",
                "evidence_url": "https://example.org/e1",
                "reported_by": "@boss",
            },
            {"recommendation_id": "R-quote", "date": "2021-06-01", "status": "stalled"},
            {"recommendation_id": "R0", "date": "2021-01-10", "status": "completed"},
            {
                "recommendation_id": "ت-١",
                "date": "2022-04-01",
                "status": "in_progress",
                "progress": 12.5,
                "note": "بدأت الأشغال\u202e",
            },
        ],
    }


@pytest.fixture(params=["sample", "hostile"])
def dataset_url(request, engine, db_url, tmp_path) -> str:
    """A database of each kind holding the bundled sample, or the hostile data set."""
    if request.param == "sample":
        paths = [SAMPLE_DIR]
    else:
        source = tmp_path / "hostile.json"
        source.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
        paths = [source]
    report = run_load(engine, paths)
    assert report.committed and not report.rejects, report.rejects
    return db_url


@pytest.fixture
def hostile_url(engine, db_url, tmp_path) -> str:
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    report = run_load(engine, [source])
    assert report.committed and not report.rejects, report.rejects
    return db_url


# --- Reading what was downloaded -------------------------------------------------------
def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_sheets(data: bytes) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}


def all_text(data: bytes) -> str:
    """Every byte of a file as text, the parts of a zip archive (and so of a workbook)
    decompressed."""
    if data[:2] == b"PK":
        return "\n".join(all_text(part) for part in zip_members(data).values())
    return data.decode("utf-8", errors="replace")


def without_generated_at(data: bytes) -> bytes:
    return re.sub(rb'"generated_at": "[^"]*"', b'"generated_at": ""', data)


def visible_text(app: AppTest) -> str:
    """Everything the page sent to the browser, the cells of its tables included."""
    parts = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.extend(proto_strings(proto))
        if node.type in ("table", "arrow_table"):
            parts.append(node.value.to_csv())
    return "\n".join(parts)


def open_page(url: str, monkeypatch, lang: str) -> AppTest:
    app = run_page(PAGE, url, monkeypatch, lang=lang)
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def cli_export(url: str, fmt: str, out: Path, *, public: bool = False) -> None:
    scope = ["--public"] if public else []
    done = run_etl(["export", *scope, "--format", fmt, "--out", str(out)], url)
    assert done.returncode == 0, done.stderr


def cli_load(url: str, path: Path, tmp_path: Path) -> dict:
    report_path = tmp_path / "report.json"
    done = run_etl(["load", str(path), "--report", str(report_path), "--progress", "none"], url)
    assert done.returncode == 0, done.stderr
    return json.loads(report_path.read_text(encoding="utf-8"))


# --- The data dictionary and the licence (pure) -----------------------------------------
def test_every_exported_column_has_a_dictionary_entry_in_three_languages():
    assert data_dictionary.undocumented(export.COLUMNS) == []
    entries = data_dictionary.entries(export.COLUMNS)
    assert [(e.table, e.column) for e in entries] == [
        (table, column) for table in export.TABLES for column in export.COLUMNS[table]
    ]
    for entry in entries:
        meanings = {entry.meaning(lang) for lang in LANGUAGES}
        assert len(meanings) == 3, (entry.table, entry.column)  # really translated
        assert entry.kind in data_dictionary.TYPES


def test_a_column_without_a_meaning_stops_the_export():
    columns = {**export.COLUMNS, "meetings": (*export.COLUMNS["meetings"], "weather")}
    assert data_dictionary.undocumented(columns) == ["meetings.weather"]
    with pytest.raises(data_dictionary.UndocumentedColumn, match=r"meetings\.weather"):
        data_dictionary.entries(columns)


@pytest.mark.parametrize(
    ("column", "terms"),
    [
        ("status", STATUSES),
        ("initial_status", STATUSES),
        ("domain", DOMAINS),
        ("priority", PRIORITIES),
    ],
)
def test_the_dictionary_lists_every_allowed_value_with_its_labels(column, terms):
    (record,) = [
        r
        for r in data_dictionary.records(data_dictionary.entries(export.COLUMNS))
        if r["table"] == "recommendations" and r["column"] == column
    ]
    assert record["type"] == "code"
    for lang in LANGUAGES:
        assert record[f"values_{lang}"] == "; ".join(f"{x.key} = {x.label(lang)}" for x in terms)


@pytest.mark.parametrize(
    ("setting", "spdx_id", "name", "url"),
    [
        ("", "ODbL-1.0", "Open Data Commons Open Database License v1.0", "opendatacommons.org"),
        ("cc-by-4.0", "CC-BY-4.0", "Creative Commons Attribution 4.0 International", "/by/4.0/"),
        ("etalab-2.0", "etalab-2.0", "Etalab Open License 2.0", "etalab.gouv.fr"),
        ("MIT", "MIT", "MIT", "https://spdx.org/licenses/MIT.html"),
        ("LicenseRef-Commune-1", "LicenseRef-Commune-1", "LicenseRef-Commune-1", None),
        ("<b>any licence</b>", "ODbL-1.0", "Open Data Commons Open Database License v1.0", "odbl"),
    ],
)
def test_the_licence_setting(setting, spdx_id, name, url):
    licence = licences.configured({licences.SETTING: setting})
    assert (licence.id, licence.name) == (spdx_id, name)
    assert licence.url is None if url is None else url in licence.url


# --- The page ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_shows_the_licence_counts_downloads_and_dictionary(
    hostile_url, engine, monkeypatch, lang
):
    monkeypatch.setenv(licences.SETTING, "CC-BY-4.0")
    app = open_page(hostile_url, monkeypatch, lang)
    assert app.title[0].value == t("open_data_title", lang)
    licence_line = t("open_data_licence", lang).format(
        licence="[Creative Commons Attribution 4.0 International]"
        "(https://creativecommons.org/licenses/by/4.0/) (`CC-BY-4.0`)"
    )
    assert licence_line in [m.value for m in app.markdown]

    # The rows of each table, as many as the export holds.
    data = json.loads(export.build_files(engine, "json")[export.JSON_NAME])
    assert [(m.label, m.value) for m in app.metric] == [
        (load_status.table_label(table, lang), ui.number(len(data[table]), lang))
        for table in export.TABLES
    ]
    assert [len(data[table]) for table in export.TABLES] == [2, 2, 6, 4]

    buttons = app.get("download_button")
    assert [b.label for b in buttons] == [
        t("open_data_csv", lang),
        t("open_data_xlsx", lang),
        t("open_data_json", lang),
        *(
            t("open_data_table_csv", lang).format(table=load_status.table_label(table, lang))
            for table in export.TABLES
        ),
    ]
    assert not any(b.proto.disabled for b in buttons)

    # The dictionary: one table per exported table, one row per column, in the language.
    assert [tab.label for tab in app.tabs] == [
        load_status.table_label(table, lang) for table in export.TABLES
    ]
    assert len(app.table) == len(export.TABLES)
    for shown, table in zip(app.table, export.TABLES, strict=True):
        frame = shown.value
        withheld = export.WITHHELD.get(table, ())
        assert frame[t("dictionary_column", lang)].tolist() == [
            *export.PUBLIC_COLUMNS[table],
            *withheld,
        ]
        meanings = frame[t("dictionary_meaning", lang)].tolist()
        assert meanings == [
            t(data_dictionary.meaning_key(table, column), lang)
            for column in export.PUBLIC_COLUMNS[table]
        ] + [
            f"{t(data_dictionary.meaning_key(table, column), lang)} "
            f"{t('dictionary_withheld_reason', lang)}"
            for column in withheld
        ]
    status = app.table[2].value.set_index(t("dictionary_column", lang)).loc["status"]
    assert f"completed = {STATUSES[3].label(lang)}" in status[t("dictionary_values", lang)]

    # No personal data anywhere on the page.
    visible = visible_text(app)
    assert t("dictionary_meetings_summary", lang) in visible  # the tables' cells are read
    assert PHONE not in visible and EMAIL not in visible and "+212 5 28" not in visible


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_counts_are_the_rows_the_files_hold_and_the_associations_page_lists(
    sample_url, engine, monkeypatch, lang
):
    """The sample's associations are known by name only (as proposers and attendees): the
    Associations page lists them, so the open data must count and export them, not say 0."""
    app = open_page(sample_url, monkeypatch, lang)
    listed = run_page("pages/3_Associations.py", sample_url, monkeypatch, lang=lang)
    with engine.connect() as conn:
        on_the_page = conn.execute(text("SELECT count(*) FROM associations")).scalar_one()
    assert on_the_page > 0 and ui.number(on_the_page, lang) in visible_text(listed)
    files = build_public_files(engine, "zip", "CC-BY-4.0")[export.ZIP_NAME]
    members = zip_members(files)
    shown = dict((m.label, m.value) for m in app.metric)
    for table in export.TABLES:
        rows = len(csv_rows(members[f"{table}.csv"])) - 1
        assert shown[load_status.table_label(table, lang)] == ui.number(rows, lang), table
    assert len(csv_rows(members["associations.csv"])) - 1 == on_the_page
    # Under each count, what that table leaves out and why, in the page's language.
    captions = [c.value for c in app.caption]
    for table in export.WITHHELD:
        sentence = t(f"open_data_withheld_{table}", lang)
        assert sentence != f"open_data_withheld_{table}" and sentence in captions, table


def test_an_empty_database_shows_what_to_do_and_offers_no_download(db_url, engine, monkeypatch):
    app = open_page(db_url, monkeypatch, "en")
    assert any(t("empty_title", "en") in i.value for i in app.info)
    assert all(b.proto.disabled for b in app.get("download_button"))
    assert len(app.table) == len(export.TABLES)  # the dictionary is there all the same


def test_the_downloads_are_the_command_lines_public_files_without_personal_data(
    hostile_url, engine, monkeypatch, downloads, tmp_path
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv(licences.SETTING, "CC-BY-4.0")
    open_page(hostile_url, monkeypatch, "fr")
    names = [export.ZIP_NAME, export.XLSX_NAME, export.JSON_NAME]
    assert sorted(downloads) == sorted([*names, *(f"{table}.csv" for table in export.TABLES)])
    files = {name: build() for name, build in downloads.items()}

    for fmt, name in (("csv", export.ZIP_NAME), ("xlsx", export.XLSX_NAME)):
        cli_export(hostile_url, fmt, tmp_path / name, public=True)
        assert files[name] == (tmp_path / name).read_bytes(), name
    cli_export(hostile_url, "json", tmp_path / export.JSON_NAME, public=True)
    assert files[export.JSON_NAME] == (tmp_path / export.JSON_NAME).read_bytes()
    cli_export(hostile_url, "csv", tmp_path / "folder", public=True)
    for table in export.TABLES:
        assert files[f"{table}.csv"] == (tmp_path / "folder" / f"{table}.csv").read_bytes()
    assert zip_members(files[export.ZIP_NAME]) == {
        path.name: path.read_bytes() for path in (tmp_path / "folder").iterdir()
    }

    # Personal data is in the database, never in a file.
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT phone, email FROM associations WHERE phone = :p"), {"p": PHONE}
        )
        assert stored.all() == [(PHONE, EMAIL)]
    for name, data in files.items():
        content = all_text(data)
        for secret in (PHONE, EMAIL, "+212 5 28", "private.contact", "@boss", "/C calc"):
            assert secret not in content, (name, secret)
    # The withheld columns are named in the dictionary only, never as a table's column.
    for table, columns in export.WITHHELD.items():
        header = csv_rows(files[f"{table}.csv"])[0]
        assert not set(columns) & set(header), table

    # The licence and the metadata are in every format.
    document = json.loads(files[export.JSON_NAME])
    assert document["generated_at"] == "2026-01-01T00:00:00Z"
    assert document["licence"] == {
        "id": "CC-BY-4.0",
        "name": "Creative Commons Attribution 4.0 International",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert document["source"] == {"name": "Musharaka", "communes": ["Bled <i>x</i>", "تيزكي الخير"]}
    assert document["rows"] == {
        "associations": 2,
        "meetings": 2,
        "recommendations": 6,
        "status_updates": 4,
    }
    metadata = dict(csv_rows(zip_members(files[export.ZIP_NAME])["metadata.csv"])[1:])
    sheet = dict(xlsx_sheets(files[export.XLSX_NAME])["metadata"][1:])
    for found in (metadata, sheet):
        assert found["licence"] == "CC-BY-4.0"
        assert found["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
        assert found["generated_at"] == "2026-01-01T00:00:00Z"
        assert found["format"] == EXPORT_FORMAT
    # The dictionary too, alike in all three.
    dictionary = document["dictionary"]
    assert len(dictionary) == sum(len(c) for c in export.COLUMNS.values())  # withheld too
    assert {(r["table"], r["column"]) for r in dictionary if r["type"] == "withheld"} == {
        (table, column) for table, columns in export.WITHHELD.items() for column in columns
    }
    rows = csv_rows(zip_members(files[export.ZIP_NAME])["dictionary.csv"])
    assert tuple(rows[0]) == data_dictionary.COLUMNS
    assert [dict(zip(rows[0], row, strict=True)) for row in rows[1:]] == dictionary
    header, *rows = xlsx_sheets(files[export.XLSX_NAME])["dictionary"]
    assert [dict(zip(header, [v or "" for v in row], strict=True)) for row in rows] == dictionary


# --- Round trips through an empty database ---------------------------------------------
def _tables_of(fmt: str, data: bytes) -> dict[str, object]:
    """What a user compares in an export: the tables (and dictionary), without the time
    it was generated."""
    if fmt == "json":
        return {"json": without_generated_at(data)}
    if fmt == "csv":
        members = zip_members(data)
        meta = [row for row in csv_rows(members.pop("metadata.csv")) if row[0] != "generated_at"]
        return {**members, "metadata.csv": meta}
    sheets = xlsx_sheets(data)
    sheets["metadata"] = [row for row in sheets["metadata"] if row[0] != "generated_at"]
    return sheets


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_an_export_loads_back_into_an_empty_database_unchanged(
    dataset_url, empty_url, fmt, tmp_path
):
    name = {"json": export.JSON_NAME, "csv": export.ZIP_NAME, "xlsx": export.XLSX_NAME}[fmt]
    first = tmp_path / "first" / name
    cli_export(dataset_url, fmt, first)
    source = first
    if fmt == "csv":  # the zip as downloaded, unpacked as a user does
        source = tmp_path / "unpacked"
        with zipfile.ZipFile(first) as archive:
            archive.extractall(source)
    report = cli_load(empty_url, source, tmp_path)
    assert report["committed"] and report["rejects"] == []
    # The dictionary and metadata are recognised as such: skipped, not read as data.
    assert {f["table"] for f in report["files"]} <= set(export.TABLES)
    assert not [w for w in report["warnings"] if "no table recognised" in w["message"]]

    second = tmp_path / "second" / name
    cli_export(empty_url, fmt, second)
    assert _tables_of(fmt, second.read_bytes()) == _tables_of(fmt, first.read_bytes())


def test_formulas_come_back_as_they_were_written(hostile_url, empty_url, tmp_path):
    """CSV and XLSX put a quote before a formula; the load takes it away again, and only
    that quote: text that starts with a quote of its own keeps it."""
    cli_export(hostile_url, "xlsx", tmp_path / "out.xlsx")
    sheet = xlsx_sheets((tmp_path / "out.xlsx").read_bytes())["recommendations"]
    titles = {row[0]: row[4] for row in sheet[1:]}
    assert titles["R0"] == "'" + FORMULAS[0] and titles["R-quote"] == "''=already quoted"
    cli_load(empty_url, tmp_path / "out.xlsx", tmp_path)
    engine = db.make_engine(empty_url)
    with engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT code, title FROM recommendations")).all())
        description = conn.execute(
            text("SELECT description FROM recommendations WHERE code = 'R-quote'")
        ).scalar_one()
    engine.dispose()
    assert [stored[f"R{i}"] for i in range(len(FORMULAS))] == FORMULAS
    assert stored["R-quote"] == "'=already quoted"
    assert description == "'plain apostrophe"


def test_a_workbook_cannot_hold_control_characters_they_become_replacement_marks(
    engine, load, tmp_path
):
    (tmp_path / "meetings.csv").write_text(
        'meeting_id,commune,date,title\nM1,Bled,2020-02-16,"a\x0bb\x01c"\n', encoding="utf-8"
    )
    assert load(engine, tmp_path / "meetings.csv").committed
    files = export.build_files(engine, "xlsx") | export.build_files(engine, "json")
    assert xlsx_sheets(files[export.XLSX_NAME])["meetings"][1][4] == "a\ufffdb\ufffdc"
    assert json.loads(files[export.JSON_NAME])["meetings"][0]["title"] == "a\x0bb\x01c"


def test_the_command_line_writes_a_folder_or_a_zip(sample_url, tmp_path):
    done = run_etl(["export", "--format", "csv", "--out", str(tmp_path / "folder")], sample_url)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "folder").iterdir())
    expected = sorted(
        [*(f"{table}.csv" for table in export.TABLES), "dictionary.csv", "metadata.csv"]
    )
    assert names == expected
    done = run_etl(["export", "--format", "csv", "--out", str(tmp_path / "all.zip")], sample_url)
    assert done.returncode == 0, done.stderr
    assert sorted(zip_members((tmp_path / "all.zip").read_bytes())) == expected
    assert done.stdout.strip() == f"wrote {tmp_path / 'all.zip'}"


def test_an_export_too_large_for_a_sheet_is_refused_with_a_reason():
    data = {table: [] for table in export.TABLES}
    data["status_updates"] = [
        dict.fromkeys(export.COLUMNS["status_updates"])
    ] * export.XLSX_MAX_ROWS
    meta = export.metadata(data, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), licences.configured({}))
    with pytest.raises(export.ExportTooLarge, match="status_updates has 1,048,576 rows"):
        export.xlsx_bytes(data, meta)


# --- In a browser: a click downloads the command line's bytes --------------------------
@pytest.mark.browser
def test_clicking_in_a_browser_downloads_what_the_command_line_writes(
    sqlite_engine, monkeypatch, tmp_path
):
    """What AppTest cannot do: click each button on a running server, the file built in
    Streamlit's download thread (and kept in its cache), and saved by Chromium."""
    problem = chromium_unavailable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    assert not run_load(sqlite_engine, [source]).rejects
    url = sqlite_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    expected = {}
    for fmt, name in (("csv", export.ZIP_NAME), ("xlsx", export.XLSX_NAME)):
        cli_export(url, fmt, tmp_path / "cli" / name, public=True)
        expected[t(f"open_data_{fmt}", "fr")] = tmp_path / "cli" / name
    cli_export(url, "json", tmp_path / "cli" / export.JSON_NAME, public=True)
    expected[t("open_data_json", "fr")] = tmp_path / "cli" / export.JSON_NAME
    cli_export(url, "csv", tmp_path / "cli", public=True)
    label = t("open_data_table_csv", "fr").format(table=load_status.table_label("meetings", "fr"))
    expected[label] = tmp_path / "cli" / "meetings.csv"

    server = start_server(url, tmp_path / "streamlit.log")
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(accept_downloads=True)
            open_in_browser(page, server.url("/Open_data", lang="fr"))
            for _ in range(2):  # the second time from the cache
                for button, path in expected.items():
                    with page.expect_download(timeout=60_000) as download:
                        page.get_by_role("button", name=button).click()
                    assert download.value.suggested_filename == path.name
                    saved = tmp_path / "browser" / path.name
                    download.value.save_as(saved)
                    assert saved.read_bytes() == path.read_bytes(), button
            browser.close()
    finally:
        server.stop()
