"""Rows kept on disk between reading and writing.

A national load reads about five million status updates. Held as records until they are
written, they alone took gigabytes; kept here, they take a temporary file and one chunk
in memory. The file is pickled a chunk at a time (pickle shares, within a chunk, the
texts rows repeat), read back in order as often as the plan needs, and deleted when the
spill is closed or collected. Nothing of it outlives the load.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from etl.plan.base import Candidate

# Rows pickled at once: big enough for pickle to share a chunk's repeated texts, small
# enough that a chunk read back is a few megabytes.
SPILL_CHUNK = 20_000

# What becomes of a checked row kept in a spill, by its place (a planner's `flags`): let
# go (merged, a conflicting repeat, unchanged or refused later), inserted or updated.
SKIP, INSERT, UPDATE = 0, 1, 2
# The flag of each outcome a planner decides (TablePlanner.outcome_of).
FLAG = {"inserted": INSERT, "updated": UPDATE, "unchanged": SKIP}


class Spill:
    """A list of candidates that only appends and iterates, its rows on disk. Iteration
    yields them in the order they were appended, as new Candidate objects each time."""

    def __init__(
        self,
        chunk: int | None = None,
        watch: str | None = None,
        prepare: Callable[[dict], None] | None = None,
    ) -> None:
        self._chunk = chunk or SPILL_CHUNK
        # What completes each record as it is appended, before it is pickled (the status
        # updates' fingerprint): done once, in the rows on disk, instead of in a second
        # spill of them.
        self.prepare = prepare
        # Whether a row has a value under `watch` (status updates naming evidence files):
        # a pass over the rows for that column is skipped when none has.
        self._watch, self.watched = watch, False
        self._buffer: list[tuple] = []
        self._offsets: list[int] = []  # where each pickled chunk starts in the file
        self._count = 0
        self._file: IO[bytes] | None = None
        # Whether a row waits for its meeting (a hint: etl.plan.meeting_hints), which is
        # chosen with all such rows in hand.
        self.hinted = False

    @classmethod
    def of(
        cls,
        candidates: Iterable[Candidate],
        chunk: int | None = None,
        prepare: Callable[[dict], None] | None = None,
    ) -> Spill:
        spill = cls(chunk, prepare=prepare)
        for candidate in candidates:
            spill.append(candidate)
        return spill

    def append(self, candidate: Candidate) -> None:
        if self.prepare is not None:
            self.prepare(candidate.record)
        if candidate.hint is not None:
            self.hinted = True
        if self._watch is not None and not self.watched and candidate.record.get(self._watch):
            self.watched = True
        self._buffer.append((candidate.place, candidate._row, candidate.record, candidate.hint))
        self._count += 1
        if len(self._buffer) >= self._chunk:
            self._flush()

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def _flush(self) -> None:
        if not self._buffer:
            return
        if self._file is None:
            # Deleted by the system as soon as it is closed, a crash included.
            self._file = tempfile.TemporaryFile(prefix="musharaka-load-")  # noqa: SIM115 (closed by close)
        self._file.seek(0, os.SEEK_END)
        self._offsets.append(self._file.tell())
        pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._buffer = []

    def chunks(self) -> Iterator[list[Candidate]]:
        """The rows a chunk at a time, in order."""
        for offset in list(self._offsets):
            assert self._file is not None
            self._file.seek(offset)
            yield [_candidate(item) for item in pickle.load(self._file)]
        if self._buffer:
            yield [_candidate(item) for item in self._buffer]

    def __iter__(self) -> Iterator[Candidate]:
        for chunk in self.chunks():
            yield from chunk

    def flagged(self, flags: bytearray, *wanted: int) -> Iterator[Candidate]:
        """The rows whose flag (by place: SKIP, INSERT, UPDATE) is one of `wanted`."""
        for place, candidate in enumerate(self):
            if flags[place] in wanted:
                yield candidate

    def at(self, places: set[int]) -> dict[int, Candidate]:
        """The rows at these places (their order of appending), read in one pass."""
        found: dict[int, Candidate] = {}
        if places:
            last = max(places)
            for place, candidate in enumerate(self):
                if place in places:
                    found[place] = candidate
                if place == last:
                    break
        return found

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._buffer, self._offsets, self._count = [], [], 0

    def __del__(self) -> None:
        self.close()


def _candidate(item: tuple) -> Candidate:
    place, row, record, hint = item
    candidate = Candidate.__new__(Candidate)
    candidate.place, candidate._row, candidate.record, candidate.hint = place, row, record, hint
    return candidate
