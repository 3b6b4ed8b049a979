"""What the loader says on the Upload page is said in the page's language: the meeting a
table without a meeting column was given (or why none was), a Decidim results file's
rejects and warnings, a Decidim file given without its commune, and a load the database
refused, a file that cannot be opened at all (a damaged workbook, a .json or .docx that
is none). Every message the loader writes is one of musharaka.loader_text's, recognised
again and translated (views.data_status.said); none reaches an Arabic or French page in
English."""

from __future__ import annotations

import ast
import io
import re

import openpyxl
import pytest
from sqlalchemy import text

from conftest import PROJECT_ROOT, add_user, run_page
from etl.errors import LoadError
from etl.load import run_load
from musharaka import db
from musharaka.i18n import t
from musharaka.loader_text import english, recognise
from musharaka.services import uploads
from musharaka.views.data_status import said

PAGE = "pages/8_Upload.py"
OWN = "الخنافيف"  # the editor's commune in the sample
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Words of English sentences that are neither French nor Arabic: any of them in what the
# page says is the loader speaking English.
ENGLISH = re.compile(
    r"(?<![\w'-])(the|is|not|no|of|its|this|was|and|names|named|nothing|has|results?|"
    r"rows|say|which|file|database|committed|refused)(?![\w'-])",
    re.IGNORECASE,
)
RECOMMENDATIONS = ["recommendation_id", "domain", "title", "status"]
# Decidim results with a bad created_at (a warning), a bad end_date, no title, no id, and
# a component none of whose results is dated: four rejects.
DECIDIM = (
    b"id,title/fr,start_date,created_at,progress,component/id,end_date\n"
    b"1,Puits,2020-01-01,x,50,7,2020-13-45\n"
    b"2,,2020-01-01,,10,7,\n"
    b",Eau,2020-01-01,,10,7,\n"
    b"3,Route,,,,9,\n"
    b"4,Piste,2020-01-01,,10,7,\n"
)


