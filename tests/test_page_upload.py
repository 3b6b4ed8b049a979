"""Uploading files in the browser (pages/8_Upload.py, musharaka.services.uploads): a dry run shows
the load report, confirming loads exactly the files that report was made from, with a
progress bar and an audit trail; an editor loads only in their communes; the rejected
rows download with their cells to correct and upload again; and hostile files (too
large, a zip bomb, a 1 MB cell, formulas, markup, direction overrides, wrong types) each
get a clear message while nothing is half-written and the page keeps serving."""

from __future__ import annotations

import io
import json
import re
import string
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import workbook_files as wb
from sqlalchemy import select, text
from streamlit.testing.v1 import AppTest

from conftest import PROJECT_ROOT, add_user, run_page
from etl.extract import MAX_XLSX_RATIO
from etl.load import MAX_CELL_CHARS, run_load
from musharaka import auth, db
from musharaka.i18n import t
from musharaka.models import AuditEntry, Commune, Meeting, Recommendation
from musharaka.services import uploads
from musharaka.text import fold
from musharaka.vocabulary import COLUMNS, LANGUAGES

PAGE = "pages/8_Upload.py"
OWN = "الخنافيف"  # the editor's commune in the sample
OTHER = "تيزكي الخير"  # another commune of the sample
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- helpers ------------------------------------------------------------------------------
def csv_bytes(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    import csv

    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


MEETING_HEAD = ["meeting_id", "commune", "date", "title"]
RECOMMENDATION_HEAD = ["recommendation_id", "meeting_id", "domain", "title", "status"]
UPDATE_HEAD = ["recommendation_id", "date", "status", "progress", "note"]


def identity(url: str, user_id: int) -> auth.Identity:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        user = auth.load_identity(conn, user_id)
    engine.dispose()
    return user


def scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def counts(engine) -> dict[str, int]:
    tables = ("communes", "meetings", "recommendations", "status_updates", "load_runs")
    return {name: scalar(engine, f"SELECT count(*) FROM {name}") for name in tables}


def batch_of(tmp_path: Path, files: list[tuple[str, bytes]]) -> uploads.Batch:
    return uploads.stage(files, root=tmp_path)


def open_page(url: str, monkeypatch, user: int | None, lang: str = "en") -> AppTest:
    app = run_page(PAGE, url, monkeypatch, lang=lang, user=user)
    assert not app.exception, app.exception
    return app


def upload(app: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    app.file_uploader(key="upload_files").set_value(list(files))
    app.run()
    assert not app.exception, app.exception
    return app


def confirm_button(app: AppTest, lang: str = "en"):
    return next(b for b in app.button if b.label == t("upload_confirm", lang))


def has_confirm(app: AppTest, lang: str = "en") -> bool:
    return any(b.label == t("upload_confirm", lang) for b in app.button)


def table_with(app: AppTest, column_key: str, lang: str = "en") -> pd.DataFrame:
    label = t(column_key, lang)
    return next(d.value for d in app.dataframe if label in d.value.columns)


def rejects_shown(app: AppTest, lang: str = "en") -> pd.DataFrame:
    return table_with(app, "data_status_reason", lang)


def plain(markdown: str) -> str:
    """Text shown through ui.data_text, without its escapes and direction isolates."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2068", "").replace("\u2069", "")


def every_text(app: AppTest) -> str:
    kinds = ("markdown", "title", "info", "error", "caption", "success", "warning")
    return "\n".join(str(e.value) for kind in kinds for e in app.get(kind))


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, monkeypatch) -> Path:
    """Uploads wait in the test's own folder, removed with it."""
    folder = tmp_path / "uploads"
    monkeypatch.setenv("MUSHARAKA_UPLOAD_DIR", str(folder))
    return folder


@pytest.fixture
def editor(sample_url) -> int:
    return add_user(sample_url, "said", "editor", communes=(OWN,))


@pytest.fixture
def admin(sample_url) -> int:
    return add_user(sample_url, "amina", "admin")


# --- pure: limits, names, progress ----------------------------------------------------------
def test_the_limit_stated_and_enforced_is_the_servers():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == uploads.MAX_UPLOAD_MB == 20
    assert uploads.MAX_UPLOAD_BYTES == 20 * 1024 * 1024  # as Streamlit counts a MB
    for lang in LANGUAGES:
        assert "{mb}" in t("upload_limit", lang)


@pytest.mark.parametrize(
    ("sent", "saved"),
    [
        ("réunions.csv", "réunions.csv"),
        ("../../etc/passwd.csv", "passwd.csv"),
        ("C:\\Users\\amina\\Desktop\\التوصيات.XLSX", "التوصيات.xlsx"),
        ("/tmp/x/.hidden.csv", "hidden.csv"),
        ("\u202egpj.xlsx", "gpj.xlsx"),  # a right-to-left override hiding the real suffix
        ("<img src=x onerror=alert(1)>.csv", "img src=x onerror=alert(1).csv"),
        ("a\x00b\nc.csv", "abc.csv"),
        ("..", "upload"),
        ("", "upload"),
        ("x" * 300 + ".csv", "x" * 250 + ".csv"),
    ],
)
def test_uploaded_file_names_lose_folders_and_hidden_characters(sent, saved):
    assert uploads.safe_name(sent) == saved


class Sent:
    """A file as st.file_uploader hands it over; reading a refused one is a failure."""

    def __init__(self, name: str, data: bytes, size: int | None = None, readable: bool = True):
        self.name, self.data, self.readable = name, data, readable
        self.size = len(data) if size is None else size

    def getvalue(self) -> bytes:
        assert self.readable, f"{self.name} was read although it is refused"
        return self.data


def test_too_large_and_unknown_types_are_refused_unread():
    screened = uploads.screen(
        [
            Sent("big.csv", b"", size=uploads.MAX_UPLOAD_BYTES + 1, readable=False),
            Sent("photo.gif", b"GIF89a", readable=False),
            Sent("run.exe", b"MZ", readable=False),
            Sent("~$réunions.xlsx", b"\x07said", readable=False),
            Sent("a/réunions.csv", b"x"),
            Sent("b/réunions.csv", b"y"),
            Sent("limit.csv", b"z", size=uploads.MAX_UPLOAD_BYTES),
        ]
    )
    assert [(r.name, r.reason) for r in screened.refused] == [
        ("big.csv", "upload_too_large"),
        ("photo.gif", "upload_wrong_type"),
        ("run.exe", "upload_wrong_type"),
        ("~$réunions.xlsx", "upload_lock_file"),
    ]
    # Two files of one name from two folders are kept apart.
    assert [name for name, _ in screened.accepted] == [
        "réunions.csv",
        "réunions (2).csv",
        "limit.csv",
    ]


def test_photos_and_pdfs_go_with_a_status_update_file_and_are_said_in_the_report(
    sample_url, engine, editor, tmp_path, monkeypatch
):
    """An editor drops a status-update file naming a photo, the photo and a PDF no row
    names: the photo is the proof of its update, the PDF is skipped, and the page's list
    of files says both in the reader's language."""
    from test_evidence import photo

    monkeypatch.setenv("MUSHARAKA_MEDIA_DIR", str(tmp_path / "media"))
    screened = uploads.screen(
        [
            Sent("suivi.csv", "recommendation_id,date,status,المرفقات\n"
                 "KHN-2019-1-R01,2024-06-01,completed,chantier.jpg\n".encode()),
            Sent("chantier.jpg", photo()),
            Sent("notes.pdf", b"%PDF-1.4 never named"),
        ]
    )  # fmt: skip
    assert not screened.refused
    user = identity(sample_url, editor)
    batch = uploads.check(engine, batch_of(tmp_path, screened.accepted), user)
    assert batch.error is None and not batch.report.rejects
    outcome = dict(uploads.files_frame(batch.report, "fr").itertuples(index=False))
    assert outcome == {
        "suivi.csv": "lu",
        "chantier.jpg": "preuve de 1 mise(s) à jour",
        "notes.pdf": "ignoré : une photo ou un document qu'aucune mise à jour ne nomme",
    }
    uploads.commit(engine, batch, user)
    assert batch.result.committed
    assert scalar(engine, "SELECT count(*) FROM evidence_files") == 1


def test_a_batch_is_named_by_its_files_and_saved_privately(tmp_path):
    files = [("a.csv", b"1"), ("b.csv", b"2")]
    batch = batch_of(tmp_path, files)
    assert batch.key == uploads.batch_key(files) != uploads.batch_key(files[::-1])
    assert batch.key != uploads.batch_key([("a.csv", b"1"), ("b.csv", b"3")])
    assert [p.read_bytes() for p in batch.paths] == [b"1", b"2"]
    assert batch.folder.parent == tmp_path and (batch.folder.stat().st_mode & 0o077) == 0
    batches: dict = {}
    kept = [batch_of(tmp_path, [(f"{n}.csv", bytes([n]))]) for n in range(5)]
    for b in kept:
        uploads.keep(batches, b)
    assert list(batches) == [b.key for b in kept[-uploads.BATCHES_KEPT :]]
    assert not kept[0].folder.exists() and kept[-1].folder.exists()
    uploads.forget_all(batches)
    assert not batches and not kept[-1].folder.exists()


def test_uploads_wait_in_the_configured_folder(upload_dir):
    batch = uploads.stage([("a.csv", b"1")])
    assert batch.folder.parent == upload_dir
    assert (upload_dir.stat().st_mode & 0o077) == 0


def test_old_upload_folders_are_swept(tmp_path):
    old = batch_of(tmp_path, [("a.csv", b"1")])
    new = batch_of(tmp_path, [("b.csv", b"2")])
    import os

    os.utime(old.folder, (0, 0))
    uploads.sweep(tmp_path)
    assert not old.folder.exists() and new.folder.exists()


@pytest.mark.parametrize(
    ("stage", "done", "total", "key", "fraction"),
    [
        ("reading files", 0, 2, "upload_stage_reading", 0.0),
        ("reading files", 1, 2, "upload_stage_reading", 0.2),
        ("reading rows", 50_000, 0, "upload_stage_reading", None),
        ("checking rows", 4, 4, "upload_stage_checking", 0.55),
        ("writing", 3, 6, "upload_stage_writing", 0.775),
        ("writing", 6, 6, "upload_stage_writing", 1.0),
    ],
)
def test_progress_fills_the_bar_stage_by_stage(stage, done, total, key, fraction):
    got_key, got = uploads.progress_step(stage, done, total)
    assert got_key == key
    assert got == (pytest.approx(fraction) if fraction is not None else None)


def test_the_explanation_columns_of_the_rejects_file_are_not_data_headers():
    """A corrected rejects file loads again: its where-and-why columns are ignored."""
    known = {fold(h) for cols in COLUMNS.values() for c in cols for h in (c.name, *c.headers)}
    for lang in LANGUAGES:
        headers = uploads.explanation_headers(lang)
        assert len(set(headers)) == 6
        assert not {fold(h) for h in headers} & known, lang


# --- an editor's communes -----------------------------------------------------------------
def rights_files() -> list[tuple[str, bytes]]:
    meetings = csv_bytes(
        [
            MEETING_HEAD,
            ["KHN-2026-9", OWN, "2026-01-10", "own commune, new meeting"],  # row 2: ok
            ["TZK-2026-9", OTHER, "2026-01-10", "other commune"],  # row 3
            ["NEW-2026-1", "Commune Nouvelle", "2026-01-10", "a new commune"],  # row 4
            ["TZK-2023-1", OWN, "2023-02-19", "moved from the other commune"],  # row 5
        ]
    )
    recommendations = csv_bytes(
        [
            RECOMMENDATION_HEAD,
            ["KHN-2026-9-R1", "KHN-2026-9", "health", "own", "planned"],  # row 2: ok
            ["TZK-2023-1-R99", "TZK-2023-1", "health", "under another's meeting", "planned"],
            ["TZK-2026-9-R1", "TZK-2026-9", "health", "under a refused meeting", "planned"],
            ["TZK-2023-1-R01", "KHN-2019-1", "health", "taken over", "planned"],  # row 5
            ["KHN-2019-1-R01", "TZK-2023-1", "health", "moved away", "planned"],  # row 6
        ]
    )
    updates = csv_bytes(
        [
            UPDATE_HEAD,
            ["KHN-2019-1-R02", "2026-02-01", "in_progress", "40", "own"],  # row 2: ok
            ["TZK-2023-1-R01", "2026-02-01", "in_progress", "40", "other's"],  # row 3
            ["KHN-2026-9-R1", "2026-02-02", "in_progress", "10", "new, own"],  # row 4: ok
        ]
    )
    return [
        ("réunions.csv", meetings),
        ("recommandations.csv", recommendations),
        ("suivi.csv", updates),
    ]


def test_an_editor_loads_only_in_their_communes(sample_url, engine, editor, tmp_path):
    user = identity(sample_url, editor)
    before = counts(engine)
    batch = uploads.check(engine, batch_of(tmp_path, rights_files()), user)
    assert batch.error is None
    refused = {
        (r["file"], r["row"], r["column"], r["reason"]) for r in batch.report.as_dict()["rejects"]
    }
    assert refused == {
        ("réunions.csv", 3, "commune", "not_allowed"),
        ("réunions.csv", 4, "commune", "not_allowed"),
        ("réunions.csv", 5, "meeting_id", "not_allowed"),
        ("recommandations.csv", 3, "meeting_id", "not_allowed"),
        # Its meeting was refused and does not exist: a dangling reference, as in a load.
        ("recommandations.csv", 4, "meeting_id", "unknown_reference"),
        ("recommandations.csv", 5, "recommendation_id", "not_allowed"),
        ("recommandations.csv", 6, "meeting_id", "not_allowed"),
        ("suivi.csv", 3, "recommendation_id", "not_allowed"),
    }
    messages = {r["row"]: r["message"] for r in batch.report.rejects if r["file"] == "réunions.csv"}
    assert "only an administrator can add a commune" in messages[4]
    assert "outside the communes you may edit" in messages[3]
    assert counts(engine) == before  # a dry run

    uploads.commit(engine, batch, user)
    assert batch.result.committed and batch.result.rows_rejected == 8
    after = counts(engine)
    assert after["communes"] == before["communes"]  # no commune created by an editor
    assert after["meetings"] == before["meetings"] + 1
    assert after["recommendations"] == before["recommendations"] + 1
    assert after["status_updates"] == before["status_updates"] + 2
    with engine.connect() as conn:
        moved = conn.execute(
            select(Commune.key).join(Meeting).where(Meeting.code == "TZK-2023-1")
        ).scalar()
        owners = dict(
            conn.execute(
                select(Recommendation.code, Meeting.code)
                .join(Meeting, Recommendation.meeting_id == Meeting.id)
                .where(Recommendation.code.in_(["KHN-2019-1-R01", "TZK-2023-1-R01"]))
            ).all()
        )
    assert moved == fold(OTHER)  # nothing moved between communes
    assert owners == {"KHN-2019-1-R01": "KHN-2019-1", "TZK-2023-1-R01": "TZK-2023-1"}


def test_an_admin_loads_anywhere_and_may_add_a_commune(sample_url, engine, admin, tmp_path):
    user = identity(sample_url, admin)
    before = counts(engine)
    batch = uploads.commit(engine, batch_of(tmp_path, rights_files()), user)
    assert batch.result.committed
    assert not [r for r in batch.result.rejects if r["reason"] == "not_allowed"]
    assert counts(engine)["communes"] == before["communes"] + 1


def test_run_load_without_communes_is_the_command_line(engine, tmp_path):
    """allowed_communes=None: no restriction (the CLI); an empty set: nothing at all."""
    path = tmp_path / "réunions.csv"
    path.write_bytes(csv_bytes([MEETING_HEAD, ["M1", "Commune A", "2024-01-10", "x"]]))
    refused = run_load(engine, [path], dry_run=True, allowed_communes=set())
    assert [r["reason"] for r in refused.rejects] == ["not_allowed"]
    assert not run_load(engine, [path], dry_run=True).rejects


def test_the_load_feeds_the_progress_bar_to_the_end(sample_url, engine, editor, tmp_path):
    user = identity(sample_url, editor)
    files = [("réunions.csv", csv_bytes([MEETING_HEAD, ["KHN-2026-1", OWN, "2026-01-10", "x"]]))]
    steps = []

    def tick(stage: str, done: int, total: int) -> None:
        steps.append(uploads.progress_step(stage, done, total))

    batch = uploads.commit(engine, batch_of(tmp_path, files), user, tick)
    assert batch.result.committed
    keys = [key for key, _ in steps]
    assert keys[0] == "upload_stage_reading" and keys[-1] == "upload_stage_writing"
    assert "upload_stage_checking" in keys
    filled = [fraction for _, fraction in steps if fraction is not None]
    assert filled == sorted(filled) and filled[-1] == 1.0


# --- the audit trail ------------------------------------------------------------------------
def test_an_upload_leaves_its_load_entry_and_one_per_record_changed(
    sample_url, engine, editor, tmp_path
):
    user = identity(sample_url, editor)
    with engine.connect() as conn:
        old_title = conn.execute(select(Meeting.title).where(Meeting.code == "KHN-2019-1")).scalar()
        old_date = conn.execute(select(Meeting.date).where(Meeting.code == "KHN-2019-1")).scalar()
    files = [
        (
            "réunions.csv",
            csv_bytes(
                [
                    MEETING_HEAD,
                    ["KHN-2019-1", OWN, old_date.isoformat(), "A corrected title"],
                    ["KHN-2026-7", OWN, "2026-03-01", "A new meeting"],
                ]
            ),
        )
    ]
    batch = uploads.check(engine, batch_of(tmp_path, files), user)
    assert not scalar(engine, "SELECT count(*) FROM audit_log WHERE source = 'upload'")
    uploads.commit(engine, batch, user)
    with engine.connect() as conn:
        entries = conn.execute(
            select(AuditEntry).where(AuditEntry.source == "upload").order_by(AuditEntry.id)
        ).all()
        run = conn.execute(text("SELECT id, source, actor FROM load_runs ORDER BY id DESC")).first()
    assert [(e.action, e.table_name, e.record_key, e.actor) for e in entries] == [
        ("load", "load_runs", str(run.id), "said"),
        ("update", "meetings", "KHN-2019-1", "said"),
    ]
    load = json.loads(entries[0].after_json)
    assert load["files"] == ["réunions.csv"]
    assert load["tables"]["meetings"]["inserted"] == 1
    assert load["tables"]["meetings"]["updated"] == 1
    # The file has no other columns: they are emptied, and the entry says so too.
    assert json.loads(entries[1].before_json)["title"] == old_title
    assert json.loads(entries[1].after_json)["title"] == "A corrected title"
    assert (run.source, run.actor) == ("upload", "said")


# --- the rejects, to correct and upload again ---------------------------------------------------
def test_rejected_rows_download_with_their_cells_and_load_again_once_corrected(
    sample_url, engine, editor, tmp_path
):
    user = identity(sample_url, editor)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Recommandations"
    sheet.append(["Suivi des recommandations"])  # a title line above the header
    sheet.append(["Code", "Réunion", "Domaine", "Recommandation", "Statut", "Avancement"])
    sheet.append(["KHN-2026-R1", "KHN-2019-1", "Santé", "Ambulance", "en cours", 0.4])  # row 3
    sheet.append(["KHN-2026-R2", "KHN-2019-1", "Santé", "=1+1 formula-like", "peut-être", None])
    sheet.append(["KHN-2026-R3", "NO-SUCH", "Eau", "Puits", "planned", None])  # row 5
    sheet.append(["KHN-2026-R4", "KHN-2019-1", "Eau", "@SUM(A1)", "planned", 150])  # row 6
    sheet["F3"].number_format = "0%"
    sheet["D4"].data_type = sheet["D6"].data_type = "s"  # text that looks like a formula
    data = io.BytesIO()
    workbook.save(data)
    batch = uploads.check(engine, batch_of(tmp_path, [("suivi.xlsx", data.getvalue())]), user)
    assert [(r["row"], r["reason"]) for r in batch.report.as_dict()["rejects"]] == [
        (4, "unknown_value"),
        (5, "unknown_reference"),  # rejected after reading: its cells are read again
        (6, "out_of_range"),
    ]
    tables = uploads.rejected_tables(batch.report, "fr")
    frame = tables["recommendations"]
    assert list(frame.columns[:6]) == [
        "Fichier",
        "Feuille",
        "Ligne",
        "Colonne",
        "Motif du rejet",
        "Explication du rejet",
    ]
    assert frame["Ligne"].tolist() == [4, 5, 6]
    assert frame["recommendation_id"].tolist() == ["KHN-2026-R2", "KHN-2026-R3", "KHN-2026-R4"]
    assert frame["meeting_id"].tolist() == ["KHN-2019-1", "NO-SUCH", "KHN-2019-1"]
    assert frame["title"].tolist() == ["=1+1 formula-like", "Puits", "@SUM(A1)"]
    assert frame["Motif du rejet"].tolist()[1] == t("data_status_reason_unknown_reference", "fr")

    rejects = openpyxl.load_workbook(io.BytesIO(uploads.rejects_xlsx(batch.report, "fr")))
    assert rejects.sheetnames == ["recommendations"]
    rows = list(rejects["recommendations"].iter_rows(values_only=True))
    header = rows[0]
    titles = [row[header.index("title")] for row in rows[1:]]
    assert titles == ["'=1+1 formula-like", "Puits", "'@SUM(A1)"]  # inert in a spreadsheet
    csv_text = uploads.rejects_csv(batch.report, "recommendations", "fr").decode("utf-8-sig")
    assert "'=1+1 formula-like" in csv_text and "\n" in csv_text

    # The secretary corrects the three rows in the downloaded file and uploads it again.
    fixed = openpyxl.load_workbook(io.BytesIO(uploads.rejects_xlsx(batch.report, "fr")))
    sheet = fixed["recommendations"]
    status, meeting, progress, title = (
        header.index(c) + 1 for c in ("status", "meeting_id", "progress", "title")
    )
    sheet.cell(2, status).value = "annulée"
    sheet.cell(3, meeting).value = "KHN-2019-1"
    sheet.cell(4, progress).value = 15
    sheet.cell(2, title).value = "Formule corrigée"
    sheet.cell(4, title).value = "Somme corrigée"
    out = io.BytesIO()
    fixed.save(out)
    again = uploads.commit(
        engine, batch_of(tmp_path, [(uploads.REJECTS_XLSX, out.getvalue())]), user
    )
    assert again.result.committed and not again.result.rejects
    assert again.result.tables["recommendations"]["inserted"] == 3
    with engine.connect() as conn:
        progress_r1 = conn.execute(
            select(Recommendation.current_status).where(Recommendation.code == "KHN-2026-R2")
        ).scalar()
    assert progress_r1 == "cancelled"


def test_rejected_cells_are_kept_only_when_asked(engine, tmp_path):
    """A row rejected after reading (here a dangling reference) has its cells read again."""
    path = tmp_path / "recommandations.csv"
    path.write_bytes(csv_bytes([RECOMMENDATION_HEAD, ["R1", "NOPE", "health", "x", "planned"]]))
    report = run_load(engine, [path], dry_run=True, keep_cells=True)
    assert report.rejected_cells == {
        ("recommandations.csv", "", 2): {
            "recommendation_id": "R1",
            "meeting_id": "NOPE",
            "domain": "health",
            "title": "x",
            "status": "planned",
        }
    }
    assert not run_load(engine, [path], dry_run=True).rejected_cells  # only when asked


# --- hostile input --------------------------------------------------------------------------------
def png() -> bytes:
    """A real 16x16 red PNG image."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * 16 for _ in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


PNG = png()


def damaged_workbook() -> bytes:
    """A workbook whose sheet's XML stops in the middle of a row."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "meetings"
    workbook.active.append(MEETING_HEAD)
    for n in range(200):
        workbook.active.append([f"KHN-2026-{n}", OWN, "2026-01-10", "x"])
    plain, out = io.BytesIO(), io.BytesIO()
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(part, content)
    return out.getvalue()


DAMAGED = damaged_workbook()


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> bytes:
    """A real workbook whose sheet1.xml is 1 GiB of zeros, compressed to about 1 MB."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "meetings"
    workbook.active.append(MEETING_HEAD)
    plain = io.BytesIO()
    workbook.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in source.infolist():
            if part.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(part, source.read(part))
        with bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            zeros = b"0" * (1 << 20)
            for _ in range(1024):
                sheet.write(zeros)
    return out.getvalue()


def test_a_zip_bomb_disguised_as_a_workbook_is_refused_unopened(engine, zip_bomb, tmp_path):
    assert len(zip_bomb) < 2 * 1024 * 1024  # well under the upload limit
    path = tmp_path / "réunions.xlsx"
    path.write_bytes(zip_bomb)
    from etl.load import LoadError

    with pytest.raises(LoadError) as refused:
        run_load(engine, [path], dry_run=True)
    message = str(refused.value)
    assert "réunions.xlsx" in message and "zip bomb" in message
    assert "xl/worksheets/sheet1.xml" in message and f"over {MAX_XLSX_RATIO} times" in message


def test_real_workbooks_are_far_from_the_zip_limits():
    for path in (PROJECT_ROOT / "data" / "sample").glob("*.xlsx"):
        with zipfile.ZipFile(path) as archive:
            for part in archive.infolist():
                assert part.file_size < 20 * max(part.compress_size, 1), (path.name, part)


def test_a_cell_of_a_megabyte_rejects_its_row_and_the_rest_loads(
    sample_url, engine, editor, tmp_path
):
    """Text is never cut when stored, so a cell no spreadsheet could hold is refused with
    its row (reason too_long) rather than cut or allowed to stop the whole load."""
    user = identity(sample_url, editor)
    huge = "ا" * (1024 * 1024)
    files = [
        (
            "réunions.csv",
            csv_bytes(
                [
                    MEETING_HEAD,
                    ["KHN-2026-1", OWN, "2026-01-10", huge],  # row 2: a 1 MB title
                    ["K" * 5000, OWN, "2026-01-10", "an id longer than ids are"],  # row 3
                    ["KHN-2026-2", OWN, "2026-01-11", "fine"],  # row 4
                    ["KHN-2026-3", OWN, "2026-01-12", "x" * MAX_CELL_CHARS],  # row 5: just fits
                ]
            ),
        )
    ]
    batch = uploads.commit(engine, batch_of(tmp_path, files), user)
    report = batch.result
    assert report.committed
    assert [(r["row"], r["column"], r["reason"]) for r in report.rejects] == [
        (2, "title", "too_long"),
        (3, "meeting_id", "too_long"),
    ]
    assert "1,048,576 characters" in report.rejects[0]["message"]
    assert "32,767" in report.rejects[0]["message"]
    assert len(report.rejects[0]["value"]) < 100  # the report does not carry the megabyte
    assert report.tables["meetings"]["inserted"] == 2
    assert scalar(engine, "SELECT count(*) FROM meetings WHERE code = 'KHN-2026-1'") == 0
    # The rejects file still has the row; a workbook cell is cut to what it holds.
    book = openpyxl.load_workbook(io.BytesIO(uploads.rejects_xlsx(report, "en")))
    rows = list(book["meetings"].iter_rows(values_only=True))
    title = rows[1][rows[0].index("title")]
    assert len(title) == MAX_CELL_CHARS and title.endswith("…")


def with_saved_values(data: bytes, values: dict[str, tuple[str, str | None]]) -> bytes:
    """The workbook with the values a spreadsheet would have saved with its formulas
    (openpyxl writes formulas without them): {cell: (value, type)}."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                xml = content.decode()
                for cell, (value, kind) in values.items():
                    kind_attr = f' t="{kind}"' if kind else ""
                    xml, n = re.subn(
                        # openpyxl writes an empty <v/>, or <v></v> when lxml is there
                        rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*(?:/>|></v>)',
                        rf'<c r="{cell}"\1{kind_attr}><f>\2</f><v>{value}</v>',
                        xml,
                    )
                    assert n == 1, cell
                content = xml.encode()
            target.writestr(part, content)
    return out.getvalue()


def test_formulas_are_never_run_and_the_report_says_what_was_read(
    sample_url, engine, editor, tmp_path
):
    user = identity(sample_url, editor)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "meetings"
    sheet.append([*MEETING_HEAD, "summary"])
    sheet.append(
        ["KHN-2026-1", OWN, "2026-01-10", "=1+1", '=HYPERLINK("http://x.example","click")']
    )
    sheet.append(["KHN-2026-2", OWN, "2026-01-11", "=2+2", "saved by a tool that keeps no values"])
    data = io.BytesIO()
    workbook.save(data)
    saved = with_saved_values(data.getvalue(), {"D2": ("2", None), "E2": ("click", "str")})
    batch = uploads.commit(engine, batch_of(tmp_path, [("réunions.xlsx", saved)]), user)
    report = batch.result
    assert report.committed and not report.rejects
    with engine.connect() as conn:
        stored = dict(
            conn.execute(
                select(Meeting.code, Meeting.title).where(Meeting.code.like("KHN-2026-%"))
            ).all()
        )
        summary = conn.execute(select(Meeting.summary).where(Meeting.code == "KHN-2026-1")).scalar()
    # The value the spreadsheet saved, never the formula run by Musharaka.
    assert stored == {"KHN-2026-1": "2", "KHN-2026-2": None}
    assert summary == "click"
    warnings = {(w["row"], w["column"]): w["message"] for w in report.warnings}
    assert "=1+1" in warnings[(2, "title")] and "never runs formulas" in warnings[(2, "title")]
    assert "HYPERLINK" in warnings[(2, "summary")]
    assert "read as empty" in warnings[(3, "title")]


def test_markup_formulas_and_direction_overrides_are_kept_as_text(
    sample_url, engine, editor, tmp_path, monkeypatch
):
    hostile = {
        "KHN-2026-1": "<script>alert('x')</script>",
        "KHN-2026-2": "\u202eتقرير\u202c <img src=x onerror=alert(1)>",
        "KHN-2026-3": '=HYPERLINK("http://evil.example","click")',
        "KHN-2026-4": "**bold** [link](javascript:alert(1))",
    }
    rows = [MEETING_HEAD] + [[code, OWN, "2026-01-10", title] for code, title in hostile.items()]
    rows.append(["KHN-2026-5", OWN, "31/02/2026", "<b>bad date</b>"])
    app = open_page(sample_url, monkeypatch, editor)
    upload(app, ("réunions <i>.csv", csv_bytes(rows), CSV))
    shown = rejects_shown(app)
    assert shown[t("data_status_file", "en")].tolist() == ["réunions i.csv"]
    assert shown[t("data_status_row", "en")].tolist() == [6]
    # Data only ever reaches the page inside tables, as text; never as markup.
    assert "<script>" not in every_text(app) and "<img" not in every_text(app)
    confirm_button(app).click()
    app.run()
    assert not app.exception, app.exception
    with engine.connect() as conn:
        stored = dict(
            conn.execute(
                select(Meeting.code, Meeting.title).where(Meeting.code.like("KHN-2026-%"))
            ).all()
        )
    assert stored == hostile  # stored exactly as written, escaped only where shown


def fixed_words(key: str, lang: str) -> str:
    """The longest stretch of a loader message's words in `lang`, between its fields."""
    template = t(key, lang)
    pieces = [literal for literal, *_ in string.Formatter().parse(template)]
    return max((p.strip(" :()،") for p in pieces), key=len)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("réunions.xlsx", b"meeting_id,commune\nM1,X\n", "loader_extract_xlsx_not_zip"),
        ("réunions.csv", PNG, "loader_extract_text_not_text"),
        ("réunions.xlsx", b"PK\x03\x04" + b"\x00" * 60, "loader_extract_xlsx_not_archive"),
        ("réunions.json", b'{"format": "something else"}', "loader_extract_json_not_export"),
        ("réunions.xlsx", DAMAGED, "loader_extract_sheet_damaged"),
    ],
)
def test_files_of_the_wrong_kind_are_refused_with_what_they_are(
    name, content, expected, sample_url, engine, editor, monkeypatch
):
    before = counts(engine)
    app = open_page(sample_url, monkeypatch, editor, lang="fr")
    upload(app, (name, content, "application/octet-stream"))
    (error,) = app.error
    assert error.value.startswith(t("upload_check_failed", "fr").split(":")[0])
    # What the file is, said in French (the loader's message in the page's language).
    assert fixed_words(expected, "fr") in plain(error.value) and name in plain(error.value)
    assert not has_confirm(app, "fr") and not app.dataframe
    assert counts(engine) == before


