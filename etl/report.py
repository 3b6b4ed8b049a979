"""The load report: what happened to every input row, per table and per file, the rejected
rows with where and why, and the warnings. Serialised as docs/command-line.md shows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import NamedTuple, NotRequired, TypedDict

OUTCOMES = ("inserted", "updated", "unchanged", "merged", "rejected")
REPORTED_TABLES = ("meetings", "recommendations", "status_updates")


class Origin(NamedTuple):
    """Where an input row came from: file, sheet ('' for text files), table, row number."""

    file: str
    sheet: str
    table: str
    row: int

    @property
    def source(self) -> tuple[str, int]:
        """The file and row, as a written row keeps them (etl.plan.status_updates.row)."""
        return self.file, self.row


# The sheet a row is in: (file, sheet, table), an Origin without its row.
Place = tuple[str, str, str]


class Reject(TypedDict):
    """A rejected row: where it was, which column, why (a reason code), what it held."""

    file: str
    sheet: str
    row: int
    table: str
    column: str
    reason: str
    value: str
    message: str


class LoadWarning(TypedDict):
    """Something loaded but worth a look; `row` is None for a whole file or sheet."""

    file: str
    sheet: str
    row: int | None
    table: str
    column: str
    message: str


class ReportDocument(TypedDict):
    """The report as written to JSON (docs/command-line.md)."""

    committed: bool
    dry_run: bool
    tables: dict[str, dict[str, int]]
    files: list[dict[str, object]]
    rejects: list[Reject]
    warnings: list[LoadWarning]
    sources: list[str]
    skipped: list[dict[str, str]]
    evidence: list[dict]
    error: NotRequired[str]


def _zero() -> dict[str, int]:
    return {"read": 0, **dict.fromkeys(OUTCOMES, 0)}


# What a rejected row's cells say of its place: (commune, meeting_id, recommendation_id).
Ref = tuple[str | None, str | None, str | None]


def _text(value: object) -> str | None:
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def reference(values: dict[str, object] | None) -> Ref:
    """The place a rejected row names, from its cells or its clean record."""
    if not values:
        return (None, None, None)
    return (
        _text(values.get("commune")),
        _text(values.get("meeting_id")),
        _text(values.get("recommendation_id")),
    )


@dataclass
class LoadReport:
    committed: bool = False
    dry_run: bool = False
    tables: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: _zero() for t in REPORTED_TABLES}
    )
    files: dict[tuple[str, str, str], dict[str, int]] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)
    error: str | None = None
    # The files actually read (a folder argument stands for the files in it), and those
    # given but not read, with why (etl.sources): together, every file the load was given.
    sources: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    # The photos and PDFs kept status updates name (etl.evidence_files): each file, how
    # many rows name it, and to how many status updates this load attached it.
    evidence: list[dict] = field(default_factory=list)
    # Ids named by rejected rows, per table: a row that refers to one is told why.
    rejected_ids: dict[str, set[str]] = field(default_factory=dict)
    # Only when asked (run_load's keep_cells): the cells of each rejected row as read, by
    # canonical column, keyed by (file, sheet, row), so that the rejects can be given back
    # to correct and load again. Rejected rows only: memory grows with them, not the load.
    keep_cells: bool = False
    rejected_cells: dict[tuple[str, str, int], dict[str, object]] = field(default_factory=dict)
    # Beside each reject, what its row says of its commune (etl.reject_communes), so that
    # an editor is shown only the rejected rows of their communes.
    reject_refs: list[Ref] = field(default_factory=list)

    def _counts(self, origin: Origin | Place) -> tuple[dict[str, int], dict[str, int]]:
        table = self.tables.get(origin[2])
        if table is None:
            table = self.tables[origin[2]] = _zero()
        key = origin[:3]  # (file, sheet, table)
        per_file = self.files.get(key)
        if per_file is None:
            per_file = self.files[key] = _zero()
        return table, per_file

    def add_sheet(self, file: str, sheet: str, table: str) -> None:
        self.files.setdefault((file, sheet, table), _zero())
        self.tables.setdefault(table, _zero())

    def read(self, origin: Origin, rows: int = 1) -> None:
        """Count rows read from the sheet `origin` names (its row number is not used)."""
        for counts in self._counts(origin):
            counts["read"] += rows

    def outcome(self, origin: Origin | Place, outcome: str, rows: int = 1) -> None:
        """Count a row's outcome (or `rows` rows'). A plan's rows give their sheet's
        `place` (file, sheet, table), shared by the sheet's rows, instead of an Origin
        made for each."""
        for counts in self._counts(origin):
            counts[outcome] += rows

    def tally(self) -> Tally:
        """A counter of outcomes for a pass over millions of rows (Tally)."""
        return Tally(self)

    def reject(
        self,
        origin: Origin,
        column: str,
        reason: str,
        value: object,
        message: str,
        cells: dict[str, object] | None = None,
        record: dict[str, object] | None = None,
    ) -> None:
        """Count a rejected row. `cells` as read (kept when keep_cells), or `record` once
        validated: what the row says of its commune is kept beside it (reject_refs)."""
        self.outcome(origin, "rejected")
        self.reject_refs.append(reference(cells if cells is not None else record))
        if self.keep_cells and cells is not None:
            self.rejected_cells[(origin.file, origin.sheet, origin.row)] = dict(cells)
        self.rejects.append(
            {
                "file": origin.file,
                "sheet": origin.sheet,
                "row": origin.row,
                "table": origin.table,
                "column": column,
                "reason": reason,
                "value": "" if value is None else str(value),
                "message": message,
            }
        )

    def skip(self, file: str, reason: str, message: str, warn: bool = True) -> None:
        """A file given to the load and not read; said in the warnings too, but for
        hidden files, which the people who keep the files do not see."""
        self.skipped.append({"file": file, "reason": reason, "message": message})
        if warn:
            self.warn(None, "", message, file, "")

    def warn(
        self, origin: Origin | None, column: str, message: str, file: str = "", sheet: str = ""
    ) -> None:
        self.warnings.append(
            {
                "file": origin.file if origin else file,
                "sheet": origin.sheet if origin else sheet,
                "row": origin.row if origin else None,
                "table": origin.table if origin else "",
                "column": column,
                "message": message,
            }
        )

    def absorb(self, other: LoadReport) -> None:
        """What `other` reported of the files it read, after what this report holds: a
        worker's report of one file (etl.read_workers), absorbed in the order of the
        files, leaves this report as one reading them all in that order would."""
        for table, counts in other.tables.items():
            mine = self.tables.setdefault(table, _zero())
            for outcome, count in counts.items():
                mine[outcome] += count
        for key, counts in other.files.items():
            mine = self.files.setdefault(key, _zero())
            for outcome, count in counts.items():
                mine[outcome] += count
        for table, ids in other.rejected_ids.items():
            self.rejected_ids.setdefault(table, set()).update(ids)
        self.rejects.extend(other.rejects)
        self.reject_refs.extend(other.reject_refs)
        self.rejected_cells.update(other.rejected_cells)
        self.warnings.extend(other.warnings)
        self.sources.extend(other.sources)
        self.skipped.extend(other.skipped)
        self.evidence.extend(other.evidence)

    @property
    def rows_read(self) -> int:
        return sum(c["read"] for c in self.tables.values())

    @property
    def rows_rejected(self) -> int:
        return sum(c["rejected"] for c in self.tables.values())

    def balanced(self) -> bool:
        """Every row read ended in exactly one outcome, per table and per file."""
        groups = [*self.tables.values(), *self.files.values()]
        return all(c["read"] == sum(c[o] for o in OUTCOMES) for c in groups)

    def as_dict(self) -> ReportDocument:
        document: ReportDocument = {
            "committed": self.committed,
            "dry_run": self.dry_run,
            "tables": {t: c for t, c in self.tables.items() if t in REPORTED_TABLES or c["read"]},
            "files": [
                {"file": f, "sheet": s, "table": t, **counts}
                for (f, s, t), counts in self.files.items()
            ],
            "rejects": sorted(self.rejects, key=_place),
            "warnings": sorted(self.warnings, key=_place),
            "sources": list(self.sources),
            "skipped": list(self.skipped),
            "evidence": [dict(e) for e in self.evidence],
        }
        if self.error:
            document["error"] = self.error
        return document

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def summary(self) -> str:
        """A few lines for the terminal: counts per table, then the first rejects."""
        lines = []
        state = (
            "dry run, nothing committed"
            if self.dry_run
            else ("committed" if self.committed else "NOT committed")
        )
        lines.append(f"Load {state}: {self.rows_read} rows read, {self.rows_rejected} rejected.")
        width = max(len(t) for t in self.tables)
        lines.append(f"  {'table':<{width}}  {'read':>7}" + "".join(f"  {o:>9}" for o in OUTCOMES))
        for table, counts in self.tables.items():
            lines.append(
                f"  {table:<{width}}  {counts['read']:>7}"
                + "".join(f"  {counts[o]:>9}" for o in OUTCOMES)
            )
        for reject in sorted(self.rejects, key=_place)[:20]:
            where = reject["file"] + (f" [{reject['sheet']}]" if reject["sheet"] else "")
            lines.append(
                f"  rejected {where} row {reject['row']}, {reject['column']}: "
                f"{reject['reason']}: {reject['message']}"
            )
        if len(self.rejects) > 20:
            lines.append(f"  ... and {len(self.rejects) - 20} more rejected rows (see --report)")
        for skipped in self.skipped[:20]:
            lines.append(f"  {skipped['message']}")
        if len(self.skipped) > 20:
            lines.append(f"  ... and {len(self.skipped) - 20} more files skipped (see --report)")
        if self.warnings:
            lines.append(f"  {len(self.warnings)} warning(s) (see --report)")
        if self.error:
            lines.append(f"  error: {self.error}")
        return "\n".join(lines)


def _place(entry: Reject | LoadWarning) -> tuple[str, str, int]:
    return (entry["file"], entry["sheet"], entry["row"] or 0)


# The keys every report has (as_dict), with their types: what a load report is known by.
_REPORT_SHAPE = {
    "committed": bool,
    "tables": dict,
    "files": list,
    "rejects": list,
    "warnings": list,
}


def is_load_report(document: object) -> bool:
    """True when a parsed JSON document is a load report (as_dict), whatever its file's
    name: what `python -m etl load --report` writes, and what load_runs keep."""
    return isinstance(document, dict) and all(
        isinstance(document.get(key), kind) for key, kind in _REPORT_SHAPE.items()
    )


class Tally:
    """Outcomes counted a run at a time, into the report when closed: a plan decides
    millions of rows in read order, nearly all of one sheet after another and with one
    outcome, and counting each in the report (two lookups and two additions) cost a
    national load seconds. `add` is one comparison for a row like the one before.
    A tally never closed counts nothing (a pass whose decisions are taken back)."""

    def __init__(self, report: LoadReport) -> None:
        self._report = report
        self._counts: dict[tuple[Place, str], int] = {}
        self._place: Place | None = None
        self._outcome = ""
        self._rows = 0

    def add(self, place: Place, outcome: str) -> None:
        if outcome == self._outcome and (place is self._place or place == self._place):
            self._rows += 1
            return
        self._end_run()
        self._place, self._outcome, self._rows = place, outcome, 1

    def _end_run(self) -> None:
        if self._rows:
            assert self._place is not None
            key = (self._place, self._outcome)
            self._counts[key] = self._counts.get(key, 0) + self._rows
        self._rows = 0

    def pending(self) -> dict[tuple[Place, str], int]:
        """What this tally counted, not yet in its report (for `include` elsewhere)."""
        self._end_run()
        return dict(self._counts)

    def include(self, counts: dict[tuple[Place, str], int]) -> None:
        """Another tally's `pending` counts, counted here too (one of rows read after)."""
        self._end_run()
        for key, rows in counts.items():
            self._counts[key] = self._counts.get(key, 0) + rows

    def close(self) -> None:
        self._end_run()
        for (place, outcome), rows in self._counts.items():
            self._report.outcome(place, outcome, rows)
        self._counts = {}
