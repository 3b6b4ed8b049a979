"""Photos and PDFs given to a load with a status-update file that names them in its
`evidence_files` column: attached to their updates in the load's transaction, published
without their metadata, each refused file rejecting its row with the file's name and why,
and every file given accounted for in the report."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from test_evidence import GPS_IFD, exif_of, pdf_with_author, photo, stored_files

from conftest import PROJECT_ROOT
from etl.load import run_load
from musharaka import media_store
from musharaka.models import EvidenceFile, Recommendation, StatusUpdate


@pytest.fixture(autouse=True)
def media(tmp_path, monkeypatch):
    folder = tmp_path / "media"
    monkeypatch.setenv("MUSHARAKA_MEDIA_DIR", str(folder))
    return folder


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def folder_with_proof(folder: Path, evidence: str = "piste 1.jpg; PV réception.pdf") -> Path:
    """A secretary's folder: the meeting, two recommendations, their updates (one naming
    a photo and a PDF, written as people write names: another case, a space after ';'),
    the photo (with its GPS position), the PDF (with its author), and a photo no row names."""
    folder.mkdir(exist_ok=True)
    _csv(
        folder / "meetings.csv", [["meeting_id", "commune", "date"], ["TZ-1", "Tizi", "2024-03-01"]]
    )
    _csv(
        folder / "recommendations.csv",
        [
            ["recommendation_id", "meeting_id", "domain", "title"],
            ["TZ-1-R1", "TZ-1", "routes", "Piste vers Tagant"],
            ["TZ-1-R2", "TZ-1", "eau", "Puits"],
        ],
    )
    _csv(
        folder / "suivi.csv",
        [
            ["recommendation_id", "date", "status", "progress", "pièces jointes"],
            ["TZ-1-R1", "2024-06-01", "completed", "100", evidence],
            ["TZ-1-R2", "2024-06-01", "in_progress", "40", ""],
        ],
    )
    (folder / "Piste 1.JPG").write_bytes(photo())
    (folder / "PV réception.pdf").write_bytes(pdf_with_author())
    (folder / "autre.png").write_bytes(photo("PNG"))
    return folder


def _files_of(engine, code: str) -> list[tuple[str, str, int]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(EvidenceFile.file_name, EvidenceFile.media_type, EvidenceFile.position)
            .join(StatusUpdate, StatusUpdate.id == EvidenceFile.status_update_id)
            .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
            .where(Recommendation.code == code)
            .order_by(EvidenceFile.position)
        )
        return [tuple(r) for r in rows]


def test_a_folders_photo_and_pdf_are_attached_to_the_update_that_names_them(
    engine, tmp_path, media
):
    report = run_load(engine, [folder_with_proof(tmp_path / "in")])
    assert report.committed and not report.rejects
    assert _files_of(engine, "TZ-1-R1") == [
        ("Piste 1.JPG", "image/jpeg", 0),
        ("PV réception.pdf", "application/pdf", 1),
    ]
    assert _files_of(engine, "TZ-1-R2") == []
    # Every file given is accounted for: the tables read, the proof attached, the rest said.
    assert sorted(report.sources) == ["meetings.csv", "recommendations.csv", "suivi.csv"]
    assert sorted((e["file"], e["rows"], e["attached"]) for e in report.evidence) == [
        ("PV réception.pdf", 1, 1),
        ("Piste 1.JPG", 1, 1),
    ]
    assert [(s["file"], s["reason"]) for s in report.skipped] == [("autre.png", "evidence_unused")]
    assert "evidence_files" in report.skipped[0]["message"]
    # What a visitor downloads has no GPS position, no camera, no author.
    with engine.connect() as conn:
        published = dict(conn.execute(select(EvidenceFile.media_type, EvidenceFile.sha256)).all())
    jpeg = media_store.read_public(f"{published['image/jpeg']}.jpg")
    assert jpeg is not None and GPS_IFD not in exif_of(jpeg) and 0x010F not in exif_of(jpeg)
    assert not any(k.startswith("gps") for k in exif_of(jpeg))
    pdf = media_store.read_public(f"{published['application/pdf']}.pdf")
    assert pdf is not None and b"Bennani" not in pdf
    assert not [p for p in stored_files(media) if media_store.TEMP_PREFIX in p]


def test_the_same_folder_loaded_again_attaches_nothing_twice(engine, tmp_path):
    run_load(engine, [folder_with_proof(tmp_path / "in")])
    again = run_load(engine, [folder_with_proof(tmp_path / "in")])
    assert again.tables["status_updates"]["unchanged"] == 2
    assert [e["attached"] for e in again.evidence] == [0, 0]
    assert len(_files_of(engine, "TZ-1-R1")) == 2


def test_a_file_not_given_or_disguised_rejects_its_row_naming_the_file(engine, tmp_path, media):
    missing = folder_with_proof(tmp_path / "missing", evidence="piste 1.jpg; piste 2.jpg")
    report = run_load(engine, [missing])
    (reject,) = report.rejects
    assert (reject["row"], reject["column"], reject["reason"]) == (
        2,
        "evidence_files",
        "missing_file",
    )
    assert "piste 2.jpg" in reject["message"] and "same folder" in reject["message"]
    # The row is not saved without its proof, and its named files are said as skipped.
    assert _files_of(engine, "TZ-1-R1") == []
    skipped = {s["file"]: s["reason"] for s in report.skipped}
    assert skipped["Piste 1.JPG"] == "evidence_rejected"
    assert stored_files(media) == []

    disguised = folder_with_proof(tmp_path / "disguised")
    (disguised / "Piste 1.JPG").write_text("MZ this is not a photo", encoding="utf-8")
    report = run_load(engine, [disguised])
    (reject,) = report.rejects
    assert (reject["column"], reject["reason"], reject["value"]) == (
        "evidence_files",
        "bad_file",
        "Piste 1.JPG",
    )
    assert "content was checked" in reject["message"]


def test_a_dry_run_or_a_failed_load_leaves_no_file(engine, tmp_path, media):
    folder = folder_with_proof(tmp_path / "in")
    report = run_load(engine, [folder], dry_run=True)
    assert not report.rejects and [e["attached"] for e in report.evidence] == [0, 0]
    assert stored_files(media) == []
    # A strict load with a rejected row commits nothing: its staged files are deleted.
    _csv(
        folder / "bad.csv",
        [["recommendation_id", "date", "status"], ["TZ-1-R9", "2024-06-01", "completed"]],
    )
    report = run_load(engine, [folder], strict=True)
    assert not report.committed and report.rejects
    assert stored_files(media) == []


def test_an_export_loaded_back_keeps_its_files_without_attaching_them_again(
    engine, db_url, tmp_path
):
    run_load(engine, [folder_with_proof(tmp_path / "in")])
    out = tmp_path / "export"
    subprocess.run(
        [sys.executable, "-m", "etl", "export", "--out", str(out), "--format", "csv"],
        cwd=PROJECT_ROOT,
        env={**_env(), "DATABASE_URL": db_url},
        check=True,
        capture_output=True,
    )
    updates = next(out.glob("status_updates*.csv"))
    report = run_load(engine, [updates])
    assert not report.rejects
    assert not [w for w in report.warnings if w["column"] == "evidence_files"]
    assert len(_files_of(engine, "TZ-1-R1")) == 2


def test_the_command_line_report_lists_the_proof(db_url, tmp_path):
    folder = folder_with_proof(tmp_path / "in")
    report_path = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "etl", "load", str(folder), "--report", str(report_path)],
        cwd=PROJECT_ROOT,
        env={**_env(), "DATABASE_URL": db_url, "MUSHARAKA_MEDIA_DIR": str(tmp_path / "m")},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(report_path.read_text(encoding="utf-8"))
    assert {e["file"] for e in document["evidence"]} == {"Piste 1.JPG", "PV réception.pdf"}
    assert "autre.png" in done.stdout


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)
