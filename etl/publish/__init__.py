"""`python -m etl publish --out DIR`: the public data as a static site any web server or
CDN serves, with no JavaScript needed to read it (docs/static-site.md).

The site is built scope by scope: the national scope (the front door, the indexes of
regions and provinces, the sitemap, the shared stylesheet and fonts) and one scope per
commune (its pages, its meetings' pages, its feeds). Each scope's files come from the
producers, functions of a connection and a commune's id (None for the national scope)
returning path -> bytes; a new kind of file is one more producer in PRODUCERS.

Incremental: a commune whose fingerprint (queries.fingerprint_parts) is the one in the
manifest is not built again; the national scope is built whenever any commune changed,
and of its files only those whose bytes changed are written: one commune's update
rewrites that commune's files and the pages above it (its province, its region, the
national index, the sitemap), nothing else. The country's open data is a scope of its
own, built last, when any commune changed: its tables are the communes' files put end to
end (etl.publish.national_data), read from the folder, not the database. A change of the
code, the catalogs or the site's addresses builds every scope again (and still writes
only what differs).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine

from etl.publish import incremental, national_data, open_data, queries, site
from etl.publish.incremental import Manifest, Scope
from musharaka import mail, static_site
from musharaka.i18n import UI

Producer = Callable[[Connection, int | None], dict[str, bytes]]
Progress = Callable[[str, int, int], None]


def commune_open_data(conn: Connection, commune_id: int | None) -> dict[str, bytes]:
    """A commune's open data (open_data.commune_files), in that commune's scope."""
    return {} if commune_id is None else open_data.commune_files(conn, commune_id)


PRODUCERS: list[Producer] = [
    site.national_pages,
    site.commune_pages,
    site.commune_feeds,
    site.association_feeds,
    commune_open_data,
]
NATIONAL = "national"
# The country's open data: assembled from the communes' files once they are written
# (etl.publish.national_data), so a scope of its own, built last.
NATIONAL_DATA = "national/data"
STAGE = "publish: scopes"


@dataclass
class PublishReport:
    """What a publish did to the folder."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    bytes_written: int = 0
    scopes_built: int = 0
    scopes_skipped: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"published: {len(self.written)} files written ({self.bytes_written:,} bytes), "
            f"{self.unchanged} unchanged, {len(self.removed)} removed; "
            f"{self.scopes_built} scopes built, {self.scopes_skipped} unchanged; "
            f"{self.seconds:.1f} s"
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "written": self.written,
                "unchanged": self.unchanged,
                "removed": self.removed,
                "bytes_written": self.bytes_written,
                "scopes_built": self.scopes_built,
                "scopes_skipped": self.scopes_skipped,
                "seconds": round(self.seconds, 3),
            },
            indent=1,
        )


