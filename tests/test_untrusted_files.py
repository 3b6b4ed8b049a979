"""Files that claim more than they hold, and files that are not data.

A workbook's sheet says how large it is (its `<dimension>`) and numbers its own rows; a
forged sheet claims a million rows and every column while holding a few cells. Reading
costs what the file holds: rows as long as their cells, no row invented for a gap. An
upload reads at most a stated number of cells in a stated time, and is refused past them.

A load report written into the folder being loaded is known by its content and skipped
with a note, whatever it is named; the next load of that folder works as the first did.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text

from conftest import run_etl
from etl.budget import ReadLimits
from etl.extract import read_file
from etl.load import LoadError, run_load

OWN = "الخنافيف"
MEETING_HEAD = ["meeting_id", "commune", "date", "title"]
EVERY_CELL = "A1:XFD1048576"  # what a sheet may claim: every row and column Excel has


def workbook_bytes(rows: int, dimension: str | None = None) -> bytes:
    """A real meetings workbook of `rows` data rows; its sheet's `<dimension>` rewritten
    to `dimension` when given, as a forger (or a careless tool) would."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "meetings"
    sheet.append(MEETING_HEAD)
    for n in range(1, rows + 1):
        sheet.append([f"KHN-2026-{n}", OWN, "2026-01-10", f"meeting {n}"])
    plain = io.BytesIO()
    workbook.save(plain)
    if dimension is None:
        return plain.getvalue()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                content, n = re.subn(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), content
                )
                assert n == 1
            target.writestr(part, content)
    return out.getvalue()


def rows_of(path: Path) -> list[tuple[int, list[object]]]:
    (sheet,) = read_file(path)
    return list(sheet.rows)


# --- a sheet's claims ----------------------------------------------------------------------
def test_a_sheet_claiming_every_cell_is_read_as_the_cells_it_holds(sqlite_engine, tmp_path):
    path = tmp_path / "réunions.xlsx"
    path.write_bytes(workbook_bytes(500, EVERY_CELL))
    rows = rows_of(path)
    # As many rows as it holds, each as wide as its cells: not 16,384 columns of nothing.
    assert [number for number, _ in rows] == list(range(1, 502))
    assert {len(cells) for _, cells in rows} == {4}
    assert rows[0][1] == MEETING_HEAD
    assert rows[-1][1] == ["KHN-2026-500", OWN, "2026-01-10", "meeting 500"]
    report = run_load(sqlite_engine, [path])
    assert report.committed and not report.rejects
    assert report.tables["meetings"]["inserted"] == 500


def test_a_sheet_claiming_less_than_it_holds_is_read_whole(sqlite_engine, tmp_path):
    path = tmp_path / "réunions.xlsx"
    path.write_bytes(workbook_bytes(40, "A1:B2"))
    rows = rows_of(path)
    assert len(rows) == 41 and {len(cells) for _, cells in rows} == {4}
    report = run_load(sqlite_engine, [path], dry_run=True)
    assert report.tables["meetings"]["inserted"] == 40 and not report.rejects


