"""Word minutes (.docx) and a sheet per meeting: a council's minutes hold their
recommendations in a Word table with the contract's headers, and often no meeting column,
the meeting being the one the minutes are of. Each table loads like a sheet (its rows
numbered as the table's, the table named by its position); a recommendations table
without a meeting column takes the meeting its document's title or first paragraphs (or,
for a workbook, its sheet's name or title rows) name by code or date, with a warning that
names it, or each row is rejected saying where Musharaka looked. The documents are made
here with python-docx, in Arabic (right to left) and French, and loaded through the
command line, in process, and through the Upload page, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.table import WD_TABLE_DIRECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from sqlalchemy import func, select

from conftest import add_user, run_etl, run_page
from etl import minutes
from etl.extract import read_file
from etl.load import LoadError, run_load
from etl.readers import find_layout
from etl.readers.meeting_hint import Known, MeetingHint, codes_in, dates_in, place
from etl.report import Origin
from musharaka.i18n import t
from musharaka.models import Association, Meeting, Recommendation
from musharaka.text import fold

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OWN = "الخنافيف"  # the sample's commune whose editor uploads (meetings KHN-2019-1, KHN-2020-2)
ARABIC_HEAD = ["رمز التوصية", "المجال", "التوصية", "الجهة المسؤولة", "الأجل"]
FRENCH_HEAD = ["Code", "Domaine", "Recommandation", "Porteur", "Échéance"]
LETTERHEAD = ["المملكة المغربية", "وزارة الداخلية", "إقليم تارودانت", f"جماعة {OWN}"]


# --- making Word documents -------------------------------------------------------------
def word(
    path: Path,
    paragraphs: list[str],
    *tables: list[list[str]],
    title: str | None = None,
    rtl: bool = False,
    after: list[str] = (),
) -> Path:
    """A Word document: its paragraphs, then each table (its first row the header), then
    the paragraphs after (a signature)."""
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=0, cols=len(rows[0]))
        if rtl:
            table.table_direction = WD_TABLE_DIRECTION.RTL
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
    for text in after:
        document.add_paragraph(text)
    document.save(path)
    return path


def table_of(path: Path, number: int = 1):
    return docx.Document(path).tables[number - 1]


def rows_of(path: Path) -> dict[str, list[tuple[int, list]]]:
    return {sheet.sheet: list(sheet.rows) for sheet in read_file(path)}


def recommendations(engine) -> dict[str, tuple]:
    """code: (meeting code, domain, title, responsible, target date)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Recommendation.code,
                Meeting.code,
                Recommendation.domain,
                Recommendation.title,
                Recommendation.responsible,
                Recommendation.target_date,
            ).join(Meeting, Meeting.id == Recommendation.meeting_id)
        ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


# --- pure: dates and codes written in a title ------------------------------------------
@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("محضر اللقاء التواصلي المنعقد يوم الأحد 16 فبراير 2020 بمقر الجماعة", ["2020-02-16"]),
        ("Compte rendu de la rencontre du 16 février 2020", ["2020-02-16"]),
        ("Rencontre du dimanche 1er mars 2020, salle des fêtes", ["2020-03-01"]),
        ("اللقاء التواصلي ليوم ١٦/٠٢/٢٠٢٠", ["2020-02-16"]),
        ("لقاء 29 شتنبر 2019م", ["2019-09-29"]),
        ("Meeting of February 16, 2020", ["2020-02-16"]),
        ("Réunion 2020-02-16 et suivi du 16.02.2021", ["2020-02-16", "2021-02-16"]),
        ("16-02-2020", ["2020-02-16"]),
        # Not dates: a day that does not exist, digits inside a code, a law's number.
        ("Réunion du 31/02/2020", []),
        ("KHN-2020-02-16-R1", []),
        ("القانون التنظيمي رقم 113.14", []),
    ],
)
def test_dates_are_found_in_a_title_in_every_form_the_contract_accepts(text, dates):
    assert [d.isoformat() for d, _ in dates_in(text)] == dates


def test_a_code_is_found_as_written_among_the_words_of_a_title():
    found = codes_in("محضر اللقاء التواصلي (KHN-2020-2)، جماعة الخنافيف: Réunion «TGZ-١»")
    assert {"KHN-2020-2", "TGZ-1", "الخنافيف"} <= set(found)


