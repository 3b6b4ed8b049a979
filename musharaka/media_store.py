"""Where evidence files live: MUSHARAKA_MEDIA_DIR (default data/media), named by sha256.

    public/ab/<sha256>.<ext>     what visitors may download: re-encoded photos, their
                                 thumbnails, PDFs (served by serve.py at /evidence/...)
    originals/ab/<sha256>.<ext>  photos as sent, kept only when the administrator says so;
                                 never served to visitors

A save writes its files under temporary names *before* its transaction commits
(`stage`), renames them into place once it has committed (`Staged.promote`) and deletes
them when it did not (`Staged.discard`). A process that dies between the two leaves only
temporary files or unreferenced files, which `sweep` removes (`python -m musharaka media
sweep`): the database never names a file that is not there.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, select

from musharaka.config import DATA_DIR
from musharaka.evidence import EXTENSIONS, Prepared, Stored

PUBLIC, ORIGINALS = "public", "originals"
TEMP_PREFIX = ".tmp-"
# A temporary file younger than this may belong to a save still running: the sweep keeps it.
SWEEP_GRACE = dt.timedelta(hours=1)
KEEP_ORIGINALS_SETTING = "media_keep_originals"
SHA_LENGTH = 64


def media_dir() -> Path:
    value = os.environ.get("MUSHARAKA_MEDIA_DIR", "").strip()
    return Path(value) if value else DATA_DIR / "media"


def path_of(area: str, name: str, root: Path | None = None) -> Path:
    """A stored file's path from its name `<sha256>.<ext>` (checked: nothing else opens)."""
    sha, _, ext = name.partition(".")
    if len(sha) != SHA_LENGTH or not all(c in "0123456789abcdef" for c in sha):
        raise ValueError(f"not a stored file's name: {name!r}")
    if ext not in EXTENSIONS.values():
        raise ValueError(f"not a stored file's name: {name!r}")
    return (root or media_dir()) / area / sha[:2] / name


@dataclass
class Staged:
    """Files written under temporary names, waiting for their transaction's outcome."""

    moves: list[tuple[Path, Path]] = field(default_factory=list)  # temporary -> final

    def promote(self) -> None:
        """The transaction committed: every file takes its name (atomic rename)."""
        for temporary, final in self.moves:
            os.replace(temporary, final)
        self.moves.clear()

    def discard(self) -> None:
        """The transaction did not commit: its files are gone."""
        for temporary, _ in self.moves:
            temporary.unlink(missing_ok=True)
        self.moves.clear()


def stage(files: Iterable[Prepared], *, keep_originals: bool, root: Path | None = None) -> Staged:
    """Write the files' published forms, thumbnails and (when kept) originals under
    temporary names beside their final ones; a file already stored is not written again."""
    staged = Staged()
    try:
        for prepared in files:
            for area, stored in _stored_forms(prepared, keep_originals):
                final = path_of(area, stored.name, root)
                if final.exists():
                    # Young again: the sweep leaves it to the transaction that names it.
                    os.utime(final)
                    continue
                final.parent.mkdir(parents=True, exist_ok=True)
                temporary = final.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}-{final.name}")
                temporary.write_bytes(stored.data)
                staged.moves.append((temporary, final))
    except OSError:
        staged.discard()
        raise
    return staged


def _stored_forms(prepared: Prepared, keep_originals: bool) -> Iterator[tuple[str, Stored]]:
    yield PUBLIC, prepared.published
    if prepared.thumbnail is not None:
        yield PUBLIC, prepared.thumbnail
    if keep_originals and prepared.original.sha256 != prepared.published.sha256:
        yield ORIGINALS, prepared.original


def referenced(conn: Connection) -> dict[str, set[str]]:
    """The sha256 of every file the database names, by area."""
    from musharaka.models import EvidenceFile

    public: set[str] = set()
    originals: set[str] = set()
    rows = conn.execute(
        select(EvidenceFile.sha256, EvidenceFile.thumb_sha256, EvidenceFile.original_sha256)
    )
    for sha, thumb, original in rows:
        public.add(sha)
        if thumb:
            public.add(thumb)
        if original:
            originals.add(original)
    return {PUBLIC: public, ORIGINALS: originals}


def sweep(conn: Connection, *, root: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove the files no row names and the temporary files older than SWEEP_GRACE; the
    removed paths."""
    base = root or media_dir()
    keep = referenced(conn)
    oldest = (now or time.time()) - SWEEP_GRACE.total_seconds()
    removed = []
    for area, names in keep.items():
        folder = base / area
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*/*")):
            # A temporary file, or a file no row names (written before a transaction that
            # then failed, or whose rows are gone): removed once older than the grace.
            unnamed = path.name.startswith(TEMP_PREFIX) or path.name.partition(".")[0] not in names
            if unnamed and path.stat().st_mtime < oldest:
                path.unlink()
                removed.append(path)
    return removed


def read_public(name: str, root: Path | None = None) -> bytes | None:
    try:
        return path_of(PUBLIC, name, root).read_bytes()
    except (ValueError, OSError):
        return None


def read_original(name: str, root: Path | None = None) -> bytes | None:
    try:
        return path_of(ORIGINALS, name, root).read_bytes()
    except (ValueError, OSError):
        return None
