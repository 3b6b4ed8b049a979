"""No personal data reaches an anonymous visitor, on SQLite and on PostgreSQL.

A name, a phone number (in its international and its national form) and an e-mail address
are planted in every field that can hold a person's: a status update's `reported_by` and
`note`, an association's phone and e-mail, a meeting's `chair` and `facilitator`. None of
them may appear in anything an anonymous visitor can see or download: every public page as
rendered (its text, tables and charts), the Open data page's files, the recommendations'
CSV and Excel, the council's report, the Decidim export; nor in `python -m etl export
--public`. The full export keeps them all (backups, round trips), and a signed-in editor of
the commune still sees them where their work needs them.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import text

from conftest import add_user, proto_strings, run_etl, run_page
from etl import export
from etl.extract import EXPORT_FORMAT
from etl.load import run_load

NAME, NAME_AR = "Fatima Benali", "فاطمة بنعلي"
PHONE_INTL, PHONE_NATIONAL = "+212 6 12 34 56 78", "0612345678"
EMAIL = "fatima.benali@example.org"
SECRETS = (NAME, NAME_AR, PHONE_INTL, PHONE_NATIONAL, EMAIL)
# The same, as a spreadsheet export writes text that starts like a formula ('+212...).
PERSONAL = f"{NAME} / {NAME_AR} / {PHONE_INTL} / {PHONE_NATIONAL} / {EMAIL}"


def personal_document() -> dict:
    """One commune, two meetings, recommendations and their updates, with personal data
    in every field that can hold it (and only there)."""
    return {
        "format": EXPORT_FORMAT,
        "associations": [
            {
                "name": "جمعية النور",
                "commune": "تيزكي الخير",
                "domain": "health",
                "phone": PHONE_INTL,
                "email": EMAIL,
            },
            {"name": "Association Atlas", "commune": "تيزكي الخير", "phone": PHONE_NATIONAL},
        ],
        "meetings": [
            {
                "meeting_id": "TZK-1",
                "commune": "تيزكي الخير",
                "province": "Taroudant",
                "date": "2021-03-01",
                "title": "اللقاء التواصلي الأول",
                "chair": PERSONAL,
                "facilitator": PERSONAL,
                "associations": ["جمعية النور", "Association Atlas"],
            },
            {
                "meeting_id": "TZK-2",
                "commune": "تيزكي الخير",
                "province": "Taroudant",
                "date": "2023-03-01",
                "title": "اللقاء التواصلي الثاني",
                "chair": f"{NAME} {PHONE_NATIONAL}",
                "facilitator": f"{NAME_AR} {EMAIL}",
            },
            {"meeting_id": "OTH-1", "commune": "Oulad Berhil", "date": "2022-02-01"},
        ],
        "recommendations": [
            {
                "recommendation_id": "TZK-R1",
                "meeting_id": "TZK-1",
                "domain": "water_sanitation",
                "title": "ربط الدوار بالماء الصالح للشرب",
                "proposed_by": ["جمعية النور"],
                "responsible": "المجلس الجماعي",
                "status": "planned",
            },
            {
                "recommendation_id": "TZK-R2",
                "meeting_id": "TZK-1",
                "domain": "education",
                "title": "Transport scolaire",
                "proposed_by": ["Association Atlas"],
                "status": "not_started",
            },
        ],
        "status_updates": [
            {
                "recommendation_id": "TZK-R1",
                "date": "2022-01-10",
                "status": "in_progress",
                "progress": 40,
                "note": f"Appeler {PERSONAL}",
                "reported_by": PERSONAL,
            },
            {
                "recommendation_id": "TZK-R1",
                "date": "2022-09-01",
                "status": "completed",
                "note": f"{NAME_AR} {PHONE_NATIONAL}",
                "reported_by": f"{NAME} {PHONE_INTL}",
            },
            {
                "recommendation_id": "TZK-R2",
                "date": "2022-05-01",
                "status": "stalled",
                "note": EMAIL,
                "reported_by": NAME_AR,
            },
        ],
    }


@pytest.fixture
def personal_url(engine, db_url, tmp_path) -> str:
    source = tmp_path / "personal.json"
    source.write_text(json.dumps(personal_document(), ensure_ascii=False), encoding="utf-8")
    report = run_load(engine, [source])
    assert report.committed and not report.rejects, report.rejects
    return db_url


def _ids(engine) -> tuple[int, int]:
    """The commune's id and the first association's."""
    with engine.connect() as conn:
        commune = conn.execute(
            text("SELECT commune_id FROM meetings WHERE code = 'TZK-1'")
        ).scalar_one()
        association = conn.execute(
            text("SELECT id FROM associations WHERE phone = :p"), {"p": PHONE_INTL}
        ).scalar_one()
    return commune, association


# --- what a page shows and what it offers to download ----------------------------------
def rendered_text(app) -> str:
    """Everything a page sent to the browser, as a reader reads it: its texts, charts
    (hover text included) and the cells of its tables."""
    parts = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.extend(proto_strings(proto))
        value = getattr(node, "value", None) if node.type in _TABLES else None
        if value is not None:
            parts.append(value.to_csv())
    # Markdown escapes taken away: "fatima\\.benali" is the address all the same.
    return "\n".join(parts).replace("\\", "")


_TABLES = ("table", "arrow_table", "arrow_data_frame", "dataframe")


def file_text(data: bytes | str) -> str:
    """A downloaded file as text, the members of a zip archive (and a workbook) unpacked."""
    if isinstance(data, str):
        return data
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(file_text(archive.read(name)) for name in archive.namelist())
    return data.decode("utf-8", errors="replace")


def leaks(content: str) -> list[str]:
    return [secret for secret in SECRETS if secret in content]


def anonymous_views(engine) -> list[tuple[str, dict[str, str]]]:
    """Every public page, in each of its views that could show one of the fields."""
    commune, association = _ids(engine)
    return [
        ("dashboard.py", {}),
        ("pages/1_Recommendations.py", {}),
        ("pages/1_Recommendations.py", {"rec": "TZK-R1"}),
        ("pages/1_Recommendations.py", {"rec": "TZK-R2"}),
        ("pages/2_Meetings.py", {}),
        ("pages/2_Meetings.py", {"commune": str(commune)}),
        ("pages/2_Meetings.py", {"meeting": "TZK-1"}),
        ("pages/2_Meetings.py", {"meeting": "TZK-2"}),
        ("pages/3_Associations.py", {}),
        ("pages/3_Associations.py", {"association": str(association)}),
        ("pages/4_Public_display.py", {"commune": str(commune)}),
        ("pages/4_Public_display.py", {}),
        ("pages/5_Data_status.py", {}),
        ("pages/6_Open_data.py", {}),
    ]


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_no_public_page_nor_download_shows_personal_data(
    personal_url, engine, monkeypatch, downloads, lang
):
    for page, params in anonymous_views(engine):
        app = run_page(page, personal_url, monkeypatch, lang=lang, params=params)
        assert not app.exception, (page, params, app.exception)
        assert leaks(rendered_text(app)) == [], (page, params)
    # Every file a button of those pages offers, built as a click builds it.
    names = set(downloads)
    assert {export.ZIP_NAME, export.XLSX_NAME, export.JSON_NAME, "status_updates.csv"} <= names
    assert any(name.endswith(".html") for name in names)  # the council's report
    assert any(name.endswith(".xlsx") and name != export.XLSX_NAME for name in names)
    for name, build in downloads.items():
        if name.endswith(".pdf"):
            continue  # the same document as the .html, set in type
        assert leaks(file_text(build())) == [], name


def test_the_public_export_withholds_and_the_full_export_keeps_personal_data(
    personal_url, tmp_path
):
    for fmt, out in (("json", "o.json"), ("xlsx", "o.xlsx"), ("csv", "o.zip")):
        done = run_etl(
            ["export", "--public", "--format", fmt, "--out", str(tmp_path / out)], personal_url
        )
        assert done.returncode == 0, done.stderr
        assert leaks(file_text((tmp_path / out).read_bytes())) == [], fmt
    done = run_etl(
        ["export", "--format", "decidim", "--out", str(tmp_path / "d.csv")], personal_url
    )
    assert done.returncode == 0, done.stderr
    assert leaks(file_text((tmp_path / "d.csv").read_bytes())) == []

    # The public dictionary names each withheld column and says why.
    document = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    withheld = {
        (row["table"], row["column"]) for row in document["dictionary"] if row["type"] == "withheld"
    }
    assert withheld == {
        ("associations", "phone"),
        ("associations", "email"),
        ("meetings", "chair"),
        ("meetings", "facilitator"),
        ("status_updates", "note"),
        ("status_updates", "reported_by"),
    }
    assert "reported_by" not in document["status_updates"][0]
    assert "chair" not in document["meetings"][0]

    # The full export keeps everything, for backups and the round trip.
    done = run_etl(
        ["export", "--format", "json", "--out", str(tmp_path / "full.json")], personal_url
    )
    assert done.returncode == 0, done.stderr
    assert sorted(leaks((tmp_path / "full.json").read_text(encoding="utf-8"))) == sorted(SECRETS)


def test_a_public_export_loads_back_into_an_empty_database(personal_url, empty_url, tmp_path):
    out = tmp_path / "public.json"
    done = run_etl(["export", "--public", "--format", "json", "--out", str(out)], personal_url)
    assert done.returncode == 0, done.stderr
    report = tmp_path / "report.json"
    done = run_etl(["load", str(out), "--report", str(report), "--progress", "none"], empty_url)
    assert done.returncode == 0, done.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["rejects"] == []


def test_an_editor_of_the_commune_still_sees_the_meetings_chair_and_the_notes(
    personal_url, engine, monkeypatch
):
    commune, _ = _ids(engine)
    editor = add_user(personal_url, "editor-tzk", "editor", communes=[commune])
    other = add_user(personal_url, "editor-elsewhere", "editor", communes=["Oulad Berhil"])
    app = run_page(
        "pages/2_Meetings.py", personal_url, monkeypatch, params={"meeting": "TZK-2"}, user=editor
    )
    assert NAME in rendered_text(app) and EMAIL in rendered_text(app)
    app = run_page(
        "pages/1_Recommendations.py",
        personal_url,
        monkeypatch,
        params={"rec": "TZK-R2"},
        user=editor,
    )
    assert EMAIL in rendered_text(app)
    # An editor of other communes is, for this commune, a member of the public.
    app = run_page(
        "pages/1_Recommendations.py",
        personal_url,
        monkeypatch,
        params={"rec": "TZK-R2"},
        user=other,
    )
    assert leaks(rendered_text(app)) == []


def test_the_command_line_says_what_public_means(tmp_path, sqlite_engine):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    done = run_etl(["export", "--help"], url)
    assert "--public" in done.stdout and "personal" in done.stdout
