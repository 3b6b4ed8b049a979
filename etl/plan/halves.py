"""A pass over a big spill made by two processes at once: this one takes the first half
of its chunks, a forked one the second, and the second's result comes back through a
pipe to be joined to the first's in read order.

Checking a national first load's five million status updates is one core's work for
17 seconds while the other core waits (nothing else can start before: the
recommendations are written with the state those updates leave them in). Split, each
half takes about half of that.

Only for passes that touch neither the database nor anything shared but the spill: the
forked process inherits the load's connection and must not use it, and it leaves by
`os._exit` (multiprocessing's own end for a forked process), so that nothing of the
connection is closed or flushed from there. It reads the spill's files with `os.pread`,
at its own positions, never moving the offset the two processes share.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing import get_all_start_methods
from multiprocessing.connection import Connection
from typing import IO, TypeVar

from etl.plan.base import Candidate
from etl.plan.spill import Spill

# A spill split only from this many rows: below it, a fork costs more than it saves.
SPLIT_FROM = 400_000

First = TypeVar("First")
Second = TypeVar("Second")


def splittable(spill: Spill) -> bool:
    """Whether a pass over `spill` may be split: big enough, in chunks, processes forked,
    and this process running no other thread (a dashboard server's upload: a thread
    holding a lock when the process forks leaves it held for ever in the copy)."""
    return (
        len(spill) >= SPLIT_FROM
        and spill.chunk_count() >= 2
        and "fork" in get_all_start_methods()
        and _only_thread()
    )


def _only_thread() -> bool:
    return threading.active_count() == 1


def in_halves(
    spill: Spill,
    first: Callable[[Iterator[list[Candidate]]], First],
    second: Callable[[Iterator[list[Candidate]]], Second],
) -> tuple[First, Second]:
    """`first` over the first half of the spill's chunks here, and `second` over the
    rest in a forked process at the same time; both results. `second`'s must pickle.
    A defect in the forked process raises RuntimeError here with its traceback."""
    spill.flush_files()  # what this process buffered, on disk for the other to read
    middle = spill.chunk_count() // 2
    context = multiprocessing.get_context("fork")
    mine, theirs = context.Pipe(duplex=False)
    process = context.Process(
        target=_serve,
        args=(theirs, second, spill, middle),
        daemon=True,
        name="musharaka-check",
    )
    process.start()
    theirs.close()
    try:
        done = first(spill.chunks(stop=middle))
        try:
            answer = pickle.loads(mine.recv_bytes())
        except EOFError as gone:  # the process died (killed, out of memory)
            raise RuntimeError("the process checking the second half stopped") from gone
    finally:
        mine.close()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
    if isinstance(answer, _Defect):
        raise RuntimeError(f"checking the second half failed:\n{answer.trace}")
    return done, answer


class _Defect:
    def __init__(self, trace: str) -> None:
        self.trace = trace


def _serve(connection: Connection, work: Callable, spill: Spill, middle: int) -> None:
    try:
        result = work(spill.chunks(start=middle, read=positioned))
    except Exception:  # a defect: told to the load, which stops with it
        result = _Defect(traceback.format_exc())
    connection.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    connection.close()


class _At(io.RawIOBase):
    """A file read from a position of its own with pread: the offset the file shares
    with the process it was forked from is left alone."""

    def __init__(self, fd: int, position: int) -> None:
        self._fd, self._position = fd, position

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = os.pread(self._fd, len(buffer), self._position)
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)


def positioned(file: IO[bytes], offset: int) -> list[tuple]:
    """The chunk pickled at `offset` of `file`, read without moving the file's offset."""
    return pickle.load(io.BufferedReader(_At(file.fileno(), offset), buffer_size=1 << 20))