KHN = Known("KHN-2020-2", OWN, frozenset({fold(OWN)}), dt.date(2020, 2, 16))
TZK = Known("TZK-2020-9", "تيزكي الخير", frozenset({fold("تيزكي الخير")}), dt.date(2020, 2, 16))
OLD = Known("KHN-2019-1", OWN, frozenset({fold(OWN)}), dt.date(2019, 9, 29))
BY_CODE = {k.code: k for k in (KHN, TZK, OLD)}
BY_DATE = {KHN.date: [KHN, TZK], OLD.date: [OLD]}


def hint(*texts: str) -> MeetingHint:
    places = tuple(place(f"paragraph {n}", [text]) for n, text in enumerate(texts, start=1))
    return MeetingHint(Origin("m.docx", "table 1", "recommendations", 1), "the title", places)


def test_the_first_place_that_names_a_meeting_decides():
    minutes = hint("Royaume du Maroc", "Rencontre du 29 septembre 2019", "suivi: KHN-2020-2")
    choice = minutes.choose(BY_CODE, BY_DATE)
    assert (choice.code, choice.message) == (
        "KHN-2019-1",
        f"no meeting_id column: its rows are taken to be of meeting 'KHN-2019-1' ({OWN}, "
        "2019-09-29), named by the date '29 septembre 2019' in paragraph 2",
    )


def test_a_date_of_several_meetings_is_told_apart_by_the_commune_the_title_names():
    shared = hint("محضر لقاء 16 فبراير 2020")
    refused = shared.choose(BY_CODE, BY_DATE)
    assert refused.code is None
    assert "'KHN-2020-2'" in refused.message and "'TZK-2020-9'" in refused.message
    named = hint(f"جماعة {OWN}", "محضر لقاء 16 فبراير 2020").choose(BY_CODE, BY_DATE)
    assert named.code == "KHN-2020-2"
    # A code and the date of the same meeting agree; a code beside a date shared by
    # meetings of which it is one decides too.
    assert hint("TZK-2020-9 du 16/02/2020").choose(BY_CODE, BY_DATE).code == "TZK-2020-9"


def test_a_place_naming_two_meetings_decides_nothing_and_says_which():
    choice = hint("KHN-2019-1 et KHN-2020-2").choose(BY_CODE, BY_DATE)
    assert choice.code is None
    assert "paragraph 1 names more than one meeting" in choice.message
    assert "'KHN-2019-1'" in choice.message and "'KHN-2020-2'" in choice.message


def test_no_meeting_found_says_where_musharaka_looked_and_which_dates_matched_none():
    choice = hint("Vu la loi du 7 juillet 2015", "Compte rendu").choose(BY_CODE, BY_DATE)
    assert choice.code is None
    assert "in the title" in choice.message
    assert "('7 juillet 2015': the date of no meeting)" in choice.message


def test_a_complete_header_wins_over_a_recommendations_header_without_its_meeting():
    # recommendation_id, date and status: a status update, even beside a title and domain.
    head = [(1, ["recommendation_id", "date", "status", "title", "domain"])]
    assert find_layout(head, None, "x").table == "status_updates"
    partial = find_layout([(3, ["Code", "Domaine", "Recommandation"])], None, "x")
    assert (partial.table, partial.header_row) == ("recommendations", 3)
    assert "meeting_id" not in partial.columns.values()


def test_a_sheet_named_for_recommendations_still_says_which_header_is_missing():
    with pytest.raises(Exception, match=r"required column\(s\) domain \("):
        find_layout([(1, ["Code", "Recommandation"])], "recommendations", "f.xlsx [x]")


# --- reading a Word document -------------------------------------------------------------
def test_each_table_is_a_sheet_numbered_as_its_rows_merged_cells_read_once(tmp_path):
    path = word(
        tmp_path / "محضر.docx",
        ["محضر"],
        [
            ARABIC_HEAD,
            ["R1", "الصحة", "بناء مستوصف", "المجلس", ""],
            ["R2", "", "توفير سيارة إسعاف", "المجلس", ""],
            ["R3", "التعليم", "نقل مدرسي", "", ""],
        ],
        [["الاسم", "الصفة"], ["أحمد", "رئيس"]],
        rtl=True,
    )
    document = docx.Document(path)
    first = document.tables[0]
    first.cell(1, 1).merge(first.cell(2, 1))  # one domain beside R1 and R2
    first.cell(3, 2).merge(first.cell(3, 3))  # a title written across the responsible column
    document.save(path)
    rows = rows_of(path)
    assert list(rows) == ["table 1", "table 2"]
    numbered = [(n, [c.strip() if c else c for c in cells]) for n, cells in rows["table 1"]]
    assert numbered == [
        (1, ARABIC_HEAD),
        (2, ["R1", "الصحة", "بناء مستوصف", "المجلس", ""]),
        (3, ["R2", "الصحة", "توفير سيارة إسعاف", "المجلس", ""]),  # the merged domain, again
        (4, ["R3", "التعليم", "نقل مدرسي", None, ""]),  # the span's text once, not shifted
    ]


