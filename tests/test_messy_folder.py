"""The "done when" scenario: a commune's folder of real-world files, each saved its own way,
with good and bad rows across them. One command loads every good row, rejects every bad
one with where and why, and does nothing else.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import docx
import openpyxl
from sqlalchemy import select
from sqlalchemy.orm import Session

from conftest import run_etl
from musharaka.models import LoadReject, Meeting, Recommendation, StatusUpdate

ARABIC_CSV = "الخنافيف - التوصيات.csv"
BOM_CSV = "meetings_bom.csv"
UNICODE_TEXT = "suivi 2021.txt"
WORKBOOK = "Commune de Tighirt.xlsx"
MINUTES = "compte rendu.docx"


def delimited(rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


# fmt: off
def write_messy_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)

    # Excel on an Arabic Windows: recommendations, Windows-1256, semicolons.
    (folder / ARABIC_CSV).write_bytes(delimited([
        ["رمز التوصية", "رمز اللقاء", "المجال", "التوصية", "الأولوية", "الميزانية", "الحالة",
         "نسبة الإنجاز"],
        ["KHN-1-R1", "KHN-1", "الطرق والنقل", "تهيئة المسلك الرابط بين الدواوير", "عالية",
         "1 200 000 درهم", "في طور الإنجاز", "30%"],
        ["KHN-1-R2", "KHN-1", "", "تعميم الماء الصالح للشرب", "", "", "مبرمجة", ""],
        ["KHN-1-R3", "KHN-9", "الصحة", "توفير سيارة إسعاف", "", "", "مبرمجة", ""],
        ["KHN-1-R4", "KHN-1", "التعليم", "النقل المدرسي", "", "-500", "مبرمجة", ""],
        [],
        ["KHN-2-R1", "KHN-2", "الكهرباء والإنارة العمومية", "إنارة الساحة المركزية", "متوسطة",
         "250000", "مبرمجة", ""],
        ["KHN-3-R1", "KHN-3", "الماء والتطهير", "حفر بئر", "", "", "مبرمجة", ""],
    ], ";").encode("cp1256"))

    # Meetings kept by a provincial officer: UTF-8 with a BOM, commas, English headers.
    (folder / BOM_CSV).write_bytes(delimited([
        ["Meeting code", "Municipality", "Province", "Meeting date", "Title", "Participants"],
        ["KHN-1", "Khnafif", "Taroudant", "29/09/2019", "First communicative meeting", "85"],
        ["KHN-2", "Khnafif", "Taroudant", "16/02/2020", "Second edition, workshops", "120"],
        ["KHN-3", "Khnafif", "Taroudant", "31/02/2021", "Third meeting", ""],
        ["KHN-4", "", "Taroudant", "01/03/2022", "Fourth meeting", ""],
    ], ",").encode("utf-8-sig"))

    # The follow-up saved as Excel's "Unicode text": UTF-16 LE with a BOM, tabs.
    (folder / UNICODE_TEXT).write_bytes(b"\xff\xfe" + delimited([
        ["Code recommandation", "Date", "Statut", "Avancement", "Commentaire"],
        ["KHN-1-R1", "15/01/2021", "en cours", "45 %", "Travaux lancés"],
        ["KHN-1-R1", "10/06/2021", "réalisée", "", "Piste ouverte"],
        ["KHN-2-R1", "01/03/2021", "peut-être", "10", ""],
        ["KHN-2-R1", "01/04/2021", "en cours", "120", ""],
        ["KHN-1-R4", "01/04/2021", "en cours", "10", ""],
        ["TGZ-1-R1", "٠١/٠٥/٢٠٢١", "في طور الإنجاز", "٦٠٪", "تسلم المعدات"],
        ["TGZ-1-R1", "demain", "en cours", "70", ""],
    ], "\t").encode("utf-16-le"))

    # A French commune's workbook: a title row, blank rows, a notes sheet, percent cells.
    workbook = openpyxl.Workbook()
    meetings = workbook.active
    meetings.title = "Réunions"
    fill(meetings, {
        1: ["Commune de Tighirt - Rencontres 2020-2021"],
        3: ["Code réunion", "Commune", "Province", "Date de la réunion",
            "Nombre de participants", "Associations"],
        4: ["TGZ-1", "Tighirt", "Chtouka-Aït Baha", dt.datetime(2020, 10, 5), 60,
            "Association Al Amal; Association Tifaout"],
        5: ["TGZ-2", "Tighirt", "Chtouka-Aït Baha", 44256, "beaucoup", None],
        7: ["TGZ-3", "Tighirt", "Chtouka-Aït Baha", dt.datetime(2021, 6, 1), 35, None],
    })
    recommendations = workbook.create_sheet("Recommandations")
    fill(recommendations, {
        1: ["Recommandations issues des rencontres"],
        2: ["Code", "Réunion", "Domaine", "Titre", "Statut", "Avancement", "Budget"],
        3: ["TGZ-1-R1", "TGZ-1", "Santé", "Équiper le dispensaire", "en cours", 0.45,
            "80 000 DH"],
        4: ["TGZ-1-R2", "TGZ-1", "Tourisme rural", "Aménager un gîte d'étape", "programmée",
            None, None],
        5: ["TGZ-1-R1", "TGZ-1", "Santé", "Équiper et agrandir le dispensaire", "en cours",
            0.45, "80 000 DH"],
        6: ["TGZ-3-R1", "TGZ-3", "Agriculture", "Former les coopératives", "achevée", 0.8, None],
        7: ["TGZ-2-R1", "TGZ-2", "Éducation", "Ouvrir une crèche", "programmée", None, None],
    })
    for cell in ("F3", "F5", "F6"):
        recommendations[cell].number_format = "0%"
    notes = workbook.create_sheet("Notes")
    notes["A1"] = "Ce classeur est tenu par le secrétariat de la commune."
    workbook.save(folder / WORKBOOK)

    # What else lies around in such a folder: minutes written as prose (no table), a
    # scanned page, Excel's lock file.
    minutes = docx.Document()
    minutes.add_paragraph("Compte rendu de la rencontre du 5 octobre 2020")
    minutes.add_paragraph("La séance est ouverte à 10 h par le président du conseil.")
    minutes.save(folder / MINUTES)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 a scanned page")
    (folder / f"~${WORKBOOK}").write_bytes(b"\x00 Excel's lock file")
    return folder


def fill(sheet, rows: dict[int, list]) -> None:
    """Cells by row number: rows left out stay blank, as in the sheet a person made."""
    for number, values in rows.items():
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)


# (file, sheet, row, table, column, reason, value) of every bad row, and no other.
EXPECTED_REJECTS = sorted([
    (WORKBOOK, "Recommandations", 5, "recommendations", "recommendation_id",
     "duplicate_conflict", "TGZ-1-R1"),
    (WORKBOOK, "Recommandations", 7, "recommendations", "meeting_id", "unknown_reference",
     "TGZ-2"),
    (WORKBOOK, "Réunions", 5, "meetings", "participants", "bad_number", "beaucoup"),
    (BOM_CSV, "", 4, "meetings", "date", "bad_date", "31/02/2021"),
    (BOM_CSV, "", 5, "meetings", "commune", "missing_required", ""),
    (UNICODE_TEXT, "", 4, "status_updates", "status", "unknown_value", "peut-être"),
    (UNICODE_TEXT, "", 5, "status_updates", "progress", "out_of_range", "120"),
    (UNICODE_TEXT, "", 6, "status_updates", "recommendation_id", "unknown_reference",
     "KHN-1-R4"),
    (UNICODE_TEXT, "", 8, "status_updates", "date", "bad_date", "demain"),
    (ARABIC_CSV, "", 3, "recommendations", "domain", "missing_required", ""),
    (ARABIC_CSV, "", 4, "recommendations", "meeting_id", "unknown_reference", "KHN-9"),
    (ARABIC_CSV, "", 5, "recommendations", "budget_mad", "out_of_range", "-500"),
    (ARABIC_CSV, "", 8, "recommendations", "meeting_id", "unknown_reference", "KHN-3"),
])
# fmt: on


def test_a_messy_folder_loads_every_good_row_and_rejects_every_bad_one(db_url, engine, tmp_path):
    folder = write_messy_folder(tmp_path / "Commune files")
    report_path = tmp_path / "r.json"
    result = run_etl(["load", str(folder), "--report", str(report_path)], db_url)
    assert result.returncode == 0, result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["committed"] is True

    rejects = sorted(
        (r["file"], r["sheet"], r["row"], r["table"], r["column"], r["reason"], r["value"])
        for r in report["rejects"]
    )
    assert rejects == EXPECTED_REJECTS
    assert all(r["message"] for r in report["rejects"])
    messages = {(r["file"], r["row"]): r["message"] for r in report["rejects"]}
    assert "rejected" in messages[(ARABIC_CSV, 8)]  # KHN-3's own row was refused
    assert "rejected" in messages[(UNICODE_TEXT, 6)]

    def tally(read, inserted, rejected):
        return {
            "read": read,
            "inserted": inserted,
            "updated": 0,
            "unchanged": 0,
            "merged": 0,
            "rejected": rejected,
        }

    assert report["tables"] == {
        "meetings": tally(7, 4, 3),
        "recommendations": tally(11, 5, 6),
        "status_updates": tally(7, 3, 4),
    }
    files = {
        (f["file"], f["sheet"]): (f["table"], f["read"], f["inserted"], f["rejected"])
        for f in report["files"]
    }
    assert files == {
        (ARABIC_CSV, ""): ("recommendations", 6, 2, 4),
        (BOM_CSV, ""): ("meetings", 4, 2, 2),
        (UNICODE_TEXT, ""): ("status_updates", 7, 3, 4),
        (WORKBOOK, "Réunions"): ("meetings", 3, 2, 1),
        (WORKBOOK, "Recommandations"): ("recommendations", 5, 3, 2),
    }
    warnings = {(w["file"], w["sheet"], w["row"], w["column"]) for w in report["warnings"]}
    assert (WORKBOOK, "Notes", None, "") in warnings  # a sheet of notes is skipped, said so
    assert (MINUTES, "", None, "") in warnings  # so are minutes without a table
    assert (WORKBOOK, "Recommandations", 4, "domain") in warnings  # kept as 'other'
    assert (WORKBOOK, "Recommandations", 6, "progress") in warnings  # completed at 80%

    # The database holds the good rows and nothing else.
    with Session(engine) as session:
        meetings = {m.code: m for m in session.scalars(select(Meeting))}
        assert set(meetings) == {"KHN-1", "KHN-2", "TGZ-1", "TGZ-3"}
        assert meetings["KHN-2"].title == "Second edition, workshops"
        assert meetings["TGZ-1"].date == dt.date(2020, 10, 5)
        assert [a.name for a in meetings["TGZ-1"].associations] == [
            "Association Al Amal",
            "Association Tifaout",
        ]
        recommendations = {r.code: r for r in session.scalars(select(Recommendation))}
        assert set(recommendations) == {"KHN-1-R1", "KHN-2-R1", "TGZ-1-R1", "TGZ-1-R2", "TGZ-3-R1"}
        khn = recommendations["KHN-1-R1"]
        assert khn.title == "تهيئة المسلك الرابط بين الدواوير"
        assert (khn.priority, khn.budget_mad) == ("high", 1_200_000)
        assert (khn.current_status, khn.current_progress) == ("completed", 100)
        assert recommendations["TGZ-1-R1"].title == "Équiper le dispensaire"  # the first wins
        assert recommendations["TGZ-1-R1"].initial_progress == 45
        assert recommendations["TGZ-1-R1"].budget_mad == 80_000
        assert (
            recommendations["TGZ-1-R1"].current_status,
            recommendations["TGZ-1-R1"].current_progress,
        ) == ("in_progress", 60)
        assert (recommendations["TGZ-1-R2"].domain, recommendations["TGZ-1-R2"].domain_text) == (
            "other",
            "Tourisme rural",
        )
        assert (
            recommendations["TGZ-3-R1"].current_status,
            recommendations["TGZ-3-R1"].current_progress,
        ) == ("completed", 80)
        updates = {
            (u.recommendation.code, u.date, u.status, u.progress)
            for u in session.scalars(select(StatusUpdate))
        }
        assert updates == {
            ("KHN-1-R1", dt.date(2021, 1, 15), "in_progress", 45),
            ("KHN-1-R1", dt.date(2021, 6, 10), "completed", 100),
            ("TGZ-1-R1", dt.date(2021, 5, 1), "in_progress", 60),
        }
        stored = sorted(
            (r.file, r.sheet, r.row, r.table_name, r.column_name, r.reason, r.value)
            for r in session.scalars(select(LoadReject))
        )
        assert stored == EXPECTED_REJECTS

    # Loading the folder again changes nothing and rejects the same rows.
    again = run_etl(["load", str(folder), "--report", str(report_path)], db_url)
    assert again.returncode == 0, again.stderr
    second = json.loads(report_path.read_text(encoding="utf-8"))
    assert (
        sorted(
            (r["file"], r["sheet"], r["row"], r["table"], r["column"], r["reason"], r["value"])
            for r in second["rejects"]
        )
        == EXPECTED_REJECTS
    )
    for table, counts in second["tables"].items():
        assert counts["inserted"] == counts["updated"] == 0, table
        assert counts["unchanged"] == report["tables"][table]["inserted"], table
