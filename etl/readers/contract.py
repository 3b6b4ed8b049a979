"""The data contract's tables (meetings, recommendations, status updates, associations),
in any sheet or text file: a sheet is recognised by its name (or its file's name) first,
then by its headers. The header row is the first row, among the top ones, whose cells
name a table's required columns: titles and notes above it are normal. Each row is then
validated by its table's validator (etl.validate)."""

from __future__ import annotations

from etl.extract import RawSheet
from etl.plan import Candidate
from etl.readers.base import (
    SHARED,
    SHORTEST_LIMIT,
    Layout,
    ReadContext,
    Rows,
    all_blank,
    cell_picker,
    noted,
    share_texts,
    too_long,
    warn_formulas,
    where,
)
from etl.readers.meeting_hint import sheet_hint
from etl.report import LoadReport, Origin
from etl.validate import VALIDATORS
from musharaka import vocabulary as vocab
from musharaka.dates import DateBounds
from musharaka.loader_text import english
from musharaka.parsing import is_blank
from musharaka.text import fold

_HEADER_INDEX: dict[str, dict[str, str]] = {
    table: {fold(h): column.name for column in columns for h in (column.name, *column.headers)}
    for table, columns in vocab.COLUMNS.items()
}
_REQUIRED = {
    table: [c.name for c in columns if c.required] for table, columns in vocab.COLUMNS.items()
}
# A required column a table may leave out: a recommendations table without a meeting
# column (Word minutes, a sheet per meeting) takes the meeting its sheet's name, its title
# rows or its document's title names (etl.readers.meeting_hint).
_FOUND_ELSEWHERE = {"recommendations": "meeting_id"}
# The columns whose headers a table's header row must have.
_HEADED = {
    table: [c for c in required if c != _FOUND_ELSEWHERE.get(table)]
    for table, required in _REQUIRED.items()
}
# Stands for the meeting while a row is validated; the plan sets the one found.
_MEETING_TO_FIND = "?"
_TABLE_BY_NAME = {fold(n): table for table, names in vocab.TABLE_NAMES.items() for n in names}
_ID_COLUMN = {"meetings": "meeting_id", "recommendations": "recommendation_id"}
ROWS_PER_TICK = 50_000


def table_from_name(*names: str) -> str | None:
    """The table a sheet or file name announces: exactly, or as words inside it."""
    for name in names:
        folded = fold(name)
        if folded in _TABLE_BY_NAME:
            return _TABLE_BY_NAME[folded]
    for name in names:
        words = f" {fold(name)} "
        found = {t for alias, t in _TABLE_BY_NAME.items() if f" {alias} " in words}
        if len(found) == 1:
            return found.pop()
    return None


def map_header(table: str, cells: list[object]) -> tuple[dict[int, str], list[str]]:
    """Which cell is which canonical column; notes on unknown or repeated headers."""
    index = _HEADER_INDEX[table]
    columns: dict[int, str] = {}
    notes: list[str] = []
    for position, cell in enumerate(cells):
        if cell is None or not str(cell).strip():
            continue
        column = index.get(fold(cell))
        if column is None:
            notes.append(english("loader_column_unknown", header=str(cell).strip()))
        elif column in columns.values():
            notes.append(english("loader_column_repeated", header=str(cell).strip(), column=column))
        else:
            columns[position] = column
    return columns, notes


def missing_headers(head: list[tuple[int, list[object]]], table: str, place: str) -> str:
    """Why no row of `head` is the header of `table`: the required columns missing from
    the row that comes closest."""
    closest: tuple[int, list[str]] | None = None
    for _, cells in head:
        columns, _ = map_header(table, cells)
        found = set(columns.values())
        if closest is None or len(found) > closest[0]:
            closest = (len(found), [c for c in _HEADED[table] if c not in found])
    missing = closest[1] if closest and closest[1] else _HEADED[table]
    return english("loader_missing_headers", where=place, table=table, columns=", ".join(missing))