def test_a_row_starting_after_the_first_column_keeps_its_cells_in_their_columns(tmp_path):
    path = word(tmp_path / "m.docx", [], [FRENCH_HEAD, ["", "Santé", "Dispensaire", "", ""]])
    document = docx.Document(path)
    tr = document.tables[0].rows[1]._tr
    tr.remove(tr.tc_lst[0])  # Word's w:gridBefore: the row starts in the second column
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr.get_or_add_trPr().append(before)
    document.save(path)
    assert rows_of(path)["table 1"][1] == (2, [None, "Santé", "Dispensaire", "", ""])


def test_a_document_without_a_table_is_skipped_with_a_note(sqlite_engine, tmp_path):
    path = word(tmp_path / "lettre.docx", ["Monsieur le Président,", "Veuillez agréer..."])
    report = run_load(sqlite_engine, [path])
    assert report.rows_read == 0 and report.sources == []
    assert [w["message"] for w in report.warnings] == [
        "lettre.docx: a Word document without a table: nothing to load, skipped"
    ]


def zipped(**parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


def a_workbook() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "not a Word document (.docx): the file is not a zip archive"),
        (zipped(notes__a_txt="hello"), "not a Word document (.docx): the archive holds none"),
        (a_workbook(), "not a Word document (.docx): the archive holds none"),
    ],
    ids=["not a zip", "another archive", "a workbook renamed"],
)
def test_a_file_that_is_no_word_document_stops_the_load_with_why(
    sqlite_engine, tmp_path, content, message
):
    path = tmp_path / "محضر.docx"
    path.write_bytes(content)
    with pytest.raises(LoadError) as raised:
        run_load(sqlite_engine, [path])
    assert str(raised.value).startswith(f"محضر.docx: {message}")
    assert str(tmp_path) not in str(raised.value)  # no path of the machine in a message


def test_a_document_that_would_unpack_past_the_limit_is_refused_unopened(
    sqlite_engine, tmp_path, monkeypatch
):
    path = word(tmp_path / "m.docx", ["x" * 5000], [FRENCH_HEAD])
    monkeypatch.setattr(minutes, "MAX_DOCX_XML", 4096)
    with pytest.raises(LoadError, match=r"m\.docx: refused: the document would unpack to"):
        run_load(sqlite_engine, [path])


# --- loading minutes, on both databases --------------------------------------------------
def minutes_folder(folder: Path) -> Path:
    """A commune's folder: its meetings in a CSV, the minutes of two of them in Word, in
    Arabic (right to left, the meeting by its date) and in French (by its date in the
    document's title), neither table with a meeting column."""
    folder.mkdir()
    (folder / "réunions.csv").write_text(
        "meeting_id,commune,province,date,title\n"
        f"KHN-2020-2,{OWN},Taroudant,16/02/2020,اللقاء التواصلي الثاني\n"
        "TGZ-2024-1,Tighirt Ouzzal,Chtouka-Aït Baha,2024-03-10,Rencontre communicative\n",
        encoding="utf-8",
    )
    word(
        folder / "محضر اللقاء التواصلي.docx",
        [*LETTERHEAD, "محضر اللقاء التواصلي المنعقد يوم الأحد 16 فبراير 2020 بمقر الجماعة"],
        [
            ARABIC_HEAD,
            ["KHN-2020-2-R01", "الماء والتطهير", "ربط دوار أيت علي بشبكة الماء", "المجلس", ""],
            ["KHN-2020-2-R02", "الصحة", "توفير سيارة إسعاف", "المجلس", "31/12/2021"],
        ],
        [["الاسم", "الصفة", "التوقيع"], ["—", "رئيس المجلس", ""]],
        rtl=True,
        after=["وحرر بتاريخ 20 فبراير 2020"],
    )
    word(
        folder / "compte-rendu.docx",
        ["Commune de Tighirt Ouzzal", "Liste des recommandations retenues"],
        [
            FRENCH_HEAD,
            [
                "TGZ-2024-1-R01",
                "Éducation",
                "Ouvrir une crèche",
                "Conseil communal",
                "1er juin 2025",
            ],
            ["TGZ-2024-1-R02", "Santé", "Équiper le dispensaire", "Délégation", "30/06/2025"],
        ],
        title="Compte rendu de la rencontre communicative du 10 mars 2024",
    )
    return folder


