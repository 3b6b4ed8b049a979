"""The country's open data, assembled from the communes' files the publish has written.

The country's tables hold each commune's rows as that commune's files hold them, communes
by id, then the associations known by name alone (open_data.national_data). So each table
of the country is written by putting the communes' files end to end: a CSV file without
its head (byte-order mark and header line), a JSON file without its head (licence, date)
and tail, separated by commas. The files are read and written in chunks, never whole,
hashed on the way; a file whose hash is the one last published is left as it is. One
commune's update thus costs reading and writing the country's files once, not reading
the whole database and encoding every row again. The dictionary, the metadata, the data
package and the catalog are small and come from counts the database keeps by commune.
Same data, same bytes as open_data.national_files builds in memory (a test holds them
equal).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from etl.publish import incremental, open_data
from musharaka import licences
from musharaka.queries import open_data as queries

CHUNK = 1 << 20
# A piece of an assembled file: bytes as they are, or a part of a file already written
# (its path, where the part starts, where it ends).
Piece = bytes | tuple[Path, int, int]


@dataclass(frozen=True)
class Result:
    """One file of the country's open data: its path, its hash, and the bytes written
    (None: the file published last time had these bytes and was left alone)."""

    path: str
    sha256: str
    written: int | None


def fingerprint(communes: str, unplaced: list[dict]) -> str:
    """What the country's open data is made of: every commune's fingerprint (hashed in
    `communes`) and the associations known by name alone, which no commune holds."""
    return hashlib.sha256(f"{communes}|{unplaced!r}".encode()).hexdigest()


def _chunks(piece: Piece) -> Iterator[bytes]:
    if isinstance(piece, bytes):
        yield piece
        return
    path, start, end = piece
    with path.open("rb") as source:
        source.seek(start)
        left = end - start
        while left > 0:
            chunk = source.read(min(CHUNK, left))
            if not chunk:
                raise OSError(f"{path} was shortened while the country's files were written")
            left -= len(chunk)
            yield chunk


def _assemble(
    out_dir: Path, relative: str, pieces: Iterable[Piece], published: str | None
) -> Result:
    """The pieces, end to end, at `relative`: written under a temporary name while hashed,
    then renamed over the old file, or dropped when the old file has the same hash."""
    target = out_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=incremental.TEMP_PREFIX, dir=target.parent)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in pieces:
                for chunk in _chunks(piece):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
        content_hash = digest.hexdigest()
        if incremental.unchanged(out_dir, relative, published, content_hash):
            Path(temporary).unlink()
            return Result(relative, content_hash, None)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
        return Result(relative, content_hash, size)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _body(path: Path, head: bytes, tail: int) -> tuple[Path, int, int]:
    """The part of a commune's file between its head (checked) and its last `tail` bytes."""
    with path.open("rb") as source:
        if source.read(len(head)) != head:
            raise OSError(f"{path} is not the file the last publish wrote: publish again")
        end = source.seek(0, os.SEEK_END)
    if end < len(head) + tail:
        raise OSError(f"{path} is not the file the last publish wrote: publish again")
    return path, len(head), end - tail


def _csv_pieces(out_dir: Path, table: str, ids: list[int], unplaced: list[dict]) -> Iterator[Piece]:
    head = open_data.csv_head(table)
    yield head
    for commune_id in ids:
        path = out_dir / open_data.commune_folder(commune_id) / f"{table}.csv"
        yield _body(path, head, 0)
    if table == "associations" and unplaced:
        yield open_data.csv_rows_bytes(table, unplaced)


def _json_pieces(
    out_dir: Path,
    table: str,
    ids: list[int],
    updated: dict[int, dt.datetime],
    unplaced: list[dict],
) -> Iterator[Piece]:
    licence = licences.configured()
    newest = max(updated.values(), default=open_data.NEVER)
    yield open_data.json_head(table, newest, licence)
    tail = len(open_data.JSON_TAIL)
    first = True
    for commune_id in ids:
        path = out_dir / open_data.commune_folder(commune_id) / f"{table}.json"
        head = open_data.json_head(table, updated.get(commune_id, open_data.NEVER), licence)
        body = _body(path, head, tail)
        if body[2] > body[1]:
            if not first:
                yield b","
            yield body
            first = False
    if table == "associations" and unplaced:
        if not first:
            yield b","
        yield open_data.json_records_bytes(table, unplaced)
    yield open_data.JSON_TAIL


def write(
    connection: Connection, out_dir: Path, published: dict[str, str], unplaced: list[dict]
) -> list[Result]:
    """Write the country's open data into `out_dir` from the communes' files there (every
    commune holding data has its files written); `published`: each file's hash at the last
    publish."""
    rows = list(connection.execute(queries.commune_rows()))
    ids = [int(row.id) for row in rows]
    updated = open_data.updated_by_commune(connection)
    results = []
    described: dict[str, tuple[int, str]] = {}
    for table in open_data.TABLES:
        path = f"{open_data.DATA}/{table}.csv"
        result = _assemble(
            out_dir, path, _csv_pieces(out_dir, table, ids, unplaced), published.get(path)
        )
        results.append(result)
        described[f"{table}.csv"] = ((out_dir / path).stat().st_size, result.sha256)
    for table in open_data.TABLES:
        path = f"{open_data.DATA}/{table}.json"
        pieces = _json_pieces(out_dir, table, ids, updated, unplaced)
        results.append(_assemble(out_dir, path, pieces, published.get(path)))
    totals = {table: sum(int(getattr(row, table)) for row in rows) for table in open_data.TABLES}
    totals["associations"] += len(unplaced)
    for path, content in open_data.national_extras(rows, updated, totals, described).items():
        content_hash = incremental.digest(content)
        if incremental.unchanged(out_dir, path, published.get(path), content_hash):
            results.append(Result(path, content_hash, None))
        else:
            incremental.write_atomically(out_dir / path, content)
            results.append(Result(path, content_hash, len(content)))
    return results