def build_key(producers: Sequence[Producer]) -> str:
    """What every page depends on besides the data: this package's code, stylesheet and fonts,
    the catalogs' messages, the addresses of the site and the dashboard, the producers."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(
        [*package.rglob("*.py"), *package.rglob("*.css"), *package.rglob("*.woff2")]
    ):
        digest.update(path.read_bytes())
    digest.update(Path(static_site.__file__).read_bytes())
    digest.update(json.dumps(UI, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    digest.update(f"{static_site.static_url()}|{mail.public_url()}".encode())
    for producer in producers:
        digest.update(f"{producer.__module__}.{producer.__qualname__}".encode())
    return digest.hexdigest()


def fingerprints(conn: Connection) -> dict[int, str]:
    """Each commune's fingerprint: a hash of its row and of the counts, newest times and
    version sums of its records."""
    parts: dict[int, list[str]] = {}
    for index, query in enumerate(queries.fingerprint_parts()):
        for row in conn.execute(query):
            commune_id, *values = tuple(row)
            if index == 0:
                parts[int(commune_id)] = []
            if int(commune_id) in parts:
                parts[int(commune_id)].append(f"{index}:{values!r}")
    return {
        commune_id: hashlib.sha256("|".join(values).encode("utf-8")).hexdigest()
        for commune_id, values in parts.items()
    }


def publish(
    engine: Engine,
    out_dir: Path,
    *,
    producers: Sequence[Producer] = PRODUCERS,
    progress: Progress | None = None,
) -> PublishReport:
    """Build the site into `out_dir`, writing only what changed since the last publish."""
    started = time.perf_counter()
    tell = progress or (lambda stage, done, total: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    incremental.remove_leftovers(out_dir)
    old = incremental.read_manifest(out_dir)
    new = Manifest(build_key(producers))
    report = PublishReport()
    leftovers: list[str] = []  # files a scope no longer makes (another may make them now)
    with engine.connect() as conn:
        prints = fingerprints(conn)
        national = hashlib.sha256(json.dumps(sorted(prints.items())).encode()).hexdigest()
        scopes: list[tuple[str, int | None, str]] = [(NATIONAL, None, national)]
        scopes += [(f"commune/{cid}", cid, fp) for cid, fp in sorted(prints.items())]
        unplaced = open_data.unplaced_associations(conn)
        data_print = national_data.fingerprint(national, unplaced)
        total = len(scopes) + 1
        tell(STAGE, 0, total)
        for done, (name, commune_id, fingerprint) in enumerate(scopes, start=1):
            before = old.scopes.get(name)
            if not _kept(old, new, name, before, fingerprint, out_dir, report):
                files: dict[str, bytes] = {}
                for producer in producers:
                    files.update(producer(conn, commune_id))
                new.scopes[name] = _write_scope(
                    out_dir, files, before, fingerprint, report, leftovers
                )
                report.scopes_built += 1
            tell(STAGE, done, total)
        before = old.scopes.get(NATIONAL_DATA)
        if not _kept(old, new, NATIONAL_DATA, before, data_print, out_dir, report):
            published = before.files if before else {}
            results = national_data.write(conn, out_dir, published, unplaced)
            for result in results:
                if result.written is None:
                    report.unchanged += 1
                else:
                    report.written.append(result.path)
                    report.bytes_written += result.written
            made = {result.path for result in results}
            leftovers += [path for path in published if path not in made]
            new.scopes[NATIONAL_DATA] = Scope(data_print, {r.path: r.sha256 for r in results})
            report.scopes_built += 1
        tell(STAGE, total, total)
    for name, gone in old.scopes.items():
        if name not in new.scopes:  # a commune no longer in the database
            leftovers += gone.files
    # A file one scope no longer makes and another now makes stays (it was just written).
    claimed = {path for scope in new.scopes.values() for path in scope.files}
    _remove(out_dir, [path for path in leftovers if path not in claimed], report)
    incremental.write_atomically(out_dir / incremental.MANIFEST, new.to_json().encode("utf-8"))
    report.seconds = time.perf_counter() - started
    return report


def _kept(
    old: Manifest,
    new: Manifest,
    name: str,
    before: Scope | None,
    fingerprint: str,
    out_dir: Path,
    report: PublishReport,
) -> bool:
    """Keep a scope as last published when it stands (same code, same data, its files
    there), counting its files as unchanged; False when it must be built again."""
    if not (
        before
        and old.build == new.build
        and before.fingerprint == fingerprint
        and all((out_dir / path).is_file() for path in before.files)
    ):
        return False
    new.scopes[name] = before
    report.unchanged += len(before.files)
    report.scopes_skipped += 1
    return True


def _write_scope(
    out_dir: Path,
    files: dict[str, bytes],
    before: Scope | None,
    fingerprint: str,
    report: PublishReport,
    leftovers: list[str],
) -> Scope:
    published = before.files if before else {}
    hashes = {}
    for path, content in sorted(files.items()):
        content_hash = hashes[path] = incremental.digest(content)
        if incremental.unchanged(out_dir, path, published.get(path), content_hash):
            report.unchanged += 1
            continue
        incremental.write_atomically(out_dir / path, content)
        report.written.append(path)
        report.bytes_written += len(content)
    leftovers += [path for path in published if path not in files]
    return Scope(fingerprint, hashes)


def _remove(out_dir: Path, paths, report: PublishReport) -> None:
    for path in paths:
        if incremental.remove_file(out_dir, path):
            report.removed.append(path)