# --- the page -------------------------------------------------------------------------------------
def test_the_page_is_for_editors(sample_url, monkeypatch):
    anonymous = open_page(sample_url, monkeypatch, None)
    assert not anonymous.get("file_uploader")
    assert [e.value for e in anonymous.title] == [t("sign_in", "en")]
    association = add_user(sample_url, "tifawt", "association", association=1)
    app = open_page(sample_url, monkeypatch, association)
    assert t("not_allowed", "en") in [e.value for e in app.error]
    assert not app.get("file_uploader")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_limit_is_stated_in_the_readers_language(lang, sample_url, editor, monkeypatch):
    app = open_page(sample_url, monkeypatch, editor, lang=lang)
    stated = t("upload_limit", lang).format(mb=20, types=", ".join(uploads.TYPES))
    assert stated in [c.value for c in app.caption]
    uploader = app.file_uploader(key="upload_files")
    assert uploader.accept_multiple_files
    assert set(uploader.allowed_type) == {f".{kind}" for kind in uploads.TYPES}
    workbooks = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
    assert workbooks | {".csv", ".tsv", ".txt", ".json", ".docx"} <= set(uploader.allowed_type)
    assert uploader.proto.max_upload_size_mb == 20


def test_dry_run_then_confirm_loads_with_the_report_and_clears_the_caches(
    sample_url, engine, editor, monkeypatch
):
    status_before = run_page(
        "pages/5_Data_status.py", sample_url, monkeypatch, lang="en", user=editor
    )
    loads_before = len(table_with(status_before, "data_status_rows_read"))
    before = counts(engine)
    meetings = csv_bytes(
        [
            MEETING_HEAD,
            ["KHN-2026-1", OWN, "2026-01-10", "Rencontre"],
            ["KHN-2026-2", OWN, "2026-02-30", "No such day"],
        ]
    )
    updates = csv_bytes([UPDATE_HEAD, ["KHN-2019-1-R02", "2026-02-01", "en cours", "40 %", ""]])
    app = open_page(sample_url, monkeypatch, editor)
    upload(app, ("réunions.csv", meetings, CSV), ("suivi.csv", updates, CSV))
    assert [i.value for i in app.info] == [
        t("upload_dry_run", "en").format(read=3, inserted=1, rejected=1)
    ]
    by_table = table_with(app, "upload_inserted")
    assert by_table.iloc[0].tolist() == ["Meetings", 2, 1, 0, 0, 0, 1]
    by_file = table_with(app, "data_status_sheet")
    assert by_file[t("data_status_file", "en")].tolist() == ["réunions.csv", "suivi.csv"]
    (reject,) = rejects_shown(app).to_dict("records")
    assert (reject["File"], reject["Row"], reject["Column"]) == ("réunions.csv", 3, "date")
    assert reject["Reason"] == t("data_status_reason_bad_date", "en")
    downloads = [d.label for d in app.get("download_button")]
    assert downloads == [t("upload_download_xlsx", "en"), "Meetings: rejected rows (csv)"]
    assert counts(engine) == before  # nothing saved by the dry run

    confirm_button(app).click()
    app.run()
    assert not app.exception, app.exception
    assert [s.value for s in app.success] == [
        t("upload_committed", "en").format(
            inserted=2, updated=0, unchanged=0, merged=0, rejected=1, read=3
        )
    ]
    assert not has_confirm(app)
    after = counts(engine)
    assert after["meetings"] == before["meetings"] + 1
    assert after["status_updates"] == before["status_updates"] + 1
    # Another page, in the same process, sees the new load at once: caches were cleared.
    status_after = run_page(
        "pages/5_Data_status.py", sample_url, monkeypatch, lang="en", user=editor
    )
    loads = table_with(status_after, "data_status_rows_read")
    assert len(loads) == loads_before + 1
    assert loads[t("data_status_source", "en")].tolist()[0] == t("data_status_source_upload", "en")
    # A later click shows the same result, and never loads twice.
    app.run()
    assert not has_confirm(app) and [s.value for s in app.success]
    assert counts(engine) == after