def hint_workbook() -> bytes:
    """Three sheets without a meeting column: one named by a meeting's code, one by a
    date of no meeting, one by nothing."""
    book = openpyxl.Workbook()
    for number, title in enumerate(("KHN-2019-1", "01-01-1999", "Feuil3"), start=1):
        sheet = book.active if number == 1 else book.create_sheet()
        sheet.title = title
        sheet.append(RECOMMENDATIONS)
        sheet.append([f"HINT-{number}", "water", "Puits", "completed"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def english_in(shown: str) -> list[str]:
    return ENGLISH.findall(shown)


def messages_of(report) -> list[str]:
    found = report.as_dict()
    return [m["message"] for m in (*found["warnings"], *found["rejects"])]


def test_every_message_of_these_files_is_one_the_loader_can_say(engine, sample_url, tmp_path):
    (tmp_path / "résultats.csv").write_bytes(DECIDIM)
    (tmp_path / "suivi.xlsx").write_bytes(hint_workbook())
    with pytest.raises(LoadError) as needed:
        run_load(engine, [tmp_path / "résultats.csv"], dry_run=True)
    written = [str(needed.value)]
    for name, commune in (("résultats.csv", OWN), ("suivi.xlsx", None)):
        report = run_load(engine, [tmp_path / name], dry_run=True, commune=commune)
        written += messages_of(report)
    assert len(written) >= 9
    for message in written:
        assert recognise(message) is not None, message
        for lang in ("ar", "fr"):
            assert not english_in(said(message, lang)), (lang, said(message, lang))


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_load_errors_are_said_in_the_readers_language(lang):
    for message in (
        str(db.WriterBusy(30)),
        english("loader_nothing_committed", message=db.NOT_AVAILABLE),
        english("loader_db_refused", reason="CHECK constraint failed"),
        english("loader_unreadable", kind="KeyError"),
    ):
        assert recognise(message) is not None, message
        assert not english_in(said(message, lang)), said(message, lang)


def _said_on_page(app, lang: str) -> str:
    kinds = ("markdown", "info", "error", "warning", "success", "caption")
    shown = [str(e.value) for kind in kinds for e in app.get(kind)]
    for frame in app.dataframe:
        column = next((c for c in frame.value.columns if c == t("data_status_message", lang)), None)
        if column is not None:
            shown += [str(v) for v in frame.value[column]]
    return "\n".join(shown)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_upload_page_says_what_the_loader_found_in_its_language(
    lang, sample_url, engine, tmp_path, monkeypatch
):
    monkeypatch.setenv("MUSHARAKA_UPLOAD_DIR", str(tmp_path / "uploads"))
    editor = add_user(sample_url, "said", "editor", communes=(OWN,))
    app = run_page(PAGE, sample_url, monkeypatch, lang=lang, user=editor)
    app.file_uploader(key="upload_files").set_value([("résultats.csv", DECIDIM, CSV)])
    app.run()
    assert not app.exception, app.exception
    assert not english_in(_said_on_page(app, lang)), _said_on_page(app, lang)
    picker = app.selectbox(
        key=next(k for k in app.session_state if k.startswith("upload_commune_"))
    )
    picker.select(OWN).run()
    assert not app.exception, app.exception
    shown = _said_on_page(app, lang)
    assert shown.count("\n") >= 5
    assert not english_in(shown), shown

    app.file_uploader(key="upload_files").set_value([("suivi.xlsx", hint_workbook(), XLSX)])
    app.run()
    assert not app.exception, app.exception
    shown = _said_on_page(app, lang)
    assert "KHN-2019-1" in shown  # the meeting chosen is named
    assert not english_in(shown), shown


def _damaged_workbook() -> bytes:
    """A workbook cut short, as a download that stopped halfway leaves it."""
    data = hint_workbook()
    return data[: len(data) // 2]


# Files that cannot be opened at all, as an upload brings them: each is refused whole.
UNOPENABLE = [
    ("suivi.xlsx", _damaged_workbook(), XLSX),
    ("export.json", b"{ceci n'est pas du JSON", "application/json"),
    ("compte-rendu.docx", "محضر الاجتماع".encode(), "application/octet-stream"),
]


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("name, data, kind", UNOPENABLE, ids=["xlsx", "json", "docx"])
def test_a_file_that_cannot_be_opened_is_said_in_the_readers_language(
    lang, name, data, kind, sample_url, engine, tmp_path, monkeypatch
):
    monkeypatch.setenv("MUSHARAKA_UPLOAD_DIR", str(tmp_path / "uploads"))
    editor = add_user(sample_url, "said", "editor", communes=(OWN,))
    app = run_page(PAGE, sample_url, monkeypatch, lang=lang, user=editor)
    app.file_uploader(key="upload_files").set_value([(name, data, kind)])
    app.run()
    assert not app.exception, app.exception
    errors = [str(e.value).replace("\\", "") for e in app.error]  # as markdown escapes it
    assert len(errors) == 1 and name in errors[0], errors  # the file is named
    assert not english_in(errors[0]), errors[0]


def test_a_load_the_database_refused_is_said_in_the_readers_language(sample_url, engine, tmp_path):
    editor = add_user(sample_url, "said", "editor", communes=(OWN,))
    with db.make_engine(sample_url).connect() as conn:
        from musharaka import auth

        user = auth.load_identity(conn, editor)
    rows = f"meeting_id,commune,date,title\nKHN-2026-1,{OWN},2026-01-10,Rencontre\n"
    batch = uploads.check(engine, uploads.stage([("m.csv", rows.encode())], tmp_path), user)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON meetings "
                    "BEGIN SELECT RAISE(ABORT, 'refusé'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'refusé'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON meetings "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )
    uploads.commit(engine, batch, user)
    assert batch.result_error is not None
    for lang in ("ar", "fr"):
        assert not english_in(said(batch.result_error, lang)), said(batch.result_error, lang)


def test_the_page_says_the_loaders_errors_through_said():
    """The page shows what the loader said, never its English as it is."""
    source = (PROJECT_ROOT / PAGE).read_text(encoding="utf-8")
    assert "data_text(batch.result_error)" not in source
    assert "data_text(batch.error)" not in source


# What a row, a sheet or a load is told: its message argument is one of the loader's
# (loader_text.english), never English written on the spot.
# So is what a file that cannot be read at all is told, on the Upload page as well.
TOLD = {
    "warn",
    "reject",
    "LoadError",
    "CommuneNeeded",
    "Choice",
    "_Rejected",
    "WriterBusy",
    "ExtractError",
    "NotData",
    "DecodeError",
    "OverBudget",
    "TooManyMerged",
    "LayoutError",
    "archive_parts",
}


def _written_on_the_spot(node: ast.AST) -> bool:
    """English text in `node`, outside the values given to english(...)."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "english":
        return False
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value:
        return True
    return any(_written_on_the_spot(child) for child in ast.iter_child_nodes(node))


def test_every_message_the_loader_tells_a_row_or_a_load_is_one_it_can_say():
    paths = [
        p
        for p in sorted((PROJECT_ROOT / "etl").rglob("*.py"))
        if not p.name.startswith("demo") and p.name != "export.py"
    ]
    found = []
    for path in [*paths, PROJECT_ROOT / "musharaka" / "services" / "uploads.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in TOLD and any(_written_on_the_spot(a) for a in node.args):
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert found == []
