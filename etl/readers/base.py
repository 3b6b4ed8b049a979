"""What every reader shares: the layout it recognises in a sheet, what reading is given
(ReadContext), the Reader interface, and the per-cell rules of every source (length
limits, blank rows, notes from reading, formulas)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Protocol

from etl.delimited import RowNote
from etl.extract import RawSheet
from etl.plan import Candidate
from etl.report import LoadReport, Origin
from etl.validate import Problem
from musharaka.loader_text import english
from musharaka.models import Association, Commune, Meeting, Recommendation, text_limit
from musharaka.parsing import is_blank

# Rows (numbered from 1) with their cells, as a sheet gives them.
Rows = Iterable[tuple[int, list[object]]]


@dataclass
class Layout:
    """Where a table's data is in a sheet: its header row and which cell holds which column
    (canonical columns, or the source's own names), and the reader that reads it."""

    table: str
    header_row: int
    columns: dict[int, str]  # cell index -> column
    notes: list[str] = field(default_factory=list)  # ignored or repeated headers
    reader: Reader | None = field(default=None, compare=False, repr=False)


class LayoutError(Exception):
    """A sheet named as a table whose header row cannot be found (the message says why)."""


@dataclass
class ReadContext:
    """What a reader is given beside the sheet: `accepted` collects each table's
    validated rows; `commune` is the commune of sources that name none (Decidim);
    `above` the rows above the header (titles, where a meeting may be named); `shared`
    one object for each value of the texts many rows repeat (SHARED), for the whole
    reading."""

    accepted: dict[str, list[Candidate]]
    progress: Callable[[str, int, int], None]
    commune: str | None = None
    above: list[tuple[int, list[object]]] = field(default_factory=list)
    shared: dict[str, str] = field(default_factory=dict)


# The texts of a record that many rows repeat: a recommendation's id in each of its
# updates, the commune and meeting of every row, the few reporters and notes of a
# commune. A load holds every record until it writes; each of these values is kept once
# (with the same value, the same object) instead of once per row that reads it.
SHARED = {
    "status_updates": ("recommendation_id", "note", "reported_by"),
    "recommendations": (
        "recommendation_id",
        "meeting_id",
        "domain_text",
        "responsible",
        "location",
    ),
    "meetings": ("commune", "province", "kind", "edition", "location", "chair", "facilitator"),
    "associations": ("commune", "location"),
    "douars": ("commune", "province"),
}


def share_texts(record: dict, names: Sequence[str], shared: dict[str, str]) -> None:
    """Each text of `names` in `record` replaced by the first object of the same value."""
    for name in names:
        value = record.get(name)
        if value.__class__ is str:
            record[name] = shared.setdefault(value, value)


class Reader(Protocol):
    """One source layout. `recognise` is asked about each of a sheet's first rows and
    returns the layout when that row is its header (`named_table`: the table the sheet's
    or file's name announces, or None); `read` validates the data rows under that header,
    adding each accepted row to `context.accepted` and each reject and warning to the
    report, and counting the rows it read."""

    def recognise(
        self, row_number: int, cells: list[object], named_table: str | None
    ) -> Layout | None: ...

    def read(
        self, sheet: RawSheet, layout: Layout, rows: Rows, report: LoadReport, context: ReadContext
    ) -> None: ...


# The most characters a spreadsheet cell holds (Excel's limit): a longer cell cannot have
# been typed in one, and is refused with its row rather than stored (text is never cut).
MAX_CELL_CHARS = 32_767
# Columns stored in shorter database columns: a longer value is refused with its row,
# instead of the database refusing the whole load.
CELL_LIMITS = {
    "meeting_id": text_limit(Meeting.__table__.c.code),
    "recommendation_id": text_limit(Recommendation.__table__.c.code),
    "commune": text_limit(Commune.__table__.c.name),
    "province": text_limit(Commune.__table__.c.province),
    "edition": text_limit(Meeting.__table__.c.edition),
    "name": text_limit(Association.__table__.c.key),
    "phone": text_limit(Association.__table__.c.phone),
    "email": text_limit(Association.__table__.c.email),
    "parent_id": text_limit(Recommendation.__table__.c.parent_code),
    "pac_ref": text_limit(Recommendation.__table__.c.pac_ref),
    "budget_line": text_limit(Recommendation.__table__.c.budget_line),
}
SHORTEST_LIMIT = min(CELL_LIMITS.values())


def too_long(values: dict[str, object]) -> Problem | None:
    """A cell longer than its column takes (too_long), or None."""
    for column, value in values.items():
        # Called for every row of every load: most cells are shorter than any limit.
        if type(value) is str and len(value) > SHORTEST_LIMIT:
            limit = CELL_LIMITS.get(column, MAX_CELL_CHARS)
            if len(value) > limit and len(value.strip()) > limit:
                key = (
                    "loader_too_long_cell" if limit == MAX_CELL_CHARS else "loader_too_long_column"
                )
                message = english(key, column=column, length=f"{len(value):,}", limit=f"{limit:,}")
                return Problem(column, "too_long", value[:60] + "…", message)
    return None


def noted(report, origin: Origin, note: RowNote, columns, values) -> bool:
    """Report what reading found about a row; True when the row is rejected for it."""
    column = columns.get(note.cell, "") if note.cell is not None else ""
    if note.reason is None:
        report.warn(origin, column, note.message)
        return False
    value = values.get(column) if column else None
    shown = "" if is_blank(value) else str(value)[:60]
    report.reject(origin, column, note.reason, shown, note.message, values)
    return True


def warn_formulas(report, origin: Origin, formulas, positions, values) -> None:
    for index, column in positions:
        formula = formulas.get((origin.row, index))
        if formula is None:
            continue
        shown = formula if len(formula) <= 100 else formula[:100] + "…"
        if is_blank(values.get(column)):
            message = english("loader_formula_empty", formula=shown)
        else:
            message = english("loader_formula_value", formula=shown)
        report.warn(origin, column, message)


def blank_row(cells: list[object]) -> bool:
    # The ignore below: a workbook's cells are not all strings, and say so by the TypeError.
    try:  # text files: every cell is a string
        return not "".join(cells).strip()  # type: ignore[arg-type]
    except TypeError:
        return all_blank(cells)


def all_blank(cells: list[object]) -> bool:
    return all(is_blank(cell) for cell in cells)


def cell_picker(indexes: Sequence[int]) -> Callable[[list[object]], tuple]:
    """The cells at `indexes` of a row long enough to have them, as a tuple, in one call."""
    if len(indexes) == 1:  # itemgetter gives one index's cell alone, not in a tuple
        index = indexes[0]
        return lambda cells: (cells[index],)
    return itemgetter(*indexes)


def where(sheet: RawSheet) -> str:
    """A sheet as messages name it: its file, and its sheet when it has one."""
    return sheet.file + (f" [{sheet.sheet}]" if sheet.sheet else "")