def test_confirming_loads_what_was_shown_even_if_the_files_changed(
    sample_url, engine, editor, monkeypatch
):
    shown = csv_bytes([MEETING_HEAD, ["KHN-2026-1", OWN, "2026-01-10", "shown"]])
    other = csv_bytes([MEETING_HEAD, ["KHN-2026-2", OWN, "2026-01-10", "not shown"]])
    app = open_page(sample_url, monkeypatch, editor)
    upload(app, ("réunions.csv", shown, CSV))
    button = confirm_button(app)
    # The files change and the button is clicked in the same moment.
    app.file_uploader(key="upload_files").set_value([("réunions.csv", other, CSV)])
    button.click()
    app.run()
    assert not app.exception, app.exception
    with engine.connect() as conn:
        codes = conn.execute(
            select(Meeting.code, Meeting.title).where(Meeting.code.like("KHN-2026-%"))
        ).all()
    assert [tuple(c) for c in codes] == [("KHN-2026-1", "shown")]
    # The new files get their own dry run; nothing of them is saved yet.
    app.run()
    assert has_confirm(app)
    assert scalar(engine, "SELECT count(*) FROM meetings WHERE code = 'KHN-2026-2'") == 0


def test_a_file_over_the_limit_is_refused_unread_and_the_page_keeps_serving(
    sample_url, engine, editor, monkeypatch
):
    before = counts(engine)
    app = open_page(sample_url, monkeypatch, editor)
    big = b"meeting_id,commune,date\n" + b"x" * (50 * 1024 * 1024)
    upload(app, ("[big](javascript:x)<b>.csv", big, CSV))
    (error,) = app.error
    assert "50" in error.value and "20" in error.value
    assert "\\[big\\]" in error.value and "<b>" not in error.value  # the name escaped
    assert not has_confirm(app) and not app.dataframe
    assert counts(engine) == before
    # With a file that fits beside it, that one is checked and the large one left out.
    fine = csv_bytes([MEETING_HEAD, ["KHN-2026-1", OWN, "2026-01-10", "ok"]])
    upload(app, ("big.csv", big, CSV), ("réunions.csv", fine, CSV))
    assert len(app.error) == 1 and has_confirm(app)
    assert table_with(app, "data_status_sheet")[t("data_status_file", "en")].tolist() == [
        "réunions.csv"
    ]


