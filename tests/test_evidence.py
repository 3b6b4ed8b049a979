"""Evidence files (musharaka.evidence, media_store, services.evidence): photos and PDFs are
recognised by their content, never their name; a published photo carries no EXIF (the GPS
position planted here is gone); a status update's files are stored, named by checksum, with
their rows in its transaction, and a refused or failed save leaves no file; the sweep
removes what nothing names; a field report's photo stays private until it is approved.
Real files made with Pillow and pypdf; SQLite and PostgreSQL alike."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import time

import pytest
from PIL import Image
from pypdf import PdfWriter
from sqlalchemy import func, select

from conftest import PROJECT_ROOT, add_user
from musharaka import auth, evidence, media_store
from musharaka.models import AuditEntry, EvidenceFile, Recommendation, StatusUpdate
from musharaka.queries import evidence as evidence_queries
from musharaka.services import edit, field_reports
from musharaka.services import evidence as evidence_service

REC = "KHN-2019-1-R04"  # a recommendation of الخنافيف in the bundled sample
GPS_IFD = 0x8825
GPS = {1: "N", 2: (33.0, 30.0, 12.5), 3: "W", 4: (7.0, 35.0, 1.0)}  # near Khenifra


# --- real files -----------------------------------------------------------------------------
def photo(fmt: str = "JPEG", size=(1200, 800), gps: bool = True, orientation: int = 1) -> bytes:
    """A photo as a phone writes it: pixels, the camera's make and a GPS position."""
    image = Image.new("RGB", size, (30, 120, 200))
    image.paste((240, 200, 20), (0, 0, size[0] // 2, size[1] // 3))  # not a flat colour
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = orientation
    if gps:
        exif[GPS_IFD] = GPS
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


AUTHOR, AUTHOR_MAIL = "Fatima Zahra Bennani", "fz.bennani@example.ma"
PAGE_TEXT = "Proces-verbal de reception de la piste de Tizi"


def pdf_with_author() -> bytes:
    """A PDF as an office suite writes it: a page of text, and the author's name and
    e-mail in its document information, its XMP stream, a page's XMP and a comment."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    def xmp() -> DecodedStreamObject:
        stream = DecodedStreamObject()
        stream.set_data(
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
            f"<dc:creator>{AUTHOR}</dc:creator><pdf:Author>{AUTHOR_MAIL}</pdf:Author>"
            "</rdf:Description></rdf:RDF></x:xmpmeta>".encode()
        )
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        return stream

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 14 Tf 60 760 Td ({PAGE_TEXT}) Tj ET".encode())
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    page[NameObject("/Metadata")] = writer._add_object(xmp())
    note = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (60, 700, 80, 720)]),
            NameObject("/T"): TextStringObject(AUTHOR),
            NameObject("/Contents"): TextStringObject("vu sur place"),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(note)])
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp())
    writer.add_metadata({"/Author": AUTHOR, "/Creator": AUTHOR_MAIL, "/Producer": "Word 2019"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def assert_no_author(data: bytes) -> None:
    """Neither the author's name nor e-mail, anywhere in the file, and the page's text."""
    from pypdf import PdfReader

    for secret in (AUTHOR, AUTHOR_MAIL, "Bennani", "bennani", "Word 2019"):
        assert secret.encode() not in data, secret
        assert secret.encode("utf-16-be") not in data, secret
    reader = PdfReader(io.BytesIO(data))
    assert not reader.metadata and reader.xmp_metadata is None
    assert [page.extract_text() for page in reader.pages] == [PAGE_TEXT]
    assert reader.pages[0]["/Annots"][0].get_object()["/Contents"] == "vu sur place"


def exif_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return {**dict(exif), **{f"gps{k}": v for k, v in exif.get_ifd(GPS_IFD).items()}}


@pytest.fixture(autouse=True)
def media(tmp_path, monkeypatch):
    folder = tmp_path / "media"
    monkeypatch.setenv("MUSHARAKA_MEDIA_DIR", str(folder))
    return folder


def stored_files(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# --- checked by content ---------------------------------------------------------------------
def test_the_planted_gps_position_is_there_before_and_gone_after():
    sent = photo()
    assert exif_of(sent)["gps2"] == (33.0, 30.0, 12.5)  # the test plants what it checks
    for fmt in ("JPEG", "PNG", "WEBP"):
        prepared = evidence.prepare_one(f"photo.{fmt.lower()}", photo(fmt))
        assert isinstance(prepared, evidence.Prepared), prepared
        assert prepared.thumbnail is not None
        for published in (prepared.published, prepared.thumbnail):
            assert exif_of(published.data) == {}, fmt
            assert b"PhoneMaker" not in published.data
        assert prepared.original.data == photo(fmt)  # the original is left as sent
        with Image.open(io.BytesIO(prepared.thumbnail.data)) as thumb:
            assert thumb.format == "WEBP" and max(thumb.size) == evidence.THUMB_SIZE


def test_a_pdfs_author_is_gone_from_the_published_file_and_its_pages_stay():
    sent = pdf_with_author()
    from pypdf import PdfReader

    planted = PdfReader(io.BytesIO(sent))  # the test plants what it checks
    assert planted.metadata["/Author"] == AUTHOR and planted.metadata["/Creator"] == AUTHOR_MAIL
    assert AUTHOR_MAIL.encode() in planted.xmp_metadata.stream.get_data()
    prepared = evidence.prepare_one("pv.pdf", sent)
    assert isinstance(prepared, evidence.Prepared), prepared
    assert prepared.pages == 1 and prepared.original.data == sent  # kept as sent
    assert_no_author(prepared.published.data)
    # A file without metadata is rewritten the same way, and stays a PDF of its pages.
    blank = evidence.prepare_one("blank.pdf", pdf(2))
    assert isinstance(blank, evidence.Prepared) and blank.pages == 2
    assert len(PdfReader(io.BytesIO(blank.published.data)).pages) == 2


def test_a_photo_taken_sideways_is_published_upright():
    prepared = evidence.prepare_one("sideways.jpg", photo(size=(1200, 800), orientation=6))
    assert isinstance(prepared, evidence.Prepared)
    assert (prepared.width, prepared.height) == (800, 1200)


def test_files_are_recognised_by_their_content_not_their_name():
    accepted = evidence.prepare(
        [("scan.jpg", pdf(2)), ("photo.pdf", photo("PNG")), ("IMG_1.WEBP", photo("WEBP"))]
    )
    assert not accepted.problems
    assert [(f.media_type, f.pages) for f in accepted.files] == [
        ("application/pdf", 2),
        ("image/png", None),
        ("image/webp", None),
    ]


truncated = photo()[:5000]
bomb_header = photo("PNG", size=(10, 10))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.jpg", b"MZ\x90\x00 this is a program, not a photo", "not_accepted"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "not_accepted"),
        ("report.pdf", b"%PDF-1.7\nnot really a pdf\n%%EOF", "pdf_unreadable"),
        ("secret.pdf", pdf(password="s3cret"), "pdf_unreadable"),
        ("cut.jpg", truncated, "image_unreadable"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "image_unreadable"),
        ("empty.jpg", b"", "empty"),
        ("huge.jpg", b"\xff\xd8\xff" + b"\x00" * evidence.MAX_FILE_BYTES, "too_large"),
    ],
)
def test_disguised_damaged_or_oversized_files_are_refused(name, data, reason):
    checked = evidence.prepare([(name, data)])
    assert not checked.files
    assert [(p.file_name, p.reason) for p in checked.problems] == [(name, reason)]


def test_a_cut_photo_is_refused_even_after_weasyprint_is_imported():
    """WeasyPrint, imported by the council report and the posters in the same server,
    tells Pillow to accept cut images everywhere (ImageFile.LOAD_TRUNCATED_IMAGES): a
    photo cut in the middle of its sending must still be refused, and the setting left as
    WeasyPrint wants it."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES  # what the import does
    checked = evidence.prepare([("cut.jpg", truncated)])
    assert not checked.files
    assert [p.reason for p in checked.problems] == ["image_unreadable"]
    assert ImageFile.LOAD_TRUNCATED_IMAGES


def test_a_photo_with_too_many_pixels_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(evidence, "MAX_PIXELS", 100 * 100)
    result = evidence.prepare_one("big.png", photo("PNG", size=(200, 200)))
    assert isinstance(result, evidence.Problem) and result.reason == "image_too_many_pixels"


def test_limits_per_update_and_their_messages_in_each_language():
    many = evidence.prepare([(f"p{i}.jpg", b"x") for i in range(evidence.MAX_FILES + 1)])
    assert [p.reason for p in many.problems] == ["too_many"]
    big = b"\xff\xd8\xff" + b"\x00" * (evidence.MAX_FILE_BYTES - 10)
    heavy = evidence.prepare([(f"p{i}.jpg", big) for i in range(4)])
    assert [p.reason for p in heavy.problems] == ["total_too_large"]
    from musharaka.i18n import t

    problem = evidence.Problem("x.jpg", "too_large", "10")
    texts = {
        lang: evidence.problem_text(problem, lambda k, la=lang: t(k, la))
        for lang in ["ar", "fr", "en"]
    }
    assert texts["en"] == "x.jpg: the file is larger than 10 MB."
    assert texts["fr"] == "x.jpg: le fichier dépasse 10 Mo."
    assert "ميغابايت" in texts["ar"] and "10" in texts["ar"]


# --- stored with the update, in its transaction ---------------------------------------------
@pytest.fixture
def editor(sample_url, engine):
    user_id = add_user(sample_url, "khnafif", "editor", communes=("الخنافيف",))
    with engine.connect() as conn:
        return auth.load_identity(conn, user_id)


def entry(note: str = "Piste ouverte") -> dict:
    return {
        "recommendation_id": REC,
        "date": "2026-02-10",
        "status": "in_progress",
        "progress": "60",
        "note": note,
    }


def two_photos_and_a_pdf() -> list[evidence.Prepared]:
    checked = evidence.prepare(
        [("route.jpg", photo()), ("pont.png", photo("PNG", (640, 480))), ("pv.pdf", pdf())]
    )
    assert not checked.problems
    return checked.files


def test_a_status_update_is_saved_with_two_photos_and_a_pdf(engine, editor, media):
    files = two_photos_and_a_pdf()
    result = edit.save(engine, "status_updates", entry(), user=editor, files=files)
    assert result.saved, result.problems
    with engine.connect() as conn:
        rows = conn.execute(
            select(EvidenceFile.__table__).where(
                EvidenceFile.status_update_id == result.status_update_id
            )
        ).all()
        shown = evidence_queries.published(REC)
        published = conn.execute(shown).mappings().all()
        audit_after = conn.execute(
            select(AuditEntry.after_json).where(AuditEntry.table_name == "status_updates")
        ).scalar()
    assert [(r.file_name, r.media_type, r.position) for r in rows] == [
        ("route.jpg", "image/jpeg", 0),
        ("pont.png", "image/png", 1),
        ("pv.pdf", "application/pdf", 2),
    ]
    assert [(r.width, r.height) for r in rows] == [(1200, 800), (640, 480), (None, None)]
    assert {r.uploaded_by for r in rows} == {"khnafif"}
    assert len(published) == 3
    for row in rows:
        path = media_store.path_of("public", f"{row.sha256}.{evidence.EXTENSIONS[row.media_type]}")
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == row.sha256 and len(data) == row.size
        assert row.original_sha256 is None  # originals are not kept unless the admin says so
        assert row.sha256 in audit_after
    assert not (media / "originals").exists()
    assert not [p for p in media.rglob(".tmp-*")]
    assert exif_of(media_store.path_of("public", f"{rows[0].sha256}.jpg").read_bytes()) == {}


def test_originals_are_kept_for_editors_only_when_the_admin_says_so(engine, editor, media):
    with engine.begin() as conn:
        evidence_service.set_keep_originals(conn, True)
    sent = photo()
    checked = evidence.prepare([("route.jpg", sent)])
    result = edit.save(engine, "status_updates", entry(), user=editor, files=checked.files)
    assert result.saved
    with engine.connect() as conn:
        row = conn.execute(select(EvidenceFile.__table__)).one()
    assert row.original_sha256 == hashlib.sha256(sent).hexdigest()
    kept = media_store.read_original(f"{row.original_sha256}.jpg")
    assert kept == sent and exif_of(kept)["gps2"] == (33.0, 30.0, 12.5)
    assert media_store.read_public(f"{row.original_sha256}.jpg") is None


def test_a_refused_save_leaves_no_file_and_no_row(engine, editor, media):
    files = two_photos_and_a_pdf()
    bad = {**entry(), "status": "almost"}
    result = edit.save(engine, "status_updates", bad, user=editor, files=files)
    assert not result.saved
    # An entry already in the history gets no files added to it either.
    assert edit.save(engine, "status_updates", entry(), user=editor).saved
    again = edit.save(engine, "status_updates", entry(), user=editor, files=files)
    assert not again.saved and "new entry" in " ".join(again.problems.values())
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(EvidenceFile)).scalar() == 0
    assert stored_files(media) == []


def test_a_database_failure_after_the_files_were_staged_leaves_no_file(engine, editor, media):
    """The rows are refused by the database itself (here: a file name longer than its
    column on PostgreSQL, or a dropped table on SQLite): the staged files are deleted."""
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE evidence_files")
    result = edit.save(engine, "status_updates", entry(), user=editor, files=two_photos_and_a_pdf())
    assert not result.saved
    with engine.connect() as conn:
        assert (
            conn.execute(
                select(func.count())
                .select_from(StatusUpdate)
                .join(Recommendation)
                .where(Recommendation.code == REC, StatusUpdate.note == "Piste ouverte")
            ).scalar()
            == 0
        )
    assert stored_files(media) == []


def test_the_sweep_removes_files_nothing_names_and_keeps_the_others(engine, editor, media):
    assert edit.save(
        engine, "status_updates", entry(), user=editor, files=two_photos_and_a_pdf()
    ).saved
    kept = stored_files(media)
    assert len(kept) == 5  # two photos, their thumbnails, the PDF
    # What a save that died before committing would leave: a temporary file and a file
    # renamed into place whose rows never committed.
    orphan = media_store.path_of("public", "ab" * 32 + ".jpg")
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"orphan")
    temporary = orphan.with_name(".tmp-1234-" + orphan.name)
    temporary.write_bytes(b"half")
    with engine.connect() as conn:
        assert media_store.sweep(conn) == []  # too young: may be a save still running
        later = time.time() + media_store.SWEEP_GRACE.total_seconds() + 60
        removed = media_store.sweep(conn, now=later)
    assert sorted(p.name for p in removed) == sorted([orphan.name, temporary.name])
    assert stored_files(media) == kept


