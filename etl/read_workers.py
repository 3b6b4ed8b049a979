"""A load's files read by worker processes, each file by one, while the others read
theirs: reading and validating is most of a load's time, and it is done file by file.

The result is the one reading the files one after the other gives: each worker reads a
file into a report of its own and, for the spilled tables, into spill files of its own,
and the load takes the files' reports, rows and spilled chunks in the order of the files,
whichever worker finished first. A file that cannot be read stops the load with its own
message, as it does read alone, and the files after it are not taken.

Processes are forked (Linux, macOS), so the workers share the code already imported and
the spill files the load opens for them before they start: those are deleted by the
system when closed, so nothing outlives a load, even one killed. Nothing here touches the
database: reading comes before the load's transaction.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import IO

from etl.errors import LoadError
from etl.plan import Candidate, Progress
from etl.plan.spill import Part, Spill, spill_file
from etl.reading import SPILLED, new_spill, read_one_file
from etl.report import LoadReport
from etl.validate import VALIDATORS


@dataclass
class FileRead:
    """One file as a worker read it: its report, the rows of the tables held in memory,
    and where the rows of the spilled tables are in that worker's spill files; or the
    message of why it could not be read (`error`), or the traceback of a defect met
    reading it (`defect`)."""

    report: LoadReport
    rows: dict[str, list[Candidate]] = field(default_factory=dict)
    parts: dict[str, Part] = field(default_factory=dict)
    error: str | None = None
    defect: str | None = None


class _Worker:
    """A forked process that reads the files it is sent, with its spill files."""

    def __init__(self, commune: str | None, keep_cells: bool) -> None:
        self.files: dict[str, IO[bytes]] = {table: spill_file() for table in SPILLED}
        self.connection, theirs = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork")
        self.process = context.Process(
            target=_serve,
            args=(theirs, self.files, commune, keep_cells),
            daemon=True,
            name="musharaka-reader",
        )
        self.process.start()
        theirs.close()
        self.reading: int | None = None  # the index of the file it is reading

    def send(self, index: int, path: Path, name: str) -> None:
        self.reading = index
        self.connection.send((path, name))

    def stop(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):  # a worker already gone
            self.connection.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def _serve(
    connection: Connection, files: dict[str, IO[bytes]], commune: str | None, keep_cells: bool
) -> None:
    """A worker's loop: read each file sent, answer with its FileRead, until None."""
    while (task := connection.recv()) is not None:
        path, name = task
        report = LoadReport(keep_cells=keep_cells)
        spills = {table: new_spill(table, files[table]) for table in SPILLED}
        accepted: dict[str, list[Candidate]] = {t: [] for t in VALIDATORS}
        accepted.update(spills)  # type: ignore[arg-type]
        try:
            read_one_file(path, name, report, accepted, commune=commune)
        except LoadError as error:
            connection.send(FileRead(report, error=str(error)))
            continue
        except Exception:  # a defect: said to the load, which stops with it
            connection.send(FileRead(report, defect=traceback.format_exc()))
            continue
        parts = {table: spill.part() for table, spill in spills.items()}
        rows = {t: r for t, r in accepted.items() if t not in SPILLED and r}
        connection.send(FileRead(report, rows, parts))


def read_in_workers(
    files: list[tuple[Path, str]],
    report: LoadReport,
    accepted: dict[str, list[Candidate]],
    progress: Progress,
    commune: str | None,
    workers: int,
) -> None:
    """Read `files` (path, reported name) with up to `workers` processes into `report`
    and `accepted` (whose spilled tables adopt the workers' spill files), as reading them
    in that order in this process would. Raises LoadError for the first file, in order,
    that cannot be read."""
    pool = [_Worker(commune, report.keep_cells) for _ in range(min(workers, len(files)))]
    for worker in pool:  # the load's spills close the workers' files with their own
        for table, file in worker.files.items():
            accepted[table].own(file)  # type: ignore[attr-defined]
    # The biggest files first: the last file given then is a small one, and no worker
    # reads a big file alone while the others wait at the end. Their rows are still
    # taken in the files' order (`done` keeps what is read ahead of its turn).
    waiting = deque(sorted(enumerate(files), key=lambda item: -_size(item[1][0])))
    done: dict[int, tuple[_Worker, FileRead]] = {}
    taken = 0

    def give(worker: _Worker) -> None:
        """The next file waiting, if any, to `worker`."""
        if waiting:
            index, (path, name) = waiting.popleft()
            worker.send(index, path, name)

    try:
        progress("reading files", 0, len(files))
        for worker in pool:
            give(worker)
        while taken < len(files):
            busy = {w.connection: w for w in pool if w.reading is not None}
            for ready in wait(list(busy)):
                worker = busy[ready]  # type: ignore[index]
                try:
                    read: FileRead = worker.connection.recv()
                except EOFError as gone:  # the process died (killed, out of memory)
                    name = files[worker.reading][1]  # type: ignore[index]
                    raise RuntimeError(f"the process reading {name} stopped") from gone
                done[worker.reading], worker.reading = (worker, read), None  # type: ignore[index]
                give(worker)
                progress("reading files", taken + len(done), len(files))
            while taken in done:  # the files in their order, as they are ready
                worker, read = done.pop(taken)
                _take(read, worker, report, accepted)
                taken += 1
    finally:
        for worker in pool:
            worker.stop()


def _size(path: Path) -> int:
    """A file's size, which is about how long it takes to read (0 if unknown)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _take(
    read: FileRead, worker: _Worker, report: LoadReport, accepted: dict[str, list[Candidate]]
) -> None:
    """One file's report and rows into the load's, after those of the files before it."""
    if read.defect is not None:
        raise RuntimeError(f"reading a file failed in a worker process:\n{read.defect}")
    report.absorb(read.report)
    if read.error is not None:
        raise LoadError(read.error)
    for table, rows in read.rows.items():
        accepted[table].extend(rows)
    for table, part in read.parts.items():
        spill: Spill = accepted[table]  # type: ignore[assignment]
        spill.adopt(worker.files[table], part)