def test_a_zip_bomb_through_the_page_gets_a_message_and_loads_nothing(
    sample_url, engine, editor, zip_bomb, monkeypatch
):
    before = counts(engine)
    app = open_page(sample_url, monkeypatch, editor, lang="ar")
    upload(app, ("اللقاءات.xlsx", zip_bomb, XLSX))
    (error,) = app.error
    assert fixed_words("loader_extract_zip_bomb", "ar") in plain(error.value)
    assert "اللقاءات.xlsx" in plain(error.value)
    assert not has_confirm(app, "ar")
    assert counts(engine) == before
    fine = csv_bytes([MEETING_HEAD, ["KHN-2026-1", OWN, "2026-01-10", "ok"]])
    upload(app, ("réunions.csv", fine, CSV))
    assert not app.error and has_confirm(app, "ar")


def test_nothing_is_half_written_when_the_database_refuses(
    sample_url, engine, editor, tmp_path, monkeypatch
):
    """A load that fails while writing leaves nothing; the page says so and serves on."""
    user = identity(sample_url, editor)
    files = [("réunions.csv", csv_bytes([MEETING_HEAD, ["KHN-2026-1", OWN, "2026-01-10", "x"]]))]
    batch = uploads.check(engine, batch_of(tmp_path, files), user)
    before = counts(engine)
    with engine.begin() as conn:  # the meetings table refuses new rows from now on
        if engine.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON meetings "
                    "BEGIN SELECT RAISE(ABORT, 'refused by a test'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'refused by a test'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON meetings "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )
    uploads.commit(engine, batch, user)
    assert batch.result is None and "refused by a test" in batch.result_error
    assert counts(engine) == before
    assert not scalar(engine, "SELECT count(*) FROM audit_log WHERE source = 'upload'")