class ContractTables:
    """The reader of the contract's four tables."""

    def recognise(
        self, row_number: int, cells: list[object], named_table: str | None
    ) -> Layout | None:
        tables = [named_table] if named_table else list(vocab.TABLE_ORDER)
        best: tuple[bool, int, int, Layout] | None = None
        for table in tables:
            columns, notes = map_header(table, cells)
            found = set(columns.values())
            if any(c not in found for c in _HEADED[table]):
                continue
            # A table with all its required columns wins, then more recognised columns;
            # for equal counts the table listed first.
            whole = all(c in found for c in _REQUIRED[table])
            score = (whole, len(found), -tables.index(table))
            if best is None or score > best[:3]:
                best = (*score, Layout(table, row_number, columns, notes, self))
        return best[3] if best else None

    def read(
        self, sheet: RawSheet, layout: Layout, rows: Rows, report: LoadReport, context: ReadContext
    ) -> None:
        report.add_sheet(sheet.file, sheet.sheet, layout.table)
        for note in layout.notes:
            report.warn(Origin(sheet.file, sheet.sheet, layout.table, layout.header_row), "", note)
        validator = VALIDATORS[layout.table]
        accepted = context.accepted[layout.table]
        progress = context.progress
        positions = list(layout.columns.items())
        names = tuple(layout.columns.values())
        # The cells of a full row, picked in one call; a row shorter than the header
        # (a text line with its last empty cells left out) is padded cell by cell.
        take = cell_picker(tuple(layout.columns))
        width = max(layout.columns) + 1
        bounds = DateBounds.from_day()  # the same bounds for every row of the sheet
        read = 0
        before = report.rows_read
        file, sheet_name, table = sheet.file, sheet.sheet, layout.table
        place = (file, sheet_name, table)  # shared by the sheet's candidates
        shared_texts, shared = SHARED.get(table, ()), context.shared
        formulas = sheet.formulas
        notes = sheet.row_notes
        hint = None
        missing = _FOUND_ELSEWHERE.get(table, "")
        if missing and missing not in layout.columns.values():
            hint = sheet_hint(sheet, layout.header_row, context.above)
        for row_number in list(notes):  # the header and the lines above it
            if row_number <= layout.header_row:
                origin = Origin(file, sheet_name, table, row_number)
                noted(report, origin, notes.pop(row_number), layout.columns, {})
        for row_number, cells in rows:
            # Text files: every cell a string, tested and measured in C. A workbook's
            # numbers and dates raise TypeError and take the way cell by cell.
            # The ignore below: a workbook's cells are not all strings or sized.
            try:
                if not "".join(cells).strip():  # type: ignore[arg-type]
                    continue
                short = max(map(len, cells)) <= SHORTEST_LIMIT  # type: ignore[arg-type]
            except TypeError:
                if all_blank(cells):
                    continue
                short = False
            read += 1
            if (before + read) % ROWS_PER_TICK == 0:
                # Rows of all files so far; the total is unknown until the files are read.
                progress("reading rows", before + read, 0)
            if len(cells) >= width:
                # `take` gives one cell per name: zip's own check of that (strict) cost
                # more than a row's dict itself.
                values = dict(zip(names, take(cells), strict=False))
            else:
                values = {col: (cells[i] if i < len(cells) else None) for i, col in positions}
            # The row's Origin is made only for what reports it: most rows have nothing
            # to report, and are kept by their sheet's place and their number.
            if formulas:
                origin = Origin(file, sheet_name, table, row_number)
                warn_formulas(report, origin, formulas, positions, values)
            if notes and row_number in notes:
                origin = Origin(file, sheet_name, table, row_number)
                if noted(report, origin, notes.pop(row_number), layout.columns, values):
                    continue
            problem = None if short else too_long(values)
            if problem is None:
                result = validator(
                    {**values, missing: _MEETING_TO_FIND} if hint else values, bounds
                )
                if result.warnings:
                    origin = Origin(file, sheet_name, table, row_number)
                    for column, message in result.warnings:
                        report.warn(origin, column, message)
                problem = result.problem
            if problem:
                p = problem
                origin = Origin(file, sheet_name, table, row_number)
                report.reject(origin, p.column, p.reason, p.value, p.message, values)
                key = _ID_COLUMN.get(table)
                if key and not is_blank(values.get(key)):
                    report.rejected_ids.setdefault(table, set()).add(str(values[key]).strip())
            else:
                assert result.record is not None, "validated without a problem: a record"
                if hint:
                    result.record[missing] = None
                share_texts(result.record, shared_texts, shared)
                accepted.append(Candidate.at(place, row_number, result.record, hint))
        report.read(Origin(file, sheet_name, table, 0), read)
        if sheet.formula_count > len(formulas):
            report.warn(
                Origin(file, sheet_name, table, 0),
                "",
                english(
                    "loader_formulas_more",
                    where=where(sheet),
                    count=f"{sheet.formula_count:,}",
                    listed=f"{len(formulas):,}",
                ),
            )
