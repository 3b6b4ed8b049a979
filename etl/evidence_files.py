"""Photos and PDFs given to a load, attached to the status updates that name them.

A status update's `evidence_files` column names files given with it: in the same folder,
named on the command line or uploaded together. Each named file is checked by its content
as a form's are (musharaka.evidence.prepare: its type by its first bytes, the image
opened, the PDF parsed, sizes and counts), its EXIF and document metadata removed from
what is published. A row naming a file that was not given, or one that is refused, is
rejected with the file's name and why: a status update is saved with all its proof or not
at all, as a form's is. A file no kept row names is skipped, and said so, so that the
report still accounts for every file the load was given.

The address of a published file (what Musharaka's export writes in the column) is not a
file: a row loaded back from an export keeps the files its update already has; one whose
update does not have them is told so in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from etl.plan.base import Candidate
from etl.plan.spill import Spill
from etl.report import LoadReport
from musharaka.evidence import Checked, Prepared, prepare
from musharaka.loader_text import english
from musharaka.text import fold

COLUMN = "evidence_files"
# An export's cell: the address of a published file, /evidence/<sha256>.<ext>.
PUBLISHED = re.compile(r"(?:^|/)evidence/(?P<sha>[0-9a-f]{64})\.(?:jpg|png|webp|pdf)$")


@dataclass(frozen=True)
class Given:
    """A photo or PDF the load was given: its name as reported, where it is."""

    name: str
    path: Path


def given_files(paths: list[Path], names: Mapping[Path, str] | None = None) -> dict[str, Given]:
    """The files by their folded name (a row may write `Photo 1.JPG` for `photo 1.jpg`)."""
    found: dict[str, Given] = {}
    for path in paths:
        name = (names or {}).get(path, path.name)
        found.setdefault(fold(name), Given(name, path))
    return found


def published_sha(value: str) -> str | None:
    """The sha256 of a published file's address, None for a file's name."""
    match = PUBLISHED.search(value.strip())
    return match.group("sha") if match else None


def attach_to_updates(
    candidates: Iterable[Candidate],
    given: Mapping[str, Given],
    report: LoadReport,
    kept: list[Candidate] | Spill,
) -> list[Candidate]:
    """The status updates kept, appended to `kept`, each with its files prepared in
    `record["evidence"]` (and the addresses of already published files in
    `record["evidence_published"]`); a row naming a file not given or refused is
    rejected. Then each given file that no kept row names is skipped, with why. Returns
    the kept updates that carry files (a few: those the load stores files for)."""
    carrying: list[Candidate] = []
    used: dict[str, int] = {}
    named_by_rejected: set[str] = set()
    prepared_once: dict[str, Checked] = {}
    for candidate in candidates:
        record = candidate.record
        names = record.get(COLUMN) or ()
        if not names:
            kept.append(candidate)
            continue
        files, published, refusal = _files_of(names, given, prepared_once)
        if refusal is not None:
            report.reject(candidate.origin, COLUMN, *refusal, record=record)
            named_by_rejected.update(fold(n) for n in names)
            continue
        record["evidence"] = tuple(files)
        record["evidence_published"] = tuple(published)
        carrying.append(candidate)
        for prepared in files:
            key = fold(prepared.file_name)
            used[key] = used.get(key, 0) + 1
        kept.append(candidate)
    for key, file in given.items():
        if key in used:
            report.evidence.append({"file": file.name, "rows": used[key], "attached": 0})
        elif key in named_by_rejected:
            message = english("loader_evidence_rejected", name=file.name)
            report.skip(file.name, "evidence_rejected", message)
        else:
            message = english("loader_evidence_unused", name=file.name, column=COLUMN)
            report.skip(file.name, "evidence_unused", message)
    return carrying


Refusal = tuple[str, str, str]  # the reason, the value, the message


def _files_of(
    names: tuple[str, ...], given: Mapping[str, Given], prepared_once: dict[str, Checked]
) -> tuple[list[Prepared], list[str], Refusal | None]:
    """A row's files prepared, the published addresses it names, or why it is refused."""
    published = []
    wanted: list[Given] = []
    for name in names:
        sha = published_sha(name)
        if sha is not None:
            published.append(sha)
            continue
        file = given.get(fold(name))
        if file is None:
            message = english("loader_evidence_not_given", name=name)
            return [], [], ("missing_file", name, message)
        if file not in wanted:
            wanted.append(file)
    if not wanted:
        return [], published, None
    key = "\x1f".join(fold(f.name) for f in wanted)
    checked = prepared_once.get(key)
    if checked is None:
        try:
            contents = [(f.name, f.path.read_bytes()) for f in wanted]
        except OSError as error:
            message = english("loader_evidence_unreadable", name=wanted[0].name, why=error.strerror)
            return [], [], ("bad_file", wanted[0].name, message)
        checked = prepared_once[key] = prepare(contents)
    if checked.problems:
        problem = checked.problems[0]
        message = english(
            f"loader_evidence_{problem.reason}",
            name=problem.file_name or ", ".join(f.name for f in wanted),
            limit=problem.limit,
        )
        return [], [], ("bad_file", problem.file_name or ", ".join(names), message)
    return checked.files, published, None