# --- Decidim results: the editor names their commune ----------------------------------------
DECIDIM = PROJECT_ROOT / "tests" / "fixtures" / "decidim" / "valid_result.csv"


def test_decidim_results_are_loaded_into_the_commune_the_editor_chooses(
    sample_url, engine, editor, monkeypatch
):
    app = open_page(sample_url, monkeypatch, editor)
    upload(app, ("results.csv", DECIDIM.read_bytes(), CSV))
    # Asked which commune, offered only the editor's own; nothing checked or saved yet.
    picker = app.selectbox(
        key=next(k for k in app.session_state if k.startswith("upload_commune_"))
    )
    assert picker.options == [t("upload_decidim_pick", "en"), OWN]
    assert t("upload_decidim_needed", "en") in [i.body for i in app.info]
    assert not has_confirm(app)
    before = counts(engine)

    picker.select(OWN).run()
    assert not app.exception, app.exception
    assert has_confirm(app) and counts(engine) == before  # a dry run for that commune
    assert t("upload_no_rejects", "en") in [s.body for s in app.success]
    confirm_button(app).click().run()
    assert not app.exception, app.exception
    assert t("upload_committed", "en").split("{")[0] in every_text(app)
    own = scalar(engine, "SELECT id FROM communes WHERE name = :n", n=OWN)
    loaded = scalar(
        engine,
        "SELECT count(*) FROM recommendations WHERE code LIKE 'decidim-%' AND commune_id = :c",
        c=own,
    )
    assert loaded == 8  # the fixture's eight results, all in the editor's commune
    assert counts(engine)["recommendations"] == before["recommendations"] + 8


