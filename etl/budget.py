"""What one load may read: at most so many cells, within so many seconds.

An upload is read on the server while a person waits and others use the same server, so
the Upload page gives each check limits (musharaka.services.uploads); the command line has none.
The cells are counted as rows are read, so that a file is refused as it crosses a limit,
not after it has been read whole; a row counts as many cells as it has up to its last one
(a workbook row up to its last cell with a value).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from musharaka.loader_text import english


@dataclass(frozen=True)
class ReadLimits:
    """The most one load reads: cells in all its files, seconds of reading (None: no
    limit)."""

    cells: int | None = None
    seconds: float | None = None


class OverBudget(Exception):
    """A load that crossed one of its limits (the message says where and which)."""


class ReadBudget:
    """The cells read and the time spent so far by one load, against its limits."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.cells = 0
        self.started = time.monotonic()

    def rows(
        self, rows: Iterable[tuple[int, list[object]]], where: str
    ) -> Iterator[tuple[int, list[object]]]:
        """The rows of one sheet, counted; OverBudget once a limit is crossed."""
        most_cells, most_seconds = self.limits.cells, self.limits.seconds
        for number, cells in rows:
            self.cells += len(cells)
            if most_cells is not None and self.cells > most_cells:
                raise OverBudget(
                    english(
                        "loader_extract_budget_cells",
                        where=where,
                        row=str(number),
                        limit=f"{most_cells:,}",
                    )
                )
            if most_seconds is not None and time.monotonic() - self.started > most_seconds:
                raise OverBudget(
                    english(
                        "loader_extract_budget_seconds",
                        where=where,
                        row=str(number),
                        seconds=f"{most_seconds:g}",
                    )
                )
            yield number, cells
