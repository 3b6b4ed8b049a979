"""What a load is given: each file named, and every entry of each folder named, either a
file to read or skipped with why, so that a load accounts for every file it was given
(the report's `sources` and `skipped`). Listing a folder opens no file.

A file named by itself is read whatever its name; one of a type Musharaka does not read
stops the load (the person asked for it). In a folder, a file of another type is skipped
and said so, as are the lock files Excel, Word and LibreOffice leave beside an open file,
hidden files and subfolders (their files are not read). Photos and PDFs, in a folder or
named, are set apart as evidence: the status updates that name them carry them
(etl.evidence_files), and one that no row names is skipped then, and said so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from etl.extract import SUPPORTED_SUFFIXES, ExtractError
from musharaka.evidence import ACCEPTED_SUFFIXES
from musharaka.loader_text import english

# Why a file was not read (the report's `skipped[].reason`): the last two are evidence
# files that no row kept by the load names (etl.evidence_files).
SKIP_REASONS = (
    "unsupported_type",
    "lock_file",
    "hidden",
    "folder",
    "load_report",
    "evidence_unused",
    "evidence_rejected",
)
# Photos and PDFs: evidence for the status updates that name them, not data.
EVIDENCE_SUFFIXES = tuple(f".{suffix}" for suffix in ACCEPTED_SUFFIXES)
# LibreOffice's lock file beside `name.ods`: `.~lock.name.ods#`.
_LIBREOFFICE_LOCK = re.compile(r"\.~lock\.(?P<name>.+)#")


@dataclass(frozen=True)
class Skipped:
    """A file given to a load and not read: its name, why (SKIP_REASONS), what to say."""

    file: str
    reason: str
    message: str


@dataclass
class Sources:
    files: list[Path] = field(default_factory=list)  # to read, in this order
    skipped: list[Skipped] = field(default_factory=list)
    evidence: list[Path] = field(default_factory=list)  # photos and PDFs


def types_read() -> str:
    return ", ".join(SUPPORTED_SUFFIXES)


def list_sources(paths: list[Path]) -> Sources:
    """The files to read and the entries skipped, for the paths a load was given.

    Raises ExtractError for a path that does not exist and for a file named by itself
    whose type Musharaka does not read (the message lists the types it reads)."""
    sources = Sources()
    named: list[Path] = []
    for path in paths:
        if path.is_dir():
            for entry in sorted(path.iterdir()):
                skipped = skip_reason(entry)
                if skipped is None and entry.suffix.lower() in EVIDENCE_SUFFIXES:
                    sources.evidence.append(entry)
                elif skipped is None:
                    sources.files.append(entry)
                else:
                    sources.skipped.append(skipped)
        elif path.is_file() and path.suffix.lower() in EVIDENCE_SUFFIXES:
            sources.evidence.append(path)
        elif path.is_file():
            sources.files.append(path)
            named.append(path)
        else:
            raise ExtractError(english("loader_extract_no_such_path", name=path.name))
    for path in named:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise ExtractError(
                english(
                    "loader_extract_unsupported",
                    name=path.name,
                    suffix=path.suffix,
                    types=types_read(),
                )
            )
    return sources


def skip_reason(entry: Path) -> Skipped | None:
    """Why an entry of a folder is not read, or None for a file to read."""
    name = entry.name
    lock = _LIBREOFFICE_LOCK.fullmatch(name)
    if lock or name.startswith("~$"):
        # Excel and Word name theirs `~$` and the file's name, its first two letters cut
        # off when it is long; the file itself, beside it, is read as it was last saved.
        owner = f"'{lock.group('name')}'" if lock else f"'…{name[2:]}'"
        program = "libreoffice" if lock else "office"
        return Skipped(
            name, "lock_file", english(f"loader_skipped_lock_{program}", name=name, owner=owner)
        )
    if name.startswith("."):
        return Skipped(name, "hidden", english("loader_skipped_hidden", name=name))
    if entry.is_dir():
        return Skipped(name, "folder", english("loader_skipped_folder", name=name))
    if not entry.is_file():  # a link to nothing, a device
        return Skipped(name, "unsupported_type", english("loader_skipped_not_file", name=name))
    suffix = entry.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES and suffix not in EVIDENCE_SUFFIXES:
        message = (
            english("loader_skipped_type", name=name, suffix=entry.suffix, types=types_read())
            if suffix
            else english("loader_skipped_no_extension", name=name, types=types_read())
        )
        return Skipped(name, "unsupported_type", message)
    return None
