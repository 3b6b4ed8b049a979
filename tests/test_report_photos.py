"""Photos in the printed documents: the council's report (HTML and PDF), the meeting's
poster and the commune's poster show one photo per completed recommendation that has one,
the published thumbnail embedded as a data: URL (never the original, never a file
fetched), without EXIF in the HTML or in the PDF's image; `--no-photos` leaves them out.
A photo of an update after the report's period is not the period's. SQLite and
PostgreSQL alike, on the sample's Khnafif meetings."""

from __future__ import annotations

import base64
import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader
from test_evidence import exif_of, photo

from conftest import add_user, run_etl
from musharaka import auth, evidence, media_store, place_poster, poster
from musharaka.council_report import build_report, render_html, render_pdf
from musharaka.services import edit

KHNAFIF = "الخنافيف"
DONE = "KHN-2019-1-R08"  # completed between KHN-2022-3 and KHN-2024-4 (2024-04-21)
LATER = "KHN-2022-3-R02"  # completed in the period too; its photo is of after it
IMG = re.compile(r'<img class="photo" src="data:image/webp;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"')


@pytest.fixture(autouse=True)
def media(tmp_path, monkeypatch):
    folder = tmp_path / "media"
    monkeypatch.setenv("MUSHARAKA_MEDIA_DIR", str(folder))
    return folder


@pytest.fixture
def photographed(sample_url, engine):
    """A photo with its GPS position on a completed update of DONE dated in the period,
    and one on LATER's update dated after it; the administrator keeps the originals."""
    from musharaka.services import evidence as evidence_service

    user_id = add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,))
    with engine.begin() as conn:
        evidence_service.set_keep_originals(conn, True)
        editor = auth.load_identity(conn, user_id)
    saved = {}
    for code, day, size in ((DONE, "2024-04-10", (1200, 800)), (LATER, "2024-06-01", (900, 900))):
        checked = evidence.prepare([("chantier.jpg", photo(size=size))])
        entry = {"recommendation_id": code, "date": day, "status": "completed", "progress": "100"}
        result = edit.save(engine, "status_updates", entry, user=editor, files=checked.files)
        assert result.saved, result.problems
        saved[code] = checked.files[0]
    return saved


def commune_id(engine) -> int:
    with engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT id FROM communes WHERE name = ?"
            if engine.dialect.name == "sqlite"
            else "SELECT id FROM communes WHERE name = %s",
            (KHNAFIF,),
        ).scalar_one()


def shown_photos(html: str) -> list[tuple[bytes, str]]:
    return [(base64.b64decode(data), alt) for data, alt in IMG.findall(html)]


def pdf_images(pdf: bytes) -> list[bytes]:
    """The PDF's distinct image XObjects (its pages may share one resource dictionary),
    each as the image file pypdf rebuilds from it."""
    found: dict[int, bytes] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for name in xobjects:
            if xobjects[name].get_object()["/Subtype"] == "/Image":
                found[xobjects.raw_get(name).idnum] = b""
        for image in page.images:
            found[image.indirect_reference.idnum] = image.data
    assert all(found.values())  # every /Image of the resources is one pypdf reads
    return list(found.values())


def assert_clean(data: bytes) -> None:
    assert exif_of(data) == {} and b"Exif" not in data and b"PhoneMaker" not in data


def test_the_report_shows_the_published_photo_of_a_completed_recommendation(engine, photographed):
    assert exif_of(photo())["gps2"] == (33.0, 30.0, 12.5)  # what the editor sent had it
    report = build_report(engine, commune_id(engine), None, None, "fr")
    assert set(report.photos) == {DONE}  # LATER's photo is of after the period
    html = render_html(report, "fr")
    ((shown, alt),) = shown_photos(html)
    assert shown == photographed[DONE].thumbnail.data  # the published thumbnail itself
    assert alt == f"Photo : {DONE}"
    assert_clean(shown)
    row = html[html.index(DONE) :]
    assert row.index("<img") < row.index("</tr>")  # in the recommendation's own row
    images = pdf_images(render_pdf(html))
    assert len(images) == 1
    for image in images:
        assert_clean(image)
        with Image.open(io.BytesIO(image)) as picture:
            assert picture.size == Image.open(io.BytesIO(shown)).size
    without = build_report(engine, commune_id(engine), None, None, "fr", photos=False)
    assert without.photos == {} and "<img" not in render_html(without, "fr")


def test_the_posters_show_it_too(engine, photographed):
    report = poster.build_report_for(engine, "KHN-2024-4", "ar")
    html = poster.poster_html(report, "ar")
    ((shown, alt),) = shown_photos(html)
    assert shown == photographed[DONE].thumbnail.data and alt == f"صورة: {DONE}"
    assert len(pdf_images(render_pdf(html))) == 1

    place = place_poster.build_place_poster(engine, commune_id(engine), None, "fr")
    html = place_poster.place_poster_html(place)
    shown_now = dict((alt, data) for data, alt in shown_photos(html))
    # Today both are completed and photographed: each its own photo, on its own row.
    assert shown_now == {
        f"Photo : {code}": photographed[code].thumbnail.data for code in (DONE, LATER)
    }
    images = pdf_images(render_pdf(html))
    assert len(images) == 2
    for image in images:
        assert_clean(image)
    bare = place_poster.build_place_poster(engine, commune_id(engine), None, "fr", photos=False)
    assert "<img" not in place_poster.place_poster_html(bare)


def test_a_photo_whose_file_is_gone_or_not_a_clean_picture_is_left_out(engine, photographed, media):
    thumb = photographed[DONE].thumbnail
    path = media_store.path_of("public", thumb.name)
    path.write_bytes(photo("WEBP"))  # a picture with EXIF where the thumbnail was
    assert build_report(engine, commune_id(engine), None, None, "fr").photos == {}
    path.unlink()
    assert build_report(engine, commune_id(engine), None, None, "fr").photos == {}


def test_the_command_line_prints_photos_unless_told_not_to(
    sample_url, engine, photographed, tmp_path
):
    html = tmp_path / "report.html"
    done = run_etl(["report", "--commune", KHNAFIF, "--lang", "fr", "--out", str(html)], sample_url)
    assert done.returncode == 0, done.stderr
    assert len(shown_photos(html.read_text(encoding="utf-8"))) == 1
    done = run_etl(["report", "--commune", KHNAFIF, "--no-photos", "--out", str(html)], sample_url)
    assert done.returncode == 0 and "<img" not in html.read_text(encoding="utf-8")

    pdf = tmp_path / "poster.pdf"
    for args, count in (([], 1), (["--no-photos"], 0)):
        done = run_etl(["poster", "--meeting", "KHN-2024-4", *args, "--out", str(pdf)], sample_url)
        assert done.returncode == 0, done.stderr
        assert len(pdf_images(pdf.read_bytes())) == count
    for args, count in (([], 2), (["--no-photos"], 0)):
        done = run_etl(
            ["poster", "--commune", KHNAFIF, "--lang", "fr", *args, "--out", str(pdf)], sample_url
        )
        assert done.returncode == 0, done.stderr
        assert len(pdf_images(pdf.read_bytes())) == count