# --- file names: shown as sent, stored under names of the page's own ---------------------------
LONG_NAMES = [
    "🌴" * 100 + ".csv",  # 404 bytes: more than any disk takes in a name
    ("ⵜⴰⵎⵙⵙⵓⵔⵜ ⵏ ⵜⵖⵔⵎⵜ " * 12).strip() + ".csv",  # Tifinagh, 3 bytes a letter
]


@pytest.mark.parametrize("name", LONG_NAMES)
def test_a_name_longer_than_a_disk_takes_is_shown_and_recorded_as_sent(
    name, sample_url, engine, editor, monkeypatch
):
    assert len(name.encode("utf-8")) > 255
    meetings = csv_bytes(
        [
            MEETING_HEAD,
            ["KHN-2026-1", OWN, "2026-01-10", "ok"],
            ["KHN-2026-2", OWN, "2026-02-30", "no such day"],
        ]
    )
    app = open_page(sample_url, monkeypatch, editor)
    upload(app, (name, meetings, CSV))
    assert not app.error
    assert table_with(app, "data_status_sheet")[t("data_status_file", "en")].tolist() == [name]
    assert rejects_shown(app)[t("data_status_file", "en")].tolist() == [name]
    confirm_button(app).click()
    app.run()
    assert not app.exception, app.exception
    assert app.success
    with engine.connect() as conn:
        run = conn.execute(text("SELECT id, files FROM load_runs ORDER BY id DESC")).first()
        rejected = conn.execute(
            text("SELECT file FROM load_rejects WHERE load_run_id = :id"), {"id": run.id}
        ).scalars()
        entry = conn.execute(
            select(AuditEntry.after_json).where(
                AuditEntry.table_name == "load_runs", AuditEntry.record_key == str(run.id)
            )
        ).scalar()
        assert list(rejected) == [name]
    assert run.files == name
    assert json.loads(entry)["files"] == [name]


