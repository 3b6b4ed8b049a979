"""A meeting's poster (`python -m etl poster`): its QR codes, read back from the PDF with
zbarimg, open the recommendations' and the meeting's views under MUSHARAKA_PUBLIC_URL;
its Arabic reads in order; A3 is a bigger sheet. SQLite and PostgreSQL alike."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_notify import load_base, load_updates, write_csv

from conftest import run_etl
from etl.load import run_load
from musharaka.i18n import term_label
from musharaka.vocabulary import STATUSES

PUBLIC = "https://musharaka.example.ma"
_STRIPPED = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u0652\u0670]")
_MISSING = [tool for tool in ("zbarimg", "pdftoppm") if not shutil.which(tool)]


@pytest.fixture(autouse=True)
def _decoders():
    """The QR codes are read by zbarimg (zbar-tools) from pdftoppm's (poppler-utils) pages:
    without them a developer's run skips these tests, CI fails them (.ci/run installs both)."""
    if _MISSING:
        if os.environ.get("CI"):
            pytest.fail(f"the poster's tests must run in CI: {', '.join(_MISSING)} missing")
        pytest.skip(f"needs {', '.join(_MISSING)} (zbar-tools, poppler-utils)")


@pytest.fixture
def two_meetings(engine, tmp_path, monkeypatch):
    """Khnafif's M1 (R1..R4) and M2; between them R1 completed and R3 in progress."""
    monkeypatch.setenv("MUSHARAKA_PUBLIC_URL", PUBLIC)
    load_base(engine, tmp_path / "base")
    write_csv(
        tmp_path / "m2" / "meetings.csv",
        ["meeting_id", "commune", "province", "date", "title"],
        [["M2", "Khnafif", "Taroudant", "2025-04-01", "Troisième rencontre"]],
    )
    assert run_load(engine, [tmp_path / "m2"]).committed
    load_updates(
        engine,
        tmp_path / "updates",
        [
            ["R1", "2025-03-03", "completed", "100", ""],
            ["R3", "2025-03-04", "in_progress", "50", ""],
        ],
    )
    return engine


def qr_codes(pdf: Path) -> set[str]:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(pdf), str(stem)], check=True)
    found: set[str] = set()
    for image in sorted(pdf.parent.glob(f"{stem.name}*.png")):
        read = subprocess.run(
            ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True
        )
        found |= {line.strip() for line in read.stdout.splitlines() if line.strip()}
    return found


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_posters_qr_codes_open_the_views(two_meetings, db_url, tmp_path, lang):
    out = tmp_path / f"poster-{lang}.pdf"
    done = run_etl(["poster", "--meeting", "M2", "--lang", lang, "--out", str(out)], db_url)
    assert done.returncode == 0, done.stderr
    assert qr_codes(out) == {
        f"{PUBLIC}/Meetings?meeting=M2&lang={lang}",
        *(f"{PUBLIC}/Recommendations?rec=R{i}&lang={lang}" for i in range(1, 5)),
    }
    text = " ".join(
        _STRIPPED.sub(
            "",
            subprocess.run(
                ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
            ).stdout,
        ).split()
    )
    assert term_label(STATUSES, "completed", lang) in text
    if lang == "ar":
        assert "ما تم إنجازه منذ" in text  # in reading order, not reversed
    else:
        assert "Ce qui a été réalisé depuis la dernière rencontre" in text


def test_a3_is_a_bigger_sheet_and_a_first_meeting_has_no_poster(two_meetings, db_url, tmp_path):
    out = tmp_path / "a3.pdf"
    done = run_etl(["poster", "--meeting", "M2", "--size", "A3", "--out", str(out)], db_url)
    assert done.returncode == 0, done.stderr
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 1191)
    first = run_etl(["poster", "--meeting", "M1", "--out", str(tmp_path / "x.pdf")], db_url)
    assert first.returncode == 1 and "first meeting" in first.stderr
    assert not (tmp_path / "x.pdf").exists()