def test_a_folder_of_word_minutes_loads_every_recommendation_from_the_command_line(
    db_url, engine, tmp_path
):
    folder = minutes_folder(tmp_path / "Commune")
    result = run_etl(["load", str(folder), "--report", str(tmp_path / "r.json")], db_url)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["committed"] and report["rejects"] == []
    assert report["tables"]["recommendations"]["inserted"] == 4
    files = {(f["file"], f["sheet"]): f["read"] for f in report["files"]}
    assert files[("محضر اللقاء التواصلي.docx", "table 1")] == 2
    assert files[("compte-rendu.docx", "table 1")] == 2
    messages = {
        (w["file"], w["sheet"], w["row"], w["column"]): w["message"] for w in report["warnings"]
    }
    assert messages[("محضر اللقاء التواصلي.docx", "table 1", 1, "meeting_id")] == (
        f"no meeting_id column: its rows are taken to be of meeting 'KHN-2020-2' ({OWN}, "
        "2020-02-16), named by the date '16 فبراير 2020' in paragraph 5"
    )
    assert "'TGZ-2024-1'" in messages[("compte-rendu.docx", "table 1", 1, "meeting_id")]
    assert "in the document's title" in messages[("compte-rendu.docx", "table 1", 1, "meeting_id")]
    # The signatures' table names people, not associations: skipped, and said so.
    skipped = messages[("محضر اللقاء التواصلي.docx", "table 2", None, "")]
    assert skipped.startswith("محضر اللقاء التواصلي.docx [table 2]: a table of names in a Word")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Association)).scalar() == 0
    assert recommendations(engine) == {
        "KHN-2020-2-R01": (
            "KHN-2020-2", "water_sanitation", "ربط دوار أيت علي بشبكة الماء", "المجلس", None
        ),
        "KHN-2020-2-R02": (
            "KHN-2020-2", "health", "توفير سيارة إسعاف", "المجلس", dt.date(2021, 12, 31)
        ),
        "TGZ-2024-1-R01": (
            "TGZ-2024-1", "education", "Ouvrir une crèche", "Conseil communal", dt.date(2025, 6, 1)
        ),
        "TGZ-2024-1-R02": (
            "TGZ-2024-1", "health", "Équiper le dispensaire", "Délégation", dt.date(2025, 6, 30)
        ),
    }  # fmt: skip
    # Loading the folder again changes nothing.
    again = run_etl(["load", str(folder), "--report", str(tmp_path / "r.json")], db_url)
    assert again.returncode == 0, again.stderr
    second = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert second["tables"]["recommendations"]["unchanged"] == 4


