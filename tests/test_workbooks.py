"""Workbooks other than .xlsx, and merged cells, as a commune secretary's folder holds
them: an Excel 97-2003 .xls, a LibreOffice .ods, an .xlsb and an .xlsx whose meeting codes
are merged down their rows load every recommendation they hold, through the command line;
and a folder's every file is accounted for: read, or skipped and said so, on the screen
and in the report (issue 13)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
import workbook_files as wb
from sqlalchemy import select
from sqlalchemy.orm import Session

from conftest import run_etl
from etl.errors import LoadError
from etl.extract import SUPPORTED_SUFFIXES, ExtractError, read_file
from etl.load import run_load
from etl.workbooks import merged
from etl.workbooks.merged import MergedCells, Range, TooManyMerged
from musharaka.models import Meeting, Recommendation
from musharaka.parsing import PercentCell

TYPES = ", ".join(SUPPORTED_SUFFIXES)  # as the messages list them


def sheets_of(path: Path) -> dict[str, list[tuple[int, list[object]]]]:
    return {s.sheet: list(s.rows) for s in read_file(path)}


def written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def loaded(engine) -> dict[str, tuple]:
    with Session(engine) as session:
        rows = session.execute(select(Recommendation, Meeting.code).join(Meeting)).all()
        return {
            r.code: (code, r.domain, r.initial_progress, r.target_date, r.source_file)
            for r, code in rows
        }


def test_the_types_read_are_every_kind_of_workbook_and_text():
    workbooks = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
    assert SUPPORTED_SUFFIXES[:5] == workbooks
    assert {".json", ".csv", ".tsv", ".txt"} < set(SUPPORTED_SUFFIXES)


# --- each kind of workbook, as read ----------------------------------------------------------
def test_an_xls_reads_its_sheets_dates_percent_cells_and_merged_cells(tmp_path):
    sheets = sheets_of(written(tmp_path, wb.XLS, wb.arabic_xls()))
    assert list(sheets) == ["اللقاءات", "التوصيات"]
    rows = dict(sheets["التوصيات"])
    assert rows[2][:3] == ["رمز اللقاء", "رمز التوصية", "المجال"]
    # The meeting code merged down three rows is in each; the domain merged over two too.
    assert [rows[n][0] for n in (3, 4, 5, 6)] == ["KHN-2023-1"] * 3 + ["KHN-2023-2"]
    assert [rows[n][2] for n in (3, 4, 5)] == ["الصحة", "الصحة", "التعليم"]
    # A percent cell is a percentage (50 %), a number is a number, text is text.
    assert isinstance(rows[3][4], PercentCell) and rows[3][4] == 0.5
    assert rows[4][4] == 30 and not isinstance(rows[4][4], PercentCell)
    assert rows[5][4] == "75%"
    assert str(rows[3][5]) == "2024-06-30" and rows[4][5] is None


def test_an_ods_reads_its_two_row_header_merged_over_columns_and_its_typed_cells(tmp_path):
    sheets = sheets_of(written(tmp_path, wb.ODS, wb.french_ods()))
    assert list(sheets) == ["Réunions", "Recommandations", "Notes"]
    rows = dict(sheets["Recommandations"])
    # "Recommandation" merged over B1:C1 is in both columns; headers merged down both rows
    # are in the second, which is the header row.
    assert rows[1][1:3] == ["Recommandation", "Recommandation"]
    assert rows[2] == ["Code réunion", "Code", "Titre", "Domaine", "Avancement", "Échéance"]
    assert [rows[n][0] for n in (3, 4, 5)] == ["TGH-2024-1"] * 3
    assert [rows[n][3] for n in (3, 4, 5)] == ["Routes et transport"] * 2 + ["Éducation"]
    assert isinstance(rows[3][4], PercentCell) and rows[3][4] == 0.45
    assert str(rows[3][5]) == "2025-06-30"
    # LibreOffice's million repeated empty rows after the table cost nothing.
    assert max(rows) == 5


def test_an_ods_cell_keeps_its_spaces_and_lines_its_formula_is_noted_its_comment_left_out(
    sqlite_engine, tmp_path
):
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P, S

    def cell(shown: str, **typed) -> TableCell:
        made = TableCell(**(typed or {"valuetype": "string"}))
        made.addElement(P(text=shown))
        return made

    code = cell("KHN-2024-9")
    comment = Annotation()
    comment.addElement(P(text="à vérifier"))
    code.addElement(comment)
    title = cell("Première")  # two paragraphs, three spaces typed in the first
    title.firstChild.addElement(S(c=3))
    title.firstChild.addText("rencontre")
    title.addElement(P(text="Tighirt"))
    rows = [
        [cell("meeting_id"), cell("commune"), cell("date"), cell("participants"), cell("title")],
        [
            code,
            cell("الخنافيف"),
            cell("01/03/2024", valuetype="date", datevalue="2024-03-01"),
            cell("85", valuetype="float", value=85, formula="of:=[.E2]+5"),
            title,
        ],
    ]
    document, sheet = OpenDocumentSpreadsheet(), Table(name="meetings")
    for cells in rows:
        row = TableRow()
        for made in cells:
            row.addElement(made)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    document.write(out)
    report = run_load(sqlite_engine, [written(tmp_path, "réunions.ods", out.getvalue())])
    assert report.committed and not report.rejects
    with Session(sqlite_engine) as session:
        meeting = session.scalars(select(Meeting)).one()
    assert (meeting.code, meeting.date) == ("KHN-2024-9", dt.date(2024, 3, 1))
    assert meeting.participants == 85
    assert meeting.title == "Première   rencontre\nTighirt"
    (warning,) = report.warnings
    assert (warning["row"], warning["column"]) == (2, "participants")
    assert "formula (=[.E2]+5)" in warning["message"]


def test_an_xlsx_fills_its_merged_cells_and_says_so_once_per_sheet(tmp_path):
    (first, sheet) = read_file(written(tmp_path, wb.XLSX, wb.merged_xlsx()))
    rows = dict(sheet.rows)
    assert [rows[n][0] for n in (2, 3, 4)] == ["KHN-2022-1"] * 3
    assert [rows[n][2] for n in (2, 3, 4)] == ["الصحة", "الصحة", "التعليم"]
    assert sheet.merged.warning("suivi.xlsx [Feuil1]") == (
        "suivi.xlsx [Feuil1]: merged cells filled: each cell of 2 merged range(s) "
        "(A2:A4, C2:C3) was read as holding its range's value, as the sheet shows it"
    )
    list(first.rows)
    assert first.merged.warning("suivi.xlsx") is None


def test_an_xlsm_is_read_as_an_xlsx(tmp_path):
    sheets = sheets_of(written(tmp_path, "Recommandations.xlsm", wb.merged_xlsx()))
    assert dict(sheets["Recommandations"])[3][0] == "KHN-2022-1"


def test_an_xlsb_reads_its_sheets_and_dates():
    sheets = sheets_of(wb.FIXTURES / wb.XLSB)
    rows = dict(sheets["التوصيات"])
    assert rows[4][:2] == ["KHN-2021-1-R1", "KHN-2021-1"]
    assert str(rows[4][5]) == "2023-12-31" and rows[4][4] == 40


def test_merged_cells_fill_only_rows_that_hold_values_and_ranges_that_hold_one():
    filled = MergedCells("f.xlsx [s]")
    filled.add_all([Range(1, 0, 4, 0), Range(1, 1, 2, 2), Range(3, 3, 4, 3)])
    rows = [(1, ["KHN-1", None]), (2, [None, None, None, "x"]), (4, [None, "y"])]
    out = [(n, filled.fill(n, list(r))) for n, r in rows]
    # Row 3 has no value of its own: it stays a blank row (not read); the range D3:D4,
    # whose first cell is in it, is empty and fills nothing; B1:C2 has no value either.
    assert out == [(1, ["KHN-1", None]), (2, ["KHN-1", None, None, "x"]), (4, ["KHN-1", "y"])]
    assert filled.filled == ["A1:A4"]


def test_merged_ranges_beyond_any_real_sheet_are_refused(monkeypatch):
    monkeypatch.setattr(merged, "MAX_FILLED_CELLS", 100)
    filled = MergedCells("f.xlsx [s]")
    filled.add(Range(1, 0, 1_048_576, 59))  # A1:BH1048576: 60 cells a row
    filled.fill(1, ["title"])
    with pytest.raises(TooManyMerged, match=r"f.xlsx \[s\]: refused at row 2: .* more than 100"):
        filled.fill(2, ["x"])


def test_an_xlsx_merge_over_the_whole_sheet_is_refused_with_where(tmp_path, monkeypatch):
    monkeypatch.setattr(merged, "MAX_FILLED_CELLS", 1000)
    book = openpyxl.Workbook()
    for row in range(1, 200):
        book.active.append([f"v{row}"])
    forged = with_merges(_saved(book), "A1:XFD1048576")  # openpyxl would make every cell
    (sheet,) = read_file(written(tmp_path, "forged.xlsx", forged))
    with pytest.raises(LoadError, match=r"forged.xlsx \[Sheet\]: refused at row 1"):
        list(sheet.rows)


def _saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_merges(data: bytes, *refs: str) -> bytes:
    """A workbook with these merged ranges written into its first sheet's XML."""
    merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(
                    b"</sheetData>",
                    f'</sheetData><mergeCells count="{len(refs)}">{merges}</mergeCells>'.encode(),
                )
            target.writestr(item, part)
    return out.getvalue()