def test_a_long_name_is_shown_in_the_message_of_a_file_that_cannot_be_read(
    sample_url, editor, monkeypatch
):
    name = LONG_NAMES[1]
    app = open_page(sample_url, monkeypatch, editor)
    upload(app, (name, PNG, CSV))
    (error,) = app.error
    assert name in plain(error.value) and "not a text file" in plain(error.value)


HOSTILE_NAMES = [
    "../../escape.csv",
    "..",
    ".",
    "/",
    ".csv",
    "..csv",
    "a\x00b.csv",
    "\x1b[31mred\x07.csv",
    "\u202egpj.csv",
    "C:\\..\\..\\x.csv",
    "🌴" * 100 + ".csv",
    "x" * 300 + ".csv",
]


def test_uploads_are_stored_under_names_of_their_own_whatever_they_were_sent_as(tmp_path):
    screened = uploads.screen(Sent(name, b"meeting_id\n") for name in HOSTILE_NAMES)
    batch = uploads.stage(screened.accepted, root=tmp_path)
    assert batch.names == [name for name, _ in screened.accepted]
    assert all(path.parent == batch.folder for path in batch.paths)
    assert sorted(p.name for p in batch.folder.iterdir()) == sorted(p.name for p in batch.paths)
    assert list(tmp_path.iterdir()) == [batch.folder]  # nothing written beside the folder
    # The names shown keep what was sent, as far as it is a name.
    assert "🌴" * 100 + ".csv" in batch.names and "gpj.csv" in batch.names
    assert "x" * 250 + ".csv" in batch.names
    # Even names no page would send are never paths.
    raw = uploads.stage([("../../escape.csv", b"1"), ("\x00", b"2"), ("🌴" * 200, b"3")], tmp_path)
    assert [p.read_bytes() for p in raw.paths] == [b"1", b"2", b"3"]
    assert all(path.parent == raw.folder for path in raw.paths)
    assert sorted(tmp_path.iterdir()) == sorted([batch.folder, raw.folder])


