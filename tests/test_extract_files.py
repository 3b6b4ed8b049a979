"""Files as people really save them: every encoding, delimiter and layout the data contract
lists, written to disk by the test and loaded end to end.

Each case asserts what a user sees: the load report's counts, the exact place of every
rejected row (the row number the spreadsheet shows), and the text as it was typed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

from conftest import run_etl
from etl.delimited import split_lines
from etl.export import collect
from etl.load import LoadError
from etl.report import OUTCOMES

# --- The same small data set in French and in Arabic ---------------------------------
# Rows as a secretary types them. The meetings file opens with a title and a blank line
# above its header; the recommendations have headers with surrounding spaces and blank
# trailing columns, as Excel saves them; the follow-up has a blank row and one impossible
# date (31 February).
# fmt: off
FRENCH = {
    "meetings": [
        ["Commune de Khnafif - rencontres communicatives"],
        [],
        ["Code réunion", "Commune", "Province", "Date de la réunion", "Intitulé"],
        ["KHN-1", "Khnafif", "Taroudant", "29/09/2019", "Première rencontre communicative"],
        ["KHN-2", "Khnafif", "Taroudant", "16 février 2020", "Deuxième édition, élaboration"],
    ],
    "recommendations": [
        [" Code recommandation ", "Code réunion", "Domaine", "Recommandation", " Statut ",
         "Avancement", "", ""],
        ["KHN-1-R1", "KHN-1", "Routes et transport", "Aménager la piste du douar Aït Ali",
         "en cours", "30%", "", ""],
        ["KHN-1-R2", "KHN-1", "Eau et assainissement",
         "Généraliser l'eau potable aux écoles; puis aux douars", "réalisée", "", "", ""],
        ["KHN-2-R1", "KHN-2", "Électricité et éclairage public", "Éclairer la place centrale",
         "programmée", "", "", ""],
    ],
    "status_updates": [
        ["Code recommandation", "Date de mise à jour", "Statut", "Avancement", "Commentaire"],
        ["KHN-1-R1", "15/01/2020", "en cours", "45 %", "Travaux lancés, entreprise choisie"],
        ["KHN-1-R2", "2020-03-01", "achevée", "100", "Réception provisoire"],
        [],
        ["KHN-2-R1", "01.06.2020", "en cours", "20", "Appel d'offres publié"],
        ["KHN-2-R1", "31/02/2020", "en cours", "25", "Date impossible"],
        ["KHN-1-R1", "10 mars 2020", "réalisé", "100", "Piste ouverte à la circulation"],
    ],
}
ARABIC = {
    "meetings": [
        ["جماعة الخنافيف - اللقاءات التواصلية"],
        [],
        ["رمز اللقاء", "الجماعة", "الإقليم", "تاريخ اللقاء", "الموضوع"],
        ["KHN-1", "الخنافيف", "تارودانت", "29/09/2019", "اللقاء التواصلي الأول مع الجمعيات"],
        ["KHN-2", "الخنافيف", "تارودانت", "16 فبراير 2020", "النسخة الثانية، تنزيل المخرجات"],
    ],
    "recommendations": [
        [" رمز التوصية ", "رمز اللقاء", "المجال", "التوصية", " الحالة ", "نسبة الإنجاز", "", ""],
        ["KHN-1-R1", "KHN-1", "الطرق والنقل", "تهيئة المسلك الرابط بين دوار أيت علي والطريق",
         "في طور الإنجاز", "30%", "", ""],
        ["KHN-1-R2", "KHN-1", "الماء والتطهير",
         "تعميم الماء الصالح للشرب على المدارس؛ ثم الدواوير", "منجزة", "", "", ""],
        ["KHN-2-R1", "KHN-2", "الكهرباء والإنارة العمومية", "إنارة الساحة المركزية",
         "مبرمجة", "", "", ""],
    ],
    "status_updates": [
        ["رمز التوصية", "تاريخ التحيين", "الحالة", "نسبة الإنجاز", "ملاحظة"],
        ["KHN-1-R1", "15/01/2020", "في طور الإنجاز", "45 %", "انطلاق الأشغال، تم اختيار المقاولة"],
        ["KHN-1-R2", "2020-03-01", "تم الإنجاز", "100", "تسلم مؤقت"],
        [],
        ["KHN-2-R1", "01.06.2020", "جارية", "20", "نشر طلب العروض"],
        ["KHN-2-R1", "31/02/2020", "جارية", "25", "تاريخ غير موجود"],
        ["KHN-1-R1", "10 مارس 2020", "منجز", "100", "فتح المسلك في وجه السير"],
    ],
}
# fmt: on
# File names announce the table, in the language of the file.
FILE_STEMS = {
    "fr": {"meetings": "reunions", "recommendations": "recommandations", "status_updates": "suivi"},
    "ar": {"meetings": "اللقاءات", "recommendations": "التوصيات", "status_updates": "التتبع"},
}
DATASETS = {"fr": FRENCH, "ar": ARABIC}


def tally(read: int, **outcomes: int) -> dict[str, int]:
    """A row of the report's counts: rows read and how many ended in each outcome."""
    return {"read": read, **{o: outcomes.get(o, 0) for o in OUTCOMES}}


