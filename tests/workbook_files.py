"""Workbooks as a commune's office keeps them, one of each kind Musharaka reads besides
CSV: an Arabic Excel 97-2003 `.xls`, a French LibreOffice `.ods`, an `.xlsx` whose meeting
codes and domains are merged down their rows, and a shipped `.xlsb`. Each has a title row
or a two-row header, merged cells, dates and percent cells, as such files do.

Each builder gives the file's bytes; EXPECTED says what each holds once loaded.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl

FIXTURES = Path(__file__).parent / "fixtures" / "workbooks"
XLS = "لقاءات الخنافيف 2023.xls"
ODS = "Rencontres Tighirt 2024.ods"
XLSX = "Recommandations Khnafif 2022.xlsx"
XLSB = "khnafif-2021.xlsb"

# recommendation -> (meeting, domain, progress or None, target date or None)
EXPECTED = {
    XLS: {
        "KHN-2023-1-R1": ("KHN-2023-1", "health", 50, dt.date(2024, 6, 30)),
        "KHN-2023-1-R2": ("KHN-2023-1", "health", 30, None),
        "KHN-2023-1-R3": ("KHN-2023-1", "education", 75, dt.date(2025, 1, 15)),
        "KHN-2023-2-R1": ("KHN-2023-2", "water_sanitation", 100, None),
    },
    ODS: {
        "TGH-2024-1-R1": ("TGH-2024-1", "roads_transport", 45, dt.date(2025, 6, 30)),
        "TGH-2024-1-R2": ("TGH-2024-1", "roads_transport", None, None),
        "TGH-2024-1-R3": ("TGH-2024-1", "education", 10, dt.date(2026, 9, 1)),
    },
    XLSX: {
        "KHN-2022-1-R1": ("KHN-2022-1", "health", None, None),
        "KHN-2022-1-R2": ("KHN-2022-1", "health", None, None),
        "KHN-2022-1-R3": ("KHN-2022-1", "education", None, None),
    },
    XLSB: {
        "KHN-2021-1-R1": ("KHN-2021-1", "health", 40, dt.date(2023, 12, 31)),
        "KHN-2021-1-R2": ("KHN-2021-1", "education", 60, dt.date(2022, 9, 1)),
    },
}
MEETINGS = {
    XLS: {"KHN-2023-1": dt.date(2023, 3, 15), "KHN-2023-2": dt.date(2023, 10, 2)},
    ODS: {"TGH-2024-1": dt.date(2024, 2, 16)},
    XLSX: {"KHN-2022-1": dt.date(2022, 5, 10)},
    XLSB: {"KHN-2021-1": dt.date(2021, 4, 20)},
}


def arabic_xls() -> bytes:
    """An Arabic commune's workbook saved as Excel 97-2003: a title merged over the
    table, the commune merged down its meetings, the meeting code and a domain merged
    down their recommendations, progress as a percent cell, a number and a text."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    percent = xlwt.easyxf(num_format_str="0%")
    meetings = book.add_sheet("اللقاءات")
    meetings.write_merge(0, 0, 0, 3, "جماعة الخنافيف - اللقاءات التواصلية")
    for column, header in enumerate(["رمز اللقاء", "الجماعة", "تاريخ اللقاء", "العنوان"]):
        meetings.write(2, column, header)
    meetings.write(3, 0, "KHN-2023-1")
    meetings.write(4, 0, "KHN-2023-2")
    meetings.write_merge(3, 4, 1, 1, "الخنافيف")
    meetings.write(3, 2, dt.date(2023, 3, 15), date)
    meetings.write(4, 2, dt.date(2023, 10, 2), date)
    meetings.write(3, 3, "اللقاء التواصلي الأول")
    meetings.write(4, 3, "اللقاء التواصلي الثاني")

    recommendations = book.add_sheet("التوصيات")
    recommendations.write_merge(0, 0, 0, 6, "توصيات اللقاءات التواصلية 2023")
    headers = ["رمز اللقاء", "رمز التوصية", "المجال", "التوصية", "نسبة الإنجاز", "الأجل", "الحالة"]
    for column, header in enumerate(headers):
        recommendations.write(1, column, header)
    recommendations.write_merge(2, 4, 0, 0, "KHN-2023-1")
    recommendations.write(5, 0, "KHN-2023-2")
    recommendations.write_merge(2, 3, 2, 2, "الصحة")
    recommendations.write(4, 2, "التعليم")
    recommendations.write(5, 2, "الماء والتطهير")
    rows = [
        ("KHN-2023-1-R1", "بناء مستوصف بدوار أيت علي", 0.5, dt.date(2024, 6, 30)),
        ("KHN-2023-1-R2", "توفير سيارة إسعاف", 30, None),
        ("KHN-2023-1-R3", "النقل المدرسي للتلاميذ", "75%", dt.date(2025, 1, 15)),
        ("KHN-2023-2-R1", "تعميم الماء الصالح للشرب", 1.0, None),
    ]
    for offset, (code, title, progress, target) in enumerate(rows):
        row = 2 + offset
        recommendations.write(row, 1, code)
        recommendations.write(row, 3, title)
        if isinstance(progress, float):
            recommendations.write(row, 4, progress, percent)
        else:
            recommendations.write(row, 4, progress)
        if target:
            recommendations.write(row, 5, target, date)
        recommendations.write(row, 6, "منجزة" if progress == 1.0 else "في طور الإنجاز")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def french_ods() -> bytes:
    """A French commune's LibreOffice workbook: a two-row header whose "Recommandation"
    is merged over its two columns (Code, Titre) and whose other headers are merged down
    both rows; the meeting code merged down its rows, a domain over two; percentage and
    date cells; a notes sheet."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    def text(value: str, **spans) -> TableCell:
        cell = TableCell(valuetype="string", **spans)
        cell.addElement(P(text=value))
        return cell

    def percent(value: float) -> TableCell:
        cell = TableCell(valuetype="percentage", value=value)
        cell.addElement(P(text=f"{value * 100:g} %"))
        return cell

    def date(value: dt.date) -> TableCell:
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
        cell.addElement(P(text=value.strftime("%d/%m/%Y")))
        return cell

    def table(name: str, rows: list[list[TableCell]]) -> Table:
        sheet = Table(name=name)
        for cells in rows:
            row = TableRow()
            for cell in cells:
                row.addElement(cell)
            sheet.addElement(row)
        # LibreOffice writes the rest of the sheet as one repeated empty row.
        rest = TableRow(numberrowsrepeated=1048570)
        rest.addElement(TableCell(numbercolumnsrepeated=1024))
        sheet.addElement(rest)
        return sheet

    covered = CoveredTableCell
    document = OpenDocumentSpreadsheet()
    meetings = [
        [text("Code réunion"), text("Commune"), text("Date de la réunion"), text("Titre")],
        [
            text("TGH-2024-1"),
            text("Tighirt"),
            date(dt.date(2024, 2, 16)),
            text("Première rencontre communicative"),
        ],
    ]
    document.spreadsheet.addElement(table("Réunions", meetings))
    recommendations = [
        [
            text("Code réunion", numberrowsspanned=2),
            text("Recommandation", numbercolumnsspanned=2),
            covered(),
            text("Domaine", numberrowsspanned=2),
            text("Avancement", numberrowsspanned=2),
            text("Échéance", numberrowsspanned=2),
        ],
        [covered(), text("Code"), text("Titre"), covered(), covered(), covered()],
        [
            text("TGH-2024-1", numberrowsspanned=3),
            text("TGH-2024-1-R1"),
            text("Réhabiliter la piste de Tighirt"),
            text("Routes et transport", numberrowsspanned=2),
            percent(0.45),
            date(dt.date(2025, 6, 30)),
        ],
        [covered(), text("TGH-2024-1-R2"), text("Éclairer le pont"), covered()],
        [
            covered(),
            text("TGH-2024-1-R3"),
            text("Ouvrir une école préscolaire"),
            text("Éducation"),
            percent(0.1),
            date(dt.date(2026, 9, 1)),
        ],
    ]
    document.spreadsheet.addElement(table("Recommandations", recommendations))
    document.spreadsheet.addElement(table("Notes", [[text("Saisi par le secrétariat")]]))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def merged_xlsx() -> bytes:
    """The usual way to group rows in Excel: the meeting code merged down the rows of its
    meeting, a domain merged over two rows (French headers, Arabic text)."""
    book = openpyxl.Workbook()
    meetings = book.active
    meetings.title = "Réunions"
    meetings.append(["Code réunion", "Commune", "Date de la réunion"])
    meetings.append(["KHN-2022-1", "الخنافيف", dt.date(2022, 5, 10)])
    sheet = book.create_sheet("Recommandations")
    sheet.append(["Code réunion", "Code", "Domaine", "Recommandation"])
    sheet.append(["KHN-2022-1", "KHN-2022-1-R1", "الصحة", "توسيع المركز الصحي"])
    sheet.append([None, "KHN-2022-1-R2", None, "توفير طبيب مقيم"])
    sheet.append([None, "KHN-2022-1-R3", "التعليم", "بناء قاعة متعددة الاختصاصات"])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("C2:C3")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsb() -> bytes:
    return (FIXTURES / XLSB).read_bytes()


BUILDERS = {XLS: arabic_xls, ODS: french_ods, XLSX: merged_xlsx, XLSB: xlsb}


def write_folder(folder: Path, names=(XLS, ODS, XLSX, XLSB)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(BUILDERS[name]())
    return folder