def test_a_gap_in_the_row_numbers_is_not_filled_with_empty_rows(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "meetings"
    sheet.append(MEETING_HEAD)
    sheet.append(["KHN-2026-1", OWN, "2026-01-10", "first"])
    sheet.cell(row=1_048_576, column=2, value="the sheet's very last row")
    path = tmp_path / "réunions.xlsx"
    workbook.save(path)
    rows = rows_of(path)
    assert [number for number, _ in rows] == [1, 2, 1_048_576]
    assert rows[2][1] == [None, "the sheet's very last row"]


def test_styled_empty_cells_far_right_make_no_row_longer(tmp_path):
    """Formatting a whole row (Excel writes a styled, empty cell per column) adds no cell."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "meetings"
    sheet.append(MEETING_HEAD)
    sheet.append(["KHN-2026-1", OWN, "2026-01-10", "first"])
    from openpyxl.styles import Font

    for column in range(5, 3000):
        sheet.cell(row=2, column=column).font = Font(bold=True)
    path = tmp_path / "réunions.xlsx"
    workbook.save(path)
    assert [len(cells) for _, cells in rows_of(path)] == [4, 4]


# --- the budget of an upload -------------------------------------------------------------
def test_a_load_over_its_cell_budget_is_refused_with_the_file_and_the_limit(
    sqlite_engine, tmp_path
):
    first = tmp_path / "a-réunions.xlsx"
    first.write_bytes(workbook_bytes(20, EVERY_CELL))  # 84 cells
    second = tmp_path / "b-réunions.csv"
    second.write_text(
        "\n".join(
            ",".join(r)
            for r in [MEETING_HEAD, *[[f"K-{n}", OWN, "2026-01-10", "t"] for n in range(10)]]
        ),
        encoding="utf-8",
    )  # 44 cells: 128 in all
    assert run_load(sqlite_engine, [first, second], dry_run=True, limits=ReadLimits(cells=128))
    with pytest.raises(LoadError) as refused:
        run_load(sqlite_engine, [first, second], dry_run=True, limits=ReadLimits(cells=127))
    message = str(refused.value)
    assert "b-réunions.csv" in message and "127 cells" in message
    assert "refused" in message
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM meetings")).scalar() == 0


def test_a_load_over_its_time_budget_is_refused_with_the_file_and_the_limit(
    sqlite_engine, tmp_path
):
    path = tmp_path / "réunions.xlsx"
    path.write_bytes(workbook_bytes(20))
    with pytest.raises(LoadError) as refused:
        run_load(sqlite_engine, [path], dry_run=True, limits=ReadLimits(seconds=0))
    message = str(refused.value)
    assert "réunions.xlsx" in message and "0 s" in message and "refused" in message


# --- load reports are not data -------------------------------------------------------------
def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def commune_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    write_csv(
        folder / "meetings.csv",
        [MEETING_HEAD, ["KHN-2026-1", OWN, "2026-01-10", "first"], ["KHN-2026-2", OWN, "", "x"]],
    )
    return folder


def skipped_notes(report: dict) -> list[str]:
    return [w["message"] for w in report["warnings"] if "a load report" in w["message"]]


def test_a_report_written_into_the_folder_it_loads_is_skipped_next_time(db_url, tmp_path):
    folder = commune_folder(tmp_path / "commune")
    report_path = folder / "r.json"
    first = run_etl(["load", str(folder), "--report", str(report_path)], db_url)
    assert first.returncode == 0, first.stderr
    written = json.loads(report_path.read_text(encoding="utf-8"))
    assert written["tables"]["meetings"]["inserted"] == 1

    again = run_etl(["load", str(folder), "--report", str(report_path)], db_url)
    assert again.returncode == 0, again.stderr
    second = json.loads(report_path.read_text(encoding="utf-8"))
    assert second["committed"] is True
    assert second["tables"]["meetings"]["unchanged"] == 1
    assert [r["row"] for r in second["rejects"]] == [3]
    assert skipped_notes(second) == ["r.json: a load report, not data: skipped"]
    assert [f["file"] for f in second["files"]] == ["meetings.csv"]


def test_a_report_is_known_by_its_content_whatever_its_name(db_url, tmp_path):
    folder = commune_folder(tmp_path / "commune")
    failed = run_etl(
        ["load", str(tmp_path / "nowhere"), "--report", str(folder / "x.json")], db_url
    )
    assert failed.returncode == 1  # a report of a load that failed: its own shape
    first = run_etl(
        ["load", str(folder / "meetings.csv"), "--report", str(tmp_path / "r.json")], db_url
    )
    assert first.returncode == 0, first.stderr
    # The same report, renamed as people do, and saved as text.
    (folder / "rejects of Monday.json").write_bytes((tmp_path / "r.json").read_bytes())
    (folder / "notes.txt").write_bytes((tmp_path / "r.json").read_bytes())
    again = run_etl(["load", str(folder), "--report", str(tmp_path / "again.json")], db_url)
    assert again.returncode == 0, again.stderr
    second = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert sorted(skipped_notes(second)) == [
        "notes.txt: a load report, not data: skipped",
        "rejects of Monday.json: a load report, not data: skipped",
        "x.json: a load report, not data: skipped",
    ]
    assert second["tables"]["meetings"]["unchanged"] == 1


def test_other_json_is_still_refused_as_not_an_export(sqlite_engine, tmp_path):
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"committed": "maybe", "rows": []}), encoding="utf-8")
    with pytest.raises(LoadError, match="not a Musharaka export"):
        run_load(sqlite_engine, [path], dry_run=True)


def test_a_corrected_rejects_file_in_a_folder_loads(sqlite_engine, tmp_path):
    """Nothing Musharaka writes is named `rejects...`: a person's corrected rejects, saved
    under such a name, is data and loads (it was once skipped unread, without a word)."""
    folder = tmp_path / "commune"
    folder.mkdir()
    write_csv(
        folder / "rejects-meetings.csv", [MEETING_HEAD, ["KHN-2026-3", OWN, "2026-01-12", "x"]]
    )
    report = run_load(sqlite_engine, [folder])
    assert report.committed and report.tables["meetings"]["inserted"] == 1
    assert report.sources == ["rejects-meetings.csv"]