# What every variant must load to.
EXPECTED_COUNTS = {
    "meetings": tally(2, inserted=2),
    "recommendations": tally(3, inserted=3),
    "status_updates": tally(5, inserted=4, rejected=1),
}
EXPECTED_STATES = {  # recommendation -> (current status, current progress)
    "KHN-1-R1": ("completed", 100),
    "KHN-1-R2": ("completed", 100),
    "KHN-2-R1": ("in_progress", 20),
}
EXPECTED_DATES = {"KHN-1": "2019-09-29", "KHN-2": "2020-02-16"}


def encode(text: str, encoding: str) -> bytes:
    """The bytes a given program writes: BOMs are written the way Excel writes them."""
    if encoding == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)


def write_delimited(
    path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(encode(buffer.getvalue(), encoding))
    return path


def write_dataset(
    folder: Path, language: str, encoding: str, delimiter: str, suffix: str
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_delimited(
            folder / f"{FILE_STEMS[language][table]}{suffix}", rows, encoding, delimiter
        )
        for table, rows in DATASETS[language].items()
    ]


def exported(engine) -> dict[str, list[dict]]:
    with engine.connect() as conn:
        return collect(conn)


def by_id(records: list[dict], key: str) -> dict[str, dict]:
    return {r[key]: r for r in records}


def counts(report) -> dict[str, dict[str, int]]:
    return {t: dict(c) for t, c in report.as_dict()["tables"].items()}


def reject_places(report) -> list[tuple]:
    return [
        (r["file"], r["sheet"], r["row"], r["table"], r["column"], r["reason"])
        for r in report.as_dict()["rejects"]
    ]


def assert_dataset_loaded(engine, report, language: str, suffix: str) -> None:
    assert report.committed
    assert counts(report) == EXPECTED_COUNTS
    status_file = f"{FILE_STEMS[language]['status_updates']}{suffix}"
    # Header is row 1, the blank line is row 4: the 31 February is on row 6.
    assert reject_places(report) == [(status_file, "", 6, "status_updates", "date", "bad_date")]
    data = exported(engine)
    meetings = by_id(data["meetings"], "meeting_id")
    recommendations = by_id(data["recommendations"], "recommendation_id")
    source = DATASETS[language]
    # Text comes back exactly as typed: the encoding was read right.
    assert {m: meetings[m]["date"].isoformat() for m in meetings} == EXPECTED_DATES
    assert [meetings[r[0]]["title"] for r in source["meetings"][3:]] == [
        r[4] for r in source["meetings"][3:]
    ]
    assert {r[0]: recommendations[r[0]]["title"] for r in source["recommendations"][1:]} == {
        r[0]: r[3] for r in source["recommendations"][1:]
    }
    # A commune of the reference list is kept by its official name, in the file's script.
    written = source["meetings"][3][1]
    assert meetings["KHN-1"]["commune"] == {"Khnafif": "Lakhnafif"}.get(written, written)
    assert {
        code: (r["status"], r["progress"]) for code, r in recommendations.items()
    } == EXPECTED_STATES
    assert recommendations["KHN-1-R1"]["initial_progress"] == 30
    notes = sorted(u["note"] for u in data["status_updates"])
    assert notes == sorted(r[4] for r in source["status_updates"][1:] if r and r[1] != "31/02/2020")


ENCODINGS = [
    pytest.param("utf-8", "fr", id="utf8-fr"),
    pytest.param("utf-8", "ar", id="utf8-ar"),
    pytest.param("utf-8-sig", "fr", id="utf8bom-fr"),
    pytest.param("utf-8-sig", "ar", id="utf8bom-ar"),
    pytest.param("utf-16-le-bom", "fr", id="utf16le-fr"),
    pytest.param("utf-16-le-bom", "ar", id="utf16le-ar"),
    pytest.param("utf-16-be-bom", "fr", id="utf16be-fr"),
    pytest.param("utf-16-be-bom", "ar", id="utf16be-ar"),
    pytest.param("cp1256", "ar", id="cp1256-ar"),
    pytest.param("cp1252", "fr", id="cp1252-fr"),
]
DELIMITERS = [
    pytest.param(",", ".csv", id="comma-csv"),
    pytest.param(";", ".csv", id="semicolon-csv"),
    pytest.param("\t", ".csv", id="tab-csv"),
    pytest.param("\t", ".tsv", id="tab-tsv"),
    pytest.param("\t", ".txt", id="tab-txt"),
    pytest.param(";", ".txt", id="semicolon-txt"),
    pytest.param(",", ".txt", id="comma-txt"),
]


@pytest.mark.parametrize(("delimiter", "suffix"), DELIMITERS)
@pytest.mark.parametrize(("encoding", "language"), ENCODINGS)
def test_every_encoding_and_delimiter_loads_the_same_rows(
    sqlite_engine, load, tmp_path, encoding, language, delimiter, suffix
):
    files = write_dataset(tmp_path / "in", language, encoding, delimiter, suffix)
    report = load(sqlite_engine, *files)
    assert_dataset_loaded(sqlite_engine, report, language, suffix)


def test_arabic_windows_semicolon_csv(sqlite_engine, load, tmp_path):
    """Excel on an Arabic Windows, "CSV (point-virgule)": Windows-1256, ';', CRLF."""
    rows = [
        # Headers with tatweel, tashkeel and hamza variants: the same columns.
        ["رَمْز التوصية", "رمز اللقاء", "المجــال", "التوصية", "الحالة", "نسبة الانجاز"],
        ["KHN-1-R1", "KHN-1", "الطرق والنقل", "تهيئة المسلك", "في طور الإنجاز", "30"],
        ["KHN-1-R2", "KHN-1", "الماء والتطهير", "ربط المدارس بالماء، ثم الدواوير", "منجزة", ""],
        ["KHN-1-R3", "KHN-1", "الصحة", "توفير سيارة إسعاف", "حالة غير معروفة", ""],
        ["KHN-1-R4", "KHN-9", "التعليم", "بناء قاعة متعددة الوسائط", "مبرمجة", ""],
    ]
    meetings = [
        ["رمز اللقاء", "الجماعة", "تاريخ اللقاء"],
        ["KHN-1", "الخنافيف", "29/09/2019"],
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    meetings_file = write_delimited(folder / "لقاءات.csv", meetings, "cp1256", ";")
    path = write_delimited(folder / "توصيات الخنافيف.csv", rows, "cp1256", ";")
    assert b"\xef\xbb\xbf" not in path.read_bytes()  # really Windows-1256, no BOM
    report = load(sqlite_engine, meetings_file, path)
    assert counts(report)["recommendations"] == tally(4, inserted=2, rejected=2)
    assert reject_places(report) == [
        ("توصيات الخنافيف.csv", "", 4, "recommendations", "status", "unknown_value"),
        ("توصيات الخنافيف.csv", "", 5, "recommendations", "meeting_id", "unknown_reference"),
    ]
    recommendations = by_id(exported(sqlite_engine)["recommendations"], "recommendation_id")
    assert recommendations["KHN-1-R2"]["title"] == "ربط المدارس بالماء، ثم الدواوير"
    assert recommendations["KHN-1-R2"]["domain"] == "water_sanitation"
    assert exported(sqlite_engine)["meetings"][0]["commune"] == "الخنافيف"


def test_excel_unicode_text_utf16_tab(sqlite_engine, load, tmp_path):
    """Excel's "Unicode text (*.txt)": UTF-16 LE with a BOM, tab-separated, CRLF."""
    rows = [
        ["رمز اللقاء", "الجماعة", "الإقليم", "تاريخ اللقاء", "عدد المشاركين", "الجمعيات"],
        ["TLZ-1", "تالة أوزرو", "تيزنيت", "١٦/٠٢/٢٠٢٠", "٤٥", "جمعية الأمل؛ جمعية النور"],
        ["TLZ-2", "تالة أوزرو", "تيزنيت", "٢٠٢١-٠٣-٠١", "-3", ""],
        ["TLZ-3", "تالة أوزرو", "تيزنيت", "", "12", ""],
        ["TLZ-4", "تالة أوزرو", "تيزنيت", "١ مارس ٢٠٢١", "كثير", ""],
    ]
    path = write_delimited(tmp_path / "meetings export.txt", rows, "utf-16-le-bom", "\t")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    report = load(sqlite_engine, path)
    assert counts(report)["meetings"] == tally(4, inserted=1, rejected=3)
    assert reject_places(report) == [
        ("meetings export.txt", "", 3, "meetings", "participants", "out_of_range"),
        ("meetings export.txt", "", 4, "meetings", "date", "missing_required"),
        ("meetings export.txt", "", 5, "meetings", "participants", "bad_number"),
    ]
    (meeting,) = exported(sqlite_engine)["meetings"]
    assert meeting["date"] == dt.date(2020, 2, 16)
    assert meeting["participants"] == 45
    assert meeting["commune"] == "تالة أوزرو"
    assert meeting["associations"] == ["جمعية الأمل", "جمعية النور"]


# --- xlsx ----------------------------------------------------------------------------
def fill(sheet, rows: dict[int, list]) -> None:
    """Cells by row number: rows left out stay blank, as in the sheet a person made."""
    for number, values in rows.items():
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)


def write_workbook(path: Path) -> Path:
    """A French commune's workbook: a title row, blank rows, native and serial dates and
    progress cells formatted as percentages."""
    workbook = openpyxl.Workbook()
    meetings = workbook.active
    meetings.title = "Réunions"
    # fmt: off
    fill(meetings, {
        1: ["Commune de Tighirt - Rencontres communicatives 2020"],
        3: ["Code réunion", "Commune", "Province", "Date", "Participants"],
        4: ["TGZ-1", "Tighirt", "Chtouka-Aït Baha", dt.datetime(2020, 2, 16), 40],
        5: ["TGZ-2", "Tighirt", "Chtouka-Aït Baha", 44094, 25],  # serial of 2020-09-20
        7: ["TGZ-3", "Tighirt", "Chtouka-Aït Baha", "31/02/2020", 30],
    })
    recommendations = workbook.create_sheet("Recommandations")
    fill(recommendations, {
        1: ["Liste des recommandations"],
        2: ["Code", "Réunion", "Domaine", "Titre", "Statut", "Avancement", "Échéance"],
        3: ["TGZ-1-R1", "TGZ-1", "Santé", "Équiper le dispensaire", "en cours", 0.45,
            dt.datetime(2021, 6, 15)],
        4: ["TGZ-1-R2", "TGZ-1", "Éducation", None, "programmée", None, None],
        # A serial date as a float, the way Excel stores every number (2021-06-15).
        6: ["TGZ-2-R1", "TGZ-2", "Agriculture", "Former les coopératives", "en cours", 0.3,
            44362.0],
        7: ["TGZ-3-R1", "TGZ-3", "Environnement", "Planter des arganiers", "programmée", None,
            None],
    })
    follow_up = workbook.create_sheet("Suivi")
    fill(follow_up, {
        1: ["Code", "Date", "Statut", "Avancement", "Commentaire"],
        2: ["TGZ-1-R1", 44256, "en cours", 0.6, "Matériel livré"],  # serial of 2021-03-01
        3: ["TGZ-2-R1", dt.datetime(2021, 3, 1), "achevée", None, "Formation terminée"],
        4: ["TGZ-1-R2", dt.datetime(2021, 3, 1), "en cours", 10, "Ligne d'une reco rejetée"],
        5: ["TGZ-1-R1", dt.datetime(2021, 4, 1), "peut-être", 70, "Statut inconnu"],
    })
    # fmt: on
    for cell in ("F3", "F6"):
        recommendations[cell].number_format = "0%"
    follow_up["D2"].number_format = "0%"
    workbook.save(path)
    return path


def test_xlsx_title_rows_blank_rows_dates_and_percent_cells(sqlite_engine, load, tmp_path):
    path = write_workbook(tmp_path / "Commune Tighirt.xlsx")
    report = load(sqlite_engine, path)
    assert report.committed
    assert counts(report) == {
        "meetings": tally(3, inserted=2, rejected=1),
        "recommendations": tally(4, inserted=2, rejected=2),
        "status_updates": tally(4, inserted=2, rejected=2),
    }
    # Row numbers are those Excel shows in its margin: title and blank rows count.
    book = "Commune Tighirt.xlsx"
    assert reject_places(report) == [
        (book, "Recommandations", 4, "recommendations", "title", "missing_required"),
        (book, "Recommandations", 7, "recommendations", "meeting_id", "unknown_reference"),
        (book, "Réunions", 7, "meetings", "date", "bad_date"),
        (book, "Suivi", 4, "status_updates", "recommendation_id", "unknown_reference"),
        (book, "Suivi", 5, "status_updates", "status", "unknown_value"),
    ]
    files = {(f["sheet"], f["table"]): f["read"] for f in report.as_dict()["files"]}
    assert files == {
        ("Réunions", "meetings"): 3,
        ("Recommandations", "recommendations"): 4,
        ("Suivi", "status_updates"): 4,
    }
    data = exported(sqlite_engine)
    meetings = by_id(data["meetings"], "meeting_id")
    assert meetings["TGZ-1"]["date"] == dt.date(2020, 2, 16)  # a native date
    assert meetings["TGZ-2"]["date"] == dt.date(2020, 9, 20)  # an Excel serial number
    assert meetings["TGZ-1"]["participants"] == 40
    recommendations = by_id(data["recommendations"], "recommendation_id")
    assert set(recommendations) == {"TGZ-1-R1", "TGZ-2-R1"}
    # A cell showing 45% holds 0.45: it means 45, not 0.45.
    assert recommendations["TGZ-1-R1"]["initial_progress"] == 45
    assert recommendations["TGZ-2-R1"]["initial_progress"] == 30
    assert recommendations["TGZ-1-R1"]["target_date"] == dt.date(2021, 6, 15)
    assert recommendations["TGZ-2-R1"]["target_date"] == dt.date(2021, 6, 15)
    assert (recommendations["TGZ-1-R1"]["status"], recommendations["TGZ-1-R1"]["progress"]) == (
        "in_progress",
        60,
    )
    assert (recommendations["TGZ-2-R1"]["status"], recommendations["TGZ-2-R1"]["progress"]) == (
        "completed",
        100,
    )
    updates = {(u["recommendation_id"], u["date"]) for u in data["status_updates"]}
    assert updates == {("TGZ-1-R1", dt.date(2021, 3, 1)), ("TGZ-2-R1", dt.date(2021, 3, 1))}
    warned = {(w["sheet"], w["row"]) for w in report.as_dict()["warnings"]}
    assert ("Recommandations", 3) not in warned  # a percent cell is no doubtful fraction


# --- Files that cannot be read --------------------------------------------------------
BINARY_FILES = [
    pytest.param(bytes(range(256)) * 8, id="every-byte"),
    pytest.param(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 2000 + b"\xff" * 500, id="xls"),
    pytest.param(b"\x00" * 1000, id="all-nul"),
]


@pytest.mark.parametrize("content", BINARY_FILES)
def test_a_file_in_no_known_encoding_is_refused(sqlite_engine, load, tmp_path, content):
    good = write_delimited(tmp_path / "meetings.csv", FRENCH["meetings"][2:])
    binary = tmp_path / "recommandations.csv"
    binary.write_bytes(content)
    with pytest.raises(LoadError) as raised:
        load(sqlite_engine, good, binary)
    message = str(raised.value)
    assert "recommandations.csv" in message
    assert "encoding" in message
    assert exported(sqlite_engine)["meetings"] == []  # the good file was not loaded either


def test_cli_refuses_a_binary_file_with_exit_1(tmp_path):
    binary = tmp_path / "suivi.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    report_path = tmp_path / "report.json"
    database_url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = run_etl(["load", str(binary), "--report", str(report_path)], database_url)
    assert result.returncode == 1, result.stderr
    assert "suivi.csv" in result.stderr
    assert "known encoding" in result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["committed"] is False
    assert "suivi.csv" in report["error"]


# --- Folders -------------------------------------------------------------------------
def test_a_folder_loads_every_supported_file_in_it(sqlite_engine, load, tmp_path):
    folder = tmp_path / "commune"
    folder.mkdir()
    write_delimited(folder / "reunions.csv", FRENCH["meetings"], "cp1252", ";")
    write_delimited(folder / "recommandations.tsv", FRENCH["recommendations"], "utf-8", "\t")
    write_delimited(folder / "suivi.txt", FRENCH["status_updates"], "utf-16-le-bom", "\t")
    write_workbook(folder / "Tighirt.xlsx")
    # What else lies in such a folder: none of it is a data file.
    (folder / "README.md").write_text("# notes\n", encoding="utf-8")
    (folder / "compte-rendu.pdf").write_bytes(b"%PDF-1.4 not a data file")
    (folder / "~$Tighirt.xlsx").write_bytes(b"\x00lock file of an open workbook")
    report = load(sqlite_engine, folder)
    assert report.committed
    loaded = sorted(
        (f["file"], f["sheet"], f["table"], f["read"]) for f in report.as_dict()["files"]
    )
    assert loaded == [
        ("Tighirt.xlsx", "Recommandations", "recommendations", 4),
        ("Tighirt.xlsx", "Réunions", "meetings", 3),
        ("Tighirt.xlsx", "Suivi", "status_updates", 4),
        ("recommandations.tsv", "", "recommendations", 3),
        ("reunions.csv", "", "meetings", 2),
        ("suivi.txt", "", "status_updates", 5),
    ]
    assert {t: c["inserted"] for t, c in counts(report).items()} == {
        "meetings": 4,
        "recommendations": 5,
        "status_updates": 6,
    }
    meetings = {m["meeting_id"] for m in exported(sqlite_engine)["meetings"]}
    assert meetings == {"KHN-1", "KHN-2", "TGZ-1", "TGZ-2"}


def test_a_folder_with_no_data_file_is_an_error(sqlite_engine, load, tmp_path):
    (tmp_path / "notes.md").write_text("nothing here", encoding="utf-8")
    with pytest.raises(LoadError, match="no file to load"):
        load(sqlite_engine, tmp_path)


def test_rows_are_numbered_as_the_spreadsheet_shows_them(sqlite_engine, load, tmp_path):
    """A cell with line breaks is one spreadsheet row, however many lines it takes in the
    file; a sheet that is not named for its table is recognised by its headers."""
    meetings = write_delimited(
        tmp_path / "export (3).csv",
        [
            ["Code réunion", "Commune", "Date", "Résumé"],
            ["KHN-1", "Khnafif", "29/09/2019", "Ligne 1\nLigne 2\nLigne 3"],
            ["KHN-2", "Khnafif", "32/09/2019", "Date impossible"],
        ],
        "utf-8",
        ";",
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Feuil1"
    fill(sheet, {
        2: ["Code", "Code réunion", "Domaine", "Titre"],
        3: ["KHN-1-R1", "KHN-1", "Santé", "Ambulance\npour le douar"],
        4: ["KHN-1-R2", "KHN-1", "Santé", None],
    })  # fmt: skip
    workbook.save(tmp_path / "Classeur1.xlsx")
    report = load(sqlite_engine, meetings, tmp_path / "Classeur1.xlsx")
    assert reject_places(report) == [
        ("Classeur1.xlsx", "Feuil1", 4, "recommendations", "title", "missing_required"),
        ("export (3).csv", "", 3, "meetings", "date", "bad_date"),
    ]
    data = exported(sqlite_engine)
    assert data["meetings"][0]["summary"] == "Ligne 1\nLigne 2\nLigne 3"
    assert data["recommendations"][0]["title"] == "Ambulance\npour le douar"


def test_the_delimiter_of_a_long_file_is_found_from_its_first_lines(tmp_path):
    # Only the head of a file is looked at (splitting 50 MB into lines cost seconds).
    from etl.delimited import SNIFF_CHARACTERS, sniff_delimiter

    line = "R{n};M1;santé;Réaliser, enfin, la piste n° {n}, et la suite;in_progress;40\n"
    lines = "".join(line.format(n=n) for n in range(20_000))
    text = "recommendation_id;meeting_id;domain;title;status;progress\n" + lines
    assert len(text) > 10 * SNIFF_CHARACTERS
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter(text[: SNIFF_CHARACTERS + 7]) == ";"  # cut inside a line
    assert sniff_delimiter("a,b,c\n1,2,3\n" * 10_000) == ","
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n" * 10_000) == "\t"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a",
        "a,b\n",
        "a\r\nb",
        "a\rb\r",
        "\n\n\r\r\n",
        "\u0628\u0626\u0631\u2028\u0637\u0631\u064a\u0642\x0b\x1c\x85\n",  # not line ends in CSV
        "a\n\rb",
        "\r",
        'é,"two\nlines"\r\n,last',
    ],
)
def test_a_texts_lines_are_those_the_csv_module_is_given_by_a_file(text):
    """A text file's lines are split as a file opened with newline="" splits them (the
    csv module's rule), without copying the whole text into a StringIO first."""
    assert split_lines(text) == io.StringIO(text, newline="").readlines()