def test_an_ods_whose_repeats_claim_more_cells_than_a_sheet_holds_is_refused(tmp_path):
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S">'
        '<table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    (sheet,) = read_file(written(tmp_path, "forged.ods", out.getvalue()))
    with pytest.raises(ExtractError, match=r"forged.ods \[S\]: refused: .* repeated rows"):
        for _ in sheet.rows:
            pass


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.xls", "xlsx", "an .xlsx one under an .xls name: rename it to .xlsx"),
        ("a.xls", b"<html><body><table><tr><td>1</td></tr></table>", "a web page (HTML)"),
        ("a.xls", b"meeting_id;commune\n", "not an Excel 97-2003 workbook"),
        ("a.ods", b"meeting_id;commune\n", "not an OpenDocument spreadsheet"),
        ("a.xlsb", b"\x00" * 100, "not an .xlsb workbook"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_with_what_it_is(
    name, content, expected, tmp_path
):
    data = wb.merged_xlsx() if content == "xlsx" else content
    with pytest.raises(ExtractError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_file(written(tmp_path, name, data))


# --- a folder, through the command line ------------------------------------------------------
def secretary_folder(tmp_path: Path) -> Path:
    """The four workbooks, and what else such a folder holds."""
    folder = wb.write_folder(tmp_path / "dossier")
    (folder / "compte rendu.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "notes").write_bytes(b"no extension")
    (folder / f"~${wb.XLSX[2:]}").write_bytes(b"\x07said" + b"\x00" * 150)
    (folder / f".~lock.{wb.ODS}#").write_text("said,said,PC,02.12.2026 09:00,file:///\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "archives").mkdir()
    (folder / "archives" / "2019.csv").write_text("meeting_id,commune,date\nX,Y,2019-01-01\n")
    return folder


def test_a_folder_of_workbooks_loads_every_recommendation_and_names_every_file(
    db_url, engine, tmp_path
):
    folder = secretary_folder(tmp_path)
    report_path = tmp_path / "report.json"
    result = run_etl(["load", str(folder), "--report", str(report_path)], db_url)
    assert result.returncode == 0, result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["committed"] and not report["rejects"]

    expected = {code: row for rows in wb.EXPECTED.values() for code, row in rows.items()}
    found = loaded(engine)
    assert set(found) == set(expected)
    for code, (meeting, domain, progress, target) in expected.items():
        assert found[code][:2] == (meeting, domain), code
        assert found[code][3] == target, code
        if progress is not None:
            assert found[code][2] == progress, code
    with Session(engine) as session:
        dates = dict(session.execute(select(Meeting.code, Meeting.date)).all())
    assert dates == {code: d for rows in wb.MEETINGS.values() for code, d in rows.items()}

    # Every file is in the report: read, or skipped with why.
    assert sorted(report["sources"]) == sorted([wb.XLS, wb.ODS, wb.XLSX, wb.XLSB])
    skipped = {s["file"]: s["reason"] for s in report["skipped"]}
    assert skipped == {
        # A PDF is read only as the proof of a status update that names it: none here.
        "compte rendu.pdf": "evidence_unused",
        "notes": "unsupported_type",
        f"~${wb.XLSX[2:]}": "lock_file",
        f".~lock.{wb.ODS}#": "lock_file",
        ".DS_Store": "hidden",
        "archives": "folder",
    }
    pdf = next(s["message"] for s in report["skipped"] if s["file"] == "compte rendu.pdf")
    assert pdf == (
        "compte rendu.pdf: skipped: no status update names it in its evidence_files column "
        "(photos and PDFs are read as the proof of the status updates that name them)"
    )
    # ... said among the warnings (but for the hidden file), and on the screen.
    said = {s["message"] for s in report["skipped"]}
    warned = {w["file"] for w in report["warnings"] if w["message"] in said}
    assert warned == set(skipped) - {".DS_Store"}
    for message in (s["message"] for s in report["skipped"]):
        assert message in result.stdout
    # One warning per sheet whose merged cells were filled, naming the ranges.
    merges = {
        (w["file"], w["sheet"]): w["message"]
        for w in report["warnings"]
        if "merged cells filled" in w["message"]
    }
    assert set(merges) == {
        (wb.XLS, "اللقاءات"),
        (wb.XLS, "التوصيات"),
        (wb.ODS, "Recommandations"),
        (wb.XLSX, "Recommandations"),
    }
    assert "(A2:A4, C2:C3)" in merges[(wb.XLSX, "Recommandations")]


def test_a_file_of_another_type_named_by_itself_is_an_error_that_lists_the_types(db_url, tmp_path):
    path = written(tmp_path, "compte rendu.doc", b"\xd0\xcf\x11\xe0")
    result = run_etl(["load", str(path)], db_url)
    assert result.returncode == 1
    refused = f"compte rendu.doc: unsupported file type '.doc' (Musharaka reads {TYPES})"
    assert refused in result.stderr


def test_a_folder_with_nothing_to_read_says_what_it_holds(sqlite_engine, tmp_path):
    folder = tmp_path / "vide"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(LoadError, match=r"no file to load .*photo.jpg: skipped"):
        run_load(sqlite_engine, [folder])


def test_a_load_report_in_the_folder_is_listed_as_skipped(sqlite_engine, tmp_path):
    folder = wb.write_folder(tmp_path / "dossier", names=(wb.XLSX,))
    first = run_load(sqlite_engine, [folder])
    (folder / "rapport.json").write_text(first.to_json(), encoding="utf-8")
    again = run_load(sqlite_engine, [folder])
    assert again.sources == [wb.XLSX]
    assert again.skipped == [
        {
            "file": "rapport.json",
            "reason": "load_report",
            "message": "rapport.json: a load report, not data: skipped",
        }
    ]
    assert set(loaded(sqlite_engine)) == set(wb.EXPECTED[wb.XLSX])


@pytest.mark.parametrize(
    "ref",
    [
        "A4:A6",
        "B2:D3",
        "$A$1:$C$9",
        "AA10:AB12",
        "XFD1:XFD2",
        "C3:A1",
        "A1:A1",
        "A:A",
        "1:1",
        "A1",
        "bad",
        "",
    ],
)
def test_a_merge_reference_reads_as_openpyxl_reads_it(ref):
    """The merged ranges' references are read without importing openpyxl (half a second of
    every load's start): the same ranges as openpyxl's own reading, one cell and whole rows
    or columns left out."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    from etl.workbooks.merged import column_letter, from_ref

    try:
        left, top, right, bottom = range_boundaries(ref)
    except (ValueError, TypeError):
        expected = None
    else:
        whole = None in (left, top, right, bottom) or (left, top) == (right, bottom)
        expected = (
            None
            if whole
            else (min(top, bottom), min(left, right) - 1, max(top, bottom), max(left, right) - 1)
        )
    found = from_ref(ref)
    assert (
        None if found is None else (found.top, found.left, found.bottom, found.right)
    ) == expected
    for number in (1, 26, 27, 52, 702, 703, 16384):
        assert column_letter(number) == get_column_letter(number)


def test_starting_a_load_imports_no_office_file_library():
    """`python -m etl load` of a CSV folder must not pay for the readers of other kinds."""
    import subprocess
    import sys

    libraries = ("openpyxl", "docx", "xlrd", "python_calamine")
    probe = f"import sys, etl.cli, etl.load; print([m for m in {libraries!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