# --- what an upload costs -----------------------------------------------------------------------
def test_a_sheet_claiming_every_cell_is_checked_as_the_rows_it_holds(
    sample_url, editor, monkeypatch
):
    from test_untrusted_files import EVERY_CELL, workbook_bytes

    app = open_page(sample_url, monkeypatch, editor)
    upload(app, ("réunions.xlsx", workbook_bytes(200, EVERY_CELL), XLSX))
    assert not app.error
    assert [i.value for i in app.info] == [
        t("upload_dry_run", "en").format(read=200, inserted=200, rejected=0)
    ]


def test_an_upload_over_the_cell_budget_is_refused_with_the_limit(
    sample_url, engine, editor, monkeypatch
):
    monkeypatch.setattr(uploads, "MAX_CELLS", 40)
    before = counts(engine)
    rows = [MEETING_HEAD] + [[f"KHN-2026-{n}", OWN, "2026-01-10", "x"] for n in range(20)]
    app = open_page(sample_url, monkeypatch, editor)
    upload(app, ("réunions.csv", csv_bytes(rows), CSV))
    (error,) = app.error
    message = plain(error.value)
    assert "réunions.csv" in message and "40 cells" in message
    assert not has_confirm(app)
    assert counts(engine) == before


def test_a_check_over_its_time_is_refused_with_the_limit(sample_url, engine, editor, monkeypatch):
    monkeypatch.setattr(uploads, "CHECK_SECONDS", 0)
    rows = [MEETING_HEAD, ["KHN-2026-1", OWN, "2026-01-10", "x"]]
    app = open_page(sample_url, monkeypatch, editor)
    upload(app, ("réunions.csv", csv_bytes(rows), CSV))
    (error,) = app.error
    message = plain(error.value)
    assert "réunions.csv" in message and "0 s" in message
    assert not has_confirm(app)


# --- workbooks of every kind, and what became of each file (issue 13) ----------------------------
OCTET = "application/octet-stream"


def test_workbooks_of_every_kind_load_through_the_page_with_every_recommendation(
    sample_url, engine, admin, monkeypatch
):
    before = counts(engine)
    app = open_page(sample_url, monkeypatch, admin, lang="fr")
    names = (wb.XLS, wb.ODS, wb.XLSX, wb.XLSB)
    upload(app, *((name, wb.BUILDERS[name](), OCTET) for name in names))
    assert not app.error
    files = table_with(app, "upload_file_outcome", "fr")
    assert files.values.tolist() == [[name, t("upload_file_read", "fr")] for name in names]
    assert not app.warning  # no file skipped
    warnings = table_with(app, "data_status_message", "fr")[t("data_status_message", "fr")]
    merged = [m for m in warnings if " : cellules fusionnées remplies : " in m]
    assert len(merged) == 4  # one per sheet with merged cells
    assert [s.value for s in app.success] == [t("upload_no_rejects", "fr")]

    confirm_button(app, "fr").click()
    app.run()
    assert not app.exception, app.exception
    expected = {code for rows in wb.EXPECTED.values() for code in rows}
    with db.make_engine(sample_url).connect() as conn:
        found = set(
            conn.execute(
                select(Recommendation.code).where(Recommendation.code.in_(expected))
            ).scalars()
        )
    assert found == expected
    after = counts(engine)
    assert after["recommendations"] == before["recommendations"] + len(expected)


def test_a_file_skipped_in_an_upload_is_named_with_why_in_every_language(
    sample_url, engine, editor, monkeypatch
):
    meetings = csv_bytes([MEETING_HEAD, ["KHN-2026-1", OWN, "2026-01-10", "Rencontre"]])
    report = json.dumps(
        {"committed": True, "tables": {}, "files": [], "rejects": [], "warnings": []}
    ).encode()
    for lang in ("ar", "fr", "en"):
        app = open_page(sample_url, monkeypatch, editor, lang=lang)
        upload(app, ("réunions.csv", meetings, CSV), ("rapport.json", report, OCTET))
        files = table_with(app, "upload_file_outcome", lang)
        assert files.values.tolist() == [
            ["réunions.csv", t("upload_file_read", lang)],
            ["rapport.json", t("upload_skipped_load_report", lang)],
        ]
        (warning,) = app.warning
        expected = t("upload_files_skipped", lang).format(names="rapport.json")
        assert plain(warning.value) == expected


def test_a_french_upload_says_in_french_what_reading_its_files_found(
    sample_url, engine, editor, monkeypatch
):
    meetings = csv_bytes(
        [[*MEETING_HEAD, "remarques"], ["KHN-2026-1", OWN, "2026-01-10", "Rencontre", "x"]]
    )
    report = json.dumps(
        {"committed": True, "tables": {}, "files": [], "rejects": [], "warnings": []}
    ).encode()
    app = open_page(sample_url, monkeypatch, editor, lang="fr")
    upload(app, ("réunions.csv", meetings, CSV), ("rapport.json", report, OCTET))
    shown = table_with(app, "data_status_message", "fr")[t("data_status_message", "fr")]
    assert sorted(shown) == [
        "la colonne « remarques » n'est pas une colonne connue : ignorée",
        "rapport.json : un rapport de chargement, pas des données : ignoré",
    ]
