"""What makes a publish incremental and atomic: the manifest of the last publish, and
writing one file by rename.

The manifest (`manifest.json` at the top of the site) holds, for each scope (the national
pages, one commune's pages), the fingerprint of the data it was built from and the hash of
each file it wrote. A scope whose fingerprint has not changed is not built again; a scope
that is built writes only the files whose bytes changed, and removes the files it no
longer makes. Each file is written under a temporary name in its own folder, then renamed
over the old one (`os.replace`, atomic on POSIX): a reader gets the old page or the new
one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
TEMP_PREFIX = ".publish-"


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass
class Scope:
    """One scope as last published: the data's fingerprint and each file's hash."""

    fingerprint: str
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256


@dataclass
class Manifest:
    build: str = ""  # the code, templates and settings the site was built with
    scopes: dict[str, Scope] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": MANIFEST_FORMAT,
                "build": self.build,
                "scopes": {
                    name: {
                        "fingerprint": scope.fingerprint,
                        "files": dict(sorted(scope.files.items())),
                    }
                    for name, scope in sorted(self.scopes.items())
                },
            },
            ensure_ascii=False,
            indent=1,
        )


def read_manifest(out_dir: Path) -> Manifest:
    """The last publish's manifest; an empty one when there is none or it cannot be read
    (everything is then built and compared with what is on disk)."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            return Manifest()
        scopes = {
            name: Scope(
                str(value["fingerprint"]), {str(k): str(v) for k, v in value["files"].items()}
            )
            for name, value in data["scopes"].items()
        }
        return Manifest(str(data.get("build", "")), scopes)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Manifest()


def write_atomically(path: Path, content: bytes) -> None:
    """`content` at `path`, by a rename from a temporary file in the same folder (same
    file system, so the rename is atomic); the temporary file never outlives a failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        # Readable by the web server, as a file written by cp would be.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unchanged(out_dir: Path, relative: str, published: str | None, content_hash: str) -> bool:
    """Whether the file the last publish wrote has these bytes and is still there (a file
    deleted by hand is written again; the files are not read back, which would cost a
    national site's whole size at every run)."""
    return published == content_hash and (out_dir / relative).is_file()


def remove_leftovers(out_dir: Path) -> int:
    """Remove the temporary files a publish killed while writing left behind (none is
    ever renamed into place after its process died)."""
    removed = 0
    for folder, _, names in os.walk(out_dir):
        for name in names:
            if name.startswith(TEMP_PREFIX):
                Path(folder, name).unlink(missing_ok=True)
                removed += 1
    return removed


def remove_file(out_dir: Path, relative: str) -> bool:
    """Remove a file the site no longer has, and its folder when that is left empty."""
    path = out_dir / relative
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    parent = path.parent
    while parent != out_dir and parent.is_relative_to(out_dir):
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent
    return True
