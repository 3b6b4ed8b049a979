"""Evidence files on the pages: an editor adds a status update with two photos and a PDF
through the Edit page's form; a visitor sees them in the recommendation's history (small
thumbnails loaded lazily, each opening the full photo; the PDF with its size); a disguised
file is refused with a message in the editor's language; and the real server gives a
visitor the published photo without its EXIF, never an original nor a waiting report's
photo. SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from browser import start_server
from sqlalchemy import select
from test_evidence import assert_no_author, exif_of, pdf, pdf_with_author, photo

from conftest import add_user, run_page
from musharaka import auth, evidence
from musharaka.i18n import t
from musharaka.models import EvidenceFile
from musharaka.services import edit
from musharaka.services import evidence as evidence_service
from musharaka.views.evidence import file_size

REC = "KHN-2019-1-R04"
EDIT, RECOMMENDATIONS = "pages/7_Edit.py", "pages/1_Recommendations.py"


@pytest.fixture(autouse=True)
def media(tmp_path, monkeypatch):
    folder = tmp_path / "media"
    monkeypatch.setenv("MUSHARAKA_MEDIA_DIR", str(folder))
    return folder


@pytest.fixture
def editor(sample_url):
    return add_user(sample_url, "khnafif", "editor", communes=("الخنافيف",))


def fill_update(app, note: str) -> None:
    app.text_input(key="edit_status_updates_date").input("2026-02-10")
    app.selectbox(key="edit_status_updates_status").set_value("in_progress")
    app.text_input(key="edit_status_updates_progress").input("60")
    app.text_area(key="edit_status_updates_note").input(note)


def save(app, lang: str):
    next(b for b in app.button if b.label == t("edit_save", lang)).click().run()
    assert not app.exception, app.exception
    return app


def rows(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(select(EvidenceFile.__table__).order_by(EvidenceFile.position)).all()


def test_an_editor_adds_two_photos_and_a_pdf_and_a_visitor_sees_them(
    sample_url, engine, editor, monkeypatch
):
    app = run_page(
        EDIT, sample_url, monkeypatch, lang="en", user=editor, params={"do": "update", "rec": REC}
    )
    assert not app.exception, app.exception
    fill_update(app, "Piste ouverte")
    document = pdf(3)
    app.file_uploader(key="edit_files_0").set_value(
        [
            ("route.jpg", photo(), "image/jpeg"),
            ("pont.png", photo("PNG", (640, 480)), "image/png"),
            ("pv.pdf", document, "application/pdf"),
        ]
    )
    save(app, "en")
    assert not app.error, [e.value for e in app.error]
    assert app.success[0].value.startswith("Saved:")
    saved = rows(engine)
    assert [r.file_name for r in saved] == ["route.jpg", "pont.png", "pv.pdf"]
    # The picker is empty again for the next entry.
    assert not app.file_uploader(key="edit_files_1").value

    visitor = run_page(RECOMMENDATIONS, sample_url, monkeypatch, lang="fr", params={"rec": REC})
    assert not visitor.exception, visitor.exception
    shown = " ".join(h.proto.body for h in visitor.get("html") if "evidence" in h.proto.body)
    thumbs = re.findall(r'<img src="/evidence/([0-9a-f]{64})\.webp" loading="lazy"', shown)
    assert thumbs == [saved[0].thumb_sha256, saved[1].thumb_sha256]
    assert f'href="/evidence/{saved[0].sha256}.jpg"' in shown  # the full photo, one click away
    assert f'href="/evidence/{saved[1].sha256}.png"' in shown
    assert f'href="/evidence/{saved[2].sha256}.pdf"' in shown
    assert f"pv.pdf</a> (PDF, {file_size(len(document), 'fr')})" in shown
    assert t("evidence_files", "fr") in [m.value.strip("*") for m in visitor.markdown]


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_a_disguised_file_is_refused_in_the_editors_language(
    sample_url, engine, editor, monkeypatch, lang, media
):
    app = run_page(
        EDIT, sample_url, monkeypatch, lang=lang, user=editor, params={"do": "update", "rec": REC}
    )
    fill_update(app, "Avec un faux fichier")
    app.file_uploader(key="edit_files_0").set_value(
        [("photo.jpg", b"MZ\x90\x00 a program named as a photo", "image/jpeg")]
    )
    save(app, lang)
    errors = " ".join(e.value for e in app.error)
    assert t("evidence_problem_not_accepted", lang) in errors.replace("\\", "")
    assert "photo.jpg" in errors.replace("\\", "")
    assert rows(engine) == [] and not media.exists()


# --- through the real server ----------------------------------------------------------------
def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_a_visitor_downloads_the_photo_without_its_exif_the_pdf_without_its_author(
    sample_url, engine, editor, tmp_path
):
    with engine.begin() as conn:
        evidence_service.set_keep_originals(conn, True)
        identity = auth.load_identity(conn, editor)
    sent = photo()
    assert exif_of(sent)["gps2"] == (33.0, 30.0, 12.5)  # planted: latitude 33°30'12.5"
    checked = evidence.prepare([("route.jpg", sent), ("pv.pdf", pdf_with_author())])
    entry = {"recommendation_id": REC, "date": "2026-02-10", "status": "in_progress"}
    assert edit.save(engine, "status_updates", entry, user=identity, files=checked.files).saved
    photo_row, pdf_row = rows(engine)
    server = start_server(sample_url, tmp_path / "server.log")
    try:
        status, kind, body = fetch(server.url(f"/evidence/{photo_row.sha256}.jpg"))
        assert (status, kind) == (200, "image/jpeg")
        assert exif_of(body) == {} and b"PhoneMaker" not in body
        status, kind, body = fetch(server.url(f"/evidence/{photo_row.thumb_sha256}.webp"))
        assert (status, kind) == (200, "image/webp") and exif_of(body) == {}
        status, kind, body = fetch(server.url(f"/evidence/{pdf_row.sha256}.pdf"))
        assert (status, kind, body) == (200, "application/pdf", checked.files[1].published.data)
        assert_no_author(body)  # the author's name and e-mail planted in its metadata
        # The original is kept for editors, and never served.
        assert photo_row.original_sha256
        for name in (
            f"{photo_row.original_sha256}.jpg",
            f"{photo_row.sha256}.png",
            "x.jpg",
            "..%2Fmusharaka.db",
            "../musharaka.db",
        ):
            assert fetch(server.url(f"/evidence/{name}"))[0] in (400, 404), name
    finally:
        server.stop()


# --- a field report's photo, and the administrator's choice -----------------------------------
def test_an_associations_photo_waits_for_the_editor_then_is_published(
    sample_url, engine, monkeypatch
):
    with engine.connect() as conn:
        rec_id, association_id = conn.exec_driver_sql(
            "SELECT recommendation_id, association_id FROM recommendation_proposers "
            "ORDER BY recommendation_id LIMIT 1"
        ).one()
        commune = conn.exec_driver_sql(
            f"SELECT c.name FROM communes c JOIN recommendations r ON r.commune_id = c.id "
            f"WHERE r.id = {int(rec_id)}"
        ).scalar()
    association = add_user(sample_url, "assoc", "association", association=association_id)
    editor = add_user(sample_url, "editor-x", "editor", communes=(commune,))
    page = "pages/9_Field_reports.py"
    app = run_page(page, sample_url, monkeypatch, lang="fr", user=association)
    app.selectbox(key="field_recommendation").set_value(rec_id)
    app.selectbox(key="field_status").set_value("in_progress")
    app.text_area(key="field_note").input("La piste est à moitié faite.")
    app.file_uploader(key="field_files_0").set_value([("piste.jpg", photo(), "image/jpeg")])
    app.button(key="FormSubmitter:field_report_form-" + t("field_submit", "fr")).click().run()
    assert not app.exception and [s.value for s in app.success] == [t("field_submitted", "fr")]
    (waiting,) = rows(engine)
    assert waiting.status_update_id is None

    review = run_page(page, sample_url, monkeypatch, lang="fr", user=editor)
    assert not review.exception, review.exception
    # Shown to the editor through Streamlit, not through the public route.
    assert [i.captions for i in review.get("image")] == [["piste.jpg"]]
    review.button(key="FormSubmitter:field_decision_form-" + t("field_approve", "fr")).click()
    review.run()
    assert not review.exception
    (published,) = rows(engine)
    assert published.status_update_id is not None


def test_the_admin_chooses_to_keep_originals_with_an_audit_entry(sample_url, engine, monkeypatch):
    admin = add_user(sample_url, "root", "admin")
    app = run_page("pages/10_Admin.py", sample_url, monkeypatch, lang="en", user=admin)
    toggle = app.toggle(key="admin_keep_originals")
    assert toggle.value is False and toggle.label == t("admin_keep_originals", "en")
    toggle.set_value(True).run()
    assert not app.exception
    with engine.connect() as conn:
        assert evidence_service.keeps_originals(conn)
        actor, source = conn.exec_driver_sql(
            "SELECT actor, source FROM audit_log WHERE table_name = 'settings'"
        ).one()
    assert (actor, source) == ("root", "admin")