def test_the_sweep_command(engine, editor, media, db_url):
    orphan = media_store.path_of("public", "cd" * 32 + ".pdf")
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"%PDF-")
    old = time.time() - 2 * media_store.SWEEP_GRACE.total_seconds()
    os.utime(orphan, (old, old))
    env = {**os.environ, "DATABASE_URL": db_url, "MUSHARAKA_MEDIA_DIR": str(media)}
    done = subprocess.run(
        [sys.executable, "-m", "musharaka", "media", "sweep"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"removed public/{orphan.name}" in done.stdout
    assert not orphan.exists()


# --- a field report's photo waits for the editor ------------------------------------------
@pytest.fixture
def association(sample_url, engine):
    with engine.connect() as conn:
        rec_id, association_id = conn.exec_driver_sql(
            "SELECT p.recommendation_id, p.association_id FROM recommendation_proposers p "
            "ORDER BY p.recommendation_id LIMIT 1"
        ).one()
    user_id = add_user(sample_url, "assoc", "association", association=association_id)
    with engine.connect() as conn:
        return auth.load_identity(conn, user_id), rec_id


def test_a_field_reports_photo_is_public_only_once_the_report_is_approved(
    engine, sample_url, association
):
    user, rec_id = association
    admin_id = add_user(sample_url, "admin", "admin")
    with engine.connect() as conn:
        admin = auth.load_identity(conn, admin_id)
    sent = photo()
    fields = dict(
        date="2026-01-05", status="in_progress", progress="30", note="vu", evidence_url=""
    )
    refused = field_reports.submit(
        engine, user, rec_id, **fields, files=[("x.jpg", b"GIF89a not ours")], today=None
    )
    assert refused.problems == {"files": "evidence"}
    assert [p.reason for p in refused.file_problems] == ["not_accepted"]
    outcome = field_reports.submit(engine, user, rec_id, **fields, files=[("vu.jpg", sent)])
    assert outcome.done, outcome
    with engine.connect() as conn:
        row = conn.execute(select(EvidenceFile.__table__)).one()
        assert row.field_report_id == outcome.report_id and row.status_update_id is None
        assert conn.execute(evidence_queries.servable(row.sha256)).first() is None
    approved = field_reports.approve(engine, admin, outcome.report_id)
    assert approved.done, approved
    with engine.connect() as conn:
        row = conn.execute(select(EvidenceFile.__table__)).one()
        assert row.status_update_id == approved.status_update_id
        assert conn.execute(evidence_queries.servable(row.sha256)).first() == ("image/jpeg", False)
        assert conn.execute(evidence_queries.servable(row.thumb_sha256)).first()[1] is True
    assert exif_of(media_store.read_public(f"{row.sha256}.jpg")) == {}


def test_a_rejected_reports_photo_stays_private(engine, sample_url, association):
    user, rec_id = association
    admin_id = add_user(sample_url, "admin", "admin")
    with engine.connect() as conn:
        admin = auth.load_identity(conn, admin_id)
    fields = dict(date="2026-01-05", status="in_progress", progress="", note="vu", evidence_url="")
    outcome = field_reports.submit(engine, user, rec_id, **fields, files=[("vu.png", photo("PNG"))])
    assert field_reports.reject(engine, admin, outcome.report_id, "pas ce chantier").done
    with engine.connect() as conn:
        row = conn.execute(select(EvidenceFile.__table__)).one()
        assert row.status_update_id is None
        assert conn.execute(evidence_queries.servable(row.sha256)).first() is None


# --- the open-data export ---------------------------------------------------------------------
def test_the_public_export_lists_each_updates_files_by_address_and_checksum(
    engine, editor, monkeypatch
):
    import json

    from etl import export
    from musharaka.licences import licence

    monkeypatch.setenv("MUSHARAKA_PUBLIC_URL", "https://musharaka.example.ma/")
    files = two_photos_and_a_pdf()
    assert edit.save(engine, "status_updates", entry(), user=editor, files=files).saved
    built = export.build_files(engine, "json", licence=licence("ODbL-1.0"), public=True)
    document = json.loads(next(iter(built.values())))
    update = next(u for u in document["status_updates"] if u["evidence_files"])
    shas = [f.published.sha256 for f in files]
    assert update["evidence_sha256"] == shas
    assert update["evidence_files"] == [
        f"https://musharaka.example.ma/evidence/{sha}.{ext}"
        for sha, ext in zip(shas, ("jpg", "png", "pdf"), strict=True)
    ]
    for address, sha in zip(update["evidence_files"], shas, strict=True):
        name = address.rsplit("/", 1)[1]
        assert hashlib.sha256(media_store.read_public(name)).hexdigest() == sha
    described = {d["column"] for d in document["dictionary"] if d["table"] == "status_updates"}
    assert {"evidence_files", "evidence_sha256"} <= described
    csv_files = export.build_files(engine, "csv", licence=licence("ODbL-1.0"), public=True)
    assert "; ".join(shas) in csv_files["status_updates.csv"].decode("utf-8")