def test_rows_of_minutes_are_rejected_by_their_table_and_row_and_none_without_a_meeting(
    engine, tmp_path
):
    folder = minutes_folder(tmp_path / "Commune")
    path = folder / "محضر اللقاء التواصلي.docx"
    document = docx.Document(path)
    cells = document.tables[0].add_row().cells
    late = ["KHN-2020-2-R03", "التعليم", "نقل مدرسي", "", "2019-01-01"]  # before its meeting
    for cell, value in zip(cells, late, strict=True):
        cell.text = value
    document.save(path)
    word(
        folder / "sans-date.docx",
        ["Compte rendu", "Les associations présentes ont proposé :"],
        [FRENCH_HEAD, ["X-R1", "Santé", "Médecin", "", ""], ["X-R2", "Eau", "Puits", "", ""]],
    )
    report = run_load(engine, [folder], keep_cells=True)
    assert report.committed
    rejects = {
        (r["file"], r["sheet"], r["row"], r["column"], r["reason"]): r for r in report.rejects
    }
    assert set(rejects) == {
        ("محضر اللقاء التواصلي.docx", "table 1", 4, "target_date", "out_of_range"),
        ("sans-date.docx", "table 1", 2, "meeting_id", "missing_required"),
        ("sans-date.docx", "table 1", 3, "meeting_id", "missing_required"),
    }
    message = rejects[("sans-date.docx", "table 1", 2, "meeting_id", "missing_required")]["message"]
    assert message == (
        "no meeting_id column, and no meeting of this load or of the database is named (by its "
        "code or its date) in the rows above the table's header, the document's title or its "
        "first paragraphs: add a meeting_id column, or write the meeting's code or date there"
    )
    # The rejected rows keep their cells, to be corrected and loaded again.
    assert report.rejected_cells[("sans-date.docx", "table 1", 3)]["title"] == "Puits"
    assert set(recommendations(engine)) == {
        "KHN-2020-2-R01",
        "KHN-2020-2-R02",
        "TGZ-2024-1-R01",
        "TGZ-2024-1-R02",
    }
    assert report.balanced()


def test_a_date_in_the_minutes_finds_its_meeting_in_the_database_by_its_commune(
    sample_url, engine, tmp_path
):
    other = tmp_path / "other.csv"
    other.write_text(
        "meeting_id,commune,date\nTZK-2020-9,تيزكي الخير,2020-02-16\n", encoding="utf-8"
    )
    assert run_load(engine, [other]).committed
    table = [ARABIC_HEAD, ["KHN-2020-2-R90", "الصحة", "طبيب قار", "", ""]]
    title = "محضر اللقاء التواصلي ليوم 16 فبراير 2020"
    unnamed = word(tmp_path / "بدون جماعة.docx", [title], table, rtl=True)
    report = run_load(engine, [unnamed])
    (reject,) = report.rejects
    assert (reject["sheet"], reject["row"], reject["column"]) == ("table 1", 2, "meeting_id")
    assert "'KHN-2020-2'" in reject["message"] and "'TZK-2020-9'" in reject["message"]
    named = word(tmp_path / "محضر.docx", [*LETTERHEAD, title], table, rtl=True)
    report = run_load(engine, [named])
    assert report.committed and not report.rejects
    assert recommendations(engine)["KHN-2020-2-R90"][0] == "KHN-2020-2"


# --- a sheet per meeting -----------------------------------------------------------------
def test_a_workbook_with_a_sheet_per_meeting_takes_each_sheets_meeting(
    sample_url, engine, tmp_path
):
    workbook = openpyxl.Workbook()
    by_date = workbook.active
    by_date.title = "16-02-2020"  # Excel forbids '/' in a sheet's name
    by_date.append(["Code", "Domaine", "Recommandation"])
    by_date.append(["KHN-S-R1", "Santé", "Dispensaire"])
    by_code = workbook.create_sheet("KHN-2019-1")
    by_code.append(["Code", "Domaine", "Recommandation"])
    by_code.append(["KHN-S-R2", "Éducation", "Crèche"])
    titled = workbook.create_sheet("Feuil3")
    titled.append([f"Commune de {OWN}"])
    titled.append(["Rencontre du", dt.datetime(2022, 3, 13)])  # a date cell
    titled.append([])
    titled.append(["Code", "Domaine", "Recommandation"])
    titled.append(["KHN-S-R3", "Agriculture", "Puits"])
    arabic = workbook.create_sheet("التوصيات 29 شتنبر 2019")
    arabic.append(["رمز التوصية", "المجال", "التوصية"])
    arabic.append(["KHN-S-R4", "البيئة", "تشجير"])
    none = workbook.create_sheet("Feuil5")
    none.append(["Code", "Domaine", "Recommandation"])
    none.append(["KHN-S-R5", "Santé", "Ambulance"])
    workbook.save(tmp_path / "par réunion.xlsx")
    # A text file's name stands for its sheet's.
    (tmp_path / "KHN-2024-4.csv").write_text(
        "Code,Domaine,Recommandation\nKHN-S-R6,Santé,Médecin\n", encoding="utf-8"
    )
    report = run_load(engine, [tmp_path / "par réunion.xlsx", tmp_path / "KHN-2024-4.csv"])
    assert report.committed
    loaded = {code: m for code, (m, *_) in recommendations(engine).items() if "-S-" in code}
    assert loaded == {
        "KHN-S-R1": "KHN-2020-2",
        "KHN-S-R2": "KHN-2019-1",
        "KHN-S-R3": "KHN-2022-3",
        "KHN-S-R4": "KHN-2019-1",
        "KHN-S-R6": "KHN-2024-4",
    }
    warned = {w["sheet"]: w["message"] for w in report.warnings if w["column"] == "meeting_id"}
    assert "named by the date '16-02-2020' in the sheet's name" in warned["16-02-2020"]
    assert "named by its code 'KHN-2019-1' in the sheet's name" in warned["KHN-2019-1"]
    assert "named by the date '2022-03-13' in row 2" in warned["Feuil3"]
    assert "in the file's name" in warned[""]
    (reject,) = report.rejects
    assert (reject["sheet"], reject["row"], reject["reason"]) == ("Feuil5", 2, "missing_required")
    assert "in the sheet's name or the rows above its header" in reject["message"]


