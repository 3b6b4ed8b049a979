"""Rows kept on disk between reading and writing.

A national load reads about five million status updates. Held as records until they are
written, they alone took gigabytes; kept here, they take a temporary file and one chunk
in memory. The file is pickled a chunk at a time (pickle shares, within a chunk, the
texts rows repeat), read back in order as often as the plan needs, and deleted when the
spill is closed or collected. Nothing of it outlives the load.

Files read by worker processes (etl.read_workers) spill into files of their own, opened
here before the workers start: a worker appends a file's rows to them and says where
(a `Part`), and the load's spill adopts those chunks in the order of the files.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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


# What reads one pickled chunk, given its file and where it starts there.
ChunkReader = Callable[[IO[bytes], int], list[tuple]]


def spill_file() -> IO[bytes]:
    """A file for spilled rows, deleted by the system as soon as it is closed, a crash
    included."""
    return tempfile.TemporaryFile(prefix="musharaka-load-")


@dataclass(frozen=True)
class Part:
    """What a spill wrote to a file it was lent (`Spill(file=...)`), for another spill to
    adopt: where its chunks start, how many rows, and its flags."""

    offsets: tuple[int, ...]
    count: int
    hinted: bool
    watched: bool


class Spill:
    """A list of candidates that only appends and iterates, its rows on disk. Iteration
    yields them in the order they were appended, as new Candidate objects each time."""

    def __init__(
        self,
        chunk: int | None = None,
        watch: str | None = None,
        prepare: Callable[[dict], None] | None = None,
        file: IO[bytes] | None = None,
    ) -> None:
        """`file`: a file lent to this spill (a worker's), appended to and left open;
        otherwise the spill makes its own when it first flushes."""
        self._chunk = chunk or SPILL_CHUNK
        # What completes each record as it is appended, before it is pickled (the status
        # updates' fingerprint): done once, in the rows on disk, instead of in a second
        # spill of them.
        self.prepare = prepare
        # Whether a row has a value under `watch` (status updates naming evidence files):
        # a pass over the rows for that column is skipped when none has.
        self._watch, self.watched = watch, False
        self._buffer: list[tuple] = []
        # Each pickled chunk: the file it is in and where it starts there.
        self._chunks: list[tuple[IO[bytes], int]] = []
        self._count = 0
        self._file: IO[bytes] | None = file
        self._lent = file is not None
        # The files of the chunks this spill adopted (a worker's): closed with it.
        self._adopted: list[IO[bytes]] = []
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
            self._file = spill_file()
        self._file.seek(0, os.SEEK_END)
        self._chunks.append((self._file, self._file.tell()))
        pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._buffer = []

    def part(self) -> Part:
        """This spill's rows, all on its file, as another spill adopts them (which may be
        in another process: the file's buffer is written out)."""
        self._flush()
        if self._file is not None:
            self._file.flush()
        offsets = tuple(offset for _, offset in self._chunks)
        return Part(offsets, self._count, self.hinted, self.watched)

    def adopt(self, file: IO[bytes], part: Part) -> None:
        """Rows another spill wrote to `file` (see `part`), after this spill's own: they
        are read from there. The file is closed with this spill once it `own`s it (the
        load owns each worker's file before the worker starts, rows or none)."""
        if self._buffer:  # kept in order: what this spill holds comes first
            self._flush()
        self._chunks.extend((file, offset) for offset in part.offsets)
        self._count += part.count
        self.hinted |= part.hinted
        self.watched |= part.watched

    def own(self, file: IO[bytes]) -> None:
        """Close `file` with this spill (a worker's, whose chunks it adopts)."""
        self._adopted.append(file)

    def chunks(
        self, start: int = 0, stop: int | None = None, read: ChunkReader | None = None
    ) -> Iterator[list[Candidate]]:
        """The rows a chunk at a time, in order; only the chunks from `start` to `stop`
        when given (what is not yet on disk counts as after the last), each read by
        `read` (file, offset) instead of here (etl.plan.halves)."""
        for stored in self._stored(start, stop, read):
            yield [Candidate.at(*item) for item in stored]

    def chunk_count(self) -> int:
        """How many chunks are on disk."""
        return len(self._chunks)

    def flush_files(self) -> None:
        """What the spill's files buffered, written out (for another process to read)."""
        for file in {id(file): file for file, _ in self._chunks}.values():
            file.flush()

    def __iter__(self) -> Iterator[Candidate]:
        for chunk in self.chunks():
            yield from chunk

    def flagged(self, flags: bytearray, *wanted: int) -> Iterator[Candidate]:
        """The rows whose flag (by place: SKIP, INSERT, UPDATE) is one of `wanted`."""
        for item in self._flagged(flags, wanted):
            yield Candidate.at(*item)

    def sources_flagged(
        self, flags: bytearray, wanted: int
    ) -> Iterator[tuple[dict, tuple[str, int]]]:
        """The record and source (file, row) of each row whose flag is `wanted`: what
        `flagged` gives, without a Candidate made for each of millions of rows."""
        for where, row, record, _ in self._flagged(flags, (wanted,)):
            yield record, (where[0], row)

    def _flagged(self, flags: bytearray, wanted: tuple[int, ...]) -> Iterator[tuple]:
        """The rows as stored whose flag is one of `wanted`."""
        place = 0
        for stored in self._stored():
            for item in stored:
                if flags[place] in wanted:
                    yield item
                place += 1

    def _stored(
        self, start: int = 0, stop: int | None = None, read: ChunkReader | None = None
    ) -> Iterator[list[tuple]]:
        """The rows as stored (place, row, record, hint), a chunk at a time, in order."""
        for file, offset in self._chunks[start:stop]:
            if read is not None:
                yield read(file, offset)
                continue
            file.seek(offset)
            yield pickle.load(file)
        if self._buffer and stop is None:
            yield self._buffer

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
        if self._file is not None and not self._lent:
            self._file.close()
        self._file = None
        for file in self._adopted:
            file.close()
        self._adopted = []
        self._buffer, self._chunks, self._count = [], [], 0

    def __del__(self) -> None:
        self.close()