# --- the Upload page -------------------------------------------------------------------------
def test_minutes_uploaded_in_the_page_are_checked_then_loaded(
    sample_url, engine, monkeypatch, tmp_path
):
    monkeypatch.setenv("MUSHARAKA_UPLOAD_DIR", str(tmp_path / "uploads"))
    editor = add_user(sample_url, "said", "editor", communes=(OWN,))
    path = word(
        tmp_path / "m.docx",
        [*LETTERHEAD, "محضر اللقاء التواصلي المنعقد يوم 16 فبراير 2020"],
        [ARABIC_HEAD, ["KHN-2020-2-R91", "الصحة", "طبيب قار", "", ""]],
        rtl=True,
    )
    app = run_page("pages/8_Upload.py", sample_url, monkeypatch, lang="ar", user=editor)
    assert ".docx" in app.file_uploader(key="upload_files").allowed_type
    app.file_uploader(key="upload_files").set_value([("محضر.docx", path.read_bytes(), DOCX)])
    app.run()
    assert not app.exception, app.exception
    shown = [d.value for d in app.dataframe]
    warnings = next(d for d in shown if t("data_status_message", "ar") in d.columns)
    assert any("'KHN-2020-2'" in m for m in warnings[t("data_status_message", "ar")])
    assert not any("KHN-2020-2-R91" in c for c in recommendations(engine))
    confirm = next(b for b in app.button if b.label == t("upload_confirm", "ar"))
    confirm.click()
    app.run()
    assert not app.exception, app.exception
    assert recommendations(engine)["KHN-2020-2-R91"][0] == "KHN-2020-2"


def test_the_rejects_of_minutes_download_to_be_corrected(sample_url, engine, tmp_path):
    path = word(
        tmp_path / "m.docx", ["Compte rendu"], [FRENCH_HEAD, ["Z-R1", "Santé", "Médecin", "", ""]]
    )
    from musharaka.services import uploads

    report = run_load(engine, [path], keep_cells=True, dry_run=True)
    workbook = openpyxl.load_workbook(io.BytesIO(uploads.rejects_xlsx(report, "fr")))
    sheet = workbook.worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("table 1" in row and "Médecin" in row for row in values)


def test_a_secretary_folder_of_every_kind_loads_every_recommendation(db_url, engine, tmp_path):
    """The folder an office keeps: an Excel 97-2003 .xls, a LibreOffice .ods, a .xlsx whose
    meeting codes are merged down their rows, an .xlsb, Word minutes in Arabic and French,
    and a PDF: every recommendation of every file loads, and the PDF is named as skipped."""
    import workbook_files as wb

    folder = minutes_folder(tmp_path / "Commune")
    wb.write_folder(folder)
    (folder / "photos.pdf").write_bytes(b"%PDF-1.4\n")
    result = run_etl(["load", str(folder), "--report", str(tmp_path / "r.json")], db_url)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["committed"] and report["rejects"] == []
    from_workbooks = {code for rows in wb.EXPECTED.values() for code in rows}
    loaded = set(recommendations(engine))
    assert from_workbooks | {"KHN-2020-2-R01", "KHN-2020-2-R02"} <= loaded
    assert len(loaded) == len(from_workbooks) + 4  # and the French minutes' two
    assert [s["file"] for s in report["skipped"]] == ["photos.pdf"]
    assert "photos.pdf: skipped" in result.stdout
